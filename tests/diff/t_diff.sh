#!/usr/bin/env bash
# tests/diff/t_diff.sh — the deterministic slice of the differential test
# (issue 14 item 2; the long campaign is `make fuzz-diff`).
#
# Random valid modules from fixed seeds (fuzz/diff/gen.mjs), plus the seeds
# that found bugs and the hand-reduced modules of tests/diff/regress/*.wat,
# each run in V8 (node, fuzz/diff/diff.mjs) and in our engine
# ($BUILD/tests/diff/diffrun) twice: optimized and with BOXAGNTS_NO_FUSION=1.
# One test per module: results bit for bit (NaN: NaN-ness), trap or not
# and its class, globals, memory size and hash -- V8 = ours = ours unfused.
# A module on which our engine ran out of fuel is skipped.
#
# DIFF_SEEDS overrides the seed list (default 1-1000 and the regressions),
# DIFF_WORK the work folder.  Under BOXAGNTS_TIER=aot (tests/aot/t_diff_aot.sh)
# the compiled tier runs the modules: the unfused column is ours once more,
# and a module the tier did not take (diffrun prints "interpreted: why")
# fails unless the reason is SIMD.
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
RUN=$BUILD/tests/diff/diffrun
WORK=${DIFF_WORK:-$BUILD/tests/diff/work}
# Seeds whose modules showed a difference, kept beyond the 1-1000 range
# (found with seeds 1-3000; within 1-1000, 9 modules differ on the engine
# before the fix: 58 280 328 381 495 658 667 906 917):
#  1064 1178 1453 1579: `i32.const 0; global.get; add` (regress/const0_global_add.wat)
#  1600 1689 2723 2778 2882: a br_table carrying a constant
#  (regress/br_table_value.wat), still wrong after that fix
REGRESS_SEEDS=1064,1178,1453,1579,1600,1689,2723,2778,2882
SEEDS=${DIFF_SEEDS:-1-1000,$REGRESS_SEEDS}

fail_all() { echo "FAIL $1"; echo "0 passed, 1 failed"; exit 1; }
command -v node >/dev/null || fail_all "node is not installed (apt-get install nodejs)"
[ -x "$RUN" ] || fail_all "$RUN not built (make tests)"
command -v wat2wasm >/dev/null || fail_all "wat2wasm is not installed (scripts/setup.sh)"
rm -rf "$WORK"; mkdir -p "$WORK/gen" "$WORK/regress"

pass=0 fail=0 skip=0
# compare DIR: V8 vs ours vs ours unfused on DIR/batch.txt
compare() {
    local d=$1 out last other second
    second=$d/nofusion.out
    "$RUN" "$d/batch.txt" >"$d/ours.out" 2>"$d/ours.err" || echo "FAIL $RUN exited $? on $d"
    if [ "${BOXAGNTS_TIER:-}" = aot ]; then
        second=$d/ours.out
        other=$(grep 'interpreted:' "$d/ours.err" | grep -vc 'SIMD')
        if [ "$other" -ne 0 ]; then
            echo "FAIL $other modules of $d fell back to the interpreter:"
            grep 'interpreted:' "$d/ours.err" | grep -v SIMD | head -5
            fail=$((fail + other))
        fi
    else
        BOXAGNTS_NO_FUSION=1 "$RUN" "$d/batch.txt" >"$d/nofusion.out" 2>>"$d/ours.err"
    fi
    out=$(node fuzz/diff/diff.mjs compare "$d/v8.out" "$d/ours.out" "$second" "$WORK/found")
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

# 1. random modules
node fuzz/diff/diff.mjs gen "$WORK/gen" "$SEEDS" >"$WORK/gen/v8.out" || fail_all "diff.mjs gen failed"
compare "$WORK/gen"

# 2. the reduced regressions: every `;; call NAME RESULTTYPE` line is a call
: >"$WORK/regress/batch.txt"
for w in tests/diff/regress/*.wat; do
    n=$(basename "$w" .wat)
    wat2wasm "$w" -o "$WORK/regress/$n.wasm" || { echo "FAIL wat2wasm $w"; fail=$((fail + 1)); continue; }
    echo "M $n.wasm" >>"$WORK/regress/batch.txt"
    sed -n 's/^;; call \([A-Za-z0-9_]*\) \(.*\)$/C \1 \2/p' "$w" >>"$WORK/regress/batch.txt"
done
node fuzz/diff/diff.mjs run "$WORK/regress/batch.txt" >"$WORK/regress/v8.out" || fail_all "diff.mjs run failed"
compare "$WORK/regress"

[ $fail -eq 0 ] || echo "modules with a difference were copied to $WORK/found"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
