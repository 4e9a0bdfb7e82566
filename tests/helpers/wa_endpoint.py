#!/usr/bin/python3
"""wa_endpoint.py - a stand-in for the WhatsApp Cloud API's messages
endpoint, over HTTPS with a certificate the test made, for
tests/scripts/notify.sh.

    wa_endpoint.py CERT KEY PORTFILE LOG ANSWERS PHONE_ID TOKEN

Listens on 127.0.0.1 (a free port, written to PORTFILE).  Every request
is checked against the documented shape of a template message:
POST /vNN.N/PHONE_ID/messages, "Authorization: Bearer TOKEN",
"Content-Type: application/json", and the body
{"messaging_product": "whatsapp", "to": DIGITS, "type": "template",
 "template": {"name": NAME, "language": {"code": "id"|"en"},
   "components": [{"type": "body", "parameters":
     [{"type": "text", "text": TEXT}, ...]}]}}
with nothing else in it.  A request that does not fit gets 400 and a
line "bad: why" in LOG.  One that fits gets the next answer of the file
ANSWERS (one per line, consumed in order: 200, 500, 429, or "hang": no
answer for 30 s; 200 once the file is used up) and a line
"ok NAME LANG TO P1|P2 -> ANSWER" in LOG.
"""
import json
import re
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CERT, KEY, PORTFILE, LOG, ANSWERS, PHONE_ID, TOKEN = sys.argv[1:8]
lock = threading.Lock()


def next_answer():
    with lock:
        try:
            with open(ANSWERS) as f:
                lines = [l.strip() for l in f if l.strip()]
        except OSError:
            lines = []
        if not lines:
            return "200"
        with open(ANSWERS, "w") as f:
            f.write("".join(l + "\n" for l in lines[1:]))
        return lines[0]


def log(line):
    with lock:
        with open(LOG, "a") as f:
            f.write(line + "\n")


def shape(path, headers, raw):
    """why the request does not fit, or None, and its summary"""
    if not re.fullmatch(r"/v\d+\.\d+/%s/messages" % re.escape(PHONE_ID),
                        path):
        return "path " + path, None
    if headers.get("Authorization") != "Bearer " + TOKEN:
        return "authorization", None
    if headers.get("Content-Type", "").split(";")[0] != "application/json":
        return "content type", None
    try:
        b = json.loads(raw)
    except ValueError:
        return "not JSON", None
    if set(b) != {"messaging_product", "to", "type", "template"}:
        return "members " + ",".join(sorted(b)), None
    if b["messaging_product"] != "whatsapp" or b["type"] != "template":
        return "product or type", None
    if not isinstance(b["to"], str) or not re.fullmatch(r"\d{6,19}", b["to"]):
        return "to", None
    t = b["template"]
    if not isinstance(t, dict) or set(t) != {"name", "language",
                                             "components"}:
        return "template members", None
    if not isinstance(t["name"], str) or not t["name"]:
        return "template name", None
    if t["language"] not in ({"code": "id"}, {"code": "en"}):
        return "language", None
    c = t["components"]
    if not isinstance(c, list) or len(c) != 1 or set(c[0]) != {
            "type", "parameters"} or c[0]["type"] != "body":
        return "components", None
    ps = c[0]["parameters"]
    if not isinstance(ps, list) or not 1 <= len(ps) <= 2:
        return "parameters", None
    for p in ps:
        if set(p) != {"type", "text"} or p["type"] != "text" or \
                not isinstance(p["text"], str):
            return "parameter", None
    return None, "%s %s %s %s" % (t["name"], t["language"]["code"], b["to"],
                                  "|".join(p["text"] for p in ps))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def answer(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        log("bad: GET")
        self.answer(400, {"error": {"message": "GET"}})

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(n)
        why, summary = shape(self.path, self.headers, raw)
        if why:
            log("bad: " + why)
            self.answer(400, {"error": {"message": why}})
            return
        a = next_answer()
        log("ok %s -> %s" % (summary, a))
        if a == "hang":
            time.sleep(30)
            return
        code = int(a)
        if code == 200:
            self.answer(200, {"messaging_product": "whatsapp",
                              "messages": [{"id": "wamid.test"}]})
        else:
            self.answer(code, {"error": {"message": "status %d" % code}})


srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
srv.daemon_threads = True
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(CERT, KEY)
srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
import os
os.rename(PORTFILE + ".tmp", PORTFILE)
srv.serve_forever()
