#!/usr/bin/env bash
# tests/cli/t_run.sh — `boxagnts run`: grants, limits, exit codes, output cap,
# audit log, --invoke and --json, on the guest programs in tests/cli/*.c
# (built into $BUILD/tests/cli by tests/cli/cli.mk).
# Last line: "N passed, N failed"; exit status non-zero on failure.
set -u
BUILD=${BUILD:-build}
B=$BUILD/boxagnts
T=$BUILD/tests/cli
ADD=$BUILD/samples/add.wasm
pass=0 fail=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ok() { pass=$((pass + 1)); echo "ok $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1: $2"; }

# run_bx CMD... : sets OUT (stdout), ERR (stderr), RC
run_bx() {
    RC=0
    "$@" >"$TMP/out" 2>"$TMP/err" </dev/null || RC=$?
    OUT=$(cat "$TMP/out")
    ERR=$(cat "$TMP/err")
}

# expect NAME WANT_RC WANT_STDOUT CMD...  (exact stdout)
expect() {
    local name=$1 want_rc=$2 want_out=$3; shift 3
    run_bx "$@"
    if [ "$RC" -eq "$want_rc" ] && [ "$OUT" = "$want_out" ]; then
        ok "$name"
    else
        bad "$name" "exit $RC (want $want_rc), stdout '$OUT' (want '$want_out'), stderr '$ERR'"
    fi
}

# err_has NAME TEXT : the last run's stderr contains TEXT
err_has() {
    case $ERR in
    *"$2"*) ok "$1" ;;
    *) bad "$1" "stderr '$ERR' lacks '$2'" ;;
    esac
}

WS=$TMP/ws
mkdir -p "$WS/docs" "$WS/out" "$WS/secret"
printf 'readme\n' >"$WS/docs/a.txt"
printf 'top secret\n' >"$WS/secret/key"

# ---- basics ------------------------------------------------------------
expect hello 0 hello "$B" run "$T/hello.wasm"
expect exit-7 7 "" "$B" run "$T/exit7.wasm"
expect help 0 "$("$B" run --help)" "$B" run --help
case $OUT in *"124  timeout"*) ok help-lists-codes ;; *) bad help-lists-codes "--help lacks exit codes" ;; esac
expect usage-no-module 2 "" "$B" run
expect usage-bad-option 2 "" "$B" run --bogus "$T/hello.wasm"
expect usage-bad-size 2 "" "$B" run --max-memory 12XB "$T/hello.wasm"
expect usage-bad-duration 2 "" "$B" run --timeout soon "$T/hello.wasm"
expect usage-bad-network 2 "" "$B" run --block-network 10.0.0.0/99 "$T/hello.wasm"
expect network-flags-accepted 0 hello "$B" run --block-network private --block-network 10.0.0.0/8 \
    --allow-host 'https://*.example.com' --block-url https://example.com/admin "$T/hello.wasm"

# ---- args and env --------------------------------------------------------
expect args-no-env 0 "$(printf 'arg: one\narg: two words\nBX_GRANTED unset\nBX_SET unset\nBX_SECRET unset')" \
    env BX_GRANTED=g BX_SECRET=s "$B" run "$T/echo.wasm" one "two words"
expect env-granted 0 "$(printf 'BX_GRANTED=g\nBX_SET=v\nBX_SECRET unset')" \
    env BX_GRANTED=g BX_SECRET=s "$B" run --env BX_GRANTED --cap env:BX_SET=v "$T/echo.wasm"
expect env-unset-on-host 0 "$(printf 'BX_GRANTED unset\nBX_SET unset\nBX_SECRET unset')" \
    env -u BX_GRANTED "$B" run --env BX_GRANTED "$T/echo.wasm"

# ---- file grants -----------------------------------------------------------
expect read-granted 0 readme "$B" run --workspace "$WS" --cap read:/workspace/docs \
    "$T/files.wasm" read /workspace/docs/a.txt
run_bx "$B" run --workspace "$WS" --cap read:/workspace/docs "$T/files.wasm" write /workspace/docs/a.txt HACKED
if [ "$RC" -eq 1 ] && [[ $OUT == "write failed:"* ]] && [ "$(cat "$WS/docs/a.txt")" = readme ]; then
    ok write-through-read-grant-refused
else
    bad write-through-read-grant-refused "exit $RC, '$OUT', host file now '$(cat "$WS/docs/a.txt")'"
fi
expect write-granted 0 "write ok" "$B" run --workspace "$WS" --cap write:/workspace/out \
    "$T/files.wasm" write /workspace/out/new.txt hello-host
if [ "$(cat "$WS/out/new.txt" 2>/dev/null)" = hello-host ]; then ok write-reached-host
else bad write-reached-host "host file: '$(cat "$WS/out/new.txt" 2>/dev/null)'"; fi
expect explicit-host-map 0 readme "$B" run --cap "read:/data=$WS/docs" "$T/files.wasm" read /data/a.txt
expect dir-flag-ro 0 readme "$B" run --dir "$WS/docs::/d:ro" "$T/files.wasm" read /d/a.txt
run_bx "$B" run --dir "$WS/docs::/d:ro" "$T/files.wasm" write /d/a.txt X
if [ "$RC" -eq 1 ] && [ "$(cat "$WS/docs/a.txt")" = readme ]; then ok dir-flag-ro-refuses-write
else bad dir-flag-ro-refuses-write "exit $RC, '$OUT'"; fi
run_bx "$B" run --workspace "$WS" --cap read:/workspace/docs "$T/files.wasm" read /workspace/secret/key
if [ "$RC" -eq 1 ] && [[ $OUT == "read failed:"* ]] && [[ $OUT != *secret* ]]; then ok outside-grant-refused
else bad outside-grant-refused "exit $RC, '$OUT'"; fi
run_bx "$B" run --workspace "$WS" --cap read:/workspace/docs "$T/files.wasm" read /workspace/docs/../secret/key
if [ "$RC" -eq 1 ] && [[ $OUT != *secret* ]]; then ok dotdot-refused
else bad dotdot-refused "exit $RC, '$OUT'"; fi
run_bx "$B" run --workspace "$WS" --cap read:/workspace --cap 'deny:/workspace/secret/**' \
    "$T/files.wasm" read /workspace/secret/key
if [ "$RC" -eq 1 ] && [[ $OUT != *secret* ]]; then ok deny-pattern
else bad deny-pattern "exit $RC, '$OUT'"; fi
run_bx "$B" run "$T/files.wasm" read /workspace/docs/a.txt
if [ "$RC" -eq 1 ] && [[ $OUT == "read failed:"* ]]; then ok no-grant-no-files
else bad no-grant-no-files "exit $RC, '$OUT'"; fi
expect grant-needs-workspace 2 "" "$B" run --cap read:/workspace/docs "$T/hello.wasm"
err_has grant-needs-workspace-msg "--workspace"
expect grant-missing-host-dir 2 "" "$B" run --cap "read:/x=$TMP/nope" "$T/hello.wasm"
expect grant-bad-kind 2 "" "$B" run --cap steal:/etc "$T/hello.wasm"

# ---- audit -----------------------------------------------------------------
AUD=$TMP/audit.jsonl
run_bx "$B" run --workspace "$WS" --cap read:/workspace/docs --audit "$AUD" \
    "$T/files.wasm" write /workspace/docs/a.txt X
if [ -s "$AUD" ] && grep -q '"decision":"deny"' "$AUD" && grep -q '"path":"/workspace/docs/a.txt"' "$AUD" &&
    ! grep -v -q '^{.*}$' "$AUD"; then
    ok audit-deny-line
else
    bad audit-deny-line "audit log: $(cat "$AUD" 2>/dev/null)"
fi
if command -v python3 >/dev/null && python3 -c 'import json,sys
for l in open(sys.argv[1]): json.loads(l)' "$AUD" 2>/dev/null; then ok audit-json-lines
elif ! command -v python3 >/dev/null; then ok audit-json-lines
else bad audit-json-lines "not JSON lines: $(cat "$AUD")"; fi

# ---- limits ----------------------------------------------------------------
t0=$(date +%s%N)
run_bx "$B" run --timeout 200ms "$T/spin.wasm"
ms=$((($(date +%s%N) - t0) / 1000000))
if [ "$RC" -eq 124 ] && [ "$ms" -lt 1000 ]; then ok "timeout (${ms} ms)"
else bad timeout "exit $RC (want 124) after $ms ms (want < 1000)"; fi
err_has timeout-msg "boxagnts: timeout"
err_has timeout-msg-how "--timeout"

run_bx "$B" run --fuel 1000000 "$T/spin.wasm"
[ "$RC" -eq 123 ] && ok fuel || bad fuel "exit $RC (want 123)"
err_has fuel-msg "fuel exhausted"
err_has fuel-msg-how "--fuel"

run_bx "$B" run --timeout 20s "$T/recurse.wasm"
[ "$RC" -eq 122 ] && ok stack || bad stack "exit $RC (want 122), stderr '$ERR'"
err_has stack-msg "stack exhausted"
run_bx "$B" run --max-stack 64KiB --timeout 20s "$T/recurse.wasm"
[ "$RC" -eq 122 ] && ok stack-small || bad stack-small "exit $RC (want 122)"

# One budget for memory and tables (wasi-libc's function table counts too):
# growth stops at the last page that fits beside the table.
run_bx "$B" run --max-memory 4MiB --json "$T/grow.wasm"
read -r initial grows <<<"$OUT"
peak=$(printf '%s' "$ERR" | sed -n 's/.*"peak_memory_bytes":\([0-9]*\).*/\1/p')
if [ "$RC" -eq 0 ] && [ -n "${grows:-}" ] && [ -n "$peak" ] && [ "$peak" -le 4194304 ] &&
   [ $((peak + 65536)) -gt 4194304 ] && [ $((initial + grows)) -ge 63 ]; then
    ok "memory-cap ($initial + $grows pages, peak $peak <= 4MiB)"
else
    bad memory-cap "exit $RC, output '$OUT', peak '$peak' (want growth to the last page that fits in 4MiB)"
fi
run_bx "$B" run --max-memory 64KiB "$T/hello.wasm"
[ "$RC" -eq 125 ] && ok memory-min-above-cap || bad memory-min-above-cap "exit $RC (want 125)"
err_has memory-min-msg "--max-memory"

run_bx "$B" run --max-output 100 "$T/spew.wasm"
first=$(head -n 1 "$TMP/out")
if [ "$RC" -eq 0 ] && [ "${#first}" -eq 100 ] && grep -q 'output truncated: 901 bytes dropped' "$TMP/out"; then
    ok max-output
else
    bad max-output "exit $RC, first line ${#first} bytes, stdout '$OUT'"
fi
expect no-max-output-passthrough 0 "$(printf 'x%.0s' $(seq 1000))" "$B" run "$T/spew.wasm"

# ---- --invoke, load errors, --json -------------------------------------------
expect invoke-add 0 5 "$B" run --invoke add "$ADD" 2 3
expect invoke-fib 0 6765 "$B" run --invoke fib "$ADD" 20
expect invoke-fuel 123 "" "$B" run --fuel 1000 --invoke fib "$ADD" 30
expect invoke-bad-arg 2 "" "$B" run --invoke add "$ADD" 1 x
expect invoke-arg-count 2 "" "$B" run --invoke add "$ADD" 1
expect invoke-no-export 120 "" "$B" run --invoke nope "$ADD"
expect no-start 120 "" "$B" run "$ADD"
err_has no-start-msg "--invoke"
printf '\0asm\1\0\0\0\1\5' >"$TMP/bad.wasm"
expect malformed 120 "" "$B" run "$TMP/bad.wasm"
err_has malformed-msg "boxagnts: "
expect missing-file 120 "" "$B" run "$TMP/none.wasm"

run_bx "$B" run --json --fuel 1000000 "$T/spin.wasm"
rec=$(tail -n 1 "$TMP/err")
case $rec in
'{"outcome":"fuel exhausted",'*'"fuel_used":1000000'*) ok json-stderr ;;
*) bad json-stderr "record '$rec'" ;;
esac
run_bx "$B" run --json-file "$TMP/r.json" "$T/exit7.wasm"
if [ "$RC" -eq 7 ] && grep -q '"outcome":"exited","exit_code":7' "$TMP/r.json" &&
    grep -q '"wall_ms":' "$TMP/r.json" && grep -q '"peak_memory_bytes":' "$TMP/r.json"; then
    ok json-file
else
    bad json-file "exit $RC, record '$(cat "$TMP/r.json" 2>/dev/null)'"
fi
run_bx "$B" run --json --invoke add "$ADD" 2 3
case $(tail -n 1 "$TMP/err") in
*'"outcome":"returned"'*'"results":[5]'*) ok json-results ;;
*) bad json-results "record '$ERR'" ;;
esac

# ---- stdin -------------------------------------------------------------------
printf 'from-file' >"$TMP/in.txt"
expect stdin-file 0 from-file "$B" run --stdin-file "$TMP/in.txt" "$T/files.wasm" stdin

# A guest blocked reading the host's stdin (a pipe nobody writes) is stopped too.
mkfifo "$TMP/fifo"
exec 9<>"$TMP/fifo"
t0=$(date +%s%N)
RC=0
"$B" run --timeout 200ms "$T/files.wasm" stdin <"$TMP/fifo" >/dev/null 2>"$TMP/err" || RC=$?
ms=$((($(date +%s%N) - t0) / 1000000))
exec 9>&-
if [ "$RC" -eq 124 ] && [ "$ms" -lt 1000 ]; then ok "timeout-in-stdin-read (${ms} ms)"
else bad timeout-in-stdin-read "exit $RC (want 124) after $ms ms (want < 1000)"; fi

# ---- --max-fds: open fds are capped, counting stdio and preopens ------------
# (fds.wasm opens one file until an open fails and says how many it got.)
expect max-fds-default 0 "opened 252: EMFILE" "$B" run --cap "read:/d=$WS/docs" "$T/fds.wasm" /d/a.txt
expect max-fds-16 0 "opened 12: EMFILE" "$B" run --max-fds 16 --cap "read:/d=$WS/docs" "$T/fds.wasm" /d/a.txt
expect max-fds-two-grants 0 "opened 5: EMFILE" "$B" run --max-fds=10 --workspace "$WS" \
    --cap read:/workspace/docs --cap write:/workspace/out "$T/fds.wasm" /workspace/docs/a.txt
expect max-fds-exactly-preopens 0 "opened 0: EMFILE" "$B" run --max-fds 4 --cap "read:/d=$WS/docs" \
    "$T/fds.wasm" /d/a.txt
expect max-fds-below-preopens 2 "" "$B" run --max-fds 3 --cap "read:/d=$WS/docs" "$T/fds.wasm" /d/a.txt
err_has max-fds-below-preopens-msg "raise --max-fds"
expect max-fds-bad 2 "" "$B" run --max-fds lots "$T/hello.wasm"
expect max-fds-too-big 2 "" "$B" run --max-fds 70000 "$T/hello.wasm"
run_bx "$B" run --help
case $OUT in *"--max-fds N"*) ok max-fds-in-help ;; *) bad max-fds-in-help "--help lacks --max-fds" ;; esac

# ---- several single-file grants in one guest directory ------------------------
# write:/data/a.txt and write:/data/b.txt become one preopen /data that shows
# exactly a.txt and b.txt; c.txt beside them on the host stays absent for
# every operation, and nothing climbs out with "..".
MD=$TMP/multi
multi_fixture() {
    rm -rf "$MD" && mkdir -p "$MD/sub" &&
        printf 'A\n' >"$MD/a.txt" && printf 'B\n' >"$MD/b.txt" && printf 'C\n' >"$MD/c.txt" &&
        printf 'S\n' >"$MD/sub/s.txt"
}
multi_host_same() {    # the host directory still holds exactly the fixture
    [ "$(cd "$MD" && find . | sort | tr '\n' ' ')" = ". ./a.txt ./b.txt ./c.txt ./sub ./sub/s.txt " ] &&
        [ "$(cat "$MD/a.txt")" = A ] && [ "$(cat "$MD/b.txt")" = B ] && [ "$(cat "$MD/c.txt")" = C ]
}
FO=$T/fileops.wasm
MW=(--cap "write:/data/a.txt=$MD/a.txt" --cap "write:/data/b.txt=$MD/b.txt")
multi_fixture
expect multi-read-a 0 A "$B" run "${MW[@]}" "$T/files.wasm" read /data/a.txt
expect multi-read-b 0 B "$B" run "${MW[@]}" "$T/files.wasm" read /data/b.txt
expect multi-ls 0 "$(printf 'a.txt\nb.txt')" "$B" run "${MW[@]}" "$FO" ls /data
expect multi-ls-dot 0 "$(printf 'a.txt\nb.txt')" "$B" run "${MW[@]}" "$FO" ls /data/.
expect multi-stat-a 0 file "$B" run "${MW[@]}" "$FO" stat /data/a.txt
# (each refusal below must leave the host directory exactly as it was)
multi_refused() {   # NAME ARGS... : fileops refuses, host untouched
    local name=$1; shift
    multi_fixture
    run_bx "$B" run "${MW[@]}" "$FO" "$@"
    if [ "$RC" -eq 1 ] && [[ $OUT == "err "* ]] && multi_host_same; then ok "$name ($OUT)"
    else bad "$name" "exit $RC, '$OUT', host: $(cd "$MD" && find . | sort | tr '\n' ' ')"; fi
}
multi_refused multi-stat-c stat /data/c.txt
multi_refused multi-read-c-open create /data/c.txt
multi_refused multi-stat-sub stat /data/sub
multi_refused multi-stat-sub-file stat /data/sub/s.txt
multi_refused multi-create-new create /data/new.txt
multi_refused multi-rename-onto-c rename /data/a.txt /data/c.txt
multi_refused multi-rename-c-away rename /data/c.txt /data/x.txt
multi_refused multi-rename-c-onto-a rename /data/c.txt /data/a.txt
multi_refused multi-rename-into-sub rename /data/a.txt /data/sub/a.txt
multi_refused multi-link-to-c link /data/a.txt /data/c.txt
multi_refused multi-link-from-c link /data/c.txt /data/x.txt
multi_refused multi-link-c-over-b link /data/c.txt /data/b.txt
multi_refused multi-symlink-target-c symlink c.txt /data/x.txt
multi_refused multi-symlink-target-c-abs symlink /data/c.txt /data/x.txt
multi_refused multi-symlink-target-dotdot symlink ../c.txt /data/x.txt
multi_refused multi-symlink-over-a symlink c.txt /data/a.txt
multi_refused multi-dotdot-stat stat /data/../c.txt
multi_refused multi-dotdot-ls ls /data/..
multi_refused multi-dotdot-a-c stat /data/a.txt/../c.txt
multi_refused multi-dotdot-sub stat /data/sub/../c.txt
run_bx "$B" run "${MW[@]}" "$T/files.wasm" read /data/c.txt
if [ "$RC" -eq 1 ] && [[ $OUT != *C* ]]; then ok multi-read-c; else bad multi-read-c "exit $RC, '$OUT'"; fi
multi_fixture
expect multi-write-b 0 "write ok" "$B" run "${MW[@]}" "$T/files.wasm" write /data/b.txt BB
[ "$(cat "$MD/b.txt")" = BB ] && ok multi-write-b-host || bad multi-write-b-host "b.txt: $(cat "$MD/b.txt")"
multi_fixture
expect multi-rename-a-onto-b 0 ok "$B" run "${MW[@]}" "$FO" rename /data/a.txt /data/b.txt
[ "$(cat "$MD/b.txt")" = A ] && [ ! -e "$MD/a.txt" ] && ok multi-rename-a-onto-b-host ||
    bad multi-rename-a-onto-b-host "$(ls "$MD")"
multi_fixture
MR=(--cap "read:/data/a.txt=$MD/a.txt" --cap "read:/data/b.txt=$MD/b.txt")
expect multi-ro-ls 0 "$(printf 'a.txt\nb.txt')" "$B" run "${MR[@]}" "$FO" ls /data
run_bx "$B" run "${MR[@]}" "$T/files.wasm" write /data/b.txt X
if [ "$RC" -eq 1 ] && multi_host_same; then ok multi-ro-write-refused; else bad multi-ro-write-refused "exit $RC '$OUT'"; fi
expect multi-same-file-twice 0 "$(printf 'a.txt\nb.txt')" "$B" run "${MR[@]}" \
    --cap "read:/data/a.txt=$MD/a.txt" "$FO" ls /data
expect multi-three 0 "$(printf 'a.txt\nb.txt\nc.txt')" "$B" run "${MR[@]}" \
    --cap "read:/data/c.txt=$MD/c.txt" "$FO" ls /data
expect multi-mixed-access 2 "" "$B" run --cap "read:/data/a.txt=$MD/a.txt" \
    --cap "write:/data/b.txt=$MD/b.txt" "$FO" ls /data
err_has multi-mixed-access-msg "grant both read or both write"
expect multi-two-host-dirs 2 "" "$B" run --cap "read:/data/a.txt=$MD/a.txt" \
    --cap "read:/data/s.txt=$MD/sub/s.txt" "$FO" ls /data
err_has multi-two-host-dirs-msg "must share one host directory"
# Files of different guest directories stay separate preopens.
expect multi-two-guest-dirs 0 "$(printf 's.txt')" "$B" run --cap "read:/x/a.txt=$MD/a.txt" \
    --cap "read:/y/s.txt=$MD/sub/s.txt" "$FO" ls /y
AUD2=$TMP/audit-multi.jsonl
run_bx "$B" run "${MW[@]}" --audit "$AUD2" "$FO" stat /data/c.txt
if grep -q '"rule":"write:/data/a.txt write:/data/b.txt"' "$AUD2"; then ok multi-audit-rule
else bad multi-audit-rule "$(cat "$AUD2")"; fi

# A tool module that imports boxagnts:progress (the bash tool) links under
# run too: the import is a no-op outside a tool call, the output is bash's.
if [ -f "$BUILD/tools/bash/tool.wasm" ]; then
    printf '{"command":"echo hi; echo $((6*7))"}' > "$TMP/bash-in.json"
    run_bx "$B" run --stdin-file "$TMP/bash-in.json" "$BUILD/tools/bash/tool.wasm"
    if [ "$RC" -eq 0 ] && python3 -c 'import json,sys; r=json.loads(sys.argv[1]); sys.exit(0 if r["content"]=="hi\n42\n" and not r["is_error"] else 1)' "$OUT"
    then ok run-bash-tool-progress-import; else bad run-bash-tool-progress-import "exit $RC '$OUT'"; fi
else
    bad run-bash-tool-progress-import "no $BUILD/tools/bash/tool.wasm"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
