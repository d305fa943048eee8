#!/usr/bin/env bash
# t_fileread_diff.sh — file-read's output against an independent model.
#
# Python generates files of every shape the tool must handle (ASCII, UTF-8
# of every length class, invalid UTF-8 of every kind, NUL and every control
# byte, CR LF / lone CR / mixed endings, lines around each internal limit:
# 2000 characters shown, 8000 bytes kept, the 64 KiB read, the 512 KiB
# page; empty files, no final newline, offsets and limits, pages cut by
# the output budget) plus seeded random ones.  For each call it computes
# the expected result from the tool's documented rules (tool.json and the
# comments of guest/file-read/read.c), written here from scratch: lines
# split on \n, the \r of a CRLF dropped, invalid UTF-8 shown as U+FFFD one
# byte at a time (validity judged by Python's own UTF-8 decoder), NUL as
# U+FFFD, lines cut at 2000 characters, the budget, the trailers, the
# binary sniff, the metadata.  Then it compares:
#   - the tool's raw stdout (the guest's own bytes, through `boxagnts run`)
#     byte for byte with json.dumps of the expected object (Python escapes
#     exactly as cJSON does: \" \\ \b \f \n \r \t, other controls as
#     \u00xx in lowercase, everything else as is), so the escaper is
#     checked too, and
#   - the parsed result with the expected one, field by field.
# FILEREAD_OLD=path/to/an/older/tool.wasm also compares the new output
# byte for byte with that build's, except where the old tool was wrong:
# a NUL past the sniff (it cut the whole content there, trailer included)
# and offsets or limits of 2^32 and more (size_t is 32 bits in wasm32:
# limit 1e18 showed no lines, offset 1e18 showed the first page).
# FILEREAD_DIFF_SEED changes the random cases (default 1).
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
BX=$BUILD/boxagnts
TOOL=$BUILD/tools/file-read/tool.wasm
if [ ! -x "$BX" ] || [ ! -f "$TOOL" ]; then
    echo "t_fileread_diff.sh: build first (make)"
    echo "0 passed, 1 failed"
    exit 1
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME=$T/config    # the compiled-module cache's key, not the user's
unset BOXAGNTS_CACHE_KEY

python3 - "$BX" "$TOOL" "$T" "${FILEREAD_OLD:-}" "${FILEREAD_DIFF_SEED:-1}" <<'PY'
import json, os, random, subprocess, sys

BX, TOOL, T, OLD, SEED = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
WS = os.path.join(T, "ws")
os.makedirs(WS)
LINE_CHARS, LINE_KEEP, BUDGET, SNIFF, DEFAULT_LIMIT = 2000, 8000, 512 * 1024, 8192, 2000
passed = failed = 0

def fail(msg):
    global failed
    failed += 1
    print("FAIL: " + msg)

# ---- the model ----------------------------------------------------------

def seq_len(b, i, end):
    """Length of the valid UTF-8 character at b[i] (1-4), 0 if invalid or
    cut by end; validity as Python's strict decoder judges it."""
    c = b[i]
    if c < 0x80:
        return 1
    n = 2 if 0xc2 <= c <= 0xdf else 3 if 0xe0 <= c <= 0xef else 4 if 0xf0 <= c <= 0xf4 else 0
    if not n or end - i < n:
        return 0
    try:
        b[i:i + n].decode("utf-8", "strict")
        return n
    except UnicodeDecodeError:
        return 0

def render(b):
    """Bytes shown as text: valid UTF-8 as is, NUL and each invalid byte as U+FFFD."""
    out, i = [], 0
    while i < len(b):
        l = seq_len(b, i, len(b))
        if l and b[i] != 0:
            out.append(b[i:i + l].decode("utf-8"))
            i += l
        else:
            out.append("\ufffd")
            i += 1
    return "".join(out)

TEXT_CONTROLS = {0x09, 0x0a, 0x0d, 0x0c, 0x0b, 0x08, 0x1b}

def looks_binary(s, more):
    if 0 in s:
        return True
    odd, i, n = 0, 0, len(s)
    while i < n:
        c = s[i]
        if c < 0x20 and c not in TEXT_CONTROLS:
            odd += 1
            i += 1
            continue
        l = seq_len(s, i, n)
        if not l:
            if more and n - i < 4:
                break
            odd, l = odd + 1, 1
        i += l
    return odd * 10 > n

def expected(name, data, args):
    path = "/workspace/" + name
    offset = args.get("offset", 1)
    limit = args.get("limit", DEFAULT_LIMIT)
    offset = min(offset, 10 ** 15)
    limit = min(limit, 10 ** 15)
    if offset == 0:
        offset = 1
    sample = data[:SNIFF]
    if data and looks_binary(sample, len(data) > SNIFF):
        why = "NUL bytes" if 0 in sample else "mostly bytes that are not UTF-8 text"
        return {"content": "%s looks like a binary file (%d bytes; %s in its first %d bytes); "
                           "file-read shows text files only" % (path, len(data), why, len(sample)),
                "is_error": True,
                "metadata": {"file_path": path, "binary": True, "bytes": len(data)}}
    pieces = data.split(b"\n")
    lines = [(p, True) for p in pieces[:-1]]
    if pieces[-1]:
        lines.append((pieces[-1], False))
    total = len(lines)
    meta = {"file_path": path, "bytes": len(data), "total_lines": total}
    if total == 0:
        meta.update({"empty": True, "lines_returned": 0, "truncated": False})
        return {"content": "(%s is empty: 0 bytes, no lines)" % path, "is_error": False, "metadata": meta}
    if offset > total:
        meta["offset"] = offset
        return {"content": "offset %d is past the end of %s: it has %d line%s (use an offset from 1 to %d)"
                           % (offset, path, total, "" if total == 1 else "s", total),
                "is_error": True, "metadata": meta}
    crlf = sum(1 for l, nl in lines if nl and l.endswith(b"\r"))
    lf = sum(1 for l, nl in lines if nl) - crlf
    content, text_len, shown, last_shown, cut, stopped = [], 0, 0, 0, 0, False
    for no in range(offset, min(total, offset + limit - 1) + 1):
        line, nl = lines[no - 1]
        cr = nl and line.endswith(b"\r")
        kept = line[:LINE_KEEP]
        if cr and len(kept) == len(line):
            kept = kept[:-1]
        chars = sum(1 for x in line if x & 0xC0 != 0x80) - (1 if cr else 0)
        cutat = len(kept)
        if chars > LINE_CHARS:
            starts = [i for i, x in enumerate(kept) if x & 0xC0 != 0x80]
            if len(starts) > LINE_CHARS:
                cutat = starts[LINE_CHARS]
        if shown and text_len + 24 + cutat + (64 if chars > LINE_CHARS else 0) > BUDGET:
            stopped = True
            break
        t = "%d\t%s" % (no, render(kept[:cutat]))
        if chars > LINE_CHARS:
            t += " [... line cut: %d of %d characters shown]" % (LINE_CHARS, chars)
            cut += 1
        t += "\n"
        content.append(t)
        text_len += len(t.encode("utf-8"))
        shown, last_shown = shown + 1, no
    remaining = total - last_shown
    meta.update({"offset": offset, "lines_returned": shown, "last_line": last_shown,
                 "truncated": remaining > 0, "next_offset": last_shown + 1 if remaining else None,
                 "lines_cut": cut,
                 "line_endings": "mixed" if crlf and lf else "crlf" if crlf else "lf" if lf else "none"})
    if crlf:
        content.append("\n[%s has %s line endings (\\r\\n); the \\r is not shown. file-edit matches "
                       "old_string written with \\n against them.]" % (path, "mixed" if lf else "CRLF"))
    if remaining:
        content.append("\n[Showing lines %d-%d of %d; %d more line%s%s. To continue, call file-read with "
                       "offset=%d.]" % (offset, last_shown, total, remaining, "" if remaining == 1 else "s",
                                        " (this page stopped at the 512 KiB output limit)" if stopped else "",
                                        last_shown + 1))
    return {"content": "".join(content), "is_error": False, "metadata": meta}

def dumps(v):
    """JSON text as cJSON_PrintUnformatted writes it: no spaces; strings as
    json.dumps escapes them (the same escapes); numbers as "%1.15g" (so
    1e15 is 1e+15), or "%1.17g" when that does not read back."""
    if isinstance(v, dict):
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + dumps(x) for k, x in v.items()) + "}"
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    t = "%.15g" % v
    return t if float(t) == float(v) else "%.17g" % v

# ---- running the tool -----------------------------------------------------

def run(tool, args):
    p = subprocess.run([BX, "run", "--workspace", WS, "--cap", "read:/workspace", tool],
                       input=json.dumps(args).encode(), capture_output=True, timeout=120)
    return p.returncode, p.stdout, p.stderr

cases = []      # (label, name, data, args)
def case(label, data, *argsets, name=None):
    name = name or "f%d.txt" % len(cases)
    with open(os.path.join(WS, name), "wb") as f:
        f.write(data)
    for a in (argsets or ({},)):
        cases.append((label, name, data, a))

# ASCII, the shapes of a file.
case("empty", b"", {}, {"offset": 1}, {"offset": 5})
case("one newline", b"\n", {}, {"offset": 2})
case("no final newline", b"alpha\nbeta", {}, {"offset": 2}, {"offset": 3})
case("one line, no newline", b"x")
case("only CRLF", b"\r\n")
case("bench file", b"".join(b"    line %d: some typical source text, about sixty characters\n" % i
                              for i in range(1, 201)),
     {}, {"offset": 50, "limit": 10}, {"limit": 1}, {"offset": 200}, {"offset": 201}, {"offset": 0})
case("JSON specials", b'say "hi" \\ back\\slash\t tab "" \\\\ \x7f del\n' * 30)
case("blank lines", b"\n\n\nx\n\n", {}, {"offset": 4, "limit": 1}, {"offset": 5})
# Every byte value in a line, each alone and in runs, every 8-byte alignment.
for c in range(256):
    pre = bytes(b"a" * (c % 8))
    body = b"text " * 400 + b"\n"            # 2 KB of text before: the sniff sees little of it
    case("byte 0x%02x" % c, body * 5 + pre + bytes([c]) + b" after\n" + pre + bytes([c]) * 9 + b"\n")
# Control bytes at the start of the file, few enough not to be binary.
case("controls in the sniff", b"".join(b"line %d \x01\x02\x1f\x1b\x0b\x0c\x08 end\n" % i for i in range(50)))
case("NUL in the sniff (binary)", b"text\n\x00more\n")
case("NUL past the sniff", b"t" * 9000 + b"\n" + b"a\x00b\n\x00\n" + b"tail\n", {}, {"offset": 2})
case("binary: odd bytes", bytes(range(1, 32)) * 40)
case("binary: invalid UTF-8", b"\xff\xfe" * 600)
case("just under 10% odd", (b"\x01" + b"a" * 10) * 300 + b"\n")
case("large binary", bytes(random.Random(5).randrange(256) for _ in range(20000)))
# UTF-8 of every length class, and every kind of invalid sequence.
u = "aé€😀ÿ中𝄞\u2028\u2029\ufeff".encode()
case("UTF-8 classes", (u + b"\n") * 100 + u * 50 + b"\n")
for i, bad in enumerate([b"\x80", b"\xbf", b"\xc0\x80", b"\xc1\xbf", b"\xc2", b"\xe0\x80\x80", b"\xe0\x9f\xbf",
                         b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xef\xbf", b"\xf0\x80\x80\x80", b"\xf0\x8f\xbf\xbf",
                         b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80", b"\xf8\x88\x80\x80\x80", b"\xfe", b"\xff",
                         b"\xe2\x82", b"\xf0\x9f\x98", b"\xc3\r", b"\xe2\x82\r", b"\xc3\x28", b"\xe2\x28\xa1"]):
    case("invalid %d" % i, b"ok line\n" * 20 + b"a" + bad + b"z\n" + bad + b"\n" + b"x" + bad + b"\r\n" + b"end\n")
case("sequence cut by the newline", b"ab\xe2\x82\nc\xf0\x9f\n" + b"q\n" * 40)
case("sequence at end of file", b"ok\n" * 40 + b"last \xe2\x82\xac")
case("cut sequence at end of file", b"ok\n" * 40 + b"last \xe2\x82")
# Line endings.
case("CRLF", b"one\r\ntwo\r\nthree\r\n", {}, {"offset": 2}, {"limit": 1})
case("mixed", b"one\r\ntwo\nthree\r\n", {}, {"offset": 3})
case("lone CR", b"a\rb\rc\n\r\n\r\r\n\rx")
case("CR at EOF", b"a\r\nb\r")
case("CRLF skipped only", b"a\r\nb\nc\n", {"offset": 2})
# Lines around the limits: 2000 characters, 8000 bytes kept, the fast path.
for n in (1990, 1999, 2000, 2001, 2002, 2100):
    case("ASCII line of %d" % n, b"h\n" + b"x" * n + b"\n" + b"y" * n + b"\r\n" + b"z" * n + b"\n" + b"w" * n)
for ch in ("é", "€", "😀"):
    for n in (1999, 2000, 2001):
        case("%s line of %d chars" % (ch, n), b"h\n" + (ch * n).encode() + b"\n" + (ch * n).encode() + b"\r\n" + b"end\n")
case("line cut mid-sequence", b"h\n" + b"a" * 1999 + "é".encode() * 10 + b"\n")
case("2000 4-byte chars + CR", b"h\n" + ("😀" * 2000).encode() + b"\r\n")
case("8000+ bytes of 4-byte chars", b"h\n" + ("😀" * 2100).encode() + b"\r\n" + b"t\n")
case("8000 continuation bytes", b"h\n" + b"a" * 10 + b"\x80" * 8500 + b"b" * 2500 + b"\n", {"offset": 2})
case("long line of controls", b"t" * 9000 + b"\n" + bytes(range(1, 32)) * 300 + b"\n")
case("long line of quotes", b"h\n" + b'"\\' * 3000 + b"\n")
# Lines across the 64 KiB reads.
R = 65536
case("CR at a read's end", b"a" * (R - 2) + b"\r\n" + b"b" * 10 + b"\r\n")
case("CR LF across reads", b"a" * (R - 1) + b"\r\n" + b"b\n")
case("CR LF across reads, short lines", b"x\n" * ((R - 2) // 2) + b"yy\r" + b"\nz\n")
case("CR LF across reads, skipped", b"x\n" * ((R - 2) // 2) + b"yy\r" + b"\nz\n", {"offset": 32769}, {"offset": 32767, "limit": 1})
case("sequence across reads", b"x\n" * ((R - 2) // 2) + b"a" + "€".encode() + b"b\n")
case("invalid across reads", b"x\n" * ((R - 2) // 2) + b"a\xe2" + b"\x82z\n")
case("line of 100 KB", b"start\n" + b"k" * 100000 + b"\nend\n", {}, {"offset": 2}, {"offset": 3})
case("line of 200 KB, no newline", b"m" * 200000)
case("1 MB of newlines", b"\n" * (1 << 20), {}, {"offset": 1000000}, {"offset": 1048576})
# Offsets and limits.
big = b"".join(b"row %d\n" % i for i in range(1, 5001))
case("5000 lines", big, {}, {"offset": 2001}, {"offset": 4999, "limit": 5}, {"limit": 1}, {"limit": 10 ** 18},
     {"offset": 10 ** 18}, {"offset": 5000}, {"offset": 5001}, {"limit": 2000}, {"offset": 3000, "limit": 2001})
# The 512 KiB page: plain lines, lines that escape to 6 bytes, long cut lines.
case("page budget", b"".join((b"%05d " % i) + b"p" * 400 + b"\n" for i in range(3000)), {}, {"offset": 1300})
case("page budget, escapes", b"t" * 9000 + b"\n" + (bytes(range(1, 32)) * 20 + b"\n") * 2000)
case("page budget, cut lines", b"".join(b"c" * 5000 + b"\n" for _ in range(400)))
case("page budget, first line alone", b"a" * (1 << 20) + b"\nb\n")
# Seeded random files: an alphabet heavy in what the code treats specially.
rnd = random.Random(SEED)
alphabet = [b"a", b"b", b" ", b"\n", b"\r", b"\r\n", b"\t", b'"', b"\\", b"\x00", b"\x01", b"\x1f", b"\x7f",
            b"\x80", b"\xbf", b"\xc3", b"\xe2", b"\xf0", b"\xff", "é".encode(), "€".encode(), "😀".encode(),
            b"abcdefgh" * 4, b"x" * 300]
for k in range(160):
    weights = [rnd.random() ** 3 for _ in alphabet]
    weights[0] += 2
    weights[3] += 0.5
    n = rnd.choice([10, 100, 1000, 5000, 9000, 30000, 70000])
    parts = rnd.choices(alphabet, weights, k=n)
    data = b"".join(parts)
    if rnd.random() < 0.6:
        data = data.replace(b"\x00", b"0") if rnd.random() < 0.5 else b"lead\n" * 2000 + data
    args = rnd.choice([{}, {}, {"offset": rnd.randint(0, 50)}, {"limit": rnd.randint(1, 30)},
                       {"offset": rnd.randint(1, 400), "limit": rnd.randint(1, 3000)}])
    case("random %d (seed %d)" % (k, SEED), data, args)

# ---- compare --------------------------------------------------------------

for label, name, data, args in cases:
    a = dict(args)
    a["file_path"] = name
    rc, out, err = run(TOOL, a)
    exp = expected(name, data, args)
    want = (dumps(exp) + "\n").encode("utf-8")
    what = "%s %s" % (label, json.dumps(args))
    if rc != 0:
        fail("%s: exit %d: %s" % (what, rc, err.decode(errors="replace")[:300]))
        continue
    try:
        got = json.loads(out)
    except ValueError as e:
        fail("%s: not JSON (%s): %r" % (what, e, out[:200]))
        continue
    if got == exp:
        passed += 1
    else:
        for k in ("content", "is_error", "metadata"):
            if got.get(k) != exp[k]:
                g, e = got.get(k), exp[k]
                if isinstance(g, str) and isinstance(e, str):
                    i = next((i for i in range(min(len(g), len(e))) if g[i] != e[i]), min(len(g), len(e)))
                    g, e = "...%r" % g[max(0, i - 40):i + 40], "...%r" % e[max(0, i - 40):i + 40]
                fail("%s: %s differs:\n   got  %s\n   want %s" % (what, k, g, e))
        continue
    if out == want:
        passed += 1
    else:
        i = next((i for i in range(min(len(out), len(want))) if out[i] != want[i]), min(len(out), len(want)))
        fail("%s: bytes differ at %d: got %r want %r" % (what, i, out[max(0, i - 30):i + 30], want[max(0, i - 30):i + 30]))
    if OLD and not (0 in data[SNIFF:]) and max(args.values(), default=0) < 2 ** 32:
        orc, oout, _ = run(OLD, a)
        if orc == 0 and oout == out:
            passed += 1
        else:
            fail("%s: differs from %s" % (what, OLD))

# Arguments the tool refuses: an error result naming the argument.
case("args", b"a\nb\n")
for bad, key in (({"offset": -1}, "offset"), ({"limit": 0}, "limit"), ({"offset": 1.5}, "offset"),
                 ({"limit": "3"}, "limit"), ({"limit": -2}, "limit")):
    a = dict(bad)
    a["file_path"] = cases[-1][1]
    rc, out, err = run(TOOL, a)
    try:
        got = json.loads(out)
    except ValueError:
        got = {}
    if rc == 0 and got.get("is_error") is True and got.get("content", "").startswith(key + " must be a whole number"):
        passed += 1
    else:
        fail("refused argument %s: %r" % (json.dumps(bad), out[:200]))

print("%d passed, %d failed" % (passed, failed))
PY
