#!/usr/bin/env python3
"""Message send -> live delivery latency (issue 6) with STREAMS notification streams open.

Opens one GET /api/v1/notifications/stream per member of TOKENS_FILE (up to STREAMS), then sends
MESSAGES messages one after another, each from one member of a connected pair of PAIRS_FILE to
the other (POST /api/v1/conversations), and times the arrival of its "message" event, found by a
marker in the preview, on the recipient's open stream. Standard library only.

    messages.py BASE TOKENS_FILE PAIRS_FILE [STREAMS=1000] [MESSAGES=200]

TOKENS_FILE: "member-id token" per line; PAIRS_FILE: "a b" per line, connected members both in
TOKENS_FILE.
"""
import asyncio
import json
import statistics
import sys
import time
import urllib.parse
import urllib.request

from streams import data_lines, open_stream


def send(base, token, recipient, text):
    req = urllib.request.Request(base + "/api/v1/conversations", method="POST",
                                 data=json.dumps({"memberId": str(recipient), "text": text}).encode(),
                                 headers={"content-type": "application/json", "authorization": "Bearer " + token})
    t0 = time.monotonic()
    urllib.request.urlopen(req, timeout=60).read()
    return time.monotonic() - t0


class Stream:
    def __init__(self, token):
        self.token = token
        self.opened = asyncio.Event()
        self.seen = {}  # marker -> monotonic time it arrived
        self.writer = None

    async def run(self, host, port):
        reader, self.writer = await open_stream(host, port, self.token)
        async for line in data_lines(reader):
            self.opened.set()
            at = line.find(b"msg-bench-")
            if at >= 0:
                self.seen[line[at:at + 30].split(b" ")[0].split(b'"')[0].decode()] = time.monotonic()

    def close(self):
        if self.writer:
            self.writer.close()


async def main():
    base, tokens_file, pairs_file = sys.argv[1], sys.argv[2], sys.argv[3]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    messages = int(sys.argv[5]) if len(sys.argv) > 5 else 200
    tokens = {}
    for line in open(tokens_file):
        if line.strip():
            member, token = line.split()[:2]
            tokens[int(member)] = token
    pairs = [tuple(map(int, line.split())) for line in open(pairs_file) if line.strip()]
    pairs = [(a, b) for a, b in pairs if a in tokens and b in tokens]
    u = urllib.parse.urlparse(base)
    loop = asyncio.get_running_loop()

    members = list(tokens)[:n]
    streams = {m: Stream(tokens[m]) for m in members}
    tasks = []
    t_open = time.monotonic()
    for start in range(0, len(members), 50):  # in batches, as sse.py does
        batch = [streams[m] for m in members[start:start + 50]]
        for s in batch:
            tasks.append(asyncio.create_task(s.run(u.hostname, u.port)))
        try:
            await asyncio.wait_for(asyncio.gather(*(s.opened.wait() for s in batch)), 60)
        except asyncio.TimeoutError:
            pass
    opened = sum(s.opened.is_set() for s in streams.values())
    print(f"{opened} of {len(members)} streams open in {time.monotonic() - t_open:.1f} s; "
          f"{len(pairs)} connected pairs among them")
    await asyncio.sleep(2)

    delivered, posts, missing = [], [], 0
    for i in range(messages):
        a, b = pairs[i % len(pairs)]
        if i % 2:
            a, b = b, a
        if b not in streams:
            continue
        marker = "msg-bench-%d-%d" % (i, time.time_ns() % 1000000)
        t0 = time.monotonic()
        posts.append(await loop.run_in_executor(None, send, base, tokens[a], b, marker + " hello"))
        deadline = time.monotonic() + 10
        while marker not in streams[b].seen and time.monotonic() < deadline:
            await asyncio.sleep(0.001)
        if marker in streams[b].seen:
            delivered.append((streams[b].seen[marker] - t0) * 1000)
        else:
            missing += 1

    for s in streams.values():
        s.close()
    for t in tasks:
        t.cancel()

    def q(values, p):
        values = sorted(values)
        return values[min(len(values) - 1, int(p * len(values)))]

    print(f"messages sent {len(posts)}, delivered live {len(delivered)}, missing {missing}")
    if delivered:
        print(f"POST /conversations (ms): median {statistics.median(posts) * 1000:.1f}, p99 {q(posts, 0.99) * 1000:.1f}")
        print(f"send -> delivered on the recipient's stream (ms): median {statistics.median(delivered):.1f}, "
              f"p90 {q(delivered, 0.9):.1f}, p99 {q(delivered, 0.99):.1f}, max {max(delivered):.1f}")


asyncio.run(main())
