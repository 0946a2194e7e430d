"""The report a person hands to their clinician draws their kept diary and ISI over time, on
both databases; before any assessment there is no report, and a diary alone adds nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sleepmin.diary.metrics import NightEntry
from sleepmin.foods.database import FoodDatabase
from sleepmin.intake.targets import Profile, Sex
from sleepmin.store.db import Store
from sleepmin.usecases import (
    accounts,
    answers_from,
    assess_person,
    diary_add,
    diary_tracking,
    person_report_html,
)

TODAY = dt.date(2026, 3, 30)
WHO = "tr@example.org"


@pytest.mark.slow
def test_the_report_draws_the_kept_diary_and_the_isi(store: Store, real_db_path: Path) -> None:
    now = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    accounts.sign_up(store, WHO, "correct horse battery", "person", now=now)
    accounts.set_profile(store, accounts.session_for(store, WHO), Profile(40, Sex.FEMALE))
    assert person_report_html(store, WHO, today=TODAY) is None  # nothing assessed yet
    for back in range(1, 31):  # a month of nights; the report shows the last eight weeks
        diary_add(
            store,
            WHO,
            NightEntry(
                TODAY - dt.timedelta(days=back),
                dt.time(23, 0),
                dt.time(23, 15),
                15 + back,
                1,
                20,
                dt.time(6, 45),
                dt.time(7, 0),
            ),
            zone="Europe/Berlin",
            today=TODAY,
        )
    with FoodDatabase(real_db_path) as foods:
        for isi in ([3, 3, 3, 3, 3, 3, 3], [2, 2, 2, 2, 1, 1, 1]):
            assess_person(
                store,
                WHO,
                today=TODAY,
                foods=foods,
                answers=answers_from({"sleep": {"night_waking": True}, "isi": isi}),
            )
    html = person_report_html(store, WHO, today=TODAY)
    assert html is not None and "Sleep diary and ISI over time" in html
    assert html.count("class='night se_pct'") == 30 and html.count("class='isi-point'") == 2
    shown = diary_tracking(store, WHO, today=TODAY, weeks=1)  # a shorter span draws fewer nights
    assert len(shown["diary"]["nights"]) == 7 and shown["weeks"] == 1
    assert [p["total"] for p in shown["isi"]["points"]] == [21, 11]
