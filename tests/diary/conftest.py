"""The store tests run on both databases: SQLite in a temporary folder, and PostgreSQL
(tests/postgres_fixtures.py starts a real server)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sleepmin.store.db import Store


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store's URL on each database (a fresh PostgreSQL database per test)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'people.sqlite'}"
        return
    yield request.getfixturevalue("store_url_postgresql")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store(store_url) as opened:
        yield opened
