// tests/server/mcp_raw.mjs — `boxagnts mcp` fed raw JSON-RPC lines: malformed
// JSON, invalid requests, unknown methods, wrong params, a message over the
// size cap, batches (refused in 2025-06-18, answered in 2025-03-26), version
// negotiation, notifications and cancellation; the server must answer each
// with the right code and keep going.
// Usage: node mcp_raw.mjs BOXAGNTS TEST_TOOLS_DIR
import { spawn } from 'node:child_process';

const [bx, testTools] = process.argv.slice(2);
let passed = 0, failed = 0;
function check(cond, what, detail) {
    if (cond) { passed++; console.log(`ok ${what}`); }
    else { failed++; console.log(`FAIL ${what}${detail !== undefined ? ': ' + JSON.stringify(detail).slice(0, 400) : ''}`); }
}

class Server {
    constructor(extra = []) {
        this.p = spawn(bx, ['mcp', '--tools-dir', testTools, ...extra], {
            stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, BOXAGNTS_TOOLS_PATH: '' } });
        this.msgs = [];
        this.waiters = [];
        this.stderr = '';
        this.bad = [];
        let buf = '';
        this.p.stdout.on('data', (d) => {
            buf += d;
            let i;
            while ((i = buf.indexOf('\n')) >= 0) {
                const line = buf.slice(0, i);
                buf = buf.slice(i + 1);
                try { this.msgs.push(JSON.parse(line)); } catch { this.bad.push(line); }
                this.wake();
            }
        });
        this.p.stderr.on('data', (d) => { this.stderr += d; });
        this.exit = new Promise((res) => this.p.on('close', (code, sig) => res({ code, sig })));
        this.p.stdin.on('error', () => {});
    }
    wake() { for (const w of this.waiters.splice(0)) w(); }
    send(obj) { this.p.stdin.write((typeof obj === 'string' ? obj : JSON.stringify(obj)) + '\n'); }
    // The next message matching pred (removed from the queue), or null after ms.
    async take(pred, ms = 20000) {
        const end = Date.now() + ms;
        for (;;) {
            const i = this.msgs.findIndex(pred);
            if (i >= 0) return this.msgs.splice(i, 1)[0];
            const left = end - Date.now();
            if (left <= 0) return null;
            await new Promise((res) => { this.waiters.push(res); setTimeout(res, left); });
        }
    }
    byId(id, ms) { return this.take((m) => !Array.isArray(m) && m.id === id, ms); }
    async close() { this.p.stdin.end(); return this.exit; }
}
const code = (m) => m && m.error && m.error.code;
// FNV-1a 32 over text repeated n times: what t-echo must answer.
function fnv(textIn, n = 1) {
    const b = Buffer.from(textIn, 'utf8');
    let h = 2166136261;
    for (let i = 0; i < n; i++) for (const c of b) { h ^= c; h = Math.imul(h, 16777619) >>> 0; }
    return `${b.length}:${h >>> 0}`;
}
const init = (v) => ({ jsonrpc: '2.0', id: 'init', method: 'initialize',
                       params: { protocolVersion: v, capabilities: {}, clientInfo: { name: 'raw', version: '0' } } });

// ---- one session, protocol 2025-06-18 ----
let s = new Server();
s.send(init('2025-06-18'));
let m = await s.byId('init');
check(m?.result?.protocolVersion === '2025-06-18' && m.result.capabilities?.tools, 'initialize 2025-06-18', m);
s.send({ jsonrpc: '2.0', method: 'notifications/initialized' });

s.send('{"jsonrpc":"2.0","id":1,"method":"ping"');                       // cut short
m = await s.take((x) => x.id === null);
check(code(m) === -32700, 'truncated JSON: -32700 with id null', m);
s.send('not json at all');
m = await s.take((x) => x.id === null);
check(code(m) === -32700, 'garbage: -32700', m);
s.send('{"jsonrpc":"2.0","id":77,"method":"ping"} trailing');
m = await s.take((x) => x.id === null);
check(code(m) === -32700 && !s.msgs.some((x) => x.id === 77), 'trailing garbage after an object: -32700, not run', m);
s.send('{"jsonrpc":"2.0","id":2,"method":"ping"}\u0000{}');
m = await s.take((x) => x.id === null);
check(code(m) === -32700, 'NUL inside a line: -32700', m);
s.send('['.repeat(200000));
m = await s.take((x) => x.id === null);
check(code(m) === -32700, '200000 nested arrays: -32700, no crash', m);

s.send({ jsonrpc: '2.0', id: 3, method: 'no/such/method' });
m = await s.byId(3);
check(code(m) === -32601, 'unknown method: -32601', m);
s.send({ jsonrpc: '2.0', id: 4, method: 'resources/list' });
m = await s.byId(4);
check(code(m) === -32601, 'resources/list (not offered): -32601', m);
s.send({ jsonrpc: '1.0', id: 5, method: 'ping' });
m = await s.byId(5);
check(code(m) === -32600, 'jsonrpc 1.0: -32600', m);
s.send({ id: 6, method: 'ping' });
m = await s.byId(6);
check(code(m) === -32600, 'no jsonrpc member: -32600', m);
s.send({ jsonrpc: '2.0', id: null, method: 'ping' });
m = await s.take((x) => x.id === null);
check(code(m) === -32600, 'id null: -32600', m);
s.send({ jsonrpc: '2.0', id: { a: 1 }, method: 'ping' });
m = await s.take((x) => x.id === null);
check(code(m) === -32600, 'id an object: -32600 with id null', m);
s.send({ jsonrpc: '2.0', id: 8, method: 42 });
m = await s.byId(8);
check(code(m) === -32600, 'method a number: -32600', m);
s.send('42');
m = await s.take((x) => x.id === null);
check(code(m) === -32600, 'a bare number: -32600', m);

s.send({ jsonrpc: '2.0', id: 9, method: 'tools/call', params: { arguments: {} } });
m = await s.byId(9);
check(code(m) === -32602, 'tools/call without name: -32602', m);
s.send({ jsonrpc: '2.0', id: 10, method: 'tools/call', params: [1, 2] });
m = await s.byId(10);
check(code(m) === -32602, 'params an array: -32602', m);
s.send({ jsonrpc: '2.0', id: 11, method: 'tools/call', params: { name: 't-echo', arguments: 'text' } });
m = await s.byId(11);
check(code(m) === -32602, 'arguments a string: -32602', m);
s.send({ jsonrpc: '2.0', id: 12, method: 'tools/call', params: { name: 'nope', arguments: {} } });
m = await s.byId(12);
check(code(m) === -32602, 'unknown tool: -32602', m);
s.send({ jsonrpc: '2.0', id: 13, method: 'tools/call', params: { name: 't-echo', arguments: { text: 5 } } });
m = await s.byId(13);
check(m?.result?.isError === true, 'argument of the wrong type: isError result (tool-level)', m);
s.send({ jsonrpc: '2.0', id: 14, method: 'initialize', params: {} });
m = await s.byId(14);
check(code(m) === -32602, 'initialize without protocolVersion: -32602', m);
s.send({ jsonrpc: '2.0', id: 15, method: 'tools/list', params: { cursor: 'zzz' } });
m = await s.byId(15);
check(code(m) === -32602, 'tools/list with an unknown cursor: -32602', m);

// Over the cap (16 MiB default): one error, then the session goes on.
s.send(JSON.stringify({ jsonrpc: '2.0', id: 16, method: 'tools/call',
                        params: { name: 't-echo', arguments: { text: 'x'.repeat(17 << 20) } } }));
m = await s.take((x) => x.id === null, 60000);
check(code(m) === -32600 && /larger/.test(m.error.message), '17 MiB message: -32600 "larger than"', m);
s.send({ jsonrpc: '2.0', id: 17, method: 'ping' });
m = await s.byId(17);
check(m && m.result && !m.error && !s.msgs.some((x) => x.id === 16), 'after the huge message: ping answered, the huge call never ran', m);

// Batches: removed in 2025-06-18.
s.send([{ jsonrpc: '2.0', id: 18, method: 'ping' }, { jsonrpc: '2.0', id: 19, method: 'ping' }]);
m = await s.take((x) => x.id === null);
check(code(m) === -32600 && !s.msgs.some((x) => Array.isArray(x) || x.id === 18), 'batch under 2025-06-18: -32600, members not run', m);

// Notifications and client responses get no answer; ping after them is next.
s.send({ jsonrpc: '2.0', method: 'notifications/whatever', params: {} });
s.send({ jsonrpc: '2.0', id: 'srv-1', result: {} });
s.send({ jsonrpc: '2.0', id: 20, method: 'ping' });
m = await s.take(() => true);
check(m?.id === 20, 'unknown notification and a response: no reply', m);

// Cancellation: the cancelled request gets no response; the next one does.
s.send({ jsonrpc: '2.0', id: 21, method: 'tools/call', params: { name: 't-bad', arguments: { mode: 'spin' } } });
await new Promise((res) => setTimeout(res, 200));
s.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 21, reason: 'test' } });
s.send({ jsonrpc: '2.0', id: 22, method: 'tools/call', params: { name: 't-echo', arguments: { text: 'a' } } });
m = await s.byId(22);
check(m?.result?.content?.[0]?.text === fnv('a'), 'call after a cancellation answered', m);
// ids: a string id and a number id with the same digits are different.
s.send({ jsonrpc: '2.0', id: '23', method: 'tools/call', params: { name: 't-echo', arguments: { text: 'b' } } });
s.send({ jsonrpc: '2.0', id: 23, method: 'tools/call', params: { name: 't-echo', arguments: { text: 'c' } } });
const a23 = await s.byId('23'), b23 = await s.byId(23);
check(a23?.result?.content?.[0]?.text === fnv('b') && b23?.result?.content?.[0]?.text === fnv('c'),
      'string id "23" and number id 23 each get their own result', [a23, b23]);
let ex = await s.close();
check(!s.msgs.some((x) => x.id === 21), 'the cancelled request got no response', s.msgs);
check(ex.code === 0 && s.bad.length === 0, 'server exits 0 at end of input; every output line was JSON', { ex, bad: s.bad.slice(0, 3) });
check(!/Sanitizer/.test(s.stderr), 'no sanitizer report', s.stderr);

// ---- version negotiation and batches in 2025-03-26 ----
s = new Server();
s.send(init('1999-01-01'));
m = await s.byId('init');
check(m?.result?.protocolVersion === '2025-06-18', 'unknown client version: answered with the latest', m);
await s.close();
s = new Server();
s.send(init('2024-11-05'));
m = await s.byId('init');
check(m?.result?.protocolVersion === '2024-11-05', 'client 2024-11-05: answered 2024-11-05', m);
await s.close();
s = new Server();
s.send(init('2025-03-26'));
m = await s.byId('init');
check(m?.result?.protocolVersion === '2025-03-26', 'client 2025-03-26: answered 2025-03-26', m);
s.send([{ jsonrpc: '2.0', id: 30, method: 'ping' },
        { jsonrpc: '2.0', method: 'notifications/initialized' },
        { jsonrpc: '2.0', id: 31, method: 'tools/call', params: { name: 't-echo', arguments: { text: 'a' } } },
        { jsonrpc: '2.0', id: 32, method: 'nope' }]);
m = await s.take((x) => Array.isArray(x));
const ids = m ? m.map((x) => x.id).sort() : [];
check(m && JSON.stringify(ids) === '[30,31,32]' &&
      m.find((x) => x.id === 31)?.result?.content?.[0]?.text === fnv('a') &&
      code(m.find((x) => x.id === 32)) === -32601, 'batch under 2025-03-26: one array with the 3 replies', m);
s.send([]);
m = await s.take((x) => x.id === null);
check(code(m) === -32600, 'empty batch: -32600', m);
s.send([{ jsonrpc: '2.0', method: 'notifications/initialized' }]);
s.send({ jsonrpc: '2.0', id: 33, method: 'ping' });
m = await s.take(() => true);
check(m?.id === 33, 'batch of notifications only: no reply', m);
ex = await s.close();
check(ex.code === 0 && !/Sanitizer/.test(s.stderr), 'server exits 0, no sanitizer report', { ex, err: s.stderr });

// --policy with --executor: the executor's tool list and limits apply.
{
    const fs = await import('node:fs');
    const os = await import('node:os');
    const dir = fs.mkdtempSync(os.tmpdir() + '/bx-mcp-policy-');
    fs.writeFileSync(dir + '/p.json', JSON.stringify({ executors: { small: { tools: ['t-bad'], limits: { fuel: 100000 } } } }));
    s = new Server(['--policy', dir + '/p.json', '--executor', 'small']);
    s.send(init('2025-06-18'));
    await s.byId('init');
    s.send({ jsonrpc: '2.0', id: 50, method: 'tools/list' });
    m = await s.byId(50);
    check(JSON.stringify(m?.result?.tools?.map((t) => t.name)) === '["t-bad"]', '--executor small: tools/list shows its allowlist only', m);
    s.send({ jsonrpc: '2.0', id: 51, method: 'tools/call', params: { name: 't-bad', arguments: { mode: 'spin' } } });
    m = await s.byId(51);
    check(m?.result?.isError === true && /fuel/.test(m.result.content[0].text) && m.result._meta['boxagnts/usage'].fuel <= 100000,
          '--executor small: its fuel limit 100000 stops the call', m);
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
    const { spawnSync } = await import('node:child_process');
    for (const args of [['mcp', '--executor', 'nobody'], ['mcp', '--workers', '0'], ['mcp', '--bogus', 'x'], ['serve'], ['mcp', '--profile', 'root']]) {
        const res = spawnSync(bx, args, { input: '', encoding: 'utf8' });
        check(res.status === 2 && res.stdout === '' && res.stderr.length > 0, `boxagnts ${args.join(' ')}: exit 2 with a message`, res);
    }
}

// Mutated messages (seeded, so a failure replays): every line gets at most
// one reply, the server never dies, and a ping afterwards is answered.
{
    let seed = 12345;
    const rnd = (n) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed % n; };
    const seeds = [
        JSON.stringify(init('2025-03-26')),
        JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 't-echo', arguments: { text: 'abc', n: 2 } } }),
        JSON.stringify({ jsonrpc: '2.0', id: 'x', method: 'tools/list', params: {} }),
        JSON.stringify([{ jsonrpc: '2.0', id: 2, method: 'ping' }, { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } }]),
    ];
    const pieces = ['{', '}', '[', ']', '"', ':', ',', 'null', '-1e999', '"\\u0000"', '"\\ud800"', '\u00ff', 'tools/call', '"id"', '"method"', '0', 'true'];
    s = new Server(['--fuel', '1000000']);
    const N = 1500;
    for (let i = 0; i < N; i++) {
        let t = seeds[rnd(seeds.length)];
        for (let k = 1 + rnd(4); k > 0; k--) {
            const at = rnd(t.length + 1), op = rnd(3);
            if (op === 0) t = t.slice(0, at) + t.slice(at + 1 + rnd(8));
            else if (op === 1) t = t.slice(0, at) + pieces[rnd(pieces.length)] + t.slice(at);
            else t = t.slice(0, at) + String.fromCharCode(rnd(0x3000)) + t.slice(at);
        }
        s.send(t.replace(/[\n\r]/g, ' '));
    }
    s.send({ jsonrpc: '2.0', id: 'final-ping', method: 'ping' });
    m = await s.byId('final-ping', 120000);
    check(m && m.result, `${N} mutated messages: server alive, ping answered`, m);
    ex = await s.close();
    check(ex.code === 0 && ex.sig === null && s.bad.length === 0 && !/Sanitizer|runtime error/.test(s.stderr),
          'mutated messages: exit 0, only JSON lines out, no sanitizer report', { ex, bad: s.bad.slice(0, 2), err: s.stderr.slice(0, 300) });
}

// End of input right after a long call, the client still reading (a script
// piping requests, with --drain wait): the call is answered, then the server exits.
s = new Server(['--drain', 'wait']);
s.send(init('2025-06-18'));
await s.byId('init');
s.send({ jsonrpc: '2.0', id: 60, method: 'tools/call', params: { name: 't-echo', arguments: { text: 'piped', n: 20000 } } });
ex = await s.close();
check(ex.code === 0 && s.msgs.find((x) => x.id === 60)?.result?.content?.[0]?.text === fnv('piped', 20000),
      'end of input with a call running: answered, then exit 0', { ex, msgs: s.msgs });

// End of input mid-call with the client no longer reading: the running
// call is stopped, not waited for (its timeout is 60 s), and the server exits.
s = new Server(['--timeout', '60s']);
s.send(init('2025-06-18'));
await s.byId('init');
s.send({ jsonrpc: '2.0', id: 40, method: 'tools/call', params: { name: 't-bad', arguments: { mode: 'spin' } } });
await new Promise((res) => setTimeout(res, 200));
s.p.stdout.destroy();
s.p.stdin.end();
ex = await Promise.race([s.exit, new Promise((res) => setTimeout(() => res('hang'), 90000))]);
check(ex !== 'hang' && ex.sig === null && ex.code === 0, 'client gone mid-call: server exits by itself', ex);

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
