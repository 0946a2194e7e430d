"""The real SR28 releases in ../shared/data/fdc, imported as USDA publishes them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from sleepmin.foods.database import FoodDatabase
from sleepmin.nutrients import Nutrient

pytestmark = pytest.mark.slow


def test_counts_match_provenance(real_db: FoodDatabase) -> None:
    status = real_db.status()
    assert status.foods == 8790
    releases = {r.key: (r.version, count) for r, count in status.releases}
    assert releases == {"sr28-abbrev": ("2016-05", 8790), "sr28-ascii": ("2015-09", 8789)}
    # PROVENANCE.md: foods with a value for each mineral.
    assert status.nutrient_counts["calcium_mg"] == 8442
    assert status.nutrient_counts["iron_mg"] == 8646
    assert status.nutrient_counts["magnesium_mg"] == 8051
    assert status.nutrient_counts["potassium_mg"] == 8364
    assert status.nutrient_counts["zinc_mg"] == 8084
    assert status.nutrient_counts["copper_mg"] == 7533
    # SR28 documentation, Table 3: nutrient 319 (retinol) is reported for 6,983 foods of the
    # 2015 release; the May 2016 ABBREV adds food 33879, which reports it.
    assert status.nutrient_counts["retinol_ug"] == 6984


def test_missing_is_never_zero(real_db: FoodDatabase) -> None:
    conn = real_db.connection
    assert conn.execute("SELECT count(*) FROM foods WHERE magnesium_mg IS NULL").fetchone() == (
        739,
    )
    assert conn.execute("SELECT count(*) FROM foods WHERE copper_mg IS NULL").fetchone() == (1257,)


@pytest.mark.parametrize(
    ("ndb", "nutrient", "value"),
    [
        ("11457", Nutrient.MAGNESIUM_MG, 79.0),  # spinach, raw
        ("11457", Nutrient.CALCIUM_MG, 99.0),
        ("11457", Nutrient.IRON_MG, 2.71),
        ("11457", Nutrient.POTASSIUM_MG, 558.0),
        ("11457", Nutrient.ZINC_MG, 0.53),
        ("11457", Nutrient.COPPER_MG, 0.13),
        ("12014", Nutrient.MAGNESIUM_MG, 592.0),  # pumpkin seed kernels, dried
        ("12014", Nutrient.ZINC_MG, 7.81),
        ("12061", Nutrient.MAGNESIUM_MG, 270.0),  # almonds
        ("09040", Nutrient.POTASSIUM_MG, 358.0),  # bananas, raw
        ("13325", Nutrient.COPPER_MG, 9.755),  # beef liver, raw
        ("13326", Nutrient.RETINOL_UG, 9428.0),  # beef liver, braised: preformed vitamin A
        ("01079", Nutrient.RETINOL_UG, 55.0),  # milk, 2%, with added vitamin A
        ("11124", Nutrient.RETINOL_UG, 0.0),  # carrots: provitamin A only, no retinol
    ],
)
def test_spot_values(real_db: FoodDatabase, ndb: str, nutrient: Nutrient, value: float) -> None:
    assert real_db.get(ndb).food.nutrients[nutrient] == pytest.approx(value)


def test_a_food_without_magnesium_stays_missing(real_db: FoodDatabase) -> None:
    food = real_db.get("11265").food  # Mushrooms, portabella, raw: Mg blank in ABBREV
    assert Nutrient.MAGNESIUM_MG not in food.nutrients
    assert food.nutrients[Nutrient.POTASSIUM_MG] == 364.0


def test_retinol_not_reported_stays_missing(real_db: FoodDatabase) -> None:
    tofu = real_db.get("16426").food  # Tofu, firm, calcium sulfate: Retinol blank in ABBREV
    assert Nutrient.RETINOL_UG not in tofu.nutrients
    assert real_db.connection.execute(
        "SELECT count(*) FROM foods WHERE retinol_ug IS NULL"
    ).fetchone() == (8790 - 6984,)


def test_retinol_is_the_abbrev_retinol_column_not_vitamin_a_rae(shared_fdc: Path) -> None:
    """SR28 documentation, Table 16: field 35 (index 34) is Retinol (µg/100 g); field 34 is
    Vitamin A, RAE, which also counts carotenoids."""
    from sleepmin.foods.sr28 import ABBREV_COLUMNS

    assert ABBREV_COLUMNS[Nutrient.RETINOL_UG][0] == 34
    carrots = next(
        line.split("^")
        for line in (shared_fdc / "sr28_abbr_2016-05" / "ABBREV.txt")
        .read_text("latin-1")
        .splitlines()
        if line.startswith("~11124~")
    )
    assert (carrots[33], carrots[34]) == ("835", "0")  # RAE from beta-carotene, no retinol


def test_a_real_zero_is_kept(real_db: FoodDatabase) -> None:
    food = real_db.get("01003").food  # Butter oil, anhydrous: Mg analysed as 0
    assert food.nutrients[Nutrient.MAGNESIUM_MG] == 0.0


def test_descriptions_groups_and_common_names_come_from_food_des(real_db: FoodDatabase) -> None:
    spinach = real_db.get("11457").food
    assert spinach.description == "Spinach, raw"
    assert spinach.short_description == "SPINACH,RAW"
    assert spinach.food_group == "Vegetables and Vegetable Products"
    assert spinach.in_survey
    assert real_db.get("02012").food.common_names == "Chinese parsley, cilantro"


def test_food_in_abbrev_alone_keeps_its_short_description(real_db: FoodDatabase) -> None:
    food = real_db.get("33879").food
    assert food.description == "BABYFOOD,FINGER SNACKS,GERB,GRADUAT,LIL CRUNCHI - MILD CHEDD"
    assert food.release == "sr28-abbrev"


def test_the_newer_abbrev_weight_wins(real_db: FoodDatabase) -> None:
    # PROVENANCE.md: 35200 GmWt_1 is 12.7 g in the 2016 ABBREV, 12.6 g in the 2015 WEIGHT.txt.
    assert real_db.get("35200").food.portions[0].grams == 12.7


def test_utf8_line_in_the_official_abbrev_is_read(real_db: FoodDatabase) -> None:
    # USDA's own ABBREV.txt has "1 Entrée" as UTF-8 in an otherwise Latin-1 file.
    assert real_db.get("22996").food.portions[0].description == "1 Entrée"


def test_every_household_measure_is_imported(real_db: FoodDatabase, shared_fdc: Path) -> None:
    weight_rows = Counter(
        line.split("^")[0].strip("~")
        for line in (shared_fdc / "sr28_asc_2015-09" / "WEIGHT.txt")
        .read_text("latin-1")
        .splitlines()
    )
    assert sum(weight_rows.values()) == 15438
    stored = Counter(
        ndb
        for (ndb,) in real_db.connection.execute(
            "SELECT f.ndb_number FROM portions p JOIN foods f ON f.id = p.food_id"
        )
    )
    assert all(stored[ndb] >= n for ndb, n in weight_rows.items())
    assert real_db.status().portions >= 15438


@pytest.mark.parametrize(
    ("ndb", "description", "grams"),
    [
        ("09040", '1 medium (7" to 7-7/8" long)', 118.0),
        ("11457", "1 cup", 30.0),
        ("11090", "1 cup chopped", 91.0),  # broccoli, raw
        ("11090", "0.5 cup, chopped or diced", 44.0),
        ("18075", "1 slice", 32.0),  # bread, whole-wheat
        ("15167", "6 medium", 84.0),  # oysters, eastern, wild, raw
    ],
)
def test_portion_weights(real_db: FoodDatabase, ndb: str, description: str, grams: float) -> None:
    portions = {p.description: p.grams for p in real_db.get(ndb).food.portions}
    assert portions[description] == grams


def test_ids_with_or_without_leading_zeros(real_db: FoodDatabase) -> None:
    assert real_db.get("9040").food.description == "Bananas, raw"
    assert real_db.get("09040").food.description == "Bananas, raw"
    assert real_db.get("ndb:9040").food.description == "Bananas, raw"
