#!/usr/bin/env bash
# t_friction.sh — the same answer from every subcommand: a bad grant is a
# usage error (exit 2) for run, call, mcp and serve alike, and the module
# cache is found by one rule (--cache-dir, $BOXAGNTS_CACHE_DIR,
# $XDG_CACHE_HOME/boxagnts, ~/.cache/boxagnts; "none" off) by run, call
# and mcp; a cache the grants reach is not used, and that is said.
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
BX=$(realpath "$BUILD/boxagnts")
ADD=$BUILD/samples/add.wasm
pass=0 fail=0
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
unset BOXAGNTS_CACHE_DIR XDG_CACHE_HOME
export HOME=$T/home
mkdir -p "$T/ws" "$HOME"; printf 'hi\n' > "$T/ws/a.txt"
MCP_INIT='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}'
MCP_CALL='{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"file-read","arguments":{"file_path":"a.txt"}}}'
mcp_call() { printf '%s\n' "$MCP_INIT" '{"jsonrpc":"2.0","method":"notifications/initialized"}' "$MCP_CALL" | timeout 30 "$BX" mcp --drain wait "$@"; }
entries() { find "$1" -name '*.bxm' 2>/dev/null | wc -l; }

# ---- a bad grant: exit 2 everywhere, nothing run ------------------------------
for g in "read:/x=$T/nonexistent" "read:/workspace" "bogus:thing" "read:/workspace/../x"; do
    "$BX" run --cap "$g" --invoke add "$ADD" 1 2 >/dev/null 2>"$T/e1"; r1=$?
    "$BX" call file-read --cap "$g" '{"file_path":"a.txt"}' >"$T/o2" 2>"$T/e2"; r2=$?
    "$BX" mcp --cap "$g" </dev/null >/dev/null 2>"$T/e3"; r3=$?
    "$BX" serve --jsonl --cap "$g" </dev/null >/dev/null 2>"$T/e4"; r4=$?
    [ "$r1$r2$r3$r4" = 2222 ] && ok || bad "grant $g: exit run=$r1 call=$r2 mcp=$r3 serve=$r4"
    [ ! -s "$T/o2" ] && ok || bad "grant $g: call printed a result: $(cat "$T/o2")"
    for e in e2 e3 e4; do [ -s "$T/$e" ] && ok || bad "grant $g: $e says nothing"; done
done
# a policy executor's bad grant stops the server at start-up, naming it
printf '{"executors": {"coder": {"grants": ["read:/x=%s/nonexistent"]}}}' "$T" > "$T/p.json"
"$BX" mcp --policy "$T/p.json" </dev/null >/dev/null 2>"$T/e"; rc=$?
[ $rc = 2 ] && grep -q "executor coder" "$T/e" && ok || bad "policy executor bad grant: rc=$rc $(cat "$T/e")"
# the same good grants still work
out=$("$BX" call file-read --workspace "$T/ws" --cap read:/workspace '{"file_path":"a.txt"}'); rc=$?
[ $rc = 0 ] && grep -q '"is_error":false' <<<"$out" && ok || bad "good grant: rc=$rc $out"
# usage errors are 2 for the engine commands too
"$BX" validate >/dev/null 2>&1; r1=$?; "$BX" invoke >/dev/null 2>&1; r2=$?
"$BX" run --bogus x >/dev/null 2>&1; r3=$?; "$BX" call file-read --bogus >/dev/null 2>&1; r4=$?
[ "$r1$r2$r3$r4" = 2222 ] && ok || bad "usage errors: validate=$r1 invoke=$r2 run=$r3 call=$r4"

# ---- the cache location rule -----------------------------------------------------
# ~/.cache/boxagnts by default, for call, mcp and run
"$BX" call file-read --workspace "$T/ws" '{"file_path":"a.txt"}' >/dev/null 2>&1
[ "$(entries "$HOME/.cache/boxagnts")" -ge 1 ] && ok || bad "call: no entry in ~/.cache/boxagnts"
rm -rf "$HOME/.cache"
mcp_call --workspace "$T/ws" >/dev/null 2>&1
[ "$(entries "$HOME/.cache/boxagnts")" -ge 1 ] && ok || bad "mcp: no entry in ~/.cache/boxagnts"
rm -rf "$HOME/.cache"
"$BX" run --invoke add "$ADD" 1 2 >/dev/null 2>&1
[ "$(entries "$HOME/.cache/boxagnts")" -ge 1 ] && ok || bad "run: no entry in ~/.cache/boxagnts"
[ "$(stat -c %a "$HOME/.cache")" = 700 ] && ok || bad "~/.cache created 0700"
rm -rf "$HOME/.cache"
# $XDG_CACHE_HOME/boxagnts over ~/.cache
for sub in call mcp run; do
    X=$T/xdg-$sub
    case $sub in
        call) XDG_CACHE_HOME=$X "$BX" call file-read --workspace "$T/ws" '{"file_path":"a.txt"}' >/dev/null 2>&1 ;;
        mcp) XDG_CACHE_HOME=$X mcp_call --workspace "$T/ws" >/dev/null 2>&1 ;;
        run) XDG_CACHE_HOME=$X "$BX" run --invoke add "$ADD" 1 2 >/dev/null 2>&1 ;;
    esac
    [ "$(entries "$X/boxagnts")" -ge 1 ] && [ ! -e "$HOME/.cache" ] && ok || bad "$sub: XDG_CACHE_HOME not used"
done
# $BOXAGNTS_CACHE_DIR over both (mcp used to ignore it)
for sub in call mcp run; do
    C=$T/env-$sub
    case $sub in
        call) BOXAGNTS_CACHE_DIR=$C XDG_CACHE_HOME=$T/no "$BX" call file-read --workspace "$T/ws" '{"file_path":"a.txt"}' >/dev/null 2>&1 ;;
        mcp) BOXAGNTS_CACHE_DIR=$C XDG_CACHE_HOME=$T/no mcp_call --workspace "$T/ws" >/dev/null 2>&1 ;;
        run) BOXAGNTS_CACHE_DIR=$C XDG_CACHE_HOME=$T/no "$BX" run --invoke add "$ADD" 1 2 >/dev/null 2>&1 ;;
    esac
    [ "$(entries "$C")" -ge 1 ] && [ "$(entries "$T/no")" = 0 ] && ok || bad "$sub: BOXAGNTS_CACHE_DIR not used"
done
# --cache-dir over the variable
BOXAGNTS_CACHE_DIR=$T/envc "$BX" call file-read --cache-dir "$T/flagc" --workspace "$T/ws" '{"file_path":"a.txt"}' >/dev/null 2>&1
[ "$(entries "$T/flagc")" -ge 1 ] && [ "$(entries "$T/envc")" = 0 ] && ok || bad "--cache-dir over BOXAGNTS_CACHE_DIR"
# none: no cache anywhere
BOXAGNTS_CACHE_DIR=none "$BX" call file-read --workspace "$T/ws" '{"file_path":"a.txt"}' >/dev/null 2>&1
BOXAGNTS_CACHE_DIR=none "$BX" run --invoke add "$ADD" 1 2 >/dev/null 2>&1
[ ! -e "$HOME/.cache" ] && [ ! -e "$T/none" ] && [ ! -e none ] && ok || bad "none still cached"
# a cache inside the workspace: not used, and said so, by call, mcp and run
before=$(cd "$T/ws" && find . | sort)
BOXAGNTS_CACHE_DIR=$T/ws/cache "$BX" call file-read --workspace "$T/ws" '{"file_path":"a.txt"}' >"$T/o" 2>"$T/e"; rc=$?
[ $rc = 0 ] && grep -q '"is_error":false' "$T/o" && grep -q "not used" "$T/e" && grep -qF "$T/ws/cache" "$T/e" \
    && ok || bad "call: cache in the workspace: rc=$rc $(cat "$T/e")"
BOXAGNTS_CACHE_DIR=$T/ws/cache mcp_call --workspace "$T/ws" >/dev/null 2>"$T/e"
grep -q "not used" "$T/e" && ok || bad "mcp: cache in the workspace said nothing"
BOXAGNTS_CACHE_DIR=$T/ws/cache "$BX" run --dir "$T/ws" --invoke add "$ADD" 1 2 >"$T/o" 2>"$T/e"; rc=$?
[ $rc = 0 ] && [ "$(cat "$T/o")" = 3 ] && grep -q "not used" "$T/e" && ok || bad "run: cache in a granted dir: rc=$rc $(cat "$T/e")"
[ "$(cd "$T/ws" && find . | sort)" = "$before" ] && ok || bad "the workspace changed: $(cd "$T/ws" && find .)"

echo "$pass passed, $fail failed"
