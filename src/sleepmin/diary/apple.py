"""Sleep nights from an Apple Health export (`export.xml`, or the export zip).

The export is read as a stream (``iterparse``, each element freed once read), so a multi-GB
file keeps memory flat, and through defusedxml, so an untrusted file cannot expand entities or
reach the network. Only sleep-analysis records are used
(``HKCategoryTypeIdentifierSleepAnalysis``): in bed, asleep (unspecified, core, deep, REM) and
awake.

How records become nights (docs/diary.md): a record belongs to the night of the evening before
the noon that follows its start (local time); overlapping records from several sources are merged,
never added, and a night with sleep stages (core, deep, REM: a watch) is read from them alone,
since a phone's whole-night "asleep" laid over them would hide the awakenings. For each night:

- into bed = the earliest in-bed start (else the first sleep); trying to sleep = into bed (the
  export does not say when a person started trying);
- SOL = first sleep − into bed; final wake = the end of the last sleep;
- out of bed = the latest in-bed end (else the final wake), never before the final wake;
- WASO and awakenings = the gaps between merged sleep intervals after sleep onset (gaps under
  a minute are not awakenings).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from zoneinfo import ZoneInfo

from defusedxml.ElementTree import iterparse

from sleepmin.diary.metrics import NOON, NightEntry
from sleepmin.errors import InvalidInput

SLEEP = "HKCategoryTypeIdentifierSleepAnalysis"
IN_BED = "HKCategoryValueSleepAnalysisInBed"
AWAKE = "HKCategoryValueSleepAnalysisAwake"
STAGES = {  # a watch's sleep stages
    "HKCategoryValueSleepAnalysisAsleepCore",
    "HKCategoryValueSleepAnalysisAsleepDeep",
    "HKCategoryValueSleepAnalysisAsleepREM",
}
ASLEEP = {
    "HKCategoryValueSleepAnalysisAsleep",
    "HKCategoryValueSleepAnalysisAsleepUnspecified",
    *STAGES,
}
_FORMAT = "%Y-%m-%d %H:%M:%S %z"


@dataclass(frozen=True, slots=True)
class AppleNights:
    nights: list[NightEntry]
    records: int  # every Record element read
    sleep_records: int  # those used


Interval = tuple[dt.datetime, dt.datetime]


def read_apple_health(path: Path, zone: ZoneInfo) -> AppleNights:
    """The nights in an Apple Health export file (export.xml or the zip Apple makes)."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            member = next(
                (n for n in archive.namelist() if n.rsplit("/", 1)[-1] == "export.xml"), None
            )
            if member is None:
                raise InvalidInput(
                    f"the zip {path.name}",
                    "holds no export.xml",
                    "give the zip Apple Health exports, or its export.xml",
                )
            with archive.open(member) as stream:
                return read_apple_stream(stream, zone)
    with path.open("rb") as stream:
        return read_apple_stream(stream, zone)


def read_apple_stream(stream: IO[bytes], zone: ZoneInfo) -> AppleNights:
    in_bed: dict[dt.date, list[Interval]] = defaultdict(list)
    asleep: dict[dt.date, list[Interval]] = defaultdict(list)
    staged: dict[dt.date, list[Interval]] = defaultdict(list)
    records = used = 0
    for start, end, value in _records(stream):
        records += 1
        if end <= start or (value != IN_BED and value not in ASLEEP):
            continue
        local = start.astimezone(zone)
        night = local.date() - dt.timedelta(days=1) if local.time() < NOON else local.date()
        kind = in_bed if value == IN_BED else staged if value in STAGES else asleep
        kind[night].append((start, end))
        used += 1
    nights = []
    for night in sorted(set(asleep) | set(staged)):
        # a night with sleep stages (a watch) is read from them alone: a phone's whole-night
        # "asleep" laid over them would hide the awakenings between them
        sleep = merged(staged[night] or asleep[night])
        entry = night_from_intervals(night, sleep, merged(in_bed.get(night, [])), zone)
        if entry is not None:
            nights.append(entry)
    return AppleNights(nights, records, used)


Record = tuple[dt.datetime, dt.datetime, str]
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_NOT_SLEEP: Record = (_EPOCH, _EPOCH, "")  # counted, never used (its end is not after its start)


def _records(stream: IO[bytes]) -> Iterator[Record]:
    """Every Record element, as (start, end, value) for a sleep record with readable times and
    a placeholder for any other (so the caller can count them)."""
    try:
        events = iterparse(stream, events=("start", "end"))
        _, root = next(events)
        if root.tag != "HealthData":
            raise InvalidInput(
                "the file",
                f"is not an Apple Health export (it starts with <{root.tag[:40]}>)",
                "give export.xml from the Health app's export",
            )
        for event, element in events:
            if event != "end" or element.tag != "Record":
                continue
            yield _record(
                element.get("type"),
                element.get("startDate"),
                element.get("endDate"),
                element.get("value"),
            )
            element.clear()
            root.clear()  # what has been read is freed: memory stays flat
    except StopIteration:  # no element at all
        raise InvalidInput("the file", "holds no XML", "give export.xml") from None
    except InvalidInput:
        raise
    except (SyntaxError, ValueError) as exc:  # ParseError is a SyntaxError; defused XML too
        raise InvalidInput(
            "the Apple Health export",
            f"cannot be read as its XML ({str(exc)[:120]})",
            "export it again from the Health app and give export.xml or the zip",
        ) from None


def _record(kind: str | None, start: str | None, end: str | None, value: str | None) -> Record:
    if kind != SLEEP:
        return _NOT_SLEEP
    try:
        return (
            dt.datetime.strptime(start or "", _FORMAT),
            dt.datetime.strptime(end or "", _FORMAT),
            value or "",
        )
    except ValueError:  # a record without readable times says nothing about a night
        return _NOT_SLEEP


def merged(intervals: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def night_from_intervals(
    night: dt.date,
    asleep: list[Interval],
    in_bed: list[Interval],
    zone: ZoneInfo,
    *,
    source: str = "Apple Health",
) -> NightEntry | None:
    """A night from merged sleep intervals and in-bed intervals, by the rule above."""
    if not asleep:
        return None
    onset, final = asleep[0][0], asleep[-1][1]
    bed = min([onset, *(s for s, _ in in_bed)])
    up = max([final, *(e for _, e in in_bed)])
    gaps = [(asleep[i + 1][0] - asleep[i][1]).total_seconds() / 60 for i in range(len(asleep) - 1)]
    wakes = [g for g in gaps if g >= 1]

    def clock(moment: dt.datetime) -> dt.time:
        return moment.astimezone(zone).time().replace(second=0, microsecond=0)

    return NightEntry(
        date=night,
        bed_time=clock(bed),
        try_time=clock(bed),
        sol_min=round((onset - bed).total_seconds() / 60),
        awakenings=len(wakes),
        waso_min=round(sum(wakes)),
        final_wake=clock(final),
        out_of_bed=clock(up),
        notes=source,
    )
