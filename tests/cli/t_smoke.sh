#!/usr/bin/env bash
# tests/cli/t_smoke.sh — smoke test of the boxagnts command line on samples/add.wat.
# Last line: "N passed, N failed".
set -u
BUILD=${BUILD:-build}
B=$BUILD/boxagnts
W=$BUILD/samples/add.wasm
pass=0 fail=0

# check NAME WANT_STATUS WANT_STDOUT CMD...
check() {
    local name=$1 want_rc=$2 want_out=$3; shift 3
    local out rc=0
    out=$("$@" 2>/dev/null) || rc=$?
    if [ "$rc" -eq "$want_rc" ] && [ "$out" = "$want_out" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $name: exit $rc (want $want_rc), output '$out' (want '$want_out')"
    fi
}

check version        0 "$("$B" --version 2>/dev/null)" "$B" --version
check validate       0 ok   "$B" validate "$W"
check validate-bad   1 ""   "$B" validate "$0"
check add            0 5    "$B" invoke "$W" add 2 3
check add-negative   0 -1   "$B" invoke "$W" add -3 2
check add-wrap       0 0    "$B" invoke "$W" add 0xffffffff 1
check fib            0 6765 "$B" invoke --max-stack 64KiB --max-memory 1MiB "$W" fib 20
check fuel-trap      3 ""   "$B" invoke --fuel 1000 "$W" fib 30
check no-export      1 ""   "$B" invoke "$W" nope
check arg-count      2 ""   "$B" invoke "$W" add 1
check arg-form       2 ""   "$B" invoke "$W" add 1 x
check bad-option     2 ""   "$B" invoke --bogus 1 "$W" add 1 2
check no-command     2 ""   "$B"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
