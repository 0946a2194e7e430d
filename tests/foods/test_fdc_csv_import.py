"""FoodData Central CSV downloads, on mini releases built to the documented layout
(tests/data/fdc_csv; the values each must produce are in its EXPECTED.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sleepmin.foods.database import FoodDatabase
from sleepmin.foods.install import install
from sleepmin.nutrients import Nutrient
from tests.conftest import FDC_FIXTURES, copy_fixture, zip_folder


def _install(source: Path, data_dir: Path) -> FoodDatabase:
    path = data_dir / "foods.sqlite"
    install(str(source), path, data_dir / "downloads")
    return FoodDatabase(path)


def test_sr_legacy_keeps_ndb_numbers_and_fdc_ids(data_dir: Path) -> None:
    with _install(FDC_FIXTURES / "sr_legacy", data_dir) as db:
        spinach = db.get("11457").food
        assert spinach.fdc_id == 168462
        assert db.get("168462").food.ndb_number == "11457"
        assert db.get("9040").food.fdc_id == 173944  # NDB_number "9040" in the release
        assert spinach.food_group == "Vegetables and Vegetable Products"
        assert spinach.nutrients[Nutrient.MAGNESIUM_MG] == 79.0
        assert spinach.nutrients[Nutrient.ENERGY_KCAL] == 23.0
        assert [(p.description, p.grams) for p in spinach.portions] == [
            ("1 cup", 30.0),
            ("1 bunch", 340.0),
            ("1 leaf", 10.0),
            ("1 package (10 oz)", 284.0),
        ]
        banana = db.get("09040").food
        assert ('1 medium (7" to 7-7/8" long)', 118.0) in [
            (p.description, p.grams) for p in banana.portions
        ]
        assert [r.key for r, _ in db.status().releases] == ["fdc-sr_legacy_food"]
        assert db.status().releases[0][0].version == "2019-04-01"


def test_real_zero_and_missing_stay_apart(data_dir: Path) -> None:
    with _install(FDC_FIXTURES / "sr_legacy", data_dir) as db:
        assert db.get("14148").food.nutrients[Nutrient.MAGNESIUM_MG] == 0.0  # cola
        assert Nutrient.MAGNESIUM_MG not in db.get("11265").food.nutrients  # portabella
        assert db.get("11457").food.nutrients[Nutrient.RETINOL_UG] == 0.0  # nutrient 1105
        assert db.status().nutrient_counts["retinol_ug"] == 5


def test_retinol_is_nutrient_1105_and_missing_without_a_row(data_dir: Path) -> None:
    with _install(FDC_FIXTURES / "foundation", data_dir) as db:
        assert Nutrient.RETINOL_UG not in db.get("748967").food.nutrients  # no 1105 row
        assert db.status().nutrient_counts["retinol_ug"] == 0


def test_retinol_from_vitamin_a_rae_is_not_taken(data_dir: Path, tmp_path: Path) -> None:
    """1106 (Vitamin A, RAE) counts carotenoids; only 1105 (Retinol) is preformed vitamin A."""
    source = copy_fixture("foundation", tmp_path)
    with (source / "food_nutrient.csv").open("a", encoding="utf-8") as handle:
        handle.write('"2229040","323505","1106","241","","1","","","","",""\n')  # kale RAE
        handle.write('"2229041","748967","1105","160","","1","","","","",""\n')  # egg retinol
    with _install(source, data_dir) as db:
        assert Nutrient.RETINOL_UG not in db.get("323505").food.nutrients
        assert db.get("748967").food.nutrients[Nutrient.RETINOL_UG] == 160.0


def test_survey_foods_read_retinol_by_its_number(data_dir: Path, tmp_path: Path) -> None:
    source = copy_fixture("survey_fndds", tmp_path)
    with (source / "food_nutrient.csv").open("a", encoding="utf-8") as handle:
        handle.write('"34100027","2705385","319","32","","","","","","",""\n')
        handle.write('"34100028","2705385","320","46","","","","","","",""\n')
    with _install(source, data_dir) as db:
        assert db.get("2705385").food.nutrients[Nutrient.RETINOL_UG] == 32.0


def test_foundation_foods_energy_and_portions(data_dir: Path) -> None:
    with _install(FDC_FIXTURES / "foundation", data_dir) as db:
        assert db.status().foods == 3  # the sub_sample_food row is not a food to log
        egg = db.get("748967").food
        assert egg.nutrients[Nutrient.ENERGY_KCAL] == 143.0  # 1008
        assert db.get("323505").food.nutrients[Nutrient.ENERGY_KCAL] == 49.0  # only 2047
        assert db.get("324860").food.nutrients[Nutrient.ENERGY_KCAL] == 598.0  # only 2048
        kale = db.get("323505").food
        assert [(p.description, p.grams) for p in kale.portions] == [('1 cup, pieces of ~1"', 20.6)]
        assert [p.description for p in db.get("324860").food.portions] == [
            "2 tablespoon",
            "1 cup",
        ]
        with pytest.raises(LookupError):
            db.get("319877")


def test_survey_foods_use_nutrient_numbers_and_wweia_categories(data_dir: Path) -> None:
    with _install(FDC_FIXTURES / "survey_fndds", data_dir) as db:
        milk = db.get("2705385").food
        assert milk.ndb_number is None
        assert milk.food_group == "Milk, whole"
        assert milk.in_survey
        assert milk.nutrients[Nutrient.CALCIUM_MG] == 113.0
        assert milk.nutrients[Nutrient.ENERGY_KCAL] == 61.0
        # stored out of order on purpose: sorted by seq_num; numeric modifiers never shown
        assert [(p.description, p.grams) for p in milk.portions] == [
            ("1 cup", 244.0),
            ("1 fl oz", 30.5),
            ("Quantity not specified", 244.0),
        ]


def test_a_zipped_download_with_a_top_folder(data_dir: Path, tmp_path: Path) -> None:
    archive = zip_folder(
        FDC_FIXTURES / "sr_legacy",
        tmp_path / "release.zip",
        prefix="FoodData_Central_sr_legacy_food_csv_2018-04/",
    )
    with _install(archive, data_dir) as db:
        assert db.status().foods == 5
        assert db.get("12014").food.nutrients[Nutrient.ZINC_MG] == 7.81


def test_several_releases_in_one_source(data_dir: Path, tmp_path: Path) -> None:
    both = tmp_path / "both"
    copy_fixture("sr_legacy", both)
    copy_fixture("survey_fndds", both)
    with _install(both, data_dir) as db:
        status = db.status()
        assert status.foods == 7
        assert {r.key: n for r, n in status.releases} == {
            "fdc-sr_legacy_food": 5,
            "fdc-survey_fndds_food": 2,
        }
