#!/bin/sh
# A real application under churn: redis-server loads KEYS values, 80% of them are deleted, then
# loaded again. Prints one JSON line like the workloads: the server's memory after each phase
# (RSS, AnonHugePages, the cgroup's charge), a memory series, and redis-benchmark's latencies.
# usage: redis.sh KEYS VALUE_BYTES SETTLE_S REQUESTS
keys=${1:-100000} size=${2:-1024} settle=${3:-5} requests=${4:-20000}
bin=${REDIS_BIN:-/ingens/bin}
dir=$(mktemp -d)
sock=$dir/redis.sock
cgroup=/sys/fs/cgroup$(sed -n 's/^0:://p' /proc/self/cgroup)

now() { cut -d' ' -f1 /proc/uptime; }
since() { echo "$(now) $1" | awk '{print $1 - $2}'; }
start=$(now)

# Redis 7 turns THP off for itself unless told not to: the kernel's policy is what is measured.
$bin/redis-server --port 0 --unixsocket "$sock" --save "" --appendonly no --disable-thp no \
	--dir "$dir" --logfile "$dir/log" &
pid=$!
tries=0
until $bin/redis-cli -s "$sock" ping >/dev/null 2>&1; do
	tries=$((tries + 1))
	[ $tries -lt 300 ] || { echo "redis.sh: redis-server did not start" >&2; kill $pid; exit 1; }
	sleep 0.1
done

# RSS, AnonHugePages, charge, all in kB: "rss huge cgroup".
memory() {
	echo "$(awk '/^Rss:/ {r = $2} /^AnonHugePages:/ {h = $2} END {print r + 0, h + 0}' /proc/$pid/smaps_rollup) \
$(awk '{print int($1 / 1024)}' "$cgroup/memory.current" 2>/dev/null || echo -1)"
}
sample() {
	while kill -0 $pid 2>/dev/null; do
		echo "$(now) $(memory)"
		sleep 0.5
	done > "$dir/series"
}
sample &
sampler=$!

# The data set is written and deleted by Lua scripts inside the server: a client feeding
# commands one by one runs at about a thousand per second in a TCG guest. Keys are named the way
# redis-benchmark names them, so its GETs below hit loaded keys. EVERY=1 names every key;
# EVERY=5 all but each fifth run of 64 consecutive keys: values loaded together share pages, so
# deleting whole runs frees whole pages (scattered single keys would leave every page partly
# used and nothing to give back, whatever the page size).
commands() { # SET|DEL EVERY
	$bin/redis-cli -s "$sock" eval "
		local value = string.rep('x', tonumber(ARGV[4]))
		for i = 0, tonumber(ARGV[2]) - 1 do
			if ARGV[3] == '1' or math.floor(i / 64) % tonumber(ARGV[3]) ~= 0 then
				local key = string.format('key:%012d', i)
				if ARGV[1] == 'SET' then redis.call('SET', key, value) else redis.call('DEL', key) end
			end
		end" 0 "$1" "$keys" "$2" "$size" >/dev/null
}
phase() { # NAME: memory after settling, as JSON fields
	sleep "$settle"
	set -- "$1" $(memory)
	printf '"%s_rss_kb":%s,"%s_anon_huge_kb":%s,"%s_cgroup_kb":%s,' "$1" "$2" "$1" "$3" "$1" "$4"
}

t=$(now)
commands SET 1
json="\"load_s\":$(since "$t"),$(phase loaded)"
marks="\"loaded\":$(since "$start")"
t=$(now)
commands DEL 5
# What jemalloc's decay does about 10 s later: give the freed pages back now.
$bin/redis-cli -s "$sock" memory purge >/dev/null
json="$json\"delete_s\":$(since "$t"),$(phase deleted)"
marks="$marks,\"deleted\":$(since "$start")"
commands SET 5
json="$json$(phase reloaded)"
marks="$marks,\"reloaded\":$(since "$start")"

# Request latency on the reloaded data set: GETs and SETs over the loaded keys.
latency=$($bin/redis-benchmark -s "$sock" -t get,set -n "$requests" -r "$keys" -d "$size" -c 4 --csv |
	awk -F, 'NR > 1 { gsub(/"/, ""); t = tolower($1)
		printf "\"%s_rps\":%s,\"%s_p50_ms\":%s,\"%s_p99_ms\":%s,\"%s_max_ms\":%s,", t, $2, t, $5, t, $7, t, $8 }')

kill $pid
wait $pid 2>/dev/null
wait $sampler 2>/dev/null
series=$(awk -v s="$start" 'NF == 4 { printf "%s[%.2f,%s,%s,%s]", n++ ? "," : "", $1 - s, $2, $4, $3 }' "$dir/series")
rm -rf "$dir"
echo "{\"workload\":\"redis\",\"keys\":$keys,\"value_bytes\":$size,\"settle_s\":$settle,$json$latency\"phases\":{$marks},\"series\":[$series]}"
