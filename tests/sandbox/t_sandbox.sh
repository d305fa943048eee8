#!/usr/bin/env bash
# tests/sandbox/t_sandbox.sh — src/sandbox's host-side tests (built by
# tests/sandbox/sandbox.mk).  The last line is the test program's own
# "N passed, N failed"; the exit status is non-zero on failure.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
exec "$BUILD/tests/sandbox/test_watchdog" "$BUILD/tests/cli"
