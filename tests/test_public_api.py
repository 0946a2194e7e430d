"""The names `import sleepmin` offers are a public contract (httpx's test_exported_members)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import sleepmin


def test_exported_members() -> None:
    assert sorted(sleepmin.__all__) == sleepmin.__all__
    assert all(hasattr(sleepmin, name) for name in sleepmin.__all__)
    # the use cases every interface calls, and the types their inputs and results are made of
    assert sleepmin.__all__ == [
        "Assessment",
        "Diet",
        "DietReport",
        "FoodDatabase",
        "FoodHit",
        "FoodLog",
        "LabsRead",
        "LabsSource",
        "Mineral",
        "NoPins",
        "Nutrient",
        "PersonPins",
        "PinStore",
        "Profile",
        "SafetyCheck",
        "Sex",
        "SleepminError",
        "Store",
        "__version__",
        "add_person",
        "add_supplement",
        "analyze_diet",
        "analyze_diet_for",
        "article_claims",
        "assess",
        "assess_person",
        "check_safety",
        "check_safety_for",
        "convert_lab",
        "database_status",
        "delete_person",
        "explain",
        "export_person",
        "import_labs",
        "import_labs_for",
        "install_foods",
        "interpret_lab",
        "kept_supplements",
        "list_people",
        "log_add",
        "log_show",
        "open_store",
        "person_context",
        "read_answers",
        "read_food_log",
        "remove_supplement",
        "result_names",
        "result_schema",
        "score_isi_items",
        "search_foods",
        "show_food",
        "show_person",
        "show_targets",
        "targets_for",
        "update_person",
    ]


@pytest.mark.slow
def test_the_documented_example(tmp_path: Path, shared_fdc: Path) -> None:
    sleepmin.install_foods(str(shared_fdc), tmp_path / "foods.sqlite", tmp_path / "downloads")
    with sleepmin.FoodDatabase(tmp_path / "foods.sqlite") as db:
        report = sleepmin.analyze_diet(
            sleepmin.FoodLog("2 bananas\n1 cup cooked spinach\n"),
            db,
            sleepmin.Profile(32, sleepmin.Sex.FEMALE),
            today=dt.date(2026, 11, 25),
        )
        hits = sleepmin.search_foods(db, "spinach raw", 3)
    magnesium = report.analysis.minerals[sleepmin.Mineral.MAGNESIUM]
    assert magnesium.intake.food_mg == pytest.approx(2.36 * 27 + 1.8 * 87)
    assert report.to_json()["minerals"]["magnesium"]["intake_mg_per_day"]["food"] == pytest.approx(
        2.36 * 27 + 1.8 * 87, abs=0.1
    )
    assert hits[0].food.description == "Spinach, raw"
    converted = sleepmin.convert_lab("magnesium", 0.7, "mmol/L", "mg/dL")
    assert converted.value == pytest.approx(1.70135, rel=1e-5)
    assert converted.to_json() == {"value": 1.7013, "unit": "mg/dL"}
    assert sleepmin.score_isi_items("3,2,2,2,2,2,2").total == 15


def test_an_unknown_mineral_is_a_clear_error() -> None:
    with pytest.raises(sleepmin.SleepminError, match="use one of: calcium, iron, magnesium"):
        sleepmin.explain("unobtainium")
