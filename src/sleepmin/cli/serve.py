"""`sleepmin serve`: the web service (REST API under /api/v1) with uvicorn."""

from __future__ import annotations

import os

import click

from sleepmin.cli._shared import cli, warn
from sleepmin.paths import DATA_DIR_ENV, data_dir

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="The port."
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes. With more than one, set DATABASE_URL to PostgreSQL so that they "
    "share one store.",
)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workers: int) -> None:
    """Run the web service: the REST API under /api/v1 (its schema at /openapi.json) and
    /healthz, on the installed food database and the store (SQLite in the data directory, or
    PostgreSQL when DATABASE_URL is set).

    Example:  sleepmin serve --port 8000
    """
    import uvicorn  # noqa: PLC0415 - only this command needs the server

    # every worker process builds the service from the environment (web.config)
    os.environ[DATA_DIR_ENV] = str(data_dir(ctx.obj["data_dir"]))
    if host not in LOOPBACK:
        warn(
            (
                f"listening on {host}: anyone who can reach this address can use the service; "
                "put it behind HTTPS (a reverse proxy) before people's data goes over a network",
            )
        )
    uvicorn.run(
        "sleepmin.web.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        server_header=False,
        log_level="info",
    )
