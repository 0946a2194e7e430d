"""Field parsing shared by the SR28 and FoodData Central readers."""

from __future__ import annotations

import math
from pathlib import PurePosixPath

from sleepmin.errors import MalformedRelease


def parse_amount(file: str, line: int, column: str, text: str) -> float | None:
    """An amount from a USDA table: empty means not reported (None, never 0); anything that is
    not a finite, non-negative number is an error naming the file, line and column."""
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise MalformedRelease(
            PurePosixPath(file).name,
            f"{text!r} is not an amount (a number, 0 or more)",
            line=line,
            column=column,
        )
    return value
