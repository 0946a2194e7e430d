"""Intake beside sleep: each logged day's minerals (real USDA foods) beside that night's sleep
metric, Spearman's correlation at lags 0 and 1, and the plain words that it is exploration."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sleepmin.diary.metrics import NightEntry
from sleepmin.foods.database import FoodDatabase
from sleepmin.intake.targets import Profile, Sex
from sleepmin.store.db import Store
from sleepmin.usecases import accounts, diary_add, diary_intake, log_add
from sleepmin.usecases.diary import spearman

TODAY = dt.date(2026, 3, 1)


def test_spearman_by_hand() -> None:
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1)
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(0.9487, abs=1e-4)  # ties
    assert spearman([1, 1, 1], [1, 2, 3]) is None


@pytest.mark.slow
def test_intake_beside_the_nights_and_their_correlation(store: Store, real_db_path: Path) -> None:
    now = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    accounts.sign_up(store, "in@example.org", "correct horse battery", "person", now=now)
    accounts.set_profile(
        store, accounts.session_for(store, "in@example.org"), Profile(40, Sex.FEMALE)
    )
    with FoodDatabase(real_db_path) as foods:
        for back in range(1, 11):
            day = TODAY - dt.timedelta(days=back)
            cups = back % 4  # 0-3 cups of spinach; more spinach, better nights (made up)
            log_add(
                store,
                "in@example.org",
                f"{cups} cups cooked spinach\n1 banana" if cups else "1 banana",
                foods,
                day=day,
                today=TODAY,
            )
            awake = 60 - 15 * cups
            diary_add(
                store,
                "in@example.org",
                NightEntry(
                    day, dt.time(23, 0), dt.time(23, 0), 10, 1, awake, dt.time(7, 0), dt.time(7, 0)
                ),
                zone="UTC",
                today=TODAY,
            )
        result = diary_intake(store, "in@example.org", foods, weeks=2, today=TODAY).to_json()
    assert len(result["days"]) == 10 and all(d["metric"] is not None for d in result["days"])
    magnesium = {c["lag_days"]: c for c in result["correlations"]["magnesium"]}
    assert magnesium[0]["pairs"] == 10 and magnesium[0]["spearman"] > 0.9
    assert magnesium[1]["pairs"] == 9  # the first night has no day before it logged
    assert result["paired_nights"] == 10 and result["any_correlation"]
    assert "not proof" in result["note"]
