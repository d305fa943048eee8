#!/usr/bin/env bash
# bench/bash.sh — wall time of typical agent commands through the bash tool
# (boxagnts call bash, the whole call: sandbox start, wasm shell, builtins)
# versus the host's bash + GNU coreutils on the same tree, as ratios.
#
#   make bench-bash      (or: BUILD=build bench/bash.sh [REPEAT])
# Each command runs REPEAT times (default 3) per side; the best time counts.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
CLI=$BUILD/boxagnts
REPEAT=${1:-3}
T=$(mktemp -d "${TMPDIR:-/tmp}/bench_bash.XXXXXX")
trap 'rm -rf "$T"' EXIT
W=$T/ws

# 5000 source-like files in 50 directories, ~1.5 KiB each; 1 in 10 has "needle"
python3 - "$W" <<'PY'
import os, sys, random
random.seed(7)
root = sys.argv[1]
words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau".split()
for d in range(50):
    dp = os.path.join(root, "src", "mod%02d" % d)
    os.makedirs(dp, exist_ok=True)
    for f in range(100):
        lines = []
        for i in range(30):
            lines.append(" ".join(random.choice(words) for _ in range(7)))
        if (d * 100 + f) % 10 == 0:
            lines[random.randrange(30)] += " needle"
        open(os.path.join(dp, "file%03d.txt" % f), "w").write("\n".join(lines) + "\n")
# 1 MiB of words, one per line
out, size = [], 0
while size < (1 << 20):
    w = random.choice(words) + str(random.randrange(200))
    out.append(w)
    size += len(w) + 1
open(os.path.join(root, "big.txt"), "w").write("\n".join(out) + "\n")
PY

cmds=(
  "grep -rn needle src | wc -l"
  "find . | wc -l"
  "sort big.txt | uniq -c | sort -rn | head -5"
  "grep -c alpha big.txt"
  "for i in \$(seq 1 1000); do x=\$((i * 2)); done; echo \$x"
  "echo hello"
)

now() { python3 -c 'import time; print(time.monotonic())'; }
best() {  # best wall time in seconds of "$@", REPEAT runs
    local b=""
    for _ in $(seq 1 "$REPEAT"); do
        local t0 t1
        t0=$EPOCHREALTIME
        "$@" > /dev/null 2>&1
        t1=$EPOCHREALTIME
        b=$(python3 -c "import sys; t=$t1-$t0; b='$b'; print(t if not b or t < float(b) else b)")
    done
    echo "$b"
}
host_run() { (cd "$W" && LC_ALL=C bash -c "$1"); }
# the input file is written before timing starts
tool_run() { "$CLI" call bash --workspace "$W" - < "$T/in.json"; }
mkin() { python3 -c 'import json,sys; print(json.dumps({"command": sys.argv[1]}))' "$1" > "$T/in.json"; }
content() { python3 -c 'import json,sys; sys.stdout.write(json.load(sys.stdin)["content"])'; }

# check both sides agree before timing
printf '%-48s %10s %10s %8s\n' "command" "host s" "tool s" "ratio"
for c in "${cmds[@]}"; do
    mkin "$c"
    h=$(host_run "$c")
    t=$(tool_run | content)
    [ "$h" = "$t" ] || echo "  (outputs differ for: $c)"
    hs=$(best host_run "$c")
    ts=$(best tool_run)
    printf '%-48s %10.3f %10.3f %7.1fx\n' "$c" "$hs" "$ts" "$(python3 -c "print($ts/$hs)")"
done
