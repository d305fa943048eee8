#!/usr/bin/env bash
# tests/net/bench.sh — `make bench-net`: requests per second through the
# web-fetch tool (one `boxagnts run` per request) versus `curl` (one process
# per request) against the same local server, then the in-process figures
# of tests/net/bench_net.c.  N (default 200) requests each.
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
N=${N:-200}
tmp=$(mktemp -d)
python3 tests/net/server.py "$tmp/port" "$tmp/log" 2>/dev/null &
srv=$!
trap 'kill $srv 2>/dev/null; wait $srv 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
P=$(cat "$tmp/port")
U=http://127.0.0.1:$P/json
printf '{"url":"%s"}' "$U" >"$tmp/in.json"
rate() { python3 -c "import sys; n,a,b=int(sys.argv[1]),float(sys.argv[2]),float(sys.argv[3]); print('%6.0f requests/s (%.2f ms each)' % (n/(b-a), (b-a)*1e3/n))" "$@"; }
t0=$(date +%s.%N)
for _ in $(seq "$N"); do curl -s -o /dev/null "$U" || exit 1; done
t1=$(date +%s.%N)
for _ in $(seq "$N"); do
    "$BUILD/boxagnts" run --allow-host "http://127.0.0.1:$P" --allow-network 127.0.0.1 \
        --stdin-file "$tmp/in.json" "$BUILD/tools/web-fetch/tool.wasm" >/dev/null || exit 1
done
t2=$(date +%s.%N)
echo "curl, one process per request:           $(rate "$N" "$t0" "$t1")"
echo "web-fetch, one boxagnts run per request:  $(rate "$N" "$t1" "$t2")"
"$BUILD/tests/net/bench_net" "$P" "$((N * 5))"
