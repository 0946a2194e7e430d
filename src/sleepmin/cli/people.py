"""`sleepmin person ...` and `sleepmin log ...`: the people whose data is kept, and their food
log."""

from __future__ import annotations

import datetime as dt
import sys

import click

from sleepmin import usecases
from sleepmin.cli._shared import (
    Group,
    cli,
    console,
    db_path,
    emit_json,
    json_option,
    make_profile,
    open_people,
    profile_options,
)


@cli.group(cls=Group)
def person() -> None:
    """Add, show, export and delete the people whose data sleepmin keeps.

    The store is SQLite in the data directory, or PostgreSQL when DATABASE_URL is set.
    """


def _print_summary(data: dict[str, object]) -> None:
    profile = data["profile"]
    stored = data["stored"]
    assert isinstance(profile, dict) and isinstance(stored, dict)
    flags = [k.replace("_", " ") for k in ("pregnant", "lactating", "heavy_periods") if profile[k]]
    console.print(  # a name is the person's own text: never read as markup
        f"{data['name']}: {profile['age_years']:g} y, {profile['sex']}, "
        f"{profile['diet']}" + (f", {', '.join(flags)}" if flags else ""),
        markup=False,
        highlight=False,
    )
    console.print(
        "  kept: " + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in stored.items()),
        markup=False,
        highlight=False,
    )


@person.command("add")
@click.argument("name")
@profile_options
@json_option
@click.pass_context
def person_add(
    ctx: click.Context,
    name: str,
    age: float,
    sex: str,
    pregnant: bool,
    lactating: bool,
    diet: str,
    heavy_periods: bool,
    as_json: bool,
) -> None:
    """Add a person with their profile; later commands take --person NAME instead.

    Example:  sleepmin person add alex --age 34 --sex female --diet vegetarian
    """
    profile = make_profile(age, sex, pregnant, lactating, diet, heavy_periods)
    data = usecases.add_person(open_people(ctx), name, profile).to_json()
    if as_json:
        emit_json(data)
        return
    _print_summary(data)


@person.command("update")
@click.argument("name")
@click.option("--age", type=float, help="Age in years; decimals for infants.")
@click.option("--sex", type=click.Choice(["female", "male"]))
@click.option("--pregnant/--not-pregnant", default=None, help="Pregnancy DRIs (or not).")
@click.option("--lactating/--not-lactating", default=None, help="Lactation DRIs (or not).")
@click.option("--diet", type=click.Choice(["omnivore", "vegetarian", "vegan"]))
@click.option("--heavy-periods/--no-heavy-periods", default=None)
@json_option
@click.pass_context
def person_update(
    ctx: click.Context,
    name: str,
    age: float | None,
    sex: str | None,
    pregnant: bool | None,
    lactating: bool | None,
    diet: str | None,
    heavy_periods: bool | None,
    as_json: bool,
) -> None:
    """Change a person's profile: what is given changes, the rest is kept.

    Example:  sleepmin person update alex --age 35 --pregnant
    """
    data = usecases.update_person(
        open_people(ctx),
        name,
        age_years=age,
        sex=None if sex is None else usecases.Sex(sex),
        pregnant=pregnant,
        lactating=lactating,
        diet=None if diet is None else usecases.Diet(diet),
        heavy_periods=heavy_periods,
    ).to_json()
    if as_json:
        emit_json(data)
        return
    _print_summary(data)


@person.command("list")
@json_option
@click.pass_context
def person_list(ctx: click.Context, as_json: bool) -> None:
    """List the people in the store.

    Example:  sleepmin person list
    """
    people = usecases.list_people(open_people(ctx))
    if as_json:
        emit_json([p.to_json() for p in people])
        return
    if not people:
        console.print("No one yet; add someone with `sleepmin person add NAME --age --sex`.")
    for summary in people:
        _print_summary(summary.to_json())


@person.command("show")
@click.argument("name")
@json_option
@click.pass_context
def person_show(ctx: click.Context, name: str, as_json: bool) -> None:
    """Show a person's profile and how much of their data is kept.

    Example:  sleepmin person show alex
    """
    data = usecases.show_person(open_people(ctx), name).to_json()
    if as_json:
        emit_json(data)
        return
    _print_summary(data)


@person.command("export")
@click.argument("name")
@click.pass_context
def person_export(ctx: click.Context, name: str) -> None:
    """Print everything kept about a person as JSON (profile, answers, food log, pins,
    supplements, labs, assessments).

    Example:  sleepmin person export alex > alex.json
    """
    emit_json(usecases.export_person(open_people(ctx), name).to_json())


@person.command("delete")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Delete without asking.")
@json_option
@click.pass_context
def person_delete(ctx: click.Context, name: str, yes: bool, as_json: bool) -> None:
    """Delete a person and every row of their data (export first to keep a copy).

    Example:  sleepmin person delete alex --yes
    """
    store = open_people(ctx)
    shown = usecases.show_person(store, name)  # a name that is not there is said first
    if not yes:
        if sys.stdin is None or not sys.stdin.isatty():
            raise click.UsageError(
                f"deleting {shown.name} and all their data needs confirmation; add --yes "
                f"(export first to keep a copy: sleepmin person export {shown.name})"
            )
        click.confirm(f"Delete {shown.name} and all their data?", abort=True, err=True)
    data = usecases.delete_person(store, name).to_json()
    if as_json:
        emit_json(data)
        return
    removed = data["removed"]
    assert isinstance(removed, dict)
    console.print(
        f"Deleted {data['name']} ({sum(removed.values())} rows).", markup=False, highlight=False
    )


# -- the food log -------------------------------------------------------------------------


@cli.group(cls=Group)
def log() -> None:
    """Keep a person's food log, a meal or a day at a time."""


@log.command("add")
@click.argument("text")
@click.option("--person", "name", required=True, metavar="NAME", help="Whose log.")
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day eaten (YYYY-MM-DD; default today).",
)
@json_option
@click.pass_context
def log_add(
    ctx: click.Context, text: str, name: str, day: dt.datetime | None, as_json: bool
) -> None:
    """Add what was eaten (one food a line) to a person's log, read as USDA foods now.

    Example:  sleepmin log add "2 bananas" --person alex --date 2026-11-25
    """
    today = dt.date.today()
    with usecases.FoodDatabase(db_path(ctx)) as foods:
        data = usecases.log_add(
            open_people(ctx),
            name,
            text,
            foods,
            day=day.date() if day else today,
            today=today,
        ).to_json()
    if as_json:
        emit_json(data)
        return
    _print_lines(data)


@log.command("show")
@click.option("--person", "name", required=True, metavar="NAME", help="Whose log.")
@click.option("--days", type=int, default=7, show_default=True, help="How many days back.")
@json_option
@click.pass_context
def log_show(ctx: click.Context, name: str, days: int, as_json: bool) -> None:
    """Show a person's food log of the last days, as each line was read.

    Example:  sleepmin log show --person alex --days 14
    """
    data = usecases.log_show(open_people(ctx), name, days=days, today=dt.date.today()).to_json()
    if as_json:
        emit_json(data)
        return
    _print_lines(data)


def _print_lines(data: dict[str, object]) -> None:
    lines = data["lines"]
    assert isinstance(lines, list)
    if not lines:
        console.print(
            f"Nothing logged from {data['from']} to {data['to']}.", markup=False, highlight=False
        )
    day = None
    for line in lines:
        if line["date"] != day:
            day = line["date"]
            console.print(str(day), style="bold", markup=False, highlight=False)
        if line["status"] == "matched":
            grams = "?" if line["grams"] is None else f"{line['grams']:g} g"
            read = f"{line['description']}, {grams}"
        else:
            read = str(line["status"]).replace("_", " ")
        console.print(f'  "{line["line"]}" -> {read}', markup=False, highlight=False)


# -- supplements --------------------------------------------------------------------------


@cli.group(cls=Group)
def supplements() -> None:
    """Keep the supplements a person takes; --person on diet analyze and safety check counts
    them."""


def _print_supplements(name: str, kept: list[str], as_json: bool) -> None:
    if as_json:
        emit_json(usecases.KeptSupplements(person=name, supplements=kept).to_json())
        return
    if not kept:
        console.print(f"No supplements kept for {name}.", markup=False)
    for text in kept:
        console.print(f"- {text}", markup=False, highlight=False)


@supplements.command("add")
@click.argument("text")
@click.option("--person", "name", required=True, metavar="NAME", help="Who takes it.")
@json_option
@click.pass_context
def supplements_add(ctx: click.Context, text: str, name: str, as_json: bool) -> None:
    """Keep a supplement the person takes (mineral, form and amount, as on the label).

    Example:  sleepmin supplements add "magnesium glycinate 200 mg" --person alex
    """
    kept = usecases.add_supplement(open_people(ctx), name, text)
    _print_supplements(kept.person, kept.supplements, as_json)


@supplements.command("remove")
@click.argument("text")
@click.option("--person", "name", required=True, metavar="NAME", help="Who took it.")
@json_option
@click.pass_context
def supplements_remove(ctx: click.Context, text: str, name: str, as_json: bool) -> None:
    """Stop keeping a supplement (as listed).

    Example:  sleepmin supplements remove "magnesium glycinate 200 mg" --person alex
    """
    kept = usecases.remove_supplement(open_people(ctx), name, text)
    _print_supplements(kept.person, kept.supplements, as_json)


@supplements.command("list")
@click.option("--person", "name", required=True, metavar="NAME", help="Whose.")
@json_option
@click.pass_context
def supplements_list(ctx: click.Context, name: str, as_json: bool) -> None:
    """The supplements kept for a person.

    Example:  sleepmin supplements list --person alex
    """
    _print_supplements(name, usecases.kept_supplements(open_people(ctx), name), as_json)
