#!/bin/sh
# Starts soulfra-gateway: the console when a display is available, the
# headless gateway otherwise. Further arguments are passed on.
set -eu

binary=$1
shift

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    exec "$binary" "$@"
fi

echo "run-app: no display found, starting the headless gateway (stop it with Ctrl+C)"
exec "$binary" --headless "$@"
