"""Intake against targets: per day and on average, from food and supplements, with coverage.

Pure: takes resolved log items, supplements and targets; returns plain results. Wording follows
"logged vs reference" — it describes, it does not praise or blame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from statistics import NormalDist

from sleepmin.foods.model import Food
from sleepmin.intake.foodlog import Day
from sleepmin.intake.matching import LogItem
from sleepmin.intake.supplements import Supplement
from sleepmin.intake.targets import MineralTarget, Targets
from sleepmin.numbers import mg
from sleepmin.nutrients import Mineral

_NORMAL = NormalDist()
TOP_SOURCES = 5


@dataclass(frozen=True, slots=True)
class Intake:
    food_mg: float
    supplements_mg: float

    @property
    def total_mg(self) -> float:
        return self.food_mg + self.supplements_mg


@dataclass(frozen=True, slots=True)
class Source:
    food: Food
    mg_per_day: float
    share_percent: float


@dataclass(frozen=True, slots=True)
class Inadequacy:
    probability: float
    method: str


@dataclass(frozen=True, slots=True)
class MineralResult:
    mineral: Mineral
    target: MineralTarget
    intake: Intake  # mean per day
    percent_of_target: float
    inadequacy: Inadequacy | None  # None where there is no EAR (AIs, potassium)
    ul_counted_mg: float | None  # what the UL applies to: all intake, or supplements only (Mg)
    ul_status: str  # "above", "within", "not_determined", "none_established"
    top_sources: tuple[Source, ...]
    reporting: int  # matched foods whose USDA data report this mineral
    logged: int  # matched foods
    summary: str


@dataclass(frozen=True, slots=True)
class DayResult:
    day: Day
    items: int
    intake: dict[Mineral, Intake]


@dataclass(frozen=True, slots=True)
class Analysis:
    targets: Targets
    days: tuple[DayResult, ...]
    items: tuple[LogItem, ...]
    supplements: tuple[Supplement, ...]
    minerals: dict[Mineral, MineralResult] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def analyse(
    items: list[LogItem],
    days: list[Day],
    supplements: list[Supplement],
    targets: Targets,
) -> Analysis:
    n_days = max(len(days), 1)
    matched = [i for i in items if i.status == "matched" and i.food is not None and i.grams]
    supplement_mg = {m: sum(s.amount_mg for s in supplements if s.mineral is m) for m in Mineral}

    day_results = []
    for index, day in enumerate(days):
        in_day = [i for i in matched if i.day == index]
        day_results.append(
            DayResult(
                day,
                len(in_day),
                {m: Intake(round(_food_mg(in_day, m), 4), supplement_mg[m]) for m in Mineral},
            )
        )

    minerals: dict[Mineral, MineralResult] = {}
    for mineral in Mineral:
        target = targets.minerals[mineral]
        food_mean = sum(d.intake[mineral].food_mg for d in day_results) / n_days
        intake = Intake(round(food_mean, 4), supplement_mg[mineral])
        reporting = sum(1 for i in matched if _reports(i.food, mineral))
        minerals[mineral] = _mineral_result(
            mineral, target, intake, matched, n_days, reporting, len(matched)
        )

    notes = [
        f"Estimated from {n_days} day{'s' if n_days != 1 else ''} of logged food. Intake varies "
        "a lot from day to day, so a few days give only a rough estimate of usual intake.",
        *targets.notes,
    ]
    return Analysis(
        targets, tuple(day_results), tuple(items), tuple(supplements), minerals, tuple(notes)
    )


def _reports(food: Food | None, mineral: Mineral) -> bool:
    return food is not None and mineral.nutrient in food.nutrients


def _food_mg(items: list[LogItem], mineral: Mineral) -> float:
    total = 0.0
    for item in items:
        assert item.food is not None and item.grams is not None
        per_100g = item.food.nutrients.get(mineral.nutrient)
        if per_100g is not None:  # not reported: counted in coverage, not as zero
            total += item.grams * per_100g / 100
    return total


def _mineral_result(
    mineral: Mineral,
    target: MineralTarget,
    intake: Intake,
    matched: list[LogItem],
    n_days: int,
    reporting: int,
    logged: int,
) -> MineralResult:
    percent = 100 * intake.total_mg / target.target_mg if target.target_mg else 0.0
    inadequacy = probability_inadequate(intake.total_mg, target)
    if target.ul_mg is None:
        counted, status = None, target.ul_status
    else:
        counted = intake.total_mg if target.ul_counts_food else intake.supplements_mg
        status = "above" if counted > target.ul_mg else "within"
    sources = _top_sources(matched, mineral, n_days)
    return MineralResult(
        mineral,
        target,
        intake,
        round(percent, 1),
        inadequacy,
        None if counted is None else round(counted, 4),
        status,
        sources,
        reporting,
        logged,
        _summary(mineral, target, intake, percent, reporting, logged, status),
    )


def probability_inadequate(intake_mg: float, target: MineralTarget) -> Inadequacy | None:
    """The NRC/IOM probability approach: the chance that this usual intake is below the
    person's requirement, given the requirement distribution the DRI report used.

    Normal requirements (Mg, Zn, Cu, Ca): mean EAR, SD = (RDA − EAR) / 2, since RDA = EAR + 2 SD.
    Iron: requirements are skewed (menstrual losses), so a log-normal with median EAR and the RDA
    as its 97.5th percentile is used, approximating the IOM 2001 Appendix I tables.
    """
    if target.ear_mg is None or target.target_type != "RDA":
        return None
    ear = target.ear_mg
    rda = target.unadjusted_target_mg * (target.ear_mg / _unadjusted_ear(target))
    if target.mineral is Mineral.IRON:
        sigma = math.log(rda / ear) / 1.96
        if intake_mg <= 0:
            return Inadequacy(1.0, "log-normal requirement (IOM 2001 App. I approximation)")
        z = (math.log(intake_mg) - math.log(ear)) / sigma
        method = "log-normal requirement, median EAR, RDA at the 97.5th percentile"
    else:
        sd = (rda - ear) / 2
        z = (intake_mg - ear) / sd
        method = f"normal requirement, mean EAR, SD (RDA - EAR)/2 = {sd:.3g} mg (CV {sd / ear:.0%})"
    return Inadequacy(round(1 - _NORMAL.cdf(z), 3), method)


def _unadjusted_ear(target: MineralTarget) -> float:
    """The EAR before any factor that scaled both target and EAR (iron for vegetarians)."""
    assert target.ear_mg is not None
    factor = 1.0
    for adjustment in target.adjustments:
        if adjustment.factor and adjustment.applies_to == "target and EAR":
            factor *= adjustment.factor
    return target.ear_mg / factor


def _top_sources(matched: list[LogItem], mineral: Mineral, n_days: int) -> tuple[Source, ...]:
    totals: dict[str, tuple[Food, float]] = {}
    for item in matched:
        assert item.food is not None and item.grams is not None
        per_100g = item.food.nutrients.get(mineral.nutrient)
        if not per_100g:
            continue
        key = item.food.key
        food, mg = totals.get(key, (item.food, 0.0))
        totals[key] = (food, mg + item.grams * per_100g / 100)
    grand = sum(mg for _, mg in totals.values())
    ranked = sorted(totals.values(), key=lambda fm: -fm[1])[:TOP_SOURCES]
    return tuple(
        Source(food, round(mg / n_days, 3), round(100 * mg / grand, 1) if grand else 0.0)
        for food, mg in ranked
    )


def _summary(
    mineral: Mineral,
    target: MineralTarget,
    intake: Intake,
    percent: float,
    reporting: int,
    logged: int,
    ul_status: str,
) -> str:
    name = mineral.value.capitalize()
    text = (
        f"{name}: logged {_mg(intake.total_mg)} a day vs a reference of "
        f"{_mg(target.target_mg)} ({target.target_type}), {percent:.0f}%."
    )
    if logged and reporting < logged:
        text += (
            f" Only {reporting} of {logged} logged foods report {mineral.value} in the USDA "
            "data, so the real intake is likely higher."
        )
    if ul_status == "above":
        what = "from supplements" if not target.ul_counts_food else "in total"
        text += (
            f" The amount {what} is above the upper limit of {_mg(target.ul_mg or 0)}; "
            "talk to a clinician before continuing."
        )
    return text


def _mg(value: float) -> str:
    return mg(value)
