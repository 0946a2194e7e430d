"""Field parsing and the physical bounds shared by the SR28 and FoodData Central readers.

A value outside what food can hold is refused, naming the file, line and column, instead of
being stored: the ceilings (per 100 g edible portion) sit well above the highest value in any
USDA release and at or below what the element's richest food-grade compound allows. Highest
values in SR28 (May 2016 ABBREV.txt), for reference: energy 902 kcal (sardine oil), protein
88.3 g, fibre 79 g, calcium 7,364 mg and phosphorus 9,918 mg (baking powder), iron 124 mg
(dried thyme), magnesium 781 mg (rice bran), potassium 16,500 mg (cream of tartar), sodium
38,758 mg (table salt), zinc 91 mg (canned oysters), copper 15 mg (veal liver), retinol
30,000 µg (cod liver oil); the heaviest household measure is 5,717 g (one whole turkey).
"""

from __future__ import annotations

import math
from pathlib import PurePosixPath

from sleepmin.errors import MalformedRelease
from sleepmin.numbers import number
from sleepmin.nutrients import Nutrient

NUTRIENT_CEILINGS: dict[Nutrient, float] = {
    # Pure fat is 9 kcal/g; USDA's specific factors reach 9.02 (902 kcal for fish oils).
    Nutrient.ENERGY_KCAL: 950.0,
    Nutrient.PROTEIN_G: 100.0,
    Nutrient.FIBER_G: 100.0,
    Nutrient.CALCIUM_MG: 40_000.0,  # calcium carbonate is 40 % calcium
    Nutrient.IRON_MG: 1_000.0,
    Nutrient.MAGNESIUM_MG: 5_000.0,
    Nutrient.PHOSPHORUS_MG: 30_000.0,  # sodium and calcium phosphates are 20-30 % phosphorus
    Nutrient.POTASSIUM_MG: 60_000.0,  # potassium chloride (salt substitute) is 52 % potassium
    Nutrient.SODIUM_MG: 45_000.0,  # table salt is 39 % sodium
    Nutrient.ZINC_MG: 500.0,
    Nutrient.COPPER_MG: 100.0,
    Nutrient.RETINOL_UG: 300_000.0,
}
"""The most a food can hold per 100 g, per nutrient, in the nutrient's unit."""

_GRAMS_PER_UNIT = {"g": 1.0, "mg": 1e-3, "ug": 1e-6}
MASS_ALLOWANCE_G = 1.0
"""USDA rounds each value, so the nutrients' masses may add up to a little over 100 g."""
PORTION_GRAMS_CEILING = 50_000.0
"""The heaviest household measure accepted, in grams (USDA's heaviest, a whole turkey, 5,717 g)."""
HOUSEHOLD_AMOUNT_CEILING = 10_000.0
"""The largest household amount ("240 ml" is SR28's largest)."""


def parse_amount(file: str, line: int, column: str, text: str) -> float | None:
    """An amount from a USDA table: empty means not reported (None, never 0); anything that is
    not a finite, non-negative number written in ASCII digits is an error naming the file, line
    and column."""
    try:
        value = float(text)
    except ValueError:
        if not text or text.isspace():
            return None
        value = math.nan
    # float() also reads "1_000", "٣" and other digits no USDA file uses.
    if 0.0 <= value < math.inf and text.isascii() and "_" not in text:
        return value + 0.0  # -0.0 → 0.0
    raise MalformedRelease(
        PurePosixPath(file).name,
        f"{_shown(text.strip())} is not an amount (a number, 0 or more)",
        line=line,
        column=column,
    )


def _shown(text: str) -> str:
    return repr(text if len(text) <= 30 else text[:27] + "...")


def check_nutrient(file: str, line: int, column: str, nutrient: Nutrient, value: float) -> None:
    """Refuse a value no food can hold, naming the file, line and column."""
    ceiling = NUTRIENT_CEILINGS[nutrient]
    if value > ceiling:
        unit = "µg" if nutrient.unit == "ug" else nutrient.unit
        raise MalformedRelease(
            PurePosixPath(file).name,
            f"{shown_number(value)} {unit} of {nutrient_label(nutrient)} per 100 g is not "
            f"possible (no food holds more than {number(ceiling)} {unit})",
            line=line,
            column=column,
            fix=_EDITED,
        )


def check_mass(file: str, food: str, nutrients: dict[Nutrient, float], line: int | None) -> None:
    """Refuse a food whose nutrients weigh more than the 100 g they are given for."""
    grams = sum(v * _GRAMS_PER_UNIT.get(n.unit, 0.0) for n, v in nutrients.items())
    if grams > 100.0 + MASS_ALLOWANCE_G:
        raise MalformedRelease(
            PurePosixPath(file).name,
            f"food {food}: its protein, fibre and minerals weigh {number(grams, 4)} g per "
            "100 g, which is not possible",
            line=line,
            fix=_EDITED,
        )


def check_portion(file: str, line: int, column: str, grams: float) -> None:
    """A household measure weighs more than 0 g and at most :data:`PORTION_GRAMS_CEILING`."""
    if not 0 < grams <= PORTION_GRAMS_CEILING:
        raise MalformedRelease(
            PurePosixPath(file).name,
            f"a household measure of {shown_number(grams)} g is not possible (it must weigh "
            f"more than 0 g and at most {number(PORTION_GRAMS_CEILING)} g)",
            line=line,
            column=column,
            fix=_EDITED,
        )


def shown_number(value: float) -> str:
    """A number from a file, as people read it, even when absurdly large."""
    return number(value, 6) if value < 1e15 else "more than 10^15"


def nutrient_label(nutrient: Nutrient) -> str:
    return nutrient.value.rsplit("_", 1)[0].replace("_", " ")


_EDITED = "the file is damaged or was edited: use it as USDA publishes it"
