#!/usr/bin/python3
"""hostile.py - one hostile machine on the office's network, for
tests/scripts/hostile.sh and tests/bench/bench_hostile.sh (antri-serve on
loopback; a source address 127.0.0.x stands for one PC).  Every loop is
bounded in count and time.

  hostile.py flood PORT ATTACKER CLERK COOKIE N HOLD_S
      N event-stream requests from ATTACKER, held HOLD_S seconds, then
      closed at once.  During the flood the clerk (CLERK, session COOKIE)
      presses next on counter 1; after it, ATTACKER asks for the status
      until it is answered.  Prints:
        held K          connections still open at the end of the hold
        press S MS      the press's HTTP status and ms from its start
                        (S 0: no answer within HOLD_S)
        recovered MS    ms from the close until ATTACKER is served again
                        (or "not recovered" after 20 s)
  hostile.py streams PORT SRC N HOLD_S [PATH]
      N public event streams from SRC, held HOLD_S seconds.  Prints
      "streams OK REFUSED OTHER" (200 / 503 too_many_streams / anything
      else, including a closed connection) once they are all answered.
  hostile.py burst PORT SRC N NAME PASSWORD [CLERK COOKIE]
      N log-ins at once from SRC; prints one line "STATUS CODE COUNT" per
      kind of answer; with CLERK and COOKIE, a press during the burst
      ("press S MS").
"""
import json
import socket
import sys
import threading
import time


def connect(port, src, timeout=5.0):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.bind((src, 0))
    s.connect(("127.0.0.1", port))
    return s


def request(port, src, method, path, body=None, cookie=None, timeout=5.0):
    """One request; (status, parsed JSON or None).  status 0: no answer."""
    try:
        s = connect(port, src, timeout)
    except OSError:
        return 0, None
    host = "127.0.0.1:%d" % port
    head = "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n" % (
        method, path, host)
    data = b""
    if body is not None:
        data = json.dumps(body).encode()
        head += ("Origin: http://%s\r\nContent-Type: application/json\r\n"
                 "Content-Length: %d\r\n" % (host, len(data)))
    if cookie:
        head += "Cookie: antri_session=%s\r\n" % cookie
    got = b""
    try:
        s.sendall(head.encode() + b"\r\n" + data)
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            got += chunk
    except OSError:
        pass
    s.close()
    try:
        status = int(got.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return 0, None
    try:
        doc = json.loads(got.split(b"\r\n\r\n", 1)[1])
    except (IndexError, ValueError):
        doc = None
    return status, doc


def stream_request(port):
    return ("GET /api/v1/public/events/stream HTTP/1.1\r\nHost: 127.0.0.1:%d"
            "\r\n\r\n" % port).encode()


def open_streams(port, src, n):
    socks = []
    for _ in range(n):
        try:
            s = connect(port, src, 2.0)
            s.sendall(stream_request(port))
            socks.append(s)
        except OSError:
            pass
    return socks


def still_open(s):
    """1 when the server has not closed or reset this connection."""
    s.setblocking(False)
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return 0
    except BlockingIOError:
        return 1
    except OSError:
        return 0


def press(port, clerk, cookie, deadline):
    """The clerk's press, tried until answered or the deadline."""
    t0 = time.monotonic()
    while True:
        status, _ = request(port, clerk, "POST", "/api/v1/counters/1/next",
                            {}, cookie, timeout=max(0.2, deadline -
                                                    time.monotonic()))
        if status or time.monotonic() >= deadline:
            return status, int((time.monotonic() - t0) * 1000)
        time.sleep(0.05)


def flood(port, attacker, clerk, cookie, n, hold):
    socks = open_streams(port, attacker, n)
    end = time.monotonic() + hold
    status, ms = press(port, clerk, cookie, end)
    print("press %d %d" % (status, ms), flush=True)
    while time.monotonic() < end:
        time.sleep(0.05)
    print("held %d" % sum(still_open(s) for s in socks), flush=True)
    for s in socks:
        s.close()
    t0 = time.monotonic()
    while time.monotonic() - t0 < 20:
        if request(port, attacker, "GET", "/api/v1/status",
                   timeout=1.0)[0] == 200:
            print("recovered %d" % int((time.monotonic() - t0) * 1000),
                  flush=True)
            return 0
        time.sleep(0.1)
    print("not recovered", flush=True)
    return 0


def first_answer(s, until):
    """The status of a stream's answer (0: closed or none by until)."""
    got = b""
    while time.monotonic() < until and b"\r\n" not in got:
        s.settimeout(max(0.05, until - time.monotonic()))
        try:
            chunk = s.recv(4096)
        except socket.timeout:
            break
        except OSError:
            return 0, got
        if not chunk:
            break
        got += chunk
    try:
        return int(got.split(b" ", 2)[1]), got
    except (IndexError, ValueError):
        return 0, got


def streams(port, src, n, hold, path):
    socks = []
    for _ in range(n):
        try:
            s = connect(port, src, 2.0)
            s.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" %
                       (path, port)).encode())
            socks.append(s)
        except OSError:
            pass
    until = time.monotonic() + 10
    ok = refused = other = 0
    for s in socks:
        status, got = first_answer(s, until)
        if status == 200:
            ok += 1
        elif status == 503 and b"too_many_streams" in got:
            refused += 1
            s.close()
        else:
            other += 1
            s.close()
    print("streams %d %d %d" % (ok, refused, other + n - len(socks)),
          flush=True)
    time.sleep(hold)
    for s in socks:
        s.close()
    return 0


def burst(port, src, n, name, password, clerk=None, cookie=None):
    answers = []
    lock = threading.Lock()

    def one():
        status, doc = request(port, src, "POST", "/api/v1/login",
                              {"name": name, "password": password},
                              timeout=30.0)
        code = doc.get("error", {}).get("code", "-") if isinstance(
            doc, dict) else "-"
        with lock:
            answers.append("%d %s" % (status, code))

    threads = [threading.Thread(target=one) for _ in range(n)]
    for t in threads:
        t.start()
    if clerk:
        status, ms = press(port, clerk, cookie, time.monotonic() + 10)
        print("press %d %d" % (status, ms), flush=True)
    for t in threads:
        t.join(60)
    for a in sorted(set(answers)):
        print("%s %d" % (a, answers.count(a)))
    return 0


def main(a):
    if len(a) >= 7 and a[0] == "flood":
        return flood(int(a[1]), a[2], a[3], a[4], int(a[5]), float(a[6]))
    if len(a) >= 5 and a[0] == "streams":
        return streams(int(a[1]), a[2], int(a[3]), float(a[4]),
                       a[5] if len(a) > 5 else
                       "/api/v1/public/events/stream")
    if len(a) in (6, 8) and a[0] == "burst":
        return burst(int(a[1]), a[2], int(a[3]), a[4], a[5],
                     *(a[6:8] if len(a) == 8 else []))
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
