"""The sleep diary and the ISI as inline SVG charts: sleep efficiency, total sleep time, and
sleep-onset latency with wake after sleep onset, night by night with each week's mean; ISI
totals over time against their bands. One renderer for the printable report and the web app's
diary page: no scripts, colours that survive greyscale printing (a line is also dashed or
solid), and every chart has a text equivalent (its title and description, and the tables
beside it)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

WIDTH, HEIGHT = 560, 170
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 12, 138  # the plot area inside the viewBox
BLUE, DARK_BLUE, ORANGE, DARK_ORANGE = "#3c6fb6", "#1f3f73", "#c26a00", "#6b3a00"
INK, MUTED, GRID, RED = "#1d2433", "#4f5869", "#d9dee7", "#a4161a"
MIN_DAYS = 14  # the narrowest span drawn
SE_REFERENCE = 85  # sleep efficiency below 85 % is the usual marker of insomnia in diaries
ISI_BANDS = ((0, 7, "none", "#eef5ee"), (8, 14, "subthreshold", "#fbf6e6"),
             (15, 21, "moderate", "#fcefe3"), (22, 28, "severe", "#fbe7e6"))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Series:
    key: str  # the night's field, e.g. "sol_min"
    label: str
    colour: str  # the nights' bars
    mean_colour: str  # the week's mean line
    dashed: bool  # the mean line dashed, so two series differ in greyscale too
    scale: float = 1.0  # e.g. 1/60 for minutes drawn as hours


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def diary_charts(diary: Mapping[str, Any], isi: Mapping[str, Any] | None = None) -> str:
    """The diary's charts (``diary show --json``'s shape) and, when given, the ISI over time
    (``isi history --json``'s shape) as one HTML fragment; empty when there is nothing to draw."""
    nights = sorted(
        (n for n in diary.get("nights", ()) if n.get("valid") and n.get("date")),
        key=lambda n: str(n["date"]),  # a file's rows may come in any order
    )
    parts = []
    if nights:
        weeks = list(diary.get("summary", {}).get("weeks", ()))
        hours = max(float(n["tib_min"]) for n in nights) / 60
        parts += [
            _night_chart(
                "chart-se",
                "Sleep efficiency (%)",
                nights,
                weeks,
                (Series("se_pct", "sleep efficiency", BLUE, DARK_BLUE, False),),
                top=100,
                unit="%",
                reference=(SE_REFERENCE, f"{SE_REFERENCE} %"),
            ),
            _night_chart(
                "chart-tst",
                "Total sleep time (hours)",
                nights,
                weeks,
                (Series("tst_min", "time asleep", BLUE, DARK_BLUE, False, 1 / 60),),
                top=max(10, 2 * math.ceil(hours / 2)),
                unit="h",
            ),
            _night_chart(
                "chart-sol-waso",
                "Minutes to fall asleep (SOL) and awake in the night (WASO)",
                nights,
                weeks,
                (
                    Series("sol_min", "SOL", ORANGE, DARK_ORANGE, True),
                    Series("waso_min", "WASO", BLUE, DARK_BLUE, False),
                ),
                top=_nice_top(max(max(float(n["sol_min"]), float(n["waso_min"])) for n in nights)),
                unit="min",
            ),
        ]
    points = list((isi or {}).get("points", ()))
    if points:
        parts.append(_isi_chart(points))
    return "\n".join(parts)


def tracking_section(tracking: Mapping[str, Any] | None) -> list[str]:
    """The report's "Sleep diary" section: charts, weekly means and the ISI over time, from
    ``{"weeks": N, "diary": ..., "isi": ...}``; nothing when neither has anything to show."""
    if not tracking:
        return []
    diary, isi = tracking.get("diary") or {}, tracking.get("isi") or {}
    charts = diary_charts(diary, isi)
    if not charts:
        return []
    summary = diary.get("summary") or {}
    out = [
        "<h2 id='diary'>Sleep diary and ISI over time</h2>",
        f"<p class='note'>The last {int(tracking.get('weeks', 0))} weeks of the sleep diary: "
        "bars are nights, lines are each week's mean.</p>",
        charts,
    ]
    weeks = summary.get("weeks") or []
    if weeks:
        rows = "".join(
            f"<tr><td>{_e(w['week_of'])}</td><td class='num'>{int(w['nights'])}</td>"
            f"<td class='num'>{float(w['se_pct']):.0f}</td><td class='num'>"
            f"{_hm(w['tst_min'])}</td><td class='num'>{float(w['sol_min']):.0f}</td>"
            f"<td class='num'>{float(w['waso_min']):.0f}</td></tr>"
            for w in weeks
        )
        out.append(
            "<div class='table-wrap'><table id='diary-weeks'><caption>Weekly means</caption>"
            "<thead><tr><th>Week of</th><th class='num'>Nights</th><th class='num'>SE %</th>"
            "<th class='num'>Asleep (h:mm)</th><th class='num'>SOL (min)</th>"
            f"<th class='num'>WASO (min)</th></tr></thead><tbody>{rows}</tbody></table></div>"
        )
    if summary.get("note"):
        out.append(f"<p class='note'>{_e(summary['note'])}</p>")
    if isi.get("points") and isi.get("note"):
        out.append(f"<p class='note'>{_e(isi['note'])}</p>")
    return out


# -- the charts --------------------------------------------------------------------------------


def _night_chart(
    chart_id: str,
    title: str,
    nights: Sequence[Mapping[str, Any]],
    weeks: Sequence[Mapping[str, Any]],
    series: Sequence[Series],
    *,
    top: float,
    unit: str,
    reference: tuple[float, str] | None = None,
) -> str:
    first = dt.date.fromisoformat(nights[0]["date"])
    last = dt.date.fromisoformat(nights[-1]["date"])
    days = max(MIN_DAYS, (last - first).days + 1)  # one night is a bar, not the whole width
    day_w = (WIDTH - LEFT - RIGHT) / days

    def x_of(day: dt.date) -> float:
        return LEFT + (day - first).days * day_w

    def y_of(value: float) -> float:
        return BOTTOM - max(0.0, min(value, top)) / top * (BOTTOM - TOP)

    svg = _axes(top)
    if reference is not None:
        value, label = reference
        svg.append(
            f"<line x1='{LEFT}' x2='{WIDTH - RIGHT}' y1='{y_of(value):.1f}' y2='{y_of(value):.1f}' "
            f"stroke='{RED}' stroke-width='1.5' stroke-dasharray='2 2'/>"
            f"<text x='{WIDTH - RIGHT}' y='{y_of(value) - 3:.1f}' text-anchor='end' "
            f"font-size='11' fill='{RED}'>{_e(label)}</text>"
        )
    bar_w = max(1.0, day_w * 0.76 / len(series))
    for night in nights:
        day = dt.date.fromisoformat(night["date"])
        for i, s in enumerate(series):
            value = float(night[s.key]) * s.scale
            x = x_of(day) + day_w * 0.12 + i * bar_w
            svg.append(
                f"<rect class='night {s.key}' x='{x:.1f}' y='{y_of(value):.1f}' "
                f"width='{bar_w:.1f}' height='{BOTTOM - y_of(value):.1f}' fill='{s.colour}'>"
                f"<title>{_e(night['date'])}: {s.label} {_value(value, unit)}</title></rect>"
            )
    for week in weeks:
        start = max(first, dt.date.fromisoformat(week["week_of"]))
        end = min(last, dt.date.fromisoformat(week["week_of"]) + dt.timedelta(days=6))
        if end < start:
            continue
        for s in series:
            y = y_of(float(week[s.key]) * s.scale)
            dash = " stroke-dasharray='6 3'" if s.dashed else ""
            svg.append(
                f"<line class='week-mean {s.key}' x1='{x_of(start):.1f}' "
                f"x2='{x_of(end) + day_w:.1f}' y1='{y:.1f}' y2='{y:.1f}' stroke='{s.mean_colour}' "
                f"stroke-width='2.5'{dash}/>"
            )
    svg += _date_labels(first, last, x_of, day_w)
    described = _describe(nights, weeks, series, unit)
    legend = "; ".join(
        f"<span class='swatch' style='background:{s.colour}'></span>{_e(s.label)} each night, "
        f"{'dashed' if s.dashed else 'solid'} line: its weekly mean"
        for s in series
    )
    return (
        f"<figure class='trend' id='{chart_id}' style='margin:0 0 1rem'>"
        f"<svg viewBox='0 0 {WIDTH} {HEIGHT}' width='100%' role='img' "
        f"aria-labelledby='{chart_id}-title {chart_id}-desc'>"
        f"<title id='{chart_id}-title'>{_e(title)}</title>"
        f"<desc id='{chart_id}-desc'>{_e(described)}</desc>" + "".join(svg) + "</svg>"
        f"<figcaption class='legend'><strong>{_e(title)}</strong>: {legend}"
        + (f"; red dotted line: {_e(reference[1])}" if reference else "")
        + ".</figcaption></figure>"
    )


def _isi_chart(points: Sequence[Mapping[str, Any]]) -> str:
    dates = [dt.date.fromisoformat(str(p["saved_at"])[:10]) for p in points]
    first, last = min(dates), max(dates)
    span = max(1, (last - first).days)

    def x_of(day: dt.date) -> float:
        if first == last:
            return (LEFT + WIDTH - RIGHT) / 2
        return LEFT + 20 + (day - first).days / span * (WIDTH - LEFT - RIGHT - 130)

    def y_of(total: float) -> float:
        return BOTTOM - total / 28 * (BOTTOM - TOP)

    svg = []
    for low, high, band, fill in ISI_BANDS:
        y_top, y_low = y_of(high + 0.5 if high < 28 else 28), y_of(max(0, low - 0.5))
        svg.append(
            f"<rect x='{LEFT}' y='{y_top:.1f}' width='{WIDTH - LEFT - RIGHT}' "
            f"height='{y_low - y_top:.1f}' fill='{fill}'/>"
            f"<text x='{WIDTH - RIGHT - 2}' y='{y_top + 11:.1f}' text-anchor='end' font-size='11' "
            f"fill='{MUTED}'>{band} {low}–{high}</text>"
        )
    svg += _axes(28, ticks=(0, 7, 14, 21, 28), grid=False)
    coords = [(x_of(d), y_of(float(p["total"]))) for d, p in zip(dates, points, strict=True)]
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        svg.append(f"<polyline points='{path}' fill='none' stroke='{DARK_BLUE}' stroke-width='2'/>")
    for (x, y), p, day in zip(coords, points, dates, strict=True):
        svg.append(
            f"<circle class='isi-point' cx='{x:.1f}' cy='{y:.1f}' r='4' fill='{DARK_BLUE}'>"
            f"<title>{day.isoformat()}: ISI {int(p['total'])} ({_e(p['band'])})</title></circle>"
            f"<text x='{x:.1f}' y='{y - 7:.1f}' text-anchor='middle' font-size='12' "
            f"fill='{INK}'>{int(p['total'])}</text>"
        )
    svg.append(_date_text(x_of(first), first, "middle"))
    if last != first:
        svg.append(_date_text(x_of(last), last, "middle"))
    described = "; ".join(
        f"{d.isoformat()}: {int(p['total'])} ({p['band']})"
        for d, p in zip(dates, points, strict=True)
    )
    return (
        "<figure class='trend' id='chart-isi' style='margin:0 0 1rem'>"
        f"<svg viewBox='0 0 {WIDTH} {HEIGHT}' width='100%' role='img' "
        "aria-labelledby='chart-isi-title chart-isi-desc'>"
        "<title id='chart-isi-title'>Insomnia Severity Index over time (0–28)</title>"
        f"<desc id='chart-isi-desc'>{_e(described)}</desc>" + "".join(svg) + "</svg>"
        "<figcaption class='legend'><strong>Insomnia Severity Index over time</strong>: each "
        "saved answer set's total, 0–28, against the bands (Bastien 2001); a change of 6 or "
        "more points is the usual marker of a real change.</figcaption></figure>"
    )


# -- pieces ------------------------------------------------------------------------------------


def _axes(top: float, ticks: Sequence[float] | None = None, *, grid: bool = True) -> list[str]:
    """The frame and the value ticks (the unit is in the chart's title)."""
    out = [
        f"<line x1='{LEFT}' x2='{LEFT}' y1='{TOP}' y2='{BOTTOM}' stroke='{MUTED}'/>",
        f"<line x1='{LEFT}' x2='{WIDTH - RIGHT}' y1='{BOTTOM}' y2='{BOTTOM}' stroke='{MUTED}'/>",
    ]
    for tick in ticks if ticks is not None else (0, top / 2, top):
        y = BOTTOM - tick / top * (BOTTOM - TOP)
        if grid and tick:
            out.append(
                f"<line x1='{LEFT}' x2='{WIDTH - RIGHT}' y1='{y:.1f}' y2='{y:.1f}' "
                f"stroke='{GRID}'/>"
            )
        out.append(
            f"<text x='{LEFT - 4}' y='{y + 4:.1f}' text-anchor='end' font-size='12' "
            f"fill='{MUTED}'>{tick:g}</text>"
        )
    return out


def _date_labels(first: dt.date, last: dt.date, x_of: Any, day_w: float) -> list[str]:
    """The first and last nights, and Mondays where there is room (every week, or every few)."""
    every = max(1, round(70 / (day_w * 7)))  # about 70 units between labels
    mondays = [
        first + dt.timedelta(days=d)
        for d in range((last - first).days + 1)
        if (first + dt.timedelta(days=d)).weekday() == 0
    ][::every]
    shown: list[dt.date] = []
    for day in [first, *mondays, last]:
        if not shown or x_of(day) - x_of(shown[-1]) >= 60:
            shown.append(day)
    return [
        _date_text(x_of(day) + day_w / 2, day, "start" if day == first else "middle")
        for day in shown
    ]


def _date_text(x: float, day: dt.date, anchor: str) -> str:
    return (
        f"<text x='{x:.1f}' y='{BOTTOM + 16}' text-anchor='{anchor}' font-size='12' "
        f"fill='{MUTED}'>{day.strftime('%a %d %b')}</text>"
    )


def _describe(
    nights: Sequence[Mapping[str, Any]],
    weeks: Sequence[Mapping[str, Any]],
    series: Sequence[Series],
    unit: str,
) -> str:
    said = f"{len(nights)} nights from {nights[0]['date']} to {nights[-1]['date']}"
    for s in series:
        means = ", ".join(
            f"week of {w['week_of']} {_value(float(w[s.key]) * s.scale, unit)}" for w in weeks
        )
        said += f"; {s.label} weekly means: {means}" if means else ""
    return said + "."


def _value(value: float, unit: str) -> str:
    if unit == "h":
        return _hm(value * 60)
    return f"{value:.0f} {unit}" if unit != "%" else f"{value:.0f} %"


def _hm(minutes: Any) -> str:
    hours, rest = divmod(round(float(minutes)), 60)
    return f"{hours}:{rest:02d}"


def _nice_top(value: float) -> float:
    for top in (30, 60, 90, 120, 180, 240, 360, 480, 720, 1440):
        if value <= top:
            return top
    return value
