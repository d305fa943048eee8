#!/usr/bin/env bash
# t_install.sh — `make install` / `make uninstall`: the installed tree works
# after being moved elsewhere (tools found from the binary's own location),
# a DESTDIR staged install, pkg-config compiles and links a program against
# the installed library, a binary that finds no tools says where it looked
# and exits non-zero (tools, call, mcp, serve), and uninstall leaves nothing.
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
pass=0 fail=0
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
unset BOXAGNTS_TOOLS_PATH

# The tool names, from the build tree's files (not from the code under test).
want=$(cd "$BUILD/tools" && for d in */; do [ -f "$d/tool.json" ] && [ -f "$d/tool.wasm" ] && echo "${d%/}"; done | sort)
[ -n "$want" ] || bad "no built tools in $BUILD/tools (run make first)"

mkdir -p "$T/a" "$T/b"
make -s --no-print-directory BUILD="$BUILD" install PREFIX="$T/a/pfx" >"$T/inst.log" 2>&1 \
    && ok || { bad "make install failed"; cat "$T/inst.log"; }
for f in bin/boxagnts lib/libboxagnts.a include/boxagnts.h lib/pkgconfig/boxagnts.pc; do
    [ -f "$T/a/pfx/$f" ] && ok || bad "install: $f missing"
done
[ -x "$T/a/pfx/bin/boxagnts" ] && ok || bad "install: binary not executable"
got=$(cd "$T/a/pfx/lib/boxagnts/tools" && ls | sort)
[ "$got" = "$want" ] && ok || bad "installed tools: got [$got] want [$want]"
cmp -s "$BUILD/tools/file-read/tool.wasm" "$T/a/pfx/lib/boxagnts/tools/file-read/tool.wasm" && ok || bad "tool.wasm copied byte for byte"

# ---- the tree moved elsewhere -------------------------------------------------
mv "$T/a/pfx" "$T/b/moved"
BX=$T/b/moved/bin/boxagnts
out=$("$BX" tools --json 2>"$T/err"); rc=$?
names=$(python3 -c 'import json,sys; print("\n".join(sorted(t["name"] for t in json.loads(sys.argv[1]))))' "$out" 2>/dev/null)
[ $rc = 0 ] && [ "$names" = "$want" ] && ok || bad "moved tree: tools rc=$rc names=[$names] err=$(cat "$T/err")"
mkdir -p "$T/ws"; printf 'moved tree reads this line\n' > "$T/ws/notes.txt"
out=$("$BX" call file-read --workspace "$T/ws" '{"file_path": "notes.txt"}' 2>"$T/err"); rc=$?
python3 -c 'import json,sys; r=json.loads(sys.argv[1]); sys.exit(0 if not r["is_error"] and "moved tree reads this line" in r["content"] else 1)' "$out" \
    && [ $rc = 0 ] && ok || bad "moved tree: call file-read rc=$rc out=$out err=$(cat "$T/err")"
# the MCP server from the moved tree lists the same tools
out=$(printf '%s\n' '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}' \
    '{"jsonrpc":"2.0","method":"notifications/initialized"}' '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' \
    | timeout 20 "$BX" mcp --workspace "$T/ws" 2>"$T/err"); rc=$?
names=$(python3 -c '
import json,sys
for l in sys.argv[1].splitlines():
    m = json.loads(l)
    if m.get("id") == 2: print("\n".join(sorted(t["name"] for t in m["result"]["tools"])))' "$out" 2>/dev/null)
[ $rc = 0 ] && [ "$names" = "$want" ] && ok || bad "moved tree: mcp tools/list rc=$rc names=[$names]"

# ---- pkg-config: compile and link against the installed library ------------------
export PKG_CONFIG_PATH=$T/b/moved/lib/pkgconfig
flags=$(pkg-config --cflags --libs boxagnts 2>"$T/err"); rc=$?
[ $rc = 0 ] && [[ "$flags" == *"-I$T/b/moved/"* || "$flags" == *"-I$T/b/moved/lib/pkgconfig/../../include"* ]] \
    && ok || bad "pkg-config --cflags --libs: rc=$rc '$flags' $(cat "$T/err")"
cat > "$T/prog.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <boxagnts.h>
int main(int argc, char **argv)
{
    FILE *f = fopen(argv[1], "rb");
    static unsigned char buf[1 << 20];
    size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
    bx_error err;
    bx_module *m = bx_module_new(buf, n, &err);
    uint64_t sz = 0;
    if (bx_parse_size("2KiB", &sz, &err) != BX_OK) return 3;
    printf("%s %llu\n", m ? "valid" : "invalid", (unsigned long long)sz);
    if (m) bx_module_free(m);
    return argc > 1 && m ? 0 : 1;
}
C
san=""
nm "$T/b/moved/lib/libboxagnts.a" 2>/dev/null | grep -q __asan && san="-fsanitize=address,undefined"
# shellcheck disable=SC2086
cc $san -o "$T/prog" "$T/prog.c" $(pkg-config --cflags --libs boxagnts) 2>"$T/cc.err" \
    && ok || bad "program against the installed library: $(cat "$T/cc.err")"
out=$("$T/prog" "$BUILD/tools/file-read/tool.wasm" 2>&1); rc=$?
[ $rc = 0 ] && [ "$out" = "valid 2048" ] && ok || bad "linked program runs: rc=$rc $out"
printf 'not wasm' > "$T/junk.wasm"
out=$("$T/prog" "$T/junk.wasm" 2>&1); rc=$?
[ $rc = 1 ] && [ "$out" = "invalid 2048" ] && ok || bad "linked program refuses junk: rc=$rc $out"

# ---- a binary without its tools says where it looked ---------------------------
mkdir -p "$T/lone/bin"; cp "$BX" "$T/lone/bin/boxagnts"
LB=$T/lone/bin/boxagnts
for sub in "tools" "call file-read" "mcp" "serve --jsonl"; do
    # shellcheck disable=SC2086
    out=$("$LB" $sub </dev/null 2>"$T/err"); rc=$?
    if [ $rc -ne 0 ] && [ $rc -ne 2 ] && grep -q "no tools found" "$T/err" \
        && grep -qF "$T/lone/bin/tools" "$T/err" && grep -qF "$T/lone/lib/boxagnts/tools" "$T/err"; then ok
    else bad "lone binary: $sub rc=$rc err=$(cat "$T/err") out=$out"; fi
done
# ... and works again once given a tool directory
out=$("$LB" tools --tools-dir "$T/b/moved/lib/boxagnts/tools" 2>&1); rc=$?
[ $rc = 0 ] && grep -q '^file-read' <<<"$out" && ok || bad "lone binary with --tools-dir: rc=$rc"
out=$(BOXAGNTS_TOOLS_PATH="$T/b/moved/lib/boxagnts/tools" "$LB" tools 2>&1); rc=$?
[ $rc = 0 ] && grep -q '^file-read' <<<"$out" && ok || bad "lone binary with BOXAGNTS_TOOLS_PATH: rc=$rc"

# ---- uninstall leaves nothing ----------------------------------------------------
make -s --no-print-directory BUILD="$BUILD" uninstall PREFIX="$T/b/moved" >"$T/un.log" 2>&1 && ok || bad "make uninstall: $(cat "$T/un.log")"
left=$(cd "$T/b/moved" 2>/dev/null && find . -mindepth 1)
[ -z "$left" ] && ok || bad "uninstall left: $left"

# ---- DESTDIR: a staged install (what a Debian package build does) ----------------
make -s --no-print-directory BUILD="$BUILD" install DESTDIR="$T/stage" PREFIX=/usr >"$T/inst.log" 2>&1 \
    && [ -x "$T/stage/usr/bin/boxagnts" ] && [ -f "$T/stage/usr/lib/boxagnts/tools/bash/tool.wasm" ] \
    && ok || bad "DESTDIR install: $(cat "$T/inst.log")"
out=$("$T/stage/usr/bin/boxagnts" tools 2>&1); rc=$?
[ $rc = 0 ] && grep -q '^bash' <<<"$out" && ok || bad "staged binary finds its tools: rc=$rc"
grep -q '^prefix=' "$T/stage/usr/lib/pkgconfig/boxagnts.pc" && ! grep -q "$T" "$T/stage/usr/lib/pkgconfig/boxagnts.pc" \
    && ok || bad "the staged .pc does not name the staging directory"
make -s --no-print-directory BUILD="$BUILD" uninstall DESTDIR="$T/stage" PREFIX=/usr >/dev/null 2>&1
left=$(cd "$T/stage/usr" && find . -mindepth 1)
[ -z "$left" ] && ok || bad "DESTDIR uninstall left: $left"

echo "$pass passed, $fail failed"
