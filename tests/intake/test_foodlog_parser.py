"""The food-log parser on its own: no database, a fixed today."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sleepmin.errors import InvalidFoodLog
from sleepmin.intake.foodlog import (
    FoodLine,
    LineProblem,
    parse_csv_log,
    parse_food_line,
    parse_text_log,
)

TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "quantity", "unit", "food"),
    [
        ("2 bananas", 2, None, "bananas"),
        ("1 cup cooked spinach", 1, "cup", "cooked spinach"),
        ("150 g grilled salmon", 150, "g", "grilled salmon"),
        ("150g grilled salmon", 150, "g", "grilled salmon"),
        ("a handful of almonds", 1, "handful", "almonds"),
        ("2 slices whole wheat bread", 2, "slice", "whole wheat bread"),
        ("1/2 cup black beans", 0.5, "cup", "black beans"),
        ("1 1/2 cups rice", 1.5, "cup", "rice"),
        ("1½ cups rice", 1.5, "cup", "rice"),
        ("½ cup oats", 0.5, "cup", "oats"),
        ("coffee with milk", None, None, "coffee with milk"),
        ("1 tbsp peanut butter", 1, "tbsp", "peanut butter"),
        ("2 Tablespoons peanut butter", 2, "tbsp", "peanut butter"),
        ("6 medium oysters", 6, "medium", "oysters"),
        ("half an avocado", 0.5, None, "avocado"),
        ("two eggs", 2, None, "egg"),
        ("a couple of slices of bread", 2, "slice", "bread"),
        ("a dozen almonds", 12, None, "almonds"),
        ("2-3 eggs", 2.5, None, "egg"),
        ("salmon, 150 g", 150, "g", "salmon"),
        ("rice (1 cup)", 1, "cup", "rice"),
        ("milk - 250 ml", 250, "ml", "milk"),
        ("banana - 1", 1, None, "banana"),
        ("cup of coffee", 1, "cup", "coffee"),
        ("8 fl oz coffee", 8, "fl oz", "coffee"),
        ("1 fl. oz. milk", 1, "fl oz", "milk"),
        ("a glass of orange juice", 1, "glass", "orange juice"),
        ("1 lb ground beef", 1, "lb", "ground beef"),
        ("0.2 kg rice", 0.2, "kg", "rice"),
        ("3 cloves garlic", 3, "clove", "garlic"),
        ("- 1 cup milk", 1, "cup", "milk"),
        ("2. 1 banana", 1, None, "banana"),
        ("eggs, 2", 2, None, "eggs"),
    ],
)
def test_amount_unit_food(text: str, quantity: float | None, unit: str | None, food: str) -> None:
    line = parse_food_line(text)
    assert isinstance(line, FoodLine), line
    assert (line.quantity, line.unit, line.food) == (quantity, unit, food)


def test_pin() -> None:
    line = parse_food_line("spinach @ 11457")
    assert isinstance(line, FoodLine)
    assert (line.food, line.pin) == ("spinach", "11457")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("-3 cups rice", "the amount must be more than zero (e.g. '3 cups')"),
        ("0 g rice", "the amount must be more than zero (e.g. '3 cups')"),
        ("3 cups", "no food named; write e.g. '150 g salmon'"),
        ("150 g 42", "'42' is not a food name"),
    ],
)
def test_unreadable_lines_say_why(text: str, reason: str) -> None:
    line = parse_food_line(text)
    assert isinstance(line, LineProblem)
    assert line.reason == reason


def test_days_headers_meals_and_splitting() -> None:
    log = parse_text_log(
        "# Day 1\nBreakfast: 2 eggs, toast, coffee\nsalmon, grilled\n\n// a comment\n"
        "Lunch\nrice, 1 cup; 1 apple\nDay two\n2 figs\n2026-11-20\n1 pear\n",
        TODAY,
    )
    assert [d.label for d in log.days] == ["Day 1", "Day 2", "2026-11-20"]
    foods = [(line.day, line.food) for line in log.lines if isinstance(line, FoodLine)]
    assert foods == [
        (0, "egg"),
        (0, "toast"),
        (0, "coffee"),
        (0, "salmon, grilled"),
        (0, "rice"),
        (0, "apple"),
        (1, "figs"),
        (2, "pear"),
    ]


@pytest.mark.parametrize(
    ("header", "label"),
    [
        ("2026-11-20", "2026-11-20"),
        ("20 Nov 2026", "2026-11-20"),
        ("Nov 20", "2026-11-20"),
        ("November 20, 2026", "2026-11-20"),
        ("20/11/2026", "2026-11-20"),
        ("11/20/2026", "2026-11-20"),
        ("Dec 24", "2025-12-24"),
        ("## Monday", "Monday"),
        ("Day 3:", "Day 3"),
        ("=== day two ===", "Day 2"),
    ],
)
def test_day_header_forms(header: str, label: str) -> None:
    log = parse_text_log(f"{header}\n1 banana\n", TODAY)
    assert [d.label for d in log.days] == [label]
    assert not log.notes


def test_a_future_date_is_reported_and_its_food_kept() -> None:
    log = parse_text_log("2027-01-01\n1 banana\n", TODAY)
    assert [n.reason for n in log.notes] == [
        "the date 2027-01-01 is in the future (today is 2026-11-25); check the year — "
        "the food under it is still analysed"
    ]
    assert isinstance(log.lines[0], FoodLine) and log.lines[0].day == 0


def test_an_impossible_date_is_reported() -> None:
    log = parse_text_log("2026-02-30\n1 banana\n", TODAY)
    assert "is not a real date" in log.notes[0].reason


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_an_empty_log_is_refused(text: str) -> None:
    with pytest.raises(InvalidFoodLog, match="the food log is empty"):
        parse_text_log(text, TODAY)


def test_csv_log() -> None:
    log = parse_csv_log(
        "date,food,amount,unit,ndb_number\n2026-11-20,spinach,1,cup,11457\n"
        "2026-11-20,banana,2,,\n2026-11-21,salmon,150,g,\n,pear,,,\n2026-11-21,x,-2,cup,\n",
        TODAY,
    )
    assert [d.label for d in log.days] == ["2026-11-20", "2026-11-21"]
    first, banana, salmon, pear, bad = log.lines
    assert isinstance(first, FoodLine) and first.food_id == "11457" and first.unit == "cup"
    assert isinstance(banana, FoodLine) and (banana.quantity, banana.unit) == (2, None)
    assert isinstance(salmon, FoodLine) and salmon.day == 1
    assert isinstance(pear, FoodLine) and pear.day == 1 and pear.quantity is None
    assert isinstance(bad, LineProblem) and bad.reason == "the amount must be more than zero"


def test_csv_with_a_wrong_header_is_refused() -> None:
    with pytest.raises(
        InvalidFoodLog,
        match=(
            "the CSV header lacks food, unit \\(found: date, item, amount\\); the first row must "
            "name the columns date,food,amount,unit"
        ),
    ):
        parse_csv_log("date,item,amount\n2026-11-20,banana,1\n", TODAY)


@given(st.text(max_size=80))
def test_any_line_is_a_food_or_a_reason(text: str) -> None:
    line = parse_food_line(text)
    assert isinstance(line, (FoodLine, LineProblem))
    if isinstance(line, FoodLine):
        assert line.food and (line.quantity is None or line.quantity > 0)
    else:
        assert line.reason


@given(st.text(max_size=300))
def test_any_text_log_parses_or_is_empty(text: str) -> None:
    try:
        log = parse_text_log(text, TODAY)
    except InvalidFoodLog:
        assert not text.strip()
        return
    assert log.days
