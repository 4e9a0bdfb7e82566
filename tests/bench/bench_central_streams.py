#!/usr/bin/python3
"""bench_central_streams.py HOST PORT N PID PSQL_CONNINFO - N event
streams open on antri-central's /api/v1/outlets/stream at once: the
server's memory (VmRSS of PID) with them open, then the time from an
outlet's live state stored (and NOTIFY antri_live, as cdb_live_put does)
until each stream has it: p50, p99, max.  Prints figures; asserts nothing.
"""
import selectors
import socket
import subprocess
import sys
import time

HOST, PORT, N, PID, CONN = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), \
    sys.argv[4], sys.argv[5]
REQ = ("GET /api/v1/outlets/stream HTTP/1.1\r\nHost: %s:%d\r\n"
       "Accept: text/event-stream\r\n\r\n" % (HOST, PORT)).encode()


def rss_kb():
    with open("/proc/%s/status" % PID) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


sel = selectors.DefaultSelector()
socks, buf, got = [], {}, {}
base = rss_kb()
t0 = time.time()
for i in range(N):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    try:
        s.connect((HOST, PORT))
    except OSError as e:
        print("bench_central: stream %d: %s" % (i, e))
        break
    s.sendall(REQ)
    s.setblocking(False)
    socks.append(s)
    buf[s] = b""
    sel.register(s, selectors.EVENT_READ)
# every stream answered (its "retry:" line)
opened = set()
deadline = time.time() + 120
while len(opened) < len(socks) and time.time() < deadline:
    for key, _ in sel.select(timeout=1):
        s = key.fileobj
        try:
            d = s.recv(65536)
        except BlockingIOError:
            continue
        buf[s] += d
        if b"retry:" in buf[s]:
            opened.add(s)
            buf[s] = b""
t_open = time.time() - t0
time.sleep(1)
rss = rss_kb()
print("figure: antri-central with %d streams open: VmRSS %.1f MB (%.1f MB "
      "before; %.1f KB a stream); opened in %.1f s" % (
          len(opened), rss / 1024, base / 1024,
          (rss - base) / max(1, len(opened)), t_open), flush=True)
# one change, timed to every stream
subprocess.run(["psql", "-X", "-qAt", CONN, "-c",
                "UPDATE antri.live SET state = jsonb_set(state, '{inside}', "
                "to_jsonb(coalesce((state->>'inside')::int, 0) + 1)) "
                "WHERE office = 'jkt-bench-1'; "
                "SELECT pg_notify('antri_live', 'jkt-bench-1')"],
               check=False, stdout=subprocess.DEVNULL)
t1 = time.time()
lat = []
deadline = t1 + 60
while len(lat) < len(opened) and time.time() < deadline:
    for key, _ in sel.select(timeout=1):
        s = key.fileobj
        if s in got:
            try:
                s.recv(65536)
            except BlockingIOError:
                pass
            continue
        try:
            d = s.recv(65536)
        except BlockingIOError:
            continue
        buf[s] += d
        if b'"jkt-bench-1"' in buf[s]:
            got[s] = time.time() - t1
            lat.append(got[s])
lat.sort()
if lat:
    print("figure: one change to %d of %d streams: p50 %.0f ms, p99 %.0f ms, "
          "max %.0f ms" % (len(lat), len(opened),
                           1000 * lat[len(lat) // 2],
                           1000 * lat[min(len(lat) - 1, int(len(lat) * 0.99))],
                           1000 * lat[-1]), flush=True)
else:
    print("figure: the change reached no stream within 60 s")
for s in socks:
    s.close()
