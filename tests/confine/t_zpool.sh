#!/usr/bin/env bash
# tests/confine/t_zpool.sh — pooled workers and executor zygotes
# (src/confine/zygote.c): test_zpool (the zygote's API with bodies that act
# as a compromised worker: A's workers never read B's folder under load, no
# worker serves two calls, no fork or signal to the executor zygote, the
# pool refills after crashes and kills), then `serve` with two executors
# whose workspaces differ: 300 piped calls of both, interleaved, each
# answered with its own executor's file and never the other's; then the
# executor zygotes and their pooled workers killed from outside while the
# server runs: later calls are answered, by pooled workers again.
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

Z=$BUILD/tests/confine/test_zpool
if [ -x "$Z" ]; then
    timeout 300 "$Z" >"$TMP/z" 2>&1
    grep '^FAIL\|^skip' "$TMP/z"
    read -r zp _ zf _ <<<"$(tail -n 1 "$TMP/z" | tr -d ',')"
    PASS=$((PASS + ${zp:-0})) FAIL=$((FAIL + ${zf:-1}))
    SKIP=$((SKIP + $(grep -c '^skip' "$TMP/z")))
    echo "# test_zpool: $(tail -n 1 "$TMP/z")"
else
    bad test_zpool "missing $Z (run make tests)"
fi

# ---- two executors, interleaved under load ---------------------------------
mkdir -p "$TMP/wa" "$TMP/wb"
A=alpha-$RANDOM$RANDOM B2=bravo-$RANDOM$RANDOM
echo "$A" >"$TMP/wa/secret.txt"
echo "$B2" >"$TMP/wb/secret.txt"
cp "$TMP/wa/secret.txt" "$TMP/a.before"; cp "$TMP/wb/secret.txt" "$TMP/b.before"
cat >"$TMP/policy.json" <<JSON
{"executors": {
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
check never-the-other-executors-file $? "$(grep -m3 "$A.*$B2\|$B2" "$TMP/out")"
nx=$(grep '"id":"x' "$TMP/out" | grep -c '"is_error":true')
! grep '"id":"x' "$TMP/out" | grep -q "$B2" && [ "$nx" -eq 60 ]
check a-refused-bs-host-path $? "$nx of 60 refused; $(grep -m2 '"id":"x' "$TMP/out")"
[ "$(grep -c '"os_confinement":"full"' "$TMP/out")" -eq 300 ] || [ "$(grep -c '"os_confinement":"partial"' "$TMP/out")" -gt 0 ]
check all-confined $? "$(grep -v '"os_confinement":"full"' "$TMP/out" | head -2)"
cmp -s "$TMP/wa/secret.txt" "$TMP/a.before" && cmp -s "$TMP/wb/secret.txt" "$TMP/b.before"
check files-unchanged $? "secret files changed"

# ---- executor zygotes and pooled workers killed under a running server ------
mkfifo "$TMP/in"
"$B" serve --jsonl --workers 4 --policy "$TMP/policy.json" <"$TMP/in" >"$TMP/out2" 2>"$TMP/err2" &
SRV=$!
exec 3>"$TMP/in"
send() {  # N PREFIX EXEC
    for i in $(seq "$1"); do
        echo "{\"id\":\"$2$i\",\"executor\":\"$3\",\"tool\":\"file-read\",\"input\":{\"file_path\":\"secret.txt\"}}" >&3
    done
}
wait_lines() { for _ in $(seq 600); do [ "$(wc -l <"$TMP/out2")" -ge "$1" ] && return 0; sleep 0.1; done; return 1; }
exz() {  # executor zygotes under the server's zygote
    for z in $(pgrep -P "$SRV"); do
        for p in $(pgrep -P "$z"); do [ "$(cat /proc/"$p"/comm 2>/dev/null)" = bx-exzygote ] && echo "$p"; done
    done
}
send 10 p a; send 10 q b
wait_lines 20
E1=$(exz | sort -n | tr '\n' ' ')
[ "$(echo $E1 | wc -w)" -eq 2 ]; check two-executor-zygotes $? "found '$E1'"
POOLED=$(for e in $E1; do pgrep -P "$e"; done | tr '\n' ' ')
[ -n "$POOLED" ]; check pooled-workers-waiting $? "none under '$E1'"
# gone() waits for the killed processes to end and for the zygote to see it:
# a call handed to a pooled worker in the instant it is killed ends as
# crashed (as any call whose worker is killed), which is not what this tests
gone() {
    for p in "$@"; do for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.05; done; done
    sleep 0.3
}
kill -KILL $POOLED 2>/dev/null
gone $POOLED
send 5 r a; send 5 s b
wait_lines 30
kill -KILL $E1 2>/dev/null
gone $E1
send 10 t a; send 10 u b
wait_lines 50
E2=$(exz | sort -n | tr '\n' ' ')
fresh=1
for e in $E2; do case " $E1 " in *" $e "*) fresh=0 ;; esac; done
[ "$(echo $E2 | wc -w)" -eq 2 ] && [ "$fresh" -eq 1 ]
check executor-zygotes-restarted $? "before '$E1' after '$E2'"
exec 3>&-
wait "$SRV"
rc=$?
SRV=
[ "$rc" -eq 0 ]; check server-exits-0-after-kills $? "exit $rc: $(cat "$TMP/err2")"
ta=$(grep '"id":"[prt]' "$TMP/out2" | grep -c "\"content\":\"1\\\\t$A\\\\n\",\"is_error\":false")
tb=$(grep '"id":"[qsu]' "$TMP/out2" | grep -c "\"content\":\"1\\\\t$B2\\\\n\",\"is_error\":false")
[ "$ta" -eq 25 ] && [ "$tb" -eq 25 ]
check answered-through-the-kills $? "a $ta of 25, b $tb of 25: $(grep -m3 '"is_error":true' "$TMP/out2")"
# (a call that had already taken a worker when it was killed would end as
# crashed; the kills above hit idle pooled workers and executor zygotes)
echo "$PASS passed, $FAIL failed, $SKIP skipped"
[ "$FAIL" -eq 0 ]
