#!/usr/bin/env bash
# tests/run.sh — run every unit test program and the spec testsuite runner.
#
# Each program prints as its LAST line "N passed, N failed" (optionally
# ", N skipped").  This script shows, per program, its summary and -- only
# when it failed -- its failure lines; it ends with the sum of all programs
# as its very last line, exactly "N passed, N failed, N skipped" (CI reads
# it).  Exit status is non-zero if any program failed, crashed, timed out or
# printed no summary (such a program counts as 1 failed in the sum).
#
# Environment: BUILD (default build), SPEC_SUITE (default
# ../shared/spec-testsuite), TEST_TIMEOUT (seconds per unit test, 600),
# SPEC_TIMEOUT (seconds for the whole spec run, 3600).
set -uo pipefail

cd "$(dirname "$0")/.."
export BUILD=${BUILD:-build}
SPEC_SUITE=${SPEC_SUITE:-../shared/spec-testsuite}
TEST_TIMEOUT=${TEST_TIMEOUT:-600}
SPEC_TIMEOUT=${SPEC_TIMEOUT:-3600}
LOGDIR=$BUILD/test-logs
mkdir -p "$LOGDIR"

total_p=0 total_f=0 total_s=0 bad=0
MAX_SHOW=200

# run NAME TIMEOUT CMD...
run() {
    local name=$1 tmo=$2; shift 2
    local log=$LOGDIR/$name.log
    local rc=0
    if [ ! -x "$1" ]; then
        echo "== $name: MISSING ($1 was not built)"
        total_f=$((total_f + 1)); bad=1
        return
    fi
    timeout -k 10 "$tmo" "$@" >"$log" 2>&1 || rc=$?
    local last p f s ok=1
    last=$(grep -v '^[[:space:]]*$' "$log" | tail -n 1)
    if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed(,\ ([0-9]+)\ skipped)?$ ]]; then
        p=${BASH_REMATCH[1]} f=${BASH_REMATCH[2]} s=${BASH_REMATCH[4]:-0}
    else
        p=0 f=0 s=0 ok=0
    fi
    local why=""
    if [ $ok -eq 0 ]; then why="no summary line"; fi
    if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then why="timed out after ${tmo}s"
    elif [ $rc -gt 128 ]; then why="killed by signal $((rc - 128))"
    elif [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then why="${why:+$why, }exit status $rc"
    fi
    if [ -n "$why" ] && [ "$f" -eq 0 ]; then f=1; fi
    total_p=$((total_p + p)) total_f=$((total_f + f)) total_s=$((total_s + s))
    if [ -z "$why" ] && [ "$f" -eq 0 ] && [ $rc -eq 0 ]; then
        echo "== $name: $last"
        return
    fi
    bad=1
    echo "== $name: FAILED${why:+ ($why)}: ${last:-<no output>}"
    # Failure lines: everything except lines that report success.  When
    # there are too many, first every summary line with failures (e.g. the
    # spec runner's per-file lines), then the first detail lines.
    local fl=$LOGDIR/$name.failures
    grep -v -E '^[[:space:]]*$|^[[:space:]]*(ok|OK|PASS|pass)([[:space:]:]|$)|: [0-9]+ passed, 0 failed(, [0-9]+ skipped)?$' "$log" >"$fl"
    if [ "$(wc -l <"$fl")" -le $MAX_SHOW ]; then
        sed 's/^/    /' "$fl"
    else
        echo "    -- summaries with failures:"
        grep -E '[0-9]+ passed, [0-9]+ failed' "$fl" | head -n $MAX_SHOW | sed 's/^/    /'
        echo "    -- first failure lines:"
        grep -v -E '[0-9]+ passed, [0-9]+ failed' "$fl" | head -n 60 | sed 's/^/    /'
    fi
    rm -f "$fl"
    local n
    n=$(wc -l <"$log")
    echo "    (full output: $log, $n lines)"
}

# The spec runner first: it converts the testsuite into $BUILD/spec, which
# test_cache's sweep reads.
run spec "$SPEC_TIMEOUT" "$BUILD/tests/spec/runner" --suite "$SPEC_SUITE" --out "$BUILD/spec"
# The same with the compiler's fused forms off (BOXAGNTS_NO_FUSION, a
# test-only switch): the plain translation must pass exactly as well.
# (bash exports a function's temporary assignment to the commands it runs)
BOXAGNTS_NO_FUSION=1 run spec_nofusion "$SPEC_TIMEOUT" "$BUILD/tests/spec/runner" --suite "$SPEC_SUITE" --out "$BUILD/spec"

for src in tests/wasm/test_*.c; do
    [ -e "$src" ] || continue
    name=$(basename "$src" .c)
    run "$name" "$TEST_TIMEOUT" "$BUILD/tests/wasm/$name"
done

run test_path "$TEST_TIMEOUT" "$BUILD/tests/wasi/test_path"
run test_wasi "$TEST_TIMEOUT" "$BUILD/tests/wasi/test_wasi" "$BUILD/tests/wasi"

# Every other test area brings its own suites: tests/<area>/t_*.sh, each
# ending with its own summary line.
for t in tests/*/t_*.sh; do
    [ -e "$t" ] || continue
    run "$(basename "$(dirname "$t")")_$(basename "$t" .sh | sed 's/^t_//')" "$TEST_TIMEOUT" "$t"
done


echo "$total_p passed, $total_f failed, $total_s skipped"
exit $bad
