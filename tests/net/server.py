#!/usr/bin/env python3
"""tests/net/server.py — the local HTTP server the net tests talk to.

    server.py PORTFILE LOGFILE [BIND [CERT.pem]]

Binds BIND (default 127.0.0.1) on a free port, writes the port to PORTFILE,
and appends one JSON line per request ({method, path, headers, body}) to
LOGFILE, so tests assert on what really reached the server.  Endpoints:
/page.html (a real-world-shaped article), /messy.html (old tag soup), /redirect?to=URL[&code=N], /loop,
/chain?n=K, /big?n=BYTES, /reflect (a secret header echoed in many encodings), /slow?s=SECONDS, /echo (the request as JSON),
/status?code=N, /bin (PNG-like bytes), /json, /latin1, /gzip, /doc?name=F&ct=TYPE (file F of the directory
$BX_DOC_DIR, with that Content-Type: tests/webfetch).
"""
import gzip, json, os, sys, time, urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
PORTFILE, LOGFILE = sys.argv[1], sys.argv[2]
BIND = sys.argv[3] if len(sys.argv) > 3 else "127.0.0.1"
CERT = sys.argv[4] if len(sys.argv) > 4 else None   # key and certificate: serve HTTPS


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, code, body, ctype="text/plain", extra=()):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def reflect(self, q):
        # /reflect?enc=E&where=W&pre=K&part=value|token: the X-Api-Key header
        # echoed in encoding E (base64 ones K bytes into a longer stream) in
        # W; the form sent is also in X-Echo-Form-Rev, reversed.
        import base64, binascii
        v = self.headers.get("X-Api-Key") or ""
        if q.get("part") == "token" and " " in v:
            v = v.split(" ", 1)[1]
        b = v.encode()
        e = q.get("enc", "raw")
        pre = b"\xfa\x11"[: int(q.get("pre", "0"))]
        forms = {
            "raw": lambda: v, "upper": lambda: v.upper(), "lower": lambda: v.lower(),
            "json_u": lambda: "".join("\\u%04x" % ord(c) for c in v),
            "json_U": lambda: "".join("\\u%04X" % ord(c) for c in v),
            "json_std": lambda: json.dumps(v)[1:-1],
            "json_slash": lambda: json.dumps(v)[1:-1].replace("/", "\\/").replace("&", "\\u0026"),
            "pct": lambda: "".join("%%%02X" % c for c in b),
            "pctl": lambda: urllib.parse.quote(v, safe="").lower(),
            "pct_plus": lambda: urllib.parse.quote_plus(v),
            "html": lambda: "".join("&#%d;" % ord(c) if not c.isalnum() else c for c in v),
            "hex": lambda: b.hex(),
            "b64": lambda: base64.b64encode(pre + b + b"^").decode(),
            "b64u": lambda: base64.urlsafe_b64encode(pre + b + b"^").decode(),
            "b64np": lambda: base64.b64encode(pre + b + b"^").decode().rstrip("="),
            "b64unp": lambda: base64.urlsafe_b64encode(pre + b + b"^").decode().rstrip("="),
            "b64mime": lambda: base64.encodebytes(b"x" * 50 + pre + b + b"^").decode(),
        }
        form = forms[e]()
        where = q.get("where", "body")
        shown = form.replace("\r", "").replace("\n", "")
        if e == "b64mime":
            shown = shown[64:]   # the filler's own base64 is no secret
        rev = [("X-Echo-Form-Rev", shown[::-1])]
        flat = form.replace("\n", "")
        if where == "body":
            self.send(200, "<p>your key: " + form + " (thanks)</p>", "text/plain", extra=rev)
        elif where == "header_value":
            self.send(200, "ok", extra=rev + [("X-Reflect", "k=" + flat + ";")])
        elif where == "header_name":
            self.send(200, "ok", extra=rev + [("X-" + flat, "1")])
        elif where in ("location", "location_follow"):
            self.send(302, "moved", extra=rev + [("Location", "/echo?t=" + flat)])
        elif where == "reason":
            self.send_response(200, flat)
            self.send_header("Content-Length", "2")
            self.send_header("X-Echo-Form-Rev", rev[0][1])
            self.end_headers()
            self.wfile.write(b"ok")

    def handle_any(self):
        u = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(u.query))
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n).decode("utf-8", "replace") if n else ""
        rec = {"method": self.command, "path": self.path,
               "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body,
               "header_list": [[k.lower(), v] for k, v in self.headers.items()]}   # repeated fields kept
        with open(LOGFILE, "a") as f:
            f.write(json.dumps(rec) + "\n")
        p = u.path
        if p == "/page.html":
            with open(os.path.join(HERE, "fixtures", "article.html"), "rb") as f:
                self.send(200, f.read(), "text/html; charset=utf-8")
        elif p == "/messy.html":
            with open(os.path.join(HERE, "fixtures", "messy.html"), "rb") as f:
                self.send(200, f.read(), "text/html")
        elif p == "/redirect":
            self.send(int(q.get("code", "302")), "moved", extra=[("Location", q.get("to", "/"))])
        elif p == "/loop":
            self.send(302, "again", extra=[("Location", "/loop")])
        elif p == "/chain":
            k = int(q.get("n", "0"))
            if k > 0:
                self.send(302, "next", extra=[("Location", "/chain?n=%d" % (k - 1))])
            else:
                self.send(200, "end of chain")
        elif p == "/big":
            self.send(200, "a" * int(q.get("n", "100000")))
        elif p == "/slow":
            time.sleep(float(q.get("s", "10")))
            self.send(200, "slow answer")
        elif p == "/echo":
            self.send(200, json.dumps(rec), "application/json")
        elif p == "/reflect":
            self.reflect(q)
        elif p == "/status":
            c = int(q.get("code", "404"))
            self.send(c, "<html><head><title>Not here</title></head><body><h1>%d</h1><p>No such page.</p></body></html>" % c,
                      "text/html")
        elif p == "/bin":
            self.send(200, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "image/png")
        elif p == "/json":
            self.send(200, '{"name": "boxagnts", "items": [1, 2, 3]}', "application/json")
        elif p == "/latin1":
            self.send(200, b"<html><body><p>caf\xe9 cr\xe8me</p></body></html>", "text/html; charset=ISO-8859-1")
        elif p == "/doc" and os.environ.get("BX_DOC_DIR"):
            f = os.path.join(os.environ["BX_DOC_DIR"], os.path.basename(q.get("name", "")))
            if os.path.isfile(f):
                with open(f, "rb") as fh:
                    self.send(200, fh.read(), q.get("ct", "text/html"))
            else:
                self.send(404, "no such doc")
        elif p == "/gzip":
            self.send(200, gzip.compress(b"x" * 200000), "text/plain", extra=[("Content-Encoding", "gzip")])
        else:
            self.send(404, "not found")

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = handle_any


class S(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass   # clients hanging up early (caps, timeouts) are expected
    address_family = __import__("socket").AF_INET6 if ":" in BIND else __import__("socket").AF_INET


srv = S((BIND, 0), H)
if CERT:
    import ssl
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(CERT)
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(PORTFILE + ".tmp", PORTFILE)
srv.serve_forever()
