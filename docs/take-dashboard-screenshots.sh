#!/bin/sh
# Takes docs/dashboard-live.png, docs/dashboard-range.png and
# docs/usage-user.png, usage-model.png, usage-insights-*.png: the console's
# analytics pages under Xvfb after real traffic through the gateway (the official
# npm clients in tests/clients/demo-traffic.mjs, then curl with other models,
# users and outcomes for about a minute), all on loopback with a fake Ollama.
# Needs a built tree (default: build/default) and xvfb, imagemagick, xdotool.
# Run it inside a virtual display, e.g.:
#   xvfb-run -a -s '-screen 0 1280x800x24' sh docs/take-dashboard-screenshots.sh build/console
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/default}
binary=$build/app/soulfra-gateway
traffic_seconds=${TRAFFIC_SECONDS:-70}
work=$(mktemp -d)
port=18493
cleanup() {
    [ -n "${console:-}" ] && kill "$console" 2>/dev/null || true
    [ -n "${fake:-}" ] && kill "$fake" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

node "$root/tests/fake-ollama/fake-ollama.mjs" --port 0 > "$work/fake.out" &
fake=$!
until grep -q LISTENING "$work/fake.out" 2>/dev/null; do sleep 0.1; done
fake_port=$(awk '/LISTENING/ {print $2}' "$work/fake.out")

alice=$("$binary" keys create --data-dir "$work/data" --user alice --tier pro | tail -n 1)
bob=$("$binary" keys create --data-dir "$work/data" --user bob --tier free | tail -n 1)
carol=$("$binary" keys create --data-dir "$work/data" --user carol --tier pro | tail -n 1)

"$binary" --listen 127.0.0.1:$port --upstream "http://127.0.0.1:$fake_port" --data-dir "$work/data" &
console=$!
sleep 3

url=http://127.0.0.1:$port
(cd "$root/tests/clients" && [ -d node_modules/ollama ] || npm ci --no-audit --no-fund --loglevel=error)
node "$root/tests/clients/demo-traffic.mjs" "$url" "$alice" >/dev/null
node "$root/tests/clients/demo-traffic.mjs" "$url" "$bob" >/dev/null

# About a minute of mixed traffic, so the per-minute charts have a shape.
end=$(( $(date +%s) + traffic_seconds ))
i=0
while [ "$(date +%s)" -lt "$end" ]; do
    i=$((i + 1))
    case $((i % 3)) in
        0) key=$alice; model=llama3.2 ;;
        1) key=$carol; model=qwen2.5-coder:7b ;;
        *) key=$bob; model=llama3.2 ;;
    esac
    curl -s "$url/api/generate" -H "Authorization: Bearer $key" \
        -d "{\"model\":\"$model\",\"prompt\":\"Explain step $i\",\"stream\":false}" >/dev/null &
    # Clients that name their language, and prompts in which it is detected.
    [ $((i % 4)) -eq 0 ] && curl -s "$url/api/chat" -H "Authorization: Bearer $carol" \
        -d '{"model":"qwen2.5-coder:7b","messages":[{"role":"user","content":"Refactor this component"}],"stream":false,"context":{"language":"typescript","framework":"react"}}' >/dev/null &
    [ $((i % 5)) -eq 0 ] && curl -s "$url/api/generate" -H "Authorization: Bearer $bob" \
        -d '{"model":"llama3.2","prompt":"Why does import numpy fail in my Django view? def handler(request): ...","stream":false}' >/dev/null &
    [ $((i % 6)) -eq 0 ] && curl -s "$url/api/generate" -H "Authorization: Bearer $alice" \
        -d '{"model":"llama3.2","prompt":"Write a Rust fn main that reads a file with cargo deps","stream":false}' >/dev/null &
    [ $((i % 7)) -eq 0 ] && curl -s "$url/api/tags" -H "Authorization: Bearer sk_live_wrong" >/dev/null
    [ $((i % 11)) -eq 0 ] && curl -s "$url/api/generate" -H "Authorization: Bearer $alice" -H "X-Fake-Error: during" \
        -d '{"model":"llama3.2","prompt":"fail please"}' >/dev/null
    sleep 0.$(( (i * 37) % 9 + 1 ))
done
wait_for_curls=3
sleep $wait_for_curls

window=$(xdotool search --name "Soulfra Gateway" | head -n 1)
xdotool windowsize "$window" 1280 800 windowmove "$window" 0 0
sleep 1

# Selects the page at this position of the navigation list (0 is Live Log).
show_page() {
    xdotool mousemove 60 72 click 1
    xdotool key Home
    n=0
    while [ $n -lt "$1" ]; do xdotool key Down; n=$((n + 1)); done
    sleep 4
}

shoot() {
    import -window root "$root/docs/$1.png"
    echo "wrote $root/docs/$1.png"
}

show_page 5
shoot dashboard-live
xdotool key alt+r
sleep 3
shoot dashboard-range

show_page 6
shoot usage-user
show_page 7
shoot usage-model
show_page 8
shoot usage-insights-topics
# The insights page's tabs: Ctrl+Tab moves to the next one.
for name in peak-hours upsell-churn countries; do
    xdotool mousemove 700 300 click 1
    xdotool key ctrl+Tab
    sleep 2
    shoot "usage-insights-$name"
done
