"""`sleepmin plan` and `sleepmin foods best`: food first, within every safe limit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from sleepmin import usecases
from sleepmin.cli._shared import (
    chosen_profile,
    cli,
    console,
    db_path,
    emit_json,
    exclude_option,
    json_option,
    new_table,
    person_or_profile_options,
    supplement_option,
    words,
)
from sleepmin.report import format as fmt


@cli.command("plan")
@person_or_profile_options
@click.option(
    "--log",
    "log",
    type=click.Path(dir_okay=False, path_type=Path),
    help="What is eaten now (a food log): the plan adds to it. Without it, a day from nothing "
    "(with --person, their kept log of the last 7 days).",
)
@click.option("--kcal", type=float, help="The day's energy budget (default 2,000 from 14 y).")
@exclude_option
@click.option(
    "--like",
    "likes",
    multiple=True,
    metavar="ID",
    help="Only add these foods (NDB numbers from `sleepmin foods best`; repeatable).",
)
@click.option(
    "--include",
    "include",
    multiple=True,
    metavar="ID",
    help="Foods the plan must add (NDB numbers; repeatable), e.g. a food you want in the day.",
)
@click.option(
    "--condition",
    "conditions",
    multiple=True,
    metavar="WORD",
    help="A condition that changes what may be added: hemochromatosis, ckd, wilson_disease, "
    "kidney_stones (repeatable).",
)
@supplement_option
@json_option
@click.pass_context
def plan(
    ctx: click.Context,
    person: str | None,
    age: float | None,
    sex: str | None,
    pregnant: bool,
    lactating: bool,
    diet: str,
    heavy_periods: bool,
    log: Path | None,
    kcal: float | None,
    exclude: tuple[str, ...],
    likes: tuple[str, ...],
    include: tuple[str, ...],
    conditions: tuple[str, ...],
    supplements: tuple[str, ...],
    as_json: bool,
) -> None:
    """A day of common foods, in realistic portions, that brings each mineral to its RDA or AI
    within every Upper Limit and the energy budget, adding as little as possible to what is
    eaten now; when food cannot do it, which limit binds (docs/plan.md).

    Example:  sleepmin plan --age 34 --sex female --diet vegan --kcal 1800 --exclude soy
    """
    profile, store = chosen_profile(ctx, person, age, sex, pregnant, lactating, diet, heavy_periods)
    today = dt.date.today()
    food_log = usecases.read_food_log(log) if log is not None else None
    chosen: dict[str, Any] = {
        "today": today,
        "kcal": kcal,
        "exclude": words(exclude),
        "conditions": words(conditions),
        "likes": words(likes),
        "include": words(include),
        "log": food_log,
        "supplements": supplements,
    }
    with usecases.FoodDatabase(db_path(ctx)) as db:
        if store is not None and person is not None:
            result = usecases.plan_for_person(store, person, db, **chosen).to_json()
        else:
            result = usecases.make_plan(profile, db, **chosen).to_json()
    if as_json:
        emit_json(result)
        return
    _print_plan(result)


def _print_plan(result: dict[str, Any]) -> None:
    for binding in result["binding"]:
        console.print(f"[bold]Cannot meet every target:[/bold] {binding['message']}", markup=True)
    table = new_table("meal", "food", "grams", "")
    for food in result["foods"]:
        table.add_row(
            food["meal"],
            food["portion"] + f" — {food['description']}",
            f"{food['grams']:g}",
            food["why"],
        )
    console.print(table)
    minerals = new_table("mineral", "logged", "with the plan", "target", "upper limit")
    for mineral in ("magnesium", "iron", "zinc", "calcium", "potassium", "copper"):
        key = f"{mineral}_mg"
        target = result["targets"][key]
        ul = result["ul"][key]
        minerals.add_row(
            mineral,
            fmt.mg(result["before"][key]),
            fmt.mg(result["totals"][key])
            + (f" ({result['percent_of_target']['after'][mineral]:.0f} %)" if target else ""),
            fmt.mg(target) if target else "not added",
            fmt.mg(ul) if ul is not None else "—",
        )
    console.print(minerals)
    energy = result["energy"]
    console.print(
        f"Energy {energy['planned_kcal']:,.0f} kcal (budget {energy['low_kcal']:,.0f}–"
        f"{energy['high_kcal']:,.0f}; logged {energy['logged_kcal']:,.0f})",
        markup=False,
        highlight=False,
    )
    _print_suggestions(result["suggestions"])
    for idea in result["supplements"]:
        console.print(f"- {idea['text']}", markup=False, highlight=False)
        for said in idea["safety"]:
            console.print(f"    {said}", markup=False, highlight=False, style="dim")
    for note in result["notes"]:
        console.print(note, markup=False, highlight=False, style="dim")


def _print_suggestions(suggestions: list[dict[str, Any]]) -> None:
    """Foods for each gap before the plan: the three that close most of it."""
    if not suggestions:
        return
    table = new_table("below target", "foods that close most of the gap (one portion)")
    for gap in suggestions:
        foods = "; ".join(
            f"{f['portion']} ({fmt.mg(f['amount_mg'])}, {f['share_of_gap']:.0f} %)"
            for f in gap["foods"][:3]
        )
        table.add_row(
            f"{gap['mineral']}: {fmt.mg(gap['current_mg'])} of {fmt.mg(gap['target_mg'])}",
            foods or "none of the foods allowed",
        )
    console.print(table)
