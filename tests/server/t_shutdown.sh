#!/usr/bin/env bash
# tests/server/t_shutdown.sh — the end of input (tests/server/shutdown.mjs):
# `mcp` gives running calls a short grace, then cancels them (the official
# SDK client's close with three spinning calls: the server exits by itself,
# nothing of its group left), quick piped calls are still answered, queued
# calls are answered as cancelled; --drain and the policy's "drain" change
# the grace ("wait": every call finishes), bad values are refused naming
# the key; `serve --jsonl` waits by default.
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
BX=$BUILD/boxagnts
TEST_TOOLS=$BUILD/tests/server/tools

fail_all() { echo "FAIL $1"; echo "0 passed, 1 failed"; exit 1; }
command -v node >/dev/null || fail_all "node is not installed (apt-get install nodejs npm)"
command -v setsid >/dev/null || fail_all "setsid is not installed (apt-get install util-linux)"
[ -x "$BX" ] || fail_all "$BX not built (make)"
[ -f "$TEST_TOOLS/t-echo/tool.wasm" ] && [ -f "$TEST_TOOLS/t-bad/tool.wasm" ] || fail_all "test tools not built (make tests)"
. tests/server/sdk.sh   # SDK, SDK_PREFIX: the official MCP SDK client from npm
mkdir -p "$BUILD/tests/server"
WORK=$(mktemp -d "$BUILD/tests/server/shutdown-work.XXXXXX") || fail_all "cannot make a work directory"
trap 'rm -rf "$WORK"' EXIT
timeout 600 node tests/server/shutdown.mjs "$(realpath "$SDK")" "$(realpath "$BX")" "$(realpath "$TEST_TOOLS")" "$(realpath "$WORK")"
rc=$?
[ $rc -eq 124 ] && { echo "FAIL shutdown.mjs timed out"; echo "0 passed, 1 failed"; }
exit $rc
