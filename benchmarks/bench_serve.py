"""Benchmark `phraselint serve` on loopback: latency and throughput at a fixed concurrency.

    python benchmarks/bench_serve.py [--requests 4000] [--concurrency 16] [--rounds 5]

Starts the server as a subprocess on a free port, then per round sends a fixed number of
`POST /v1/lint` requests (one 60-word English draft with a flagged phrase) from that many
keep-alive connections at once, and the same number of `GET /healthz` (no linting: the server's own
overhead). The client is a few lines of raw HTTP/1.1 over asyncio streams, so it costs the shared
CPU little. Prints each round and the medians over rounds: p50 and p99 latency, requests/s, errors.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import random
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from bench_lint import CLEAN, fill

PHRASE = "I'm afraid that's our policy."


@dataclass(frozen=True, slots=True)
class Round:
    """One load run: sorted latencies in seconds, wall time and failed requests."""

    latencies: list[float]
    seconds: float
    errors: int

    def p(self, share: float) -> float:
        """Return the latency below which *share* of the requests finished, in ms."""
        return self.latencies[min(len(self.latencies) - 1, int(len(self.latencies) * share))] * 1e3

    @property
    def rate(self) -> float:
        """Return the requests per second."""
        return len(self.latencies) / self.seconds


def draft(words: int) -> str:
    """Return an English agent reply of *words* words ending in a phrase phraselint flags."""
    rng = random.Random(7)
    found: list[str] = []
    while len(found) < words:
        found.extend(fill(rng.choice(CLEAN["en"]), rng).split())
    return " ".join(found[: words - len(PHRASE.split())]) + " " + PHRASE


def request(method: str, path: str, host: str, body: bytes = b"") -> bytes:
    """Return the bytes of one HTTP/1.1 keep-alive request."""
    head = f"{method} {path} HTTP/1.1\r\nHost: {host}\r\n"
    if body:
        head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    return head.encode() + b"\r\n" + body


async def exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, message: bytes) -> int:
    """Send *message* and read the whole response; return its status."""
    writer.write(message)
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = next((int(v) for k, _, v in (line.partition(":") for line in lines[1:]) if k.lower() == "content-length"),
                  None)
    if length is None:
        raise ValueError("a response without Content-Length")
    await reader.readexactly(length)
    return int(lines[0].split()[1])


async def load(host: str, port: int, message: bytes, total: int, concurrency: int) -> Round:
    """Send *message* *total* times over *concurrency* connections; return the latencies."""
    tickets = itertools.count()
    latencies: list[float] = []
    errors = 0

    async def client() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, port)
        while next(tickets) < total:
            start = time.perf_counter()
            try:
                status = await exchange(reader, writer, message)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                errors += 1
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
                continue
            latencies.append(time.perf_counter() - start)
            errors += status != 200
        writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(concurrency)))
    return Round(sorted(latencies), time.perf_counter() - start, errors)


def start_server() -> tuple[subprocess.Popen[str], str, int]:
    """Start `phraselint serve --port 0` and return it with the host and port it announced."""
    server = subprocess.Popen([sys.executable, "-m", "phraselint", "serve", "--port", "0", "--isolated"],
                              stderr=subprocess.PIPE, text=True)
    assert server.stderr is not None
    line = server.stderr.readline()
    if "serving" not in line:
        server.kill()
        sys.exit(f"the server did not start: {line}{server.stderr.read()}")
    address = urlsplit(line.split(" on ")[1].split()[0])
    assert address.hostname is not None and address.port is not None
    return server, address.hostname, address.port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--words", type=int, default=60)
    args = parser.parse_args()
    text = draft(args.words)
    server, host, port = start_server()
    try:
        lint = request("POST", "/v1/lint", host, json.dumps({"text": text, "lang": "en"}).encode())
        health = request("GET", "/healthz", host)
        asyncio.run(load(host, port, lint, 500, args.concurrency))  # connect, and warm the word-form caches
        print(f"{args.requests} requests per round at concurrency {args.concurrency}, "
              f"a {len(text.split())}-word draft, {args.rounds} rounds")
        print(f"{'endpoint':<20}{'round':>6}{'p50 ms':>9}{'p99 ms':>9}{'req/s':>9}{'errors':>8}")
        for name, message in (("POST /v1/lint", lint), ("GET /healthz", health)):
            rounds = []
            for number in range(1, args.rounds + 1):
                result = asyncio.run(load(host, port, message, args.requests, args.concurrency))
                rounds.append(result)
                print(f"{name:<20}{number:>6}{result.p(0.5):>9.2f}{result.p(0.99):>9.2f}{result.rate:>9,.0f}"
                      f"{result.errors:>8}")
            print(f"{name:<20}{'median':>6}{statistics.median(r.p(0.5) for r in rounds):>9.2f}"
                  f"{statistics.median(r.p(0.99) for r in rounds):>9.2f}"
                  f"{statistics.median(r.rate for r in rounds):>9,.0f}{sum(r.errors for r in rounds):>8}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
