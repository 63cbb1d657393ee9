#!/bin/sh
# Leaks, as TAP, once every other suite has run and its processes are gone:
# - Ingens' gauges (regions tracked, queued, huge) equal the sum of what the live processes'
#   /proc/<pid>/ingens show, so no region outlived its mm or lost its state;
# - kmemleak (debug kernel) reports no unreferenced object.
stats=/sys/kernel/mm/transparent_hugepage/ingens/stats
kmemleak=/sys/kernel/debug/kmemleak
. "$(dirname "$0")/tap.sh"

# The sum of field $1 over every process's /proc/<pid>/ingens (threads share their leader's).
proc_sum() {
	cat /proc/[0-9]*/ingens 2>/dev/null | awk -v key="$1:" '$1 == key { s += $2 } END { print s + 0 }'
}

# Gauge $1 against the processes' field $2, polled: exits and RCU frees finish asynchronously.
gauge_matches() {
	tries=0
	while :; do
		gauge=$(cat $stats/$1)
		live=$(proc_sum "$2")
		[ "$gauge" = "$live" ] && break
		tries=$((tries + 1))
		[ $tries -lt 100 ] || break
		sleep 0.1
	done
	echo "# stats/$1 $gauge, in the live processes $live"
	[ "$gauge" = "$live" ]
}

echo "TAP version 13"
if [ -d $stats ]; then
	check "no region outlives its process" 'gauge_matches regions_tracked regions'
	check "queued regions are all in live processes" 'gauge_matches regions_queued queued'
	check "huge regions are all in live processes" 'gauge_matches regions_huge huge'
else
	echo "# kernel without CONFIG_INGENS: no region gauges"
fi

if [ -e $kmemleak ]; then
	# An object is reported once it has been unreferenced for two scans, at least 5 s apart.
	check "kmemleak scans" 'echo scan > $kmemleak && sleep 6 && echo scan > $kmemleak'
	report=$(cat $kmemleak)
	printf '%s\n' "$report" | head -200 | sed 's/^/# /'
	check "kmemleak reports no leak" '[ -z "$report" ]'
else
	echo "# no kmemleak in this kernel"
fi

echo "1..$n"
exit $failed
