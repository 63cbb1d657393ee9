#!/bin/sh
# Run the selected suites of /ingens/suites.list and print KTAP: one top-level result per
# test, the test's own output nested (indented) under it.
# usage: run-suites.sh SUITE[,SUITE...]   ("all" selects every suite)
selected=",$1,"
list=/ingens/suites.list

grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' $list | while read -r suite timeout cmd; do
	case "$selected" in
	*",$suite,"* | *",all,"*) echo "$suite $timeout $cmd" ;;
	esac
done > /tmp/selected-tests

echo "KTAP version 1"
echo "1..$(grep -c . /tmp/selected-tests)"
n=0
while read -r suite timeout cmd; do
	n=$((n + 1))
	name=$suite:$(echo "$cmd" | sed 's|^[^ ]*/||; s/ /_/g')
	dir=$(dirname "${cmd%% *}")
	start=$(date +%s)
	# The exit status crosses the pipe through a file; cd so tests find their neighbours.
	{ cd "$dir" && timeout -s KILL "$timeout" $cmd </dev/null; echo $? > /tmp/rc; } 2>&1 |
		sed 's/^/    /'
	rc=$(cat /tmp/rc)
	took=$(( $(date +%s) - start ))
	case $rc in
	0) echo "ok $n $name # took ${took}s" ;;
	4) echo "ok $n $name # SKIP (took ${took}s)" ;;
	137) echo "not ok $n $name # TIMEOUT after ${timeout}s" ;;
	*) echo "not ok $n $name # exit status $rc (took ${took}s)" ;;
	esac
done < /tmp/selected-tests
