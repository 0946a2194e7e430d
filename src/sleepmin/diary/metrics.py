"""Consensus Sleep Diary metrics for one night (Carney et al. 2012, doi:10.5665/sleep.1642).

Clock times are local to a time zone; a night's times are placed on calendar days by the rule
"a clock time before noon belongs to the morning after the evening the night began", made
aware in the zone, and every duration is measured between instants (UTC), so a night when
clocks spring forward is an hour shorter, and one when they fall back an hour longer.

    TIB  = out of bed − into bed                 (time in bed)
    TST  = final wake − tried to sleep − SOL − WASO
    SE   = 100 × TST / TIB                       (sleep efficiency, %)
    TWAK = out of bed − final wake               (terminal wake, time in bed after it)
    TWT  = SOL + WASO + TWAK                     (total wake time)

An impossible night (out of order, SOL longer than the time trying to sleep, TST ≤ 0) is
refused with every field at fault named; nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

NOON = dt.time(12, 0)
MAX_MINUTES = 24 * 60  # a duration longer than a day is not one night's


@dataclass(frozen=True, slots=True)
class NightEntry:
    """One night as entered: the evening it began, four clock times, and the estimates."""

    date: dt.date
    bed_time: dt.time
    try_time: dt.time
    sol_min: float
    awakenings: int
    waso_min: float
    final_wake: dt.time
    out_of_bed: dt.time
    quality: int | None = None  # 1 very poor … 5 very good
    naps_min: float | None = None
    caffeine: int | None = None
    alcohol: int | None = None
    notes: str = ""
    medication: str = ""  # medication and supplements taken, as written


@dataclass(frozen=True, slots=True)
class Problem:
    field: str
    problem: str


@dataclass(frozen=True, slots=True)
class NightMetrics:
    entry: NightEntry
    bed: dt.datetime
    tried: dt.datetime
    final: dt.datetime
    up: dt.datetime
    tib_min: float
    tst_min: float
    se_pct: float
    terminal_wake_min: float
    twt_min: float
    notes: tuple[str, ...] = field(default=())  # clock changes met on the night


def placed(date: dt.date, clock: dt.time, zone: ZoneInfo) -> tuple[dt.datetime, str | None]:
    """A clock time of the night that began on the evening of ``date``, as an aware datetime,
    and a note when the clock time did not exist (clocks sprang forward: read as the same
    instant after the change) or happened twice (clocks fell back: the first is taken)."""
    day = date + dt.timedelta(days=1) if clock < NOON else date
    local = dt.datetime.combine(day, clock).replace(tzinfo=zone)
    round_trip = local.astimezone(dt.UTC).astimezone(zone)
    if round_trip.replace(tzinfo=None) != local.replace(tzinfo=None):
        return round_trip, (
            f"{clock.strftime('%H:%M')} did not exist on {day.isoformat()} in {zone.key} "
            f"(the clocks went forward); read as {round_trip.strftime('%H:%M')}"
        )
    if local.replace(fold=1).utcoffset() != local.utcoffset():
        return local, (
            f"{clock.strftime('%H:%M')} happened twice on {day.isoformat()} in {zone.key} "
            "(the clocks went back); the first is taken"
        )
    return local, None


def _minutes(later: dt.datetime, earlier: dt.datetime) -> float:
    return (later.astimezone(dt.UTC) - earlier.astimezone(dt.UTC)).total_seconds() / 60


def night_metrics(entry: NightEntry, zone: ZoneInfo) -> NightMetrics | list[Problem]:
    """The night's metrics, or every problem that makes it impossible."""
    problems: list[Problem] = []
    notes: list[str] = []
    times: dict[str, dt.datetime] = {}
    for name in ("bed_time", "try_time", "final_wake", "out_of_bed"):
        when, note = placed(entry.date, getattr(entry, name), zone)
        times[name] = when
        if note:
            notes.append(note)
    bed, tried, final, up = (
        times["bed_time"],
        times["try_time"],
        times["final_wake"],
        times["out_of_bed"],
    )
    order = (
        ("try_time", tried, "bed_time", bed, "is before getting into bed"),
        ("final_wake", final, "try_time", tried, "is before trying to sleep"),
        ("out_of_bed", up, "final_wake", final, "is before the final awakening"),
    )
    for later_name, later, earlier_name, earlier, says in order:
        if _minutes(later, earlier) < 0:
            problems.append(
                Problem(
                    later_name,
                    f"{later.strftime('%H:%M')} {says} ({earlier_name} "
                    f"{earlier.strftime('%H:%M')}); times before noon count as the next morning",
                )
            )
    for name in ("sol_min", "waso_min"):
        value = getattr(entry, name)
        if not 0 <= value <= MAX_MINUTES:
            problems.append(Problem(name, f"{value:g} minutes is not possible (0 to 1,440)"))
    if entry.awakenings < 0:
        problems.append(Problem("awakenings", "cannot be negative"))
    if entry.awakenings == 0 and entry.waso_min > 0:
        problems.append(
            Problem("waso_min", f"{entry.waso_min:g} minutes awake, but 0 awakenings were given")
        )
    if problems:
        return problems
    tib = _minutes(up, bed)
    trying = _minutes(final, tried)
    if tib > MAX_MINUTES:
        return [Problem("out_of_bed", f"{tib / 60:.1f} hours in bed is more than one night")]
    if entry.sol_min > trying:
        return [
            Problem(
                "sol_min",
                f"{entry.sol_min:g} minutes to fall asleep is longer than the {trying:g} minutes "
                "from trying to sleep to the final awakening",
            )
        ]
    tst = trying - entry.sol_min - entry.waso_min
    if tst <= 0:
        return [
            Problem(
                "waso_min",
                f"falling asleep ({entry.sol_min:g} min) and time awake ({entry.waso_min:g} min) "
                f"fill all {trying:g} minutes from trying to sleep to the final awakening: no "
                "sleep is left (total sleep time must be more than 0)",
            )
        ]
    terminal = _minutes(up, final)
    return NightMetrics(
        entry=entry,
        bed=bed,
        tried=tried,
        final=final,
        up=up,
        tib_min=tib,
        tst_min=tst,
        se_pct=100 * tst / tib,
        terminal_wake_min=terminal,
        twt_min=entry.sol_min + entry.waso_min + terminal,
        notes=tuple(notes),
    )
