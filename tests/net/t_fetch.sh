#!/usr/bin/env bash
# tests/net/t_fetch.sh — web-fetch end to end: `boxagnts run` with network
# grants, the guest tool build/tools/web-fetch/tool.wasm, and two local HTTP
# servers (tests/net/server.py, 127.0.0.1 only; nothing leaves this
# machine).  Loopback is private, so every allowed case lifts exactly
# 127.0.0.1 with --allow-network 127.0.0.1; the server's request log shows
# what really arrived.
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

start_server() {   # NAME [BIND [CERT]]
    python3 tests/net/server.py "$tmp/$1.port" "$tmp/$1.log" ${2:-} ${3:-} 2>>"$tmp/server.err" &
    pids+=($!)
    for _ in $(seq 200); do [ -s "$tmp/$1.port" ] && break; sleep 0.05; done
    touch "$tmp/$1.log"
}
start_server a
start_server b
start_server c ::1
PC=$(cat "$tmp/c.port" 2>/dev/null)
PA=$(cat "$tmp/a.port") PB=$(cat "$tmp/b.port")
A=http://127.0.0.1:$PA B=http://127.0.0.1:$PB

ok() {   # NAME CONDITION-EXIT-STATUS
    if [ "$2" -eq 0 ]; then pass=$((pass + 1)); echo "ok $1"
    else fail=$((fail + 1)); echo "FAIL $1"; sed 's/^/    out: /' "$tmp/out" | head -c 1500; echo; sed 's/^/    err: /' "$tmp/err" | head -5; fi
}
# fetch JSON [run flags...]: result in $tmp/out, exit status in $rc
fetch() {
    printf '%s' "$1" >"$tmp/in.json"
    shift
    "$BX" run "$@" --stdin-file "$tmp/in.json" "$WF" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}
# j EXPR: a Python expression over r (the result object)
j() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); m=r.get("metadata") or {}; c=r["content"]; sys.exit(0 if eval(sys.argv[2]) else 1)' "$tmp/out" "$1"; }
LIFT=(--allow-network 127.0.0.1)

# ---- refusals by the policy -------------------------------------------------
fetch "{\"url\":\"$A/page.html\"}"
j 'r["is_error"] and "--allow-host http://127.0.0.1:'"$PA"'" in c and m["error"]=="denied"'; ok "no grant: refused, message names the grant" $?
fetch "{\"url\":\"$A/page.html\"}" --allow-host "$A"
j 'r["is_error"] and "blocked network" in c and "--allow-network 127.0.0.1" in c'; ok "granted but loopback is private: refused by default" $?
! grep -q page.html "$tmp/a.log"; ok "refused requests never reached the server" $?
fetch "{\"url\":\"$A/page.html\"}" --allow-host "http://127.0.0.1:$((PA + 1))" "${LIFT[@]}"
j 'r["is_error"] and "not an allowed host" in c'; ok "other port of the same host: refused" $?
fetch "{\"url\":\"http://2130706433:$PA/json\"}" --allow-host "$A"
j 'r["is_error"] and "127.0.0.1" in c and "blocked" in c'; ok "decimal IP spelling of loopback: refused" $?
fetch "{\"url\":\"http://0x7f.1:$PA/json\"}" --allow-host "$A"
j 'r["is_error"] and "blocked" in c'; ok "hex short IP spelling of loopback: refused" $?
fetch "{\"url\":\"http://[::ffff:127.0.0.1]:$PA/json\"}" --allow-host "http://*:*"
j 'r["is_error"] and "blocked" in c'; ok "IPv4-mapped IPv6 loopback: refused" $?
fetch "{\"url\":\"http://169.254.169.254/latest/meta-data/\"}" --allow-host "http://*"
j 'r["is_error"] and "169.254" in c and m["error"]=="denied"'; ok "cloud metadata address: refused" $?
fetch "{\"url\":\"http://0.0.0.0:$PA/json\"}" --allow-host "http://*:*" --allow-network 0.0.0.0/0
j 'r["is_error"] and "never allowed" in c'; ok "0.0.0.0 refused even with everything lifted" $?
fetch "{\"url\":\"file:///etc/passwd\"}" --allow-host "*://*:*"
j 'r["is_error"] and "only http" in c'; ok "file: URL refused" $?
fetch "{\"url\":\"http://user:pw@127.0.0.1:$PA/\"}" --allow-host "$A" "${LIFT[@]}"
j 'r["is_error"] and "credentials" in c'; ok "userinfo in URL refused" $?
fetch "{\"url\":\"$A/json\"}" --allow-host "$A" --block-network 127.0.0.0/8 --allow-network 127.0.0.2
j 'r["is_error"] and "blocked network" in c'; ok "lifting another address does not lift 127.0.0.1" $?

# ---- allowed -----------------------------------------------------------------
fetch "{\"url\":\"$A/page.html\"}" --allow-host "$A" "${LIFT[@]}"
j 'not r["is_error"] and m["status"]==200 and m["title"]=="Understanding Sandboxes & Capabilities | Example Docs"'; ok "allowed with 127.0.0.1 lifted: 200 and title" $?
j 'c.startswith("# Understanding Sandboxes & Capabilities") and "\n# Understanding Sandboxes\n" in c and "\n## Why capabilities?\n" in c and "\n### Checklist\n" in c'; ok "markdown: title and headings" $?
j '"[introduction](http://127.0.0.1:'"$PA"'/guide/intro.html)" in c and "[spec](https://other.example/spec)" in c'; ok "markdown: links resolved against the final URL" $?
j '"- No files unless granted" in c and "  - per origin" in c and "1. Parse\n2. Validate\n3. Run" in c'; ok "markdown: nested and ordered lists" $?
j '"```\n$ boxagnts run --allow-host https://example.com tool.wasm\nif (a < b) { return 1; }" in c and "`bx_net_request()`" in c'; ok "markdown: code block and inline code, entities decoded" $?
j '"Limit | Default" in c and "timeout | 30 s" in c and "![Architecture diagram](http://127.0.0.1:'"$PA"'/img/diagram.png)" in c'; ok "markdown: table rows and image" $?
j '"\u201cdeny by default\u201d & \u201cleast privilege\u201d \u2192 safer. 5 < 6 > 4." in c and "*granted* \u2014 nothing more" in c and "\u00a9 2026" in c'; ok "entities: named, decimal, hex, nbsp" $?
j 'not any(x in c for x in ["LEAK", "analytics", "display: flex"])'; ok "script, style, json-ld, comments, noscript, svg dropped" $?
j 'm["final_url"]=="'"$A"'/page.html" and m["content_type"].startswith("text/html") and m["bytes"]>1000 and m["truncated"]==False and m["redirects"]==0'; ok "metadata: final_url, content_type, bytes, truncated" $?
fetch "{\"url\":\"$A/page.html\",\"extract_mode\":\"text\"}" --allow-host "$A" "${LIFT[@]}"
j '"Understanding Sandboxes" in c and "#" not in c.split("\n")[0] and "](" not in c and "```" not in c and "* No files unless granted" in c'; ok "text mode: no markdown syntax" $?
fetch "{\"url\":\"$A/page.html\",\"extract_mode\":\"raw\"}" --allow-host "$A" "${LIFT[@]}"
j 'c.startswith("<!DOCTYPE html>") and "<script>" in c and m["title"].startswith("Understanding")'; ok "raw mode: the HTML source" $?
fetch "{\"url\":\"$A/messy.html\"}" --allow-host "$A" "${LIFT[@]}"
j 'm["title"]=="Messy &amp; Old" and "\n## Old Page\n" in c and "First paragraph\nsecond line" in c'; ok "tag soup: uppercase tags, unclosed <p>, <BR>, entity decoded once" $?
j '"[unquoted link](http://127.0.0.1:'"$PA"'/a/b.html)" in c and "[single quoted](http://127.0.0.1:'"$PA"'/rel.html)" in c'; ok "tag soup: unquoted and single-quoted attributes" $?
j '"&unknown; \ufffd \ufffd &< 3 &notanentity R&D snake_case [1] a*b" in c and "caf\u00e9 \u00e9 \u00e9 na\u00efve" in c'; ok "tag soup: unknown and invalid entities" $?
j '"- item one\n- item two" in c and "```\n  indented\n    code <here>\n```" in c and "LEAK" not in c and "SCRIPT-IN-STRING" not in c'; ok "tag soup: lists, pre whitespace kept, script with tags in strings dropped" $?
fetch "{\"url\":\"$A/json\"}" --allow-host "$A" "${LIFT[@]}"
j 'not r["is_error"] and json.loads(c)["items"]==[1,2,3] and m["content_type"]=="application/json"'; ok "JSON returned as is" $?
fetch "{\"url\":\"$A/bin\"}" --allow-host "$A" "${LIFT[@]}"
j 'not r["is_error"] and c.startswith("[binary content: ") and "image/png" in c and m["bytes"]==272 and "PNG" not in c'; ok "binary content described, not dumped" $?
fetch "{\"url\":\"$A/latin1\"}" --allow-host "$A" "${LIFT[@]}"
j '"caf\u00e9 cr\u00e8me" in c'; ok "latin-1 charset converted to UTF-8" $?
fetch "{\"url\":\"http://2130706433:$PA/json\"}" --allow-host "$A" "${LIFT[@]}"
j 'not r["is_error"] and m["final_url"]=="'"$A"'/json"'; ok "decimal IP spelling normalised: matches the 127.0.0.1 grant" $?
fetch "{\"url\":\"$A/echo\",\"method\":\"POST\",\"body\":\"hello=1\",\"headers\":{\"X-Test\":\"yes\",\"Content-Type\":\"application/x-www-form-urlencoded\"}}" --allow-host "$A" "${LIFT[@]}"
j 'json.loads(c)["method"]=="POST" and json.loads(c)["body"]=="hello=1" and json.loads(c)["headers"]["x-test"]=="yes"'; ok "POST with body and headers" $?
fetch "{\"url\":\"$A/echo\",\"headers\":{\"Host\":\"127.0.0.1:$PA\"}}" --allow-host "$A" "${LIFT[@]}"
j 'not r["is_error"]'; ok "Host header equal to the URL's host: accepted" $?

fetch "{\"url\":\"http://localhost:$PA/json\"}" --allow-host "http://localhost:$PA"
j 'r["is_error"] and "localhost resolves to 127.0.0.1" in c'; ok "a name resolving to loopback: refused" $?
fetch "{\"url\":\"http://localhost:$PA/json\"}" --allow-host "http://localhost:$PA" "${LIFT[@]}"
j 'not r["is_error"] and m["final_url"]=="http://localhost:'"$PA"'/json"'; ok "a name resolved by the host, pinned, allowed when lifted" $?
http_proxy=http://10.9.9.9:9 HTTP_PROXY=http://10.9.9.9:9 ALL_PROXY=http://10.9.9.9:9 \
    fetch "{\"url\":\"$A/json\"}" --allow-host "$A" "${LIFT[@]}"
j 'not r["is_error"]'; ok "proxy environment variables are ignored" $?
if [ -n "$PC" ]; then
    fetch "{\"url\":\"http://[::1]:$PC/json\"}" --allow-host "http://[::1]:$PC" "${LIFT[@]}"
    j 'r["is_error"] and "::1" in c and "blocked" in c'; ok "IPv6 loopback: refused (127.0.0.1 lifted is not ::1)" $?
    fetch "{\"url\":\"http://[0:0::1]:$PC/json\"}" --allow-host "http://[::1]:$PC" --allow-network ::1
    j 'not r["is_error"] and m["final_url"]=="http://[::1]:'"$PC"'/json"'; ok "IPv6 literal, lifted: allowed" $?
fi

# HTTPS with a self-signed certificate: TLS verification is on.
if openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
        -days 1 -keyout "$tmp/tls.pem" -out "$tmp/tls.crt" >/dev/null 2>&1; then
    cat "$tmp/tls.crt" >>"$tmp/tls.pem"
    start_server tls 127.0.0.1 "$tmp/tls.pem"
    PT=$(cat "$tmp/tls.port")
    fetch "{\"url\":\"https://127.0.0.1:$PT/json\"}" --allow-host "https://127.0.0.1:$PT" "${LIFT[@]}"
    j 'r["is_error"] and m["error"]=="tls" and "TLS" in c'; ok "HTTPS with an untrusted certificate: refused (verification on)" $?
    ! grep -q '"/json"' "$tmp/tls.log"; ok "no request was sent over the unverified connection" $?
fi

# ---- HTTP errors ---------------------------------------------------------------
fetch "{\"url\":\"$A/status?code=404\"}" --allow-host "$A" "${LIFT[@]}"
j 'r["is_error"] and c.startswith("HTTP 404 error from") and "No such page." in c and m["status"]==404'; ok "HTTP 404 is an error with the status" $?
fetch "{\"url\":\"$A/status?code=500\"}" --allow-host "$A" "${LIFT[@]}"
j 'r["is_error"] and m["status"]==500'; ok "HTTP 500 is an error" $?

# ---- redirects -------------------------------------------------------------------
fetch "{\"url\":\"$A/redirect?to=/page.html\"}" --allow-host "$A" "${LIFT[@]}"
j 'not r["is_error"] and m["final_url"]=="'"$A"'/page.html" and m["redirects"]==1'; ok "relative redirect followed" $?
fetch "{\"url\":\"$A/redirect?to=http://10.0.0.1:$PA/\"}" --allow-host "http://*:*" "${LIFT[@]}"
j 'r["is_error"] and "10.0.0.1" in c and "after 1 redirect" in c'; ok "redirect to a blocked address: refused" $?
fetch "{\"url\":\"$A/redirect?to=http://127.0.0.2:$PA/json\"}" --allow-host "http://*:*" "${LIFT[@]}"
j 'r["is_error"] and "127.0.0.2" in c'; ok "redirect to another loopback address: refused" $?
fetch "{\"url\":\"$A/redirect?to=$B/json\"}" --allow-host "$A" "${LIFT[@]}"
j 'r["is_error"] and "not an allowed host" in c and "'"$PB"'" in c'; ok "redirect to a non-granted origin: refused" $?
! grep -q '"/json"' "$tmp/b.log"; ok "the refused redirect target was never contacted" $?
fetch "{\"url\":\"$A/redirect?to=file:///etc/passwd\"}" --allow-host "$A" "${LIFT[@]}"
j 'r["is_error"] and "only http" in c'; ok "redirect to file: refused" $?
fetch "{\"url\":\"$A/loop\"}" --allow-host "$A" "${LIFT[@]}"
j 'r["is_error"] and "more than 5 redirects" in c and m["error"]=="redirects"'; ok "redirect loop capped at 5" $?
fetch "{\"url\":\"$A/chain?n=3\",\"max_redirects\":2}" --allow-host "$A" "${LIFT[@]}"
j 'r["is_error"] and "more than 2 redirects" in c'; ok "max_redirects from the input" $?
fetch "{\"url\":\"$A/chain?n=3\",\"max_redirects\":3}" --allow-host "$A" "${LIFT[@]}"
j 'not r["is_error"] and c=="end of chain" and m["redirects"]==3'; ok "3 redirects within max_redirects 3" $?
fetch "{\"url\":\"$A/redirect?to=/json\",\"max_redirects\":0}" --allow-host "$A" "${LIFT[@]}"
j 'not r["is_error"] and m["status"]==302 and c=="moved"'; ok "max_redirects 0 returns the redirect itself" $?

# ---- caps ------------------------------------------------------------------------
fetch "{\"url\":\"$A/big?n=300000\",\"max_response_bytes\":1000}" --allow-host "$A" "${LIFT[@]}"
j 'not r["is_error"] and m["bytes"]==1000 and m["truncated"] and m["body_truncated"] and "cut at 1000 bytes" in c'; ok "max_response_bytes caps the body" $?
fetch "{\"url\":\"$A/big?n=50000\",\"max_chars\":100}" --allow-host "$A" "${LIFT[@]}"
j 'c.startswith("a"*100+"\n\n[truncated: showing the first 100 of 50000 characters") and m["truncated"] and not m["body_truncated"]'; ok "max_chars truncates with a note" $?
fetch "{\"url\":\"$A/slow?s=5\",\"timeout_seconds\":0.5}" --allow-host "$A" "${LIFT[@]}"
j 'r["is_error"] and "timed out" in c and m["error"]=="timeout"'; ok "timeout_seconds ends a slow request" $?
fetch "{\"url\":\"$A/slow?s=8\"}" --allow-host "$A" "${LIFT[@]}" --timeout 1s
[ "$rc" -eq 124 ] && grep -q timeout "$tmp/err"; ok "the run's --timeout stops a request in flight (exit 124)" $?

# ---- header smuggling ------------------------------------------------------------
before=$(wc -l <"$tmp/a.log")
fetch "{\"url\":\"$A/echo\",\"headers\":{\"Host\":\"evil.example\"}}" --allow-host "$A" "${LIFT[@]}"
j 'r["is_error"] and "Host header" in c'; ok "Host header naming another host: refused" $?
fetch "{\"url\":\"$A/echo\",\"headers\":{\"X-A\":\"1\r\nX-Injected: 1\"}}" --allow-host "$A" "${LIFT[@]}"
j 'r["is_error"] and "control characters" in c'; ok "CRLF in a header value: refused" $?
fetch "{\"url\":\"$A/echo\",\"headers\":{\"X-A\":\"1\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\"}}" --allow-host "$A" "${LIFT[@]}"
j 'r["is_error"]'; ok "request smuggling through a header: refused" $?
fetch "{\"url\":\"$A/echo\",\"headers\":{\"Transfer-Encoding\":\"chunked\"}}" --allow-host "$A" "${LIFT[@]}"
j 'r["is_error"] and "set by the host" in c'; ok "Transfer-Encoding from the guest: refused" $?
fetch "{\"url\":\"$A/echo HTTP/1.1\r\nX: y\"}" --allow-host "$A" "${LIFT[@]}"
j 'r["is_error"] and "control character" in c'; ok "CRLF in the URL: refused" $?
after=$(wc -l <"$tmp/a.log")
[ "$before" -eq "$after" ] && ! grep -q smuggled "$tmp/a.log"; ok "none of the refused requests reached the server" $?

# ---- secrets at the egress --------------------------------------------------------
export BX_NET_TEST_TOKEN="tok-$$-s3cr3t-value"
fetch "{\"url\":\"$A/echo\"}" --allow-host "$A" --allow-host "$B" "${LIFT[@]}" \
    --secret-header "$A:X-Api-Key=env:BX_NET_TEST_TOKEN" --audit "$tmp/audit.log"
grep -q "\"x-api-key\": \"$BX_NET_TEST_TOKEN\"" "$tmp/a.log"; ok "secret header reaches its origin" $?
! grep -q "$BX_NET_TEST_TOKEN" "$tmp/out"; ok "secret never in the tool's output (echoed back, redacted)" $?
j '"[REDACTED]" in c'; ok "the echoed secret shows as [REDACTED]" $?
fetch "{\"url\":\"$B/echo\"}" --allow-host "$A" --allow-host "$B" "${LIFT[@]}" \
    --secret-header "$A:X-Api-Key=env:BX_NET_TEST_TOKEN" --audit "$tmp/audit.log"
j 'not r["is_error"] and "x-api-key" not in json.loads(c)["headers"]'; ok "secret header not sent to another origin" $?
! grep -q "$BX_NET_TEST_TOKEN" "$tmp/b.log"; ok "the other server never saw the secret" $?
fetch "{\"url\":\"$A/redirect?to=$B/echo\"}" --allow-host "$A" --allow-host "$B" "${LIFT[@]}" \
    --secret-header "$A:X-Api-Key=env:BX_NET_TEST_TOKEN" --audit "$tmp/audit.log"
j 'not r["is_error"] and "x-api-key" not in json.loads(c)["headers"]'; ok "secret not carried across a redirect to another origin" $?
fetch "{\"url\":\"$A/echo\",\"headers\":{\"X-Api-Key\":\"guest-value\"}}" --allow-host "$A" "${LIFT[@]}" \
    --secret-header "$A:X-Api-Key=env:BX_NET_TEST_TOKEN"
[ "$(tail -n 1 "$tmp/a.log" | python3 -c 'import json,sys; print(json.load(sys.stdin)["headers"]["x-api-key"])')" = "$BX_NET_TEST_TOKEN" ]
ok "the guest cannot override the secret header" $?
fetch "{\"url\":\"$A/echo\"}" --allow-host "$A" "${LIFT[@]}" --secret-header "127.0.0.1:$PA:X-Api-Key=env:BX_NET_TEST_TOKEN"
j '"x-api-key" not in json.loads(c)["headers"]'; ok "a bare-host secret is https-only: not sent over http" $?
fetch "{\"url\":\"$A/echo\"}" --allow-host "$A" "${LIFT[@]}" --secret-header "$A:X-Api-Key=env:BX_NET_UNSET_VAR_XYZ"
[ "$rc" -eq 2 ] && grep -q BX_NET_UNSET_VAR_XYZ "$tmp/err"; ok "secret from an unset variable: usage error naming it" $?
fetch "{\"url\":\"$A/redirect?to=$A/echo?leak=$BX_NET_TEST_TOKEN\"}" --allow-host "$A" "${LIFT[@]}" \
    --secret-header "$A:X-Api-Key=env:BX_NET_TEST_TOKEN" --audit "$tmp/audit.log"
j 'not r["is_error"] and "[REDACTED]" in m["final_url"] and __import__("os").environ["BX_NET_TEST_TOKEN"] not in m["final_url"] + c'
ok "a secret reflected into a redirect URL is redacted from final_url" $?
! grep -q "$BX_NET_TEST_TOKEN" "$tmp/audit.log"; ok "secret never in the audit log" $?
grep -q '"event":"http"' "$tmp/audit.log" && grep -q '"decision":"allow"' "$tmp/audit.log" && grep -q 'X-Api-Key' "$tmp/audit.log"
ok "audit log has the decisions and names the secret header (not its value)" $?
fetch "{\"url\":\"$A/redirect?to=http://10.0.0.1/\"}" --allow-host "http://*:*" "${LIFT[@]}" --audit "$tmp/audit2.log"
grep -q '"decision":"deny"' "$tmp/audit2.log" && grep -q 'block_networks' "$tmp/audit2.log"; ok "audit log records the refusal and its rule" $?

# ---- block_url ---------------------------------------------------------------------
fetch "{\"url\":\"$A/%61dmin/x\"}" --allow-host "$A" "${LIFT[@]}" --block-url "$A/admin"
j 'r["is_error"] and "--block-url" in c'; ok "block_url prefix, escaped spelling: refused" $?
fetch "{\"url\":\"$A/redirect?to=/admin\"}" --allow-host "$A" "${LIFT[@]}" --block-url "$A/admin"
j 'r["is_error"] and "--block-url" in c and "after 1 redirect" in c'; ok "block_url on a redirect hop: refused" $?

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
