#!/usr/bin/env bash
# tests/server/t_lifecycle.sh — the end of a server and changes to it while it
# runs (tests/server/lifecycle.mjs): SIGTERM/SIGINT and end of input cancel
# calls (answered as cancelled, no process left), notifications/cancelled
# stops one sandbox, SIGHUP adds the operator's new tools and tells MCP
# clients (the official SDK client, installed as tests/server/t_mcp.sh does).
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
BX=$BUILD/boxagnts
TEST_TOOLS=$BUILD/tests/server/tools

fail_all() { echo "FAIL $1"; echo "0 passed, 1 failed"; exit 1; }
command -v node >/dev/null || fail_all "node is not installed (apt-get install nodejs npm)"
[ -x "$BX" ] || fail_all "$BX not built (make)"
[ -f "$TEST_TOOLS/t-echo/tool.wasm" ] && [ -f "$TEST_TOOLS/t-bad/tool.wasm" ] || fail_all "test tools not built (make tests)"
[ -f "$BUILD/tools/file-write/tool.wasm" ] || fail_all "built-in tools not built (make)"
. tests/server/sdk.sh   # SDK, SDK_PREFIX: the official MCP SDK client from npm
# a directory of this run's own (two runs at once never share one)
mkdir -p "$BUILD/tests/server"
WORK=$(mktemp -d "$BUILD/tests/server/lifecycle-work.XXXXXX") || fail_all "cannot make a work directory"
trap 'rm -rf "$WORK"' EXIT
timeout 600 node tests/server/lifecycle.mjs "$(realpath "$SDK")" "$(realpath "$BX")" "$(realpath "$TEST_TOOLS")" "$(realpath "$WORK")"
rc=$?
[ $rc -eq 124 ] && { echo "FAIL lifecycle.mjs timed out"; echo "0 passed, 1 failed"; }
exit $rc
