#!/usr/bin/env bash
# tests/server/t_ids.sh — JSON-RPC ids and keys holding U+0000, raw lines to
# `boxagnts mcp` and `serve --jsonl` (tests/server/ids_nul.mjs).
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
TEST_TOOLS=$BUILD/tests/server/tools
fail_all() { echo "FAIL $1"; echo "0 passed, 1 failed"; exit 1; }
command -v node >/dev/null || fail_all "node is not installed (apt-get install nodejs)"
[ -x "$BUILD/boxagnts" ] || fail_all "$BUILD/boxagnts not built (make)"
[ -f "$TEST_TOOLS/t-echo/tool.wasm" ] && [ -f "$TEST_TOOLS/t-bad/tool.wasm" ] || fail_all "test tools not built (make tests)"
out=$(timeout 300 node tests/server/ids_nul.mjs "$BUILD/boxagnts" "$TEST_TOOLS" 2>&1); rc=$?
printf '%s\n' "$out"
last=$(printf '%s\n' "$out" | tail -n 1)
[[ $last =~ ^[0-9]+\ passed,\ [0-9]+\ failed$ ]] || { echo "FAIL ids_nul.mjs ended without a summary (exit $rc)"; echo "0 passed, 1 failed"; exit 1; }
[ $rc -eq 0 ]
