"""One call from a food log's text to an analysis: parse, match, resolve grams, compare."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sleepmin.intake.analysis import Analysis, analyse
from sleepmin.intake.foodlog import Day, ParsedLog, parse_csv_log, parse_text_log
from sleepmin.intake.matching import FoodLookup, LogItem, Matcher, resolve_all
from sleepmin.intake.supplements import Supplement
from sleepmin.intake.targets import Targets


@dataclass(frozen=True, slots=True)
class DietResult:
    analysis: Analysis
    new_pins: dict[str, str]


def looks_like_csv(text: str, filename: str = "") -> bool:
    if filename.lower().endswith(".csv"):
        return True
    first = text.lstrip("\ufeff").lstrip().split("\n", 1)[0].lower()
    return "," in first and "food" in [c.strip() for c in first.split(",")]


def parse_log(text: str, today: dt.date, filename: str = "") -> ParsedLog:
    return (
        parse_csv_log(text, today)
        if looks_like_csv(text, filename)
        else parse_text_log(text, today)
    )


def parse_dated_lines(entries: list[tuple[dt.date, str]], today: dt.date) -> ParsedLog:
    """Lines kept one by one with the day each was eaten (a person's log in the store). Each is
    read on its own, as it was entered: a kept line that looks like a heading ("Monday",
    "2020-01-01", "Breakfast:") never moves the lines after it to another day."""
    log = ParsedLog()
    day_of: dict[dt.date, int] = {}
    for number, (day, line) in enumerate(entries, start=1):
        if day not in day_of:
            day_of[day] = len(log.days)
            log.days.append(Day(day.isoformat(), day))
        read = parse_text_log(line, today) if line.strip() else ParsedLog()
        for found in read.lines:
            log.lines.append(replace(found, line_number=number, day=day_of[day]))
    return log


def analyze_food_log(
    text: str,
    foods: FoodLookup,
    targets: Targets,
    *,
    today: dt.date,
    supplements: list[Supplement] | None = None,
    pins: dict[str, str] | None = None,
    filename: str = "",
    parsed: ParsedLog | None = None,
) -> DietResult:
    """``parsed``: a log already read (``parse_dated_lines``), instead of ``text``."""
    log = parsed if parsed is not None else parse_log(text, today, filename)
    matcher = Matcher(foods, dict(pins or {}))
    items = resolve_all(matcher, log.lines)
    notes = [
        LogItem(n.line_number, n.text, n.day, "not_understood", reason=n.reason, header=True)
        for n in log.notes
    ]
    ordered = sorted([*items, *notes], key=lambda i: i.line_number)
    analysis = analyse(ordered, log.days, supplements or [], targets)
    return DietResult(analysis, matcher.new_pins)
