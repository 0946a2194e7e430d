"""Consensus Sleep Diary metrics against nights computed by hand, across midnight and across
daylight-saving changes in two time zones; impossible nights refused with the field named;
the CSV reader never crashes and never drops a row."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sleepmin.diary.csvfile import read_diary_csv
from sleepmin.diary.metrics import NightEntry, NightMetrics, night_metrics
from sleepmin.errors import InvalidInput
from sleepmin.usecases import diary_metrics
from tests.cli_helpers import run_cli

BERLIN, NEW_YORK = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")
HEADER = "date,bed_time,try_time,sol_min,awakenings,waso_min,final_wake,out_of_bed"


def night(
    date: str, bed: str, tried: str, sol: float, wakes: int, waso: float, final: str, up: str
) -> NightEntry:
    t = dt.time.fromisoformat
    return NightEntry(
        dt.date.fromisoformat(date), t(bed), t(tried), sol, wakes, waso, t(final), t(up)
    )


def metrics(entry: NightEntry, zone: ZoneInfo = BERLIN) -> NightMetrics:
    result = night_metrics(entry, zone)
    assert isinstance(result, NightMetrics), result
    return result


def test_an_ordinary_night_across_midnight() -> None:
    # into bed 22:45, trying 23:15, 25 min to fall asleep, 2 awakenings of 35 min in all,
    # final wake 06:10, up 06:40: TIB 7 h 55 = 475; TST 6 h 55 − 25 − 35 = 355; SE 74.7 %
    m = metrics(night("2026-06-10", "22:45", "23:15", 25, 2, 35, "06:10", "06:40"))
    assert m.tib_min == 475 and m.tst_min == 355
    assert m.se_pct == pytest.approx(100 * 355 / 475)
    assert m.terminal_wake_min == 30 and m.twt_min == 25 + 35 + 30
    assert m.bed.isoformat() == "2026-06-10T22:45:00+02:00"
    assert m.up.isoformat() == "2026-06-11T06:40:00+02:00"


def test_a_night_that_starts_after_midnight_belongs_to_the_evening_before() -> None:
    # date is the evening the night began: 00:30 to 08:00 is the next calendar morning
    m = metrics(night("2026-06-10", "00:30", "00:45", 15, 0, 0, "07:30", "08:00"))
    assert m.bed.date() == dt.date(2026, 6, 11) and m.tib_min == 450 and m.tst_min == 390


@pytest.mark.parametrize(
    ("zone", "spring", "fall"),
    [(BERLIN, "2026-03-28", "2026-10-24"), (NEW_YORK, "2026-03-07", "2026-10-31")],
)
def test_clock_changes_shorten_and_lengthen_the_night(
    zone: ZoneInfo, spring: str, fall: str
) -> None:
    # 23:00 to 07:00 by the clock: 7 hours when the clocks go forward, 9 when they go back
    usual = metrics(night("2026-06-10", "23:00", "23:00", 0, 0, 0, "07:00", "07:00"), zone)
    forward = metrics(night(spring, "23:00", "23:00", 0, 0, 0, "07:00", "07:00"), zone)
    back = metrics(night(fall, "23:00", "23:00", 0, 0, 0, "07:00", "07:00"), zone)
    assert (usual.tib_min, forward.tib_min, back.tib_min) == (480, 420, 540)
    assert forward.tst_min == 420 and back.se_pct == 100


def test_a_clock_time_that_did_not_exist_or_happened_twice_is_said() -> None:
    # Berlin, 29 March 2026: 02:00 became 03:00, so 02:30 did not exist
    gap = metrics(night("2026-03-28", "23:00", "23:00", 0, 1, 20, "02:30", "07:00"))
    assert any("did not exist" in n and "03:30" in n for n in gap.notes)
    assert gap.final.isoformat() == "2026-03-29T03:30:00+02:00"
    # New York, 1 November 2026: 01:30 happened twice; the first (EDT) is taken
    twice = metrics(night("2026-10-31", "23:00", "23:00", 0, 1, 10, "01:30", "07:00"), NEW_YORK)
    assert any("happened twice" in n for n in twice.notes)
    assert twice.final.utcoffset() == dt.timedelta(hours=-4)


@pytest.mark.parametrize(
    ("entry", "field", "words"),
    [
        (
            night("2026-06-10", "23:00", "22:30", 10, 0, 0, "06:00", "06:30"),
            "try_time",
            "before getting into bed",
        ),
        (
            night("2026-06-10", "23:00", "23:30", 10, 0, 0, "06:00", "05:30"),
            "out_of_bed",
            "before the final awakening",
        ),
        (
            night("2026-06-10", "23:00", "23:30", 500, 0, 0, "06:00", "06:30"),
            "sol_min",
            "longer than the 390 minutes",
        ),
        (
            night("2026-06-10", "23:00", "23:30", 200, 3, 190, "06:00", "06:30"),
            "waso_min",
            "no sleep is left",
        ),
        (
            night("2026-06-10", "23:00", "23:30", 10, 0, 30, "06:00", "06:30"),
            "waso_min",
            "0 awakenings",
        ),
        (
            night("2026-06-10", "13:00", "13:00", 0, 0, 0, "12:30", "12:45"),
            "final_wake",
            "before trying to sleep",
        ),
    ],
)
def test_impossible_nights_are_refused_naming_the_field(
    entry: NightEntry, field: str, words: str
) -> None:
    problems = night_metrics(entry, BERLIN)
    assert isinstance(problems, list) and problems
    assert any(p.field == field and words in p.problem for p in problems), problems


def test_every_row_appears_invalid_ones_with_their_errors() -> None:
    text = (
        f"{HEADER},quality,notes,medication\n"
        '2026-06-10,22:45,23:15,25,2,35,06:10,06:40,good,,"magnesium 200 mg, 21:00"\n'
        "2026-06-11,23:00,23:30,abc,1,10,6:30 am,07:00,,,\n"
        "not a date,23:00,23:30,10,1,10,06:30,07:00,,,\n"
        "2026-06-10,23:00,23:30,10,1,10,06:30,07:00,,twice,\n"
        "2026-06-12,11:00 pm,11:20 PM,10,1,10,6:30am,7:00 am,4,,\n"
    )
    result = diary_metrics(text, "Europe/Berlin").to_json()
    nights = result["nights"]
    assert [n["valid"] for n in nights] == [True, False, False, False, True]
    assert nights[0]["quality"] == 4 and nights[0]["se_pct"] == 74.7
    assert nights[0]["medication"] == "magnesium 200 mg, 21:00" and nights[4]["medication"] == ""
    assert nights[1]["errors"] == [{"field": "sol_min", "problem": "'abc' is not a number"}]
    assert nights[2]["errors"][0]["field"] == "date"
    assert "already on line 2" in nights[3]["errors"][0]["problem"]
    # 11:20 pm to 6:30 am is 430 minutes, less 10 to fall asleep and 10 awake
    assert nights[4]["tib_min"] == 480 and nights[4]["tst_min"] == 410
    summary = result["summary"]
    assert summary["nights"] == 5 and summary["valid_nights"] == 2
    assert summary["mean"]["tst_min"] == (355 + 410) / 2
    assert summary["sd"]["tst_min"] == pytest.approx(38.9, abs=0.05)  # (55 / √2)
    assert summary["nights_se_under_85"] == 1 and not summary["enough_nights"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "lacks date"),
        ("date,bed_time\n2026-01-01,23:00\n", "lacks try_time"),
        ("a\x00b", "lacks"),
    ],
)
def test_a_file_that_is_not_a_diary_is_one_clear_error(text: str, words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        read_diary_csv(text)


def test_an_unknown_time_zone_names_the_fix() -> None:
    with pytest.raises(InvalidInput, match="give an IANA name such as Europe/Berlin"):
        diary_metrics(f"{HEADER}\n", "Mars/Olympus")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(
            st.one_of(
                st.text(max_size=12),
                st.sampled_from(["23:00", "06:30", "7:00 am", "2026-03-28", "-5", "1e999", "nan"]),
            ),
            min_size=0,
            max_size=10,
        ),
        max_size=12,
    )
)
def test_any_rows_are_read_or_refused_never_crash_and_none_is_dropped(
    rows: list[list[str]],
) -> None:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerows([HEADER.split(","), *rows])
    try:
        result = diary_metrics(out.getvalue(), "UTC").to_json()
    except InvalidInput:
        return
    non_blank = [r for r in rows if any(c.strip() for c in r)]
    assert len(result["nights"]) <= len(non_blank)  # multi-line cells may join rows
    for night in result["nights"]:
        assert night["valid"] == (not night["errors"])
        if night["valid"]:
            assert 0 < night["tst_min"] <= night["tib_min"] and 0 < night["se_pct"] <= 100


@pytest.mark.slow
def test_the_cli_prints_the_documented_json(tmp_path: Path) -> None:
    diary = tmp_path / "diary.csv"
    diary.write_text(f"{HEADER}\n2026-03-28,23:00,23:30,20,2,40,06:30,07:00\n", "utf-8")
    result = run_cli("diary", "metrics", str(diary), "--tz", "Europe/Berlin", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"nights", "summary"}
    first = data["nights"][0]
    assert {
        "date",
        "valid",
        "errors",
        "tib_min",
        "tst_min",
        "sol_min",
        "waso_min",
        "se_pct",
    } <= set(first)
    assert (first["tib_min"], first["tst_min"], first["se_pct"]) == (420, 300, 71.4)
    missing = run_cli("diary", "metrics", str(tmp_path / "nope.csv"))
    assert missing.returncode == 1 and "does not exist" in missing.stderr


def test_weekly_means_group_nights_by_the_monday_of_their_week() -> None:
    text = (
        f"{HEADER}\n"
        "2026-03-02,23:00,23:30,20,2,40,06:30,07:00\n"  # Monday: TST 360, SE 75
        "2026-03-08,23:00,23:30,30,2,60,06:30,07:00\n"  # Sunday, same week: TST 330
        "2026-03-09,23:00,23:15,10,1,10,06:45,07:00\n"  # next Monday: TST 430
    )
    weeks = diary_metrics(text, "UTC").to_json()["summary"]["weeks"]
    assert [(w["week_of"], w["nights"], w["tst_min"]) for w in weeks] == [
        ("2026-03-02", 2, 345.0),
        ("2026-03-09", 1, 430.0),
    ]
