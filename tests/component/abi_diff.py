#!/usr/bin/env python3
"""abi_diff.py — the canonical ABI checked differentially against the
specification's executable definition (definitions.py, CanonicalABI.md).

For N random value types (seeded, depth-limited) and a random value of each:
  layout  elem_size, alignment and flatten_type: ours vs definitions.py
  lift    definitions.py stores the value into a memory; our bxcm_load reads
          it back: the values must be equal
  lower   our bxcm_store writes the value (realloc: a bump allocator); the
          definitions.py load reads it back: equal again
Usage: abi_diff.py DEFINITIONS_DIR DRIVER N SEED
Prints one FAIL line per difference and ends with "N passed, N failed".
"""
import math
import random
import struct
import subprocess
import sys

sys.path.insert(0, sys.argv[1])
import definitions as D  # noqa: E402

D.DETERMINISTIC_PROFILE = True
R = random.Random(int(sys.argv[4]))
PRIMS = ['bool', 's8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64', 'f32', 'f64', 'char', 'string']
PT = {'bool': D.BoolType, 's8': D.S8Type, 'u8': D.U8Type, 's16': D.S16Type, 'u16': D.U16Type,
      's32': D.S32Type, 'u32': D.U32Type, 's64': D.S64Type, 'u64': D.U64Type, 'f32': D.F32Type,
      'f64': D.F64Type, 'char': D.CharType, 'string': D.StringType}


def lab(i):
    return 'c%d' % i


def gen_type(depth):
    """(tokens, definitions type, kind descriptor)"""
    k = R.choice(PRIMS) if depth <= 0 or R.random() < 0.4 else R.choice(
        ['list', 'record', 'tuple', 'variant', 'enum', 'option', 'result', 'flags'])
    if k in PRIMS:
        return [k], PT[k](), (k,)
    if k in ('list', 'option'):
        tt, dt, kd = gen_type(depth - 1)
        return [k] + tt, (D.ListType(dt) if k == 'list' else D.OptionType(dt)), (k, kd)
    if k == 'result':
        toks, parts = ['result'], []
        for _ in range(2):
            if R.random() < 0.7:
                tt, dt, kd = gen_type(depth - 1)
                toks += ['1'] + tt
                parts.append((dt, kd))
            else:
                toks.append('0')
                parts.append((None, None))
        return toks, D.ResultType(parts[0][0], parts[1][0]), ('result', parts[0][1], parts[1][1])
    n = R.randint(1, 34 if k == 'flags' else (300 if k == 'enum' and R.random() < 0.1 else 5))
    if k in ('enum', 'flags'):
        n = min(n, 32) if k == 'flags' else n
        if k == 'enum':
            n = min(n, 64)
        labels = [lab(i) for i in range(n)]
        return [k, str(n)], (D.EnumType(labels) if k == 'enum' else D.FlagsType(labels)), (k, n)
    toks, subs = [k, str(n)], []
    for i in range(n):
        if k == 'variant' and R.random() < 0.3:
            toks.append('0')
            subs.append((None, None))
            continue
        tt, dt, kd = gen_type(depth - 1)
        toks += (['1'] if k == 'variant' else []) + tt
        subs.append((dt, kd))
    if k == 'record':
        return toks, D.RecordType([D.FieldType(lab(i), s[0]) for i, s in enumerate(subs)]), (k, [s[1] for s in subs])
    if k == 'tuple':
        return toks, D.TupleType([s[0] for s in subs]), (k, [s[1] for s in subs])
    return toks, D.VariantType([D.CaseType(lab(i), s[0]) for i, s in enumerate(subs)]), (k, [s[1] for s in subs])


def rand_str():
    pool = ['a', 'z', ' ', 'é', 'ß', '€', '☃', '😀', '\u00ff', '\u0100', '\U0010fffd']
    return ''.join(R.choice(pool) for _ in range(R.randint(0, 6)))


def gen_val(kd):
    k = kd[0]
    if k == 'bool':
        return R.random() < 0.5
    if k in ('s8', 's16', 's32', 's64', 'u8', 'u16', 'u32', 'u64'):
        bits = int(k[1:])
        if k[0] == 's':
            return R.randint(-(1 << (bits - 1)), (1 << (bits - 1)) - 1)
        return R.randint(0, (1 << bits) - 1)
    if k == 'f32':
        return struct.unpack('<f', struct.pack('<f', R.uniform(-1e6, 1e6)))[0] if R.random() < 0.9 else R.choice([0.0, -0.0, math.inf, -math.inf])
    if k == 'f64':
        return R.uniform(-1e12, 1e12) if R.random() < 0.9 else R.choice([0.0, -0.0, math.inf, -math.inf])
    if k == 'char':
        c = R.choice([0x41, 0xe9, 0x20ac, 0x1f600, 0x10ffff, 0xd7ff, 0xe000, 0])
        return chr(c)
    if k == 'string':
        s = rand_str()
        return (s, 'utf8', len(s.encode('utf-8')))
    if k == 'list':
        return [gen_val(kd[1]) for _ in range(R.randint(0, 3))]
    if k == 'option':
        return {'none': None} if R.random() < 0.3 else {'some': gen_val(kd[1])}
    if k == 'result':
        i = R.randint(0, 1)
        sub = kd[1 + i]
        return {('ok', 'error')[i]: gen_val(sub) if sub else None}
    if k == 'enum':
        return {lab(R.randrange(kd[1])): None}
    if k == 'flags':
        return {lab(i): R.random() < 0.5 for i in range(kd[1])}
    if k == 'record':
        return {lab(i): gen_val(s) for i, s in enumerate(kd[1])}
    if k == 'tuple':
        return {str(i): gen_val(s) for i, s in enumerate(kd[1])}
    i = R.randrange(len(kd[1]))
    return {lab(i): gen_val(kd[1][i]) if kd[1][i] else None}


def fhex(v, w):
    return '%08x' % struct.unpack('<I', struct.pack('<f', v))[0] if w == 32 else '%016x' % struct.unpack('<Q', struct.pack('<d', v))[0]


def toks(kd, v):
    k = kd[0]
    if k == 'bool':
        return ['true' if v else 'false']
    if k in ('s8', 's16', 's32', 's64', 'u8', 'u16', 'u32', 'u64'):
        return [str(v)]
    if k == 'f32':
        return [fhex(v, 32)]
    if k == 'f64':
        return [fhex(v, 64)]
    if k == 'char':
        return [str(ord(v))]
    if k == 'string':
        b = v[0].encode('utf-8')
        return [b.hex() if b else '-']
    if k == 'list':
        out = [str(len(v))]
        for e in v:
            out += toks(kd[1], e)
        return out
    if k == 'option':
        return ['none'] if 'none' in v else ['some'] + toks(kd[1], v['some'])
    if k == 'result':
        if 'ok' in v:
            return ['ok'] + (toks(kd[1], v['ok']) if kd[1] else [])
        return ['err'] + (toks(kd[2], v['error']) if kd[2] else [])
    if k == 'enum':
        return [list(v)[0]]
    if k == 'flags':
        on = [l for l in (lab(i) for i in range(kd[1])) if v[l]]
        return [str(len(on))] + on
    if k in ('record', 'tuple'):
        out = []
        for i, s in enumerate(kd[1]):
            out += toks(s, v[lab(i) if k == 'record' else str(i)])
        return out
    label = list(v)[0]
    i = int(label[1:])
    return [label] + (toks(kd[1][i], v[label]) if kd[1][i] else [])


def flat_name(t):
    return t


class Heap:
    def __init__(self, n):
        self.memory = bytearray(n)
        self.last = 8

    def realloc(self, args):
        optr, osz, al, nsz = args
        if optr and nsz <= osz:
            return [optr]
        p = D.align_to(self.last, al)
        self.last = p + nsz
        if self.last > len(self.memory):
            D.trap()
        self.memory[p:p + osz] = self.memory[optr:optr + osz]
        return [p]


def mk_cx(heap):
    opts = D.CanonicalOptions()
    opts.memory = D.MemInst(heap.memory, 'i32')
    opts.string_encoding = 'utf8'
    opts.realloc = heap.realloc
    opts.post_return = None
    opts.async_ = False
    opts.callback = None
    return D.LiftLowerContext(opts, D.ComponentInstance(D.Store()))


def main():
    driver, n = sys.argv[2], int(sys.argv[3])
    p = subprocess.Popen([driver, 'script'], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

    def cmd(line):
        p.stdin.write(line + '\n')
        p.stdin.flush()
        return p.stdout.readline().strip()

    passed = failed = 0

    def res(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            if failed <= 30:
                print('FAIL ' + what)

    for _ in range(n):
        tt, dt, kd = gen_type(R.randint(0, 4))
        ts = ' '.join(tt)
        # layout
        want = 'ok %d %d' % (D.elem_size(dt, 'i32'), D.alignment(dt, 'i32'))
        fl = D.flatten_type(dt, D.mk_opts() if hasattr(D, 'mk_opts') else mk_cx(Heap(16)).opts)
        want += ' %d%s' % (len(fl), ''.join(' ' + f for f in fl))
        got = cmd('layout ' + ts)
        res(got == want, 'layout %s: want %s got %s' % (ts, want, got))
        v = gen_val(kd)
        vt = ' '.join(toks(kd, v))
        # lift: definitions.py stores, we load
        heap = Heap(65536 * 2)
        cx = mk_cx(heap)
        try:
            ptr = cx.allocate(D.alignment(dt, 'i32'), D.elem_size(dt, 'i32'))
            D.store(cx, v, dt, ptr)
        except D.Trap:
            res(False, 'definitions.py trapped storing %s' % ts)
            continue
        got = cmd('lift %s %d %s' % (bytes(heap.memory[:heap.last]).hex() or '00', ptr, ts))
        res(got == 'ok ' + vt, 'lift %s = %s: got %s' % (ts, vt, got))
        # lower: we store, definitions.py loads
        got = cmd('lower %s %s' % (ts, vt))
        parts = got.split(' ')
        if parts[0] != 'ok' or len(parts) < 3:
            res(False, 'lower %s = %s: %s' % (ts, vt, got))
            continue
        mem = bytearray(bytes.fromhex(parts[2])) + bytearray(65536 * 2)
        heap2 = Heap(0)
        heap2.memory = mem
        cx2 = mk_cx(heap2)
        try:
            back = D.load(cx2, int(parts[1]), dt)
            res(toks(kd, back) == toks(kd, v), 'lower %s = %s: definitions.py loads %s' % (ts, vt, ' '.join(toks(kd, back))))
        except D.Trap:
            res(False, 'lower %s = %s: definitions.py trapped loading it' % (ts, vt))
    p.stdin.close()
    p.wait()
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
