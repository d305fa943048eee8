#!/usr/bin/env bash
# tests/net/t_abi.sh — the boxagnts:http ABI against a hostile guest
# (tests/net/guest/abi.c): every bad pointer, handle and buffer is an error
# code, never a host fault, and the run still ends normally.
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
tmp=$(mktemp -d)
python3 tests/net/server.py "$tmp/port" "$tmp/log" 2>"$tmp/server.err" &
srv=$!
trap 'kill $srv 2>/dev/null; wait $srv 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
P=$(cat "$tmp/port")
pass=0 fail=0
"$BUILD/boxagnts" run --allow-host "http://127.0.0.1:$P" --allow-network 127.0.0.1 \
    "$BUILD/tests/net/abi.wasm" "http://127.0.0.1:$P" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ]; then pass=$((pass + 1)); echo "ok run ended normally"; else fail=$((fail + 1)); echo "FAIL exit $rc"; cat "$tmp/err"; fi
# expect NAME VALUE (codes: 1 invalid, 11 bad handle, 12 range, 13 too big)
expect() {
    local got
    got=$(awk -v k="$1" '$1 == k { $1 = ""; sub(/^ /, ""); print; exit }' "$tmp/out")
    if [ "$got" = "$2" ]; then pass=$((pass + 1)); echo "ok $1 = $2"
    else fail=$((fail + 1)); echo "FAIL $1: expected '$2', got '$got'"; fi
}
expect oob_request 12
expect oob_request_len 12
expect oob_handle_out 12
expect bad_json 1
expect url_not_string 1
expect bad_headers 1
expect bad_headers_msg 1
expect last_error_cut 1
expect last_error_oob 12
expect crlf_array_header 1
expect host_header 1
expect meta_bad_handle 11
expect meta_bad_handle2 11
expect body_bad_handle 11
expect close_bad_handle 11
expect get 0
expect meta_short 12
expect meta_needed_gt_8 1
expect meta_oob 12
expect meta_len_oob 12
expect meta_ok 0
expect body_oob 12
expect body_past_end "0 0"
expect body_ok "0 1"
expect close 0
expect close_again 11
expect meta_after_close 11
expect opened 8
expect ninth 11
expect after_close_one 0
n=$(grep -c '"/echo' "$tmp/log")
if [ "$n" -eq 0 ]; then pass=$((pass + 1)); echo "ok refused requests never reached the server"
else fail=$((fail + 1)); echo "FAIL $n refused requests reached the server"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
