"""`sleepmin targets` and `sleepmin diet analyze`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import click
from rich.console import Console, JustifyMethod
from rich.markup import escape
from rich.table import Table

from sleepmin import usecases
from sleepmin.cli._shared import (
    Group,
    chosen_profile,
    cli,
    console,
    db_path,
    emit_json,
    json_option,
    person_or_profile_options,
    supplement_option,
    warn,
)
from sleepmin.report import format as fmt
from sleepmin.store import saved_pins

# -- targets and diet ------------------------------------------------------------------------


@cli.command("targets")
@person_or_profile_options
@json_option
@click.pass_context
def targets_command(
    ctx: click.Context,
    person: str | None,
    age: float | None,
    sex: str | None,
    pregnant: bool,
    lactating: bool,
    diet: str,
    heavy_periods: bool,
    as_json: bool,
) -> None:
    """Show a person's mineral targets: RDA or AI, EAR and UL, with sources.

    Example:  sleepmin targets --age 32 --sex female --diet vegetarian
    """
    profile, _ = chosen_profile(ctx, person, age, sex, pregnant, lactating, diet, heavy_periods)
    data = usecases.show_targets(profile).to_json()
    if as_json:
        emit_json(data)
        return
    _print_targets(data)


def _print_targets(data: dict[str, Any], out: Console | None = None) -> None:
    out = out or console
    profile = data["profile"]
    out.print(f"[bold]Reference intakes[/bold] for {data['life_stage']} ({profile['diet']})")
    rows = [
        (
            fmt.mineral_name(name),
            f"{fmt.mg(target['target']['value_mg'])} {target['target']['type']}",
            fmt.mg(target["ear_mg"]) if target["ear_mg"] is not None else "-",
            fmt.mg(target["ul_mg"])
            if target["ul_mg"] is not None
            else target["ul_status"].replace("_", " "),
            target["ul_applies_to"],
        )
        for name, target in data["minerals"].items()
    ]
    table = fit_table(
        ["Mineral", ("Target", "right"), ("EAR", "right"), ("Upper limit", "right"), "Applies to"],
        rows,
    )
    out.print(table)
    for name, target in data["minerals"].items():
        for adjustment in target["adjustments"]:
            out.print(f"- {name}: {adjustment['reason']} ({adjustment['source']})")
    for note in data["notes"]:
        out.print(f"- {note}")


@cli.group(cls=Group)
def diet() -> None:
    """Analyse what a person eats against their mineral targets."""


@diet.command("analyze")
@click.argument("log", required=False, type=click.Path(dir_okay=False, path_type=Path))
@person_or_profile_options
@click.option(
    "--days",
    type=int,
    default=7,
    show_default=True,
    help="With --person and no LOG: how many days of their kept log to analyse.",
)
@supplement_option
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
    log: Path | None,
    person: str | None,
    age: float | None,
    sex: str | None,
    pregnant: bool,
    lactating: bool,
    diet: str,
    heavy_periods: bool,
    days: int,
    supplements: tuple[str, ...],
    pins_file: Path | None,
    no_save_pins: bool,
    as_json: bool,
) -> None:
    """Analyse a food log (plain text or CSV; docs/food-log.md) against DRI targets; with
    --person, the person's profile and pins, and without LOG their kept log (sleepmin log add).

    Example:  sleepmin diet analyze meals.txt --age 32 --sex female --supplement "zinc 15 mg"
    """
    profile, store = chosen_profile(ctx, person, age, sex, pregnant, lactating, diet, heavy_periods)
    today = dt.date.today()
    food_log = usecases.read_food_log(log) if log is not None else None
    extra = usecases.read_pins(pins_file) if pins_file is not None else None
    with usecases.FoodDatabase(db_path(ctx)) as db:
        if store is not None and person is not None:
            result = usecases.analyze_diet_for(
                store,
                person,
                db,
                today=today,
                log=food_log,
                days=days,
                supplements=supplements,
                extra_pins=extra,
                remember_pins=not no_save_pins,
            )
        elif food_log is None:
            raise click.UsageError(
                "give a food log file, or --person NAME to analyse their kept log"
            )
        else:
            result = usecases.analyze_diet(
                food_log,
                db,
                profile,
                today=today,
                supplements=supplements,
                pins=saved_pins(ctx.obj["data_dir"]),
                extra_pins=extra,
                remember_pins=not no_save_pins,
            )
    warn(result.warnings)
    if result.kept is not None and person is not None:
        _say_kept(result.kept, person)
    data = result.to_json()
    if as_json:
        emit_json(data)
        return
    _print_analysis(data)


def _say_kept(kept: usecases.KeptLog, person: str) -> None:
    click.echo(
        f"Kept {kept.kept} new line(s) of the log for {person}"
        + (f" ({kept.already} already kept)" if kept.already else ""),
        err=True,
    )
    if kept.undated:
        warn(
            (
                f"{kept.undated} line(s) have no date and were not kept; put a date heading "
                "(e.g. 2026-03-02) above them to keep them",
            )
        )


def _print_analysis(data: dict[str, Any], out: Console | None = None) -> None:
    """`diet analyze` in the terminal: counts, the intake and Upper Limit tables (both fit 80
    columns), main sources, the log as matched, the lines to check and the notes."""
    out = out or console
    counts = data["item_counts"]
    out.print(
        f"[bold]{len(data['days'])} day(s)[/bold], {counts['matched']} foods matched, "
        f"{counts['ambiguous']} ambiguous, {counts['not_understood']} not understood"
        + (f", {counts['not_food']} not food" if counts.get("not_food") else "")
        + f" ({data['life_stage']})"
    )
    print_intake(data, out)
    sources = [
        (name, m["top_sources"][:3]) for name, m in data["minerals"].items() if m["top_sources"]
    ]
    if sources:
        out.print("[bold]Main sources[/bold]")
        grid = list_grid()
        for name, top in sources:
            listed = "; ".join(
                f"{s['description']} ({fmt.mg(float(s['mg_per_day']))})" for s in top
            )
            grid.add_row(f"{fmt.mineral_name(name)}:", escape(listed))
        out.print(grid)
    print_population(data.get("population"), out)
    print_matched_foods(data, out)
    for note in data["notes"]:
        out.print(f"[dim]{escape(note)}[/dim]")


def _percentile_words(percentile: float) -> str:
    if percentile < 1:
        return "below 1st"
    if percentile > 99:
        return "above 99th"
    return f"{percentile:.0f}"


def print_population(population: dict[str, Any] | None, out: Console) -> None:
    """Where the logged food intakes lie among US people of the same sex and age group."""
    if not population:
        return
    if not population["available"]:
        out.print(f"[dim]{escape(str(population['reason']))}[/dim]")
        return
    right: JustifyMethod = "right"
    rows = []
    for name, m in population["minerals"].items():
        percentile = m["percentile"]
        rows.append(
            (
                fmt.mineral_name(name),
                _amount(m["food_mg"]),
                "-" if percentile is None else _percentile_words(float(percentile)),
                _amount(m["median_mg"]),
                "-" if m["share_below_ear"] is None else f"{m['share_below_ear']:.0%}",
            )
        )
    table = fit_table(
        [
            "Mineral",
            ("Logged food", right),
            ("Percentile", right),
            ("Group median", right),
            ("Group below EAR", right),
        ],
        rows,
        title=escape(
            f"Among US {population['label']} ({population['survey']}, food only), mg a day"
        ),
    )
    out.print(table)
    out.print(
        "[dim]Percentile: the share of the group whose usual intake from food is below what "
        "was logged.[/dim]"
    )
    for caveat in population["caveats"]:
        out.print(f"[dim]{escape(caveat)}[/dim]")


def fit_table(
    columns: Sequence[str | tuple[str, JustifyMethod]],
    rows: Iterable[Sequence[str]],
    title: str | None = None,
) -> Table:
    """A table that never cuts a word: each column is at least as wide as the longest word in
    its header and cells, so at 80 columns Rich wraps cells at spaces instead of writing
    "miner…"."""
    table = Table(title=title, title_justify="left")
    body = [list(r) for r in rows]
    for i, column in enumerate(columns):
        justify: JustifyMethod = "left"
        if isinstance(column, str):
            header = column
        else:
            header, justify = column
        words = [w for text in (header, *(r[i] for r in body)) for w in text.split()]
        table.add_column(header, justify=justify, min_width=max(map(len, words), default=1))
    for r in body:
        table.add_row(*r)
    return table


WARNINGS_SHOWN = 10  # a long log's repeated checks: the first ten, then how many more


def print_intake(data: dict[str, Any], out: Console | None = None) -> None:
    """Logged intake against the reference, then the Upper Limits and what each covers."""
    out = out or console
    warnings = list(data.get("warnings") or [])
    for warning in warnings[:WARNINGS_SHOWN]:
        out.print(f"[bold yellow]Check:[/bold yellow] {escape(str(warning))}")
    if len(warnings) > WARNINGS_SHOWN:
        out.print(
            f"[bold yellow]Check:[/bold yellow] {len(warnings) - WARNINGS_SHOWN:,} more checks "
            "like these (--json lists them all)"
        )
    rows = []
    for name, m in data["minerals"].items():
        intake, pct = m["intake_mg_per_day"], m.get("percent_of_target")
        rows.append(
            (
                fmt.mineral_name(name),
                _amount(intake["food"]),
                _amount(intake["supplements"]),
                _amount(intake["total"]),
                f"{fmt.number(float(m['target']['value_mg']))} {m['target']['type']}",
                "-" if pct is None else fmt.number(float(pct)),
                fmt.probability(m.get("probability_inadequate")),
                f"{m['coverage']['reporting']}/"
                f"{m['coverage'].get('food_items', m['coverage']['logged'])}",
            )
        )
    right: JustifyMethod = "right"
    table = fit_table(
        [
            "Mineral",
            ("Food", right),
            ("Suppl.", right),
            ("Total", right),
            "Reference",
            ("%", right),
            ("Chance too low", right),
            ("Foods", right),
        ],
        rows,
        title="Logged vs reference, mg a day",
    )
    out.print(table)
    out.print(
        "[dim]%: total as a percentage of the reference. Chance too low: estimated chance "
        "that usual intake is below need. Foods: how many of the log's foods count toward "
        "the mineral (a food not matched, or without a USDA value, is not a zero).[/dim]"
    )
    if any(m.get("evidence") == "none" for m in data["minerals"].values()):
        out.print("[dim]?: unknown, as no food in the log that reports it could be counted.[/dim]")
    limits = fit_table(
        ["Mineral", ("UL", right), ("Counted", right), "Status", "Applies to"],
        [
            (
                fmt.mineral_name(name),
                "none" if m.get("ul_mg") is None else fmt.mg(float(m["ul_mg"])),
                "-"
                if m.get("ul_mg") is None or m.get("ul_counted_mg") is None
                else fmt.mg(float(m["ul_counted_mg"])),
                str(m.get("ul_status", "")).replace("_", " "),
                str(m.get("ul_applies_to") or ""),
            )
            for name, m in data["minerals"].items()
        ],
        title="Upper Limits (UL)",
    )
    out.print(limits)


def _amount(value: Any) -> str:
    """A number of mg for the intake table; "?" where it is unknown (no food could count)."""
    return "?" if value is None else fmt.number(float(value))


def print_matched_foods(data: dict[str, Any], out: Console | None = None) -> None:
    """Each log line with the USDA food it was matched to and the grams counted, so a wrong
    match is easy to spot; lines that were not counted come with their reason and candidates."""
    out = out or console
    items = data.get("items") or []
    if not items:
        return
    if len(items) > GROUPED_FROM:
        _print_grouped_matches(items, out)
        return
    labels = [d.get("label") for d in data.get("days") or []]
    out.print("[bold]Your log, as matched to USDA foods[/bold] (check each match)")
    grid = list_grid()
    shown_day: object = None
    for item in items:
        day = item.get("day")
        if day != shown_day and isinstance(day, int) and 0 <= day < len(labels):
            grid.add_row(f"[bold]{escape(str(labels[day] or f'Day {day + 1}'))}[/bold]", "")
            shown_day = day
        where = f"line {item.get('line_number', '?')}"
        line = escape(str(item.get("line", "")))
        if item.get("status") == "matched":
            ident = item.get("ndb_number") or item.get("fdc_id")
            grams = fmt.number(float(item["grams"]), 3) if item.get("grams") is not None else "?"
            pinned = ", pinned" if item.get("pinned") else ""
            unsure = ""
            if not item.get("pinned") and float(item.get("confidence", 1.0)) < UNSURE_BELOW:
                others = ", ".join(
                    str(a.get("ndb_number") or a.get("fdc_id")) for a in item["alternatives"][:2]
                )
                unsure = f"; unsure, or: {others}" if others else "; unsure"
            grid.add_row(
                where,
                f'"{line}" -> {escape(str(item.get("description")))} '
                f"(USDA {ident}{pinned}), {grams} g{escape(unsure)}",
            )
            continue
        if item.get("status") == "not_food":
            grid.add_row(where, f'"{line}" -> not food, not counted')
            continue
        status = str(item.get("status", "")).replace("_", " ")
        reason = f": {escape(str(item['reason']))}" if item.get("reason") else ""
        text = f'"{line}" -> [bold]not counted, {status}[/bold]{reason}'
        for c in item.get("candidates", []):
            text += f"\n  {c['ndb_number'] or c['fdc_id']}  {escape(str(c['description']))}"
        grid.add_row(where, text)
    out.print(grid)


UNSURE_BELOW = 0.6  # a match less sure than this shows its alternatives' ids, for a pin

# A long log lists each different line once, with how often it appears: a table of 100,000
# rows helps nobody check a match (and takes Rich half a minute to draw).
GROUPED_FROM = 300


def _print_grouped_matches(items: list[dict[str, Any]], out: Console) -> None:
    groups: dict[tuple[object, ...], list[dict[str, Any]]] = {}
    for item in items:
        key = (
            item.get("status"),
            " ".join(str(item.get("line", "")).lower().split()),
            item.get("description"),
            item.get("grams"),
            item.get("reason"),
        )
        groups.setdefault(key, []).append(item)
    out.print(
        f"[bold]Your log, as matched to USDA foods[/bold]: {len(items):,} lines, "
        f"{len(groups):,} different; each is shown once with how often it appears (check "
        "each match)"
    )
    grid = list_grid()
    for group in sorted(groups.values(), key=lambda g: (-len(g), g[0].get("line_number", 0))):
        item = group[0]
        times = f"×{len(group):,}"
        line = escape(str(item.get("line", "")))
        if item.get("status") == "matched":
            grams = fmt.number(float(item["grams"]), 3) if item.get("grams") is not None else "?"
            text = f'"{line}" -> {escape(str(item.get("description")))}, {grams} g'
        else:
            reason = f": {escape(str(item['reason']))}" if item.get("reason") else ""
            text = f'"{line}" -> [bold]not counted[/bold]{reason}'
        grid.add_row(times, text)
    out.print(grid)


def list_grid() -> Table:
    """Two columns for indented lists: a short label that never wraps, then wrapped text."""
    grid = Table.grid(padding=(0, 1), pad_edge=True)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    return grid
