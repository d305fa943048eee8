#!/usr/bin/env bash
# tests/filetools/t_file_tools.sh — file-read, file-write, file-edit and
# file-glob through `boxagnts call`: normal cases, every documented error,
# large files (10 MiB, paged), CRLF and UTF-8, and sandbox denials (paths
# outside /workspace, `..`, host paths, symlinks out, read-only grants).
#
# Expected values come from the fixture files themselves (awk, sed, wc,
# cmp, python3 on the bytes) or are literal; the result JSON is parsed with
# python3's json module.  Last line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
BX=$BUILD/boxagnts
# The system python3 starts ~10x faster than a pyenv shim; the suite runs it ~200 times.
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
PASS=0 FAIL=0 SKIP=0

T=$(mktemp -d "${TMPDIR:-/tmp}/filetools.XXXXXX")
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
WS=$T/ws
mkdir -p "$WS"

ok()   { PASS=$((PASS + 1)); echo "ok: $1"; }
bad()  { FAIL=$((FAIL + 1)); echo "FAIL: $1"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }

# call TOOL JSON [ro]  -> $T/out (result JSON), $RC, and (parsed once by
# python3's json module) $T/content (the content's bytes) and $T/fields
# (one "key=value" line per top-level and metadata field).  "ro" grants the
# workspace read-only, whatever the tool's manifest needs.
call() {
    local tool=$1 json=$2 mode=${3:-}
    local caps=()
    [ "$mode" = ro ] && caps=(--cap read:/workspace)
    RC=0
    "$BX" call "$tool" --workspace "$WS" "${caps[@]}" "$json" >"$T/out" 2>"$T/err" || RC=$?
    parse
}
parse() {
    "$PY" - "$T/out" "$T/content" "$T/fields" <<'EOF'
import json, sys
try:
    r = json.load(open(sys.argv[1], encoding='utf-8'))
except Exception as e:
    r = {"content": "", "is_error": "UNPARSABLE", "metadata": None}
open(sys.argv[2], 'wb').write(str(r.get("content", "")).encode('utf-8'))
with open(sys.argv[3], 'w', encoding='utf-8') as f:
    f.write("is_error=%s\n" % (r.get("is_error"),))
    for k, v in (r.get("metadata") or {}).items():
        f.write("metadata.%s=%s\n" % (k, v))
EOF
}

# A JSON object from key=value (string), key:=JSON (raw) and key@=FILE
# (the file's bytes as a string; they must be UTF-8).
mk() {
    "$PY" - "$@" <<'EOF'
import json, sys
o = {}
for a in sys.argv[1:]:
    k, v = a.split('=', 1)
    if k.endswith(':'):
        o[k[:-1]] = json.loads(v)
    elif k.endswith('@'):
        o[k[:-1]] = open(v, 'rb').read().decode('utf-8')
    else:
        o[k] = v
print(json.dumps(o))
EOF
}

# j KEY: a field of the last result, e.g. j is_error, j metadata.total_lines
# (Python's str of it: True/False/None, numbers, strings); None if absent.
j() { local v; v=$(grep -m1 "^$1=" "$T/fields") && echo "${v#*=}" || echo None; }
content_to() { cp "$T/content" "$1"; }
is_error() { [ "$(j is_error)" = True ]; }
not_error() { [ "$RC" -eq 0 ] && [ "$(j is_error)" = False ]; }
has() { grep -qF -- "$1" "$T/out"; }
hasi() { grep -qiF -- "$1" "$T/out"; }
eq() { [ "$1" = "$2" ] || { echo "   expected [$2], got [$1]"; return 1; }; }
# numbered FILE [FROM [TO]]: file-read's expected lines, by awk (CR dropped)
numbered() {
    awk -v a="${2:-1}" -v b="${3:-999999999}" 'NR>=a && NR<=b { sub(/\r$/, ""); printf "%d\t%s\n", NR, $0 }' "$1"
}
# no_temp DIR: no file-write/file-edit temporary file left in DIR
no_temp() { [ -z "$(find "$1" -maxdepth 1 -name '*.boxagnts-tmp-*' -print -quit)" ]; }

if [ ! -x "$BX" ] || ! "$BX" call --help >/dev/null 2>&1; then
    echo "boxagnts call is not available ($BX)"; echo "0 passed, 1 failed"; exit 1
fi

# =========================================================== file-read ====
printf 'alpha\nbeta\n\tgamma with tab\n\ndelta\n' >"$WS/small.txt"
call file-read '{"file_path":"/workspace/small.txt"}'
check "read: ran" not_error
content_to "$T/c"; numbered "$WS/small.txt" >"$T/e"
check "read: numbered lines equal awk's numbering of the file" cmp -s "$T/c" "$T/e"
check "read: total_lines = wc -l" eq "$(j metadata.total_lines)" "$(wc -l <"$WS/small.txt")"
check "read: lines_returned" eq "$(j metadata.lines_returned)" 5
check "read: not truncated, next_offset null" eq "$(j metadata.truncated)/$(j metadata.next_offset)" "False/None"

call file-read '{"file_path":"small.txt"}'
content_to "$T/c2"
check "read: a relative path is under /workspace" cmp -s "$T/c2" "$T/e"

call file-read '{"file_path":"small.txt","offset":2,"limit":2}'
content_to "$T/c"
check "read: offset/limit page starts with lines 2-3" eq "$(head -n 2 "$T/c")" "$(numbered "$WS/small.txt" 2 3)"
check "read: trailer names the next offset (4) and the 2 remaining lines" \
    grep -q 'Showing lines 2-3 of 5; 2 more lines.*offset=4' "$T/c"
check "read: metadata next_offset 4, truncated" eq "$(j metadata.next_offset)/$(j metadata.truncated)" "4/True"

printf 'one\ntwo\nthree' >"$WS/nonl.txt"
call file-read '{"file_path":"nonl.txt"}'
content_to "$T/c"
check "read: last line without newline is shown" eq "$(cat "$T/c")" "$(printf '1\tone\n2\ttwo\n3\tthree')"
check "read: total_lines counts it" eq "$(j metadata.total_lines)" 3

seq 1 5000 | sed 's/^/row /' >"$WS/5000.txt"
call file-read '{"file_path":"5000.txt"}'
content_to "$T/c"
check "read: default page is 2000 lines" eq "$(j metadata.lines_returned)" 2000
check "read: default page equals lines 1-2000" eq "$(grep -P '^\d+\t' "$T/c")" "$(numbered "$WS/5000.txt" 1 2000)"
check "read: trailer: 3000 more, offset=2001" grep -q '3000 more lines. To continue, call file-read with offset=2001' "$T/c"
call file-read '{"file_path":"5000.txt","offset":5000}'
content_to "$T/c"
check "read: last line alone, no trailer" eq "$(cat "$T/c")" "$(printf '5000\trow 5000')"

call file-read '{"file_path":"5000.txt","offset":5001}'
check "read: offset past end is an error" is_error
check "read: offset error names the line count" has "it has 5000 lines"
call file-read '{"file_path":"small.txt","offset":-1}'
check "read: negative offset is an error" is_error
call file-read '{"file_path":"small.txt","limit":0}'
check "read: limit 0 is an error" is_error

: >"$WS/empty.txt"
call file-read '{"file_path":"empty.txt"}'
check "read: empty file is not an error" not_error
check "read: empty file says so" has "is empty"
check "read: empty file metadata" eq "$(j metadata.empty)/$(j metadata.total_lines)" "True/0"

head -c 3000 /dev/urandom >"$WS/blob.bin"; printf '\0\0\0' >>"$WS/blob.bin"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >"$WS/img.png"
call file-read '{"file_path":"blob.bin"}'
check "read: random bytes are refused as binary" is_error
check "read: binary message says binary" has "binary"
check "read: binary metadata has the size" eq "$(j metadata.bytes)" "$(wc -c <"$WS/blob.bin")"
call file-read '{"file_path":"img.png"}'
check "read: a PNG header is binary" has "binary"

mkdir -p "$WS/adir"
call file-read '{"file_path":"adir"}'
check "read: a directory is an error" is_error
check "read: ...that says directory" has "is a directory"
call file-read '{"file_path":"missing.txt"}'
check "read: missing file is an error" is_error
check "read: ...that says not found" hasi "not found"

# long lines: 2500 ASCII + 10 two-byte characters; and a cut inside UTF-8
"$PY" -c 'import sys; sys.stdout.buffer.write(("x"*2500 + "é"*10 + "\nshort\n" + "a"*1500 + "é"*1000 + "\n").encode())' >"$WS/long.txt"
call file-read '{"file_path":"long.txt"}'
content_to "$T/c"
check "read: long line cut to its first 2000 characters, with a marker" "$PY" - "$WS/long.txt" "$T/c" <<'EOF'
import sys
src = open(sys.argv[1], encoding='utf-8').read().split('\n')
out = open(sys.argv[2], encoding='utf-8').read().split('\n')
m = "line cut: 2000 of %d characters shown"
ok = out[0] == "1\t" + src[0][:2000] + " [... " + m % len(src[0]) + "]"
ok &= out[1] == "2\tshort"
ok &= out[2] == "3\t" + src[2][:2000] + " [... " + m % len(src[2]) + "]"
sys.exit(0 if ok else 1)
EOF
check "read: lines_cut = 2" eq "$(j metadata.lines_cut)" 2

# UTF-8 text
printf 'Ελληνικά κείμενο\n中文文本\nemoji 😀 ok\nÜmlaut ß\n' >"$WS/utf8.txt"
call file-read '{"file_path":"utf8.txt"}'
content_to "$T/c"
check "read: UTF-8 lines byte-exact" cmp -s "$T/c" <(numbered "$WS/utf8.txt")
# invalid UTF-8 in an otherwise text file: the result must still be JSON
printf 'latin1 caf\xe9 here\nfine\n' >"$WS/latin1.txt"
call file-read '{"file_path":"latin1.txt"}'
check "read: invalid UTF-8 gives valid JSON with U+FFFD" "$PY" -c '
import json,sys; c=json.load(open(sys.argv[1],encoding="utf-8"))["content"]
sys.exit(0 if c.startswith("1\tlatin1 caf\ufffd here\n2\tfine") else 1)' "$T/out"

# CRLF
printf 'first\r\nsecond line\r\nthird\r\n' >"$WS/crlf.txt"
call file-read '{"file_path":"crlf.txt"}'
content_to "$T/c"
check "read: CRLF lines shown without \\r" eq "$(head -n 3 "$T/c")" "$(numbered "$WS/crlf.txt")"
check "read: CRLF noted in metadata" eq "$(j metadata.line_endings)" crlf
check "read: CRLF noted in the text" has "CRLF"

# 10 MiB, short lines: sample pages checked against sed
awk 'BEGIN { for (i = 1; i <= 760000; i++) printf "L%d %s\n", i, substr("abcdefghij", 1, i % 11) }' >"$WS/big.txt"
size=$(wc -c <"$WS/big.txt"); total=$(wc -l <"$WS/big.txt")
check "read: fixture is at least 10 MiB" test "$size" -ge $((10 << 20))
for off in 1 454321 $((total - 1500)); do
    call file-read "{\"file_path\":\"big.txt\",\"offset\":$off}"
    content_to "$T/c"
    last=$((off + 1999 < total ? off + 1999 : total))
    check "read: 10 MiB page at $off equals sed -n ${off},${last}p" \
        eq "$(grep -P '^\d+\t' "$T/c")" "$(sed -n "${off},${last}p" "$WS/big.txt" | awk -v o="$off" '{ printf "%d\t%s\n", o + NR - 1, $0 }')"
    check "read: 10 MiB page at $off: total_lines" eq "$(j metadata.total_lines)" "$total"
    if [ "$last" -lt "$total" ]; then
        check "read: 10 MiB page at $off: continue at $((last + 1))" \
            grep -qF "$((total - last)) more lines. To continue, call file-read with offset=$((last + 1)).]" "$T/c"
    else
        check "read: 10 MiB last page has no trailer" eq "$(j metadata.next_offset)" None
    fi
done

# 10 MiB of long lines (up to 1500 characters): pages stop at the output
# budget; following next_offset to the end must reproduce the whole file.
awk 'BEGIN { s = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"; while (length(s) < 1500) s = s s;
             n = 0; for (i = 1; n < 10485760; i++) { l = (i * 7919) % 1500; printf "%d:%s\n", i, substr(s, 1, l); n += l + 8 } }' >"$WS/wide.txt"
: >"$T/all"
off=1 pages=0 cont=1
while [ $pages -lt 200 ]; do
    call file-read "{\"file_path\":\"wide.txt\",\"offset\":$off}"
    pages=$((pages + 1))
    content_to "$T/c"
    grep -P '^\d+\t' "$T/c" >>"$T/all"
    first=$(grep -m1 -oP '^\d+(?=\t)' "$T/c")
    [ "$first" = "$off" ] || cont=0
    next=$(j metadata.next_offset)
    [ "$next" = None ] && break
    grep -qF "call file-read with offset=$next.]" "$T/c" || cont=0
    off=$next
done
check "read: wide 10 MiB file needs several pages ($pages)" test "$pages" -gt 5
check "read: each page starts at the offset the previous one named" test $cont -eq 1
check "read: all pages together equal the numbered file" cmp -s "$T/all" <(numbered "$WS/wide.txt")

# ========================================================== file-write ====
printf 'new file\nsecond line\n' >"$T/exp1"
call file-write "$(mk file_path=/workspace/out/deep/new.txt content@="$T/exp1")"
check "write: created" not_error
check "write: parents created and bytes exact" cmp -s "$WS/out/deep/new.txt" "$T/exp1"
check "write: metadata created/bytes/lines" \
    eq "$(j metadata.created)/$(j metadata.bytes)/$(j metadata.lines)" "True/$(wc -c <"$T/exp1")/2"
check "write: says Created" has "Created /workspace/out/deep/new.txt"
check "write: no temporary file left" no_temp "$WS/out/deep"

printf 'replaced\n' >"$T/exp2"
call file-write "$(mk file_path=out/deep/new.txt content@="$T/exp2")"
check "write: overwrite reported" eq "$(j metadata.created)" False
check "write: says Overwrote" has "Overwrote"
check "write: content replaced" cmp -s "$WS/out/deep/new.txt" "$T/exp2"
check "write: only the file in its directory" eq "$(ls -A "$WS/out/deep")" "new.txt"

printf 'Zeile eins: äöü\r\n第二行\r\n😀\r\n' >"$T/exp3"
call file-write "$(mk file_path=u.txt content@="$T/exp3")"
check "write: UTF-8 + CRLF byte-exact" cmp -s "$WS/u.txt" "$T/exp3"
check "write: lines of CRLF text" eq "$(j metadata.lines)" 3

call file-write '{"file_path":"zero.txt","content":""}'
check "write: empty content makes an empty file" eq "$(wc -c <"$WS/zero.txt")/$(j metadata.lines)" "0/0"

call file-write '{"file_path":"adir","content":"x"}'
check "write: onto a directory is an error" is_error
check "write: ...and the directory stays" test -d "$WS/adir"
call file-write '{"file_path":"small.txt/sub.txt","content":"x"}'
check "write: under a file is an error" is_error
check "write: ...and the file stays" cmp -s "$WS/small.txt" <(printf 'alpha\nbeta\n\tgamma with tab\n\ndelta\n')

# sandbox denials
echo "outside secret" >"$T/outside.txt"; cp "$T/outside.txt" "$T/outside.orig"
call file-write '{"file_path":"/etc/boxagnts-test","content":"x"}'
check "write: /etc is refused" is_error
check "write: ...naming the grant needed" has "--cap write:/etc=/host/dir"
check "write: ...and nothing appears on the host" test ! -e /etc/boxagnts-test
call file-write "$(mk file_path="$T/outside.txt" content=pwned)"
check "write: an absolute host path is refused" is_error
check "write: ...and the host file is untouched" cmp -s "$T/outside.txt" "$T/outside.orig"
call file-write '{"file_path":"../escape.txt","content":"x"}'
check "write: ../ escape refused" is_error
check "write: ...nothing written beside the workspace" test ! -e "$T/escape.txt"
call file-write '{"file_path":"/workspace/../../escape2.txt","content":"x"}'
check "write: /workspace/../.. refused" is_error
check "write: ...nothing written above" test ! -e "$(dirname "$T")/escape2.txt"
ln -s ../outside.txt "$WS/rel-out"
ln -s "$T/outside.txt" "$WS/abs-out"
call file-write '{"file_path":"rel-out","content":"pwned"}'
check "write: relative symlink out refused" is_error
check "write: ...message mentions the link" has "symbolic link"
call file-write '{"file_path":"abs-out","content":"pwned"}'
check "write: absolute symlink out refused" is_error
check "write: outside file untouched after both" cmp -s "$T/outside.txt" "$T/outside.orig"
check "write: the links are still links" test -L "$WS/rel-out" -a -L "$WS/abs-out"
ln -s small.txt "$WS/in-link"; cp "$WS/small.txt" "$T/small.orig"
printf 'through the link\n' >"$T/exp4"
call file-write "$(mk file_path=in-link content@="$T/exp4")"
check "write: a symlink inside the workspace is written through" cmp -s "$WS/small.txt" "$T/exp4"
check "write: ...and stays a link" test -L "$WS/in-link"
cp "$T/small.orig" "$WS/small.txt"

# A directory link inside the workspace that leads out: nothing may be
# created or read through it.
mkdir -p "$T/outdir2"; echo "outside dir file" >"$T/outdir2/old.txt"
ln -s ../outdir2 "$WS/dirlink"
call file-write '{"file_path":"dirlink/new.txt","content":"x"}'
check "write: through a directory link out is refused" is_error
check "write: ...nothing created outside" test ! -e "$T/outdir2/new.txt"
call file-write '{"file_path":"dirlink/old.txt","content":"x"}'
check "write: overwrite through a directory link out is refused" is_error
check "write: ...outside file untouched" eq "$(cat "$T/outdir2/old.txt")" "outside dir file"
call file-read '{"file_path":"dirlink/old.txt"}'
check "read: through a directory link out is refused" is_error
check "read: ...and shows nothing of it" bash -c '! grep -q "outside dir file" "$0"' "$T/out"

cp "$WS/utf8.txt" "$T/utf8.orig"
call file-write '{"file_path":"utf8.txt","content":"x"}' ro
check "write: read-only grant refused" is_error
check "write: ...message says read-only and the grant" has "grant write:/workspace to allow it"
check "write: ...file byte-identical" cmp -s "$WS/utf8.txt" "$T/utf8.orig"
check "write: ...no temporary file" no_temp "$WS"
call file-write '{"file_path":"ro-new/x.txt","content":"x"}' ro
check "write: new file under a read-only grant refused" is_error
check "write: ...nothing created" test ! -e "$WS/ro-new"

# A \u0000 in content: cJSON strings end at a NUL, so the tool must refuse
# rather than write a cut-short file.  First the module alone (run), then
# through call, whose host side re-serialises the input.
printf 'keep me\n' >"$WS/nul.txt"; cp "$WS/nul.txt" "$T/nul.orig"
printf '{"file_path":"nul.txt","content":"a\\u0000b"}' >"$T/nul.json"
"$BX" run --cap "write:/workspace=$WS" --stdin-file "$T/nul.json" "$BUILD/tools/file-write/tool.wasm" >"$T/out" 2>"$T/err"; parse
check "write: the module refuses a \\u0000 in content" is_error
check "write: ...and leaves the file as it was" cmp -s "$WS/nul.txt" "$T/nul.orig"
call file-write "$(cat "$T/nul.json")"
check "write: call refuses a \\u0000 in content" is_error
check "write: call leaves the file as it was" cmp -s "$WS/nul.txt" "$T/nul.orig"

# Killed mid-way (fuel): bisect the fuel limit down to the instruction
# where the outcome flips from "old file" to "new file"; at every probe the
# target must be the old or the new content, never a mix or a truncation.
"$PY" -c 'print("old content " * 1000)' >"$T/atomic.old"
"$PY" -c 'import sys; sys.stdout.write("".join("new line %d\n" % i for i in range(100000)))' >"$T/atomic.new"
mk file_path=atomic.txt content@="$T/atomic.new" >"$T/atomic.json"
mixed=0 probes=0 lo=1000 hi=2000000000 leftover=0
probe() {   # probe FUEL -> 0 new, 1 old, 2 mixed
    cp "$T/atomic.old" "$WS/atomic.txt"
    find "$WS" -maxdepth 1 -name '.atomic.txt.boxagnts-tmp-*' -delete
    "$BX" call file-write --workspace "$WS" --fuel "$1" - <"$T/atomic.json" >"$T/out" 2>/dev/null
    parse
    probes=$((probes + 1))
    if cmp -s "$WS/atomic.txt" "$T/atomic.new"; then return 0; fi
    if cmp -s "$WS/atomic.txt" "$T/atomic.old"; then return 1; fi
    mixed=$((mixed + 1)); return 2
}
probe $lo; r_lo=$?
probe $hi; r_hi=$?
check "write: fuel bounds: $lo stops it, $hi completes it" test $r_lo -eq 1 -a $r_hi -eq 0
while [ $((hi - lo)) -gt 1 ] && [ $probes -lt 64 ]; do
    mid=$(((lo + hi) / 2))
    probe $mid; r=$?
    if [ $r -eq 0 ]; then hi=$mid; else lo=$mid; fi
done
check "write: the flip is found to one instruction (old at fuel $lo, new at $hi)" test $((hi - lo)) -eq 1
check "write: $probes fuel limits, the file was never mixed or truncated" test $mixed -eq 0
probe $lo
leftover=$(find "$WS" -maxdepth 1 -name '.atomic.txt.boxagnts-tmp-*' | wc -l)
echo "   note: at fuel $lo (the most that still stops it) $leftover temporary file(s) remain"
# A leftover older than 10 minutes is removed by the next write of that
# file; a recent one (another writer may own it) stays.
touch -d '-1 hour' "$WS/.atomic.txt.boxagnts-tmp-0000stale0"
touch "$WS/.atomic.txt.boxagnts-tmp-0000fresh0"
call file-write '{"file_path":"atomic.txt","content":"final\n"}'
check "write: a stale temporary file is cleaned by the next write" test ! -e "$WS/.atomic.txt.boxagnts-tmp-0000stale0"
check "write: a fresh one is left alone" test -e "$WS/.atomic.txt.boxagnts-tmp-0000fresh0"
find "$WS" -maxdepth 1 -name '.atomic.txt.boxagnts-tmp-*' -delete

# =========================================================== file-edit ====
cat >"$WS/code.c" <<'EOF'
#include <stdio.h>

static int add(int a, int b)
{
	return a + b;
}

int main(void)
{
    int total = add(1, 2);
    printf("%d\n", total);
    printf("%d\n", total);
    return 0;
}
EOF
cp "$WS/code.c" "$T/code.orig"
# pyreplace FILE OLD NEW COUNT -> expected bytes on stdout
pyreplace() { "$PY" -c 'import sys; d=open(sys.argv[1],"rb").read(); sys.stdout.buffer.write(d.replace(sys.argv[2].encode(), sys.argv[3].encode(), int(sys.argv[4])))' "$@"; }

pyreplace "$WS/code.c" "add(1, 2)" "add(40, 2)" 1 >"$T/exp"
call file-edit '{"file_path":"code.c","old_string":"add(1, 2)","new_string":"add(40, 2)"}'
check "edit: single replacement ran" not_error
check "edit: result equals python's replace" cmp -s "$WS/code.c" "$T/exp"
check "edit: replacements = 1" eq "$(j metadata.replacements)" 1
check "edit: first_line = grep -n" eq "$(j metadata.first_line)" "$(grep -n 'add(40, 2)' "$WS/code.c" | cut -d: -f1)"
check "edit: shows the edited line numbered" has "$(printf '%s\\t    int total = add(40, 2);' "$(j metadata.first_line)")"
check "edit: no temporary file" no_temp "$WS"

cp "$WS/code.c" "$T/before"
call file-edit '{"file_path":"code.c","old_string":"printf(\"%d\\n\", total);","new_string":"puts(\"x\");"}'
check "edit: two occurrences without replace_all is an error" is_error
check "edit: ...with the count (grep -c)" has "occurs $(grep -c 'printf("%d\\n", total);' "$WS/code.c") times"
check "edit: ...lines named" has "$(grep -n 'printf("%d\\n", total);' "$WS/code.c" | cut -d: -f1 | paste -sd, | sed 's/,/, /g')"
check "edit: ...file byte-identical" cmp -s "$WS/code.c" "$T/before"

pyreplace "$WS/code.c" 'printf("%d\n", total);' 'puts("x");' -1 >"$T/exp"
call file-edit '{"file_path":"code.c","old_string":"printf(\"%d\\n\", total);","new_string":"puts(\"x\");","replace_all":true}'
check "edit: replace_all ran" not_error
check "edit: replace_all result equals python's replace" cmp -s "$WS/code.c" "$T/exp"
check "edit: replacements = 2" eq "$(j metadata.replacements)" 2

cp "$WS/code.c" "$T/before"
call file-edit '{"file_path":"code.c","old_string":"return a - b;","new_string":"return 0;"}'
check "edit: not found is an error" is_error
check "edit: ...hint quotes the closest line with its number" \
    has "closest line is $(grep -n 'return a + b;' "$WS/code.c" | cut -d: -f1): \\\"return a + b;\\\""
check "edit: ...file byte-identical" cmp -s "$WS/code.c" "$T/before"

call file-edit '{"file_path":"code.c","old_string":"    return a + b;","new_string":"    return b + a;"}'
check "edit: spaces vs tab is not found" is_error
check "edit: ...hint says whitespace, at the right line" \
    has "at line $(grep -n 'return a + b;' "$WS/code.c" | cut -d: -f1) if whitespace is ignored"
check "edit: ...file byte-identical" cmp -s "$WS/code.c" "$T/before"

call file-edit '{"file_path":"code.c","old_string":"main","new_string":"main"}'
check "edit: old == new is an error" is_error
check "edit: ...saying identical" has "identical"
call file-edit '{"file_path":"code.c","old_string":"","new_string":"x"}'
check "edit: empty old_string is an error" is_error
check "edit: errors left the file byte-identical" cmp -s "$WS/code.c" "$T/before"

pyreplace "$WS/code.c" '#include <stdio.h>
' '' 1 >"$T/exp"
call file-edit "$(mk file_path=code.c old_string='#include <stdio.h>
' new_string=)"
check "edit: deletion (empty new_string)" cmp -s "$WS/code.c" "$T/exp"

printf 'Ελληνικά κείμενο\nκαλημέρα κόσμε\n' >"$WS/gr.txt"
pyreplace "$WS/gr.txt" "καλημέρα" "καληνύχτα" 1 >"$T/exp"
call file-edit '{"file_path":"gr.txt","old_string":"καλημέρα","new_string":"καληνύχτα"}'
check "edit: UTF-8 replacement byte-exact" cmp -s "$WS/gr.txt" "$T/exp"

printf 'int main(void)\r\n{\r\n    return 0;\r\n}\r\n' >"$WS/dos.c"
printf 'int main(void)\r\n{\r\n    puts("hi");\r\n    return 0;\r\n}\r\n' >"$T/exp"
call file-edit '{"file_path":"dos.c","old_string":"{\n    return 0;","new_string":"{\n    puts(\"hi\");\n    return 0;"}'
check "edit: LF old_string matches a CRLF file" not_error
check "edit: ...the file keeps CRLF everywhere (literal expectation)" cmp -s "$WS/dos.c" "$T/exp"
check "edit: ...crlf_adjusted" eq "$(j metadata.crlf_adjusted)" True

# Permission bits: WASI has no chmod, so keeping a script executable
# across the atomic replace needs the host (see the report of issue 4).
printf '#!/bin/sh\necho hi\n' >"$WS/run.sh"; chmod 755 "$WS/run.sh"
call file-edit '{"file_path":"run.sh","old_string":"hi","new_string":"ho"}'
check "edit: script edited" eq "$(cat "$WS/run.sh")" "$(printf '#!/bin/sh\necho ho')"
check "edit: the executable bit is kept" test -x "$WS/run.sh"

call file-edit '{"file_path":"adir","old_string":"a","new_string":"b"}'
check "edit: a directory is an error" is_error
call file-edit '{"file_path":"nope.c","old_string":"a","new_string":"b"}'
check "edit: missing file is an error" is_error
check "edit: ...saying not found" hasi "not found"
call file-edit "$(mk file_path="$T/outside.txt" old_string=outside new_string=pwned)"
check "edit: an absolute host path is refused" is_error
call file-edit '{"file_path":"../outside.txt","old_string":"outside","new_string":"pwned"}'
check "edit: ../ escape refused" is_error
check "edit: ...naming the sandbox" has "sandbox"
call file-edit '{"file_path":"rel-out","old_string":"outside","new_string":"pwned"}'
check "edit: relative symlink out refused" is_error
call file-edit '{"file_path":"abs-out","old_string":"outside","new_string":"pwned"}'
check "edit: absolute symlink out refused" is_error
check "edit: outside file untouched" cmp -s "$T/outside.txt" "$T/outside.orig"
cp "$WS/gr.txt" "$T/before"
call file-edit '{"file_path":"gr.txt","old_string":"κόσμε","new_string":"world"}' ro
check "edit: read-only grant refused" is_error
check "edit: ...naming the grant" has "grant write:/workspace to allow it"
check "edit: ...file byte-identical" cmp -s "$WS/gr.txt" "$T/before"
check "edit: ...no temporary file" no_temp "$WS"

# =========================================================== file-glob ====
G=$WS/g
mkdir -p "$G/src/deep" "$G/docs" "$G/.hidden" "$G/many"
for f in a.c:2020 b.h:2021 src/x.c:2022 src/deep/y.c:2023 src/deep/z.py:2019 README.md:2024 docs/guide.md:2018 \
         .hidden/h.c:2025 src/.dot.c:2025 data1.txt:2010 data2.txt:2011 data3.txt:2012 dataA.txt:2013; do
    echo "${f%%:*}" >"$G/${f%%:*}"; touch -d "${f##*:}-06-01 12:00:00" "$G/${f%%:*}"
done
mkdir -p "$T/outdir"; echo secret >"$T/outdir/secret.c"; ln -s ../../outdir "$G/outlink"
# globj JSON EXPECTED-LINES...: content lines equal the expected list
glob_is() {
    local json=$1; shift
    call file-glob "$json"
    content_to "$T/c"
    local want; want=$(printf '%s\n' "$@")
    eq "$(cat "$T/c")" "$want"
}
check "glob: *.c in path" glob_is '{"pattern":"*.c","path":"g"}' /workspace/g/a.c
check "glob: **/*.c newest first, hidden and links skipped" glob_is '{"pattern":"**/*.c","path":"/workspace/g"}' \
    /workspace/g/src/deep/y.c /workspace/g/src/x.c /workspace/g/a.c
check "glob: count metadata" eq "$(j metadata.count)/$(j metadata.truncated)" "3/False"
check "glob: src/** lists every visible file below" glob_is '{"pattern":"src/**","path":"g"}' \
    /workspace/g/src/deep/y.c /workspace/g/src/x.c /workspace/g/src/deep/z.py
check "glob: {c,h}" glob_is '{"pattern":"*.{c,h}","path":"g"}' /workspace/g/b.h /workspace/g/a.c
check "glob: nested braces" glob_is '{"pattern":"{src/{deep/y,x},a}.c","path":"g"}' \
    /workspace/g/src/deep/y.c /workspace/g/src/x.c /workspace/g/a.c
check "glob: ?" glob_is '{"pattern":"data?.txt","path":"g"}' \
    /workspace/g/dataA.txt /workspace/g/data3.txt /workspace/g/data2.txt /workspace/g/data1.txt
check "glob: [0-9]" glob_is '{"pattern":"data[0-9].txt","path":"g"}' \
    /workspace/g/data3.txt /workspace/g/data2.txt /workspace/g/data1.txt
check "glob: [!0-9]" glob_is '{"pattern":"data[!0-9].txt","path":"g"}' /workspace/g/dataA.txt
check "glob: **/*.md across levels" glob_is '{"pattern":"**/*.md","path":"g"}' /workspace/g/README.md /workspace/g/docs/guide.md
check "glob: absolute pattern" glob_is '{"pattern":"/workspace/g/**/*.py"}' /workspace/g/src/deep/z.py
check "glob: a dot pattern finds hidden files" glob_is '{"pattern":".*.c","path":"g/src"}' /workspace/g/src/.dot.c
check "glob: relative pattern defaults to /workspace" glob_is '{"pattern":"g/src/*.c"}' /workspace/g/src/x.c
call file-glob '{"pattern":"*.nothing","path":"g"}'
check "glob: no match is not an error" not_error
check "glob: ...says no files match" has "No files match"
check "glob: ...count 0" eq "$(j metadata.count)" 0
call file-glob '{"pattern":"*","path":"g/none"}'
check "glob: missing path is an error" is_error
call file-glob '{"pattern":"*","path":"g/a.c"}'
check "glob: path that is a file is an error" is_error

"$PY" - "$G/many" <<'EOF'
import os, sys
for i in range(1205):
    p = os.path.join(sys.argv[1], "f%04d.txt" % i)
    open(p, "w").close()
    os.utime(p, (1600000000 + i, 1600000000 + i))
EOF
call file-glob '{"pattern":"many/*.txt","path":"g"}'
content_to "$T/c"
check "glob: capped at 1000" eq "$(grep -c '^/workspace/' "$T/c")" 1000
check "glob: count and truncated" eq "$(j metadata.count)/$(j metadata.returned)/$(j metadata.truncated)" "1205/1000/True"
check "glob: note about the cap" grep -q '1000 most recently modified of 1205' "$T/c"
check "glob: newest first (f1204 .. f0205)" eq "$(grep '^/workspace/' "$T/c" | sed -n '1p;1000p' | paste -sd' ')" \
    "/workspace/g/many/f1204.txt /workspace/g/many/f0205.txt"

# Depth: a 120-level tree (the walk stops at 100 levels, with a note,
# instead of overflowing the module's stack); the deep file is still
# reachable with a deeper path.
deep=$WS/deep; d=$deep
for i in $(seq 1 120); do d=$d/d; [ $i -eq 50 ] && mid=$d; [ $i -eq 110 ] && low=$d; done
mkdir -p "$d"; echo mid >"$mid/mid.c"; echo bottom >"$d/bottom.c"
call file-glob '{"pattern":"**/*.c","path":"deep"}'
check "glob: 120 levels: runs, no error" not_error
check "glob: ...finds the file at level 50" eq "$(cat "$T/content" | grep '^/workspace')" "/workspace${mid#$WS}/mid.c"
check "glob: ...and says deeper levels were not searched" has "not searched"
call file-glob "$(mk pattern='**/*.c' path="${low#$WS/}")"
check "glob: a deeper path reaches the bottom file" eq "$(cat "$T/content" | grep '^/workspace')" "/workspace${d#$WS}/bottom.c"
rm -rf "$deep"

call file-glob '{"pattern":"/etc/*"}'
check "glob: /etc refused" is_error
check "glob: ...naming the grant" has "--cap read:/etc=/host/"
call file-glob '{"pattern":"*","path":"/tmp"}'
check "glob: path /tmp refused" is_error
call file-glob '{"pattern":"../*"}'
check "glob: ../* refused" is_error
check "glob: ...lists nothing of the host" bash -c '! grep -q "outside.txt\|outdir" "$0"' "$T/out"
call file-glob '{"pattern":"outlink/*","path":"g"}'
check "glob: a symlink out of the workspace gives nothing" bash -c '! grep -q secret "$0"' "$T/out"
call file-glob '{"pattern":"**/*","path":"/workspace"}'
check "glob: ** over the workspace never shows the outside" bash -c '! grep -q secret "$0"' "$T/out"
check "glob: ...nor temporary files" bash -c '! grep -q boxagnts-tmp "$0"' "$T/out"

# Round trip: a glob result is a path file-read accepts.
call file-glob '{"pattern":"**/guide.md"}'
p=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["content"].splitlines()[0])' "$T/out")
call file-read "$(mk file_path="$p")"
content_to "$T/c"
check "glob -> read round trip" eq "$(cat "$T/c")" "$(numbered "$G/docs/guide.md")"

# ================================================== the sample workspace ==
if [ -d samples/workspace ]; then
    cp -r samples/workspace "$T/sample"
    WS=$T/sample
    call file-glob '{"pattern":"**/*.{c,h}"}'
    check "sample: glob finds the 3 C files" eq "$(j metadata.count)" 3
    call file-read '{"file_path":"src/greet.c"}'
    content_to "$T/c"
    check "sample: read src/greet.c" cmp -s "$T/c" <(numbered samples/workspace/src/greet.c)
    pyreplace "$WS/src/greet.c" '"Hello, %s!"' '"Hi, %s!"' 1 >"$T/exp"
    call file-edit '{"file_path":"src/greet.c","old_string":"\"Hello, %s!\"","new_string":"\"Hi, %s!\""}'
    check "sample: edit src/greet.c" cmp -s "$WS/src/greet.c" "$T/exp"
fi

echo "$PASS passed, $FAIL failed, $SKIP skipped"
[ "$FAIL" -eq 0 ]
