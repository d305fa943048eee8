#!/bin/sh
# tests/engine/t_fusion.sh — issue 14 item 1: the compiler's folded and
# fused forms against V8.  fusion_gen.mjs writes modules covering every fused
# form x operand kind x operand order x type, and V8's results for them;
# run_exports runs the same modules in our engine, optimised and with
# BOXAGNTS_NO_FUSION=1.  Every function's line must equal V8's.
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
D=$BUILD/tests/engine/fusion
RUN=$BUILD/tests/engine/run_exports
pass=0 fail=0
command -v node >/dev/null 2>&1 || { echo "node not found"; echo "0 passed, 0 failed, 1 skipped"; exit 0; }
[ -x "$RUN" ] || { echo "$RUN missing (make tests)"; echo "0 passed, 1 failed"; exit 1; }
rm -rf "$D" && mkdir -p "$D"
if ! node tests/engine/fusion_gen.mjs "$D"; then
    echo "fusion_gen.mjs failed"; echo "0 passed, 1 failed"; exit 1
fi
for exp in "$D"/*.expect; do
    w=${exp%.expect}.wasm
    for mode in fused nofusion; do
        out=${exp%.expect}.$mode
        if [ $mode = nofusion ]; then BOXAGNTS_NO_FUSION=1 "$RUN" "$w" > "$out"; else "$RUN" "$w" > "$out"; fi
        n=$(wc -l < "$exp")
        bad=$(diff "$exp" "$out" | grep -c '^<')
        if [ "$bad" -ne 0 ]; then
            echo "FAIL $(basename "$w") ($mode): $bad of $n functions differ from V8; first:"
            diff "$exp" "$out" | head -4
        fi
        pass=$((pass + n - bad)); fail=$((fail + bad))
    done
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
