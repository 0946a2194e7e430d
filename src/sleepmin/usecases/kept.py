"""Use cases that read and keep a stored person's data in one go: lab results kept from a file,
and the assessment from everything kept (answers, labs, food log, pins). Apart from the people use
cases so `sleepmin person list` never loads the assessment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from sleepmin.errors import InvalidAnswers, InvalidFoodLog, StoreError
from sleepmin.foods.database import FoodDatabase
from sleepmin.intake.targets import Profile
from sleepmin.labs.interpret import LabResult
from sleepmin.screen.answers import Answers, ProfileAnswers, parse_answers
from sleepmin.store import people as rows
from sleepmin.store.db import Store
from sleepmin.usecases.assessment import Assessment, assess
from sleepmin.usecases.diet import DietReport, analyze_diet
from sleepmin.usecases.inputs import FoodLog
from sleepmin.usecases.labs import LabsRead, LabsSource, import_labs, person_context
from sleepmin.usecases.people import (
    PersonPins,
    keep_log_file,
    kept_supplements,
    person_profile,
    stored_log,
)
from sleepmin.usecases.safety import SafetyCheck, check_safety

# the columns' widths (store.tables): longer text from a file is cut, the same on every database
_DATE, _UNIT, _SOURCE = 32, 32, 200


@dataclass(frozen=True, slots=True)
class KeptLabs:
    """A lab file read for a person, and how many of its results were new to their store."""

    read: LabsRead
    kept: int
    already: int


def _read_for(profile: Profile, source: LabsSource) -> tuple[LabsRead, list[rows.StoredLab]]:
    context = person_context(profile.sex.value, profile.age_years, profile.pregnant)
    read = import_labs(source.source, context, name=source.name).require_some()
    results = [
        rows.StoredLab(
            r.test,
            r.value,
            r.unit[:_UNIT],
            (r.date or "")[:_DATE],
            (r.source or read.name)[:_SOURCE],
        )
        for r in read.imported.results
    ]
    return read, results


def import_labs_for(store: Store, name: str, source: LabsSource) -> KeptLabs:
    """`sleepmin labs import FILE --person NAME`: the results read for the person (their sex,
    age and pregnancy) and kept; a result already kept (same test, date, value, unit) is not
    kept twice. Derived results are computed again when read, never kept."""
    read, results = _read_for(person_profile(store, name), source)
    with store.unit() as session:
        kept = rows.add_labs(session, rows.get_person(session, name), results)
    return KeptLabs(read, kept, len(results) - kept)


def kept_labs(store: Store, name: str) -> list[LabResult]:
    """Every lab result kept for the person, as the assessment reads them."""
    with store.unit() as session:
        return [
            LabResult(r.test, r.value, r.unit, r.taken_on or None, r.source or "kept")
            for r in rows.labs(session, rows.get_person(session, name))
        ]


def assess_person(
    store: Store,
    name: str,
    *,
    today: dt.date,
    foods: FoodDatabase | None,
    answers: Answers | None = None,
    log: FoodLog | None = None,
    labs: LabsSource | None = None,
    days: int = 7,
) -> Assessment:
    """`sleepmin assess --person NAME [ANSWERS]`: the assessment from what the person keeps.

    New answers are kept as given (the older ones stay as history); without them, the newest
    kept ones are used (and not kept again). The stored profile fills answers without one, and is
    read afresh each time (a `person update` counts from then on); answers with a profile of
    their own that differs say so in a warning. A lab file's results are kept and every kept
    result is read; a log file's dated lines are kept (as `diet analyze --person` keeps them),
    and without one, the kept log of the last ``days`` days is read. The person's pins apply.
    What is kept (labs, log, answers, the assessment) is written in one transaction, after the
    assessment is made.
    """
    profile = person_profile(store, name)
    given = answers
    if given is None:
        with store.unit() as session:
            saved = rows.latest_answers(session, rows.get_person(session, name))
        if saved is None:
            raise InvalidAnswers(
                f"no answers are kept for {name}; give their answers (docs/assessment.md)"
            ).with_cli_hint(f'sleepmin assess ANSWERS.yaml --person "{name}"')
        answers = parse_answers(saved)
    assert answers is not None
    used, warnings = _with_stored_profile(answers, profile, name)
    fresh: list[rows.StoredLab] = []
    if labs is not None:
        _, fresh = _read_for(profile, labs)
    given_log = log
    if log is None:
        try:
            log = stored_log(store, name, days=days, today=today)
        except InvalidFoodLog:
            log = None  # nothing kept: the assessment goes without a diet
    elif foods is None:
        raise InvalidFoodLog(
            "a food log needs the food database, and none is installed; install it first"
        )
    known = {(r.test, r.date or "", r.value, r.unit) for r in kept_labs(store, name)}
    new_labs = [
        LabResult(r.test, r.value, r.unit, r.taken_on or None, r.source)
        for r in fresh
        if (r.test, r.taken_on, r.value, r.unit) not in known
    ]
    result = assess(
        used,
        today=today,
        foods=foods,
        log=log if foods is not None else None,
        pins=PersonPins(store, name),
        kept_labs=[*kept_labs(store, name), *new_labs],
    )
    with store.unit() as session:
        person = rows.get_person(session, name)
        rows.add_labs(session, person, fresh)
        if given_log is not None and not given_log.kept and foods is not None:
            keep_log_file(session, person, given_log, foods, today=today)
        if given is not None:
            rows.save_answers(session, person, given.model_dump(mode="json", exclude_defaults=True))
        rows.save_assessment(session, person, result.to_json())
    return Assessment(result.report, (*warnings, *result.warnings))


def _with_stored_profile(
    answers: Answers, profile: Profile, name: str
) -> tuple[Answers, tuple[str, ...]]:
    """The answers as assessed: the stored profile where they have none, and heavy periods
    kept for the person counted as the risk factor it is."""
    stored = ProfileAnswers(
        age=profile.age_years,
        sex=profile.sex.value,
        pregnant=profile.pregnant,
        lactating=profile.lactating,
        diet=profile.diet.value,
    )
    warnings: tuple[str, ...] = ()
    update: dict[str, object] = {}
    if answers.profile is None:
        update["profile"] = stored
    else:
        own = answers.profile
        if (own.sex, round(own.age), own.pregnant, own.lactating, own.diet) != (
            stored.sex,
            round(stored.age),
            stored.pregnant,
            stored.lactating,
            stored.diet,
        ):
            warnings = (
                f"the answers' profile ({own.age:g} y, {own.sex}, {own.diet}) differs from the "
                f"one kept for {name} ({stored.age:g} y, {stored.sex}, {stored.diet}); the "
                "answers' is used for this assessment",
            )
    if profile.heavy_menstrual_bleeding and "heavy_periods" not in answers.risk_factors:
        update["risk_factors"] = [*answers.risk_factors, "heavy_periods"]
    return (answers.model_copy(update=update) if update else answers), warnings


def analyze_diet_for(
    store: Store,
    name: str,
    foods: FoodDatabase,
    *,
    today: dt.date,
    log: FoodLog | None = None,
    days: int = 7,
    supplements: Sequence[str] = (),
    extra_pins: Mapping[str, str] | None = None,
    remember_pins: bool = True,
) -> DietReport:
    """`sleepmin diet analyze [LOG] --person NAME`: a log file, or else the person's kept log of
    the last ``days`` days, against their stored profile, read with their pins, their kept
    supplements counted with ``supplements``. A log file's dated lines are kept for the person
    (a line already kept for its day is not kept twice), after the analysis, in one
    transaction; if that fails the analysis stands and a warning says so."""
    report = analyze_diet(
        log or stored_log(store, name, days=days, today=today),
        foods,
        person_profile(store, name),
        today=today,
        supplements=[*kept_supplements(store, name), *supplements],
        pins=PersonPins(store, name),
        extra_pins=extra_pins,
        remember_pins=remember_pins,
    )
    if log is None or log.kept:
        return report
    try:
        with store.unit() as session:
            kept = keep_log_file(
                session,
                rows.get_person(session, name),
                log,
                foods,
                today=today,
                remember_pins=remember_pins,
            )
    except StoreError as exc:
        return replace(report, warnings=(*report.warnings, f"the log was not kept: {exc}"))
    return replace(report, kept=kept)


def check_safety_for(
    store: Store,
    name: str,
    *,
    today: dt.date,
    supplements: Sequence[str] = (),
    medications: Sequence[str] = (),
    conditions: Sequence[str] = (),
    labs: LabsSource | None = None,
    log: FoodLog | None = None,
    foods: FoodDatabase | None = None,
) -> SafetyCheck:
    """`sleepmin safety check --person NAME`: the plan checked for the stored person, with
    their kept supplements and every lab result kept for them (and a --labs file's)."""
    return check_safety(
        person_profile(store, name),
        today=today,
        supplements=[*kept_supplements(store, name), *supplements],
        medications=medications,
        conditions=conditions,
        labs=labs,
        log=log,
        foods=foods,
        pins=PersonPins(store, name),
        kept_labs=kept_labs(store, name),
    )
