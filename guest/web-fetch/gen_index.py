#!/usr/bin/env python3
"""guest/web-fetch/gen_index.py OUT.h — the WHATWG Encoding Standard's
multi-byte indexes for charset.c, derived at build time from Python 3's
codecs (no third-party table is committed).

    index jis0208        Python's cp932, read through the Shift_JIS pointer
                         formula (lead - (lead < 0xA0 ? 0x81 : 0xC1)) * 188 +
                         trail - (trail < 0x7F ? 0x40 : 0x41); the EUDC
                         pointers 8836-10715 are left out (the decoder maps
                         them to U+E000.. by formula, as the standard does)
    index jis0212        Python's euc_jp, 0x8F-prefixed three-byte sequences
    index EUC-KR         Python's cp949 (KS X 1001 + Unified Hangul Code)
    index gb18030        Python's gb18030, two-byte sequences
    index gb18030 ranges Python's gb18030, four-byte sequences 0..39419,
                         cut into runs of consecutive code points
    index Big5           Python's big5hkscs; cp950 for the symbol rows
                         0xA1-0xA3 (WHATWG follows Windows there)

Each derivation is checked against what the standard states and can be
verified without its index files (pointer formulas: cp932 read through the
Shift_JIS formula and euc_jp through the EUC-JP one must agree; entry
counts; blocks covered; the duplicates its encoders rely on; the bytes its
gb18030 encoder table names); any check failing stops the build.
Corrections made by hand, each one documented where it is applied:

  jis0212  pointer 116 (0x8F 0xA2 0xB7): U+FF5E, not Python's U+007E (no
           index maps a multi-byte sequence to ASCII).
  gb18030  pointer 6555 (0xA3 0xA0): U+3000, not U+E5E5 (the standard's
           note on index gb18030: "compatibility with deployed content").
           pointer 7533 (0xA8 0xBC): U+1E3F, not U+E7C7 (GB18030-2005,
           which the standard follows; Python's codec is GB18030-2000).
           The 18 two-byte codes GB18030-2022 moved out of the Private Use
           Area (the standard's gb18030 encoder lists their old PUA code
           points): 0xA6D9.. and 0xFE59.. to U+FE10..U+FE19, U+9FB4..U+9FBB.
  ranges   none with Python 3.11's codec: the standard's four-byte table is
           GB18030-2000's, which is Python's; pointer 7457 (U+E7C7) is a
           special case in the decoder itself.  A codec of a later GB18030
           revision would be read back to 2000 (see gb_ranges).
  Big5     pointers 1133, 1135, 1164, 1166: no entry (Python gives two code
           points; the decoder has the standard's two-code-point table).
           0xA3C0-0xA3E0: the control pictures U+2400-U+241F, U+2421
           (Python's codecs leave them unmapped; WHATWG maps them).
           HKSCS_2008 below: the 158 characters HKSCS-2008 added, which
           Python's big5hkscs (HKSCS-2004) does not decode.

Output: uint16 arrays cut into segments at long unmapped runs (0 =
unmapped), the ranges as uint16 pairs, and for Big5 a bitmap of the
entries in Unicode plane 2 (the only plane above the BMP it uses).
"""
import sys

# HKSCS-2008 additions: index Big5 pointer -> code point.
HKSCS_2008 = {
    1000: 0x3875, 1001: 0x21D53, 1002: 0x2369E, 1003: 0x26021, 1004: 0x3EEC, 1005: 0x258DE, 1006: 0x3AF5,
    1007: 0x7AFC, 1008: 0x9F97, 1009: 0x24161, 1010: 0x2890D, 1011: 0x231EA, 1012: 0x20A8A, 1013: 0x2325E,
    1014: 0x430A, 1015: 0x8484, 1016: 0x9F96, 1017: 0x942F, 1018: 0x4930, 1019: 0x8613, 1020: 0x5896,
    1021: 0x974A, 1022: 0x9218, 1023: 0x79D0, 1024: 0x7A32, 1025: 0x6660, 1026: 0x6A29, 1027: 0x889D,
    1028: 0x744C, 1029: 0x7BC5, 1030: 0x6782, 1031: 0x7A2C, 1032: 0x524F, 1033: 0x9046, 1034: 0x34E6,
    1035: 0x73C4, 1036: 0x25DB9, 1037: 0x74C6, 1038: 0x9FC7, 1039: 0x57B3, 1040: 0x492F, 1041: 0x544C,
    1042: 0x4131, 1043: 0x2368E, 1044: 0x5818, 1045: 0x7A72, 1046: 0x27B65, 1047: 0x8B8F, 1048: 0x46AE,
    1049: 0x26E88, 1050: 0x4181, 1051: 0x25D99, 1052: 0x7BAE, 1053: 0x224BC, 1054: 0x9FC8, 1055: 0x224C1,
    1056: 0x224C9, 1057: 0x224CC, 1058: 0x9FC9, 1059: 0x8504, 1060: 0x235BB, 1061: 0x40B4, 1062: 0x9FCA,
    1063: 0x44E1, 1064: 0x2ADFF, 1065: 0x62C1, 1066: 0x706E, 1067: 0x9FCB, 2082: 0x7BB8, 2088: 0x7C06,
    2103: 0x7CCE, 2114: 0x7DD2, 2123: 0x7E1D, 2148: 0x8005, 2151: 0x8028, 2221: 0x83C1, 2239: 0x84A8,
    2244: 0x840F, 2303: 0x89A6, 2304: 0x89A9, 2354: 0x8D77, 2400: 0x90FD, 2413: 0x92B9, 2477: 0x975C,
    2498: 0x97FF, 2605: 0x9F16, 2673: 0x8503, 2746: 0x5159, 2747: 0x515B, 2748: 0x515D, 2749: 0x515E,
    2771: 0x936E, 2780: 0x7479, 2990: 0x6D67, 3087: 0x799B, 3259: 0x9097, 3301: 0x975D, 3436: 0x701E,
    3451: 0x5B28, 4136: 0x7201, 4138: 0x77D7, 4141: 0x7E87, 4182: 0x99D6, 4206: 0x91D4, 4220: 0x60DE,
    4230: 0x6FB6, 4241: 0x8F36, 4258: 0x4FBB, 4273: 0x71DF, 4279: 0x9104, 4282: 0x9DF0, 4294: 0x83CF,
    4329: 0x5C10, 4330: 0x79E3, 4349: 0x5A67, 4419: 0x8F0B, 4422: 0x7B51, 4494: 0x62D0, 4624: 0x6062,
    4694: 0x75F9, 4708: 0x6C4A, 4742: 0x9B2E, 4748: 0x9F17, 4815: 0x50ED, 4828: 0x5F0C, 4902: 0x880F,
    4922: 0x62CE, 4982: 0x7468, 4992: 0x7162, 4997: 0x7250, 10942: 0x5EF4, 10946: 0x65E0, 10948: 0x7676,
    10950: 0x96B6, 10957: 0x3003, 10958: 0x4EDD, 19028: 0x5029, 19035: 0x507D, 19088: 0x5305, 19096: 0x5344,
    19112: 0x537F, 19162: 0x5605, 19240: 0x5A77, 19299: 0x5E75, 19305: 0x5ED0, 19326: 0x5F58, 19355: 0x60A4,
    19398: 0x6490, 19439: 0x6674, 19454: 0x675E, 19553: 0x6C9C, 19554: 0x6E1D, 19557: 0x6E2F, 19611: 0x716E,
    19643: 0x732A, 19672: 0x745C, 19697: 0x74E9, 19748: 0x7809,
}

# GB18030-2022: two-byte code -> (its GB18030-2005 PUA code point, its new code point).
GB2022 = {
    b"\xa6\xd9": (0xE78D, 0xFE10), b"\xa6\xda": (0xE78E, 0xFE12), b"\xa6\xdb": (0xE78F, 0xFE11),
    b"\xa6\xdc": (0xE790, 0xFE13), b"\xa6\xdd": (0xE791, 0xFE14), b"\xa6\xde": (0xE792, 0xFE15),
    b"\xa6\xdf": (0xE793, 0xFE16), b"\xa6\xec": (0xE794, 0xFE17), b"\xa6\xed": (0xE795, 0xFE18),
    b"\xa6\xf3": (0xE796, 0xFE19), b"\xfe\x59": (0xE81E, 0x9FB4), b"\xfe\x61": (0xE826, 0x9FB5),
    b"\xfe\x66": (0xE82B, 0x9FB6), b"\xfe\x67": (0xE82C, 0x9FB7), b"\xfe\x6d": (0xE832, 0x9FB8),
    b"\xfe\x7e": (0xE843, 0x9FB9), b"\xfe\x90": (0xE854, 0x9FBA), b"\xfe\xa0": (0xE864, 0x9FBB),
}


def fail(msg):
    sys.stderr.write("gen_index.py: derivation check failed: %s\n" % msg)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def one(b, codec):
    """The single code point Python decodes b to, else None."""
    try:
        s = b.decode(codec)
    except UnicodeDecodeError:
        return None
    return ord(s) if len(s) == 1 else None


def sjis_bytes(p):
    lead, trail = divmod(p, 188)
    return bytes([lead + (0x81 if lead < 0x1F else 0xC1), trail + (0x40 if trail < 0x3F else 0x41)])


def euc_bytes(p):
    return bytes([p // 94 + 0xA1, p % 94 + 0xA1])


def gb2_bytes(p):
    lead, trail = divmod(p, 190)
    return bytes([lead + 0x81, trail + (0x40 if trail < 0x3F else 0x41)])


def gb4_bytes(p):
    b1, r = divmod(p, 12600)
    b2, r = divmod(r, 1260)
    b3, b4 = divmod(r, 10)
    return bytes([b1 + 0x81, b2 + 0x30, b3 + 0x81, b4 + 0x30])


def big5_bytes(p):
    lead, trail = divmod(p, 157)
    return bytes([lead + 0x81, trail + (0x40 if trail < 0x3F else 0x62)])


def jis0208():
    t = [None if 8836 <= p <= 10715 else one(sjis_bytes(p), "cp932") for p in range(11280)]
    # The standard's EUDC formula is Windows': check cp932 agrees.
    for p in (8836, 9000, 10715):
        check(one(sjis_bytes(p), "cp932") == 0xE000 - 8836 + p, "cp932 EUDC at pointer %d" % p)
    # The same index read as EUC-JP (rows 1-94): Python's euc_jp must agree
    # wherever it decodes, except the six JIS-vs-Windows code points the
    # standard's index takes from Windows (U+FF5E, U+2225, U+FF0D, U+FFE0,
    # U+FFE1, U+FFE2).
    differ = {p for p in range(8836) if one(euc_bytes(p), "euc_jp") not in (None, t[p])}
    check(differ == {32, 33, 60, 80, 81, 137}, "cp932 vs euc_jp differences %r" % sorted(differ))
    check(sum(v is not None for v in t) == 7724, "index jis0208 has 7724 entries")
    # The standard's encoders rely on duplicates: the Shift_JIS encoder skips
    # pointers 8272-8835 "so later code points are used" (each is also at a
    # later pointer), and the EUC-JP / ISO-2022-JP encoders' first pointer
    # for any code point "is less than 8836" (each code point past 8835 is
    # also below it).
    later = set(v for v in t[8836:] if v)
    check(all(v in later for v in t[8272:8836] if v), "jis0208 8272-8835 repeated later")
    earlier = set(v for v in t[:8836] if v)
    check(all(v in earlier for v in t[8836:] if v), "jis0208 past 8835 repeated below 8836")
    return t


def jis0212():
    t = [one(b"\x8f" + euc_bytes(p), "euc_jp") for p in range(8836)]
    ascii_ = [p for p, v in enumerate(t) if v is not None and v < 0x80]
    check(ascii_ in ([116], []) and t[116] in (0x7E, 0xFF5E), "jis0212 entries in ASCII: %r" % ascii_)
    t[116] = 0xFF5E   # 0x8F 0xA2 0xB7 FULLWIDTH TILDE (Python: U+007E)
    check(sum(v is not None for v in t) == 6067, "index jis0212 has 6067 entries")
    return t


def euckr():
    t = []
    for p in range(23940):
        lead, trail = divmod(p, 190)
        t.append(one(bytes([lead + 0x81, trail + 0x41]), "cp949"))
    check(set(range(0xAC00, 0xD7A4)) <= set(t), "index EUC-KR covers the Hangul Syllables block")
    check(sum(v is not None for v in t) == 17048, "index EUC-KR has 17048 entries")
    return t


def gb18030():
    t = [one(gb2_bytes(p), "gb18030") for p in range(23940)]
    # Each correction also accepts a Python whose codec already has the
    # standard's value (a later GB18030 revision).
    check(t[6555] in (0xE5E5, 0x3000), "0xA3A0 in Python's gb18030")
    t[6555] = 0x3000   # 0xA3 0xA0: IDEOGRAPHIC SPACE, the standard's deployed-content exception
    check(t[7533] in (0xE7C7, 0x1E3F), "0xA8BC in Python's gb18030")
    t[7533] = 0x1E3F   # 0xA8 0xBC: GB18030-2005's LATIN SMALL LETTER M WITH ACUTE
    for b, (old, new) in GB2022.items():
        p = (b[0] - 0x81) * 190 + b[1] - (0x40 if b[1] < 0x7F else 0x41)
        check(t[p] in (old, new), "%s: Python's %r, the standard's encoder table U+%04X" % (b.hex(), t[p], old))
        check(t[p] == new or new not in t, "U+%04X already has a two-byte code" % new)
        t[p] = new
    check(all(v is not None for v in t), "index gb18030 is full")
    check(set(range(0x4E00, 0x9FA6)) <= set(t), "index gb18030 covers the CJK Unified Ideographs block")
    return t


def gb_ranges():
    # The standard keeps GB18030-2000's four-byte mapping: a codec of a later
    # revision is read back to it (pointer 7457 continues its run, the
    # decoder special-cases it; GB18030-2022's PUA code points are read as
    # the characters they stand for, as in 2000).
    back = {old: new for old, new in GB2022.values()}
    r = []
    prev = None
    for p in range(39420):
        c = one(gb4_bytes(p), "gb18030")
        check(c is not None, "four-byte pointer %d unmapped" % p)
        c = back.get(c, c)
        if p == 7457:
            check(c in (0x1E3F, 0xE7C7), "four-byte pointer 7457")
            c = prev + 1
        if prev is None or c != prev + 1:
            r.append((p, c))
        prev = c
    check(len(r) == 206 and r[0] == (0, 0x80) and r[-1] == (39394, 0xFFE6),
          "index gb18030 ranges: 207 entries, (0, U+0080) ... (39394, U+FFE6), (189000, U+10000)")
    for p, c in ((189000, 0x10000), (1237575, 0x10FFFF)):
        check(one(gb4_bytes(p), "gb18030") == c, "four-byte pointer %d" % p)
    return r


def big5():
    t = []
    for p in range(19782):
        b = big5_bytes(p)
        v = one(b, "big5hkscs")
        if 0xA1 <= b[0] <= 0xA3:
            w = one(b, "cp950")
            if w is not None and not 0xE000 <= w <= 0xF8FF:
                v = w
        t.append(v)
    for p in (1133, 1135, 1164, 1166):
        check(t[p] is None and len(big5_bytes(p).decode("big5hkscs")) == 2, "Big5 pointer %d" % p)
    for p in range(5432, 5465):   # 0xA3C0-0xA3E0: control pictures
        check(t[p] is None, "Big5 pointer %d already mapped" % p)
        t[p] = 0x2400 + p - 5432 if p < 5464 else 0x2421
    for p, c in HKSCS_2008.items():
        check(t[p] is None, "Big5 pointer %d already mapped" % p)
        t[p] = c
    check(t[5024] == 0x3000 and t[5465] == 0x20AC, "Big5 0xA140 U+3000, 0xA3E1 U+20AC")
    check(all(v is None or v <= 0xFFFF or 0x20000 <= v <= 0x2FFFF for v in t), "Big5 above the BMP: plane 2 only")
    check(sum(v is not None for v in t) == 18590, "index Big5 has 18590 entries")
    # The standard's Big5 encoder, which uses the pointers from
    # (0xA1 - 0x81) * 157 on, takes the last of several pointers for these
    # six code points: each must be there twice or more.
    for c in (0x2550, 0x255E, 0x2561, 0x256A, 0x5341, 0x5345):
        check(t[(0xA1 - 0x81) * 157:].count(c) >= 2, "Big5 U+%04X twice from pointer 5024 on" % c)
    return t


def segments(t, gap=32):
    """[(first pointer, values)] covering every mapped entry; runs of at
    least gap unmapped pointers split segments."""
    segs, start, last = [], None, None
    for p, v in enumerate(t):
        if v is None:
            continue
        if start is not None and p - last > gap:
            segs.append((start, t[start:last + 1]))
            start = None
        if start is None:
            start = p
        last = p
    if start is not None:
        segs.append((start, t[start:last + 1]))
    return segs


def emit(out, name, t, astral=False):
    segs = segments(t)
    flat = [v for _, vals in segs for v in vals]
    check(len(flat) < 65536, name + " too large")
    out.append("static const uint16_t %s_v[%d] = {" % (name, len(flat)))
    row = []
    for v in flat:
        row.append("0x%X" % ((v or 0) & 0xFFFF))
        if len(row) == 16:
            out.append(",".join(row) + ",")
            row = []
    if row:
        out.append(",".join(row) + ",")
    out.append("};")
    if astral:
        bits = [0] * ((len(flat) + 7) // 8)
        for i, v in enumerate(flat):
            if v and v > 0xFFFF:
                bits[i >> 3] |= 1 << (i & 7)
        out.append("static const uint8_t %s_plane2[%d] = {" % (name, len(bits)))
        for i in range(0, len(bits), 24):
            out.append(",".join("0x%X" % b for b in bits[i:i + 24]) + ",")
        out.append("};")
    off = 0
    out.append("static const struct cs_seg %s_seg[%d] = {" % (name, len(segs)))
    for first, vals in segs:
        out.append("    {%d, %d, %d}," % (first, len(vals), off))
        off += len(vals)
    out.append("};")
    return len(flat) * 2 + len(segs) * 6 + (((len(flat) + 7) // 8) if astral else 0)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen_index.py OUT.h")
    out = ["/* Generated by guest/web-fetch/gen_index.py from Python %s's codecs: do not edit. */" %
           sys.version.split()[0],
           "/* struct cs_seg { uint16_t first, len, off; } is declared by charset.c. */"]
    size = 0
    size += emit(out, "cs_jis0208", jis0208())
    size += emit(out, "cs_jis0212", jis0212())
    size += emit(out, "cs_euckr", euckr())
    size += emit(out, "cs_gb18030", gb18030())
    size += emit(out, "cs_big5", big5(), astral=True)
    r = gb_ranges()
    out.append("static const uint16_t cs_gb_ranges[%d][2] = {" % len(r))
    for i in range(0, len(r), 8):
        out.append(" ".join("{%d,0x%X}," % pc for pc in r[i:i + 8]))
    out.append("};")
    size += len(r) * 4
    out.append("#define CS_INDEX_BYTES %d" % size)
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write("\n".join(out) + "\n")
    import os
    os.replace(sys.argv[1] + ".tmp", sys.argv[1])


main()
