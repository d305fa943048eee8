#!/bin/sh
# bench/aot.sh — `make bench-aot` (part of `make bench`): the compiled tier
# (src/aot) on bench/kernels, side by side with native code, our
# interpreter and Debian's wasm2c + the same cc -O2 (the anchor of issue 17;
# no fuel, no interruption).  Ours runs twice: unmetered and metered
# (BENCH_FUEL budget); both always check the interrupt flag at loop heads
# and calls.  Prints best-of-RUNS seconds and ratios to native, plus the
# compile time of the kernels module and the load time of its cached
# artifact.  The machine may be shared: `perf stat`-style instruction
# counts are not taken; read the ratios with the load in mind (uptime is
# printed).
#
# Environment: BUILD, BENCH_RUNS (default 5), BENCH_KERNELS, BENCH_DRIVER,
# BENCH_AOT_ICOUNT=1 (also count instructions with valgrind: load-independent),
# CLANG (default clang-14, builds the wasm32 kernels), CC (default cc).
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
B=$BUILD/bench
A=$B/aot
RUNS=${BENCH_RUNS:-5}
KERNELS=${BENCH_KERNELS:-"fib:35 sieve:4 sha256:4 matmul:400 strhash:150000 cmark:5000"}
DRIVER=${BENCH_DRIVER:-$B/bench}
CLANG=${CLANG:-clang-14}
CC=${CC:-cc}
FUEL=${BENCH_FUEL:-1000000000000}
die() { echo "bench-aot: $*" >&2; exit 2; }
command -v "$CLANG" >/dev/null || die "$CLANG not found"
[ -x "$DRIVER" ] || die "$DRIVER missing (make bench)"
mkdir -p "$A"
K=bench/kernels
if [ ! -e "$B/kernels.wasm" ] || [ -n "$(find $K/kernels.c $K/wasm_rt.c -newer "$B/kernels.wasm")" ]; then
    "$CLANG" --target=wasm32 -O2 -c $K/kernels.c -o "$A/kernels.wasm.o"
    "$CLANG" --target=wasm32 -O2 -fno-builtin -c $K/wasm_rt.c -o "$A/wasm_rt.wasm.o"
    "$CLANG" --target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--strip-all \
        -o "$B/kernels.wasm" "$A/kernels.wasm.o" "$A/wasm_rt.wasm.o"
fi
# native with the same compiler as the compiled tier and wasm2c
$CC -O2 -std=c11 -o "$A/native" $K/kernels.c $K/native_main.c
"$A/native" "$RUNS" $KERNELS > "$A/native.txt" || die "native run failed"
specs=""
for kv in $KERNELS; do
    sum=$(awk -v n="${kv%%:*}" '$1 == n { print $2 }' "$A/native.txt")
    specs="$specs $kv:$sum"
done
"$DRIVER" kernels "$B/kernels.wasm" "$RUNS" $specs > "$A/interp.txt" || die "interpreter run failed"
rm -rf "$A/cache" && mkdir -p "$A/cache"
t0=$(date +%s.%N)
BOXAGNTS_TIER=aot BOXAGNTS_AOT_CACHE="$A/cache" "$DRIVER" kernels "$B/kernels.wasm" 1 fib:1 > /dev/null ||
    die "the compiled tier is not available"
t1=$(date +%s.%N)
BOXAGNTS_TIER=aot BOXAGNTS_AOT_CACHE="$A/cache" "$DRIVER" kernels "$B/kernels.wasm" "$RUNS" $specs > "$A/aot.txt" ||
    die "compiled run failed"
BOXAGNTS_TIER=aot BOXAGNTS_AOT_CACHE="$A/cache" BENCH_FUEL=$FUEL "$DRIVER" kernels "$B/kernels.wasm" "$RUNS" $specs \
    > "$A/aot_fuel.txt" || die "compiled metered run failed"
# a cached load: the whole driver start for fib(1), minus nothing (upper bound)
t2=$(date +%s.%N)
BOXAGNTS_TIER=aot BOXAGNTS_AOT_CACHE="$A/cache" "$DRIVER" kernels "$B/kernels.wasm" 1 fib:1 > /dev/null
t3=$(date +%s.%N)
t4=$(date +%s.%N)
"$DRIVER" kernels "$B/kernels.wasm" 1 fib:1 > /dev/null
t5=$(date +%s.%N)
w2c=""
if command -v wasm2c >/dev/null && [ -e /usr/share/wabt/wasm2c/wasm-rt-impl.c ]; then
    wasm2c "$B/kernels.wasm" -n kern -o "$A/kern.c"
    $CC -O2 -I"$A" -I/usr/share/wabt/wasm2c -o "$A/w2c" bench/aot_w2c_main.c "$A/kern.c" \
        /usr/share/wabt/wasm2c/wasm-rt-impl.c -lm 2>"$A/w2c.err" && "$A/w2c" "$RUNS" $KERNELS > "$A/w2c.txt" && w2c=1
fi
[ -n "$w2c" ] || : > "$A/w2c.txt"
echo "bench-aot: best of $RUNS, seconds (ratio to native $CC -O2); load: $(uptime | sed 's/.*load average: //')"
printf '%-9s %10s %10s %7s %10s %7s %10s %7s %10s %7s\n' kernel native interp x aot x aot+fuel x wasm2c x
for kv in $KERNELS; do
    n=${kv%%:*}
    nat=$(awk -v n="$n" '$1 == n { print $3 }' "$A/native.txt")
    row="$n $nat"
    for f in interp aot aot_fuel w2c; do
        v=$(awk -v n="$n" '$1 == n { print $3 }' "$A/$f.txt")
        c=$(awk -v n="$n" '$1 == n { print $2 }' "$A/$f.txt")
        want=$(awk -v n="$n" '$1 == n { print $2 }' "$A/native.txt")
        if [ -z "$v" ]; then row="$row - -"; continue; fi
        [ "$c" = "$want" ] || echo "bench-aot: $n checksum $c in $f, native $want" >&2
        row="$row $v $(awk -v a="$v" -v b="$nat" 'BEGIN { printf "%.2f", a / b }')"
    done
    printf '%-9s %10s %10s %7s %10s %7s %10s %7s %10s %7s\n' $row
done
for f in interp aot aot_fuel w2c; do
    m=$(awk 'NR == FNR { nat[$1] = $3; next } $1 in nat { printf "%.4f\n", $3 / nat[$1] }' "$A/native.txt" "$A/$f.txt" |
        sort -n | awk '{ r[NR] = $1 } END { if (NR) printf "%.2f", NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2 }')
    [ -n "$m" ] && echo "median ratio to native: $f $m"
done
awk -v a="$t0" -v b="$t1" -v n="$(wc -c < "$B/kernels.wasm")" 'BEGIN {
    printf "compile (translate + cc + cache) of kernels.wasm (%d bytes): %.2f s\n", n, b - a }'
awk -v a="$t2" -v b="$t3" -v c="$t4" -v d="$t5" 'BEGIN {
    printf "process start to fib(1), cached artifact: %.1f ms; interpreted: %.1f ms\n", (b - a) * 1000, (d - c) * 1000 }'
# BENCH_AOT_ICOUNT=1: instructions executed inside the kernel calls (warm-up +
# one run), counted by valgrind's callgrind: independent of the machine's load.
if [ -n "${BENCH_AOT_ICOUNT:-}" ] && command -v valgrind >/dev/null; then
    ICK=${BENCH_AOT_ICOUNT_KERNELS:-"fib:25 sieve:1 sha256:1 matmul:100 strhash:20000 cmark:200"}
    ir() {  # FUNCTION CMD... -> Ir inside FUNCTION
        f=$1; shift
        valgrind --tool=callgrind --callgrind-out-file="$A/cg.out" --toggle-collect="$f" "$@" >/dev/null 2>&1 ||
            { echo -; return; }
        awk '/^(summary|totals):/ { print $2; exit }' "$A/cg.out"
    }
    echo "instructions (callgrind), ratio to native:"
    printf '%-14s %12s %12s %7s %12s %7s %12s %7s\n' kernel native interp x aot x wasm2c x
    : > "$A/ic_ratios.txt"
    for kv in $ICK; do
        n=${kv%%:*}; fn=$n; [ "$n" = sha256 ] && fn=sha256_kernel
        nat=$(ir "$fn" "$A/native" 1 "$kv")
        it=$(ir bxe_interp_call "$DRIVER" kernels "$B/kernels.wasm" 1 "$kv")
        ao=$(BOXAGNTS_TIER=aot BOXAGNTS_AOT_CACHE="$A/cache" ir rt_enter "$DRIVER" kernels "$B/kernels.wasm" 1 "$kv")
        wc=-; [ -n "$w2c" ] && wc=$(ir "Z_kernZ_$n" "$A/w2c" 1 "$kv")
        printf '%-14s %12s %12s %7s %12s %7s %12s %7s\n' "$kv" "$nat" \
            "$it" "$(awk -v a="$it" -v b="$nat" 'BEGIN { printf "%.2f", a / b }')" \
            "$ao" "$(awk -v a="$ao" -v b="$nat" 'BEGIN { printf "%.2f", a / b }')" \
            "$wc" "$(awk -v a="$wc" -v b="$nat" 'BEGIN { if (a + 0) printf "%.2f", a / b; else print "-" }')"
        awk -v n="$nat" -v i="$it" -v a="$ao" -v w="$wc" 'BEGIN { if (n + 0 && a + 0)
            printf "%.4f %.4f %.4f\n", i / n, a / n, (w + 0) ? w / n : 0 }' >> "$A/ic_ratios.txt"
    done
    for col in 1:interp 2:aot 3:wasm2c; do
        m=$(awk -v c="${col%%:*}" '$c > 0 { print $c }' "$A/ic_ratios.txt" | sort -n |
            awk '{ r[NR] = $1 } END { if (NR) printf "%.2f", NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2 }')
        [ -n "$m" ] && echo "median instruction ratio to native: ${col#*:} $m"
    done
fi
