#!/usr/bin/env bash
# tests/aot/t_guard.sh — guard regions of the compiled tier (issue 17):
# memory 0 reserved over 8 GiB + 64 KiB (store.c), code compiled without
# bounds checks, faults turned into out-of-bounds traps (rt.c).  Every
# access width, with and without static offsets, at the end of memory and
# after memory.grow, runs with --tier interp and --tier aot and the records
# must agree on outcome, trap, results and fuel used (the interpreter's
# answer is the expected one).  Then: the variant really is the unchecked
# one (the kept C text says BXA_GUARD 1); the fallback to explicit checks
# when the reservation fails (ulimit -v) or is switched off
# (BOXAGNTS_AOT_GUARD=0), same answers; a confined worker with a memory cap
# refuses growth past the cap; guard_test (host faults still crash, a prior
# handler is chained, two threads trapping at once, re-entry).
# Last line: "N passed, N failed[, N skipped]".
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
B=$BUILD/boxagnts
T=$BUILD/tests/aot/guard
pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
command -v wat2wasm >/dev/null || { echo "wat2wasm missing"; echo "0 passed, 1 failed"; exit 1; }
if ! command -v cc >/dev/null && ! command -v gcc >/dev/null && ! command -v clang >/dev/null; then
    echo "no C compiler: the compiled tier cannot be tested"; echo "0 passed, 0 failed, 1 skipped"; exit 0
fi
rm -rf "$T" && mkdir -p "$T/cache"
W=$T/guard.wasm H=$T/host.wasm
wat2wasm tests/aot/guard.wat -o "$W" && wat2wasm tests/aot/host.wat -o "$H" || { echo "0 passed, 1 failed"; exit 1; }
C=$T/cache

key() { sed -n 's/.*"outcome":"\([^"]*\)".*"trap":\([^,]*\),.*"fuel_used":\([0-9]*\),.*"results":\(\[[^]]*\]\).*/\1 \2 \4 fuel=\3/p'; }
tier() { sed -n 's/.*"tier":"\([a-z]*\)".*/\1/p'; }
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

# which variant this host compiles: the C text of a fresh compile
variant() { # ENV... -> "1" (guard regions), "0" (explicit checks) or ""
    rm -rf "$T/vcache" "$T/kept.c"; mkdir -p "$T/vcache"
    env "$@" BOXAGNTS_AOT_KEEP="$T/kept.c" "$B" run --cache-dir "$T/vcache" --tier aot --invoke ok "$W" 1 >/dev/null 2>&1
    sed -n 's/^#define BXA_GUARD \([01]\)$/\1/p' "$T/kept.c" 2>/dev/null
}
v=$(variant)
guarded=0
case $v in
1) ok; guarded=1 ;;
0) echo "note: this host compiles with explicit checks (no guard regions: ASan build or address space limit)"; skip=$((skip + 1)) ;;
*) bad "no C text kept" ;;
esac

# every width, at the last in-bounds address, straddling the end, at the
# end, far out, with the largest address
for f in l_i32 l_f32 s_i32 s_f32 l64_32s l64_32u s64_32; do n=4
    for a in $((65536 - n)) $((65536 - n + 1)) 65536 2147483648 4294967295; do same "$f@$a" --invoke $f "$W" $a; done
    for a in 0 1; do same "${f}_o@$a" --invoke ${f}_o "$W" $a; done
done
for f in l_i64 l_f64 s_i64 s_f64; do n=8
    for a in $((65536 - n)) $((65536 - n + 1)) 65536 2147483648 4294967295; do same "$f@$a" --invoke $f "$W" $a; done
    for a in 0 1; do same "${f}_o@$a" --invoke ${f}_o "$W" $a; done
done
for f in l_16s l_16u l64_16s l64_16u s_16 s64_16; do n=2
    for a in $((65536 - n)) $((65536 - n + 1)) 65536 4294967295; do same "$f@$a" --invoke $f "$W" $a; done
    for a in 0 1; do same "${f}_o@$a" --invoke ${f}_o "$W" $a; done
done
for f in l_8s l_8u l64_8s l64_8u s_8 s64_8; do
    for a in 65535 65536 4294967295; do same "$f@$a" --invoke $f "$W" $a; done
    for a in 0 1; do same "${f}_o@$a" --invoke ${f}_o "$W" $a; done
done
for a in 0 4294967295; do same "l_max@$a" --invoke l_max "$W" $a; same "s_max@$a" --invoke s_max "$W" $a; done
for a in 65520 65521 4294967288; do same "l_k@$a" --invoke l_k "$W" $a; same "s_k@$a" --invoke s_k "$W" $a; done
for a in 65516 65517 4294967280; do same "l_r@$a" --invoke l_r "$W" $a; done
for a in 65528 65529; do same "f_m@$a" --invoke f_m "$W" $a; done
# after memory.grow: the new last word, straddling the new end, the end
for a in 131064 131065 131072; do same "grow_l@$a" --invoke grow_l "$W" $a; same "grow_s@$a" --invoke grow_s "$W" $a; done
same grow_max --invoke grow_max "$W" 1
# (a timeout: were the unused load dropped, the loop would never end)
same walk --timeout 60s --invoke walk "$W" 0
same walk-fuel --fuel 50 --invoke walk "$W" 0
same order --invoke order "$W" 65536
same order2 --invoke order2 "$W" 65536

# the memory cap in a confined worker: the reservation is 8 GiB, the cap
# still stops growth (grow returns -1 and the page stays inaccessible)
same cap-grow --max-memory 64KiB --invoke grow_l "$W" 131064
same cap-grow-in --max-memory 128KiB --invoke grow_l "$W" 131064
same cap-grow-max --max-memory 128KiB --invoke grow_max "$W" 1
r=$(rec "$T/c.json" --cache-dir "$C" --tier aot --max-memory 128KiB --invoke grow_max "$W" 1)
case $r in *'"os_confinement":"none"'*) bad "the capped run was not confined: $r" ;; *) ok ;; esac

# the fallback: no room for a guard reservation (RLIMIT_AS) or switched off
fb() { # NAME ENV-or-ULIMIT...
    local name=$1 how=$2
    local vv a b t
    if [ "$how" = ulimit ]; then
        vv=$( (ulimit -v 6000000; variant) )
    else
        vv=$(variant "$how")
    fi
    [ "$vv" = 0 ] && ok || bad "$name: variant '$vv' (want explicit checks)"
    for spec in "l_i64 65528" "l_i64 65529" "s_8 65536" "grow_l 131065" "l_max 0" "walk 0"; do
        set -- $spec
        a=$(rec "$T/a.json" --cache-dir "$C" --tier interp --invoke $1 "$W" $2 | key)
        if [ "$how" = ulimit ]; then
            b=$( (ulimit -v 6000000; rec "$T/b.json" --cache-dir "$T/fcache" --tier aot --invoke $1 "$W" $2 | key) )
        else
            b=$(env "$how" "$B" run --json-file "$T/b.json" --cache-dir "$T/fcache" --tier aot --invoke $1 "$W" $2 2>/dev/null >/dev/null; key < "$T/b.json")
        fi
        t=$(tier < "$T/b.json")
        if [ -n "$a" ] && [ "$a" = "$b" ] && [ "$t" = aot ]; then ok; else bad "$name $spec: interp '$a' aot '$b' tier '$t'"; fi
    done
}
mkdir -p "$T/fcache"
if [ "$guarded" = 1 ]; then
    fb rlimit-as ulimit
    fb switched-off BOXAGNTS_AOT_GUARD=0
else
    skip=$((skip + 14))
fi

# in-process checks
G=$BUILD/tests/aot/guard_test
if [ -x "$G" ]; then
    out=$("$G" "$W" "$H" "$C" 2>&1)
    last=$(printf '%s\n' "$out" | tail -n 1)
    printf '%s\n' "$out" | grep -v "passed, " | sed 's/^/  guard_test: /'
    p=$(echo "$last" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
    f=$(echo "$last" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
    s=$(echo "$last" | sed -n 's/.* \([0-9]*\) skipped.*/\1/p')
    if [ -z "$p" ]; then bad "guard_test: $last"; else
        pass=$((pass + p)); fail=$((fail + ${f:-0})); skip=$((skip + ${s:-0})); fi
else
    bad "$G missing (make tests)"
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
