"""The diary's and the ISI's charts, read back: every valid night drawn once at its date, each
week's mean line at the mean, the ISI points at their totals; hostile text escaped; and for any
diary a well-formed SVG whose every mark lies inside the chart."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sleepmin import usecases
from sleepmin.report import trends
from sleepmin.report.html import render_html

HEADER = "date,bed_time,try_time,sol_min,awakenings,waso_min,final_wake,out_of_bed\n"
SVG = "{http://www.w3.org/2000/svg}"


def diary(rows: list[str]) -> dict[str, Any]:
    return usecases.diary_metrics(HEADER + "\n".join(rows) + "\n", "Europe/Berlin").to_json()


def svgs(html: str) -> dict[str, ET.Element]:
    """Each chart's SVG, parsed as XML (so it must be well-formed), by its figure's id."""
    found = {}
    for chart_id, svg in re.findall(r"<figure class='trend' id='([\w-]+)'.*?(<svg.*?</svg>)", html):
        found[chart_id] = ET.fromstring(svg.replace("<svg ", f"<svg xmlns='{SVG[1:-1]}' ", 1))
    return found


def num(mark: ET.Element | None, name: str) -> float:
    assert mark is not None and mark.get(name) is not None, (mark, name)
    return float(str(mark.get(name)))


def value_at(y: float, top: float) -> float:
    return (trends.BOTTOM - y) / (trends.BOTTOM - trends.TOP) * top


TWO_WEEKS = [
    # Monday 2 March 2026 to Sunday 15 March, with a gap on the 5th and an impossible night
    f"2026-03-{day:02d},23:00,23:00,{sol},1,{waso},07:00,07:00"
    for day, sol, waso in [(2, 10, 20), (3, 30, 20), (4, 20, 50), (6, 40, 10), (7, 10, 10)]
] + [
    "2026-03-08,23:00,22:00,10,1,10,07:00,07:00",  # trying to sleep before bed: not drawn
    "2026-03-09,23:00,23:00,60,2,60,07:00,07:00",
    "2026-03-15,23:00,23:00,20,0,0,07:00,07:00",
]


def test_each_valid_night_is_drawn_once_at_its_date_with_its_week_mean() -> None:
    shown = diary(TWO_WEEKS)
    charts = svgs(trends.diary_charts(shown))
    assert set(charts) == {"chart-se", "chart-tst", "chart-sol-waso"}
    se = charts["chart-se"]
    bars = se.findall(f"{SVG}rect[@class='night se_pct']")
    valid = [n for n in shown["nights"] if n["valid"]]
    assert len(bars) == len(valid) == 7
    xs = [num(b, "x") for b in bars]
    day_w = (trends.WIDTH - trends.LEFT - trends.RIGHT) / 14  # 2 to 15 March: 14 days
    # the gap on the 5th and the impossible 8th stay empty: x follows the calendar
    assert [round((x - xs[0]) / day_w) for x in xs] == [0, 1, 2, 4, 5, 7, 13]
    for bar, night in zip(bars, valid, strict=True):
        assert abs(value_at(num(bar, "y"), 100) - night["se_pct"]) < 0.1
        title = bar.find(f"{SVG}title")
        assert title is not None and night["date"] in str(title.text)
    means = se.findall(f"{SVG}line[@class='week-mean se_pct']")
    weeks = shown["summary"]["weeks"]
    assert len(means) == len(weeks) == 2
    for line, week in zip(means, weeks, strict=True):
        assert abs(value_at(num(line, "y1"), 100) - week["se_pct"]) < 0.1
    # the 85 % line, and SOL and WASO side by side with a dashed and a solid mean
    assert any(
        abs(value_at(num(line, "y1"), 100) - 85) < 0.1
        for line in se.findall(f"{SVG}line")
        if line.get("stroke") == trends.RED
    )
    pair = charts["chart-sol-waso"]
    assert len(pair.findall(f"{SVG}rect[@class='night sol_min']")) == 7
    sol_mean = pair.find(f"{SVG}line[@class='week-mean sol_min']")
    waso_mean = pair.find(f"{SVG}line[@class='week-mean waso_min']")
    assert sol_mean is not None and waso_mean is not None
    assert sol_mean.get("stroke-dasharray") and waso_mean.get("stroke-dasharray") is None
    tst = charts["chart-tst"]
    first = tst.find(f"{SVG}rect[@class='night tst_min']")
    assert abs(value_at(num(first, "y"), 10) - valid[0]["tst_min"] / 60) < 0.01


def test_the_isi_points_sit_at_their_totals_and_one_point_is_centred() -> None:
    points = [
        {"saved_at": "2026-03-01T09:00:00+00:00", "total": 21, "band": "moderate"},
        {"saved_at": "2026-03-29T09:00:00+00:00", "total": 9, "band": "subthreshold"},
    ]
    chart = svgs(trends.diary_charts({"nights": []}, {"points": points}))["chart-isi"]
    circles = chart.findall(f"{SVG}circle[@class='isi-point']")
    assert [round(value_at(num(c, "cy"), 28)) for c in circles] == [21, 9]
    assert num(circles[0], "cx") < num(circles[1], "cx")
    assert chart.find(f"{SVG}polyline") is not None
    one = svgs(trends.diary_charts({"nights": []}, {"points": points[:1]}))["chart-isi"]
    (alone,) = one.findall(f"{SVG}circle")
    assert num(alone, "cx") == (trends.LEFT + trends.WIDTH - trends.RIGHT) / 2


def test_nothing_to_draw_draws_nothing_and_the_report_leaves_the_section_out() -> None:
    nothing = diary(["2026-03-08,23:00,22:00,10,1,10,07:00,07:00"])  # only an impossible night
    assert trends.diary_charts(nothing, {"points": []}) == ""
    assert trends.tracking_section({"weeks": 8, "diary": nothing, "isi": {"points": []}}) == []
    page = render_html({"generated": "today"}, {"weeks": 8, "diary": nothing, "isi": {}})
    assert "Sleep diary" not in page
    drawn = render_html({"generated": "today"}, {"weeks": 8, "diary": diary(TWO_WEEKS)})
    assert "Sleep diary and ISI over time" in drawn and "id='diary-weeks'" in drawn


def test_text_from_the_store_is_escaped() -> None:
    hostile = "<script>alert(1)</script>"
    shown = diary(TWO_WEEKS[:2])
    shown["summary"]["note"] = hostile
    points = [{"saved_at": "2026-03-01T09:00:00", "total": 5, "band": hostile}]
    html = "\n".join(
        trends.tracking_section(
            {"weeks": 2, "diary": shown, "isi": {"points": points, "note": hostile}}
        )
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    svgs(html)  # still well-formed


clock = st.times().map(lambda t: t.strftime("%H:%M"))


@settings(max_examples=60, deadline=None)
@given(
    nights=st.lists(
        st.tuples(
            st.integers(0, 120),  # days after the first
            clock,
            st.integers(0, 180),
            st.integers(0, 6),
            st.integers(0, 300),
            clock,
        ),
        min_size=1,
        max_size=40,
    )
)
def test_any_diary_draws_well_formed_charts_inside_their_frame(
    nights: list[tuple[int, str, int, int, int, str]],
) -> None:
    start = dt.date(2026, 1, 5)
    rows = [
        f"{start + dt.timedelta(days=d)},{bed},{bed},{sol},{n},{waso if n else 0},{wake},{wake}"
        for d, bed, sol, n, waso, wake in nights
    ]
    html = trends.diary_charts(diary(rows))
    for svg in svgs(html).values():
        for mark in svg.iter():
            for name in ("x", "y", "x1", "x2", "y1", "y2", "cx", "cy"):
                if mark.get(name) is not None and mark.tag != f"{SVG}text":
                    value = num(mark, name)
                    assert 0 <= value <= trends.WIDTH, (mark.tag, name, value)
            if mark.get("height") is not None:
                assert num(mark, "height") >= 0
