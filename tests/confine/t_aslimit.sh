#!/usr/bin/env bash
# t_aslimit.sh — runs test_aslimit (a worker's RLIMIT_AS against the
# engine's reservations at its caps; see tests/confine/test_aslimit.c).
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
if [ ! -x "$BUILD/tests/confine/test_aslimit" ]; then
    echo "t_aslimit.sh: build first (make tests)"
    echo "0 passed, 1 failed"
    exit 1
fi
exec "$BUILD/tests/confine/test_aslimit"
