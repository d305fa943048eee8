#!/usr/bin/env bash
# t_mcp_clients.sh — the README's MCP client configurations (Claude Desktop,
# Cursor, Claude Code, VS Code) after `make install`, started as written with
# @modelcontextprotocol/sdk (installed as tests/server/t_mcp.sh does), plus
# the MCP features clients use (tests/server/mcp_clients.mjs).
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
fail_all() { echo "FAIL $1"; echo "0 passed, 1 failed"; exit 1; }
command -v node >/dev/null || fail_all "node is not installed (apt-get install nodejs npm)"
. tests/server/sdk.sh   # SDK, SDK_PREFIX: the official MCP SDK client from npm
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
unset BOXAGNTS_TOOLS_PATH
export BOXAGNTS_CACHE_DIR=none
make -s --no-print-directory BUILD="$BUILD" install PREFIX="$T/usr/local" >"$T/install.log" 2>&1 \
    || { cat "$T/install.log"; fail_all "make install PREFIX=$T/usr/local"; }
timeout 300 node tests/server/mcp_clients.mjs "$(realpath "$SDK")" README.md "$T"
