"""Intake against targets on the real USDA data, with a day computed by hand."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from sleepmin.foods.database import FoodDatabase
from sleepmin.intake.analysis import probability_inadequate
from sleepmin.intake.diet import analyze_food_log
from sleepmin.intake.foodlog import parse_text_log
from sleepmin.intake.matching import Matcher, resolve_all
from sleepmin.intake.serialize import analysis_json
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
    # "cereal" names a kind of food: wheat germ and cornflakes differ tenfold in minerals
    assert by_line[8].status == "ambiguous" and "names a kind of food" in (by_line[8].reason or "")
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


# -- issue 10: no food matched is no evidence; partial logs; implausible days ------------------


@pytest.mark.parametrize("log", ["xyzzy\n", "x\n", "xyzzy\nqqq zzz\n", "Day 1\nDay 2\n"])
def test_no_matched_food_is_no_evidence_not_zero_intake(real_db: FoodDatabase, log: str) -> None:
    zinc = parse_supplement("zinc 50 mg")
    result = analyze_food_log(log, real_db, WOMAN_32, today=TODAY, supplements=[zinc]).analysis
    assert not result.has_food_evidence and result.matched_items == 0
    assert result.energy_kcal_per_day is None and result.counted_days == 0
    assert result.warnings[0].startswith(
        "No food in the log could be matched: no intake can be estimated."
    )
    for mineral, m in result.minerals.items():
        assert m.evidence == "none" and not m.food_known, mineral
        assert m.inadequacy is None
        assert m.unknown_reason == "no food in the log could be matched: no intake can be estimated"
    assert result.minerals[Mineral.IRON].ul_status == "unknown"
    assert result.minerals[Mineral.IRON].ul_counted_mg is None
    assert result.minerals[Mineral.ZINC].ul_status == "above"  # 50 mg of supplement alone
    assert result.minerals[Mineral.ZINC].ul_counted_mg == 50
    body = analysis_json(result)
    assert body["food_evidence"] == {
        "has_food_evidence": False,
        "food_items": log.count("\n") - log.count("Day"),
        "matched": 0,
        "counted_share": 0.0,
        "counted_days": 0,
    }
    iron = body["minerals"]["iron"]
    assert iron["intake_mg_per_day"] == {"food": None, "supplements": 0.0, "total": None}
    assert iron["percent_of_target"] is None and iron["probability_inadequate"] is None
    assert iron["evidence"] == "none" and iron["unknown_reason"]
    assert all(d["intake_mg"]["iron"]["food"] is None for d in body["days"])


def test_one_of_twenty_matched_gives_a_lower_bound_and_no_probability(
    real_db: FoodDatabase,
) -> None:
    log = "1 cup cooked spinach\n" + "".join(f"qqzz{i} wwxx\n" for i in range(19))
    result = analyze_food_log(log, real_db, WOMAN_32, today=TODAY).analysis
    assert (result.matched_items, result.food_items) == (1, 20)
    assert result.counted_share == pytest.approx(0.05)
    assert result.warnings[0] == (
        "19 of the 20 foods in the log could not be counted (ambiguous or not understood): "
        "what they contain is unknown, so every total is a lower bound. With under half the "
        "foods counted, no chance of inadequacy is estimated."
    )
    magnesium = result.minerals[Mineral.MAGNESIUM]
    assert magnesium.evidence == "thin" and magnesium.inadequacy is None
    assert magnesium.intake.food_mg == pytest.approx(156.6)  # what was counted, a lower bound
    assert magnesium.unknown_reason == (
        "only 1 of the 20 foods in the log count toward magnesium: the intake is a lower bound, "
        "too incomplete to estimate a chance of inadequacy"
    )
    body = analysis_json(result)["minerals"]["magnesium"]
    assert body["probability_inadequate"] is None and body["intake_mg_per_day"]["food"] == 156.6
    assert body["coverage"] == {"reporting": 1, "logged": 1, "food_items": 20}


def test_most_foods_matched_keeps_the_probability_and_says_lower_bound(
    real_db: FoodDatabase,
) -> None:
    log = "2 bananas\n1 cup cooked spinach\n100 g pumpkin seeds\nxyzzy\n"
    result = analyze_food_log(log, real_db, WOMAN_32, today=TODAY).analysis
    magnesium = result.minerals[Mineral.MAGNESIUM]
    assert magnesium.evidence == "partial" and magnesium.inadequacy is not None
    assert "1 of the 4 foods in the log could not be counted" in result.warnings[0]
    full = analyze_food_log("2 bananas\n", real_db, WOMAN_32, today=TODAY).analysis
    assert full.minerals[Mineral.MAGNESIUM].evidence == "complete"


def test_a_day_with_nothing_matched_is_left_out_of_the_averages(real_db: FoodDatabase) -> None:
    log = "Day 1\n1 cup cooked spinach\nDay 2\nxyzzy\nDay 3\nDay 4\n1 cup cooked spinach\n"
    result = analyze_food_log(log, real_db, WOMAN_32, today=TODAY).analysis
    assert [d.counted for d in result.days] == [True, False, False, True]
    assert result.minerals[Mineral.MAGNESIUM].intake.food_mg == pytest.approx(156.6)
    assert "Day 2: none of its 1 food(s) could be matched" in result.notes[0]
    assert "Day 3: no food lines" in result.notes[1]
    assert "Estimated from 2 days" in result.notes[2]


def test_energy_is_exposed_per_day_and_on_average(real_db: FoodDatabase) -> None:
    # SR28: bananas 89 kcal/100 g (2 x 118 g), whole milk 61 kcal/100 g (244 g a cup)
    log = "Day 1\n2 bananas\n1 cup whole milk @ 01077\nDay 2\n2 bananas\n"
    result = analyze_food_log(log, real_db, WOMAN_32, today=TODAY).analysis
    assert [d.energy_kcal for d in result.days] == [
        pytest.approx(2.36 * 89 + 2.44 * 61, abs=0.1),
        pytest.approx(2.36 * 89, abs=0.1),
    ]
    assert result.energy_kcal_per_day == pytest.approx((2.36 * 89 * 2 + 2.44 * 61) / 2, abs=0.1)
    assert [d.grams for d in result.days] == [480.0, 236.0]
    body = analysis_json(result)
    assert body["energy_kcal_per_day"] == result.energy_kcal_per_day
    assert body["days"][0]["energy_kcal"] == result.days[0].energy_kcal


def test_implausible_days_are_warned_about_not_refused(real_db: FoodDatabase) -> None:
    heavy = "4.9 kg watermelon\n" * 5  # 24.5 kg a day, but under 8,000 kcal
    result = analyze_food_log(heavy, real_db, WOMAN_32, today=TODAY).analysis
    (day,) = result.days
    assert day.grams == 24500 and day.flags == ("grams_high",) and day.counted
    assert result.warnings == (
        "Day 1: 24.5 kg of food and drink logged; a day's food and drink rarely weighs over "
        "6 kg, so check the amounts and units (e.g. 'kg' written for 'g'). The day is still "
        "counted.",
    )
    rich = analyze_food_log("1 kg butter\n1 kg almonds\n", real_db, WOMAN_32, today=TODAY)
    assert rich.analysis.days[0].flags == ("energy_high",)
    assert rich.analysis.warnings[0] == (
        "Day 1: about 12,960 kcal logged; a day's food rarely adds up to over 8,000 kcal, so "
        "check the amounts and units. The day is still counted."
    )
    light = analyze_food_log("1 banana\n", real_db, WOMAN_32, today=TODAY).analysis
    assert light.days[0].flags == ("energy_low",)
    (warning,) = light.warnings
    assert warning == (
        "Day 1: about 105 kcal logged; a full day's food rarely adds up to under 500 kcal, so "
        "the log may be incomplete (meals, snacks or drinks not written down, or lines not "
        "counted) and this day's intakes are likely underestimates."
    )
    for word in ("good", "great", "well done", "only", "too much", "too little"):
        assert word not in warning.lower()
    infant = personal_targets(Profile(0.5, Sex.FEMALE), TABLE)
    two_cups = "2 cups whole milk @ 01077\n"  # 298 kcal
    baby = analyze_food_log(two_cups, real_db, infant, today=TODAY)
    assert baby.analysis.days[0].flags == ()  # under 4 years the bound is 200 kcal
    adult = analyze_food_log(two_cups, real_db, WOMAN_32, today=TODAY)
    assert adult.analysis.days[0].flags == ("energy_low",)


def test_matching_each_distinct_line_once_gives_the_same_items(real_db: FoodDatabase) -> None:
    rows = (Path(__file__).parents[1] / "data" / "food_log_lines.csv").read_text().splitlines()
    lines = [next(csv.reader([row]))[0] for row in rows[1:]]
    log = parse_text_log("\n".join(lines * 3), TODAY)
    cached = resolve_all(Matcher(real_db), log.lines)
    fresh = resolve_all(Matcher(real_db, cache=False), log.lines)
    assert cached == fresh and len(cached) >= 3 * len(lines)


def test_a_pin_midway_applies_from_its_line_on(real_db: FoodDatabase) -> None:
    log = "1 cup rice\n1 cup rice @ 20037\n1 cup rice\n"
    items = analyze_food_log(log, real_db, WOMAN_32, today=TODAY).analysis.items
    assert [(i.food.ndb_number if i.food else None, i.pinned) for i in items] == [
        ("20045", False),
        ("20037", True),
        ("20037", True),
    ]
