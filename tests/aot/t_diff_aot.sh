#!/usr/bin/env bash
# tests/aot/t_diff_aot.sh — a slice of the differential test against V8
# (tests/diff/t_diff.sh, run here with BOXAGNTS_TIER=aot) in the compiled
# tier: random valid modules from fixed seeds (AOT_DIFF_SEEDS, default 1-100
# and the seeds that found bugs) and the reduced regressions.  One test per
# module: results bit for bit (NaN: NaN-ness), trap or not and its class,
# globals, memory size and hash.  A module the tier did not take fails
# unless the reason is SIMD.  Compiled modules are cached in
# $BUILD/tests/aot/cache.
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
command -v node >/dev/null || { echo "node not found"; echo "0 passed, 0 failed, 1 skipped"; exit 0; }
command -v cc >/dev/null || command -v gcc >/dev/null || { echo "no C compiler"; echo "0 passed, 0 failed, 1 skipped"; exit 0; }
mkdir -p "$BUILD/tests/aot/cache"
export BOXAGNTS_TIER=aot BOXAGNTS_AOT_CACHE="$BUILD/tests/aot/cache"
export DIFF_SEEDS=${AOT_DIFF_SEEDS:-1-100,1064,1178,1453,1579,1600,1689,2723,2778,2882}
export DIFF_WORK=$BUILD/tests/aot/diff
exec bash tests/diff/t_diff.sh
