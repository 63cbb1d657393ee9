#!/usr/bin/env bash
# Compile, under Debian's own 6.12 config (linux-config-6.12, as real hosts run it) with Ingens
# on, mm/ingens/ and every other C file the series touches or that includes <linux/ingens.h>:
# a hook that breaks with NUMA, memory hotplug, modules or any option the lean guest config
# lacks is caught without the hours a whole Debian kernel build takes (make deb does that).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mapfile -t objs < <(hooked_objects)
[ ${#objs[@]} -gt 0 ] || die "check-debian-config: the series touches no C file"
BASE_CONFIG=$("$TOP/scripts/debian-config.sh" amd64) KOUT=$BUILD/kbuild-debian-check \
	TARGETS="${objs[*]}" "$TOP/scripts/build-kernel.sh" ingens.config
