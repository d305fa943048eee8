// tests/server/lifecycle.mjs — how `boxagnts mcp` and `serve --jsonl` end and
// change while they run: SIGTERM/SIGINT with calls running and queued (each
// answered as cancelled, the server exits, no process of its group is left),
// end of input with --drain, notifications/cancelled stopping one sandbox
// (the only worker is free again), and tools added from the operator's tool
// directory on SIGHUP with notifications/tools/list_changed (official SDK
// client), never from a directory a sandbox can write.
// Every wait is bounded generously; nothing asserts how fast a thing is.
// Usage: node lifecycle.mjs SDK_DIR BOXAGNTS TEST_TOOLS_DIR WORK_DIR
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const [sdkDir, bx, testTools, work] = process.argv.slice(2);
const { Client } = await import(pathToFileURL(path.join(sdkDir, 'dist/esm/client/index.js')));
const { StdioClientTransport } = await import(pathToFileURL(path.join(sdkDir, 'dist/esm/client/stdio.js')));
const { ToolListChangedNotificationSchema, LoggingMessageNotificationSchema } =
    await import(pathToFileURL(path.join(sdkDir, 'dist/esm/types.js')));

let passed = 0, failed = 0;
function check(cond, what, detail) {
    if (cond) { passed++; console.log(`ok ${what}`); }
    else { failed++; console.log(`FAIL ${what}${detail !== undefined ? ': ' + JSON.stringify(detail).slice(0, 600) : ''}`); }
}
const sleep = (ms) => new Promise((res) => setTimeout(res, ms));
const BOUND = 30000;            // "it exited": far above any sane stop, far below the calls' 600 s timeout
const env = { ...process.env, BOXAGNTS_TOOLS_PATH: '', BOXAGNTS_CACHE_DIR: 'none' };

class Server {
    constructor(args) {
        // Its own process group: afterwards, no process of the group may be left.
        this.p = spawn(bx, args, { stdio: ['pipe', 'pipe', 'pipe'], env, detached: true });
        this.msgs = []; this.lines = []; this.waiters = []; this.stderr = ''; this.bad = [];
        let buf = '';
        this.p.stdout.on('data', (d) => {
            buf += d;
            let i;
            while ((i = buf.indexOf('\n')) >= 0) {
                const line = buf.slice(0, i);
                buf = buf.slice(i + 1);
                this.lines.push(line);
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
    async ended(ms = BOUND) {
        return Promise.race([this.exit, sleep(ms).then(() => 'hang')]);
    }
    groupGone() {
        try { process.kill(-this.p.pid, 0); return false; } catch (e) { return e.code === 'ESRCH'; }
    }
    kill9() { try { process.kill(-this.p.pid, 'SIGKILL'); } catch { /* gone */ } }
}
const init = { jsonrpc: '2.0', id: 'init', method: 'initialize',
               params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'life', version: '0' } } };
const spin = (id, extra = {}) => ({ jsonrpc: '2.0', id, method: 'tools/call',
                                    params: { name: 't-bad', arguments: { mode: 'spin' }, ...extra } });
const text = (m) => m?.result?.content?.[0]?.text || '';
const wholeJson = (s) => s.bad.length === 0;

// ---- MCP, SIGTERM and SIGINT: two calls running, one queued ------------------------
for (const sig of ['SIGTERM', 'SIGINT']) {
    const s = new Server(['mcp', '--tools-dir', testTools, '--workers', '2', '--timeout', '600s']);
    s.send(init);
    await s.take((m) => m.id === 'init');
    s.send(spin(1, { _meta: { progressToken: 'p1' } }));
    s.send(spin(2));
    s.send(spin(3));                              // no worker free: queued
    await s.take((m) => m.method === 'notifications/progress' && m.params.progressToken === 'p1');
    await sleep(300);                             // running or not, each must be answered
    s.p.kill(sig);
    const ex = await s.ended();
    if (ex === 'hang') s.kill9();
    check(ex !== 'hang' && ex.code === 0 && ex.sig === null, `mcp ${sig} with 3 calls: exit 0`, ex);
    const answers = [1, 2, 3].map((id) => s.msgs.find((m) => m.id === id));
    check(answers.every((m) => m?.result?.isError === true && /cancelled: the server is shutting down/.test(text(m))),
          `mcp ${sig}: every call (running and queued) answered as cancelled`, answers);
    const resp1 = s.msgs.findIndex((m) => m.id === 1);
    check(!s.msgs.some((m, i) => i > resp1 && m.method === 'notifications/progress'),
          `mcp ${sig}: no progress after the cancelled call's answer`, s.msgs.slice(resp1));
    check(wholeJson(s), `mcp ${sig}: every line written is whole JSON`, s.bad);
    check(s.groupGone(), `mcp ${sig}: no process of the server's group is left`);
    check(!/Sanitizer|runtime error/.test(s.stderr), `mcp ${sig}: no sanitizer report`, s.stderr.slice(0, 300));
}

// ---- MCP, SIGTERM while idle and before initialize ----------------------------------
{
    const s = new Server(['mcp', '--tools-dir', testTools]);
    s.send({ jsonrpc: '2.0', id: 'p', method: 'ping' });
    await s.take((m) => m.id === 'p');
    s.p.kill('SIGTERM');
    const ex = await s.ended();
    if (ex === 'hang') s.kill9();
    check(ex !== 'hang' && ex.code === 0, 'mcp SIGTERM while idle, before initialize: exit 0', ex);
}

// ---- MCP, end of input with --drain 0: the running call is cancelled and answered ----
{
    const s = new Server(['mcp', '--tools-dir', testTools, '--timeout', '600s', '--drain', '0']);
    s.send(init);
    await s.take((m) => m.id === 'init');
    s.send(spin(7));
    await sleep(300);
    s.p.stdin.end();                              // the client still reads
    const ex = await s.ended();
    if (ex === 'hang') s.kill9();
    const a = s.msgs.find((m) => m.id === 7);
    check(ex !== 'hang' && ex.code === 0, 'mcp end of input, --drain 0: exit 0 (not after the 600 s timeout)', ex);
    check(a?.result?.isError === true && /cancelled: the server is shutting down/.test(text(a)),
          'mcp end of input, --drain 0: the running call answered as cancelled', a);
    check(s.groupGone() && wholeJson(s), 'mcp end of input, --drain 0: nothing left, whole JSON lines', s.bad);
}

// ---- MCP, end of input with --drain 1s: a call that ends first keeps its result -------
{
    const s = new Server(['mcp', '--tools-dir', testTools, '--timeout', '600s', '--drain', '1s', '--workers', '2']);
    s.send(init);
    await s.take((m) => m.id === 'init');
    s.send({ jsonrpc: '2.0', id: 8, method: 'tools/call', params: { name: 't-echo', arguments: { text: 'kept' } } });
    const echoed = await s.take((m) => m.id === 8);
    s.send(spin(9));
    await sleep(300);
    s.p.stdin.end();
    const ex = await s.ended();
    if (ex === 'hang') s.kill9();
    const a = s.msgs.find((m) => m.id === 9);
    check(echoed && !echoed.result?.isError && ex !== 'hang' && ex.code === 0 &&
          /cancelled: the server is shutting down/.test(text(a)),
          'mcp --drain 1s: the finished call answered, the spinning one cancelled after the drain, exit 0', { echoed, a, ex });
}

// ---- MCP, notifications/cancelled stops that call's sandbox ---------------------------
{
    const s = new Server(['mcp', '--tools-dir', testTools, '--workers', '1', '--timeout', '600s']);
    s.send(init);
    await s.take((m) => m.id === 'init');
    s.send(spin(11, { _meta: { progressToken: 'c11' } }));
    await s.take((m) => m.method === 'notifications/progress' && m.params.progressToken === 'c11');
    await sleep(300);
    s.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 11, reason: 'test' } });
    // One worker: this call can only run once the cancelled sandbox has stopped.
    s.send({ jsonrpc: '2.0', id: 12, method: 'tools/call', params: { name: 't-echo', arguments: { text: 'after' } } });
    const a = await s.take((m) => m.id === 12);
    check(a && !a.result?.isError && /^5:/.test(text(a)), 'cancelled call: its sandbox stopped (the only worker ran the next call)', a);
    const at = s.msgs.indexOf(a);
    s.p.stdin.end();
    const ex = await s.ended();
    if (ex === 'hang') s.kill9();
    check(!s.msgs.some((m) => m.id === 11), 'cancelled call: no response (MCP)', s.msgs.filter((m) => m.id === 11));
    check(!s.msgs.some((m, i) => i > at && m.method === 'notifications/progress' && m.params.progressToken === 'c11'),
          'cancelled call: no progress after the cancellation took effect', s.msgs.slice(at));
    check(ex !== 'hang' && ex.code === 0 && s.groupGone(), 'cancelled call: server exits 0 at end of input', ex);
}

// ---- JSONL, SIGTERM: a running call and a queued one ----------------------------------
{
    const s = new Server(['serve', '--jsonl', '--tools-dir', testTools, '--workers', '1', '--timeout', '600s']);
    s.send({ id: 'run', tool: 't-bad', input: { mode: 'spin' } });
    s.send({ id: 'queued', tool: 't-bad', input: { mode: 'spin' } });
    s.send({ id: 'q2', tool: 't-echo', input: { text: 'x' } });
    await sleep(500);
    s.p.kill('SIGTERM');
    const ex = await s.ended();
    if (ex === 'hang') s.kill9();
    const got = ['run', 'queued', 'q2'].map((id) => s.msgs.find((m) => m.id === id));
    check(ex !== 'hang' && ex.code === 0, 'jsonl SIGTERM: exit 0', ex);
    check(got.every((m) => m?.error?.code === 'cancelled' && /shutting down/.test(m.error.message)),
          'jsonl SIGTERM: running and queued calls answered {"code":"cancelled"}', got);
    check(s.groupGone() && wholeJson(s), 'jsonl SIGTERM: nothing left, whole JSON lines', s.bad);
}

// ---- JSONL, end of input: answered by default, cancelled with --drain 0 ----------------
{
    let s = new Server(['serve', '--jsonl', '--tools-dir', testTools]);
    s.send({ id: 1, tool: 't-echo', input: { text: 'piped', n: 1000 } });
    s.p.stdin.end();
    let ex = await s.ended();
    if (ex === 'hang') s.kill9();
    check(ex.code === 0 && s.msgs.find((m) => m.id === 1)?.result?.is_error === false,
          'jsonl end of input (no --drain): a piped call is answered with its result', s.msgs);
    s = new Server(['serve', '--jsonl', '--tools-dir', testTools, '--timeout', '600s', '--drain', '0']);
    s.send({ id: 2, tool: 't-bad', input: { mode: 'spin' } });
    await sleep(300);
    s.p.stdin.end();
    ex = await s.ended();
    if (ex === 'hang') s.kill9();
    check(ex !== 'hang' && ex.code === 0 && s.msgs.find((m) => m.id === 2)?.error?.code === 'cancelled',
          'jsonl end of input, --drain 0: the spinning call cancelled, exit 0', { ex, msgs: s.msgs });
}

// ---- --drain: a bad value is a usage error --------------------------------------------
{
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(bx, ['mcp', '--tools-dir', testTools, '--drain', 'soon'], { input: '', env, encoding: 'utf8' });
    check(r.status === 2 && /--drain/.test(r.stderr), '--drain soon: exit 2 naming the flag', r.stderr);
}

// ---- tools added on SIGHUP, through the official SDK client ----------------------------
const copyTool = (name, dir) => {
    fs.mkdirSync(path.join(dir, name), { recursive: true });
    for (const f of ['tool.json', 'tool.wasm']) fs.copyFileSync(path.join(testTools, name, f), path.join(dir, name, f));
};
{
    const dir = path.join(work, 'hot-tools');
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
    copyTool('t-echo', dir);
    const transport = new StdioClientTransport({ command: bx, args: ['mcp', '--tools-dir', dir], env, stderr: 'pipe' });
    let err = '';
    transport.stderr?.on('data', (d) => { err += d; });
    const client = new Client({ name: 'hot-add', version: '1' });
    let changed = 0, wake = null;
    const logs = [];
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => { changed++; wake?.(); });
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => { logs.push(n.params); wake?.(); });
    const until = async (cond) => {
        const end = Date.now() + BOUND;
        while (!cond() && Date.now() < end) await Promise.race([new Promise((res) => { wake = res; }), sleep(200)]);
        return cond();
    };
    try {
        await client.connect(transport);
        check(client.getServerCapabilities()?.tools?.listChanged === true, 'capabilities: tools.listChanged true');
        await client.setLoggingLevel('warning');
        // (the built-in tools are found next to the binary: only the folder's are compared)
        const ours = async () => (await client.listTools()).tools.map((t) => t.name).filter((n) => n.startsWith('t-')).sort();
        let names = await ours();
        check(JSON.stringify(names) === '["t-echo"]', 'before: only the tool in the folder', names);
        let c = null;
        try { c = await client.callTool({ name: 't-bad', arguments: { mode: 'ok' } }); } catch (e) { c = e; }
        check(c instanceof Error && /Unknown tool/.test(c.message), 'before: the new tool cannot be called', String(c));

        copyTool('t-bad', dir);
        process.kill(transport.pid, 'SIGHUP');
        check(await until(() => changed >= 1), 'SIGHUP after a tool was added: notifications/tools/list_changed', { changed, err });
        names = await ours();
        check(JSON.stringify(names) === '["t-bad","t-echo"]', 'after: tools/list shows the added tool', names);
        c = await client.callTool({ name: 't-bad', arguments: { mode: 'ok' } });
        check(!c.isError, 'after: the added tool runs', c);

        // A broken manifest: not loaded, logged, no list_changed; the server goes on.
        fs.mkdirSync(path.join(dir, 'broken'));
        fs.writeFileSync(path.join(dir, 'broken', 'tool.json'), '{"name": "broken", ');
        process.kill(transport.pid, 'SIGHUP');
        check(await until(() => logs.some((l) => l.data?.event === 'tool_skipped')),
              'a broken manifest added: logged as tool_skipped (warning)', logs);
        // An unchanged folder, then one more tool: one notification for the two rescans.
        process.kill(transport.pid, 'SIGHUP');
        // (made beside the folder and renamed in, as an operator should: the
        // rescan just asked for may run while the files are written)
        const stage = path.join(work, 't-echo2-stage');
        fs.rmSync(stage, { recursive: true, force: true });
        fs.mkdirSync(stage);
        fs.writeFileSync(path.join(stage, 'tool.json'),
                         fs.readFileSync(path.join(testTools, 't-echo', 'tool.json'), 'utf8').replace('"t-echo"', '"t-echo2"'));
        fs.copyFileSync(path.join(testTools, 't-echo', 'tool.wasm'), path.join(stage, 'tool.wasm'));
        fs.renameSync(stage, path.join(dir, 't-echo2'));
        process.kill(transport.pid, 'SIGHUP');
        check(await until(() => changed >= 2), 'a third tool: list_changed again', changed);
        await client.ping();
        names = await ours();
        check(changed === 2 && JSON.stringify(names) === '["t-bad","t-echo","t-echo2"]',
              'rescans that add nothing send nothing; the list has the three tools', { changed, names });
        check(logs.filter((l) => l.data?.event === 'tool_skipped').length === 1,
              'an unchanged broken manifest is reported once, not at every rescan', logs);
    } catch (e) {
        check(false, 'hot add: session', String(e) + ' ' + err.slice(0, 300));
    }
    await client.close().catch(() => {});
}

// ---- never from a folder a sandbox can write: the tool dir inside the workspace --------
{
    const ws = path.join(work, 'ws');
    fs.rmSync(ws, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
    const tdir = path.join(ws, 'tools');
    copyTool('t-echo', tdir);
    const builtin = path.join(path.dirname(bx), 'tools');
    const transport = new StdioClientTransport({ command: bx, args: ['mcp', '--workspace', ws, '--tools-dir', builtin, '--tools-dir', tdir],
                                                 env, stderr: 'pipe' });
    const client = new Client({ name: 'hot-add-ws', version: '1' });
    let changed = 0;
    const logs = [];
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => { changed++; });
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => { logs.push(n.params); });
    try {
        await client.connect(transport);
        await client.setLoggingLevel('warning');
        // The model can write there (that is the danger): plant a manifest through file-write.
        const planted = fs.readFileSync(path.join(testTools, 't-echo', 'tool.json'), 'utf8').replace('"t-echo"', '"planted"');
        const w = await client.callTool({ name: 'file-write', arguments: { file_path: 'tools/planted/tool.json', content: planted } });
        check(!w.isError && fs.existsSync(path.join(tdir, 'planted', 'tool.json')), 'a sandbox can write into this tool dir (file-write)', w);
        // The module next to it (bash's base64 -d could write it as well).
        fs.copyFileSync(path.join(testTools, 't-echo', 'tool.wasm'), path.join(tdir, 'planted', 'tool.wasm'));
        process.kill(transport.pid, 'SIGHUP');
        const end = Date.now() + BOUND;
        while (!logs.some((l) => /not scanned again/.test(l.data?.message || '')) && Date.now() < end) await sleep(100);
        const names = (await client.listTools()).tools.map((t) => t.name);
        check(!names.includes('planted') && changed === 0, 'SIGHUP: the planted tool is not loaded, no list_changed', { names, changed });
        check(logs.some((l) => l.data?.event === 'tool_skipped' && /not scanned again.*can write there/.test(l.data.message)),
              'SIGHUP: the writable tool dir is reported, with what to change', logs);
    } catch (e) {
        check(false, 'writable tool dir: session', String(e));
    }
    await client.close().catch(() => {});
}

// ---- the bash tool's output as progress ---------------------------------------------------
// The shell reports its new stdout at its first check 250 ms after the last report; each sleep
// below ends past that, so every piece written before a sleep is reported while the call runs.
{
    const ws = path.join(work, 'ws-bash');
    fs.rmSync(ws, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
    fs.mkdirSync(ws, { recursive: true });
    const builtin = path.join(path.dirname(bx), 'tools');
    // On the wire (raw): order, UTF-8 kept whole across writes, values increasing.
    const s = new Server(['mcp', '--workspace', ws, '--tools-dir', builtin]);
    s.send(init);
    await s.take((m) => m.id === 'init');
    s.send({ jsonrpc: '2.0', id: 'b1', method: 'tools/call', params: { name: 'bash', _meta: { progressToken: 'tb' }, arguments: {
        command: "echo line1; sleep 1; printf 'caf\\xc3'; sleep 1; printf '\\xa9 ok\\n'; sleep 1; echo end" } } });
    s.send({ jsonrpc: '2.0', id: 'b2', method: 'tools/call', params: { name: 'bash', arguments: { command: 'echo quiet; sleep 1; echo done' } } });
    const r1 = await s.take((m) => m.id === 'b1'), r2 = await s.take((m) => m.id === 'b2');
    s.p.stdin.end();
    const ex = await s.ended();
    if (ex === 'hang') s.kill9();
    const at = s.msgs.indexOf(r1);
    const prog = s.msgs.filter((m) => m.method === 'notifications/progress' && m.params.progressToken === 'tb');
    const outs = prog.filter((m) => m.params._meta?.['boxagnts/output'] === 'stdout');
    const joined = outs.map((m) => m.params.message).join('');
    const text = r1?.result?.content?.[0]?.text || '';
    check(r1 && !r1.result.isError && text === 'line1\ncaf\u00e9 ok\nend\n', 'bash with a progress token: the result is unchanged', r1);
    check(outs.length >= 2 && /line1/.test(joined) && /caf\u00e9 ok/.test(joined), 'bash output arrives as progress (stdout in _meta)', prog);
    check(text.startsWith(joined) && !joined.includes('\ufffd'),
          "the streamed output is the result's start; a UTF-8 character split across writes is kept whole", { joined, text });
    check(prog.every((m) => s.msgs.indexOf(m) < at), 'every progress notification comes before the response', { at });
    check(prog.every((m, i) => i === 0 || m.params.progress > prog[i - 1].params.progress), 'progress values increase strictly',
          prog.map((m) => m.params.progress));
    check(r2 && !r2.result.isError && !s.msgs.some((m) => m.method === 'notifications/progress' && m.params.progressToken !== 'tb'),
          'a bash call without a token: answered, nothing streamed', r2);
    // Through the SDK client's onprogress.
    const transport = new StdioClientTransport({ command: bx, args: ['mcp', '--workspace', ws, '--tools-dir', builtin], env, stderr: 'pipe' });
    const client = new Client({ name: 'bash-progress', version: '1' });
    try {
        await client.connect(transport);
        const { CallToolResultSchema } = await import(pathToFileURL(path.join(sdkDir, 'dist/esm/types.js')));
        const seen = [];
        const r = await client.callTool({ name: 'bash', arguments: { command: 'echo building; sleep 1; echo built; sleep 1' } },
                                        CallToolResultSchema, { onprogress: (p) => { seen.push(p); } });
        check(!r.isError && seen.some((p) => /building/.test(p.message || '')), 'SDK client: onprogress gets the output', seen);
    } catch (e) {
        check(false, 'bash progress: SDK session', String(e));
    }
    await client.close().catch(() => {});
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
