"""`sleepmin labs ...` and `sleepmin safety check`."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import click
from rich.text import Text

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
from sleepmin.errors import ImplausibleValue, InvalidLabFile, InvalidProfile
from sleepmin.foods.database import FoodDatabase
from sleepmin.intake.diet import analyze_food_log
from sleepmin.intake.supplements import parse_supplements
from sleepmin.intake.targets import load_dri_table, personal_targets
from sleepmin.labs.catalog import Catalog, load_catalog
from sleepmin.labs.convert import convert
from sleepmin.labs.importing import ImportProblem, LabImport, import_lab_file
from sleepmin.labs.interpret import (
    Context,
    Interpretation,
    LabResult,
    check_plausible,
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
    result = LabResult(catalog.test(test_name).key, value + 0.0, unit)  # -0.0 is 0
    _check_person(sex, age, pregnant)
    item = interpret(catalog, result, Context(sex, age, pregnant))
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
    value += 0.0  # -0.0 is 0
    check_plausible(test, value, from_unit)
    converted = convert(test, value, from_unit, to_unit)
    if as_json:
        # 4 decimals, as documented; a tiny value keeps 4 significant figures instead of 0.
        shown = round(converted, 4) if abs(converted) >= 1e-3 else float(f"{converted:.4g}")
        emit_json({"value": shown, "unit": to_unit})
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
    _check_person(sex, age, pregnant)
    imported, interpretations = import_labs(file, catalog, Context(sex, age, pregnant))
    data = import_json(imported, interpretations, catalog)
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
    if not interpretations:
        raise _nothing_imported(file, imported)


def import_labs(
    file: Path, catalog: Catalog, context: Context
) -> tuple[LabImport, list[Interpretation]]:
    """The results in ``file`` and their interpretations, with the derived ones (TSAT,
    albumin-corrected calcium). A derived value outside its plausible range (iron above TIBC
    gives a saturation over 100 %) becomes a problem, not a result."""
    imported = import_lab_file(file, catalog)
    results = list(imported.results)
    for derived in derive(imported.results, catalog):
        try:
            check_plausible(catalog.test(derived.test), derived.value, derived.unit)
        except ImplausibleValue as exc:
            imported.problems.append(
                ImportProblem(
                    derived.source or "calculated",
                    f"{exc.what} {exc.value} is not possible ({exc.bound}); "
                    "check the results it is calculated from",
                )
            )
            continue
        results.append(derived)
    context = replace(context, inflammation=inflammation_from(results, catalog))
    return imported, [interpret(catalog, r, context) for r in results]


def _nothing_imported(file: Path, imported: LabImport) -> InvalidLabFile:
    first = imported.problems[0] if imported.problems else None
    detail = f" (first: {first.where}: {first.reason})" if first else ""
    return InvalidLabFile(
        file.name,
        f"gave no result sleepmin could use: {len(imported.problems)} could not be "
        f"imported{detail}",
        fix="correct the values or units reported, or export the results again",
    )


def _check_person(sex: str | None, age: float | None, pregnant: bool) -> None:
    """The same profile checks as `targets`: a possible age, pregnancy only for women."""
    if age is not None and not (0 <= age <= 125):
        raise InvalidProfile(f"age {age:g} is not possible; give an age from 0 to 125 years")
    if pregnant and sex == "male":
        raise InvalidProfile("--pregnant applies to --sex female only; correct one of them")


def warn_lab_problems(imported: LabImport, name: str) -> None:
    """Lab results that could not be used, on stderr (the output keeps its format)."""
    for problem in imported.problems:
        click.echo(
            f"Warning: lab result not used ({name}, {problem.where}): {problem.reason}", err=True
        )


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
    parsed = tuple(parse_supplements(supplements))
    meds = check_terms("medication", medications)
    conds = check_terms("condition", conditions)
    catalog = load_catalog()
    interpretations: list[Interpretation] = []
    if labs_file is not None:
        imported, interpretations = import_labs(labs_file, catalog, Context(sex, age, pregnant))
        warn_lab_problems(imported, labs_file.name)
        if not interpretations:
            raise _nothing_imported(labs_file, imported)
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
