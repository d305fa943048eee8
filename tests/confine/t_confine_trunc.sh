#!/usr/bin/env bash
# tests/confine/t_confine_trunc.sh — two walls a compromised worker must
# meet, attacked from inside it with rawrun (TEST ONLY, see t_confine.sh):
# 1. truncating a file granted read-only (truncate(2), open(O_RDONLY|
#    O_TRUNC), which Linux honours) fails: on this kernel's Landlock by its
#    TRUNCATE right (EACCES), and on a Landlock without it (ABI < 3,
#    simulated with --landlock-abi 2) by the seccomp filter (EPERM);
#    writable grants still truncate by a write open;
# 2. the audit log is the parent's: a worker that truncates and writes to
#    every descriptor it has cannot erase earlier lines nor add one that
#    is not tagged with its call.
# Each attack is also run with confinement off, where it succeeds.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
R=$BUILD/tests/confine/rawrun
W=$BUILD/tests/confine/raw.wasm
PASS=0 FAIL=0 SKIP=0
ok() { PASS=$((PASS + 1)); echo "ok $1"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL $1: $2"; }
skip() { SKIP=$((SKIP + 1)); echo "skip $1: $2"; }
check() { if [ "$2" -eq 0 ]; then ok "$1"; else bad "$1" "$3"; fi; }
for f in "$R" "$W"; do
    [ -e "$f" ] || { echo "missing $f (run make tests)"; echo "0 passed, 1 failed"; exit 1; }
done
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
G=$TMP/grant RO=$TMP/ro
mkdir -p "$G" "$RO"
printf 'granted\n' >"$G/g.txt"
printf 'read only\n' >"$RO/ro.txt"
CAPS=(--cap "write:/g=$G" --cap "read:/ro=$RO")
raw() {   # raw on|off ABI OP [ARG]  (ABI 0: the kernel's)
    local mode=$1 abi=$2 op=$3; shift 3
    local flag=(); [ "$mode" = off ] && flag=(--no-os-confinement)
    "$R" "${flag[@]}" --landlock-abi "$abi" "${CAPS[@]}" --audit "$TMP/audit" --op "$op" \
        ${1:+--arg "$1"} "$W" >"$TMP/out" 2>"$TMP/err"
}
has() { grep -q -- "$1" "$TMP/$2"; }
same() { [ "$(cat "$RO/ro.txt")" = "read only" ]; }
ABI=$("$R" --probe | sed 's/landlock_abi=//')
echo "# Landlock ABI $ABI"

# ---- 1. truncation of a read-only grant -------------------------------------
if [ "$ABI" -ge 3 ]; then
    raw on 0 truncate "$RO/ro.txt"
    has 'raw: truncate errno 13' err && same; check truncate-ro-landlock $? "$(cat "$TMP/err")"
    raw on 0 open-trunc "$RO/ro.txt"
    has 'raw: open-trunc errno 13' err && same; check open-trunc-ro-landlock $? "$(cat "$TMP/err")"
else
    skip truncate-ro-landlock "Landlock ABI $ABI has no TRUNCATE right"
    skip open-trunc-ro-landlock "Landlock ABI $ABI has no TRUNCATE right"
fi
if [ "$ABI" -ge 1 ]; then
    raw on 2 truncate "$RO/ro.txt"
    has 'raw: truncate errno 1$' err && same && has 'os_confinement=partial' out
    check abi2-truncate-ro-filtered $? "$(cat "$TMP/out" "$TMP/err")"
    raw on 2 open-trunc "$RO/ro.txt"
    has 'raw: open-trunc errno 1$' err && same; check abi2-open-trunc-ro-filtered $? "$(cat "$TMP/err")"
    raw on 2 read "$RO/ro.txt"
    has 'raw: read ok' err; check abi2-read-ro-allowed $? "$(cat "$TMP/err")"
    raw on 2 write "$G/g.txt"   # O_WRONLY|O_CREAT|O_TRUNC on the writable grant
    has 'raw: write ok' err && [ "$(cat "$G/g.txt")" = pwned ]; check abi2-write-trunc-rw-allowed $? "$(cat "$TMP/err")"
    raw on 2 write "$RO/ro.txt"
    has 'raw: write errno 13' err && same; check abi2-write-ro-refused $? "$(cat "$TMP/err")"
else
    for t in abi2-truncate-ro-filtered abi2-open-trunc-ro-filtered abi2-read-ro-allowed \
             abi2-write-trunc-rw-allowed abi2-write-ro-refused; do skip $t "no Landlock"; done
fi
raw off 0 truncate "$RO/ro.txt"
has 'raw: truncate ok' err && [ ! -s "$RO/ro.txt" ]; check off-truncate-ro-happens $? "$(cat "$TMP/err")"
printf 'read only\n' >"$RO/ro.txt"
raw off 0 open-trunc "$RO/ro.txt"
has 'raw: open-trunc ok' err && [ ! -s "$RO/ro.txt" ]; check off-open-trunc-ro-happens $? "$(cat "$TMP/err")"
printf 'read only\n' >"$RO/ro.txt"

# ---- 2. the audit log ----------------------------------------------------------
printf '{"prior":"line"}\n' >"$TMP/audit"
raw on 0 clobber-fds
head -n 1 "$TMP/audit" | grep -q '^{"prior":"line"}$' && ! grep -q forged "$TMP/audit" &&
    [ "$(grep -vc '^{"call":"' "$TMP/audit")" -eq 1 ]
check audit-survives-worker-clobbering $? "$(cat "$TMP/audit" "$TMP/out" "$TMP/err")"
# (its corrupted reply stream makes it a crashed worker, written by the parent)
tail -n +2 "$TMP/audit" | grep -q '^{"call":"run",.*"event":"confinement",.*crashed'
check audit-crash-line-by-parent $? "$(cat "$TMP/audit")"
printf '{"prior":"line"}\n' >"$TMP/audit"
raw off 0 clobber-fds
! grep -q '"prior"' "$TMP/audit"; check off-clobber-erases-audit $? "$(cat "$TMP/audit")"

echo "$PASS passed, $FAIL failed, $SKIP skipped"
[ "$FAIL" -eq 0 ]
