#!/usr/bin/env bash
# tests/server/t_rescan.sh — what a rescan (SIGHUP) could not add is told to
# the operator (tests/server/rescan.mjs): a manifest that does not parse, a
# module that does not validate, a tool folder refused because a sandbox
# could write it: one stderr line each with the path and the reason, and a
# warning notifications/message to MCP clients that enabled logging (the
# official SDK client), none to the others.
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
BX=$BUILD/boxagnts
TEST_TOOLS=$BUILD/tests/server/tools

fail_all() { echo "FAIL $1"; echo "0 passed, 1 failed"; exit 1; }
command -v node >/dev/null || fail_all "node is not installed (apt-get install nodejs npm)"
[ -x "$BX" ] || fail_all "$BX not built (make)"
[ -f "$TEST_TOOLS/t-echo/tool.wasm" ] && [ -f "$TEST_TOOLS/t-bad/tool.wasm" ] || fail_all "test tools not built (make tests)"
. tests/server/sdk.sh   # SDK, SDK_PREFIX: the official MCP SDK client from npm
mkdir -p "$BUILD/tests/server"
WORK=$(mktemp -d "$BUILD/tests/server/rescan-work.XXXXXX") || fail_all "cannot make a work directory"
trap 'rm -rf "$WORK"' EXIT
timeout 600 node tests/server/rescan.mjs "$(realpath "$SDK")" "$(realpath "$BX")" "$(realpath "$TEST_TOOLS")" "$(realpath "$WORK")"
rc=$?
[ $rc -eq 124 ] && { echo "FAIL rescan.mjs timed out"; echo "0 passed, 1 failed"; }
exit $rc
