#!/usr/bin/env bash
# tests/server/t_mcp.sh — `boxagnts mcp` with the official MCP client
# (@modelcontextprotocol/sdk from npm, installed here into
# $BUILD/mcp-client, never committed) and with raw JSON-RPC lines.
# npm unreachable and no SDK installed = FAILED, not skipped.
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
BX=$BUILD/boxagnts
TEST_TOOLS=$BUILD/tests/server/tools
WORK=$BUILD/tests/server/mcp-work

fail_all() { echo "FAIL $1"; echo "0 passed, 1 failed"; exit 1; }
command -v node >/dev/null || fail_all "node is not installed (apt-get install nodejs npm)"
[ -x "$BX" ] || fail_all "$BX not built (make)"
[ -f "$TEST_TOOLS/t-echo/tool.wasm" ] && [ -f "$TEST_TOOLS/t-bad/tool.wasm" ] || fail_all "test tools not built (make tests)"
. tests/server/sdk.sh   # SDK, SDK_PREFIX: the official MCP SDK client from npm
echo "MCP SDK $(node -p "require('./$SDK/package.json').version")"
mkdir -p "$WORK"

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
run timeout 300 node tests/server/mcp_sdk.mjs "$SDK" "$BX" "$BUILD/tools" "$TEST_TOOLS" "$WORK"
run timeout 300 node tests/server/mcp_raw.mjs "$BX" "$TEST_TOOLS"
echo "$tp passed, $tf failed"
[ $tf -eq 0 ]
