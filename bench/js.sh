#!/bin/sh
# bench/js.sh — js-execute (QuickJS in wasm, run by our engine) versus the
# same QuickJS source built natively (gcc -O2, the tool's own main.c) and the
# same tool.wasm under Node's node:wasi, in one run.  Four workloads (numeric
# loop, string building, JSON parse+stringify of 1 MiB, regex), each timed
# inside JavaScript so process start-up is left out; then cold-start latency
# of `1+1` per process (boxagnts call / boxagnts run / native / node:wasi) and
# how long `boxagnts validate` takes for the module (decode + validate: the
# uncached cost, which the compiled-module cache (--cache-dir) avoids).
# Called by `make bench-js` (tests/js/js.mk); BENCH_JS_RUNS sets the cold
# start repetitions (default 10).
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
BX=$BUILD/boxagnts
WASM=$BUILD/tools/js-execute/tool.wasm
SRC=$BUILD/guest/js-execute/src
OUT=$BUILD/bench/js
[ -x "$BX" ] && [ -f "$WASM" ] && [ -f "$SRC/.stamp" ] || { echo "bench/js.sh: build first (make)" >&2; exit 2; }
mkdir -p "$OUT"

# The native twin: the tool's main.c and runtime with QuickJS, for the host.
# ENOTCAPABLE is WASI's errno; tool.c names it, Linux has none.
NATIVE=$OUT/qjs-native
if [ ! -x "$NATIVE" ] || [ "$SRC/.stamp" -nt "$NATIVE" ] || [ guest/js-execute/main.c -nt "$NATIVE" ] ||
   [ guest/js-execute/prelude.js -nt "$NATIVE" ]; then
    echo "building $NATIVE (gcc -O2) ..." >&2
    ${NATIVE_CC:-gcc} -O2 -w -D_GNU_SOURCE -DENOTCAPABLE=76 -DCONFIG_VERSION=\"2025-04-26\" -DQJS_STACK=4194304 \
        -isystem "$SRC" -I"$BUILD/guest/js-execute" -Iguest/common -I/usr/include/cjson \
        guest/js-execute/main.c guest/common/tool.c guest/common/hint.c "$SRC/quickjs.c" "$SRC/libregexp.c" \
        "$SRC/libunicode.c" "$SRC/cutils.c" "$SRC/dtoa.c" -lcjson -lm -o "$NATIVE"
fi
# bench/aot_tools.sh needs only the native twin
[ "${1:-}" = --native-only ] && exit 0

cat >"$OUT/wasi-run.mjs" <<'JS'
// node:wasi runner: argv[2] = module, stdin = the tool's input.
import { WASI } from 'node:wasi';
import { readFileSync } from 'node:fs';
const wasi = new WASI({ version: 'preview1', args: ['tool'], env: {}, returnOnExit: true });
const { instance } = await WebAssembly.instantiate(readFileSync(process.argv[2]), wasi.getImportObject());
process.exitCode = wasi.start(instance);
JS

cat >"$OUT/bench.mjs" <<'JS'
import { spawnSync } from 'node:child_process';
const [BX, WASM, NATIVE, RUNNER, RUNS] = process.argv.slice(2);
const input = (code) => JSON.stringify({ code });
const runners = {
  'js-execute': (code) => spawnSync(BX, ['call', 'js-execute', '--timeout', '600s', '-'], { input: input(code), encoding: 'utf8' }),
  'native':     (code) => spawnSync(NATIVE, [], { input: input(code), encoding: 'utf8' }),
  'node:wasi':  (code) => spawnSync(process.execPath, [RUNNER, WASM], { input: input(code), encoding: 'utf8' }),
};
// Each workload returns its own elapsed milliseconds and a checksum that
// must agree between the three runtimes.
const T = (body) => `const t0 = Date.now(); const check = (() => { ${body} })(); \`\${Date.now() - t0} \${check}\``;
const work = {
  'numeric loop (3e6 iterations)':
    T(`let s = 0; for (let i = 0; i < 3e6; i++) { s = (s + i * i) % 1000003; } return s;`),
  'string building (200k concat + join)':
    T(`let s = ''; for (let i = 0; i < 200000; i++) s += 'item' + i + ',';
       const parts = []; for (let i = 0; i < 200000; i++) parts.push(i.toString(36));
       return s.length + parts.join('-').length;`),
  'JSON 1 MiB parse+stringify x5':
    T(`const rows = []; for (let i = 0; rows.length < 9000; i++) rows.push({ id: i, name: 'user' + i, tags: ['a', 'b', i % 7], score: i / 3, ok: i % 2 === 0 });
       const text = JSON.stringify(rows); let n = 0;
       for (let k = 0; k < 5; k++) { const v = JSON.parse(text); n += JSON.stringify(v).length; }
       return text.length + ':' + n;`),
  'regex over 1 MiB x4':
    T(`let text = ''; for (let i = 0; text.length < 1 << 20; i++) text += 'user' + i + '@host' + (i % 97) + '.example.com visited /page/' + i + ' on 2024-0' + (i % 9 + 1) + '-1' + (i % 9) + '\\n';
       let n = 0;
       for (let k = 0; k < 4; k++) {
         n += (text.match(/[a-z0-9]+@[a-z0-9.]+\\.com/g) || []).length;
         n += [...text.matchAll(/(?<y>\\d{4})-(?<m>\\d{2})-(?<d>\\d{2})/g)].length;
         n += text.replace(/\\/page\\/(\\d+)/g, (m, d) => d).length;
       }
       return n;`),
};
const results = {};
console.log('workload                               js-execute     native  node:wasi   ratio js/native  ratio js/node:wasi');
for (const [name, code] of Object.entries(work)) {
  const row = {};
  for (const [rname, run] of Object.entries(runners)) {
    const r = run(code);
    let res;
    try { res = JSON.parse(r.stdout); } catch { res = null; }
    if (!res || res.is_error) { console.log(`${name}: ${rname} failed: ${(r.stdout || '') + (r.stderr || '')}`.slice(0, 400)); process.exit(1); }
    const [ms, check] = res.content.split(' ');
    row[rname] = { ms: +ms, check };
  }
  const checks = new Set(Object.values(row).map((x) => x.check));
  if (checks.size !== 1) { console.log(`${name}: results differ: ${JSON.stringify(row)}`); process.exit(1); }
  const f = (x) => String(x).padStart(9);
  console.log(`${name.padEnd(38)}${f(row['js-execute'].ms + 'ms')}  ${f(row.native.ms + 'ms')}  ${f(row['node:wasi'].ms + 'ms')}` +
              `   ${f((row['js-execute'].ms / Math.max(1, row.native.ms)).toFixed(1) + 'x')}      ${f((row['js-execute'].ms / Math.max(1, row['node:wasi'].ms)).toFixed(1) + 'x')}`);
  results[name] = row;
}

// Cold start: whole processes, `1+1`, median of RUNS.
const n = +RUNS || 10;
const median = (a) => { a = [...a].sort((x, y) => x - y); return a[a.length >> 1]; };
function cold(label, fn, want) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const r = fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (!r.stdout.includes(want)) { console.log(`${label}: unexpected output ${r.stdout} ${r.stderr}`); process.exit(1); }
  }
  console.log(`${label.padEnd(46)} median ${median(times).toFixed(1).padStart(7)} ms   min ${Math.min(...times).toFixed(1).padStart(7)} ms`);
}
console.log(`\ncold start of {"code": "1+1"}, ${n} runs each:`);
cold('boxagnts call js-execute', () => spawnSync(BX, ['call', 'js-execute', input('1+1')], { encoding: 'utf8' }), '"content":"2"');
cold('boxagnts run tool.wasm', () => spawnSync(BX, ['run', '--max-stack', '64MiB', WASM], { input: input('1+1'), encoding: 'utf8' }), '"content":"2"');
cold('native QuickJS (same main.c)', () => spawnSync(NATIVE, [], { input: input('1+1'), encoding: 'utf8' }), '"content":"2"');
cold('node:wasi tool.wasm', () => spawnSync(process.execPath, [RUNNER, WASM], { input: input('1+1'), encoding: 'utf8' }), '"content":"2"');
cold('boxagnts validate tool.wasm (uncached decode+validate)', () => spawnSync(BX, ['validate', WASM], { encoding: 'utf8' }), 'ok');
JS

echo "js-execute benchmark: $(wc -c <"$WASM") byte module; $(nproc) cores; $(date -u +%FT%TZ)"
node "$OUT/bench.mjs" "$BX" "$WASM" "$NATIVE" "$OUT/wasi-run.mjs" "${BENCH_JS_RUNS:-10}"
