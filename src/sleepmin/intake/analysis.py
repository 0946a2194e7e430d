"""Intake against targets: per day and on average, from food and supplements, with coverage.

Pure: takes resolved log items, supplements and targets; returns plain results. Wording follows
"logged vs reference" — it describes, it does not praise or blame.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from statistics import NormalDist
from typing import Any, Literal, cast

from sleepmin.foods.model import Food
from sleepmin.intake.foodlog import Day
from sleepmin.intake.matching import LogItem
from sleepmin.intake.supplements import Supplement
from sleepmin.intake.targets import MineralTarget, Targets
from sleepmin.numbers import mg, number
from sleepmin.nutrients import Mineral, Nutrient

_NORMAL = NormalDist()
TOP_SOURCES = 5
_NUTRIENT = {m: m.nutrient for m in Mineral}  # looked up once: a long log asks millions of times


UlStatus = Literal["above", "within", "unknown", "not_determined", "none_established"]
"""Intake against the Upper Limit (what it counts), or why there is none to compare."""


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
    intake: Intake  # mean per counted day; food_mg is 0 when evidence is "none" (unknown)
    percent_of_target: float
    inadequacy: Inadequacy | None  # None: no EAR (AIs, potassium), or withheld (see evidence)
    ul_counted_mg: float | None  # what the UL applies to: all intake, or supplements only (Mg)
    ul_status: UlStatus
    top_sources: tuple[Source, ...]
    reporting: int  # matched foods whose USDA data report this mineral
    logged: int  # matched foods
    summary: str
    # How far the food intake can be trusted (docs/cli.md, "evidence"):
    #   "none"     no matched food reports it: the intake from food is unknown, not zero;
    #   "thin"     under half the foods of the log count toward it: the intake is a lower
    #              bound and no chance of inadequacy is given;
    #   "partial"  some foods do not count (not matched, or no USDA value): a lower bound;
    #   "complete" every food of the log counts toward it.
    evidence: str = "complete"
    unknown_reason: str | None = None  # why intake or probability is withheld
    food_items: int = 0  # foods in the log, counted or not

    @property
    def food_known(self) -> bool:
        """Whether any matched food reports this mineral (else its food intake is unknown)."""
        return self.evidence != "none"


@dataclass(frozen=True, slots=True)
class DayResult:
    day: Day
    items: int  # matched foods
    intake: dict[Mineral, Intake]
    food_items: int = 0  # foods written under this day, counted or not
    grams: float = 0.0  # matched foods only
    energy_kcal: float | None = None  # matched foods that report energy; None if none does
    counted: bool = True  # in the averages (False: no food of the day could be matched)
    flags: tuple[str, ...] = ()  # "grams_high", "energy_high", "energy_low"


@dataclass(frozen=True, slots=True)
class Analysis:
    targets: Targets
    days: tuple[DayResult, ...]
    items: tuple[LogItem, ...]
    supplements: tuple[Supplement, ...]
    minerals: dict[Mineral, MineralResult] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # what the reader must know before reading the numbers
    matched_items: int = 0
    food_items: int = 0  # matched + ambiguous + not understood lines (not notes, not "not food")
    energy_kcal_per_day: float | None = None  # mean over counted days; None if unknown
    # where the food intakes lie among US people like this one (usecases/population.py); set
    # by the use case, which knows where the NHANES summary is installed
    population: Mapping[str, Any] | None = None

    @property
    def has_food_evidence(self) -> bool:
        """False when no food in the log could be matched: then there is no diet evidence at
        all, and intakes from food are unknown (not zero)."""
        return self.matched_items > 0

    @property
    def counted_share(self) -> float:
        """The share of the log's foods that were matched and counted (0 to 1)."""
        return self.matched_items / self.food_items if self.food_items else 0.0

    @property
    def counted_days(self) -> int:
        return sum(1 for d in self.days if d.counted)


# Plausibility of one day (docs/food-log.md, "Checks on a day's totals"). A day outside these is
# still counted; the analysis says so, in "logged vs reference" words.
DAY_GRAMS_MAX = 6000.0
DAY_KCAL_MAX = 8000.0
DAY_KCAL_MIN = 500.0
DAY_KCAL_MIN_UNDER_4 = 200.0  # infants and toddlers eat far less
MIN_COUNTED_SHARE = 0.5  # below it, a chance of inadequacy is not estimated

NO_FOOD_MATCHED = "no food in the log could be matched: no intake can be estimated"


def analyse(
    items: list[LogItem],
    days: list[Day],
    supplements: list[Supplement],
    targets: Targets,
) -> Analysis:
    food_items = [i for i in items if not i.header and i.status != "not_food"]
    matched = [i for i in food_items if i.status == "matched" and i.food is not None and i.grams]
    supplement_mg = {m: sum(s.amount_mg for s in supplements if s.mineral is m) for m in Mineral}
    by_day: dict[int | None, list[LogItem]] = {}
    lines_by_day: dict[int | None, int] = {}
    for item in food_items:
        lines_by_day[item.day] = lines_by_day.get(item.day, 0) + 1
    for item in matched:
        by_day.setdefault(item.day, []).append(item)

    low_kcal = DAY_KCAL_MIN if targets.profile.age_years >= 4 else DAY_KCAL_MIN_UNDER_4
    day_results = []
    warnings: list[str] = []
    notes: list[str] = []
    for index, day in enumerate(days):
        in_day = by_day.get(index, [])
        day_result = _day_result(day, in_day, lines_by_day.get(index, 0), supplement_mg, low_kcal)
        day_results.append(day_result)
        warnings.extend(_day_warnings(day_result, low_kcal))
        if not day_result.counted:
            notes.append(
                f"{day.label}: no food lines, so the day is left out of the averages."
                if not day_result.food_items
                else f"{day.label}: none of its {day_result.food_items} food(s) could be "
                "matched, so the day is left out of the averages."
            )
    counted = [d for d in day_results if d.counted]
    n_days = max(len(counted), 1)
    n_food, n_matched = len(food_items), len(matched)

    minerals: dict[Mineral, MineralResult] = {}
    for mineral in Mineral:
        target = targets.minerals[mineral]
        food_mean = sum(d.intake[mineral].food_mg for d in counted) / n_days
        intake = Intake(round(food_mean, 4), supplement_mg[mineral])
        reporting = sum(1 for i in matched if _reports(i.food, mineral))
        minerals[mineral] = _mineral_result(
            mineral, target, intake, matched, n_days, reporting, n_matched, n_food
        )

    energies = [d.energy_kcal for d in counted if d.energy_kcal is not None]
    energy = round(sum(energies) / n_days, 1) if energies else None
    if not n_matched:
        warnings.insert(
            0,
            f"{NO_FOOD_MATCHED[0].upper()}{NO_FOOD_MATCHED[1:]}. Check the lines marked "
            "'not counted' and write each food as e.g. '2 bananas' or '150 g salmon'.",
        )
    elif n_matched < n_food:
        unknown = n_food - n_matched
        text = (
            f"{unknown} of the {n_food} foods in the log could not be counted (ambiguous or "
            "not understood): what they contain is unknown, so every total is a lower bound."
        )
        if n_matched / n_food < MIN_COUNTED_SHARE:
            text += " With under half the foods counted, no chance of inadequacy is estimated."
        warnings.insert(0, text)

    notes = [
        *notes,
        f"Estimated from {len(counted)} day{'s' if len(counted) != 1 else ''} of logged food. "
        "Intake varies a lot from day to day, so a few days give only a rough estimate of usual "
        "intake.",
        *targets.notes,
    ]
    return Analysis(
        targets,
        tuple(day_results),
        tuple(items),
        tuple(supplements),
        minerals,
        tuple(notes),
        tuple(warnings),
        n_matched,
        n_food,
        energy,
    )


def _day_result(
    day: Day,
    in_day: list[LogItem],
    food_items: int,
    supplement_mg: dict[Mineral, float],
    low_kcal: float,
) -> DayResult:
    grams = sum(i.grams or 0.0 for i in in_day)
    energy_items = [i for i in in_day if _reports_energy(i.food)]
    energy = (
        round(sum(_amount(i, Nutrient.ENERGY_KCAL) for i in energy_items), 1)
        if energy_items
        else None
    )
    flags = []
    if grams > DAY_GRAMS_MAX:
        flags.append("grams_high")
    if energy is not None and energy > DAY_KCAL_MAX:
        flags.append("energy_high")
    if in_day and energy is not None and energy < low_kcal:
        flags.append("energy_low")
    return DayResult(
        day,
        len(in_day),
        {m: Intake(round(_food_mg(in_day, m), 4), supplement_mg[m]) for m in Mineral},
        food_items,
        round(grams, 1),
        energy,
        bool(in_day),
        tuple(flags),
    )


def _day_warnings(day: DayResult, low_kcal: float) -> list[str]:
    """Neutral words: what was logged, what a day's food usually adds up to, what to check.
    Never a judgement of eating more or less."""
    out = []
    label = day.day.label
    if "grams_high" in day.flags:
        out.append(
            f"{label}: {number(day.grams / 1000, 3)} kg of food and drink logged; a day's food "
            f"and drink rarely weighs over {DAY_GRAMS_MAX / 1000:.0f} kg, so check the amounts "
            "and units (e.g. 'kg' written for 'g'). The day is still counted."
        )
    if "energy_high" in day.flags and day.energy_kcal is not None:
        out.append(
            f"{label}: about {number(day.energy_kcal)} kcal logged; a day's food rarely adds up "
            f"to over {number(DAY_KCAL_MAX)} kcal, so check the amounts and units. The day is "
            "still counted."
        )
    if "energy_low" in day.flags and day.energy_kcal is not None:
        out.append(
            f"{label}: about {number(day.energy_kcal)} kcal logged; a full day's food rarely "
            f"adds up to under {number(low_kcal)} kcal, so the log may be incomplete (meals, "
            "snacks or drinks not written down, or lines not counted) and this day's intakes "
            "are likely underestimates."
        )
    return out


def _reports(food: Food | None, mineral: Mineral) -> bool:
    return food is not None and _NUTRIENT[mineral] in food.nutrients


def _reports_energy(food: Food | None) -> bool:
    return food is not None and Nutrient.ENERGY_KCAL in food.nutrients


def _amount(item: LogItem, nutrient: Nutrient) -> float:
    assert item.food is not None and item.grams is not None
    return item.grams * item.food.nutrients.get(nutrient, 0.0) / 100


def _food_mg(items: list[LogItem], mineral: Mineral) -> float:
    total = 0.0
    for item in items:
        assert item.food is not None and item.grams is not None
        per_100g = item.food.nutrients.get(_NUTRIENT[mineral])
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
    food_items: int,
) -> MineralResult:
    if reporting == 0:
        evidence = "none"
    elif reporting == food_items:
        evidence = "complete"
    elif reporting / max(food_items, 1) < MIN_COUNTED_SHARE:
        evidence = "thin"
    else:
        evidence = "partial"
    unknown_reason = None
    if evidence == "none":
        unknown_reason = (
            NO_FOOD_MATCHED
            if not logged
            else f"none of the {logged} matched foods report {mineral.value} in the USDA data: "
            "its intake from food is unknown"
        )
    elif evidence == "thin":
        unknown_reason = (
            f"only {reporting} of the {food_items} foods in the log count toward "
            f"{mineral.value}: the intake is a lower bound, too incomplete to estimate a chance "
            "of inadequacy"
        )
    percent = 100 * intake.total_mg / target.target_mg if target.target_mg else 0.0
    inadequacy = (
        probability_inadequate(intake.total_mg, target)
        if evidence in ("partial", "complete")
        else None
    )
    counted: float | None
    status: UlStatus
    if target.ul_mg is None:
        # no UL: the target says which kind of "none" it is
        counted, status = None, cast("UlStatus", target.ul_status)
    elif evidence == "none" and target.ul_counts_food:
        # The food part is unknown: only supplements alone above the UL can be told.
        above = intake.supplements_mg > target.ul_mg
        counted, status = (intake.supplements_mg, "above") if above else (None, "unknown")
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
        _summary(mineral, target, intake, percent, reporting, logged, status, evidence),
        evidence,
        unknown_reason,
        food_items,
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
        per_100g = item.food.nutrients.get(_NUTRIENT[mineral])
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
    ul_status: UlStatus,
    evidence: str = "complete",
) -> str:
    name = mineral.value.capitalize()
    if evidence == "none":
        text = (
            f"{name}: intake from food unknown — "
            + (NO_FOOD_MATCHED if not logged else "no matched food reports it in the USDA data")
            + "."
        )
        if intake.supplements_mg:
            text += f" Supplements add {mg(intake.supplements_mg)} a day."
    else:
        text = (
            f"{name}: logged {mg(intake.total_mg)} a day vs a reference of "
            f"{mg(target.target_mg)} ({target.target_type}), {percent:.0f}%."
        )
        if logged and reporting < logged:
            text += (
                f" Only {reporting} of {logged} logged foods report {mineral.value} in the "
                "USDA data, so the real intake is likely higher."
            )
        if evidence == "thin":
            text += (
                " Too few of the log's foods count toward it to estimate a chance of inadequacy."
            )
    if ul_status == "above":
        what = "from supplements" if not target.ul_counts_food or evidence == "none" else "in total"
        text += (
            f" The amount {what} is above the upper limit of {mg(target.ul_mg or 0)}; "
            "talk to a clinician before continuing."
        )
    return text
