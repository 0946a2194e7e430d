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
_METRIC = click.option(
    "--metric",
    default="se_pct",
    show_default=True,
    type=click.Choice(METRICS),
    help="The sleep metric (se_pct, tst_min, sol_min, waso_min, tib_min, awakenings, quality).",
)
_PERSON = click.option("--person", "name", required=True, metavar="NAME", help="Whose diary.")


# The night's items in the order a person recalls them: (option, prompt, kind).
NIGHT_ITEMS = (
    ("bed", "Into bed (HH:MM)", "clock"),
    ("tried", "Started trying to sleep (HH:MM)", "clock"),
    ("sol", "Minutes to fall asleep", "minutes"),
    ("awakenings", "Times you woke up, not counting the last", "count"),
    ("waso", "Minutes awake in those times, all together", "minutes"),
    ("wake", "Final awakening (HH:MM)", "clock"),
    ("up", "Out of bed (HH:MM)", "clock"),
)
_LAST_NIGHT_KEYS = {
    "bed": "bed_time",
    "tried": "try_time",
    "sol": "sol_min",
    "awakenings": "awakenings",
    "waso": "waso_min",
    "wake": "final_wake",
    "up": "out_of_bed",
}


@diary.command("add")
@_PERSON
@click.option(
    "--date",
    "night",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The evening the night began (default: yesterday).",
)
@click.option("--bed", metavar="HH:MM", help="Into bed.")
@click.option("--try", "tried", metavar="HH:MM", help="Started trying to sleep.")
@click.option("--sol", type=float, metavar="MIN", help="Minutes to fall asleep.")
@click.option("--awakenings", type=int, help="Awakenings, not the final one.")
@click.option("--waso", type=float, metavar="MIN", help="Minutes awake in them.")
@click.option("--wake", metavar="HH:MM", help="Final awakening.")
@click.option("--up", metavar="HH:MM", help="Out of bed for the day.")
@click.option("--quality", type=click.IntRange(1, 5), help="1 very poor … 5 very good.")
@click.option("--naps", type=click.FloatRange(0, 1440), metavar="MIN", help="Minutes of naps.")
@click.option("--caffeine", type=click.IntRange(0, 50), metavar="N", help="Caffeinated drinks.")
@click.option("--alcohol", type=click.IntRange(0, 50), metavar="N", help="Alcoholic drinks.")
@click.option(
    "--medication",
    default="",
    metavar="TEXT",
    help='Medication or supplements taken for the night, e.g. "magnesium 200 mg at 21:00".',
)
@click.option("--notes", default="", help="Comments.")
@click.option(
    "--interactive",
    "-i",
    is_flag=True,
    help="Ask for each item not given, offering the last kept night's as the default.",
)
@_ZONE
@json_option
@click.pass_context
def add(
    ctx: click.Context,
    /,
    name: str,
    night: dt.datetime | None,
    quality: int | None,
    naps: float | None,
    caffeine: int | None,
    alcohol: int | None,
    medication: str,
    notes: str,
    interactive: bool,
    zone: str | None,
    as_json: bool,
    **items: Any,
) -> None:
    """Keep one night of the person's sleep diary (the same evening again replaces it); an
    impossible night is refused, naming the field, and nothing is kept. Give every item as an
    option, or --interactive to be asked for the ones not given.

    Example:  sleepmin diary add --person alex --date 2026-03-02 --bed 23:00 --try 23:30
              --sol 20 --awakenings 2 --waso 40 --wake 06:30 --up 07:00
    """
    store = open_people(ctx)
    today = dt.date.today()
    missing = [key for key, _, _ in NIGHT_ITEMS if items[key] is None]
    if missing and not interactive:
        options = ", ".join("--" + ("try" if key == "tried" else key) for key in missing)
        raise click.UsageError(f"give {options}, or --interactive to be asked for them")
    if interactive:
        items, quality = _ask_night(store, name, items, quality)
    entry = usecases.NightEntry(
        date=night.date() if night else today - dt.timedelta(days=1),
        bed_time=_clock(items["bed"], "--bed"),
        try_time=_clock(items["tried"], "--try"),
        sol_min=float(items["sol"]),
        awakenings=int(items["awakenings"]),
        waso_min=float(items["waso"]),
        final_wake=_clock(items["wake"], "--wake"),
        out_of_bed=_clock(items["up"], "--up"),
        quality=quality,
        naps_min=naps,
        caffeine=caffeine,
        alcohol=alcohol,
        notes=notes[:2000],
        medication=medication[:500],
    )
    result = usecases.diary_add(store, name, entry, zone=zone, today=today).to_json()
    if as_json:
        emit_json(result)
        return
    _print(result)


def _ask_night(
    store: Any, name: str, given: dict[str, Any], quality: int | None
) -> tuple[dict[str, Any], int | None]:
    """The items not given, asked one by one (to stderr, so --json stays clean); each offers
    the person's last kept night's answer as its default."""
    last = usecases.last_night(store, name) or {}
    answers = dict(given)
    for key, prompt, kind in NIGHT_ITEMS:
        if answers[key] is not None:
            continue
        default = last.get(_LAST_NIGHT_KEYS[key])
        if kind == "clock":
            answers[key] = click.prompt(
                prompt, default=default, value_proc=_clock_answer, err=True
            ).strftime("%H:%M")
        else:
            answers[key] = click.prompt(
                prompt,
                default=None if default is None else f"{float(default):g}",
                value_proc=_count_answer if kind == "count" else _minutes_answer,
                err=True,
            )
    if quality is None:
        said = click.prompt(
            "How well did you sleep? 1 very poor … 5 very good (Enter to skip)",
            default="",
            show_default=False,
            type=click.Choice(["", "1", "2", "3", "4", "5"]),
            show_choices=False,
            err=True,
        )
        quality = int(said) if said else None
    return answers, quality


def _minutes_answer(text: str) -> float:
    try:
        minutes = float(str(text).strip())
    except ValueError:
        minutes = -1.0
    if not 0 <= minutes <= 1440:
        raise click.BadParameter(f"{text!r} is not a number of minutes; give 0 to 1440")
    return minutes


def _count_answer(text: str) -> int:
    said = str(text).strip()
    if not said.isdigit() or int(said) > 100:
        raise click.BadParameter(f"{text!r} is not a count; give a whole number, 0 to 100")
    return int(said)


def _clock_answer(text: str) -> dt.time:
    try:
        return dt.time.fromisoformat(str(text).strip())
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a clock time; give HH:MM, e.g. 23:15") from None


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
