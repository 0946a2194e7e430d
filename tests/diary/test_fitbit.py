"""Nights from Fitbit sleep logs (Google Takeout JSON): a hand-computed night with stages, a
"classic" night with restless stretches, a split main sleep merged, a nap left out, and
re-imports that merge with Apple Health's and the diary's nights instead of doubling."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from sleepmin.diary.fitbit import fitbit_nights, read_fitbit
from sleepmin.diary.metrics import NightMetrics, night_metrics
from sleepmin.errors import InvalidInput
from sleepmin.intake.targets import Profile, Sex
from sleepmin.store.db import Store
from sleepmin.usecases import accounts, diary_import_file, diary_show

BERLIN = ZoneInfo("Europe/Berlin")


def stretches(start: str, *levels: tuple[str, int]) -> list[dict[str, Any]]:
    at = dt.datetime.fromisoformat(start)
    out = []
    for level, minutes in levels:
        out.append({"dateTime": at.isoformat() + ".000", "level": level, "seconds": minutes * 60})
        at += dt.timedelta(minutes=minutes)
    return out


STAGES_NIGHT = {
    "dateOfSleep": "2026-01-11",
    "startTime": "2026-01-10T22:40:00.000",
    "endTime": "2026-01-11T06:55:00.000",
    "type": "stages",
    "isMainSleep": True,
    # awake 25 min, then light/deep/rem with one 15-minute wake, awake 10 min at the end
    "levels": {
        "data": stretches(
            "2026-01-10T22:40:00",
            ("wake", 25),
            ("light", 120),
            ("deep", 60),
            ("wake", 15),
            ("rem", 90),
            ("light", 175),
            ("wake", 10),
        )
    },
}
NAP = {
    "startTime": "2026-01-11T14:00:00.000",
    "endTime": "2026-01-11T14:40:00.000",
    "levels": {"data": stretches("2026-01-11T14:00:00", ("asleep", 40))},
}
CLASSIC_SPLIT = [  # one night logged in two parts, with restless stretches
    {
        "startTime": "2026-01-11T23:30:00.000",
        "endTime": "2026-01-12T02:00:00.000",
        "type": "classic",
        "levels": {
            "data": stretches(
                "2026-01-11T23:30:00", ("awake", 10), ("asleep", 130), ("restless", 10)
            )
        },
    },
    {
        "startTime": "2026-01-12T02:30:00.000",
        "endTime": "2026-01-12T07:00:00.000",
        "type": "classic",
        "levels": {"data": stretches("2026-01-12T02:30:00", ("asleep", 260), ("awake", 10))},
    },
]


def test_a_night_with_stages_is_read_by_the_documented_rule() -> None:
    (night,) = fitbit_nights([STAGES_NIGHT, NAP], BERLIN)  # the nap is not a night
    assert night.date == dt.date(2026, 1, 10)
    # into bed 22:40, asleep 23:05 (SOL 25); one 15-minute wake; final wake 06:45; up 06:55
    assert (night.bed_time, night.final_wake, night.out_of_bed) == (
        dt.time(22, 40),
        dt.time(6, 45),
        dt.time(6, 55),
    )
    assert (night.sol_min, night.awakenings, night.waso_min) == (25, 1, 15)
    metrics = night_metrics(night, BERLIN)
    assert isinstance(metrics, NightMetrics)
    assert (metrics.tib_min, metrics.tst_min) == (495, 120 + 60 + 90 + 175)


def test_a_split_classic_night_is_one_night_with_restless_as_awake() -> None:
    (night,) = fitbit_nights(CLASSIC_SPLIT, BERLIN)
    assert night.date == dt.date(2026, 1, 11)
    # asleep 23:40-01:50 and 02:30-06:50: one awakening of 40 minutes (restless + the gap)
    assert (night.sol_min, night.awakenings, night.waso_min) == (10, 1, 40)
    assert (night.final_wake, night.out_of_bed) == (dt.time(6, 50), dt.time(7, 0))


@pytest.mark.parametrize("content", ["not json", '{"sleep": 3}', "[1, 2"])
def test_a_file_that_is_not_sleep_logs_is_one_clear_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "sleep-2026-01-01.json"
    path.write_text(content, "utf-8")
    with pytest.raises(InvalidInput, match="Fitbit file"):
        read_fitbit(path, BERLIN)


def test_broken_logs_are_skipped_not_guessed() -> None:
    broken = [{"startTime": 5}, "x", {"startTime": "2026-01-10T23:00:00", "endTime": "nope"}]
    assert fitbit_nights([*broken, STAGES_NIGHT], BERLIN)[0].date == dt.date(2026, 1, 10)


def test_imports_merge_with_the_nights_already_kept(store: Store, tmp_path: Path) -> None:
    now = dt.datetime(2026, 1, 20, tzinfo=dt.UTC)
    accounts.sign_up(store, "fi@example.org", "correct horse battery", "person", now=now)
    accounts.set_profile(
        store, accounts.session_for(store, "fi@example.org"), Profile(40, Sex.MALE)
    )
    path = tmp_path / "sleep-2026-01-10.json"
    path.write_text(json.dumps([STAGES_NIGHT, NAP, *CLASSIC_SPLIT]), "utf-8")
    first = diary_import_file(store, "fi@example.org", path, zone="Europe/Berlin")
    again = diary_import_file(store, "fi@example.org", path, zone="Europe/Berlin")
    assert (first.added, again.added, again.replaced) == (2, 0, 2)
    shown = diary_show(store, "fi@example.org", weeks=4, today=dt.date(2026, 1, 20)).to_json()
    assert [n["date"] for n in shown["nights"]] == ["2026-01-10", "2026-01-11"]
    assert all(n["notes"] == "Fitbit" for n in shown["nights"])
