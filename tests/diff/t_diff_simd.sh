#!/usr/bin/env bash
# tests/diff/t_diff_simd.sh — the deterministic SIMD slice of the
# differential test: modules of fuzz/diff/gen.mjs with DIFF_SIMD=1 (v128
# loads, lane loads and stores, integer and float lane arithmetic,
# shuffles, conversions, reductions to scalars) from fixed seeds, each run
# in V8 (node, fuzz/diff/diff.mjs) and in our engine twice (optimized and
# with BOXAGNTS_NO_FUSION=1): results, traps, globals and memory hash must
# agree.  A module on which our engine ran out of fuel is skipped.
# (t_diff.sh is the same without SIMD.)
#
# DIFF_SIMD_SEEDS overrides the seed list (default 1-300).
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
RUN=$BUILD/tests/diff/diffrun
WORK=$BUILD/tests/diff/work-simd
SEEDS=${DIFF_SIMD_SEEDS:-1-300}

fail_all() { echo "FAIL $1"; echo "0 passed, 1 failed"; exit 1; }
command -v node >/dev/null || fail_all "node is not installed (apt-get install nodejs)"
[ -x "$RUN" ] || fail_all "$RUN not built (make tests)"
rm -rf "$WORK"; mkdir -p "$WORK/gen"

DIFF_SIMD=1 node fuzz/diff/diff.mjs gen "$WORK/gen" "$SEEDS" >"$WORK/gen/v8.out" || fail_all "diff.mjs gen failed"
# the generator really made SIMD modules: 0xFD-prefixed instructions
nsimd=0
if command -v wasm-objdump >/dev/null; then
    for f in "$WORK"/gen/*.wasm; do
        n=$(wasm-objdump -d "$f" | grep -cE '(v128|i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)\.' || true)
        nsimd=$((nsimd + n))
    done
fi
d=$WORK/gen
"$RUN" "$d/batch.txt" >"$d/ours.out" 2>"$d/ours.err" || echo "FAIL $RUN exited $? on $d"
BOXAGNTS_NO_FUSION=1 "$RUN" "$d/batch.txt" >"$d/nofusion.out" 2>>"$d/ours.err"
out=$(node fuzz/diff/diff.mjs compare "$d/v8.out" "$d/ours.out" "$d/nofusion.out" "$WORK/found")
printf '%s\n' "$out" | grep -v '^modules ' | sed 's/^DIFF/FAIL/'
last=$(printf '%s\n' "$out" | tail -n 1)
pass=0 fail=0 skip=0
if [[ $last =~ ^modules\ ([0-9]+)\ differences\ ([0-9]+)\ skipped\ ([0-9]+)$ ]]; then
    pass=$((BASH_REMATCH[1] - BASH_REMATCH[2] - BASH_REMATCH[3]))
    fail=${BASH_REMATCH[2]} skip=${BASH_REMATCH[3]}
    echo "$d: $last"
else
    echo "FAIL compare gave no summary"; fail=$((fail + 1))
fi
if command -v wasm-objdump >/dev/null; then
    echo "SIMD instructions in the modules: $nsimd"
    if [ "$nsimd" -ge 1000 ]; then pass=$((pass + 1)); else echo "FAIL only $nsimd SIMD instructions generated"; fail=$((fail + 1)); fi
fi
[ $fail -eq 0 ] || echo "modules with a difference were copied to $WORK/found"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
