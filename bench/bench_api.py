"""Load test of the web service on loopback: requests per second and latency percentiles of food
search, diet analysis and the assessment, with `/healthz` in the same run as the ceiling (what
the server does with no work at all).

Run from the repository root (needs `wrk`, Debian's package):

    .venv/bin/python bench/bench_api.py [--source DIR] [--duration 10] [--connections 16]
        [--workers 2]

The food database is installed from ``--source`` (default $SLEEPMIN_FDC_SOURCE, else
../shared/data/fdc) into a temporary data directory; `sleepmin serve` starts there on a free
port with ``--workers`` processes; `wrk` (2 threads, ``--connections``, ``--duration`` seconds,
after a 2-second warm-up) loads one route at a time. The food searches cycle through the
queries of tests/data/search_queries.csv. The targets (issue 13: food search >= 1,000 requests/s
with p99 < 20 ms; assessment p99 < 150 ms) are printed as PASS/FAIL for information; the exit
code is 0 regardless. The load generator runs on the same 2 cores as the server, so the numbers
are a floor.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ANSWERS = {
    "profile": {"age": 45, "sex": "female"},
    "sleep": {"night_waking": True, "trouble_falling_asleep": True},
    "signs": ["fatigue", "leg_cramps"],
    "isi": [3, 2, 2, 3, 2, 2, 3],
}
LOG = "2 bananas\n1 cup cooked spinach\n1 cup milk\na handful of almonds\n2 slices bread\n"


def _lua_post(body: dict[str, object]) -> str:
    return (
        'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "application/json"\n'
        f"wrk.body = {json.dumps(json.dumps(body))}\n"
    )


def _lua_search(queries: list[str]) -> str:
    paths = ", ".join(
        json.dumps("/api/v1/foods?" + urllib.parse.urlencode({"q": q, "limit": 10}))
        for q in queries
    )
    return (
        f"local paths = {{{paths}}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n  return wrk.format(nil, paths[i])\nend\n"
    )


def _percentiles(script_dir: Path) -> str:
    path = script_dir / "report.lua"
    path.write_text(
        "done = function(summary, latency, requests)\n"
        '  io.write(string.format("RESULT %d %d %d %.3f %.3f %.3f\\n", summary.requests,\n'
        "    summary.errors.status + summary.errors.connect + summary.errors.read\n"
        "    + summary.errors.write + summary.errors.timeout, summary.duration,\n"
        "    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))\n"
        "end\n"
    )
    return path.read_text()


def _wrk(url: str, script: str, duration: int, connections: int, work: Path) -> dict[str, float]:
    path = work / "load.lua"
    path.write_text(script + _percentiles(work))
    base = ["wrk", "-t2", f"-c{connections}", "-s", str(path), url]
    subprocess.run([*base[:3], "-d2s", *base[3:]], capture_output=True, check=True)  # warm-up
    out = subprocess.run(
        [*base[:3], f"-d{duration}s", *base[3:]], capture_output=True, text=True, check=True
    ).stdout
    found = re.search(r"RESULT (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)", out)
    assert found, out
    requests, errors, micros = int(found[1]), int(found[2]), int(found[3])
    return {
        "requests_per_s": requests / (micros / 1e6),
        "errors": errors,
        "p50_ms": float(found[4]),
        "p99_ms": float(found[5]),
        "max_ms": float(found[6]),
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default=None)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    source = (
        args.source
        or os.environ.get("SLEEPMIN_FDC_SOURCE")
        or str(REPO.parent / "shared" / "data" / "fdc")
    )
    with (REPO / "tests" / "data" / "search_queries.csv").open(encoding="utf-8") as f:
        queries = [row["query"] for row in csv.DictReader(f)]
    sleepmin = [sys.executable, "-m", "sleepmin.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = {**os.environ, "SLEEPMIN_DATA_DIR": str(work / "data")}
        env.pop("DATABASE_URL", None)
        subprocess.run(
            [*sleepmin, "data", "install", "--source", source],
            env=env,
            capture_output=True,
            check=True,
        )
        port = _free_port()
        log = (work / "server.log").open("wb")
        server = subprocess.Popen(
            [*sleepmin, "serve", "--port", str(port), "--workers", str(args.workers)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    with urllib.request.urlopen(f"{url}/healthz", timeout=1):
                        break
                except OSError:
                    time.sleep(0.1)
            runs = {
                "healthz (ceiling)": (f"{url}/healthz", ""),
                "food search": (url, _lua_search(queries)),
                "diet analysis": (
                    f"{url}/api/v1/diet/analysis",
                    _lua_post({"profile": {"age": 45, "sex": "female"}, "log": LOG}),
                ),
                "assessment": (
                    f"{url}/api/v1/assessment",
                    _lua_post({"answers": ANSWERS, "log": LOG}),
                ),
            }
            results = {
                name: _wrk(target, script, args.duration, args.connections, work)
                for name, (target, script) in runs.items()
            }
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
    print(f"date         {datetime.datetime.now(datetime.UTC).isoformat(timespec='seconds')}")
    print(
        f"machine      {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}"
    )
    print(
        f"load         wrk, 2 threads, {args.connections} connections, {args.duration} s a "
        f"route; server: {args.workers} worker(s)"
    )
    print(f"\n{'route':<20} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'errors':>7}")
    for name, r in results.items():
        print(
            f"{name:<20} {r['requests_per_s']:>9.0f} {r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f} "
            f"{r['max_ms']:>8.2f} {r['errors']:>7.0f}"
        )
    search, assessment = results["food search"], results["assessment"]
    ceiling = results["healthz (ceiling)"]["requests_per_s"]
    print(f"\nfood search at {100 * search['requests_per_s'] / ceiling:.0f}% of the ceiling")
    print("targets (informational):")
    for ok, text in (
        (search["requests_per_s"] >= 1000, "food search >= 1,000 requests/s"),
        (search["p99_ms"] < 20, "food search p99 < 20 ms"),
        (assessment["p99_ms"] < 150, "assessment p99 < 150 ms"),
    ):
        print(f"  {'PASS' if ok else 'FAIL'}  {text}")


if __name__ == "__main__":
    main()
