#!/usr/bin/env bash
# t_links.sh — escapes through links, renames and nested grants (issue 12,
# items 1, 3 and 5), through every entry point: `call` (the bash tool and
# the file tools), `run` (a raw WASI guest, tests/wasi/escape/links.c),
# `serve --jsonl` and `mcp` with policy files.
#
# Every case ends with the same host checks, computed by python, never by
# the code under test: every symbolic link in the workspace resolves (by
# the host's own realpath) inside the workspace, and the files outside it
# are byte-identical with nothing added.
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
BX=${BX:-$BUILD/boxagnts}
LW=$BUILD/tests/wasi/links.wasm
pass=0 fail=0
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
[ -x "$BX" ] && [ -f "$LW" ] || { echo "FAIL: $BX or $LW not built (make tests)"; echo "0 passed, 1 failed"; exit 1; }

# The wasi and options layers directly: grants re-opened refusing links.
NL=$BUILD/tests/sandbox/test_nolinks
if [ -x "$NL" ]; then
    out=$("$NL" 2>&1); rc=$?
    if [[ $(tail -n 1 <<<"$out") =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        pass=$((pass + BASH_REMATCH[1])) fail=$((fail + BASH_REMATCH[2]))
        [ $rc = 0 ] || [ "${BASH_REMATCH[2]}" -gt 0 ] || bad "test_nolinks exit $rc"
    else bad "test_nolinks: $out"; fi
else
    bad "$NL not built (make tests)"
fi

field() { python3 -c 'import json,sys; v=json.loads(sys.argv[1]).get(sys.argv[2]); print(json.dumps(v) if not isinstance(v,str) else v)' "$1" "$2" 2>/dev/null; }
content() { field "$1" content; }

# The host outside the workspace: $T/outside (a secret and a directory the
# links aim at), plus /etc/hostname, whose text must never come back.
mkdir -p "$T/outside/etc"
printf 'TOP SECRET outside\n' > "$T/outside/secret.txt"
printf 'outside etc\n' > "$T/outside/etc/hostname"
HOSTNAME_TEXT=$(head -c 200 /etc/hostname 2>/dev/null || true)
S=$T/scratch; mkdir -p "$S"      # the test's own files: not part of the host checks
snapshot() { (cd "$T" && find . -path ./ws -prune -o -path ./scratch -prune -o -print | sort &&
              find outside -type f -exec sha256sum {} + | sort); }
BEFORE=$(snapshot)

# host_ok DESC: every link inside the workspace stays inside; outside unchanged.
host_ok() {
    local out
    out=$(python3 - "$T/ws" <<'PY'
import os, sys
ws = os.path.realpath(sys.argv[1])
bad = []
for root, dirs, files in os.walk(ws):
    for n in dirs + files:
        p = os.path.join(root, n)
        if os.path.islink(p):
            r = os.path.realpath(p)
            if r != ws and not r.startswith(ws + os.sep):
                bad.append(f"{p[len(ws):]} -> {os.readlink(p)} = {r}")
print("\n".join(bad))
PY
)
    [ -z "$out" ] && ok || bad "$1: links leave the workspace: $out"
    [ "$(snapshot)" = "$BEFORE" ] && ok || bad "$1: the host outside the workspace changed"
}
fresh() { rm -rf "$T/ws"; mkdir -p "$T/ws"; }
bash_call() {  # bash_call CMD [extra call args...]: OUT = result JSON
    local cmd=$1; shift
    OUT=$("$BX" call bash --workspace "$T/ws" "$@" "$(python3 -c 'import json,sys; print(json.dumps({"command": sys.argv[1]}))' "$cmd")" 2>"$S/stderr")
}
no_leak() {  # no_leak DESC TEXT: none of the outside texts appear
    if [[ "$2" == *"TOP SECRET"* || "$2" == *"outside etc"* || ( -n "$HOSTNAME_TEXT" && "$2" == *"$HOSTNAME_TEXT"* ) ]]; then
        bad "$1: outside text leaked: $2"
    else ok; fi
}

# ---- 1. the reproduction, and the same with a write grant ------------------
fresh
bash_call 'mkdir -p a/b/c/d/e/f; ln -s ../../../../../../etc a/b/c/d/e/f/l; mv a/b/c/d/e/f/l docs; echo "mv=$?"'
[[ "$(content "$OUT")" == *"mv=1"* ]] && ok || bad "the planted link is not moved to the top: $(content "$OUT")"
[ ! -L "$T/ws/docs" ] && ok || bad "docs became a link"
OUT=$("$BX" call file-read --workspace "$T/ws" --cap read:/workspace/docs '{"file_path":"/workspace/docs/hostname"}' 2>&1)
no_leak "reproduction: file-read through docs" "$OUT"
# refused: an is_error result, or (since `call` checks grants before it
# runs, as `run` does) the grant itself refused with exit 2
{ [ "$(field "$OUT" is_error)" = true ] || [[ "$OUT" == *"cannot grant read:/workspace/docs"* ]]; } && ok || bad "reproduction: file-read through docs must fail: $OUT"
host_ok "reproduction"

# A link the guest could not make but that is there (made by the host, or by
# an older boxagnts): every grant through it is refused, read or write.
fresh
mkdir -p "$T/ws/a"
ln -s ../outside/etc "$T/ws/docs"      # never the real /etc: a regression would write there
ln -s ../outside "$T/ws/out"
ln -s ../../outside "$T/ws/a/deep"
ln -s ../outside/secret.txt "$T/ws/f.txt"
for g in read:/workspace/docs write:/workspace/docs read:/workspace/out write:/workspace/out \
         read:/workspace/out/etc read:/workspace/a/deep write:/workspace/a/deep/etc read:/workspace/f.txt \
         write:/workspace/f.txt; do
    OUT=$("$BX" call file-read --workspace "$T/ws" --cap "$g" '{"file_path":"/workspace/out/secret.txt"}' 2>&1)
    no_leak "grant $g" "$OUT"
    [[ "$OUT" == *"symbolic link"* ]] && ok || bad "grant $g through a link: refused naming the link: $OUT"
    gp=${g#*:}; [[ $gp == *.txt ]] && wp=$gp || wp=$gp/planted
    OUT=$("$BX" call file-write --workspace "$T/ws" --cap "$g" "{\"file_path\":\"$wp\",\"content\":\"x\"}" 2>&1)
    [[ "$OUT" == *"symbolic link"* ]] && ok || bad "write with grant $g: refused: $OUT"
done
OUT=$("$BX" call file-read --workspace "$T/ws" --cap read:/workspace/docs '{"file_path":"/workspace/docs/hostname"}' 2>&1)
no_leak "grant read:/workspace/docs (hostname)" "$OUT"
[[ "$OUT" == *"/workspace/docs is a symbolic link"* && "$OUT" == *"remove the link"* ]] && ok \
    || bad "the refusal says which link and what to do: $OUT"
# run: --cap and --dir, explicit host paths written inside the workspace too
for spec in "--cap read:/workspace/docs" "--cap write:/workspace/out" "--dir $T/ws/docs::/docs" \
            "--dir $T/ws/out::/o:ro" "--cap read:/d=$T/ws/docs" "--cap write:/d=$T/ws/a/deep" \
            "--cap read:/d=$T/ws/a/../out"; do
    # shellcheck disable=SC2086
    out=$("$BX" run --workspace "$T/ws" $spec "$LW" plant 2>&1); rc=$?
    [ $rc = 2 ] && [[ "$out" == *"link"* || "$out" == *".."* ]] && ok || bad "run $spec: refused (exit 2): rc=$rc $out"
done
# the workspace root itself and explicit host paths outside it are the operator's
ln -s "$T/ws" "$S/wslink"
out=$("$BX" run --workspace "$S/wslink" --cap read:/workspace --cap read:/o="$T/outside" "$LW" nothing 2>&1); rc=$?
[ $rc = 1 ] && [[ "$out" == *"unknown case"* ]] && ok || bad "operator's own links are followed: rc=$rc $out"
rm -f "$T/ws/docs" "$T/ws/out" "$T/ws/a/deep" "$T/ws/f.txt"    # ours; now check nothing else
host_ok "grants through links"

# ---- 2. other depths: a link may reach the top, never above ---------------
for d in 1 2 3 5 8; do
    fresh
    dir=$(printf 'd%s/' $(seq 1 $d)); dir=${dir%/}
    ups=$(printf '../%.0s' $(seq 1 $d))
    bash_call "mkdir -p $dir; ln -s ${ups}x $dir/in; echo in=\$?; ln -s ${ups}../outside $dir/out; echo out=\$?; mv $dir/in top; echo mv=\$?; ln -s ${ups}x $dir/in2 && mv $dir d$((d+1))x 2>/dev/null; echo mvdir=\$?"
    c=$(content "$OUT")
    [[ "$c" == *"in=0"* && "$c" == *"out=1"* && "$c" == *"mv=1"* ]] && ok || bad "depth $d: $c"
    host_ok "depth $d"
done

# ---- 3. chains of links ----------------------------------------------------
fresh
bash_call 'ln -s . s; ln -s s/.. t1; ln -s t1/.. t2; ln -s t2/.. t3; ln -s t3/.. t4; ln -s t4/../outside docs; ln -s s/s/s/.. u; ln -s a/../.. v; ls'
[ -L "$T/ws/s" ] && [ ! -e "$T/ws/t1" ] && [ ! -L "$T/ws/t1" ] && [ ! -L "$T/ws/docs" ] && [ ! -L "$T/ws/u" ] && [ ! -L "$T/ws/v" ] \
    && ok || bad "chain: only 's -> .' is made: $(ls -la "$T/ws")"
OUT=$("$BX" call file-write --workspace "$T/ws" --cap write:/workspace/docs '{"file_path":"/workspace/docs/evil","content":"x"}' 2>&1)
[ ! -e "$T/outside/evil" ] && ok || bad "chain: a file was written outside"
{ [ "$(field "$OUT" is_error)" = true ] || [[ "$OUT" == *"cannot grant write:/workspace/docs"* ]]; } && ok || bad "chain: write through docs must fail: $OUT"
host_ok "chain"

# ---- 4. renames of ancestors carry their links -----------------------------
fresh
bash_call 'mkdir -p p/q/r z; ln -s ../../../x p/q/r/l; mv p/q q2; echo a=$?; mv p/q/r r2; echo b=$?; mv p z/p; echo c=$?; mv z/p/q z/q; echo d=$?; mv z/q/r z/r; echo e=$?; mv z/q z/p/q; mv z/p p; echo f=$?'
c=$(content "$OUT")
[[ "$c" == *"a=1"* && "$c" == *"b=1"* && "$c" == *"c=0"* && "$c" == *"d=0"* && "$c" == *"e=1"* && "$c" == *"f=0"* ]] && ok || bad "ancestor renames: $c"
host_ok "ancestor renames"

# ---- 5. hard links of links, absolute targets ------------------------------
fresh
bash_call 'mkdir -p a/b; ln -s ../../y a/b/l; ln a/b/l hl; echo h=$?; ln -s /etc abs; echo abs=$?; ln -s "$PWD/x" abs2; echo abs2=$?'
c=$(content "$OUT")
[[ "$c" == *"abs=1"* && "$c" == *"abs2=1"* ]] && ok || bad "absolute targets refused: $c"
host_ok "hard links and absolute targets"

# ---- 6. raw WASI guests under run ------------------------------------------
fresh
out=$("$BX" run --workspace "$T/ws" --cap write:/workspace --json-file "$S/rec.json" "$LW" plant 2>&1); rc=$?
[ $rc = 0 ] && [[ "$out" == *" 0 failed"* ]] && ok || bad "raw guest plant: rc=$rc $out"
python3 - "$S/rec.json" <<'PY' && ok || bad "the result record lists the links made: $(cat "$S/rec.json")"
import json, sys
r = json.load(open(sys.argv[1]))
links = {(l["path"], l["target"]) for l in r["links"]}
assert ("/workspace/s", ".") in links and ("/workspace/a/b/c/l", "../../../etc") in links, links
assert r["links_made"] == len(r["links"]), r
assert not any(t.startswith("/") for _, t in links)
PY
host_ok "raw plant"
fresh
mkdir -p "$T/ws/docs/sub"
printf 'readme\n' > "$T/ws/docs/readme.txt"
sum=$(sha256sum "$T/ws/docs/readme.txt")
out=$("$BX" run --workspace "$T/ws" --cap write:/workspace --cap read:/workspace/docs "$LW" nested 2>&1); rc=$?
[ $rc = 0 ] && [[ "$out" == *" 0 failed"* ]] && ok || bad "raw guest nested: rc=$rc $out"
[ "$(sha256sum "$T/ws/docs/readme.txt")" = "$sum" ] && [ "$(ls "$T/ws/docs" | tr '\n' ' ')" = "readme.txt sub " ] \
    && ok || bad "docs/ unchanged after the nested case: $(ls -la "$T/ws/docs")"
# the grants in the other order: the most specific still decides
out=$("$BX" run --workspace "$T/ws" --cap read:/workspace/docs --cap write:/workspace "$LW" nested 2>&1); rc=$?
[ $rc = 0 ] && [[ "$out" == *" 0 failed"* ]] && ok || bad "raw guest nested (grants reversed): rc=$rc $out"
[ "$(sha256sum "$T/ws/docs/readme.txt")" = "$sum" ] && ok || bad "docs/readme.txt unchanged (grants reversed)"
host_ok "raw nested"
fresh
mkdir -p "$T/ws/config" "$T/ws/.git/hooks"
printf 'SECRET-KEY\n' > "$T/ws/config/prod.key"
printf 'other\n' > "$T/ws/config/other.txt"
out=$("$BX" run --workspace "$T/ws" --cap write:/workspace --cap deny:/workspace/config/prod.key \
      --cap 'deny:/workspace/.git/hooks/*' --audit "$S/audit.log" "$LW" deny 2>&1); rc=$?
[ $rc = 0 ] && [[ "$out" == *" 0 failed"* ]] && ok || bad "raw guest deny: rc=$rc $out"
[ "$(cat "$T/ws/config/prod.key")" = SECRET-KEY ] && [ -z "$(ls -A "$T/ws/.git/hooks")" ] && ok \
    || bad "the denied key stays, no hook planted: $(find "$T/ws")"
grep -q '"event":"rename".*"decision":"deny","rule":"deny:/workspace/config/prod.key"' "$S/audit.log" && ok \
    || bad "the refused rename is audited with its deny rule"
host_ok "raw deny"

fresh
mkdir -p "$T/ws/config"
printf 'SECRET-KEY\n' > "$T/ws/config/prod.key"
out=$("$BX" run --workspace "$T/ws" --cap write:/workspace --cap "write:/alias=$T/ws" \
      --cap deny:/workspace/config/prod.key "$LW" alias 2>&1); rc=$?
[ $rc = 0 ] && [[ "$out" == *" 0 failed"* ]] && ok || bad "raw guest alias: rc=$rc $out"
[ "$(cat "$T/ws/config/prod.key")" = SECRET-KEY ] && ok || bad "alias: the key moved or changed"
host_ok "raw alias"

# Two calls at once on one workspace (as under serve): links made while
# their directory is moved up and back.  The interleaving is the kernel's;
# the check is only the invariant, whatever happened.
fresh
"$BX" run --workspace "$T/ws" --cap write:/workspace "$LW" race-links 1500 >"$S/race1" 2>&1 &
rp=$!
"$BX" run --workspace "$T/ws" --cap write:/workspace "$LW" race-moves 1500 >"$S/race2" 2>&1
wait $rp
grep -q " 0 failed" "$S/race1" && grep -q " 0 failed" "$S/race2" && ok || bad "race guests: $(cat "$S/race1" "$S/race2")"
host_ok "concurrent links and moves"

# ---- 7. deny rules through the bash tool -----------------------------------
fresh
mkdir -p "$T/ws/config" "$T/ws/.git/hooks"
printf 'SECRET-KEY\n' > "$T/ws/config/prod.key"
bash_call 'mv config c2; cat c2/prod.key; cp -r config c3; cat c3/prod.key; ln config/prod.key k; cat k; mv .git g; echo evil > g/hooks/pre-commit; mv g .git; mkdir -p .git/hooks; mv g/hooks/pre-commit .git/hooks/; echo x > .git/hooks/post-merge; true' \
    --cap write:/workspace --cap deny:/workspace/config/prod.key --cap 'deny:/workspace/.git/hooks/*'
[[ "$OUT" != *SECRET-KEY* ]] && ok || bad "deny: the key was read under another name: $OUT"
[ "$(cat "$T/ws/config/prod.key")" = SECRET-KEY ] && ok || bad "deny: the key moved or changed"
[ -z "$(find "$T/ws" -path '*/.git/hooks/*')" ] && ok || bad "deny: a hook was planted: $(find "$T/ws" -path '*/.git/hooks/*')"
host_ok "deny via bash"

# Other names made before the call (hard links) are as absent as the denied one.
fresh
mkdir -p "$T/ws/config" "$T/ws/sub/deeper" "$T/ws/backup"
printf 'SECRET-KEY\n' > "$T/ws/config/prod.key"
printf 'SECRET-ENV\n' > "$T/ws/sub/deeper/.env"
ln "$T/ws/config/prod.key" "$T/ws/backup/key.bak"
ln "$T/ws/sub/deeper/.env" "$T/ws/env.bak"
printf 'fine\n' > "$T/ws/plain.txt"; ln "$T/ws/plain.txt" "$T/ws/plain2.txt"
bash_call 'cat backup/key.bak; cat env.bak; cat plain2.txt; ln backup/key.bak k2; cat k2; mv backup/key.bak kb; cat kb; cp env.bak e2; cat e2' \
    --cap write:/workspace --cap deny:/workspace/config/prod.key --cap 'deny:/workspace/**/.env'
[[ "$OUT" != *SECRET-* ]] && ok || bad "deny: a hard link made before the call reads the secret: $OUT"
[[ "$OUT" == *fine* ]] && ok || bad "deny: other hard-linked files stay readable: $OUT"
[ "$(cat "$T/ws/backup/key.bak")" = SECRET-KEY ] && [ ! -e "$T/ws/k2" ] && [ ! -e "$T/ws/kb" ] && ok \
    || bad "deny: the other name was linked or moved: $(ls -la "$T/ws")"
OUT=$("$BX" call file-read --workspace "$T/ws" --cap read:/workspace --cap 'deny:/workspace/**/.env' '{"file_path":"/workspace/env.bak"}' 2>&1)
[[ "$OUT" != *SECRET-* ]] && ok || bad "deny: file-read of a hard link to a denied file: $OUT"
host_ok "deny and hard links"

# ---- 8. links reported by call; audit lists targets ------------------------
fresh
OUT=$("$BX" call bash --workspace "$T/ws" --audit "$S/a2.log" '{"command":"mkdir d; ln -s d l; ln -s ../x d/y"}' 2>/dev/null)
python3 - "$OUT" <<'PY' && ok || bad "call metadata lists links_created: $OUT"
import json, sys
m = json.loads(sys.argv[1])["metadata"]
assert {"path": "/workspace/l", "target": "d"} in m["links_created"], m
assert {"path": "/workspace/d/y", "target": "../x"} in m["links_created"], m
assert m["links_made"] == 2, m
PY
if [ -s "$S/a2.log" ]; then
    grep -q '"event":"symlink","path":"/workspace/d/y","decision":"allow".*"hint":"target: ../x"' "$S/a2.log" && ok \
        || bad "audit lists the link and its target: $(grep symlink "$S/a2.log")"
fi
host_ok "reports"

# ---- 9. serve --jsonl and mcp with policy files -----------------------------
fresh
ln -s ../../../../../../../../etc "$T/ws/docs"
cat > "$S/policy.json" <<EOF
{"workspace": "$T/ws", "grants": ["read:/workspace/docs"], "profile": "write"}
EOF
out=$(printf '%s\n' '{"id":1,"tool":"file-read","input":{"file_path":"/workspace/docs/hostname"}}' \
      | timeout 60 "$BX" serve --jsonl --policy "$S/policy.json" 2>&1)
no_leak "serve policy grant through a link" "$out"
[[ "$out" == *"symbolic link"* ]] && ok || bad "serve: the grant through a link is refused: $out"
out=$(printf '%s\n' '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}' \
      '{"jsonrpc":"2.0","method":"notifications/initialized"}' \
      '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"file-read","arguments":{"file_path":"/workspace/docs/hostname"}}}' \
      | timeout 60 "$BX" mcp --drain wait --policy "$S/policy.json" 2>&1)
no_leak "mcp policy grant through a link" "$out"
[[ "$out" == *"symbolic link"* ]] && ok || bad "mcp: the grant through a link is refused: $out"
rm -f "$T/ws/docs"
host_ok "serve and mcp"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
