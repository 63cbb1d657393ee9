#!/bin/sh
# ingensctl against the real kernel, as TAP: every command, set/get and save/apply round trips,
# values refused by ingensctl and by the kernel, non-root errors, top/proc/stats/trace output.
# The settings are saved first and restored at the end, whatever happens.
dir=/sys/kernel/mm/transparent_hugepage/ingens
events=/sys/kernel/tracing/events/ingens
tmp=/tmp/ingensctl-check
mkdir -p $tmp
. "$(dirname "$0")/tap.sh"
# run CMD...: output (stdout and stderr) in $out, exit status in $rc, shown as diagnostics.
run() {
	out=$("$@" 2>&1)
	rc=$?
	echo "# \$ $* -> exit $rc"
	printf '%s\n' "$out" | head -40 | sed 's/^/# /'
}
has() { printf '%s\n' "$out" | grep -Eq -- "$1"; }
knob() { cat $dir/$1; }
# As the unprivileged user nobody (busybox su; root needs no password; nobody's shell is /bin/false).
as_nobody() { su -p -s /bin/sh nobody -c "$*"; }

echo "TAP version 13"
ingensctl save $tmp/saved.conf 2>/dev/null
trap 'ingensctl apply $tmp/saved.conf >/dev/null 2>&1; kill $workload 2>/dev/null' EXIT

# ingensctl's knob table held against the kernel, so that the two cannot drift: names, defaults
# (as this boot started, /tmp/boot-knobs from init), ranges (the kernel takes each end and refuses
# one past it, through set --force, which leaves judging to the kernel), enum choices, and the
# share maximum.
ingensctl get --list --json | awk -F': ' '
	/"name":/ { gsub(/[",]/, "", $2); name = $2 }
	/"kind":/ { gsub(/[",]/, "", $2); kind = $2 }
	/"min":/ { gsub(/,/, "", $2); min = $2 }
	/"max":/ { gsub(/,/, "", $2); max = $2 }
	/"default":/ { gsub(/[",]/, "", $2); print name, kind, min, max, $2 }' > $tmp/table
check "the knob table has every knob file of the kernel, and no other" \
	'[ "$(cut -d" " -f1 $tmp/table | sort)" = "$(cd $dir && for f in *; do [ -f $f ] && echo $f; done | sort)" ]'
drift=""
while read -r name kind min max def; do
	[ -f /tmp/boot-knobs/$name ] && [ "$(cat /tmp/boot-knobs/$name)" != "$def" ] &&
		drift="$drift $name: default $def, kernel booted with $(cat /tmp/boot-knobs/$name);"
	[ "$kind" = int ] || continue
	was=$(knob $name)
	ingensctl set --force $name=$min >/dev/null 2>&1 || drift="$drift $name: kernel refuses $min;"
	ingensctl set --force $name=$max >/dev/null 2>&1 || drift="$drift $name: kernel refuses $max;"
	ingensctl set --force $name=$((max + 1)) >/dev/null 2>&1 && drift="$drift $name: kernel takes $((max + 1));"
	[ "$min" -eq 0 ] || ! ingensctl set --force $name=$((min - 1)) >/dev/null 2>&1 ||
		drift="$drift $name: kernel takes $((min - 1));"
	ingensctl set --force $name=$was >/dev/null 2>&1
done < $tmp/table
echo "# drift:${drift:- none}"
check "the knob table's defaults and ranges are the kernel's" '[ -z "$drift" ] && [ -s $tmp/table ]'
was=$(knob ksm_mode)
check "ksm_mode takes both choices and nothing else" \
	'ingensctl set ksm_mode=split >/dev/null && ingensctl set ksm_mode=coordinated >/dev/null &&
	 ! ingensctl set --force ksm_mode=bogus >/dev/null 2>&1'
ingensctl set ksm_mode=$was >/dev/null
sleep 100 &
sleeper=$!
check "the share maximum is the kernel's" \
	'ingensctl proc $sleeper share 1000000 >/dev/null && ! echo 1000001 > /proc/$sleeper/ingens_share &&
	 ! ingensctl proc $sleeper share 1000001 >/dev/null 2>&1'
kill $sleeper

# status
run ingensctl status
check "status exits 0 on an Ingens kernel" '[ $rc -eq 0 ]'
check "status reports Ingens present" 'has "^Ingens: *present"'
check "status shows util_threshold as sysfs holds it" \
	'has "^  util_threshold +$(knob util_threshold) "'
check "status shows FMFI per zone" 'has "^  node 0 +(DMA32|Normal) .*FMFI +[0-9]+"'
run ingensctl status --json
check "status --json: schema_version 1, present, fragmentation zones" \
	'[ $rc -eq 0 ] && has "\"schema_version\": 1" && has "\"present\": true" && has "\"fmfi_permille\": [0-9]+"'

# get / set round trips
run ingensctl get util_threshold
check "get prints 'key = value' as sysfs holds it" \
	'[ $rc -eq 0 ] && [ "$out" = "util_threshold = $(knob util_threshold)" ]'
run ingensctl get --json scan_pages
check "get --json types the value" '[ $rc -eq 0 ] && has "\"value\": $(knob scan_pages)"'
run ingensctl set util_threshold=77
check "set util_threshold=77 reaches sysfs" '[ $rc -eq 0 ] && [ "$(knob util_threshold)" = 77 ]'
run ingensctl get -n util_threshold
check "get -n reads it back" '[ "$out" = 77 ]'
run ingensctl set util_threshold=60 scan_sleep_millisecs=500 promote_max_per_round=32
check "set of three knobs writes all three" \
	'[ $rc -eq 0 ] && [ "$(knob util_threshold)" = 60 ] &&
	 [ "$(knob scan_sleep_millisecs)" = 500 ] && [ "$(knob promote_max_per_round)" = 32 ]'

# refused values: by ingensctl before any write, and by the kernel (EINVAL) with rollback
run ingensctl set util_threshold=101
check "out-of-range value refused with the range, exit 1" \
	'[ $rc -eq 1 ] && has "util_threshold" && has "101" && has "1\.\.100" && [ "$(knob util_threshold)" = 60 ]'
run ingensctl set util_threshold=55 scan_pages=12x
check "one bad value: nothing written" \
	'[ $rc -eq 1 ] && has "nothing was changed" && [ "$(knob util_threshold)" = 60 ]'
run ingensctl set no_such_knob=1
check "unknown knob lists the valid ones" '[ $rc -eq 1 ] && has "valid knobs: enabled, defer_madvised, util_threshold"'
run ingensctl set --force util_threshold=101
check "kernel EINVAL surfaced (--force skips ingensctl's check)" \
	'[ $rc -eq 1 ] && has "kernel rejected \"101\" \(EINVAL" && [ "$(knob util_threshold)" = 60 ]'
run ingensctl set --force util_threshold=55 scan_pages=1
check "kernel refuses the 2nd write: the 1st is rolled back" \
	'[ $rc -eq 1 ] && has "rolled back 1 knob" && [ "$(knob util_threshold)" = 60 ]'

# not root
run as_nobody id -u
check "as_nobody runs as uid 65534" '[ "$out" = 65534 ]'
run as_nobody ingensctl status
check "status works unprivileged" '[ $rc -eq 0 ]'
run as_nobody ingensctl set util_threshold=70
check "set as nobody: exit 3, says needs root, nothing changed" \
	'[ $rc -eq 3 ] && has "needs root" && [ "$(knob util_threshold)" = 60 ]'
run as_nobody ingensctl profile throughput
check "profile as nobody: exit 3, nothing changed" \
	'[ $rc -eq 3 ] && [ "$(knob util_threshold)" = 60 ] && [ "$(knob enabled)" = 1 ]'

# save / apply
run ingensctl save $tmp/a.conf
check "save writes every knob" \
	'[ $rc -eq 0 ] && grep -q "^util_threshold = 60$" $tmp/a.conf && grep -q "^enabled = 1$" $tmp/a.conf'
ingensctl set util_threshold=42 scan_sleep_millisecs=1000 >/dev/null
run ingensctl apply $tmp/a.conf
check "apply restores what save wrote" \
	'[ $rc -eq 0 ] && [ "$(knob util_threshold)" = 60 ] && [ "$(knob scan_sleep_millisecs)" = 500 ]'
ingensctl save $tmp/b.conf
check "save/apply/save round trip is identical" 'cmp -s $tmp/a.conf $tmp/b.conf'
printf '# bad file\nutil_threshold = 30\nscan_pages = 100\n' > $tmp/bad.conf
run ingensctl apply $tmp/bad.conf
check "apply with one bad line changes nothing and names the line" \
	'[ $rc -eq 1 ] && has "bad.conf:3" && [ "$(knob util_threshold)" = 60 ]'

# profiles
run ingensctl profile
check "profile lists the five presets" \
	'has "^ latency" && has "^ memory" && has "^ throughput" && has "^ vm-host" && has "^ linux"'
run ingensctl profile throughput
check "profile throughput applies" '[ $rc -eq 0 ] && [ "$(knob util_threshold)" = 50 ]'
check "profile throughput is the active one, and verifies" \
	'[ "$(ingensctl profile --active)" = throughput ] && ingensctl profile --verify >/dev/null'
ingensctl set scan_pages=1024 >/dev/null
run ingensctl profile --verify
check "profile --verify names a knob changed since" '[ $rc -eq 1 ] && has "scan_pages is 1024"'
# Persistence: two drop-ins, the later one's value wins, and the output says which file set it.
cfg=$tmp/config
mkdir -p $cfg/etc/ingens.d
echo "util_threshold = 80" > $cfg/etc/ingens.d/10-site.conf
printf '# the VM host\nutil_threshold = 70\n' > $cfg/etc/ingens.d/50-vm.conf
run ingensctl --config-root $cfg apply --system
check "apply --system: the later drop-in sets the value, and says so" \
	'[ $rc -eq 0 ] && [ "$(knob util_threshold)" = 70 ] && has "50-vm.conf:2\)$" &&
	 has "util_threshold: 50-vm.conf:2 overrides 10-site.conf:1"'
run ingensctl profile linux
check "profile linux disables Ingens" '[ $rc -eq 0 ] && [ "$(knob enabled)" = 0 ]'
run ingensctl profile latency
check "profile latency: Ingens on, defaults elsewhere" \
	'[ $rc -eq 0 ] && [ "$(knob enabled)" = 1 ] && [ "$(knob util_threshold)" = 90 ] &&
	 [ "$(knob promote_max_per_round)" = 16 ]'

# knobs the kernel does not have yet
if [ -e $dir/demote_threshold ]; then
	run ingensctl get demote_threshold
	check "get demote_threshold (present in this kernel)" '[ $rc -eq 0 ]'
else
	run ingensctl get demote_threshold
	check "get of a knob this kernel lacks: exit 2, says so" '[ $rc -eq 2 ] && has "not present in this kernel"'
fi

# A workload Ingens tracks: busybox dd keeps a 32 MiB buffer and rewrites it.
ingensctl set scan_sleep_millisecs=200 >/dev/null
dd if=/dev/zero of=/dev/null bs=32M 2>/dev/null &
workload=$!
sleep 3

run ingensctl top --once
check "top --once lists the workload" \
	'[ $rc -eq 0 ] && has "^ +PID COMMAND" && has "^ +$workload dd "'
run ingensctl top --once --json --sort rss
check "top --once --json: one line, schema 2, the workload, sorted by rss" \
	'[ $rc -eq 0 ] && [ $(printf "%s\n" "$out" | wc -l) -eq 1 ] && has "\"schema_version\":2" &&
	 has "\"pid\":$workload," && has "\"sort\":\"rss\""'
run timeout -s INT 3 ingensctl top --interval 0.5
check "top stops cleanly on SIGINT (Ctrl-C)" '[ $rc -eq 0 ] && has "PID COMMAND"'
# The live view in a terminal of 80x24 (tmux): the title and header stay, rows are cut at 80.
if command -v tmux >/dev/null; then
	tmux -L ictl new-session -d -x 80 -y 24 "ingensctl top -d 5"
	sleep 3
	tmux -L ictl capture-pane -p -t 0 > $tmp/top.screen
	tmux -L ictl kill-server
	out=$(cat $tmp/top.screen)
	check "top in an 80x24 terminal: 24 lines, title and header on top, no line over 80" \
		'[ $(wc -l < $tmp/top.screen) -eq 24 ] && has "^ingensctl top - every 5.0 s" &&
		 has "^ +PID COMMAND +RSS_MiB HUGE_MiB" && [ $(awk "length > 80" $tmp/top.screen | wc -l) -eq 0 ]'
else
	check "tmux in the guest image (scripts/build-initramfs.sh)" false
fi
run ingensctl top --once --pid $workload -o pid,comm,huge,fair,cgroup --width 80
check "top --pid -o: only the workload, the chosen columns" \
	'[ $rc -eq 0 ] && has "^ +PID COMMAND +HUGE_MiB +FAIR CGROUP$" && has "^1 process"'
run ingensctl proc $workload
check "proc PID shows regions and states" \
	'[ $rc -eq 0 ] && has "^pid $workload \(dd\)" && has "^  0x[0-9a-f]+ +(base|queued|huge) "'
run ingensctl proc $workload --json
check "proc PID --json lists regions" '[ $rc -eq 0 ] && has "\"region_list\"" && has "\"pid\": $workload"'
run ingensctl proc 999999
check "proc of no such process: exit 4" '[ $rc -eq 4 ] && has "no process 999999"'
if [ -e /proc/self/ingens_share ]; then
	run ingensctl proc $workload share 5000
	check "proc PID share VALUE sets the share" '[ $rc -eq 0 ] && [ "$(cat /proc/$workload/ingens_share)" = 5000 ]'
else
	run ingensctl proc $workload share
	check "proc PID share on a kernel without shares: exit 2" '[ $rc -eq 2 ] && has "not present in this kernel"'
fi

run ingensctl stats --interval 1 --count 2
check "stats prints two reports with scan_rounds" \
	'[ $rc -eq 0 ] && [ $(printf "%s\n" "$out" | grep -c "^scan_rounds ") -eq 2 ]'
run ingensctl stats --interval 0.5 --count 1 --json
check "stats --json: one object with rates" '[ $rc -eq 0 ] && has "\"per_second\"" && has "\"scan_rounds\""'

# trace: a private tracefs instance, nothing global switched on, whatever ends it.
instances=/sys/kernel/tracing/instances
none_left() {
	[ -z "$(ls $instances | grep '^ingensctl-')" ] && ! grep -qx 1 $events/*/enable
}
run ingensctl trace --count 2 --duration 60
check "trace decodes live events" '[ $rc -eq 0 ] && has "scan: [0-9]+ regions"'
check "trace left no instance and no event enabled" none_left
run ingensctl trace --json --event ingens_scan --count 1 --duration 60
check "trace --json: one object per event" '[ $rc -eq 0 ] && has "\"event\":\"ingens_scan\""'
run timeout -s INT 3 ingensctl trace --event ingens_promote_fail
check "trace stops cleanly on SIGINT" '[ $rc -eq 0 ] && none_left'
out=$(ingensctl trace 2>/dev/null | head -1)
check "trace | head -1: one line, then nothing left behind" '[ -n "$out" ] && sleep 1 && none_left'
ingensctl trace > /dev/null 2>&1 &
traced=$!
sleep 2
kill -HUP $traced
wait $traced
check "trace ends on SIGHUP and removes its instance" none_left
ingensctl trace > /dev/null 2>&1 &
traced=$!
sleep 2
kill -KILL $traced
wait $traced 2>/dev/null
check "a killed trace leaves its instance" 'ls $instances | grep -q "^ingensctl-[0-9]*-$traced$"'
run ingensctl trace --count 1 --duration 10
check "the next trace removes the dead one's instance" '[ $rc -eq 0 ] && none_left'
# A real promotion, every field of ingens_promote decoded from its format file.
ingensctl trace --json --event ingens_promote --count 1 --duration 60 > $tmp/promote.json 2>&1 &
traced=$!
sleep 1
dd if=/dev/zero of=/dev/null bs=16M count=200 2>/dev/null
wait $traced
out=$(cat $tmp/promote.json)
check "trace shows every field of a real promotion" \
	'has "\"pid\":[0-9]+,\"addr\":\"0x[0-9a-f]+\",\"util\":[0-9]+,\"freq\":[0-9]+,\"latency_ns\":[0-9]+"'
# Dropped events are reported: a buffer of one page per CPU, a scan every 10 ms, each as short as
# the budget allows (scan_pages=512: one PTE-mapped region, or 32 huge ones), and the reader
# stopped for 8 s at a time until the kernel has overwritten events (how many scans fit depends
# on the load: beside a second guest, scans of 16 huge regions took up to 12 ms, and five stops
# of 4 s once saw no drop).
was=$(knob scan_sleep_millisecs) was_pages=$(knob scan_pages)
ingensctl set scan_sleep_millisecs=10 scan_pages=512 >/dev/null
ingensctl trace --event ingens_scan --buffer-kb 4 --duration 60 > $tmp/lost.out 2>&1 &
traced=$!
dropped=""
for i in 1 2 3 4 5; do
	sleep 1
	kill -STOP $traced
	sleep 8
	kill -CONT $traced
	sleep 1
	if grep -Eq "^\[cpu[0-9]+: the kernel dropped" $tmp/lost.out; then dropped=$i; break; fi
done
kill -INT $traced
wait $traced
ingensctl set scan_sleep_millisecs=$was scan_pages=$was_pages >/dev/null
echo "# dropped events seen after ${dropped:-no} stop(s)"
out=$(cat $tmp/lost.out)
check "trace reports the events the kernel dropped" \
	'has "^\[cpu[0-9]+: the kernel dropped ([0-9]+ events|events it could not count)\]$"'
run ingensctl trace --pid 1 --event ingens_scan --duration 1
check "trace --pid refuses events about no process" '[ $rc -eq 1 ] && has "about a process"'
run ingensctl trace --interval 0.5 --duration 1.2
check "trace --interval counts all six events each interval, the last partial one too" \
	'[ $rc -eq 0 ] && [ $(printf "%s\n" "$out" | grep -c " ingens_") -ge 18 ] && has " ingens_compact$"'
run ingensctl trace --hist --event ingens_scan --duration 3
check "trace --hist: a histogram of scan durations" '[ $rc -eq 0 ] && has "^ingens_scan.duration_ns: [1-9]"'
# record / report of a bench workload: dense_touch populates 64 MiB and waits until it is huge.
/ingens/bench/dense_touch --size-mb 64 --timeout-s 30 > /dev/null 2>&1 &
touched=$!
run ingensctl record -o $tmp/dense.record -p $touched -d 0.5 -t 40
check "record follows a bench workload until it exits" \
	'[ $rc -eq 0 ] && [ $(wc -l < $tmp/dense.record) -ge 3 ] && ! kill -0 $touched 2>/dev/null'
run ingensctl report $tmp/dense.record
check "report summarises it and draws its regions' heat map" \
	'[ $rc -eq 0 ] && has "^ +$touched dense_touch " && has "^pid $touched: access frequency of its [0-9]+ regions" &&
	 has "^ +coverage \|"'
kill $workload
wait $workload 2>/dev/null

ingensctl apply $tmp/saved.conf >/dev/null
check "settings restored" 'ingensctl save $tmp/end.conf 2>/dev/null && cmp -s $tmp/saved.conf $tmp/end.conf'
echo "1..$n"
exit $failed
