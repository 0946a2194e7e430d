"""Numbers as people read them, one formatter for every interface: "1,200 mg", "77 mg",
"2.2 mg", never "1.2e+03 mg". Pure; imported by the domain core and the presentation alike."""

from __future__ import annotations

import math

MAX_DECIMALS = 4


def number(value: float, digits: int = 2) -> str:
    """A number as people read it: whole numbers with thousands separators from 100 up
    ("1,200"), otherwise `digits` significant digits without trailing zeros ("2.2", "0.9",
    "77"). Never scientific notation; values below 10^-4 read "0"."""
    if not math.isfinite(value):
        return "n/a"
    if value == 0:
        return "0"
    size = abs(value)
    if size >= 10 ** max(digits, 2):
        text = f"{size:,.0f}"
    else:
        decimals = max(0, digits - 1 - math.floor(math.log10(size)))
        text = f"{size:,.{min(decimals, MAX_DECIMALS)}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    if text == "0":
        return "0"
    return ("-" if value < 0 else "") + text


def mg(value: float) -> str:
    """An amount in milligrams: "1,200 mg", "77 mg", "2.2 mg", "0.9 mg"."""
    return f"{number(value)} mg"
