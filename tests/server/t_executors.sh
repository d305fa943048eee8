#!/usr/bin/env bash
# tests/server/t_executors.sh — `boxagnts serve --jsonl`: the protocol's
# edges, quotas and policy checks (jsonl_proto.mjs), then isolation under
# load: 8 executors x 200 mixed calls, misbehaving ones included, and a
# well-behaved executor compared with a solo run of it (load.mjs).
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
BX=$BUILD/boxagnts
TEST_TOOLS=$BUILD/tests/server/tools
WORK=$BUILD/tests/server/executors-work

fail_all() { echo "FAIL $1"; echo "0 passed, 1 failed"; exit 1; }
command -v node >/dev/null || fail_all "node is not installed (apt-get install nodejs)"
[ -x "$BX" ] || fail_all "$BX not built (make)"
[ -f "$TEST_TOOLS/t-echo/tool.wasm" ] && [ -f "$TEST_TOOLS/t-bad/tool.wasm" ] || fail_all "test tools not built (make tests)"
for t in file-read file-write file-glob; do
    [ -f "$BUILD/tools/$t/tool.wasm" ] || fail_all "built-in tool $t not built (make)"
done
rm -rf "$WORK" && mkdir -p "$WORK"

tp=0 tf=0
run() {
    local out rc last
    out=$("$@" 2>&1); rc=$?
    echo "$out"
    last=$(printf '%s\n' "$out" | tail -n 1)
    if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        tp=$((tp + BASH_REMATCH[1])) tf=$((tf + BASH_REMATCH[2]))
        [ $rc -eq 0 ] || [ "${BASH_REMATCH[2]}" -gt 0 ] || tf=$((tf + 1))
    else
        echo "FAIL $* ended without a summary (exit $rc)"; tf=$((tf + 1))
    fi
}
run timeout 300 node tests/server/jsonl_proto.mjs "$BX" "$TEST_TOOLS" "$WORK/proto"
run timeout 600 node tests/server/load.mjs "$BX" "$TEST_TOOLS" "$WORK/load"
echo "$tp passed, $tf failed"
[ $tf -eq 0 ]
