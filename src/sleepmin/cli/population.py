"""`sleepmin evidence MINERAL`: what NHANES 2017-2018 says about a mineral and sleep."""

from __future__ import annotations

import click

from sleepmin import usecases
from sleepmin.cli._shared import cli, console, db_path, emit_json, json_option, new_table
from sleepmin.nutrients import Mineral


@cli.command("evidence")
@click.argument("mineral", type=click.Choice([m.value for m in Mineral]), metavar="MINERAL")
@json_option
@click.pass_context
def evidence(ctx: click.Context, mineral: str, as_json: bool) -> None:
    """Trouble sleeping, short sleep and daytime sleepiness against quartiles of a mineral's
    intake in NHANES 2017-2018: design-based odds ratios adjusted for age, sex and energy, with
    published results beside them. An association, not a cause (docs/population.md).

    Example:  sleepmin evidence magnesium
    """
    result = usecases.mineral_evidence(Mineral(mineral), _FoodsAt(db_path(ctx))).to_json()
    if as_json:
        emit_json(result)
        return
    from rich.markup import escape  # noqa: PLC0415 - rich loads only to draw

    cuts = ", ".join(f"{c:g}" for c in result["cuts_mg"])
    console.print(
        f"[bold]{mineral.capitalize()} and sleep in {result['survey']}[/bold] "
        f"(day-1 intake quartile cuts {cuts} mg; adjusted for "
        f"{', '.join(result['adjusted_for'])})",
        highlight=False,
    )
    for outcome in result["outcomes"]:
        table = new_table(
            "quartile",
            "people",
            "share (95% CI)",
            "odds ratio (95% CI)",
            title=escape(f"{outcome['description']}; p for trend {outcome['p_trend']:.2g}"),
        )
        for q in outcome["quartiles"]:
            low, high = q["share_ci"]
            ratio = "1 (reference)"
            if q["odds_ratio_ci"] is not None:
                low_or, high_or = q["odds_ratio_ci"]
                ratio = f"{q['odds_ratio']:.2f} ({low_or:.2f}-{high_or:.2f})"
            table.add_row(
                q["quartile"], f"{q['people']:,}", f"{q['share']:.1%} ({low:.1%}-{high:.1%})", ratio
            )
        console.print(table)
    console.print(result["words"], markup=False, highlight=False)
    trouble = result["checks"]["trouble_sleeping_share_adults"]
    console.print(
        f"Check: {trouble['value']:.1%} of adults 20+ told a doctor of trouble sleeping here; "
        f"{trouble['expected']}.",
        markup=False,
        highlight=False,
        style="dim",
    )
    console.print("[bold]Published[/bold]")
    for paper in result["published"]:
        finding = paper["finding"] or "nothing reported for this mineral"
        console.print(
            f"- {paper['citation']} doi:{paper['doi']} ({paper['data']}): {finding}",
            markup=False,
            highlight=False,
        )


class _FoodsAt:
    """Where the summary is looked for: beside the food database (it need not be installed)."""

    def __init__(self, path: object) -> None:
        self.path = path
