#!/usr/bin/env bash
# tests/net/t_policy.sh — runs the policy unit test (tests/net/test_policy.c)
# with a local server (tests/net/server.py on 127.0.0.1) for its live part.
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
tmp=$(mktemp -d)
python3 tests/net/server.py "$tmp/port" "$tmp/log" 2>"$tmp/server.err" &
srv=$!
trap 'kill $srv 2>/dev/null; wait $srv 2>/dev/null; rm -rf "$tmp"' EXIT
python3 tests/net/server.py "$tmp/port6" "$tmp/log6" ::1 2>>"$tmp/server.err" &
srv6=$!
trap 'kill $srv $srv6 2>/dev/null; wait $srv $srv6 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do [ -s "$tmp/port" ] && [ -s "$tmp/port6" ] && break; sleep 0.05; done
"$BUILD/tests/net/test_policy" "$(cat "$tmp/port")" "$(cat "$tmp/port6" 2>/dev/null)"
