"""Use cases of the sleep diary: Consensus Sleep Diary metrics from a CSV, in a time zone."""

from __future__ import annotations

import datetime as dt
import os
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sleepmin.diary.apple import read_apple_health
from sleepmin.diary.compare import MIN_NIGHTS, compare
from sleepmin.diary.csvfile import MAX_BYTES, read_diary_csv
from sleepmin.diary.fitbit import read_fitbit
from sleepmin.diary.metrics import NightEntry, NightMetrics, night_metrics
from sleepmin.errors import InvalidInput
from sleepmin.fileio import check_input_file
from sleepmin.results.diary import DiaryComparison, DiaryImported, DiaryIntake, DiaryMetrics
from sleepmin.store import people as rows
from sleepmin.store.db import Store

ENOUGH_NIGHTS = 7
MAX_DAYS_BACK = 3660  # as for the food log: a diary of the last ten years
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
        "medication": e.medication,
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
        "medication": entry.medication if entry else "",
        "clock_notes": [],
    }


_STATS = ("tib_min", "tst_min", "sol_min", "waso_min", "awakenings", "se_pct", "terminal_wake_min")


def _values(valid: list[NightMetrics], name: str) -> list[float]:
    if name in ("sol_min", "waso_min", "awakenings"):
        return [float(getattr(m.entry, name)) for m in valid]
    return [float(getattr(m, name)) for m in valid]


def _weeks(valid: list[NightMetrics]) -> list[dict[str, Any]]:
    by_week: dict[dt.date, list[NightMetrics]] = {}
    for m in valid:
        monday = m.entry.date - dt.timedelta(days=m.entry.date.weekday())
        by_week.setdefault(monday, []).append(m)
    return [
        {
            "week_of": monday.isoformat(),
            "nights": len(nights),
            "se_pct": _r(statistics.fmean(m.se_pct for m in nights)),
            "tst_min": _r(statistics.fmean(m.tst_min for m in nights)),
            "sol_min": _r(statistics.fmean(m.entry.sol_min for m in nights)),
            "waso_min": _r(statistics.fmean(m.entry.waso_min for m in nights)),
        }
        for monday, nights in sorted(by_week.items())
    ]


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
        "weeks": _weeks(valid),
        "note": _NOTE,
    }


# -- a person's kept diary -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KeptNights:
    """What keeping nights did: new, replaced (the same evening again), and rows refused."""

    added: int
    replaced: int
    refused: list[dict[str, Any]]

    def result(self) -> DiaryImported:
        return DiaryImported.model_validate(
            {"added": self.added, "replaced": self.replaced, "refused": self.refused}
        )

    def to_json(self) -> dict[str, Any]:
        return self.result().to_json()


def _stored(entry: NightEntry, zone: str, source: str) -> dict[str, Any]:
    return {
        "night": entry.date,
        "bed_time": entry.bed_time.strftime("%H:%M"),
        "try_time": entry.try_time.strftime("%H:%M"),
        "final_wake": entry.final_wake.strftime("%H:%M"),
        "out_of_bed": entry.out_of_bed.strftime("%H:%M"),
        "time_zone": zone,
        "sol_min": entry.sol_min,
        "awakenings": entry.awakenings,
        "waso_min": entry.waso_min,
        "quality": entry.quality,
        "naps_min": entry.naps_min,
        "caffeine": entry.caffeine,
        "alcohol": entry.alcohol,
        "notes": entry.notes,
        "medication": entry.medication,
        "source": source[:200],
    }


def diary_add(
    store: Store, name: str, entry: NightEntry, *, zone: str | None = None, today: dt.date
) -> DiaryMetrics:
    """`sleepmin diary add`: one night, checked first (an impossible night is refused naming
    the field, and nothing is kept), then kept; the same evening again replaces it."""
    tz = time_zone(zone)
    if entry.date > today or (today - entry.date).days > MAX_DAYS_BACK:
        raise InvalidInput(
            f"the night of {entry.date.isoformat()}",
            "is in the future"
            if entry.date > today
            else f"is more than {MAX_DAYS_BACK:,} days ago",
            "give the evening the night began",
        )
    checked = night_metrics(entry, tz)
    if not isinstance(checked, NightMetrics):
        first = checked[0]
        raise InvalidInput(
            f"the night's {first.field}",
            first.problem,
            "correct it and enter the night again"
            + (f" ({len(checked) - 1} more problem(s))" if len(checked) > 1 else ""),
        )
    with store.unit() as session:
        rows.save_night(
            session, rows.get_person(session, name), _stored(entry, tz.key, "diary add")
        )
    return DiaryMetrics.model_validate(
        {
            "nights": [_night(0, entry.date.isoformat(), checked)],
            "summary": _summary([checked], tz.key, 1),
        }
    )


def diary_import(
    store: Store, name: str, text: str, *, zone: str | None = None, source: str = "a file"
) -> KeptNights:
    """`sleepmin diary import FILE`: every possible night of a diary CSV kept in one
    transaction (a night already kept is replaced, never doubled); impossible rows are
    reported, not kept. A file that cannot be read keeps nothing."""
    tz = time_zone(zone)
    read = read_diary_csv(text)
    unread = [_invalid(r.line, r.date, None, list(r.problems)) for r in read if r.entry is None]
    readable = [r for r in read if r.entry is not None]
    kept = _keep_entries(
        store,
        name,
        [r.entry for r in readable if r.entry is not None],
        tz,
        source=source,
        lines=[r.line for r in readable],
    )
    return KeptNights(kept.added, kept.replaced, sorted([*unread, *kept.refused], key=_line))


def _line(row: dict[str, Any]) -> int:
    return int(row["line"])


def diary_import_file(
    store: Store, name: str, path: Path, *, zone: str | None = None
) -> KeptNights:
    """`sleepmin diary import FILE`: a diary CSV, an Apple Health export (export.xml or its zip,
    read as a stream), or Fitbit sleep logs (JSON); docs/diary.md says how records become
    nights. Kept as `diary_import` keeps them: a night already kept is replaced, never doubled."""
    check_input_file(path, "the diary file")
    if not path.is_file():
        raise InvalidInput(f"the diary file {path}", "does not exist", "check the path")
    with path.open("rb") as peek:
        head = peek.read(200).lstrip(b"\xef\xbb\xbf").lstrip()
    if path.suffix.lower() == ".json" or head.startswith((b"[", b"{")):
        tz = time_zone(zone)
        nights = read_fitbit(path, tz)
        return _keep_entries(store, name, nights, tz, source=f"Fitbit ({path.name})")
    if path.suffix.lower() in (".xml", ".zip") or head.startswith(b"<"):
        tz = time_zone(zone)
        read = read_apple_health(path, tz)
        return _keep_entries(store, name, read.nights, tz, source=f"Apple Health ({path.name})")
    return diary_import(store, name, read_diary_file(path), zone=zone, source=path.name)


def _keep_entries(
    store: Store,
    name: str,
    entries: list[NightEntry],
    tz: ZoneInfo,
    *,
    source: str,
    lines: list[int] | None = None,
) -> KeptNights:
    """The possible nights kept in one transaction (the same evening replaced); the impossible
    ones listed with their problems, by ``lines`` (their file lines) or their order."""
    good: list[NightEntry] = []
    refused: list[dict[str, Any]] = []
    for number, entry in zip(lines or range(1, len(entries) + 1), entries, strict=True):
        result = night_metrics(entry, tz)
        if isinstance(result, NightMetrics):
            good.append(entry)
        else:
            refused.append(_invalid(number, entry.date.isoformat(), entry, result))
    added = replaced = 0
    with store.unit() as session:
        person = rows.get_person(session, name)
        for entry in good:
            if rows.save_night(session, person, _stored(entry, tz.key, source)):
                added += 1
            else:
                replaced += 1
    return KeptNights(added, replaced, refused)


def diary_show(store: Store, name: str, *, weeks: int, today: dt.date) -> DiaryMetrics:
    """`sleepmin diary show [--weeks N]`: the kept nights of the last N weeks, each measured in
    the time zone it was written in, and their summary."""
    if not 1 <= weeks <= 520:
        raise InvalidInput(f"{weeks} weeks", "is not possible", "give 1 to 520 weeks")
    since = today - dt.timedelta(weeks=weeks)
    with store.unit() as session:
        kept = rows.diary_nights(session, rows.get_person(session, name), since)
        nights = [(n.night, n.time_zone, n) for n in kept]
        entries = [
            (
                NightEntry(
                    date=n.night,
                    bed_time=dt.time.fromisoformat(n.bed_time),
                    try_time=dt.time.fromisoformat(n.try_time),
                    sol_min=n.sol_min,
                    awakenings=n.awakenings,
                    waso_min=n.waso_min,
                    final_wake=dt.time.fromisoformat(n.final_wake),
                    out_of_bed=dt.time.fromisoformat(n.out_of_bed),
                    quality=n.quality,
                    naps_min=n.naps_min,
                    caffeine=n.caffeine,
                    alcohol=n.alcohol,
                    notes=n.notes,
                    medication=n.medication,
                ),
                zone,
            )
            for _, zone, n in nights
        ]
    shown: list[dict[str, Any]] = []
    valid: list[NightMetrics] = []
    zones = sorted({zone for _, zone in entries})
    for number, (entry, zone) in enumerate(entries, start=1):
        result = night_metrics(entry, time_zone(zone))
        if isinstance(result, NightMetrics):
            valid.append(result)
            shown.append(_night(number, entry.date.isoformat(), result))
        else:  # kept before a rule changed: shown, never hidden
            shown.append(_invalid(number, entry.date.isoformat(), entry, result))
    return DiaryMetrics.model_validate(
        {
            "nights": shown,
            "summary": _summary(valid, ", ".join(zones) or time_zone().key, len(shown)),
        }
    )


def last_night(store: Store, name: str) -> dict[str, Any] | None:
    """The newest kept night's clock times, estimates and zone (a form's defaults), or None."""
    with store.unit() as session:
        kept = rows.diary_nights(session, rows.get_person(session, name))
        if not kept:
            return None
        n = kept[-1]
        return {
            "date": n.night.isoformat(),
            "bed_time": n.bed_time,
            "try_time": n.try_time,
            "final_wake": n.final_wake,
            "out_of_bed": n.out_of_bed,
            "sol_min": n.sol_min,
            "awakenings": n.awakenings,
            "waso_min": n.waso_min,
            "time_zone": n.time_zone,
            "medication": n.medication,
        }


def default_time_zone() -> str:
    """The system's time zone name (what a diary is read in when none is given)."""
    return time_zone().key


COMPARABLE = {
    "se_pct": "sleep efficiency (%)",
    "tst_min": "total sleep time (minutes)",
    "sol_min": "minutes to fall asleep",
    "waso_min": "minutes awake after falling asleep",
    "tib_min": "time in bed (minutes)",
    "awakenings": "awakenings",
    "quality": "sleep quality (1-5)",
}
CAVEATS = (
    "Nights vary a lot on their own; a difference inside the interval's range is what chance "
    "alone could give.",
    "Expecting to sleep better can help by itself (the placebo effect); this comparison cannot "
    "separate that from the supplement or the food.",
    "People often start something when sleep is at its worst, and bad spells pass on their own "
    "(regression to the mean), which looks like improvement.",
    "Anything else that changed around the date (season, stress, work, other habits or "
    "medicines) may be the cause instead.",
)
METHOD = (
    "95 % interval of the difference in means from an AR(1) sieve bootstrap (2,000 resamples, "
    "fixed seed) that keeps each side's night-to-night correlation; effect size Hedges' g"
)


def diary_compare(
    store: Store, name: str, *, change: dt.date, metric: str = "se_pct", today: dt.date
) -> DiaryComparison:
    """`sleepmin diary compare --from DATE`: a metric's mean before the date and from it on,
    with a 95 % interval that allows for night-to-night correlation, an effect size, and what
    such a comparison cannot tell. Needs at least 7 valid nights on each side to estimate."""
    if metric not in COMPARABLE:
        raise InvalidInput(
            f"the metric {metric[:30]!r}",
            "cannot be compared",
            "use one of: " + ", ".join(COMPARABLE),
        )
    shown = diary_show(store, name, weeks=520, today=today).to_json()
    valid = [n for n in shown["nights"] if n["valid"] and n[metric] is not None]
    sides = (
        [n for n in valid if n["date"] < change.isoformat()],
        [n for n in valid if n["date"] >= change.isoformat()],
    )
    values = [[float(n[metric]) for n in side] for side in sides]
    enough = all(len(v) >= MIN_NIGHTS for v in values)
    result = compare(values[0], values[1]) if enough else None

    def side(nights: list[dict[str, Any]], numbers: list[float], r: float | None) -> dict[str, Any]:
        return {
            "nights": len(nights),
            "first_night": nights[0]["date"] if nights else None,
            "last_night": nights[-1]["date"] if nights else None,
            "mean": _r(statistics.fmean(numbers), 2) if numbers else None,
            "correlation": None if r is None else round(r, 3),
        }

    return DiaryComparison.model_validate(
        {
            "metric": metric,
            "change_date": change.isoformat(),
            "before": side(sides[0], values[0], result.before_correlation if result else None),
            "after": side(sides[1], values[1], result.after_correlation if result else None),
            "enough_nights": enough,
            "minimum_nights": MIN_NIGHTS,
            "difference": _r(result.difference, 2) if result else None,
            "ci95_low": _r(result.ci_low, 2) if result else None,
            "ci95_high": _r(result.ci_high, 2) if result else None,
            "hedges_g": _r(result.hedges_g, 2) if result else None,
            "method": METHOD,
            "caveats": [
                *(
                    []
                    if enough
                    else [
                        f"Too few nights to estimate: {len(values[0])} before and "
                        f"{len(values[1])} from {change.isoformat()}; keep the diary until each "
                        f"side has at least {MIN_NIGHTS} valid nights."
                    ]
                ),
                *CAVEATS,
            ],
        }
    )


INTAKE_NOTE = (
    "Exploration, not proof: a correlation over a few weeks of one person's nights can come from "
    "chance, from a third thing that changes both (stress, illness, season), or run the other "
    "way (sleeping badly changes what one eats). It can suggest what to try and track, not what "
    "works."
)
MIN_PAIRS = 7


def _ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1  # ties share their mean rank
        i = j + 1
    return ranks


def spearman(x: list[float], y: list[float]) -> float | None:
    """Spearman's rank correlation; None when either side does not vary."""
    if len(x) < 2 or len(set(x)) < 2 or len(set(y)) < 2:
        return None
    return statistics.correlation(_ranks(x), _ranks(y))


def diary_intake(
    store: Store,
    name: str,
    foods: Any,
    *,
    weeks: int = 4,
    metric: str = "se_pct",
    today: dt.date,
) -> DiaryIntake:
    """`sleepmin diary intake`: each logged day's mineral intake (food and the kept
    supplements) beside that night's sleep metric, and Spearman's correlation at lags 0 and 1
    (the day the night began, and the day before), shown as exploration."""
    from sleepmin.usecases.kept import analyze_diet_for  # noqa: PLC0415 - loads the food log

    if metric not in COMPARABLE:
        raise InvalidInput(
            f"the metric {metric[:30]!r}", "cannot be used", "use one of: " + ", ".join(COMPARABLE)
        )
    diet = analyze_diet_for(
        store, name, foods, today=today, days=weeks * 7, remember_pins=False
    ).to_json()
    nights = {
        n["date"]: n[metric]
        for n in diary_show(store, name, weeks=weeks, today=today).to_json()["nights"]
        if n["valid"] and n[metric] is not None
    }
    days = [
        {
            "date": d["date"],
            "intake_mg": {m: round(v["total"], 2) for m, v in d["intake_mg"].items()},
            "metric": nights.get(d["date"]),
        }
        for d in diet["days"]
        if d["counted"] and d["date"]
    ]
    by_date = {d["date"]: d for d in days}
    correlations: dict[str, list[dict[str, Any]]] = {}
    for mineral in diet["minerals"]:
        entries = []
        for lag in (0, 1):
            pairs = [
                (by_date[day]["intake_mg"][mineral], value)
                for night, value in nights.items()
                if (day := (dt.date.fromisoformat(night) - dt.timedelta(days=lag)).isoformat())
                in by_date
            ]
            rho = (
                spearman([p[0] for p in pairs], [float(p[1]) for p in pairs])
                if len(pairs) >= MIN_PAIRS
                else None
            )
            entries.append(
                {
                    "lag_days": lag,
                    "pairs": len(pairs),
                    "spearman": None if rho is None else round(rho, 3),
                }
            )
        correlations[mineral] = entries
    every = [entry for entries in correlations.values() for entry in entries]
    return DiaryIntake.model_validate(
        {
            "metric": metric,
            "days": days,
            "correlations": correlations,
            "paired_nights": max((e["pairs"] for e in every), default=0),
            "any_correlation": any(e["spearman"] is not None for e in every),
            "note": INTAKE_NOTE,
        }
    )
