#!/bin/sh
# Soak test of the headless gateway: keeps it under steady load for a while
# (10 minutes by default) with every feature on, samples its resident memory
# every 10 s, and reports whether memory grew after the first minute. The
# load alternates wrk (non-streaming) with bursts of paced streams, all on
# loopback. Usage, as root on Debian 12:
#
#   sh bench/soak.sh                 # 600 s
#   SOAK_SECONDS=120 sh bench/soak.sh
#
# Growth is judged against the first minute, because SQLite's page cache
# and the allocator's arenas fill up during it and then stay.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
total=${SOAK_SECONDS:-600}
connections=${SOAK_CONNECTIONS:-8}

bin=$root/build/release
work=$(mktemp -d)
pids=""
cleanup() {
    for pid in $pids; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

. "$root/bench/bench-lib.sh"
build_release soulfra-gateway bench_fast_upstream
start_upstream
start_gateway
url=http://127.0.0.1:$gateway_port

idle=$(rss_kib "$gateway_pid")
echo "soak: idle resident memory $idle KiB; $total s of load at $connections connections"

# Samples every 10 s into rss.log as "seconds KiB".
(
    elapsed=0
    while kill -0 "$gateway_pid" 2>/dev/null; do
        echo "$elapsed $(rss_kib "$gateway_pid")" >> "$work/rss.log"
        sleep 10
        elapsed=$((elapsed + 10))
    done
) &
pids="$pids $!"

requests=0
streamed=0
started=$(date +%s)
while [ $(( $(date +%s) - started )) -lt "$total" ]; do
    result=$(wrk -t 2 -c "$connections" -d 50s -s "$root/bench/wrk-report.lua" \
        -H "Authorization: Bearer $key" "$url/api/generate" | sed -n 's/^RESULT //p')
    rps=$(echo "$result" | tr ' ' '\n' | sed -n 's/^rps=//p')
    requests=$(awk -v r="$requests" -v s="$rps" 'BEGIN { printf "%d", r + s * 50 }')
    case "$result" in
        *"errors=0 non2xx=0"*) ;;
        *) echo "soak: wrk reported failures: $result" >&2 ;;
    esac
    burst=$(node "$root/bench/stream_probe.mjs" "$url" "$key" 200 50 20)
    completed=$(echo "$burst" | python3 -c 'import json,sys; print(json.load(sys.stdin)["completed"])')
    streamed=$((streamed + completed))
    [ "$completed" = 200 ] || echo "soak: a stream burst completed only $completed of 200" >&2
done
sleep 5
echo "$(( $(date +%s) - started )) $(rss_kib "$gateway_pid")" >> "$work/rss.log"

rows=$(sqlite3 "$work/data/gateway.sqlite" 'SELECT count(*) FROM request_log' 2>/dev/null || echo "?")
python3 - "$work/rss.log" "$idle" "$requests" "$streamed" "$rows" <<'PY'
import sys
samples = [tuple(map(int, line.split())) for line in open(sys.argv[1]) if line.strip()]
idle, requests, streamed, rows = int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
after_warmup = [kib for seconds, kib in samples if seconds >= 60]
baseline = after_warmup[0] if after_warmup else samples[0][1]
final = samples[-1][1]
peak = max(kib for _, kib in samples)
# Least-squares slope over the samples after the first minute, KiB per minute.
points = [(s, k) for s, k in samples if s >= 60]
slope = 0.0
if len(points) > 2:
    n = len(points)
    mean_s = sum(s for s, _ in points) / n
    mean_k = sum(k for _, k in points) / n
    var = sum((s - mean_s) ** 2 for s, _ in points)
    slope = sum((s - mean_s) * (k - mean_k) for s, k in points) / var * 60 if var else 0.0
print(f"soak: {requests} requests and {streamed} streams, {rows} log rows")
print(f"soak: resident memory idle {idle} KiB, at 1 min {baseline} KiB, peak {peak} KiB, end {final} KiB")
print(f"soak: growth after the first minute {final - baseline:+d} KiB ({(final - baseline) * 100 / baseline:+.1f} %), "
      f"trend {slope:+.1f} KiB/min")
print("soak: samples (s KiB): " + ", ".join(f"{s} {k}" for s, k in samples))
PY
