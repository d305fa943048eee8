#!/usr/bin/env bash
# t_json_out.sh — runs test_json_out (the tools' result printer against
# cJSON's, byte for byte; see tests/tools/test_json_out.c).
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
if [ ! -x "$BUILD/tests/tools/test_json_out" ]; then
    echo "t_json_out.sh: build first (make tests)"
    echo "0 passed, 1 failed"
    exit 1
fi
exec "$BUILD/tests/tools/test_json_out"
