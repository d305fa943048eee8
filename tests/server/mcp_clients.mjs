// tests/server/mcp_clients.mjs — the client configurations of the README,
// started exactly as written (paths moved under a temporary root) with the
// official SDK client, and the MCP features clients use: titles, true
// annotations, outputSchema + structuredContent (validated by the SDK against
// the schema), requests before initialize refused.
// Usage: node mcp_clients.mjs SDK_DIR README ROOT
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const [sdkDir, readme, root] = process.argv.slice(2);
const { Client } = await import(pathToFileURL(path.join(sdkDir, 'dist/esm/client/index.js')));
const { StdioClientTransport } = await import(pathToFileURL(path.join(sdkDir, 'dist/esm/client/stdio.js')));
const { LoggingMessageNotificationSchema } = await import(pathToFileURL(path.join(sdkDir, 'dist/esm/types.js')));

let passed = 0, failed = 0;
function check(cond, what, detail) {
    if (cond) { passed++; console.log(`ok ${what}`); }
    else { failed++; console.log(`FAIL ${what}${detail !== undefined ? ': ' + JSON.stringify(detail).slice(0, 500) : ''}`); }
}
const relocate = (s) => s.replaceAll('/usr/local', root + '/usr/local').replaceAll('/home/you', root + '/home/you');

// ---- the README section, its code blocks -----------------------------------------
const text = fs.readFileSync(readme, 'utf8');
const sec = text.split('### Connecting an MCP client')[1]?.split('\n### ')[0] || '';
const blocks = [...sec.matchAll(/```(json|sh)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], body: m[2] }));
check(blocks.length === 4, 'README: policy, mcpServers, claude mcp add, VS Code blocks', blocks.map((b) => b.lang));
const policy = JSON.parse(blocks[0].body);
const policyPath = sec.match(/saved as `([^`]+)`/)[1];
fs.mkdirSync(path.dirname(relocate(policyPath)), { recursive: true });
fs.writeFileSync(relocate(policyPath), JSON.stringify(policy));
fs.mkdirSync(relocate('/home/you/project'), { recursive: true });

const configs = [];
const desktop = JSON.parse(blocks[1].body).mcpServers.boxagnts;
configs.push({ name: 'Claude Desktop / Cursor', command: desktop.command, args: desktop.args });
const add = blocks[2].body.trim().match(/^claude mcp add (\S+) -- (.*)$/);
check(!!add, 'claude mcp add line: NAME -- COMMAND ARGS', blocks[2].body);
if (add) { const w = add[2].split(/\s+/); configs.push({ name: 'Claude Code', command: w[0], args: w.slice(1) }); }
const vs = JSON.parse(blocks[3].body).servers.boxagnts;
check(vs.type === 'stdio', 'VS Code: type stdio', vs);
configs.push({ name: 'VS Code', command: vs.command, args: vs.args });
for (const c of configs)
    check(path.isAbsolute(c.command) && c.args.filter((a) => a.startsWith('/')).length >= 2 && !c.args.some((a) => a.startsWith('~')),
          `${c.name}: absolute command and paths`, c);

const project = relocate('/home/you/project');
const env = { PATH: '/usr/bin:/bin', HOME: relocate('/home/you') };   // no PATH to our binary: absolute it is
for (const c of configs) {
    const transport = new StdioClientTransport({ command: relocate(c.command), args: c.args.map(relocate), env, stderr: 'pipe' });
    let err = '';
    transport.stderr?.on('data', (d) => { err += d; });
    const client = new Client({ name: 'cfg-test', version: '1' });
    try {
        await client.connect(transport);
        const { tools } = await client.listTools();
        const names = tools.map((t) => t.name).sort();
        check(['bash', 'file-edit', 'file-glob', 'file-read', 'file-write', 'js-execute', 'web-fetch'].every((n) => names.includes(n)),
              `${c.name}: the built-in tools are offered`, names);
        const line = `written through ${c.name}\n`;
        const w = await client.callTool({ name: 'file-write', arguments: { file_path: 'from-client.txt', content: line } });
        check(!w.isError && fs.readFileSync(path.join(project, 'from-client.txt'), 'utf8') === line,
              `${c.name}: file-write lands in the configured workspace`, w);
        const r = await client.callTool({ name: 'file-read', arguments: { file_path: 'from-client.txt' } });
        check(!r.isError && r.content[0].text.includes(line.trim()), `${c.name}: file-read reads it back`, r);
        if (c === configs[0]) await features(client, tools);
    } catch (e) {
        check(false, `${c.name}: server started as configured`, String(e) + ' ' + err.slice(0, 300));
    }
    await client.close().catch(() => {});
}

async function features(client, tools) {
    const by = Object.fromEntries(tools.map((t) => [t.name, t]));
    check(tools.every((t) => typeof t.title === 'string' && t.title.length > 0), 'every tool has a title', tools.map((t) => t.title));
    check(by['js-execute'].annotations.readOnlyHint === true && by['js-execute'].annotations.destructiveHint === false,
          'js-execute cannot write: read-only, not destructive', by['js-execute'].annotations);
    check(by['file-write'].annotations.destructiveHint === true && by['file-read'].annotations.readOnlyHint === true,
          'file-write destructive, file-read read-only', [by['file-write'].annotations, by['file-read'].annotations]);
    check(by['web-fetch'].annotations.openWorldHint === true, 'web-fetch open world', by['web-fetch'].annotations);
    check(['bash', 'file-edit', 'file-glob', 'file-read', 'file-write', 'js-execute', 'web-fetch'].every((n) => by[n].outputSchema?.type === 'object'),
          'outputSchema on every built-in tool', tools.map((t) => [t.name, !!t.outputSchema]));
    // structuredContent, checked against the disk; the SDK validates it against outputSchema
    const lines = ['a', 'b', 'c', 'd', 'e'].join('\n') + '\n';
    fs.writeFileSync(path.join(project, 'five.txt'), lines);
    const r = await client.callTool({ name: 'file-read', arguments: { file_path: 'five.txt', limit: 2 } });
    check(r.structuredContent?.total_lines === 5 && r.structuredContent?.next_offset === 3 && r.structuredContent?.bytes === lines.length,
          'file-read structuredContent: total_lines, next_offset, bytes (from the file on disk)', r.structuredContent);
    check(r.content?.[0]?.type === 'text' && r.content[0].text.includes('a'), 'the text content stays for older clients', r.content);
    const b = await client.callTool({ name: 'bash', arguments: { command: 'ls; exit 3' } });
    check(b.isError === true && b.structuredContent === undefined, 'an error result carries no structuredContent', b);
    const b2 = await client.callTool({ name: 'bash', arguments: { command: 'wc -l five.txt' } });
    check(b2.structuredContent?.exit_code === 0 && b2.structuredContent?.stdout_bytes === b2.content[0].text.length,
          'bash structuredContent: exit_code, stdout_bytes', b2.structuredContent);
    const g = await client.callTool({ name: 'file-glob', arguments: { pattern: '*.txt' } });
    const onDisk = fs.readdirSync(project).filter((f) => f.endsWith('.txt')).length;
    check(g.structuredContent?.count === onDisk, 'file-glob structuredContent.count = files on disk', [g.structuredContent, onDisk]);
    const j = await client.callTool({ name: 'js-execute', arguments: { code: '6*7' } });
    check(j.content[0].text === '42' && typeof j.structuredContent === 'object', 'js-execute: {} structuredContent', j);
    // logging: refusals and limit hits as notifications/message, at the level set
    const logs = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => { logs.push(n.params); });
    const d0 = await client.callTool({ name: 'file-read', arguments: { file_path: '/etc/hostname' } });
    check(d0.isError && logs.length === 0, 'no log messages before logging/setLevel', logs);
    await client.setLoggingLevel('warning');
    const d1 = await client.callTool({ name: 'file-read', arguments: { file_path: '/etc/hostname' } });
    const l1 = logs.find((l) => l.data?.event === 'denied');
    check(d1.isError && l1 && l1.level === 'warning' && l1.data.tool === 'file-read' && /Permission denied/.test(l1.data.message),
          'a refusal is logged (warning, event denied, the tool, the sentence)', logs);
    const before = logs.length;
    const ok2 = await client.callTool({ name: 'file-read', arguments: { file_path: 'five.txt' } });
    check(!ok2.isError && logs.length === before, 'a successful call logs nothing', logs.slice(before));
    await client.setLoggingLevel('error');
    await client.callTool({ name: 'file-read', arguments: { file_path: '/etc/hostname' } });
    check(logs.length === before, 'at level error, warnings are not sent', logs.slice(before));
    let bad = null;
    try { await client.setLoggingLevel('loud'); } catch (e) { bad = e; }
    check(bad && /-32602|level/.test(String(bad.code ?? '') + bad.message), 'an unknown level is refused (-32602)', String(bad));
}

// ---- a limit hit is logged: the configured server with --timeout 1s ------------------
{
    const c = configs[0];
    const client = new Client({ name: 'limit-test', version: '1' });
    const logs = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => { logs.push(n.params); });
    await client.connect(new StdioClientTransport({ command: relocate(c.command), args: [...c.args.map(relocate), '--timeout', '1s'], env }));
    await client.setLoggingLevel('info');
    const r = await client.callTool({ name: 'js-execute', arguments: { code: 'for (;;) {}' } });
    const l = logs.find((x) => x.data?.event === 'limit');
    check(r.isError && l && l.data.tool === 'js-execute' && /stopped/.test(l.data.message),
          'a limit hit (timeout) is logged as event limit', { r: r.content?.[0]?.text, logs });
    await client.close();
}

// ---- before initialize: a JSON-RPC error, then the session works -------------------
{
    const c = configs[0];
    const p = spawn(relocate(c.command), c.args.map(relocate), { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    const send = (m) => p.stdin.write(JSON.stringify(m) + '\n');
    send({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'file-write', arguments: { file_path: 'never', content: 'x' } } });
    send({ jsonrpc: '2.0', id: 3, method: 'ping' });
    send({ jsonrpc: '2.0', id: 4, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } } });
    send({ jsonrpc: '2.0', id: 5, method: 'tools/list' });
    p.stdin.end();
    await new Promise((res) => p.on('close', res));
    const msgs = out.trim().split('\n').map((l) => JSON.parse(l));
    const byId = (i) => msgs.find((m) => m.id === i);
    check(byId(1)?.error?.code === -32600 && /initialize/.test(byId(1).error.message), 'tools/list before initialize: -32600', byId(1));
    check(byId(2)?.error?.code === -32600 && !fs.existsSync(path.join(project, 'never')), 'tools/call before initialize: refused, nothing run', byId(2));
    check(byId(3)?.result !== undefined, 'ping is allowed before initialize', byId(3));
    check(byId(4)?.result?.protocolVersion && Array.isArray(byId(5)?.result?.tools), 'after initialize, tools/list works', byId(5));
}

// ---- progress: start, heartbeats, all before the response (raw, to see the order) ----
{
    const c = configs[0];
    // (--drain wait: the calls are piped, then the input closed; they must still be answered)
    const p = spawn(relocate(c.command), [...c.args.map(relocate), '--drain', 'wait'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    const send = (m) => p.stdin.write(JSON.stringify(m) + '\n');
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } } });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'js-execute', _meta: { progressToken: 'tok-2' },
           arguments: { code: 'const t = Date.now(); while (Date.now() - t < 2500) {} "done"' } } });
    send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'file-read', arguments: { file_path: 'five.txt' } } });
    p.stdin.end();            // the calls still finish and are answered
    await new Promise((res) => p.on('close', res));
    const msgs = out.trim().split('\n').map((l) => JSON.parse(l));
    const prog = msgs.map((m, i) => [m, i]).filter(([m]) => m.method === 'notifications/progress');
    const resp = msgs.findIndex((m) => m.id === 2);
    check(resp >= 0 && msgs[resp].result?.content?.[0]?.text === 'done', 'the long call is answered', msgs[resp]);
    check(prog.length >= 2 && prog.every(([m]) => m.params.progressToken === 'tok-2'),
          'progress: a start and at least one heartbeat, with the token given', prog.map(([m]) => m.params));
    check(prog[0]?.[0].params.progress === 0 && /started/.test(prog[0][0].params.message) &&
          prog.slice(1).every(([m]) => /running, \d+ s elapsed/.test(m.params.message)),
          'progress 0 "started", then "running, N s elapsed"', prog.map(([m]) => m.params));
    check(prog.every(([, i]) => i < resp), 'no progress notification after the response', { prog: prog.map(([, i]) => i), resp });
    check(prog.map(([m]) => m.params.progress).every((v, i, a) => i === 0 || v >= a[i - 1]), 'progress never decreases', prog.map(([m]) => m.params.progress));
    check(!msgs.some((m) => m.method === 'notifications/progress' && m.params.progressToken !== 'tok-2'),
          'a call without a token gets no progress', msgs.filter((m) => m.method));
}

// ---- SIGTERM with a call running: the server goes, its sandbox with it ----------------
{
    const c = configs[0];
    const p = spawn(relocate(c.command), c.args.map(relocate), { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    const started = new Promise((res) => p.stdout.on('data', (d) => { out += d; if (/js-execute started/.test(out)) res(); }));
    const send = (m) => p.stdin.write(JSON.stringify(m) + '\n');
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } } });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'js-execute', _meta: { progressToken: 1 }, arguments: { code: 'for (;;) {}' } } });
    await started;                       // the call is running
    const closed = new Promise((res) => p.on('close', (code, sig) => res({ code, sig })));
    p.kill('SIGTERM');
    const ex = await closed;
    check(ex.sig === 'SIGTERM' || ex.code === 0 || ex.code === 143, 'SIGTERM with a call running: the server exits', ex);
    check(out.split('\n').filter((l) => l).every((l) => { try { JSON.parse(l); return true; } catch { return false; } }),
          'SIGTERM: every line written is whole JSON', out.slice(-200));
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
