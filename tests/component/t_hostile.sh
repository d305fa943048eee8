#!/usr/bin/env bash
# tests/component/t_hostile.sh — hand-written hostile components (text in
# tests/component/wast/hostile/*.wast, turned into binaries by jco's
# wasm-tools parse): out-of-bounds and misaligned pointers from guests and
# from their realloc, string lengths past memory, invalid UTF-8, list lengths
# that overflow, bad chars and discriminants, forged/reused/mistyped handles.
# Each must end in a clean trap whose message names the reason (the runner
# checks it), never a host crash; a benign call next to each proves the
# component works.  Then the decoder on malformed binaries: an error naming
# the byte offset, never a crash.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
fail_all() { echo "FAIL $*"; echo "0 passed, 1 failed"; exit 1; }
D=$BUILD/tests/component/test_component
[ -x "$D" ] || fail_all "$D not built (make tests)"
JCO_PREFIX=$BUILD/comp-jco
API=$JCO_PREFIX/node_modules/@bytecodealliance/jco/dist/api.js
JCO=$JCO_PREFIX/node_modules/.bin/jco
if [ ! -f "$API" ]; then
    command -v npm >/dev/null || fail_all "npm is not installed (apt-get install npm)"
    mkdir -p "$JCO_PREFIX"
    npm install --prefix "$JCO_PREFIX" --no-audit --no-fund --loglevel=error "@bytecodealliance/jco@1" \
        >"$JCO_PREFIX/npm.log" 2>&1 || { tail -n 20 "$JCO_PREFIX/npm.log"; fail_all "npm install @bytecodealliance/jco failed"; }
fi
W=$(mktemp -d)
trap 'if [ -n "${CM_KEEP:-}" ]; then find "$W" -name "*.wasm" | while read -r f; do cp "$f" "$CM_KEEP/$(echo "$f" | md5sum | cut -c1-12).wasm"; done; fi; rm -rf "$W"' EXIT
out=$(python3 tests/component/wast.py "$(realpath "$API")" "$D" tests/component/wast /dev/null "$W/wast" --check-messages)
echo "$out" | sed '$d'
read -r p _ f _ <<<"$(echo "$out" | tail -n 1 | tr -d ',')"
pass=$p fail=$f

# decoder: malformed binaries are refused with the offset, never a crash
check_decode() {   # NAME FILE PATTERN
    local o rc
    o=$("$D" decode "$2" 2>&1); rc=$?
    if [ $rc -eq 1 ] && echo "$o" | grep -q "$3"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL decode $1: rc=$rc $o"; fi
}
printf '(component (core module (func (export "f"))) (core instance (instantiate 0)))' >"$W/ok.wat"
"$JCO" parse "$W/ok.wat" -o "$W/ok.wasm" >/dev/null 2>&1 || fail_all "jco parse failed"
if [ "$("$D" decode "$W/ok.wasm")" = ok ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL decode of a valid component"; fi
n=$(stat -c %s "$W/ok.wasm")
for cut in 9 10 12 $((n - 3)) $((n - 1)); do
    head -c "$cut" "$W/ok.wasm" >"$W/cut.wasm"
    check_decode "truncated at $cut" "$W/cut.wasm" "at byte 0x"
done
printf '\0asm\x0d\0\x01\0\x07\x05\x01\x72\x00\x00\x00' >"$W/empty-record.wasm"
check_decode "empty record" "$W/empty-record.wasm" "at byte 0x.*record type must have at least one field"
printf '\0asm\x0d\0\x01\0\x07\x03\x01\x70\x05' >"$W/bad-index.wasm"
check_decode "type index out of bounds" "$W/bad-index.wasm" "at byte 0x.*out of bounds"
printf '\0asm\x0d\0\x01\0\x07\x06\x01\x72\xff\xff\xff\x0f' >"$W/huge-count.wasm"
check_decode "huge count" "$W/huge-count.wasm" "at byte 0x.*larger than the bytes left"
printf '\0asm\x01\0\0\0' >"$W/module.wasm"
check_decode "a core module is not a component" "$W/module.wasm" "at byte 0x4"
# types whose expansion is exponential, or nested too deep, and components
# nested too deep: refused at decode (every walk over a type is bounded)
python3 -c '
print("(component (type $t0 (tuple u8 u8 u8 u8))")
for i in range(1, 40): print("(type $t%d (tuple $t%d $t%d $t%d $t%d))" % (i, i-1, i-1, i-1, i-1))
print(")")' >"$W/wide.wat"
python3 -c '
print("(component (type $t0 (list u8))")
for i in range(1, 300): print("(type $t%d (list $t%d))" % (i, i-1))
print(")")' >"$W/deep.wat"
python3 -c '
import sys
def leb(n):
    out = bytearray()
    while True:
        b = n & 0x7f; n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n: return bytes(out)
hdr = b"\0asm\x0d\0\x01\0"
c = hdr
for _ in range(300): c = hdr + b"\x04" + leb(len(c)) + c
sys.stdout.buffer.write(c)' >"$W/nest.wasm"
for t in wide deep; do
    "$JCO" parse "$W/$t.wat" -o "$W/$t.wasm" >/dev/null 2>&1 || { fail=$((fail + 1)); echo "FAIL jco parse $t"; continue; }
done
check_decode "exponential type" "$W/wide.wasm" "at byte 0x.*effective type size exceeds"
check_decode "deep type" "$W/deep.wasm" "at byte 0x.*nesting is too deep"
check_decode "deep components" "$W/nest.wasm" "at byte 0x.*nesting is too deep"
# imports: matched semver-compatibly (any 0.2.x), and only with the WIT type
# the host implements (a lying declaration is refused, never called)
B=${BOXAGNTS:-$BUILD/boxagnts}
imp() {   # NAME VERSION TYPE PATTERN
    printf '(component (import "wasi:cli/environment@%s" (instance (export "get-arguments" (func %s)))))' "$2" "$3" >"$W/imp.wat"
    "$JCO" parse "$W/imp.wat" -o "$W/imp.wasm" >/dev/null 2>&1 || { fail=$((fail + 1)); echo "FAIL jco parse $1"; return; }
    local o rc
    o=$("$B" run "$W/imp.wasm" 2>&1); rc=$?
    if [ $rc -ne 0 ] && echo "$o" | grep -q "$4"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL import $1: rc=$rc $o"; fi
}
imp semver-0.2.99 0.2.99 '(result (list string))' "exports no .wasi:cli/run"
imp semver-0.2.0 0.2.0 '(result (list string))' "exports no .wasi:cli/run"
imp semver-0.3.0 0.3.0 '(result (list string))' "0.2.x only"
imp wrong-result 0.2.0 '(result u32)' "not with this type"
imp wrong-params 0.2.0 '(param "x" string) (result (list string))' "not with this type"

# fuzzer finds, kept as regressions: each must be refused at instantiation
for f in tests/component/regress/*.wasm; do
    o=$(printf 'load %s\n' "$f" | "$D" script 2>&1)
    case $o in link:*|error:*) pass=$((pass + 1));; *) fail=$((fail + 1)); echo "FAIL regress $f: $o";; esac
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
