#!/bin/sh
# Runs every test of a configured and built tree under ctest. Installs the
# npm packages the client tests use, so a fresh clone needs nothing else.
set -eu

build_dir=${1:-build/default}
here=$(cd "$(dirname "$0")" && pwd)

if [ ! -d "$here/clients/node_modules/ollama" ] || [ ! -d "$here/clients/node_modules/openai" ]; then
    echo "run-tests: installing the npm client packages"
    (cd "$here/clients" && npm ci --no-audit --no-fund --loglevel=error)
fi

cd "$build_dir"
exec ctest --output-on-failure --timeout 600 -j 2
