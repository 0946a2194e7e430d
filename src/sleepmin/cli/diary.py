"""`sleepmin diary ...`: the sleep diary (Consensus Sleep Diary metrics)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from sleepmin import usecases
from sleepmin.cli._shared import (
    cli,
    console,
    db_path,
    emit_json,
    json_option,
    new_table,
    open_people,
)


@cli.group("diary")
def diary() -> None:
    """The sleep diary: Consensus Sleep Diary metrics night by night."""


_ZONE = click.option(
    "--tz",
    "zone",
    metavar="ZONE",
    help="The time zone of the clock times (IANA, e.g. Europe/Berlin); default: the system's.",
)
METRICS = ["se_pct", "tst_min", "sol_min", "waso_min", "tib_min", "awakenings", "quality"]
METRICS = ["se_pct", "tst_min", "sol_min", "waso_min", "tib_min", "awakenings", "quality"]
_METRIC = click.option(
    "--metric",
    default="se_pct",
    show_default=True,
    type=click.Choice(METRICS),
    help="The sleep metric (se_pct, tst_min, sol_min, waso_min, tib_min, awakenings, quality).",
)
_PERSON = click.option("--person", "name", required=True, metavar="NAME", help="Whose diary.")


@diary.command("add")
@_PERSON
@click.option(
    "--date",
    "night",
    required=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The evening the night began.",
)
@click.option("--bed", required=True, metavar="HH:MM", help="Into bed.")
@click.option("--try", "tried", required=True, metavar="HH:MM", help="Started trying to sleep.")
@click.option("--sol", type=float, required=True, metavar="MIN", help="Minutes to fall asleep.")
@click.option("--awakenings", type=int, required=True, help="Awakenings, not the final one.")
@click.option("--waso", type=float, required=True, metavar="MIN", help="Minutes awake in them.")
@click.option("--wake", required=True, metavar="HH:MM", help="Final awakening.")
@click.option("--up", required=True, metavar="HH:MM", help="Out of bed for the day.")
@click.option("--quality", type=click.IntRange(1, 5), help="1 very poor … 5 very good.")
@click.option("--notes", default="", help="Comments.")
@_ZONE
@json_option
@click.pass_context
def add(
    ctx: click.Context,
    name: str,
    night: dt.datetime,
    bed: str,
    tried: str,
    sol: float,
    awakenings: int,
    waso: float,
    wake: str,
    up: str,
    quality: int | None,
    notes: str,
    zone: str | None,
    as_json: bool,
) -> None:
    """Keep one night of the person's sleep diary (the same evening again replaces it); an
    impossible night is refused, naming the field, and nothing is kept.

    Example:  sleepmin diary add --person alex --date 2026-03-02 --bed 23:00 --try 23:30
              --sol 20 --awakenings 2 --waso 40 --wake 06:30 --up 07:00
    """
    entry = usecases.NightEntry(
        date=night.date(),
        bed_time=_clock(bed, "--bed"),
        try_time=_clock(tried, "--try"),
        sol_min=sol,
        awakenings=awakenings,
        waso_min=waso,
        final_wake=_clock(wake, "--wake"),
        out_of_bed=_clock(up, "--up"),
        quality=quality,
        notes=notes[:2000],
    )
    result = usecases.diary_add(
        open_people(ctx), name, entry, zone=zone, today=dt.date.today()
    ).to_json()
    if as_json:
        emit_json(result)
        return
    _print(result)


def _clock(text: str, option: str) -> dt.time:
    try:
        return dt.time.fromisoformat(text.strip())
    except ValueError:
        raise click.BadParameter(
            f"{text!r} is not a clock time; give HH:MM", param_hint=option
        ) from None


@diary.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_PERSON
@_ZONE
@click.pass_context
def import_(ctx: click.Context, file: Path, name: str, zone: str | None) -> None:
    """Keep every night of a diary CSV, or of an Apple Health export (export.xml or its zip),
    for the person in one transaction (docs/diary.md); a night already kept is replaced, never
    doubled, and impossible rows are listed, not kept.
    """
    kept = usecases.diary_import_file(open_people(ctx), name, file, zone=zone)
    click.echo(
        f"Kept {kept.added} new night(s) for {name}"
        + (f", replaced {kept.replaced}" if kept.replaced else "")
        + (f"; {len(kept.refused)} row(s) not kept:" if kept.refused else ""),
        err=True,
    )
    for row in kept.refused:
        problems = "; ".join(f"{e['field']}: {e['problem']}" for e in row["errors"])
        click.echo(f"  line {row['line']} ({row['date']}): {problems}", err=True)


@diary.command("show")
@_PERSON
@click.option("--weeks", type=int, default=2, show_default=True, help="How many weeks back.")
@json_option
@click.pass_context
def show(ctx: click.Context, name: str, weeks: int, as_json: bool) -> None:
    """The person's kept nights of the last N weeks, with their metrics and summary."""
    result = usecases.diary_show(open_people(ctx), name, weeks=weeks, today=dt.date.today())
    if as_json:
        emit_json(result.to_json())
        return
    _print(result.to_json())


@diary.command("compare")
@_PERSON
@click.option(
    "--from",
    "change",
    required=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The first night of 'after' (e.g. the day you started a supplement).",
)
@_METRIC
@json_option
@click.pass_context
def compare(ctx: click.Context, name: str, change: dt.datetime, metric: str, as_json: bool) -> None:
    """Compare a sleep metric before a date and from it on: means, the difference with a 95 %
    interval that allows for night-to-night correlation, an effect size, and what such a
    comparison cannot tell (noise, placebo, regression to the mean, other changes).

    Example:  sleepmin diary compare --person alex --from 2026-03-03 --metric se_pct
    """
    result = usecases.diary_compare(
        open_people(ctx), name, change=change.date(), metric=metric, today=dt.date.today()
    ).to_json()
    if as_json:
        emit_json(result)
        return
    before, after = result["before"], result["after"]
    console.print(
        f"{metric}: before {before['mean']} ({before['nights']} nights), from "
        f"{result['change_date']} {after['mean']} ({after['nights']} nights)",
        markup=False,
        highlight=False,
    )
    if result["enough_nights"]:
        console.print(
            f"Difference {result['difference']:+g} (95 % interval {result['ci95_low']:+g} to "
            f"{result['ci95_high']:+g}); effect size g = {result['hedges_g']:+.2f}",
            markup=False,
            highlight=False,
        )
    for caveat in result["caveats"]:
        console.print(f"- {caveat}", markup=False, highlight=False, style="dim")


@diary.command("intake")
@_PERSON
@click.option("--weeks", type=int, default=4, show_default=True, help="How many weeks back.")
@_METRIC
@json_option
@click.pass_context
def intake(ctx: click.Context, name: str, weeks: int, metric: str, as_json: bool) -> None:
    """Daily mineral intake (kept food log and supplements) beside a sleep metric, with their
    correlation the same day and the day before, as exploration, not proof."""
    with usecases.FoodDatabase(db_path(ctx)) as foods:
        result = usecases.diary_intake(
            open_people(ctx), name, foods, weeks=weeks, metric=metric, today=dt.date.today()
        ).to_json()
    if as_json:
        emit_json(result)
        return
    for mineral, entries in result["correlations"].items():
        shown = ", ".join(
            f"lag {e['lag_days']}: "
            + ("—" if e["spearman"] is None else f"{e['spearman']:+.2f}")
            + f" ({e['pairs']} nights)"
            for e in entries
        )
        console.print(f"{mineral:<10} {shown}", markup=False, highlight=False)
    console.print(result["note"], markup=False, highlight=False, style="dim")


@diary.command("metrics")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--tz",
    "zone",
    metavar="ZONE",
    help="The time zone of the clock times (IANA, e.g. Europe/Berlin); default: the system's.",
)
@json_option
def metrics(file: Path, zone: str | None, as_json: bool) -> None:
    """Compute each night's time in bed, total sleep time, sleep-onset latency, wake after
    sleep onset and sleep efficiency from a diary CSV (docs/diary.md); nothing is stored.

    Example:  sleepmin diary metrics diary.csv --tz Europe/Berlin
    """
    result = usecases.diary_metrics(usecases.read_diary_file(file), zone).to_json()
    if as_json:
        emit_json(result)
        return
    _print(result)


def _print(result: dict[str, Any]) -> None:
    table = new_table("night", "TIB", "TST", "SOL", "WASO", "SE %", "")
    for night in result["nights"]:
        if night["valid"]:
            table.add_row(
                night["date"],
                _hm(night["tib_min"]),
                _hm(night["tst_min"]),
                f"{night['sol_min']:g}",
                f"{night['waso_min']:g}",
                f"{night['se_pct']:.0f}",
                "; ".join(night["clock_notes"]),
            )
        else:
            problems = "; ".join(f"{e['field']}: {e['problem']}" for e in night["errors"])
            table.add_row(night["date"] or f"line {night['line']}", "", "", "", "", "", problems)
    console.print(table)
    summary = result["summary"]
    mean = summary["mean"]
    console.print(
        f"{summary['valid_nights']} of {summary['nights']} nights valid ({summary['time_zone']})"
        + (
            f"; mean TST {_hm(mean['tst_min'])}, SOL {mean['sol_min']:g} min, WASO "
            f"{mean['waso_min']:g} min, SE {mean['se_pct']:.0f} %"
            if summary["valid_nights"]
            else ""
        ),
        markup=False,
        highlight=False,
    )
    if len(summary["weeks"]) > 1:
        console.print("Weekly means:", markup=False, highlight=False)
        for week in summary["weeks"]:
            console.print(
                f"  week of {week['week_of']}: SE {week['se_pct']:.0f} % "
                f"{_bar(week['se_pct'])}  TST {_hm(week['tst_min'])}, SOL "
                f"{week['sol_min']:g} min, WASO {week['waso_min']:g} min ({week['nights']} nights)",
                markup=False,
                highlight=False,
            )
    console.print(summary["note"], markup=False, highlight=False, style="dim")


def _bar(percent: float) -> str:
    """Sleep efficiency as a bar of 20 cells (5 % each): a trend readable in any terminal."""
    filled = max(0, min(20, round(percent / 5)))
    return "█" * filled + "·" * (20 - filled)


def _hm(minutes: float | None) -> str:
    if minutes is None:
        return ""
    hours, rest = divmod(round(minutes), 60)
    return f"{hours}:{rest:02d}"
