"""Intake against targets on the real USDA data, with a day computed by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from sleepmin.foods.database import FoodDatabase
from sleepmin.intake.analysis import probability_inadequate
from sleepmin.intake.diet import analyze_food_log
from sleepmin.intake.supplements import parse_supplement
from sleepmin.intake.targets import Diet, Profile, Sex, load_dri_table, personal_targets
from sleepmin.nutrients import Mineral

pytestmark = pytest.mark.slow
TODAY = dt.date(2026, 11, 25)
TABLE = load_dri_table()
WOMAN_32 = personal_targets(Profile(32, Sex.FEMALE), TABLE)

# Per 100 g in SR28 ABBREV (May 2016):      Ca    Fe    Mg   K    Zn    Cu
#   09040 Bananas, raw                       5   0.26   27  358  0.15  0.078
#   11458 Spinach, cooked, boiled, drained  136  3.57   87  466  0.76  0.174
#   12061 Nuts, almonds                     269  3.71  270  733  3.12  1.031
#   01077 Milk, whole, 3.25%, with vit D    113  0.03   10  132  0.37  0.025
#   11265 Mushrooms, portabella, raw          3  0.31   --  364  0.53  0.286   (Mg not analysed)
HAND_DAY = """\
2 bananas
1 cup cooked spinach
a handful of almonds
1 cup whole milk @ 01077
1 cup diced portabella mushrooms
"""
# Grams: 2 x 118 (medium) = 236; 1 cup = 180; handful = 28.35; 1 cup = 244; 1 cup, diced = 86.
HAND_TOTALS = {
    # 2.36*27 + 1.8*87 + 0.2835*270 + 2.44*10 (+ mushrooms: none reported)
    Mineral.MAGNESIUM: 63.72 + 156.6 + 76.545 + 24.4,
    # 2.36*5 + 1.8*136 + 0.2835*269 + 2.44*113 + 0.86*3
    Mineral.CALCIUM: 11.8 + 244.8 + 76.2615 + 275.72 + 2.58,
    Mineral.IRON: 0.6136 + 6.426 + 1.051785 + 0.0732 + 0.2666,
    Mineral.POTASSIUM: 844.88 + 838.8 + 207.8055 + 322.08 + 313.04,
    Mineral.ZINC: 0.354 + 1.368 + 0.88452 + 0.9028 + 0.4558,
    Mineral.COPPER: 0.18408 + 0.3132 + 0.2922885 + 0.061 + 0.24596,
}


def test_hand_checked_day(real_db: FoodDatabase) -> None:
    result = analyze_food_log(HAND_DAY, real_db, WOMAN_32, today=TODAY).analysis
    assert [(i.food.ndb_number if i.food else None, i.grams) for i in result.items] == [
        ("09040", 236.0),
        ("11458", 180.0),
        ("12061", 28.35),
        ("01077", 244.0),
        ("11265", 86.0),
    ]
    for mineral, total in HAND_TOTALS.items():
        assert result.minerals[mineral].intake.food_mg == pytest.approx(total, abs=1e-3), mineral
    magnesium = result.minerals[Mineral.MAGNESIUM]
    assert (magnesium.reporting, magnesium.logged) == (4, 5)
    assert "Only 4 of 5 logged foods report magnesium" in magnesium.summary
    assert magnesium.percent_of_target == pytest.approx(100 * 321.265 / 320, abs=0.05)
    # P(requirement > 321.265) with EAR 265, SD (320 - 265)/2 = 27.5: 1 - Phi(2.0460) = 0.0204
    assert magnesium.inadequacy is not None
    assert magnesium.inadequacy.probability == pytest.approx(0.020, abs=0.001)
    assert [s.food.ndb_number for s in magnesium.top_sources] == [
        "11458",
        "12061",
        "09040",
        "01077",
    ]
    assert result.minerals[Mineral.POTASSIUM].inadequacy is None  # AI only: no EAR


def test_days_are_averaged(real_db: FoodDatabase) -> None:
    log = "Day 1\n1 cup cooked spinach\nDay 2\n1 cup cooked spinach\n1 cup cooked spinach\n"
    result = analyze_food_log(log, real_db, WOMAN_32, today=TODAY).analysis
    assert [d.intake[Mineral.MAGNESIUM].food_mg for d in result.days] == [156.6, 313.2]
    assert result.minerals[Mineral.MAGNESIUM].intake.food_mg == pytest.approx(234.9)
    assert "2 days" in result.notes[0]


def test_supplements_count_separately_and_magnesium_ul_counts_only_them(
    real_db: FoodDatabase,
) -> None:
    supplements = [parse_supplement("magnesium glycinate 300 mg"), parse_supplement("zinc 35 mg")]
    log = "2 cups cooked spinach\n100 g pumpkin seeds\n"
    result = analyze_food_log(log, real_db, WOMAN_32, today=TODAY, supplements=supplements).analysis
    magnesium = result.minerals[Mineral.MAGNESIUM]
    assert magnesium.intake.supplements_mg == 300
    assert magnesium.intake.food_mg > 350  # food alone is over 350 mg...
    assert magnesium.ul_counted_mg == 300  # ...but the UL counts supplements only
    assert magnesium.ul_status == "within"
    zinc = result.minerals[Mineral.ZINC]
    assert zinc.ul_counted_mg == pytest.approx(zinc.intake.food_mg + 35)
    assert zinc.ul_status == "above"  # 35 mg + about 9 mg from food > 40 mg
    assert "above the upper limit" in zinc.summary and "talk to a clinician" in zinc.summary


def test_uls_not_determined_are_reported_as_such(real_db: FoodDatabase) -> None:
    result = analyze_food_log("1 banana\n", real_db, WOMAN_32, today=TODAY).analysis
    potassium = result.minerals[Mineral.POTASSIUM]
    assert potassium.ul_counted_mg is None and potassium.ul_status == "none_established"
    infant = personal_targets(Profile(0.3, Sex.FEMALE), TABLE)
    baby = analyze_food_log("1 banana\n", real_db, infant, today=TODAY).analysis
    assert baby.minerals[Mineral.MAGNESIUM].ul_status == "not_determined"


def test_bad_input_is_reported_and_the_rest_analysed(real_db: FoodDatabase) -> None:
    log = (
        "2026-11-20\n2 bananas\nasdfgh qwerty\n-3 cups rice\n40 kg of rice\n"
        "2030-01-01\n1 cup cooked spinach\n1 bowl of cereal\n"
    )
    result = analyze_food_log(log, real_db, WOMAN_32, today=TODAY).analysis
    by_line = {i.line_number: i for i in result.items}
    assert by_line[2].status == "matched"
    assert by_line[3].status == "not_understood" and "no USDA food matches" in (
        by_line[3].reason or ""
    )
    assert by_line[4].reason == "the amount must be more than zero (e.g. '3 cups')"
    assert "40 kg is more than anyone eats at once" in (by_line[5].reason or "")
    assert "2030-01-01 is in the future" in (by_line[6].reason or "")
    assert by_line[7].status == "matched" and by_line[7].day == 1
    assert "USDA has no 'bowl' measure" in (by_line[8].reason or "")
    assert result.minerals[Mineral.MAGNESIUM].logged == 2
    assert len(result.items) == 7  # every line accounted for


def test_pins_stick_and_ambiguity_shows_candidates(real_db: FoodDatabase) -> None:
    first = analyze_food_log("1 cup spinach @ 11458\n", real_db, WOMAN_32, today=TODAY)
    assert first.new_pins == {"spinach": "11458"}
    later = analyze_food_log(
        "2 cups spinach\n", real_db, WOMAN_32, today=TODAY, pins=first.new_pins
    ).analysis
    assert later.items[0].food is not None and later.items[0].food.ndb_number == "11458"
    assert later.items[0].pinned
    vague = analyze_food_log(
        "1 cup zzspinach qqbanana\n", real_db, WOMAN_32, today=TODAY
    ).analysis.items[0]
    assert vague.status in ("ambiguous", "not_understood")


def test_with_splits_into_a_food_and_a_little_of_another(real_db: FoodDatabase) -> None:
    items = analyze_food_log("coffee with milk\n", real_db, WOMAN_32, today=TODAY).analysis.items
    assert [i.food.description.split(",")[0] if i.food else None for i in items] == [
        "Beverages",
        "Milk",
    ]
    assert items[1].grams == 15.0 and "smallest USDA measure" in (items[1].basis or "")
    whole = analyze_food_log("1 cup macaroni and cheese\n", real_db, WOMAN_32, today=TODAY)
    assert len(whole.analysis.items) == 1


def test_vegetarian_targets_change_the_comparison(real_db: FoodDatabase) -> None:
    veg = personal_targets(Profile(32, Sex.FEMALE, diet=Diet.VEGETARIAN), TABLE)
    result = analyze_food_log("1 cup cooked spinach\n", real_db, veg, today=TODAY).analysis
    iron = result.minerals[Mineral.IRON]
    assert iron.target.target_mg == pytest.approx(32.4)
    assert iron.percent_of_target == pytest.approx(100 * 6.426 / 32.4, abs=0.05)


@pytest.mark.parametrize(
    ("intake", "expected"),
    [(265.0, 0.5), (320.0, 0.0228), (210.0, 0.9772), (400.0, 0.0)],
)
def test_probability_approach_for_magnesium(intake: float, expected: float) -> None:
    target = WOMAN_32.minerals[Mineral.MAGNESIUM]  # EAR 265, RDA 320, SD 27.5
    result = probability_inadequate(intake, target)
    assert result is not None
    assert result.probability == pytest.approx(expected, abs=0.001)


def test_iron_probability_is_skewed() -> None:
    iron = WOMAN_32.minerals[Mineral.IRON]  # EAR 8.1 (median), RDA 18 (97.5th percentile)
    at_ear = probability_inadequate(8.1, iron)
    at_rda = probability_inadequate(18.0, iron)
    assert at_ear is not None and at_rda is not None
    assert at_ear.probability == pytest.approx(0.5)
    assert at_rda.probability == pytest.approx(0.025, abs=0.001)
