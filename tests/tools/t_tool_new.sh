#!/usr/bin/env bash
# t_tool_new.sh — your own tool, as docs/tools.md tells it: `boxagnts tool
# new` + `make` + `boxagnts tool check` + a call through --tools-dir and
# through the MCP server; `tool check` failing where it must (broken
# manifest, foreign import, boxagnts:http without needs.network, an example
# that does not hold, a missing module); the errors of a tool that breaks
# its contract (garbage on stdout, a non-zero exit, argv mode) show its
# stdout (cut) and its exit status.
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
BX=$(realpath "$BUILD/boxagnts")
pass=0 fail=0
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
field() { python3 -c 'import json,sys; v=json.loads(sys.argv[1])[sys.argv[2]]; print(json.dumps(v) if not isinstance(v,str) else v)' "$1" "$2" 2>/dev/null; }
export BOXAGNTS_CACHE_DIR=none

# ---- new + make + check + call ---------------------------------------------------
(cd "$T" && "$BX" tool new greet >"$T/new.out" 2>&1) && ok || bad "tool new: $(cat "$T/new.out")"
for f in main.c tool.json Makefile; do [ -f "$T/greet/$f" ] && ok || bad "tool new wrote no $f"; done
make -s -C "$T/greet" >"$T/make.out" 2>&1 && [ -f "$T/greet/tool.wasm" ] && ok || bad "make: $(cat "$T/make.out")"
out=$("$BX" tool check "$T/greet" 2>&1); rc=$?
[ $rc = 0 ] && grep -q "check passed" <<<"$out" && [ "$(grep -c '^example [0-9]* ok' <<<"$out")" = 3 ] \
    && ok || bad "tool check on the template: rc=$rc $out"
out=$("$BX" call greet --tools-dir "$T" '{"name": "Grace"}'); rc=$?
[ $rc = 0 ] && [ "$(field "$out" content)" = "Hello, Grace!" ] && [ "$(field "$out" is_error)" = false ] \
    && [ "$(field "$out" metadata)" = '{"length": 5}' ] && ok || bad "call greet: rc=$rc $out"
# the input schema is the manifest's: a missing name is refused before the module runs
out=$("$BX" call greet --tools-dir "$T" '{}')
[ "$(field "$out" is_error)" = true ] && grep -q "name" <<<"$(field "$out" content)" && ok || bad "schema: $out"
# the same tool through the MCP server
out=$(printf '%s\n' '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}' \
    '{"jsonrpc":"2.0","method":"notifications/initialized"}' \
    '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"greet","arguments":{"name":"Linus"}}}' \
    | timeout 30 "$BX" mcp --drain wait --tools-dir "$T" 2>/dev/null)
grep -q '"Hello, Linus!"' <<<"$out" && ok || bad "greet through mcp: $out"
# usage
(cd "$T" && "$BX" tool new greet >/dev/null 2>&1); rc=$?
[ $rc = 1 ] && cmp -s "$T/greet/tool.json" <(cd "$T" && mkdir -p again && cd again && "$BX" tool new greet >/dev/null && cat greet/tool.json) \
    && ok || bad "tool new over an existing dir: rc=$rc (must refuse, change nothing)"
"$BX" tool new 'Bad Name' >/dev/null 2>&1; [ $? = 2 ] && ok || bad "bad name not a usage error"
"$BX" tool new x --lang rust >/dev/null 2>&1; [ $? = 2 ] && ok || bad "--lang rust not a usage error"
"$BX" tool check >/dev/null 2>&1; [ $? = 2 ] && ok || bad "tool check without DIR"

# ---- tool check finds what is wrong --------------------------------------------------
cp -r "$T/greet" "$T/wrong"
python3 - "$T/wrong/tool.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1])); m["examples"][0]["content_contains"] = "Goodbye"; json.dump(m, open(sys.argv[1], "w"))
PY
out=$("$BX" tool check "$T/wrong" 2>&1); rc=$?
[ $rc = 1 ] && grep -q '^example 1 FAIL' <<<"$out" && grep -q '^example 2 ok' <<<"$out" && ok || bad "failing example: rc=$rc $out"
printf '{"name": "broken"' > "$T/wrong/tool.json"
out=$("$BX" tool check "$T/wrong" 2>&1); rc=$?
[ $rc = 1 ] && grep -q '^manifest  FAIL' <<<"$out" && ok || bad "broken manifest: rc=$rc $out"
cp "$T/greet/tool.json" "$T/wrong/tool.json"; rm -f "$T/wrong/tool.wasm"
out=$("$BX" tool check "$T/wrong" 2>&1); rc=$?
[ $rc = 1 ] && grep -q 'FAIL.*tool.wasm' <<<"$out" && ok || bad "missing module: rc=$rc $out"
# imports: a foreign module, and boxagnts:http without needs.network
if command -v wat2wasm >/dev/null; then
    mkdir -p "$T/imp"; sed 's/"greet"/"imp"/' "$T/greet/tool.json" > "$T/imp/tool.json"
    printf '(module (import "env" "magic" (func)) (import "boxagnts:http" "request" (func (param i32 i32 i32) (result i32))) (memory (export "memory") 1) (func (export "_start")))' > "$T/imp.wat"
    wat2wasm "$T/imp.wat" -o "$T/imp/tool.wasm"
    out=$("$BX" tool check "$T/imp" 2>&1); rc=$?
    [ $rc = 1 ] && grep -q 'import    FAIL  env.magic' <<<"$out" && grep -q 'import    FAIL  boxagnts:http.request: the manifest does not need the network' <<<"$out" \
        && ok || bad "imports: rc=$rc $out"
    python3 - "$T/imp/tool.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1])); m["needs"]["network"] = True; m["examples"] = []; json.dump(m, open(sys.argv[1], "w"))
PY
    printf '(module (import "boxagnts:http" "request" (func (param i32 i32 i32) (result i32))) (memory (export "memory") 1) (func (export "_start")))' > "$T/imp.wat"
    wat2wasm "$T/imp.wat" -o "$T/imp/tool.wasm"
    out=$("$BX" tool check "$T/imp" 2>&1); rc=$?
    [ $rc = 0 ] && grep -q 'import    ok    boxagnts:http.request' <<<"$out" && ok || bad "http with needs.network: rc=$rc $out"
else
    bad "wat2wasm missing (scripts/setup.sh installs wabt)"
fi

# ---- a tool that breaks its contract: its stdout (cut) and exit status -----------------
mk() {  # mk NAME BODY_OF_MAIN [input-mode]
    mkdir -p "$T/bt/$1"
    sed "s/\"greet\"/\"$1\"/; s/\"input\": \"json\"/\"input\": \"${3:-json}\"/" "$T/greet/tool.json" > "$T/bt/$1/tool.json"
    printf '#include <stdio.h>\n#include <stdlib.h>\nint main(void) { %s }\n' "$2" > "$T/bt/$1/main.c"
    cp "$T/greet/Makefile" "$T/bt/$1/"
    make -s -C "$T/bt/$1" >/dev/null 2>&1 || bad "build $1"
}
mk garbage 'printf("this is not json MARKER-%0500d tail-never-shown\n", 1); fprintf(stderr, "oops\n"); return 0;'
out=$("$BX" call garbage --tools-dir "$T/bt" '{"name": "x"}'); c=$(field "$out" content)
[ "$(field "$out" is_error)" = true ] && grep -q 'broke its contract' <<<"$c" && grep -q 'status 0' <<<"$c" \
    && grep -q 'this is not json MARKER-' <<<"$c" && ! grep -q 'tail-never-shown' <<<"$c" && grep -q 'oops' <<<"$c" \
    && ok || bad "garbage: $c"
mk exits 'printf("partial output MARKER\n"); return 7;'
out=$("$BX" call exits --tools-dir "$T/bt" '{"name": "x"}'); c=$(field "$out" content)
[ "$(field "$out" is_error)" = true ] && grep -q 'status 7' <<<"$c" && grep -q 'partial output MARKER' <<<"$c" \
    && ok || bad "non-zero exit: $c"
mk argvexit 'printf("argv says MARKER\n"); return 3;' argv
out=$("$BX" call argvexit --tools-dir "$T/bt" '{"name": "x"}'); c=$(field "$out" content)
[ "$(field "$out" is_error)" = true ] && grep -q 'argv says MARKER' <<<"$c" && grep -q 'exited with status 3' <<<"$c" \
    && ok || bad "argv non-zero exit: $c"
mk argvok 'printf("fine\n"); return 0;' argv
out=$("$BX" call argvok --tools-dir "$T/bt" '{"name": "x"}')
[ "$(field "$out" is_error)" = false ] && [ "$(field "$out" content)" = fine ] && ok || bad "argv exit 0: $out"
mk binary 'fwrite("\x01\x02\xff\xfe", 1, 4, stdout); return 0;'
out=$("$BX" call binary --tools-dir "$T/bt" '{"name": "x"}')
python3 -c 'import json,sys; r=json.loads(sys.argv[1]); sys.exit(0 if r["is_error"] else 1)' "$out" && ok || bad "binary stdout: not valid JSON out: $out"

echo "$pass passed, $fail failed"
