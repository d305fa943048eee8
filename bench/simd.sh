#!/bin/sh
# bench/simd.sh — part of `make bench`: vectorizable kernels
# (bench/kernels/simd_kernels.c) built to wasm32 without SIMD and with
# -msimd128, both run in BoxAgnts; prints their times and the ratio
# simd/scalar (below 1 means the SIMD build is faster).  Checksums are
# checked against a native build.
#
# Environment: BUILD, BENCH_RUNS (default 5), BENCH_SIMD_KERNELS
# (name:arg list), BENCH_DRIVER.  Exit status 1 on a checksum mismatch,
# 2 if something could not be built or run.
set -eu

cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
B=$BUILD/bench
RUNS=${BENCH_RUNS:-5}
KERNELS=${BENCH_SIMD_KERNELS:-"vdot:300 vbytes:40 vsaxpy:300"}
DRIVER=${BENCH_DRIVER:-$B/bench}
CLANG=${CLANG:-clang-14}
CC=${CC:-cc}
mkdir -p "$B"

die() { echo "bench/simd: $*" >&2; exit 2; }
command -v "$CLANG" >/dev/null 2>&1 || die "$CLANG not found (install clang-14)"
[ -x "$DRIVER" ] || die "$DRIVER missing: run 'make bench', which builds it"

K=bench/kernels/simd_kernels.c
stale() { out=$1; shift; [ ! -e "$out" ] || [ -n "$(find "$@" -newer "$out" 2>/dev/null)" ]; }
for v in scalar simd; do
    out=$B/simd_kernels.$v.wasm
    if stale "$out" $K; then
        flag=; [ $v = simd ] && flag=-msimd128
        echo "bench/simd: building $out"
        "$CLANG" --target=wasm32 -O2 $flag -nostdlib -Wl,--no-entry -Wl,--strip-all -o "$out" $K \
            || die "cannot build $out"
    fi
done
if stale "$B/simd_native" $K; then
    "$CC" -std=c11 -O2 -DBENCH_SIMD_NATIVE_MAIN -o "$B/simd_native" $K || die "cannot build the native reference"
fi

specs=$("$B/simd_native" $KERNELS | while read -r name sum; do
    for kv in $KERNELS; do [ "${kv%%:*}" = "$name" ] && printf ' %s:%s' "$kv" "$sum"; done
done)
[ -n "$specs" ] || die "native reference failed"
status=0
"$DRIVER" kernels "$B/simd_kernels.scalar.wasm" "$RUNS" $specs > "$B/simd_scalar.txt" || status=1
"$DRIVER" kernels "$B/simd_kernels.simd.wasm" "$RUNS" $specs > "$B/simd_simd.txt" || status=1

echo
awk -v kernels="$KERNELS" -v sc="$B/simd_scalar.txt" -v si="$B/simd_simd.txt" '
function load(file, t, c,    line, f) {
    while ((getline line < file) > 0) { split(line, f, " "); c[f[1]] = f[2]; t[f[1]] = f[3] }
    close(file)
}
BEGIN {
    load(sc, ts, cs); load(si, tv, cv)
    fmt = "%-8s %6s %10s %10s %10s  %s\n"
    printf fmt, "kernel", "arg", "scalar ms", "simd ms", "simd/scal", "checksum"
    nk = split(kernels, ks, " ")
    for (i = 1; i <= nk; i++) {
        split(ks[i], kv, ":"); k = kv[1]
        if (!(k in ts) || !(k in tv)) { printf fmt, k, kv[2], "-", "-", "-", "FAILED"; continue }
        printf fmt, k, kv[2], sprintf("%.2f", ts[k] * 1000), sprintf("%.2f", tv[k] * 1000),
            sprintf("%.2fx", tv[k] / ts[k]), (cs[k] == cv[k] ? "ok " cs[k] : "MISMATCH")
    }
}'
exit $status
