"""`sleepmin serve`: the web service (REST API under /api/v1) with uvicorn."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import click

from sleepmin import usecases
from sleepmin.cli._shared import cli, warn
from sleepmin.paths import DATA_DIR_ENV, data_dir, foods_db_path

DEMO_ENV = "SLEEPMIN_DEMO"

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@contextlib.contextmanager
def _demo_data(real: Path) -> Iterator[None]:
    """A temporary data directory for the demo: the installed food database (linked, not
    copied) and a fresh SQLite store with the sample person, whatever DATABASE_URL says."""
    foods = foods_db_path(real)
    with tempfile.TemporaryDirectory(prefix="sleepmin-demo-") as tmp:
        demo = Path(tmp)
        os.environ.pop("DATABASE_URL", None)
        with usecases.FoodDatabase(foods) as db:  # a clear error if it is not installed
            (demo / foods.name).symlink_to(foods.resolve())
            with usecases.open_store(demo) as store:
                usecases.seed_demo(store, db, today=dt.date.today())
        os.environ[DATA_DIR_ENV] = str(demo)
        os.environ[DEMO_ENV] = "1"
        yield


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
@click.option(
    "--behind-proxy",
    is_flag=True,
    help="Trust X-Forwarded-For/-Proto from a reverse proxy on this machine (127.0.0.1); "
    "without it they are ignored, so no client can choose its own address.",
)
@click.option(
    "--demo",
    is_flag=True,
    help="Open with a sample person and their data (in a temporary store, deleted at exit).",
)
@click.pass_context
def serve(
    ctx: click.Context, host: str, port: int, workers: int, behind_proxy: bool, demo: bool
) -> None:
    """Run the web service: the REST API under /api/v1 (its schema at /openapi.json) and
    /healthz, on the installed food database and the store (SQLite in the data directory, or
    PostgreSQL when DATABASE_URL is set).

    Example:  sleepmin serve --port 8000
    """
    import uvicorn  # noqa: PLC0415 - only this command needs the server

    # every worker process builds the service from the environment (web.config)
    os.environ[DATA_DIR_ENV] = str(data_dir(ctx.obj["data_dir"]))
    if demo:
        ctx.with_resource(_demo_data(data_dir(ctx.obj["data_dir"])))
        click.echo(
            f"Demo: open http://{host}:{port}/ and choose 'Open the demo' (or sign in as "
            f"{usecases.DEMO_EMAIL}, password {usecases.DEMO_PASSWORD}). The demo's data is "
            "deleted when the server stops.",
            err=True,
        )
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
        proxy_headers=behind_proxy,
        forwarded_allow_ips="127.0.0.1" if behind_proxy else "",
        log_level="info",
    )
