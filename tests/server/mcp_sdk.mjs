// tests/server/mcp_sdk.mjs — the official MCP client (@modelcontextprotocol/sdk)
// against `boxagnts mcp` over stdio: handshake, tools/list with schemas and
// annotations, a call of every built-in tool present (results checked against
// the workspace on disk, not against our own output), errors, cancellation.
// Usage: node mcp_sdk.mjs SDK_DIR BOXAGNTS TOOLS_DIR TEST_TOOLS_DIR WORKDIR
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [sdkDir, bx, toolsDir, testTools, work] = process.argv.slice(2);
const { Client } = await import(pathToFileURL(path.join(sdkDir, 'dist/esm/client/index.js')));
const { StdioClientTransport } = await import(pathToFileURL(path.join(sdkDir, 'dist/esm/client/stdio.js')));

let passed = 0, failed = 0;
function check(cond, what, detail) {
    if (cond) { passed++; console.log(`ok ${what}`); }
    else { failed++; console.log(`FAIL ${what}${detail !== undefined ? ': ' + JSON.stringify(detail).slice(0, 400) : ''}`); }
}
const text = (r) => (r.content || []).filter((c) => c.type === 'text').map((c) => c.text).join('');

// FNV-1a 32 over text repeated n times: what t-echo must answer.
function fnv(textIn, n) {
    const b = Buffer.from(textIn, 'utf8');
    let h = 2166136261;
    for (let i = 0; i < n; i++) for (const c of b) { h ^= c; h = Math.imul(h, 16777619) >>> 0; }
    return `${b.length}:${h >>> 0}`;
}

const ws = path.join(work, 'ws');
fs.rmSync(ws, { recursive: true, force: true });
fs.mkdirSync(path.join(ws, 'src'), { recursive: true });
fs.writeFileSync(path.join(ws, 'src', 'main.c'), 'int main(void)\n{\n    return 0;\n}\n');
fs.writeFileSync(path.join(ws, 'README.md'), '# demo\n');
fs.writeFileSync(path.join(work, 'outside.txt'), 'secret\n');

async function connect(extra = []) {
    const stderr = [];
    const transport = new StdioClientTransport({
        command: bx,
        args: ['mcp', '--workspace', ws, '--tools-dir', testTools, ...extra],
        env: { ...process.env, BOXAGNTS_TOOLS_PATH: '' },
        stderr: 'pipe',
    });
    transport.stderr?.on('data', (d) => stderr.push(String(d)));
    const client = new Client({ name: 'boxagnts-test', version: '1.0.0' });
    await client.connect(transport);
    return { client, transport, stderr };
}

const { client, transport, stderr } = await connect();
check(client.getServerVersion()?.name === 'boxagnts', 'serverInfo.name is boxagnts', client.getServerVersion());
check(!!client.getServerCapabilities()?.tools, 'capabilities.tools advertised', client.getServerCapabilities());
check(typeof client.getInstructions() === 'string', 'instructions given');
await client.ping();
check(true, 'ping answered');

const builtins = fs.readdirSync(toolsDir).filter((d) => fs.existsSync(path.join(toolsDir, d, 'tool.json')));
const { tools } = await client.listTools();
const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
for (const name of [...builtins, 't-echo', 't-bad'])
    check(!!byName[name], `tools/list has ${name}`, tools.map((t) => t.name));
for (const t of tools) {
    check(t.inputSchema?.type === 'object' && typeof t.description === 'string' && t.description.length > 0,
          `${t.name}: inputSchema is an object schema, description present`, t.inputSchema);
    const m = JSON.parse(fs.readFileSync(path.join(fs.existsSync(path.join(toolsDir, t.name)) ? toolsDir : testTools, t.name, 'tool.json'), 'utf8'));
    // True hints: a tool changes nothing unless it may write the workspace
    // or reach the network (js-execute, level execute, cannot write).
    const ro = (m.needs?.workspace || 'none') !== 'write' && !m.needs?.network &&
               m.permission_level !== 'dangerous';
    check(t.annotations?.readOnlyHint === ro && t.annotations?.destructiveHint === !ro,
          `${t.name}: readOnlyHint/destructiveHint follow needs ${JSON.stringify(m.needs)}`, t.annotations);
    check(t.annotations?.openWorldHint === !!(m.needs && m.needs.network),
          `${t.name}: openWorldHint follows needs.network`, t.annotations);
    check(JSON.stringify(t.inputSchema.required || []) === JSON.stringify(m.input_schema.required || []),
          `${t.name}: inputSchema.required is the manifest's`, t.inputSchema);
}

// file-write -> the file on disk; file-read -> numbered lines; file-edit ->
// disk changed; file-glob -> finds it.
let r = await client.callTool({ name: 'file-write', arguments: { file_path: 'notes/todo.txt', content: 'alpha\nbeta\n' } });
check(!r.isError && fs.readFileSync(path.join(ws, 'notes/todo.txt'), 'utf8') === 'alpha\nbeta\n',
      'file-write creates notes/todo.txt with parents', r);
r = await client.callTool({ name: 'file-read', arguments: { file_path: '/workspace/src/main.c' } });
check(!r.isError && text(r).includes('1\tint main(void)') && text(r).includes('3\t    return 0;'), 'file-read numbers lines', r);
check(r._meta && typeof r._meta['boxagnts/usage']?.fuel === 'number' && r._meta['boxagnts/usage'].fuel > 0,
      'tools/call result carries usage in _meta', r._meta);
r = await client.callTool({ name: 'file-read', arguments: { file_path: 'src/main.c', offset: 2, limit: 1 } });
check(!r.isError && text(r).includes('2\t{') && !text(r).includes('1\tint'), 'file-read offset/limit', r);
r = await client.callTool({ name: 'file-edit', arguments: { file_path: 'notes/todo.txt', old_string: 'beta', new_string: 'gamma' } });
check(!r.isError && fs.readFileSync(path.join(ws, 'notes/todo.txt'), 'utf8') === 'alpha\ngamma\n', 'file-edit changes the file on disk', r);
r = await client.callTool({ name: 'file-edit', arguments: { file_path: 'notes/todo.txt', old_string: 'delta', new_string: 'x' } });
check(r.isError === true && fs.readFileSync(path.join(ws, 'notes/todo.txt'), 'utf8') === 'alpha\ngamma\n',
      'file-edit of an absent string is isError, file unchanged', r);
r = await client.callTool({ name: 'file-glob', arguments: { pattern: '**/*.txt' } });
check(!r.isError && text(r).includes('notes/todo.txt') && !text(r).includes('main.c'), 'file-glob **/*.txt', r);
r = await client.callTool({ name: 'file-read', arguments: { file_path: 'nope.txt' } });
check(r.isError === true, 'file-read of a missing file is isError', r);
r = await client.callTool({ name: 'file-read', arguments: { file_path: '../outside.txt' } });
check(r.isError === true && !text(r).includes('secret'), 'file-read cannot leave the workspace', r);
r = await client.callTool({ name: 'file-read', arguments: {} });
check(r.isError === true, 'file-read without file_path (schema) is isError', r);
r = await client.callTool({ name: 't-echo', arguments: { text: 'héllo wörld', n: 7 } });
check(!r.isError && text(r) === fnv('héllo wörld', 7), 't-echo result is the FNV hash computed here', [text(r), fnv('héllo wörld', 7)]);
if (byName['bash']) {
    r = await client.callTool({ name: 'bash', arguments: { command: 'echo hi && cat src/main.c | wc -l' } });
    check(!r.isError && /hi/.test(text(r)) && /\b4\b/.test(text(r)), 'bash runs a pipeline', r);
}
if (byName['js-execute']) {
    r = await client.callTool({ name: 'js-execute', arguments: { code: 'console.log("x" + 1); [1,2,3].map(v => v * 2).join(",")' } });
    check(!r.isError && text(r).includes('x1') && text(r).includes('2,4,6'), 'js-execute output and last value', r);
    r = await client.callTool({ name: 'js-execute', arguments: { code: 'throw new Error("boom")' } });
    check(r.isError === true && text(r).includes('boom'), 'js-execute exception is isError', r);
}
if (byName['web-fetch']) {
    // Loopback is a private network: refused by default, never fetched.
    r = await client.callTool({ name: 'web-fetch', arguments: { url: 'http://127.0.0.1:9/' } });
    check(r.isError === true, 'web-fetch of a private address is refused (isError)', r);
}

// Errors the client sees as JSON-RPC errors.
try {
    await client.callTool({ name: 'no-such-tool', arguments: {} });
    check(false, 'unknown tool is an error');
} catch (e) {
    check(e.code === -32602, 'unknown tool: JSON-RPC error -32602', { code: e.code, message: e.message });
}

// Concurrency: 12 calls at once, each answered with its own result.
const inputs = Array.from({ length: 12 }, (_, i) => ({ text: `call-${i}`, n: 50 + i }));
const results = await Promise.all(inputs.map((a) => client.callTool({ name: 't-echo', arguments: a })));
check(results.every((res, i) => text(res) === fnv(inputs[i].text, inputs[i].n)), '12 concurrent calls matched by id',
      results.map(text));

// Misbehaving tools are is_error results, and the server goes on.
for (const mode of ['trap', 'stack', 'flood']) {
    r = await client.callTool({ name: 't-bad', arguments: { mode } });
    check(r.isError === true, `t-bad ${mode}: isError`, r);
}
r = await client.callTool({ name: 't-echo', arguments: { text: 'after', n: 1 } });
check(text(r) === fnv('after', 1), 'server answers after misbehaving tools');

await client.close();
check(!stderr.join('').includes('Sanitizer'), 'no sanitizer report', stderr.join(''));

// Cancellation with one worker: a call spinning under a 120 s timeout is
// cancelled; the next call can only run once that sandbox has stopped.
{
    const { client: c2, stderr: e2 } = await connect(['--workers', '1', '--timeout', '120s']);
    const ac = new AbortController();
    const p = c2.callTool({ name: 't-bad', arguments: { mode: 'spin' } }, undefined, { signal: ac.signal, timeout: 300000 });
    await new Promise((res) => setTimeout(res, 300));
    ac.abort('test');
    let rejected = false;
    try { await p; } catch { rejected = true; }
    check(rejected, 'aborted call rejects on the client side');
    const t0 = Date.now();
    const after = await c2.callTool({ name: 't-echo', arguments: { text: 'x', n: 1 } }, undefined, { timeout: 60000 });
    check(text(after) === fnv('x', 1) && Date.now() - t0 < 60000,
          'after notifications/cancelled the one worker is free again (spinning sandbox stopped)', Date.now() - t0);
    await c2.close();
    check(!e2.join('').includes('Sanitizer'), 'no sanitizer report (cancel)', e2.join(''));
}

// Profile: read_only hides and refuses write tools; --tool allowlist.
{
    const { client: c3 } = await connect(['--profile', 'read_only', '--tool', 'file-read', '--tool', 'file-write']);
    const names = (await c3.listTools()).tools.map((t) => t.name).sort();
    check(JSON.stringify(names) === '["file-read"]', '--profile read_only --tool file-read --tool file-write lists only file-read', names);
    const w = await c3.callTool({ name: 'file-write', arguments: { file_path: 'x.txt', content: 'no' } });
    check(w.isError === true && !fs.existsSync(path.join(ws, 'x.txt')), 'write tool refused under read_only, nothing written', w);
    try {
        await c3.callTool({ name: 'file-glob', arguments: { pattern: '*' } });
        check(false, 'a tool outside --tool is unknown');
    } catch (e) {
        check(e.code === -32602, 'a tool outside --tool is unknown (-32602)', e.code);
    }
    await c3.close();
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
