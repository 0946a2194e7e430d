"""Personal targets against the reference DRI table, every life-stage group."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from sleepmin.errors import InvalidProfile
from sleepmin.intake.targets import (
    Diet,
    Profile,
    Sex,
    load_dri_table,
    personal_targets,
)
from sleepmin.nutrients import Mineral

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "dri.csv"
TABLE = load_dri_table()


def _reference_rows() -> list[dict[str, str]]:
    with REFERENCE.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _cases() -> list[tuple[dict[str, str], float, Sex]]:
    cases = []
    for row in _reference_rows():
        low = float(row["age_min_years"])
        high = float(row["age_max_years"]) if row["age_max_years"] else 90.0
        sexes = [Sex.FEMALE, Sex.MALE] if row["sex"] == "both" else [Sex(row["sex"])]
        for sex in sexes:
            for age in (low, (low + high) / 2, math.nextafter(high, 0)):
                cases.append((row, age, sex))
    return cases


@pytest.mark.parametrize(
    ("row", "age", "sex"),
    _cases(),
    ids=lambda v: v["life_stage"] + " " + v["mineral"] if isinstance(v, dict) else str(v),
)
def test_every_dri_group_matches_the_reference(row: dict[str, str], age: float, sex: Sex) -> None:
    profile = Profile(
        age, sex, pregnant=row["pregnant"] == "yes", lactating=row["lactating"] == "yes"
    )
    target = personal_targets(profile, TABLE).minerals[Mineral(row["mineral"])]
    scale = 0.001 if row["unit"] == "ug/day" else 1.0
    assert target.target_type == row["value_type"]
    assert target.target_mg == pytest.approx(float(row["value"]) * scale)
    ear = float(row["ear_value"]) * scale if row["ear_value"] else None
    ul = float(row["ul_value"]) * scale if row["ul_value"] else None
    assert target.ear_mg == (pytest.approx(ear) if ear is not None else None)
    assert target.ul_mg == (pytest.approx(ul) if ul is not None else None)
    assert target.ul_applies_to == row["ul_applies_to"]
    assert target.source == row["source"]


def test_all_132_reference_rows_are_shipped() -> None:
    assert len(TABLE) == len(_reference_rows()) == 132


@pytest.mark.parametrize(
    ("age", "stage"),
    [
        (0.0, "infants 0-6 mo"),
        (0.25, "infants 0-6 mo"),
        (0.5, "infants 7-12 mo"),
        (1, "children 1-3 y"),
        (3.99, "children 1-3 y"),
        (4, "children 4-8 y"),
        (13.9, "females 9-13 y"),
        (18.99, "females 14-18 y"),
        (19, "females 19-30 y"),
        (50.5, "females 31-50 y"),
        (51, "females 51-70 y"),
        (70.99, "females 51-70 y"),
        (71, "females >70 y"),
        (104, "females >70 y"),
    ],
)
def test_life_stage_boundaries(age: float, stage: str) -> None:
    assert personal_targets(Profile(age, Sex.FEMALE), TABLE).life_stage == stage


def test_copper_is_in_mg_and_magnesium_ul_counts_supplements_only() -> None:
    targets = personal_targets(Profile(32, Sex.FEMALE), TABLE).minerals
    assert targets[Mineral.COPPER].target_mg == 0.9
    assert targets[Mineral.COPPER].ul_mg == 10.0
    assert not targets[Mineral.MAGNESIUM].ul_counts_food
    assert targets[Mineral.ZINC].ul_counts_food


def test_uls_not_determined_are_none_with_the_reason() -> None:
    infant = personal_targets(Profile(0.3, Sex.MALE), TABLE).minerals
    assert infant[Mineral.MAGNESIUM].ul_mg is None
    assert infant[Mineral.MAGNESIUM].ul_status == "not_determined"
    assert "not determinable" in infant[Mineral.MAGNESIUM].ul_applies_to
    adult = personal_targets(Profile(40, Sex.MALE), TABLE).minerals
    assert adult[Mineral.POTASSIUM].ul_mg is None
    assert adult[Mineral.POTASSIUM].ul_status == "none_established"


@pytest.mark.parametrize("diet", [Diet.VEGETARIAN, Diet.VEGAN])
def test_plant_based_adjustments(diet: Diet) -> None:
    targets = personal_targets(Profile(25, Sex.FEMALE, diet=diet), TABLE).minerals
    assert targets[Mineral.IRON].target_mg == pytest.approx(18 * 1.8)  # 32.4 mg
    assert targets[Mineral.IRON].ear_mg == pytest.approx(8.1 * 1.8)
    assert targets[Mineral.ZINC].target_mg == pytest.approx(8 * 1.5)
    assert targets[Mineral.ZINC].ear_mg == pytest.approx(6.8)  # a planning target only
    assert targets[Mineral.MAGNESIUM].target_mg == 310


def test_unverified_rows_carry_their_note() -> None:
    target = personal_targets(Profile(16, Sex.FEMALE, pregnant=True), TABLE).minerals[
        Mineral.CALCIUM
    ]
    assert target.status.startswith("unverified")
    assert any("EAR sources disagree" in a.reason for a in target.adjustments)


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        (Profile(30, Sex.MALE, pregnant=True), "pregnancy and lactation DRIs are for females"),
        (
            Profile(30, Sex.FEMALE, pregnant=True, lactating=True),
            "choose pregnant or lactating, not both",
        ),
        (Profile(-1, Sex.FEMALE), "age -1 is outside 0-125 years"),
        (Profile(5, Sex.FEMALE, pregnant=True), "pregnancy and lactation DRIs start at age 14"),
    ],
)
def test_impossible_profiles_are_refused(profile: Profile, message: str) -> None:
    with pytest.raises(InvalidProfile, match=message):
        personal_targets(profile, TABLE)


def test_pregnancy_outside_the_tabled_ages_uses_the_nearest_group() -> None:
    targets = personal_targets(Profile(52, Sex.FEMALE, pregnant=True), TABLE)
    assert targets.life_stage == "pregnancy 31-50 y"
    assert any("nearest group" in n for n in targets.notes)
