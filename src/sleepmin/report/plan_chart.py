"""The plan's minerals as inline SVG bars: what is logged, what the plan adds, the target
(dashed) and the Upper Limit (solid red) where one counts food. Each row also says it in words,
so the chart is never the only way to read it."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from sleepmin.report import format as fmt

LOGGED, ADDED, TARGET, UL, TRACK = "#9db6dc", "#1f3f73", "#1d2433", "#a4161a", "#eef1f6"
MINERALS = ("magnesium", "iron", "zinc", "calcium", "potassium", "copper")


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def plan_chart(plan: Mapping[str, Any]) -> str:
    """One bar a mineral, before (logged) and after (with the plan), against target and UL."""
    rows = []
    for mineral in MINERALS:
        key = f"{mineral}_mg"
        before = float(plan["before"][key])
        after = float(plan["totals"][key])
        target = plan["targets"][key]
        ul = plan["ul"][key]
        scale = max(after, float(target or 0), 1e-9) * 1.15
        if ul is not None and ul <= 3 * scale:
            scale = max(scale, float(ul) * 1.05)

        def at(value: float, scale: float = scale) -> float:
            return min(100.0, max(0.0, 100 * value / scale))

        words = (
            f"{fmt.mineral_name(mineral)}: logged {fmt.mg(before)}, with the plan "
            f"{fmt.mg(after)}"
            + (
                f" ({100 * after / float(target):.0f} % of the {fmt.mg(float(target))} target)"
                if target
                else " (nothing added for it: see the notes)"
            )
            + (f"; Upper Limit {fmt.mg(float(ul))}" if ul is not None else "")
        )
        svg = [
            f"<svg width='100%' height='34' role='img' aria-label='{_e(words)}' "
            f"class='plan-bar' data-mineral='{mineral}'>",
            f"<rect x='0' y='8' width='100%' height='18' fill='{TRACK}'/>",
            f"<rect class='after' x='0' y='8' width='{at(after):.2f}%' height='18' "
            f"fill='{ADDED}'/>",
            f"<rect class='before' x='0' y='8' width='{at(before):.2f}%' height='18' "
            f"fill='{LOGGED}'/>",
        ]
        if target:
            x = at(float(target))
            svg.append(
                f"<line class='target' x1='{x:.2f}%' x2='{x:.2f}%' y1='2' y2='32' "
                f"stroke='{TARGET}' stroke-width='2' stroke-dasharray='4 3'/>"
            )
        if ul is not None and at(float(ul)) < 100:
            x = at(float(ul))
            svg.append(
                f"<line class='ul' x1='{x:.2f}%' x2='{x:.2f}%' y1='2' y2='32' "
                f"stroke='{UL}' stroke-width='3'/>"
            )
        svg.append("</svg>")
        rows.append(
            f"<div class='chart-row' data-mineral='{mineral}'><p>{_e(words)}.</p>"
            + "".join(svg)
            + "</div>"
        )
    legend = (
        "<figcaption class='legend'>"
        f"<span class='swatch' style='background:{LOGGED}'></span>logged; "
        f"<span class='swatch' style='background:{ADDED}'></span>added by the plan; dashed "
        "line: the target (RDA or AI); solid red line: the Upper Limit, where one counts food "
        "(magnesium's covers supplements only, potassium has none).</figcaption>"
    )
    return (
        "<figure id='plan-chart' role='group' aria-label='Each mineral before and after the "
        "plan, against its target and Upper Limit' style='margin:0'>"
        + "".join(rows)
        + legend
        + "</figure>"
    )
