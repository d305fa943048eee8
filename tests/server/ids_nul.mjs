// tests/server/ids_nul.mjs — JSON-RPC ids and keys holding U+0000
// (`\u0000`), raw lines to `boxagnts mcp` and `serve --jsonl`: ids that
// differ only after the NUL each get their own response with their exact
// id; cancelling one cancels only that one (also when the cancellation
// spells the same id with other escapes); a key "id\u0000x" is not "id";
// a method holding U+0000 is not a method.
// Usage: node ids_nul.mjs BOXAGNTS TEST_TOOLS_DIR
import { spawn } from 'node:child_process';

const [bx, testTools] = process.argv.slice(2);
let passed = 0, failed = 0;
function check(cond, what, detail) {
    if (cond) { passed++; console.log(`ok ${what}`); }
    else { failed++; console.log(`FAIL ${what}${detail !== undefined ? ': ' + JSON.stringify(detail).slice(0, 500) : ''}`); }
}
const env = { ...process.env, BOXAGNTS_TOOLS_PATH: '' };

class Proc {
    constructor(args) {
        this.p = spawn(bx, [...args, '--tools-dir', testTools], { stdio: ['pipe', 'pipe', 'pipe'], env });
        this.msgs = []; this.lines = []; this.bad = []; this.waiters = []; this.stderr = '';
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
        this.p.stderr.on('data', (d) => { this.stderr += d; });
        this.exit = new Promise((res) => this.p.on('close', (code, sig) => res({ code, sig })));
        this.p.stdin.on('error', () => {});
    }
    send(x) { this.p.stdin.write((typeof x === 'string' ? x : JSON.stringify(x)) + '\n'); }
    async take(pred, ms = 30000) {
        const end = Date.now() + ms;
        for (;;) {
            const i = this.msgs.findIndex(pred);
            if (i >= 0) return this.msgs.splice(i, 1)[0];
            const left = end - Date.now();
            if (left <= 0) return null;
            await new Promise((res) => { this.waiters.push(res); setTimeout(res, left); });
        }
    }
    byId(id, ms) { return this.take((m) => m.id === id, ms); }
    async close() { this.p.stdin.end(); return this.exit; }
}
function fnv(textIn) {
    const b = Buffer.from(textIn, 'utf8');
    let h = 2166136261;
    for (const c of b) { h ^= c; h = Math.imul(h, 16777619) >>> 0; }
    return `${b.length}:${h >>> 0}`;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const call = (id, name, args) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });

// ---- MCP ----
{
    const s = new Proc(['mcp', '--workers', '4', '--timeout', '4s']);
    s.send({ jsonrpc: '2.0', id: 'init', method: 'initialize',
             params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'nul', version: '0' } } });
    const init = await s.byId('init');
    check(init?.result?.protocolVersion, 'initialize', init);
    s.send({ jsonrpc: '2.0', method: 'notifications/initialized' });

    // Two calls whose ids differ only after the NUL; each answered with its own.
    const A = 'x\u0000one', B = 'x\u0000two';
    s.send(call(A, 't-echo', { text: 'first' }));
    s.send(call(B, 't-echo', { text: 'second' }));
    const a = await s.byId(A), b = await s.byId(B);
    check(a?.result?.content?.[0]?.text === fnv('first'), 'id "x\\u0000one": its own result, its exact id', a);
    check(b?.result?.content?.[0]?.text === fnv('second'), 'id "x\\u0000two": its own result, its exact id', b);
    check(!s.msgs.some((m) => m.id === 'x'), 'no response carries the id cut at the NUL ("x")', s.msgs);
    check(s.lines.some((l) => l.includes('"x\\u0000one"')), 'the id is written back as \\u0000 on the wire', s.lines.slice(-3));

    // Cancel one of two spinning calls: only that one is cancelled.
    const C = 'spin\u0000a', D = 'spin\u0000b';
    s.send(call(C, 't-bad', { mode: 'spin' }));
    s.send(call(D, 't-bad', { mode: 'spin' }));
    await sleep(300);
    s.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: C, reason: 'test' } });
    const d = await s.byId(D, 30000);
    check(d && (d.result?.isError === true || d.error), 'the other call (same prefix) ran to its timeout and was answered, with its exact id', d);
    await sleep(300);
    check(!s.msgs.some((m) => m.id === C), 'the cancelled call got no response', s.msgs);

    // The cancellation may spell the same id with other escapes.
    s.send(call('e\u0000E', 't-bad', { mode: 'spin' }));
    await sleep(300);
    s.send('{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"\\u0065\\u0000\\u0045"}}');
    // a cancellation naming only the prefix ("e") must not cancel anything
    s.send(call('e', 't-bad', { mode: 'spin' }));
    await sleep(300);
    s.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 'e\u0000' } });
    const e = await s.byId('e', 30000);
    check(e && (e.result?.isError === true || e.error), 'call "e" is not cancelled by "e\\u0000", answered', e);
    check(!s.msgs.some((m) => m.id === 'e\u0000E'), 'the call cancelled by another spelling of its id got no response', s.msgs);

    // Keys holding U+0000 are not the keys they start with.
    s.send('{"jsonrpc":"2.0","id\\u0000x":5,"id":6,"method":"ping"}');
    const six = await s.byId(6);
    check(six?.result && !s.msgs.some((m) => m.id === 5), 'key "id\\u0000x" is not "id": the reply goes to id 6', six);
    s.send('{"jsonrpc":"2.0","id\\u0000":7,"method":"ping"}');
    s.send('{"jsonrpc":"2.0","id":8,"method":"ping"}');
    const eight = await s.byId(8);
    check(eight?.result && !s.msgs.some((m) => m.id === 7), 'a message whose only "id" key holds a NUL is a notification', eight);
    s.send('{"jsonrpc":"2.0","id":9,"method":"ping\\u0000x"}');
    const nine = await s.byId(9);
    check(nine?.error?.code === -32600, 'method "ping\\u0000x" is not ping: -32600', nine);
    s.send('{"jsonrpc":"2.0","id":10,"method":"tools/call","params":{"name":"t-echo\\u0000evil","arguments":{"text":"q"}}}');
    const ten = await s.byId(10);
    check(ten?.error?.code === -32602, 'tool name holding a NUL is refused, not cut to t-echo', ten);
    // Number ids and plain strings are unchanged.
    s.send({ jsonrpc: '2.0', id: 11, method: 'ping' });
    s.send({ jsonrpc: '2.0', id: '11', method: 'ping' });
    const n11 = await s.byId(11), s11 = await s.byId('11');
    check(n11?.result && s11?.result, 'number id 11 and string id "11" still answered apart', [n11, s11]);
    // Batches (2025-03-26 allows them): each member's exact id.
    const ex = await s.close();
    check(ex.code === 0 && s.bad.length === 0, 'exit 0; every output line was JSON', { ex, bad: s.bad });
    check(!/Sanitizer/.test(s.stderr), 'no sanitizer report', s.stderr);
}
{
    const s = new Proc(['mcp']);
    s.send({ jsonrpc: '2.0', id: 'init', method: 'initialize',
             params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'nul', version: '0' } } });
    await s.byId('init');
    s.send(JSON.stringify([{ jsonrpc: '2.0', id: 'b\u0000' + '1', method: 'ping' }, { jsonrpc: '2.0', id: 'b\u0000' + '2', method: 'ping' }]));
    const arr = await s.take((m) => Array.isArray(m));
    const ids = (arr || []).map((m) => m.id).sort();
    check(ids.length === 2 && ids[0] === 'b\u00001' && ids[1] === 'b\u00002', 'batch: each member answered with its exact id', arr);
    await s.close();
}

// ---- serve --jsonl ----
{
    const s = new Proc(['serve', '--jsonl', '--workers', '4', '--timeout', '4s']);
    s.send({ id: 'j\u0000a', tool: 't-echo', input: { text: 'A' } });
    s.send({ id: 'j\u0000b', tool: 't-echo', input: { text: 'B' } });
    const a = await s.byId('j\u0000a'), b = await s.byId('j\u0000b');
    check(a?.result?.content === fnv('A') && b?.result?.content === fnv('B'), 'jsonl: ids differing after the NUL, each its own result', [a, b]);
    s.send({ id: 'k\u0000a', tool: 't-bad', input: { mode: 'spin' } });
    s.send({ id: 'k\u0000b', tool: 't-bad', input: { mode: 'spin' } });
    await sleep(300);
    s.send({ cancel: 'k\u0000a' });
    const ka = await s.byId('k\u0000a'), kb = await s.byId('k\u0000b');
    check(ka?.error?.code === 'cancelled', 'jsonl: the cancelled call answers "cancelled" with its exact id', ka);
    check(kb && kb.error?.code !== 'cancelled', 'jsonl: the other call is not cancelled (ran to its timeout)', kb);
    s.send('{"id":"z","tool\\u0000x":"t-bad","tool":"t-echo","input":{"text":"z"}}');
    const z = await s.byId('z');
    check(z?.result?.content === fnv('z'), 'jsonl: key "tool\\u0000x" is not "tool"', z);
    const ex = await s.close();
    check(ex.code === 0 && s.bad.length === 0, 'jsonl: exit 0; every line JSON', { ex, bad: s.bad });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
