#!/usr/bin/env bash
# tests/component/t_adapted.sh — the project's preview1 guests wrapped as
# components with the preview1 command adapter jco ships (`jco new X.wasm
# --wasi-command`), run by `boxagnts run` under the same grants as the core
# module, must behave the same: stdout, stderr, exit code, and the files left
# in the workspace.  Escape attempts (.. out of a grant, writes through a
# read-only grant, symlinks pointing out, denied paths) must be refused the
# same way, and the host files outside the grants stay byte-identical.
#
# Known, documented differences that are the adapter's, not ours (jco run
# shows the same): WASI 0.2's exit takes a result, so exit codes other than
# 0 become 1; preview1's ENOTCAPABLE reaches the guest as EACCES (wasi 0.2
# has no such error code; `access` is the refusal).  The script maps those
# two before comparing.
#
# jco comes from npm, installed at test time into $BUILD/comp-jco (never
# committed); npm failing = FAILED.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
B=${BOXAGNTS:-$BUILD/boxagnts}
T=$BUILD/tests/cli
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
fail_all() { echo "FAIL $*"; echo "0 passed, 1 failed"; exit 1; }

JCO_PREFIX=$BUILD/comp-jco
JCO=$JCO_PREFIX/node_modules/.bin/jco
if [ ! -x "$JCO" ]; then
    command -v npm >/dev/null || fail_all "npm is not installed (apt-get install npm)"
    mkdir -p "$JCO_PREFIX"
    npm install --prefix "$JCO_PREFIX" --no-audit --no-fund --loglevel=error "@bytecodealliance/jco@1" \
        >"$JCO_PREFIX/npm.log" 2>&1 || { tail -n 20 "$JCO_PREFIX/npm.log"; fail_all "npm install @bytecodealliance/jco failed"; }
fi
[ -x "$B" ] || fail_all "$B not built"

W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/c"
for g in hello echo exit7 files fileops spew spin grow recurse; do
    [ -f "$T/$g.wasm" ] || fail_all "$T/$g.wasm not built (make tests)"
    "$JCO" new "$T/$g.wasm" --wasi-command -o "$W/c/$g.wasm" >"$W/jco.log" 2>&1 || { cat "$W/jco.log"; fail_all "jco new $g.wasm failed"; }
done
TL=$BUILD/tools
# bash: the build without the boxagnts:progress import (the adapter carries
# WASI imports only; progress reports never change a result)
mkdir -p "$W/tl/bash"
cp "$BUILD/tests/component/bash-plain.wasm" "$W/tl/bash/tool.wasm" 2>/dev/null || fail_all "bash-plain.wasm not built (make tests)"
for t in file-read file-glob file-write file-edit bash js-execute; do
    m=$TL/$t/tool.wasm
    [ $t = bash ] && m=$W/tl/bash/tool.wasm
    [ -f "$m" ] || fail_all "$m not built (make)"
    "$JCO" new "$m" --wasi-command -o "$W/c/$t.wasm" >"$W/jco.log" 2>&1 || { cat "$W/jco.log"; fail_all "jco new $t failed"; }
done
# the adapted component is told apart by its header, not its name
head -c 8 "$W/c/hello.wasm" | od -An -tx1 | grep -q "00 61 73 6d 0d 00 01 00" && ok || bad "jco output is not a component"

fixture() {
    rm -rf "$W/ws" "$W/outside"
    mkdir -p "$W/ws/docs" "$W/ws/out" "$W/ws/secret" "$W/outside"
    echo readme >"$W/ws/docs/a.txt"
    echo key >"$W/ws/secret/key"
    echo private >"$W/ws/docs/.env"
    echo outside >"$W/outside/o.txt"
    ln -s "$W/outside/o.txt" "$W/ws/docs/out-link"
}
snapshot() { (cd "$W" && find ws outside -printf '%p %y %s\n' | sort && find ws outside -type f -exec sha256sum {} + | sort); }
norm() { sed -e 's/Capabilities insufficient/Permission denied/' -e 's/ENOTCAPABLE/EACCES/' -e 's/"stderr_bytes":[0-9]*/"stderr_bytes":N/'; }

# same NAME ARGS... : run the module and the component (GUEST.wasm -> its
# adapted twin) from identical fixtures; compare everything.
same() {
    local name=$1; shift
    local margs=("$@") cargs=("$@") i
    for i in "${!cargs[@]}"; do
        case ${cargs[$i]} in
            "$T"/*.wasm) cargs[$i]=$W/c/$(basename "${cargs[$i]}");;
            "$TL"/*/tool.wasm|"$W"/tl/*/tool.wasm) cargs[$i]=$W/c/$(basename "$(dirname "${cargs[$i]}")").wasm;;
        esac
    done
    # the component must really be the one run (a typo here would compare a module with itself)
    [ "${margs[*]}" != "${cargs[*]}" ] || { bad "$name: no adapted twin in the arguments"; return; }
    fixture
    "$B" run "${margs[@]}" >"$W/m.out" 2>"$W/m.err" <<<"${STDIN:-}"; local mrc=$?
    snapshot >"$W/m.snap"
    fixture
    "$B" run "${cargs[@]}" >"$W/c.out" 2>"$W/c.err" <<<"${STDIN:-}"; local crc=$?
    snapshot >"$W/c.snap"
    [ $mrc -gt 1 ] && [ $mrc -lt 100 ] && mrc=1     # the adapter's exit(result)
    if [ $mrc -ne $crc ]; then bad "$name: exit code module $mrc, component $crc"; sed 's/^/    /' "$W/c.err" | head -5; return; fi
    if ! diff <(norm <"$W/m.out") <(norm <"$W/c.out") >/dev/null; then bad "$name: stdout differs"; diff "$W/m.out" "$W/c.out" | head -6; return; fi
    if ! diff <(norm <"$W/m.err") <(norm <"$W/c.err") >/dev/null; then bad "$name: stderr differs"; diff "$W/m.err" "$W/c.err" | head -6; return; fi
    if ! diff "$W/m.snap" "$W/c.snap" >/dev/null; then bad "$name: files left differ"; diff "$W/m.snap" "$W/c.snap" | head -6; return; fi
    ok
}
# refused NAME ARGS... : as `same`, and the run must fail with the host untouched
refused() {
    local name=$1; shift
    fixture; local before; before=$(snapshot)
    same "$name" "$@"
    local after; after=$(snapshot)
    [ "$before" = "$after" ] && ok || bad "$name: the component changed the host"
    [ -s "$W/c.out" ] && grep -q "err\|fail" "$W/c.out" && ok || bad "$name: no refusal reported"
}

WS=(--workspace "$W/ws")
same hello "$T/hello.wasm"
same echo "$T/echo.wasm" a "b c" "" "ünï"
same exit7 "$T/exit7.wasm"
same spew "$T/spew.wasm" 100000
same read "${WS[@]}" --cap read:/workspace/docs "$T/files.wasm" read /workspace/docs/a.txt
same write "${WS[@]}" --cap write:/workspace/out "$T/files.wasm" write /workspace/out/new.txt hello
same ls "${WS[@]}" --cap read:/workspace/docs "$T/fileops.wasm" ls /workspace/docs
same stat "${WS[@]}" --cap read:/workspace/docs "$T/fileops.wasm" stat /workspace/docs/a.txt
same create "${WS[@]}" --cap write:/workspace/out "$T/fileops.wasm" create /workspace/out/c.txt
same rename "${WS[@]}" --cap write:/workspace/out "$T/fileops.wasm" create /workspace/out/r.txt
same symlink-in "${WS[@]}" --cap write:/workspace/out "$T/fileops.wasm" symlink r.txt /workspace/out/l
same max-output --max-output 1000 "$T/spew.wasm" 100000
refused escape-dotdot "${WS[@]}" --cap read:/workspace/docs "$T/files.wasm" read /workspace/docs/../secret/key
refused escape-ro-write "${WS[@]}" --cap read:/workspace/docs "$T/files.wasm" write /workspace/docs/a.txt HACKED
refused escape-symlink "${WS[@]}" --cap read:/workspace/docs "$T/files.wasm" read /workspace/docs/out-link
refused escape-deny "${WS[@]}" --cap read:/workspace/docs --cap 'deny:/workspace/**/.env' "$T/files.wasm" read /workspace/docs/.env
refused escape-nogrant "$T/files.wasm" read /workspace/docs/a.txt
refused escape-rename-out "${WS[@]}" --cap write:/workspace/out "$T/fileops.wasm" rename /workspace/out/../docs/a.txt /workspace/out/x
refused escape-symlink-make "${WS[@]}" --cap write:/workspace/out "$T/fileops.wasm" symlink /etc/passwd /workspace/out/p

# the built-in tools (JSON on stdin, a result object on stdout)
RW=(--workspace "$W/ws" --cap write:/workspace)
STDIN='{"file_path": "docs/a.txt"}' same tool-file-read "${RW[@]}" "$TL/file-read/tool.wasm"
STDIN='{"file_path": "../outside/o.txt"}' same tool-file-read-escape "${RW[@]}" "$TL/file-read/tool.wasm"
STDIN='{"pattern": "**/*.txt"}' same tool-file-glob "${RW[@]}" "$TL/file-glob/tool.wasm"
STDIN='{"file_path": "out/n.txt", "content": "x\ny\n"}' same tool-file-write "${RW[@]}" "$TL/file-write/tool.wasm"
STDIN='{"file_path": "docs/a.txt", "old_string": "readme", "new_string": "README"}' same tool-file-edit "${RW[@]}" "$TL/file-edit/tool.wasm"
STDIN='{"command": "ls docs; echo hi > out/b.txt; cat out/b.txt; cat docs/out-link"}' same tool-bash "${RW[@]}" "$W/tl/bash/tool.wasm"
STDIN='{"code": "[1,2,3].map(x => x * 2)"}' same tool-js-execute "$TL/js-execute/tool.wasm"

# a tool manifest may name a component: `boxagnts call` gives the same result
mkdir -p "$W/td"
for t in file-read bash; do
    mkdir -p "$W/td/$t-c"
    sed "s/\"name\": \"$t\"/\"name\": \"$t-c\"/" "$TL/$t/tool.json" >"$W/td/$t-c/tool.json"
    cp "$W/c/$t.wasm" "$W/td/$t-c/tool.wasm"
done
call_same() {   # NAME TOOL JSON
    fixture
    "$B" call "$2" --workspace "$W/ws" "$3" >"$W/m.out" 2>&1; local mrc=$?
    fixture
    "$B" call "$2-c" --tools-dir "$W/td" --workspace "$W/ws" "$3" >"$W/c.out" 2>&1; local crc=$?
    if [ $mrc -eq $crc ] && diff <(norm <"$W/m.out") <(norm <"$W/c.out") >/dev/null && grep -q '"content"' "$W/c.out"; then ok
    else bad "$1: boxagnts call differs (exit $mrc vs $crc)"; diff "$W/m.out" "$W/c.out" | head -4; fi
}
call_same call-file-read file-read '{"file_path": "docs/a.txt"}'
call_same call-file-read-escape file-read '{"file_path": "../../etc/passwd"}'
call_same call-bash bash '{"command": "ls; cat docs/a.txt | wc -c"}'

# limits: one store for the whole component, so the same outcome (exit code)
limit() {   # NAME EXPECTED-RC ARGS...
    local name=$1 want=$2; shift 2
    local cargs=("$@") i
    for i in "${!cargs[@]}"; do case ${cargs[$i]} in "$T"/*.wasm) cargs[$i]=$W/c/$(basename "${cargs[$i]}");; esac; done
    "$B" run "$@" >/dev/null 2>"$W/m.err" </dev/null; local mrc=$?
    "$B" run "${cargs[@]}" >/dev/null 2>"$W/c.err" </dev/null; local crc=$?
    [ $mrc -eq "$want" ] && [ $crc -eq "$want" ] && ok || { bad "$name: exit codes module $mrc, component $crc, want $want"; head -3 "$W/c.err"; }
}
limit timeout 124 --timeout 1s "$T/spin.wasm"
# --timeout also stops a guest blocked on a pollable (sleep: subscribe-duration + poll)
printf '#include <unistd.h>\n#include <stdio.h>\nint main(void){ puts("sleeping"); fflush(stdout); sleep(30); puts("woke"); return 0; }\n' >"$W/sl.c"
if clang-14 --target=wasm32-wasi --sysroot="$BUILD/wasi-sysroot" -O2 "$W/sl.c" -o "$W/sl.wasm" 2>"$W/cc.log" &&
   "$JCO" new "$W/sl.wasm" --wasi-command -o "$W/c/sl.wasm" >/dev/null 2>&1; then
    "$B" run --timeout 1s "$W/c/sl.wasm" >"$W/sl.out" 2>/dev/null; rc=$?
    [ $rc -eq 124 ] && grep -q sleeping "$W/sl.out" && ! grep -q woke "$W/sl.out" && ok || bad "timeout in poll: exit $rc"
else bad "cannot build the sleeping guest: $(head -2 "$W/cc.log")"; fi
limit fuel 123 --fuel 2000000 "$T/spin.wasm"
limit stack 122 --max-stack 64KiB "$T/recurse.wasm"
# the memory cap counts every core memory of the component (the adapter's
# too): the guest grows until the cap, then the adapter cannot allocate and
# traps; the peak never passes the cap
"$B" run --max-memory 4MiB --json-file "$W/grow.json" "$W/c/grow.wasm" >/dev/null 2>&1; crc=$?
peak=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["peak_memory_bytes"])' "$W/grow.json" 2>/dev/null)
{ [ "$crc" -eq 0 ] || [ "$crc" -eq 121 ]; } && [ -n "$peak" ] && [ "$peak" -le 4194304 ] && [ "$peak" -gt 3000000 ] && ok ||
    bad "max-memory: component exit $crc, peak ${peak:-?} bytes (want <= 4194304 and near it)"

# the audit log records the component's refusal as it does the module's
fixture
"$B" run "${WS[@]}" --cap read:/workspace/docs --audit "$W/audit.jsonl" "$W/c/files.wasm" read /workspace/docs/../secret/key >/dev/null 2>&1
grep -q '"decision":"deny"' "$W/audit.jsonl" 2>/dev/null && ok || bad "audit: no refusal record for the component"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
