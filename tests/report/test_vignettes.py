"""Screening vignettes written from clinical sense and the evidence, not from the code
(tests/data/vignettes/*.yaml): each states which minerals must or must not be likely."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from sleepmin.foods.database import FoodDatabase
from sleepmin.intake.diet import analyze_food_log
from sleepmin.intake.targets import load_dri_table, personal_targets
from sleepmin.knowledge.kb import load_knowledge
from sleepmin.labs.catalog import load_catalog
from sleepmin.labs.interpret import Context, LabResult, derive, inflammation_from, interpret
from sleepmin.report.assessment import build_assessment, profile_from, supplements_from
from sleepmin.screen.answers import parse_answers

pytestmark = pytest.mark.slow
VIGNETTES = sorted((Path(__file__).parents[1] / "data" / "vignettes").glob("*.yaml"))
TODAY = dt.date(2026, 11, 25)


def assess(data: dict[str, Any], db: FoodDatabase) -> dict[str, Any]:
    raw = dict(data["answers"])
    food_log = raw.pop("food_log", None)
    answers = parse_answers(raw)
    catalog = load_catalog()
    profile = profile_from(answers)
    targets = personal_targets(profile, load_dri_table()) if profile else None
    results = [LabResult(catalog.test(x.test).key, x.value, x.unit) for x in answers.labs]
    results += derive(results, catalog)
    context = Context(
        profile.sex.value if profile else None,
        profile.age_years if profile else None,
        bool(profile and profile.pregnant),
        inflammation_from(results, catalog),
    )
    labs = tuple(interpret(catalog, r, context) for r in results)
    diet = None
    if food_log:
        assert targets is not None
        diet = analyze_food_log(
            food_log, db, targets, today=TODAY, supplements=list(supplements_from(answers))
        ).analysis
    return build_assessment(
        answers, load_knowledge(), catalog, targets=targets, diet=diet, labs=labs, today=TODAY
    )


def test_there_are_at_least_twenty_vignettes() -> None:
    assert len(VIGNETTES) >= 20


@pytest.mark.parametrize("path", VIGNETTES, ids=[p.stem for p in VIGNETTES])
def test_vignette(path: Path, real_db: FoodDatabase) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    expect = data["expect"]
    report = assess(data, real_db)
    levels = {m["mineral"]: m["level"] for m in report["minerals"]}
    why = f"{path.stem}: {levels} — {expect.get('why', '')}"
    for mineral in expect.get("likely", []):
        assert levels[mineral] == "likely", why
    for mineral in expect.get("not_likely", []):
        assert levels[mineral] != "likely", why
    for mineral in expect.get("at_least_possible", []):
        assert levels[mineral] in ("likely", "possible"), why
    for mineral in expect.get("unlikely", []):
        assert levels[mineral] == "unlikely", why
    if "top" in expect:
        assert report["minerals"][0]["mineral"] == expect["top"], why
    if "red_flag" in expect:
        assert any(f["severity"] == "red_flag" for f in report["safety"]) is expect["red_flag"], why
    if "isi_band" in expect:
        assert report["isi"]["band"] == expect["isi_band"], why
    if "rls_criteria_met" in expect:
        assert report["rls"]["met"] is expect["rls_criteria_met"], why
    for mineral in report["minerals"]:  # every reason of a non-low mineral is cited
        for reason in mineral["reasons"]:
            if reason["weight"] > 0 and reason["kind"] != "cap":
                assert reason["citations"], (path.stem, reason)
