"""`sleepmin labs ...` and `sleepmin safety check`."""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import click
from rich.text import Text

from sleepmin import usecases
from sleepmin.cli._shared import (
    Group,
    chosen_profile,
    cli,
    console,
    context_options,
    db_path,
    emit_json,
    json_option,
    open_people,
    person_or_profile_options,
    supplement_option,
    warn,
)
from sleepmin.report import format as fmt
from sleepmin.store import saved_pins
from sleepmin.vocabulary import CONDITIONS, MEDICATIONS

# -- labs and safety -------------------------------------------------------------------------


@cli.group(cls=Group)
def labs() -> None:
    """Interpret, convert and import blood test results."""


@labs.command("interpret")
@click.option("--test", "test_name", required=True, help="e.g. ferritin, magnesium, zinc.")
@click.option("--value", type=float, required=True)
@click.option("--unit", required=True, help="e.g. ng/mL, mmol/L, mg/dL, ug/dL, %.")
@context_options
@json_option
def labs_interpret(
    test_name: str,
    value: float,
    unit: str,
    age: float | None,
    sex: str | None,
    pregnant: bool,
    as_json: bool,
) -> None:
    """Read one result against its reference interval and sleep-relevant thresholds.

    Example:  sleepmin labs interpret --test ferritin --value 40 --unit ng/mL
    """
    person = usecases.person_context(sex, age, pregnant)
    data = usecases.interpret_lab(test_name, value, unit, person).to_json()
    if as_json:
        emit_json(data)
        return
    _print_interpretation(data)


@labs.command("convert")
@click.option("--test", "test_name", required=True)
@click.option("--value", type=float, required=True)
@click.option("--from", "from_unit", required=True)
@click.option("--to", "to_unit", required=True)
@json_option
def labs_convert(test_name: str, value: float, from_unit: str, to_unit: str, as_json: bool) -> None:
    """Convert a result between units (molar mass and valence of the analyte).

    Example:  sleepmin labs convert --test magnesium --value 0.7 --from mmol/L --to mg/dL
    """
    converted = usecases.convert_lab(test_name, value, from_unit, to_unit)
    if as_json:
        emit_json(converted.to_json())
        return
    console.print(
        f"{value + 0.0:g} {from_unit} = {converted.value:.4g} {to_unit} ({converted.test_name})"
    )


@labs.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@context_options
@click.option(
    "--person",
    metavar="NAME",
    help="Read for this stored person (their sex, age, pregnancy) and keep the results.",
)
@json_option
@click.pass_context
def labs_import(
    ctx: click.Context,
    file: Path,
    age: float | None,
    sex: str | None,
    pregnant: bool,
    person: str | None,
    as_json: bool,
) -> None:
    """Read results from FHIR R4 JSON (Observation or Bundle) or CSV (test,value,unit[,date]),
    and interpret each. Derived results (transferrin saturation from iron and TIBC,
    albumin-corrected calcium) are added. With --person, the results are kept for them.

    Example:  sleepmin labs import results.json --sex female
    """
    if person is not None:
        if age is not None or sex is not None or pregnant:
            raise click.UsageError("--person uses the stored profile; leave out --age/--sex")
        kept = usecases.import_labs_for(open_people(ctx), person, usecases.LabsSource(file))
        read = kept.read
        click.echo(
            f"Kept {kept.kept} new result(s) for {person}"
            + (f" ({kept.already} already kept)" if kept.already else ""),
            err=True,
        )
    else:
        read = usecases.import_labs(file, usecases.person_context(sex, age, pregnant))
    data = read.to_json()
    if as_json:
        emit_json(data)
    else:
        seen: set[str] = set()
        for item in data["results"]:
            _print_interpretation(item, seen)
        for problem in data["problems"]:
            console.print(
                Text.assemble(
                    ("not imported", "yellow"), f" {problem['where']}: {problem['reason']}"
                )
            )
        for skipped in data["skipped"]:
            console.print(Text(f"skipped {skipped} (not an Observation)", style="dim"))
    read.require_some()


def _print_interpretation(data: dict[str, Any], seen: set[str] | None = None) -> None:
    """One result, its thresholds met and its caveats (each caveat once when ``seen`` keeps
    track across results: a file with 300 ferritin results gets the ferritin caveats once)."""
    ref = data["reference_interval"]
    interval = ""
    if ref and (ref["low"] is not None or ref["high"] is not None):
        interval = f" (reference {fmt.reference_interval(ref)})"
    lines = [
        f"{data['name']}: {data['value']:g} {data['unit']} = "
        f"{data['si']['value']:.4g} {data['si']['unit']} = "
        f"{data['conventional']['value']:.4g} {data['conventional']['unit']}: "
        f"{data['status'].replace('_', ' ')}{interval}"
    ]
    for hit in data["thresholds_met"]:
        only_if = f"; only if {hit['condition']}" if hit.get("condition") else ""
        lines.append(
            f"  - {hit['severity'].replace('_', ' ')}: {hit['meaning']} "
            f"({hit['rule']}, {hit['applies_to']}{only_if}). {hit['action']}"
        )
    text = Text("\n".join(lines))
    text.stylize("bold", 0, len(data["name"]))
    for caveat in data["caveats"]:
        if seen is None or caveat not in seen:
            text.append(f"\n  caveat: {caveat}", style="dim")
        if seen is not None:
            seen.add(caveat)
    console.print(text, highlight=False)


@cli.group(cls=Group)
def safety() -> None:
    """Check a supplement plan for upper limits, interactions and red flags."""


@safety.command("check")
@person_or_profile_options
@click.option(
    "--log",
    "log",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A food log, so food intake counts toward the upper limits.",
)
@supplement_option
@click.option(
    "--medication",
    "medications",
    multiple=True,
    metavar="WORD",
    help=f"One of: {', '.join(sorted(MEDICATIONS))} (repeatable).",
)
@click.option(
    "--condition",
    "conditions",
    multiple=True,
    metavar="WORD",
    help=f"One of: {', '.join(sorted(CONDITIONS))} (repeatable).",
)
@click.option(
    "--labs",
    "labs_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Lab results (FHIR JSON or CSV).",
)
@json_option
@click.pass_context
def safety_check(
    ctx: click.Context,
    person: str | None,
    age: float | None,
    sex: str | None,
    pregnant: bool,
    lactating: bool,
    diet: str,
    heavy_periods: bool,
    log: Path | None,
    supplements: tuple[str, ...],
    medications: tuple[str, ...],
    conditions: tuple[str, ...],
    labs_file: Path | None,
    as_json: bool,
) -> None:
    """Check supplements (and food, medicines, conditions, labs); red flags first, then a
    timing schedule when the plan passes.

    Example:  sleepmin safety check --age 45 --sex male --supplement "zinc 50 mg"
    """
    profile, store = chosen_profile(ctx, person, age, sex, pregnant, lactating, diet, heavy_periods)
    lab_source = usecases.LabsSource(labs_file) if labs_file is not None else None
    food_log = usecases.read_food_log(log) if log is not None else None
    with usecases.FoodDatabase(db_path(ctx)) if log is not None else nullcontext() as db:
        if store is not None and person is not None:
            result = usecases.check_safety_for(
                store,
                person,
                today=dt.date.today(),
                supplements=supplements,
                medications=medications,
                conditions=conditions,
                labs=lab_source,
                log=food_log,
                foods=db,
            )
        else:
            result = usecases.check_safety(
                profile,
                today=dt.date.today(),
                supplements=supplements,
                medications=medications,
                conditions=conditions,
                labs=lab_source,
                log=food_log,
                foods=db,
                pins=saved_pins(ctx.obj["data_dir"]),
            )
    warn(result.warnings)
    data = result.to_json()
    if as_json:
        emit_json(data)
        return
    if not data["findings"]:
        console.print("No safety findings for this plan.")
    for finding in data["findings"]:
        label = {
            "red_flag": "[bold red]RED FLAG[/bold red]",
            "warning": "[yellow]warning[/yellow]",
            "info": "info",
        }[finding["severity"]]
        cites = "; ".join(c["citation"] for c in finding["citations"][:2])
        console.print(
            f"{label}: {finding['message']}" + (f" [dim]({cites})[/dim]" if cites else "")
        )
    if data["schedule"]:
        console.print("[bold]Timing schedule[/bold]")
        for dose in data["schedule"]:
            amount = "" if dose["amount_mg"] is None else f" ({fmt.mg(dose['amount_mg'])})"
            console.print(
                f"  {dose['slot']:<8} {dose['supplement']}{amount}: {dose['instructions']}",
                markup=False,
            )
            if dose["conflict"]:
                console.print(
                    f"           CONFLICT: {dose['conflict_message']}",
                    style="bold red",
                    markup=False,
                )
    elif data["schedule"] is None:
        console.print("[bold]No schedule:[/bold] resolve the red flags with a clinician first.")
