#!/usr/bin/env python3
"""tests/webfetch/charset_ref.py — web-fetch's multi-byte decoders
(guest/web-fetch/charset.c, compiled for the host as test_charset) against
Python's codecs and the WHATWG Encoding Standard.

    charset_ref.py TEST_CHARSET

1. Round trips: every code point Python's codec for an encoding can encode
   (and decodes back to itself) is encoded by Python, the bytes decoded by
   ours; the result must be the same code points, except where the
   standard's index differs from Python's codec: those exceptions are
   written out below, each with the standard's reason.
2. Invalid and edge sequences: expectations written by hand from the
   standard's decoder steps (where U+FFFD goes, which byte is read again).
   Then every lead byte with every second byte, for Shift_JIS, EUC-JP,
   EUC-KR and gb18030: mapped as Python's codec maps the pair, or one U+FFFD
   and the second byte read again when it is ASCII (the standard's rule).
3. Labels: every label the standard lists names its encoding.

Prints ok/FAIL lines and "N passed, N failed"; exits 1 when any failed.
"""
import subprocess
import sys

TC = sys.argv[1]
passed = failed = 0


def ok(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print("ok " + name)
    else:
        failed += 1
        print("FAIL " + name + (("\n    " + detail) if detail else ""))


def decode(label, data):
    r = subprocess.run([TC, label], input=data, capture_output=True)
    return r.returncode, r.stdout.decode("utf-8", "surrogateescape"), r.stderr.decode().strip()


def first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def cps(s):
    return " ".join("U+%04X" % ord(c) for c in s)


# ---- 1. round trips -------------------------------------------------------------------------
# Where the standard's index and Python's codec disagree, Python's encoding of
# the first code point decodes (per the standard) to the second.
JIS_WINDOWS = {   # index jis0208 follows Windows (cp932) where JIS mappings differ
    0x301C: 0xFF5E,   # 0xA1C1 WAVE DASH -> FULLWIDTH TILDE
    0x2016: 0x2225,   # 0xA1C2 DOUBLE VERTICAL LINE -> PARALLEL TO
    0x2212: 0xFF0D,   # 0xA1DD MINUS SIGN -> FULLWIDTH HYPHEN-MINUS
    0x00A2: 0xFFE0,   # 0xA1F1 CENT SIGN -> FULLWIDTH CENT SIGN
    0x00A3: 0xFFE1,   # 0xA1F2 POUND SIGN -> FULLWIDTH POUND SIGN
    0x00AC: 0xFFE2,   # 0xA2CC NOT SIGN -> FULLWIDTH NOT SIGN
}
EXCEPTIONS = {
    # cp932's single bytes 0xA0, 0xFD-0xFF are Windows' private mappings;
    # the Shift_JIS decoder's step 7 makes them errors.
    "shift_jis": {0xF8F0: 0xFFFD, 0xF8F1: 0xFFFD, 0xF8F2: 0xFFFD, 0xF8F3: 0xFFFD},
    "euc-jp": JIS_WINDOWS,
    "iso-2022-jp": JIS_WINDOWS,
    "euc-kr": {},
    "gb18030": {
        0xE5E5: 0x3000,   # 0xA3A0: index gb18030 maps it to U+3000 ("deployed content")
        0xE7C7: 0x1E3F,   # 0xA8BC: GB18030-2005's m with acute (Python's codec is GB18030-2000)
        0x1E3F: 0xE7C7,   # 0x8135F437: the ranges code point's special case, pointer 7457
        # GB18030-2022: the standard's gb18030 encoder table lists these PUA code
        # points with the two bytes that now decode to the standard characters.
        0xE78D: 0xFE10, 0xE78E: 0xFE12, 0xE78F: 0xFE11, 0xE790: 0xFE13, 0xE791: 0xFE14, 0xE792: 0xFE15,
        0xE793: 0xFE16, 0xE794: 0xFE17, 0xE795: 0xFE18, 0xE796: 0xFE19, 0xE81E: 0x9FB4, 0xE826: 0x9FB5,
        0xE82B: 0x9FB6, 0xE82C: 0x9FB7, 0xE832: 0x9FB8, 0xE843: 0x9FB9, 0xE854: 0x9FBA, 0xE864: 0x9FBB,
    },
    "big5": {   # index Big5 reads these Big5 symbols as Windows (cp950) does
        0x2022: 0x2027,   # 0xA145
        0xFF64: 0xFE51,   # 0xA14E
        0x203E: 0x00AF,   # 0xA1C2
        0x223C: 0xFF5E,   # 0xA1E3
        0x2641: 0x2295,   # 0xA1F2
        0x2609: 0x2299,   # 0xA1F3
        0xFF0F: 0x2215,   # 0xA241
        0xFF3C: 0xFE68,   # 0xA242
        0x00A5: 0xFFE5,   # 0xA244
        0x00A2: 0xFFE0,   # 0xA246
        0x00A3: 0xFFE1,   # 0xA247
    },
}
CODECS = [("shift_jis", "cp932"), ("euc-jp", "euc_jp"), ("iso-2022-jp", "iso2022_jp"), ("euc-kr", "cp949"),
          ("gb18030", "gb18030"), ("big5", "big5hkscs")]

for label, codec in CODECS:
    chars, want, used = [], [], set()
    # The BMP and plane 2 (Big5-HKSCS's extra plane) one by one; gb18030
    # encodes every other plane too, by formula: those go in whole below.
    for c in list(range(0x80, 0x10000)) + list(range(0x20000, 0x30000)):
        if 0xD800 <= c <= 0xDFFF:
            continue
        ch = chr(c)
        try:
            b = ch.encode(codec)
        except UnicodeEncodeError:
            continue
        if b.decode(codec, "replace") != ch or b.startswith(b"\x1b(J"):
            continue   # not a round trip in Python itself; JIS Roman is checked by hand below
        chars.append(ch)
        w = EXCEPTIONS[label].get(c)
        if w is not None:
            used.add(c)
        want.append(chr(w) if w is not None else ch)
    if label == "gb18030":
        rest = "".join(map(chr, list(range(0x10000, 0x20000)) + list(range(0x30000, 0x110000))))
        chars.append(rest)
        want.append(rest)
    # Encoded as one text: for ISO-2022-JP that is one escape into jis0208
    # and one back (encoding each character alone would give two escapes in
    # a row, an error by the standard's design).
    data = "".join(chars).encode(codec)
    rc, got, err = decode(label, data)
    wanted = "".join(want)
    i = first_diff(got, wanted)
    count = sum(len(c) for c in chars)
    ok("round trip %s: %d code points encoded by Python's %s, decoded as %s" % (label, count, codec, err),
       rc == 0 and got == wanted,
       "rc %d, first difference at %d: got %s, want %s (from %s)" %
       (rc, i, cps(got[i:i + 3]), cps(wanted[i:i + 3]), cps("".join(chars)[i:i + 3])))
    unused = set(EXCEPTIONS[label]) - used
    ok("round trip %s: every listed exception met (%d)" % (label, len(used)), not unused,
       "never encoded: " + " ".join("U+%04X" % c for c in sorted(unused)))

# ---- 2. invalid and edge sequences, by hand from the standard --------------------------------
F = "\ufffd"
CASES = [
    # Shift_JIS decoder
    ("shift_jis", b"\x82", F, "a lead byte at the end: one error"),
    ("shift_jis", b"\x82\x9f\x82\xa0A", "\u3041\u3042A", "0x829F, 0x82A0: index jis0208 pointers 282, 283"),
    ("shift_jis", b"\x82 x", F + " x", "lead then an ASCII byte outside the trail ranges: error, the byte read again"),
    ("shift_jis", b"\x85\x40", F + "@", "an unmapped pointer (752) with an ASCII trail: error, then '@'"),
    ("shift_jis", b"\x82\xfd\x41", F + "A", "lead then 0xFD (not a trail, not ASCII): one error, 0xFD consumed"),
    ("shift_jis", b"\x81\x7f", F + "\x7f", "0x7F is not a trail byte: error, then U+007F"),
    ("shift_jis", b"\x80\xa0\xa1\xdf\xfd\xfe\xff", "\x80" + F + "\uff61\uff9f" + F * 3,
     "single bytes: 0x80 is U+0080, 0xA0 and 0xFD-0xFF errors, 0xA1-0xDF half-width katakana"),
    ("shift_jis", b"\xf0\x40\xf9\xfc", "\ue000\ue757", "EUDC pointers 8836..10715 to U+E000..U+E757"),
    ("shift_jis", b"\x87\x40\xed\x40\xfa\x40", "\u2460\u7e8a\u2170",
     "NEC row 13, NEC-selected IBM and IBM extensions are in index jis0208"),
    ("shift_jis", b"<p>\x82</p>", "<p>" + F + "</p>", "a truncated character before markup keeps the markup"),
    # EUC-JP decoder
    ("euc-jp", b"\xa4", F, "a lead at the end: one error"),
    ("euc-jp", b"\xa4\xa2a", "\u3042a", "0xA4A2: U+3042"),
    ("euc-jp", b"\xa4a", F + "a", "lead then ASCII: error, the byte read again"),
    ("euc-jp", b"\x8e\xb6\x8e\xe0x", "\uff76" + F + "x", "0x8E + 0xA1..0xDF katakana; 0x8E 0xE0: one error, 0xE0 consumed"),
    ("euc-jp", b"\x8e", F, "0x8E at the end"),
    ("euc-jp", b"\x8f\xb0\xa1", "\u4e02", "0x8F: index jis0212 (pointer 1410)"),
    ("euc-jp", b"\x8f\xa2\xb7", "\uff5e", "jis0212 pointer 116 is U+FF5E (Python's euc_jp: U+007E)"),
    ("euc-jp", b"\x8f\xa1\xa1", F, "jis0212 pointer 0 is unmapped: one error for three bytes"),
    ("euc-jp", b"\x8f\xb0", F, "0x8F and a lead at the end: one error"),
    ("euc-jp", b"\x8f\xb0A", F + "A", "0x8F, lead, ASCII: error, then 'A'"),
    ("euc-jp", b"\x8fA", F + "A", "0x8F then ASCII: error, then 'A'"),
    ("euc-jp", b"\xad\xa1", "\u2460", "row 13 (NEC) is in index jis0208"),
    ("euc-jp", b"\x80\xff", F + F, "0x80 and 0xFF are errors"),
    # ISO-2022-JP decoder
    ("iso-2022-jp", b"\x1b$B\x30\x21\x1b(B", "\u4e9c", "ESC $ B, jis0208 pointer 1410, ESC ( B"),
    ("iso-2022-jp", b"\x1b$@!!\x1b(Bz", "\u3000z", "ESC $ @ is jis0208 too"),
    ("iso-2022-jp", b"\x1b(B", "", "an escape with nothing after it: no error"),
    ("iso-2022-jp", b"\x1b(B\x1b(Ba", F + "a", "two escapes in a row: the second is an error"),
    ("iso-2022-jp", b"\x1b$B\x1b(B", F, "an escape into jis0208 and straight out: error"),
    ("iso-2022-jp", b"\x1b$B\x30", F, "a lead at the end (trail state): one error"),
    ("iso-2022-jp", b"\x1b$B\x30\n\x1b(Ba", F + "a", "a trail outside 0x21..0x7E: error, the byte consumed"),
    ("iso-2022-jp", b"\x1b$B\x30\x1b(Ba", F + "a", "ESC as a trail: error, and the escape still applies"),
    ("iso-2022-jp", b"\x1b$X", F + "$X", "an unknown escape: error, both bytes read again as ASCII"),
    ("iso-2022-jp", b"\x1bxy", F + "xy", "ESC then a non-escape byte: error, the byte read again"),
    ("iso-2022-jp", b"\x1b(", F + "(", "ESC ( at the end: error, '(' read again"),
    ("iso-2022-jp", b"\x1b", F, "ESC at the end: error"),
    ("iso-2022-jp", b"\x1b(J\\~a\x1b(B\\~", "\u00a5\u203ea\\~", "ESC ( J: JIS Roman (yen sign, overline)"),
    ("iso-2022-jp", b"\x1b(I\x21\x5f\x60\x1b(B", "\uff61\uff9f" + F, "ESC ( I: half-width katakana 0x21..0x5F"),
    ("iso-2022-jp", b"a\x0eb\x0fc\x80d", "a" + F + "b" + F + "c" + F + "d", "0x0E, 0x0F and bytes >= 0x80 are errors"),
    ("iso-2022-jp", b"\x1b$B\x7f\x21", F + F, "0x7F in the lead state, then a lead at the end"),
    ("iso-2022-jp", b"\x1b$B\x22\x2f\x1b(B", F, "an unmapped jis0208 pointer: error"),
    # EUC-KR decoder
    ("euc-kr", b"\xb0\xa1", "\uac00", "0xB0A1: U+AC00"),
    ("euc-kr", b"\x81\x41", "\uac02", "Unified Hangul Code: 0x8141 U+AC02"),
    ("euc-kr", b"\xb0", F, "a lead at the end: one error"),
    ("euc-kr", b"\xb0 ", F + " ", "lead then an ASCII byte below 0x41: error, the byte read again"),
    ("euc-kr", b"\xb0a", "\ucebb", "ASCII letters are trail bytes in the Unified Hangul Code: 0xB061 U+CEBB"),
    ("euc-kr", b"\xa2\x5c\\", F + "\\\\", "an unmapped pointer with an ASCII trail: error, then the trail"),
    ("euc-kr", b"\xc9\xa1A", F + "A", "an unmapped pointer (user-defined area): one error, 0xA1 consumed"),
    ("euc-kr", b"\xb0\xffA", F + "A", "0xFF is no trail: one error, consumed"),
    ("euc-kr", b"\x80\xff", F + F, "0x80 and 0xFF are errors"),
    # gb18030 decoder
    ("gb18030", b"\x80", "\u20ac", "0x80 is the euro sign"),
    ("gb18030", b"\xff", F, "0xFF is an error"),
    ("gb18030", b"\x81", F, "first at the end: one error"),
    ("gb18030", b"\x81\x30", F, "first and second at the end: one error"),
    ("gb18030", b"\x81\x30\x81", F, "three of four bytes at the end: one error"),
    ("gb18030", b"\x81\x30\x81\x30", "\x80", "four bytes, ranges pointer 0: U+0080"),
    ("gb18030", b"\x81\x30\x41", F + "0A", "second then a non-lead: error, second and byte read again"),
    ("gb18030", b"\x81\x30\x81\x41", F + "0\u4e04", "third then a non-digit: error, second, third and byte read again"),
    ("gb18030", b"\x84\x31\xa4\x39", "\uffff", "ranges pointer 39419 (the last below 39420): U+FFFF"),
    ("gb18030", b"\x84\x31\xa5\x30x", F + "x", "pointer 39420: null, one error for four bytes"),
    ("gb18030", b"\x90\x30\x81\x30", "\U00010000", "pointer 189000: U+10000"),
    ("gb18030", b"\xe3\x32\x9a\x35", "\U0010ffff", "pointer 1237575: U+10FFFF"),
    ("gb18030", b"\xe3\x32\x9a\x36", F, "pointer 1237576: null"),
    ("gb18030", b"\x81\x35\xf4\x37", "\ue7c7", "pointer 7457: U+E7C7"),
    ("gb18030", b"\xa8\xbc\xa3\xa0", "\u1e3f\u3000", "0xA8BC U+1E3F, 0xA3A0 U+3000"),
    ("gb18030", b"\xa6\xd9\xa6\xda\xa6\xdb\xfe\x59\xfe\xa0", "\ufe10\ufe12\ufe11\u9fb4\u9fbb",
     "the GB18030-2022 two-byte codes"),
    ("gb18030", b"\x81\x7f", F + "\x7f", "0x7F is no trail: error, then U+007F"),
    ("gbk", b"\x80\xb0\xa1\x81\x30\x81\x30", "\u20ac\u554a\x80", "GBK's decoder is gb18030's (four bytes too)"),
    # Big5 decoder
    ("big5", b"\xa4\x40", "\u4e00", "0xA440: U+4E00"),
    ("big5", b"\x88\x62\x88\x64\x88\xa3\x88\xa5", "\u00ca\u0304\u00ca\u030c\u00ea\u0304\u00ea\u030c",
     "pointers 1133, 1135, 1164, 1166: two code points each"),
    ("big5", b"\xa1", F, "a lead at the end: one error"),
    ("big5", b"\xa1\x7f", F + "\x7f", "0x7F is no trail: error, then U+007F"),
    ("big5", b"\xa1\x80x", F + "x", "0x80 is no trail and not ASCII: one error"),
    ("big5", b"\x80\xff", F + F, "0x80 and 0xFF are errors"),
    ("big5", b"\x87\x40", "\u43f0", "HKSCS: 0x8740 U+43F0"),
    ("big5", b"\x87\x7a\x87\x7b\x87\xdf", "\u3875\U00021d53\u9fcb", "HKSCS-2008 additions (plane 2 too)"),
    ("big5", b"\xa3\xc0\xa3\xdf\xa3\xe0\xa3\xe1", "\u2400\u241f\u2421\u20ac", "control pictures and the euro sign"),
    ("big5", b"\xa1\x45\xa1\xc2", "\u2027\u00af", "Windows readings of 0xA145, 0xA1C2"),
    ("big5", b"\x87\x3f", F + "?", "an unmapped pointer with an ASCII trail: error, then '?'"),
]
for label, data, want, what in CASES:
    rc, got, err = decode(label, data)
    ok("%s %s: %s" % (label, data.hex(" "), what), rc == 0 and got == want,
       "got [%s], want [%s]" % (cps(got), cps(want)))

# ---- 2b. every lead byte with every second byte ----------------------------------------------
# For each two-byte encoding, all 256 second bytes after every lead byte,
# each pair followed by a newline: a pair Python's codec decodes to one code
# point gives that code point (the exceptions above applied); any other pair
# is one U+FFFD, followed by the second byte itself when it is ASCII (read
# again; NUL reads as U+FFFD here as everywhere in web-fetch) and nothing
# when it is not (consumed).  EUC-JP's rows Python's euc_jp leaves out (NEC
# row 13, rows 89-92) are the same index jis0208 pointers cp932 reads.
def pair_expect(label, codec, lead, trail):
    b = bytes([lead, trail])
    try:
        u = b.decode(codec)
    except UnicodeDecodeError:
        u = None
    if u is not None and len(u) != 1:
        u = None
    if u is None and label == "euc-jp" and 0xA1 <= lead <= 0xFE and 0xA1 <= trail <= 0xFE:
        p = (lead - 0xA1) * 94 + trail - 0xA1
        sl, st = divmod(p, 188)
        try:
            u = bytes([sl + (0x81 if sl < 0x1F else 0xC1), st + (0x40 if st < 0x3F else 0x41)]).decode("cp932")
        except UnicodeDecodeError:
            u = None
    if u is not None:
        return chr(EXCEPTIONS[label].get(ord(u), ord(u)))
    return F + ("" if trail >= 0x80 else F if trail == 0 else chr(trail))


PAIRS = [("shift_jis", "cp932", list(range(0x81, 0xA0)) + list(range(0xE0, 0xFD)), range(256)),
         ("euc-jp", "euc_jp", range(0xA1, 0xFF), range(256)),
         ("euc-kr", "cp949", range(0x81, 0xFF), range(256)),
         # gb18030: second bytes 0x30-0x39 start a four-byte sequence (checked above)
         ("gb18030", "gb18030", range(0x81, 0xFF), [t for t in range(256) if not 0x30 <= t <= 0x39])]
for label, codec, leads, trails in PAIRS:
    data, want = bytearray(), []
    for lead in leads:
        for trail in trails:
            data += bytes([lead, trail, 0x0A])
            want.append(pair_expect(label, codec, lead, trail) + "\n")
    rc, got, err = decode(label, bytes(data))
    wanted = "".join(want)
    i = first_diff(got, wanted)
    ok("%s: every lead byte with each of %d second bytes (%d pairs): mapped, or U+FFFD with ASCII read again"
       % (label, len(trails), len(want)), rc == 0 and got == wanted,
       "first difference at %d: got [%s], want [%s]" % (i, cps(got[max(0, i - 2):i + 3]), cps(wanted[max(0, i - 2):i + 3])))

# ---- 3. labels ----------------------------------------------------------------------------
LABELS = {
    "shift_jis": "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis",
    "euc-jp": "cseucpkdfmtjapanese euc-jp x-euc-jp",
    "iso-2022-jp": "csiso2022jp iso-2022-jp",
    "euc-kr": "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 windows-949",
    "gbk": "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk",
    "gb18030": "gb18030",
    "big5": "big5 big5-hkscs cn-big5 csbig5 x-x-big5",
}
for name, labels in LABELS.items():
    bad = []
    for lab in labels.split():
        for spelled in (lab, lab.upper()):
            rc, _, err = decode(spelled, b"x")
            if rc != 0 or err != name:
                bad.append("%s -> %s" % (spelled, err or rc))
    ok("labels of %s (%d, any case)" % (name, len(labels.split())), not bad, "; ".join(bad))
rc, _, err = decode("x-no-such-charset", b"x")
ok("an unknown label is refused, not guessed", rc == 2 and "not a known encoding" in err, err)
for lab in ("csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr"):
    rc, _, err = decode(lab, b"x")
    ok("%s (WHATWG's replacement encoding) is reported, not decoded" % lab,
       rc == 2 and "replacement encoding" in err, err)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
