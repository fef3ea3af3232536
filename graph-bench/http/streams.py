"""Notification streams (GET /api/v1/notifications/stream) for the benchmark scripts: open one
with a member's token, then read its server-sent-event data lines. Standard library only."""
import asyncio


async def open_stream(host, port, token):
    """Connects and sends the request; returns (reader, writer) once the server answered 200."""
    reader, writer = await asyncio.open_connection(host, port)
    writer.write((f"GET /api/v1/notifications/stream HTTP/1.1\r\nHost: {host}:{port}\r\n"
                  f"Accept: text/event-stream\r\nAuthorization: Bearer {token}\r\n\r\n").encode())
    await writer.drain()
    status = await reader.readline()
    if b" 200 " not in status:
        writer.close()
        raise RuntimeError(status.decode().strip())
    return reader, writer


async def data_lines(reader):
    """The stream's "data:" lines, as bytes, until the server closes it."""
    while True:
        line = await reader.readline()
        if not line:
            return
        if line.startswith(b"data:"):
            yield line
