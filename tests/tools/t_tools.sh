#!/usr/bin/env bash
# t_tools.sh — the tool layer through `boxagnts tools` / `boxagnts call`:
# manifests (good and broken), grants as the intersection of what a tool
# needs and what the caller grants, limits, misbehaving tools, argv-mode
# tools, permission profiles; then the in-process registry test.
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
BX=$BUILD/boxagnts
TD=$BUILD/tests/tools/tools
pass=0 fail=0
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME=$T/config    # the compiled-module cache's key, not the user's
unset BOXAGNTS_CACHE_KEY

ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# field JSON KEY: print one field of a result object (python's json, not ours)
field() { python3 -c 'import json,sys; v=json.loads(sys.argv[1])[sys.argv[2]]; print(json.dumps(v) if not isinstance(v,str) else v)' "$1" "$2" 2>/dev/null; }
# call NAME ARGS... : runs boxagnts call, sets OUT and RC
call() { OUT=$("$BX" call "$@" 2>"$T/stderr"); RC=$?; }
expect() {  # expect DESC IS_ERROR NEEDLE
    local ie c
    ie=$(field "$OUT" is_error); c=$(field "$OUT" content)
    if [ "$RC" = 0 ] && [ "$ie" = "$2" ] && [[ "$c" == *"$3"* ]]; then ok; else bad "$1: rc=$RC is_error=$ie content=$c"; fi
}

WS=$T/ws; mkdir -p "$WS/sub"
printf 'hello from the workspace\n' > "$WS/notes.txt"
printf 'TOKEN=secret\n' > "$WS/secret.txt"
printf 'outside\n' > "$T/outside.txt"
ln -s "$T/outside.txt" "$WS/link-out"

# ---- the registry -----------------------------------------------------------
out=$("$BX" tools --tools-dir "$TD" 2>"$T/err"); rc=$?
[ $rc = 0 ] && grep -q '^probe-read *read_only' <<<"$out" && grep -q '^probe-write *write' <<<"$out" \
    && grep -q 'action .*(required)' <<<"$out" && ok || bad "tools lists the probes with level and parameters: $out"
out=$("$BX" tools --json --tools-dir "$TD")
python3 - "$out" <<'PY' && ok || bad "tools --json"
import json, sys
tools = {t["name"]: t for t in json.loads(sys.argv[1])}
assert tools["probe-write"]["permission_level"] == "write"
assert tools["probe-read"]["input_schema"]["required"] == ["action"]
assert set(tools) >= {"probe-read", "probe-write", "probe-none", "probe-argv", "probe-danger", "probe-forbidden"}
PY
# Broken manifests: each reported, none fatal, the good tools still there.
cp -r tests/tools/broken "$T/broken"
cp "$TD/probe-none/tool.wasm" "$T/broken/dup-name/tool.wasm"
printf 'not wasm at all\n' > "$T/broken/bad-module/tool.wasm"   # made here: *.wasm is never committed
out=$("$BX" tools --tools-dir "$TD" --tools-dir "$T/broken" 2>"$T/err"); rc=$?
[ $rc = 0 ] && grep -q '^probe-none' <<<"$out" && ok || bad "broken manifests are not fatal (rc $rc)"
for want in "bad-json/tool.json: not a JSON object" "no-name/tool.json: \"name\"" "bad-level/tool.json: \"permission_level\"" \
            "bad-schema/tool.json: input_schema.a" "keyword \"patternProperties\" is not supported" \
            "escape-module/tool.json: \"module\" must be a file name next to the manifest" \
            "missing-module/tool.json: cannot open" "bad-module/tool.json: the module" "is not a WebAssembly 1.0 binary" \
            "bad-limit/tool.json: limits.timeout" "bad-needs/tool.json: needs.workspace" \
            "already registered"; do
    grep -qF -- "$want" "$T/err" && ok || bad "problem reported: $want (stderr: $(cat "$T/err"))"
done
[ "$(grep -c "tool skipped: $T/broken/" "$T/err")" = 11 ] && ok || bad "11 broken manifests, got $(grep -c "tool skipped: $T/broken/" "$T/err")"
grep -q "^bad-module\|^dup-name" <<<"$out" && bad "a broken tool is listed" || ok
"$BX" tools --tools-dir "$T/nonexistent" >/dev/null 2>&1; [ $? = 1 ] && ok || bad "unreadable --tools-dir: exit 1"
"$BX" call probe-none --tools-dir "$T/nonexistent" '{}' >/dev/null 2>&1; [ $? = 1 ] && ok || bad "call with an unreadable --tools-dir: exit 1"

# ---- grants: the intersection ----------------------------------------------
call probe-read --tools-dir "$TD" --workspace "$WS" '{"action":"read","path":"/workspace/notes.txt"}'
expect "read in the workspace" false "hello from the workspace"
call probe-read --tools-dir "$TD" '{"action":"read","path":"/workspace/notes.txt"}'
expect "no workspace, no grant" true "/workspace/notes.txt"
call probe-read --tools-dir "$TD" --workspace "$WS" '{"action":"write","path":"/workspace/new.txt","text":"x"}'
expect "a read_only tool cannot write" true "Permission denied by the sandbox"
call probe-read --tools-dir "$TD" --workspace "$WS" --cap write:/workspace '{"action":"write","path":"/workspace/new.txt","text":"x"}'
expect "a write grant becomes read for a read-only tool" true "Permission denied by the sandbox"
[ ! -e "$WS/new.txt" ] && ok || bad "new.txt must not exist"
call probe-write --tools-dir "$TD" --workspace "$WS" '{"action":"write","path":"/workspace/sub/w.txt","text":"written by the tool"}'
expect "write tool writes" false "written"
[ "$(cat "$WS/sub/w.txt" 2>/dev/null)" = "written by the tool" ] && ok || bad "host file has the text"
call probe-write --tools-dir "$TD" --workspace "$WS" --cap read:/workspace '{"action":"write","path":"/workspace/w2.txt","text":"x"}'
expect "caller grants read only" true "Permission denied by the sandbox"
[ ! -e "$WS/w2.txt" ] && ok || bad "w2.txt must not exist"
call probe-write --tools-dir "$TD" --workspace "$WS" --cap write:/workspace/sub '{"action":"write","path":"/workspace/w3.txt","text":"x"}'
expect "write grant for a subdirectory only" true "/workspace/w3.txt"
[ ! -e "$WS/w3.txt" ] && ok || bad "w3.txt must not exist"
for p in /etc/passwd /workspace/../outside.txt /workspace/link-out ../outside.txt "$T/outside.txt"; do
    call probe-read --tools-dir "$TD" --workspace "$WS" "{\"action\":\"read\",\"path\":\"$p\"}"
    c=$(field "$OUT" content)
    [ "$(field "$OUT" is_error)" = true ] && [[ "$c" != *outside* || "$c" == *"$p"* ]] && [[ "$c" != *"root:"* ]] \
        && ok || bad "escape via $p: $c"
done
call probe-read --tools-dir "$TD" --workspace "$WS" --cap read:/workspace --cap 'deny:/workspace/secret.txt' '{"action":"read","path":"/workspace/secret.txt"}'
expect "deny rule" true "secret.txt"
call probe-none --tools-dir "$TD" --workspace "$WS" '{"action":"read","path":"/workspace/notes.txt"}'
expect "a tool that needs no workspace gets none" true "/workspace/notes.txt"
call probe-read --tools-dir "$TD" --cap env:PROBE_ALLOWED=yes-it-is '{"action":"env","name":"PROBE_ALLOWED"}'
expect "env the tool needs" false "yes-it-is"
call probe-read --tools-dir "$TD" --cap env:OTHER_VAR=leak '{"action":"env","name":"OTHER_VAR"}'
expect "env the tool does not need" false "(unset)"
PROBE_ALLOWED=from-host call probe-read --tools-dir "$TD" '{"action":"env","name":"PROBE_ALLOWED"}'
expect "host env is never passed without a grant" false "(unset)"
PROBE_ALLOWED=from-host call probe-read --tools-dir "$TD" --cap env:PROBE_ALLOWED '{"action":"env","name":"PROBE_ALLOWED"}'
expect "env:NAME passes the host's value" false "from-host"

# ---- results, limits, misbehaviour -----------------------------------------
call probe-read --tools-dir "$TD" '{"action":"meta"}'
[ "$(field "$OUT" metadata)" = '{"answer": 42}' ] && ok || bad "metadata passes through: $OUT"
echo '{"action":"echo","name":"from stdin"}' | { OUT=$("$BX" call probe-read --tools-dir "$TD" -); RC=$?; expect "input from stdin" false '"name":"from stdin"'; echo "$pass $fail" > "$T/counts"; }
read -r pass fail < "$T/counts"
call probe-none --tools-dir "$TD" '{"action":"loop"}'
expect "manifest timeout" true "ran longer than 0.3s"
call probe-none --tools-dir "$TD" --timeout 100ms '{"action":"loop"}'
expect "caller timeout" true "ran longer than 0.1s"
call probe-none --tools-dir "$TD" '{"action":"loop","timeout_seconds":0.05}'
expect "the input's shorter timeout applies" true "ran longer than 0.05s"
call probe-none --tools-dir "$TD" --timeout 100ms '{"action":"loop","timeout_seconds":100}'
expect "the input cannot extend the caller's timeout" true "ran longer than 0.1s"
call probe-none --tools-dir "$TD" '{"action":"loop","timeout_seconds":100}'
expect "the input cannot extend the manifest's timeout either" true "ran longer than 0.3s"
call probe-none --tools-dir "$TD" --timeout 200ms '{"action":"loop","timeout_seconds":1e-10}'
expect "a vanishing timeout from the input is still a timeout" true "ran longer than"
call probe-none --tools-dir "$TD" --fuel 100000 '{"action":"loop"}'
expect "fuel" true "fuel exhausted"
call probe-none --tools-dir "$TD" '{"action":"garbage"}'
expect "garbage on stdout" true "printed no valid result object"
call probe-none --tools-dir "$TD" '{"action":"exit3"}'
expect "non-zero exit" true "exited with status 3"
expect "stderr shown" true "something went wrong"
call probe-none --tools-dir "$TD" '{"action":"trap"}'
expect "trap" true "unreachable"
call probe-none --tools-dir "$TD" '{"action":"flood"}'
expect "output flood hits the manifest's 4 KiB cap" true "output over the 4096-byte cap"
call probe-none --tools-dir "$TD" '{"action":"grow"}'
expect "memory cap" true "malloc returned NULL at the cap"
call probe-read --tools-dir "$TD" '{"action":"nope"}'
expect "schema enum" true "field 'action': must be one of"
call probe-read --tools-dir "$TD" '{"action":"echo","opts":{}}'
expect "nested required" true "field 'opts.deep' is required"
call probe-read --tools-dir "$TD" '{"action":"echo"'
expect "bad JSON is a result, not a crash" true "not valid JSON"

# ---- argv-mode tools ---------------------------------------------------------
call probe-argv --tools-dir "$TD" '{"file_name":"a b.txt","count":3,"verbose":true,"fail":false}'
want=$'--file-name\na b.txt\n--count\n3\n--verbose\n'
[ "$(field "$OUT" content)"$'\n' = "$want" ] && [ "$(field "$OUT" is_error)" = false ] && ok || bad "argv mode: $OUT"
call probe-argv --tools-dir "$TD" '{"fail":true}'
expect "argv mode non-zero exit" true "--fail"

# ---- permission profiles --------------------------------------------------------
call probe-danger --tools-dir "$TD" '{}'
expect "dangerous above the default profile" true "needs permission level 'dangerous'"
call probe-danger --tools-dir "$TD" --profile dangerous '{}'
expect "dangerous allowed by the profile" false "{}"
call probe-write --tools-dir "$TD" --workspace "$WS" --profile read_only '{"action":"write","path":"/workspace/p.txt","text":"x"}'
expect "write tool under a read_only profile" true "allows up to 'read_only'"
[ ! -e "$WS/p.txt" ] && ok || bad "p.txt must not exist"
call probe-forbidden --tools-dir "$TD" --profile forbidden '{}'
expect "forbidden never runs" true "forbidden"

# ---- the compiled-module cache is never one the guest can reach ------------------
call probe-none --tools-dir "$TD" --cache-dir "$T/cache" '{"action":"echo"}'
[ "$(ls "$T/cache" 2>/dev/null | grep -c '\.bxm$')" = 1 ] && ok || bad "a host-only cache is written: $(ls -la "$T/cache" 2>&1)"
mkdir -p "$WS/.cache"
call probe-write --tools-dir "$TD" --workspace "$WS" --cache-dir "$WS/.cache" '{"action":"write","path":"/workspace/.cache/x","text":"x"}'
expect "a cache inside the workspace is refused" true "writable grant"
[ ! -e "$WS/.cache/x" ] && ok || bad "the refused call did not run"
[ "$(ls "$WS/.cache" | grep -c '\.bxm$')" = 0 ] && ok || bad "a cache the guest can write is not used"
call probe-write --tools-dir "$TD" --workspace "$WS/sub" --cache-dir "$WS" '{"action":"echo"}'
expect "a cache above a granted directory is refused" true "writable grant"
[ "$(ls "$WS" | grep -c '\.bxm$')" = 0 ] && ok || bad "a cache above a granted directory is not used"
rm -rf "$WS/.cache" "$WS/sub/x"

# ---- the network reaches only tools that need it ------------------------------------
if [ -f "$BUILD/tools/web-fetch/tool.json" ]; then
    mkdir -p "$T/www" && printf '<html><head><title>Served</title></head><body><p>local page body</p></body></html>' > "$T/www/index.html"
    python3 -m http.server 0 --bind 127.0.0.1 --directory "$T/www" >"$T/http.log" 2>&1 &
    HTTP_PID=$!
    port=""
    for _ in $(seq 50); do port=$(grep -o 'port [0-9]*' "$T/http.log" | head -1 | cut -d' ' -f2); [ -n "$port" ] && break; sleep 0.1; done
    url="http://127.0.0.1:$port/index.html"
    call web-fetch --allow-host "http://127.0.0.1:$port" "{\"url\":\"$url\"}"
    expect "loopback blocked by default, through call" true "127.0.0.1"
    call web-fetch --allow-host "http://127.0.0.1:$port" --allow-network 127.0.0.1 "{\"url\":\"$url\"}"
    expect "--allow-network lifts it for web-fetch" false "local page body"
    call web-fetch --allow-network 127.0.0.1 "{\"url\":\"$url\"}"
    expect "no fetch grant, no request" true "fetch:"
    # The same grants through the server's flags (serve --jsonl).
    out=$(printf '{"id":1,"tool":"web-fetch","input":{"url":"%s"}}\n' "$url" |
          "$BX" serve --jsonl --allow-host "http://127.0.0.1:$port" --allow-network 127.0.0.1 2>"$T/serve.err")
    python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert r["id"]==1 and not r["result"]["is_error"] and "local page body" in r["result"]["content"], r' "$out" \
        && ok || bad "serve --jsonl --allow-network: $out $(cat "$T/serve.err")"
    out=$(printf '{"id":2,"tool":"web-fetch","input":{"url":"%s"}}\n' "$url" |
          "$BX" serve --jsonl --allow-host "http://127.0.0.1:$port" 2>"$T/serve.err")
    python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert r["id"]==2 and r["result"]["is_error"], r' "$out" \
        && ok || bad "serve --jsonl without --allow-network: loopback refused: $out"
    kill $HTTP_PID 2>/dev/null; wait $HTTP_PID 2>/dev/null
else
    bad "web-fetch is not built"
fi

# ---- usage errors ------------------------------------------------------------------
"$BX" call no-such-tool --tools-dir "$TD" '{}' >/dev/null 2>"$T/err"; rc=$?
[ $rc = 2 ] && grep -q "available: .*probe-read" "$T/err" && ok || bad "unknown tool: rc $rc $(cat "$T/err")"
"$BX" call probe-read --tools-dir "$TD" --bogus '{}' >/dev/null 2>&1; [ $? = 2 ] && ok || bad "unknown option"
"$BX" call probe-read --tools-dir "$TD" --profile root '{}' >/dev/null 2>&1; [ $? = 2 ] && ok || bad "bad profile"
"$BX" call probe-read --tools-dir "$TD" --block-network 10.0.0.0/33 '{}' >/dev/null 2>&1; [ $? = 2 ] && ok || bad "bad CIDR"
"$BX" call probe-read --tools-dir "$TD" --workspace "$T/nope" '{}' >/dev/null 2>&1; [ $? = 2 ] && ok || bad "missing workspace"

# ---- audit --------------------------------------------------------------------------
call probe-read --tools-dir "$TD" --workspace "$WS" --cap read:/workspace --cap deny:/workspace/secret.txt --agent-id agent-7 --audit "$T/audit.jsonl" '{"action":"read","path":"/workspace/secret.txt"}'
python3 - "$T/audit.jsonl" <<'PY' && ok || bad "audit lines name the agent and the refusal: $(cat "$T/audit.jsonl")"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert lines and all(str(l.get("sandbox", l.get("sandbox_id", ""))).startswith("agent-7/probe-read#") for l in lines), lines
assert any(l.get("decision") == "deny" and l.get("path") == "/workspace/secret.txt" for l in lines), lines
PY

# ---- in process ----------------------------------------------------------------------
out=$("$BUILD/tests/tools/test_registry" "$TD" 2>&1); rc=$?
last=$(tail -n1 <<<"$out")
if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    pass=$((pass + BASH_REMATCH[1])); fail=$((fail + BASH_REMATCH[2]))
    [ $rc = 0 ] || grep FAIL <<<"$out"
else
    bad "test_registry: $out"
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
