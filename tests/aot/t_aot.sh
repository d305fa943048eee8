#!/usr/bin/env bash
# tests/aot/t_aot.sh — the compiled tier (src/aot, issue 17) against the
# interpreter through `boxagnts run`: every case runs with --tier interp and
# --tier aot and the two JSON records must agree on outcome, trap, results
# and fuel used (the interpreter's answer is the expected one; nothing here
# is a hard-coded output of the code under test), and the aot record must
# say "tier":"aot".  Then the limits (fuel, timeout, stack, memory), the
# fallbacks (no compiler, a failing one, one that hangs past the timeout:
# the interpreter runs, never an error) and the cache (a tampered entry is
# not loaded).  Last line: "N passed, N failed[, N skipped]".
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
B=$BUILD/boxagnts
T=$BUILD/tests/aot/cli
pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
command -v wat2wasm >/dev/null || { echo "wat2wasm missing"; echo "0 passed, 1 failed"; exit 1; }
if ! command -v cc >/dev/null && ! command -v gcc >/dev/null && ! command -v clang >/dev/null; then
    echo "no C compiler: the compiled tier cannot be tested"; echo "0 passed, 0 failed, 1 skipped"; exit 0
fi
rm -rf "$T" && mkdir -p "$T/cache"
W=$T/limits.wasm
wat2wasm tests/aot/limits.wat -o "$W" || { echo "0 passed, 1 failed"; exit 1; }
C=$T/cache

# the comparable part of a record: outcome, trap, results, fuel used
key() { sed -n 's/.*"outcome":"\([^"]*\)".*"trap":\([^,]*\),.*"fuel_used":\([0-9]*\),.*"results":\(\[[^]]*\]\).*/\1 \2 \4 fuel=\3/p'; }
tier() { sed -n 's/.*"tier":"\([a-z]*\)".*/\1/p'; }

# rec FILE ARGS...: run, the JSON record to FILE (stdout/stderr to $T/out, $T/err)
# (builtins only: some callers run it with an empty PATH)
rec() { local f=$1; shift; : >"$f"; "$B" run --json-file "$f" "$@" >"$T/out" 2>"$T/err"; printf '%s\n' "$(<"$f")"; }
# same NAME ARGS...: interp and aot agree, aot ran compiled
same() {
    local name=$1; shift
    local a b ta
    a=$(rec "$T/a.json" --cache-dir "$C" --tier interp "$@" | key)
    b=$(rec "$T/rec" --cache-dir "$C" --tier aot "$@" | key)
    ta=$(tier < "$T/rec")
    if [ -n "$a" ] && [ "$a" = "$b" ] && [ "$ta" = aot ]; then ok; else bad "$name: interp '$a' aot '$b' tier '$ta' $(head -c 300 "$T/err")"; fi
}

same fib          --invoke fib "$W" 25
same fib-fuel     --fuel 100000 --invoke fib "$W" 25
same spin-fuel    --fuel 5000000 --invoke spin "$W"
same rec-stack    --invoke rec "$W" 1
same rec-stack64k --max-stack 64KiB --invoke rec "$W" 1
same grow-ok      --invoke grow "$W" 2
same grow-cap     --invoke grow "$W" 4
same grow-maxmem  --max-memory 128KiB --invoke grow "$W" 2
same size         --invoke size "$W"
same load-last    --invoke load "$W" 65532
same load-oob     --invoke load "$W" 65533
same load-wrap    --invoke load "$W" 4294967295
same store-oob    --invoke store "$W" 65535 1
same div          --invoke div "$W" -7 2
same div0         --invoke div "$W" 1 0
same div-ovf      --invoke div "$W" -2147483648 -1
same trunc-nan    --invoke trunc "$W" nan
same trunc-ovf    --invoke trunc "$W" 3e9
same trunc-ok     --invoke trunc "$W" -2.9
same sat          --invoke sat "$W" -3e9
same indirect     --invoke indirect "$W" 0 10
same indirect-null --invoke indirect "$W" 1 10
same indirect-oob --invoke indirect "$W" 2 10
same glob         --invoke glob "$W" 5
same fill         --invoke fill "$W" 100 99
same fill-oob     --invoke fill "$W" 65537 0
same nearest      --invoke nearest "$W" 2.5
same nearest-neg  --invoke nearest "$W" -0.5
same fmin         --invoke fmin "$W" -0 0
same multi        --invoke multi "$W" -5
same sum          --invoke sum "$W" 100000
same sum-fuel     --fuel 1000 --invoke sum "$W" 100000
# a WASI program (host calls through the same ABI)
if [ -f "$BUILD/tests/cli/hello.wasm" ]; then
    same hello "$BUILD/tests/cli/hello.wasm"
    a=$("$B" run --tier interp "$BUILD/tests/cli/hello.wasm" 2>&1); b=$("$B" run --tier aot --cache-dir "$C" "$BUILD/tests/cli/hello.wasm" 2>&1)
    if [ -n "$a" ] && [ "$a" = "$b" ]; then ok; else bad "hello output: '$a' vs '$b'"; fi
else
    skip=$((skip + 2))
fi

# timeout: an endless loop in compiled code is stopped by the interrupt flag
r=$(rec "$T/t.json" --cache-dir "$C" --tier aot --timeout 300ms --invoke spin "$W")
case $r in *'"outcome":"timeout"'*'"trap":"interrupted"'*'"tier":"aot"'*) ok ;; *) bad "timeout: $r" ;; esac
# ... in every loop shape, metered or not; and fuel runs out at the same
# instruction as in the interpreter in a loop of calls
for spec in "spincall" "spinin" "spin --fuel 100000000000000" "spincall --fuel 100000000000000"; do
    set -- $spec
    f=$1; shift
    r=$(rec "$T/t.json" --cache-dir "$C" --tier aot --timeout 300ms "$@" --invoke "$f" "$W")
    case $r in *'"outcome":"timeout"'*'"trap":"interrupted"'*'"tier":"aot"'*) ok ;; *) bad "timeout $spec: $r" ;; esac
done
same spincall-fuel --fuel 100000 --invoke spincall "$W"
same spinin-fuel --fuel 100001 --invoke spinin "$W"

# BOXAGNTS_TIER selects the tier when --tier is absent
r=$(BOXAGNTS_TIER=aot rec "$T/e.json" --cache-dir "$C" --invoke fib "$W" 10 | tier)
[ "$r" = aot ] && ok || bad "BOXAGNTS_TIER=aot gave tier '$r'"

# fallbacks: never an error, the interpreter runs, stderr says why
want=$(rec "$T/w.json" --tier interp --invoke fib "$W" 20 | key)
fallback() {
    local name=$1; shift
    local got t rc=0
    rm -f "$T/f.json"
    env "$@" "$B" run --json-file "$T/f.json" --cache-dir "$T/none-cache" --tier aot --invoke fib "$W" 20 >/dev/null 2>"$T/err" || rc=$?
    got=$(key < "$T/f.json"); t=$(tier < "$T/f.json")
    if [ "$rc" -eq 0 ] && [ "$got" = "$want" ] && [ "$t" = interp ] && grep -q "interpreter ran" "$T/err"; then ok
    else bad "fallback $name: rc $rc '$got' tier '$t' $(cat "$T/err")"; fi
}
fallback no-compiler BOXAGNTS_AOT_CC=/nonexistent/cc
fallback failing-compiler BOXAGNTS_AOT_CC=/bin/false
printf '#!/bin/sh\nsleep 30\n' > "$T/slowcc"; chmod +x "$T/slowcc"
start=$(date +%s)
fallback compiler-timeout BOXAGNTS_AOT_CC="$T/slowcc" BOXAGNTS_AOT_TIMEOUT=1
[ $(( $(date +%s) - start )) -lt 25 ] && ok || bad "the hung compiler was not stopped"
fallback path-without-cc PATH=/nonexistent

# the cache: an entry that does not verify is not loaded
rm -rf "$T/c2" && mkdir -p "$T/c2"
rec "$T/x.json" --cache-dir "$T/c2" --tier aot --invoke fib "$W" 15 >/dev/null
e=$(ls "$T"/c2/aot/*.so-entry 2>/dev/null | head -1)
if [ -n "$e" ]; then
    ok
    cp "$e" "$T/entry.orig"
    # flip one byte of the shared object (offset 4096: inside its text)
    printf '\x90' | dd of="$e" bs=1 seek=4096 conv=notrunc 2>/dev/null
    cp "$e" "$T/entry.tampered"
    r=$(rec "$T/x.json" --cache-dir "$T/c2" --tier aot --invoke fib "$W" 15 | key)
    [ "$r" = "$(rec "$T/y.json" --tier interp --invoke fib "$W" 15 | key)" ] && ok || bad "after tampering: $r"
    # the tampered entry was not used: it was compiled again and replaced
    cmp -s "$e" "$T/entry.tampered" && bad "the tampered cache entry is still there (was it loaded?)" || ok
    # and with no compiler, a tampered entry means the interpreter
    cp "$T/entry.tampered" "$e"
    t=$(BOXAGNTS_AOT_CC= PATH=/nonexistent rec "$T/x.json" --cache-dir "$T/c2" --tier auto --invoke fib "$W" 15 | tier)
    [ "$t" = interp ] && ok || bad "tampered entry with no compiler gave tier '$t'"
else
    bad "no cache entry written under $T/c2/aot"
fi
# auto uses a good cached entry without compiling
rm -rf "$T/c3" && mkdir -p "$T/c3"
t=$(rec "$T/x.json" --cache-dir "$T/c3" --tier auto --invoke fib "$W" 15 | tier)
[ "$t" = interp ] && ok || bad "auto with an empty cache gave tier '$t'"
rec "$T/x.json" --cache-dir "$T/c3" --tier aot --invoke fib "$W" 15 >/dev/null
t=$(rec "$T/x.json" --cache-dir "$T/c3" --tier auto --invoke fib "$W" 15 | tier)
[ "$t" = aot ] && ok || bad "auto with a cached entry gave tier '$t'"

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
