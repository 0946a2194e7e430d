"""Labelled food-log lines (tests/data/food_lines/, format in LABELLING.md) and how a reading
of one line is scored against its label. Shared by the tests and bench/food_lines.py."""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from sleepmin.intake.foodlog import parse_text_log
from sleepmin.intake.matching import LogItem, Matcher, resolve_all

LABELS = Path(__file__).resolve().parent / "data" / "food_lines"
TODAY = dt.date(2026, 11, 26)
TOLERANCE = 0.10
LOOSE_TOLERANCE = 0.35  # heaped / generous / scant: household conventions, not measures
LOOSE_WORDS = re.compile(r"\b(?:heaped|heaping|rounded|generous|scant)\b", re.I)
TINY_GRAMS = 1.0


@dataclass(frozen=True, slots=True)
class Choice:
    pattern: re.Pattern[str]
    grams: float | None  # None: no amount was given, any grams do


@dataclass(frozen=True, slots=True)
class Item:
    choices: tuple[Choice, ...]
    optional: bool


@dataclass(frozen=True, slots=True)
class Label:
    source: str
    line: str
    kind: str  # "food" | "not food" | "no usda food"
    items: tuple[Item, ...]
    note: str


def load(name: str) -> list[Label]:
    with (LABELS / name).open(newline="", encoding="utf-8") as handle:
        return [parse_label(row) for row in csv.DictReader(handle)]


def parse_label(row: dict[str, str]) -> Label:
    expect = row["expect"].strip()
    if expect.lower() in ("not food", "no usda food"):
        return Label(row["source"], row["line"], expect.lower(), (), row.get("note", ""))
    items = []
    for written in expect.split(" ; "):
        part = written.strip()
        optional = part.startswith("?")
        choices = []
        for alternative in part.lstrip("?").split(" OR "):
            regex, _, grams = alternative.rpartition(" = ")
            if not regex:
                raise ValueError(f"label {expect!r}: an item needs 'REGEX = GRAMS'")
            value = None if grams.strip() == "-" else float(grams)
            choices.append(Choice(re.compile(regex.strip(), re.I), value))
        items.append(Item(tuple(choices), optional))
    return Label(row["source"], row["line"], "food", tuple(items), row.get("note", ""))


def read(line: str, matcher: Matcher) -> list[LogItem]:
    """The line as the food-log reader reads it inside a plain-text log."""
    return resolve_all(matcher, parse_text_log(line, TODAY).lines)


def understood(items: list[LogItem]) -> bool:
    """Every part of the line was either matched to a food with grams or judged not food."""
    return bool(items) and all(
        i.status == "not_food" or (i.status == "matched" and i.grams is not None) for i in items
    )


def _grams_ok(got: float | None, want: float | None, loose: bool) -> bool:
    if want is None:
        return got is not None
    if got is None:
        return False
    tolerance = LOOSE_TOLERANCE if loose else TOLERANCE
    return abs(got - want) <= max(TINY_GRAMS, want * tolerance)


def score(label: Label, items: list[LogItem]) -> tuple[bool, str]:
    """(right, why not): the line read as labelled — right foods with right grams, nothing more;
    not food read as not food; a food USDA lacks never matched confidently."""
    if label.kind == "not food":
        # a meal heading the log skips ("Breakfast:") is not food too
        ok = not items or all(i.status == "not_food" for i in items)
        return ok, "" if ok else "expected not food"
    if label.kind == "no usda food":
        ok = not any(i.status == "matched" for i in items)
        return ok, "" if ok else "expected no confident match"
    matched = [i for i in items if i.status == "matched" and i.food is not None]
    if any(i.status in ("ambiguous", "not_understood") for i in items):
        bad = next(i for i in items if i.status in ("ambiguous", "not_understood"))
        return False, f"{bad.status}: {bad.reason}"
    loose = bool(LOOSE_WORDS.search(label.line))
    unused = list(matched)
    for item in label.items:
        hit = None
        for food_item in unused:
            assert food_item.food is not None
            for choice in item.choices:
                if choice.pattern.search(food_item.food.description) and _grams_ok(
                    food_item.grams, choice.grams, loose
                ):
                    hit = food_item
                    break
            if hit:
                break
        if hit is not None:
            unused.remove(hit)
        elif not item.optional:
            got = "; ".join(f"{i.food.description} {i.grams} g" for i in matched if i.food)
            want = " OR ".join(
                f"/{c.pattern.pattern}/ {c.grams if c.grams is not None else '-'} g"
                for c in item.choices
            )
            return False, f"wanted {want}; got {got or 'nothing matched'}"
    if unused:
        extra = "; ".join(f"{i.food.description} {i.grams} g" for i in unused if i.food)
        return False, f"extra food: {extra}"
    return True, ""
