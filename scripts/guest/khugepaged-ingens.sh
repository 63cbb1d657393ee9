#!/bin/sh
# Upstream's khugepaged selftest, unchanged, with Ingens on: every case must pass but
# alloc_at_fault, which asserts that THP "always" maps a huge page at the first touch of plain
# (not madvised) memory. Ingens maps base pages there by design and promotes the region once it
# is used, so that case failing is the positive control that Ingens is at work; any other
# failure, or that one passing, fails this test.
# usage: khugepaged-ingens.sh PROGRAM [ARGS...]
expected="Allocate huge page on fault"
out=/tmp/khugepaged-ingens.out
"$@" > $out 2>&1
rc=$?
cat $out
# A failed case prints "MESSAGE... Fail" (in colour).
failed=$(sed -n 's/^\(.*\)\.\.\. .*Fail.*$/\1/p' $out)
echo "# exit status $rc; failed cases: ${failed:-none}"
[ "$failed" = "$expected" ] && [ "$rc" = 1 ]
