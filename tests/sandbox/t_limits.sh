#!/usr/bin/env bash
# tests/sandbox/t_limits.sh — limits that must hold against every
# instruction and host call (issue 12, items 6-8), through `boxagnts run`:
#
#  * bulk instructions and growing host calls: under a small --fuel they
#    end "fuel exhausted" (fuel_used = the budget), under --timeout a
#    straight-line sequence of them (no loop back-edge, no call, where the
#    interpreter would otherwise look at the flag) ends "timeout", and one
#    operation's fuel_used is at least its bytes / 64;
#  * tables count against --max-memory with linear memory (declared, grown,
#    many), and peak_memory_bytes includes them;
#  * a guest blocked writing to a pipe whose reader sleeps (stdout, stderr,
#    a FIFO it opened) or reading a silent stdin ends at its timeout, a
#    closed pipe is EPIPE for the guest (never SIGPIPE for us), and the
#    result record is written in every case.
#
# Guests are .wat written here and built with wat2wasm at test time.  No
# timing is asserted: a guard (timeout -s KILL) only bounds a broken run,
# and a test then fails on the outcome.  Last line: "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
B=$BUILD/boxagnts
pass=0 fail=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
GUARD="timeout -s KILL 120"

ok() { pass=$((pass + 1)); echo "ok $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1: $2"; }

if ! command -v wat2wasm >/dev/null; then
    echo "wat2wasm not found (install wabt)"
    echo "0 passed, 1 failed"
    exit 1
fi

# wat NAME : $TMP/NAME.wat (from stdin) -> $TMP/NAME.wasm
wat() {
    cat >"$TMP/$1.wat"
    wat2wasm "$TMP/$1.wat" -o "$TMP/$1.wasm" 2>"$TMP/$1.err" ||
        { bad "build-$1" "$(head -c 300 "$TMP/$1.err")"; return 1; }
}

# run_rec NAME ARGS... : runs boxagnts run with --json-file; sets RC, REC
# (the record, empty if none), and fields OUTCOME FUEL PEAK EXIT MSG.
run_rec() {
    local name=$1; shift
    rm -f "$TMP/rec.json"
    RC=0
    $GUARD "$B" run --json-file "$TMP/rec.json" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null || RC=$?
    rec_fields
}
rec_fields() {
    REC=$(cat "$TMP/rec.json" 2>/dev/null || true)
    OUTCOME=$(field '"outcome":"\([^"]*\)"')
    FUEL=$(field '"fuel_used":\([0-9]*\)')
    PEAK=$(field '"peak_memory_bytes":\([0-9]*\)')
    EXIT=$(field '"exit_code":\([0-9-]*\)')
    MSG=$(field '"message":"\([^"]*\)"')
}
field() { printf '%s' "$REC" | sed -n "s/.*$1.*/\\1/p"; }

# want NAME OUTCOME : the last run's record says OUTCOME
want() {
    if [ "$OUTCOME" = "$2" ]; then ok "$1"; else bad "$1" "outcome '$OUTCOME' (want '$2'), rc $RC, record '$REC', stderr '$(head -c 300 "$TMP/err")'"; fi
}
# fuel_ge NAME MIN : fuel_used >= MIN
fuel_ge() {
    if [ -n "$FUEL" ] && [ "$FUEL" -ge "$2" ]; then ok "$1"; else bad "$1" "fuel_used '$FUEL' < $2 (record '$REC')"; fi
}
# rep N TEXT : TEXT N times (straight-line code)
rep() { local i; for ((i = 0; i < $1; i++)); do printf '%s\n' "$2"; done; }

# ---- item 6: bulk instructions ----------------------------------------------
# Fuel: one huge operation under --fuel 1000 traps before moving a byte
# (nothing of the 1 GiB reservation is touched).
MEMG='(memory 16384)'                       # 1 GiB
TAB='(table $t 10000000 funcref) (table $u 10000000 funcref)'
ELEM='(elem $e func $f $f $f $f) (func $f)'
declare -A HUGE=(
    [memory.fill]='(memory.fill (i32.const 0) (i32.const 1) (i32.const 0x40000000))'
    [memory.copy]='(memory.copy (i32.const 0) (i32.const 0x20000000) (i32.const 0x20000000))'
    [table.fill]='(table.fill $t (i32.const 0) (ref.null func) (i32.const 10000000))'
    [table.copy]='(table.copy $t $u (i32.const 0) (i32.const 0) (i32.const 10000000))'
    [table.grow]='(drop (table.grow $u (ref.null func) (i32.const 5000000)))'
)
for op in "${!HUGE[@]}"; do
    n=${op/./-}
    { echo "(module $MEMG"
      case $op in table.grow) echo '(table $t 0 funcref) (table $u 0 funcref)' ;; table.*) echo "$TAB" ;; esac
      echo '(func (export "_start")'; echo "${HUGE[$op]}"; echo '))'; } | wat "fuel-$n" || continue
    run_rec "fuel-$n" --fuel 1000 --max-memory 2GiB "$TMP/fuel-$n.wasm"
    want "fuel-$n" "fuel exhausted"
    [ "$FUEL" = 1000 ] && ok "fuel-$n-used-is-budget" || bad "fuel-$n-used-is-budget" "fuel_used '$FUEL'"
    [ "$RC" -eq 123 ] && ok "fuel-$n-exit" || bad "fuel-$n-exit" "exit $RC (want 123)"
done
# Multi-memory: the same rule for memory 1 (fill, copy between memories, init).
for v in 'memory.fill $b (i32.const 0) (i32.const 1) (i32.const 0x40000000)' \
         'memory.copy $b $a (i32.const 0) (i32.const 0) (i32.const 0x40000000)' \
         'memory.init $b $d (i32.const 0) (i32.const 0) (i32.const 65536)'; do
    n=mm-${v%% *}; n=${n/./-}
    { printf '(module (memory $a 16384) (memory $b 16384) (data $d "'; head -c 65536 /dev/zero | tr '\0' 'm'
      printf '")\n  (func (export "_start") (%s)))\n' "$v"; } >"$TMP/$n.wat"
    if wat2wasm --enable-multi-memory "$TMP/$n.wat" -o "$TMP/$n.wasm" 2>"$TMP/$n.err"; then
        run_rec "fuel-$n" --fuel 500 --max-memory 3GiB "$TMP/$n.wasm"
        want "fuel-$n" "fuel exhausted"
    else
        bad "build-$n" "$(head -c 300 "$TMP/$n.err")"
    fi
done
# memory.init and table.init read segments, whose size the module pays for
# in bytes: a 1 MiB data segment, a 4096-entry element segment.
{ printf '(module (memory 64) (data $d "'; head -c 1048576 /dev/zero | tr '\0' 'a'; echo '")'
  echo '(func (export "_start") (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1048576))))'; } | wat fuel-memory-init &&
    { run_rec fuel-memory-init --fuel 1000 "$TMP/fuel-memory-init.wasm"; want fuel-memory-init "fuel exhausted"; }
{ echo '(module (table $t 8192 funcref) (elem $e func'; rep 4096 '$f'; echo ') (func $f)'
  echo '(func (export "_start") (table.init $t $e (i32.const 0) (i32.const 0) (i32.const 4096))))'; } | wat fuel-table-init &&
    { run_rec fuel-table-init --fuel 100 "$TMP/fuel-table-init.wasm"; want fuel-table-init "fuel exhausted"; }

# Proportional: one operation of N bytes costs at least N/64 units, and the
# same operation twice as large at least twice that.
for mb in 16 32; do
    bytes=$((mb * 1048576))
    echo "(module (memory $((mb * 16 + 1))) (func (export \"_start\") (memory.fill (i32.const 0) (i32.const 9) (i32.const $bytes))))" |
        wat "prop-fill-$mb" || continue
    run_rec "prop-fill-$mb" "$TMP/prop-fill-$mb.wasm"
    want "prop-fill-$mb-runs" exited
    fuel_ge "prop-fill-$mb-fuel" $((bytes / 64))
    eval "fuel_$mb=\${FUEL:-0}"
done
[ "${fuel_32:-0}" -ge $((2 * ${fuel_16:-1} - 16)) ] && ok prop-fill-doubles ||
    bad prop-fill-doubles "16 MiB: ${fuel_16:-?}, 32 MiB: ${fuel_32:-?}"
echo '(module (table $t 1000000 funcref) (func (export "_start") (table.fill $t (i32.const 0) (ref.null func) (i32.const 1000000))))' |
    wat prop-table-fill && { run_rec prop-table-fill "$TMP/prop-table-fill.wasm"; fuel_ge prop-table-fill $((1000000 * 8 / 64)); }
echo '(module (memory 512) (func (export "_start") (memory.copy (i32.const 0) (i32.const 16777216) (i32.const 16777216))))' |
    wat prop-copy && { run_rec prop-copy "$TMP/prop-copy.wasm"; fuel_ge prop-copy $((16777216 / 64)); }
# Repeated small operations: each costs its bytes too.
echo '(module (memory 1) (func (export "_start") (local $i i32)
  (loop $l (memory.fill (i32.const 0) (i32.const 1) (i32.const 65536))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $l (i32.lt_u (local.get $i) (i32.const 1000))))))' | wat prop-repeat &&
    { run_rec prop-repeat "$TMP/prop-repeat.wasm"; fuel_ge prop-repeat $((1000 * 65536 / 64)); }
# A call zeroes its locals: 40000 of them cost at least 40000/8 a call.
{ echo '(module (func $big (local'; rep 40000 i64; echo '))'
  echo '(func (export "_start") (local $i i32) (loop $l (call $big)
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $l (i32.lt_u (local.get $i) (i32.const 100))))))'; } | wat prop-locals &&
    { run_rec prop-locals "$TMP/prop-locals.wasm"; fuel_ge prop-locals $((100 * 40000 / 8)); }

# Timeout: straight-line code (no loop, no call) of many operations, each
# larger than one 64 KiB chunk.  Without a check inside the operation the
# run would finish ("exited") however long it took; with it, "timeout".
# 64 MiB memory: little is ever touched before the timeout stops it.
declare -A SLOW=(
    [memory.fill]='(memory.fill (i32.const 0) (i32.const 3) (i32.const 0x4000000))'
    [memory.copy]='(memory.copy (i32.const 0) (i32.const 0x2000000) (i32.const 0x2000000))'
    [memory.copy-back]='(memory.copy (i32.const 0x100) (i32.const 0) (i32.const 0x3F00000))'
    [table.fill]='(table.fill $t (i32.const 0) (ref.func $f) (i32.const 4000000))'
    [table.copy]='(table.copy $t $t (i32.const 1) (i32.const 0) (i32.const 3999999))'
)
for op in "${!SLOW[@]}"; do
    n=${op/./-}
    { echo '(module (memory 1024) (table $t 4000000 funcref) (func $f) (elem declare func $f)'
      echo '(func (export "_start")'; rep 3000 "${SLOW[$op]}"; echo '))'; } | wat "tmo-$n" || continue
    run_rec "tmo-$n" --timeout 100ms "$TMP/tmo-$n.wasm"
    want "tmo-$n" timeout
    [ "$RC" -eq 124 ] && ok "tmo-$n-exit" || bad "tmo-$n-exit" "exit $RC (want 124)"
done
{ printf '(module (memory 64) (data $d "'; head -c 1048576 /dev/zero | tr '\0' 'b'; echo '")'
  echo '(func (export "_start")'; rep 6000 '(memory.init $d (i32.const 0) (i32.const 0) (i32.const 1048576))'; echo '))'; } |
    wat tmo-memory-init && { run_rec tmo-memory-init --timeout 100ms "$TMP/tmo-memory-init.wasm"; want tmo-memory-init timeout; }

# Chunked copies stay exact: overlapping memory.copy of more than one
# chunk, forward and backward, at odd offsets (the guest checks every byte).
echo '(module (memory 16)
  (func $fill (local $i i32)
    (loop $l (i32.store8 (local.get $i) (i32.rem_u (local.get $i) (i32.const 251)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 1048576)))))
  (func $check (param $d i32) (param $s i32) (param $n i32) (local $i i32)
    (loop $l
      (if (i32.ne (i32.load8_u (i32.add (local.get $d) (local.get $i)))
                  (i32.rem_u (i32.add (local.get $s) (local.get $i)) (i32.const 251))) (then unreachable))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
  (func $t (param $d i32) (param $s i32) (param $n i32)
    (call $fill) (memory.copy (local.get $d) (local.get $s) (local.get $n)) (call $check (local.get $d) (local.get $s) (local.get $n)))
  (func (export "_start")
    (call $t (i32.const 1001) (i32.const 7) (i32.const 300000))
    (call $t (i32.const 7) (i32.const 1001) (i32.const 300000))
    (call $t (i32.const 70000) (i32.const 3) (i32.const 500001))
    (call $t (i32.const 3) (i32.const 70000) (i32.const 500001))
    (call $t (i32.const 65536) (i32.const 0) (i32.const 983040))))' | wat copy-exact &&
    { run_rec copy-chunked-exact "$TMP/copy-exact.wasm"; want copy-chunked-exact exited; }

# ---- item 6: host calls whose work grows with an operand ---------------------
WASI='(import "wasi_snapshot_preview1"'
# random_get: 1 GiB under a small budget; 256 MiB under a 50 ms timeout in
# one call (no back-edge, no later call where the flag would be seen).
echo "(module $WASI \"random_get\" (func \$r (param i32 i32) (result i32))) (memory 16385)
  (func (export \"_start\") (drop (call \$r (i32.const 0) (i32.const 0x40000000)))))" | wat rnd-fuel &&
    { run_rec rnd-fuel --fuel 1000 "$TMP/rnd-fuel.wasm"; want random_get-fuel "fuel exhausted"; }
echo "(module $WASI \"random_get\" (func \$r (param i32 i32) (result i32))) (memory 4096)
  (func (export \"_start\") (drop (call \$r (i32.const 0) (i32.const 0x10000000)))))" | wat rnd-tmo &&
    { run_rec rnd-tmo --timeout 50ms "$TMP/rnd-tmo.wasm"; want random_get-timeout timeout; }
echo "(module $WASI \"random_get\" (func \$r (param i32 i32) (result i32))) (memory 65)
  (func (export \"_start\") (drop (call \$r (i32.const 0) (i32.const 4194304)))))" | wat rnd-prop &&
    { run_rec rnd-prop "$TMP/rnd-prop.wasm"; fuel_ge random_get-proportional $((4194304 / 64)); }

# fd_write: 1024 iovecs of 1 MiB each (the same 1 MiB) to stdout (/dev/null).
FDW="$WASI \"fd_write\" (func \$w (param i32 i32 i32 i32) (result i32)))"
IOVS='(func $iovs (local $i i32) (loop $l
    (i32.store (i32.mul (local.get $i) (i32.const 8)) (i32.const 65536))
    (i32.store (i32.add (i32.mul (local.get $i) (i32.const 8)) (i32.const 4)) (i32.const 1048576))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $l (i32.lt_u (local.get $i) (i32.const 1024)))))'
echo "(module $FDW (memory 20) $IOVS
  (func (export \"_start\") (call \$iovs) (drop (call \$w (i32.const 1) (i32.const 0) (i32.const 1024) (i32.const 60000)))))" |
    wat fdw-big && {
    run_rec fd_write-fuel --fuel 100000 "$TMP/fdw-big.wasm"; want fd_write-fuel "fuel exhausted"
    run_rec fd_write-prop "$TMP/fdw-big.wasm"; want fd_write-runs exited; fuel_ge fd_write-proportional $((1024 * 1048576 / 64))
    run_rec fd_write-capture --max-output 1KiB "$TMP/fdw-big.wasm"; fuel_ge fd_write-capture-proportional $((1024 * 1048576 / 64))
}
# fd_read of a large file through many iovecs, and fd_pread.
WS=$TMP/ws; mkdir -p "$WS"
head -c 8388608 /dev/zero >"$WS/big"
OPEN="$WASI \"path_open\" (func \$open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))"
RD="$WASI \"fd_read\" (func \$rd (param i32 i32 i32 i32) (result i32)))"
PRD="$WASI \"fd_pread\" (func \$prd (param i32 i32 i32 i64 i32) (result i32)))"
echo "(module $OPEN $RD $PRD (memory 200) (data (i32.const 100) \"big\")
  (func (export \"_start\") (local \$fd i32)
    (if (call \$open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 3) (i32.const 0)
          (i64.const 6) (i64.const 0) (i32.const 0) (i32.const 200)) (then unreachable))
    (local.set \$fd (i32.load (i32.const 200)))
    (i32.store (i32.const 0) (i32.const 65536)) (i32.store (i32.const 4) (i32.const 8388608))
    (if (call \$rd (local.get \$fd) (i32.const 0) (i32.const 1) (i32.const 300)) (then unreachable))
    (if (i32.ne (i32.load (i32.const 300)) (i32.const 8388608)) (then unreachable))
    (if (call \$prd (local.get \$fd) (i32.const 0) (i32.const 1) (i64.const 0) (i32.const 300)) (then unreachable))))" |
    wat fdr && {
    run_rec fd_read-prop --workspace "$WS" --cap read:/workspace "$TMP/fdr.wasm"
    want fd_read-runs exited; fuel_ge fd_read-pread-proportional $((2 * 8388608 / 64))
    run_rec fd_read-fuel --fuel 2000 --workspace "$WS" --cap read:/workspace "$TMP/fdr.wasm"
    want fd_read-fuel "fuel exhausted"
}
# fd_allocate of 1 GiB under a small budget: charged before anything is
# allocated, so the host file stays empty.
: >"$WS/alloc.bin"
ALLOC="$WASI \"fd_allocate\" (func \$alloc (param i32 i64 i64) (result i32)))"
echo "(module $OPEN $ALLOC (memory 1) (data (i32.const 100) \"alloc.bin\")
  (func (export \"_start\")
    (if (call \$open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 9) (i32.const 0)
          (i64.const 256) (i64.const 0) (i32.const 0) (i32.const 200)) (then unreachable))
    (drop (call \$alloc (i32.load (i32.const 200)) (i64.const 0) (i64.const 1073741824)))))" | wat alloc && {
    run_rec fd_allocate-fuel --fuel 1000 --workspace "$WS" --cap write:/workspace "$TMP/alloc.wasm"
    want fd_allocate-fuel "fuel exhausted"
    [ "$(stat -c %s "$WS/alloc.bin")" = 0 ] && [ "$(stat -c %b "$WS/alloc.bin")" = 0 ] && ok fd_allocate-nothing-allocated ||
        bad fd_allocate-nothing-allocated "size $(stat -c %s "$WS/alloc.bin"), blocks $(stat -c %b "$WS/alloc.bin")"
}
# args_get with ~800 KB of arguments costs at least its bytes.
ARGS="$WASI \"args_get\" (func \$ag (param i32 i32) (result i32)))"
echo "(module $ARGS (memory 32) (func (export \"_start\") (drop (call \$ag (i32.const 0) (i32.const 65536)))))" | wat argsget && {
    big=$(head -c 100000 /dev/zero | tr '\0' 'z')
    run_rec args_get-prop "$TMP/argsget.wasm" "$big" "$big" "$big" "$big" "$big" "$big" "$big" "$big"
    want args_get-runs exited; fuel_ge args_get-proportional $((800000 / 64))
}
# environ_get likewise, with a large granted variable.
ENV="$WASI \"environ_get\" (func \$eg (param i32 i32) (result i32)))"
echo "(module $ENV (memory 32) (func (export \"_start\") (drop (call \$eg (i32.const 0) (i32.const 65536)))))" | wat envget && {
    run_rec environ_get-prop --env "BIG=$(head -c 120000 /dev/zero | tr '\0' 'e')" "$TMP/envget.wasm"
    want environ_get-runs exited; fuel_ge environ_get-proportional $((120000 / 64))
}
# poll_oneoff with 4096 clock subscriptions (all due now): one unit each.
POLL="$WASI \"poll_oneoff\" (func \$poll (param i32 i32 i32 i32) (result i32)))"
echo "(module $POLL (memory 8) (func (export \"_start\")
    (if (call \$poll (i32.const 0) (i32.const 200000) (i32.const 4096) (i32.const 400000)) (then unreachable))))" | wat poll &&
    { run_rec poll_oneoff-prop "$TMP/poll.wasm"; want poll_oneoff-runs exited; fuel_ge poll_oneoff-proportional 4096; }
# fd_readdir over 3000 entries hidden by a deny rule: charged though none is returned.
mkdir -p "$WS/many"; for i in $(seq 1000 3999); do : >"$WS/many/hidden-$i"; done
RDD="$WASI \"fd_readdir\" (func \$rdd (param i32 i32 i32 i64 i32) (result i32)))"
echo "(module $OPEN $RDD (memory 2) (data (i32.const 100) \"many\")
  (func (export \"_start\")
    (if (call \$open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 4) (i32.const 2)
          (i64.const 16384) (i64.const 0) (i32.const 0) (i32.const 200)) (then unreachable))
    (if (call \$rdd (i32.load (i32.const 200)) (i32.const 1024) (i32.const 4096) (i64.const 0) (i32.const 300)) (then unreachable))))" |
    wat readdir && {
    run_rec fd_readdir-prop --workspace "$WS" --cap read:/workspace --cap 'deny:/workspace/many/hidden-*' "$TMP/readdir.wasm"
    want fd_readdir-runs exited; fuel_ge fd_readdir-proportional $((3000 * 24 / 64))
}
# A path argument of 4000 bytes costs its length.
FST="$WASI \"path_filestat_get\" (func \$fst (param i32 i32 i32 i32 i32) (result i32)))"
echo "(module $FST (memory 1) (func (export \"_start\") (memory.fill (i32.const 0) (i32.const 97) (i32.const 4000))
    (drop (call \$fst (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 4000) (i32.const 8000)))))" | wat longpath &&
    { run_rec path-prop --workspace "$WS" --cap read:/workspace "$TMP/longpath.wasm"; want path-runs exited; fuel_ge path-proportional $((4000 / 64)); }

# boxagnts:http: the response body (4 MB from the test server on
# 127.0.0.1) costs its bytes when it arrives and again when copied out.
if command -v python3 >/dev/null; then
    python3 tests/net/server.py "$TMP/http.port" "$TMP/http.log" 2>/dev/null &
    HTTP_PID=$!
    for _ in $(seq 200); do [ -s "$TMP/http.port" ] && break; sleep 0.05; done
    PORT=$(cat "$TMP/http.port" 2>/dev/null)
    REQ="{\"url\":\"http://127.0.0.1:$PORT/big?n=4000000\"}"
    HTTP='(import "boxagnts:http" "request" (func $req (param i32 i32 i32) (result i32)))
          (import "boxagnts:http" "response_body" (func $body (param i32 i32 i32 i32 i32) (result i32)))'
    echo "(module $HTTP (memory 70) (data (i32.const 1000) \"$(printf '%s' "$REQ" | sed 's/"/\\"/g')\")
      (func (export \"_start\")
        (if (call \$req (i32.const 1000) (i32.const ${#REQ}) (i32.const 16)) (then unreachable))
        (if (call \$body (i32.load (i32.const 16)) (i32.const 0) (i32.const 65536) (i32.const 4000000) (i32.const 20)) (then unreachable))
        (if (i32.ne (i32.load (i32.const 20)) (i32.const 4000000)) (then unreachable))))" | wat http && {
        NETF=(--allow-host "http://127.0.0.1:$PORT" --allow-network 127.0.0.1)
        run_rec http-prop --timeout 60s "${NETF[@]}" "$TMP/http.wasm"
        want http-body-runs exited; fuel_ge http-body-proportional $((2 * 4000000 / 64))
        run_rec http-fuel --fuel 10000 --timeout 60s "${NETF[@]}" "$TMP/http.wasm"
        want http-body-fuel "fuel exhausted"
    }
    kill "$HTTP_PID" 2>/dev/null; wait "$HTTP_PID" 2>/dev/null
fi

# ---- item 7: tables count against --max-memory -------------------------------
{ echo '(module'; for i in $(seq 20); do echo "(table 10000000 funcref)"; done; echo '(func (export "_start")))'; } | wat tables20 &&
    { run_rec tables-20x10M --max-memory 1MiB "$TMP/tables20.wasm"; want tables-20x10M "out of memory"
      [ "$RC" -eq 125 ] && ok tables-20x10M-exit || bad tables-20x10M-exit "exit $RC (want 125)"
      case $MSG in *table*--max-memory*) ok tables-20x10M-msg ;; *) bad tables-20x10M-msg "message '$MSG'" ;; esac; }
{ echo '(module'; for i in $(seq 1000); do echo "(table 200 funcref)"; done; echo '(func (export "_start")))'; } | wat tables-many &&
    { run_rec tables-many --max-memory 1MiB "$TMP/tables-many.wasm"; want tables-many-small "out of memory"; }
echo '(module (table 131072 funcref) (func (export "_start")))' | wat table-exact &&
    { run_rec table-fits-exactly --max-memory 1MiB "$TMP/table-exact.wasm"; want table-fits-exactly exited
      [ "$PEAK" = 1048576 ] && ok table-in-peak || bad table-in-peak "peak_memory_bytes '$PEAK' (want 1048576)"; }
echo '(module (table 131073 funcref) (func (export "_start")))' | wat table-over &&
    { run_rec table-one-over --max-memory 1MiB "$TMP/table-over.wasm"; want table-one-over "out of memory"; }
echo '(module (memory 16) (table 1 funcref) (func (export "_start")))' | wat mem-and-table &&
    { run_rec memory-plus-table --max-memory 1MiB "$TMP/mem-and-table.wasm"; want memory-plus-table "out of memory"; }
# Grown: table.grow past the budget is -1 (the guest checks it), within it
# works, and memory.grow then finds the budget used.
echo '(module (memory 1) (table $t 0 funcref)
  (func (export "_start")
    (if (i32.ne (table.grow $t (ref.null func) (i32.const 131072)) (i32.const -1)) (then unreachable))
    (if (i32.ne (table.grow $t (ref.null func) (i32.const 100000)) (i32.const 0)) (then unreachable))
    (if (i32.ne (table.grow $t (ref.null func) (i32.const 30000)) (i32.const -1)) (then unreachable))
    (if (i32.ne (memory.grow (i32.const 4)) (i32.const -1)) (then unreachable))
    (if (i32.ne (memory.grow (i32.const 2)) (i32.const 1)) (then unreachable))))' | wat table-grow &&
    { run_rec table-grow-budget --max-memory 1MiB "$TMP/table-grow.wasm"; want table-grow-budget exited
      [ -n "$PEAK" ] && [ "$PEAK" -le 1048576 ] && [ "$PEAK" -ge $((3 * 65536 + 800000)) ] && ok table-grow-peak ||
          bad table-grow-peak "peak_memory_bytes '$PEAK'"; }
# A loop growing a table by 1 until -1: stops at the budget, never runs away.
echo '(module (table $t 0 funcref) (func (export "_start")
    (loop $l (br_if $l (i32.ne (table.grow $t (ref.null func) (i32.const 1)) (i32.const -1))))))' | wat table-grow-loop &&
    { run_rec table-grow-loop --max-memory 1MiB --timeout 60s "$TMP/table-grow-loop.wasm"; want table-grow-loop exited
      [ "$PEAK" = 1048576 ] && ok table-grow-loop-peak || bad table-grow-loop-peak "peak_memory_bytes '$PEAK' (want 1048576)"; }

# ---- item 8: blocked writes and reads end at the timeout -----------------------
# spew: writes 64 KiB blocks to fd FD forever; exits with the errno when a
# write fails (so EPIPE is seen by the guest).
EXITF="$WASI \"proc_exit\" (func \$exit (param i32)))"
for fd in 1 2; do
    echo "(module $FDW $EXITF (memory 2) (func (export \"_start\") (local \$e i32)
      (i32.store (i32.const 0) (i32.const 1024)) (i32.store (i32.const 4) (i32.const 65536))
      (memory.fill (i32.const 1024) (i32.const 120) (i32.const 65536))
      (loop \$l (local.set \$e (call \$w (i32.const $fd) (i32.const 0) (i32.const 1) (i32.const 16)))
        (br_if \$l (i32.eqz (local.get \$e))))
      (call \$exit (local.get \$e))))" | wat "spew$fd"
done
# A pipe nobody reads: the test shell holds its read end (fd 7) open and
# never reads.  Before the fix the guest sat in write(2) until the reader
# went away.
mkfifo "$TMP/p1" "$TMP/p2" "$TMP/p3"
exec 7<>"$TMP/p1" 8<>"$TMP/p2" 6<>"$TMP/p3"
rm -f "$TMP/rec.json"; RC=0
$GUARD "$B" run --timeout 500ms --json-file "$TMP/rec.json" "$TMP/spew1.wasm" >"$TMP/p1" 2>"$TMP/err" </dev/null || RC=$?
rec_fields; want stdout-blocked-pipe timeout
[ "$RC" -eq 124 ] && ok stdout-blocked-exit || bad stdout-blocked-exit "exit $RC (want 124)"
rm -f "$TMP/rec.json"; RC=0
$GUARD "$B" run --timeout 500ms --json-file "$TMP/rec.json" "$TMP/spew2.wasm" 2>"$TMP/p2" >/dev/null </dev/null || RC=$?
rec_fields; want stderr-blocked-pipe timeout
# --json goes to stderr: with stdout blocked it still arrives, and so does the file.
rm -f "$TMP/rec.json"; RC=0
$GUARD "$B" run --timeout 500ms --json --json-file "$TMP/rec.json" "$TMP/spew1.wasm" >"$TMP/p1" 2>"$TMP/err" </dev/null || RC=$?
rec_fields; want json-file-with-json timeout
grep -q '"outcome":"timeout"' "$TMP/err" && ok json-on-stderr || bad json-on-stderr "stderr '$(head -c 300 "$TMP/err")'"
# The reproduction, `run ... | sleep`: the reader never reads and leaves
# only once boxagnts has ended (no timing: it waits for the exit status).
rm -f "$TMP/rec.json" "$TMP/rc"
( $GUARD "$B" run --timeout 500ms --json-file "$TMP/rec.json" "$TMP/spew1.wasm" </dev/null 2>/dev/null; echo $? >"$TMP/rc" ) |
    { while [ ! -s "$TMP/rc" ]; do sleep 0.1; done; }
RC=$(cat "$TMP/rc"); rec_fields; want pipeline-reader-sleeps timeout
[ "$RC" -eq 124 ] && ok pipeline-exit || bad pipeline-exit "exit $RC (want 124)"
# The reader is gone: EPIPE for the guest (it exits with WASI EPIPE = 64),
# no SIGPIPE for boxagnts (exit 141), and the record is written.
rm -f "$TMP/rec.json"
$GUARD "$B" run --timeout 10s --json-file "$TMP/rec.json" "$TMP/spew1.wasm" </dev/null 2>/dev/null | true
RC=${PIPESTATUS[0]}; rec_fields
[ "$RC" -ne 141 ] && ok no-sigpipe || bad no-sigpipe "killed by SIGPIPE"
[ "$OUTCOME" = exited ] && [ "$EXIT" = 64 ] && ok epipe-to-guest || bad epipe-to-guest "outcome '$OUTCOME' exit '$EXIT' (want exited 64): '$REC'"
rm -f "$TMP/rec.json"
$GUARD "$B" run --timeout 10s --json-file "$TMP/rec.json" "$TMP/spew2.wasm" </dev/null 2>&1 >/dev/null | true
RC=${PIPESTATUS[0]}; rec_fields
[ "$RC" -ne 141 ] && [ "$OUTCOME" = exited ] && [ "$EXIT" = 64 ] && ok stderr-epipe || bad stderr-epipe "rc $RC '$REC'"
# A FIFO in the workspace the guest opens and writes; its reader (fd 9)
# never reads.
mkfifo "$WS/fifo"
exec 9<>"$WS/fifo"
echo "(module $OPEN $FDW (memory 2) (data (i32.const 100) \"fifo\")
  (func (export \"_start\") (local \$fd i32)
    (if (call \$open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 4) (i32.const 0)
          (i64.const 64) (i64.const 0) (i32.const 0) (i32.const 200)) (then unreachable))
    (local.set \$fd (i32.load (i32.const 200)))
    (i32.store (i32.const 0) (i32.const 1024)) (i32.store (i32.const 4) (i32.const 65536))
    (loop \$l (br_if \$l (i32.eqz (call \$w (local.get \$fd) (i32.const 0) (i32.const 1) (i32.const 16)))))))" | wat fifo && {
    run_rec fifo-blocked --timeout 500ms --workspace "$WS" --cap write:/workspace "$TMP/fifo.wasm"
    want fifo-blocked timeout
}
exec 9>&-
# stdin that never delivers (a pipe held open, never written): the read ends at the timeout.
echo "(module $RD (memory 1) (func (export \"_start\")
    (i32.store (i32.const 0) (i32.const 64)) (i32.store (i32.const 4) (i32.const 1024))
    (drop (call \$rd (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 16)))))" | wat readin && {
    rm -f "$TMP/rec.json"; RC=0
    $GUARD "$B" run --timeout 500ms --json-file "$TMP/rec.json" "$TMP/readin.wasm" <"$TMP/p3" >/dev/null 2>"$TMP/err" || RC=$?
    rec_fields; want stdin-blocked timeout
}
# The audit log on a FIFO: refused with a message, never a hang (with or
# without a reader, which may stall).
mkfifo "$TMP/afifo"
echo '(module (func (export "_start")))' | wat nop && {
    RC=0; $GUARD "$B" run --audit "$TMP/afifo" "$TMP/nop.wasm" >/dev/null 2>"$TMP/err" </dev/null || RC=$?
    [ "$RC" -eq 2 ] && grep -q "audit log" "$TMP/err" && ok audit-fifo-no-reader || bad audit-fifo-no-reader "rc $RC: $(cat "$TMP/err")"
    exec 5<>"$TMP/afifo"
    RC=0; $GUARD "$B" run --audit "$TMP/afifo" "$TMP/nop.wasm" >/dev/null 2>"$TMP/err" </dev/null || RC=$?
    [ "$RC" -eq 2 ] && grep -q "regular file" "$TMP/err" && ok audit-fifo-refused || bad audit-fifo-refused "rc $RC: $(cat "$TMP/err")"
    exec 5>&-
}
# The same stdin after fd_fdstat_set_flags(0, NONBLOCK): EAGAIN (6), not a wait.
FLAGS="$WASI \"fd_fdstat_set_flags\" (func \$setfl (param i32 i32) (result i32)))"
echo "(module $RD $FLAGS $EXITF (memory 1) (func (export \"_start\")
    (if (call \$setfl (i32.const 0) (i32.const 4)) (then unreachable))
    (i32.store (i32.const 0) (i32.const 64)) (i32.store (i32.const 4) (i32.const 1024))
    (call \$exit (call \$rd (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 16)))))" | wat readin-nb && {
    rm -f "$TMP/rec.json"; RC=0
    $GUARD "$B" run --timeout 30s --json-file "$TMP/rec.json" "$TMP/readin-nb.wasm" <"$TMP/p3" >/dev/null 2>"$TMP/err" || RC=$?
    rec_fields
    [ "$OUTCOME" = exited ] && [ "$EXIT" = 6 ] && ok stdin-nonblocking-eagain || bad stdin-nonblocking-eagain "'$REC'"
}
exec 6>&- 7>&- 8>&-

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
