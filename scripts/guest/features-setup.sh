#!/bin/sh
# The features guest (make test-features), before its suites: shmem THP on (6.12 has no boot
# option for it; mTHP sizes and hugetlb pages come from the command line), then what the guest
# has, for the log.
thp=/sys/kernel/mm/transparent_hugepage
echo always > $thp/shmem_enabled
mthp=$(for f in $thp/hugepages-*/enabled; do
	grep -q '\[always\]' "$f" && basename "$(dirname "$f")"
done | tr '\n' ' ')
echo "features: $(ls -d /sys/devices/system/node/node[0-9]* | wc -l) NUMA nodes," \
	"$(grep -l Movable /sys/devices/system/memory/memory*/valid_zones 2>/dev/null | wc -l) ZONE_MOVABLE blocks," \
	"$(cat /proc/sys/vm/nr_hugepages) hugetlb pages, mTHP always: ${mthp:-none}," \
	"shmem THP $(sed 's/.*\[\(.*\)\].*/\1/' $thp/shmem_enabled)," \
	"NUMA balancing $(cat /proc/sys/kernel/numa_balancing)"
