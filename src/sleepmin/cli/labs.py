"""`sleepmin labs ...` and `sleepmin safety check`."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from sleepmin.cli._shared import (
    Group,
    cli,
    console,
    context_options,
    db_path,
    emit_json,
    json_option,
    make_profile,
    profile_options,
    supplement_option,
)
from sleepmin.cli.diet import read_log
from sleepmin.errors import InvalidLabFile
from sleepmin.foods.database import FoodDatabase
from sleepmin.intake.diet import analyze_food_log
from sleepmin.intake.supplements import parse_supplement
from sleepmin.intake.targets import load_dri_table, personal_targets
from sleepmin.labs.catalog import Catalog, load_catalog
from sleepmin.labs.convert import convert
from sleepmin.labs.importing import LabImport, import_lab_text
from sleepmin.labs.interpret import (
    Context,
    Interpretation,
    LabResult,
    derive,
    inflammation_from,
    interpret,
)
from sleepmin.labs.serialize import import_json, interpretation_json
from sleepmin.nutrients import Mineral
from sleepmin.report import format as fmt
from sleepmin.safety.checks import SafetyInput
from sleepmin.safety.report import report_json, safety_report
from sleepmin.safety.vocabulary import CONDITIONS, MEDICATIONS, check_terms

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
    catalog = load_catalog()
    item = interpret(
        catalog, LabResult(catalog.test(test_name).key, value, unit), Context(sex, age, pregnant)
    )
    data = interpretation_json(item, catalog)
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
    catalog = load_catalog()
    test = catalog.test(test_name)
    converted = convert(test, value, from_unit, to_unit)
    if as_json:
        emit_json({"value": round(converted, 4), "unit": to_unit})
        return
    console.print(f"{value:g} {from_unit} = {converted:.4g} {to_unit} ({test.name})")


@labs.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@context_options
@json_option
def labs_import(
    file: Path, age: float | None, sex: str | None, pregnant: bool, as_json: bool
) -> None:
    """Read results from FHIR R4 JSON (Observation or Bundle) or CSV (test,value,unit[,date]),
    and interpret each. Derived results (transferrin saturation from iron and TIBC,
    albumin-corrected calcium) are added.

    Example:  sleepmin labs import results.json --sex female
    """
    catalog = load_catalog()
    imported, interpretations = import_labs(file, catalog, Context(sex, age, pregnant))
    data = import_json(imported, interpretations, catalog)
    if as_json:
        emit_json(data)
        return
    for item in data["results"]:
        _print_interpretation(item)
    for problem in data["problems"]:
        console.print(f"[yellow]not imported[/yellow] {problem['where']}: {problem['reason']}")
    for skipped in data["skipped"]:
        console.print(f"[dim]skipped {skipped} (not an Observation)[/dim]")


def import_labs(
    file: Path, catalog: Catalog, context: Context
) -> tuple[LabImport, list[Interpretation]]:
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InvalidLabFile(str(file), "does not exist") from None
    except UnicodeDecodeError:
        raise InvalidLabFile(str(file), "is not UTF-8 text") from None
    imported = import_lab_text(text, catalog, file.name)
    results = imported.results + derive(imported.results, catalog)
    context = replace(context, inflammation=inflammation_from(results, catalog))
    return imported, [interpret(catalog, r, context) for r in results]


def _print_interpretation(data: dict[str, Any]) -> None:
    ref = data["reference_interval"]
    interval = ""
    if ref and (ref["low"] is not None or ref["high"] is not None):
        interval = f" (reference {fmt.reference_interval(ref)})"
    console.print(
        f"[bold]{data['name']}[/bold]: {data['value']:g} {data['unit']} = "
        f"{data['si']['value']:.4g} {data['si']['unit']} = "
        f"{data['conventional']['value']:.4g} {data['conventional']['unit']}: "
        f"{data['status'].replace('_', ' ')}{interval}"
    )
    for hit in data["thresholds_met"]:
        only_if = f"; only if {hit['condition']}" if hit.get("condition") else ""
        console.print(
            f"  - {hit['severity'].replace('_', ' ')}: {hit['meaning']} "
            f"({hit['rule']}, {hit['applies_to']}{only_if}). {hit['action']}"
        )
    for caveat in data["caveats"]:
        console.print(f"  [dim]caveat: {caveat}[/dim]")


@cli.group(cls=Group)
def safety() -> None:
    """Check a supplement plan for upper limits, interactions and red flags."""


@safety.command("check")
@profile_options
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
    age: float,
    sex: str,
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
    profile = make_profile(age, sex, pregnant, lactating, diet, heavy_periods)
    targets = personal_targets(profile, load_dri_table())
    parsed = tuple(parse_supplement(s) for s in supplements)
    meds = check_terms("medication", medications)
    conds = check_terms("condition", conditions)
    catalog = load_catalog()
    interpretations: list[Interpretation] = []
    if labs_file is not None:
        _, interpretations = import_labs(labs_file, catalog, Context(sex, age, pregnant))
    food_mg: dict[Mineral, float] = {}
    if log is not None:
        with FoodDatabase(db_path(ctx)) as db:
            result = analyze_food_log(
                read_log(log), db, targets, today=dt.date.today(), filename=log.name
            )
        food_mg = {m: r.intake.food_mg for m, r in result.analysis.minerals.items()}
    plan = SafetyInput(targets, parsed, food_mg, meds, conds, tuple(interpretations))
    data = report_json(safety_report(plan), catalog)
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
