"""Load for `make bench` (tests/perf/bench.py): wrk (Debian package `wrk`) when installed, else a
small Python generator.

Either way N concurrent clients send GET requests one after another for a fixed time. wrk, written
in C, leaves the CPU to the server; the Python generator competes with it for the same cores, so its
figures are lower on small machines.
"""

import asyncio
import re
import shutil
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class LoadResult:
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]
    tool: str = "python"
    quantiles_ms: dict = field(default_factory=dict)  # from wrk's own latency distribution

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, fraction: float) -> float:
        if fraction in self.quantiles_ms:
            return self.quantiles_ms[fraction]
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]

    @property
    def p50(self) -> float:
        if 0.5 in self.quantiles_ms:
            return self.quantiles_ms[0.5]
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


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _wrk(url: str, connections: int, seconds: float) -> LoadResult:
    threads = max(1, min(4, connections))
    done = subprocess.run(  # noqa: S603 - a fixed tool against our own local server
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency", url],  # noqa: S607
        capture_output=True, text=True, check=True,
    )
    out = done.stdout
    quantiles = {}
    for percent, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M):
        quantiles[int(percent) / 100] = float(value) * UNITS_MS[unit]
    total = int(re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", out).group(1))
    elapsed = re.search(r"requests in ([\d.]+)(us|ms|s|m)", out)
    wall = float(elapsed.group(1)) * UNITS_MS[elapsed.group(2)] / 1000
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    errors = (int(bad.group(1)) if bad else 0) + (int(timeouts.group(1)) if timeouts else 0)
    return LoadResult(total - errors, errors, wall, [], tool="wrk", quantiles_ms=quantiles)


def run(url: str, connections: int = 32, seconds: float = 5.0) -> LoadResult:
    if shutil.which("wrk"):
        return _wrk(url, connections, seconds)
    return asyncio.run(_load(url, connections, seconds))
