"""Screening vignettes written from clinical sense and the evidence, not from the code:
tests/data/vignettes/*.yaml state which minerals must or must not be likely;
tests/data/vignettes_clinical/*.yaml (written apart from the code by a clinician-minded
reviewer, issue 9) state the first safety finding, the first next step and what must never be
suggested, per clinical pathway."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from sleepmin import usecases
from sleepmin.errors import InvalidAnswers
from sleepmin.foods.database import FoodDatabase
from sleepmin.screen.answers import parse_answers

pytestmark = pytest.mark.slow
DATA = Path(__file__).parents[1] / "data"
VIGNETTES = sorted((DATA / "vignettes").glob("*.yaml"))
CLINICAL = sorted((DATA / "vignettes_clinical").glob("*.yaml"))
# Written later by another reviewer who saw neither the code nor the other cases; measured once
# before any change prompted by them (docs/assessment.md gives the result), then kept as tests.
HOLDOUT = sorted((DATA / "vignettes_holdout").glob("*.yaml"))
TODAY = dt.date(2026, 11, 25)


def assess(data: dict[str, Any], db: FoodDatabase) -> dict[str, Any]:
    """The vignette through the assessment use case, as every interface runs it."""
    raw = dict(data["answers"])
    food_log = raw.pop("food_log", None)
    return usecases.assess(
        parse_answers(raw),
        today=TODAY,
        foods=db,
        log=usecases.FoodLog(food_log) if food_log else None,
    ).to_json()


def test_there_are_at_least_twenty_vignettes() -> None:
    assert len(VIGNETTES) >= 20
    assert len(CLINICAL) >= 30
    patterns = {yaml.safe_load(p.read_text("utf-8"))["pattern"] for p in CLINICAL}
    assert len(patterns) >= 10, patterns


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


@pytest.mark.parametrize("path", CLINICAL + HOLDOUT, ids=[p.stem for p in CLINICAL + HOLDOUT])
def test_clinical_vignette(path: Path, real_db: FoodDatabase) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    expect = data["expect"]
    why = f"{path.stem}: {expect.get('why', '')}"
    if "refused" in expect:
        with pytest.raises(InvalidAnswers) as refused:
            assess(data, real_db)
        assert str(expect["refused"]) in str(refused.value), (why, str(refused.value))
        return
    report = assess(data, real_db)
    levels = {m["mineral"]: m["level"] for m in report["minerals"]}
    safety, steps = report["safety"], report["next_steps"]
    seen = (
        f"{why}\nlevels {levels}\nsafety {[(f['severity'], f['rule']) for f in safety]}"
        f"\nsteps {[(s['kind'], s['pathway'], s['mineral']) for s in steps]}"
    )
    rules = {f["rule"] for f in safety}
    if "first_safety" in expect:
        assert safety, seen
        for key, value in expect["first_safety"].items():
            assert safety[0][key] == value, seen
    for rule in expect.get("safety_rules", []):
        assert rule in rules, seen
    for rule in expect.get("no_safety_rules", []):
        assert rule not in rules, seen
    if "first_step" in expect:
        for key, value in expect["first_step"].items():
            assert steps[0][key] == value, seen
    for wanted in expect.get("steps_include", []):
        assert any(all(s.get(k) == v for k, v in wanted.items()) for s in steps), (wanted, seen)
    for first, later in expect.get("before", []):
        at = [i for i, s in enumerate(steps) if _is(s, first)]
        after = [i for i, s in enumerate(steps) if _is(s, later)]
        assert at, (first, seen)
        assert all(at[0] < i for i in after), (first, later, seen)
    food_steps = [s for s in steps if s["pathway"] == "food" and s["kind"] == "food"]
    for mineral in expect.get("no_food_for", []):
        assert not any(s["mineral"] == mineral for s in food_steps), (mineral, seen)
    for mineral in expect.get("no_step_for", []):
        assert not any(s["mineral"] == mineral and s["kind"] in ("test", "food") for s in steps), (
            mineral,
            seen,
        )
    for word in expect.get("foods_exclude", []):
        for step in food_steps:
            assert word.lower() not in step["text"].lower(), (word, step["text"], why)
    for mineral in expect.get("likely", []):
        assert levels[mineral] == "likely", seen
    for mineral in expect.get("not_likely", []):
        assert levels[mineral] != "likely", seen
    for mineral in expect.get("at_least_possible", []):
        assert levels[mineral] in ("likely", "possible"), seen
    for mineral in expect.get("unlikely", []):
        assert levels[mineral] == "unlikely", seen
    if "top" in expect:
        assert report["minerals"][0]["mineral"] == expect["top"], seen
    if "red_flag" in expect:
        assert any(f["severity"] == "red_flag" for f in safety) is expect["red_flag"], seen
    if "isi_band" in expect:
        assert report["isi"]["band"] == expect["isi_band"], seen
    if "rls_criteria_met" in expect:
        assert report["rls"]["met"] is expect["rls_criteria_met"], seen
    schedule = report["schedule"] or []
    for a, b in expect.get("schedule_apart", []):
        slots_a = {d["slot"] for d in schedule if _doses(d, a)}
        slots_b = {d["slot"] for d in schedule if _doses(d, b)}
        assert slots_a and slots_b, (a, b, schedule, why)
        assert not slots_a & slots_b, (a, b, schedule, why)
    for mineral, most in expect.get("max_single_dose_mg", {}).items():
        doses = [d for d in schedule if d["mineral"] == mineral]
        assert doses, (mineral, schedule, why)
        assert all(d["amount_mg"] <= most for d in doses), (schedule, why)
    for mineral, amount in expect.get("supplement_elemental_mg", {}).items():
        counted = {i["mineral"]: i["amount_mg"] for i in report["supplement_intake"]}
        assert counted.get(mineral) == pytest.approx(amount, rel=0.02), (counted, why)


def _is(step: dict[str, Any], name: str) -> bool:
    """A step of this pathway ("food": any food step)."""
    return step["pathway"] == name or (name == "food" and step["kind"] == "food")


def _doses(dose: dict[str, Any], name: str) -> bool:
    return name in (dose.get("mineral"), dose.get("medicine"), dose.get("supplement"))


def test_no_matched_food_is_no_diet_evidence(real_db: FoodDatabase) -> None:
    """A log in which nothing matched must not read as zero intake (issue 10)."""
    data = {
        "answers": {
            "profile": {"age": 40, "sex": "female"},
            "signs": ["fatigue"],
            "food_log": "xyzzy\nqwerty\n",
        }
    }
    report = assess(data, real_db)
    for mineral in report["minerals"]:
        assert mineral["level"] == "unlikely", mineral
        assert not mineral["supported_by_tests_or_diet"]
        assert all(r["weight"] == 0 for r in mineral["reasons"] if r["kind"].startswith("diet"))


def test_very_little_food_logged_is_a_neutral_clinician_step(real_db: FoodDatabase) -> None:
    data = {"answers": {"profile": {"age": 30, "sex": "female"}, "food_log": "1 apple\n1 banana\n"}}
    steps = assess(data, real_db)["next_steps"]
    eating = [s for s in steps if s["pathway"] == "eating"]
    assert eating and eating[0]["kind"] == "clinician"
    text = eating[0]["text"].lower()
    assert "may be" not in text or "undercount" in text
    for praise in ("well done", "great", "good job", "keep it up", "only"):
        assert praise not in text.replace("only logged", "")
