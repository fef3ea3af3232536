#!/usr/bin/env python3
"""Opens STREAMS server-sent-event streams (GET /api/v1/notifications/stream) on a running server,
round-robin over the given members' tokens (the hub keeps at most 8 per member), then has an
author they all follow share an update and times its arrival on every stream. Reads the server's
live threads and heap (Prometheus endpoint) before, with the streams open, and after closing them.

    sse.py BASE TOKENS_FILE AUTHOR_TOKEN [STREAMS=1000]

TOKENS_FILE: one "member-id token" per line (the stream holders). Standard library only.
"""
import asyncio
import json
import os
import subprocess
import statistics
import sys
import time
import urllib.parse
import urllib.request

from streams import data_lines, open_stream


def metrics(base):
    if os.environ.get("SERVER_PID"):  # a full GC first, so heap used means live data
        subprocess.run(["jcmd", os.environ["SERVER_PID"], "GC.run"], capture_output=True, timeout=60)
    text = urllib.request.urlopen(base + "/actuator/prometheus", timeout=30).read().decode()
    out = {"threads": None, "heap": 0.0, "streams": None}
    for line in text.splitlines():
        if line.startswith("jvm_threads_live_threads"):
            out["threads"] = int(float(line.split()[-1]))
        elif line.startswith("jvm_memory_used_bytes") and 'area="heap"' in line:
            out["heap"] += float(line.split()[-1])
        elif line.startswith("rapport_notification_streams"):
            out["streams"] = int(float(line.split()[-1]))
    return out


def post(base, token, text):
    req = urllib.request.Request(base + "/api/v1/posts", method="POST",
                                 data=json.dumps({"text": text}).encode(),
                                 headers={"content-type": "application/json", "authorization": "Bearer " + token})
    t0 = time.monotonic()
    body = urllib.request.urlopen(req, timeout=60).read()
    return time.monotonic() - t0, json.loads(body)


class Stream:
    def __init__(self, token):
        self.token = token
        self.opened = asyncio.Event()
        self.got_at = None
        self.writer = None

    async def run(self, host, port, marker):
        reader, self.writer = await open_stream(host, port, self.token)
        async for line in data_lines(reader):
            if not self.opened.is_set():
                self.opened.set()
            elif marker in line and self.got_at is None:
                self.got_at = time.monotonic()

    def close(self):
        if self.writer:
            self.writer.close()


async def main():
    base, tokens_file, author_token = sys.argv[1], sys.argv[2], sys.argv[3]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    tokens = [line.split()[1] for line in open(tokens_file) if line.strip()]
    u = urllib.parse.urlparse(base)
    loop = asyncio.get_running_loop()

    before = await loop.run_in_executor(None, metrics, base)
    marker = ("sse-bench-%d" % time.time_ns()).encode()
    streams = [Stream(tokens[i % len(tokens)]) for i in range(n)]
    t_open = time.monotonic()
    tasks = []
    half = None
    # In batches of 50, each waited for, so that Tomcat's worker pool (threads that hand a request
    # over to the async stream) need not grow for a burst of 1,000 simultaneous requests.
    for start in range(0, n, 50):
        batch = streams[start:start + 50]
        for s in batch:
            tasks.append(asyncio.create_task(s.run(u.hostname, u.port, b'"kind":"POST"')))
        try:
            await asyncio.wait_for(asyncio.gather(*(s.opened.wait() for s in batch)), 60)
        except asyncio.TimeoutError:
            pass
        if half is None and start + 50 >= n // 2:
            await asyncio.sleep(1)
            half = await loop.run_in_executor(None, metrics, base)
            half["n"] = sum(s.opened.is_set() for s in streams)
    failed = [t for t in tasks if t.done() and t.exception()]
    opened = sum(s.opened.is_set() for s in streams)
    open_seconds = time.monotonic() - t_open
    await asyncio.sleep(3)
    during = await loop.run_in_executor(None, metrics, base)

    t0 = time.monotonic()
    post_seconds, created = await loop.run_in_executor(None, post, base, author_token, marker.decode())
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and sum(s.got_at is not None for s in streams) < opened:
        await asyncio.sleep(0.05)
    got = sorted((s.got_at - t0) * 1000 for s in streams if s.got_at is not None)
    after_event = await loop.run_in_executor(None, metrics, base)

    for s in streams:
        s.close()
    for t in tasks:
        t.cancel()
    await asyncio.sleep(22)  # the hub finds closed streams at its next heartbeat (every 20 s)
    closed = await loop.run_in_executor(None, metrics, base)

    def q(p):
        return got[min(len(got) - 1, int(p * len(got)))] if got else float("nan")

    mib = 1 << 20
    print(f"streams requested {n} over {len(tokens)} members; open {opened} in {open_seconds:.1f} s; "
          f"errors {len(failed)}{' (' + str(failed[0].exception()) + ')' if failed else ''}")
    print(f"server gauge rapport_notification_streams: before {before['streams']}, open {during['streams']}, "
          f"22 s after closing them {closed['streams']}")
    print(f"live threads: before {before['threads']}, with {half['n']} streams open {half['threads']}, "
          f"with {opened} open {during['threads']}, "
          f"after the event {after_event['threads']}, 22 s after closing {closed['threads']}")
    print(f"heap used (MiB" + (", after a full GC" if os.environ.get("SERVER_PID") else ", no GC forced") + f"): before {before['heap'] / mib:.0f}, with {half['n']} streams "
          f"{half['heap'] / mib:.0f}, with {opened} {during['heap'] / mib:.0f}")
    print(f"update reach {created.get('reach')}, POST took {post_seconds * 1000:.0f} ms; "
          f"event received on {len(got)} of {opened} streams")
    if got:
        print(f"delivery after the POST was sent (ms): first {got[0]:.0f}, median {statistics.median(got):.0f}, "
              f"p90 {q(0.9):.0f}, p99 {q(0.99):.0f}, last {got[-1]:.0f}")


asyncio.run(main())
