#!/usr/bin/env bash
# Build, statically linked, the mm selftests that the guest suites run (scripts/guest/suites.list),
# or those named in TESTS.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$SELFTESTS_OUT/mm
[ -f "$KOUT/.config" ] || die "no configured kernel in ${KOUT#"$TOP"/}: run 'make kernel'"
mkdir -p "$out"

# User-space API headers of the kernel under test (the selftests use new uapi).
make -s -C "$KSRC" O="$KOUT" ARCH=x86_64 headers

tests=${TESTS:-$(grep -o '/ingens/selftests/[^ ]*' "$TOP/scripts/guest/suites.list" | sed 's|.*/||' | sort -u)}
say "build-selftests: $(echo $tests)"
# shellcheck disable=SC2046
make -s -C "$KSRC/tools/testing/selftests/mm" OUTPUT="$out" \
	KHDR_INCLUDES="-isystem $KOUT/usr/include" LDFLAGS=-static CC="ccache gcc" \
	$(printf "$out/%s " $tests)
