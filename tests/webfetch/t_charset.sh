#!/usr/bin/env bash
# tests/webfetch/t_charset.sh — web-fetch's multi-byte legacy encodings
# (Shift_JIS, EUC-JP, ISO-2022-JP, EUC-KR, gb18030, GBK, Big5), converted to
# UTF-8 by the WHATWG Encoding Standard's decoders.
#
#  - the decoder compiled for the host (test_charset), driven by
#    charset_ref.py: every code point Python's codec encodes, decoded back
#    (round trips, with the standard's documented differences from Python
#    listed by hand), invalid sequences whose U+FFFD placement is written by
#    hand from the standard, every label;
#  - pages served by the net tests' local server (tests/net/server.py) and
#    fetched by the web-fetch tool itself, each encoding declared by the
#    Content-Type header, by <meta charset> and by <meta http-equiv>: the
#    text must be Python's decoding of the same bytes (checked directly and
#    by tests/webfetch/ref.py), and pages with invalid sequences must show
#    U+FFFD where the standard puts it (expectations written here by hand).
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
BX=$BUILD/boxagnts
WF=$BUILD/tools/web-fetch/tool.wasm
TC=${TEST_CHARSET:-$BUILD/tests/webfetch/test_charset}
tmp=$(mktemp -d)
pass=0 fail=0 skip=0
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

ok() {   # NAME STATUS [DETAIL-FILE]
    if [ "$2" -eq 0 ]; then pass=$((pass + 1)); echo "ok $1"
    else fail=$((fail + 1)); echo "FAIL $1"; [ -n "${3:-}" ] && sed 's/^/    /' "$3" | head -20
        [ -s "$tmp/err" ] && sed 's/^/    err: /' "$tmp/err" | head -5; fi
}
skipped() { skip=$((skip + 1)); echo "skip $1"; }

# ---- the decoders on the host -------------------------------------------------------------
if [ -x "$TC" ]; then
    python3 tests/webfetch/charset_ref.py "$TC" >"$tmp/ref.out" 2>&1
    rc=$?
    cat "$tmp/ref.out" | grep -v ' passed, '
    p=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$tmp/ref.out")
    f=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$tmp/ref.out")
    pass=$((pass + ${p:-0})); fail=$((fail + ${f:-1}))
    [ $rc -ne 0 ] && [ "${f:-0}" -eq 0 ] && { fail=$((fail + 1)); echo "FAIL charset_ref.py exited $rc"; }
else
    skipped "$TC not built (make tests)"
fi

# ---- pages through the web-fetch tool ----------------------------------------------------------
mkdir -p "$tmp/docs"
BX_DOC_DIR="$tmp/docs" python3 tests/net/server.py "$tmp/port" "$tmp/log" 2>>"$tmp/server.err" &
pid=$!
for _ in $(seq 200); do [ -s "$tmp/port" ] && break; sleep 0.05; done
P=$(cat "$tmp/port")
A=http://127.0.0.1:$P

# fetch NAME CTYPE: the page $tmp/docs/NAME through web-fetch, result in $tmp/out
fetch() {
    local ct
    ct=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$2")
    printf '{"url":"%s/doc?name=%s&ct=%s","max_chars":1000000}' "$A" "$1" "$ct" >"$tmp/in.json"
    "$BX" run --allow-host "$A" --allow-network 127.0.0.1 --stdin-file "$tmp/in.json" "$WF" >"$tmp/out" 2>"$tmp/err"
}
# j EXPR: a Python expression over r (the result), c (content), m (metadata), T (the text)
j() { python3 -c 'import json,os,sys; r=json.load(open(sys.argv[1])); m=r.get("metadata") or {}; c=r["content"]; T=os.environ.get("T", ""); sys.exit(0 if eval(sys.argv[2]) else 1)' "$tmp/out" "$1" 2>"$tmp/j.err"; }

# page NAME PYCODEC HOW LABEL TEXT: the text in a small page, encoded by
# Python, the label declared HOW (header, meta, http-equiv); prints the
# Content-Type to serve.
page() {
    python3 - "$tmp/docs/$1" "$2" "$3" "$4" "$5" <<'PY'
import sys
path, codec, how, label, text = sys.argv[1:6]
head = {"meta": '<meta charset="%s">' % label,
        "http-equiv": '<meta http-equiv="Content-Type" content="text/html; charset=%s">' % label}.get(how, "")
body = ("<html><head>%s<title>%s</title></head><body><h1>%s</h1><p><b>%s</b> and <i>%s</i></p>"
        "<ul><li>%s</li></ul><p>%s, once more in a paragraph of its own.</p></body></html>") % (
    head, text, text, text, text, text, text)
open(path, "wb").write(body.encode(codec))
print("text/html; charset=%s" % label if how == "header" else "text/html")
PY
}

# case LABEL CANONICAL PYCODEC TEXT: the three declarations of one encoding
case_enc() {
    local how name ct
    for how in header meta http-equiv; do
        name="mb_${1}_${how}.html"
        ct=$(page "$name" "$3" "$how" "$1" "$4")
        fetch "$name" "$ct"
        T="$4" j 'not r["is_error"] and m.get("charset") == "'"$2"'" and "charset_note" not in m and m["title"] == T and ("# " + T) in c.split("\n") and "**%s** and *%s*" % (T, T) in c and ("- " + T) in c.split("\n") and "\ufffd" not in c'
        ok "$1 declared by $how: read as $2, title, heading, emphasis and list item are the text" $? "$tmp/j.err"
        python3 tests/webfetch/ref.py "$tmp/docs/$name" "$tmp/out" - "$1" >"$tmp/ref" 2>&1
        ok "$1 declared by $how: ref.py (Python's $3 decoding of the same bytes): $(head -1 "$tmp/ref" | cut -c1-90)" $? "$tmp/ref"
    done
}
case_enc shift_jis shift_jis cp932 'いろはにほへと ちりぬるを、日本語のページ。ｶﾀｶﾅ ①②'
case_enc euc-jp euc-jp euc_jp 'いろはにほへと 日本語のページ。ｶﾀｶﾅ、補助漢字の丂とß'
case_enc iso-2022-jp iso-2022-jp iso2022_jp 'いろはにほへと 日本語のページ。値段は¥100'
case_enc euc-kr euc-kr cp949 '다람쥐 헌 쳇바퀴에 타고파, 한국어 페이지 똠방각하'
case_enc gb18030 gb18030 gb18030 '我能吞下玻璃而不伤身体。中文网页 € ß 😀'
case_enc gbk gbk gbk '我能吞下玻璃而不伤身体，简体中文网页'
case_enc gb2312 gbk gb2312 '我能吞下玻璃而不伤身体，简体中文网页'
case_enc big5 big5 big5hkscs '中文網頁，繁體字測試。香港增補字符集 𡃁'
case_enc windows-31j shift_jis cp932 'ウィンドウズの別名'
case_enc ks_c_5601-1987 euc-kr cp949 '한국어 별칭'

# Invalid sequences inside pages: U+FFFD where the standard's decoder puts it,
# and an ASCII byte after a bad lead read again (so the markup after it
# survives).  Each page is served three ways (charset in the header, in
# <meta charset>, in <meta http-equiv>); each paragraph's expected text is
# written by hand.
bad_page() {   # NAME LABEL PYTHON-BYTES-EXPR PYTHON-LIST-OF-PARAGRAPHS WHAT
    local how ct
    for how in header meta http-equiv; do
        ct=$(python3 -c '
import sys
path, label, how, expr = sys.argv[1:5]
meta = {"meta": b"<meta charset=%s>" % label.encode(),
        "http-equiv": b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=%s\">" % label.encode()}.get(how, b"")
data = eval(expr).replace(b"<html>", b"<html><head>" + meta + b"</head>", 1)
open(path, "wb").write(data)
print("text/html; charset=" + label if how == "header" else "text/html")' "$tmp/docs/$how-$1" "$2" "$how" "$3")
        fetch "$how-$1" "$ct"
        j 'not r["is_error"] and m["charset"] == "'"$2"'" and all(p in c.split("\n") for p in '"$4"')'
        st=$?
        ok "$2 invalid, declared by $how: $5" $st "$tmp/j.err"
        [ $st -eq 0 ] || sed 's/^/    content: /' <(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["content"][:400])' "$tmp/out") | head -8
    done
}
bad_page bad_sjis.html shift_jis \
    'b"<html><body><p>A\x82</p><p>B\x82 x</p><p>C\x85\x40</p><p>D\xa0\xfd</p><p>E\x81\x7fF</p><p>end\x82"' \
    '["A\ufffd", "B\ufffd x", "C\ufffd@", "D\ufffd\ufffd", "E\ufffd\x7fF", "end\ufffd"]' \
    'a lead before markup, a space, an unmapped pointer, bad single bytes, 0x7F as trail, a truncated character at the end'
bad_page bad_eucjp.html euc-jp \
    'b"<html><body><p>A\xa4</p><p>\x8f\xa2\xb7</p><p>B\x8e\xe0C</p><p>D\x8f\xa1\xa1E</p><p>end\x8f\xb0"' \
    '["A\ufffd", "\uff5e", "B\ufffdC", "D\ufffdE", "end\ufffd"]' \
    'a lead before markup, jis0212 0xA2B7 (U+FF5E), 0x8E with a bad katakana byte, an unmapped jis0212 pointer, a cut three-byte character'
bad_page bad_iso2022jp.html iso-2022-jp \
    'b"<html><body><p>A\x1b$B\x30\x21\x1b(B</p><p>B\x1b$B\x1b(BC</p><p>D\x1b$XE</p><p>F\x1b$B\x30\x1b(BG</p><p>H\x1b(J\\\x1b(B</p><p>I\x0eJ</p><p>end\x1b$B\x30"' \
    '["A\u4e9c", "B\ufffdC", "D\ufffd$XE", "F\ufffdG", "H\u00a5", "I\ufffdJ", "end\ufffd"]' \
    'escape misuse: an empty jis0208 run, an unknown escape, ESC inside a character, JIS Roman, a shift byte, a cut character at the end'
bad_page bad_euckr.html euc-kr \
    'b"<html><body><p>A\xb0</p><p>B\xc9\xa1C</p><p>D\xb0\xffE</p><p>end\xb0"' \
    '["A\ufffd", "B\ufffdC", "D\ufffdE", "end\ufffd"]' \
    'a lead before markup, the user-defined area, 0xFF as trail, a truncated character at the end'
bad_page bad_gb18030.html gb18030 \
    'b"<html><body><p>A\x81\x30\x81</p><p>B\x84\x31\xa5\x30C</p><p>D\x81\x30E</p><p>\x80 \x81\x35\xf4\x37</p><p>end\x81\x30"' \
    '["A\ufffd0\ufffd", "B\ufffdC", "D\ufffd0E", "\u20ac \ue7c7", "end\ufffd"]' \
    'three of four bytes before markup (second and third read again), a pointer past the ranges, a four-byte start then ASCII, 0x80 and pointer 7457, a cut sequence at the end'
bad_page bad_big5.html big5 \
    'b"<html><body><p>A\xa1</p><p>\x88\x62\x88\xa5</p><p>B\xa1\x80C</p><p>D\x87\x3f</p><p>end\xa1"' \
    '["A\ufffd", "\u00ca\u0304\u00ea\u030c", "B\ufffdC", "D\ufffd?", "end\ufffd"]' \
    'a lead before markup, the two-code-point pointers, 0x80 as trail, an unmapped HKSCS pointer, a truncated character at the end'

# The header wins over <meta>, and a BOM over both, for these encodings too.
python3 -c 'import sys; open(sys.argv[1],"wb").write("<html><head><meta charset=\"big5\"></head><body><p>日本語のページ</p></body></html>".encode("cp932"))' "$tmp/docs/lie_mb.html"
fetch lie_mb.html "text/html; charset=shift_jis"
j 'm["charset"] == "shift_jis" and "日本語のページ" in c'; ok "shift_jis in the header wins over a <meta> saying big5" $?
python3 -c 'import sys; open(sys.argv[1],"wb").write(b"\xef\xbb\xbf" + "<html><body><p>UTF-8 after a BOM: 日本語</p></body></html>".encode("utf-8"))' "$tmp/docs/bom_mb.html"
fetch bom_mb.html "text/html; charset=euc-jp"
j 'm["charset"] == "utf-8" and "UTF-8 after a BOM: 日本語" in c'; ok "a UTF-8 BOM wins over an euc-jp header" $?
# text/plain is converted too
python3 -c 'import sys; open(sys.argv[1],"wb").write("平文のテキスト\n".encode("euc_jp"))' "$tmp/docs/plain_eucjp.txt"
fetch plain_eucjp.txt "text/plain; charset=EUC-JP"
j 'c == "平文のテキスト\n" and m["charset"] == "euc-jp"'; ok "text/plain in EUC-JP converted" $?
# a large page: every jis0208 character Python's cp932 encodes, 50 times over (about 1.5 MB)
python3 - "$tmp/docs/big_sjis.html" <<'PY'
import sys
chars = []
for c in range(0x3000, 0xA000):
    try:
        b = chr(c).encode("cp932")
    except UnicodeEncodeError:
        continue
    if len(b) == 2 and b.decode("cp932") == chr(c):
        chars.append(chr(c))
line = "".join(chars)
open(sys.argv[1], "wb").write(("<html><body>" + "".join("<p>%d %s</p>\n" % (i, line) for i in range(50)) + "</body></html>").encode("cp932"))
open(sys.argv[1] + ".want", "w").write(line)
PY
printf '{"url":"%s/doc?name=big_sjis.html&ct=text/html;%%20charset=shift_jis","max_chars":4000000,"max_response_bytes":16000000}' "$A" >"$tmp/in.json"
"$BX" run --allow-host "$A" --allow-network 127.0.0.1 --stdin-file "$tmp/in.json" "$WF" >"$tmp/out" 2>"$tmp/err"
W=$(cat "$tmp/docs/big_sjis.html.want") j 'not r["is_error"] and all(("%d %s" % (i, os.environ["W"])) in c.split("\n") for i in range(50))'
ok "a 1.5 MB Shift_JIS page: all 50 lines of $(wc -m <"$tmp/docs/big_sjis.html.want") characters converted" $? "$tmp/j.err"

# ---- the same pages through the host build of the page reader (build-asan/: under ASan and
# UBSan): each detected from its <meta> (or as undeclared), converted, valid UTF-8, within the cap.
TH=${TEST_HTML:-$BUILD/tests/webfetch/test_html}
if [ -x "$TH" ]; then
    "$TH" "$tmp"/docs/*.html >"$tmp/th.out" 2>&1
    th_rc=$?
    tp=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$tmp/th.out")
    [ $th_rc -eq 0 ] && [ "${tp:-0}" -gt 30 ]
    ok "$TH: every page above converted in both modes, valid UTF-8, within the cap (${tp:-0} files)" $? "$tmp/th.out"
else
    skipped "$TH not built (make tests)"
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
