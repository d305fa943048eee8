// tests/server/jsonl_proto.mjs — the `serve --jsonl` protocol's edges (bad
// requests, unknown executor or tool, cancel, size cap, quotas on fuel and
// wall time) and the policy file's checks (unknown keys and bad values are
// refused at startup with the key named).
// Usage: node jsonl_proto.mjs BOXAGNTS TEST_TOOLS_DIR WORKDIR
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [bx, testTools, work] = process.argv.slice(2);
let passed = 0, failed = 0;
function check(cond, what, detail) {
    if (cond) { passed++; console.log(`ok ${what}`); }
    else { failed++; console.log(`FAIL ${what}${detail !== undefined ? ': ' + JSON.stringify(detail).slice(0, 500) : ''}`); }
}
fs.mkdirSync(work, { recursive: true });
const env = { ...process.env, BOXAGNTS_TOOLS_PATH: '' };

// Sends lines (strings), with optional pauses ({wait: ms}); resolves with
// every response and the exit.
function session(args, lines) {
    return new Promise((resolve) => {
        const p = spawn(bx, ['serve', '--jsonl', '--tools-dir', testTools, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env });
        const out = []; let buf = '', stderr = '';
        p.stdout.on('data', (d) => {
            buf += d; let i;
            while ((i = buf.indexOf('\n')) >= 0) { out.push(JSON.parse(buf.slice(0, i))); buf = buf.slice(i + 1); }
        });
        p.stderr.on('data', (d) => { stderr += d; });
        p.on('close', (code) => resolve({ out, code, stderr }));
        p.stdin.on('error', () => {});
        (async () => {
            for (const l of lines) {
                if (l && l.wait) await new Promise((r) => setTimeout(r, l.wait));
                else p.stdin.write(l + '\n');
            }
            p.stdin.end();
        })();
    });
}
const J = JSON.stringify;
function fnv(textIn, n = 1) {
    const b = Buffer.from(textIn, 'utf8');
    let h = 2166136261;
    for (let i = 0; i < n; i++) for (const c of b) { h ^= c; h = Math.imul(h, 16777619) >>> 0; }
    return `${b.length}:${h >>> 0}`;
}
const byId = (r, id) => r.out.find((m) => m.id === id);

let r = await session([], [
    'not json',
    '[1,2]',
    J({ tool: 't-echo' }),
    J({ id: 1 }),
    J({ id: 2, tool: 't-echo', input: 'x' }),
    J({ id: 3, executor: 'nobody', tool: 't-echo', input: { text: 'a' } }),
    J({ id: 4, tool: 'nope', input: {} }),
    J({ id: 5, executor: 7, tool: 't-echo' }),
    J({ id: 'x' + 'y'.repeat(100), tool: 't-echo', input: { text: 'z'.repeat(2 << 20) } }),
    J({ id: 6, tool: 't-echo', input: { text: 'a' } }),
]);
const errs = r.out.filter((m) => m.id === null).map((m) => m.error.code).sort();
check(JSON.stringify(errs) === '["invalid_request","invalid_request","parse_error"]',
      'no-id errors: parse_error, invalid_request (an array; no id)', r.out);
check(r.out.find((m) => typeof m.id === 'string' && m.id.startsWith('xy'))?.result?.content?.startsWith('2097152:'),
      'a 2 MiB request under the 16 MiB default runs', r.out.length);
check(byId(r, 1)?.error?.code === 'invalid_request', 'no tool: invalid_request', byId(r, 1));
check(byId(r, 2)?.error?.code === 'invalid_request', 'input a string: invalid_request', byId(r, 2));
check(byId(r, 3)?.error?.code === 'unknown_executor', 'unknown executor', byId(r, 3));
check(byId(r, 4)?.error?.code === 'unknown_tool', 'unknown tool', byId(r, 4));
check(byId(r, 5)?.error?.code === 'invalid_request', 'executor a number: invalid_request', byId(r, 5));
check(byId(r, 6)?.result?.content === fnv('a') && r.code === 0, 'a good call after all that; exit 0', { m: byId(r, 6), code: r.code });
r = await session(['--max-message', '1MiB'], [J({ id: 1, tool: 't-echo', input: { text: 'q'.repeat(1100000) } }), J({ id: 2, tool: 't-echo', input: { text: 'a' } })]);
check(r.out[0]?.error?.code === 'too_large' && byId(r, 2)?.result && !byId(r, 1), '--max-message 1MiB: a 1.1 MB request is too_large, the next runs', r.out);

// Cancel a spinning call (timeout 60 s) with one worker; the next call runs.
r = await session(['--workers', '1', '--timeout', '60s'], [
    J({ id: 'spin', tool: 't-bad', input: { mode: 'spin' } }),
    J({ id: 'queued', tool: 't-bad', input: { mode: 'spin' } }),
    { wait: 300 },
    J({ cancel: 'queued' }),
    J({ cancel: 'spin' }),
    J({ id: 'after', tool: 't-echo', input: { text: 'a' } }),
]);
check(byId(r, 'spin')?.error?.code === 'cancelled', 'running call cancelled', byId(r, 'spin'));
check(byId(r, 'queued')?.error?.code === 'cancelled', 'queued call cancelled before it ran', byId(r, 'queued'));
check(byId(r, 'after')?.result?.content === fnv('a'), 'next call runs after the cancellation', byId(r, 'after'));

// The reader of our output goes away mid-call (timeout 60 s): the server
// stops the call and exits by itself.
{
    const p = spawn(bx, ['serve', '--jsonl', '--tools-dir', testTools, '--timeout', '60s'], { stdio: ['pipe', 'pipe', 'pipe'], env });
    const exit = new Promise((res) => p.on('close', (code, sig) => res({ code, sig })));
    p.stdin.on('error', () => {});
    p.stdin.write(J({ id: 1, tool: 't-bad', input: { mode: 'spin' } }) + '\n');
    await new Promise((res) => setTimeout(res, 300));
    p.stdout.destroy();
    p.stdin.end();
    const ex = await Promise.race([exit, new Promise((res) => setTimeout(() => res('hang'), 30000))]);
    check(ex !== 'hang' && ex.sig === null, 'output reader gone mid-call: server stops the call and exits', ex);
    if (ex === 'hang') p.kill('SIGKILL');
}

// Quotas: fuel (held before each call, so never exceeded) and wall time.
r = await session(['--quota-fuel', '3000000', '--fuel', '1000000'],
    Array.from({ length: 6 }, (_, i) => J({ id: i, tool: 't-bad', input: { mode: 'spin' } })));
const ran = r.out.filter((m) => m.result), refused = r.out.filter((m) => m.error?.code === 'quota_exceeded');
const used = ran.reduce((a, m) => a + m.usage.fuel, 0);
check(ran.length === 3 && refused.length === 3 && used <= 3000000 && ran.every((m) => /fuel/.test(m.result.content)),
      'fuel quota 3000000 at 1000000 per call: 3 calls ran (fuel exhausted), 3 refused, total within quota',
      { ran: ran.length, refused: refused.length, used });
r = await session(['--quota-wall', '500ms', '--workers', '1'],
    Array.from({ length: 4 }, (_, i) => J({ id: i, tool: 't-bad', input: { mode: 'spin' } })));
const wall = r.out.filter((m) => m.result).reduce((a, m) => a + m.usage.wall_ms, 0);
// Without the cut each spinning call would run its manifest's 5 s timeout;
// the bound is that, not a timing budget (load may stretch a cut call).
check(r.out.filter((m) => m.result).length >= 1 && r.out.some((m) => m.error?.code === 'quota_exceeded') && wall < 5000,
      'wall-time quota 500ms: calls are cut to what is left, then refused', r.out.map((m) => m.error?.code || m.usage.wall_ms));

// A wall-time quota larger than the manifest's timeout (t-bad: 5s) keeps
// the manifest's timeout: the quota only ever lowers a limit.
r = await session(['--quota-wall', '600s'], [J({ id: 1, tool: 't-bad', input: { mode: 'spin' } })]);
check(/timeout/.test(r.out[0]?.result?.content) && /longer than 5s/.test(r.out[0].result.content),
      'quota 600s: the call still stops at the manifest timeout 5s', r.out);

// Policy file errors: refused at startup, exit 2, the key named.
function policyRun(obj) {
    const p = path.join(work, 'bad-policy.json');
    fs.writeFileSync(p, typeof obj === 'string' ? obj : JSON.stringify(obj));
    return spawnSync(bx, ['serve', '--jsonl', '--policy', p], { input: '', env, encoding: 'utf8' });
}
for (const [obj, key] of [
    [{ limts: {} }, 'limts'],
    [{ limits: { timeout: 'soon' } }, 'timeout'],
    [{ limits: { fuel: -1 } }, 'fuel'],
    [{ limits: { max_memory: 'lots' } }, 'max_memory'],
    [{ profile: 'god' }, 'profile'],
    [{ executors: { a: { grants: 'read:/workspace' } } }, 'grants'],
    [{ executors: { a: { quotas: { tokens: 5 } } } }, 'tokens'],
    [{ executors: [] }, 'executors'],
    [{ executors: { a: { workspace: '/nonexistent/dir' } } }, '/nonexistent/dir'],
    ['{"workspace": ', 'JSON'],
]) {
    const res = policyRun(obj);
    check(res.status === 2 && res.stderr.includes(key), `policy ${JSON.stringify(obj)}: exit 2 naming ${key}`, { status: res.status, err: res.stderr });
}
// A good policy: relative paths against its directory; executors inherit.
fs.mkdirSync(path.join(work, 'pw', 'ws'), { recursive: true });
fs.writeFileSync(path.join(work, 'pw', 'ws', 'f.txt'), 'from policy workspace\n');
fs.writeFileSync(path.join(work, 'pw', 'policy.json'), JSON.stringify({
    workspace: 'ws', profile: 'read_only', limits: { timeout: '5s' },
    executors: { reader: {}, none: { profile: 'none' }, echo_only: { tools: ['t-echo'] } } }));
const good = spawnSync(bx, ['serve', '--jsonl', '--tools-dir', testTools, '--policy', path.join(work, 'pw', 'policy.json')], {
    env, encoding: 'utf8',
    input: [J({ id: 1, executor: 'reader', tool: 'file-read', input: { file_path: 'f.txt' } }),
            J({ id: 2, executor: 'none', tool: 'file-read', input: { file_path: 'f.txt' } }),
            J({ id: 3, executor: 'echo_only', tool: 'file-read', input: { file_path: 'f.txt' } }),
            J({ id: 4, tool: 'file-write', input: { file_path: 'g.txt', content: 'x' } })].join('\n') + '\n' });
const g = good.stdout.trim().split('\n').map((l) => JSON.parse(l));
const gi = (id) => g.find((m) => m.id === id);
check(gi(1)?.result?.content?.includes('1\tfrom policy workspace'), 'policy workspace relative to the policy file; executor inherits it', gi(1));
check(gi(2)?.result?.is_error === true && !gi(2).result.content.includes('from policy'), 'executor profile none: file-read refused', gi(2));
check(gi(3)?.error?.code === 'unknown_tool', 'executor tools allowlist: file-read unknown', gi(3));
check(gi(4)?.result?.is_error === true && !fs.existsSync(path.join(work, 'pw', 'ws', 'g.txt')), 'default executor read_only: file-write refused', gi(4));

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
