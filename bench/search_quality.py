"""Top-1 / top-3 accuracy of food search over the query sets in tests/data (also used by tests)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

QUERY_SETS = Path(__file__).resolve().parent.parent / "tests" / "data"


@dataclass(frozen=True)
class Query:
    query: str
    expected: frozenset[str]
    kind: str


@dataclass(frozen=True)
class Accuracy:
    queries: int
    top1: float
    top3: float
    misses: tuple[tuple[str, str, str], ...]  # query, expected, got


def load_queries(name: str = "search_queries.csv") -> list[Query]:
    with (QUERY_SETS / name).open(newline="", encoding="utf-8") as handle:
        return [
            Query(row["query"], frozenset(row["expected"].split()), row["kind"])
            for row in csv.DictReader(handle)
        ]


def accuracy(queries: Sequence[Query], search: Callable[[str], list[str]]) -> Accuracy:
    """``search`` returns NDB numbers, best first."""
    top1 = top3 = 0
    misses = []
    for q in queries:
        got = search(q.query)
        if got[:1] and got[0] in q.expected:
            top1 += 1
        else:
            misses.append((q.query, " ".join(sorted(q.expected)), " ".join(got[:3])))
        if set(got[:3]) & q.expected:
            top3 += 1
    n = len(queries)
    return Accuracy(n, top1 / n, top3 / n, tuple(misses))
