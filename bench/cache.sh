#!/bin/sh
# bench/cache.sh — the compiled-module cache (`make bench-cache`): cold
# compile versus a cache hit, in process (tests/cache/cachebench: best of N)
# for the biggest modules at hand, then whole-process `boxagnts run` with
# and without a warm --cache-dir.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
CB=${CACHEBENCH:-$BUILD/tests/cache/cachebench}
BX=$BUILD/boxagnts
N=${BENCH_CACHE_RUNS:-10}
mods=""
for m in "$BUILD/bench/big.wasm" "$BUILD/tools/js-execute/tool.wasm" \
         "$BUILD/tools/file-glob/tool.wasm" "$BUILD/tests/cli/hello.wasm"; do
    [ -f "$m" ] && mods="$mods $m"
done
[ -n "$mods" ] || { echo "bench/cache.sh: no modules built (make tests)" >&2; exit 2; }
echo "compiled-module cache, in process, best of $N (cached = sha256 + read + checksum + deserialise + verify):"
# shellcheck disable=SC2086
"$CB" -n "$N" $mods

# whole process: hello world, cold (no cache) versus warm cache
W=$BUILD/tests/cli/hello.wasm
[ -x "$BX" ] && [ -f "$W" ] || exit 0
C=$(mktemp -d /tmp/bx-bench-cache-XXXXXX)
trap 'rm -rf "$C"' EXIT
R=${BENCH_CACHE_PROC_RUNS:-50}
now_ns() { date +%s%N; }
mean_us() {
    t0=$(now_ns); i=0
    while [ $i -lt "$R" ]; do "$@" >/dev/null 2>&1; i=$((i + 1)); done
    t1=$(now_ns)
    echo $(( (t1 - t0) / R / 1000 ))
}
for m in "$W" "$BUILD/tools/js-execute/tool.wasm"; do
    [ -f "$m" ] || continue
    "$BX" run --cache-dir "$C" "$m" </dev/null >/dev/null 2>&1 || true
    cold=$(mean_us "$BX" run "$m" </dev/null)
    warm=$(mean_us "$BX" run --cache-dir "$C" "$m" </dev/null)
    echo "whole process, mean of $R: boxagnts run $(basename "$(dirname "$m")")/$(basename "$m"): no cache ${cold} us, warm --cache-dir ${warm} us"
done
