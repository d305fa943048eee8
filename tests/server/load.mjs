// tests/server/load.mjs — isolation under load through `boxagnts serve --jsonl`:
// 8 executors x 200 mixed calls at once, some executors misbehaving on purpose
// (timeouts, fuel exhaustion, memory bombs, output floods, traps, stack
// overflow, a call quota).  Every result is checked against what it must be
// (computed here, or the files on disk), and the well-behaved executor good0
// is run again alone: its results and fuel must be identical.
// Usage: node load.mjs BOXAGNTS TEST_TOOLS_DIR WORKDIR
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [bx, testTools, work] = process.argv.slice(2);
const CALLS = 200;
let passed = 0, failed = 0;
function check(cond, what, detail) {
    if (cond) { passed++; console.log(`ok ${what}`); }
    else { failed++; console.log(`FAIL ${what}${detail !== undefined ? ': ' + JSON.stringify(detail).slice(0, 600) : ''}`); }
}
function fnv(textIn, n) {
    const b = Buffer.from(textIn, 'utf8');
    let h = 2166136261;
    for (let i = 0; i < n; i++) for (const c of b) { h ^= c; h = Math.imul(h, 16777619) >>> 0; }
    return `${b.length}:${h >>> 0}`;
}

const GOOD = ['good0', 'good1', 'good2', 'good3'];
const wsRoot = path.join(work, 'ws');
function freshWorkspaces() {
    fs.rmSync(wsRoot, { recursive: true, force: true });
    for (const g of GOOD) {
        const d = path.join(wsRoot, g);
        fs.mkdirSync(path.join(d, 'static'), { recursive: true });
        fs.mkdirSync(path.join(d, 'out'));   // calls of one executor run in any order: none may depend on another
        fs.writeFileSync(path.join(d, 'input.txt'), Array.from({ length: 50 }, (_, i) => `line ${i + 1} of ${g}`).join('\n') + '\n');
        fs.writeFileSync(path.join(d, 'static', 'a.txt'), 'a\n');
        fs.writeFileSync(path.join(d, 'static', 'b.md'), 'b\n');
    }
}
const policy = {
    tool_dirs: [path.resolve(testTools)],
    workers: 4,
    limits: { timeout: '10s' },
    executors: {
        spinner: { tools: ['t-echo', 't-bad'], limits: { timeout: '100ms' } },
        fuel: { tools: ['t-echo', 't-bad'], limits: { fuel: 2000000 } },
        bomb: { tools: ['t-echo', 't-bad'], limits: { max_memory: '16MiB', max_output: '16KiB' } },
        quota: { tools: ['t-echo', 't-bad'], quotas: { calls: 150 } },
    },
};
for (const g of GOOD) policy.executors[g] = { workspace: path.resolve(wsRoot, g), profile: 'write' };
fs.mkdirSync(work, { recursive: true });
const policyPath = path.join(work, 'policy.json');
fs.writeFileSync(policyPath, JSON.stringify(policy, null, 2));

// Requests and their expectations: check(resp) -> null when right, else why.
function plan(ex) {
    const reqs = [];
    for (let i = 0; i < CALLS; i++) {
        const id = `${ex}-${i}`;
        let tool, input, expect;
        const echo = () => {
            const text = `${ex} call ${i} ` + 'ü'.repeat(i % 7);
            const n = 1 + ((i * 37) % 400);
            tool = 't-echo'; input = { text, n };
            expect = (r) => r.result && r.result.is_error === false && r.result.content === fnv(text, n) &&
                            r.result.metadata && r.result.metadata.n === n ? null : `t-echo ${fnv(text, n)}`;
        };
        const bad = (mode, re) => {
            tool = 't-bad'; input = { mode };
            expect = (r) => r.result && r.result.is_error === true && re.test(r.result.content) ? null : `t-bad ${mode} ~ ${re}`;
        };
        if (GOOD.includes(ex)) {
            const k = i % 6;
            if (k === 0) echo();
            else if (k === 1) {
                const line = 1 + (i % 50);
                tool = 'file-read'; input = { file_path: 'input.txt', offset: line, limit: 1 };
                expect = (r) => r.result && !r.result.is_error && r.result.content.includes(`${line}\tline ${line} of ${ex}\n`) &&
                                !r.result.content.includes(`${line + 1}\tline`) ? null : `line ${line} of ${ex}`;
            } else if (k === 2) {
                const content = `${ex} wrote ${i}\n`;
                tool = 'file-write'; input = { file_path: `out/${i}.txt`, content };
                expect = (r) => r.result && !r.result.is_error &&
                                fs.readFileSync(path.join(wsRoot, ex, 'out', `${i}.txt`), 'utf8') === content ? null : 'file on disk';
            } else if (k === 3) {
                tool = 'file-glob'; input = { pattern: '**/*.txt', path: 'static' };
                expect = (r) => r.result && !r.result.is_error && r.result.content.includes('a.txt') && !r.result.content.includes('b.md') ? null : 'a.txt only';
            } else if (k === 4) {
                const other = GOOD[(GOOD.indexOf(ex) + 1) % GOOD.length];
                tool = 'file-read'; input = { file_path: `../${other}/input.txt` };
                expect = (r) => r.result && r.result.is_error === true && !r.result.content.includes(`of ${other}`) ? null : 'refused';
            } else {
                tool = 'file-read'; input = { file_path: `missing-${i}.txt` };
                expect = (r) => r.result && r.result.is_error === true ? null : 'missing file is_error';
            }
        } else if (ex === 'spinner') {
            if (i % 10 === 3) bad('spin', /timeout/); else echo();
        } else if (ex === 'fuel') {
            if (i % 4 === 1) bad('spin', /fuel/); else echo();
        } else if (ex === 'bomb') {
            if (i % 8 === 2) bad('flood', /output/);
            else if (i % 4 === 0) bad('bomb', /trap|memory/);
            else echo();
        } else if (ex === 'quota') {
            if (i % 5 === 4) bad(i % 10 === 4 ? 'trap' : 'stack', i % 10 === 4 ? /unreachable|trap/ : /stack/); else echo();
        }
        reqs.push({ req: { id, executor: ex, tool, input }, expect });
    }
    return reqs;
}

function serve(reqs) {
    return new Promise((resolve) => {
        const p = spawn(bx, ['serve', '--jsonl', '--policy', policyPath], {
            stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, BOXAGNTS_TOOLS_PATH: '' } });
        const out = new Map(), bad = [];
        let buf = '', stderr = '';
        p.stdout.on('data', (d) => {
            buf += d;
            let i;
            while ((i = buf.indexOf('\n')) >= 0) {
                const line = buf.slice(0, i); buf = buf.slice(i + 1);
                try { const m = JSON.parse(line); if (out.has(m.id)) bad.push('duplicate ' + m.id); out.set(m.id, m); }
                catch { bad.push(line.slice(0, 200)); }
            }
        });
        p.stderr.on('data', (d) => { stderr += d; });
        p.on('close', (code, sig) => resolve({ out, bad, stderr, code, sig }));
        p.stdin.on('error', () => {});
        p.stdin.end(reqs.map((r) => JSON.stringify(r.req)).join('\n') + '\n');
    });
}

const EXECS = [...GOOD, 'spinner', 'fuel', 'bomb', 'quota'];
const plans = Object.fromEntries(EXECS.map((e) => [e, plan(e)]));
// Interleave the executors' requests, as 8 agents talking at once would.
const all = [];
for (let i = 0; i < CALLS; i++) for (const e of EXECS) all.push(plans[e][i]);

freshWorkspaces();
const t0 = Date.now();
const run = await serve(all);
const secs = (Date.now() - t0) / 1000;
console.log(`# ${all.length} calls, 8 executors, in ${secs.toFixed(1)} s`);
check(run.code === 0 && run.sig === null, 'server exits 0 at end of input', { code: run.code, sig: run.sig, err: run.stderr.slice(0, 400) });
check(!/Sanitizer|leak/i.test(run.stderr), 'no sanitizer or leak report', run.stderr.slice(0, 600));
check(run.bad.length === 0, 'every output line is JSON, one per id', run.bad.slice(0, 3));
check(run.out.size === all.length, `one response per request (${all.length})`, run.out.size);

for (const e of EXECS) {
    const wrong = [];
    let refused = 0;
    for (const { req, expect } of plans[e]) {
        const r = run.out.get(req.id);
        if (!r) { wrong.push(`${req.id}: no response`); continue; }
        if (e === 'quota' && r.error) {
            if (r.error.code === 'quota_exceeded') { refused++; continue; }
        }
        const why = r.error ? `error ${JSON.stringify(r.error)}` : expect(r);
        if (why) wrong.push(`${req.id}: want ${why}, got ${JSON.stringify(r).slice(0, 200)}`);
        else if (!(r.usage && r.usage.fuel > 0 && r.usage.wall_ms >= 0 && r.usage.peak_memory > 0))
            wrong.push(`${req.id}: usage missing ${JSON.stringify(r.usage)}`);
    }
    check(wrong.length === 0, `${e}: all ${CALLS} results right`, wrong.slice(0, 4));
    if (e === 'quota')
        check(refused === CALLS - 150, `quota: exactly ${CALLS - 150} calls refused by the 150-call quota`, refused);
}
const fuelOf = (id) => run.out.get(id)?.usage?.fuel;
check(plans.fuel.filter((p) => p.req.tool === 't-bad').every((p) => fuelOf(p.req.id) <= 2000000),
      'fuel executor: no call used more than its 2000000 fuel', plans.fuel.map((p) => fuelOf(p.req.id)).filter((f) => f > 2000000));
check(plans.bomb.filter((p) => p.req.input.mode === 'bomb').every((p) => run.out.get(p.req.id)?.usage?.peak_memory <= 16 << 20),
      'bomb executor: peak memory within its 16 MiB', plans.bomb.map((p) => run.out.get(p.req.id)?.usage?.peak_memory));

// good0 alone, on a fresh workspace: the same results and the same fuel.
freshWorkspaces();
const solo = await serve(plans.good0);
check(solo.code === 0 && solo.out.size === CALLS, 'solo run of good0 complete', { code: solo.code, n: solo.out.size });
const diffs = [];
for (const { req } of plans.good0) {
    const a = run.out.get(req.id), b = solo.out.get(req.id);
    // file-write names its temp file from the clock (guest/common/toolfs.c),
    // so its instruction count varies run to run: its result must match,
    // its fuel need not.
    if (JSON.stringify(a?.result) !== JSON.stringify(b?.result) ||
        (req.tool !== 'file-write' && a?.usage?.fuel !== b?.usage?.fuel))
        diffs.push({ id: req.id, loaded: a, solo: b });
}
check(diffs.length === 0, 'good0 under load == good0 alone (every result; fuel of every call but file-write)', diffs.slice(0, 2));

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
