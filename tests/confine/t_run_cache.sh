#!/usr/bin/env bash
# tests/confine/t_run_cache.sh — `boxagnts run`'s module cache through the
# parent (issue 16): a confined worker reaches neither the cache nor its
# key; the parent looks the module up before the fork, and on a miss the
# worker sends its compiled module ('M' frames, before any guest code) for
# the parent to check and store.  Checked here: a confined run fills the
# cache and the next one hits it (the record's "module_cache"), with the
# same bytes an unconfined run writes; the worker cannot open the cache or
# the key; forged artifacts (wrong hash, wrong size, over the bound, bytes
# that do not verify, another module's code, one sent twice, one sent by
# guest code) leave the cache untouched; --invoke and the compiled tier's
# own cache (src/aot) under confinement; unconfined runs as before.
# Needs: make tests (rawrun, raw.wasm, hello.wasm).
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
R=$BUILD/tests/confine/rawrun
W=$BUILD/tests/confine/raw.wasm
B=$BUILD/boxagnts
HELLO=$BUILD/tests/cli/hello.wasm
ADD=$BUILD/samples/add.wasm
PASS=0 FAIL=0 SKIP=0
ok() { PASS=$((PASS + 1)); echo "ok $1"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL $1: $2"; }
skip() { SKIP=$((SKIP + 1)); echo "skip $1: $2"; }
check() { if [ "$2" -eq 0 ]; then ok "$1"; else bad "$1" "$3"; fi; }
for f in "$R" "$W" "$B" "$HELLO" "$ADD"; do
    [ -e "$f" ] || { echo "missing $f (run make tests)"; echo "0 passed, 1 failed"; exit 1; }
done
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -m 700 "$TMP/keydir"
export BOXAGNTS_CACHE_KEY=$TMP/keydir/cache.key
unset BOXAGNTS_TIER BOXAGNTS_CACHE_DIR
field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" "$2"; }
entries() { find "$1" -type f -name '*.bxm' 2>/dev/null | wc -l; }
snap() { (cd "$1" 2>/dev/null && find . -print0 | sort -z | xargs -0 ls -ld --time-style=+%s.%N; find . -type f -print0 | sort -z | xargs -0 sha256sum) 2>/dev/null; }

if [ "$("$R" --probe)" = "landlock_abi=0" ]; then
    echo "skip all: Landlock unavailable, the worker is not confined"; echo "0 passed, 0 failed, 1 skipped"; exit 0
fi

# 1. A confined run fills the cache, the next one hits it.
C=$TMP/c1
"$B" run --cache-dir "$C" --json-file "$TMP/r1.json" "$HELLO" >"$TMP/o1" 2>"$TMP/e1"
check confined-first-runs "$(grep -qx hello "$TMP/o1"; echo $?)" "$(cat "$TMP/o1" "$TMP/e1")"
check confined-first-full "$([ "$(field os_confinement "$TMP/r1.json")" = full ]; echo $?)" "$(cat "$TMP/r1.json")"
check confined-first-stored "$([ "$(field module_cache "$TMP/r1.json")" = stored ]; echo $?)" "$(cat "$TMP/r1.json")"
check confined-first-one-entry "$([ "$(entries "$C")" -eq 1 ]; echo $?)" "$(ls -la "$C" 2>&1)"
"$B" run --cache-dir "$C" --json-file "$TMP/r2.json" "$HELLO" >"$TMP/o2" 2>"$TMP/e2"
check confined-second-runs "$(grep -qx hello "$TMP/o2"; echo $?)" "$(cat "$TMP/o2" "$TMP/e2")"
check confined-second-hit "$([ "$(field module_cache "$TMP/r2.json")" = hit ]; echo $?)" "$(cat "$TMP/r2.json")"
check confined-second-no-new-entry "$([ "$(entries "$C")" -eq 1 ]; echo $?)" "$(ls -la "$C" 2>&1)"
# the stored entry is what the unconfined path writes, byte for byte (the
# parent's own serialization of what it verified, not the worker's bytes)
U=$TMP/u1
"$B" run --no-os-confinement --cache-dir "$U" --json-file "$TMP/ru.json" "$HELLO" >/dev/null 2>&1
check unconfined-writes-cache "$([ "$(entries "$U")" -eq 1 ]; echo $?)" "$(ls -la "$U")"
check entry-identical-to-unconfined "$(cmp -s "$C"/*.bxm "$U"/*.bxm; echo $?)" "entries differ"
check unconfined-record-unchanged "$(grep -q module_cache "$TMP/ru.json"; [ $? -ne 0 ]; echo $?)" "$(cat "$TMP/ru.json")"
"$B" run --no-os-confinement --cache-dir "$C" "$HELLO" >"$TMP/o3" 2>&1
check unconfined-reads-confined-entry "$(grep -qx hello "$TMP/o3"; echo $?)" "$(cat "$TMP/o3")"
# a damaged entry: the parent's lookup refuses it, the worker compiles,
# the entry is written again whole
E=$(ls "$C"/*.bxm)
printf 'XXXX' | dd of="$E" bs=1 seek=200 conv=notrunc status=none
"$B" run --cache-dir "$C" --json-file "$TMP/r4.json" "$HELLO" >"$TMP/o4" 2>&1
check damaged-entry-runs "$(grep -qx hello "$TMP/o4"; echo $?)" "$(cat "$TMP/o4")"
check damaged-entry-rewritten "$([ "$(field module_cache "$TMP/r4.json")" = stored ] && cmp -s "$E" "$U"/*.bxm; echo $?)" "$(cat "$TMP/r4.json")"
# --cache-dir none: no cache, said so
"$B" run --cache-dir none --json-file "$TMP/r5.json" "$HELLO" >/dev/null 2>&1
check cache-none-off "$([ "$(field module_cache "$TMP/r5.json")" = off ]; echo $?)" "$(cat "$TMP/r5.json")"

# 2. The worker reaches neither the cache nor the key (an engine exploit
# inside it could otherwise sign or plant entries); unconfined it can,
# which proves the check can fail.
C=$TMP/c2
"$R" --cache-dir "$C" --op none "$W" >"$TMP/out" 2>"$TMP/err"
E=$(ls "$C"/*.bxm 2>/dev/null | head -n 1)
check rawrun-stores "$([ -n "$E" ] && grep -q 'module_cache=stored' "$TMP/out"; echo $?)" "$(cat "$TMP/out" "$TMP/err")"
before=$(snap "$C")
for op in "read $E" "write $C/planted.bxm" "write $E" "read $BOXAGNTS_CACHE_KEY" "write $BOXAGNTS_CACHE_KEY"; do
    set -- $op
    "$R" --cache-dir "$C" --op "$1" --arg "$2" "$W" >"$TMP/out" 2>"$TMP/err"
    check "worker-cannot-$1-${2##*/}" "$(grep -q "raw: $1 errno 13" "$TMP/err" && grep -q 'module_cache=hit' "$TMP/out"; echo $?)" "$(cat "$TMP/out" "$TMP/err")"
done
check cache-untouched-by-worker "$([ "$before" = "$(snap "$C")" ]; echo $?)" "the cache changed"
cp "$BOXAGNTS_CACHE_KEY" "$TMP/key.copy"
"$R" --no-os-confinement --cache-dir "$C" --op read --arg "$BOXAGNTS_CACHE_KEY" "$W" >"$TMP/out" 2>"$TMP/err"
check unconfined-can-read-key "$(grep -q 'raw: read ok' "$TMP/err"; echo $?)" "$(cat "$TMP/err")"
check key-unchanged "$(cmp -s "$BOXAGNTS_CACHE_KEY" "$TMP/key.copy"; echo $?)" "the key changed"

# 3. Forged artifacts from a worker taken over while compiling: none is
# stored; the cache stays empty; an honest run afterwards stores one.
forge() {   # forge MODE EXPECTED-OUTCOME EXPECTED-CACHE
    local C=$TMP/f-$1
    "$R" --cache-dir "$C" --forge "$1" --forge-other "$HELLO" --op none "$W" >"$TMP/out" 2>"$TMP/err"
    check "forge-$1-outcome" "$(grep -q "outcome=$2 .*module_cache=$3\$" "$TMP/out"; echo $?)" "$(cat "$TMP/out" "$TMP/err")"
    check "forge-$1-nothing-stored" "$([ "$(entries "$C")" -eq 0 ] && [ -z "$(find "$C" -type f 2>/dev/null)" ]; echo $?)" "$(ls -la "$C" 2>&1)"
}
forge hash exited refused       # a valid payload under another module's hash
forge garbage exited refused    # right hash and size, bytes that do not verify
forge trunc exited refused      # the honest payload less one byte, declared so
forge other exited refused      # another module's valid payload under this hash
forge short crashed off         # fewer bytes than declared
forge long crashed off          # more bytes than declared
forge huge crashed off          # a size over the parent's bound
forge twice crashed off         # a second artifact after the first
"$R" --cache-dir "$TMP/f-hash" --op none "$W" >"$TMP/out" 2>"$TMP/err"
check forge-then-honest-stores "$(grep -q 'module_cache=stored' "$TMP/out" && [ "$(entries "$TMP/f-hash")" -eq 1 ]; echo $?)" "$(cat "$TMP/out" "$TMP/err")"

# 4. Guest code sending an artifact (after the honest one, or when none was
# asked for: the cache hit) ends the worker as crashed; nothing is stored
# from that run.
C=$TMP/c4
"$R" --cache-dir "$C" --op plant "$W" >"$TMP/out" 2>"$TMP/err"
check plant-on-miss-crashed "$(grep -q 'outcome=crashed' "$TMP/out"; echo $?)" "$(cat "$TMP/out" "$TMP/err")"
check plant-on-miss-nothing-stored "$([ "$(entries "$C")" -eq 0 ]; echo $?)" "$(ls -la "$C" 2>&1)"
"$R" --cache-dir "$C" --op none "$W" >/dev/null 2>&1
before=$(snap "$C")
"$R" --cache-dir "$C" --op plant "$W" >"$TMP/out" 2>"$TMP/err"
check plant-on-hit-crashed "$(grep -q 'outcome=crashed .*module_cache=hit' "$TMP/out"; echo $?)" "$(cat "$TMP/out" "$TMP/err")"
check plant-on-hit-cache-unchanged "$([ "$before" = "$(snap "$C")" ]; echo $?)" "the cache changed"

# 5. --invoke: the parent loads the module (it needs the export's types)
# through the cache and the worker runs that one.
C=$TMP/c5
"$B" run --cache-dir "$C" --invoke add --json-file "$TMP/i1.json" "$ADD" 2 3 >"$TMP/o" 2>&1
check invoke-first "$(grep -qx 5 "$TMP/o" && [ "$(field module_cache "$TMP/i1.json")" = stored ]; echo $?)" "$(cat "$TMP/o" "$TMP/i1.json")"
"$B" run --cache-dir "$C" --invoke add --json-file "$TMP/i2.json" "$ADD" 40 2 >"$TMP/o" 2>&1
check invoke-second-hit "$(grep -qx 42 "$TMP/o" && [ "$(field module_cache "$TMP/i2.json")" = hit ]; echo $?)" "$(cat "$TMP/o" "$TMP/i2.json")"

# 6. The compiled tier's own cache (src/aot/build.c) under confinement: the
# parent compiles (or loads) before the fork; the second run takes the
# object from the cache (the entry is not written again: same inode and
# time).  Without a compiler the tier is not used at all (the key names
# the compiler), and the module is interpreted.
if command -v cc >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1; then
    C=$TMP/c6
    "$B" run --tier aot --cache-dir "$C" --json-file "$TMP/a1.json" "$HELLO" >"$TMP/o" 2>&1
    check aot-confined-first "$(grep -qx hello "$TMP/o" && [ "$(field tier "$TMP/a1.json")" = aot ] &&
        [ "$(field os_confinement "$TMP/a1.json")" = full ] && [ "$(find "$C/aot" -name '*.so-entry' | wc -l)" -eq 1 ]; echo $?)" "$(cat "$TMP/o" "$TMP/a1.json")"
    before=$(ls -li --time-style=+%s.%N "$C/aot")
    "$B" run --tier aot --cache-dir "$C" --json-file "$TMP/a2.json" "$HELLO" >"$TMP/o" 2>&1
    check aot-confined-from-cache "$(grep -qx hello "$TMP/o" && [ "$(field tier "$TMP/a2.json")" = aot ] &&
        [ "$(field module_cache "$TMP/a2.json")" = hit ] && [ "$before" = "$(ls -li --time-style=+%s.%N "$C/aot")" ]; echo $?)" \
        "$(cat "$TMP/o" "$TMP/a2.json")"
    BOXAGNTS_AOT_CC=$TMP/no-such-cc "$B" run --tier aot --cache-dir "$TMP/c6b" --json-file "$TMP/a3.json" "$HELLO" >"$TMP/o" 2>&1
    check aot-no-cache-no-cc-interprets "$(grep -qx hello "$TMP/o" && [ "$(field tier "$TMP/a3.json")" = interp ]; echo $?)" "$(cat "$TMP/o" "$TMP/a3.json")"
else
    skip aot-confined "no C compiler"
fi

echo "$PASS passed, $FAIL failed, $SKIP skipped"
[ "$FAIL" -eq 0 ]
