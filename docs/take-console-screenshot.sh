#!/bin/sh
# Takes docs/console.png: the console under Xvfb with live traffic from the
# official npm clients (tests/clients/demo-traffic.mjs) and curl, through a
# fake Ollama, all on loopback.
# Needs a built tree (default: build/default) and xvfb, imagemagick, xdotool.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/default}
binary=$build/app/soulfra-gateway
work=$(mktemp -d)
port=18491
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

key=$("$binary" keys create --data-dir "$work/data" --user alice --tier pro | tail -n 1)
bob=$("$binary" keys create --data-dir "$work/data" --user bob --tier free | tail -n 1)

"$binary" --listen 127.0.0.1:$port --upstream "http://127.0.0.1:$fake_port" --data-dir "$work/data" &
console=$!
sleep 3

url=http://127.0.0.1:$port
# The official clients first, then a few requests that show other outcomes.
(cd "$root/tests/clients" && [ -d node_modules/ollama ] || npm ci --no-audit --no-fund --loglevel=error)
node "$root/tests/clients/demo-traffic.mjs" "$url" "$key" >/dev/null
node "$root/tests/clients/demo-traffic.mjs" "$url" "$bob" >/dev/null
curl -s "$url/api/tags" -H "Authorization: Bearer sk_live_wrong" >/dev/null
curl -s "$url/api/pull" -H "Authorization: Bearer $key" -d '{"model":"llama3.2"}' >/dev/null
curl -s "$url/api/generate" -H "Authorization: Bearer $key" -H "X-Fake-Error: during" -d '{"model":"llama3.2","prompt":"fail please"}' >/dev/null
curl -s "$url/api/chat" -H "Authorization: Bearer $key" \
    -d '{"model":"llama3.2","messages":[{"role":"user","content":"Write a haiku about rivers"}],"context":{"brand":"acme","language":"python"}}' >/dev/null
sleep 2

# Select the newest row so the details pane shows a request.
window=$(xdotool search --name "Soulfra Gateway" | head -n 1)
xdotool windowsize "$window" 1280 800 windowmove "$window" 0 0
sleep 1
xdotool mousemove 400 145 click 1
sleep 1
import -window root "$root/docs/console.png"
echo "wrote $root/docs/console.png"
