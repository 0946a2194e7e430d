"""Benchmark diet analysis: parsing + matching throughput and a 30-day, 300-line food log,
beside the food search alone on the same lines (the floor), on the real USDA data; then a
100,000-line log (10,000 days of 10 lines), with each distinct line matched once (the default)
against the baseline that matches every line afresh (``Matcher(cache=False)``), in the same run.

Run from the repository root:

    .venv/bin/python bench/bench_diet.py [--source DIR] [--runs 15] [--big-lines 100000]
                                         [--skip-baseline] [--json]

The logs are built from tests/data/food_log_lines.csv: 10 lines a day under "Day N" headers.
The database goes into a temporary directory; the search index is built before timing starts.
Peak memory is what Python allocated during the analysis (tracemalloc, a separate run).
"""

from __future__ import annotations

import argparse
import csv
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

from sleepmin.foods.database import FoodDatabase  # noqa: E402
from sleepmin.foods.install import install  # noqa: E402
from sleepmin.intake.analysis import analyse  # noqa: E402
from sleepmin.intake.diet import analyze_food_log  # noqa: E402
from sleepmin.intake.foodlog import FoodLine, parse_text_log  # noqa: E402
from sleepmin.intake.matching import FoodLookup, Matcher, resolve_all  # noqa: E402
from sleepmin.intake.targets import (  # noqa: E402
    Profile,
    Sex,
    Targets,
    load_dri_table,
    personal_targets,
)

TODAY = dt.date(2026, 11, 25)


def build_log(days: int = 30, per_day: int = 10) -> str:
    rows = list(csv.DictReader((REPO / "tests/data/food_log_lines.csv").read_text().splitlines()))
    lines = [r["line"] for r in rows]
    out = []
    for day in range(days):
        out.append(f"Day {day + 1}")
        out.extend(lines[(day * per_day + i) % len(lines)] for i in range(per_day))
    return "\n".join(out) + "\n"


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    fn()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def uncached_analysis(text: str, db: FoodLookup, targets: Targets) -> object:
    """The baseline: analyze_food_log with every line matched afresh."""
    log = parse_text_log(text, TODAY)
    items = resolve_all(Matcher(db, cache=False), log.lines)
    return analyse(items, log.days, [], targets)


def once(fn: Callable[[], object]) -> tuple[float, float]:
    """Seconds for one call, then the peak MB Python allocated during a second call."""
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("SLEEPMIN_FDC_SOURCE") or str(REPO.parent / "shared/data/fdc")
    parser.add_argument("--source", default=default)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--big-lines", type=int, default=100_000)
    parser.add_argument("--skip-baseline", action="store_true", help="skip the slow baseline")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    big_text = build_log(days=max(args.big_lines // 10, 1), per_day=10)

    text = build_log()
    log = parse_text_log(text, TODAY)
    food_lines = [line for line in log.lines if isinstance(line, FoodLine)]
    targets = personal_targets(Profile(32, Sex.FEMALE), load_dri_table())
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "foods.sqlite"
        install(args.source, db_path, Path(tmp) / "dl")
        with FoodDatabase(db_path) as db:
            start = time.perf_counter()
            _ = db.searcher
            index_s = time.perf_counter() - start

            start = time.perf_counter()  # caches (food rows, parsed measures) still empty
            analyze_food_log(text, db, targets, today=TODAY)
            cold_s = time.perf_counter() - start

            search_only = timed(
                lambda: [db.search(line.food, 10) for line in food_lines], args.runs
            )
            parse_only = timed(lambda: parse_text_log(text, TODAY), args.runs)
            parse_match = timed(
                lambda: resolve_all(Matcher(db), parse_text_log(text, TODAY).lines), args.runs
            )
            whole = timed(lambda: analyze_food_log(text, db, targets, today=TODAY), args.runs)
            result = analyze_food_log(text, db, targets, today=TODAY).analysis

            big_s, big_mb = once(lambda: analyze_food_log(big_text, db, targets, today=TODAY))
            base_s, base_mb = (
                (None, None)
                if args.skip_baseline
                else once(lambda: uncached_analysis(big_text, db, targets))
            )

    n = len(food_lines)
    med = statistics.median
    report: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}",
        "log": {
            "days": len(log.days),
            "lines": n,
            "matched": sum(1 for i in result.items if i.status == "matched"),
        },
        "index_build_s": round(index_s, 3),
        "first_analysis_cold_ms": round(cold_s * 1000, 1),
        "median_ms": {
            "search_alone (floor)": round(med(search_only) * 1000, 1),
            "parse_only": round(med(parse_only) * 1000, 1),
            "parse_and_match": round(med(parse_match) * 1000, 1),
            "whole_analysis (30-day log)": round(med(whole) * 1000, 1),
        },
        "lines_per_second": {
            "search_alone (floor)": round(n / med(search_only)),
            "parse_and_match": round(n / med(parse_match)),
        },
        "target": "30-day, 300-line log under 200 ms",
        "target_met": med(whole) < 0.2 and cold_s < 0.2,
        "big_log": {
            "lines": args.big_lines,
            "analysis_s": round(big_s, 2),
            "peak_mb": round(big_mb, 1),
            "baseline_uncached_s": None if base_s is None else round(base_s, 2),
            "baseline_uncached_peak_mb": None if base_mb is None else round(base_mb, 1),
            "target": f"{args.big_lines:,} lines under 10 s",
            "target_met": big_s < 10,
        },
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"date     {report['date']}\nmachine  {report['machine']}")
    print(
        f"log      {report['log']['days']} days, {n} food lines "
        f"({report['log']['matched']} matched); index built in {index_s:.3f} s (not timed)"
    )
    print(f"\nfirst analysis, cold caches: {cold_s * 1000:.1f} ms")
    print(f"median of {args.runs} runs after a warm-up:")
    for name, ms in report["median_ms"].items():
        print(f"  {name:<30} {ms:8.1f} ms")
    for name, rate in report["lines_per_second"].items():
        print(f"  {name:<30} {rate:8,} lines/s")
    print(f"\n{'PASS' if report['target_met'] else 'FAIL'}  {report['target']}")
    big = report["big_log"]
    print(f"\n{big['lines']:,}-line log (10 lines a day, repeated as a real log repeats):")
    print(f"  {'analysis (each distinct line once)':<36} {big_s:8.2f} s  peak {big_mb:6.1f} MB")
    if base_s is not None and base_mb is not None:
        print(
            f"  {'baseline (every line matched afresh)':<36} {base_s:8.2f} s  peak "
            f"{base_mb:6.1f} MB  ({base_s / big_s:.0f}x slower)"
        )
    print(f"{'PASS' if big['target_met'] else 'FAIL'}  {big['target']}")


if __name__ == "__main__":
    main()
