#!/bin/sh
# Runs every benchmark of the gateway against a direct connection to the
# upstream and against nginx as a plain reverse proxy, in one run, on
# loopback only, and prints a Markdown report (also written to
# bench/results/latest.md). Usage, as root on Debian 12:
#
#   sh bench/run-bench.sh            # 10 s per wrk run
#   BENCH_SECONDS=3 sh bench/run-bench.sh
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${BENCH_SECONDS:-10}
streams=${BENCH_STREAMS:-1000}

bin=$root/build/release
work=$(mktemp -d)
chmod 755 "$work"
pids=""
cleanup() {
    for pid in $pids; do kill "$pid" 2>/dev/null || true; done
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

. "$root/bench/bench-lib.sh"
build_release soulfra-gateway bench_fast_upstream bench_micro

# The upstream responds from memory on one thread. The proxies share the
# other core with it and with wrk, the same for all three.
start_upstream
start_gateway

nginx_port=$(free_port)
mkdir -p "$work/nginx"
cat > "$work/nginx.conf" <<CONF
user root root;
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 8192; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    upstream ollama { server 127.0.0.1:$upstream_port; keepalive 128; }
    server {
        listen 127.0.0.1:$nginx_port;
        location / {
            if (\$http_authorization != "Bearer $key") { return 401 '{"error":"invalid API key"}'; }
            proxy_pass http://ollama;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host 127.0.0.1:$upstream_port;
            proxy_buffering off;
        }
    }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx.conf" -g 'daemon on;'
sleep 0.5

ulimit -n 65536 2>/dev/null || true

direct=http://127.0.0.1:$upstream_port
via_nginx=http://127.0.0.1:$nginx_port
via_gateway=http://127.0.0.1:$gateway_port

idle_rss=$(rss_kib "$gateway_pid")

run_wrk() { # url connections
    threads=$2; [ "$threads" -gt 2 ] && threads=2
    wrk -t "$threads" -c "$2" -d "${seconds}s" --latency -s "$root/bench/wrk-report.lua" \
        -H "Authorization: Bearer $key" "$1/api/generate" | sed -n 's/^RESULT //p'
}

field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

report=$root/bench/results/latest.md
mkdir -p "$root/bench/results"
{
echo "## Run of $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$root" rev-parse --short HEAD)"
echo
echo "Machine: $(nproc) CPUs ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(free -g | awk '/Mem:/ {print $2}') GiB,"
echo "$(. /etc/os-release; echo "$PRETTY_NAME"), nginx $(nginx -v 2>&1 | sed 's/.*\///'), wrk $(wrk -v 2>&1 | head -n 1 | awk '{print $2}'). wrk runs: $seconds s each."
echo
echo "### Non-streaming POST /api/generate"
echo
echo "| connections | direct req/s | nginx req/s | gateway req/s | gateway / nginx | p50 direct / nginx / gateway (µs) | p99 direct / nginx / gateway (µs) |"
echo "|---|---|---|---|---|---|---|"
} > "$report"

peak_rss=$idle_rss
for connections in 1 8 32 128; do
    d=$(run_wrk "$direct" "$connections")
    n=$(run_wrk "$via_nginx" "$connections")
    (sleep $((seconds / 2)); rss_kib "$gateway_pid" > "$work/rss") &
    sampler=$!
    g=$(run_wrk "$via_gateway" "$connections")
    wait "$sampler"
    sample=$(cat "$work/rss"); [ "$sample" -gt "$peak_rss" ] && peak_rss=$sample
    ratio=$(awk -v g="$(field "$g" rps)" -v n="$(field "$n" rps)" 'BEGIN { printf "%.2f", g / n }')
    echo "| $connections | $(field "$d" rps) | $(field "$n" rps) | $(field "$g" rps) | $ratio | $(field "$d" p50) / $(field "$n" p50) / $(field "$g" p50) | $(field "$d" p99) / $(field "$n" p99) / $(field "$g" p99) |" >> "$report"
    if [ "$(field "$g" errors)" != "0" ] || [ "$(field "$g" non2xx)" != "0" ]; then
        echo "gateway errors at $connections connections: $g" >> "$report"
    fi
    if [ "$connections" = 1 ]; then
        added_p50=$(( $(field "$g" p50) - $(field "$d" p50) ))
        added_p99=$(( $(field "$g" p99) - $(field "$d" p99) ))
        nginx_p50=$(( $(field "$n" p50) - $(field "$d" p50) ))
        nginx_p99=$(( $(field "$n" p99) - $(field "$d" p99) ))
    fi
done

sleep 5
after_rss=$(rss_kib "$gateway_pid")

one_direct=$(node "$root/bench/stream_probe.mjs" "$direct" "$key" 1 100 20)
one_nginx=$(node "$root/bench/stream_probe.mjs" "$via_nginx" "$key" 1 100 20)
one_gateway=$(node "$root/bench/stream_probe.mjs" "$via_gateway" "$key" 1 100 20)
many_nginx=$(node "$root/bench/stream_probe.mjs" "$via_nginx" "$key" "$streams" 50 100)
streams_rss=0
(sleep 3; rss_kib "$gateway_pid" > "$work/rss") &
sampler=$!
many_gateway=$(node "$root/bench/stream_probe.mjs" "$via_gateway" "$key" "$streams" 50 100)
wait "$sampler"
streams_rss=$(cat "$work/rss")
micro=$("$bin/bench/bench_micro" 100000)

json() { echo "$1" | python3 -c "import json,sys; print(json.load(sys.stdin)['$2'])"; }

{
echo
echo "Added latency at 1 connection against direct: gateway p50 +${added_p50} µs, p99 +${added_p99} µs; nginx p50 +${nginx_p50} µs, p99 +${nginx_p99} µs."
echo
echo "### Streaming (paced NDJSON, line delay from upstream emit to client receipt)"
echo
echo "| case | streams completed | lines | p50 delay (µs) | p99 delay (µs) | lines over 5 ms |"
echo "|---|---|---|---|---|---|"
for name in one_direct one_nginx one_gateway many_nginx many_gateway; do
    eval "value=\$$name"
    echo "| $name | $(json "$value" completed) / $(json "$value" streams) | $(json "$value" lines) | $(json "$value" p50_us) | $(json "$value" p99_us) | $(json "$value" over_5ms) |"
done
echo
echo "### Gateway memory (resident set)"
echo
echo "idle $idle_rss KiB; peak sampled under wrk load $peak_rss KiB; 5 s after load $after_rss KiB; during $streams streams $streams_rss KiB"
echo "(per open stream: $(( (streams_rss - after_rss) / streams )) KiB)."
echo
echo "### In-process costs"
echo
echo "$micro"
} >> "$report"

cat "$report"
