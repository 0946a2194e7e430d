"""`sleepmin schema [NAME]`."""

from __future__ import annotations

import click

from sleepmin import usecases
from sleepmin.cli._shared import cli, console, emit_json


@cli.command("schema")
@click.argument("name", required=False)
def schema_command(name: str | None) -> None:
    """Print the JSON Schema of a --json output; without NAME, list the names.

    Example:  sleepmin schema diet-analysis
    """
    if name is None:
        for known, command in usecases.result_names().items():
            console.print(f"{known:<20} {command}", markup=False, highlight=False)
        return
    emit_json(usecases.result_schema(name))
