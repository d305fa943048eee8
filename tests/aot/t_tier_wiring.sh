#!/usr/bin/env bash
# tests/aot/t_tier_wiring.sh — the tier choice outside `run` (issue 17 §3):
# `call`, `serve --jsonl`, `mcp` and the policy file's "tier" key.  Every
# compiled-tier answer is compared with the interpreter's answer to the
# same input (the expected value is never a constant of the code under
# test), the result must say which tier ran, and a confined worker must
# still report the confinement the interpreter's did.  Then: auto in a
# one-shot call takes only a cached artifact; auto in serve interprets,
# compiles in the background after repeated calls and then runs compiled;
# a failing compiler (BOXAGNTS_AOT_CC=/bin/false) falls back to the
# interpreter with the reason; a bad tier value is a usage error.  The
# tool is tests/aot/tools/t-fnv (a small module: each compile is quick).
# Last line: "N passed, N failed[, N skipped]".
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
B=$BUILD/boxagnts
T=$BUILD/tests/aot/tier-wiring
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
check() { local what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }
command -v wat2wasm >/dev/null || { echo "wat2wasm missing"; echo "0 passed, 1 failed"; exit 1; }
if ! command -v cc >/dev/null && ! command -v gcc >/dev/null && ! command -v clang >/dev/null; then
    echo "no C compiler: the compiled tier cannot be tested"; echo "0 passed, 0 failed, 1 skipped"; exit 0
fi
rm -rf "$T" && mkdir -p "$T/tools/t-fnv"
cp tests/aot/tools/t-fnv/tool.json "$T/tools/t-fnv/"
wat2wasm tests/aot/tools/t-fnv/tool.wat -o "$T/tools/t-fnv/tool.wasm" || { echo "0 passed, 1 failed"; exit 1; }
TD=(--tools-dir "$T/tools")
IN='{"text":"the quick brown fox"}'

# field NAME: the first "NAME":"value" of stdin
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" | head -n 1; }

# ---- call -------------------------------------------------------------------
C=$T/cache-call
ci=$("$B" call t-fnv "${TD[@]}" --cache-dir "$C" --tier interp "$IN")
ca=$("$B" call t-fnv "${TD[@]}" --cache-dir "$C" --tier aot "$IN")
want=$(printf '%s' "$ci" | field content)
conf=$(printf '%s' "$ci" | field os_confinement)
check "call interp: a result and tier interp ($ci)" test -n "$want" -a "$(printf '%s' "$ci" | field tier)" = interp
check "call aot: same content as interp ($ca)" test "$(printf '%s' "$ca" | field content)" = "$want"
check "call aot: tier aot ($ca)" test "$(printf '%s' "$ca" | field tier)" = aot
check "call aot: os_confinement as interp's ($conf)" test "$(printf '%s' "$ca" | field os_confinement)" = "$conf"
if grep -q '"os_confinement":"full"' <<<"$ci"; then
    check "call aot: os_confinement full" grep -q '"os_confinement":"full"' <<<"$ca"
fi
# auto in a one-shot call: the cached artifact (made by the aot call above)
cu=$("$B" call t-fnv "${TD[@]}" --cache-dir "$C" --tier auto "$IN")
check "call auto, cached: tier aot ($cu)" test "$(printf '%s' "$cu" | field tier)" = aot
# ... and nothing cached: interpreted, never compiled by the call
cu=$("$B" call t-fnv "${TD[@]}" --cache-dir "$T/cache-empty" --tier auto "$IN")
check "call auto, empty cache: tier interp ($cu)" test "$(printf '%s' "$cu" | field tier)" = interp
check "call auto, empty cache: same content" test "$(printf '%s' "$cu" | field content)" = "$want"
check "call auto, empty cache: the reason is given" grep -q '"tier_reason":"[^"]' <<<"$cu"
cu=$("$B" call t-fnv "${TD[@]}" --cache-dir "$T/cache-empty" --tier auto "$IN")
check "call auto compiled nothing: still interp ($cu)" test "$(printf '%s' "$cu" | field tier)" = interp
# $BOXAGNTS_TIER is the default; the flag wins over it
ce=$(BOXAGNTS_TIER=aot "$B" call t-fnv "${TD[@]}" --cache-dir "$C" "$IN")
check "call BOXAGNTS_TIER=aot: tier aot ($ce)" test "$(printf '%s' "$ce" | field tier)" = aot
ce=$(BOXAGNTS_TIER=aot "$B" call t-fnv "${TD[@]}" --cache-dir "$C" --tier interp "$IN")
check "call --tier interp over BOXAGNTS_TIER=aot: interp ($ce)" test "$(printf '%s' "$ce" | field tier)" = interp
# a failing compiler: the interpreter, silently, with the reason
cf=$(BOXAGNTS_AOT_CC=/bin/false "$B" call t-fnv "${TD[@]}" --cache-dir "$T/cache-false" --tier aot "$IN"); rc=$?
check "call, failing compiler: exit 0 ($rc)" test $rc -eq 0
check "call, failing compiler: same content ($cf)" test "$(printf '%s' "$cf" | field content)" = "$want"
check "call, failing compiler: tier interp" test "$(printf '%s' "$cf" | field tier)" = interp
check "call, failing compiler: the reason names the compiler" grep -q '"tier_reason":"[^"]*compiler' <<<"$cf"
# without a cache (none): compiled for this call only
cn=$("$B" call t-fnv "${TD[@]}" --cache-dir none --tier aot "$IN")
check "call aot, no cache: tier aot ($cn)" test "$(printf '%s' "$cn" | field tier)" = aot
"$B" call t-fnv "${TD[@]}" --tier fast "$IN" >/dev/null 2>"$T/err"; rc=$?
check "call --tier fast: exit 2 ($rc)" test $rc -eq 2
check "call --tier fast: says the values" grep -q 'interp, aot or auto' "$T/err"

# ---- tool precompile: into the cache auto takes from ----------------------
"$B" tool precompile t-fnv "${TD[@]}" --cache-dir "$T/cache-pre" >"$T/out" 2>&1; rc=$?
check "tool precompile: exit 0 ($rc: $(cat "$T/out"))" test $rc -eq 0
cu=$("$B" call t-fnv "${TD[@]}" --cache-dir "$T/cache-pre" --tier auto "$IN")
check "call auto after precompile: tier aot ($cu)" test "$(printf '%s' "$cu" | field tier)" = aot
check "call auto after precompile: same content" test "$(printf '%s' "$cu" | field content)" = "$want"
BOXAGNTS_AOT_CC=/bin/false "$B" tool precompile t-fnv "${TD[@]}" --cache-dir "$T/cache-pre2" >"$T/out" 2>&1; rc=$?
check "tool precompile, failing compiler: exit 1 ($rc)" test $rc -eq 1
check "tool precompile, failing compiler: says why" grep -q 'not compiled: .*compiler' "$T/out"
"$B" tool precompile t-nope "${TD[@]}" --cache-dir "$T/cache-pre2" >/dev/null 2>"$T/err"; rc=$?
check "tool precompile of an unknown tool: exit 2 ($rc)" test $rc -eq 2
"$B" tool precompile t-fnv "${TD[@]}" --cache-dir none >/dev/null 2>"$T/err"; rc=$?
check "tool precompile with the cache off: exit 2 ($rc)" test $rc -eq 2

# ---- serve --jsonl ----------------------------------------------------------
req() { printf '{"id":%s,"tool":"t-fnv","input":%s}\n' "$1" "$IN"; }
reqs() { for i in $(seq 1 "$1"); do req "$i"; done; }
si=$(reqs 3 | "$B" serve --jsonl "${TD[@]}" --cache-dir "$C" --tier interp)
sa=$(reqs 3 | "$B" serve --jsonl "${TD[@]}" --cache-dir "$C" --tier aot)
check "serve interp: 3 results, tier interp" test "$(grep -c '"tier":"interp"' <<<"$si")" -eq 3
check "serve aot: 3 results, tier aot ($sa)" test "$(grep -c '"tier":"aot"' <<<"$sa")" -eq 3
check "serve aot: same content as interp" test "$(grep -c "\"content\":\"$want\"" <<<"$sa")" -eq 3
check "serve aot: os_confinement as interp's" \
    test "$(grep -o '"os_confinement":"[a-z]*"' <<<"$sa" | sort -u)" = "$(grep -o '"os_confinement":"[a-z]*"' <<<"$si" | sort -u)"
if grep -q '"os_confinement":"full"' <<<"$si"; then
    check "serve aot: os_confinement full in every result" test "$(grep -c '"os_confinement":"full"' <<<"$sa")" -eq 3
fi
# compiled in a fresh cache by the zygote before its worker forks
sa=$(reqs 2 | "$B" serve --jsonl "${TD[@]}" --cache-dir "$T/cache-serve" --tier aot)
check "serve aot, cold cache: compiled, tier aot ($sa)" test "$(grep -c '"tier":"aot"' <<<"$sa")" -eq 2
# the server's own threads (no zygote)
sa=$(reqs 2 | "$B" serve --jsonl "${TD[@]}" --cache-dir "$C" --tier aot --no-os-confinement)
check "serve aot --no-os-confinement: tier aot ($sa)" test "$(grep -c '"tier":"aot"' <<<"$sa")" -eq 2
# a failing compiler: interpreted, every call answered, the reason given
sf=$(reqs 2 | BOXAGNTS_AOT_CC=/bin/false "$B" serve --jsonl "${TD[@]}" --cache-dir "$T/cache-false2" --tier aot)
check "serve, failing compiler: 2 results, same content ($sf)" test "$(grep -c "\"content\":\"$want\"" <<<"$sf")" -eq 2
check "serve, failing compiler: tier interp with the reason" \
    test "$(grep -c '"tier":"interp","tier_reason":"[^"]*compiler' <<<"$sf")" -eq 2

# auto: interpreted first, compiled in the background after the second
# call, then compiled.  Calls one at a time (each answer read before the
# next is sent) until one runs compiled; bounded by a count, not a clock.
coproc SRV { "$B" serve --jsonl "${TD[@]}" --cache-dir "$T/cache-auto" --tier auto 2>"$T/auto.err"; }
first="" switched=0 n=0 same=1
for i in $(seq 1 200); do
    req "$i" >&"${SRV[1]}"
    IFS= read -r -t 60 line <&"${SRV[0]}" || break
    n=$i
    [ -n "$first" ] || first=$(printf '%s' "$line" | field tier)
    [ "$(printf '%s' "$line" | field content)" = "$want" ] || same=0
    if [ "$(printf '%s' "$line" | field tier)" = aot ]; then switched=$i; break; fi
    sleep 0.2
done
exec {SRV[1]}>&-
wait "$SRV_PID" 2>/dev/null
check "serve auto: the first call interpreted ($first)" test "$first" = interp
check "serve auto: switched to aot after repeated calls (call $switched of $n)" test "$switched" -gt 2
check "serve auto: every answer as the interpreter's" test $same -eq 1
check "serve auto: the compiled form is in the cache" test -n "$(ls "$T/cache-auto/aot" 2>/dev/null)"
check "call auto, empty cache: nothing compiled into it" test -z "$(ls "$T/cache-empty/aot" 2>/dev/null)"
# and a new server with auto takes it from the cache at once
sa=$(reqs 1 | "$B" serve --jsonl "${TD[@]}" --cache-dir "$T/cache-auto" --tier auto)
check "serve auto, cached: the first call compiled ($sa)" grep -q '"tier":"aot"' <<<"$sa"

# ---- mcp ----------------------------------------------------------------------
mcp_in() {
    printf '%s\n' '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}' \
        '{"jsonrpc":"2.0","method":"notifications/initialized"}' \
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"t-fnv\",\"arguments\":$IN}}"
}
mi=$(mcp_in | "$B" mcp --drain wait "${TD[@]}" --cache-dir "$C" --tier interp | grep '"id":2')
ma=$(mcp_in | "$B" mcp --drain wait "${TD[@]}" --cache-dir "$C" --tier aot | grep '"id":2')
check "mcp interp: _meta boxagnts/tier interp ($mi)" grep -q '"boxagnts/tier":"interp"' <<<"$mi"
check "mcp aot: _meta boxagnts/tier aot ($ma)" grep -q '"boxagnts/tier":"aot"' <<<"$ma"
check "mcp aot: same text as interp" grep -q "\"text\":\"$want\"" <<<"$ma"
check "mcp aot: os_confinement as interp's" \
    test "$(grep -o '"boxagnts/os_confinement":"[a-z]*"' <<<"$ma")" = "$(grep -o '"boxagnts/os_confinement":"[a-z]*"' <<<"$mi")"

# ---- the policy file --------------------------------------------------------
printf '{"tier":"aot","cache_dir":"%s","executors":{"slow":{"tier":"interp"}}}\n' "$PWD/$C" >"$T/policy.json"
pa=$( { req 1; printf '{"id":2,"executor":"slow","tool":"t-fnv","input":%s}\n' "$IN"; } |
     "$B" serve --jsonl "${TD[@]}" --policy "$T/policy.json")
check "policy tier aot: the default executor ran aot ($pa)" grep -q '"id":1,.*"tier":"aot"' <<<"$pa"
check "policy: executor slow's tier interp ($pa)" grep -q '"id":2,.*"tier":"interp"' <<<"$pa"
check "policy: same content in both" test "$(grep -c "\"content\":\"$want\"" <<<"$pa")" -eq 2
pf=$(req 1 | "$B" serve --jsonl "${TD[@]}" --policy "$T/policy.json" --tier interp)
check "--tier interp over the policy's aot ($pf)" grep -q '"tier":"interp"' <<<"$pf"
pc=$("$B" policy check "$T/policy.json")
check "policy check shows each executor's tier" \
    test "$(printf '%s\n' "$pc" | grep -E '^executor|^  tier' | tr -s ' ' | tr '\n' '|')" = "executor default| tier aot|executor slow| tier interp|"
printf '{"tier":"fast"}\n' >"$T/bad.json"
"$B" serve --jsonl "${TD[@]}" --policy "$T/bad.json" </dev/null >/dev/null 2>"$T/err"; rc=$?
check "policy tier fast: exit 2 ($rc)" test $rc -eq 2
check "policy tier fast: names the key" grep -q 'tier' "$T/err"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
