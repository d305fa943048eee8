#!/usr/bin/env bash
# tests/aot/t_spec_aot.sh — the whole spec testsuite in the compiled tier
# (BOXAGNTS_TIER=aot): every module the tier takes is compiled by the system
# C compiler (cached in $BUILD/tests/aot/cache, so a second run only loads)
# and every assertion must pass as in the interpreter.  The runner compiles
# the modules in batches first (tests/spec/aotbatch.c: many modules per C
# file and compiler run, two runs at a time; SPEC_AOT_JOBS=N, or
# SPEC_AOT_NO_BATCH=1 for one run per module); every batch must load.  Modules the tier
# refuses run interpreted; the only accepted reasons are the documented
# ones (SIMD, tail calls), any other fallback (a compiler error, say) fails.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
SPEC_SUITE=${SPEC_SUITE:-../shared/spec-testsuite}
RUN=$BUILD/tests/spec/runner
LOG=$BUILD/tests/aot/spec.log
command -v cc >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || command -v clang >/dev/null 2>&1 ||
    { echo "no C compiler"; echo "0 passed, 0 failed, 1 skipped"; exit 0; }
[ -x "$RUN" ] || { echo "$RUN missing (make tests)"; echo "0 passed, 1 failed"; exit 1; }
mkdir -p "$BUILD/tests/aot/cache"
BOXAGNTS_TIER=aot BOXAGNTS_AOT_CACHE="$BUILD/tests/aot/cache" \
    "$RUN" -v --suite "$SPEC_SUITE" --out "$BUILD/spec" >"$LOG" 2>&1
last=$(tail -n 1 "$LOG")
tierline=$(grep '^tier aot:' "$LOG")
echo "$tierline"
grep -v ': [0-9]* passed, 0 failed' "$LOG" | grep -v 'interpreted: the module uses \(SIMD\|tail calls\)' |
    grep -v '^tier aot:\|^spec:\|^[0-9]* passed' | head -40
p=0 f=0 s=0
if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
    p=${BASH_REMATCH[1]} f=${BASH_REMATCH[2]} s=${BASH_REMATCH[3]}
else
    echo "FAIL no summary from the runner (see $LOG)"; f=$((f + 1))
fi
if [ -z "${SPEC_AOT_NO_BATCH:-}" ]; then
    bl=$(grep '^spec: aot batches:' "$LOG")
    echo "$bl"
    if [[ $bl =~ ([0-9]+)\ modules\ in\ ([0-9]+)\ batches\ \(([0-9]+)\ loaded\) ]] && [ "${BASH_REMATCH[1]}" -ge 500 ] &&
        [ "${BASH_REMATCH[2]}" -eq "${BASH_REMATCH[3]}" ]; then :; else
        echo "FAIL the batches did not all compile and load: $bl"; f=$((f + 1)); fi
fi
other=$(grep 'interpreted:' "$LOG" | grep -vc 'the module uses \(SIMD\|tail calls\)')
if [ "$other" -ne 0 ]; then echo "FAIL $other modules fell back to the interpreter for another reason"; f=$((f + other)); fi
if [[ $tierline =~ ^tier\ aot:\ ([0-9]+)\ instances\ compiled ]] && [ "${BASH_REMATCH[1]}" -ge 1000 ]; then :; else
    echo "FAIL fewer than 1000 instances ran compiled: $tierline"; f=$((f + 1)); fi
echo "$p passed, $f failed, $s skipped"
[ "$f" -eq 0 ]
