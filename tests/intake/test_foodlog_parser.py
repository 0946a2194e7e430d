"""The food-log parser on its own: no database, a fixed today."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sleepmin.errors import InvalidFoodLog, InvalidInput
from sleepmin.intake.foodlog import (
    FoodLine,
    LineProblem,
    decode_log,
    names_a_food,
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
        ("1 T butter", 1, "tbsp", "butter"),  # capital T: tablespoon
        ("1 t sugar", 1, "tsp", "sugar"),
        ("2 Tbs honey", 2, "tbsp", "honey"),
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
        (0, "grilled salmon"),
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
    except InvalidInput as exc:
        assert "is not plain text" in str(exc)
        return
    assert log.days


# -- issue 10: what names a food, numbers, headers, binary input --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "x",
        "n",
        "n x",
        "2 x",
        "cooked",
        "1 cup cooked",
        "fresh",
        "raw",
        "2 medium",
        "xx",
        "Total: 2000 kcal",
        "a b c",
        "1 serving",
    ],
)
def test_a_phrase_without_a_food_word_is_not_a_food(text: str) -> None:
    line = parse_food_line(text)
    assert isinstance(line, LineProblem), line
    assert "does not name a food" in line.reason or "no food named" in line.reason


@pytest.mark.parametrize(
    "text",
    [
        "egg",
        "2 eggs",
        "tea",
        "1 tsp salt",
        "hot dog",
        "a fig",
        "pie",
        "3 oz ham",
        "ice cream",
        "1 cup cooked rice",
        "whole milk",
        "spinach @ 11457",
        "x @ 11457",
    ],
)
def test_short_real_foods_still_parse(text: str) -> None:
    assert isinstance(parse_food_line(text), FoodLine)


def test_names_a_food() -> None:
    assert not names_a_food("x") and not names_a_food("cooked, diced") and names_a_food("yam")
    assert not names_a_food("рис")  # no letters USDA's English vocabulary could match


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1 1/0 cup milk", "the amount '1 1/0' divides by zero; write a fraction such as '1 1/2'"),
        ("1/0 cup milk", "the amount '1/0' divides by zero; write a fraction such as '1 1/2'"),
        (
            "9e99 g rice",
            "'9e99' is a number in scientific notation, which no food amount needs; write the "
            "amount in plain digits, e.g. '150 g'",
        ),
        (
            "rice 1e5 g",
            "'1e5' is a number in scientific notation, which no food amount needs; write the "
            "amount in plain digits, e.g. '150 g'",
        ),
        (
            "5000000 g rice",
            "the amount 5000000 is more than any amount of food (1,000,000 of any unit at most); "
            "check the number",
        ),
        (
            "1234567890123 g rice",
            "the amount 1234567890123 has too many digits to be an amount of food; check the "
            "number",
        ),
    ],
)
def test_impossible_numbers_are_refused_with_the_reason(text: str, reason: str) -> None:
    line = parse_food_line(text)
    assert isinstance(line, LineProblem), line
    assert line.reason == reason


def test_a_5000_digit_number_is_refused_on_its_line() -> None:
    log = parse_text_log("1 banana\n" + "9" * 5000 + " g rice\n2 figs\n", TODAY)
    first, huge, figs = log.lines
    assert isinstance(first, FoodLine) and isinstance(figs, FoodLine)
    assert isinstance(huge, LineProblem) and huge.reason == "the line is too long to be one food"
    csv_log = parse_csv_log(f"date,food,amount,unit\n,rice,{'9' * 5000},g\n", TODAY)
    (row,) = csv_log.lines
    assert isinstance(row, LineProblem) and "too many digits" in row.reason


@pytest.mark.parametrize(
    ("text", "quantity", "unit"),
    [
        ("½ cup rice", 0.5, "cup"),
        ("1½ cups rice", 1.5, "cup"),
        ("1 ½ cups rice", 1.5, "cup"),
        ("⅝ cup rice", 0.625, "cup"),
        ("1⁄2 cup rice", 0.5, "cup"),  # the fraction slash
        ("1-2 cups rice", 1.5, "cup"),  # a range: its middle
        ("1 to 2 cups rice", 1.5, "cup"),
        ("1,5 cups rice", 1.5, "cup"),  # a decimal comma
        ("1,000 ml water", 1000, "ml"),  # thousands
        ("water, 1,5 l", 1.5, "l"),
        ("rice 1,5 cups", 1.5, "cup"),
    ],
)
def test_number_forms(text: str, quantity: float, unit: str) -> None:
    line = parse_food_line(text)
    assert isinstance(line, FoodLine), line
    assert line.quantity == pytest.approx(quantity) and line.unit == unit


def test_a_decimal_comma_does_not_split_a_line() -> None:
    log = parse_text_log("1,5 cups rice, 2 eggs\n", TODAY)
    assert [(x.food, x.quantity) for x in log.lines if isinstance(x, FoodLine)] == [
        ("rice", 1.5),
        ("egg", 2),
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "spinach @ 9223372036854775808",
            "'@ 9223372036854775808' is not a food id (NDB numbers have 5 digits and FDC ids at "
            "most 9); find the food's id by searching the foods",
        ),
        (
            "spinach @ abc",
            "'@ abc' is not a food id; after '@' write an NDB number or FDC id, e.g. "
            "'spinach @ 11457' (find one by searching the foods)",
        ),
    ],
)
def test_a_pin_that_is_not_a_food_id(text: str, reason: str) -> None:
    line = parse_food_line(text)
    assert isinstance(line, LineProblem) and line.reason == reason


def test_day_1000_is_a_header() -> None:
    log = parse_text_log("Day 999\n1 banana\nDay 1000\n1 pear\nday 01\n2 figs\n", TODAY)
    assert [d.label for d in log.days] == ["Day 999", "Day 1000", "Day 1"]
    assert [x.day for x in log.lines] == [0, 1, 2]


def test_a_repeated_date_or_day_header_is_one_day() -> None:
    log = parse_text_log(
        "2026-11-20\n1 banana\nNov 21\n1 pear\n# 2026-11-20\n2 figs\n"
        "Day 3\n1 apple\nDay three\n1 plum\n",
        TODAY,
    )
    assert [d.label for d in log.days] == ["2026-11-20", "2026-11-21", "Day 3"]
    assert [(x.food, x.day) for x in log.lines if isinstance(x, FoodLine)] == [
        ("banana", 0),
        ("pear", 1),
        ("figs", 0),
        ("apple", 2),
        ("plum", 2),
    ]


def test_a_repeated_weekday_is_the_next_week() -> None:
    log = parse_text_log("Monday\n1 banana\nTuesday\n1 pear\nMonday\n2 figs\n", TODAY)
    assert [d.label for d in log.days] == ["Monday", "Tuesday", "Monday"]


def test_feb_29_without_a_year_is_the_last_one() -> None:
    log = parse_text_log("Feb 29\n1 banana\n", TODAY)
    assert [d.label for d in log.days] == ["2024-02-29"] and not log.notes


def test_a_csv_with_the_same_date_written_twice_is_one_day() -> None:
    log = parse_csv_log(
        "date,food,amount,unit\n2026-11-20,banana,1,\n2026-11-21,pear,1,\n"
        "2026-11-20,figs,2,\n2027-01-01,plum,1,\n2027-01-01,apple,1,\n",
        TODAY,
    )
    assert [d.label for d in log.days] == ["2026-11-20", "2026-11-21", "2027-01-01"]
    assert [x.day for x in log.lines] == [0, 1, 0, 2, 2]
    assert len(log.notes) == 1  # the future date, once


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1 banana\n\x00\x01\x02", "the food log is not plain text: line 2 holds a NUL byte"),
        ("1 banana\x1b[31m\n", "line 1 holds the control character U+001B"),
    ],
)
def test_binary_text_is_refused(text: str, message: str) -> None:
    for parse in (parse_text_log, parse_csv_log):
        with pytest.raises(InvalidInput, match=re.escape(message)):
            parse(text, TODAY)


def test_decode_log_refuses_what_is_not_utf8_text() -> None:
    with pytest.raises(InvalidInput) as caught:
        decode_log(bytes(range(256)) * 2, "meals.bin")
    assert str(caught.value) == (
        "the food log meals.bin is not UTF-8 text (byte 0x80 at position 128 is not a "
        "character): it may be a binary file or use another encoding; give a plain-text or CSV "
        "food log saved as UTF-8 (in most editors: Save As, Encoding: UTF-8)"
    )
    with pytest.raises(InvalidInput) as caught:
        decode_log(b"2 bananas\n\x00\x00\x01\x02", "meals.bin")
    assert str(caught.value) == (
        "the food log meals.bin is not plain text: line 2 holds a NUL byte, so it looks like a "
        "binary file; give a plain-text or CSV food log (docs/food-log.md)"
    )
    with pytest.raises(InvalidInput, match="is not UTF-8 text \\(byte 0xe9 at position 5"):
        decode_log("2 caf\u00e9s".encode("latin-1"), "meals.txt")
    assert decode_log("\ufeff2 bananas\n".encode()) == "2 bananas\n"
    assert decode_log("2 bananas\n".encode("utf-16")) == "2 bananas\n"


def test_csv_with_broken_quoting_is_one_line() -> None:
    with pytest.raises(InvalidFoodLog, match="the CSV cannot be read at line 2"):
        parse_csv_log('date,food,amount,unit\n,"ba"n"ana\n' + "x" * 200_000, TODAY)


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (",spinach,1,cup,9223372036854775808", "ndb_number '9223372036854775808' is not a food id"),
        (",spinach,1,cup,abc", "ndb_number 'abc' is not a food id"),
        (",x,1,cup,", "'x' does not name a food"),
        (",rice,1/0,cup,", "divides by zero"),
    ],
)
def test_csv_rows_that_cannot_be_foods(row: str, reason: str) -> None:
    log = parse_csv_log(f"date,food,amount,unit,ndb_number\n{row}\n", TODAY)
    (line,) = log.lines
    assert isinstance(line, LineProblem) and reason in line.reason


def test_a_csv_unit_without_an_amount_is_one_of_it() -> None:
    (line,) = parse_csv_log("date,food,amount,unit\n,spinach,,g\n", TODAY).lines
    assert isinstance(line, FoodLine) and (line.quantity, line.unit) == (1.0, "g")


def test_an_unclosed_quote_in_a_csv_log_is_refused_not_swallowed() -> None:
    text = 'date,food,amount,unit\n2024-05-01,"milk,1,cup\n2024-05-02,banana,1,\n'
    with pytest.raises(InvalidFoodLog, match="a quoted cell runs over several lines"):
        parse_csv_log(text, dt.date(2024, 6, 1))


def test_a_csv_food_cell_with_its_own_amount_is_read_as_a_line() -> None:
    log = parse_csv_log(
        'date,food,amount,unit\n2026-11-20,150g salmon,,\n2026-11-20,"2 eggs, scrambled",,\n'
        "2026-11-20,banana,2,\n2026-11-20,a wire whip,,\n",
        TODAY,
    )
    salmon, eggs, banana, whip = log.lines
    assert isinstance(salmon, FoodLine) and (salmon.quantity, salmon.unit) == (150, "g")
    assert salmon.food == "salmon"
    assert isinstance(eggs, FoodLine) and eggs.quantity == 2 and "scrambled" in eggs.food
    assert isinstance(banana, FoodLine) and (banana.food, banana.quantity) == ("banana", 2)
    assert isinstance(whip, LineProblem) and whip.not_food


def test_a_supplement_line_says_where_supplements_go() -> None:
    for text in ("iron tablet", "magnesium 200mg", "fish oil capsule"):
        (item,) = parse_text_log(text + "\n", TODAY).lines
        assert isinstance(item, LineProblem) and item.not_food
        assert "--supplement" in item.reason
