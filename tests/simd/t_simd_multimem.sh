#!/usr/bin/env bash
# tests/simd/t_simd_multimem.sh — SIMD loads and stores on a memory other
# than 0 (multi-memory), tests/simd/multimem.wat.
#
# 1. Every SIMD load, lane load, store and lane store on memory 1 gives what
#    the same instruction gives on memory 0 at the mirrored address (the
#    module keeps memory 1 at x equal to memory 0 at x + 256, so an access
#    that went to memory 0 instead reads other bytes), with and without a
#    folded address constant, at the start, middle and end of memory 1;
#    stores to memory 1 leave memory 0 unchanged.
# 2. Bounds are memory 1's own (1 page) although memory 0 (2 pages) would
#    allow the access: the last in-bounds address works, one more traps.
# Each check runs three ways: compiled normally, with BOXAGNTS_NO_FUSION=1,
# and through the module cache (`run --invoke --cache-dir`, twice: the
# second run loads the entry through the cache's verifier).
# Last line: "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
B=$BUILD/boxagnts
W=$BUILD/tests/simd/multimem.wasm
pass=0 fail=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if [ "$1" = "$2" ]; then ok; else bad "$3: got [$1] expected [$2]"; fi; }

if [ ! -e "$W" ]; then
    echo "FAIL: $W missing (make tests)"
    echo "0 passed, 1 failed"
    exit 1
fi

# call MODE FUNC ARG: the result, or "trap"
call() {
    local mode=$1 f=$2 a=$3 out
    case $mode in
    plain) out=$("$B" invoke "$W" "$f" "$a" 2>/dev/null) || out=trap ;;
    nofuse) out=$(BOXAGNTS_NO_FUSION=1 "$B" invoke "$W" "$f" "$a" 2>/dev/null) || out=trap ;;
    cache)
        "$B" run --cache-dir "$TMP/cache" --invoke "$f" "$W" "$a" >/dev/null 2>&1
        out=$("$B" run --cache-dir "$TMP/cache" --invoke "$f" "$W" "$a" 2>/dev/null) || out=trap ;;
    esac
    echo "$out"
}

funcs=$(grep -o 'export "same_[a-z0-9_]*"' tests/simd/multimem.wat | cut -d'"' -f2)
n=$(echo "$funcs" | wc -w)
[ "$n" -ge 36 ] && ok || bad "expected at least 36 same_* exports, found $n"
for mode in plain nofuse cache; do
    for f in $funcs; do
        for a in 0 17 65500; do
            check "$(call $mode "$f" $a)" 1 "$mode $f $a"
        done
    done
done
if [ "$(find "$TMP/cache" -type f 2>/dev/null | wc -l)" -ge 1 ]; then ok; else bad "no cache entry written"; fi

# ---- 2. bounds ----------------------------------------------------------------
for mode in plain nofuse cache; do
    # v128.load: 16 bytes at a; memory 1 is 65536 bytes, memory 0 131072
    check "$(call $mode load1 65520)" "$(call $mode load0 65776)" "$mode load1 last address"
    check "$(call $mode load1 65521)" trap "$mode load1 one past"
    [ "$(call $mode load0 65521)" != trap ] && ok || bad "$mode load0 65521 trapped"
    check "$(call $mode load1 -1)" trap "$mode load1 at 0xffffffff"
    # a folded i32.add constant (16) counts in the bound
    check "$(call $mode load1_k 65504)" "$(call $mode load0 65776)" "$mode load1_k last address"
    check "$(call $mode load1_k 65505)" trap "$mode load1_k one past"
    # store with offset 4, lane load/store of 1 and 8 bytes
    check "$(call $mode store1_peek 65516)" 65280 "$mode store1 last address (memory 1 written, memory 0 not)"
    check "$(call $mode store1 65517)" trap "$mode store1 one past"
    [ "$(call $mode lane1 65535)" != trap ] && ok || bad "$mode lane1 65535 trapped"
    check "$(call $mode lane1 65536)" trap "$mode lane1 one past"
    check "$(call $mode slane1_peek 65524)" 65280 "$mode slane1 (memory 1 written, memory 0 not)"
    [ "$(call $mode slane1 65528)" != trap ] && ok || bad "$mode slane1 65528 trapped"
    check "$(call $mode slane1 65529)" trap "$mode slane1 one past"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
