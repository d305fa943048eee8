#!/usr/bin/env bash
# tests/aot/t_diff_aot.sh — a slice of the differential test against V8
# (tests/diff/t_diff.sh) in the compiled tier: random valid modules from
# fixed seeds (fuzz/diff/gen.mjs; AOT_DIFF_SEEDS, default 1-100) and the
# reduced regressions, run in V8 and by diffrun under BOXAGNTS_TIER=aot.
# One test per module: results bit for bit (NaN: NaN-ness), trap or not
# and its class, globals, memory size and hash.  A module the tier did not
# take (printed "interpreted: why") fails unless the reason is SIMD.
# Compiled modules are cached in $BUILD/tests/aot/cache.
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
RUN=$BUILD/tests/diff/diffrun
WORK=$BUILD/tests/aot/diff
SEEDS=${AOT_DIFF_SEEDS:-1-100,1064,1178,1453,1579,1600,1689,2723,2778,2882}
fail_all() { echo "FAIL $1"; echo "0 passed, 1 failed"; exit 1; }
command -v node >/dev/null || { echo "node not found"; echo "0 passed, 0 failed, 1 skipped"; exit 0; }
command -v cc >/dev/null || command -v gcc >/dev/null || { echo "no C compiler"; echo "0 passed, 0 failed, 1 skipped"; exit 0; }
[ -x "$RUN" ] || fail_all "$RUN not built (make tests)"
command -v wat2wasm >/dev/null || fail_all "wat2wasm is not installed (scripts/setup.sh)"
rm -rf "$WORK"; mkdir -p "$WORK/gen" "$WORK/regress" "$BUILD/tests/aot/cache"
export BOXAGNTS_TIER=aot BOXAGNTS_AOT_CACHE="$BUILD/tests/aot/cache"

pass=0 fail=0 skip=0
compare() {
    local d=$1 out last other
    "$RUN" "$d/batch.txt" >"$d/ours.out" 2>"$d/ours.err" || echo "FAIL $RUN exited $? on $d"
    other=$(grep 'interpreted:' "$d/ours.err" | grep -vc 'SIMD')
    if [ "$other" -ne 0 ]; then
        echo "FAIL $other modules of $d fell back to the interpreter:"; grep 'interpreted:' "$d/ours.err" | grep -v SIMD | head -5
        fail=$((fail + other))
    fi
    # ours twice: the unfused column of diff.mjs is not run here
    out=$(node fuzz/diff/diff.mjs compare "$d/v8.out" "$d/ours.out" "$d/ours.out" "$WORK/found")
    printf '%s\n' "$out" | grep -v '^modules ' | sed 's/^DIFF/FAIL/'
    last=$(printf '%s\n' "$out" | tail -n 1)
    if [[ $last =~ ^modules\ ([0-9]+)\ differences\ ([0-9]+)\ skipped\ ([0-9]+)$ ]]; then
        pass=$((pass + BASH_REMATCH[1] - BASH_REMATCH[2] - BASH_REMATCH[3]))
        fail=$((fail + BASH_REMATCH[2])) skip=$((skip + BASH_REMATCH[3]))
        echo "$d: $last"
    else
        echo "FAIL compare on $d gave no summary"; fail=$((fail + 1))
    fi
}
node fuzz/diff/diff.mjs gen "$WORK/gen" "$SEEDS" >"$WORK/gen/v8.out" || fail_all "diff.mjs gen failed"
compare "$WORK/gen"
: >"$WORK/regress/batch.txt"
for w in tests/diff/regress/*.wat; do
    n=$(basename "$w" .wat)
    wat2wasm "$w" -o "$WORK/regress/$n.wasm" || { echo "FAIL wat2wasm $w"; fail=$((fail + 1)); continue; }
    echo "M $n.wasm" >>"$WORK/regress/batch.txt"
    sed -n 's/^;; call \([A-Za-z0-9_]*\) \(.*\)$/C \1 \2/p' "$w" >>"$WORK/regress/batch.txt"
done
node fuzz/diff/diff.mjs run "$WORK/regress/batch.txt" >"$WORK/regress/v8.out" || fail_all "diff.mjs run failed"
compare "$WORK/regress"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
