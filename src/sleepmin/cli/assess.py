"""`sleepmin explain`, `sleepmin isi score` and `sleepmin assess`."""

from __future__ import annotations

import datetime as dt
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from sleepmin.screen.answers import Answers
from rich.markup import escape
from rich.table import Table

from sleepmin import usecases
from sleepmin.cli._shared import (
    Group,
    cli,
    console,
    db_path,
    emit_json,
    json_option,
    open_people,
    warn,
)
from sleepmin.cli.diet import list_grid, print_intake, print_matched_foods
from sleepmin.errors import OutputError
from sleepmin.fileio import write_atomic
from sleepmin.nutrients import Mineral
from sleepmin.report import format as fmt
from sleepmin.store import saved_pins

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
    if claims or mineral is None:
        if mineral is None and not claims:
            raise click.UsageError("give a mineral (e.g. magnesium) or --claims")
        data = usecases.article_claims().to_json()
        if as_json:
            emit_json(data)
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
    with _installed_foods(ctx) as db:
        data = usecases.explain(chosen, db).to_json()
    if as_json:
        emit_json(data)
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
        amount = f": {fmt.mg(food['amount_mg'])}" if food["amount_mg"] is not None else ""
        console.print(f"  - {food['food']}, {food['portion']}{amount}")
    console.print("[bold]Claims[/bold]")
    for claim in data["claims"]:
        console.print(f"  - {claim['grade'].replace('_', ' ')}: {claim['text']}")


def _installed_foods(ctx: click.Context) -> AbstractContextManager[usecases.FoodDatabase | None]:
    """The installed food database, or None when there is none yet (the knowledge base then
    gives food sources without amounts)."""
    path = db_path(ctx)
    return usecases.FoodDatabase(path) if path.exists() else nullcontext()


@cli.group(cls=Group)
def isi() -> None:
    """Insomnia Severity Index (item scores from your own form; the wording is copyrighted)."""


@isi.command("score")
@click.option(
    "--items",
    required=True,
    help="Seven item scores 0-4, separated by commas, semicolons or spaces.",
)
@json_option
def isi_score(items: str, as_json: bool) -> None:
    """Total and band from the seven ISI item scores.

    Example:  sleepmin isi score --items 3,2,2,2,2,2,2
    """
    result = usecases.score_isi_items(items)
    if as_json:
        emit_json(result.to_json())
        return
    console.print(f"ISI total {result.total} of 28: {result.label}")


@isi.command("history")
@click.option("--person", "name", required=True, metavar="NAME", help="Whose answers.")
@json_option
@click.pass_context
def isi_history(ctx: click.Context, name: str, as_json: bool) -> None:
    """A person's ISI totals over time, from their saved answers (sleepmin assess --person).

    Example:  sleepmin isi history --person alex
    """
    result = usecases.isi_history(open_people(ctx), name).to_json()
    if as_json:
        emit_json(result)
        return
    for point in result["points"]:
        bar = "█" * point["total"] + "·" * (28 - point["total"])
        console.print(
            f"{point['saved_at'][:10]}  {point['total']:>2} {bar}  {point['band']}",
            markup=False,
            highlight=False,
        )
    if not result["points"]:
        console.print("No saved answers with all seven ISI items yet.", markup=False)
    console.print(result["note"], markup=False, highlight=False, style="dim")


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
    help="Write a self-contained HTML report here (never over an input file).",
)
@click.option(
    "--force",
    is_flag=True,
    help="With --interactive: replace an existing answers file without asking.",
)
@click.option(
    "--person",
    metavar="NAME",
    help="A stored person: new answers, lab results and a --log file's dated lines are kept, "
    "their kept answers, labs, food log and pins are read, and the assessment is saved "
    "(ANSWERS is then optional).",
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
    force: bool,
    person: str | None,
    as_json: bool,
) -> None:
    """Could minerals be part of this sleep problem? Ranked minerals with reasons and
    citations, diet, labs, safety and next steps.

    Example:  sleepmin assess answers.yaml --log meals.txt --html report.html
    """
    if answers_file is None and (person is None or interactive):
        # (with --person and no file, the person's kept answers are used)
        raise click.UsageError(
            "give the file to write the answers to, e.g. answers.yaml"
            if interactive
            else "give an answers file (YAML or JSON), or --interactive"
        )
    inputs = {"food log": log, "lab file": labs_file}
    # Outputs are checked before any question is asked or any work is done.
    if html_out is not None:
        _check_output(html_out, {"answers file": answers_file, **inputs})
    answers: Answers | None = None
    if interactive and answers_file is not None:
        from sleepmin.cli.interactive import ask_answers  # noqa: PLC0415 - only when asked

        _check_output(answers_file, inputs)
        if answers_file.exists() and not force:
            _confirm_replace(answers_file)
        answers = ask_answers()
        write_atomic(answers_file, usecases.answers_text(answers), protect=_paths(inputs))
        click.echo(f"Answers written to {answers_file}", err=True)
    elif answers_file is not None:
        answers = usecases.read_answers_file(answers_file)
    food_log = usecases.read_food_log(log) if log is not None else None
    lab_source = usecases.LabsSource(labs_file) if labs_file is not None else None
    today = dt.date.today()
    store = open_people(ctx) if person is not None else None
    if person is not None and store is not None:
        with _installed_foods(ctx) as db:
            result = usecases.assess_person(
                store,
                person,
                today=today,
                foods=db,
                answers=answers,
                log=food_log,
                labs=lab_source,
            )
    else:
        assert answers is not None
        with _installed_foods(ctx) if log is None else usecases.FoodDatabase(db_path(ctx)) as db:
            result = usecases.assess(
                answers,
                today=today,
                foods=db,
                log=food_log,
                labs=lab_source,
                pins=saved_pins(ctx.obj["data_dir"]),
            )
    warn(result.warnings)
    report = result.to_json()
    if html_out is not None:
        html = (
            usecases.person_report_html(store, person, today=today, report=result.result())
            if person is not None and store is not None
            else None
        )
        write_atomic(
            html_out,
            html or result.to_html(),
            protect=_paths({"answers file": answers_file, **inputs}),
        )
    if as_json:
        emit_json(report)
        return
    _print_assessment(report)
    if html_out is not None:
        console.print(f"HTML report written to {html_out}")


def _paths(files: dict[str, Path | None]) -> tuple[Path, ...]:
    return tuple(path for path in files.values() if path is not None)


def _check_output(path: Path, inputs: dict[str, Path | None]) -> None:
    """Refuse, before any work, an output that would overwrite an input or cannot be a file."""
    for label, source in inputs.items():
        if source is not None and _same_path(path, source):
            raise OutputError(
                str(path),
                f"it is the {label} this command reads",
                "choose another output path, e.g. report.html",
            )
    if path.exists() and not path.is_file():
        raise OutputError(
            str(path),
            "it is not a regular file (a folder, a device such as /dev/full, or a pipe)",
            "give a file name, e.g. report.html",
        )
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(
            str(path), f"the folder {folder} does not exist", "create it or choose another path"
        )


def _same_path(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return a.samefile(b)
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return False


def _confirm_replace(path: Path) -> None:
    """An answers file a person wrote is replaced only with --force or their yes."""
    keep = "give another file name, or add --force to replace it"
    if sys.stdin is None or not sys.stdin.isatty():
        raise OutputError(str(path), "it already exists", keep)
    from sleepmin.cli.interactive import confirm_replace  # noqa: PLC0415 - only when asked

    if not confirm_replace(path):
        raise OutputError(str(path), "it already exists and was kept", keep)


def _print_assessment(report: dict[str, Any]) -> None:
    """The assessment in the terminal, readable at 80 columns: what to do today, safety, the
    minerals with their reasons and weights, labs with reference intervals, the food log as
    matched, next steps in order (urgent first) and the sources."""

    def sources(citations: list[dict[str, Any]] | None) -> str:
        if not citations:
            return ""
        names = "; ".join(fmt.source_name(c) for c in citations)
        return f"\n[dim]Sources: {escape(names)}[/dim]"

    def heading(text: str) -> None:
        console.print()
        console.print(f"[bold underline]{escape(text)}[/bold underline]")

    console.print(f"[dim]{escape(str(report.get('not_a_diagnosis', '')))}[/dim]")
    if report.get("scope"):
        console.print(f"[dim]{escape(str(report['scope']))}[/dim]")
    if report.get("conditions"):
        words = ", ".join(str(c).replace("_", " ") for c in report["conditions"])
        console.print(f"Known conditions: {escape(words)}")
    steps = fmt.ordered_steps(report.get("next_steps") or [])
    urgent = [s for s in steps if s.get("kind") == "urgent"]
    if urgent:
        grid = list_grid()
        for step in urgent:
            grid.add_row(
                f"[bold white on red] {fmt.step_label('urgent').upper()} [/bold white on red]",
                f"[bold]{escape(str(step['text']))}[/bold]",
            )
        console.print(grid)

    heading("Safety first")
    findings = fmt.ordered_findings(report.get("safety") or [])
    if not findings:
        console.print("  No safety findings for the supplements, medicines and results given.")
    grid = list_grid()
    for finding in findings:
        severity = str(finding.get("severity", "info"))
        label = fmt.severity_label(severity)
        label = "[bold red]RED FLAG[/bold red]" if severity == "red_flag" else f"{label}:"
        grid.add_row(label, escape(str(finding["message"])) + sources(finding.get("citations")))
    console.print(grid)
    if report.get("schedule"):
        console.print("[bold]When to take what[/bold]")
        grid = list_grid()
        for dose in report["schedule"]:
            amount = f" ({fmt.mg(float(dose['amount_mg']))})" if dose.get("amount_mg") else ""
            grid.add_row(
                escape(str(dose["slot"])),
                escape(f"{dose['supplement']}{amount}: {dose['instructions']}"),
            )
        console.print(grid)

    heading("Minerals, most likely first")
    console.print(
        "[dim]How likely it is that low status (too little in the body) is part of the sleep "
        "problem; not a measurement. Each reason shows its weight; the HTML report (--html) "
        "names the sources of each.[/dim]"
    )
    style = {"likely": "bold red", "possible": "bold yellow"}
    overview = Table("Mineral", "Low status", "Total weight", title_justify="left")
    for m in report.get("minerals") or []:
        overview.add_row(
            fmt.mineral_name(str(m["mineral"])),
            str(m["level"]),
            fmt.weight(float(m["score"])) if "score" in m else "-",
        )
    console.print(overview)
    for m in report.get("minerals") or []:
        level = str(m["level"])
        score = f" [dim](total {fmt.weight(float(m['score']))})[/dim]" if "score" in m else ""
        colour = style.get(level, "bold")
        console.print(
            f"[{colour}]{escape(fmt.level_label(str(m['mineral']), level))}[/{colour}]{score}"
        )
        grid = list_grid()
        for reason in m.get("reasons") or []:
            grid.add_row(
                fmt.weight(float(reason.get("weight", 0))),
                escape(str(reason["text"])),
            )
        console.print(grid)

    if report.get("labs"):
        heading("Blood tests")
        for lab in report["labs"]:
            words = fmt.lab_reading_words(lab)
            reading = f" — {words}" if words else ""
            console.print(
                f"[bold]{escape(str(lab.get('name') or lab.get('test')))}[/bold]: "
                f"{escape(fmt.lab_reading(lab) + reading)}"
            )
            grid = list_grid()
            grid.add_row("Reference:", escape(fmt.lab_reference(lab)))
            for hit in lab.get("thresholds_met") or []:
                grid.add_row(
                    "Meets:", escape(f"{hit.get('meaning', '')} (cut-off {hit.get('rule', '')})")
                )
            console.print(grid)

    if isinstance(report.get("supplement_intake"), list) and report["supplement_intake"]:
        heading("Supplements, as elemental mineral a day")
        grid = list_grid()
        for row in report["supplement_intake"]:
            ul = row.get("ul_mg")
            limit = "no Upper Limit" if ul is None else f"Upper Limit {fmt.mg(float(ul))}"
            reference = row.get("reference_mg")
            lines = [
                f"{fmt.mg(float(row.get('amount_mg') or 0))} a day"
                + ("" if reference is None else f"; reference {fmt.mg(float(reference))}")
                + f"; {limit}"
                + (
                    f" ({row['ul_applies_to']})"
                    if ul is not None and row.get("ul_applies_to")
                    else ""
                ),
                *(f"- {line}" for line in fmt.supplement_lines(row)),
            ]
            grid.add_row(
                f"{fmt.mineral_name(str(row.get('mineral', '')))}:", escape("\n".join(lines))
            )
        console.print(grid)

    diet = report.get("diet")
    if diet:
        heading("Food log")
        if diet.get("minerals"):
            print_intake(diet, console)
        print_matched_foods(diet, console)
        for note in diet.get("notes") or []:
            console.print(f"[dim]{escape(str(note))}[/dim]")

    if report.get("isi"):
        console.print(f"ISI {report['isi']['total']} of 28: {escape(str(report['isi']['label']))}")
    if report.get("rls"):
        console.print(f"Restless legs: {escape(str(report['rls']['summary']))}")
    if isinstance(report.get("stop_bang"), dict):
        console.print(f"Sleep apnoea risk: {escape(fmt.stop_bang_text(report['stop_bang']))}")
    if isinstance(report.get("mood"), dict):
        console.print(f"Mood: {escape(' '.join(fmt.mood_lines(report['mood'])))}")
    if report.get("notes"):
        heading("Notes for the clinician")
        console.print("[dim](as the person wrote them; never scored)[/dim]")
        console.print(str(report["notes"]), markup=False)

    heading("Next steps, in this order")
    grid = list_grid()
    for number, step in enumerate(steps, 1):
        kind = str(step.get("kind", "info"))
        label = escape(f"{fmt.step_label(kind)}:")
        if kind == "urgent":
            label = f"[bold red]{label}[/bold red]"
        elif kind == "clinician":
            label = f"[bold]{label}[/bold]"
        grid.add_row(
            f"{number}.", f"{label} {escape(str(step['text']))}" + sources(step.get("citations"))
        )
    console.print(grid)

    cited = sorted(fmt.collect_citations(report), key=lambda c: fmt.source_name(c).lower())
    if cited:
        heading("References")
        for c in cited:
            links = ", ".join(label for label, _ in fmt.reference_links(c))
            console.print(
                f"[dim]- {escape(fmt.source_name(c))}"
                + (f". {escape(links)}" if links else "")
                + "[/dim]"
            )
