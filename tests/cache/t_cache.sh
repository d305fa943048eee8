#!/usr/bin/env bash
# tests/cache/t_cache.sh — `boxagnts run --cache-dir DIR` end to end: the
# first run writes one entry (0600 in a 0700 dir), the second gives the same
# output from it; a damaged or truncated entry still gives the right output
# and is rewritten; an unusable cache dir never fails a run.  Prints
# "N passed, N failed" last.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
BX=$BUILD/boxagnts
ECHO=$BUILD/tests/cli/echo.wasm
ADD=$BUILD/samples/add.wasm
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { local what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }

T=$(mktemp -d /tmp/bx-t-cache-XXXXXX)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
C=$T/deep/cache
export XDG_CONFIG_HOME=$T/config   # the cache key goes there, never to the user's
unset BOXAGNTS_CACHE_KEY
entry() { ls "$C"/*.bxm 2>/dev/null; }
mode() { stat -c %a "$1"; }

# 1. first run: compiled and stored
out1=$("$BX" run --cache-dir "$C" "$ECHO" one two 2>&1); rc1=$?
check "first run exit $rc1" [ "$rc1" -eq 0 ]
check "first run output: $out1" [ "$(printf '%s\n' "$out1" | head -n 2 | tr '\n' ' ')" = "arg: one arg: two " ]
check "one entry written" [ "$(entry | wc -l)" -eq 1 ]
E=$(entry | head -n 1)
check "cache dir mode $(mode "$C")" [ "$(mode "$C")" = 700 ]
check "entry mode $(mode "$E")" [ "$(mode "$E")" = 600 ]

# 2. second run: same output, entry untouched (a hit does not rewrite it)
before=$(stat -c %Y.%i "$E")
sleep 1
out2=$("$BX" run --cache-dir "$C" "$ECHO" one two 2>&1); rc2=$?
check "cached run exit $rc2" [ "$rc2" -eq 0 ]
check "cached run output equals the first" [ "$out2" = "$out1" ]
check "hit left the entry as it was" [ "$(stat -c %Y.%i "$E")" = "$before" ]
cp "$E" "$T/good.bxm"

# 3. damage in the middle of the payload: right output, entry rewritten
size=$(stat -c %s "$E")
printf '\x5a\x5a\x5a\x5a' | dd of="$E" bs=1 seek=$((size / 2)) conv=notrunc status=none
out3=$("$BX" run --cache-dir "$C" "$ECHO" one two 2>&1); rc3=$?
check "damaged entry: exit $rc3, output" [ "$rc3:$out3" = "0:$out1" ]
check "damaged entry rewritten" cmp -s "$E" "$T/good.bxm"

# 4. truncated entry
head -c 200 "$T/good.bxm" >"$E"
out4=$("$BX" run --cache-dir "$C" "$ECHO" one two 2>&1); rc4=$?
check "truncated entry: exit $rc4, output" [ "$rc4:$out4" = "0:$out1" ]
check "truncated entry rewritten" cmp -s "$E" "$T/good.bxm"

# 5. --invoke through the cache (two loads per run: both from one entry)
r1=$("$BX" run --cache-dir "$C" --invoke fib "$ADD" 20 2>&1)
r2=$("$BX" run --cache-dir "$C" --invoke fib "$ADD" 20 2>&1)
check "invoke fib 20 = $r1 / $r2" [ "$r1:$r2" = 6765:6765 ]
check "two entries now" [ "$(entry | wc -l)" -eq 2 ]

# 6. a cache dir that cannot exist (beneath a regular file): runs anyway
: >"$T/file"
out6=$("$BX" run --cache-dir "$T/file/cache" "$ECHO" one two 2>/dev/null); rc6=$?
check "unusable cache dir: exit $rc6" [ "$rc6" -eq 0 ]
check "unusable cache dir: output" [ "$out6" = "$out1" ]

# 7. a module that does not load is reported as without a cache, not cached
printf '\0asm\1\0\0\0\1' >"$T/bad.wasm"
"$BX" run --cache-dir "$C" "$T/bad.wasm" >/dev/null 2>"$T/err"; rc7=$?
check "bad module: nonzero exit" [ "$rc7" -ne 0 ]
check "bad module: message" grep -q "cannot load module" "$T/err"
check "bad module not cached" [ "$(entry | wc -l)" -eq 2 ]
check "no temporary files left" [ -z "$(ls -A "$C" | grep -v '\.bxm$' | grep -v '\.bxm\.stamp$' | grep -vx stamps)" ]

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
