"""Use cases of the sleep diary: Consensus Sleep Diary metrics from a CSV, in a time zone."""

from __future__ import annotations

import os
import statistics
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sleepmin.diary.csvfile import MAX_BYTES, read_diary_csv
from sleepmin.diary.metrics import NightMetrics, night_metrics
from sleepmin.errors import InvalidInput
from sleepmin.fileio import check_input_file
from sleepmin.results.diary import DiaryMetrics

ENOUGH_NIGHTS = 7
_NOTE = (
    "Diary estimates, not measurements; averages of fewer than 7 nights, or of weeks that "
    "differ (work and free days), move a lot from week to week. SOL or WASO over 30 minutes on "
    "3 or more nights a week, or sleep efficiency under 85 %, are common markers of insomnia, "
    "not a diagnosis."
)


def time_zone(name: str | None = None) -> ZoneInfo:
    """``name`` (an IANA name such as Europe/Berlin), else the system's ($TZ, then
    /etc/localtime), else UTC."""
    chosen = name or os.environ.get("TZ", "").lstrip(":") or _system_zone()
    try:
        return ZoneInfo(chosen)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            f"the time zone {chosen[:60]!r}",
            "is not one sleepmin knows",
            "give an IANA name such as Europe/Berlin or America/New_York",
        ) from None


def _system_zone() -> str:
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        return "UTC"
    _, found, zone = target.partition("/zoneinfo/")
    return zone if found and zone else "UTC"


def read_diary_file(path: Path) -> str:
    """A diary CSV file's text; a one-line error if it is missing, too large or not text."""
    check_input_file(path, "the sleep diary")
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InvalidInput(
                f"the sleep diary {path}",
                f"is larger than {MAX_BYTES:,} bytes",
                "give one person's diary, one row a night",
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"the sleep diary {path}", "does not exist", "check the path") from None
    except IsADirectoryError:
        raise InvalidInput(
            f"the sleep diary {path}", "is a folder", "give the path of a CSV file"
        ) from None
    if b"\x00" in raw:
        raise InvalidInput(
            f"the sleep diary {path}", "is not text", "save the diary as CSV (UTF-8)"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(
            f"the sleep diary {path}", "is not UTF-8 text", "save the diary as CSV (UTF-8)"
        ) from None


def diary_metrics(text: str, zone: str | None = None) -> DiaryMetrics:
    """`sleepmin diary metrics FILE`: every night's metrics (or why it is not a night), and the
    valid nights summarised. Nothing is stored."""
    tz = time_zone(zone)
    nights: list[dict[str, Any]] = []
    valid: list[NightMetrics] = []
    for row in read_diary_csv(text):
        result = night_metrics(row.entry, tz) if row.entry is not None else list(row.problems)
        if isinstance(result, NightMetrics):
            valid.append(result)
            nights.append(_night(row.line, row.date, result))
        else:
            nights.append(_invalid(row.line, row.date, row.entry, result))
    return DiaryMetrics.model_validate(
        {"nights": nights, "summary": _summary(valid, tz.key, len(nights))}
    )


def _r(value: float | None, places: int = 1) -> float | None:
    return None if value is None else round(value, places)


def _night(line: int, date: str, m: NightMetrics) -> dict[str, Any]:
    e = m.entry
    return {
        "line": line,
        "date": date,
        "valid": True,
        "errors": [],
        "bed_time": m.bed.isoformat(timespec="minutes"),
        "try_time": m.tried.isoformat(timespec="minutes"),
        "final_wake": m.final.isoformat(timespec="minutes"),
        "out_of_bed": m.up.isoformat(timespec="minutes"),
        "tib_min": _r(m.tib_min),
        "tst_min": _r(m.tst_min),
        "sol_min": _r(e.sol_min),
        "waso_min": _r(e.waso_min),
        "awakenings": e.awakenings,
        "se_pct": _r(m.se_pct),
        "terminal_wake_min": _r(m.terminal_wake_min),
        "twt_min": _r(m.twt_min),
        "quality": e.quality,
        "naps_min": e.naps_min,
        "caffeine": e.caffeine,
        "alcohol": e.alcohol,
        "notes": e.notes,
        "clock_notes": list(m.notes),
    }


def _invalid(line: int, date: str, entry: Any, problems: list[Any]) -> dict[str, Any]:
    return {
        "line": line,
        "date": date,
        "valid": False,
        "errors": [{"field": p.field, "problem": p.problem} for p in problems],
        **dict.fromkeys(
            (
                "bed_time",
                "try_time",
                "final_wake",
                "out_of_bed",
                "tib_min",
                "tst_min",
                "se_pct",
                "terminal_wake_min",
                "twt_min",
            )
        ),
        "sol_min": entry.sol_min if entry else None,
        "waso_min": entry.waso_min if entry else None,
        "awakenings": entry.awakenings if entry else None,
        "quality": entry.quality if entry else None,
        "naps_min": entry.naps_min if entry else None,
        "caffeine": entry.caffeine if entry else None,
        "alcohol": entry.alcohol if entry else None,
        "notes": entry.notes if entry else "",
        "clock_notes": [],
    }


_STATS = ("tib_min", "tst_min", "sol_min", "waso_min", "awakenings", "se_pct", "terminal_wake_min")


def _values(valid: list[NightMetrics], name: str) -> list[float]:
    if name in ("sol_min", "waso_min", "awakenings"):
        return [float(getattr(m.entry, name)) for m in valid]
    return [float(getattr(m, name)) for m in valid]


def _summary(valid: list[NightMetrics], zone: str, rows: int) -> dict[str, Any]:
    quality = [float(m.entry.quality) for m in valid if m.entry.quality is not None]
    columns = {name: _values(valid, name) for name in _STATS} | {"quality": quality}
    dates = sorted(m.entry.date for m in valid)
    return {
        "nights": rows,
        "valid_nights": len(valid),
        "time_zone": zone,
        "first_night": dates[0].isoformat() if dates else None,
        "last_night": dates[-1].isoformat() if dates else None,
        "mean": {k: _r(statistics.fmean(v)) if v else None for k, v in columns.items()},
        "sd": {k: _r(statistics.stdev(v)) if len(v) > 1 else None for k, v in columns.items()},
        "nights_sol_over_30": sum(1 for m in valid if m.entry.sol_min > 30),
        "nights_waso_over_30": sum(1 for m in valid if m.entry.waso_min > 30),
        "nights_se_under_85": sum(1 for m in valid if m.se_pct < 85),
        "enough_nights": len(valid) >= ENOUGH_NIGHTS,
        "note": _NOTE,
    }
