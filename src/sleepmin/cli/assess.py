"""`sleepmin explain`, `sleepmin isi score` and `sleepmin assess`."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from sleepmin.cli._shared import Group, cli, console, db_path, emit_json, json_option
from sleepmin.cli.diet import read_log
from sleepmin.cli.labs import import_labs
from sleepmin.errors import InvalidAnswers, SleepminError
from sleepmin.foods.database import FoodDatabase
from sleepmin.foods.model import Food
from sleepmin.intake.diet import analyze_food_log
from sleepmin.intake.targets import load_dri_table, personal_targets
from sleepmin.knowledge.explain import article_claims_json, explain_json, food_source_amounts
from sleepmin.knowledge.kb import KnowledgeBase, load_knowledge
from sleepmin.labs.catalog import load_catalog
from sleepmin.labs.interpret import (
    Context,
    LabResult,
    derive,
    inflammation_from,
    interpret,
)
from sleepmin.nutrients import Mineral
from sleepmin.report.assessment import build_assessment, profile_from, supplements_from
from sleepmin.report.html import render_html
from sleepmin.screen.answers import Answers, dump_answers, load_answers
from sleepmin.screen.instruments import score_isi
from sleepmin.screen.interactive import ask_answers

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
    foods = _knowledge_foods(ctx, kb)
    data = explain_json(kb, chosen, foods)
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
        amount = f": {food['amount_mg']:.3g} mg" if food["amount_mg"] is not None else ""
        console.print(f"  - {food['food']}, {food['portion']}{amount}")
    console.print("[bold]Claims[/bold]")
    for claim in data["claims"]:
        console.print(f"  - {claim['grade'].replace('_', ' ')}: {claim['text']}")


def _knowledge_foods(ctx: click.Context, kb: KnowledgeBase) -> dict[str, Food | None]:
    """The knowledge base's food sources from the installed database, when there is one."""
    path = db_path(ctx)
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


@cli.group(cls=Group)
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
        emit_json(
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
        click.echo(f"Answers written to {answers_file}", err=True)
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
        emit_json(report)
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
        imported, _ = import_labs(labs_file, catalog, context)
        results += imported.results
    results += derive(results, catalog)
    context = replace(context, inflammation=inflammation_from(results, catalog))
    labs_interpreted = tuple(interpret(catalog, r, context) for r in results)
    diet = None
    path = db_path(ctx)
    if log is not None:
        if targets is None:
            raise InvalidAnswers(
                "a food log needs the profile (age and sex) in the answers file "
                "to compare intake with reference values"
            )
        with FoodDatabase(path) as db:
            diet = analyze_food_log(
                read_log(log),
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
