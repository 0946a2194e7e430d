"""What every command shares: the console, the error-to-one-line group, --json, profile
options, and where the database is."""

from __future__ import annotations

import importlib
import json
import math
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from sleepmin.store.db import Store

from sleepmin.errors import OutputError, SleepminError
from sleepmin.intake.targets import Diet, Profile, Sex
from sleepmin.paths import foods_db_path
from sleepmin.version import __version__


class _Console:
    """rich's Console, made on first use: a command that prints only JSON never loads rich
    (60 ms of a command's start)."""

    def __init__(self) -> None:
        self._real: Console | None = None

    def __getattr__(self, name: str) -> Any:
        if self._real is None:
            from rich.console import Console  # noqa: PLC0415 - see the docstring

            self._real = Console()
        return getattr(self._real, name)


console = cast("Console", _Console())


def new_table(*headers: str, **options: Any) -> Table:
    """A rich Table, loading rich only when a table is drawn."""
    from rich.table import Table  # noqa: PLC0415 - see the docstring

    return Table(*headers, **options)


class Group(click.Group):
    """Turns a SleepminError into one clear line and exit status 1 (traceback with --debug)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SleepminError as exc:
            if ctx.find_root().params.get("debug"):
                raise
            shown = f"{exc} ({exc.cli_hint})" if exc.cli_hint else str(exc)
            raise click.ClickException(shown) from exc
        except BrokenPipeError:
            # the reader stopped reading (`| head`): nothing is wrong with a path, and there is
            # nowhere left to say anything; Python's documented way out
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(1)
        except OSError as exc:  # a path the system refuses (too long, a loop...): one line too
            if ctx.find_root().params.get("debug"):
                raise
            where = f" {exc.filename}" if exc.filename else ""
            raise click.ClickException(
                f"cannot use the path{where}: {exc.strerror or exc}; check the path (and "
                "--data-dir / SLEEPMIN_DATA_DIR) and try again"
            ) from exc


def warn(warnings: tuple[str, ...] | list[str]) -> None:
    """What a use case could not do (a pin not kept, a lab result not used), on stderr: the
    output keeps its format."""
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


def emit_json(data: object) -> None:
    """Print ``data`` as strict JSON: a NaN or infinity is never printed (it is not JSON);
    OutputError names where it is instead."""
    where = _non_finite(data)
    if where is not None:  # checked first, so that the output can be streamed
        raise OutputError(
            "the JSON output",
            f"{where} is not a finite number, which JSON cannot hold",
            "nothing was printed; please report this as a bug, with the command you ran",
        )
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, allow_nan=False)
    sys.stdout.write("\n")


def _non_finite(data: object, path: str = "") -> str | None:
    """Where the first NaN or infinity in ``data`` is, as ``results[2].si.value``."""
    if isinstance(data, float) and not math.isfinite(data):
        return path or "the value"
    items: list[tuple[str, object]] = []
    if isinstance(data, dict):
        items = [(f"{path}.{key}" if path else str(key), value) for key, value in data.items()]
    elif isinstance(data, list | tuple):
        items = [(f"{path}[{i}]", value) for i, value in enumerate(data)]
    for where, value in items:
        found = _non_finite(value, where)
        if found:
            return found
    return None


# Which module defines each top-level command: a command loads only its own module (and what
# that needs), so `foods search` never pays for the assessment's imports; `--help` loads all.
COMMAND_MODULES = {
    "assess": "sleepmin.cli.assess",
    "data": "sleepmin.cli.foods",
    "diary": "sleepmin.cli.diary",
    "diet": "sleepmin.cli.diet",
    "evidence": "sleepmin.cli.population",
    "explain": "sleepmin.cli.assess",
    "foods": "sleepmin.cli.foods",
    "isi": "sleepmin.cli.assess",
    "labs": "sleepmin.cli.labs",
    "log": "sleepmin.cli.people",
    "plan": "sleepmin.cli.plan",
    "person": "sleepmin.cli.people",
    "safety": "sleepmin.cli.labs",
    "schema": "sleepmin.cli.schema",
    "serve": "sleepmin.cli.serve",
    "supplements": "sleepmin.cli.people",
    "targets": "sleepmin.cli.diet",
}


class LazyGroup(Group):
    """The root group: each command's module is imported when the command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is not None and cmd_name not in self.commands:
            importlib.import_module(module)  # its decorators register the command here
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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


def db_path(ctx: click.Context) -> Path:
    return foods_db_path(ctx.obj["data_dir"])


def profile_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The person-profile options shared by every command that needs DRI targets."""
    return _profile_options(func, required=True)


def person_or_profile_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--person NAME` (a person in the store, whose profile and pins are used and who keeps
    what the command reads), or the profile options for a one-off run."""
    func = _profile_options(func, required=False)
    return click.option(
        "--person",
        metavar="NAME",
        help="A person in the store (sleepmin person add): their profile and pins are used, "
        "instead of --age/--sex.",
    )(func)


def _profile_options(func: Callable[..., Any], *, required: bool) -> Callable[..., Any]:
    options = [
        click.option(
            "--age",
            type=float,
            required=required,
            help="Age in years; decimals for infants (0.25 = 3 months).",
        ),
        click.option("--sex", type=click.Choice(["female", "male"]), required=required),
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


def make_profile(
    age: float, sex: str, pregnant: bool, lactating: bool, diet: str, heavy_periods: bool
) -> Profile:
    return Profile(age, Sex(sex), pregnant, lactating, Diet(diet), heavy_periods)


def open_people(ctx: click.Context) -> Store:
    """The store of people's data: $DATABASE_URL, else SQLite in the data directory."""
    from sleepmin.store.db import open_store  # noqa: PLC0415 - only commands that keep data

    return open_store(ctx.obj["data_dir"])


def chosen_profile(
    ctx: click.Context,
    person: str | None,
    age: float | None,
    sex: str | None,
    pregnant: bool,
    lactating: bool,
    diet: str,
    heavy_periods: bool,
) -> tuple[Profile, Store | None]:
    """The profile to use: the stored person's (with the store, to keep what is read), or the
    one given with --age and --sex."""
    if person is not None:
        given = [
            flag
            for flag, value in (
                ("--age", age is not None),
                ("--sex", sex is not None),
                ("--pregnant", pregnant),
                ("--lactating", lactating),
                ("--heavy-periods", heavy_periods),
                ("--diet", diet != "omnivore"),
            )
            if value
        ]
        if given:
            raise click.UsageError(
                f"--person uses the stored profile; leave out {', '.join(given)} (change the "
                "profile with `sleepmin person update`)"
            )
        from sleepmin import usecases  # noqa: PLC0415

        store = open_people(ctx)
        return usecases.person_profile(store, person), store
    if age is None or sex is None:
        raise click.UsageError("give --age and --sex, or --person NAME (sleepmin person add)")
    return make_profile(age, sex, pregnant, lactating, diet, heavy_periods), None


def context_options(func: Callable[..., Any]) -> Callable[..., Any]:
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


exclude_option = click.option(
    "--exclude",
    "exclude",
    multiple=True,
    metavar="WORDS",
    help="Foods to leave out, comma-separated or repeated: dairy, nuts, peanuts, shellfish, "
    "fish, gluten, soy, egg, meat, pork, sesame.",
)


def words(values: tuple[str, ...]) -> list[str]:
    """Repeated options that may each hold comma-separated words, as one list."""
    return [w.strip() for value in values for w in value.split(",") if w.strip()]


supplement_option = click.option(
    "--supplement",
    "supplements",
    multiple=True,
    metavar="TEXT",
    help='A daily supplement: mineral, form and elemental amount, e.g. "magnesium glycinate '
    '200 mg" (repeatable).',
)
