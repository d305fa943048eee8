#!/usr/bin/env bash
# bench/filetools.sh — whole-process latency of `boxagnts call file-read` on
# a small file: median of N runs, against `cat` of the same file as the
# native baseline (quoted as a ratio), and `boxagnts run` of the module
# alone (no registry, no manifest) to show where the time goes.
#
#   make bench-filetools            (or: BUILD=build BENCH_N=100 bench/filetools.sh)
#
# Each process is timed by python3 around fork+exec+wait (time.perf_counter),
# so the shell's own overhead is not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
N=${BENCH_N:-50}
BX=$BUILD/boxagnts
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3

T=$(mktemp -d "${TMPDIR:-/tmp}/bench-filetools.XXXXXX")
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/ws"
# A small source file: 40 lines, about 1.3 KiB.
awk 'BEGIN { for (i = 1; i <= 40; i++) printf "line %d: the quick brown fox jumps over the lazy dog\n", i }' >"$T/ws/small.txt"
echo '{"file_path":"small.txt"}' >"$T/in.json"

"$PY" - "$N" "$T" "$BX" "$BUILD/tools/file-read/tool.wasm" <<'EOF'
import statistics, subprocess, sys, time
n, t, bx, wasm = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
small = t + "/ws/small.txt"
cases = [
    ("boxagnts call file-read", [bx, "call", "file-read", "--workspace", t + "/ws", '{"file_path":"small.txt"}']),
    ("boxagnts run tool.wasm",  [bx, "run", "--cap", "read:/workspace=" + t + "/ws", "--stdin-file", t + "/in.json", wasm]),
    ("cat (native baseline)",   ["cat", small]),
]
res = {}
for name, cmd in cases:
    out = subprocess.run(cmd, capture_output=True)
    if out.returncode != 0 or not out.stdout:
        sys.exit("bench-filetools: %s failed: %s" % (name, out.stderr.decode(errors="replace")))
    if name.startswith("boxagnts call") and b'"is_error":false' not in out.stdout:
        sys.exit("bench-filetools: file-read returned an error: %s" % out.stdout.decode(errors="replace"))
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    res[name] = (statistics.median(samples), samples[0], samples[int(len(samples) * 0.9) - 1])
print("file-read of a 40-line (1.3 KiB) file, whole process, %d runs each:" % n)
print("  %-26s %10s %10s %10s" % ("", "median ms", "min ms", "p90 ms"))
for name, (med, lo, p90) in res.items():
    print("  %-26s %10.2f %10.2f %10.2f" % (name, med, lo, p90))
base = res["cat (native baseline)"][0]
call = res["boxagnts call file-read"][0]
print("  boxagnts call file-read / cat: %.1fx  (%.1f ms per call, %.0f calls/s one at a time)"
      % (call / base, call, 1000.0 / call))
EOF
