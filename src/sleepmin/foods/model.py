"""Foods as the core sees them: plain frozen values, no I/O."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sleepmin.nutrients import Nutrient

ProgressCallback = Callable[[str, int, int | None], None]
"""``progress(stage, done, total)``: the library reports, only the CLI draws."""


@dataclass(frozen=True, slots=True)
class Portion:
    """A household measure and its gram weight, e.g. ``1 cup, chopped`` = 30 g."""

    description: str
    grams: float


@dataclass(frozen=True, slots=True)
class Release:
    """One published USDA dataset that foods came from."""

    key: str  # e.g. "sr28-abbrev", "fdc-sr_legacy_food"
    name: str  # human name, e.g. "USDA SR28 abbreviated file"
    version: str  # e.g. "2016-05"; publication date where the files carry one
    foods: int = 0  # how many foods this release supplied or described


SR_RELEASES = frozenset({"sr28-abbrev", "sr28-ascii", "fdc-sr_legacy_food"})


@dataclass(slots=True)
class Food:
    """A food with amounts per 100 g edible portion. A missing nutrient is absent, never 0."""

    description: str
    release: str  # Release.key
    ndb_number: str | None = None  # 5+ digits, zero-padded, for SR foods
    fdc_id: int | None = None
    short_description: str | None = None
    common_names: str | None = None
    food_group: str | None = None
    manufacturer: str | None = None
    in_survey: bool = False  # used in FNDDS, i.e. eaten by NHANES participants
    # An ingredient of FNDDS 2019–2020 (FoodData Central supporting data, 2022-10-28): one of
    # the SR foods the foods Americans report eating in NHANES/WWEIA are built from.
    fndds_ingredient: bool = False
    nutrients: dict[Nutrient, float] = field(default_factory=dict)
    portions: list[Portion] = field(default_factory=list)

    @property
    def key(self) -> str:
        """Identity across releases. SR28 and SR Legacy share NDB numbers for the same food;
        Foundation and survey foods are their own analyses, known by FDC id."""
        if self.ndb_number and self.release in SR_RELEASES:
            return f"ndb:{self.ndb_number}"
        return f"fdc:{self.fdc_id}"


def normalise_ndb_number(text: str) -> str:
    """``9040`` → ``09040``: SR numbers are 5 digits with leading zeros."""
    return text.strip().zfill(5)
