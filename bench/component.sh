#!/bin/sh
# bench/component.sh — cold start and one call of a component tool against
# the same tool as a core module, and against `jco run` (Node), in one run.
#
# The components are the project's own guests wrapped by the preview1
# command adapter jco ships (`jco new X.wasm --wasi-command`): hello, and the
# file-read tool (JSON on stdin, one file read through a read-only grant).
# Each row is a whole `boxagnts run` process (exec, confinement, decode,
# compile, instantiate, one call), mean wall time over N runs, without the
# compiled-module cache (`--cache-dir none`: every core module compiled) and
# with a warmed cache.  `jco run` transpiles and runs the component in Node
# (the file-read run gets its directory from --jco-import, as jco grants
# none itself).  Ratios are printed; the target is component/module <= 1.2.
#
# BENCH_ICOUNT=1 also counts instructions (valgrind --tool=callgrind, every
# process of the run summed): on a shared machine they are the figure to
# quote, wall times move with the load.  Called by `make bench`; never by
# `make test`.  Knobs: BENCH_COMPONENT_RUNS (20), BENCH_JCO_RUNS (3).
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
N=${BENCH_COMPONENT_RUNS:-20}
NJ=${BENCH_JCO_RUNS:-3}
BX=$BUILD/boxagnts
HELLO=$BUILD/tests/cli/hello.wasm
FR=$BUILD/tools/file-read/tool.wasm
[ -x "$BX" ] && [ -f "$HELLO" ] && [ -f "$FR" ] || { echo "bench/component.sh: build first (make && make tests)" >&2; exit 2; }
command -v node >/dev/null && command -v bc >/dev/null || { echo "bench/component.sh: needs node and bc" >&2; exit 2; }

JCO_PREFIX=$BUILD/comp-jco
JCO=$JCO_PREFIX/node_modules/.bin/jco
if [ ! -x "$JCO" ]; then
    command -v npm >/dev/null || { echo "bench/component.sh: npm is not installed" >&2; exit 2; }
    mkdir -p "$JCO_PREFIX"
    npm install --prefix "$JCO_PREFIX" --no-audit --no-fund --loglevel=error "@bytecodealliance/jco@1" \
        >"$JCO_PREFIX/npm.log" 2>&1 || { tail -n 20 "$JCO_PREFIX/npm.log" >&2; exit 2; }
fi

W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
"$JCO" new "$HELLO" --wasi-command -o "$W/hello.c.wasm" >/dev/null
"$JCO" new "$FR" --wasi-command -o "$W/fr.c.wasm" >/dev/null
mkdir -p "$W/ws/docs" "$W/cache"
i=0; while [ $i -lt 200 ]; do echo "line $i of a small text file"; i=$((i + 1)); done >"$W/ws/docs/a.txt"
echo '{"file_path": "docs/a.txt"}' >"$W/in.json"
# jco's own preview2-shim (the one `jco run` links) must get the preopen
PRE=$JCO_PREFIX/node_modules/@bytecodealliance/jco/bench-preopen.mjs
cat >"$PRE" <<'JS'
import { _setPreopens } from '@bytecodealliance/preview2-shim/filesystem';
_setPreopens({ '/workspace': process.env.BENCH_WS });
JS

FRARGS="--workspace $W/ws --cap read:/workspace"
now_ns() { date +%s%N; }
# run KIND TOOL CACHE...: one process; KIND hello|fr
run1() {
    kind=$1 wasm=$2; shift 2
    if [ "$kind" = hello ]; then "$BX" run "$@" "$wasm"
    else "$BX" run "$@" $FRARGS "$wasm" <"$W/in.json"; fi
}
jco1() {
    kind=$1 wasm=$2
    if [ "$kind" = hello ]; then "$JCO" run "$wasm"
    else BENCH_WS=$W/ws "$JCO" run --jco-import "$PRE" "$wasm" <"$W/in.json"; fi
}
expect() {   # the output every runner must give
    if [ "$1" = hello ]; then echo hello; else run1 fr "$FR" --cache-dir none; fi
}
# mean wall ms over n runs of a function, its output checked once
mean_ms() {
    n=$1 kind=$2; shift 2
    out=$("$@" 2>/dev/null) || true
    [ "$out" = "$(expect "$kind")" ] || { echo "bench/component.sh: $* printed '$out'" >&2; exit 1; }
    t0=$(now_ns); i=0
    while [ $i -lt "$n" ]; do "$@" >/dev/null 2>&1 || true; i=$((i + 1)); done
    t1=$(now_ns)
    echo "scale=3; ($t1 - $t0) / $n / 1000000" | bc
}
icount() {   # icount KIND WASM ARGS...: instructions of every process of one run, summed
    kind=$1 wasm=$2; shift 2
    if [ "$kind" = hello ]; then set -- "$BX" run "$@" "$wasm"; else set -- "$BX" run "$@" $FRARGS "$wasm"; fi
    valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$W/cg.%p" "$@" <"$W/in.json" 2>&1 >/dev/null |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p' | awk '{s += $1} END {print s}'
    rm -f "$W"/cg.*
}
ratio() { echo "scale=2; $1 / $2" | bc; }

echo "component tool vs core module, whole process, mean wall ms of $N runs (jco: $NJ), load $(cut -d' ' -f1-3 /proc/loadavg):"
printf '  %-28s %12s %12s %8s\n' "" "core module" "component" "ratio"
for kind in hello fr; do
    if [ $kind = hello ]; then core=$HELLO comp=$W/hello.c.wasm label=hello; else core=$FR comp=$W/fr.c.wasm label=file-read; fi
    a=$(mean_ms "$N" $kind run1 $kind "$core" --cache-dir none)
    b=$(mean_ms "$N" $kind run1 $kind "$comp" --cache-dir none)
    printf '  %-28s %12s %12s %7sx\n' "$label, --cache-dir none" "$a" "$b" "$(ratio "$b" "$a")"
    run1 $kind "$core" --cache-dir "$W/cache" >/dev/null 2>&1; run1 $kind "$comp" --cache-dir "$W/cache" >/dev/null 2>&1
    c=$(mean_ms "$N" $kind run1 $kind "$core" --cache-dir "$W/cache")
    d=$(mean_ms "$N" $kind run1 $kind "$comp" --cache-dir "$W/cache")
    printf '  %-28s %12s %12s %7sx\n' "$label, cached" "$c" "$d" "$(ratio "$d" "$c")"
    j=$(mean_ms "$NJ" $kind jco1 $kind "$comp")
    printf '  %-28s %12s %12s %7sx  (jco run / boxagnts component, uncached)\n' "$label, jco run (Node)" "" "$j" "$(ratio "$j" "$b")"
    if [ "${BENCH_ICOUNT:-0}" = 1 ] && command -v valgrind >/dev/null; then
        ia=$(icount $kind "$core" --cache-dir none)
        ib=$(icount $kind "$comp" --cache-dir none)
        ic=$(icount $kind "$core" --cache-dir "$W/cache")
        id=$(icount $kind "$comp" --cache-dir "$W/cache")
        printf '  %-28s %12s %12s %7sx  instructions\n' "$label, --cache-dir none" "$ia" "$ib" "$(ratio "$ib" "$ia")"
        printf '  %-28s %12s %12s %7sx  instructions\n' "$label, cached" "$ic" "$id" "$(ratio "$id" "$ic")"
    fi
done
