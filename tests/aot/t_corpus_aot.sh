#!/usr/bin/env bash
# tests/aot/t_corpus_aot.sh — the C programs of the real-program corpus
# (tests/corpus, wasi-libc) in the compiled tier: each at AOT_CORPUS_LEVELS
# (default O2) run by `boxagnts run --tier aot`; stdout and the exit status
# must equal the native build's (the corpus's own oracle), the record must
# say "tier":"aot", and fuel_used must equal the interpreter's.  Compiled
# modules are cached in $BUILD/tests/aot/cache.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BUILD=${BUILD:-build}
BX=$ROOT/$BUILD/boxagnts
D=$ROOT/$BUILD/tests/corpus
C=$ROOT/$BUILD/tests/aot/cache
LEVELS=${AOT_CORPUS_LEVELS:-O2}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
command -v cc >/dev/null || command -v gcc >/dev/null || { echo "no C compiler"; echo "0 passed, 0 failed, 1 skipped"; exit 0; }
[ -x "$BX" ] || { echo "FAIL $BX not built"; echo "0 passed, 1 failed"; exit 1; }
mkdir -p "$C"
fuel() { sed -n 's/.*"fuel_used":\([0-9]*\).*/\1/p' "$1"; }
for src in tests/corpus/c/*.c; do
    n=$(basename "$src" .c)
    [ -x "$D/c/$n.native" ] || { skip=$((skip + 1)); continue; }
    ARGS=() IN=/dev/null
    case $n in
        args_env) ARGS=(one "two words" three) ;;
        stdin_wc) IN=$ROOT/tests/corpus/c/strings.c ;;
    esac
    "$D/c/$n.native" "${ARGS[@]}" <"$IN" >"$TMP/exp" 2>/dev/null; erc=$?
    for v in $LEVELS; do
        w=$D/c/$n.$v.wasm
        [ -f "$w" ] || { skip=$((skip + 1)); continue; }
        "$BX" run --json-file "$TMP/a.json" --cache-dir "$C" --tier aot "$w" "${ARGS[@]}" <"$IN" >"$TMP/got" 2>"$TMP/err"; grc=$?
        # the same kinds of stdout/stderr as above: wasi-libc asks (fdstat) and
        # buffers a file and /dev/null differently, which changes the fuel
        "$BX" run --json-file "$TMP/i.json" --tier interp "$w" "${ARGS[@]}" <"$IN" >"$TMP/got.i" 2>"$TMP/err.i"
        if ! grep -q '"tier":"aot"' "$TMP/a.json"; then
            if grep -q 'SIMD\|tail calls' "$TMP/err"; then skip=$((skip + 1)); continue; fi
            bad "c/$n.$v: not compiled: $(head -c 300 "$TMP/err")"; continue
        fi
        if ! cmp -s "$TMP/exp" "$TMP/got" || [ $erc -ne $grc ]; then
            bad "c/$n.$v: exit $grc (native $erc); $(diff "$TMP/exp" "$TMP/got" | head -n 4 | tr '\n' ' ')"; continue
        fi
        [ "$(fuel "$TMP/a.json")" = "$(fuel "$TMP/i.json")" ] && ok || bad "c/$n.$v: fuel $(fuel "$TMP/a.json") vs interpreter $(fuel "$TMP/i.json")"
    done
done
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
