#!/usr/bin/env python3
"""Extract numeric test vectors from the wasm spec testsuite into a C table.

Each row keeps the expected result exactly as the .wast file states it,
converted to IEEE bits with exact (Fraction) round-half-even arithmetic."""
import re, sys
from fractions import Fraction

SPEC = sys.argv[1]

def fbits(lit, w):
    """wast float literal -> bits (int) or ('canon'|'arith')."""
    E, M = (8, 23) if w == 32 else (11, 52)
    bias = (1 << (E - 1)) - 1
    s = lit.replace('_', '')
    neg = s.startswith('-')
    if s[0] in '+-':
        s = s[1:]
    sign = (1 << (w - 1)) if neg else 0
    if s == 'nan:canonical':
        return 'canon'
    if s == 'nan:arithmetic':
        return 'arith'
    if s.startswith('nan'):
        pay = int(s[6:], 16) if s.startswith('nan:0x') else (1 << (M - 1))
        return sign | (((1 << E) - 1) << M) | pay
    if s == 'inf':
        return sign | (((1 << E) - 1) << M)
    if s.startswith('0x'):
        m = re.fullmatch(r'0x([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?', s)
        ip, fp, ex = m.group(1) or '0', m.group(2) or '', int(m.group(3) or 0)
        v = Fraction(int(ip + fp or '0', 16), 16 ** len(fp)) * Fraction(2) ** ex
    else:
        m = re.fullmatch(r'(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?', s)
        ip, fp, ex = m.group(1) or '0', m.group(2) or '', int(m.group(3) or 0)
        v = Fraction(int(ip + fp or '0'), 10 ** len(fp)) * Fraction(10) ** ex
    if v == 0:
        return sign
    # exponent e with 2^e <= v < 2^(e+1)
    e = v.numerator.bit_length() - v.denominator.bit_length()
    if Fraction(2) ** e > v:
        e -= 1
    e = max(e, 1 - bias)                      # subnormal range
    scaled = v / Fraction(2) ** (e - M)       # significand in units of ulp
    q, r = divmod(scaled.numerator, scaled.denominator)
    r2 = 2 * r
    if r2 > scaled.denominator or (r2 == scaled.denominator and q & 1):
        q += 1
    if q == (1 << (M + 1)):
        q >>= 1; e += 1
    if e > bias:
        return sign | (((1 << E) - 1) << M)   # overflow to inf
    if q < (1 << M):                          # subnormal
        return sign | q
    return sign | ((e + bias) << M) | (q - (1 << M))

def ibits(lit, w):
    s = lit.replace('_', '')
    neg = s.startswith('-')
    if s[0] in '+-':
        s = s[1:]
    v = int(s, 16) if s.startswith('0x') else int(s)
    return (-v if neg else v) % (1 << w)

def cbits(ty, lit):
    return ibits(lit, 32 if ty == 'i32' else 64) if ty[0] == 'i' else fbits(lit, 32 if ty == 'f32' else 64)

# self-check of the float reader against Python's correctly rounded f64 parser
import struct
for t in ['0.1', '1e308', '2.5e-324', '4.9e-324', '0x1.fffffffffffffp+1023', '0x1p-1074', '9223372036854775807', '6.6382536710104395e+37']:
    want = struct.unpack('<Q', struct.pack('<d', float.fromhex(t) if t.startswith('0x') else float(t)))[0]
    assert fbits(t, 64) == want, t
assert fbits('0x1p-149', 32) == 1 and fbits('1.0', 32) == 0x3f800000 and fbits('0x1.fffffep+127', 32) == 0x7f7fffff
assert fbits('16777217', 32) == 0x4b800000 and fbits('16777219', 32) == 0x4b800002

CONST = r'\((i32|i64|f32|f64)\.const\s+([^\s()]+)\)'
# file -> {wast export name: C op enum}
SOURCES = [
  ('conversions.wast', None),
  ('f32.wast', 'f32'), ('f64.wast', 'f64'),
  ('f32_bitwise.wast', 'f32'), ('f64_bitwise.wast', 'f64'),
  ('float_misc.wast', None),
  ('i32.wast', 'i32'), ('i64.wast', 'i64'),
]
WANT = {
  'f32': {'min', 'max', 'nearest', 'copysign'},
  'f64': {'min', 'max', 'nearest', 'copysign'},
  'i32': {'rotl', 'rotr', 'clz', 'ctz', 'popcnt'},
  'i64': {'rotl', 'rotr', 'clz', 'ctz', 'popcnt'},
}
CONV = re.compile(r'^(i32\.trunc(_sat)?_f(32|64)_[su]|i64\.trunc(_sat)?_f(32|64)_[su]|f(32|64)\.convert_i64_[su]|f32\.demote_f64|f64\.promote_f32)$')

KEEP = {'0x0p+0', '0x1p-149', '0x0.0000000000001p-1022', '0x1p+0',
        'inf', 'nan', 'nan:0x200000', 'nan:0x4000000000000'}
rows = []
for fname, prefix in SOURCES:
    for ln, line in enumerate(open(f'{SPEC}/{fname}'), 1):
        m = re.match(r'\s*\(assert_(return|trap)\s+\(invoke\s+"([^"]+)"((?:\s*' + CONST + r')*)\s*\)\s*(.*)$', line)
        if not m:
            continue
        kind, name, argtxt, rest = m.group(1), m.group(2), m.group(3), m.group(6)
        if prefix:
            if name not in WANT[prefix]:
                continue
            op = f'{prefix}.{name}'
            # the min/max/copysign grids are 20x20; keep the edge values
            if name in ('min', 'max', 'copysign') and not all(
                    l.lstrip('+-') in KEEP for _, l in re.findall(CONST, argtxt)):
                continue
        else:
            if fname == 'float_misc.wast':
                if not re.match(r'^f(32|64)\.(min|max|nearest|copysign)$', name):
                    continue
            elif not CONV.match(name):
                continue
            op = name
        args = [cbits(t, l) for t, l in re.findall(CONST, argtxt)]
        if kind == 'trap':
            msg = re.match(r'\s*"([^"]+)"', rest).group(1)
            exp_kind = {'integer overflow': 'TRAP_OVF', 'invalid conversion to integer': 'TRAP_INV'}[msg]
            exp = 0
        else:
            rm = re.match(r'\s*' + CONST, rest)
            exp = cbits(rm.group(1), rm.group(2))
            if exp == 'canon':
                exp_kind, exp = 'NAN_CANON', 0
            elif exp == 'arith':
                exp_kind, exp = 'NAN_ARITH', 0
            else:
                exp_kind = 'BITS'
        args += [0] * (2 - len(args))
        opid = 'OP_' + op.replace('.', '_').upper()
        rows.append((fname, ln, opid, args, exp_kind, exp, line.strip()))

ops = sorted({r[2] for r in rows})
print('/* ops */')
print('enum op {\n    ' + ',\n    '.join(ops) + '\n};')
print()
print('static const struct tcase cases[] = {')
for fname, ln, opid, args, ek, exp, text in rows:
    text = text.replace('*/', '* /')
    print(f'    /* {text} */')
    print(f'    {{"{fname}:{ln}", {opid}, 0x{args[0]:x}, 0x{args[1]:x}, {ek}, 0x{exp:x}}},')
print('};')
print(f'/* {len(rows)} cases */', file=sys.stderr)
from collections import Counter
print(Counter(r[2] for r in rows), file=sys.stderr)
