#!/bin/sh
# Run the selected suites of /ingens/suites.list and print KTAP: one top-level result per
# test, the test's own output nested (indented) under it.
# usage: run-suites.sh SUITE[,SUITE...]   ("all" selects every suite; SUITE:PROGRAM, such as
#        ingens:ingens_demote, one program of a suite)
# env: INGENS_TIMEOUT_SCALE multiplies every timeout (a debug kernel runs several times slower);
#      INGENS_SHARD=I/N runs every Nth selected test from the Ith (counting from 0), and the leak
#      check: each of N guests booted side by side runs its own share
selected=",$1,"
scale=${INGENS_TIMEOUT_SCALE:-1}
list=/ingens/suites.list
knob=/sys/kernel/mm/transparent_hugepage/ingens/enabled

grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' $list | while read -r suite timeout ingens cmd; do
	prog=${cmd%% *}
	case "$selected" in
	*",$suite,"* | *",$suite:${prog##*/},"* | *",all,"*) echo "$suite $timeout $ingens $cmd" ;;
	esac
done > /tmp/selected-tests
if [ -n "${INGENS_SHARD:-}" ]; then
	awk -v i="${INGENS_SHARD%/*}" -v n="${INGENS_SHARD#*/}" \
		'$1 == "leaks" || k++ % n == i' /tmp/selected-tests > /tmp/shard-tests
	mv /tmp/shard-tests /tmp/selected-tests
fi

# Run "$@" with Ingens on, off (stock THP) or as it is ("-"), and put the setting back.
with_ingens() {
	mode=$1
	shift
	old=$(cat $knob 2>/dev/null)
	case "$mode" in
	on) echo 1 > $knob ;;
	off) echo 0 > $knob ;;
	esac
	"$@"
	rc=$?
	[ -z "$old" ] || echo "$old" > $knob
	return $rc
}

# Line by line: busybox sed buffers a pipe, which hides a long test's progress until it ends.
indent() {
	while IFS= read -r line || [ -n "$line" ]; do
		echo "    $line"
	done
}

echo "KTAP version 1"
echo "1..$(grep -c . /tmp/selected-tests)"
n=0
while read -r suite timeout ingens cmd; do
	n=$((n + 1))
	name=$suite:$(echo "$cmd" | sed 's|^[^ ]*/||; s/ /_/g')
	[ "$ingens" = - ] || name="$name(ingens=$ingens)"
	dir=$(dirname "${cmd%% *}")
	timeout=$((timeout * scale))
	start=$(date +%s)
	# The exit status crosses the pipe through a file; cd so tests find their neighbours.
	{ cd "$dir" && with_ingens "$ingens" timeout -s KILL "$timeout" $cmd </dev/null
	  echo $? > /tmp/rc; } 2>&1 | indent | tee /tmp/out
	rc=$(cat /tmp/rc)
	# 4 is kselftest's "skipped", but some upstream tests exit with their failure count:
	# only a test that said it skipped is a skip.
	[ "$rc" != 4 ] || grep -qi 'skip' /tmp/out || rc=1
	took=$(( $(date +%s) - start ))
	case $rc in
	0) echo "ok $n $name # took ${took}s" ;;
	4) echo "ok $n $name # SKIP (took ${took}s)" ;;
	137) echo "not ok $n $name # TIMEOUT after ${timeout}s" ;;
	*) echo "not ok $n $name # exit status $rc (took ${took}s)" ;;
	esac
done < /tmp/selected-tests
