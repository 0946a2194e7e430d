"""The preformed vitamin A Upper Limit by life stage (package data ``data/vitamin_a_ul.csv``).

Preformed vitamin A is retinol and its esters: what liver, fish-liver oils, dairy, eggs and
fortified foods carry, and what the Upper Limit is for (IOM 2001, ``iom_2001``: "as preformed
vitamin A only"). Provitamin A carotenoids from plants (beta-carotene) do not count toward it. Food
amounts are the stored ``retinol_ug`` (SR28 Nutr_No 319, FDC nutrient 1105).
"""

from __future__ import annotations

import csv
import functools
import io
import math
from dataclasses import dataclass
from importlib import resources

from sleepmin.errors import InvalidProfile
from sleepmin.intake.targets import Profile, check_profile


@dataclass(frozen=True, slots=True)
class VitaminAUl:
    """One life-stage row of the vitamin A Upper Limit table."""

    sex: str  # "female" or "both"
    life_stage: str
    age_min: float
    age_max: float  # exclusive; inf for the oldest group
    pregnant: bool
    lactating: bool
    ul_ug: float  # µg/day of preformed vitamin A (retinol)
    applies_to: str
    source: str  # reference id in references.toml
    status: str


@functools.cache
def load_vitamin_a_table() -> tuple[VitaminAUl, ...]:
    """The vitamin A Upper Limit rows shipped with sleepmin."""
    text = resources.files("sleepmin.data").joinpath("vitamin_a_ul.csv").read_text("utf-8")
    rows = []
    for r in csv.DictReader(io.StringIO(text)):
        if r["unit"] != "ug/day":
            raise ValueError(f"vitamin_a_ul.csv: unit {r['unit']!r}, expected ug/day")
        rows.append(
            VitaminAUl(
                sex=r["sex"],
                life_stage=r["life_stage"],
                age_min=float(r["age_min_years"]),
                age_max=float(r["age_max_years"]) if r["age_max_years"] else math.inf,
                pregnant=r["pregnant"] == "yes",
                lactating=r["lactating"] == "yes",
                ul_ug=float(r["ul_value"]),
                applies_to=r["ul_applies_to"],
                source=r["source"],
                status=r["status"],
            )
        )
    return tuple(rows)


def vitamin_a_ul(profile: Profile, table: tuple[VitaminAUl, ...] | None = None) -> VitaminAUl:
    """The preformed vitamin A UL for this person. Pregnancy and lactation use their own groups
    (14-18 and 19-50 y), other ages the nearest one, as :func:`personal_targets` does."""
    check_profile(profile)
    rows = load_vitamin_a_table() if table is None else table
    age = profile.age_years
    if profile.pregnant or profile.lactating:
        age = min(max(age, 14.0), 50.0)
    for row in rows:
        if (
            row.pregnant == profile.pregnant
            and row.lactating == profile.lactating
            and row.sex in (profile.sex.value, "both")
            and row.age_min <= age < row.age_max
        ):
            return row
    raise InvalidProfile(f"no vitamin A Upper Limit for age {age:g} ({profile.sex.value})")
