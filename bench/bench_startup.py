"""Benchmark how long a command takes from the shell, against `python -c pass` in the same run.

Run from the repository root:

    .venv/bin/python bench/bench_startup.py [--source DIR] [--runs 15] [--json]

``--source`` defaults to $SLEEPMIN_FDC_SOURCE, else ``../shared/data/fdc`` next to the repository;
the food database is installed once into a temporary data directory. Each command runs ``--runs``
times as a fresh process (after one warm-up run, so the files are in the page cache); the median
and the best wall time are printed, with the time above the bare interpreter. The targets (issue
12: `sleepmin --help` under 0.25 s, `sleepmin foods search banana` under 0.4 s) are printed as
PASS/FAIL for information; the exit code is 0 regardless.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
TARGETS = {"sleepmin --help": 0.25, "sleepmin foods search banana": 0.40}


def _wall(command: list[str], env: dict[str, str], runs: int) -> list[float]:
    subprocess.run(command, env=env, capture_output=True, check=True)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default=None)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    source = (
        args.source
        or os.environ.get("SLEEPMIN_FDC_SOURCE")
        or str(REPO.parent / "shared" / "data" / "fdc")
    )
    sleepmin = [sys.executable, "-m", "sleepmin.cli"]
    with tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "SLEEPMIN_DATA_DIR": data_dir}
        subprocess.run(
            [*sleepmin, "data", "install", "--source", source],
            env=env,
            check=True,
            capture_output=True,
        )
        commands = {
            "python -c pass (baseline)": [sys.executable, "-c", "pass"],
            "sleepmin --help": [*sleepmin, "--help"],
            "sleepmin foods search banana": [*sleepmin, "foods", "search", "banana"],
            "sleepmin foods search banana --json": [
                *sleepmin,
                "foods",
                "search",
                "banana",
                "--json",
            ],
            "sleepmin targets --age 32 --sex female --json": [
                *sleepmin,
                "targets",
                "--age",
                "32",
                "--sex",
                "female",
                "--json",
            ],
        }
        results: dict[str, Any] = {}
        for name, command in commands.items():
            times = _wall(command, env, args.runs)
            results[name] = {"median_s": statistics.median(times), "best_s": min(times)}
    baseline = results["python -c pass (baseline)"]["median_s"]
    report = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "runs": args.runs,
        "commands": results,
    }
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        print()
        return
    print(f"date {report['date']}  python {report['python']}  {report['machine']}")
    print(f"{'command':<48} {'median':>8} {'best':>8} {'above python':>13}  target")
    for name, r in results.items():
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            verdict = f"< {target:.2f} s {'PASS' if r['median_s'] < target else 'FAIL'}"
        print(
            f"{name:<48} {r['median_s']:>7.3f}s {r['best_s']:>7.3f}s "
            f"{r['median_s'] - baseline:>12.3f}s  {verdict}"
        )


if __name__ == "__main__":
    main()
