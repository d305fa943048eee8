#!/usr/bin/env python3
"""wast.py — run the Component Model reference tests (.wast) against our
decoder and runtime.

Each (component ...) form is turned into a binary by `jco parse` (jco bundles
wasm-tools); the binary goes to build/tests/component/test_component in
script mode, which decodes, instantiates and invokes.  Directives:
  (component ...), (component definition $X ...), (component instance $i $X)
  assert_return / assert_trap on (invoke ...), plain (invoke ...)
  assert_invalid / assert_malformed / assert_unlinkable: must be refused
Files named in nyi.txt, and those in tests/component/ref-skip.txt (with the
reason), are skipped by name; every directive of the others counts as passed
or failed.  Usage: wast.py JCO DRIVER TESTDIR SKIPFILE WORKDIR
"""
import os
import re
import struct
import subprocess
import sys


def tokenize(s):
    i, n, out = 0, len(s), []
    while i < n:
        c = s[i]
        if c in ' \t\r\n':
            i += 1
        elif s.startswith(';;', i):
            j = s.find('\n', i)
            i = n if j < 0 else j
        elif s.startswith('(;', i):
            depth, i = 1, i + 2
            while i < n and depth:
                if s.startswith('(;', i):
                    depth, i = depth + 1, i + 2
                elif s.startswith(';)', i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
        elif c in '()':
            out.append((c, i))
            i += 1
        elif c == '"':
            j = i + 1
            while j < n and s[j] != '"':
                j += 2 if s[j] == '\\' else 1
            out.append((s[i:j + 1], i))
            i = j + 1
        else:
            j = i
            while j < n and s[j] not in ' \t\r\n()"':
                j += 1
            out.append((s[i:j], i))
            i = j
    return out


def parse(s):
    toks = tokenize(s)
    pos = 0

    def one():
        nonlocal pos
        t, at = toks[pos]
        pos += 1
        if t == '(':
            lst = []
            start = at
            while toks[pos][0] != ')':
                lst.append(one())
            end = toks[pos][1]
            pos += 1
            return {'list': lst, 'text': s[start:end + 1]}
        return t

    forms = []
    while pos < len(toks):
        forms.append(one())
    return forms


def head(f):
    return f['list'][0] if isinstance(f, dict) and f['list'] else None


def unstr(t):
    """A .wast string literal to bytes."""
    b, i, body = bytearray(), 0, t[1:-1]
    while i < len(body):
        c = body[i]
        if c == '\\':
            d = body[i + 1]
            if d in 'nt"\'\\':
                b += {'n': b'\n', 't': b'\t', '"': b'"', "'": b"'", '\\': b'\\'}[d]
                i += 2
            elif d == 'u':
                j = body.index('}', i)
                b += chr(int(body[i + 3:j], 16)).encode('utf-8', 'surrogatepass')
                i = j + 1
            else:
                b.append(int(body[i + 1:i + 3], 16))
                i += 3
        else:
            b += c.encode('utf-8')
            i += 1
    return bytes(b)


def num(t):
    t = t.replace('_', '')
    return int(t, 0) if not t.startswith('-') else -int(t[1:], 0)


def fbits(t, w):
    t = t.replace('_', '')
    if 'nan' in t:
        return 0x7fc00000 if w == 32 else 0x7ff8000000000000
    v = float.fromhex(t) if '0x' in t else float(t)
    return struct.unpack('<I', struct.pack('<f', v))[0] if w == 32 else struct.unpack('<Q', struct.pack('<d', v))[0]


def val(f):
    """A .wast value to driver tokens."""
    h = head(f)
    a = f['list'][1:]
    if h in ('u8.const', 'u16.const', 'u32.const', 'u64.const', 's8.const', 's16.const', 's32.const', 's64.const'):
        return [str(num(a[0]))]
    if h == 'bool.const':
        return [a[0]]
    if h == 'char.const':
        return [str(ord(unstr(a[0]).decode('utf-8', 'surrogatepass')))]
    if h == 'str.const':
        b = unstr(a[0])
        return [b.hex() if b else '-']
    if h == 'f32.const':
        return ['%08x' % fbits(a[0], 32)]
    if h == 'f64.const':
        return ['%016x' % fbits(a[0], 64)]
    if h == 'f32.reinterpret_i32':
        return ['%08x' % (num(val(a[0])[0]) & 0xffffffff)]
    if h == 'f64.reinterpret_i64':
        return ['%016x' % (num(val(a[0])[0]) & 0xffffffffffffffff)]
    if h == 'list.const':
        out = [str(len(a))]
        for x in a:
            out += val(x)
        return out
    if h in ('tuple.const',):
        out = []
        for x in a:
            out += val(x)
        return out
    if h == 'record.const':
        out = []
        for fld in a:   # (field "name" v) — the v may be split: field "s" str.const "v="
            rest = fld['list'][2:]
            if len(rest) == 1:
                out += val(rest[0])
            else:
                out += val({'list': rest, 'text': ''})
        return out
    if h == 'variant.const':
        return [unstr(a[0]).decode()] + (val(a[1]) if len(a) > 1 else [])
    if h == 'enum.const':
        return [unstr(a[0]).decode()]
    if h == 'option.none':
        return ['none']
    if h == 'option.some':
        return ['some'] + val(a[0])
    if h == 'result.ok':
        return ['ok'] + (val(a[0]) if a else [])
    if h == 'result.err':
        return ['err'] + (val(a[0]) if a else [])
    if h == 'flags.const':
        return [str(len(a))] + [unstr(x).decode() for x in a]
    raise ValueError('value ' + str(h))


class Runner:
    def __init__(self, jco, driver, work):
        self.jco, self.driver, self.work, self.n = jco, driver, work, 0
        self.pending = []
        self.p = subprocess.Popen([driver, 'script'], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  text=True, bufsize=1)
        self.defs = {}

    def cmd(self, line):
        try:
            self.p.stdin.write(line + '\n')
            self.p.stdin.flush()
            out = self.p.stdout.readline()
        except BrokenPipeError:
            out = ''
        if not out:
            self.p = subprocess.Popen([self.driver, 'script'], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      text=True, bufsize=1)
            return 'crash: the driver died'
        return out.strip()

    def binary(self, form):
        """The binary of a (component ...) form, or None when jco cannot parse it."""
        self.n += 1
        base = os.path.join(self.work, 'c%d' % self.n)
        lst = form['list']
        if len(lst) > 1 and lst[1] in ('binary',) or (len(lst) > 2 and lst[2] == 'binary'):
            data = b''.join(unstr(x) for x in lst if isinstance(x, str) and x.startswith('"'))
            open(base + '.wasm', 'wb').write(data)
            return base + '.wasm'
        text = form['text']
        if len(lst) > 1 and lst[1] == 'quote' or (len(lst) > 2 and lst[2] == 'quote'):
            body = ' '.join(unstr(x).decode('utf-8', 'replace') for x in lst if isinstance(x, str) and x.startswith('"'))
            text = '(component ' + body + ')'
        text = re.sub(r'^\(component\s+definition', '(component', text)
        if self.prepass:
            open(base + '.wat', 'w').write(text)
            self.pending.append(base)
            return base + '.wasm'
        return base + '.wasm' if os.path.exists(base + '.wasm') else None

    def convert(self):
        """jco parse every pending form in one node process."""
        lst = os.path.join(self.work, 'list.txt')
        with open(lst, 'w') as f:
            for b in self.pending:
                f.write('%s.wat %s.wasm\n' % (b, b))
        subprocess.run(['node', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'jco_parse.mjs'),
                        self.jco, lst], capture_output=True)
        self.pending = []


self_check = False   # hostile tests: our trap message must name the reason


def run_file(path, r, report):
    forms = parse(open(path, encoding='utf-8').read())
    # first pass: every form to text files, converted in one batch
    r.prepass, n0 = True, r.n
    for f in forms:
        h = head(f)
        if h == 'component' and not (len(f['list']) > 1 and f['list'][1] == 'instance'):
            r.binary(f)
        elif h in ('assert_invalid', 'assert_malformed', 'assert_unlinkable'):
            r.binary(f['list'][1])
    r.convert()
    r.prepass, r.n = False, n0
    passed = failed = 0
    cur = None

    def res(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            report.append('FAIL %s: %s' % (os.path.basename(path), what))

    for f in forms:
        h = head(f)
        lst = f['list']
        if h == 'component':
            name = lst[1] if len(lst) > 1 and isinstance(lst[1], str) and lst[1].startswith('$') else None
            is_def = len(lst) > 1 and lst[1] == 'definition'
            if is_def:
                name = lst[2] if len(lst) > 2 and isinstance(lst[2], str) and lst[2].startswith('$') else None
            if len(lst) > 1 and lst[1] == 'instance':
                src = r.defs.get(lst[3] if len(lst) > 3 else None)
                out = r.cmd('load ' + src) if src else 'error: unknown definition'
                res(out == 'ok', 'instance %s: %s' % (lst[2], out))
                continue
            b = r.binary(f)
            if b is None:
                res(False, 'jco parse failed on a component at offset')
                continue
            if is_def:
                r.defs[name] = b
                out = r.cmd('decode ' + b)
                res(out == 'ok', 'definition: ' + out)
                continue
            out = r.cmd('load ' + b)
            res(out == 'ok', 'component: ' + out)
            cur = b
        elif h in ('assert_return', 'invoke', 'assert_trap'):
            inv = f if h == 'invoke' else lst[1]
            if head(inv) != 'invoke':
                res(False, h + ' of a non-invoke form')
                continue
            try:
                args = []
                for x in inv['list'][2:]:
                    args += val(x)
                exp = []
                if h == 'assert_return':
                    for x in lst[2:]:
                        exp += val(x)
            except (ValueError, IndexError, KeyError) as e:
                res(False, 'unsupported value %s' % e)
                continue
            out = r.cmd('invoke %s %s' % (unstr(inv['list'][1]).decode(), ' '.join(args)))
            if h == 'assert_trap':
                why = unstr(lst[2]).decode() if len(lst) > 2 and self_check else ''
                res(out.startswith('trap') and why.lower() in out.lower(),
                    '%s: expected a trap (%s), got %s' % (inv['text'][:60], why, out))
            elif h == 'invoke':
                res(out.startswith('ok'), '%s: %s' % (inv['text'][:60], out))
            else:
                want = ' '.join(['ok'] + exp)
                res(out == want, '%s: want %s, got %s' % (inv['text'][:60], want, out))
        elif h in ('assert_invalid', 'assert_malformed', 'assert_unlinkable'):
            b = r.binary(lst[1])
            if b is None:
                res(h == 'assert_malformed', h + ': jco parse refused it')
                continue
            out = r.cmd(('load ' if h == 'assert_unlinkable' else 'decode ') + b)
            res(out != 'ok', '%s %s: accepted' % (h, unstr(lst[2]).decode() if len(lst) > 2 else ''))
        elif h in ('register',):
            res(False, 'register is not supported')
        else:
            res(False, 'unknown directive ' + str(h))
    return passed, failed


def main():
    global self_check
    jco, driver, testdir, skipfile, work = sys.argv[1:6]
    self_check = len(sys.argv) > 6 and sys.argv[6] == '--check-messages'
    os.makedirs(work, exist_ok=True)
    skip = {}
    nyi = os.path.join(testdir, 'nyi.txt')
    for line in (open(nyi) if os.path.exists(nyi) else []):
        line = line.strip()
        if line and not line.startswith('#'):
            skip[os.path.normpath(line)] = 'nyi.txt'
    for line in open(skipfile):
        line = line.strip()
        if line and not line.startswith('#'):
            name, _, why = line.partition(' ')
            skip[os.path.normpath(name)] = why.strip() or 'not supported'
    files = []
    for d in sorted(os.listdir(testdir)):
        if os.path.isdir(os.path.join(testdir, d)):
            for f in sorted(os.listdir(os.path.join(testdir, d))):
                if f.endswith('.wast'):
                    files.append(os.path.normpath(os.path.join(d, f)))
    tp = tf = ts = 0
    for rel in files:
        if rel in skip:
            print('SKIP %s (%s)' % (rel, skip[rel]))
            ts += 1
            continue
        r = Runner(jco, driver, os.path.join(work, rel.replace('/', '_')))
        os.makedirs(r.work, exist_ok=True)
        report = []
        p, f = run_file(os.path.join(testdir, rel), r, report)
        r.p.stdin.close()
        r.p.wait()
        print('%s %s: %d passed, %d failed' % ('ok  ' if not f else 'FAIL', rel, p, f))
        for line in report[:40]:
            print('    ' + line)
        tp += p
        tf += f
    print('%d passed, %d failed, %d skipped' % (tp, tf, ts))
    return 1 if tf else 0


if __name__ == '__main__':
    sys.exit(main())
