#!/usr/bin/env bash
# tests/confine/t_confine.sh — would the kernel's wall catch a real
# compromise?  rawrun (TEST ONLY, tests/confine/rawrun.c) runs a guest that
# performs a raw host operation inside its worker, as code that took over
# the engine would.  With confinement on, each must be refused (EACCES) or
# stop the worker (confinement_violation, with the call's name), and the
# host must see no effect; with it off the same operation must take effect,
# which proves each check can fail.  Also runs test_filter (the seccomp
# program through a BPF interpreter).  Needs: make tests (rawrun, raw.wasm).
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
R=$BUILD/tests/confine/rawrun
W=$BUILD/tests/confine/raw.wasm
B=$BUILD/boxagnts
HELLO=$BUILD/tests/cli/hello.wasm
PASS=0 FAIL=0 SKIP=0
ok() { PASS=$((PASS + 1)); echo "ok $1"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL $1: $2"; }
skip() { SKIP=$((SKIP + 1)); echo "skip $1: $2"; }
check() { if [ "$2" -eq 0 ]; then ok "$1"; else bad "$1" "$3"; fi; }
for f in "$R" "$W" "$B" "$HELLO"; do
    [ -e "$f" ] || { echo "missing $f (run make tests)"; echo "0 passed, 1 failed"; exit 1; }
done
TMP=$(mktemp -d)
LISTENER=
cleanup() { [ -n "$LISTENER" ] && kill "$LISTENER" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

# The seccomp program, every system call number through a BPF interpreter.
F=$BUILD/tests/confine/test_filter
if [ -x "$F" ]; then
    "$F" >"$TMP/filter" 2>&1
    grep '^FAIL' "$TMP/filter"
    read -r fp _ ff _ <<<"$(tail -n 1 "$TMP/filter" | tr -d ',')"
    PASS=$((PASS + ${fp:-0})) FAIL=$((FAIL + ${ff:-1}))
    echo "# test_filter: $(tail -n 1 "$TMP/filter")"
else
    bad test_filter "missing $F (run make tests)"
fi

ABI=$("$R" --probe | sed 's/landlock_abi=//')
echo "# Landlock ABI $ABI"

# The host: a read-write grant, a read-only grant, and files outside both.
G=$TMP/grant RO=$TMP/ro OUT=$TMP/outside
mkdir -p "$G" "$RO" "$OUT"
printf 'granted\n' >"$G/g.txt"
printf 'read only\n' >"$RO/ro.txt"
printf 'secret\n' >"$OUT/secret.txt"
snap() { (cd "$TMP" && find grant ro outside -print0 | sort -z | xargs -0 ls -ld --time-style=+%s.%N; find grant ro outside -type f -print0 | sort -z | xargs -0 sha256sum); }
CAPS=(--cap "write:/g=$G" --cap "read:/ro=$RO")
# rawrun MODE OP [ARG]: MODE on|off; output in $TMP/out, stderr in $TMP/err
raw() {
    local mode=$1 op=$2; shift 2
    local flag=(); [ "$mode" = off ] && flag=(--no-os-confinement)
    "$R" "${flag[@]}" "${CAPS[@]}" --audit "$TMP/audit.$mode" --op "$op" ${1:+--arg "$1"} "$W" \
        >"$TMP/out" 2>"$TMP/err"
}
has() { grep -q -- "$1" "$TMP/$2"; }

# ---- files -------------------------------------------------------------------
BEFORE=$(snap)
raw on read "$OUT/secret.txt"
has 'raw: read errno 13' err && has 'outcome=exited' out && has 'os_confinement=full' out
check read-outside-refused $? "$(cat "$TMP/out" "$TMP/err")"
raw on write "$OUT/secret.txt"
has 'raw: write errno 13' err; check overwrite-outside-refused $? "$(cat "$TMP/err")"
raw on write "$OUT/new.txt"
has 'raw: write errno 13' err && [ ! -e "$OUT/new.txt" ]; check create-outside-refused $? "$(cat "$TMP/err")"
raw on write "$RO/ro.txt"
has 'raw: write errno 13' err; check write-ro-grant-refused $? "$(cat "$TMP/err")"
raw on write "$RO/new.txt"
has 'raw: write errno 13' err && [ ! -e "$RO/new.txt" ]; check create-in-ro-grant-refused $? "$(cat "$TMP/err")"
raw on read "/etc/passwd"
has 'raw: read errno 13' err; check read-etc-refused $? "$(cat "$TMP/err")"
[ "$(snap)" = "$BEFORE" ]; check host-files-byte-identical $? "the host changed under confinement"
raw on read "$RO/ro.txt"
has 'raw: read ok' err; check read-ro-grant-allowed $? "$(cat "$TMP/err")"
raw on write "$G/g2.txt"
has 'raw: write ok' err && [ "$(cat "$G/g2.txt")" = pwned ]; check write-rw-grant-allowed $? "$(cat "$TMP/err")"
rm -f "$G/g2.txt"
raw on readfd "$OUT/secret.txt"
has 'raw: readfd errno 9' err; check host-descriptors-closed $? "$(cat "$TMP/err")"
# the same without confinement: each takes effect (so the checks above can fail)
raw off read "$OUT/secret.txt"
has 'raw: read ok' err && has 'os_confinement=none' out; check off-read-outside-happens $? "$(cat "$TMP/err")"
raw off write "$OUT/new.txt"
[ "$(cat "$OUT/new.txt" 2>/dev/null)" = pwned ]; check off-create-outside-happens $? "$(cat "$TMP/err")"
rm -f "$OUT/new.txt"
raw off write "$RO/ro.txt"
[ "$(cat "$RO/ro.txt")" = pwned ]; check off-write-ro-grant-happens $? "$(cat "$TMP/err")"
printf 'read only\n' >"$RO/ro.txt"
raw off readfd "$OUT/secret.txt"
has 'raw: readfd ok' err; check off-host-descriptor-readable $? "$(cat "$TMP/err")"

# ---- processes -----------------------------------------------------------------
raw on exec "touch $OUT/marker"
has 'outcome=confinement_violation syscall=execve' out && [ ! -e "$OUT/marker" ]
check exec-stopped $? "$(cat "$TMP/out" "$TMP/err")"
grep -q '"event":"confinement","path":"execve","decision":"deny","rule":"seccomp"' "$TMP/audit.on"
check exec-violation-audited $? "$(cat "$TMP/audit.on" 2>/dev/null)"
raw off exec "touch $OUT/marker"
[ -e "$OUT/marker" ]; check off-exec-happens $? "$(cat "$TMP/err")"
rm -f "$OUT/marker"

raw on kill-parent
has 'outcome=confinement_violation syscall=kill' out && has 'parent_signalled=0' out
check kill-parent-stopped $? "$(cat "$TMP/out")"
raw off kill-parent
has 'parent_signalled=1' out; check off-kill-parent-happens $? "$(cat "$TMP/out")"

raw on ptrace-parent
has 'outcome=confinement_violation syscall=ptrace' out; check ptrace-stopped $? "$(cat "$TMP/out")"
raw off ptrace-parent
has 'raw: ptrace-parent' err; check off-ptrace-reaches-kernel $? "$(cat "$TMP/err")"

raw on userns
has 'outcome=confinement_violation syscall=unshare' out; check userns-stopped $? "$(cat "$TMP/out")"
raw off userns
has 'raw: userns' err; check off-userns-reaches-kernel $? "$(cat "$TMP/err")"

raw on fork
has 'outcome=confinement_violation syscall=clone' out; check fork-stopped $? "$(cat "$TMP/out")"
raw off fork
has 'raw: fork ok' err; check off-fork-happens $? "$(cat "$TMP/err")"

mkdir -p "$TMP/mnt"
raw on mount "$TMP/mnt"
has 'outcome=confinement_violation syscall=mount' out; check mount-stopped $? "$(cat "$TMP/out")"
raw off mount "$TMP/mnt"
has 'raw: mount' err; check off-mount-reaches-kernel $? "$(cat "$TMP/err")"
mountpoint -q "$TMP/mnt" 2>/dev/null && umount "$TMP/mnt"

raw on segv
# (signal 11; under UBSan the store is reported and the worker exits 1)
has 'outcome=crashed' out && grep -q 'rawrun: crashed: the worker' "$TMP/err"; check segv-crashed-cleanly $? "$(cat "$TMP/out" "$TMP/err")"

# ---- network -------------------------------------------------------------------
# A listener that counts connections, on a port of its choosing.
python3 - "$TMP/port" "$TMP/conns" <<'PY' &
import socket, sys, os
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(16)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1])); os.rename(sys.argv[1] + ".tmp", sys.argv[1])
n = 0
while True:
    c, _ = s.accept(); c.close(); n += 1
    open(sys.argv[2], "w").write(str(n))
PY
LISTENER=$!
for _ in $(seq 100); do [ -e "$TMP/port" ] && break; sleep 0.05; done
PORT=$(cat "$TMP/port")
conns() { cat "$TMP/conns" 2>/dev/null || echo 0; }
raw on connect "$PORT"
has 'raw: connect errno 13' err && [ "$(conns)" = 0 ]; check connect-no-grant-refused $? "$(cat "$TMP/err"), conns $(conns)"
if [ "$ABI" -ge 4 ]; then
    CAPS=(--cap "write:/g=$G" --cap "fetch:http://127.0.0.1:1")   # another port
    raw on connect "$PORT"
    has 'raw: connect errno 13' err && [ "$(conns)" = 0 ]
    check connect-other-port-refused $? "$(cat "$TMP/err"), conns $(conns)"
    CAPS=(--cap "write:/g=$G" --cap "read:/ro=$RO")
else
    skip connect-other-port-refused "Landlock ABI $ABI < 4: no TCP rules in this kernel"
fi
raw off connect "$PORT"
sleep 0.2
has 'raw: connect ok' err && [ "$(conns)" = 1 ]; check off-connect-happens $? "$(cat "$TMP/err"), conns $(conns)"

# ---- the CLI reports what held ------------------------------------------------
"$B" run --json "$HELLO" >/dev/null 2>"$TMP/j"
grep -q '"os_confinement":"full","os_confinement_reason":""' "$TMP/j"; check run-reports-full $? "$(cat "$TMP/j")"
"$B" run --json --no-os-confinement "$HELLO" >/dev/null 2>"$TMP/j"
grep -q '"os_confinement":"none","os_confinement_reason":"disabled by --no-os-confinement"' "$TMP/j"
check run-reports-disabled $? "$(cat "$TMP/j")"
"$B" run --require-os-confinement "$HELLO" >"$TMP/o" 2>&1
[ "$(cat "$TMP/o")" = hello ]; check require-full-runs $? "$(cat "$TMP/o")"
"$B" run --require-os-confinement --no-os-confinement "$HELLO" >"$TMP/o" 2>&1
rc=$?
[ $rc -ne 0 ] && ! grep -qx hello "$TMP/o" && grep -q 'require-os-confinement' "$TMP/o"
check require-refuses-none $? "rc $rc: $(cat "$TMP/o")"

# call: the same report in its result object, the grants still work through the wall
"$B" call file-read --workspace "$G" '{"file_path":"g.txt"}' >"$TMP/j" 2>&1
grep -q '"is_error":false' "$TMP/j" && grep -q 'granted' "$TMP/j" && grep -q '"os_confinement":"full"' "$TMP/j"
check call-reports-full $? "$(cat "$TMP/j")"
"$B" call file-read --no-os-confinement --workspace "$G" '{"file_path":"g.txt"}' >"$TMP/j" 2>&1
grep -q '"is_error":false' "$TMP/j" && grep -q '"os_confinement":"none","os_confinement_reason":"disabled by --no-os-confinement"' "$TMP/j"
check call-reports-disabled $? "$(cat "$TMP/j")"

echo "$PASS passed, $FAIL failed, $SKIP skipped"
[ "$FAIL" -eq 0 ]
