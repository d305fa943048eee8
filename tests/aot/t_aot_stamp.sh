#!/usr/bin/env bash
# tests/aot/t_aot_stamp.sh — the cache's stamps (src/wasm/cache_stamp.c):
# a load that finds an authenticated stamp of the very file it opened skips
# reading and hashing it; anything else is checked in full.  Two modules
# that differ only in their answer (A: 42, B: 43), so an entry of B under
# A's name is a valid shared object that would answer 43 if it were run.
# After a stamped load, A's compiled entry is replaced keeping its size and
# mtime (rewritten in place, renamed over, truncated, one byte flipped),
# A's module file is rewritten keeping its mtime, stamps are forged: each
# must be checked in full (never a "stamp hit"), and A must answer 42 (43
# for the rewritten module file), compiled again or interpreted.  The fast
# path itself is seen through BOXAGNTS_CACHE_TRACE's "stamp hit" lines,
# which BOXAGNTS_CACHE_STAMPS=0 turns off (checked too).  Stamps are
# written only for files whose ctime is 2 s old: the test sleeps.
# Last line: "N passed, N failed[, N skipped]".
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
B=$(pwd)/$BUILD/boxagnts
T=$(pwd)/$BUILD/tests/aot/stamp
pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
command -v wat2wasm >/dev/null || { echo "wat2wasm missing"; echo "0 passed, 1 failed"; exit 1; }
if ! command -v cc >/dev/null && ! command -v gcc >/dev/null && ! command -v clang >/dev/null; then
    echo "no C compiler: the compiled tier cannot be tested"; echo "0 passed, 0 failed, 1 skipped"; exit 0
fi
rm -rf "$T" && mkdir -p "$T/key" "$T/m"
chmod 700 "$T/key"
export BOXAGNTS_CACHE_KEY=$T/key/cache.key BOXAGNTS_CACHE_TRACE=1
unset BOXAGNTS_CACHE_STAMPS BOXAGNTS_TIER
for v in 42 43; do
    cat > "$T/m/$v.wat" <<EOF
(module
  (func \$sq (param i32) (result i32) local.get 0 local.get 0 i32.mul)
  (func (export "answer") (result i32)
    (local i32)
    (loop \$l (local.set 0 (i32.add (local.get 0) (i32.const 1)))
      (br_if \$l (i32.lt_u (call \$sq (local.get 0)) (i32.const 100))))
    i32.const $v))
EOF
    wat2wasm "$T/m/$v.wat" -o "$T/m/$v.wasm" || { echo "0 passed, 1 failed"; exit 1; }
done
[ "$(stat -c %s "$T/m/42.wasm")" = "$(stat -c %s "$T/m/43.wasm")" ] || { echo "the two modules differ in size"; echo "0 passed, 1 failed"; exit 1; }
A=$T/m/a.wasm

# run [ENV=V...]: A's answer and tier as "ANSWER TIER"; the trace in $T/trace.
# TIER=auto (the default here) takes a cached compiled form and never
# compiles: a refused entry means the interpreter; TIER=aot compiles again.
run() {
    : > "$T/j"
    env "$@" "$B" run --json-file "$T/j" --cache-dir "$C" --tier "${TIER:-auto}" --invoke answer "$A" >"$T/out" 2>"$T/trace"
    printf '%s %s\n' "$(tr -d '\n' < "$T/out")" "$(sed -n 's/.*"tier":"\([a-z]*\)".*/\1/p' "$T/j")"
}
hits() { grep -c "stamp hit" "$T/trace"; }
hit_of() { grep -q "cache $1 stamp hit" "$T/trace"; }

# fresh: a cache with A compiled, its files settled, stamped, and one load
# through the stamps (three of them: module file, module entry, compiled)
fresh() {
    C=$T/c-$1
    rm -rf "$C" "$T/cb"
    cp "$T/m/42.wasm" "$A"
    # B's entry, made in its own cache (the tampering material)
    "$B" run --cache-dir "$T/cb" --tier aot --invoke answer "$T/m/43.wasm" >/dev/null 2>&1
    "$B" run --cache-dir "$C" --tier aot --invoke answer "$A" >/dev/null 2>&1
    E=$(ls "$C"/aot/*.so-entry 2>/dev/null | head -1)
    EB=$(ls "$T"/cb/aot/*.so-entry 2>/dev/null | head -1)
    [ -n "$E" ] && [ -n "$EB" ] || { bad "$1: no compiled entries"; return 1; }
    sleep 2.1
    run >/dev/null                      # full checks, stamps written
    local r; r=$(run)
    if [ "$r" = "42 aot" ] && [ "$(hits)" -eq 3 ]; then ok; else bad "$1: no stamped load before tampering: $r $(cat "$T/trace")"; return 1; fi
    touch -r "$E" "$T/ref"
}
# expect NAME WANT [ENV...]: A answers WANT and no file was taken on a stamp
# except those named in $ALLOW (e.g. "module file")
expect() {
    local name=$1 want=$2; shift 2
    local r; r=$(run "$@")
    case "$r" in "$want"*) ok ;; *) bad "$name: answered '$r', want '$want' $(cat "$T/trace")" ;; esac
    if grep "stamp hit" "$T/trace" | grep -Ev "cache (${ALLOW:-none}) stamp hit" | grep -q .; then
        bad "$name: a changed file was taken on its stamp: $(cat "$T/trace")"
    else ok; fi
}

# ---- the fast path is taken, and the test can tell -----------------------------
fresh hit && {
    run >/dev/null
    hit_of compiled && hit_of module && hit_of "module file" && ok || bad "no stamp hits: $(cat "$T/trace")"
    r=$(run BOXAGNTS_CACHE_STAMPS=0)
    [ "$r" = "42 aot" ] && [ "$(hits)" -eq 0 ] && grep -q "cache compiled full check" "$T/trace" && ok ||
        bad "BOXAGNTS_CACHE_STAMPS=0: '$r' $(cat "$T/trace")"
    # a stamp is bound to its file's inode: the copy of a stamped cache is checked in full
    cp -a "$C" "$T/c-copy"; Csave=$C; C=$T/c-copy
    ALLOW="module file" expect "a copied cache" "42 aot"; C=$Csave
}

# ---- the compiled entry changed, keeping its size and mtime ---------------------
ALLOW="module file|module"
fresh rewrite && {
    [ "$(stat -c %s "$E")" = "$(stat -c %s "$EB")" ] && ok || bad "B's entry has another size than A's"
    cat "$EB" > "$E"; touch -r "$T/ref" "$E"
    [ "$(stat -c '%s %Y' "$E")" = "$(stat -c %s "$EB") $(stat -c %Y "$T/ref")" ] && ok ||
        bad "the rewrite did not keep size and mtime"
    expect "rewritten in place" "42 interp"
    TIER=aot expect "rewritten in place, compiled again" "42 aot"
    cmp -s "$E" "$EB" && bad "the rewritten entry was kept" || ok
}
fresh rename && {
    cp "$EB" "$C/aot/.swap"; touch -r "$T/ref" "$C/aot/.swap"; mv "$C/aot/.swap" "$E"
    expect "renamed over" "42 interp"
    TIER=aot expect "renamed over, compiled again" "42 aot"
}
fresh truncate && {
    truncate -s 4096 "$E"; touch -r "$T/ref" "$E"
    expect "truncated" "42 interp"
}
fresh flip && {
    printf '\x90' | dd of="$E" bs=1 seek=4096 conv=notrunc 2>/dev/null; touch -r "$T/ref" "$E"
    expect "one byte flipped" "42 interp"
}
fresh same && {
    # the same bytes written again: checked in full (and valid), stamped
    # again only once settled
    cat "$E" > "$T/same"; cat "$T/same" > "$E"; touch -r "$T/ref" "$E"
    expect "rewritten with its own bytes" "42 aot"
    expect "rewritten, not settled yet" "42 aot"
    sleep 2.1; run >/dev/null
    r=$(run); [ "$r" = "42 aot" ] && hit_of compiled && ok || bad "not stamped again once settled: $r $(cat "$T/trace")"
}

# ---- the module's own entry changed (interpreter's compiled form) --------------
fresh bxm && {
    M=$(ls "$C"/*.bxm | head -1)
    touch -r "$M" "$T/mref"
    printf '\x01' | dd of="$M" bs=1 seek=200 conv=notrunc 2>/dev/null; touch -r "$T/mref" "$M"
    ALLOW="compiled|module file" expect "module entry flipped" "42"
    grep -q "cache module stamp hit" "$T/trace" && bad "the flipped module entry was taken on its stamp" || ok
}

# ---- the module file changed, keeping its size and mtime -----------------------
ALLOW=none
fresh modfile && {
    touch -r "$A" "$T/aref"
    cat "$T/m/43.wasm" > "$A"; touch -r "$T/aref" "$A"
    expect "module file rewritten" "43 interp"
    TIER=aot expect "module file rewritten, compiled" "43 aot"
    cp "$T/m/43.wasm" "$T/m/.swap"; touch -r "$T/aref" "$T/m/.swap"; mv "$T/m/.swap" "$A"
    TIER=aot expect "module file renamed over" "43 aot"
}

# ---- forged stamps ----------------------------------------------------------------
ALLOW=none
fresh forged && {
    S=$E.stamp
    # B's stamp (valid under the key, for another entry) under A's name
    sleep 2.1; "$B" run --cache-dir "$T/cb" --tier auto --invoke answer "$T/m/43.wasm" >/dev/null 2>&1
    if [ -f "$EB.stamp" ]; then
        cp "$EB.stamp" "$S"; cat "$EB" > "$E"; touch -r "$T/ref" "$E"
        ALLOW="module file|module" expect "another entry's stamp, B's entry" "42 interp"
    else bad "B's entry was not stamped"; fi
    fresh forged2 && {
        # A's stamp with its recorded ctime moved to the rewritten file's: the MAC fails
        cat "$EB" > "$E"; touch -r "$T/ref" "$E"
        python3 - "$S" "$E" <<'EOF'
import os, struct, sys
s, e = sys.argv[1], sys.argv[2]
st = os.stat(e)
r = bytearray(open(s, 'rb').read())
r[88:104] = struct.pack('<qq', int(st.st_ctime_ns // 10**9), st.st_ctime_ns % 10**9)
open(s, 'wb').write(bytes(r))
EOF
        ALLOW="module file|module" expect "a stamp edited to the new ctime" "42 interp"
        head -c 168 /dev/urandom > "$S"
        ALLOW="module file|module" expect "a random stamp" "42 interp"
    }
}

# ---- one process, two objects through /proc/self/fd (stamp_test.c) -------------
C=$T/c-two; rm -rf "$C"
for v in 42 43; do "$B" run --cache-dir "$C" --tier aot --invoke answer "$T/m/$v.wasm" >/dev/null 2>&1; done
sleep 2.1
for v in 42 43; do "$B" run --cache-dir "$C" --tier auto --invoke answer "$T/m/$v.wasm" >/dev/null 2>&1; done
ST=$BUILD/tests/aot/stamp_test
if [ -x "$ST" ]; then
    "$ST" "$T/m/42.wasm" "$T/m/43.wasm" "$C" > "$T/st.out" 2>"$T/trace"
    sed -n 's/^FAIL/FAIL stamp_test:/p' "$T/st.out"
    read -r p _ f _ < <(tail -1 "$T/st.out")
    pass=$((pass + ${p:-0})); fail=$((fail + ${f:-1}))
    # the first load went through the stamp, and some through the copy
    grep -q "cache compiled stamp hit" "$T/trace" && ok || bad "stamp_test: no stamped load: $(cat "$T/trace")"
else
    bad "$ST is not built (make tests)"
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
