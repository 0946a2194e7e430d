"""Fuzzing food logs through parse + match + analyse (issue 10).

Whatever the log holds — lines, headers, numbers, unicode, CSV with odd quoting, raw bytes —
the result is either a SleepminError with a one-line message, or an analysis whose numbers are
finite, non-negative and within the documented bounds (docs/food-log.md, docs/cli.md), and whose
JSON never holds NaN or Infinity. The fast tests use the five-food fixture release
(tests/fdc_fixtures.py); the slow ones the real SR28 database. Failures hypothesis found are kept
as ``@example``s.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sleepmin.errors import SleepminError
from sleepmin.foods.database import FoodDatabase
from sleepmin.foods.install import install
from sleepmin.intake.analysis import (
    DAY_GRAMS_MAX,
    Analysis,
)
from sleepmin.intake.diet import analyze_food_log
from sleepmin.intake.foodlog import decode_log
from sleepmin.intake.portions import MAX_GRAMS_PER_LINE
from sleepmin.intake.serialize import analysis_json
from sleepmin.intake.supplements import parse_supplement
from sleepmin.intake.targets import Profile, Sex, Targets, load_dri_table, personal_targets
from tests.conftest import FDC_FIXTURES

TODAY = dt.date(2026, 11, 25)
TABLE = load_dri_table()
PEOPLE = [
    personal_targets(Profile(32, Sex.FEMALE), TABLE),
    personal_targets(Profile(0.3, Sex.MALE), TABLE),
    personal_targets(Profile(75, Sex.MALE), TABLE),
]
FAST = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
JARGON = ("Traceback", "ValueError", "OverflowError", "ZeroDivision", "Errno", "utf-8' codec")


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FoodDatabase]:
    """The five SR Legacy foods of the fixture release: spinach, bananas, pumpkin seeds, cola,
    portabella mushrooms."""
    path = tmp_path_factory.mktemp("fixture-foods") / "foods.sqlite"
    install(str(FDC_FIXTURES / "sr_legacy"), path, path.parent / "dl")
    with FoodDatabase(path) as db:
        yield db


# -- what a log may hold ---------------------------------------------------------------------

AMOUNTS = st.sampled_from(
    [
        "", "1", "2", "0", "-1", "- 3", ".5", "0.0001", "1/2", "1 1/2", "1 1/0", "1/0", "0/0",
        "½", "1½", "1 ¾", "⅝", "1⁄2", "1-2", "2 to 3", "3-1", "9e99", "1e-5", "1,5", "1,000",
        "1,000,000", "99999999999999", "9" * 400, "a", "an", "two", "half a", "a couple of",
        "a dozen", "a few", "٣", "１２", "inf", "nan", "+5",
    ]
)  # fmt: skip
UNITS = st.sampled_from(
    [
        "", "g", "kg", "mg", "oz", "lb", "cup", "cups", "c", "tbsp", "tsp", "T", "fl oz", "ml",
        "l", "glass", "mug", "slice", "slices", "medium", "large", "handful", "pinch", "splash",
        "bowl", "can", "of",
    ]
)  # fmt: skip
FOODS = st.sampled_from(
    [
        "spinach", "raw spinach", "bananas", "banana", "pumpkin seeds", "cola", "mushrooms",
        "portabella mushrooms", "spinach with banana", "cola and spinach", "x", "n x", "xx",
        "xyzzy", "cooked", "fresh", "2 medium", "Total: 2000 kcal", "épinards", "рис", "🍌",
        "spinach @ 168462", "banana @ 9223372036854775808", "spinach @ abc", "kale @ fdc:1",
        "spinach, chopped", "bananas (2)", "spinach - 100 g", "cola 1,5 l", "spinach 1e5 g",
    ]
)  # fmt: skip
HEADERS = st.sampled_from(
    [
        "Day 1", "Day 2", "Day 1000", "day 99999999999", "D3", "# Day two", "2026-11-20",
        "2026-11-20:", "Nov 20", "20 Nov 2026", "Feb 29", "31/02/2026", "2027-01-01",
        "0000-01-01", "9999-12-31", "Monday", "## Tuesday", "Lunch", "Breakfast:", "// note",
        "", "   ",
    ]
)  # fmt: skip


@st.composite
def food_lines(draw: st.DrawFn) -> str:
    amount, unit, food = draw(AMOUNTS), draw(UNITS), draw(FOODS)
    if draw(st.booleans()):
        return " ".join(p for p in (amount, unit, food) if p)
    return f"{food}, {amount} {unit}".strip()  # a trailing amount


LINES = st.one_of(
    food_lines(),
    HEADERS,
    st.text(max_size=40),
    st.lists(food_lines(), min_size=2, max_size=4).map(", ".join),
    st.lists(food_lines(), min_size=2, max_size=3).map("; ".join),
)
TEXT_LOGS = st.lists(LINES, min_size=1, max_size=25).map("\n".join)

CELLS = st.one_of(
    FOODS, AMOUNTS, UNITS, HEADERS, st.text(max_size=12),
    st.sampled_from(['"', '""', '"a,b"', '"line\nbreak"', "a\"b", ",", "\r", "\ufeff"]),
)  # fmt: skip


@st.composite
def csv_logs(draw: st.DrawFn) -> str:
    columns = draw(
        st.sampled_from(
            [
                ["date", "food", "amount", "unit"],
                ["date", "food", "amount", "unit", "ndb_number"],
                ["food", "date", "unit", "amount", "fdc_id", "note"],
                ["Date", " Food ", "AMOUNT", "unit"],
                ["date", "food", "amount"],
            ]
        )
    )
    rows = [",".join(columns)]
    for _ in range(draw(st.integers(0, 12))):
        cells = draw(st.lists(CELLS, min_size=0, max_size=len(columns) + 2))
        if draw(st.booleans()):
            cells = ['"' + c.replace('"', '""') + '"' for c in cells]  # quoted properly
        rows.append(",".join(cells))
    return "\n".join(rows) + draw(st.sampled_from(["", "\n", "\r\n"]))


# -- what the answer must be -----------------------------------------------------------------


def _finite(value: float | None, what: str, upper: float = math.inf) -> None:
    if value is None:
        return
    assert math.isfinite(value), what
    assert 0 <= value <= upper, f"{what} = {value}"


def check(analysis: Analysis) -> None:
    """Every number finite, non-negative and within its documented bound."""
    for item in analysis.items:
        _finite(item.grams, "item grams", MAX_GRAMS_PER_LINE)
        if item.status == "matched":
            assert item.grams is not None and item.grams > 0 and item.food is not None
        else:
            assert item.reason and "\n" not in item.reason
    matched = sum(1 for i in analysis.items if i.status == "matched" and not i.header)
    assert analysis.matched_items == matched
    assert analysis.has_food_evidence == (matched > 0)
    assert 0 <= analysis.counted_share <= 1
    _finite(analysis.energy_kcal_per_day, "energy a day")
    for day in analysis.days:
        _finite(day.grams, "day grams")
        _finite(day.energy_kcal, "day energy")
        assert ("grams_high" in day.flags) == (day.grams > DAY_GRAMS_MAX)
        for intake in day.intake.values():
            _finite(intake.food_mg, "day food mg")
            _finite(intake.supplements_mg, "day supplement mg")
    for mineral, result in analysis.minerals.items():
        _finite(result.intake.food_mg, f"{mineral} food mg")
        _finite(result.intake.total_mg, f"{mineral} total mg")
        _finite(result.percent_of_target, f"{mineral} percent")
        _finite(result.ul_counted_mg, f"{mineral} UL counted")
        assert 0 <= result.reporting <= result.logged <= result.food_items
        assert result.evidence in ("none", "thin", "partial", "complete")
        if not analysis.has_food_evidence:
            assert result.evidence == "none" and result.inadequacy is None
        if result.evidence in ("none", "thin"):
            assert result.inadequacy is None and result.unknown_reason
        if result.inadequacy is not None:
            assert 0 <= result.inadequacy.probability <= 1
        for source in result.top_sources:
            _finite(source.mg_per_day, "source mg")
            _finite(source.share_percent, "source share", 100.0)
    body = json.dumps(analysis_json(analysis), allow_nan=False)  # never NaN or Infinity
    assert body


def analyse_or_refuse(
    text: str, db: FoodDatabase, targets: Targets, filename: str = "", zinc: bool = False
) -> None:
    supplements = [parse_supplement("zinc 50 mg")] if zinc else []
    try:
        result = analyze_food_log(
            text, db, targets, today=TODAY, supplements=supplements, filename=filename
        )
    except SleepminError as exc:
        message = str(exc)
        assert message and "\n" not in message, message
        assert not any(j in message for j in JARGON), message
        return
    check(result.analysis)


# -- fast: the fixture database --------------------------------------------------------------


@FAST
@given(text=TEXT_LOGS, person=st.sampled_from(PEOPLE), zinc=st.booleans())
@example(text="xyzzy", person=PEOPLE[0], zinc=True)
@example(text="x", person=PEOPLE[0], zinc=False)
@example(text="1 1/0 cup spinach\nDay 1000\n9e99 g bananas", person=PEOPLE[0], zinc=False)
@example(text="4.9 kg spinach\n" * 5, person=PEOPLE[0], zinc=False)
@example(text="Day 1\nDay 1\nDay 2", person=PEOPLE[1], zinc=False)
@example(text="spinach @ 9223372036854775808", person=PEOPLE[0], zinc=False)
@example(text="0", person=PEOPLE[0], zinc=False)  # "0": no food named, not a crash
@example(text="spinach, 0.0001 g", person=PEOPLE[0], zinc=False)  # was "matched", 0 g
def test_text_logs(fixture_db: FoodDatabase, text: str, person: Targets, zinc: bool) -> None:
    analyse_or_refuse(text, fixture_db, person, zinc=zinc)


@FAST
@given(text=csv_logs(), person=st.sampled_from(PEOPLE))
@example(text='date,food,amount,unit\n,"ba"n"ana,1,\n', person=PEOPLE[0])
@example(
    text="food,date,unit,amount,fdc_id,note\nspinach,spinach,g", person=PEOPLE[0]
)  # unit, no amount
@example(text="date,food,amount,unit\n,spinach," + "9" * 5000 + ",g\n", person=PEOPLE[0])
@example(text="date,food,amount,unit,ndb_number\n,,,,99999999999999999999\n", person=PEOPLE[0])
@example(text='date,food,amount,unit\n,"' + "x" * 140_000 + '",1,g\n', person=PEOPLE[0])
def test_csv_logs(fixture_db: FoodDatabase, text: str, person: Targets) -> None:
    analyse_or_refuse(text, fixture_db, person, filename="log.csv")


@FAST
@given(
    raw=st.one_of(
        st.binary(max_size=300),
        TEXT_LOGS.map(lambda t: t.encode("utf-8")),
        TEXT_LOGS.map(lambda t: t.encode("utf-16")),
        st.tuples(TEXT_LOGS, st.binary(max_size=8)).map(lambda p: p[0].encode() + p[1]),
    )
)
@example(raw=bytes(range(256)))
@example(raw=b"\xff\xfe" + "2 bananas".encode("utf-16-le"))
@example(raw=b"\xff\xfe\x00")  # a UTF-16 mark and half a character
@example(raw=b"\xef\xbb\xbf")  # a UTF-8 mark alone: an empty log
def test_raw_bytes(fixture_db: FoodDatabase, raw: bytes) -> None:
    try:
        text = decode_log(raw, "meals.txt")
    except SleepminError as exc:
        assert "\n" not in str(exc)
        return
    analyse_or_refuse(text, fixture_db, PEOPLE[0])


# -- slow: the real database -----------------------------------------------------------------


@pytest.mark.slow
@SLOW
@given(text=TEXT_LOGS, person=st.sampled_from(PEOPLE), zinc=st.booleans())
@example(text="x\nn x\ncooked\n2 medium", person=PEOPLE[0], zinc=False)
@example(text="coffee with x\n1 cup cooked\nTotal: 2000 kcal", person=PEOPLE[0], zinc=True)
@example(text="1 kg butter\n1 kg almonds\n1 kg sugar", person=PEOPLE[2], zinc=False)
def test_text_logs_on_the_real_data(
    real_db: FoodDatabase, text: str, person: Targets, zinc: bool
) -> None:
    analyse_or_refuse(text, real_db, person, zinc=zinc)


@pytest.mark.slow
@SLOW
@given(text=csv_logs())
def test_csv_logs_on_the_real_data(real_db: FoodDatabase, text: str) -> None:
    analyse_or_refuse(text, real_db, PEOPLE[0], filename="log.csv")


@pytest.mark.slow
@pytest.mark.parametrize("line", ["x", "n", "n x", "2 x", "cooked", "fresh", "raw", "2 medium"])
def test_no_token_without_food_meaning_is_matched_on_the_real_data(
    real_db: FoodDatabase, line: str
) -> None:
    result = analyze_food_log(line, real_db, PEOPLE[0], today=TODAY).analysis
    assert [i.status for i in result.items] == ["not_understood"]
    assert not result.has_food_evidence


def test_the_fixture_release_is_where_conftest_builds_it() -> None:
    assert (Path(FDC_FIXTURES) / "sr_legacy").is_dir()
