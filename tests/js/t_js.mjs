// tests/js/t_js.mjs — the js-execute tool through `boxagnts call`: language
// features, console formatting, errors, the event loop, limits (timeout,
// fuel, memory, recursion), the read-only fs and its grants, and a
// differential run of tests/js/diff/*.js under node (TZ=UTC), whose output
// must match ours byte for byte.  Expected values come from node or are
// written by hand; none is taken from the tool.
//
// usage: node tests/js/t_js.mjs [BUILD]   (t_js.sh runs it)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BUILD = process.argv[2] || process.env.BUILD || 'build';
const CLI = path.join(BUILD, 'boxagnts');
const HERE = path.dirname(new URL(import.meta.url).pathname);
let passed = 0, failed = 0;

function call(input, flags = []) {
  const r = spawnSync(CLI, ['call', 'js-execute', ...flags, '-'], {
    input: JSON.stringify(input), encoding: 'utf8', timeout: 120000, maxBuffer: 64 << 20,
  });
  let res = null;
  try { res = JSON.parse(r.stdout); } catch { /* reported below */ }
  return { rc: r.status, res, stdout: r.stdout, stderr: r.stderr, error: r.error && String(r.error) };
}
const js = (code, flags) => call({ code }, flags);

function check(name, ok, detail) {
  if (ok) { passed++; return; }
  failed++;
  console.log(`FAIL ${name}${detail ? ': ' + detail : ''}`);
}
const show = (r) => JSON.stringify(r.res ?? { rc: r.rc, stdout: r.stdout, stderr: r.stderr, error: r.error }).slice(0, 600);

// ok(name, code, expected content) / err(name, code, regexp) ---------------
function ok(name, code, want, flags) {
  const r = js(code, flags);
  check(name, r.rc === 0 && r.res && r.res.is_error === false && r.res.content === want,
        `want ${JSON.stringify(want)}, got ${show(r)}`);
}
function err(name, code, re, flags) {
  const r = js(code, flags);
  check(name, r.rc === 0 && r.res && r.res.is_error === true && re.test(r.res.content),
        `want is_error and ${re}, got ${show(r)}`);
}

// ---- results and the last expression --------------------------------------
ok('value of last expression', '1+1', '2');
ok('string value printed raw (as node -p)', "'abc'", 'abc');
ok('object value formatted', '({a: 1, b: [1, 2]})', '{ a: 1, b: [ 1, 2 ] }');
ok('undefined value prints nothing', 'let x = 5; undefined', '');
ok('declaration completion is empty', 'const y = 3;', '');
ok('console output then value', "console.log('first'); 40 + 2", 'first\n42');
ok('top-level await', 'await new Promise(r => setTimeout(() => r(7), 5))', '7');
ok('top-level await with console', "const v = await Promise.resolve('x'); console.log('got', v); v + 'y'", 'got x\nxy');
ok('for await at top level', 'let s = 0; for await (const x of [Promise.resolve(1), 2]) s += x; s', '3');
ok('async function result awaited', 'async function f() { return 5 } await f()', '5');
ok('promise value shown as Promise', 'Promise.resolve(1)', 'Promise { 1 }');
ok('var and function hoisting', 'f(); function f() { console.log("hoisted") }', 'hoisted');
ok('sloppy script semantics', 'undeclared = 4; undeclared', '4');
ok('multi-line code', 'const a = [3, 1, 2];\na.sort();\na.join("-")', '1-2-3');
ok('unicode round trip', "'héllo ✓ 😀'.length + ' ' + 'héllo ✓ 😀'", '10 héllo ✓ 😀');
ok('no fetch or network API', 'typeof fetch + " " + typeof XMLHttpRequest + " " + typeof WebSocket', 'undefined undefined undefined');
ok('console.log of many args', "console.log('a', 1, true, null, undefined, [1], {k: 'v'})", "a 1 true null undefined [ 1 ] { k: 'v' }");
ok('process.stdout.write', "process.stdout.write('no newline'); process.stdout.write('|more\\n'); undefined", 'no newline|more');
ok('a NUL in output is shown as \\0', 'console.log("a\\u0000b")', 'a\\0b');
ok('JSON last value', 'JSON.stringify({a: [1, 2], b: "x"})', '{"a":[1,2],"b":"x"}');
ok('Date arithmetic in UTC', "new Date(Date.UTC(2024, 0, 31) + 86400000).toISOString()", '2024-02-01T00:00:00.000Z');
ok('BigInt value', '2n ** 64n', '18446744073709551616n');
ok('class with private field', 'class A { #x = 1; inc() { return ++this.#x } }; new A().inc()', '2');
ok('class instance value', 'class P { constructor() { this.x = 1 } }; new P()', 'P { x: 1 }');
ok('generator spread', 'function* g() { yield 1; yield 2 } [...g()]', '[ 1, 2 ]');
ok('regex named groups', "'2024-05-06'.match(/(?<y>\\d+)-(?<m>\\d+)/).groups.m", '05');
ok('optional chaining', 'const o = {}; o?.a?.b ?? "none"', 'none');
ok('Map value', "new Map([['k', {v: 1}]])", "Map(1) { 'k' => { v: 1 } }");
ok('nested depth limit', '({a: {b: {c: {d: 1}}}})', '{ a: { b: { c: [Object] } } }');

// ---- errors ---------------------------------------------------------------
err('uncaught Error: name, message and stack', 'function boom() { throw new TypeError("bad thing") }\nboom()',
    /^TypeError: bad thing\n    at boom \(<input>:1:\d+\)\n    at <eval> \(<input>:2:\d+\)/);
err('console output kept before the error', 'console.log("before"); throw new Error("after")', /^before\nError: after\n    at /);
err('thrown non-Error value', 'throw 42', /^Uncaught 42$/);
err('thrown object value', 'throw {code: 7}', /^Uncaught \{ code: 7 \}$/);
err('syntax error', 'let x = ;', /^SyntaxError: unexpected token in expression: ';'/);
err('reference error', 'notDefined + 1', /^ReferenceError: 'notDefined' is not defined/);
err('custom error subclass', 'class MyErr extends Error {}; throw new MyErr("m")', /^MyErr \[Error\]: m\n    at /);
err('error with extra properties', 'const e = new Error("x"); e.code = "E42"; throw e', /^Error: x\n    at [^]*\{\n  code: 'E42'\n\}$|code: 'E42'/);
err('rejected top-level await', 'await Promise.reject(new RangeError("nope"))', /^RangeError: nope/);
err('unhandled rejection', 'Promise.reject(new Error("lost")); 5', /^Uncaught \(in promise\) Error: lost/);
ok('rejection handled later in the same tick', 'const p = Promise.reject(new Error("x")); p.catch(() => {}); "fine"', 'fine');
err('error thrown in a timer', 'setTimeout(() => { throw new Error("in timer") }, 1); "started"', /^Error: in timer\n    at /);
err('await that never settles', 'await new Promise(() => {})', /top-level await never finished/);
err('process.exit(3) is an error with the output so far', 'console.log("partial"); process.exit(3); console.log("not reached")', /^partial$/);
ok('process.exit(0) is a success', 'console.log("done"); process.exit(0); console.log("not reached")', 'done');
err('require of a Node module is refused', "require('child_process')", /Cannot find module 'child_process'/);
err('stack traces are cut to ten frames', 'function r(n) { if (n === 0) throw new Error("deep"); r(n - 1) } r(50)', /^Error: deep\n(    at r \(<input>:1:\d+\)\n){10}    \.\.\. 42 more frames$/);
{
  const r = call({});
  check('neither code nor file_path', r.res?.is_error === true && /Nothing to run/.test(r.res.content), show(r));
}
ok('empty code is an empty program', '', '');
{
  const r = call({ code: '1', file_path: 'x.js' });
  check('code and file_path together are refused', r.res?.is_error === true && /not both/.test(r.res.content), show(r));
}

// ---- limits ---------------------------------------------------------------
ok('deep recursion is a catchable error', 'function f(n) { return f(n + 1) + 1 } try { f(0) } catch (e) { `${e.name}: ${e.message}` }',
   'InternalError: stack overflow');
err('uncaught deep recursion ends the call cleanly', 'function f() { f() } f()', /^InternalError: stack overflow\n    at f /);
ok('recursion through getters is caught', 'const mk = () => ({ get x() { return mk().x } }); try { mk().x } catch (e) { e.message }', 'stack overflow');
ok('recursion through Array.prototype.map is caught', 'function f() { return [1].map(f) } try { f() } catch (e) { e.message }', 'stack overflow');
ok('recursion through toString is caught', 'const o = { toString() { return `${o}` } }; try { String(o) } catch (e) { e.message }', 'stack overflow');
ok('deeply nested regexp is refused', 'try { new RegExp("(".repeat(100000)) } catch (e) { e.name }', 'SyntaxError');
ok('deeply nested literal is refused', 'try { eval("[".repeat(100000)) } catch (e) { e.name }', 'SyntaxError');
ok('memory bomb is catchable under the cap', 'let a = []; try { for (;;) a.push(new Array(1e5).fill(1.5)) } catch (e) { a = null; `${e.name}: ${e.message}` }',
   'InternalError: out of memory', ['--max-memory', '64MiB']);
err('uncaught memory bomb is a clean error', 'const a = []; for (;;) a.push({ i: a.length, s: [1, 2, 3] })',
    /^InternalError: out of memory[^]*raise --max-memory/, ['--max-memory', '64MiB']);
ok('string doubling hits the string limit or memory', 'let s = "x"; try { for (;;) s += s } catch (e) { e.name }', 'InternalError', ['--max-memory', '64MiB']);
{
  const t0 = Date.now();
  const r = js('for (;;) {}', ['--timeout', '1s']);
  check('infinite loop stopped by --timeout', r.rc === 0 && r.res?.is_error === true && /timeout/.test(r.res.content), show(r));
  // not a speed check: the harness kills a call after 120 s, so ending well
  // before that proves --timeout (not the harness) stopped the loop
  check('timeout stops it, not the harness', Date.now() - t0 < 100000, `${Date.now() - t0} ms`);
}
{
  // The same budget runs a small program to the end, so it is the loop
  // that exhausts it, not the start-up.
  const small = js('let s = 0; for (let i = 0; i < 1000; i++) s += i; s', ['--fuel', '200000000']);
  check('a fuel budget that a small program fits in', small.res?.is_error === false && small.res.content === '499500', show(small));
  const r = js('console.log("x"); while (true) {}', ['--fuel', '200000000']);
  check('infinite loop stopped by --fuel', r.rc === 0 && r.res?.is_error === true && /fuel/.test(r.res.content), show(r));
}
{
  const r = js('setInterval(() => {}, 1)', ['--timeout', '1s']);
  check('an endless setInterval is stopped by --timeout', r.rc === 0 && r.res?.is_error === true && /timeout/.test(r.res.content), show(r));
}
{
  // an explicit --timeout: this checks the output cap, and a sanitizer build
  // under load can take longer than the default 30 s to print 200,000 lines
  const r = js('for (let i = 0; i < 200000; i++) console.log("line " + i)', ['--timeout', '110s']);
  const c = r.res?.content ?? '';
  check('large output is cut with a note', r.res?.is_error === false && /output truncated: \d+ more bytes/.test(c) &&
        c.length < 600 * 1024 && c.startsWith('line 0\nline 1\n'), show(r));
}

// ---- fs and grants --------------------------------------------------------
const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'js-ws-'));
const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'js-out-'));
fs.writeFileSync(path.join(ws, 'data.txt'), 'héllo\nworld\n');
fs.mkdirSync(path.join(ws, 'sub'));
fs.writeFileSync(path.join(ws, 'sub', 'n.json'), '{"n": 41}');
fs.writeFileSync(path.join(ws, 'script.js'), 'const m = require("fs").readFileSync("sub/n.json", "utf8");\nconsole.log("from file");\nJSON.parse(m).n + 1\n');
fs.writeFileSync(path.join(ws, 'bad.js'), 'function f() {\n  throw new Error("in file")\n}\nf()\n');
fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret');
fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'link.txt'));
const W = ['--workspace', ws];
ok('readFileSync utf8 with a workspace', "require('fs').readFileSync('data.txt', 'utf8')", 'héllo\nworld\n', W);
ok('readFileSync absolute /workspace path', "require('node:fs').readFileSync('/workspace/sub/n.json', {encoding: 'utf8'})", '{"n": 41}', W);
ok('readFileSync without encoding gives bytes', "const b = require('fs').readFileSync('data.txt'); b.constructor.name + ' ' + b.length", 'Uint8Array 13', W);
ok('existsSync', "const fs = require('fs'); [fs.existsSync('data.txt'), fs.existsSync('nope.txt'), fs.existsSync('sub')].join()", 'true,false,true', W);
ok('readdirSync sorted', "require('fs').readdirSync('.').join()", 'bad.js,data.txt,link.txt,script.js,sub', W);
ok('statSync', "const s = require('fs').statSync('data.txt'); [s.size, s.isFile(), s.isDirectory()].join()", '13,true,false', W);
ok('fs.promises.readFile', "await require('fs/promises').readFile('sub/n.json', 'utf8')", '{"n": 41}', W);
ok('missing file error is catchable with a code', "try { require('fs').readFileSync('nope.txt', 'utf8') } catch (e) { e.code + ': ' + e.message }",
   'ENOENT: File not found: /workspace/nope.txt', W);
ok('.. cannot leave the workspace', "try { require('fs').readFileSync('../' + 'x', 'utf8'); 'read!' } catch (e) { 'refused' }", 'refused', W);
ok('symlink out of the workspace is refused', "try { require('fs').readFileSync('link.txt', 'utf8') } catch (e) { 'refused' }", 'refused', W);
ok('absolute host paths are not visible', "try { require('fs').readFileSync('/etc/passwd', 'utf8'); 'read!' } catch (e) { 'refused' }", 'refused', W);
ok('no writes even with a workspace', "try { require('fs').writeFileSync('new.txt', 'x') } catch (e) { e.message }",
   'fs.writeFileSync is not available: js-execute can only read files', W);
check('nothing was written', !fs.existsSync(path.join(ws, 'new.txt')));
ok('without a workspace nothing is readable', "try { require('fs').readFileSync('data.txt', 'utf8'); 'read!' } catch (e) { 'refused' }", 'refused');
ok('without a workspace existsSync is false', "require('fs').existsSync('/workspace')", 'false');
{
  const r = call({ file_path: 'script.js' }, W);
  check('file_path runs a workspace file', r.res?.is_error === false && r.res.content === 'from file\n42', show(r));
  const b = call({ file_path: 'bad.js' }, W);
  check('file_path errors name the file and line', b.res?.is_error === true &&
        /^Error: in file\n    at f \(\/workspace\/bad\.js:2:\d+\)\n    at <eval> \(\/workspace\/bad\.js:4:\d+\)/.test(b.res.content), show(b));
  const m = call({ file_path: 'missing.js' }, W);
  check('file_path to a missing file', m.res?.is_error === true && /not found: \/workspace\/missing\.js/.test(m.res.content), show(m));
}
fs.rmSync(ws, { recursive: true, force: true });
fs.rmSync(outside, { recursive: true, force: true });

// ---- differential: the same scripts under node ------------------------------
for (const f of fs.readdirSync(path.join(HERE, 'diff')).filter((x) => x.endsWith('.js')).sort()) {
  const file = path.join(HERE, 'diff', f);
  const code = fs.readFileSync(file, 'utf8');
  // One file for node's stdout and stderr keeps console.error in order.
  const tmp = path.join(os.tmpdir(), `js-diff-${process.pid}.out`);
  const fd = fs.openSync(tmp, 'w');
  const n = spawnSync(process.execPath, [file], { stdio: ['ignore', fd, fd], env: { ...process.env, TZ: 'UTC' } });
  fs.closeSync(fd);
  const want = fs.readFileSync(tmp, 'utf8').replace(/\n$/, '');
  fs.rmSync(tmp);
  const r = js(code);
  const got = r.res?.content;
  if (n.status !== 0 || r.res?.is_error !== false || got !== want) {
    const wl = want.split('\n'), gl = (got ?? '').split('\n');
    let i = 0;
    while (i < wl.length && wl[i] === gl[i]) i++;
    check(`node differential ${f}`, false,
          `node rc ${n.status}; first difference at line ${i + 1}:\n  node: ${JSON.stringify(wl[i])}\n  ours: ${JSON.stringify(gl[i])}${r.res ? '' : '\n' + show(r)}`);
  } else {
    check(`node differential ${f}`, true);
  }
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
