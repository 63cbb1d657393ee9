#!/bin/sh
# ingensctl against the real kernel, as TAP: what it reports must be what sysfs holds.
dir=/sys/kernel/mm/transparent_hugepage/ingens
n=0
failed=0
check() {
	n=$((n + 1))
	if eval "$2"; then
		echo "ok $n $1"
	else
		echo "not ok $n $1"
		failed=1
	fi
}

echo "TAP version 13"
echo "1..6"
out=$(ingensctl status 2>&1)
rc=$?
printf '%s\n' "$out" | sed 's/^/# /'
check "status exits 0 on an Ingens kernel" '[ $rc -eq 0 ]'
check "status reports Ingens present" 'printf "%s\n" "$out" | grep -q "^Ingens: *present"'
check "status shows util_threshold as sysfs holds it" \
	'printf "%s\n" "$out" | grep -Eq "^  util_threshold +$(cat $dir/util_threshold) "'

json=$(ingensctl status --json)
rc=$?
check "status --json exits 0" '[ $rc -eq 0 ]'
check "status --json: schema_version 1 and present" \
	'printf "%s\n" "$json" | grep -q "\"schema_version\": 1" &&
	 printf "%s\n" "$json" | grep -q "\"present\": true"'

old=$(cat $dir/util_threshold)
echo 77 > $dir/util_threshold
check "status follows a sysfs change" \
	'ingensctl status | grep -Eq "^  util_threshold +77 \\* +90 "'
echo "$old" > $dir/util_threshold
exit $failed
