"""The household weights USDA's measures lack (src/sleepmin/data/household_weights.csv): each
names a real SR food and a unit USDA does not measure it by, keeps its source, and its edible
grams follow from the weight as bought and USDA's refuse; a line in such a unit gets them, with
the source in the basis."""

from __future__ import annotations

import csv
import io
from importlib import resources

import pytest

from sleepmin.foods.database import FoodDatabase
from sleepmin.intake.matching import Matcher
from sleepmin.intake.portions import HOUSEHOLD_WEIGHTS, read_measure
from tests.food_line_labels import read

pytestmark = pytest.mark.slow

ROWS = list(
    csv.DictReader(
        io.StringIO(
            resources.files("sleepmin.data").joinpath("household_weights.csv").read_text("utf-8")
        )
    )
)


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r['ndb']}-{r['unit']}")
def test_each_weight_is_for_a_real_food_usda_does_not_measure_so(
    row: dict[str, str], real_db: FoodDatabase
) -> None:
    food = real_db.get(row["ndb"]).food
    usda_has_it = any(read_measure(p).unit == row["unit"] for p in food.portions)
    # a row for a unit USDA measures says it corrects USDA, and is far from USDA's figure
    assert usda_has_it == (row["corrects_usda"] == "yes"), food.portions
    if usda_has_it:
        usda = next(p.grams for p in food.portions if read_measure(p).unit == row["unit"])
        assert usda > 2 * float(row["grams"])
    assert float(row["grams"]) > 0 and row["source"] and row["quote"]
    if row["as_bought_grams"]:
        edible = float(row["as_bought_grams"]) * (1 - float(row["refuse_pct"]) / 100)
        assert float(row["grams"]) == pytest.approx(edible, abs=0.05)


def test_the_table_is_loaded_whole() -> None:
    assert len(HOUSEHOLD_WEIGHTS) == len(ROWS)


@pytest.mark.parametrize(
    ("line", "grams", "source"),
    [
        ("½ bunch cilantro, leaves only, chopped", 51.0, "FNDDS"),
        ("2 bunches spring onions, sliced", 240.0, "Canadian Living"),
        ("2 garlic heads, separated into cloves and peeled", 104.4, "refuse"),
        ("2 leaves gelatine, soaked", 4.4, "by grade"),
    ],
)
def test_a_line_in_such_a_unit_gets_the_weight_and_says_where_it_is_from(
    line: str, grams: float, source: str, real_db: FoodDatabase
) -> None:
    (item,) = read(line, Matcher(real_db))
    assert item.status == "matched" and item.grams == pytest.approx(grams)
    assert item.basis is not None and "assumed" in item.basis and source in item.basis


def test_a_unit_without_a_sourced_weight_stays_not_understood(real_db: FoodDatabase) -> None:
    # no source we trust weighs a bunch of parsley (web figures run from 7 g to 227 g)
    (item,) = read("1 bunch parsley", Matcher(real_db))
    assert item.status == "not_understood" and item.reason is not None
    assert "bunch" in item.reason


def test_a_slice_of_sourdough_is_a_medium_slice(real_db: FoodDatabase) -> None:
    from sleepmin.intake.matching import Matcher
    from tests.food_line_labels import read

    (item,) = read("2 slices sourdough", Matcher(real_db))
    assert item.grams == pytest.approx(118.0)  # not USDA's 139 g slice of a large loaf
    assert item.basis is not None and "18030" in item.basis
