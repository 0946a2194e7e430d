"""A real PostgreSQL server for the tests that run on both databases: started once a session
(initdb + pg_ctl on a free loopback port, as the unprivileged `postgres` user when the tests run
as root) and stopped at the end; each test gets a fresh database. CI installs PostgreSQL from
Debian's packages (.ci/run); without it these tests fail, never skip."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy

URL_ENV = "SLEEPMIN_TEST_POSTGRES_URL"  # an existing server to use instead of starting one


def _pg_bin(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / name).exists():
            return str(folder / name)
    pytest.fail(
        f"PostgreSQL's {name} is not installed; the store tests need a PostgreSQL server "
        "(apt-get install postgresql, as .ci/run does), or set "
        f"{URL_ENV}=postgresql://user:password@host/db"
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_owner(owner: str | None, command: list[str]) -> list[str]:
    return ["runuser", "-u", owner, "--", *command] if owner else command


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A URL to an empty database on a PostgreSQL server for this test session."""
    given = os.environ.get(URL_ENV)
    if given:
        yield given
        return
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    owner = None
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        owner = "postgres" if _user_exists("postgres") else "nobody"
    folder = Path(tempfile.mkdtemp(prefix="sleepmin-pg-"))
    data, sockets = folder / "data", folder / "sockets"
    sockets.mkdir()
    if owner:
        shutil.chown(folder, owner)
        shutil.chown(sockets, owner)
    port = _free_port()
    subprocess.run(
        _as_owner(owner, [initdb, "-D", str(data), "-U", "sleepmin", "-A", "trust", "-E", "UTF8"]),
        check=True,
        capture_output=True,
        timeout=120,
    )
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {sockets} -c fsync=off"
    subprocess.run(
        _as_owner(
            owner,
            [pg_ctl, "-D", str(data), "-o", options, "-w", "-l", str(folder / "log"), "start"],
        ),
        check=True,
        capture_output=True,
        timeout=120,
    )
    try:
        yield f"postgresql://sleepmin@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_owner(owner, [pg_ctl, "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
            check=False,
            timeout=60,
        )
        shutil.rmtree(folder, ignore_errors=True)


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


_counter = iter(range(1_000_000))


@contextmanager
def new_database(postgres_server: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the test server, dropped afterwards."""
    name = f"test_{os.getpid()}_{next(_counter)}_{int(time.time() * 1000) % 100000}"
    engine = sqlalchemy.create_engine(
        postgres_server.replace("postgresql://", "postgresql+psycopg://"),
        isolation_level="AUTOCOMMIT",
    )
    with engine.connect() as conn:
        conn.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
    try:
        yield postgres_server.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with engine.connect() as conn:
            conn.execute(sqlalchemy.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture
def store_url_postgresql(postgres_server: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test."""
    with new_database(postgres_server) as url:
        yield url
