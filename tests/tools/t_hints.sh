#!/usr/bin/env bash
# t_hints.sh — every refusal hint of the file tools is advice that works:
# each case provokes a refusal, then follows the hint mechanically (adds
# the grants it names, --workspace when it asks for one, the path it says
# to ask for, with the host path filled in) and asserts the call then
# succeeds.  Also: no hint names a grant the CLI rejects (read:/workspace/..)
# and the files outside the grants are unchanged by the refused calls.
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
BX=$BUILD/boxagnts
pass=0 fail=0
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

mkdir -p "$T/ws/sub" "$T/host"
printf 'inside\n' > "$T/ws/a.txt"
printf 'outside\n' > "$T/outside.txt"
sum0=$(sha256sum "$T/outside.txt")

# follow TOOL HOSTDIR INPUT ARGS... : runs the call (must be refused), then
# the call the hint describes; prints "OK" or why not.
follow() {
    python3 - "$BX" "$@" <<'PY'
import json, re, subprocess, sys
bx, tool, hostdir, inp, *args = sys.argv[1:]
def call(a, i):
    p = subprocess.run([bx, "call", tool, *a, i], capture_output=True, text=True)
    try: return p.returncode, json.loads(p.stdout)
    except Exception: return p.returncode, {"content": p.stdout + p.stderr, "is_error": True}
rc, r = call(args, inp)
c = r["content"]
if not r["is_error"] or "Permission denied" not in c:
    print("not refused: " + c); sys.exit(0)
if "/workspace/.." in re.sub(r"^.*?\(", "", c.split("in the sandbox")[-1]) or re.search(r"(read|write):\S*/\.\.", c):
    print("hint names a path with ..: " + c); sys.exit(0)
new = list(args)
if "must pass --workspace DIR" in c and "--workspace" not in new:
    new += ["--workspace", hostdir]
else:
    for g in re.findall(r"--cap (\S+?)(?=[ ,)]|$)", c) + re.findall(r"grant ((?:read|write):\S+) to allow", c):
        g = g.replace("/host/path/", hostdir + "/").replace("/host/dir", hostdir)
        if g not in new: new += ["--cap", g]
m = re.search(r"(?:then ask for|the path to ask for is then) (\S+?)\)?$", c)
i = json.loads(inp)
if m: i["file_path"] = m.group(1)
rc, r2 = call(new, json.dumps(i))
print("OK" if rc == 0 and not r2["is_error"] else "hint %r -> %r: %s" % (c, new, r2["content"]))
PY
}
check() { local d=$1; shift; out=$(follow "$@"); [ "$out" = OK ] && ok || bad "$d: $out"; }

# A grant narrower than the workspace: the hint is the file's grant.
check "narrowed workspace" file-read "$T" '{"file_path": "a.txt"}' --workspace "$T/ws" --cap read:/workspace/sub
# No workspace at all: the hint asks for --workspace (not a /workspace grant).
check "no workspace" file-read "$T/ws" '{"file_path": "a.txt"}'
out=$("$BX" call file-read '{"file_path": "a.txt"}')
grep -q -- '--workspace DIR' <<<"$out" && ok || bad "no workspace: hint names --workspace: $out"
# .. out of the workspace: the hint is a host-path grant and the path to use.
check "dotdot read" file-read "$T" '{"file_path": "../outside.txt"}' --workspace "$T/ws"
check "dotdot read, absolute" file-read "$T" '{"file_path": "/workspace/sub/../../outside.txt"}' --workspace "$T/ws"
# A path outside the workspace.
check "absolute outside" file-read "$T" '{"file_path": "/outside.txt"}' --workspace "$T/ws"
check "absolute outside, no workspace" file-read "$T" '{"file_path": "/outside.txt"}'
# Writes: a read-only grant; outside the workspace; at the sandbox root.
check "read-only grant" file-write "$T/ws" '{"file_path": "new.txt", "content": "x"}' --workspace "$T/ws" --cap read:/workspace
check "write without workspace" file-write "$T/ws" '{"file_path": "new2.txt", "content": "x"}'
check "write into a subdir" file-write "$T/ws" '{"file_path": "sub/n.txt", "content": "x"}' --workspace "$T/ws" --cap read:/workspace
check "write outside" file-write "$T/host" '{"file_path": "/data/w.txt", "content": "x"}' --workspace "$T/ws"
mkdir -p "$T/host2"
check "write dotdot" file-write "$T/host2" '{"file_path": "../w.txt", "content": "x"}' --workspace "$T/ws"
check "edit read-only" file-edit "$T/ws" '{"file_path": "a.txt", "old_string": "inside", "new_string": "edited"}' --workspace "$T/ws" --cap read:/workspace
grep -q edited "$T/ws/a.txt" && ok || bad "edit after the hint changed the file"
[ "$(sha256sum "$T/outside.txt")" = "$sum0" ] && ok || bad "outside.txt changed"
[ ! -e "$T/w.txt" ] && ok || bad "a refused write reached the host"

echo "$pass passed, $fail failed"
