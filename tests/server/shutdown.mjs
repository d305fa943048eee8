// tests/server/shutdown.mjs — what `boxagnts mcp` and `serve --jsonl` do at end
// of input.  MCP: the client closing our stdin has left, so running calls get
// a short grace, then are cancelled (sandboxes stopped, confined workers too),
// queued ones answered as cancelled, and the process is gone: checked with
// the official SDK client's close(), whose SIGTERM (sent after 2 s) is held
// back here so that only the end of input can make the server exit.  Quick
// piped calls are still answered; --drain and the policy's "drain" change the
// grace ("wait": every call finishes); bad values are refused naming the
// key; JSONL waits by default.  Every wait is bounded generously; nothing
// asserts how fast a thing is: the calls spin for 600 s unless stopped.
// Usage: node shutdown.mjs SDK_DIR BOXAGNTS TEST_TOOLS_DIR WORK_DIR
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const [sdkDir, bx, testTools, work] = process.argv.slice(2);
const { Client } = await import(pathToFileURL(path.join(sdkDir, 'dist/esm/client/index.js')));
const { StdioClientTransport } = await import(pathToFileURL(path.join(sdkDir, 'dist/esm/client/stdio.js')));
const { CallToolResultSchema } = await import(pathToFileURL(path.join(sdkDir, 'dist/esm/types.js')));

let passed = 0, failed = 0;
function check(cond, what, detail) {
    if (cond) { passed++; console.log(`ok ${what}`); }
    else { failed++; console.log(`FAIL ${what}${detail !== undefined ? ': ' + JSON.stringify(detail).slice(0, 600) : ''}`); }
}
const sleep = (ms) => new Promise((res) => setTimeout(res, ms));
const BOUND = 30000;            // waits for answers: far above any sane delay
const GONE = 6000;              // "it exited by itself": a spinning call would run 600 s
const env = { ...process.env, BOXAGNTS_TOOLS_PATH: '', BOXAGNTS_CACHE_DIR: 'none' };
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code !== 'ESRCH'; } };
const groupAlive = (pgid) => { try { process.kill(-pgid, 0); return true; } catch (e) { return e.code !== 'ESRCH'; } };
// The processes of a process group, from /proc (field 5 of stat, after the name).
function inGroup(pgid) {
    const out = [];
    for (const d of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(d)) continue;
        try {
            const st = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
            const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
            if (Number(f[2]) === pgid) out.push(Number(d));
        } catch { /* gone meanwhile */ }
    }
    return out;
}
async function until(cond, ms) {
    const end = Date.now() + ms;
    while (!cond() && Date.now() < end) await sleep(50);
    return cond();
}

class Server {
    constructor(args, penv = env) {
        this.p = spawn(bx, args, { stdio: ['pipe', 'pipe', 'pipe'], env: penv, detached: true });
        this.msgs = []; this.waiters = []; this.stderr = ''; this.bad = [];
        let buf = '';
        this.p.stdout.on('data', (d) => {
            buf += d;
            let i;
            while ((i = buf.indexOf('\n')) >= 0) {
                const line = buf.slice(0, i);
                buf = buf.slice(i + 1);
                try { this.msgs.push(JSON.parse(line)); } catch { this.bad.push(line); }
                for (const w of this.waiters.splice(0)) w();
            }
        });
        this.p.stdout.on('end', () => { if (buf) this.bad.push(buf); });
        this.p.stderr.on('data', (d) => { this.stderr += d; });
        this.exit = new Promise((res) => this.p.on('close', (code, sig) => res({ code, sig })));
        this.p.stdin.on('error', () => {});
    }
    send(obj) { this.p.stdin.write(JSON.stringify(obj) + '\n'); }
    async take(pred, ms = BOUND) {
        const end = Date.now() + ms;
        for (;;) {
            const m = this.msgs.find(pred);
            if (m) return m;
            const left = end - Date.now();
            if (left <= 0) return null;
            await new Promise((res) => { this.waiters.push(res); setTimeout(res, left); });
        }
    }
    async ended(ms = BOUND) { return Promise.race([this.exit, sleep(ms).then(() => 'hang')]); }
    kill9() { try { process.kill(-this.p.pid, 'SIGKILL'); } catch { /* gone */ } }
}
const init = { jsonrpc: '2.0', id: 'init', method: 'initialize',
               params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'eof', version: '0' } } };
const spin = (id) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 't-bad', arguments: { mode: 'spin' } } });
const echo = (id, t) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 't-echo', arguments: { text: t } } });
const text = (m) => m?.result?.content?.[0]?.text || '';
const shutdownAnswer = (m) => m?.result?.isError === true && /cancelled: the server is shutting down/.test(text(m));

// ---- the SDK client closes our input with three calls spinning ----------------------
// setsid: the server leads its own process group (exec'd in place, same pid), so
// afterwards no process of the group may be left: zygote and workers included.
{
    const realKill = ChildProcess.prototype.kill;
    const held = [];
    const transport = new StdioClientTransport({
        command: 'setsid', args: [bx, 'mcp', '--tools-dir', testTools, '--workers', '4', '--timeout', '600s'],
        env, stderr: 'pipe' });
    let err = '';
    transport.stderr?.on('data', (d) => { err += d; });
    const client = new Client({ name: 'eof-sdk', version: '1' });
    try {
        await client.connect(transport);
        const pid = transport.pid;
        const calls = [1, 2, 3].map((i) => client.callTool({ name: 't-bad', arguments: { mode: 'spin' } },
                                                           CallToolResultSchema, { timeout: 600000 })
                                         .then((r) => r, (e) => e));
        // wait until the three run: a worker process each (zygote + 3 workers below the server)
        const kids = () => inGroup(pid).filter((p) => p !== pid);
        await until(() => kids().length >= 4, BOUND);
        await sleep(300);
        const before = kids();
        check(before.length >= 4, 'SDK: three calls running (zygote and a worker each below the server)', before);
        // The SDK's close(): stdin ended, then SIGTERM after 2 s, SIGKILL after 4 s.
        // Those two are held back: only the end of input may stop the server.
        ChildProcess.prototype.kill = function (sig) { held.push(sig); return true; };
        const t0 = Date.now();
        const closing = client.close().catch(() => {});
        const gone = await until(() => !alive(pid), GONE);
        ChildProcess.prototype.kill = realKill;
        check(gone, `SDK close() with three spinning calls: the server exits by itself (not still running after ${GONE / 1000} s)`,
              { held, ms: Date.now() - t0, err: err.slice(0, 300) });
        check(await until(() => !groupAlive(pid), GONE), 'SDK close(): no process of the server\'s group is left', kids());
        await closing;
        if (!gone) try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
        const res = await Promise.race([Promise.all(calls), sleep(5000).then(() => null)]);
        check(res !== null, 'SDK: the three pending calls settle (answered or the connection closed)');
        check(!/Sanitizer|runtime error/.test(err), 'SDK close(): no sanitizer report', err.slice(0, 300));
    } catch (e) {
        ChildProcess.prototype.kill = realKill;
        check(false, 'SDK close: session', String(e) + ' ' + err.slice(0, 300));
        await client.close().catch(() => {});
    }
}

// ---- the same with raw lines: the answers at end of input, queued calls included ------
{
    const s = new Server(['mcp', '--tools-dir', testTools, '--workers', '1', '--timeout', '600s']);
    s.send(init);
    await s.take((m) => m.id === 'init');
    s.send(spin(1));
    s.send(echo(2, 'queued behind the spinning call'));   // one worker: never starts
    await sleep(300);
    s.p.stdin.end();
    const ex = await s.ended(GONE);
    if (ex === 'hang') s.kill9();
    check(ex !== 'hang' && ex.code === 0, `end of input, default drain: exit 0 (not still running after ${GONE / 1000} s)`, ex);
    const a1 = s.msgs.find((m) => m.id === 1), a2 = s.msgs.find((m) => m.id === 2);
    check(shutdownAnswer(a1), 'end of input: the running call answered as cancelled (the server is shutting down)', a1);
    check(shutdownAnswer(a2), 'end of input: the queued call, never started, answered as cancelled', a2);
    check(s.bad.length === 0 && !groupAlive(s.p.pid), 'end of input: whole JSON lines, nothing of the group left', s.bad);
}

// ---- quick piped calls are still answered (printf ... | boxagnts mcp) -----------------
{
    const lines = [init, { jsonrpc: '2.0', method: 'notifications/initialized' },
                   echo(1, 'a'), echo(2, 'b'), echo(3, 'c'), { jsonrpc: '2.0', id: 4, method: 'tools/list' }]
        .map((m) => JSON.stringify(m)).join('\n') + '\n';
    const r = spawnSync(bx, ['mcp', '--tools-dir', testTools], { input: lines, env, encoding: 'utf8', timeout: BOUND });
    const msgs = (r.stdout || '').trim().split('\n').filter(Boolean).map((l) => { try { return JSON.parse(l); } catch { return l; } });
    const ans = [1, 2, 3].map((i) => msgs.find((m) => m.id === i));
    check(r.status === 0 && ans.every((m) => m?.result?.isError === false && /^\d+:\d+$/.test(text(m))) &&
          msgs.find((m) => m.id === 4)?.result?.tools,
          'piped quick calls, default drain: every call answered with its result, exit 0', { status: r.status, msgs, err: r.stderr });
}

// ---- --drain wait, and the policy's "drain" ---------------------------------------------
// A call that stops itself (its timeout, 2 s) is answered with its own result only
// when the server waits for it; with a grace it is answered as cancelled.
const timedOut = (m) => m?.result?.isError === true && /call was stopped/.test(text(m)) && !/shutting down/.test(text(m));
async function eofWithSpin(args) {
    const s = new Server(['mcp', '--tools-dir', testTools, '--timeout', '2s', ...args]);
    s.send(init);
    await s.take((m) => m.id === 'init');
    s.send(spin(5));
    await sleep(300);
    s.p.stdin.end();
    const ex = await s.ended();
    if (ex === 'hang') s.kill9();
    return { ex, a: s.msgs.find((m) => m.id === 5), err: s.stderr };
}
const pol = (name, obj) => {
    const p = path.join(work, name);
    fs.writeFileSync(p, JSON.stringify(obj));
    return p;
};
{
    let r = await eofWithSpin(['--drain', 'wait']);
    check(r.ex.code === 0 && timedOut(r.a), '--drain wait: the running call finishes (its own timeout answer), exit 0', r);
    r = await eofWithSpin(['--policy', pol('wait.json', { drain: 'wait' })]);
    check(r.ex.code === 0 && timedOut(r.a), 'policy "drain": "wait": the running call finishes, exit 0', r);
    r = await eofWithSpin(['--policy', pol('d0.json', { drain: 0 })]);
    check(r.ex.code === 0 && shutdownAnswer(r.a), 'policy "drain": 0: the running call cancelled at once', r);
    r = await eofWithSpin(['--policy', pol('wait2.json', { drain: 'wait' }), '--drain', '100ms']);
    check(r.ex.code === 0 && shutdownAnswer(r.a), '--drain 100ms over the policy\'s "wait": the flag wins, cancelled', r);
}

// ---- serve --jsonl waits by default; its drain is the same flag and key -----------------
async function jsonlEof(args) {
    const s = new Server(['serve', '--jsonl', '--tools-dir', testTools, '--timeout', '2s', ...args]);
    s.send({ id: 'j', tool: 't-bad', input: { mode: 'spin' } });
    await sleep(300);
    s.p.stdin.end();
    const ex = await s.ended();
    if (ex === 'hang') s.kill9();
    return { ex, a: s.msgs.find((m) => m.id === 'j') };
}
{
    let r = await jsonlEof([]);
    check(r.ex.code === 0 && r.a?.result?.is_error === true && /call was stopped/.test(r.a.result.content),
          'serve --jsonl, no drain: the call finishes at end of input (a batch protocol waits)', r);
    r = await jsonlEof(['--policy', pol('j0.json', { drain: '0' })]);
    check(r.ex.code === 0 && r.a?.error?.code === 'cancelled', 'serve --jsonl, policy "drain": "0": cancelled at end of input', r);
}

// ---- bad values: refused at start, naming the key --------------------------------------
{
    for (const [name, v] of [['soon', 'soon'], ['bool', true], ['neg', -1], ['obj', { mcp: '1s' }], ['empty', '']]) {
        const p = pol(`bad-${name}.json`, { drain: v });
        for (const sub of [['mcp'], ['serve', '--jsonl']]) {
            const r = spawnSync(bx, [...sub, '--tools-dir', testTools, '--policy', p], { input: '', env, encoding: 'utf8', timeout: BOUND });
            check(r.status === 2 && /"drain"/.test(r.stderr), `policy "drain": ${JSON.stringify(v)}: ${sub[0]} exits 2 naming the key`,
                  { status: r.status, err: r.stderr });
        }
        const r = spawnSync(bx, ['policy', 'check', p], { env, encoding: 'utf8', timeout: BOUND });
        check(r.status === 2 && /"drain"/.test(r.stderr), `policy check refuses "drain": ${JSON.stringify(v)}`, r.stderr);
    }
    const p = pol('bad-exec.json', { executors: { a: { drain: '1s' } } });
    const r = spawnSync(bx, ['mcp', '--tools-dir', testTools, '--policy', p], { input: '', env, encoding: 'utf8', timeout: BOUND });
    check(r.status === 2 && /executors\.a.*"drain".*top level/.test(r.stderr), 'an executor\'s "drain": refused, said to be server-wide', r.stderr);
    for (const v of ['wait ', 'forever', '-1s', 'none']) {
        const q = spawnSync(bx, ['mcp', '--tools-dir', testTools, '--drain', v], { input: '', env, encoding: 'utf8', timeout: BOUND });
        check(q.status === 2 && /--drain/.test(q.stderr) && /wait/.test(q.stderr), `--drain "${v}": exit 2 naming the flag and "wait"`, q.stderr);
    }
}

// ---- the compiled tier: a compilation does not hold the exit --------------------------
// A C compiler that never finishes ($BOXAGNTS_AOT_CC; its timeout 600 s): the
// server kills it when the call it compiles for is cancelled (--tier aot) or
// when the server ends (auto's background compilation).
{
    const cc = path.join(work, 'slow-cc.sh'), pidf = path.join(work, 'cc.pid');
    fs.writeFileSync(cc, `#!/bin/sh\necho $$ > '${pidf}'\nexec sleep 600\n`, { mode: 0o755 });
    const cache = path.join(work, 'aot-cache');
    fs.mkdirSync(cache, { recursive: true });
    const aenv = { ...env, BOXAGNTS_AOT_CC: cc, BOXAGNTS_AOT_TIMEOUT: '600' };
    const ccPid = () => { try { return Number(fs.readFileSync(pidf, 'utf8').trim()) || 0; } catch { return 0; } };

    fs.rmSync(pidf, { force: true });
    let s = new Server(['mcp', '--tools-dir', testTools, '--tier', 'aot', '--cache-dir', cache], aenv);
    s.send(init);
    await s.take((m) => m.id === 'init');
    s.send(echo(1, 'compiled first'));
    const started = await until(() => ccPid() > 0, BOUND);
    s.p.stdin.end();
    let ex = await s.ended(GONE);
    if (ex === 'hang') s.kill9();
    check(started && ex !== 'hang' && ex.code === 0,
          `--tier aot, end of input while the call's module compiles: exit 0 (not still running after ${GONE / 1000} s)`, { started, ex });
    check(shutdownAnswer(s.msgs.find((m) => m.id === 1)), '--tier aot: the call answered as cancelled', s.msgs);
    check(started && !alive(ccPid()), '--tier aot: the C compiler was killed', ccPid());

    fs.rmSync(pidf, { force: true });
    s = new Server(['mcp', '--tools-dir', testTools, '--tier', 'auto', '--cache-dir', cache], aenv);
    s.send(init);
    await s.take((m) => m.id === 'init');
    s.send(echo(1, 'a'));
    await s.take((m) => m.id === 1);
    s.send(echo(2, 'b'));        // the second interpreted call: compiled in the background
    const a2 = await s.take((m) => m.id === 2);
    const bg = await until(() => ccPid() > 0, BOUND);
    s.p.stdin.end();
    ex = await s.ended(GONE);
    if (ex === 'hang') s.kill9();
    check(a2?.result?.isError === false && bg && ex !== 'hang' && ex.code === 0,
          `--tier auto, end of input during the background compilation: exit 0 (not still running after ${GONE / 1000} s)`, { a2, bg, ex });
    check(bg && !alive(ccPid()), '--tier auto: the background C compiler was killed', ccPid());
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
