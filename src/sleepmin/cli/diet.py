"""`sleepmin targets` and `sleepmin diet analyze`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from sleepmin.cli._shared import (
    Group,
    cli,
    console,
    db_path,
    emit_json,
    json_option,
    make_profile,
    profile_options,
    supplement_option,
)
from sleepmin.errors import InvalidFoodLog
from sleepmin.foods.database import FoodDatabase
from sleepmin.intake.diet import analyze_food_log
from sleepmin.intake.pins import PINS_FILE, load_pins, read_pins_file, save_pins
from sleepmin.intake.serialize import analysis_json, targets_json
from sleepmin.intake.supplements import parse_supplement
from sleepmin.intake.targets import load_dri_table, personal_targets
from sleepmin.paths import data_dir

# -- targets and diet ------------------------------------------------------------------------


@cli.command("targets")
@profile_options
@json_option
def targets_command(
    age: float,
    sex: str,
    pregnant: bool,
    lactating: bool,
    diet: str,
    heavy_periods: bool,
    as_json: bool,
) -> None:
    """Show a person's mineral targets: RDA or AI, EAR and UL, with sources.

    Example:  sleepmin targets --age 32 --sex female --diet vegetarian
    """
    targets = personal_targets(
        make_profile(age, sex, pregnant, lactating, diet, heavy_periods), load_dri_table()
    )
    data = targets_json(targets)
    if as_json:
        emit_json(data)
        return
    console.print(
        f"[bold]Reference intakes[/bold] for {targets.life_stage} ({targets.profile.diet.value})"
    )
    table = Table("mineral", "target", "EAR", "upper limit", "UL applies to")
    for name, target in data["minerals"].items():
        ul = target["ul_mg"]
        table.add_row(
            name,
            f"{_amount(target['target']['value_mg'])} ({target['target']['type']})",
            _amount(target["ear_mg"]) if target["ear_mg"] is not None else "-",
            _amount(ul) if ul is not None else target["ul_status"].replace("_", " "),
            target["ul_applies_to"],
        )
    console.print(table)
    for name, target in data["minerals"].items():
        for adjustment in target["adjustments"]:
            console.print(f"- {name}: {adjustment['reason']} ({adjustment['source']})")
    for note in targets.notes:
        console.print(f"- {note}")


@cli.group(cls=Group)
def diet() -> None:
    """Analyse what a person eats against their mineral targets."""


@diet.command("analyze")
@click.argument("log", type=click.Path(dir_okay=False, path_type=Path))
@profile_options
@supplement_option
@click.option(
    "--pins",
    "pins_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A file of 'phrase,id' lines pinning phrases to foods.",
)
@click.option("--no-save-pins", is_flag=True, help="Do not remember '@ ID' pins for later logs.")
@json_option
@click.pass_context
def diet_analyze(
    ctx: click.Context,
    log: Path,
    age: float,
    sex: str,
    pregnant: bool,
    lactating: bool,
    diet: str,
    heavy_periods: bool,
    supplements: tuple[str, ...],
    pins_file: Path | None,
    no_save_pins: bool,
    as_json: bool,
) -> None:
    """Analyse a food log (plain text or CSV; docs/food-log.md) against DRI targets.

    Example:  sleepmin diet analyze meals.txt --age 32 --sex female --supplement "zinc 15 mg"
    """
    targets = personal_targets(
        make_profile(age, sex, pregnant, lactating, diet, heavy_periods), load_dri_table()
    )
    parsed_supplements = [parse_supplement(s) for s in supplements]
    text = read_log(log)
    saved_pins_path = data_dir(ctx.obj["data_dir"]) / PINS_FILE
    pins = load_pins(saved_pins_path)
    if pins_file is not None:
        pins.update(read_pins_file(pins_file))
    with FoodDatabase(db_path(ctx)) as db:
        result = analyze_food_log(
            text,
            db,
            targets,
            today=dt.date.today(),
            supplements=parsed_supplements,
            pins=pins,
            filename=log.name,
        )
    if result.new_pins and not no_save_pins:
        save_pins(saved_pins_path, {**load_pins(saved_pins_path), **result.new_pins})
    data = analysis_json(result.analysis)
    if as_json:
        emit_json(data)
        return
    _print_analysis(data)


def read_log(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InvalidFoodLog(
            f"no food log at {path}; give the path of a text or CSV file"
        ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _print_analysis(data: dict[str, Any]) -> None:
    counts = data["item_counts"]
    console.print(
        f"[bold]{len(data['days'])} day(s)[/bold], {counts['matched']} foods matched, "
        f"{counts['ambiguous']} ambiguous, {counts['not_understood']} not understood "
        f"({data['life_stage']})"
    )
    table = Table(
        "mineral",
        "food / day",
        "supplements",
        "total",
        "reference",
        "%",
        "P(inadequate)",
        "upper limit",
        "foods reporting",
        title="Logged vs reference",
    )
    for name, m in data["minerals"].items():
        intake = m["intake_mg_per_day"]
        probability = m["probability_inadequate"]
        ul = m["ul_status"].replace("_", " ")
        table.add_row(
            name,
            _amount(intake["food"]),
            _amount(intake["supplements"]),
            _amount(intake["total"]),
            f"{_amount(m['target']['value_mg'])} {m['target']['type']}",
            f"{m['percent_of_target']:.0f}",
            "-" if probability is None else f"{probability:.0%}",
            ul,
            f"{m['coverage']['reporting']}/{m['coverage']['logged']}",
        )
    console.print(table)
    for m in data["minerals"].values():
        if m["top_sources"]:
            sources = ", ".join(
                f"{s['description']} ({_amount(s['mg_per_day'])})" for s in m["top_sources"][:3]
            )
            console.print(f"- {m['summary']} Main sources: {sources}.")
        else:
            console.print(f"- {m['summary']}")
    problems = [i for i in data["items"] if i["status"] != "matched"]
    if problems:
        console.print("[bold]Lines to check[/bold]")
        for item in problems:
            console.print(
                f"  line {item['line_number']}: {item['line']!r} - {item['status']}: "
                f"{item.get('reason', '')}"
            )
            for c in item.get("candidates", []):
                console.print(f"      {c['ndb_number'] or c['fdc_id']}  {c['description']}")
    for note in data["notes"]:
        console.print(f"[dim]{note}[/dim]")


def _amount(value: float) -> str:
    return f"{value:.3g} mg" if abs(value) < 100 else f"{value:,.0f} mg"
