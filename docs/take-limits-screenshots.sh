#!/bin/sh
# Takes docs/console-users.png and docs/console-tiers.png: the Users and
# Tiers pages of the console under a virtual display, after the tiers, users
# and keys commands set up a few users and curl sent traffic through a fake
# Ollama, all on loopback. Run it under a display, e.g.
#   xvfb-run -s "-screen 0 1280x800x24" docs/take-limits-screenshots.sh build/limits
# Needs a built tree (default: build/default), node, curl, imagemagick and xdotool.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/default}
binary=$build/app/soulfra-gateway
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

data="$work/data"
"$binary" tiers set free --calls-per-day 20 --generations-per-month 10 --models 'llama3.2:*' --data-dir "$data" >/dev/null
"$binary" tiers set team --price-cents 4900 --calls-per-day 5000 --requests-per-minute 120 \
    --tokens-per-month 2000000 --concurrent-streams 4 --priority 15 --data-dir "$data" >/dev/null
"$binary" users set alice --tier free --email alice@example.com --github alice-dev --data-dir "$data" >/dev/null
"$binary" users set bob --tier pro --data-dir "$data" >/dev/null
"$binary" users set carol --tier team --email carol@example.com --data-dir "$data" >/dev/null
"$binary" users set dan --tier pro_trial --data-dir "$data" >/dev/null
"$binary" users set erin --tier enterprise --calls-per-day unlimited --data-dir "$data" >/dev/null
"$binary" users set frank --tier free --status suspended --data-dir "$data" >/dev/null
key=$("$binary" keys create --data-dir "$data" --user alice --tier free --label laptop | tail -n 1)
"$binary" keys create --data-dir "$data" --user alice --tier free --label ci >/dev/null

"$binary" --listen 127.0.0.1:$port --upstream "http://127.0.0.1:$fake_port" --data-dir "$data" &
console=$!
sleep 3

url=http://127.0.0.1:$port
for i in 1 2 3 4 5 6; do
    curl -s "$url/api/generate" -H "Authorization: Bearer $key" -H "X-Brand: acme" \
        -d '{"model":"llama3.2","prompt":"hi","stream":false}' >/dev/null
done
curl -s "$url/api/tags" -H "Authorization: Bearer $key" -H "X-Brand: globex" >/dev/null
curl -s "$url/api/generate" -H "Authorization: Bearer $key" \
    -d '{"model":"qwen2.5-coder:7b","prompt":"denied","stream":false}' >/dev/null

window=$(xdotool search --name "Soulfra Gateway" | head -n 1)
xdotool windowsize "$window" 1280 800 windowmove "$window" 0 0
sleep 1

# The page list (Live Log, Keys, Users, Tiers, ...) at the window's left
# edge; without a window manager the window has no title bar.
xdotool mousemove 30 100 click 1
sleep 1
# The first user (alice) in the table.
xdotool mousemove 200 118 click 1
sleep 3
import -window root "$root/docs/console-users.png"

xdotool mousemove 30 114 click 1
sleep 1
# The tier "team" in the table.
xdotool mousemove 160 216 click 1
sleep 1
import -window root "$root/docs/console-tiers.png"
echo "wrote $root/docs/console-users.png and $root/docs/console-tiers.png"
