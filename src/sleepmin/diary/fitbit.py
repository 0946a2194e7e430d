"""Sleep nights from Fitbit sleep logs: the JSON of a Google Takeout export
(`Fitbit/Global Export Data/sleep-YYYY-MM-DD.json`, an array of logs) or of the Web API
(`{"sleep": [...]}`).

Each log's `startTime`/`endTime` (local clock times, no offset) are its time in bed; its
`levels.data` are the stretches of each level: "wake" and "awake" are awake, and so is
"restless" (in "classic" logs, as Fitbit itself counts it); "light", "deep", "rem" and "asleep"
are asleep. From there the night is made by the same rule as Apple Health's (docs/diary.md):
the earliest start into bed, the first sleep, the gaps between sleep as awakenings, the final
wake, the latest end out of bed; logs of the same night (a main sleep split in two) are
merged. A nap (a log starting between noon and 6 pm) is not a night.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sleepmin.diary.apple import Interval, merged, night_from_intervals
from sleepmin.diary.metrics import NOON, NightEntry
from sleepmin.errors import InvalidInput

MAX_BYTES = 50_000_000
ASLEEP = {"light", "deep", "rem", "asleep"}
NAP_END = dt.time(18, 0)


def read_fitbit(path: Path, zone: ZoneInfo) -> list[NightEntry]:
    if path.stat().st_size > MAX_BYTES:
        raise InvalidInput(
            f"the Fitbit file {path.name}",
            f"is larger than {MAX_BYTES:,} bytes",
            "give one of the export's sleep-*.json files",
        )
    try:
        data = json.loads(path.read_bytes())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            f"the Fitbit file {path.name}", f"is not JSON ({str(exc)[:80]})", "give sleep-*.json"
        ) from None
    logs = data.get("sleep") if isinstance(data, dict) else data
    if not isinstance(logs, list):
        raise InvalidInput(
            f"the Fitbit file {path.name}",
            "holds no list of sleep logs",
            "give a sleep-*.json file of the Fitbit export",
        )
    return fitbit_nights(logs, zone)


def _local(text: object, zone: ZoneInfo) -> dt.datetime:
    if not isinstance(text, str):
        raise ValueError("no time")
    return dt.datetime.fromisoformat(text[:19]).replace(tzinfo=zone)


def fitbit_nights(logs: list[Any], zone: ZoneInfo) -> list[NightEntry]:
    in_bed: dict[dt.date, list[Interval]] = defaultdict(list)
    asleep: dict[dt.date, list[Interval]] = defaultdict(list)
    for log in logs:
        if not isinstance(log, dict):
            continue
        try:
            start, end = _local(log.get("startTime"), zone), _local(log.get("endTime"), zone)
        except ValueError:
            continue  # a log without readable times says nothing about a night
        if end <= start or NOON <= start.time() < NAP_END:
            continue  # not a night (or a nap)
        night = start.date() - dt.timedelta(days=1) if start.time() < NOON else start.date()
        in_bed[night].append((start, end))
        levels = log.get("levels") if isinstance(log.get("levels"), dict) else {}
        for stretch in (levels or {}).get("data") or []:
            if not isinstance(stretch, dict) or stretch.get("level") not in ASLEEP:
                continue
            try:
                begin = _local(stretch.get("dateTime"), zone)
                seconds = float(stretch.get("seconds", 0))
            except (ValueError, TypeError):
                continue
            if seconds > 0:
                asleep[night].append((begin, begin + dt.timedelta(seconds=seconds)))
    nights = []
    for night in sorted(asleep):
        entry = night_from_intervals(
            night, merged(asleep[night]), merged(in_bed[night]), zone, source="Fitbit"
        )
        if entry is not None:
            nights.append(entry)
    return nights
