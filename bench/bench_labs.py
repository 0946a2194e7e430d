"""Benchmark the lab import: FHIR Observations per second and memory against the file size,
beside baselines measured in the same run on the same file.

Run from the repository root:

    .venv/bin/python bench/bench_labs.py [--observations 4000] [--runs 5] [--json]

The Bundle is built from the 12 lab Observations of tests/data/fhir/bundle_panel.json (and its
unsupported body weight), cycled to the number asked for, each with its own id. Baselines:
"json.loads alone" is the floor any importer that parses the whole file pays; "FHIR model per
Observation" validates each with fhir.resources (the old importer's approach, before its pint
unit conversions, which cost more again), when fhir.resources is installed.
Memory is the tracemalloc peak while importing, and the part of it that is not the results
kept: flat means that part does not grow with the file.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sleepmin.labs.catalog import load_catalog  # noqa: E402
from sleepmin.labs.importing import import_lab_file  # noqa: E402
from sleepmin.labs.interpret import Context  # noqa: E402

TARGET_PER_S = 1000


def build_bundle(count: int) -> str:
    panel = json.loads((REPO / "tests/data/fhir/bundle_panel.json").read_text("utf-8"))
    observations = [e for e in panel["entry"] if e["resource"]["resourceType"] == "Observation"]
    entries = []
    for i in range(count):
        entry = copy.deepcopy(observations[i % len(observations)])
        entry["resource"]["id"] = f"obs-{i}"
        entries.append(entry)
    return json.dumps({**panel, "total": count, "entry": entries}, indent=2)


def timed(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def peak_mb(fn: Callable[[], object]) -> tuple[float, float]:
    """(peak, still held afterwards by what fn returned) in MB."""
    tracemalloc.start()
    kept = fn()
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept
    return peak / 1e6, held / 1e6


def fhir_model_baseline(path: Path) -> Callable[[], object] | None:
    try:
        from fhir.resources.R4B.observation import Observation  # noqa: PLC0415
    except ImportError:
        return None

    def run() -> object:
        data = json.loads(path.read_text("utf-8"))
        return [
            Observation.model_validate(e["resource"])
            for e in data["entry"]
            if e["resource"]["resourceType"] == "Observation"
        ]

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--observations", type=int, default=4000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from sleepmin.usecases import import_labs  # noqa: PLC0415 - the path every interface takes

    catalog = load_catalog()
    n = args.observations
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "bundle.json", Path(tmp) / "bundle_x4.json"
        small.write_text(build_bundle(n), "utf-8")
        large.write_text(build_bundle(4 * n), "utf-8")
        imported = import_lab_file(small, catalog)
        results = len(imported.results)

        rates = {
            "json.loads alone (floor)": n
            / timed(lambda: json.loads(small.read_text("utf-8")), args.runs),
            "import (streamed)": n / timed(lambda: import_lab_file(small, catalog), args.runs),
            "import + derive + interpret": n
            / timed(lambda: import_labs(small, Context(), catalog=catalog), args.runs),
        }
        baseline = fhir_model_baseline(small)
        if baseline is not None:
            rates["FHIR model per Observation (old)"] = n / timed(baseline, 1)

        memory: dict[str, dict[str, float]] = {}
        for label, path, count in (("file x1", small, n), ("file x4", large, 4 * n)):
            peak, held = peak_mb(lambda p=path: import_lab_file(p, catalog))  # type: ignore[misc]
            loads_peak, _ = peak_mb(lambda p=path: json.loads(p.read_text("utf-8")))  # type: ignore[misc]
            memory[label] = {
                "observations": count,
                "file_mb": round(path.stat().st_size / 1e6, 1),
                "import_peak_mb": round(peak, 1),
                "results_held_mb": round(held, 1),
                "working_mb": round(peak - held, 2),
                "json_loads_peak_mb": round(loads_peak, 1),
            }

    end_to_end = rates["import + derive + interpret"]
    flat = memory["file x4"]["working_mb"] < 2 * max(memory["file x1"]["working_mb"], 0.5)
    report: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}",
        "observations": n,
        "results": results,
        "observations_per_second": {k: round(v) for k, v in rates.items()},
        "memory": memory,
        "target": f"over {TARGET_PER_S:,} Observations/s, memory flat in the file size",
        "target_met": end_to_end > TARGET_PER_S and flat,
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"date     {report['date']}\nmachine  {report['machine']}")
    print(f"bundle   {n:,} Observations ({results:,} lab results), median of {args.runs} runs")
    print("\nObservations per second:")
    for name, rate in report["observations_per_second"].items():
        print(f"  {name:<34} {rate:>9,}")
    print("\nmemory (tracemalloc, MB):")
    print(f"  {'':<9} {'file':>6} {'peak':>6} {'results':>8} {'working':>8} {'json.loads':>11}")
    for name, row in memory.items():
        print(
            f"  {name:<9} {row['file_mb']:>6} {row['import_peak_mb']:>6} "
            f"{row['results_held_mb']:>8} {row['working_mb']:>8} {row['json_loads_peak_mb']:>11}"
        )
    print(f"\n{'PASS' if report['target_met'] else 'FAIL'}  {report['target']}")


if __name__ == "__main__":
    main()
