"""The names `import sleepmin` offers are a public contract (httpx's test_exported_members)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import sleepmin


def test_exported_members() -> None:
    assert sorted(sleepmin.__all__) == sleepmin.__all__
    assert all(hasattr(sleepmin, name) for name in sleepmin.__all__)
    assert sleepmin.__all__ == [
        "Diet",
        "FoodDatabase",
        "LabResult",
        "Mineral",
        "Nutrient",
        "Profile",
        "SafetyInput",
        "Sex",
        "SleepminError",
        "__version__",
        "analyze_food_log",
        "convert",
        "install",
        "interpret",
        "load_catalog",
        "load_dri_table",
        "load_knowledge",
        "parse_supplement",
        "personal_targets",
        "safety_report",
    ]


@pytest.mark.slow
def test_the_documented_example(tmp_path: Path, shared_fdc: Path) -> None:
    sleepmin.install(str(shared_fdc), tmp_path / "foods.sqlite", tmp_path / "downloads")
    targets = sleepmin.personal_targets(
        sleepmin.Profile(32, sleepmin.Sex.FEMALE), sleepmin.load_dri_table()
    )
    with sleepmin.FoodDatabase(tmp_path / "foods.sqlite") as db:
        result = sleepmin.analyze_food_log(
            "2 bananas\n1 cup cooked spinach\n", db, targets, today=dt.date(2026, 11, 25)
        )
    magnesium = result.analysis.minerals[sleepmin.Mineral.MAGNESIUM]
    assert magnesium.intake.food_mg == pytest.approx(2.36 * 27 + 1.8 * 87)
    converted = sleepmin.convert(sleepmin.load_catalog().test("magnesium"), 0.7, "mmol/L", "mg/dL")
    assert converted == pytest.approx(1.70135, rel=1e-5)
