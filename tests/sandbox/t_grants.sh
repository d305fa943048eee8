#!/usr/bin/env bash
# tests/sandbox/t_grants.sh — bx_grants (tests/sandbox/test_grants.c, built
# by tests/sandbox/grants.mk).  The last line is the program's own
# "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
exec "$BUILD/tests/sandbox/test_grants"
