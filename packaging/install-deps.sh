#!/bin/sh
# Install the Debian packages listed in packaging/debian-packages.txt that are
# not installed yet. Runs as root on Debian 12; prints nothing when all are there.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
# The benchmark tools (nginx, wrk) are only installed for `make bench`.
list="$here/debian-packages.txt"
if [ "${1:-}" = "--bench" ]; then
    list="$here/bench-packages.txt"
fi

missing=""
for pkg in $(grep -v '^#' "$list" | grep -v '^$'); do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    case "$status" in
        *"install ok installed"*) ;;
        *) missing="$missing $pkg" ;;
    esac
done

# Node.js may come from another packaged build that does not register as
# "nodejs"; a working node and npm are all the tests need.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    missing=$(echo "$missing" | tr ' ' '\n' | grep -vx 'nodejs' | tr '\n' ' ' || true)
fi
missing=$(echo "$missing" | xargs || true)

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing packages: $missing" >&2
    echo "install-deps: run as root, or install them with apt-get install $missing" >&2
    exit 1
fi

echo "install-deps: installing $missing"
export DEBIAN_FRONTEND=noninteractive

# Packages such as nginx and postgresql start a system-wide daemon on
# install (nginx on port 80 of every interface). Tests and benchmarks start
# their own instances on loopback, so daemons are kept from starting.
policy=/usr/sbin/policy-rc.d
added_policy=0
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod +x "$policy"
    added_policy=1
fi
trap '[ "$added_policy" = 1 ] && rm -f "$policy"' EXIT

apt-get update -qq
# shellcheck disable=SC2086 # the list is meant to split into words
apt-get install -y -qq --no-install-recommends $missing
