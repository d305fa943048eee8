#!/usr/bin/env bash
# tests/cache/t_cache_trust.sh — who may use a compiled-module cache (issue
# 12, item 2), through every subcommand: a cache inside, above or reached
# through a link in a writable grant is refused by run, call (flag and
# $BOXAGNTS_CACHE_DIR), mcp, serve --jsonl, a policy file and an executor,
# with a message, and the guest never runs; a cache under a read-only grant
# or outside every grant is used.  A grant (read or write) that reaches the
# cache key, or a key with a wrong mode, a symlink, a truncated key: the run
# works without the cache, says why, writes no entry, and leaves the key as
# it was; and no guest can read the key through any grant.  Files outside
# the grants are compared byte for byte afterwards.
# Prints "N passed, N failed" last.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
BX=$BUILD/boxagnts
ECHO=$(pwd)/$BUILD/tests/cli/echo.wasm
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { local what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }
has() { [[ "$1" == *"$2"* ]]; }
nentries() { ls "$1" 2>/dev/null | grep -c '\.bxm$'; }

T=$(mktemp -d /tmp/bx-t-trust-XXXXXX)
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
T=$(cd "$T" && pwd -P)
export XDG_CONFIG_HOME=$T/config
unset BOXAGNTS_CACHE_KEY BOXAGNTS_CACHE_DIR
KEY=$XDG_CONFIG_HOME/boxagnts/cache.key
WS=$T/proj
mkdir -p "$WS/sub" "$T/outside" "$T/up/proj"
printf 'workspace file\n' >"$WS/notes.txt"
printf 'outside file\n' >"$T/outside/keep.txt"
ln -s "$T/outside" "$WS/out"        # a link inside the grant, pointing out
ln -s "$WS" "$T/alias"              # a link to the grant
snap() { (cd "$T" && find proj outside up -type f -print0 | sort -z | xargs -0 sha256sum; find proj outside up | sort) >"$1"; }

# ---- run ------------------------------------------------------------------------
refused_run() {  # refused_run DESC CACHE ARGS...: refused, nothing ran, no cache made
    local what=$1 cache=$2; shift 2
    local out err rc
    out=$("$BX" run "$@" --cache-dir "$cache" "$ECHO" hi 2>"$T/err"); rc=$?
    err=$(cat "$T/err")
    check "run, $what: exit $rc" [ "$rc" -eq 2 ]
    check "run, $what: says why and what to do: $err" has "$err" "writable grant"
    has "$err" "--cache-dir outside" && ok || bad "run, $what: names the fix: $err"
    check "run, $what: the guest did not run: $out" [ -z "$out" ]
    check "run, $what: no entry at $cache" [ "$(nentries "$cache")" -eq 0 ]
}
snap "$T/before"
refused_run "the issue's reproduction" "$WS/.cache" --workspace "$WS" --cap write:/workspace
check "the refused cache dir was not created" [ ! -e "$WS/.cache" ]
refused_run "deep inside" "$WS/a/b/c" --workspace "$WS" --cap write:/workspace
BXA=$(pwd)/$BX
(cd "$T" && "$BXA" run --workspace proj --cap write:/workspace --cache-dir proj/.cache "$ECHO" hi >/dev/null 2>&1)
check "run with relative paths (the issue's spelling): refused" [ $? -eq 2 ]
check "no relative cache made" [ ! -e "$WS/.cache" ]
refused_run "above the grant" "$T/up" --workspace "$T/up/proj" --cap write:/workspace
refused_run "a sub-grant" "$WS/sub/c" --workspace "$WS" --cap write:/workspace/sub
refused_run "a --dir grant (read-write)" "$T/outside/c" --dir "$T/outside::/data"
refused_run "through a link to the grant" "$T/alias/c" --workspace "$WS" --cap write:/workspace
refused_run "behind a link inside the grant (the guest can retarget it)" "$WS/out/c" --workspace "$WS" --cap write:/workspace
refused_run "a second, writable grant" "$T/outside/c" --workspace "$WS" --cap read:/workspace --cap "write:/o=$T/outside"
snap "$T/after"
check "refused runs changed no file" cmp -s "$T/before" "$T/after"
check "refused runs made no key" [ ! -e "$KEY" ]

# allowed: outside every grant; under a read-only grant: not used (skipped, said so)
out=$("$BX" run --workspace "$WS" --cap write:/workspace --cache-dir "$T/cache1" "$ECHO" hi 2>"$T/err"); rc=$?
check "cache outside the grants: exit $rc ($(cat "$T/err"))" [ "$rc" -eq 0 ]
check "cache outside the grants: output" has "$out" "arg: hi"
check "cache outside the grants: entry written" [ "$(nentries "$T/cache1")" -eq 1 ]
check "the key was made 0600" [ "$(stat -c %a "$KEY" 2>/dev/null)" = 600 ]
check "the key is 32 bytes" [ "$(stat -c %s "$KEY" 2>/dev/null)" = 32 ]
out=$("$BX" run --workspace "$WS" --cap read:/workspace --cache-dir "$WS/.ro-cache" "$ECHO" hi 2>"$T/err"); rc=$?
check "cache under a read-only grant: exit $rc ($(cat "$T/err"))" [ "$rc" -eq 0 ]
check "cache under a read-only grant: not used" [ "$(nentries "$WS/.ro-cache")" -eq 0 ]
check "cache under a read-only grant: said so" has "$(cat "$T/err")" "not using the compiled-module cache"
rm -rf "$WS/.ro-cache"

# the key reached by a grant: run without the cache, with a warning
keysum=$(sha256sum "$KEY")
for cap in "read:/cfg=$XDG_CONFIG_HOME" "read:/k=$XDG_CONFIG_HOME/boxagnts" "write:/t=$T/config"; do
    out=$("$BX" run --cap "$cap" --cache-dir "$T/cache2" "$ECHO" hi 2>"$T/err"); rc=$?
    err=$(cat "$T/err")
    check "key reached by $cap: the run works (exit $rc)" [ "$rc" -eq 0 ]
    check "key reached by $cap: output" has "$out" "arg: hi"
    check "key reached by $cap: warning: $err" has "$err" "its key"
    check "key reached by $cap: no entry" [ "$(nentries "$T/cache2")" -eq 0 ]
done
check "the key was not changed by those runs" [ "$(sha256sum "$KEY")" = "$keysum" ]

# bad key files: never an error, never touched
cp "$KEY" "$T/key.good"
cp "$KEY" "$T/key.orig"
badkey() {  # badkey DESC NEEDLE
    local out err rc before
    before=$(stat -c '%i %a %s %Y' "$KEY" 2>/dev/null; sha256sum "$KEY" 2>/dev/null)
    out=$("$BX" run --cache-dir "$T/cache3" "$ECHO" hi 2>"$T/err"); rc=$?
    err=$(cat "$T/err")
    check "$1: the run works (exit $rc)" [ "$rc" -eq 0 ]
    check "$1: output" has "$out" "arg: hi"
    check "$1: warning naming it: $err" has "$err" "$2"
    check "$1: no entry" [ "$(nentries "$T/cache3")" -eq 0 ]
    check "$1: key left as it was" [ "$(stat -c '%i %a %s %Y' "$KEY" 2>/dev/null; sha256sum "$KEY" 2>/dev/null)" = "$before" ]
}
chmod 644 "$KEY"; badkey "group/other-readable key" "chmod 600"
chmod 600 "$KEY"
head -c 16 "$T/key.good" >"$KEY"; badkey "truncated key" "damaged"
: >"$KEY"; badkey "empty key" "damaged"
rm "$KEY"; ln -s "$T/key.good" "$KEY"; badkey "symlinked key" "symbolic link"
check "the symlink's target is untouched" cmp -s "$T/key.good" "$T/key.orig"
rm "$KEY"; cp "$T/key.good" "$KEY"; chmod 600 "$KEY"; chmod 777 "$XDG_CONFIG_HOME/boxagnts"
badkey "key directory writable by others" "others can write"
chmod 700 "$XDG_CONFIG_HOME/boxagnts"
out=$("$BX" run --cache-dir "$T/cache3" "$ECHO" hi 2>"$T/err"); rc=$?
check "good key again: cache used (exit $rc, $(cat "$T/err"))" [ "$rc" -eq 0 ] && [ "$(nentries "$T/cache3")" -eq 1 ]

# ---- call, mcp, serve, policy, executors ---------------------------------------------------
WIN='{"file_path":"/workspace/new.txt","content":"planted"}'
RIN='{"file_path":"/workspace/notes.txt"}'
refused_tool() {  # refused_tool DESC OUTPUT CACHE
    check "$1: refused with the reason: $2" has "$2" "writable grant"
    check "$1: the tool did not run (no new.txt)" [ ! -e "$WS/new.txt" ]
    check "$1: no entry" [ "$(nentries "$3")" -eq 0 ]
}
snap "$T/before"
out=$("$BX" call file-write --workspace "$WS" --cache-dir "$WS/.cache" "$WIN" 2>&1)
refused_tool "call --cache-dir in the workspace" "$out" "$WS/.cache"
has "$out" '"is_error":true' || has "$out" '"is_error": true' && ok || bad "call: is_error: $out"
out=$(BOXAGNTS_CACHE_DIR=$WS/.cache "$BX" call file-write --workspace "$WS" "$WIN" 2>&1)
refused_tool "call \$BOXAGNTS_CACHE_DIR in the workspace" "$out" "$WS/.cache"
out=$("$BX" call file-write --workspace "$T/up/proj" --cache-dir "$T/up" "$WIN" 2>&1)
check "call, cache above the workspace: refused: $out" has "$out" "writable grant"
out=$("$BX" call bash --workspace "$WS" --cache-dir "$WS/out/c" '{"command":"echo planted > /workspace/new.txt"}' 2>&1)
refused_tool "call bash, cache behind a link in the workspace" "$out" "$WS/out/c"

init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}'
inited='{"jsonrpc":"2.0","method":"notifications/initialized"}'
mcpcall='{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"file-write","arguments":'$WIN'}}'
out=$(printf '%s\n%s\n%s\n' "$init" "$inited" "$mcpcall" | timeout 60 "$BX" mcp --drain wait --workspace "$WS" --cache-dir "$WS/.cache" 2>&1)
refused_tool "mcp --cache-dir in the workspace" "$out" "$WS/.cache"
check "mcp: isError" has "$out" '"isError":true'

out=$(printf '{"id":1,"tool":"file-write","input":%s}\n' "$WIN" | timeout 60 "$BX" serve --jsonl --workspace "$WS" --cache-dir "$WS/.cache" 2>&1)
refused_tool "serve --jsonl --cache-dir in the workspace" "$out" "$WS/.cache"

cat >"$T/policy.json" <<EOF
{"workspace": "proj", "grants": ["write:/workspace"], "cache_dir": "proj/.cache"}
EOF
out=$(printf '{"id":1,"tool":"file-write","input":%s}\n' "$WIN" | timeout 60 "$BX" serve --jsonl --policy "$T/policy.json" 2>&1)
refused_tool "a policy file's cache_dir in its workspace" "$out" "$WS/.cache"
out=$(printf '%s\n%s\n%s\n' "$init" "$inited" "$mcpcall" | timeout 60 "$BX" mcp --drain wait --policy "$T/policy.json" 2>&1)
refused_tool "mcp with that policy file" "$out" "$WS/.cache"

cat >"$T/exec.json" <<EOF
{"workspace": "proj", "cache_dir": "$T/cache4",
 "executors": {"coder": {"grants": ["write:/workspace"], "cache_dir": "proj/.cache"},
               "reader": {"grants": ["read:/workspace"], "cache_dir": "proj/.cache"},
               "outsider": {"grants": ["write:/workspace"]}}}
EOF
out=$(printf '{"id":1,"executor":"coder","tool":"file-write","input":%s}\n' "$WIN" | timeout 60 "$BX" serve --jsonl --policy "$T/exec.json" 2>&1)
refused_tool "an executor's cache_dir in its writable workspace" "$out" "$WS/.cache"
snap "$T/after"
check "refused tool calls changed no file" cmp -s "$T/before" "$T/after"
out=$(printf '{"id":1,"executor":"reader","tool":"file-read","input":%s}\n' "$RIN" | timeout 60 "$BX" serve --jsonl --policy "$T/exec.json" 2>&1)
check "an executor reading only: runs: $out" has "$out" "workspace file"
check "an executor reading only: its cache is not used" [ "$(nentries "$WS/.cache")" -eq 0 ]
rm -rf "$WS/.cache"
out=$(printf '{"id":1,"executor":"outsider","tool":"file-write","input":%s}\n' "$WIN" | timeout 60 "$BX" serve --jsonl --policy "$T/exec.json" 2>&1)
check "an executor with a cache outside its grants: runs: $out" [ -f "$WS/new.txt" ]
check "an executor with a cache outside its grants: cache used" [ "$(nentries "$T/cache4")" -ge 1 ]
rm -f "$WS/new.txt"

# a call whose grant reaches the key: runs, no cache, says why in the metadata
out=$("$BX" call file-read --cap read:/workspace --cap "read:/cfg=$XDG_CONFIG_HOME" --workspace "$WS" --cache-dir "$T/cache5" "$RIN" 2>&1)
check "call with a grant over the key: runs: $out" has "$out" "workspace file"
check "call with a grant over the key: cache_warning in the metadata" has "$out" "cache_warning"
check "call with a grant over the key: no entry" [ "$(nentries "$T/cache5")" -eq 0 ]
# no guest reads the key, cache or not, whatever grant contains it (a file
# beside it stays readable: the rule is the key's alone)
printf 'beside the key\n' >"$XDG_CONFIG_HOME/boxagnts/other.txt"
out=$("$BX" call file-read --cap "read:/cfg=$XDG_CONFIG_HOME" '{"file_path":"/cfg/boxagnts/other.txt"}' 2>&1)
check "a file beside the key is readable: $out" has "$out" "beside the key"
out=$("$BX" call file-read --cap "read:/cfg=$XDG_CONFIG_HOME" '{"file_path":"/cfg/boxagnts/cache.key"}' 2>&1)
check "file-read of the key through a grant of its parent: absent: $out" has "$out" "not found"
out=$("$BX" call file-read --cap "read:/h=$T" '{"file_path":"/h/config/boxagnts/cache.key"}' 2>&1)
check "file-read of the key through a grant two levels up: absent: $out" has "$out" "not found"
out=$("$BX" call file-read --cap "read:/k/cache.key=$KEY" '{"file_path":"/k/cache.key"}' 2>&1)
check "file-read of the key granted as a file: absent: $out" has "$out" "not found"
out=$("$BX" call bash --workspace "$T" '{"command":"cat /workspace/config/boxagnts/cache.key > /workspace/stolen; cp /workspace/config/boxagnts/cache.key /workspace/stolen2; ls /workspace/config/boxagnts"}' 2>&1)
check "bash cannot copy the key out: $out" [ ! -s "$T/stolen" ] && [ ! -e "$T/stolen2" ]
rm -f "$T/stolen"
check "the key survived every test unchanged" cmp -s "$KEY" "$T/key.good"
check "the file outside is unchanged" [ "$(cat "$T/outside/keep.txt")" = "outside file" ]

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
