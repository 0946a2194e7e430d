"""A sleep diary as CSV: one row a night.

    date,bed_time,try_time,sol_min,awakenings,waso_min,final_wake,out_of_bed
    [,quality,naps_min,caffeine,alcohol,notes,medication]

``date`` is the evening the night began (YYYY-MM-DD); clock times are 24-hour ``HH:MM`` (or
``h:mm am/pm``); a time before noon belongs to the next morning. Every row is read: a row that
cannot be a night is kept with the fields at fault named, never dropped or half-read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sleepmin.diary.metrics import NightEntry, Problem
from sleepmin.errors import InvalidInput

REQUIRED = (
    "date",
    "bed_time",
    "try_time",
    "sol_min",
    "awakenings",
    "waso_min",
    "final_wake",
    "out_of_bed",
)
OPTIONAL = ("quality", "naps_min", "caffeine", "alcohol", "notes", "medication")
MAX_MEDICATION = 500  # characters kept of the medication cell
MAX_ROWS = 5_000  # more than thirteen years of nights
MAX_BYTES = 2_000_000
T = TypeVar("T")
QUALITY_WORDS = {"very poor": 1, "poor": 2, "fair": 3, "good": 4, "very good": 5}
_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DiaryRow:
    line: int  # the row's line in the file (the header is line 1)
    date: str  # as written, so an unreadable one can still be shown
    entry: NightEntry | None
    problems: tuple[Problem, ...]


def read_diary_csv(text: str) -> list[DiaryRow]:
    """Every row of the file, read or with its problems; a file that is not such a CSV (no
    header, a column missing, too large) is one error naming the fix."""
    if len(text) > MAX_BYTES:
        raise InvalidInput(
            "the sleep diary",
            f"is {len(text):,} characters, more than {MAX_BYTES:,}",
            "give one person's diary, one row a night",
        )
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        raise _not_csv(str(exc)) from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InvalidInput(
            "the sleep diary's header",
            f"lacks {', '.join(missing)} (found: {', '.join(header)[:200] or 'nothing'})",
            "the first row must name the columns " + ",".join(REQUIRED),
        )
    reader.fieldnames = header
    rows: list[DiaryRow] = []
    seen: dict[str, int] = {}
    try:
        for raw in reader:
            if len(rows) >= MAX_ROWS:
                raise InvalidInput(
                    "the sleep diary", f"has more than {MAX_ROWS:,} rows", "give at most that"
                )
            cells = {k: (v or "").strip() for k, v in raw.items() if isinstance(k, str)}
            if not any(cells.values()):
                continue
            row = _row(reader.line_num, cells)
            if row.entry is not None:
                key = row.entry.date.isoformat()
                if key in seen:
                    row = DiaryRow(
                        row.line,
                        row.date,
                        None,
                        (Problem("date", f"the night of {key} is already on line {seen[key]}"),),
                    )
                else:
                    seen[key] = row.line
            rows.append(row)
    except csv.Error as exc:
        raise _not_csv(f"line {reader.line_num}: {exc}") from None
    return rows


def _not_csv(problem: str) -> InvalidInput:
    return InvalidInput(
        "the sleep diary", f"cannot be read as CSV ({problem})", "save it as CSV, one row a night"
    )


def _take(
    cells: dict[str, str], name: str, read: Callable[[str], T], problems: list[Problem]
) -> T | None:
    try:
        return read(cells.get(name, ""))
    except ValueError as exc:
        problems.append(Problem(name, str(exc)))
        return None


def _row(line: int, cells: dict[str, str]) -> DiaryRow:
    problems: list[Problem] = []

    def optional(name: str, read: Callable[[str], T]) -> T | None:
        return _take(cells, name, read, problems) if cells.get(name) else None

    date = _take(cells, "date", _date, problems)
    clocks = ("bed_time", "try_time", "final_wake", "out_of_bed")
    times = {name: _take(cells, name, _clock, problems) for name in clocks}
    sol = _take(cells, "sol_min", _minutes, problems)
    wakes = _take(cells, "awakenings", _count, problems)
    waso = _take(cells, "waso_min", _minutes, problems)
    quality = optional("quality", _quality)
    naps = optional("naps_min", _minutes)
    caffeine = optional("caffeine", _count)
    alcohol = optional("alcohol", _count)
    bed, tried, final, up = (times[name] for name in clocks)
    if (
        problems
        or date is None
        or bed is None
        or tried is None
        or final is None
        or up is None
        or sol is None
        or wakes is None
        or waso is None
    ):
        return DiaryRow(line, cells.get("date", "")[:40], None, tuple(problems))
    entry = NightEntry(
        date=date,
        bed_time=bed,
        try_time=tried,
        sol_min=sol,
        awakenings=wakes,
        waso_min=waso,
        final_wake=final,
        out_of_bed=up,
        quality=quality,
        naps_min=naps,
        caffeine=caffeine,
        alcohol=alcohol,
        notes=cells.get("notes", "")[:2000],
        medication=cells.get("medication", "")[:MAX_MEDICATION],
    )
    return DiaryRow(line, cells.get("date", ""), entry, ())


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"{text[:20]!r} is not a date; give the evening the night began as YYYY-MM-DD"
        ) from None


def _clock(text: str) -> dt.time:
    found = _CLOCK.fullmatch(text.strip())
    if not found:
        raise ValueError(f"{text[:20]!r} is not a clock time; give it as HH:MM (23:15)")
    hour, minute = int(found[1]), int(found[2])
    half = (found[4] or "").lower().replace(".", "")
    if half:
        if not 1 <= hour <= 12:
            raise ValueError(f"{text[:20]!r}: with am/pm the hour is 1 to 12")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59 or int(found[3] or 0) > 59:
        raise ValueError(f"{text[:20]!r} is not a time of day")
    return dt.time(hour, minute)


def _number(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise ValueError(f"{text[:20]!r} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{text[:20]!r} is not a number")
    return value


def _minutes(text: str) -> float:
    if not text:
        raise ValueError("is empty; give the minutes (0 if none)")
    value = _number(text)
    if not 0 <= value <= 24 * 60:
        raise ValueError(f"{value:g} minutes is not possible (0 to 1,440)")
    return value


def _count(text: str) -> int:
    if not text:
        raise ValueError("is empty; give a whole number (0 if none)")
    value = _number(text)
    if value != int(value) or not 0 <= value <= 100:
        raise ValueError(f"{text[:20]!r} is not a whole number from 0 to 100")
    return int(value)


def _quality(text: str) -> int:
    word = QUALITY_WORDS.get(" ".join(text.lower().split()))
    if word is not None:
        return word
    value = _number(text)
    if value not in (1, 2, 3, 4, 5):
        raise ValueError(
            f"{text[:20]!r} is not a rating: 1 (very poor) to 5 (very good), or the words"
        )
    return int(value)
