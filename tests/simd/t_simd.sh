#!/usr/bin/env bash
# tests/simd/t_simd.sh — SIMD beyond the spec testsuite (which the spec
# runner covers): real clang-14 programs and the compiler's v128 paths.
#
# 1. Each tests/simd/*.c, built natively (the reference), to wasm32-wasi
#    without SIMD and with -msimd128 (tests/simd/simd.mk): both wasm builds
#    under `boxagnts run` print exactly what the native build prints; the
#    -msimd128 build really contains SIMD instructions; simd_ops.simd.wasm
#    also matches under Node (V8), and runs the same through the module
#    cache (stored, then loaded through the cache's verifier).
# 2. tests/simd/paths.wat (v128 through calls, locals, select, blocks,
#    branches, globals, memory bounds): every export, on several inputs,
#    gives what V8 gives (tests/simd/invoke.mjs), traps included.
# 3. `boxagnts invoke` with v128 arguments and results (0x + 32 hex digits).
# Last line: "N passed, N failed[, N skipped]".
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
B=$BUILD/boxagnts
D=$BUILD/tests/simd
pass=0 fail=0 skip=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if [ "$1" = "$2" ]; then ok; else bad "$3: got [$1] expected [$2]"; fi; }

have_node=0
command -v node >/dev/null && node -e 'require("node:wasi")' 2>/dev/null && have_node=1

# ---- 1. programs ----------------------------------------------------------
for src in tests/simd/*.c; do
    p=$(basename "$src" .c)
    for f in "$D/$p.native" "$D/$p.wasm" "$D/$p.simd.wasm"; do
        [ -e "$f" ] || { bad "$f missing (make tests)"; continue 2; }
    done
    "$D/$p.native" > "$TMP/$p.ref" 2>&1 || bad "$p: native build failed to run"
    [ -s "$TMP/$p.ref" ] || bad "$p: native output empty"
    for w in "$p.wasm" "$p.simd.wasm"; do
        out=$("$B" run "$D/$w" 2>&1); rc=$?
        check "$rc" 0 "$w exit status"
        if [ "$out" = "$(cat "$TMP/$p.ref")" ]; then ok; else
            bad "$w output differs from the native build"
            diff <(echo "$out") "$TMP/$p.ref" | head -5
        fi
    done
    # the SIMD build must exercise SIMD: count 0xFD-prefixed instructions
    if command -v wasm-objdump >/dev/null; then
        n=$(wasm-objdump -d "$D/$p.simd.wasm" | grep -cE '(v128|i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)\.' || true)
        if [ "$n" -ge 10 ]; then ok; else bad "$p.simd.wasm has only $n SIMD instructions"; fi
        n=$(wasm-objdump -d "$D/$p.wasm" | grep -cE '(v128|i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)\.' || true)
        check "$n" 0 "$p.wasm (no -msimd128) SIMD instruction count"
    else
        skip=$((skip + 1))
    fi
done

if [ "$have_node" = 1 ] && [ -e "$D/simd_ops.simd.wasm" ]; then
    out=$(node tests/nodediff/run.mjs "$D/simd_ops.simd.wasm" 2>/dev/null)
    if [ "$out" = "$(cat "$TMP/simd_ops.ref")" ]; then ok; else bad "simd_ops.simd.wasm under V8 differs from native"; fi
else
    skip=$((skip + 1))
fi

# through the module cache: first run stores, second loads (verifier)
if [ -e "$D/simd_ops.simd.wasm" ]; then
    for i in 1 2; do
        out=$("$B" run --cache-dir "$TMP/cache" "$D/simd_ops.simd.wasm" 2>&1)
        check "$out" "$(cat "$TMP/simd_ops.ref")" "simd_ops.simd.wasm with --cache-dir, run $i"
    done
    n=$(find "$TMP/cache" -type f | wc -l)
    if [ "$n" -ge 1 ]; then ok; else bad "no cache entry written"; fi
fi

# ---- 2. compiler paths vs V8 --------------------------------------------
W=$D/paths.wasm
if [ ! -e "$W" ]; then
    bad "$W missing (make tests)"
elif [ "$have_node" = 0 ]; then
    skip=$((skip + 1))
else
    # "func args" with i64 arguments marked n for Node (stripped for us)
    while read -r line; do
        [ -n "$line" ] || continue
        args=$(echo "$line" | sed -E 's/([0-9])n( |$)/\1\2/g')
        ours=$("$B" invoke "$W" $args 2>/dev/null) || ours=trap
        v8=$(node tests/simd/invoke.mjs "$W" $line 2>&1)
        case $v8 in trap:*) v8=trap ;; esac
        check "$ours" "$v8" "paths.wasm $line"
    done <<'EOF'
calls 5n -9n 0
calls 123456789012n 77n 1
calls -1n -1n 3
locals 3n
locals -4000000000n
sel 0 5n 6n
sel 1 -1n 9n
blocks 5 17n
blocks 4 -2n
blocks 3 6n
blocks 2 7n
blocks 0 -7n
deep 0
deep 50
deep 3000
globals 3n
mem 0
mem 65517
mem 65518
mem -1
mem -3
EOF
fi

# ---- 3. invoke with v128 values -----------------------------------------
cat > "$TMP/v.wat" <<'EOF'
(module
  (func (export "add") (param v128 i32 v128) (result v128 i32)
    (i32x4.add (local.get 0) (local.get 2)) (i32.add (local.get 1) (i32.const 1))))
EOF
if wat2wasm "$TMP/v.wat" -o "$TMP/v.wasm" 2>/dev/null; then
    # lanes (-1, 2, 3, 4) + (1, 1, 1, 1) = (0, 3, 4, 5); lane 0 is lowest
    out=$("$B" invoke "$TMP/v.wasm" add 0x000000040000000300000002ffffffff 41 \
          0x00000001000000010000000100000001 2>&1)
    check "$out" "$(printf '0x00000005000000040000000300000000\n42')" "invoke v128 add"
    "$B" invoke "$TMP/v.wasm" add 0x1234 1 0x00000001000000010000000100000001 >/dev/null 2>&1
    check "$?" 2 "invoke rejects a short v128 (usage error)"
    "$B" invoke "$TMP/v.wasm" add 0x0000000400000003000000020000000g 1 \
        0x00000001000000010000000100000001 >/dev/null 2>&1
    check "$?" 2 "invoke rejects a non-hex v128"
else
    bad "wat2wasm failed on the invoke test module"
fi

if [ "$skip" -gt 0 ]; then
    echo "$pass passed, $fail failed, $skip skipped"
else
    echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
