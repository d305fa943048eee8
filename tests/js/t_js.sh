#!/bin/sh
# tests/js/t_js.sh — the js-execute tool (QuickJS in wasm) through
# `boxagnts call`; the checks live in t_js.mjs (node is also the reference
# for the differential part).  Last line: "N passed, N failed".
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
if ! command -v node >/dev/null 2>&1; then
    echo "node not found (scripts/setup.sh installs nodejs)"
    echo "0 passed, 1 failed"
    exit 1
fi
exec node tests/js/t_js.mjs "$BUILD"
