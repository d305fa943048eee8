#!/usr/bin/env bash
# tests/confine/t_worker_reuse.sh — worker reuse (default 1000, --worker-reuse N,
# policy "worker_reuse"): test_zreuse (the zygote's API, bodies acting as a
# compromised worker: a marker left by one call is seen by a later call of
# the same executor only when reuse is on, never by another executor's;
# a worker is discarded after an unclean end, a crash, a violation, a
# timeout, memory growth), then `serve`: bad values refused by name; two
# executors under reuse, 300 interleaved piped calls each answered with
# its own executor's file and never the other's; and the same pooled
# worker pids still there after more calls only when reuse is on.
# Needs: make tests.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
B=$BUILD/boxagnts
PASS=0 FAIL=0 SKIP=0
ok() { PASS=$((PASS + 1)); echo "ok $1"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL $1: $2"; }
check() { if [ "$2" -eq 0 ]; then ok "$1"; else bad "$1" "$3"; fi; }
TMP=$(mktemp -d)
SRV=
cleanup() { [ -n "$SRV" ] && kill "$SRV" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
export BOXAGNTS_TOOLS_PATH=

Z=$BUILD/tests/confine/test_zreuse
if [ -x "$Z" ]; then
    timeout 300 "$Z" >"$TMP/z" 2>&1
    grep '^FAIL\|^skip' "$TMP/z"
    read -r zp _ zf _ <<<"$(tail -n 1 "$TMP/z" | tr -d ',')"
    PASS=$((PASS + ${zp:-0})) FAIL=$((FAIL + ${zf:-1}))
    SKIP=$((SKIP + $(grep -c '^skip' "$TMP/z")))
    echo "# test_zreuse: $(tail -n 1 "$TMP/z")"
else
    bad test_zreuse "missing $Z (run make tests)"
fi

# ---- values ------------------------------------------------------------------
mkdir -p "$TMP/wa" "$TMP/wb"
for v in 0 10001 '"many"' 1.5; do
    echo "{\"worker_reuse\": $v}" >"$TMP/p.json"
    "$B" serve --jsonl --policy "$TMP/p.json" </dev/null >/dev/null 2>"$TMP/e"
    rc=$?
    [ "$rc" -ne 0 ] && grep -q worker_reuse "$TMP/e"
    check "policy-worker_reuse-$v-refused" $? "exit $rc: $(cat "$TMP/e")"
done
echo "{\"executors\": {\"a\": {\"workspace\": \"$TMP/wa\", \"worker_reuse\": 4}}}" >"$TMP/p.json"
"$B" serve --jsonl --policy "$TMP/p.json" </dev/null >/dev/null 2>"$TMP/e"
rc=$?
[ "$rc" -ne 0 ] && grep -q worker_reuse "$TMP/e"
check policy-worker_reuse-inside-an-executor-refused $? "exit $rc: $(cat "$TMP/e")"
for v in 0 10001 x -3; do
    "$B" serve --jsonl --worker-reuse "$v" </dev/null >/dev/null 2>"$TMP/e"
    rc=$?
    [ "$rc" -eq 2 ] && grep -q -- --worker-reuse "$TMP/e"
    check "flag-worker-reuse-$v-refused" $? "exit $rc: $(cat "$TMP/e")"
done
"$B" mcp --worker-reuse 4 </dev/null >/dev/null 2>"$TMP/e"
check mcp-takes-worker-reuse $? "$(cat "$TMP/e")"
echo '{"worker_reuse": 4}' >"$TMP/p.json"
o=$("$B" policy check "$TMP/p.json" 2>&1)
grep -qx "  worker reuse 4 calls per worker (policy)" <<<"$o"
check policy-check-shows-worker-reuse $? "$o"
echo '{}' >"$TMP/p.json"
o=$("$B" policy check "$TMP/p.json" 2>&1)
grep -qx "  worker reuse 1000 calls per worker (default)" <<<"$o"
check policy-check-shows-default-worker-reuse $? "$o"

# ---- two executors under reuse -----------------------------------------------
A=alpha-$RANDOM$RANDOM B2=bravo-$RANDOM$RANDOM
echo "$A" >"$TMP/wa/secret.txt"
echo "$B2" >"$TMP/wb/secret.txt"
cp "$TMP/wa/secret.txt" "$TMP/a.before"; cp "$TMP/wb/secret.txt" "$TMP/b.before"
cat >"$TMP/policy.json" <<JSON
{"worker_reuse": 50, "executors": {
  "a": {"workspace": "$TMP/wa", "grants": ["read:/workspace"]},
  "b": {"workspace": "$TMP/wb", "grants": ["read:/workspace"]}
}}
JSON
for i in $(seq 300); do
    case $((i % 5)) in
    0) echo "{\"id\":\"x$i\",\"executor\":\"a\",\"tool\":\"file-read\",\"input\":{\"file_path\":\"$TMP/wb/secret.txt\"}}" ;;
    1|3) echo "{\"id\":\"a$i\",\"executor\":\"a\",\"tool\":\"file-read\",\"input\":{\"file_path\":\"secret.txt\"}}" ;;
    *) echo "{\"id\":\"b$i\",\"executor\":\"b\",\"tool\":\"file-read\",\"input\":{\"file_path\":\"secret.txt\"}}" ;;
    esac
done >"$TMP/req"
"$B" serve --jsonl --workers 8 --policy "$TMP/policy.json" <"$TMP/req" >"$TMP/out" 2>"$TMP/err"
check serve-exits-0 $? "$(cat "$TMP/err")"
[ "$(wc -l <"$TMP/out")" -eq 300 ]; check all-300-answered $? "$(wc -l <"$TMP/out") lines"
na=$(grep '"id":"a' "$TMP/out" | grep -c "\"content\":\"1\\\\t$A\\\\n\",\"is_error\":false")
nb=$(grep '"id":"b' "$TMP/out" | grep -c "\"content\":\"1\\\\t$B2\\\\n\",\"is_error\":false")
[ "$na" -eq 120 ] && [ "$nb" -eq 120 ]
check each-executor-reads-its-own $? "a: $na of 120, b: $nb of 120"
! grep '"id":"a' "$TMP/out" | grep -q "$B2" && ! grep '"id":"b' "$TMP/out" | grep -q "$A"
check never-the-other-executors-file $? "$(grep -m3 "$B2" "$TMP/out")"
nx=$(grep '"id":"x' "$TMP/out" | grep -c '"is_error":true')
! grep '"id":"x' "$TMP/out" | grep -q "$B2" && [ "$nx" -eq 60 ]
check a-refused-bs-host-path $? "$nx of 60 refused; $(grep -m2 '"id":"x' "$TMP/out")"
[ "$(grep -c '"os_confinement":"full"' "$TMP/out")" -eq 300 ] || [ "$(grep -c '"os_confinement":"partial"' "$TMP/out")" -gt 0 ]
check all-confined $? "$(grep -v '"os_confinement":"full"' "$TMP/out" | head -2)"
cmp -s "$TMP/wa/secret.txt" "$TMP/a.before" && cmp -s "$TMP/wb/secret.txt" "$TMP/b.before"
check files-unchanged $? "secret files changed"

# ---- the same workers serve again only when reuse is on ------------------------
# pooled: the workers under the server's executor zygotes
pooled() {
    for z in $(pgrep -P "$SRV"); do
        for e in $(pgrep -P "$z"); do
            [ "$(cat /proc/"$e"/comm 2>/dev/null)" = bx-exzygote ] && pgrep -P "$e"
        done
    done | sort -n | tr '\n' ' '
}
kept() {  # FLAGS...: "S1|S2|answered" after 10 + 10 sequential calls (HUP=1: SIGHUP between)
    rm -f "$TMP/in" "$TMP/o"
    mkfifo "$TMP/in"
    rm -rf "$TMP/extra" && mkdir -p "$TMP/extra"
    "$B" serve --jsonl --workers 2 --workspace "$TMP/wa" --tools-dir "$TMP/extra" "$@" <"$TMP/in" >"$TMP/o" 2>/dev/null &
    SRV=$!
    exec 3>"$TMP/in"
    n=0
    one() {
        n=$((n + 1))
        echo "{\"id\":$n,\"tool\":\"file-read\",\"input\":{\"file_path\":\"secret.txt\"}}" >&3
        for _ in $(seq 300); do [ "$(wc -l <"$TMP/o")" -ge "$n" ] && return; sleep 0.02; done
    }
    for _ in $(seq 10); do one; done
    sleep 0.3; S1=$(pooled)
    if [ "${HUP:-0}" = 1 ]; then   # a tool added, then the rescan that loads it
        cp -r "$BUILD/tests/server/tools/t-echo" "$TMP/extra/"
        kill -HUP "$SRV"; sleep 0.5
    fi
    for _ in $(seq 10); do one; done
    sleep 0.3; S2=$(pooled)
    exec 3>&-
    wait "$SRV"
    SRV=
    echo "$S1|$S2|$(grep -c "\"content\":\"1\\\\t$A\\\\n\",\"is_error\":false" "$TMP/o")"
}
common() { for p in $1; do case " $2 " in *" $p "*) echo "$p" ;; esac; done | wc -l; }
R=$(kept --worker-reuse 100)
IFS='|' read -r s1 s2 nok <<<"$R"
[ -n "$s1" ] && [ "$(common "$s1" "$s2")" -ge 1 ] && [ "$nok" -eq 20 ]
check reuse-on-same-workers-serve-again $? "pooled before '$s1' after '$s2', $nok of 20 answered"
R=$(kept --worker-reuse 1)
IFS='|' read -r s1 s2 nok <<<"$R"
[ -n "$s1" ] && [ "$(common "$s1" "$s2")" -eq 0 ] && [ "$nok" -eq 20 ]
check reuse-off-no-worker-serves-again $? "pooled before '$s1' after '$s2', $nok of 20 answered"
# no flag, no policy key: reuse is the default (BX_WORKER_REUSE_DEFAULT)
R=$(kept)
IFS='|' read -r s1 s2 nok <<<"$R"
[ -n "$s1" ] && [ "$(common "$s1" "$s2")" -ge 1 ] && [ "$nok" -eq 20 ]
check reuse-by-default-same-workers-serve-again $? "pooled before '$s1' after '$s2', $nok of 20 answered"
# a rescan that adds a tool refreshes the zygote's registry: no worker of before serves after it
R=$(HUP=1 kept --worker-reuse 100)
IFS='|' read -r s1 s2 nok <<<"$R"
[ -n "$s1" ] && [ "$(common "$s1" "$s2")" -eq 0 ] && [ "$nok" -eq 20 ]
check reuse-on-no-worker-serves-across-a-rescan $? "pooled before '$s1' after '$s2', $nok of 20 answered"
echo "$PASS passed, $FAIL failed, $SKIP skipped"
[ "$FAIL" -eq 0 ]
