#!/bin/sh
# bench/aot_tools.sh — `make bench-aot-tools` (part of `make bench`): the
# compiled tier (--tier aot) on the two big real tools, side by side with
# the interpreter and native code, in one run (issue 17, section 5):
#
#   - js-execute (QuickJS in wasm) against the same QuickJS source and main.c
#     built natively with gcc -O2 (bench/js.sh builds it): numeric, string,
#     JSON and regex workloads, each timed inside JavaScript (Date.now, so
#     process start-up is left out), best of RUNS; plus the CPU time of the
#     whole call process tree (perf stat task-clock: start-up included).
#   - bash `grep -rn` over 5,000 files (bench/bash.sh's tree) against the
#     host's bash + grep: best wall time of the whole call, and its CPU time.
#   - compile time per MiB of wasm (translate + cc + cache store; measured
#     when the bench's private cache has no entry yet, BENCH_AOT_COLD=1 forces
#     it) and the load time of each cached artifact in process (`bench
#     aotload`: taken on its stamp, and with every load checked in full,
#     BOXAGNTS_CACHE_STAMPS=0: read, MAC, copy, dlopen).
#
# Environment: BUILD, BENCH_TOOLS_RUNS (best of, default 3; the interpreter
# column runs once: BENCH_TOOLS_INTERP_RUNS), BENCH_AOT_CACHE (default
# $BUILD/bench/aot_tools/cache), BENCH_AOT_COLD=1, BENCH_TOOLS_ONLY=js|bash|icount,
# BENCH_AOT_ICOUNT=1 (also js-execute's instructions vs native under
# callgrind, smaller workloads: the figure the machine's load cannot move).
# The machine may be shared: the task-clock columns are the figures the load
# moves least; wall-time ratios are printed with the load average.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
BX=$BUILD/boxagnts
DRIVER=${BENCH_DRIVER:-$BUILD/bench/bench}
OUT=$BUILD/bench/aot_tools
CACHE=${BENCH_AOT_CACHE:-$OUT/cache}
RUNS=${BENCH_TOOLS_RUNS:-3}
IRUNS=${BENCH_TOOLS_INTERP_RUNS:-1}
ONLY=${BENCH_TOOLS_ONLY:-}
die() { echo "bench-aot-tools: $*" >&2; exit 2; }
[ -x "$BX" ] && [ -x "$DRIVER" ] || die "build first (make && make $DRIVER)"
mkdir -p "$OUT" "$CACHE"
NATIVE=$BUILD/bench/js/qjs-native
[ "$ONLY" = bash ] || BUILD=$BUILD bench/js.sh --native-only || die "cannot build native QuickJS"
PERF=""
perf stat -x, -e task-clock -o /dev/null true 2>/dev/null && PERF=1

echo "bench-aot-tools: $(nproc) cores, load $(uptime | sed 's/.*load average: //'), $(date -u +%FT%TZ)"
echo
echo "compile (translate + cc + cache) and cached load:"
printf '%-11s %10s %9s %9s %9s %10s %11s %11s %11s\n' tool "wasm MiB" "wall s" "CPU s" "CPU s/MiB" "so MiB" "load med ms" "load min ms" "full chk ms"
for tool in js-execute bash; do
    [ -z "$ONLY" ] || [ "$ONLY" = "${tool%-execute}" ] || continue
    wasm=$BUILD/tools/$tool/tool.wasm
    mib=$(awk -v n="$(wc -c < "$wasm")" 'BEGIN { printf "%.2f", n / 1048576 }')
    wall=-; cpu=-; per=-
    if [ -n "${BENCH_AOT_COLD:-}" ] || ! "$DRIVER" aotload "$wasm" "$CACHE" 1 >/dev/null 2>&1; then
        rm -rf "$CACHE.cold" && mkdir -p "$CACHE.cold"
        # /usr/bin/time counts the compiler's CPU (a waited-for child)
        /usr/bin/time -f "%e %U %S" -o "$OUT/time.txt" "$BX" tool precompile "$tool" --cache-dir "$CACHE.cold" \
            > /dev/null || die "precompile $tool failed"
        mkdir -p "$CACHE/aot"
        for f in "$CACHE.cold"/aot/*.so-entry; do wc -c < "$f" > "$OUT/$tool.so_bytes"; cp "$f" "$CACHE/aot/"; done
        rm -rf "$CACHE.cold"
        read -r wall u s < "$OUT/time.txt"
        cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.1f", u + s }')
        per=$(awk -v c="$cpu" -v m="$mib" 'BEGIN { printf "%.1f", c / m }')
    fi
    # a load takes an entry on its stamp only once the entry's ctime is 2 s
    # old (src/wasm/cache_stamp.c): a fresh copy is checked in full until
    # then; the first load after that writes the stamps
    sleep 2.1
    "$DRIVER" aotload "$wasm" "$CACHE" 1 >/dev/null 2>&1
    set -- $("$DRIVER" aotload "$wasm" "$CACHE" 50)
    full=$(BOXAGNTS_CACHE_STAMPS=0 "$DRIVER" aotload "$wasm" "$CACHE" 20 | awk '{ printf "%.2f", $3 / 1000 }')
    so=$(cat "$OUT/$tool.so_bytes" 2>/dev/null || echo 0)
    printf '%-11s %10s %9s %9s %9s %10s %11s %11s %11s\n' "$tool" "$mib" "$wall" "$cpu" "$per" \
        "$(awk -v n="$so" 'BEGIN { if (n) printf "%.2f", n / 1048576; else print "-" }')" \
        "$(awk -v u="$3" 'BEGIN { printf "%.2f", u / 1000 }')" "$(awk -v u="$4" 'BEGIN { printf "%.2f", u / 1000 }')" "$full"
done

# ---- js-execute ----------------------------------------------------------------
if [ -z "$ONLY" ] || [ "$ONLY" = js ]; then
python3 - "$BX" "$NATIVE" "$CACHE" "$RUNS" "$IRUNS" "$PERF" "$OUT" <<'PY'
import json, os, subprocess, sys
BX, NATIVE, CACHE, RUNS, IRUNS, PERF, OUT = sys.argv[1:]
RUNS, IRUNS = int(RUNS), int(IRUNS)
def T(body):
    return "const t0 = Date.now(); const check = (() => { %s })(); `${Date.now() - t0} ${check}`" % body
work = [
  ("numeric loop (3e6 iterations)",
   T("let s = 0; for (let i = 0; i < 3e6; i++) { s = (s + i * i) % 1000003; } return s;")),
  ("string building (200k concat + join)",
   T("""let s = ''; for (let i = 0; i < 200000; i++) s += 'item' + i + ',';
       const parts = []; for (let i = 0; i < 200000; i++) parts.push(i.toString(36));
       return s.length + parts.join('-').length;""")),
  ("JSON 1 MiB parse+stringify x5",
   T("""const rows = []; for (let i = 0; rows.length < 9000; i++) rows.push({ id: i, name: 'user' + i, tags: ['a', 'b', i % 7], score: i / 3, ok: i % 2 === 0 });
       const text = JSON.stringify(rows); let n = 0;
       for (let k = 0; k < 5; k++) { const v = JSON.parse(text); n += JSON.stringify(v).length; }
       return text.length + ':' + n;""")),
  ("regex over 1 MiB x4",
   T("""let text = ''; for (let i = 0; text.length < 1 << 20; i++) text += 'user' + i + '@host' + (i % 97) + '.example.com visited /page/' + i + ' on 2024-0' + (i % 9 + 1) + '-1' + (i % 9) + '\\n';
       let n = 0;
       for (let k = 0; k < 4; k++) {
         n += (text.match(/[a-z0-9]+@[a-z0-9.]+\\.com/g) || []).length;
         n += [...text.matchAll(/(?<y>\\d{4})-(?<m>\\d{2})-(?<d>\\d{2})/g)].length;
         n += text.replace(/\\/page\\/(\\d+)/g, (m, d) => d).length;
       }
       return n;""")),
  ("1+1 (start-up only)", "'0 ' + (1+1)"),
]
call = lambda tier: [BX, "call", "js-execute", "--tier", tier, "--cache-dir", CACHE, "--timeout", "600s", "-"]
runners = [("interp", call("interp"), IRUNS), ("aot", call("aot"), RUNS), ("native", [NATIVE], RUNS)]
def run(cmd, code):
    pf = os.path.join(OUT, "perf.txt")
    pre = ["perf", "stat", "-x,", "-e", "task-clock", "-o", pf, "--"] if PERF else []
    r = subprocess.run(pre + cmd, input=json.dumps({"code": code}), capture_output=True, text=True)
    try:
        res = json.loads(r.stdout)
    except ValueError:
        res = None
    if not res or res.get("is_error"):
        sys.exit("js: %s failed: %s" % (cmd[:5], (r.stdout + r.stderr)[:400]))
    if cmd[0] == BX and res.get("tier") != cmd[4]:
        sys.exit("js: asked for tier %s, ran %s (%s)" % (cmd[4], res.get("tier"), res.get("tier_reason")))
    ms, check = res["content"].split(" ", 1)
    cpu = None
    if PERF:
        for line in open(pf):
            f = line.split(",")
            if len(f) > 2 and f[2].startswith("task-clock"):
                cpu = float(f[0])
    return int(ms), check, cpu
print("\njs-execute: ms inside JS (best of %d; interp %d) and CPU ms of the whole call (task-clock, best)" % (RUNS, IRUNS))
print("%-38s %9s %9s %9s %8s %8s | %9s %9s %9s %8s" % ("workload", "interp", "aot", "native", "aot/nat", "int/nat",
                                                    "CPU int", "CPU aot", "CPU nat", "aot/nat"))
for name, code in work:
    row, checks = {}, set()
    for rname, cmd, n in runners:
        best = [None, None]
        for _ in range(n):
            ms, check, cpu = run(cmd, code)
            checks.add(check)
            best[0] = ms if best[0] is None else min(best[0], ms)
            if cpu is not None: best[1] = cpu if best[1] is None else min(best[1], cpu)
        row[rname] = best
    if len(checks) != 1:
        sys.exit("js: %s: results differ: %s" % (name, checks))
    rat = lambda a, b: "%.2fx" % (a / b) if b else "-"   # 0 ms native: "-"
    cpu = lambda k: "%.0f" % row[k][1] if row[k][1] is not None else "-"
    print("%-38s %9d %9d %9d %8s %8s | %9s %9s %9s %8s" % (
        name, row["interp"][0], row["aot"][0], row["native"][0],
        rat(row["aot"][0], row["native"][0]), rat(row["interp"][0], row["native"][0]),
        cpu("interp"), cpu("aot"), cpu("native"),
        rat(row["aot"][1], row["native"][1]) if row["aot"][1] and row["native"][1] else "-"))
PY
fi

# ---- bash grep -rn -------------------------------------------------------------
if [ -z "$ONLY" ] || [ "$ONLY" = bash ]; then
T=$(mktemp -d "${TMPDIR:-/tmp}/bench_aot_tools.XXXXXX")
trap 'rm -rf "$T"' EXIT
python3 - "$T/ws" <<'PY'
import os, sys, random
random.seed(7)   # the tree of bench/bash.sh
root = sys.argv[1]
words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau".split()
for d in range(50):
    dp = os.path.join(root, "src", "mod%02d" % d)
    os.makedirs(dp, exist_ok=True)
    for f in range(100):
        lines = [" ".join(random.choice(words) for _ in range(7)) for i in range(30)]
        if (d * 100 + f) % 10 == 0:
            lines[random.randrange(30)] += " needle"
        open(os.path.join(dp, "file%03d.txt" % f), "w").write("\n".join(lines) + "\n")
PY
python3 - "$BX" "$CACHE" "$T/ws" "$RUNS" "$IRUNS" "$PERF" "$OUT" <<'PY'
import json, os, subprocess, sys, time
BX, CACHE, WS, RUNS, IRUNS, PERF, OUT = sys.argv[1:]
RUNS, IRUNS = int(RUNS), int(IRUNS)
pf = os.path.abspath(os.path.join(OUT, "perf.txt"))
def timed(cmd, **kw):
    pre = ["perf", "stat", "-x,", "-e", "task-clock", "-o", pf, "--"] if PERF else []
    t0 = time.monotonic()
    r = subprocess.run(pre + cmd, capture_output=True, text=True, **kw)
    wall = (time.monotonic() - t0) * 1000
    cpu = None
    if PERF:
        for line in open(pf):
            f = line.split(",")
            if len(f) > 2 and f[2].startswith("task-clock"):
                cpu = float(f[0])
    return r, wall, cpu
print("\nbash tool: whole call, ms (best of %d; interp %d): wall and CPU (task-clock)" % (RUNS, IRUNS))
print("%-30s %9s %9s %9s %8s | %9s %9s %9s %8s" % ("command", "interp", "aot", "host", "aot/host", "CPU int", "CPU aot", "CPU host", "aot/host"))
for c in ["grep -rn needle src | wc -l", "grep -rn needle src"]:
    res = {}
    want = subprocess.run(["bash", "-c", c], cwd=WS, capture_output=True, text=True, env=dict(os.environ, LC_ALL="C")).stdout
    for name, n in (("interp", IRUNS), ("aot", RUNS), ("host", RUNS)):
        best = [None, None]
        for _ in range(n):
            if name == "host":
                r, w, cpu = timed(["bash", "-c", c], cwd=WS, env=dict(os.environ, LC_ALL="C"))
                out = r.stdout
            else:
                r, w, cpu = timed([BX, "call", "bash", "--tier", name, "--cache-dir", CACHE, "--workspace", WS,
                                   json.dumps({"command": c})])
                j = json.loads(r.stdout)
                if j.get("tier") != name:
                    sys.exit("bash: asked for tier %s, ran %s (%s)" % (name, j.get("tier"), j.get("tier_reason")))
                out = j["content"]
            if out.strip() != want.strip():
                sys.exit("bash: %s output differs for %s: %r" % (name, c, out[:200]))
            best[0] = w if best[0] is None else min(best[0], w)
            if cpu is not None: best[1] = cpu if best[1] is None else min(best[1], cpu)
        res[name] = best
    f = lambda x: "%.0f" % x if x is not None else "-"
    print("%-30s %9s %9s %9s %7.2fx | %9s %9s %9s %7sx" % (c, f(res["interp"][0]), f(res["aot"][0]), f(res["host"][0]),
          res["aot"][0] / res["host"][0], f(res["interp"][1]), f(res["aot"][1]), f(res["host"][1]),
          "%.2f" % (res["aot"][1] / res["host"][1]) if res["aot"][1] and res["host"][1] else "-"))
PY
fi

# ---- BENCH_AOT_ICOUNT=1: instructions (callgrind), load-independent -------------
# Smaller versions of the js-execute workloads, in process (run --no-os-confinement:
# valgrind cannot follow the confined worker), whole process minus the same
# process for `1+1` (start-up: decode, artifact load, QuickJS's runtime).
[ -n "${BENCH_AOT_ICOUNT:-}" ] && command -v valgrind >/dev/null && [ "$ONLY" != bash ] || exit 0
"$DRIVER" aotload "$BUILD/tools/js-execute/tool.wasm" "$CACHE" 1 >/dev/null 2>&1 || die "js-execute is not compiled in $CACHE"
python3 - "$BX" "$NATIVE" "$CACHE" "$OUT" "$BUILD/tools/js-execute/tool.wasm" <<'PY'
import json, os, re, subprocess, sys
BX, NATIVE, CACHE, OUT, WASM = sys.argv[1:]
work = [
  ("numeric loop (1e6)", "let s = 0; for (let i = 0; i < 1e6; i++) { s = (s + i * i) % 1000003; } s"),
  ("string building (50k)", """let s = ''; for (let i = 0; i < 50000; i++) s += 'item' + i + ',';
     const parts = []; for (let i = 0; i < 50000; i++) parts.push(i.toString(36)); s.length + parts.join('-').length"""),
  ("JSON 3000 rows x2", """const rows = []; for (let i = 0; rows.length < 3000; i++) rows.push({ id: i, name: 'user' + i, tags: ['a', 'b', i % 7], score: i / 3, ok: i % 2 === 0 });
     const text = JSON.stringify(rows); let n = 0; for (let k = 0; k < 2; k++) { const v = JSON.parse(text); n += JSON.stringify(v).length; } n"""),
  ("regex over 256 KiB", """let text = ''; for (let i = 0; text.length < 1 << 18; i++) text += 'user' + i + '@host' + (i % 97) + '.example.com visited /page/' + i + ' on 2024-0' + (i % 9 + 1) + '-1' + (i % 9) + '\\n';
     let n = (text.match(/[a-z0-9]+@[a-z0-9.]+\\.com/g) || []).length;
     n += [...text.matchAll(/(?<y>\\d{4})-(?<m>\\d{2})-(?<d>\\d{2})/g)].length;
     n + text.replace(/\\/page\\/(\\d+)/g, (m, d) => d).length"""),
]
cg = os.path.abspath(os.path.join(OUT, "cg.out"))
def ir(cmd, code):
    r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + cg] + cmd,
                       input=json.dumps({"code": code}), capture_output=True, text=True)
    m = re.search(r"Collected : (\d+)", r.stderr)
    if not m or '"is_error":false' not in r.stdout.replace(" ", ""):
        sys.exit("icount: %s failed: %s" % (cmd[:3], (r.stdout + r.stderr)[-300:]))
    return int(m.group(1)), json.loads(r.stdout)["content"]
aot = [BX, "run", "--tier", "aot", "--no-os-confinement", "--max-stack", "64MiB", "--cache-dir", CACHE, WASM]
base_a, _ = ir(aot, "1+1")
base_n, _ = ir([NATIVE], "1+1")
print("\njs-execute instructions (callgrind, minus the same process for 1+1: %d aot, %d native)" % (base_a, base_n))
print("%-24s %15s %15s %8s" % ("workload", "aot", "native", "aot/nat"))
for name, code in work:
    a, ca = ir(aot, code)
    n, cn = ir([NATIVE], code)
    if ca != cn: sys.exit("icount: %s: results differ: %s %s" % (name, ca, cn))
    print("%-24s %15d %15d %7.2fx" % (name, a - base_a, n - base_n, (a - base_a) / (n - base_n)))
PY
