#!/bin/sh
# bench/confine.sh — the cost of kernel confinement in `serve` (issue 16,
# section 4), measured as ratios inside one run so that a shared machine's
# load cancels: file-read of a 200-line file through `serve --jsonl` at 1
# and 8 callers (closed loop), each level run with --no-os-confinement and
# confined, alternately, ROUNDS times; per-call overhead = p50 latency
# difference at 1 caller.  BASE (optional): another boxagnts binary (e.g.
# an older build) measured the same way.  Prints the load average.
# Then (with perf): the CPU of CPU_CALLS piped file-read calls through one
# `serve --jsonl` (task-clock of the server, its zygote and workers), per
# call, off and confined (and BASE) alternately, ROUNDS times: CPU is what
# a loaded machine distorts least.  BENCH_SERVE_FLAGS (optional): more
# flags for every serve (e.g. "--tier aot --cache-dir DIR" after
# `boxagnts tool precompile file-read --cache-dir DIR`).  "confined" is the
# default (a worker reused for up to BX_WORKER_REUSE_DEFAULT calls), "fresh"
# a fresh worker per call (--worker-reuse 1).  BENCH_REUSE=N (optional):
# also measure confined with --worker-reuse N (mode "reuse").
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
BX=$BUILD/boxagnts
SECS=${BENCH_SERVER_SECS:-3}
ROUNDS=${BENCH_ROUNDS:-2}
BASE=${BASE:-}
REUSE=${BENCH_REUSE:-}
export BENCH_SERVE_FLAGS=${BENCH_SERVE_FLAGS:-}
command -v node >/dev/null || { echo "bench/confine.sh: needs node" >&2; exit 2; }
W=$BUILD/bench/confine
rm -rf "$W" && mkdir -p "$W/ws"
i=1; while [ $i -le 200 ]; do echo "    line $i: some typical source text, about sixty characters"; i=$((i + 1)); done >"$W/ws/file.c"
cat >"$W/b.mjs" <<'JS'
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
const [bx, wsRel, secs, rounds, base, reuse] = process.argv.slice(2);
const ws = path.resolve(wsRel);
const env = { ...process.env, BOXAGNTS_TOOLS_PATH: '' };
const more = (process.env.BENCH_SERVE_FLAGS || '').split(' ').filter((x) => x);
function start(bin, args) {
    const p = spawn(bin, ['serve', '--jsonl', ...more, ...args], { stdio: ['pipe', 'pipe', 'inherit'], env });
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
const modes = [['off', bx, ['--no-os-confinement']], ['confined', bx, []], ['fresh', bx, ['--worker-reuse', '1']]];
if (base) modes.unshift(['base', base, []]);
if (reuse) modes.push(['reuse', bx, ['--worker-reuse', reuse]]);
console.log(`file-read via serve --jsonl ${more.join(' ')}, ${secs} s per level, ${rounds} rounds, workers = online cores`);
console.log('  mode        callers   calls/s    p50 ms    p99 ms  os_confinement  load avg');
for (let r = 0; r < rounds; r++) for (const callers of [1, 8]) for (const [name, bin, extra] of modes) {
    const x = await level(bin, extra, callers);
    console.log(`  ${name.padEnd(10)} ${String(callers).padStart(7)} ${x.rate.toFixed(0).padStart(9)} ${x.p50.toFixed(3).padStart(9)} ${x.p99.toFixed(3).padStart(9)}  ${x.os.padEnd(14)}  ${load()}`);
}
JS
node "$W/b.mjs" "$BX" "$W/ws" "$SECS" "$ROUNDS" "$BASE" "$REUSE"

CALLS=${CPU_CALLS:-2000}
command -v perf >/dev/null || { echo "(no perf: CPU per call not measured)"; exit 0; }
i=0; while [ $i -lt "$CALLS" ]; do
    printf '{"id":%d,"tool":"file-read","input":{"file_path":"file.c"}}\n' $i; i=$((i + 1)); done >"$W/req.jsonl"
cpu() {  # BIN [flag]: ms of CPU per call
    ms=$(BOXAGNTS_TOOLS_PATH= perf stat -x, -e task-clock -- "$1" serve --jsonl $BENCH_SERVE_FLAGS --workspace "$W/ws" ${2:-} \
        <"$W/req.jsonl" 2>&1 >"$W/out.jsonl" | grep task-clock | cut -d, -f1)
    ok=$(grep -c '"is_error":false' "$W/out.jsonl")
    [ "$ok" -eq "$CALLS" ] || { echo "bench/confine.sh: $ok of $CALLS calls answered" >&2; exit 1; }
    echo "$ms $CALLS" | awk '{ printf "%.3f", $1 / $2 }'
}
echo "CPU per call, $CALLS piped file-read calls through serve --jsonl (perf stat task-clock)"
echo "  round  off ms  confined ms  overhead ms  fresh ms  fresh overhead ms$([ -n "$BASE" ] && echo "  base ms  base overhead ms")$([ -n "$REUSE" ] && echo "  reuse ms  reuse overhead ms")  load avg"
r=1; while [ $r -le "$ROUNDS" ]; do
    off=$(cpu "$BX" --no-os-confinement); on=$(cpu "$BX")
    line=$(echo "$off $on" | awk '{ printf "%6s  %6.3f  %11.3f  %11.3f", "'$r'", $1, $2, $2 - $1 }')
    fr=$(cpu "$BX" "--worker-reuse 1"); line="$line$(echo "$off $fr" | awk '{ printf "  %8.3f  %17.3f", $2, $2 - $1 }')"
    if [ -n "$BASE" ]; then
        b=$(cpu "$BASE"); line="$line$(echo "$off $b" | awk '{ printf "  %7.3f  %16.3f", $2, $2 - $1 }')"
    fi
    if [ -n "$REUSE" ]; then
        u=$(cpu "$BX" "--worker-reuse $REUSE"); line="$line$(echo "$off $u" | awk '{ printf "  %8.3f  %17.3f", $2, $2 - $1 }')"
    fi
    echo "$line  $(cut -d' ' -f1-3 /proc/loadavg)"
    r=$((r + 1))
done
