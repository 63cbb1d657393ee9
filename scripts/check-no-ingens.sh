#!/usr/bin/env bash
# Compile, with CONFIG_INGENS=n, every C file of stock Linux that the series touches or that
# includes <linux/ingens.h>: the hooks must compile away. The files the series adds (mm/ingens/,
# fs/proc/ingens.c) are built only with CONFIG_INGENS. A quick stand-in for `make
# kernel-no-ingens` (a whole kernel build) in `make test`.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mapfile -t objs < <(hooked_objects | grep -vxF -f <(git -C "$KSRC" diff --name-only \
	--diff-filter=A pristine HEAD -- '*.c' | sed 's/\.c$/.o/'))
[ ${#objs[@]} -gt 0 ] || die "check-no-ingens: the series touches no C file of stock Linux"
KOUT=$BUILD/kbuild-no-ingens TARGETS="${objs[*]}" \
	"$TOP/scripts/build-kernel.sh" guest.config no-ingens.config
