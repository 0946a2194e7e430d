"""`sleepmin diary ...`: the sleep diary (Consensus Sleep Diary metrics)."""

from __future__ import annotations

from pathlib import Path

import click

from sleepmin import usecases
from sleepmin.cli._shared import cli, console, emit_json, json_option, new_table


@cli.group("diary")
def diary() -> None:
    """The sleep diary: Consensus Sleep Diary metrics night by night."""


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
    console.print(summary["note"], markup=False, highlight=False, style="dim")


def _hm(minutes: float | None) -> str:
    if minutes is None:
        return ""
    hours, rest = divmod(round(minutes), 60)
    return f"{hours}:{rest:02d}"
