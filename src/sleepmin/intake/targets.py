"""Personal mineral targets from the Dietary Reference Intakes: pure lookup, no I/O.

The DRI table (package data ``data/dri.csv``) is loaded by :func:`load_dri_table` and passed in.
"""

from __future__ import annotations

import csv
import functools
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from importlib import resources

from sleepmin.errors import InvalidProfile
from sleepmin.nutrients import Mineral


class Sex(Enum):
    FEMALE = "female"
    MALE = "male"


class Diet(Enum):
    OMNIVORE = "omnivore"
    VEGETARIAN = "vegetarian"
    VEGAN = "vegan"


@dataclass(frozen=True, slots=True)
class Profile:
    """Who the targets are for. Age in years; decimals for infants (0.25 = 3 months)."""

    age_years: float
    sex: Sex
    pregnant: bool = False
    lactating: bool = False
    diet: Diet = Diet.OMNIVORE
    heavy_menstrual_bleeding: bool = False


@dataclass(frozen=True, slots=True)
class DriRow:
    mineral: Mineral
    sex: str  # "female", "male" or "both"
    life_stage: str
    age_min: float
    age_max: float  # exclusive; inf for the oldest group
    pregnant: bool
    lactating: bool
    value_type: str  # "RDA" or "AI"
    value_mg: float
    ear_mg: float | None
    ul_mg: float | None
    ul_applies_to: str
    source: str
    status: str
    notes: str


@dataclass(frozen=True, slots=True)
class Adjustment:
    factor: float | None  # None: a note that changes no number
    applies_to: str  # "target and EAR", "target", "note"
    reason: str
    source: str


@dataclass(frozen=True, slots=True)
class MineralTarget:
    mineral: Mineral
    target_type: str  # "RDA" or "AI"
    target_mg: float
    ear_mg: float | None
    ul_mg: float | None
    ul_applies_to: str
    ul_counts_food: bool  # False for magnesium: its UL covers supplements and medicines only
    source: str
    status: str
    unadjusted_target_mg: float
    adjustments: tuple[Adjustment, ...] = ()

    @property
    def ul_status(self) -> str:
        if self.ul_mg is not None:
            return "set"
        return "none_established" if self.mineral is Mineral.POTASSIUM else "not_determined"


@dataclass(frozen=True, slots=True)
class Targets:
    profile: Profile
    life_stage: str
    minerals: dict[Mineral, MineralTarget] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


# The reference id (data/references.toml) of the DRI report each mineral's values come from.
DRI_REPORT = {
    Mineral.MAGNESIUM: "iom_1997",
    Mineral.CALCIUM: "iom_2011",
    Mineral.IRON: "iom_2001",
    Mineral.ZINC: "iom_2001",
    Mineral.COPPER: "iom_2001",
    Mineral.POTASSIUM: "nasem_2019",
}

IRON_VEGETARIAN_FACTOR = 1.8
ZINC_VEGETARIAN_FACTOR = 1.5
_IOM_2001 = "IOM 2001, DRI for ... Iron ... Zinc (doi:10.17226/10026)"


@functools.cache
def load_dri_table() -> tuple[DriRow, ...]:
    """The DRI rows shipped with sleepmin, with their sources; read once (the rows are frozen),
    not on every analysis a web server makes."""
    text = resources.files("sleepmin.data").joinpath("dri.csv").read_text(encoding="utf-8")
    return tuple(_row(r) for r in csv.DictReader(io.StringIO(text)))


def _row(r: dict[str, str]) -> DriRow:
    scale = 0.001 if r["unit"] == "ug/day" else 1.0  # copper is tabled in µg; we work in mg

    def amount(text: str) -> float | None:
        return float(text) * scale if text.strip() else None

    value = amount(r["value"])
    assert value is not None, r
    return DriRow(
        mineral=Mineral(r["mineral"]),
        sex=r["sex"],
        life_stage=r["life_stage"],
        age_min=float(r["age_min_years"]),
        age_max=float(r["age_max_years"]) if r["age_max_years"] else math.inf,
        pregnant=r["pregnant"] == "yes",
        lactating=r["lactating"] == "yes",
        value_type=r["value_type"],
        value_mg=round(value, 6),
        ear_mg=_rounded(amount(r["ear_value"])),
        ul_mg=_rounded(amount(r["ul_value"])),
        ul_applies_to=r["ul_applies_to"],
        source=r["source"],
        status=r["status"],
        notes=r["notes"],
    )


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def check_profile(profile: Profile) -> None:
    """Refuse profiles the DRI tables cannot answer, saying what to change."""
    if not 0 <= profile.age_years <= 125 or math.isnan(profile.age_years):
        raise InvalidProfile(
            f"age {profile.age_years:g} is outside 0-125 years; give age in years "
            "(decimals for infants: 0.25 = 3 months)"
        )
    if profile.pregnant and profile.lactating:
        raise InvalidProfile("choose pregnant or lactating, not both").with_cli_hint(
            "--pregnant or --lactating"
        )
    if (profile.pregnant or profile.lactating) and profile.sex is not Sex.FEMALE:
        raise InvalidProfile("pregnancy and lactation DRIs are for females").with_cli_hint(
            "--sex female"
        )
    if (profile.pregnant or profile.lactating) and profile.age_years < 9:
        raise InvalidProfile("pregnancy and lactation DRIs start at age 14; check the age")


def personal_targets(profile: Profile, table: Sequence[DriRow]) -> Targets:
    """Each mineral's RDA/AI, EAR and UL for this person, with diet adjustments."""
    check_profile(profile)
    notes: list[str] = []
    age = profile.age_years
    if profile.pregnant or profile.lactating:
        # The DRI tables give pregnancy/lactation groups for 14-18, 19-30 and 31-50 y only.
        clamped = min(max(age, 14.0), 50.0)
        if clamped != age:
            state = "pregnancy" if profile.pregnant else "lactation"
            notes.append(f"the DRI {state} groups cover ages 14-50; the nearest group is used")
        age = clamped
    minerals: dict[Mineral, MineralTarget] = {}
    life_stage = ""
    for mineral in Mineral:
        row = _find_row(table, mineral, profile, age)
        life_stage = life_stage or row.life_stage
        minerals[mineral] = _target(row, profile)
    if profile.heavy_menstrual_bleeding:
        notes.append(
            "heavy menstrual bleeding can raise iron needs above the RDA (IOM 2001, p.334); "
            "ask a clinician about ferritin and transferrin saturation tests rather than "
            "self-dosing iron"
        )
    return Targets(profile, life_stage, minerals, tuple(notes))


def _find_row(table: Sequence[DriRow], mineral: Mineral, profile: Profile, age: float) -> DriRow:
    for row in table:
        if (
            row.mineral is mineral
            and row.pregnant == profile.pregnant
            and row.lactating == profile.lactating
            and row.sex in (profile.sex.value, "both")
            and row.age_min <= age < row.age_max
        ):
            return row
    raise InvalidProfile(f"no DRI group for {mineral.value} at age {age:g} ({profile.sex.value})")


def _target(row: DriRow, profile: Profile) -> MineralTarget:
    target, ear = row.value_mg, row.ear_mg
    adjustments: list[Adjustment] = []
    plant_based = profile.diet is not Diet.OMNIVORE
    if plant_based and row.mineral is Mineral.IRON and row.age_min >= 1:
        target, ear = target * IRON_VEGETARIAN_FACTOR, (ear or 0) * IRON_VEGETARIAN_FACTOR or None
        adjustments.append(
            Adjustment(
                IRON_VEGETARIAN_FACTOR,
                "target and EAR",
                "vegetarian and vegan diets: non-heme iron is absorbed about 10% vs 18%, so the "
                "requirement is about 1.8 times higher",
                f"{_IOM_2001}, p.574",
            )
        )
    if plant_based and row.mineral is Mineral.ZINC and row.age_min >= 1:
        target *= ZINC_VEGETARIAN_FACTOR
        adjustments.append(
            Adjustment(
                ZINC_VEGETARIAN_FACTOR,
                "target",
                "vegetarian and vegan diets: the zinc requirement may be up to 50% greater "
                "(phytate); shown as a planning target, not a new RDA",
                f"{_IOM_2001}, p.480",
            )
        )
    if row.status != "verified":
        adjustments.append(Adjustment(None, "note", row.notes, row.source))
    return MineralTarget(
        mineral=row.mineral,
        target_type=row.value_type,
        target_mg=round(target, 4),
        ear_mg=None if ear is None else round(ear, 4),
        ul_mg=row.ul_mg,
        ul_applies_to=row.ul_applies_to,
        ul_counts_food=row.mineral is not Mineral.MAGNESIUM,
        source=row.source,
        status=row.status,
        unadjusted_target_mg=row.value_mg,
        adjustments=tuple(adjustments),
    )
