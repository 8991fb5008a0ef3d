"""A small HTTP load generator for `make bench`: N concurrent clients, each sending GET requests one
after another for a fixed time, over a new connection each (gunicorn's sync workers close them)."""

import asyncio
import statistics
import time
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class LoadResult:
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, fraction: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else float("nan")

    @property
    def p99(self) -> float:
        return self.percentile(0.99)


async def _one_request(host: str, port: int, request: bytes) -> int:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(request)
        await writer.drain()
        status_line = await reader.readline()
        await reader.read()  # until the server closes the connection
        return int(status_line.split()[1])
    finally:
        writer.close()


async def _client(host, port, request, deadline, latencies, counters):
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        try:
            status = await _one_request(host, port, request)
        except OSError:
            status = 0
        elapsed = (time.perf_counter() - started) * 1000
        if status == 200:
            latencies.append(elapsed)
        else:
            counters["errors"] += 1


async def _load(url: str, connections: int, seconds: float) -> LoadResult:
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    request = (f"GET {target} HTTP/1.1\r\nHost: {parts.hostname}\r\nAccept-Encoding: gzip\r\n"
               "Connection: close\r\n\r\n").encode()
    latencies: list[float] = []
    counters = {"errors": 0}
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(*[
        _client(parts.hostname, parts.port, request, deadline, latencies, counters) for _ in range(connections)
    ])
    elapsed = time.perf_counter() - started
    return LoadResult(len(latencies), counters["errors"], elapsed, latencies)


def run(url: str, connections: int = 32, seconds: float = 5.0) -> LoadResult:
    return asyncio.run(_load(url, connections, seconds))
