#!/usr/bin/env bash
# tests/aot/t_aot_object.sh — the shared object the compiled tier stores
# (src/aot/build.c): an ELF shared object followed by the cache's 128-byte
# header (a trailer: the entry itself is what dlopen maps), exporting the table and info symbols rt.c binds through, and without unwind
# tables (-fno-asynchronous-unwind-tables: nothing unwinds through generated
# code, traps leave by longjmp; the tables were 7% of js-execute's object,
# every byte of which is hashed at each full check).  Last line: "N passed, N failed, N skipped".
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
B=$BUILD/boxagnts
T=$BUILD/tests/aot/object
pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
command -v wat2wasm >/dev/null && command -v readelf >/dev/null ||
    { echo "wat2wasm or readelf missing"; echo "0 passed, 1 failed"; exit 1; }
if ! command -v cc >/dev/null && ! command -v gcc >/dev/null && ! command -v clang >/dev/null; then
    echo "no C compiler: the compiled tier cannot be tested"; echo "0 passed, 0 failed, 1 skipped"; exit 0
fi
# ehsize SO: the size of its .eh_frame section (0x...), empty when it has none
ehsize() { readelf -S -W "$1" | sed -n 's/.*\.eh_frame  *PROGBITS  *[0-9a-f]*  *[0-9a-f]*  *\([0-9a-f]*\) .*/0x\1/p' | head -1; }
rm -rf "$T" && mkdir -p "$T/cache"
W=$T/limits.wasm
wat2wasm tests/aot/limits.wat -o "$W" || { echo "0 passed, 1 failed"; exit 1; }
: > "$T/rec"
"$B" run --json-file "$T/rec" --cache-dir "$T/cache" --tier aot --invoke fib "$W" 10 > "$T/out" 2>"$T/err"
grep -q '"tier":"aot"' "$T/rec" && ok || bad "not compiled: $(head -c 300 "$T/rec" "$T/err")"
set -- "$T"/cache/aot/*.so-entry
[ "$#" -ge 1 ] && [ -f "$1" ] && ok || { bad "no entry under $T/cache/aot"; echo "$pass passed, $fail failed, $skip skipped"; exit 1; }
for e in "$@"; do
    head -c -128 "$e" > "$T/m.so"
    [ "$(head -c 4 "$e" | od -An -c | tr -d ' ')" = '177ELF' ] && ok || bad "$e: does not start with an ELF header"
    [ "$(tail -c 128 "$e" | head -c 8)" = BXWMCACH ] && ok || bad "$e: no cache header at its end"
    readelf -h "$T/m.so" 2>/dev/null | grep -q 'DYN' && ok || bad "$e: not a shared object"
    syms=$(readelf --dyn-syms -W "$T/m.so" 2>/dev/null)
    for s in bxa_funcs bxa_info; do
        printf '%s\n' "$syms" | grep -qw "$s" && ok || bad "$e: $s not exported"
    done
    # what is left of .eh_frame is the C runtime's terminator (4 bytes with
    # gcc); the generated functions' tables would be ~7% of the object
    ehs=$(ehsize "$T/m.so")
    [ -z "$ehs" ] || [ "$((ehs))" -le 64 ] && ok || bad "$e: has unwind tables (.eh_frame $((ehs)) bytes)"
done
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
