# Shell functions shared by the scripts of bench/ (run-bench.sh, soak.sh,
# dashboard-under-load.sh). Source it after setting root (the repository)
# and work (a scratch directory); the caller kills everything listed in
# $pids on exit.

build_release() { # targets...
    sh "$root/packaging/install-deps.sh"
    sh "$root/packaging/install-deps.sh" --bench
    cmake --preset release -S "$root" >/dev/null
    cmake --build "$root/build/release" --target "$@" -j 2 >/dev/null
}

wait_for_line() { # file pattern
    i=0
    until grep -q "$2" "$1" 2>/dev/null; do
        i=$((i + 1)); [ $i -gt 200 ] && { echo "bench: timed out waiting for '$2' in $1" >&2; exit 1; }
        sleep 0.05
    done
}

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# Starts bench_fast_upstream on one thread; sets upstream_port.
start_upstream() {
    "$bin/bench/bench_fast_upstream" --threads 1 > "$work/upstream.out" &
    pids="$pids $!"
    wait_for_line "$work/upstream.out" LISTENING
    upstream_port=$(awk '/LISTENING/ {print $2}' "$work/upstream.out")
}

# Creates an enterprise key and starts the headless gateway with every
# feature on; sets key, gateway_pid and gateway_port. The generation queue
# is opened wide, because nginx has none to compare with.
start_gateway() {
    key=$("$bin/app/soulfra-gateway" keys create --data-dir "$work/data" --user bench --tier enterprise | tail -n 1)
    "$bin/app/soulfra-gateway" --headless --listen 127.0.0.1:0 --upstream "http://127.0.0.1:$upstream_port" \
        --data-dir "$work/data" --workers 2 --max-generations 10000 --max-queued 10000 > "$work/gateway.out" 2>&1 &
    gateway_pid=$!
    pids="$pids $gateway_pid"
    wait_for_line "$work/gateway.out" "listening on"
    gateway_port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$work/gateway.out")
}
