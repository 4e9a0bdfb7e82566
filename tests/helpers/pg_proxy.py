#!/usr/bin/python3
"""pg_proxy.py PORTFILE MODEFILE SOCKET - a TCP proxy between antri-sync
and PostgreSQL's Unix socket, for tests/scripts/sync.sh.  It listens on
127.0.0.1 (a free port, written to PORTFILE) and forwards each connection
to SOCKET.  MODEFILE holds the mode, read continually:
  pass   forward
  drop   close every connection, and each new one at once
  stall  keep the connections but forward nothing (a dead route)
"""
import asyncio
import sys

PORTFILE, MODEFILE, SOCKET = sys.argv[1:4]
conns = set()


def mode():
    try:
        with open(MODEFILE) as f:
            return f.read().strip() or "pass"
    except OSError:
        return "pass"


async def pump(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            while mode() == "stall":
                await asyncio.sleep(0.05)
            if mode() == "drop":
                break
            writer.write(data)
            await writer.drain()
    except (OSError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def handle(creader, cwriter):
    if mode() == "drop":
        cwriter.close()
        return
    try:
        sreader, swriter = await asyncio.open_unix_connection(SOCKET)
    except OSError:
        cwriter.close()
        return
    pair = (cwriter, swriter)
    conns.add(pair)
    await asyncio.gather(pump(creader, swriter), pump(sreader, cwriter))
    conns.discard(pair)


async def watch():
    while True:
        if mode() == "drop":
            for c, s in list(conns):
                c.close()
                s.close()
        await asyncio.sleep(0.05)


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    with open(PORTFILE + ".tmp", "w") as f:
        f.write("%d\n" % port)
    import os
    os.rename(PORTFILE + ".tmp", PORTFILE)
    asyncio.ensure_future(watch())
    async with server:
        await server.serve_forever()


asyncio.run(main())
