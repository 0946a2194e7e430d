"""The food-log reader on lines nobody here wrote for it: real recipe ingredient lines
(../shared/data/recipe-lines) and fresh everyday diary lines, labelled from the USDA data
(tests/data/food_lines/LABELLING.md). The figures are those of bench/RESULTS.md; the floors
below sit a little under them, so a change that makes reading worse fails here."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from sleepmin.foods.database import FoodDatabase
from sleepmin.intake.matching import Matcher
from tests.food_line_labels import LABELS, load, read, score, understood

pytestmark = pytest.mark.slow

DEV_LINES = (
    Path(__file__).resolve().parents[3] / "shared" / "data" / "recipe-lines" / "dev_lines.csv"
)

# measured 2026-11-26, end of the fifth pass (bench/RESULTS.md, "Food-log lines"); the floors sit
# a few points under, so a change that reads many lines worse fails, while one line may move
FLOORS = {
    "recipe_labels.csv": 0.82,  # measured 0.850
    "recipe_labels_more.csv": 0.88,  # measured 0.912 (0.771 when first seen)
    "everyday_labels.csv": 0.96,  # measured 0.993
    "everyday_labels_more.csv": 0.84,  # measured 0.877 (0.395 when first seen)
    "everyday_labels_fresh3.csv": 0.78,  # measured 0.813 (0.533 when first seen)
    "everyday_labels_fresh4.csv": 0.64,  # measured 0.680 (0.347 when first seen)
    "everyday_labels_fresh5.csv": 0.59,  # measured 0.627 (0.353 as a hold-out, then tuned on)
    "recipe_labels_more2.csv": 0.79,  # measured 0.825 (0.694 when first seen)
    "recipe_labels_holdout.csv": 0.80,  # measured 0.833 (0.783 after pass 4)
    "everyday_labels_holdout.csv": 0.85,  # measured 0.887 (0.873 after pass 4)
    # lines written and labelled by people who had not seen the reader's answers
    "everyday_labels_fresh.csv": 0.82,  # measured 0.850 (0.858 before the coffee rule)
    "everyday_labels_fresh2.csv": 0.43,  # measured 0.480 (0.473 after pass 4)
    "recipe_labels_holdout2.csv": 0.71,  # measured 0.750 (0.725 after pass 4)
    "everyday_labels_fresh6.csv": 0.40,  # measured 0.433 (0.407 the first time it was read)
    "recipe_labels_holdout3.csv": 0.72,  # measured 0.758 (0.742 the first time it was read)
    "everyday_labels_fresh7.csv": 0.36,  # measured 0.400 (0.367 the first time it was read)
}
UNDERSTOOD_FLOOR = 0.86  # measured 0.884


def _dev_lines() -> list[dict[str, str]]:
    if not DEV_LINES.exists():
        pytest.fail(f"the recipe lines are not at {DEV_LINES}; put shared/ beside the repo")
    with DEV_LINES.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_label_files_are_big_enough_and_well_formed() -> None:
    recipe = load("recipe_labels.csv") + load("recipe_labels_holdout.csv")
    everyday = load("everyday_labels.csv") + load("everyday_labels_holdout.csv")
    assert len(recipe) >= 300 and len(everyday) >= 150
    assert len({label.line for label in everyday}) == len(everyday)
    dev = {row["line"] for row in _dev_lines()}
    assert all(label.line in dev for label in recipe), "recipe labels copy the corpus verbatim"
    assert (LABELS / "LABELLING.md").exists()


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_share_of_labelled_lines_read_right(real_db: FoodDatabase, name: str) -> None:
    labels = load(name)
    matcher = Matcher(real_db)
    right = sum(score(label, read(label.line, matcher))[0] for label in labels)
    share = right / len(labels)
    print(f"{name}: {right}/{len(labels)} = {share:.3f}")
    assert share >= FLOORS[name]


def test_share_of_all_real_recipe_lines_understood(real_db: FoodDatabase) -> None:
    rows = _dev_lines()
    matcher = Matcher(real_db)
    share = sum(understood(read(row["line"], matcher)) for row in rows) / len(rows)
    print(f"dev_lines.csv: {share:.3f} understood")
    assert len(rows) == 1000
    assert share >= UNDERSTOOD_FLOOR


# A comment after a comma, in a bracket or after "plus"/"for": never a food of its own.
_COMMENTED = re.compile(
    r",\s*(?:to serve|for (?:frying|greasing|dusting|garnish|serving)|plus extra|"
    r"finely chopped|roughly chopped|thinly sliced|peeled|at room temperature|optional|"
    r"cut into|melted|softened|drained|beaten|grated|halved|crushed|to taste)\b"
    r"|\((?:optional|to serve)\)",
    re.I,
)


def test_no_preparation_or_purpose_phrase_becomes_a_food(real_db: FoodDatabase) -> None:
    """Every real recipe line with such a comment and one food before it gives one item."""
    rows = [
        row["line"]
        for row in _dev_lines()
        if _COMMENTED.search(row["line"])
        and not re.search(r"\b(?:and|or|with|&)\b|;|\+", row["line"].split(",")[0])
    ]
    assert len(rows) >= 100
    matcher = Matcher(real_db)
    extra = []
    for line in rows:
        items = read(line, matcher)
        foods = [i for i in items if i.status != "not_food"]
        if len(foods) != 1:
            extra.append((line, [i.food.description if i.food else i.status for i in foods]))
    assert extra == []
