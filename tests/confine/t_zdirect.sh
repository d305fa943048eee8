#!/usr/bin/env bash
# tests/confine/t_zdirect.sh — the direct channel to reused workers:
# test_zdirect (the zygote's API, bodies acting as a compromised worker:
# never another executor's request under 6 threads, a killed or crashed
# worker, a violation named, garbage, a record over any frame, a reply
# over the bound, bytes between calls, a refresh, descriptors and zombies
# after 1,000 calls), then `serve --jsonl --worker-reuse 1000`: 1,000
# piped file-read calls all answered, the server's descriptors after them
# as after the first 20, and no zombie under the server; 20 calls of a tool
# that looks for an earlier call's bytes in its memory (interpreted and
# compiled) never find them.  Needs: make tests.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
B=$BUILD/boxagnts
PASS=0 FAIL=0 SKIP=0
ok() { PASS=$((PASS + 1)); echo "ok $1"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL $1: $2"; }
TMP=$(mktemp -d)
SRV=
cleanup() { exec 3>&- 2>/dev/null; [ -n "$SRV" ] && kill "$SRV" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
export BOXAGNTS_TOOLS_PATH=

Z=$BUILD/tests/confine/test_zdirect
if [ -x "$Z" ]; then
    timeout 300 "$Z" >"$TMP/z" 2>&1
    grep '^FAIL\|^skip' "$TMP/z"
    read -r zp _ zf _ <<<"$(tail -n 1 "$TMP/z" | tr -d ',')"
    PASS=$((PASS + ${zp:-0})) FAIL=$((FAIL + ${zf:-1}))
    echo "# test_zdirect: $(tail -n 1 "$TMP/z")"
else
    bad test_zdirect "missing $Z (run make tests)"
fi

# ---- serve: 1,000 calls on direct workers ------------------------------------
mkdir -p "$TMP/ws"
seq 1 50 | sed 's/^/line /' >"$TMP/ws/f.txt"
mkfifo "$TMP/in"
"$B" serve --jsonl --workspace "$TMP/ws" --worker-reuse 1000 <"$TMP/in" >"$TMP/out" 2>"$TMP/err" &
SRV=$!
exec 3>"$TMP/in"
req() { printf '{"id":%d,"tool":"file-read","input":{"file_path":"f.txt"}}\n' "$1" >&3; }
lines() { wc -l <"$TMP/out"; }
waitfor() { for _ in $(seq 1 600); do [ "$(lines)" -ge "$1" ] && return 0; sleep 0.1; done; return 1; }
kids() {  # zombies under pid $1 and its children
    local z=0 p
    for p in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
        [ "$(awk '{print $3}' /proc/"$p"/stat 2>/dev/null)" = Z ] && z=$((z + 1))
        for q in $(cat /proc/"$p"/task/*/children 2>/dev/null); do
            [ "$(awk '{print $3}' /proc/"$q"/stat 2>/dev/null)" = Z ] && z=$((z + 1))
            for r in $(cat /proc/"$q"/task/*/children 2>/dev/null); do
                [ "$(awk '{print $3}' /proc/"$r"/stat 2>/dev/null)" = Z ] && z=$((z + 1))
            done
        done
    done
    echo $z
}
for i in $(seq 1 20); do req "$i"; done
waitfor 20
sleep 0.3
fd20=$(ls /proc/$SRV/fd | wc -l)
for i in $(seq 21 1000); do req "$i"; done
waitfor 1000
sleep 0.3
fd1000=$(ls /proc/$SRV/fd | wc -l)
nz=$(kids $SRV)
good=$(grep -c '"is_error":false' "$TMP/out")
full=$(grep -c '50\\tline 50' "$TMP/out")
if [ "$good" -eq 1000 ] && [ "$full" -eq 1000 ]; then ok serve-1000-direct-calls-answered
else bad serve-1000-direct-calls-answered "$good of 1000 answered, $full whole"; fi
if [ "$fd1000" -le "$fd20" ]; then ok "serve-no-descriptor-kept ($fd20 fds after 20 calls, $fd1000 after 1000)"; else bad serve-no-descriptor-kept "$fd20 fds after 20 calls, $fd1000 after 1000"; fi
if [ "$nz" -eq 0 ]; then ok serve-no-zombie; else bad serve-no-zombie "$nz zombies under the server"; fi
exec 3>&-
wait "$SRV"
rc=$?
SRV=
if [ "$rc" -eq 0 ]; then ok serve-exits-0; else bad serve-exits-0 "status $rc: $(tail -3 "$TMP/err")"; fi
# ---- serve: a reused worker's memory comes back zeroed -----------------------
# t-bad "mark" reports whether an earlier call's bytes are in its memory
# (a static array), then leaves its own: with reuse on, the worker and its
# kept memory reservation serve every call, and no call may see them.
TT=$BUILD/tests/server/tools
if [ -f "$TT/t-bad/tool.wasm" ]; then
    for tier in interp aot; do
        i=0; while [ $i -lt 20 ]; do
            printf '{"id":%d,"tool":"t-bad","input":{"mode":"mark"}}\n' $i; i=$((i + 1)); done |
            timeout 120 "$B" serve --jsonl --tools-dir "$TT" --worker-reuse 1000 --tier $tier \
                --cache-dir "$TMP/cache" >"$TMP/mark" 2>"$TMP/merr"
        clean=$(grep -c '"content":"clean"' "$TMP/mark"); seen=$(grep -c '"content":"seen"' "$TMP/mark")
        if [ "$clean" -eq 20 ] && [ "$seen" -eq 0 ]; then ok "serve-reused-memory-zeroed-$tier"
        else bad "serve-reused-memory-zeroed-$tier" "$clean clean, $seen saw an earlier call's bytes: $(head -c 300 "$TMP/merr")"; fi
    done
else
    bad serve-reused-memory-zeroed "missing $TT/t-bad/tool.wasm (run make tests)"
fi

echo "$PASS passed, $FAIL failed, $SKIP skipped"
[ "$FAIL" -eq 0 ]
