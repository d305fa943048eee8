#!/bin/sh
# bench/confine.sh — the cost of kernel confinement in `serve` (issue 16,
# section 4), measured as ratios inside one run so that a shared machine's
# load cancels: file-read of a 200-line file through `serve --jsonl` at 1
# and 8 callers (closed loop), each level run with --no-os-confinement and
# confined, alternately, ROUNDS times; per-call overhead = p50 latency
# difference at 1 caller.  BASE (optional): another boxagnts binary (e.g.
# an older build) measured the same way.  Prints the load average.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
BX=$BUILD/boxagnts
SECS=${BENCH_SERVER_SECS:-3}
ROUNDS=${BENCH_ROUNDS:-2}
BASE=${BASE:-}
command -v node >/dev/null || { echo "bench/confine.sh: needs node" >&2; exit 2; }
W=$BUILD/bench/confine
rm -rf "$W" && mkdir -p "$W/ws"
i=1; while [ $i -le 200 ]; do echo "    line $i: some typical source text, about sixty characters"; i=$((i + 1)); done >"$W/ws/file.c"
cat >"$W/b.mjs" <<'JS'
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
const [bx, wsRel, secs, rounds, base] = process.argv.slice(2);
const ws = path.resolve(wsRel);
const env = { ...process.env, BOXAGNTS_TOOLS_PATH: '' };
function start(bin, args) {
    const p = spawn(bin, ['serve', '--jsonl', ...args], { stdio: ['pipe', 'pipe', 'inherit'], env });
    const waiting = new Map(); let buf = '';
    p.stdout.on('data', (d) => { buf += d; let i;
        while ((i = buf.indexOf('\n')) >= 0) { const m = JSON.parse(buf.slice(0, i)); buf = buf.slice(i + 1);
            const w = waiting.get(m.id); waiting.delete(m.id); w && w(m); } });
    let next = 0;
    const call = (req) => new Promise((res) => { const id = next++; waiting.set(id, res); p.stdin.write(JSON.stringify({ id, ...req }) + '\n'); });
    const stop = () => new Promise((res) => { p.on('close', res); p.stdin.end(); });
    return { call, stop };
}
const pct = (a, q) => a[Math.min(a.length - 1, Math.floor(q * a.length))];
const read = { tool: 'file-read', input: { file_path: 'file.c' } };
async function level(bin, extra, callers) {
    const s = start(bin, ['--workspace', ws, ...extra]);
    const first = await s.call(read);
    if (!first.result || first.result.is_error) throw new Error(JSON.stringify(first));
    for (let i = 0; i < 50; i++) await s.call(read);
    const lat = []; const end = Date.now() + secs * 1000; const t0 = process.hrtime.bigint();
    await Promise.all(Array.from({ length: callers }, async () => {
        while (Date.now() < end) { const a = process.hrtime.bigint(); const m = await s.call(read);
            if (!m.result || m.result.is_error) throw new Error(JSON.stringify(m));
            lat.push(Number(process.hrtime.bigint() - a) / 1e6); } }));
    const el = Number(process.hrtime.bigint() - t0) / 1e9; await s.stop();
    lat.sort((x, y) => x - y);
    return { rate: lat.length / el, p50: pct(lat, 0.5), p99: pct(lat, 0.99), os: first.result.os_confinement || '-' };
}
const load = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const modes = [['off', bx, ['--no-os-confinement']], ['confined', bx, []]];
if (base) modes.unshift(['base', base, []]);
console.log(`file-read via serve --jsonl, ${secs} s per level, ${rounds} rounds, workers = online cores`);
console.log('  mode        callers   calls/s    p50 ms    p99 ms  os_confinement  load avg');
for (let r = 0; r < rounds; r++) for (const callers of [1, 8]) for (const [name, bin, extra] of modes) {
    const x = await level(bin, extra, callers);
    console.log(`  ${name.padEnd(10)} ${String(callers).padStart(7)} ${x.rate.toFixed(0).padStart(9)} ${x.p50.toFixed(3).padStart(9)} ${x.p99.toFixed(3).padStart(9)}  ${x.os.padEnd(14)}  ${load()}`);
}
JS
node "$W/b.mjs" "$BX" "$W/ws" "$SECS" "$ROUNDS" "$BASE"
