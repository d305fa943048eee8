#!/bin/sh
# bench/run.sh — `make bench`: build the kernels (wasm32 + native), run them
# natively, in Node's V8 and in BoxAgnts, and print one table.  Also times
# validate+compile per MiB and the instantiation of a small module.
#
# Environment: BUILD (default build), BENCH_RUNS (timed runs per kernel after
# one warm-up, default 5), BENCH_KERNELS (space-separated name:arg list),
# BENCH_DRIVER (the bench/bench.c binary, default $BUILD/bench/bench),
# BENCH_FUEL (budget for the extra metered run of our engine; 0 skips it).
# Exit status: 0, or 1 if any checksum differs from the native one, or 2 if
# something could not be built or run.
set -eu

cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
B=$BUILD/bench
RUNS=${BENCH_RUNS:-5}
KERNELS=${BENCH_KERNELS:-"fib:35 sieve:4 sha256:4 matmul:400 strhash:150000"}
DRIVER=${BENCH_DRIVER:-$B/bench}
CLANG=${CLANG:-clang-14}
COPIES=${BENCH_BIG_COPIES:-400}
INST_ITERS=${BENCH_INST_ITERS:-20000}
FUEL=${BENCH_FUEL:-1000000000000}
mkdir -p "$B"

die() { echo "bench: $*" >&2; exit 2; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 not found ($2)"; }
need "$CLANG" "install clang-14"
need node "install nodejs"
need wat2wasm "install wabt"
[ -x "$DRIVER" ] || die "$DRIVER missing: run 'make bench', which builds it"

K=bench/kernels
# Rebuild only when a source is newer than the output.
stale() { out=$1; shift; [ ! -e "$out" ] || [ -n "$(find "$@" -newer "$out" 2>/dev/null)" ]; }

if stale "$B/kernels.wasm" $K/kernels.c $K/wasm_rt.c; then
    echo "bench: building $B/kernels.wasm"
    "$CLANG" --target=wasm32 -O2 -c $K/kernels.c -o "$B/kernels.wasm.o"
    "$CLANG" --target=wasm32 -O2 -fno-builtin -c $K/wasm_rt.c -o "$B/wasm_rt.wasm.o"
    "$CLANG" --target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--strip-all \
        -o "$B/kernels.wasm" "$B/kernels.wasm.o" "$B/wasm_rt.wasm.o"
    rm -f "$B/kernels.wasm.o" "$B/wasm_rt.wasm.o"
fi
if stale "$B/native" $K/kernels.c $K/native_main.c; then
    echo "bench: building $B/native"
    "$CLANG" -O2 -std=c11 -o "$B/native" $K/kernels.c $K/native_main.c
fi
if stale "$B/big.wasm" "$B/kernels.wasm" bench/gen_big.mjs; then
    node bench/gen_big.mjs "$B/kernels.wasm" "$COPIES" "$B/big.wasm"
fi
if stale "$B/small.wasm" bench/small.wat; then
    wat2wasm bench/small.wat -o "$B/small.wasm"
fi

echo "bench: native ($RUNS runs each, best taken)"
"$B/native" "$RUNS" $KERNELS > "$B/native.txt" || die "native run failed"
echo "bench: V8 (node $(node --version))"
node bench/v8.mjs "$B/kernels.wasm" "$RUNS" $KERNELS > "$B/v8.txt" || die "node run failed"

# The driver checks its checksums against the native ones itself.
specs=""
for kv in $KERNELS; do
    name=${kv%%:*}
    sum=$(awk -v n="$name" '$1 == n { print $2 }' "$B/native.txt")
    specs="$specs $kv:$sum"
done
echo "bench: BoxAgnts"
status=0
"$DRIVER" kernels "$B/kernels.wasm" "$RUNS" $specs > "$B/ours.txt" || status=$?
[ "$status" -le 1 ] || die "BoxAgnts run failed"
if [ "$FUEL" != 0 ]; then
    echo "bench: BoxAgnts with fuel metering (budget $FUEL per call)"
    BENCH_FUEL=$FUEL "$DRIVER" kernels "$B/kernels.wasm" "$RUNS" $specs > "$B/ours_fuel.txt" || status=1
else
    : > "$B/ours_fuel.txt"
fi
"$DRIVER" compile "$B/big.wasm" 2 > "$B/compile.txt" || die "compile benchmark failed"
"$DRIVER" compile "$B/kernels.wasm" 1 > "$B/compile_small.txt" || die "compile benchmark failed"
"$DRIVER" instantiate "$B/small.wasm" "$INST_ITERS" > "$B/inst.txt" || die "instantiate benchmark failed"

echo
awk -v kernels="$KERNELS" \
    -v native="$B/native.txt" -v v8="$B/v8.txt" -v ours="$B/ours.txt" -v oursf="$B/ours_fuel.txt" \
    -v comp="$B/compile.txt" -v comps="$B/compile_small.txt" -v inst="$B/inst.txt" '
function load(file, t, c,    line, f) {
    while ((getline line < file) > 0) { split(line, f, " "); c[f[1]] = f[2]; t[f[1]] = f[3] }
    close(file)
}
function median(a, n,    i, j, x) {
    for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
BEGIN {
    load(native, tn, cn); load(v8, tv, cv); load(ours, to, co); load(oursf, tf, cf)
    nk = split(kernels, ks, " ")
    fmt = "%-8s %7s %9s %8s %9s %11s %8s %9s %9s  %s\n"
    printf fmt, "kernel", "arg", "native ms", "V8 ms", "ours ms", "ours/native", "ours/V8", "fuel ms", "fuel/nat", "checksum"
    bad = 0; n = 0; nf = 0
    for (i = 1; i <= nk; i++) {
        split(ks[i], kv, ":"); k = kv[1]
        ok = (k in cn) && (k in cv) && (k in co) && cn[k] == cv[k] && cn[k] == co[k] && (!(k in cf) || cf[k] == cn[k])
        if (!ok) bad++
        if (!(k in co)) note = "FAILED in ours (see above)"
        else if (!ok) note = "MISMATCH native=" cn[k] " v8=" cv[k] " ours=" co[k] ((k in cf) ? " fuel=" cf[k] : "")
        else note = "ok " cn[k]
        o = "-"; rn = "-"; rv = "-"; f1 = "-"; f2 = "-"
        if (k in to) {
            n++; rns[n] = to[k] / tn[k]; rvs[n] = to[k] / tv[k]
            o = sprintf("%.2f", to[k] * 1000); rn = sprintf("%.1fx", rns[n]); rv = sprintf("%.2fx", rvs[n])
        }
        if (k in tf) {
            nf++; rfs[nf] = tf[k] / tn[k]
            f1 = sprintf("%.2f", tf[k] * 1000); f2 = sprintf("%.1fx", rfs[nf])
        }
        printf fmt, k, kv[2], sprintf("%.2f", tn[k] * 1000), sprintf("%.2f", tv[k] * 1000), o, rn, rv, f1, f2, note
    }
    if (n) {
        mn = median(rns, n); mv = median(rvs, n)
        printf fmt, "median", "", "", "", "", sprintf("%.1fx", mn), sprintf("%.2fx", mv), "",
            nf ? sprintf("%.1fx", median(rfs, nf)) : "-", "target ours/native <= 10x: " (mn <= 10 ? "MET" : "MISSED")
    }
    print ""
    getline line < comp; split(line, f, " ")
    mib = f[2] / 1048576
    printf "validate+compile: %s (%.2f MiB, %d iterations): best %.2f ms, mean %.2f ms = %.1f MiB/s (best), %.1f MiB/s (mean)\n",
        "big.wasm", mib, f[3], f[4] * 1000, f[5] * 1000, mib / f[4], mib / f[5]
    getline line < comps; split(line, f, " ")
    printf "validate+compile: kernels.wasm (%d bytes): best %.1f us, mean %.1f us = %.1f MiB/s (mean)\n",
        f[2], f[4] * 1e6, f[5] * 1e6, f[2] / 1048576 / f[5]
    getline line < inst; split(line, f, " ")
    printf "instantiate small.wasm (store_new + instance_new + store_free, %d iterations): mean %.2f us, best %.2f us; target <= 50 us: %s\n",
        f[2], f[3], f[4], f[3] <= 50 ? "MET" : "MISSED"
    exit bad ? 1 : 0
}' || status=1

if [ "$status" -ne 0 ]; then
    echo "bench: checksum mismatch (see above)" >&2
    exit 1
fi
