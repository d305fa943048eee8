// tests/server/rescan.mjs — problems a rescan (SIGHUP) finds reach the operator:
// a manifest that does not parse, a module that does not validate, a tool
// folder refused because a sandbox could write it.  Each is one stderr line
// with the path and the reason, and, for an MCP client that enabled logging
// (logging/setLevel), a notifications/message at level warning; a client that
// did not gets none.  The tools are not added; an unchanged problem is not
// told again, a fixed one is retried and added.  Official SDK client; every
// wait is bounded generously, nothing asserts how fast a thing is.
// Usage: node rescan.mjs SDK_DIR BOXAGNTS TEST_TOOLS_DIR WORK_DIR
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
    else { failed++; console.log(`FAIL ${what}${detail !== undefined ? ': ' + JSON.stringify(detail).slice(0, 800) : ''}`); }
}
const sleep = (ms) => new Promise((res) => setTimeout(res, ms));
const BOUND = 30000;
const env = { ...process.env, BOXAGNTS_TOOLS_PATH: '', BOXAGNTS_CACHE_DIR: 'none' };
async function until(cond, ms = BOUND) {
    const end = Date.now() + ms;
    while (!cond() && Date.now() < end) await sleep(50);
    return cond();
}

// A module that decodes (its header is right, so the manifest loads) but does
// not validate: a function of type () -> i32 whose body leaves nothing.
const INVALID = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
                             0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f,     // type: () -> i32
                             0x03, 0x02, 0x01, 0x00,                       // func 0: type 0
                             0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b]);         // body: end
const echoManifest = (name) => fs.readFileSync(path.join(testTools, 't-echo', 'tool.json'), 'utf8').replace('"t-echo"', `"${name}"`);
// Made beside the folder and renamed in, as an operator should.
function addTool(dir, name, manifest, wasm) {
    const stage = path.join(work, `stage-${name}-${Date.now()}`);
    fs.mkdirSync(stage, { recursive: true });
    fs.writeFileSync(path.join(stage, 'tool.json'), manifest);
    if (wasm) fs.writeFileSync(path.join(stage, 'tool.wasm'), wasm);
    fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    fs.renameSync(stage, path.join(dir, name));
}
// The operator's folder (hot), and one inside the workspace (a sandbox can write it).
function layout(tag) {
    const base = path.join(work, tag);
    fs.rmSync(base, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
    const hot = path.join(base, 'hot'), ws = path.join(base, 'ws'), inws = path.join(base, 'ws', 'tools');
    fs.mkdirSync(hot, { recursive: true });
    fs.mkdirSync(inws, { recursive: true });
    fs.mkdirSync(path.join(hot, 't-echo'));
    for (const f of ['tool.json', 'tool.wasm']) fs.copyFileSync(path.join(testTools, 't-echo', f), path.join(hot, 't-echo', f));
    return { hot, ws, inws };
}
const skipped = (err) => err.split('\n').filter((l) => /warning: tool skipped: /.test(l));

async function session(tag, withLogging) {
    const { hot, ws, inws } = layout(tag);
    const transport = new StdioClientTransport({ command: bx, args: ['mcp', '--workspace', ws, '--tools-dir', hot, '--tools-dir', inws],
                                                 env, stderr: 'pipe' });
    let err = '';
    transport.stderr?.on('data', (d) => { err += d; });
    const client = new Client({ name: `rescan-${tag}`, version: '1' });
    const logs = [];
    let changed = 0;
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => { logs.push(n.params); });
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => { changed++; });
    const r = { hot, inws, get err() { return err; }, logs, get changed() { return changed; }, client, transport };
    await client.connect(transport);
    if (withLogging) await client.setLoggingLevel('warning');
    const start = skipped(err).length;     // none expected at start; counted from here
    addTool(hot, 'broken', '{"name": "broken", ', null);
    addTool(hot, 'badmod', echoManifest('badmod'), INVALID);
    process.kill(transport.pid, 'SIGHUP');
    r.first = await until(() => skipped(err).length >= start + 3);
    r.start = start;
    return r;
}

// ---- a client that enabled logging ---------------------------------------------------------
{
    let s;
    try {
        s = await session('logged', true);
        const lines = skipped(s.err).slice(s.start);
        check(s.first && lines.length === 3, 'SIGHUP: three problems, three stderr lines', s.err);
        const brokenPath = path.join(s.hot, 'broken', 'tool.json'), badPath = path.join(s.hot, 'badmod', 'tool.json');
        const lb = lines.find((l) => l.includes(brokenPath)), lm = lines.find((l) => l.includes(badPath)),
              ld = lines.find((l) => l.includes(s.inws));
        check(lb && /not a JSON object|syntax/.test(lb), 'stderr: the manifest that does not parse, with its path and why', lines);
        check(lm && /module does not load/.test(lm) && lm.length > lm.indexOf('does not load') + 20,
              'stderr: the module that does not validate, with its manifest\'s path and the validator\'s reason', lines);
        check(ld && /not scanned again/.test(ld) && /can write there \(its writable grant of .*\/ws reaches it\)/.test(ld),
              'stderr: the folder a sandbox could write, with its path and what to change', lines);
        check(lines.every((l) => l.startsWith('boxagnts mcp: warning: tool skipped: ')), 'stderr: one line each, worded as at start-up', lines);
        await until(() => s.logs.filter((l) => l.data?.event === 'tool_skipped').length >= 3);
        const w = s.logs.filter((l) => l.data?.event === 'tool_skipped');
        check(w.length === 3 && w.every((l) => l.level === 'warning'), 'MCP: three notifications/message at level warning', s.logs);
        check([path.join(s.hot, 'broken'), path.join(s.hot, 'badmod'), s.inws].every((p) => w.some((l) => l.data.message.includes(p))),
              'MCP: each names its path', w);
        const names = (await s.client.listTools()).tools.map((t) => t.name);
        check(!names.includes('broken') && !names.includes('badmod') && s.changed === 0,
              'neither tool is listed; no list_changed (nothing was added)', { names, changed: s.changed });

        // Again, nothing changed: only the refused folder is told again (it is refused at every rescan).
        process.kill(s.transport.pid, 'SIGHUP');
        await until(() => skipped(s.err).length >= s.start + 4);
        await s.client.ping();
        const again = skipped(s.err).slice(s.start);
        check(again.length === 4 && again.filter((l) => l.includes(s.inws)).length === 2,
              'a second SIGHUP: the unchanged broken manifest and module are not told again; the refused folder is', again);

        // The module fixed: retried, added, list_changed.
        addTool(s.hot, 'badmod', echoManifest('badmod'), fs.readFileSync(path.join(testTools, 't-echo', 'tool.wasm')));
        process.kill(s.transport.pid, 'SIGHUP');
        check(await until(() => s.changed >= 1), 'the module fixed: SIGHUP adds it (list_changed)', s.err);
        const c = await s.client.callTool({ name: 'badmod', arguments: { text: 'x' } });
        check(!c.isError, 'the fixed tool runs', c);
    } catch (e) {
        check(false, 'logged session', String(e) + ' ' + (s ? s.err.slice(0, 400) : ''));
    }
    await s?.client.close().catch(() => {});
}

// ---- a client that did not enable logging: stderr only ------------------------------------
{
    let s;
    try {
        s = await session('quiet', false);
        check(s.first && skipped(s.err).length - s.start === 3, 'no logging: the three problems still on stderr', s.err);
        await s.client.ping();
        await sleep(200);
        check(s.logs.length === 0, 'no logging enabled: no notifications/message', s.logs);
    } catch (e) {
        check(false, 'quiet session', String(e) + ' ' + (s ? s.err.slice(0, 400) : ''));
    }
    await s?.client.close().catch(() => {});
}

// ---- serve --jsonl: no notifications, the same stderr lines ---------------------------------
{
    const { hot, ws, inws } = layout('jsonl');
    const p = spawn(bx, ['serve', '--jsonl', '--workspace', ws, '--tools-dir', hot, '--tools-dir', inws],
                    { stdio: ['pipe', 'pipe', 'pipe'], env });
    let err = '', out = '';
    p.stderr.on('data', (d) => { err += d; });
    p.stdout.on('data', (d) => { out += d; });
    const exit = new Promise((res) => p.on('close', (code) => res(code)));
    // answered: started, with its SIGHUP handler set (before the first request is read)
    p.stdin.write(JSON.stringify({ id: 1, tool: 't-echo', input: { text: 'a' } }) + '\n');
    await until(() => out.includes('"id":1'));
    addTool(hot, 'badmod', echoManifest('badmod'), INVALID);
    p.kill('SIGHUP');
    const got = await until(() => skipped(err).length >= 2);
    const lines = skipped(err);
    check(got && lines.some((l) => l.startsWith('boxagnts serve: warning: tool skipped: ') && l.includes(path.join(hot, 'badmod')) &&
                            /does not load/.test(l)) && lines.some((l) => l.includes(inws) && /can write there/.test(l)),
          'serve --jsonl: the rescan\'s problems on stderr, one line each', err);
    p.stdin.write(JSON.stringify({ id: 2, tool: 'badmod', input: { text: 'a' } }) + '\n');
    p.stdin.end();
    const code = await Promise.race([exit, sleep(BOUND).then(() => 'hang')]);
    if (code === 'hang') p.kill('SIGKILL');
    check(code === 0 && /"id":2,"error":\{"code":"unknown_tool"/.test(out), 'serve --jsonl: the tool whose module does not validate is not callable', out);
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
