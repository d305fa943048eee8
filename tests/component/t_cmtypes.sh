#!/usr/bin/env bash
# tests/component/t_cmtypes.sh — the validator's type-name and generativity
# rules on hostile shapes: a DAG of instance types (2^30 nodes once expanded)
# imported, checked by a component type, or instantiated, must be refused
# with the byte offset and the reason (the work bound), never expanded into
# host memory; a refused export or import names its offset and the rule.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
fail_all() { echo "FAIL $*"; echo "0 passed, 1 failed"; exit 1; }
D=$BUILD/tests/component/test_component
[ -x "$D" ] || fail_all "$D not built (make tests)"
API=$BUILD/comp-jco/node_modules/@bytecodealliance/jco/dist/api.js
[ -f "$API" ] || fail_all "jco not installed (run tests/component/t_reference.sh once)"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
pass=0 fail=0

dag() {   # the nested instance types $I0..$I30, each exporting two of the previous
    echo '  (type $I0 (instance (export "r" (type (sub resource))) (export "f" (func (param "x" (own 0))))))'
    for i in $(seq 1 30); do
        echo "  (type \$I$i (instance (export \"a\" (instance (type \$I$((i - 1))))) (export \"b\" (instance (type \$I$((i - 1)))))))"
    done
}
{ echo '(component'; dag; echo '  (import "x" (instance (type $I30))))'; } >"$W/import.wat"
{ echo '(component'; dag; echo '  (type (component (import "x" (instance (type $I30))))))'; } >"$W/ctype.wat"
{ echo '(component'; dag; echo '  (import "c" (component $C (export "x" (instance (type $I30)))))'; echo '  (instance (instantiate $C)))'; } >"$W/inst.wat"
cat >"$W/export.wat" <<'W'
(component
  (core module $m (func (export "f") (result i32) unreachable))
  (core instance $i (instantiate $m))
  (type $Rec (record (field "x" u32)))
  (func $f (result $Rec) (canon lift (core func $i "f")))
  (export "f" (func $f)))
W
cat >"$W/import2.wat" <<'W'
(component
  (type $R (resource (rep i32)))
  (export $R' "r" (type $R))
  (import "f" (func (result (own $R')))))
W
cat >"$W/named.wat" <<'W'
(component
  (core module $m (func (export "f") (result i32) unreachable))
  (core instance $i (instantiate $m))
  (type $Rec (record (field "x" u32)))
  (export $Rec' "rec" (type $Rec))
  (func $f (result $Rec') (canon lift (core func $i "f")))
  (export "f" (func $f)))
W
: >"$W/list"
for f in import ctype inst export import2 named; do echo "$W/$f.wat $W/$f.wasm" >>"$W/list"; done
node tests/component/jco_parse.mjs "$(realpath "$API")" "$W/list" || fail_all "jco parse failed"

check() {   # NAME FILE WANT-RC PATTERN
    local o rc
    o=$("$D" decode "$2" 2>&1); rc=$?
    if [ $rc -eq "$3" ] && echo "$o" | grep -q -- "$4"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1: rc=$rc $o"; fi
}
for f in import ctype inst; do
    check "instance-type DAG ($f)" "$W/$f.wasm" 1 "at byte 0x[0-9a-f]*: component too large to validate"
done
check "export of a func naming an unexported record" "$W/export.wasm" 1 "at byte 0x[0-9a-f]*: func not valid to be used as export: it refers to a record type"
check "import naming an exported (not imported) resource" "$W/import2.wasm" 1 "at byte 0x[0-9a-f]*: func not valid to be used as import: it refers to a resource type"
check "the record exported first" "$W/named.wasm" 0 ""
echo "$pass passed, $fail failed"
