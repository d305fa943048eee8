#!/usr/bin/env bash
# tests/simd/t_run_invoke_v128.sh — `boxagnts run --invoke` with v128
# arguments and results, spelt as `boxagnts invoke` spells them (0x and 32
# hex digits, the vector as one little-endian 128-bit integer, lane 0
# lowest), with and without the OS confinement worker (whose result record
# carries the two halves of each v128), and in --json-file's results.
# Last line: "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
B=$BUILD/boxagnts
pass=0 fail=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if [ "$1" = "$2" ]; then ok; else bad "$3: got [$1] expected [$2]"; fi; }

cat > "$TMP/v.wat" <<'W'
(module
  (memory (export "memory") 1)
  (func (export "add") (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1)))
  (func (export "mix") (param i32 v128 i64) (result v128 i32 i64)
    (i8x16.splat (local.get 0))
    (i32x4.extract_lane 3 (local.get 1))
    (i64.add (local.get 2) (i64.const 1)))
  (func (export "many") (param v128 v128 v128 v128 v128 v128 v128 v128 v128) (result i32)
    (i32x4.extract_lane 0 (local.get 8))))
W
if ! wat2wasm "$TMP/v.wat" -o "$TMP/v.wasm" 2>/dev/null; then
    echo "FAIL: wat2wasm"; echo "0 passed, 1 failed"; exit 1
fi
# a v128 from four i32 lanes (lane 0 first), as the test computes it
v() { printf '0x%08x%08x%08x%08x' $(( $4 & 0xffffffff )) $(( $3 & 0xffffffff )) $(( $2 & 0xffffffff )) $(( $1 & 0xffffffff )); }

for conf in "" --no-os-confinement; do
    out=$("$B" run $conf --invoke add "$TMP/v.wasm" "$(v 1 2 3 -1)" "$(v 10 20 30 1)" 2>&1)
    check "$out" "$(v 11 22 33 0)" "run $conf --invoke add"
    out=$("$B" run $conf --invoke mix "$TMP/v.wasm" 7 "$(v 0 0 0 -559038737)" 41 2>&1)
    check "$out" "$(printf '0x07070707070707070707070707070707\n-559038737\n42')" "run $conf --invoke mix"
    "$B" run $conf --json-file "$TMP/r.json" --invoke mix "$TMP/v.wasm" 7 "$(v 0 0 0 5)" 41 >/dev/null 2>&1
    res=$(grep -o '"results":\[[^]]*\]' "$TMP/r.json")
    check "$res" '"results":["0x07070707070707070707070707070707",5,42]' "run $conf --json-file results"
    # the same as `invoke` prints
    check "$("$B" run $conf --invoke add "$TMP/v.wasm" "$(v 5 6 7 8)" "$(v 1 1 1 1)" 2>&1)" \
          "$("$B" invoke "$TMP/v.wasm" add "$(v 5 6 7 8)" "$(v 1 1 1 1)" 2>&1)" "run $conf and invoke agree"
done
# refusals: a short or non-hex v128, a missing argument; more than the
# result record's 16 entries (9 v128 = 18) is refused, not overflowed
"$B" run --invoke add "$TMP/v.wasm" 0x1234 "$(v 1 1 1 1)" >/dev/null 2>&1
check $? 2 "short v128 refused"
"$B" run --invoke add "$TMP/v.wasm" "0x0000000400000003000000020000000g" "$(v 1 1 1 1)" >/dev/null 2>&1
check $? 2 "non-hex v128 refused"
"$B" run --invoke add "$TMP/v.wasm" "$(v 1 1 1 1)" >/dev/null 2>&1
check $? 2 "missing v128 argument refused"
z=$(v 0 0 0 0)
out=$("$B" run --invoke many "$TMP/v.wasm" $z $z $z $z $z $z $z $z "$(v 3 0 0 0)" 2>&1); rc=$?
[ "$rc" -ne 0 ] && ok || bad "9 v128 arguments (18 entries) accepted: $out"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
