#!/usr/bin/env bash
# t_jsonout.sh — runs test_jsonout (the server's string printer against
# libcjson's, byte for byte; see tests/server/test_jsonout.c).
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
if [ ! -x "$BUILD/tests/server/test_jsonout" ]; then
    echo "t_jsonout.sh: build first (make tests)"
    echo "0 passed, 1 failed"
    exit 1
fi
exec "$BUILD/tests/server/test_jsonout"
