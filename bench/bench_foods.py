"""Benchmark the food import and search against two naive baselines, on the real USDA data.

Run from the repository root:

    .venv/bin/python bench/bench_foods.py [--source DIR] [--import-runs 3] [--repeats 20] [--json]

``--source`` defaults to $SLEEPMIN_FDC_SOURCE, else ``../shared/data/fdc`` next to the repository.
Databases are written into a temporary directory. Measured in one run: import time (min, median),
search latency (p50/p99/max per query, each query repeated after a warm-up pass; index or load
time reported separately), and top-1/top-3 accuracy on the tuning and hold-out query sets for
sleepmin's search, a SQL ``LIKE`` scan and rapidfuzz ``WRatio`` (case-folded) over all descriptions.
Targets are printed as PASS/FAIL for information; the exit code is 0 regardless.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from sleepmin.errors import InvalidQuery
from sleepmin.foods.database import FoodDatabase
from sleepmin.foods.install import install

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # so that `python bench/bench_foods.py` finds the bench package
from bench.search_quality import Query, accuracy, load_queries  # noqa: E402

SETS = {"tuning": "search_queries.csv", "holdout": "search_queries_holdout.csv"}
LIKE_SQL = "SELECT id FROM foods WHERE description LIKE ? ORDER BY length(description) LIMIT 10"
Search = Callable[[str], list[int]]  # query -> foods.id row ids, best first


def time_imports(source: str, runs: int) -> dict[str, Any]:
    seconds: list[float] = []
    foods = portions = 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            result = install(source, Path(tmp) / "foods.db", Path(tmp) / "cache", force=True)
            seconds.append(time.perf_counter() - start)
            foods, portions = result.foods, result.portions
    return {
        "runs": runs,
        "min_s": min(seconds),
        "median_s": statistics.median(seconds),
        "foods": foods,
        "portions": portions,
    }


def build_searches(db: FoodDatabase) -> dict[str, tuple[float, Search]]:
    """Each method with its index/load time in seconds (excluded from latency)."""
    start = time.perf_counter()
    searcher = db.searcher
    sleepmin_s = time.perf_counter() - start

    def sleepmin(query: str) -> list[int]:
        try:
            return [hit.doc_id for hit in searcher.search(query, 10)]
        except InvalidQuery:
            return []

    conn: sqlite3.Connection = db.connection

    def sql_like(query: str) -> list[int]:
        return [row[0] for row in conn.execute(LIKE_SQL, (f"%{query}%",))]

    start = time.perf_counter()
    rows = conn.execute("SELECT id, description FROM foods ORDER BY id").fetchall()
    ids = [row[0] for row in rows]
    descriptions = [row[1] for row in rows]
    rapidfuzz_s = time.perf_counter() - start

    def rapidfuzz(query: str) -> list[int]:
        found = process.extract(
            query, descriptions, scorer=fuzz.WRatio, processor=default_process, limit=10
        )
        return [ids[index] for _, _, index in found]

    return {
        "sleepmin": (sleepmin_s, sleepmin),
        "sql_like": (0.0, sql_like),
        "rapidfuzz_wratio": (rapidfuzz_s, rapidfuzz),
    }


def latency(search: Search, queries: list[str], repeats: int) -> dict[str, float]:
    for query in queries:  # warm-up pass
        search(query)
    samples: list[int] = []
    for _ in range(repeats):
        for query in queries:
            start = time.perf_counter_ns()
            search(query)
            samples.append(time.perf_counter_ns() - start)
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {
        "p50_ms": statistics.median(samples) / 1e6,
        "p99_ms": cuts[98] / 1e6,
        "max_ms": max(samples) / 1e6,
        "samples": len(samples),
    }


def as_ndb_numbers(search: Search, ndb: dict[int, str]) -> Callable[[str], list[str]]:
    return lambda query: [ndb[row_id] for row_id in search(query)]


def run(args: argparse.Namespace) -> dict[str, Any]:
    sets: dict[str, list[Query]] = {name: load_queries(file) for name, file in SETS.items()}
    all_queries = [q.query for queries in sets.values() for q in queries]
    report: dict[str, Any] = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs",
        "python": platform.python_version(),
        "source": args.source,
        "queries": {name: len(queries) for name, queries in sets.items()},
        "repeats": args.repeats,
        "import": time_imports(args.source, args.import_runs),
        "methods": {},
    }
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "foods.db"
        install(args.source, db_path, Path(tmp) / "cache", force=True)
        with FoodDatabase(db_path) as db:
            ndb = dict(db.connection.execute("SELECT id, coalesce(ndb_number, '') FROM foods"))
            for name, (build_s, search) in build_searches(db).items():
                entry: dict[str, Any] = {"index_s": build_s}
                entry.update(latency(search, all_queries, args.repeats))
                by_ndb = as_ndb_numbers(search, ndb)
                for set_name, queries in sets.items():
                    acc = accuracy(queries, by_ndb)
                    entry[set_name] = {"top1": acc.top1, "top3": acc.top3}
                report["methods"][name] = entry
    methods = report["methods"]
    own = methods["sleepmin"]
    baselines = [m for name, m in methods.items() if name != "sleepmin"]
    report["targets"] = {
        "sleepmin p50 < 1 ms": own["p50_ms"] < 1.0,
        "sleepmin p99 < 10 ms": own["p99_ms"] < 10.0,
        "import (median) < 30 s": report["import"]["median_s"] < 30.0,
        **{
            f"top-1 ({s}) above both baselines": all(
                own[s]["top1"] > b[s]["top1"] for b in baselines
            )
            for s in SETS
        },
    }
    return report


def render(report: dict[str, Any]) -> str:
    imp = report["import"]
    lines = [
        f"date     {report['date']}",
        f"machine  {report['machine']}, Python {report['python']}",
        f"source   {report['source']}",
        f"queries  {report['queries']['tuning']} tuning + {report['queries']['holdout']} hold-out,"
        f" each timed {report['repeats']}x after one warm-up pass",
        "",
        f"import ({imp['runs']} runs, force=True): min {imp['min_s']:.2f} s, "
        f"median {imp['median_s']:.2f} s; {imp['foods']} foods, {imp['portions']} portions",
        "",
        f"{'method':<17} {'index s':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}"
        f"  {'tuning top1/top3':>16}  {'hold-out top1/top3':>18}",
    ]
    for name, m in report["methods"].items():
        tune, hold = m["tuning"], m["holdout"]
        lines.append(
            f"{name:<17} {m['index_s']:>8.3f} {m['p50_ms']:>8.3f} {m['p99_ms']:>8.3f}"
            f" {m['max_ms']:>8.3f}  {tune['top1']:>7.1%} /{tune['top3']:>7.1%}"
            f"  {hold['top1']:>9.1%} /{hold['top3']:>7.1%}"
        )
    lines += ["", "targets (informational):"]
    lines += [f"  {'PASS' if ok else 'FAIL'}  {t}" for t, ok in report["targets"].items()]
    return "\n".join(lines)


def main() -> None:
    default = os.environ.get("SLEEPMIN_FDC_SOURCE") or str(REPO.parent / "shared" / "data" / "fdc")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default=default, help="USDA data folder (default: %(default)s)")
    parser.add_argument("--import-runs", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="print a JSON object instead")
    args = parser.parse_args()
    report = run(args)
    print(json.dumps(report, indent=2) if args.json else render(report))


if __name__ == "__main__":
    main()
