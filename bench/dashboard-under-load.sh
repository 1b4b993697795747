#!/bin/sh
# Measures how responsive the console's dashboard stays while the headless
# gateway serves load and writes to the same database: wrk drives the
# gateway (release build, every feature on) and bench/gui_probe shows the
# dashboard offscreen on the gateway's data directory, refreshing as the
# console does. All on loopback. Usage, as root on Debian 12:
#
#   sh bench/dashboard-under-load.sh [DATA_DIR]
#
# DATA_DIR, e.g. the ten-million-request database that bench_usage fills,
# makes the probe's queries run against a large log; without it a fresh
# database is used. PROBE_SECONDS (default 30) and PROBE_CONNECTIONS
# (default 2) set the run.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${PROBE_SECONDS:-30}
connections=${PROBE_CONNECTIONS:-2}

bin=$root/build/release
work=$(mktemp -d)
pids=""
cleanup() {
    for pid in $pids; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

. "$root/bench/bench-lib.sh"
build_release soulfra-gateway bench_fast_upstream gui_probe
[ $# -ge 1 ] && ln -s "$(cd "$1" && pwd)" "$work/data"
start_upstream
start_gateway

for tab in live range; do
    wrk -t 1 -c "$connections" -d "$((seconds + 4))s" -s "$root/bench/wrk-report.lua" \
        -H "Authorization: Bearer $key" "http://127.0.0.1:$gateway_port/api/generate" > "$work/wrk.out" &
    wrk_pid=$!
    sleep 2
    echo "dashboard tab $tab:"
    QT_QPA_PLATFORM=offscreen "$bin/bench/gui_probe" --data-dir "$work/data" --seconds "$seconds" --tab "$tab"
    wait "$wrk_pid"
    echo "gateway load meanwhile: $(sed -n 's/^RESULT //p' "$work/wrk.out")"
done
