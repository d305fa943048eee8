#!/bin/sh
# bench/server.sh — the server's figures (`make bench`, never `make test`):
# throughput (calls/s) and p50/p99 latency of file-read through
# `boxagnts serve --jsonl` at 1, 2, 8 and 64 concurrent callers (closed
# loop: each caller sends its next request when its answer arrives), memory
# per idle executor (RSS with 1001 executors minus RSS with 1, over 1000)
# and per running sandbox (RSS with K spinning calls minus idle, over K).
# BX (optional): another boxagnts binary; BENCH_SERVE_FLAGS (optional):
# more flags for every serve (e.g. "--tier aot --cache-dir DIR");
# BENCH_SERVER_THROUGHPUT_ONLY=1: the calls/s table only.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
BX=${BX:-$BUILD/boxagnts}
export BENCH_SERVE_FLAGS=${BENCH_SERVE_FLAGS:-}
TT=$BUILD/tests/server/tools
SECS=${BENCH_SERVER_SECS:-3}
[ -x "$BX" ] && [ -f "$BUILD/tools/file-read/tool.wasm" ] && [ -f "$TT/t-bad/tool.wasm" ] ||
    { echo "bench/server.sh: build first (make && make tests)" >&2; exit 2; }
command -v node >/dev/null || { echo "bench/server.sh: needs node" >&2; exit 2; }
W=$BUILD/bench/server
rm -rf "$W" && mkdir -p "$W/ws"
# A 200-line source file: a typical read.
i=1; while [ $i -le 200 ]; do echo "    line $i: some typical source text, about sixty characters"; i=$((i + 1)); done >"$W/ws/file.c"

cat >"$W/bench.mjs" <<'JS'
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
const [bx, wsRel, tt, work, secs] = process.argv.slice(2);
const ws = path.resolve(wsRel);
const env = { ...process.env, BOXAGNTS_TOOLS_PATH: '' };
const more = (process.env.BENCH_SERVE_FLAGS || '').split(' ').filter((x) => x);

function start(args) {
    const p = spawn(bx, ['serve', '--jsonl', ...more, ...args], { stdio: ['pipe', 'pipe', 'inherit'], env });
    const waiting = new Map();
    let buf = '';
    p.stdout.on('data', (d) => {
        buf += d; let i;
        while ((i = buf.indexOf('\n')) >= 0) {
            const m = JSON.parse(buf.slice(0, i)); buf = buf.slice(i + 1);
            const w = waiting.get(m.id); waiting.delete(m.id); w && w(m);
        }
    });
    let next = 0;
    const call = (req) => new Promise((res) => { const id = next++; waiting.set(id, res); p.stdin.write(JSON.stringify({ id, ...req }) + '\n'); });
    const stop = () => new Promise((res) => { p.on('close', res); p.stdin.end(); });
    const rss = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p.pid}/status`, 'utf8'))[1]);
    return { p, call, stop, rss };
}
const pct = (a, q) => a[Math.min(a.length - 1, Math.floor(q * a.length))];

const read = { tool: 'file-read', input: { file_path: 'file.c' } };
console.log(`file-read of a 200-line file via serve --jsonl, ${secs} s per level, workers = online cores:`);
console.log('  callers   calls/s    p50 ms    p99 ms   calls');
for (const callers of [1, 2, 8, 64]) {
    const s = start(['--workspace', ws]);
    const first = await s.call(read);
    if (!first.result || first.result.is_error || !first.result.content.includes('200\t')) throw new Error('file-read failed: ' + JSON.stringify(first));
    for (let i = 0; i < 20; i++) await s.call(read);          // warm up
    const lat = []; const end = Date.now() + secs * 1000; const t0 = process.hrtime.bigint();
    await Promise.all(Array.from({ length: callers }, async () => {
        while (Date.now() < end) {
            const a = process.hrtime.bigint();
            const m = await s.call(read);
            if (!m.result || m.result.is_error) throw new Error(JSON.stringify(m));
            lat.push(Number(process.hrtime.bigint() - a) / 1e6);
        }
    }));
    const el = Number(process.hrtime.bigint() - t0) / 1e9;
    await s.stop();
    lat.sort((x, y) => x - y);
    console.log(`  ${String(callers).padStart(7)} ${(lat.length / el).toFixed(0).padStart(9)} ${pct(lat, 0.5).toFixed(3).padStart(9)} ${pct(lat, 0.99).toFixed(3).padStart(9)} ${String(lat.length).padStart(7)}`);
}

// Memory per idle executor.
if (process.env.BENCH_SERVER_THROUGHPUT_ONLY) process.exit(0);
async function idleRss(n) {
    const ex = {};
    for (let i = 0; i < n; i++) ex[`agent${i}`] = { workspace: ws, grants: ['read:/workspace'], limits: { timeout: '5s' }, quotas: { calls: 100 } };
    fs.writeFileSync(`${work}/p${n}.json`, JSON.stringify({ executors: ex }));
    const s = start(['--policy', `${work}/p${n}.json`]);
    await s.call({ executor: 'agent0', ...read });
    await new Promise((r) => setTimeout(r, 200));
    const kb = s.rss(); await s.stop(); return kb;
}
const r1 = await idleRss(1), r1001 = await idleRss(1001);
console.log(`idle executors: RSS ${r1} KiB with 1, ${r1001} KiB with 1001 -> ${((r1001 - r1) * 1024 / 1000).toFixed(0)} bytes per idle executor`);

// Memory per running sandbox: K calls spinning at once (t-bad, 32 MiB cap,
// touching only its initial memory), RSS sampled while they run.
for (const K of [8, 32]) {
    const s = start(['--tools-dir', tt, '--workers', String(K), '--timeout', '3s']);
    await s.call({ tool: 't-echo', input: { text: 'warm' } });
    await new Promise((r) => setTimeout(r, 200));
    const idle = s.rss();
    const pending = Array.from({ length: K }, () => s.call({ tool: 't-bad', input: { mode: 'spin' } }));
    await new Promise((r) => setTimeout(r, 1500));
    const busy = s.rss();
    const res = await Promise.all(pending);
    const peak = Math.max(...res.map((m) => m.usage.peak_memory));
    await s.stop();
    console.log(`running sandboxes: ${K} spinning -> RSS ${idle} -> ${busy} KiB: ${((busy - idle) / K).toFixed(0)} KiB resident per running sandbox (its guest linear memory: ${peak / 1024} KiB, mostly untouched pages)`);
}
JS
node "$W/bench.mjs" "$BX" "$W/ws" "$TT" "$W" "$SECS"
