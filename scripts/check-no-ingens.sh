#!/usr/bin/env bash
# Compile, with CONFIG_INGENS=n, every C file outside mm/ingens/ that the series touches or that
# includes <linux/ingens.h>: the hooks must compile away. A quick stand-in for `make
# kernel-no-ingens` (a whole kernel build) in `make test`.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mapfile -t objs < <(hooked_objects | grep -v '^mm/ingens/')
[ ${#objs[@]} -gt 0 ] || die "check-no-ingens: the series touches no C file outside mm/ingens/"
KOUT=$BUILD/kbuild-no-ingens TARGETS="${objs[*]}" \
	"$TOP/scripts/build-kernel.sh" guest.config no-ingens.config
