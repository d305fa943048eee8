#!/usr/bin/env python3
"""tests/webfetch/ref.py — an independent reading of an HTML page and the
checks of web-fetch's markdown against it.

    ref.py PAGE.html RESULT.json BASE_URL|- ENCODING|auto   (-: the result's final_url)

ENCODING is a Python codec or a WHATWG label of a multi-byte encoding
(shift_jis, euc-kr, gbk, big5...: read with the Python codec that matches
the standard, e.g. cp932 for Shift_JIS).

The page is decoded by Python's codecs (ENCODING, the one the test served
it in) and parsed by Python's html.parser into a tree with the HTML rules
a browser applies to tag soup (void elements, <p>/<li>/<dt>/<dd>/<tr>/<td>
closed by their successors, <head> ended by body content).  From that tree,
never from the tool's output, come the expectations: every heading as a
"#" line, every plain-text <b>/<strong> as **text**, <em>/<i> as *text*,
<code> as `text`, every link [text](URL resolved by urllib), image
![alt](URL), list item on a line with its marker and the indentation of
its nesting, data-table row as a markdown row (header followed by its
"| --- |" separator), pre block fenced verbatim, blockquote lines behind
"> ", every visible text run present, and the text of scripts, styles,
navigation and hidden elements absent.  Prints each failed expectation and
a summary; exits 1 when any failed.
"""
import html.parser
import json
import re
import sys
import urllib.parse

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
        "source", "track", "wbr"}
BLOCK_CLOSES_P = {"address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "dir", "div",
                  "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
                  "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "listing",
                  "section", "summary", "table", "ul"}
HEAD_OK = {"title", "meta", "link", "style", "script", "base", "noscript", "template"}
DROP_TAGS = {"script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object", "canvas",
             "select", "button", "nav", "menu", "dialog", "audio", "video", "option", "optgroup", "textarea",
             "title", "xmp", "noembed", "noframes"}
DROP_ROLES = {"navigation", "search", "menu", "menubar", "dialog"}
# Elements that break the line; any other (span, font, acronym, custom
# elements) lets its text run on with its neighbours'.
BLOCKS = BLOCK_CLOSES_P | {"br", "caption", "tr", "td", "th", "thead", "tbody", "tfoot", "table", "listing"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SCOPE = {"table", "td", "th", "caption"}


class El:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.kids = tag, attrs, parent, []

    def ancestors(self):
        p = self.parent
        while p is not None:
            yield p
            p = p.parent


class Builder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = El("#root", {}, None)
        self.stack = [self.root]

    def find(self, names, stop):
        for i in range(len(self.stack) - 1, 0, -1):
            t = self.stack[i].tag
            if t in names:
                return i
            if t in stop:
                return 0
        return 0

    def pop_to(self, i):
        if i > 0:
            del self.stack[i:]

    def end_head(self):
        self.pop_to(self.find({"head"}, set()))

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "html":
            return
        if tag == "body":
            self.end_head()
            return
        if tag not in HEAD_OK:
            self.end_head()
        if tag in BLOCK_CLOSES_P:
            self.pop_to(self.find({"p"}, SCOPE))
        if tag == "li":
            self.pop_to(self.find({"li"}, {"ul", "ol", "dir"} | SCOPE))
        elif tag in ("dt", "dd"):
            self.pop_to(self.find({"dt", "dd"}, {"dl"} | SCOPE))
        elif tag in HEADINGS and self.stack[-1].tag in HEADINGS:
            self.stack.pop()
        elif tag == "a":
            self.pop_to(self.find({"a"}, SCOPE))
        elif tag in ("tr", "caption"):
            self.pop_to(self.find({"tr"}, {"table"}))
        elif tag in ("thead", "tbody", "tfoot"):
            i = self.find({"thead", "tbody", "tfoot"}, {"table"})
            self.pop_to(i if i else self.find({"tr"}, {"table"}))
        elif tag in ("td", "th"):
            self.pop_to(self.find({"td", "th"}, {"tr", "table"}))
            if self.stack[-1].tag in ("table", "thead", "tbody", "tfoot"):
                self.push("tr", {})
        self.push(tag, a)

    def push(self, tag, a):
        e = El(tag, a, self.stack[-1])
        self.stack[-1].kids.append(e)
        if tag not in VOID and len(self.stack) < 200:
            self.stack.append(e)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in ("html", "body"):
            return
        if tag == "br":
            self.push("br", {})
            return
        stops = {"li": {"ul", "ol", "dir"} | SCOPE, "dt": {"dl"} | SCOPE, "dd": {"dl"} | SCOPE,
                 "td": {"table"}, "th": {"table"}, "tr": {"table"}, "thead": {"table"}, "tbody": {"table"},
                 "tfoot": {"table"}, "caption": {"table"}, "table": set()}
        names = {"dt", "dd"} if tag in ("dt", "dd") else {"td", "th"} if tag in ("td", "th") else \
            HEADINGS if tag in HEADINGS else {tag}
        self.pop_to(self.find(names, stops.get(tag, SCOPE)))

    def handle_data(self, data):
        if self.stack[-1].tag == "head":
            if not data.strip():
                return
            self.end_head()
        self.stack[-1].kids.append(data)


def dropped(e):
    if e.tag in DROP_TAGS:
        return True
    if e.tag == "a" and e.attrs.get("href", "").strip().startswith("#"):   # permalink marks: "¶", "#"
        t = "".join(k for k in e.kids if isinstance(k, str)).strip()
        if all(isinstance(k, str) for k in e.kids) and 0 < len(t.encode()) <= 4 and \
                not any(c.isalnum() or c in "<>" for c in t):
            return True
    a = e.attrs
    if "hidden" in a or a.get("aria-hidden", "").lower() == "true" or a.get("role", "").lower() in DROP_ROLES:
        return True
    st = re.sub(r"\s", "", a.get("style", "").lower())
    return "display:none" in st or "visibility:hidden" in st


def visible(e):
    return not any(dropped(x) for x in [e, *e.ancestors()])


def norm(s):
    return " ".join(s.replace("\xa0", " ").split())


def text_of(e, pre=False):
    """The text a reader sees in e: img alt, br and block edges as spaces."""
    out = []

    def walk(x):
        for k in x.kids:
            if isinstance(k, str):
                out.append(k)
            elif dropped(k):
                continue
            elif k.tag == "br":
                out.append("\n" if pre else " ")
            elif k.tag == "img":
                out.append(k.attrs.get("alt") or k.attrs.get("title") or "")
            else:
                blk = k.tag in BLOCKS and not pre
                if blk:
                    out.append(" ")
                walk(k)
                if blk:
                    out.append(" ")
    walk(e)
    return "".join(out)


def plain(s):
    """Markdown inline syntax removed, as the expectations are plain text."""
    s = re.sub(r"(`+)(.+?)\1", lambda m: m.group(2)[1:-1] if m.group(2)[:1] == m.group(2)[-1:] == " "
               and m.group(2).strip() else m.group(2), s)
    dest = r"\((?:[^()\s]|\([^()\s]*\))*\)"   # a link destination, one level of parentheses
    s = re.sub(r"!\[([^\]]*)\]" + dest, r"\1", s)
    for _ in range(3):
        s = re.sub(r"\[([^\[\]]*)\]" + dest, r"\1", s)
    return s.replace("\\|", "|").replace("`", "").replace("*", "").replace("~~", "")


def unmark(s):
    return s.replace("`", "").replace("*", "").replace("~~", "")


def elements(e):
    for k in e.kids:
        if isinstance(k, El):
            yield k
            yield from elements(k)


def only_text(e):
    return all(isinstance(k, str) for k in e.kids)


def data_table_rows(t):
    """Rows of cells (text, colspan) as web-fetch's contract reads a data table, or None (layout)."""
    if any(x.tag == "table" for x in elements(t)):
        return None
    rows = []
    for k in t.kids:
        if not isinstance(k, El) or dropped(k):
            continue
        trs = [k] if k.tag == "tr" else [x for x in k.kids if isinstance(x, El) and x.tag == "tr" and not dropped(x)] \
            if k.tag in ("thead", "tbody", "tfoot") else []
        for tr in trs:
            cells = []
            for c in tr.kids:
                if isinstance(c, El) and c.tag in ("td", "th"):
                    try:
                        span = max(1, min(64, int(c.attrs.get("colspan", "1").strip() or 1)))
                    except ValueError:
                        span = 1
                    cells.append((c, span))
            rows.append(cells)
    cols = max((sum(s for _, s in r) for r in rows), default=0)
    if not rows or cols < 2:
        return None
    return rows, min(cols, 64)


# WHATWG labels of the multi-byte encodings -> the Python codec that reads
# them as the standard does (for the text these tests use: Python's
# shift_jis, euc_kr, gb2312 and big5 are the narrower JIS/KS/GB/Big5
# originals, the standard's encodings are Windows' and HKSCS' supersets).
PY_CODEC = {}
for _codec, _labels in (
        ("cp932", "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis"),
        ("euc_jp", "cseucpkdfmtjapanese euc-jp x-euc-jp"),
        ("iso2022_jp", "csiso2022jp iso-2022-jp"),
        ("cp949", "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 "
                  "ksc_5601 windows-949"),
        ("gb18030", "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk gb18030"),
        ("big5hkscs", "big5 big5-hkscs cn-big5 csbig5 x-x-big5")):
    for _l in _labels.split():
        PY_CODEC[_l] = _codec


def main():
    page, result, base, enc = sys.argv[1:5]
    raw = open(page, "rb").read()
    if enc == "auto":   # what the page declares (a saved page served without a charset)
        m = re.search(rb"""<meta[^>]*charset\s*=\s*["']?([\w.:-]+)|<\?xml[^>]*encoding=["']([\w.:-]+)""", raw[:4096], re.I)
        enc = (m.group(1) or m.group(2)).decode().lower() if m else "utf-8"
        if enc in ("iso-8859-1", "latin1", "us-ascii", "ascii"):
            enc = "cp1252"   # as browsers read them
    enc = PY_CODEC.get(enc.lower(), enc)
    src = raw.decode(enc, "replace")
    if src.startswith("\ufeff"):
        src = src[1:]
    b = Builder()
    b.feed(src)
    b.close()
    r = json.load(open(result))
    out = r["content"]
    if base == "-":
        base = r["metadata"]["final_url"]
    lines = out.split("\n")
    fails, counts = [], {}

    def check(kind, ok, what):
        counts[kind] = counts.get(kind, 0) + 1
        if not ok:
            fails.append("%s: %s" % (kind, what[:300]))

    all_els = [e for e in elements(b.root) if visible(e)]
    anc = lambda e, names: any(a.tag in names for a in e.ancestors())
    body_text = norm(unmark(text_of(b.root)))
    out_plain = norm(plain(out))

    # headings
    heading_lines = {}
    for ln in lines:
        m = re.match(r"^[ >]*(?:(?:-|\d+\.) +)*(#{1,6}) (.*)$", ln)
        if m:
            heading_lines.setdefault(len(m.group(1)), set()).add(norm(plain(m.group(2))))
    for e in all_els:
        if e.tag in HEADINGS and not anc(e, HEADINGS | {"table"}):
            t = norm(unmark(text_of(e)))
            if t and "[" not in t:
                check("heading", t in heading_lines.get(int(e.tag[1]), ()), "%s %r" % (e.tag, t))

    # emphasis and inline code: elements holding plain text only
    for e in all_els:
        if not only_text(e) or anc(e, {"pre", "code", "kbd", "samp", "tt"}):
            continue
        t = norm(text_of(e))
        if not t or any(c in t for c in "*`|[]\\_~"):
            continue
        if e.tag in ("b", "strong") and not anc(e, HEADINGS | {"b", "strong"}):
            check("strong", "**%s**" % t in out, t)
        elif e.tag in ("em", "i") and not anc(e, HEADINGS | {"em", "i"}):
            check("em", "*%s*" % t in out, t)
        elif e.tag in ("code", "kbd", "samp", "tt"):
            check("code", "`%s`" % t in out, t)

    # links and images
    for e in all_els:
        if e.tag == "a" and "href" in e.attrs and only_text(e) and not anc(e, {"pre", "code"}):
            href = e.attrs["href"].strip()
            t = norm(text_of(e))
            if not t or not href or href.startswith("#") or re.match(r"(?i)(javascript|data|vbscript):", href):
                continue
            url = urllib.parse.urljoin(base, href)
            if re.search(r"[\s()\[\]<>]", url) or any(c in t for c in "*`|[]\\_~"):
                continue
            check("link", "[%s](%s)" % (t, url) in out, "[%s](%s)" % (t, url))
        elif e.tag == "img" and not anc(e, {"pre", "code"}):
            alt, srcu = norm(e.attrs.get("alt", "")), e.attrs.get("src", "").strip()
            if not alt or not srcu or srcu.startswith("data:") or any(c in alt for c in "*`|[]\\_~"):
                continue
            url = urllib.parse.urljoin(base, srcu)
            if re.search(r"[\s()\[\]<>]", url):
                continue
            check("image", "![%s](%s)" % (alt, url) in out, "![%s](%s)" % (alt, url))

    # list items: marker and indentation from the nesting
    skip_ctx = {"table", "blockquote", "dd", "dl", "pre", "a", "figure"} | HEADINGS
    for e in all_els:
        if e.tag != "li" or anc(e, skip_ctx):
            continue
        first = next((k for k in e.kids if not (isinstance(k, str) and not k.strip())), None)
        if first is None or (isinstance(first, El) and first.tag in {"ul", "ol", "pre", "table", "hr", "dl",
                                                                     "blockquote"} | HEADINGS):
            continue
        full = norm(unmark(text_of(e)))
        if not full or "[" in full:
            continue

        def marker(li):
            p = li.parent
            if p.tag == "ol":
                try:
                    start = int(p.attrs.get("start", "1"))
                except ValueError:
                    start = 1
                items = [k for k in p.kids if isinstance(k, El) and k.tag == "li" and not dropped(k)]
                return "%d. " % (start + items.index(li))
            return "- "
        indent = ""
        for a in e.ancestors():
            if a.tag == "li":
                indent = " " * len(marker(a)) + indent
            if a.tag in ("ul", "ol", "dir") and a.parent is not None and a.parent.tag in ("ul", "ol", "dir"):
                indent = "  " + indent
        lead = indent + marker(e)
        found = False
        for ln in lines:
            if ln.startswith(lead) and not ln[len(lead):].startswith(" "):
                rest = norm(plain(re.sub(r"^#{1,6} ", "", ln[len(lead):])))
                if rest and full.startswith(rest):
                    found = True
                    break
        check("list item", found, "%r then %r" % (lead, full[:80]))

    # data tables: header row, separator, every row
    rows_out = []
    for ln in lines:
        s = re.sub(r"^[ >]*", "", ln)
        if len(s) >= 2 and s[0] == "|" and s[-1] == "|":
            inner = s[1:-1]
            inner = inner[1:] if inner.startswith(" ") else inner
            inner = inner[:-1] if inner.endswith(" ") else inner
            rows_out.append([norm(plain(c)) for c in re.split(r"(?<!\\) \| ", inner)])
        else:
            rows_out.append(None)
    for e in all_els:
        if e.tag != "table":
            continue
        dt = data_table_rows(e)
        if dt is None:
            continue
        rows, cols = dt
        if any(x.tag in ("li", "pre", "hr", "dl") for x in elements(e)):
            continue
        want = []
        for r_ in rows:
            cells = []
            for c, span in r_:
                cells.append(norm(unmark(text_of(c))))
                cells += [""] * (span - 1)
            cells = (cells + [""] * cols)[:cols]
            want.append(cells)
        ok = False
        for i in range(len(rows_out)):
            if rows_out[i] != want[0]:
                continue
            sep = rows_out[i + 1] if i + 1 < len(rows_out) else None
            if sep != ["---"] * cols:
                continue
            if all(i + 1 + j < len(rows_out) and rows_out[i + 1 + j] == want[j] for j in range(1, len(want))):
                ok = True
                break
        check("table", ok, "%d rows x %d, first %r" % (len(want), cols, want[0]))
        counts["table cell"] = counts.get("table cell", 0) + sum(len(w) for w in want)

    # pre blocks, verbatim between fences
    for e in all_els:
        if e.tag not in ("pre", "listing") or anc(e, {"li", "blockquote", "table", "dd", "pre"}):
            continue
        t = text_of(e, pre=True).replace("\r\n", "\n").replace("\r", "\n")
        if t.startswith("\n"):
            t = t[1:]
        t = t.rstrip()
        if not t:
            continue
        pat = r"(^|\n)(`{3,})[\w+-]*\n" + re.escape(t) + r"\n\2(\n|$)"
        check("pre", re.search(pat, out) is not None, t[:120])

    # blockquotes
    for e in all_els:
        if e.tag != "blockquote" or anc(e, {"li", "table", "blockquote", "pre", "dd"}):
            continue
        first = next((k for k in e.kids if not (isinstance(k, str) and not k.strip())), None)
        if first is None or (isinstance(first, El) and first.tag in ("ul", "ol", "pre", "table", "blockquote")):
            continue
        full = norm(unmark(text_of(e)))
        if not full:
            continue
        found = any(ln.startswith("> ") and norm(plain(ln[2:])) and full.startswith(norm(plain(ln[2:])))
                    for ln in lines)
        check("blockquote", found, full[:80])

    # every visible text run is there
    for e in [b.root] + all_els:
        if anc(e, {"title"}) or e.tag in ("title",):
            continue
        for k in e.kids:
            if isinstance(k, str):
                t = norm(unmark(k))
                if len(t) >= 12 and not any(c in t for c in "[]\\|"):
                    check("text", t in out_plain, t[:100])

    # dropped content stays out
    for e in elements(b.root):
        if dropped(e) and e.tag not in ("head", "title"):
            t = norm(unmark(text_of(e) if e.tag not in ("script", "style") else "".join(
                k for k in e.kids if isinstance(k, str))))
            if len(t) >= 16:
                tok = t[:40]
                if tok not in body_text:
                    check("dropped", tok not in out_plain, "%s: %r" % (e.tag, tok))

    total = sum(counts.values())
    print("checked %d: %s" % (total, ", ".join("%s %d" % kv for kv in sorted(counts.items()))))
    for f in fails[:15]:
        print("  MISSING " + f)
    if len(fails) > 15:
        print("  ... %d more" % (len(fails) - 15))
    sys.exit(1 if fails else 0)


main()
