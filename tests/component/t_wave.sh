#!/usr/bin/env bash
# tests/component/t_wave.sh — `boxagnts run COMPONENT --invoke` with WAVE
# values (src/component/wave.c).
#  1. the parser/printer alone (test_wave: accepted and refused text, a
#     seeded round trip of random values of random types);
#  2. a hand-written component (wave/types.wat, turned into a binary by jco's
#     wasm-tools parse) whose echo-T functions return their argument, for
#     every kind of value type, plus functions in exported interfaces,
#     traps, limits and resource handles; expected values written here;
#  3. a JavaScript component built by componentize-qjs (--sync) from
#     wave/qjs/tools.{wit,js}: records, variants, enums, flags, lists,
#     options, results, strings and a resource, called through --invoke;
#     expected values computed by hand from tools.js; then the same calls
#     made by jco transpile + Node as a second judge;
#  4. `boxagnts call` of a componentize-qjs tool exporting wasi:cli/run
#     (argv input mode), registered by dropping it and its manifest into a
#     tools folder.
# npm failures fail the suite (never skipped).
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
B=$BUILD/boxagnts
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
fail_all() { echo "FAIL $*"; echo "$pass passed, $((fail + 1)) failed"; exit 1; }
[ -x "$B" ] || fail_all "$B not built (make)"
U=$BUILD/tests/component/test_wave
[ -x "$U" ] || fail_all "$U not built (make tests)"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

# ---- 1. parser and printer -------------------------------------------------
out=$("$U"); urc=$?
echo "$out" | grep -v ' passed, ' | grep . || true
read -r up _ uf _ <<<"$(echo "$out" | tail -n 1 | tr -d ',')"
if [ "$urc" -eq 0 ] && [ "${uf:-1}" -eq 0 ]; then pass=$((pass + up)); else fail=$((fail + ${uf:-1})); echo "FAIL test_wave (rc $urc)"; fi

# ---- 2. hand-written components ---------------------------------------------
JCO_PREFIX=$BUILD/comp-jco
JCO=$JCO_PREFIX/node_modules/.bin/jco
if [ ! -x "$JCO" ]; then
    command -v npm >/dev/null || fail_all "npm is not installed (apt-get install npm)"
    mkdir -p "$JCO_PREFIX"
    npm install --prefix "$JCO_PREFIX" --no-audit --no-fund --loglevel=error "@bytecodealliance/jco@1" \
        >"$JCO_PREFIX/npm.log" 2>&1 || { tail -n 20 "$JCO_PREFIX/npm.log"; fail_all "npm install @bytecodealliance/jco failed"; }
fi
"$JCO" parse tests/component/wave/types.wat -o "$W/types.wasm" >"$W/parse.log" 2>&1 || { cat "$W/parse.log"; fail_all "jco parse types.wat failed"; }
T=$W/types.wasm

inv() {   # NAME CALL WANT [FILE [FLAGS...]]: stdout is WANT, exit 0, stderr empty
    local name=$1 call=$2 want=$3 file=${4:-$T}
    shift 3; [ $# -gt 0 ] && shift
    local got rc
    got=$("$B" run "$@" --invoke "$call" "$file" 2>"$W/err"); rc=$?
    if [ $rc -eq 0 ] && [ "$got" = "$want" ] && [ ! -s "$W/err" ]; then ok
    else bad "$name: --invoke '$call' gave rc=$rc stdout=[$got] stderr=[$(head -c 300 "$W/err")], want [$want]"; fi
}
refuse() {   # NAME CALL RC PATTERN [FILE [FLAGS...]]: exit RC, stderr matches, stdout empty
    local name=$1 call=$2 want=$3 pat=$4 file=${5:-$T}
    shift 4; [ $# -gt 0 ] && shift
    local got rc
    got=$("$B" run "$@" --invoke "$call" "$file" 2>"$W/err"); rc=$?
    if [ $rc -eq "$want" ] && [ -z "$got" ] && grep -q -- "$pat" "$W/err"; then ok
    else bad "$name: --invoke '$call' gave rc=$rc (want $want) stdout=[$got] stderr=[$(head -c 300 "$W/err")], want /$pat/"; fi
}

# every value type, both ways (the component returns what it was given)
inv bool 'echo-bool(true)' 'true'
inv bool-false 'echo-bool(false)' 'false'
inv s8 'echo-s8(-128)' '-128'
inv u8 'echo-u8(255)' '255'
inv s16 'echo-s16(-300)' '-300'
inv u16 'echo-u16(65535)' '65535'
inv s32 'echo-s32(-2147483648)' '-2147483648'
inv u32 'echo-u32(4294967295)' '4294967295'
inv s64 'echo-s64(-9223372036854775808)' '-9223372036854775808'
inv u64 'echo-u64(18446744073709551615)' '18446744073709551615'
inv f32 'echo-f32(3.5)' '3.5'
inv f32-tenth 'echo-f32(0.1)' '0.1'
inv f64 'echo-f64(6.25e-3)' '0.00625'
inv f64-exp 'echo-f64(1.5e300)' '1.5e300'
inv f64-neg-zero 'echo-f64(-0)' '-0'
inv f64-nan 'echo-f64(nan)' 'nan'
inv f64-inf 'echo-f64(inf)' 'inf'
inv f64-ninf 'echo-f64(-inf)' '-inf'
inv char "echo-char('x')" "'x'"
inv char-escape "echo-char('\\u{1F600}')" "'😀'"
inv char-quote "echo-char('\\'')" "'\\''"
inv char-nul "echo-char('\\u{0}')" "'\\u{0}'"
inv string 'echo-string("héllo\tworld\n\"q\" \\ \u{263A}")' '"héllo\tworld\n\"q\" \\ ☺"'
inv string-empty 'echo-string("")' '""'
inv string-multiline 'echo-string("""
    two
      lines
    """)' '"two\n  lines"'
inv list-u32 'echo-list-u32([1, 2, 4294967295,])' '[1, 2, 4294967295]'
inv list-empty 'echo-list-u32([])' '[]'
inv bytes 'echo-bytes([0, 1, 255])' '[0, 1, 255]'
inv list-s8 'echo-list-s8([-128, 0, 127])' '[-128, 0, 127]'
inv list-string 'echo-list-string(["a", "", "c"])' '["a", "", "c"]'
inv record 'echo-rec({name: "a", size: 3})' '{name: "a", size: 3}'
inv record-order 'echo-rec({tag: some("t"), size: 3, name: "a"})' '{name: "a", size: 3, tag: some("t")}'
inv record-flat-some 'echo-rec({name: "a", size: 3, tag: "t"})' '{name: "a", size: 3, tag: some("t")}'
inv record-empty 'echo-allopt({:})' '{:}'
inv record-some 'echo-allopt({b: "x"})' '{b: some("x")}'
inv tuple 'echo-tup((1, "x", 2.5))' '(1, "x", 2.5)'
inv variant-payload 'echo-var(num(7))' 'num(7)'
inv variant-string 'echo-var(text("hi"))' 'text("hi")'
inv variant-bare 'echo-var(empty)' 'empty'
inv variant-keyword 'echo-var(%none)' '%none'
inv enum 'echo-dir(far-west)' 'far-west'
inv enum-keyword 'echo-dir(%ok)' '%ok'
inv option-flat 'echo-opt(5)' 'some(5)'
inv option-some 'echo-opt(some(0))' 'some(0)'
inv option-none 'echo-opt(none)' 'none'
inv option-option 'echo-opt-opt(some(none))' 'some(none)'
inv option-option-some 'echo-opt-opt(some(some(9)))' 'some(some(9))'
inv option-string 'echo-opt-str("s")' 'some("s")'
inv result-flat 'echo-res("fine")' 'ok("fine")'
inv result-ok 'echo-res(ok("fine"))' 'ok("fine")'
inv result-err 'echo-res(err(4))' 'err(4)'
inv result-err-only 'echo-res-err(err("bad"))' 'err("bad")'
inv result-err-only-ok 'echo-res-err(ok)' 'ok'
inv result-unit 'echo-res-unit(err)' 'err'
inv result-unit-ok 'echo-res-unit(ok)' 'ok'
inv result-option 'echo-res-opt(ok(some(3)))' 'ok(some(3))'
inv flags 'echo-perms({exec, read})' '{read, exec}'
inv flags-empty 'echo-perms({})' '{}'
inv nested 'echo-nested([{name: "a", size: 1}, {name: "b", size: 2, tag: some("t")}])' \
    '[{name: "a", size: 1}, {name: "b", size: 2, tag: some("t")}]'
inv comments-spaces 'echo-tup( ( 1 , // first
  "x" , 2.5 ) )' '(1, "x", 2.5)'
inv pad-given 'echo-u8(7, none)' '7'
# functions that compute, and no result
inv greet 'greet("bob")' '"hi bob"'
inv big 'big(5)' '[0, 1, 2, 3, 4]'
inv nothing 'nothing()' '()'
inv nothing-bare 'nothing' '()'
# exported interfaces: INTERFACE#NAME (any version given exactly, or none),
# or a bare name when it is unique
inv iface-version 'test:wave/math@1.2.0#add(2, 3)' '5'
inv iface-noversion 'test:wave/math#mul(3, 4)' '12'
inv iface-bare 'add(20, 22)' '42'
inv iface-other 'test:wave/other#mul(6, 7)' '42'
# the arguments after the file, one WAVE value each
got=$("$B" run --invoke echo-rec "$T" '{name: "p", size: 1}' 2>&1)
[ "$got" = '{name: "p", size: 1}' ] && ok || bad "positional arguments: $got"
got=$("$B" run --invoke add "$T" 40 2 2>&1)
[ "$got" = '42' ] && ok || bad "positional arguments to an interface function: $got"

# refused calls: exit 2 and a message naming the argument, type and column
refuse arg-type 'echo-rec([1])' 2 'argument 1 (x): expected a record with fields name, size, tag; found a list at column 10'
refuse arg-second 'add(1, "two")' 2 'argument 2 (b): expected an integer (u32); found a string at column 8'
refuse arg-range 'echo-u8(256)' 2 'argument 1 (x): 256 is out of range for u8 at column 9'
refuse arg-field 'echo-rec({name: "a", size: 3, nope: 1})' 2 'no field `nope`'
refuse arg-missing-field 'echo-rec({name: "a"})' 2 'lacks field `size`'
refuse arg-enum-keyword 'echo-dir(ok)' 2 'write it %ok'
refuse arg-count 'greet()' 2 '`greet` takes 1 argument(s); 0 given'
refuse arg-many 'greet("a", "b")' 2 'takes 1 argument(s); more given'
refuse arg-trailing 'greet("a") extra' 2 'unexpected text after the call'
refuse arg-unterminated 'greet("a' 2 'unterminated string'
refuse no-such 'nope()' 2 'exports no function `nope` (its functions: echo-bool'
refuse no-such-iface 'test:wave/math@1.3.0#add(1, 2)' 2 'exports no function'
refuse ambiguous 'mul(1, 2)' 2 '`mul` is ambiguous: test:wave/math@1.2.0#mul and test:wave/other#mul'
refuse resource-result 'make()' 2 '`make` returns a resource handle (own/borrow), which WAVE cannot write'
refuse resource-param 'peek' 2 'parameter `h` holds a resource handle'
refuse bad-utf8 "echo-string(\"$(printf '\xff')\")" 2 'invalid UTF-8'
refuse deep "echo-nested($(head -c 100000 /dev/zero | tr '\0' '['))" 2 'expected a record with fields name, size, tag; found a list at column 14'
got=$("$B" run --invoke 'add(1, 2)' "$T" 3 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$got" | grep -q 'either' && ok || bad "both argument forms: rc=$rc $got"
# a module's --invoke keeps its own syntax, and says so for NAME(ARGS)
printf '(module (func (export "f") (result i32) (i32.const 7)))' >"$W/m.wat"
"$JCO" parse "$W/m.wat" -o "$W/m.wasm" >/dev/null 2>&1
got=$("$B" run --invoke 'f()' "$W/m.wasm" 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$got" | grep -q 'form for components' && ok || bad "module NAME(ARGS): rc=$rc $got"
got=$("$B" run --invoke f "$W/m.wasm" 2>&1)
[ "$got" = 7 ] && ok || bad "module --invoke: $got"

# traps and limits: the same exit codes as a module's --invoke
refuse trap 'boom()' 121 'unreachable'
refuse timeout 'spin()' 124 'timeout' "$T" --timeout 1s
refuse fuel 'spin()' 123 'fuel exhausted' "$T" --fuel 100000
# --max-memory holds: the guest's realloc cannot grow past it (and traps)
refuse max-memory 'big(2000000)' 121 'unreachable' "$T" --max-memory 4MiB
inv max-memory-enough 'big(3)' '[0, 1, 2]' "$T" --max-memory 4MiB
# a long result: whole by default; cut at --max-output with a note
want=$(seq -s ' ' 0 49999 | sed 's/ /, /g')
got=$("$B" run --invoke 'big(50000)' "$T" 2>"$W/err")
[ "$got" = "[$want]" ] && [ ! -s "$W/err" ] && ok || bad "big(50000): ${#got} bytes, stderr $(head -c 200 "$W/err")"
got=$("$B" run --max-output 20 --invoke 'big(100)' "$T" 2>"$W/err"); rc=$?
[ $rc -eq 0 ] && [ "$got" = '[0, 1, 2, 3, 4, 5, 6' ] && grep -q 'cut at 20 bytes' "$W/err" && ok || bad "--max-output cut: rc=$rc [$got] $(cat "$W/err")"
# a guest's 3,000,000-element result: printed up to the default 1 MiB cap
"$B" run --invoke 'big(3000000)' "$T" >"$W/big.out" 2>"$W/err"; rc=$?
n=$(wc -c <"$W/big.out")
[ $rc -eq 0 ] && [ "$n" -eq 1048577 ] && head -c 20 "$W/big.out" | grep -q '^\[0, 1, 2, 3, 4, 5' && grep -q 'cut at 1048576 bytes' "$W/err" \
    && ok || bad "big(3000000): rc=$rc, $n bytes, $(head -c 200 "$W/err")"
# a long argument (20,000 bytes) through the arena and back
arg=$(seq -s ' ' 1 20000 | awk '{for (i = 1; i <= NF; i++) printf "%s%d", (i > 1 ? ", " : ""), $i % 256}')
got=$("$B" run --invoke "echo-bytes([$arg])" "$T" 2>&1)
[ "$got" = "[$arg]" ] && ok || bad "a 20,000-element list argument: ${#got} bytes back"
# the record says what ran (and that it ran confined, as any run)
"$B" run --json --invoke 'greet("j")' "$T" >"$W/rec.out" 2>&1
python3 - "$W/rec.out" <<'EOF' && ok || bad "--json record: $(head -c 400 "$W/rec.out")"
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert lines[0] == '"hi j"', lines
r = json.loads(lines[-1])
assert r["outcome"] == "returned" and r["wave"] == '"hi j"\n' and r["wave_truncated"] is False, r
assert r["os_confinement"] in ("full", "partial"), r
EOF
"$B" run --json --invoke 'echo-u8(300)' "$T" >"$W/rec.out" 2>&1; rc=$?
python3 -c 'import json,sys; r=json.loads(open(sys.argv[1]).read().splitlines()[-1]); assert "argument 1 (x): 300 is out of range for u8" in r["message"], r' "$W/rec.out" 2>/dev/null && [ $rc -eq 2 ] && ok || bad "--json record of a refused call (rc $rc): $(head -c 300 "$W/rec.out")"

# ---- 3. componentize-qjs ------------------------------------------------------
QJS_PREFIX=$BUILD/comp-qjs
QJS=$QJS_PREFIX/node_modules/.bin/componentize-qjs
QJCO=$QJS_PREFIX/node_modules/.bin/jco
if [ ! -x "$QJS" ] || [ ! -x "$QJCO" ]; then
    command -v npm >/dev/null || fail_all "npm is not installed (apt-get install npm)"
    mkdir -p "$QJS_PREFIX"
    npm install --prefix "$QJS_PREFIX" --no-audit --no-fund --loglevel=error "componentize-qjs@0.4" "@bytecodealliance/jco@1" \
        >"$QJS_PREFIX/npm.log" 2>&1 || { tail -n 20 "$QJS_PREFIX/npm.log"; fail_all "npm install componentize-qjs failed"; }
fi
Q=$W/tools.wasm
"$QJS" --sync --wit tests/component/wave/qjs/tools.wit --js tests/component/wave/qjs/tools.js -o "$Q" >"$W/qjs.log" 2>&1 \
    || { cat "$W/qjs.log"; fail_all "componentize-qjs failed"; }

# expected values worked out by hand from tools.js
FILES='[{name: "a", size: 3, tags: []}, {name: "b", size: 5, tags: ["x"]}]'
cases=(
  'hello("World")'                                   '"Hello, World!"'
  'hello("wörld ☃ \"q\"\n")'                         '"Hello, wörld ☃ \"q\"\n!"'
  "summarize($FILES, some(1))"                       '"a:3 (2 files)"'
  "summarize($FILES, 1)"                             '"a:3 (2 files)"'
  "summarize($FILES, none)"                          '"a:3,b:5 (2 files)"'
  "summarize($FILES)"                                '"a:3,b:5 (2 files)"'
  'summarize([])'                                    '" (0 files)"'
  'total-size([{name: "a", size: 3, tags: []}, {name: "b", size: 4000, tags: []}])' '4003'
  # componentize-qjs 0.4 gives JS a u32 above 2^31 as a negative number
  # (jco + Node below agree: the same core code runs)
  'make-info("doc", 3000000000)'                     '{name: "doc", size: 3000000000, tags: ["DOC", "n-1294967296"]}'
  'area(circle(2))'                                  '12'
  'area(rect((2, 3.5)))'                             '7'
  'area(empty)'                                      '0'
  'parse-level("mid")'                               'ok(mid)'
  'parse-level("zzz")'                               'err("unknown level: zzz")'
  'split("a,b,,c", ",")'                             '["a", "b", "", "c"]'
  'first-long(["ab", "abcd", "xyz"], 3)'             'some("abcd")'
  'first-long(["a"], 5)'                             'none'
  'test:qjs/api#first-long(["ab", "abcd"], 3)'       'some("abcd")'
  'describe({read, exec})'                           '"read+exec"'
  'describe({})'                                     '"none"'
  'make-info("doc", 7)'                              '{name: "doc", size: 7, tags: ["DOC", "n7"]}'
  "biggest($FILES)"                                  'some({name: "b", size: 5, tags: ["x"]})'
  'biggest([])'                                      'none'
  'classify(4)'                                      'circle(2)'
  'classify(3)'                                      'rect((3, 0.5))'
  'classify(-1)'                                     'empty'
  'echo-bytes([1, 2, 255])'                          '[255, 2, 1]'
  'count-up(5, [1, 2, 3])'                           '11'
  'test:qjs/api#count-up(0, [])'                     '0'
)
for ((i = 0; i < ${#cases[@]}; i += 2)); do
    inv "qjs ${cases[i]%%(*}" "${cases[i]}" "${cases[i + 1]}" "$Q"
done
refuse qjs-constructor '[constructor]counter(5)' 2 'returns a resource handle' "$Q"
refuse qjs-method '[method]counter.inc(1)' 2 'parameter `self` holds a resource handle' "$Q"
refuse qjs-arg 'area(square(1))' 2 'expected a variant case of circle, rect, empty; found `square`' "$Q"
refuse qjs-flags 'describe({read, delete})' 2 'no flag `delete`' "$Q"
# limits hold inside the JS engine too
refuse qjs-fuel 'count-up(1, [1, 2, 3])' 123 'fuel exhausted' "$Q" --fuel 1000

# the second judge: the same calls through jco transpile + Node
if "$QJCO" transpile "$Q" -o "$W/js" --name tools >"$W/transpile.log" 2>&1; then
    ln -s "$(realpath "$QJS_PREFIX/node_modules")" "$W/node_modules"
    cat >"$W/judge.mjs" <<'EOF'
// Calls tools.js's functions through jco's transpiled component and prints
// each result as WAVE (by the WIT types of tools.wit, written out here).
const m = await import(process.argv[2]);
const api = m.api, hello = m.hello;
const s = v => '"' + v.replace(/[\\"'\t\n\r]/g, c => ({ '\\': '\\\\', '"': '\\"', "'": "\\'", '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]) + '"';
const list = (a, f) => '[' + a.map(f).join(', ') + ']';
const info = r => `{name: ${s(r.name)}, size: ${r.size}, tags: ${list(r.tags, s)}}`;
const num = x => String(x);
const F = [{ name: 'a', size: 3, tags: [] }, { name: 'b', size: 5, tags: ['x'] }];
const res = (f) => { try { return `ok(${f()})`; } catch (e) { return `err(${s(e.payload ?? String(e))})`; } };
const out = [
  s(hello('World')),
  s(api.summarize(F, 1)),
  s(api.summarize(F, null)),
  num(api.totalSize([{ name: 'a', size: 3, tags: [] }, { name: 'b', size: 4000, tags: [] }])),
  info(api.makeInfo('doc', 3000000000)),
  num(api.area({ tag: 'circle', val: 2 })),
  num(api.area({ tag: 'rect', val: [2, 3.5] })),
  res(() => api.parseLevel('mid')),
  res(() => s(api.parseLevel('zzz'))),
  list(api.split('a,b,,c', ','), s),
  (w => w === undefined || w === null ? 'none' : `some(${s(w)})`)(api.firstLong(['ab', 'abcd', 'xyz'], 3)),
  s(api.describe({ read: true, write: false, exec: true })),
  info(api.makeInfo('doc', 7)),
  (b => b ? `some(${info(b)})` : 'none')(api.biggest(F)),
  (v => v.tag === 'empty' ? 'empty' : v.tag === 'circle' ? `circle(${v.val})` : `rect((${v.val[0]}, ${v.val[1]}))`)(api.classify(3)),
  list(Array.from(api.echoBytes(new Uint8Array([1, 2, 255]))), num),
  num(api.countUp(5, [1, 2, 3])),
];
console.log(out.join('\n'));
EOF
    calls=('hello("World")' "summarize($FILES, 1)" "summarize($FILES, none)"
           'total-size([{name: "a", size: 3, tags: []}, {name: "b", size: 4000, tags: []}])' 'make-info("doc", 3000000000)'
           'area(circle(2))' 'area(rect((2, 3.5)))' 'parse-level("mid")' 'parse-level("zzz")' 'split("a,b,,c", ",")'
           'first-long(["ab", "abcd", "xyz"], 3)' 'describe({read, exec})' 'make-info("doc", 7)' "biggest($FILES)"
           'classify(3)' 'echo-bytes([1, 2, 255])' 'count-up(5, [1, 2, 3])')
    # --experimental-wasm-extended-const: Node 20's V8 needs it for the core
    # modules componentize-qjs emits
    if node --experimental-wasm-extended-const "$W/judge.mjs" "$W/js/tools.js" >"$W/node.out" 2>"$W/node.err"; then
        : >"$W/ours.out"
        for c in "${calls[@]}"; do "$B" run --invoke "$c" "$Q" >>"$W/ours.out" 2>&1; done
        # jco gives the enum as its case name: ok(mid) either way
        if diff "$W/node.out" "$W/ours.out" >"$W/judge.diff"; then pass=$((pass + ${#calls[@]}))
        else fail=$((fail + 1)); echo "FAIL jco+Node judge differs:"; head -20 "$W/judge.diff"; fi
    else
        bad "jco+Node judge did not run: $(head -c 400 "$W/node.err")"
    fi
else
    bad "jco transpile failed: $(tail -n 5 "$W/transpile.log")"
fi

# ---- 4. boxagnts call: a componentize-qjs tool exporting wasi:cli/run -----
WIT=$W/cliwit
mkdir -p "$WIT/deps"
BUILTIN=$QJS_PREFIX/node_modules/@bytecodealliance/jco/lib/wit/builtin/0.2.12
for d in "$BUILTIN"/*/; do cp -r "$d" "$WIT/deps/"; done
cat >"$WIT/world.wit" <<'EOF'
package test:tool;
world tool {
    import wasi:cli/environment@0.2.12;
    import wasi:cli/stdout@0.2.12;
    export wasi:cli/run@0.2.12;
}
EOF
cat >"$W/tool.js" <<'EOF'
// An argv-mode tool: --text T [--upper] [--repeat N]; stdout is the content
import { getArguments } from "wasi:cli/environment@0.2.12";
import { getStdout } from "wasi:cli/stdout@0.2.12";
export const run = {
    run() {
        const a = getArguments().slice(1);
        let text = "", upper = false, repeat = 1;
        for (let i = 0; i < a.length; i++) {
            if (a[i] === "--text") text = a[++i];
            else if (a[i] === "--upper") upper = true;
            else if (a[i] === "--repeat") repeat = Number(a[++i]);
        }
        if (upper) text = text.toUpperCase();
        const out = text.repeat(repeat);
        // QuickJS has no TextEncoder: UTF-8 through encodeURIComponent
        getStdout().blockingWriteAndFlush(new Uint8Array(Array.from(unescape(encodeURIComponent(out)), c => c.charCodeAt(0))));
    }
};
EOF
mkdir -p "$W/td/echo-qjs"
if "$QJS" --sync --wit "$WIT" --js "$W/tool.js" -o "$W/td/echo-qjs/tool.wasm" >"$W/qjs2.log" 2>&1; then
    cat >"$W/td/echo-qjs/tool.json" <<'EOF'
{
  "name": "echo-qjs",
  "description": "Echoes its text (a componentize-qjs component, argv input).",
  "module": "tool.wasm",
  "input": "argv",
  "permission_level": "none",
  "input_schema": {
    "type": "object",
    "properties": {
      "text": {"type": "string"},
      "upper": {"type": "boolean"},
      "repeat": {"type": "integer"}
    },
    "required": ["text"]
  }
}
EOF
    got=$("$B" call echo-qjs --tools-dir "$W/td" '{"text": "hi there", "upper": true, "repeat": 2}' 2>&1); rc=$?
    if [ $rc -eq 0 ] && echo "$got" | python3 -c 'import json,sys; r=json.load(sys.stdin); assert r["content"]=="HI THEREHI THERE" and not r.get("is_error"), r' 2>/dev/null; then ok
    else bad "boxagnts call echo-qjs: rc=$rc $(echo "$got" | head -c 400)"; fi
    # the same component runs under `boxagnts run` with argv as given
    got=$("$B" run "$W/td/echo-qjs/tool.wasm" --text abc 2>&1)
    [ "$got" = abc ] && ok || bad "run of the argv tool: $(echo "$got" | head -c 300)"
else
    bad "componentize-qjs could not build a wasi:cli/run tool: $(tail -n 5 "$W/qjs2.log")"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
