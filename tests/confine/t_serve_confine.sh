#!/usr/bin/env bash
# tests/confine/t_serve_confine.sh — test_zygote (the zygote's own API), then
# `serve` and `mcp`, which run each call in a
# confined worker forked by a zygote (src/confine/zygote.c): results say
# os_confinement; a worker killed mid-call (SIGSEGV, SIGKILL) ends its own
# call with a "crashed" error while the server and the other calls go on;
# workers hold neither the audit log nor the client's streams; audit lines
# are written by the server, tagged with their call; the zygote's memory
# holds no client's bytes (a marker sent in a call is found in the
# worker's memory, which proves the scan can find it, and not in the
# zygote's).  Needs: make tests (the t-bad test tool).
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
B=$BUILD/boxagnts
TT=$BUILD/tests/server/tools
PASS=0 FAIL=0 SKIP=0
skip() { SKIP=$((SKIP + 1)); echo "skip $1: $2"; }
ok() { PASS=$((PASS + 1)); echo "ok $1"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL $1: $2"; }
check() { if [ "$2" -eq 0 ]; then ok "$1"; else bad "$1" "$3"; fi; }
for f in "$B" "$TT/t-bad/tool.wasm"; do
    [ -e "$f" ] || { echo "missing $f (run make tests)"; echo "0 passed, 1 failed"; exit 1; }
done
TMP=$(mktemp -d)
SRV=
cleanup() { [ -n "$SRV" ] && kill "$SRV" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
export BOXAGNTS_TOOLS_PATH=
mkdir -p "$TMP/ws"
printf 'one\ntwo\n' >"$TMP/ws/f.txt"

# ---- the zygote through its own API (tests/confine/test_zygote.c) -------------
Z=$BUILD/tests/confine/test_zygote
if [ -x "$Z" ]; then
    "$Z" >"$TMP/zyg" 2>&1
    grep '^FAIL' "$TMP/zyg"
    read -r zp _ zf _ <<<"$(tail -n 1 "$TMP/zyg" | tr -d ',')"
    PASS=$((PASS + ${zp:-0})) FAIL=$((FAIL + ${zf:-1}))
    echo "# test_zygote: $(tail -n 1 "$TMP/zyg")"
else
    bad test_zygote "missing $Z (run make tests)"
fi

# ---- results report confinement; --no-os-confinement says none ---------------
REQ='{"id":1,"tool":"file-read","input":{"file_path":"f.txt"}}'
echo "$REQ" | "$B" serve --jsonl --workspace "$TMP/ws" >"$TMP/r1" 2>"$TMP/e1"
grep -q '"content":"1\\tone\\n2\\ttwo\\n"' "$TMP/r1" && grep -q '"os_confinement":"full"' "$TMP/r1"
check serve-confined-full $? "$(cat "$TMP/r1" "$TMP/e1")"
echo "$REQ" | "$B" serve --jsonl --no-os-confinement --workspace "$TMP/ws" >"$TMP/r2" 2>&1
grep -q '"os_confinement":"none","os_confinement_reason":"disabled by --no-os-confinement"' "$TMP/r2" &&
    grep -q '1\\tone' "$TMP/r2"
check serve-unconfined-reported $? "$(cat "$TMP/r2")"
echo "$REQ" | "$B" serve --jsonl --no-os-confinement --require-os-confinement --workspace "$TMP/ws" >"$TMP/r3" 2>&1
[ $? -ne 0 ] && grep -q contradict "$TMP/r3"
check serve-require-and-no-refused $? "$(cat "$TMP/r3")"
MCP='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}
{"jsonrpc":"2.0","method":"notifications/initialized"}
{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"file-read","arguments":{"file_path":"f.txt"}}}'
echo "$MCP" | "$B" mcp --drain wait --workspace "$TMP/ws" >"$TMP/m1" 2>&1
grep '"id":2' "$TMP/m1" | grep -q '"boxagnts/os_confinement":"full"'
check mcp-confined-full $? "$(cat "$TMP/m1")"

# ---- a server with spinning calls; workers killed under it --------------------
mkfifo "$TMP/in"
"$B" serve --jsonl --workers 4 --timeout 20s --tools-dir "$TT" --workspace "$TMP/ws" --audit "$TMP/audit" \
    <"$TMP/in" >"$TMP/out" 2>"$TMP/err" &
SRV=$!
exec 3>"$TMP/in"
MARK=zygote-marker-$RANDOM$RANDOM$RANDOM
for i in 1 2 3; do
    echo "{\"id\":\"spin$i\",\"tool\":\"t-bad\",\"input\":{\"mode\":\"spin\",\"pad\":\"$MARK\"}}" >&3
done
ZYG=
WORKERS=
# The zygote's workers: its children, and those of its executor zygotes
# (src/confine/zygote.c; named bx-exzygote), which fork pooled workers.
workers_of() {
    for p in $(pgrep -P "$1"); do
        if [ "$(cat /proc/"$p"/comm 2>/dev/null)" = bx-exzygote ]; then pgrep -P "$p"; else echo "$p"; fi
    done | sort -n
}
for _ in $(seq 100); do
    ZYG=$(pgrep -P "$SRV" | head -n 1)
    [ -n "$ZYG" ] && WORKERS=$(workers_of "$ZYG" | tr '\n' ' ')
    [ "$(echo $WORKERS | wc -w)" -ge 3 ] && break
    sleep 0.1
done
set -- $WORKERS
[ $# -ge 3 ]; check three-workers-forked $? "server $SRV zygote '$ZYG' workers '$WORKERS'"
W1=${1:-0} W2=${2:-0} W3=${3:-0}
sleep 0.3   # past their request reading: running the guest (each spins until 20 s)
# A worker holds its socket and violation pipe only: not the audit log, not
# the client's stdin/stdout (those are /dev/null in the zygote and workers).
fds=$(ls -l /proc/"$W1"/fd 2>/dev/null)
! grep -q "$TMP/audit" <<<"$fds" && ! grep -q "$TMP/in\|$TMP/out" <<<"$fds" && [ -n "$fds" ]
check worker-holds-no-log-or-client-stream $? "$fds"
zfds=$(ls -l /proc/"$ZYG"/fd 2>/dev/null)
! grep -q "$TMP/in\|$TMP/out\|$TMP/audit" <<<"$zfds" && [ -n "$zfds" ]
check zygote-holds-no-client-stream $? "$zfds"
kill -SEGV "$W1"
kill -KILL "$W2"
# The marker: in a worker's memory (the scan works), not in the zygote's.
scan() { python3 - "$1" "$MARK" <<'PY'
import re, sys
pid, mark = sys.argv[1], sys.argv[2].encode()
found = readable = 0
with open(f"/proc/{pid}/maps") as m, open(f"/proc/{pid}/mem", "rb", 0) as mem:
    for line in m:
        a, b = [int(x, 16) for x in line.split()[0].split("-")]
        if line.split()[1][0] != "r" or b - a > (1 << 31): continue
        try:
            mem.seek(a); found |= mark in mem.read(b - a); readable = 1
        except OSError: pass
print("found" if found else "absent" if readable else "unreadable")
PY
}
S3=$(scan "$W3" 2>/dev/null || echo unreadable)
if [ "$S3" = unreadable ]; then
    skip marker-in-worker-memory "cannot read /proc/$W3/mem (ptrace restrictions)"
    skip marker-not-in-zygote-memory "cannot read process memory here"
else
    [ "$S3" = found ]; check marker-in-worker-memory $? "scan of worker $W3: $S3"
    [ "$(scan "$ZYG")" = absent ]; check marker-not-in-zygote-memory $? "scan of zygote $ZYG"
fi
echo '{"id":"after","tool":"file-read","input":{"file_path":"f.txt"}}' >&3
for _ in $(seq 600); do [ "$(wc -l <"$TMP/out")" -ge 4 ] && break; sleep 0.1; done
exec 3>&-
wait "$SRV"
rc=$?
SRV=
[ "$rc" -eq 0 ]; check server-survives-and-exits-cleanly $? "exit $rc: $(cat "$TMP/err")"
grep -q '"id":"after","result":{"content":"1\\tone\\n2\\ttwo\\n","is_error":false' "$TMP/out"
check later-call-answered $? "$(cat "$TMP/out")"
[ "$(grep -c '"outcome\\":\\"crashed\\",\\"signal\\":11\|"outcome":"crashed","signal":11' "$TMP/out")" -eq 1 ]
check segv-worker-crashed-result $? "$(cat "$TMP/out")"
[ "$(grep -c '"outcome":"crashed","signal":9' "$TMP/out")" -eq 1 ]
check killed-worker-crashed-result $? "$(cat "$TMP/out")"
[ "$(grep -c '"id":"spin[123]"' "$TMP/out")" -eq 3 ] &&
    [ "$(grep '"id":"spin[123]"' "$TMP/out" | grep -c '"outcome":"crashed"')" -eq 2 ]
check other-spin-ends-by-its-timeout $? "$(cat "$TMP/out")"
la=$(grep -n '"id":"after"' "$TMP/out" | cut -d: -f1)
ls=$(grep -n '"id":"spin[123]"' "$TMP/out" | grep -v '"outcome":"crashed"' | cut -d: -f1)
[ -n "$la" ] && [ -n "$ls" ] && [ "$la" -lt "$ls" ]
check later-call-answered-while-a-call-runs $? "$(cat "$TMP/out")"
grep -q 'crashed: the worker died of signal 11' "$TMP/out"
check crash-says-why $? "$(cat "$TMP/out")"
# Audit: the server's lines, each tagged with its call; the crash audited.
[ -s "$TMP/audit" ] && ! grep -v '^{"call":"default/[a-z-]*#[0-9]*",' "$TMP/audit" | grep -q .
check audit-lines-tagged $? "$(head -5 "$TMP/audit")"
grep -q '"event":"confinement".*"rule":"worker".*signal 11' "$TMP/audit"
check crash-audited $? "$(cat "$TMP/audit")"
pgrep -P "$ZYG" >/dev/null 2>&1; [ $? -ne 0 ] && ! kill -0 "$ZYG" 2>/dev/null
check zygote-and-workers-gone-after-exit $? "zygote $ZYG still there"

# ---- another executor's secrets are not in a worker's memory ----------------
export BXT_SECRET_A=alpha-secret-$RANDOM$RANDOM BXT_SECRET_B=bravo-secret-$RANDOM$RANDOM
cat >"$TMP/policy.json" <<JSON
{"executors": {
  "a": {"secret_headers": ["https://a.example:X-Key=env:BXT_SECRET_A"], "limits": {"timeout": "20s"}},
  "b": {"secret_headers": ["https://b.example:X-Key=env:BXT_SECRET_B", "https://c.example:X-Key=literal-charlie-$RANDOM$RANDOM"]}
}}
JSON
CHARLIE=$(grep -o 'literal-charlie-[0-9]*' "$TMP/policy.json")
mkfifo "$TMP/in2"
"$B" serve --jsonl --policy "$TMP/policy.json" --tools-dir "$TT" <"$TMP/in2" >"$TMP/out2" 2>"$TMP/err2" &
SRV=$!
exec 4>"$TMP/in2"
# a first call of the same executor and tool: the zygote pools a worker
# for a hint once the hint comes again (the spin call below)
echo '{"id":"o","executor":"a","tool":"t-bad","input":{"mode":"ok"}}' >&4
for _ in $(seq 100); do grep -q '"id":"o"' "$TMP/out2" 2>/dev/null && break; sleep 0.1; done
echo '{"id":"s","executor":"a","tool":"t-bad","input":{"mode":"spin"}}' >&4
# the zygote's living children by pid: the spin call's worker, then the
# one pooled for a's next call (the "ok" call's worker is gone or a zombie)
kids() {
    for p in $(workers_of "$1"); do
        ps -o pid=,stat= -p "$p" | awk '$2 !~ /^Z/ { print $1 }'
    done
}
W=
for _ in $(seq 100); do
    ZYG=$(pgrep -P "$SRV" | head -n 1)
    [ -n "$ZYG" ] && W=$(kids "$ZYG" | head -n 1)
    [ -n "$W" ] && break
    sleep 0.1
done
sleep 0.3
[ -n "$ZYG" ] && W=$(kids "$ZYG" | head -n 1)
scan_for() { MARK=$2 scan "$1" 2>/dev/null || echo unreadable; }
SA=$(scan_for "$W" "$BXT_SECRET_A")
if [ -z "$W" ] || [ "$SA" = unreadable ]; then
    bad worker-for-secrets "no worker found or memory unreadable: '$W' $SA $(cat "$TMP/err2")"
else
    [ "$SA" = found ]; check own-secret-in-worker $? "executor a's own secret: $SA"
    [ "$(scan_for "$ZYG" "$BXT_SECRET_B")" = found ] && [ "$(scan_for "$ZYG" "$CHARLIE")" = found ]
    check other-secrets-in-zygote $? "the zygote holds every executor's secrets (so the scan can find them)"
    # each scan reads the whole worker: once each (under load a scan is slow,
    # and the spinning call it scans ends at executor a's 20 s timeout)
    SB=$(scan_for "$W" "$BXT_SECRET_B") SC=$(scan_for "$W" "$CHARLIE")
    echo "# b-env: $SB b-literal: $SC"
    if ldd "$B" 2>/dev/null | grep -q libasan; then
        # ASan's allocator keeps freed chunks in reservations over 1 GiB,
        # which the zygote's wipe does not scan (src/server/executor.c)
        skip other-executor-secrets-not-in-worker "an AddressSanitizer build"
    else
        [ "$SB" = absent ] && [ "$SC" = absent ]
        check other-executor-secrets-not-in-worker $? "b's secrets in a's worker $W: $SB $SC; $(ps -o pid,ppid,stat,comm -p "$W" | tail -n +2)"
        # the worker the zygote forked and confined ahead for a's next call
        # (its pool) is scrubbed the same way, before any call reaches it
        P=$(kids "$ZYG" | grep -vx "$W" | head -n 1)
        if [ -z "$P" ]; then
            bad pooled-worker-secrets "no pooled worker next to '$W'"
        else
            PA=$(scan_for "$P" "$BXT_SECRET_A")
            [ "$PA" = found ] && [ "$(scan_for "$P" "$BXT_SECRET_B")" = absent ] &&
                [ "$(scan_for "$P" "$CHARLIE")" = absent ]
            check pooled-worker-secrets $? "pooled worker $P: own $PA, b's must be absent"
        fi
    fi
fi
kill -KILL "$W" 2>/dev/null
exec 4>&-
wait "$SRV"
SRV=

echo "$PASS passed, $FAIL failed, $SKIP skipped"
[ "$FAIL" -eq 0 ]
