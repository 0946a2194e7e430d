"""`sleepmin data ...` and `sleepmin foods ...`."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.progress import TaskID

from sleepmin import usecases
from sleepmin.cli._shared import (
    Group,
    cli,
    console,
    db_path,
    emit_json,
    exclude_option,
    json_option,
    new_table,
    words,
)
from sleepmin.intake.targets import Diet
from sleepmin.nutrients import Mineral
from sleepmin.paths import OFFICIAL_SOURCE_URL, SOURCE_ENV, download_cache_dir

# -- data ------------------------------------------------------------------------------------


@cli.group(cls=Group)
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
@click.option(
    "--partial",
    is_flag=True,
    help="Import a part of a release on purpose (a filtered ABBREV.txt, say): its record "
    "counts are not compared with USDA's; every other check still applies.",
)
@json_option
@click.pass_context
def data_install(
    ctx: click.Context, source: str | None, force: bool, partial: bool, as_json: bool
) -> None:
    """Import USDA food composition data (SR28 or FoodData Central CSV) into SQLite.

    The release is checked first (USDA's record counts, every food with nutrient values, values
    food can hold) and refused, naming the file, if it breaks them. The new database is built
    beside the old one and swapped in only when complete; the same release again is a no-op
    unless --force. The default download also fetches USDA's supporting data (1 MB) for the
    FNDDS ingredient list that food search uses to prefer everyday foods; if that fails, the
    foods are installed without it and a note says so.

    Example:  sleepmin data install --source ../shared/data/fdc
    """
    if source is not None and not source.strip():
        raise click.UsageError(
            "--source is empty; give a folder, a zip, ABBREV.txt or a URL, or leave --source "
            "out to download USDA's release"
        )
    chosen = source or os.environ.get(SOURCE_ENV) or OFFICIAL_SOURCE_URL
    database = db_path(ctx)
    cache = download_cache_dir(ctx.obj["data_dir"])
    with _progress_bar(enabled=not as_json) as progress:
        result = usecases.install_foods(
            chosen, database, cache, force=force, partial=partial, progress=progress
        )
    for notice in result.notices:
        click.echo(f"Note: {notice}", err=True)
    if as_json:
        emit_json(usecases.install_summary(result).to_json())
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
    status = usecases.database_status(db_path(ctx))
    if as_json:
        emit_json(usecases.status_summary(status).to_json())
        return
    console.print(f"Food database: {status.path}")
    console.print(f"Installed {status.installed_at} from {status.source}")
    table = new_table("release", "version", "foods")
    for release, count in status.releases:
        table.add_row(release.name, release.version, f"{count:,}")
    console.print(table)
    console.print(f"{status.foods:,} foods, {status.portions:,} household measures")
    console.print(
        f"Population summary: {usecases.population_status(db_path(ctx).parent)}",
        highlight=False,
    )
    if status.fndds_ingredients:
        console.print(
            f"Everyday-food prior: {status.fndds_ingredient_foods:,} foods are FNDDS 2019-2020 "
            f"ingredients (from {status.fndds_ingredients})"
        )
    else:
        console.print(
            "Everyday-food prior: not installed (the source had no FNDDS ingredient table, "
            "fndds_ingredient_nutrient_value.csv; see docs/data.md)"
        )
    reporting = new_table(
        "nutrient", "foods reporting it", title="Coverage (missing is never zero)"
    )
    for name, count in status.nutrient_counts.items():
        reporting.add_row(name, f"{count:,} of {status.foods:,}")
    console.print(reporting)


@data.command("build-population")
@click.option(
    "--source",
    metavar="FOLDER",
    help="A folder with the CDC's NHANES 2017-2018 files (DEMO_J, DR1TOT_J, DR2TOT_J, SLQ_J as "
    ".XPT, or .csv copies) (env SLEEPMIN_NHANES_SOURCE; default: download them from the CDC).",
)
@json_option
@click.pass_context
def data_build_population(ctx: click.Context, source: str | None, as_json: bool) -> None:
    """Build the population summary from NHANES 2017-2018: usual intakes of the six minerals by
    sex and DRI age group (weighted percentiles, share below the EAR) and the survey's sleep
    evidence, written beside the food database. The same files give the same summary.

    Example:  sleepmin data build-population --source ../shared/data/nhanes/2017-2018
    """
    data_dir = db_path(ctx).parent
    built = usecases.build_population(
        data_dir,
        source=usecases.check_build_source(source),
        cache=download_cache_dir(ctx.obj["data_dir"]) / "nhanes-2017-2018",
    ).to_json()
    if as_json:
        emit_json(built)
        return
    console.print(f"Built the {built['survey']} summary into {built['path']}")
    console.print(f"{len(built['groups'])} groups by sex and DRI age group", highlight=False)
    for group in built["not_built"]:
        console.print(f"Not built: {group['label']}: {group['reason']}", highlight=False)


# -- foods -----------------------------------------------------------------------------------


@cli.group(cls=Group)
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
    with usecases.FoodDatabase(db_path(ctx)) as db:
        hits = usecases.search_foods(db, text, limit)
    if as_json:
        emit_json(usecases.search_results(hits).to_json())
        return
    # the table reads the hits themselves: type-ahead speed, without loading the JSON models
    rows = [hit.to_json() for hit in hits]
    if not rows:
        console.print(f"No food matches {text!r}. Try fewer or simpler words.")
        return
    table = new_table("id", "description", "food group", "score")
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
    with usecases.FoodDatabase(db_path(ctx)) as db:
        food = usecases.show_food(db, food_id)
    data = usecases.food_details(food).to_json()
    if as_json:
        emit_json(data)
        return
    console.print(
        f"[bold]{food.description}[/bold]  ({_display_id(data)}; {food.food_group or ''})"
    )
    table = new_table("per 100 g", "amount")
    for name, value in data["nutrients_per_100g"].items():
        table.add_row(name, "not reported" if value is None else f"{value:g}")
    console.print(table)
    portions = new_table("household measure", "grams")
    for portion in food.portions:
        portions.add_row(portion.description, f"{portion.grams:g}")
    console.print(portions)


def _display_id(row: dict[str, Any]) -> str:
    if row.get("ndb_number"):
        return f"NDB {row['ndb_number']}"
    return f"FDC {row['fdc_id']}"


@contextmanager
def _progress_bar(*, enabled: bool) -> Iterator[usecases.ProgressCallback | None]:
    """A rich progress bar on a terminal; nothing when piped or for --json."""
    if not (enabled and sys.stderr.isatty()):
        yield None
        return
    from rich.console import Console  # noqa: PLC0415 - only on a terminal
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn  # noqa: PLC0415

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


@foods.command("best")
@click.argument("mineral", type=click.Choice([m.value for m in Mineral]), metavar="MINERAL")
@click.option(
    "--per",
    type=click.Choice(["portion", "100kcal"]),
    default="portion",
    show_default=True,
    help="Rank by the amount in a realistic portion, or per 100 kcal.",
)
@exclude_option
@click.option(
    "--diet",
    type=click.Choice(["omnivore", "vegetarian", "vegan"]),
    default="omnivore",
    show_default=True,
)
@click.option("--limit", type=int, default=10, show_default=True, help="How many foods.")
@click.option(
    "--gap",
    "gap_mg",
    type=float,
    metavar="MG",
    help="A shortfall to close (e.g. from `diet analyze`): rank by how much of it one portion "
    "closes.",
)
@json_option
@click.pass_context
def best(
    ctx: click.Context,
    mineral: str,
    per: str,
    exclude: tuple[str, ...],
    diet: str,
    limit: int,
    gap_mg: float | None,
    as_json: bool,
) -> None:
    """The common foods that give most of a mineral in a realistic portion (or per 100 kcal,
    or of a shortfall with --gap), with absorption notes.

    Example:  sleepmin foods best zinc --diet vegetarian --exclude dairy
    """
    with usecases.FoodDatabase(db_path(ctx)) as db:
        result = usecases.best_foods(
            Mineral(mineral),
            db,
            per=per,  # type: ignore[arg-type]  # a click.Choice of the two
            exclude=words(exclude),
            diet=Diet(diet),
            limit=limit,
            gap_mg=gap_mg,
        ).to_json()
    if as_json:
        emit_json(result)
        return
    table = new_table("portion", "mg", "% of target", "per 100 kcal", "kcal", "")
    for food in result["foods"]:
        table.add_row(
            f"{food['portion']} — {food['description']}",
            f"{food['amount_mg']:.1f}",
            f"{food['share_of_target']:.0f}",
            "" if food["per_100kcal_mg"] is None else f"{food['per_100kcal_mg']:.1f}",
            f"{food['kcal']:.0f}",
            food["note"] or "",
        )
    console.print(table)
    for note in result["notes"]:
        console.print(note, markup=False, highlight=False, style="dim")
