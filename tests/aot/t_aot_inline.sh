#!/usr/bin/env bash
# tests/aot/t_aot_inline.sh — the compiled tier's inline forms of
# memory.copy / memory.fill (prelude.h MEMORY_COPY_F / MEMORY_FILL_F: inline
# when in bounds, at most one BX_WORK_CHUNK and covered by the biased fuel
# counter, else the runtime's slow call) and of call_indirect (IND_OK: a
# function of the same binding of the site's type, called as a direct
# call, else the runtime) against the interpreter through `boxagnts run`,
# in each way the C can be made: gcc with guard regions (the fuel counter
# in r15), gcc with explicit bounds checks (BOXAGNTS_AOT_GUARD=0), and clang
# (the counter stored before accesses), when present.  Each case runs with
# --tier interp and --tier aot; outcome, trap, results, fuel used and stdout
# must agree (the interpreter's answer is the expected one).
# Bulk memory: overlapping copies both ways, ranges ending exactly at and
# one past the end of memory (source and destination), zero lengths at and
# past the end, lengths near 2^32, the fill value's low byte, copies just
# below and above BX_WORK_CHUNK after memory.grow, fuel running out exactly
# at a copy's or a fill's charge (stdout shows whether the write after it,
# in the same block, ran; an out-of-bounds load after it must not be the
# trap), and --timeout stopping a loop of copies.
# call_indirect: a host function in table 0 with the type of this module's
# function 0 (only the same-binding test tells them apart), the same
# through table 1, wrong types, null and out-of-range slots, six mixed
# i32/i64 arguments, and calls through slots added by table.grow.
# Last line: "N passed, N failed, N skipped".
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
B=$BUILD/boxagnts
T=$BUILD/tests/aot/inline
pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
command -v wat2wasm >/dev/null || { echo "wat2wasm missing"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
if ! command -v cc >/dev/null && ! command -v gcc >/dev/null && ! command -v clang >/dev/null; then
    echo "no C compiler: the compiled tier cannot be tested"; echo "0 passed, 0 failed, 1 skipped"; exit 0
fi
rm -rf "$T" && mkdir -p "$T"
W=$T/bulk.wasm
W2=$T/inline_ind.wasm
wat2wasm tests/aot/bulk.wat -o "$W" && wat2wasm tests/aot/inline_ind.wat -o "$W2" ||
    { echo "0 passed, 1 failed, 0 skipped"; exit 1; }

key() { sed -n 's/.*"outcome":"\([^"]*\)".*"trap":\([^,]*\),.*"fuel_used":\([0-9]*\),.*"results":\(\[[^]]*\]\).*/\1 \2 \4 fuel=\3/p'; }
tier() { sed -n 's/.*"tier":"\([a-z]*\)".*/\1/p'; }
fuel() { sed -n 's/.*"fuel_used":\([0-9]*\).*/\1/p'; }
# rec FILE ARGS...: the record, then stdout's bytes (od: no NULs lost)
rec() {
    local f=$1; shift
    : >"$f"
    "$B" run --json-file "$f" "$@" >"$T/out" 2>"$T/err"
    printf '%s out=%s\n' "$(key <"$f")" "$(od -An -tx1 "$T/out" | tr -d ' \n')"
}
# same NAME WANT ARGS...: interp and aot agree, aot ran compiled, and the
# interpreter's record matches WANT
same() {
    local name=$1 want=$2; shift 2
    local a b ta
    a=$(rec "$T/a.json" --cache-dir "$C" --tier interp "$@")
    b=$(rec "$T/rec" --cache-dir "$C" --tier aot "$@")
    ta=$(tier <"$T/rec")
    if [ -n "${a%% out=*}" ] && [ "$a" = "$b" ] && [ "$ta" = aot ]; then
        case $a in $want) ok ;; *) bad "$MODE $name: interpreter gave '$a', the case wants '$want'" ;; esac
    else
        bad "$MODE $name: interp '$a' aot '$b' tier '$ta' $(head -c 300 "$T/err")"
    fi
}

cases() {
    # the inline form is what runs (else the cases test only the runtime)
    rm -rf "$T/keep" && mkdir -p "$T/keep"
    BOXAGNTS_AOT_KEEP=$T/keep/m.c "$B" run --cache-dir "$T/keep" --tier aot --invoke copy "$W" 0 0 0 >/dev/null 2>&1
    if grep -q '^    MEMORY_COPY_F(r' "$T/keep/m.c" 2>/dev/null && grep -q '^    MEMORY_FILL_F(r' "$T/keep/m.c"; then
        ok
    else
        bad "$MODE: the C text has no inline memory.copy/memory.fill"
    fi
    BOXAGNTS_AOT_KEEP=$T/keep/m2.c "$B" run --cache-dir "$T/keep" --tier aot --invoke v0 "$W2" 2 5 >/dev/null 2>&1
    grep -q 'IND_OK((uint32_t)r' "$T/keep/m2.c" 2>/dev/null && ok || bad "$MODE: the C text has no inline call_indirect"
    # call_indirect
    for a in "w0 0" "w0 1" "w0 2" "w0 4" "w0 5" "w1 0" "w1 1" "w1 2" "v0 2 5" "v0 1 5" "v0 0 5" "v0 3 5" \
             "v0 4 5" "v0 5 5" "v0 4294967295 5" "many0 3" "many0 2" "many0 0" "growmany 10" "growmany 100000"; do
        same "indirect $a" "*" --invoke ${a%% *} "$W2" ${a#* }
    done
    same "indirect growmany fuel" "fuel exhausted*" --fuel 100000 --invoke growmany "$W2" 1000000
    # in bounds, overlapping both ways, the whole memory
    for a in "100 200 50" "200 100 50" "100 104 1000" "104 100 1000" "0 0 65536" "0 1 65535" "1 0 65535" \
             "65535 0 1" "65536 0 0" "0 65536 0" "7 9 0"; do
        same "copy $a" "returned*" --invoke copy "$W" $a
    done
    # one byte past the end, from either side; zero bytes past the end;
    # lengths and addresses near 2^32 (no wraparound in the check)
    for a in "65535 0 2" "0 65535 2" "65537 0 0" "0 65537 0" "0 0 65537" "0 0 4294967295" "4294967295 0 1" \
             "0 4294967295 1" "4294967295 4294967295 0" "1 0 4294967295"; do
        same "copy oob $a" "trap*out of bounds memory*" --invoke copy "$W" $a
        same "copy oob $a metered" "trap*out of bounds memory*" --fuel 10000000 --invoke copy "$W" $a
    done
    for a in "0 4660 100" "65500 7 36" "65536 1 0" "0 9 65536" "3 255 1" "10 256 10"; do
        same "fill $a" "returned*" --invoke fill "$W" $a
    done
    for a in "65500 7 37" "65537 1 0" "0 1 65537" "4294967295 0 1" "1 0 4294967295"; do
        same "fill oob $a" "trap*out of bounds memory*" --invoke fill "$W" $a
    done
    # after memory.grow, at and past one BX_WORK_CHUNK (65536)
    for n in 1 4096 65535 65536 65537 100000; do
        same "growcopy $n" "returned*" --invoke growcopy "$W" $n
        same "growcopy $n metered" "returned*" --fuel 100000000 --invoke growcopy "$W" $n
    done
    # fuel: the exact budget returns, one less runs out (at the last charge)
    local full
    for n in 1 64 65 4096 60000; do
        rec "$T/f.json" --cache-dir "$C" --tier interp --invoke copyloop "$W" 20 $n >/dev/null
        full=$(fuel <"$T/f.json")
        same "copyloop $n exact" "returned*" --fuel "$full" --invoke copyloop "$W" 20 $n
        same "copyloop $n short" "fuel exhausted*" --fuel $((full - 1)) --invoke copyloop "$W" 20 $n
        same "copyloop $n mid" "fuel exhausted*" --fuel $((full / 2)) --invoke copyloop "$W" 20 $n
    done
    # fuel running out at the copy's (fill's) own charge: the fd_write after
    # it in the same block must not run; a sweep of budgets below the
    # whole run's, through the charge of 1024 units (n = 65536)
    local fn d
    for fn in copyprint fillprint; do
        rec "$T/f.json" --cache-dir "$C" --tier interp --invoke $fn "$W" 65536 >/dev/null
        full=$(fuel <"$T/f.json")
        for d in 0 1 2 3 4 5 8 16 100 1000 1023 1024 1025 1026 1027 1030 1040 1100 2000; do
            same "$fn budget full-$d" "*" --fuel $((full - d)) --invoke $fn "$W" 65536
        done
    done
    # the same with an out-of-bounds load after the charge: fuel exhausted
    # below the charge, the load's trap from the charge up
    # (n = 50000 and 60000 bytes: charges of 782 and 938 units)
    local n u
    for fn in copytrap:50000 filltrap:60000; do
        n=${fn#*:} fn=${fn%:*}
        u=$(((n + 63) / 64))
        rec "$T/f.json" --cache-dir "$C" --tier interp --invoke $fn "$W" $n 65536 >/dev/null
        full=$(fuel <"$T/f.json")
        for d in 0 1 2 5 100 $((u - 1)) $u $((u + 1)) $((u + 2)) $((u + 5)) 2000; do
            same "$fn budget full-$d" "*" --fuel $((full - d)) --invoke $fn "$W" $n 65536
        done
        same "$fn out of bounds" "trap*out of bounds memory*" --fuel $((full + 10)) --invoke $fn "$W" $n 65536
        same "$fn in bounds" "returned*" --fuel $((full + 10)) --invoke $fn "$W" $n 100
    done
    # --timeout stops an endless loop of copies in both tiers (fuel used
    # depends on timing: only the outcome and trap are compared)
    local ai bi
    ai=$(rec "$T/a.json" --cache-dir "$C" --tier interp --timeout 300ms --invoke copyloop "$W" 4000000000 4096 | cut -d' ' -f1-3)
    bi=$(rec "$T/rec" --cache-dir "$C" --tier aot --timeout 300ms --invoke copyloop "$W" 4000000000 4096 | cut -d' ' -f1-3)
    if [ "$ai" = "$bi" ] && [ "$(tier <"$T/rec")" = aot ] && case $ai in *interrupt*|*timeout*|*time*) true ;; *) false ;; esac; then
        ok
    else
        bad "$MODE timeout: interp '$ai' aot '$bi'"
    fi
}

MODE=gcc-guard C=$T/c1
cases
MODE=explicit-checks C=$T/c2
BOXAGNTS_AOT_GUARD=0 cases
if command -v clang >/dev/null; then
    MODE=clang C=$T/c3
    BOXAGNTS_AOT_CC=clang cases
else
    skip=$((skip + 1)); echo "SKIP clang: not installed"
fi
echo "$pass passed, $fail failed, $skip skipped"
