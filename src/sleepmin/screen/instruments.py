"""Insomnia Severity Index scoring and the IRLSSG restless-legs criteria, paraphrased.

The ISI item wording is copyrighted (C.M. Morin); sleepmin takes the item scores a person or
clinician has from their own form and uses paraphrased prompts only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sleepmin.errors import InvalidAnswers

ISI_PROMPTS = (  # paraphrased content domains (instruments.md), not the official wording
    "problem getting to sleep",
    "problem staying asleep",
    "problem waking too early",
    "dissatisfaction with current sleep",
    "how noticeable the sleep problem is to others",
    "worry or distress about the sleep problem",
    "interference with daytime functioning",
)
ISI_BANDS = (
    (0, 7, "none", "no clinically significant insomnia"),
    (8, 14, "subthreshold", "subthreshold insomnia"),
    (15, 21, "moderate", "clinical insomnia, moderate severity"),
    (22, 28, "severe", "clinical insomnia, severe"),
)
ISI_SOURCES = ("bastien_2001_isi", "morin_2011_isi")

RLS_CRITERIA = (
    ("urge_to_move", "an urge to move the legs, usually with unpleasant leg sensations"),
    ("worse_at_rest", "it starts or worsens when resting or sitting still"),
    ("relieved_by_movement", "moving (walking, stretching) relieves it, at least while moving"),
    ("worse_evening_night", "it happens only, or is worse, in the evening or at night"),
    (
        "not_explained_by_other",
        "it is not explained by something else (cramps, arthritis, "
        "positional discomfort, leg swelling)",
    ),
)
RLS_SOURCES = ("irlssg_2014_criteria",)


@dataclass(frozen=True, slots=True)
class IsiScore:
    items: tuple[int, ...]
    total: int
    band: str  # none | subthreshold | moderate | severe
    label: str


def score_isi(items: list[int] | tuple[int, ...]) -> IsiScore:
    """Seven item scores 0-4 → total and band; anything else is refused, never prorated."""
    values = list(items)
    if len(values) != len(ISI_PROMPTS):
        raise InvalidAnswers(
            f"the ISI needs exactly 7 item scores, got {len(values)}; give all seven, "
            "e.g. 3,2,2,2,2,2,2 (missing items are not prorated)"
        )
    for number, value in enumerate(values, start=1):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 4:
            raise InvalidAnswers(
                f"ISI item {number} is {_shown(value)}; each item is a whole number from 0 to 4"
            )
    total = sum(values)
    for low, high, band, label in ISI_BANDS:
        if low <= total <= high:
            return IsiScore(tuple(values), total, band, label)
    raise AssertionError(total)  # unreachable: 0..28 is covered


_ISI_SEPARATOR = re.compile(r"\s*[,;]\s*|\s+")
_ISI_EXAMPLE = "e.g. 3,2,2,2,2,2,2 or 3 2 2 2 2 2 2"


def parse_isi_items(text: str) -> list[int]:
    """Item scores as a person types them: separated by commas, semicolons or spaces. Anything
    else (a letter, a decimal, an empty item between two commas) is refused, naming it; the
    count and the 0-4 range are checked by ``score_isi``."""
    values: list[int] = []
    body = text.strip().rstrip(",;").rstrip()  # a separator at the end is harmless
    tokens = _ISI_SEPARATOR.split(body) if body else []
    for number, token in enumerate(tokens, start=1):
        if not token:
            raise InvalidAnswers(
                f"ISI item {number} is empty (nothing between two separators); give the seven item "
                f"scores 0-4 separated by commas or spaces, {_ISI_EXAMPLE}"
            )
        if re.fullmatch(r"[0-9]+", token) is None:
            shown = repr(token if len(token) <= 20 else token[:19] + "…")
            raise InvalidAnswers(
                f"ISI item {number} is {shown}, not a whole number; give the seven item "
                f"scores 0-4 separated by commas or spaces, {_ISI_EXAMPLE}"
            )
        if len(token) > 6:
            raise InvalidAnswers(
                f"ISI item {number} is {token[:6]}… ({len(token):,} digits); each item is a "
                "whole number from 0 to 4"
            )
        values.append(int(token))
    return values


def _shown(value: object) -> str:
    """A value for a message: short, on one line, never a 5,000-digit conversion."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**6:
        return "a number with more than six digits"
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


@dataclass(frozen=True, slots=True)
class RlsScreen:
    answered: dict[str, bool]
    met: bool  # all five essential criteria
    count: int

    @property
    def summary(self) -> str:
        if self.met:
            return (
                "all five essential restless-legs criteria are described: possible restless "
                "legs syndrome; see a clinician and ask for ferritin and transferrin "
                "saturation"
            )
        return f"{self.count} of 5 essential restless-legs criteria described"


def screen_rls(answers: dict[str, bool]) -> RlsScreen:
    keys = [k for k, _ in RLS_CRITERIA]
    count = sum(1 for k in keys if answers.get(k))
    return RlsScreen(dict(answers), count == len(keys), count)
