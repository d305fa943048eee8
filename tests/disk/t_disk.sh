#!/usr/bin/env bash
# tests/disk/t_disk.sh — disk filling (issue 12, item 9):
#   --max-write: a guest writing past the cap in one write, in many small
#     writes, with pwrite at large offsets, over several files, by mkdir and
#     fallocate, by rewriting one file; through `run`, `call` (manifest
#     default, caller override, the 256 MiB tool default), `serve --jsonl`
#     (flag and policy file) and the bash tool (yes | head -c, cp).  Each
#     case checks what the guest saw (EDQUOT), what the result record or
#     tool result says (limits_hit, bytes_written), and the host afterwards
#     (file sizes and blocks bounded by the cap, nothing outside touched).
#   the audit log: a guest looping on one denied open writes 5 records and
#     one "repeated" record with the exact rest; alternating denials are
#     each limited; distinct denials stop at the 16 MiB cap with a final
#     audit_truncated record; the bash tool looping on a denied file.
#   bash tool links: the issue's reproduction (cp -r of a directory holding
#     a link to its parent) copies the link, and -L on a loop ends.
# Last line: "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
BX=${BX:-$BUILD/boxagnts}   # BX=build-asan/boxagnts: the host under ASan, guests from $BUILD
W=$BUILD/tests/disk/writer.wasm
D=$BUILD/tests/disk/denyloop.wasm
pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
if [ ! -x "$BX" ] || [ ! -f "$W" ] || [ ! -f "$D" ] || [ ! -f "$BUILD/tools/bash/tool.wasm" ]; then
    echo "missing $BX, $W, $D or the bash tool (make && make tests)"
    echo "0 passed, 1 failed"
    exit 1
fi
command -v jq > /dev/null || { echo "jq is needed"; echo "0 passed, 1 failed"; exit 1; }
T=$(mktemp -d "${TMPDIR:-/tmp}/t_disk.XXXXXX")
trap 'rm -rf "$T"' EXIT
WS=$T/ws
# A file beside the workspace that no case may touch.
printf 'outside\n' > "$T/outside"
OUTSUM=$(md5sum < "$T/outside")
fresh() { rm -rf "$WS"; mkdir -p "$WS"; }
# Bytes allocated on disk under the workspace (sparse files count their blocks).
alloc() { du -s -B1 "$WS" | cut -f1; }
apparent() { find "$WS" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.0f\n", s}'; }
# Beside the workspace: the file unchanged, and only what this script made.
outside_ok() {
    [ "$(md5sum < "$T/outside")" = "$OUTSUM" ] &&
    [ -z "$(ls "$T" | grep -vx -e outside -e ws -e out -e err -e rec -e res -e tools -e policy.json -e audit.jsonl)" ]
}

CAP=1048576
runw() {  # ARGS... -> $T/out (guest stdout), $T/rec (result record)
    "$BX" run --workspace "$WS" --cap write:/workspace --max-write 1MiB --json-file "$T/rec" "$W" "$@" > "$T/out" 2> "$T/err"
}

# ---- --max-write through run ---------------------------------------------------
check_run() {  # NAME MAX_APPARENT: guest saw EDQUOT, record says so, host bounded
    local name=$1 maxap=$2 w
    w=$(sed -n 's/^wrote \([0-9]*\) err \(.*\)$/\1 \2/p' "$T/out")
    if [ "${w#* }" = EDQUOT ] && [ "${w% *}" -le $CAP ] &&
       [ "$(jq -r '.limits_hit | join(",")' "$T/rec")" = max_write ] &&
       [ "$(jq -r .bytes_written "$T/rec")" -le $CAP ] &&
       [ "$(jq -r .outcome "$T/rec")" = exited ] &&
       jq -r .message "$T/rec" | grep -q -- '--max-write' &&
       grep -q -- '--max-write' "$T/err" &&
       [ "$(apparent)" -le "$maxap" ] && [ "$(alloc)" -le $((CAP + 262144)) ] && outside_ok; then ok
    else bad "$name: out=$(cat "$T/out") rec=$(cat "$T/rec") apparent=$(apparent) alloc=$(alloc)"; fi
}
fresh; runw big /workspace/f 3000000;            check_run "one write of 3 MB" $CAP
[ "$(stat -c %s "$WS/f")" = $CAP ] && [ "$(jq -r .bytes_written "$T/rec")" = $CAP ] && grep -q '^wrote 1048576 err EDQUOT$' "$T/out" && ok || bad "one write is cut at the cap exactly: $(cat "$T/out")"
fresh; runw small /workspace/f 5000000 4096;     check_run "4 KiB writes" $CAP
fresh; runw small /workspace/f 5000000 1000;     check_run "unaligned 1000-byte writes" $CAP
[ "$(stat -c %s "$WS/f")" = $CAP ] && ok || bad "1000-byte writes stop at the cap: $(stat -c %s "$WS/f")"
fresh; runw pwrite /workspace/f 0 100000 100;    check_run "pwrite at 1 GiB strides" 999999999999
[ "$(jq -r .bytes_written "$T/rec")" = $CAP ] && ok || bad "pwrite counts bytes written, not the file's size: $(cat "$T/rec")"
fresh; runw pwrite /workspace/f 4000000000000 65536 100; check_run "pwrite near 4 TB" 999999999999999
fresh; runw files /workspace/g 100 300000;       check_run "several files" $CAP
[ "$(ls "$WS" | wc -l)" -le 5 ] && ok || bad "several files: $(ls "$WS" | wc -l) files"
fresh; runw mkdirs /workspace/d 100000;          check_run "mkdir counts a block each" 0
[ "$(find "$WS" -mindepth 1 -type d | wc -l)" = $((CAP / 4096)) ] && ok || bad "mkdirs: $(find "$WS" -mindepth 1 -type d | wc -l) directories"
# a mkdir that fails (the directory exists) costs nothing
fresh; mkdir "$WS/d0"
"$BX" run --workspace "$WS" --cap write:/workspace --max-write 4KiB --json-file "$T/rec" "$W" mkdirs /workspace/d 1 > "$T/out" 2> "$T/err"
[ "$(jq -r .bytes_written "$T/rec")" = 0 ] && [ "$(jq -r '.limits_hit | length' "$T/rec")" = 0 ] && ok || bad "failed mkdir refunded: $(cat "$T/rec")"
fresh; runw allocate /workspace/f 5000000;       check_run "fallocate past the cap" 0
# holes inside the file's size take blocks when reserved: the range counts
fresh; runw sparse-allocate /workspace/f 5000000; check_run "fallocate of a sparse file's holes" 5000000
fresh; runw rewrite /workspace/f 300000 10;      check_run "truncation gives nothing back" 300000
# Under the cap nothing is reported, and the count is exact.
fresh; runw small /workspace/f 500000 4096
if grep -q '^wrote 503808 err none$' "$T/out" && [ "$(jq -r '.limits_hit | length' "$T/rec")" = 0 ] &&
   [ "$(jq -r .bytes_written "$T/rec")" = 503808 ] && [ "$(jq -r .message "$T/rec")" = "" ]; then ok
else bad "under the cap: $(cat "$T/out") $(cat "$T/rec")"; fi
# run without --max-write: no cap (the default for run)
fresh; "$BX" run --workspace "$WS" --cap write:/workspace --json-file "$T/rec" "$W" big /workspace/f 3000000 > "$T/out" 2> "$T/err"
if grep -q '^wrote 3000000 err none$' "$T/out" && [ "$(jq -r .bytes_written "$T/rec")" = 3000000 ]; then ok; else bad "run without --max-write: $(cat "$T/out")"; fi
# a bad size is refused with a message
if ! "$BX" run --workspace "$WS" --max-write lots "$W" 2> "$T/err" && grep -qi 'max-write\|size' "$T/err"; then ok; else bad "bad --max-write accepted: $(cat "$T/err")"; fi

# ---- --max-write through call and serve (tool defaults) --------------------------
TD=$T/tools
mkdir -p "$TD/disk-writer" "$TD/disk-writer2"
cp "$W" "$TD/disk-writer/tool.wasm"
cp "$W" "$TD/disk-writer2/tool.wasm"
mk_manifest() {  # NAME LIMITS-JSON
    printf '{"name": "%s", "description": "writes", "permission_level": "write",
 "input_schema": {"type": "object", "properties": {"args": {"type": "string"}}, "required": ["args"]},
 "needs": {"workspace": "write"}, "limits": %s, "input": "argv"}\n' "$1" "$2" > "$TD/$1/tool.json"
}
mk_manifest disk-writer '{"timeout": "30s", "max_write": "64KiB"}'
mk_manifest disk-writer2 '{"timeout": "30s"}'
callw() {  # TOOL ARGS [flags] -> $T/res
    local tool=$1 args=$2; shift 2
    "$BX" call "$tool" --tools-dir "$TD" --workspace "$WS" "$@" "{\"args\":\"$args\"}" > "$T/res" 2> "$T/err"
}
check_tool() {  # NAME WROTE
    if jq -r .content "$T/res" | grep -q "^wrote $2 err EDQUOT$" && [ "$(jq -r .is_error "$T/res")" = true ] &&
       [ "$(jq -r '.metadata.limits_hit | join(",")' "$T/res")" = max_write ] &&
       jq -r .content "$T/res" | grep -q 'write cap of '"$2"' bytes.*--max-write' && [ "$(apparent)" -le "$2" ] && outside_ok; then ok
    else bad "$1: $(cat "$T/res") apparent=$(apparent)"; fi
}
fresh; callw disk-writer "small /workspace/f 200000 4096";                    check_tool "manifest max_write 64KiB" 65536
fresh; callw disk-writer "small /workspace/f 200000 4096" --max-write 100KiB; check_tool "caller's --max-write over the manifest's" 102400
# no max_write in the manifest: 256 MiB; fallocate is refused before it allocates
fresh; callw disk-writer2 "allocate /workspace/f 300000000"
if jq -r .content "$T/res" | grep -q '^wrote 0 err EDQUOT$' && jq -r .content "$T/res" | grep -q 'write cap of 268435456 bytes' && [ "$(alloc)" -lt 1000000 ]; then ok
else bad "256 MiB tool default: $(cat "$T/res") alloc=$(alloc)"; fi
fresh; callw disk-writer2 "small /workspace/f 2000000 65536"
if jq -r .content "$T/res" | grep -q '^wrote 2031616 err none$' && [ "$(jq -r .is_error "$T/res")" = false ] && [ "$(jq -r .metadata "$T/res")" = null ]; then ok
else bad "under the tool default: $(cat "$T/res")"; fi
# serve --jsonl: the flag, and max_write in a policy file (per executor)
fresh
printf '%s\n' '{"id":1,"tool":"disk-writer2","input":{"args":"small /workspace/f 200000 4096"}}' |
    "$BX" serve --jsonl --tools-dir "$TD" --workspace "$WS" --max-write 10KiB > "$T/res" 2> "$T/err"
if [ "$(jq -r .result.metadata.limits_hit[0] "$T/res")" = max_write ] && jq -r .result.content "$T/res" | grep -q '^wrote 10240 err EDQUOT$' && [ "$(apparent)" = 10240 ]; then ok
else bad "serve --max-write: $(cat "$T/res") $(cat "$T/err")"; fi
fresh
printf '{"workspace": "%s", "tool_dirs": ["%s"], "grants": ["write:/workspace"], "limits": {"max_write": "8KiB"},
 "executors": {"big": {"limits": {"max_write": "20KiB"}}}}\n' "$WS" "$TD" > "$T/policy.json"
printf '%s\n' '{"id":1,"tool":"disk-writer2","input":{"args":"small /workspace/f 200000 4096"}}' \
              '{"id":2,"executor":"big","tool":"disk-writer2","input":{"args":"small /workspace/g 200000 4096"}}' |
    "$BX" serve --jsonl --policy "$T/policy.json" > "$T/res" 2> "$T/err"
if jq -s -r 'sort_by(.id) | map(.result.content | split("\n")[0]) | join(",")' "$T/res" | grep -qx 'wrote 8192 err EDQUOT,wrote 20480 err EDQUOT' &&
   [ "$(stat -c %s "$WS/f")" = 8192 ] && [ "$(stat -c %s "$WS/g")" = 20480 ]; then ok
else bad "policy max_write: $(cat "$T/res") $(cat "$T/err")"; fi
printf '{"limits": {"max_write": "lots"}}\n' > "$T/policy.json"
if ! "$BX" serve --jsonl --policy "$T/policy.json" < /dev/null > /dev/null 2> "$T/err" && grep -q max_write "$T/err"; then ok; else bad "bad policy max_write accepted: $(cat "$T/err")"; fi

# ---- --max-write through the bash tool ----------------------------------------------
bashcall() {  # SCRIPT [flags] -> $T/res
    local s=$1; shift
    "$BX" call bash --workspace "$WS" "$@" "$(jq -n --arg c "$s" '{command: $c}')" > "$T/res" 2> "$T/err"
}
fresh; bashcall 'yes 0123456789 | head -c 5000000 > big; echo rc=$?; wc -c < big' --max-write 1MiB
if jq -r .content "$T/res" | grep -q '^rc=1$' && jq -r .content "$T/res" | grep -q '^1048576$' &&
   jq -r .content "$T/res" | grep -q 'Disk quota exceeded' && [ "$(jq -r '.metadata.limits_hit[0]' "$T/res")" = max_write ] &&
   [ "$(stat -c %s "$WS/big")" = $CAP ] && outside_ok; then ok
else bad "bash yes | head -c: $(head -c 600 "$T/res")"; fi
# stdout and stderr are not file writes: their own cap applies, not --max-write
fresh; bashcall 'yes 0123456789 | head -c 3000000; echo x >&2' --max-write 1KiB
if [ "$(jq -r .metadata.stdout_bytes "$T/res")" = 3000000 ] && [ "$(jq -r .metadata.limits_hit "$T/res")" = null ] && [ "$(jq -r .is_error "$T/res")" = false ]; then ok
else bad "stdout is not counted: $(head -c 300 "$T/res")"; fi
fresh; head -c 800000 /dev/zero > "$WS/src"
bashcall 'cp src c1; echo rc=$?; cp src c2; echo rc=$?; cat src src > c3; echo rc=$?; ls' --max-write 1MiB
if jq -r .content "$T/res" | grep -q '^rc=0$' && [ "$(jq -r .content "$T/res" | grep -c '^rc=1$')" = 2 ] &&
   [ $(( $(stat -c %s "$WS/c1") + $(stat -c %s "$WS/c2") + $(stat -c %s "$WS/c3") )) -le $CAP ] &&
   [ "$(jq -r .is_error "$T/res")" = true ]; then ok
else bad "bash cp past the cap: $(head -c 600 "$T/res")"; fi

# ---- bash tool: the issue's link reproductions -----------------------------------------
fresh; bashcall 'mkdir d; ln -s .. d/loop; echo x > d/f; cp -r d copy; echo rc=$?; find copy -printf "%y %p %l\n" | sort'
if [ "$(jq -r .content "$T/res")" = "$(printf 'rc=0\nd copy \nf copy/f \nl copy/loop ..')" ] && [ "$(find "$WS" | wc -l)" = 7 ]; then ok
else bad "cp -r copies a link to the parent as a link: $(head -c 600 "$T/res")"; fi
fresh; bashcall 'mkdir d; ln -s .. d/loop; ln -s . d/self; echo x > d/f; cp -rL d copy; echo rc=$?; find -L . > /dev/null; echo rc=$?; du -L -s . > /dev/null; echo rc=$?; grep -R x . > /dev/null; echo rc=$?; echo done' --max-write 64MiB
n=$(find "$WS" | wc -l)
if jq -r .content "$T/res" | grep -q '^done$' && [ "$(jq -r .metadata.timed_out "$T/res")" = false ] &&
   jq -r .content "$T/res" | grep -q 'cyclic\|deeper than 256' && [ "$n" -lt 3000 ]; then ok
else bad "-L on loops ends: $n entries, $(head -c 600 "$T/res")"; fi

# ---- the audit log ---------------------------------------------------------------------
fresh; echo secret > "$WS/secret"
AUD=$T/audit.jsonl
audrun() { rm -f "$AUD"; "$BX" run --workspace "$WS" --cap read:/workspace --cap 'deny:/workspace/secret*' --audit "$AUD" "$D" "$@" > "$T/out" 2> "$T/err"; }
audrun /workspace/secret 100000
if grep -q '^refused 100000$' "$T/out" && [ "$(wc -l < "$AUD")" = 6 ] &&
   [ "$(jq -s '[.[] | select(.repeated == null)] | length' "$AUD")" = 5 ] &&
   [ "$(jq -s '[.[] | .repeated // empty] | add' "$AUD")" = 99995 ] &&
   [ "$(jq -s '[.[] | del(.ts, .repeated)] | unique | length' "$AUD")" = 1 ] &&
   [ "$(jq -s '[.[] | select(.decision == "deny" and .path == "/workspace/secret")] | length' "$AUD")" = 6 ]; then ok
else bad "identical denials: $(wc -l < "$AUD") lines, $(tail -1 "$AUD")"; fi
[ "$(stat -c %s "$AUD")" -lt 4096 ] && ok || bad "identical denials: $(stat -c %s "$AUD") bytes"
# two paths interleaved: each limited on its own, every denial counted
audrun /workspace/secret 1000 mod 2
if [ "$(wc -l < "$AUD")" = 12 ] && [ "$(jq -s '[.[] | .repeated // 1] | add' "$AUD")" = 1000 ] &&
   [ "$(jq -s '[.[] | select(.path == "/workspace/secret0") | .repeated // 1] | add' "$AUD")" = 500 ]; then ok
else bad "interleaved denials: $(wc -l < "$AUD") lines"; fi
audrun /workspace/secret 7
[ "$(jq -s '[.[] | .repeated // 1] | add' "$AUD")" = 7 ] && [ "$(wc -l < "$AUD")" = 6 ] && ok || bad "7 denials: $(cat "$AUD")"
audrun /workspace/secret 5
[ "$(wc -l < "$AUD")" = 5 ] && ! grep -q repeated "$AUD" && ok || bad "5 denials: no summary expected: $(cat "$AUD")"
# 100 paths cycled 3 times: more than the table remembers, every denial accounted for
audrun /workspace/secret 300 mod 100
[ "$(jq -s '[.[] | .repeated // 1] | add' "$AUD")" = 300 ] && [ "$(jq -s '[.[] | .path] | unique | length' "$AUD")" = 100 ] && ok || bad "cycled denials: $(wc -l < "$AUD") lines"
# distinct denials until the size cap: under 16 MiB, a final record, every line JSON
audrun /workspace/secret 300000 distinct
sz=$(stat -c %s "$AUD")
if [ "$sz" -le 16777216 ] && [ "$sz" -gt 15000000 ] && [ "$(tail -1 "$AUD" | jq -r .event)" = audit_truncated ] &&
   [ "$(tail -1 "$AUD" | jq -r .limit_bytes)" = 16777216 ] && jq -e . "$AUD" > /dev/null && [ "$(grep -c audit_truncated "$AUD")" = 1 ]; then ok
else bad "audit size cap: $sz bytes, $(tail -1 "$AUD")"; fi
# the bash tool looping on a denied file
rm -f "$AUD"
"$BX" call bash --workspace "$WS" --cap write:/workspace --cap deny:/workspace/secret --audit "$AUD" \
    '{"command": "for i in $(seq 2000); do cat secret 2>/dev/null; done; echo done"}' > "$T/res" 2> "$T/err"
total=$(jq -s '[.[] | select(.decision == "deny") | (.repeated // 1)] | add' "$AUD")
if jq -r .content "$T/res" | grep -q '^done$' && [ "$(wc -l < "$AUD")" -lt 40 ] && [ "${total:-0}" -ge 2000 ]; then ok
else bad "bash loop on a denied file: $(wc -l < "$AUD") lines, $total denials counted"; fi
outside_ok && ok || bad "the directory beside the workspace changed: $(ls "$T")"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
