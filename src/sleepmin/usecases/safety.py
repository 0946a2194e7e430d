"""Use case: a supplement plan checked against limits, interactions and red flags."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sleepmin.intake.matching import FoodLookup
from sleepmin.intake.supplements import parse_supplements
from sleepmin.intake.targets import Profile
from sleepmin.labs.catalog import load_catalog
from sleepmin.labs.interpret import Context, Interpretation, LabResult
from sleepmin.nutrients import Mineral
from sleepmin.results.safety import SafetyReportResult
from sleepmin.safety.checks import SafetyInput
from sleepmin.safety.report import SafetyReport, report_json, safety_report
from sleepmin.usecases.diet import diet_for
from sleepmin.usecases.inputs import FoodLog
from sleepmin.usecases.labs import LabsSource, import_labs, interpret_results
from sleepmin.usecases.ports import PinStore
from sleepmin.usecases.targets import targets_for
from sleepmin.vocabulary import check_terms


@dataclass(frozen=True, slots=True)
class SafetyCheck:
    report: SafetyReport
    warnings: tuple[str, ...]  # lab results not used, pins not saved

    def result(self) -> SafetyReportResult:
        """The typed result: `safety check --json` is its dump."""
        return SafetyReportResult.model_validate(report_json(self.report, load_catalog()))

    def to_json(self) -> dict[str, Any]:
        return self.result().to_json()


def check_safety(
    profile: Profile,
    *,
    today: dt.date,
    supplements: Sequence[str] = (),
    medications: Sequence[str] = (),
    conditions: Sequence[str] = (),
    labs: LabsSource | None = None,
    log: FoodLog | None = None,
    foods: FoodLookup | None = None,
    pins: PinStore | None = None,
    kept_labs: Sequence[LabResult] = (),
) -> SafetyCheck:
    """`sleepmin safety check`: findings (red flags first) and, when nothing stops the plan, a
    timing schedule. Food in ``log`` counts toward the Upper Limits, read with the person's
    saved pins; lab results (a file or stream, via ``labs``) add their red flags."""
    targets = targets_for(profile)
    parsed = tuple(parse_supplements(tuple(supplements)))
    meds = check_terms("medication", tuple(medications))
    conds = check_terms("condition", tuple(conditions))
    warnings: list[str] = []
    interpretations: tuple[Interpretation, ...] = ()
    context = Context(profile.sex.value, profile.age_years, profile.pregnant)
    if labs is not None:
        read = import_labs(labs.source, context, name=labs.name)
        warnings += read.warnings
        interpretations = read.require_some().interpretations
    if kept_labs:  # a stored person's results, with those of the file
        fresh = [] if labs is None else read.imported.results
        interpretations, problems = interpret_results([*kept_labs, *fresh], context)
        warnings += [f"kept lab result not used ({p.where}): {p.reason}" for p in problems]
    food_mg: dict[Mineral, float] = {}
    if log is not None:
        if foods is None:
            raise ValueError("a food log needs the food database")
        diet = diet_for(log, foods, targets, today=today, pins=pins)
        warnings += diet.warnings
        food_mg = {m: r.intake.food_mg for m, r in diet.analysis.minerals.items()}
    plan = SafetyInput(targets, parsed, food_mg, meds, conds, interpretations)
    return SafetyCheck(safety_report(plan), tuple(warnings))
