#!/bin/sh
# bench/hello.sh — whole-process cost of one sandboxed hello world:
# `boxagnts run hello.wasm` versus Node running the same module with
# node:wasi, in one run.  Prints mean wall time per process and peak RSS
# of each, and the ratio.  Called by `make bench`.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
N=${BENCH_HELLO_RUNS:-50}
WASM=$BUILD/tests/cli/hello.wasm
BX=$BUILD/boxagnts
[ -x "$BX" ] && [ -f "$WASM" ] || { echo "bench/hello.sh: build first (make tests)" >&2; exit 2; }

cat >"$BUILD/bench/hello-node.mjs" <<'JS'
import { WASI } from 'node:wasi';
import { readFileSync } from 'node:fs';
const wasi = new WASI({ version: 'preview1', args: ['hello'], env: {} });
const { instance } = await WebAssembly.instantiate(readFileSync(process.argv[2]), wasi.getImportObject());
wasi.start(instance);
JS

now_ns() { date +%s%N; }
# mean wall ms over N runs of "$@", output checked once
mean_ms() {
    out=$("$@" 2>/dev/null)
    [ "$out" = "hello" ] || { echo "bench/hello.sh: $* printed '$out', expected 'hello'" >&2; exit 1; }
    t0=$(now_ns); i=0
    while [ $i -lt "$N" ]; do "$@" >/dev/null 2>&1; i=$((i + 1)); done
    t1=$(now_ns)
    echo $(( (t1 - t0) / N / 1000 ))
}
command -v bc >/dev/null && [ -x /usr/bin/time ] || { echo "bench/hello.sh: needs bc and GNU time (apt-get install bc time)" >&2; exit 2; }
rss_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }

ours=$(mean_ms "$BX" run "$WASM")
node=$(mean_ms node --no-warnings "$BUILD/bench/hello-node.mjs" "$WASM")
ours_rss=$(rss_kb "$BX" run "$WASM")
node_rss=$(rss_kb node --no-warnings "$BUILD/bench/hello-node.mjs" "$WASM")
echo "hello world, whole process, mean of $N runs:"
printf '  boxagnts run   %8.3f ms  peak RSS %6d KiB\n' "$(echo "$ours / 1000" | bc -l)" "$ours_rss"
printf '  node node:wasi %8.3f ms  peak RSS %6d KiB\n' "$(echo "$node / 1000" | bc -l)" "$node_rss"
printf '  node/ours: time %.1fx, memory %.1fx\n' "$(echo "$node / $ours" | bc -l)" "$(echo "$node_rss / $ours_rss" | bc -l)"
