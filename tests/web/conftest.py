"""A real sleepmin web service on loopback: `sleepmin serve` in its own process (uvicorn, the
installed food database), and an HTTP client for it."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import httpx
import pytest

from tests.postgres_fixtures import new_database


@dataclass
class Server:
    url: str
    data_dir: Path
    process: subprocess.Popen[bytes]
    env: dict[str, str]

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _spawn(
    port: int, data_dir: Path, log: BinaryIO, env: dict[str, str], args: tuple[str, ...]
) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "sleepmin.cli", "--data-dir", str(data_dir)]
    return subprocess.Popen(
        [*command, "serve", "--port", str(port), *args],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )


def start_server(data_dir: Path, env: dict[str, str] | None = None, *args: str) -> Server:
    """`sleepmin serve` on a free loopback port; returns once /healthz answers."""
    port = _free_port()
    full_env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    full_env.update(env or {})
    with (data_dir / f"server-{port}.log").open("wb") as log:  # the child keeps its own handle
        process = _spawn(port, data_dir, log, full_env, args)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError((data_dir / f"server-{port}.log").read_text("utf-8"))
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return Server(url, data_dir, process, dict(env or {}))
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("the server did not answer /healthz within 60 s")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="session")
def installed_foods(tmp_path_factory: pytest.TempPathFactory, real_db_path: Path) -> Path:
    """A data directory holding the real food database (installed once for the run)."""
    data_dir = tmp_path_factory.mktemp("web-data")
    shutil.copy(real_db_path, data_dir / "foods.sqlite")
    return data_dir


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def people_server(
    request: pytest.FixtureRequest, installed_foods: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """A server whose store is SQLite in its own data directory, or a fresh PostgreSQL
    database (DATABASE_URL): the account and isolation tests run on both."""
    data_dir = tmp_path_factory.mktemp(f"web-{request.param}")
    shutil.copy(installed_foods / "foods.sqlite", data_dir / "foods.sqlite")
    with contextlib.ExitStack() as stack:
        env = {"SLEEPMIN_SIGN_UP_LIMIT": "1000"}  # many sign-ups from one address here
        if request.param == "postgresql":
            postgres = request.getfixturevalue("postgres_server")
            env["DATABASE_URL"] = stack.enter_context(new_database(postgres))
        running = start_server(data_dir, env)
        stack.callback(stop_server, running)
        yield running


@pytest.fixture(scope="module")
def server(installed_foods: Path) -> Iterator[Server]:
    running = start_server(installed_foods)
    try:
        yield running
    finally:
        stop_server(running)


@pytest.fixture
def api(server: Server) -> Iterator[httpx.Client]:
    with server.client() as client:
        yield client
