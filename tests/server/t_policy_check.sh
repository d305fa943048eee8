#!/usr/bin/env bash
# t_policy_check.sh — `boxagnts policy check FILE`: a good policy prints
# each executor's effective settings (inheritance from the top level, the
# executor's own over it, the tools its profile and list allow); a wrong
# one (unknown key, bad grant in an executor, grant needing a workspace the
# executor lacks, missing file) exits 2 naming the problem.
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
BX=$BUILD/boxagnts
pass=0 fail=0
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
mkdir -p "$T/ws" "$T/coder"
cat > "$T/p.json" <<J
{
  "workspace": "$T/ws",
  "grants": ["read:/workspace"],
  "profile": "read_only",
  "limits": {"timeout": "30s", "max_memory": "256MiB"},
  "executors": {
    "coder": {"workspace": "$T/coder", "grants": ["write:/workspace"], "profile": "execute",
              "quotas": {"calls": 5000}},
    "reader": {"tools": ["file-read"], "limits": {"timeout": "7s"}}
  }
}
J
out=$("$BX" policy check "$T/p.json" 2>"$T/err"); rc=$?
[ $rc = 0 ] && grep -q "^policy .*: ok" <<<"$out" && ok || bad "good policy: rc=$rc $(cat "$T/err")"
# sections: executor NAME, then its lines
sec() { awk -v n="executor $1" '$0==n{on=1;next} /^executor /{on=0} on' <<<"$out"; }
[ "$(grep -c '^executor ' <<<"$out")" = 3 ] && ok || bad "three executors: $out"
sec default | grep -q "workspace  $T/ws$" && sec default | grep -q "timeout 30s" && sec default | grep -q "profile    read_only" \
    && ok || bad "default: $(sec default)"
sec default | grep -q "tools .*file-read" && ! sec default | grep -q "bash" && ok || bad "read_only offers no bash: $(sec default)"
sec coder | grep -q "workspace  $T/coder$" && sec coder | grep -q "grants     write:/workspace$" \
    && sec coder | grep -q "calls 5000" && sec coder | grep -q "timeout 30s" && sec coder | grep -q "tools .*bash" \
    && ok || bad "coder: $(sec coder)"
sec reader | grep -q "timeout 7s" && sec reader | grep -q "max_memory 256MiB" && sec reader | grep -q "workspace  $T/ws$" \
    && [ "$(sec reader | grep '^  tools' | xargs)" = "tools file-read" ] && ok || bad "reader: $(sec reader)"
# the grace at end of input, per server subcommand: the defaults differ, the key sets both
grep -qx "  drain      mcp 500ms (default), serve wait (default)" <<<"$out" && ok || bad "default drain: $out"
for d in '"2s":2s' '"wait":wait' '1.5:1500ms' '0:0s' '"250ms":250ms'; do
    printf '{"drain": %s}' "${d%%:*}" > "$T/d.json"
    o=$("$BX" policy check "$T/d.json" 2>"$T/err"); rc=$?
    w=${d#*:}
    [ $rc = 0 ] && grep -qx "  drain      mcp $w (policy), serve $w (policy)" <<<"$o" && ok || bad "drain ${d%%:*}: rc=$rc $o $(cat "$T/err")"
done

# wrong policies
printf '{"workspce": "%s"}' "$T/ws" > "$T/b1.json"
"$BX" policy check "$T/b1.json" >/dev/null 2>"$T/err"; rc=$?
[ $rc = 2 ] && grep -q workspce "$T/err" && ok || bad "unknown key: rc=$rc $(cat "$T/err")"
printf '{"executors": {"x": {"grants": ["read:/d=%s/missing"]}}}' "$T" > "$T/b2.json"
"$BX" policy check "$T/b2.json" >/dev/null 2>"$T/err"; rc=$?
[ $rc = 2 ] && grep -q "executor x" "$T/err" && ok || bad "bad executor grant: rc=$rc $(cat "$T/err")"
printf '{"workspace": "%s", "grants": ["read:/workspace"], "executors": {"y": {"workspace": null}}}' "$T/ws" > "$T/b3.json"
"$BX" policy check "$T/b3.json" >/dev/null 2>"$T/err"; rc=$?
[ $rc = 2 ] && grep -q "executor y" "$T/err" && grep -q "needs a workspace" "$T/err" && ok || bad "inherited grant without workspace: rc=$rc $(cat "$T/err")"
"$BX" policy check "$T/nope.json" >/dev/null 2>&1; [ $? = 2 ] && ok || bad "missing file"
"$BX" policy >/dev/null 2>&1; [ $? = 2 ] && ok || bad "usage"
# the docs' example policy (paths made real) passes
python3 - "$T" > "$T/doc.json" <<'PY'
import json, re, sys
t = sys.argv[1]
doc = open("docs/policy.md").read()
m = re.search(r"## Example\s+```json\n(.*?)```", doc, re.S)
p = json.loads(m.group(1))
p["workspace"] = t + "/ws"; p["tool_dirs"] = []
p["executors"]["coder"]["workspace"] = t + "/coder"
print(json.dumps(p))
PY
"$BX" policy check "$T/doc.json" >/dev/null 2>"$T/err"; rc=$?
[ $rc = 0 ] && ok || bad "docs/policy.md example: rc=$rc $(cat "$T/err")"

echo "$pass passed, $fail failed"
