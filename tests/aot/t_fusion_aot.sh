#!/bin/sh
# tests/aot/t_fusion_aot.sh — tests/engine/t_fusion.sh in the compiled tier:
# every fused form x operand kind x order x type (fusion_gen.mjs, with V8's
# results) run by run_exports under BOXAGNTS_TIER=aot, from the optimised
# code and from BOXAGNTS_NO_FUSION=1 code (the C is made from either).
# Every function's line must equal V8's; a module the tier does not take
# fails (run_exports exits 3).  Compiled modules are cached in $BUILD.
# By default only the loop and unary modules run: the i32/i64/f32/f64 ones
# hold thousands of functions and take cc minutes each on a loaded machine
# (AOT_FUSION_ALL=1 runs them all; measured: f32 and f64 equal V8's lines).
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
D=$BUILD/tests/aot/fusion
RUN=$BUILD/tests/engine/run_exports
pass=0 fail=0
command -v node >/dev/null 2>&1 || { echo "node not found"; echo "0 passed, 0 failed, 1 skipped"; exit 0; }
command -v cc >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || { echo "no C compiler"; echo "0 passed, 0 failed, 1 skipped"; exit 0; }
[ -x "$RUN" ] || { echo "$RUN missing (make tests)"; echo "0 passed, 1 failed"; exit 1; }
rm -rf "$D" && mkdir -p "$D" "$BUILD/tests/aot/cache"
if ! node tests/engine/fusion_gen.mjs "$D"; then
    echo "fusion_gen.mjs failed"; echo "0 passed, 1 failed"; exit 1
fi
export BOXAGNTS_TIER=aot BOXAGNTS_AOT_CACHE="$BUILD/tests/aot/cache"
for exp in "$D"/*.expect; do
    case $(basename "$exp") in fusion_loops.expect|fusion_unary.expect) ;; *) [ -n "${AOT_FUSION_ALL:-}" ] || continue ;; esac
    w=${exp%.expect}.wasm
    for mode in fused nofusion; do
        out=${exp%.expect}.$mode
        rc=0
        if [ $mode = nofusion ]; then BOXAGNTS_NO_FUSION=1 "$RUN" "$w" > "$out" || rc=$?; else "$RUN" "$w" > "$out" || rc=$?; fi
        n=$(wc -l < "$exp")
        bad=$(diff "$exp" "$out" | grep -c '^<')
        if [ "$rc" -ne 0 ]; then echo "FAIL $(basename "$w") ($mode): run_exports exited $rc"; bad=$((bad + 1)); fi
        if [ "$bad" -ne 0 ]; then
            echo "FAIL $(basename "$w") ($mode, aot): $bad of $n functions differ from V8; first:"
            diff "$exp" "$out" | head -4
        fi
        pass=$((pass + n - bad)); fail=$((fail + bad))
    done
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
