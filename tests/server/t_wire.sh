#!/usr/bin/env bash
# tests/server/t_wire.sh — the server's wire code and pool on their own
# (tests/server/test_wire.c), and the embedding API on the test tools.
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
[ -x "$BUILD/tests/server/test_wire" ] || { echo "FAIL test_wire not built (make tests)"; echo "0 passed, 1 failed"; exit 1; }
exec "$BUILD/tests/server/test_wire" "$BUILD/tests/server/tools"
