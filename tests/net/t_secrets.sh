#!/usr/bin/env bash
# tests/net/t_secrets.sh — secret headers never come back, and --block-url
# holds against every spelling (issue 12, items 4 and 10):
#   - tests/net/test_redact: the redactor alone (every encoding, every cut)
#     and live through bx_net_request (body, header names and values,
#     Location followed or not, status text, messages, audit log);
#   - end to end with `boxagnts run` and the web-fetch tool: the reported
#     reproduction (/echo cut by max_response_bytes at every length around
#     the secret), echoes in other encodings, the audit log;
#   - secrets shorter than 8 bytes refused at configuration by run, call
#     (any tool), mcp and serve (flag, policy default, policy executor),
#     without echoing the value;
#   - --block-url spellings against a live server: the server's log shows
#     no request for the blocked path ever arrived.
# Local servers only (tests/net/server.py on 127.0.0.1).
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
BX=$BUILD/boxagnts
WF=$BUILD/tools/web-fetch/tool.wasm
tmp=$(mktemp -d)
pass=0 fail=0
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$tmp"; }
trap cleanup EXIT

python3 tests/net/server.py "$tmp/a.port" "$tmp/a.log" 2>>"$tmp/server.err" &
pids+=($!)
for _ in $(seq 200); do [ -s "$tmp/a.port" ] && break; sleep 0.05; done
touch "$tmp/a.log"
PA=$(cat "$tmp/a.port")
A=http://127.0.0.1:$PA
LIFT=(--allow-network 127.0.0.1)

ok() {   # NAME STATUS
    if [ "$2" -eq 0 ]; then pass=$((pass + 1)); echo "ok $1"
    else fail=$((fail + 1)); echo "FAIL $1"; sed 's/^/    out: /' "$tmp/out" 2>/dev/null | head -c 1500; echo; sed 's/^/    err: /' "$tmp/err" 2>/dev/null | head -5; fi
}
fetch() {   # JSON [run flags...]
    printf '%s' "$1" >"$tmp/in.json"
    shift
    "$BX" run "$@" --stdin-file "$tmp/in.json" "$WF" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}
j() { python3 -c 'import json,sys,os; r=json.load(open(sys.argv[1])); m=r.get("metadata") or {}; c=r["content"]; S=os.environ["BX_SECRET"]; sys.exit(0 if eval(sys.argv[2]) else 1)' "$tmp/out" "$1"; }

# ---- the redactor, alone and live ----------------------------------------------
out=$("$BUILD/tests/net/test_redact" "$PA" 2>&1)
last=$(printf '%s\n' "$out" | tail -n 1)
printf '%s\n' "$out" | grep -v '^#' | grep -v 'passed,' | head -20
if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    pass=$((pass + BASH_REMATCH[1])) fail=$((fail + BASH_REMATCH[2]))
    echo "ok test_redact: $last"
else
    fail=$((fail + 1)); echo "FAIL test_redact ended without a summary"
fi

# ---- the reproduction: /echo cut at every length around the secret ----------------
export BX_SECRET='sk-test-0123456789abcdefghijklmn'     # 32 bytes
SEC=(--secret-header "$A:X-Api-Key=env:BX_SECRET" --allow-host "$A" "${LIFT[@]}")
fetch "{\"url\":\"$A/echo\",\"max_chars\":100000}" "${SEC[@]}" --audit "$tmp/audit.log"
cp "$tmp/out" "$tmp/full.json"
j 'not r["is_error"] and "[REDACTED]" in c and S not in c'; ok "echo: the secret is redacted" $?
at=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["content"].index("[REDACTED]"))' "$tmp/full.json")
bad=0
for cap in $(seq $((at - 3)) $((at + 40))); do
    fetch "{\"url\":\"$A/echo\",\"max_response_bytes\":$cap,\"max_chars\":100000}" "${SEC[@]}"
    python3 - "$tmp/out" "$tmp/full.json" "$cap" <<'EOF' || { bad=1; echo "    at max_response_bytes $cap"; break; }
import json, os, sys
r = json.load(open(sys.argv[1])); full = json.load(open(sys.argv[2]))["content"]; cap = int(sys.argv[3])
S = os.environ["BX_SECRET"]
c = r["content"].split("\n\n[the response was cut at")[0]
m = r["metadata"]
# what is shown is a prefix of the uncut redacted body, never more than the cap,
# and no 4 bytes of the secret from its start (the prefix a cut would leave)
assert full.startswith(c), (c[-60:], full[:len(c)][-60:])
total = json.load(open(sys.argv[2]))["metadata"]["bytes"]
assert len(c.encode()) <= cap and (m["body_truncated"] is True or cap >= total)
assert S[:4] not in c
EOF
done
[ $bad -eq 0 ]; ok "echo cut at every max_response_bytes from $((at - 3)) to $((at + 40)): always a prefix of the redacted body" $?
! grep -q "$BX_SECRET" "$tmp/audit.log"; ok "the audit log never holds the secret" $?

# ---- other encodings, through the tool ---------------------------------------------
for enc in json_slash json_u pct pct_plus pctl html hex upper b64 b64u b64np b64mime; do
    for pre in 0 1 2; do
        case $enc in b64*) ;; *) [ $pre -gt 0 ] && continue ;; esac
        fetch "{\"url\":\"$A/reflect?enc=$enc&where=body&pre=$pre\",\"max_chars\":100000}" "${SEC[@]}"
        python3 - "$tmp/out" "$enc" "$pre" <<'EOF'
import base64, json, os, sys, urllib.parse
r = json.load(open(sys.argv[1])); c = r["content"]; enc = sys.argv[2]; pre = b"\xfa\x11"[: int(sys.argv[3])]
S = os.environ["BX_SECRET"]; b = S.encode()
forms = {"json_slash": json.dumps(S).replace("/", "\\/"), "json_u": "".join("\\u%04x" % ord(x) for x in S),
         "pct": "".join("%%%02X" % x for x in b), "pct_plus": urllib.parse.quote_plus(S),
         "pctl": urllib.parse.quote(S, safe="").lower(), "hex": b.hex(), "upper": S.upper(),
         "html": "".join("&#%d;" % ord(x) if not x.isalnum() else x for x in S),
         "b64": base64.b64encode(pre + b)[4:-4].decode(), "b64u": base64.urlsafe_b64encode(pre + b)[4:-4].decode(),
         "b64np": base64.b64encode(pre + b)[4:-4].decode(),
         "b64mime": base64.b64encode(b"x" * 50 + pre + b + b"^").decode()[72:-8]}
assert not r["is_error"] and "[REDACTED]" in c, c
flat = "".join(c.split())
assert S not in c and S.upper() not in c and forms[enc] not in c and forms[enc] not in flat, c
EOF
        ok "echo in $enc (alignment $pre): redacted in what the tool returns" $?
    done
done
fetch "{\"url\":\"$A/reflect?enc=pct&where=location_follow\",\"max_chars\":100000}" "${SEC[@]}" --audit "$tmp/audit2.log"
j 'not r["is_error"] and "[REDACTED]" in m["final_url"] and "%" + "%".join("%02X" % x for x in S.encode()[:4]) not in m["final_url"] + c'
ok "a percent-encoded secret reflected into a followed Location: redacted from final_url and body" $?
! grep -qi "$(python3 -c 'import os; print("".join("%%%02X" % x for x in os.environ["BX_SECRET"].encode()[:6]))')" "$tmp/audit2.log" && grep -q REDACTED "$tmp/audit2.log"
ok "... and from the audit log" $?
grep -q '"/echo?t=%5BREDACTED%5D"\|"/echo?t=\[REDACTED\]"' "$tmp/a.log"
ok "the followed Location was redacted before it was followed (the next hop never got the secret in its URL)" $?

# A Range header asks the server for a cut: refused where a secret goes.
: >"$tmp/a.log"
fetch "{\"url\":\"$A/echo\",\"headers\":{\"Range\":\"bytes=200-\"}}" "${SEC[@]}"
j 'r["is_error"] and "Range" in c'; ok "Range to an origin that gets a secret: refused" $?
[ ! -s "$tmp/a.log" ]; ok "... before anything was sent" $?
fetch "{\"url\":\"$A/echo\",\"headers\":{\"if-range\":\"x\",\"Range\":\"bytes=0-\"}}" --allow-host "$A" "${LIFT[@]}"
j 'not r["is_error"]'; ok "Range without a secret for the origin: sent as usual" $?

# ---- short secrets refused at configuration ---------------------------------------
export BX_SHORT=abc1234      # 7 bytes
refused() {   # NAME: rc 2, message names the rule, the value not echoed
    [ "$rc" -eq 2 ] && grep -q "shorter than 8 bytes" "$tmp/err" && ! grep -q "$BX_SHORT" "$tmp/err" "$tmp/out"
    ok "$1" $?
}
fetch "{\"url\":\"$A/echo\"}" --secret-header "$A:X-Api-Key=env:BX_SHORT" --allow-host "$A" "${LIFT[@]}"
refused "run: a 7-byte secret is refused"
"$BX" call web-fetch --secret-header "$A:X-Api-Key=env:BX_SHORT" "{\"url\":\"$A/echo\"}" >"$tmp/out" 2>"$tmp/err"; rc=$?
refused "call web-fetch: refused"
mkdir -p "$tmp/ws"; echo hi >"$tmp/ws/f"
"$BX" call file-read --workspace "$tmp/ws" --secret-header "$A:X-Api-Key=env:BX_SHORT" '{"file_path":"/workspace/f"}' >"$tmp/out" 2>"$tmp/err"; rc=$?
refused "call file-read (no network): refused all the same"
"$BX" call file-read --workspace "$tmp/ws" --secret-header "$A:X-Api-Key=x" '{"file_path":"/workspace/f"}' >"$tmp/out" 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && grep -q "shorter than 8 bytes" "$tmp/err"; ok "call: a 1-byte literal secret refused" $?
"$BX" mcp --secret-header "$A:X-Api-Key=env:BX_SHORT" </dev/null >"$tmp/out" 2>"$tmp/err"; rc=$?
refused "mcp --secret-header: refused at startup"
printf '{"secret_headers":["%s:X-Api-Key=env:BX_SHORT"]}' "$A" >"$tmp/p1.json"
"$BX" mcp --policy "$tmp/p1.json" </dev/null >"$tmp/out" 2>"$tmp/err"; rc=$?
refused "mcp policy secret_headers: refused at startup"
"$BX" serve --jsonl --policy "$tmp/p1.json" </dev/null >"$tmp/out" 2>"$tmp/err"; rc=$?
refused "serve policy secret_headers: refused at startup"
printf '{"executors":{"net":{"secret_headers":["%s:X-Api-Key=env:BX_SHORT"]}}}' "$A" >"$tmp/p2.json"
"$BX" serve --jsonl --policy "$tmp/p2.json" </dev/null >"$tmp/out" 2>"$tmp/err"; rc=$?
refused "serve policy, one executor's secret_headers: refused at startup"
grep -q "executor net" "$tmp/err"; ok "... naming the executor" $?
export BX_EIGHT=abcd1234
fetch "{\"url\":\"$A/echo\"}" --secret-header "$A:X-Api-Key=env:BX_EIGHT" --allow-host "$A" "${LIFT[@]}"
j 'not r["is_error"] and "[REDACTED]" in c and "abcd1234" not in c'; ok "an 8-byte secret is accepted and redacted" $?

# ---- --block-url against a live server ------------------------------------------------
: >"$tmp/a.log"
for path in /ADMIN /Admin/users /%2Fadmin /%2fadmin /%252Fadmin /%61dmin /%2561dmin /x/../admin \
            '/x/%2E%2E/admin' '/x/..;/admin' '/admin;x=1' '/%5Cadmin' //admin /./admin '/admin%3Fq'; do
    fetch "{\"url\":\"$A$path\"}" --allow-host "$A" "${LIFT[@]}" --block-url "$A/admin"
    j 'r["is_error"] and "--block-url" in c'; ok "--block-url $A/admin refuses $path" $?
done
for u in "http://127.0.0.1.:$PA/admin" "http://2130706433:$PA/ADMIN" "http://[::ffff:127.0.0.1]:$PA/admin" \
         "http://localhost:$PA/admin" "HTTP://127.0.0.1:$PA/Admin"; do
    fetch "{\"url\":\"$u\"}" --allow-host "http://*:$PA" "${LIFT[@]}" --block-url "$A/admin"
    j 'r["is_error"] and "--block-url" in c'; ok "--block-url $A/admin refuses $u" $?
done
fetch "{\"url\":\"$A/admin\"}" --allow-host "$A" "${LIFT[@]}" --block-url "https://127.0.0.1:$PA/admin"
j 'r["is_error"] and "--block-url" in c'; ok "an https rule also holds for http on the same port" $?
fetch "{\"url\":\"$A/redirect?to=/%252FADMIN\"}" --allow-host "$A" "${LIFT[@]}" --block-url "$A/admin"
j 'r["is_error"] and "--block-url" in c and "after 1 redirect" in c'; ok "a redirect to /%2FADMIN is refused" $?
! grep -qi 'admin' <(python3 -c 'import json,sys
for l in open(sys.argv[1]):
    p = json.loads(l)["path"]
    if not p.startswith("/redirect"): print(p)' "$tmp/a.log")
ok "no request for the blocked path reached the server" $?
fetch "{\"url\":\"$A/administration-guide\"}" --allow-host "$A" "${LIFT[@]}" --block-url "$A/admin/"
j 'not r["is_error"] or "--block-url" not in c'; ok "a neighbour (/administration-guide vs /admin/) is not blocked" $?

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
