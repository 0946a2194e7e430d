"""The command line: parse, call one library function, print a table or --json.

Every error a user can cause is a SleepminError, printed as one line (no traceback unless
--debug) with a non-zero exit status.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from sleepmin import __version__
from sleepmin.errors import InvalidAnswers, InvalidFoodLog, InvalidLabFile, SleepminError
from sleepmin.foods.database import DatabaseStatus, FoodDatabase, InstallResult, install
from sleepmin.foods.model import Food
from sleepmin.foods.sources import OFFICIAL_SOURCE_URL, ProgressCallback
from sleepmin.intake.diet import analyze_food_log
from sleepmin.intake.pins import PINS_FILE, load_pins, read_pins_file, save_pins
from sleepmin.intake.serialize import analysis_json, targets_json
from sleepmin.intake.supplements import parse_supplement
from sleepmin.intake.targets import Diet, Profile, Sex, load_dri_table, personal_targets
from sleepmin.knowledge.explain import article_claims_json, explain_json, food_source_amounts
from sleepmin.knowledge.kb import KnowledgeBase, load_knowledge
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
from sleepmin.nutrients import Mineral, Nutrient
from sleepmin.paths import SOURCE_ENV, data_dir, download_cache_dir, foods_db_path
from sleepmin.report.assessment import build_assessment, profile_from, supplements_from
from sleepmin.report.html import render_html
from sleepmin.safety.checks import SafetyInput
from sleepmin.safety.report import report_json, safety_report
from sleepmin.safety.vocabulary import CONDITIONS, MEDICATIONS, check_terms
from sleepmin.screen.answers import Answers, dump_answers, load_answers
from sleepmin.screen.instruments import score_isi
from sleepmin.screen.interactive import ask_answers

console = Console()


class _Group(click.Group):
    """Turns a SleepminError into one clear line and exit status 1 (traceback with --debug)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SleepminError as exc:
            if ctx.find_root().params.get("debug"):
                raise
            raise click.ClickException(str(exc)) from exc


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


def _emit_json(data: object) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sleepmin")
@click.option("--debug", is_flag=True, help="Show the full traceback on errors.")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="SLEEPMIN_DATA_DIR",
    help="Where sleepmin keeps its database (default: the platform's user data directory; "
    "env SLEEPMIN_DATA_DIR).",
)
@click.pass_context
def cli(ctx: click.Context, debug: bool, data_dir: Path | None) -> None:
    """sleepmin: could low magnesium, iron, zinc, calcium, potassium or copper be part of a
    sleep problem? It estimates, explains and cites; it never diagnoses.

    Start with:  sleepmin data install  then  sleepmin foods search spinach
    """
    ctx.obj = {"debug": debug, "data_dir": data_dir}


def _db_path(ctx: click.Context) -> Path:
    return foods_db_path(ctx.obj["data_dir"])


# -- data ------------------------------------------------------------------------------------


@cli.group(cls=_Group)
def data() -> None:
    """Install and inspect the USDA food database."""


@data.command("install")
@click.option(
    "--source",
    metavar="PATH|URL",
    help=f"A folder, .zip or https:// URL holding a USDA release (env {SOURCE_ENV}; "
    f"default: {OFFICIAL_SOURCE_URL}).",
)
@click.option("--force", is_flag=True, help="Rebuild even if this release is already installed.")
@json_option
@click.pass_context
def data_install(ctx: click.Context, source: str | None, force: bool, as_json: bool) -> None:
    """Import USDA food composition data (SR28 or FoodData Central CSV) into SQLite.

    The new database is built beside the old one and swapped in only when complete; the same
    release again is a no-op unless --force.

    Example:  sleepmin data install --source ../shared/data/fdc
    """
    chosen = source or os.environ.get(SOURCE_ENV) or OFFICIAL_SOURCE_URL
    db_path = _db_path(ctx)
    cache = download_cache_dir(ctx.obj["data_dir"])
    with _progress_bar(enabled=not as_json) as progress:
        result = install(chosen, db_path, cache, force=force, progress=progress)
    if as_json:
        _emit_json(install_json(result))
        return
    if result.installed:
        console.print(
            f"Installed {result.foods:,} foods and {result.portions:,} household measures "
            f"into {result.path}"
        )
    else:
        console.print(
            f"Already installed: {result.foods:,} foods from this release at {result.path} "
            "(use --force to rebuild)"
        )


@data.command("status")
@json_option
@click.pass_context
def data_status(ctx: click.Context, as_json: bool) -> None:
    """Show the installed releases, counts and location.

    Example:  sleepmin data status --json
    """
    with FoodDatabase(_db_path(ctx)) as db:
        status = db.status()
    if as_json:
        _emit_json(status_json(status))
        return
    console.print(f"Food database: {status.path}")
    console.print(f"Installed {status.installed_at} from {status.source}")
    table = Table("release", "version", "foods")
    for release, count in status.releases:
        table.add_row(release.name, release.version, f"{count:,}")
    console.print(table)
    console.print(f"{status.foods:,} foods, {status.portions:,} household measures")
    reporting = Table("nutrient", "foods reporting it", title="Coverage (missing is never zero)")
    for name, count in status.nutrient_counts.items():
        reporting.add_row(name, f"{count:,} of {status.foods:,}")
    console.print(reporting)


# -- foods -----------------------------------------------------------------------------------


@cli.group(cls=_Group)
def foods() -> None:
    """Search and show foods."""


@foods.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", "-n", type=click.IntRange(1, 200), default=10, show_default=True)
@json_option
@click.pass_context
def foods_search(ctx: click.Context, query: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Find foods by name: typos, plurals and word order are forgiven.

    Example:  sleepmin foods search chicken breast roasted
    """
    text = " ".join(query)
    with FoodDatabase(_db_path(ctx)) as db:
        results = db.search(text, limit)
    rows = [search_hit_json(hit.score, stored.food) for hit, stored in results]
    if as_json:
        _emit_json(rows)
        return
    if not rows:
        console.print(f"No food matches {text!r}. Try fewer or simpler words.")
        return
    table = Table("id", "description", "food group", "score")
    for row in rows:
        table.add_row(
            _display_id(row), row["description"], row["food_group"] or "", f"{row['score']:.2f}"
        )
    console.print(table)


@foods.command("show")
@click.argument("food_id")
@json_option
@click.pass_context
def foods_show(ctx: click.Context, food_id: str, as_json: bool) -> None:
    """Show one food's minerals per 100 g and its household measures.

    FOOD_ID is an NDB number (11457, or 09040 with leading zeros optional) or an FDC id.

    Example:  sleepmin foods show 11457
    """
    with FoodDatabase(_db_path(ctx)) as db:
        food = db.get(food_id).food
    data = food_json(food)
    if as_json:
        _emit_json(data)
        return
    console.print(
        f"[bold]{food.description}[/bold]  ({_display_id(data)}; {food.food_group or ''})"
    )
    table = Table("per 100 g", "amount")
    for name, value in data["nutrients_per_100g"].items():
        table.add_row(name, "not reported" if value is None else f"{value:g}")
    console.print(table)
    portions = Table("household measure", "grams")
    for portion in food.portions:
        portions.add_row(portion.description, f"{portion.grams:g}")
    console.print(portions)


# -- targets and diet ------------------------------------------------------------------------


def profile_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The person-profile options shared by every command that needs DRI targets."""
    options = [
        click.option(
            "--age",
            type=float,
            required=True,
            help="Age in years; decimals for infants (0.25 = 3 months).",
        ),
        click.option("--sex", type=click.Choice(["female", "male"]), required=True),
        click.option("--pregnant", is_flag=True, help="Use the pregnancy DRIs."),
        click.option("--lactating", is_flag=True, help="Use the lactation DRIs."),
        click.option(
            "--diet",
            type=click.Choice([d.value for d in Diet]),
            default="omnivore",
            show_default=True,
            help="Vegetarian/vegan adjust iron (x1.8) and zinc.",
        ),
        click.option(
            "--heavy-periods", is_flag=True, help="Heavy menstrual bleeding (adds an iron note)."
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _profile(
    age: float, sex: str, pregnant: bool, lactating: bool, diet: str, heavy_periods: bool
) -> Profile:
    return Profile(age, Sex(sex), pregnant, lactating, Diet(diet), heavy_periods)


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
        _profile(age, sex, pregnant, lactating, diet, heavy_periods), load_dri_table()
    )
    data = targets_json(targets)
    if as_json:
        _emit_json(data)
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


@cli.group(cls=_Group)
def diet() -> None:
    """Analyse what a person eats against their mineral targets."""


@diet.command("analyze")
@click.argument("log", type=click.Path(dir_okay=False, path_type=Path))
@profile_options
@click.option(
    "--supplement",
    "supplements",
    multiple=True,
    metavar="TEXT",
    help='A daily supplement, e.g. "magnesium glycinate 200 mg" (repeatable).',
)
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
        _profile(age, sex, pregnant, lactating, diet, heavy_periods), load_dri_table()
    )
    parsed_supplements = [parse_supplement(s) for s in supplements]
    text = _read_log(log)
    saved_pins_path = data_dir(ctx.obj["data_dir"]) / PINS_FILE
    pins = load_pins(saved_pins_path)
    if pins_file is not None:
        pins.update(read_pins_file(pins_file))
    with FoodDatabase(_db_path(ctx)) as db:
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
        _emit_json(data)
        return
    _print_analysis(data)


def _read_log(path: Path) -> str:
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


# -- labs and safety -------------------------------------------------------------------------


@cli.group(cls=_Group)
def labs() -> None:
    """Interpret, convert and import blood test results."""


def _context_options(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--age", type=float, help="Age in years (for age-specific thresholds)."),
        click.option(
            "--sex",
            type=click.Choice(["female", "male"]),
            help="For sex-specific thresholds (all are shown if not given).",
        ),
        click.option("--pregnant", is_flag=True),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@labs.command("interpret")
@click.option("--test", "test_name", required=True, help="e.g. ferritin, magnesium, zinc.")
@click.option("--value", type=float, required=True)
@click.option("--unit", required=True, help="e.g. ng/mL, mmol/L, mg/dL, ug/dL, %.")
@_context_options
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
        _emit_json(data)
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
        _emit_json({"value": round(converted, 4), "unit": to_unit})
        return
    console.print(f"{value:g} {from_unit} = {converted:.4g} {to_unit} ({test.name})")


@labs.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_context_options
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
    imported, interpretations = _import_labs(file, catalog, Context(sex, age, pregnant))
    data = import_json(imported, interpretations, catalog)
    if as_json:
        _emit_json(data)
        return
    for item in data["results"]:
        _print_interpretation(item)
    for problem in data["problems"]:
        console.print(f"[yellow]not imported[/yellow] {problem['where']}: {problem['reason']}")
    for skipped in data["skipped"]:
        console.print(f"[dim]skipped {skipped} (not an Observation)[/dim]")


def _import_labs(
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
        interval = f" (reference {ref['low']}-{ref['high']} {ref['unit']})"
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


@cli.group(cls=_Group)
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
@click.option(
    "--supplement",
    "supplements",
    multiple=True,
    metavar="TEXT",
    help='e.g. "zinc gluconate 50 mg" (repeatable).',
)
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
    profile = _profile(age, sex, pregnant, lactating, diet, heavy_periods)
    targets = personal_targets(profile, load_dri_table())
    parsed = tuple(parse_supplement(s) for s in supplements)
    meds = check_terms("medication", medications)
    conds = check_terms("condition", conditions)
    catalog = load_catalog()
    interpretations: list[Interpretation] = []
    if labs_file is not None:
        _, interpretations = _import_labs(labs_file, catalog, Context(sex, age, pregnant))
    food_mg: dict[Mineral, float] = {}
    if log is not None:
        with FoodDatabase(_db_path(ctx)) as db:
            result = analyze_food_log(
                _read_log(log), db, targets, today=dt.date.today(), filename=log.name
            )
        food_mg = {m: r.intake.food_mg for m, r in result.analysis.minerals.items()}
    plan = SafetyInput(targets, parsed, food_mg, meds, conds, tuple(interpretations))
    data = report_json(safety_report(plan), catalog)
    if as_json:
        _emit_json(data)
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
            console.print(f"  {dose['slot']:<8} {dose['supplement']}: {dose['instructions']}")
    elif data["schedule"] is None:
        console.print("[bold]No schedule:[/bold] resolve the red flags with a clinician first.")


# -- knowledge, screening and the assessment ------------------------------------------------


@cli.command("explain")
@click.argument(
    "mineral", required=False, type=click.Choice([m.value for m in Mineral], case_sensitive=False)
)
@click.option("--claims", is_flag=True, help="List the source article's claims, graded.")
@json_option
@click.pass_context
def explain_command(ctx: click.Context, mineral: str | None, claims: bool, as_json: bool) -> None:
    """Show what is known about a mineral and sleep, every claim cited and graded.

    Example:  sleepmin explain magnesium    |    sleepmin explain --claims --json
    """
    kb = load_knowledge()
    if claims or mineral is None:
        if mineral is None and not claims:
            raise click.UsageError("give a mineral (e.g. magnesium) or --claims")
        data = article_claims_json(kb)
        if as_json:
            _emit_json(data)
            return
        for claim in data["claims"]:
            flag = " [disagrees with the article]" if claim["disagrees"] else ""
            console.print(
                f"[bold]{claim['grade'].replace('_', ' ')}[/bold]{flag} "
                f"({claim['section']}): {claim['article_says']}"
            )
            console.print(f"  [dim]{claim['assessment']} ({', '.join(claim['citations'])})[/dim]")
        return
    chosen = Mineral(mineral.lower())
    foods = _knowledge_foods(ctx, kb)
    data = explain_json(kb, chosen, foods)
    if as_json:
        _emit_json(data)
        return
    console.print(
        f"[bold]{chosen.value.capitalize()}[/bold] (evidence for sleep: "
        f"{data['evidence_overall']}): {data['summary']}"
    )
    for title, key, field in (
        ("How it may affect sleep", "mechanisms", "text"),
        ("Sleep links", "sleep_symptoms", "text"),
        ("Signs of low status", "deficiency_signs", "text"),
        ("Who is at risk", "risk_factors", "text"),
    ):
        console.print(f"[bold]{title}[/bold]")
        for entry in data[key]:
            strength = f" ({entry['strength']})" if "strength" in entry else ""
            console.print(
                f"  - {entry[field]}{strength} [dim][{', '.join(entry['citations'])}][/dim]"
            )
    console.print("[bold]Food sources[/bold]")
    for food in data["food_sources"]:
        amount = f": {food['amount_mg']:.3g} mg" if food["amount_mg"] is not None else ""
        console.print(f"  - {food['food']}, {food['portion']}{amount}")
    console.print("[bold]Claims[/bold]")
    for claim in data["claims"]:
        console.print(f"  - {claim['grade'].replace('_', ' ')}: {claim['text']}")


def _knowledge_foods(ctx: click.Context, kb: KnowledgeBase) -> dict[str, Food | None]:
    """The knowledge base's food sources from the installed database, when there is one."""
    path = _db_path(ctx)
    if not path.exists():
        return {}
    found: dict[str, Food | None] = {}
    with FoodDatabase(path) as db:
        for knowledge in kb.minerals.values():
            for source in knowledge.food_sources:
                try:
                    found[source.ndb] = db.get(source.ndb).food
                except SleepminError:
                    found[source.ndb] = None
    return found


@cli.group(cls=_Group)
def isi() -> None:
    """Insomnia Severity Index (item scores from your own form; the wording is copyrighted)."""


@isi.command("score")
@click.option("--items", required=True, help="Seven item scores 0-4, comma-separated.")
@json_option
def isi_score(items: str, as_json: bool) -> None:
    """Total and band from the seven ISI item scores.

    Example:  sleepmin isi score --items 3,2,2,2,2,2,2
    """
    try:
        values = [int(x) for x in items.replace(" ", "").split(",") if x != ""]
    except ValueError:
        raise InvalidAnswers(
            f"ISI items {items!r} must be whole numbers 0-4, comma-separated, e.g. 3,2,2,2,2,2,2"
        ) from None
    result = score_isi(values)
    if as_json:
        _emit_json(
            {
                "total": result.total,
                "band": result.band,
                "label": result.label,
                "items": list(result.items),
            }
        )
        return
    console.print(f"ISI total {result.total} of 28: {result.label}")


@cli.command("assess")
@click.argument("answers_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--interactive",
    is_flag=True,
    help="Ask the questions in the terminal and write the answers file.",
)
@click.option(
    "--log",
    "log",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A food log (docs/food-log.md) for the diet analysis.",
)
@click.option(
    "--labs",
    "labs_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Lab results (FHIR JSON or CSV); added to any in the answers file.",
)
@click.option(
    "--html",
    "html_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a self-contained HTML report here.",
)
@json_option
@click.pass_context
def assess_command(
    ctx: click.Context,
    answers_file: Path | None,
    interactive: bool,
    log: Path | None,
    labs_file: Path | None,
    html_out: Path | None,
    as_json: bool,
) -> None:
    """Could minerals be part of this sleep problem? Ranked minerals with reasons and
    citations, diet, labs, safety and next steps.

    Example:  sleepmin assess answers.yaml --log meals.txt --html report.html
    """
    if interactive:
        if answers_file is None:
            raise click.UsageError("give the file to write the answers to, e.g. answers.yaml")
        answers = ask_answers()
        answers_file.write_text(dump_answers(answers), encoding="utf-8")
        console.print(f"Answers written to {answers_file}")
    elif answers_file is None:
        raise click.UsageError("give an answers file (YAML or JSON), or --interactive")
    else:
        try:
            text = answers_file.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InvalidAnswers(
                f"no answers file at {answers_file}; write one (docs/assessment.md) "
                "or use --interactive"
            ) from None
        answers = load_answers(text, answers_file.name)
    report = _assessment(ctx, answers, log, labs_file)
    if html_out is not None:
        html_out.write_text(render_html(report), encoding="utf-8")
    if as_json:
        _emit_json(report)
        return
    _print_assessment(report)
    if html_out is not None:
        console.print(f"HTML report written to {html_out}")


def _assessment(
    ctx: click.Context, answers: Answers, log: Path | None, labs_file: Path | None
) -> dict[str, Any]:
    kb = load_knowledge()
    catalog = load_catalog()
    profile = profile_from(answers)
    targets = personal_targets(profile, load_dri_table()) if profile else None
    context = Context(
        profile.sex.value if profile else None,
        profile.age_years if profile else None,
        bool(profile and profile.pregnant),
    )
    results = [
        LabResult(catalog.test(lab.test).key, lab.value, lab.unit, lab.date, "answers")
        for lab in answers.labs
    ]
    if labs_file is not None:
        imported, _ = _import_labs(labs_file, catalog, context)
        results += imported.results
    results += derive(results, catalog)
    context = replace(context, inflammation=inflammation_from(results, catalog))
    labs_interpreted = tuple(interpret(catalog, r, context) for r in results)
    diet = None
    path = _db_path(ctx)
    if log is not None:
        if targets is None:
            raise InvalidAnswers(
                "a food log needs the profile (age and sex) in the answers file "
                "to compare intake with reference values"
            )
        with FoodDatabase(path) as db:
            diet = analyze_food_log(
                _read_log(log),
                db,
                targets,
                today=dt.date.today(),
                supplements=list(supplements_from(answers)),
                filename=log.name,
            ).analysis
    food_amounts = food_source_amounts(kb, _knowledge_foods(ctx, kb))
    return build_assessment(
        answers,
        kb,
        catalog,
        targets=targets,
        diet=diet,
        labs=labs_interpreted,
        food_amounts=food_amounts,
    )


def _print_assessment(report: dict[str, Any]) -> None:
    console.print(f"[dim]{report['not_a_diagnosis']}[/dim]")
    for finding in report["safety"]:
        if finding["severity"] == "red_flag":
            console.print(f"[bold red]RED FLAG[/bold red]: {finding['message']}")
    table = Table("mineral", "estimate", "main reasons", title="Minerals, most likely first")
    for m in report["minerals"]:
        reasons = "; ".join(r["text"] for r in m["reasons"] if r["kind"] != "cap")[:300]
        table.add_row(m["mineral"], m["level"], reasons or "-")
    console.print(table)
    if report["isi"]:
        console.print(f"ISI {report['isi']['total']}: {report['isi']['label']}")
    if report["rls"]:
        console.print(f"Restless legs: {report['rls']['summary']}")
    console.print("[bold]Next steps[/bold]")
    for step in report["next_steps"]:
        console.print(f"  - {step['text']}")


# -- JSON shapes (public contract: docs/cli.md) ----------------------------------------------


def install_json(result: InstallResult) -> dict[str, Any]:
    return {
        "installed": result.installed,
        "location": str(result.path),
        "foods": result.foods,
        "portions": result.portions,
        "releases": [{"key": r.key, "name": r.name, "version": r.version} for r in result.releases],
        "fingerprint": result.fingerprint,
    }


def status_json(status: DatabaseStatus) -> dict[str, Any]:
    return {
        "location": str(status.path),
        "schema_version": status.schema_version,
        "installed_at": status.installed_at,
        "source": status.source,
        "fingerprint": status.fingerprint,
        "releases": [
            {"key": r.key, "name": r.name, "version": r.version, "foods": count}
            for r, count in status.releases
        ],
        "foods": status.foods,
        "portions": status.portions,
        "foods_reporting": status.nutrient_counts,
    }


def search_hit_json(score: float, food: Food) -> dict[str, Any]:
    return {
        "ndb_number": food.ndb_number,
        "fdc_id": food.fdc_id,
        "description": food.description,
        "food_group": food.food_group,
        "score": score,
    }


def food_json(food: Food) -> dict[str, Any]:
    return {
        "ndb_number": food.ndb_number,
        "fdc_id": food.fdc_id,
        "description": food.description,
        "short_description": food.short_description,
        "common_names": food.common_names,
        "food_group": food.food_group,
        "release": food.release,
        "nutrients_per_100g": {n.value: food.nutrients.get(n) for n in Nutrient},
        "portions": [{"description": p.description, "grams": p.grams} for p in food.portions],
    }


def _display_id(row: dict[str, Any]) -> str:
    if row.get("ndb_number"):
        return f"NDB {row['ndb_number']}"
    return f"FDC {row['fdc_id']}"


@contextmanager
def _progress_bar(*, enabled: bool) -> Iterator[ProgressCallback | None]:
    """A rich progress bar on a terminal; nothing when piped or for --json."""
    if not (enabled and sys.stderr.isatty()):
        yield None
        return
    with Progress(
        TextColumn("{task.description:<12}"),
        BarColumn(),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int | None) -> None:
            if stage == "download":
                detail = f"{done / 1e6:.1f}" + (f"/{total / 1e6:.1f} MB" if total else " MB")
            else:
                detail = f"{done:,}/{total:,}" if total else ""
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total, detail=detail)
            bar.update(tasks[stage], completed=done, total=total, detail=detail)

        callback: Callable[[str, int, int | None], None] = update
        yield callback


def main() -> None:
    cli(prog_name="sleepmin")


if __name__ == "__main__":
    main()
