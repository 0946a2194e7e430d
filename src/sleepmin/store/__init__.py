"""Where what a person enters is kept: the people store (``db``: SQLite or PostgreSQL, migrated
with Alembic; ``people``: one person's rows; ``tables``), and the pins file of one-off runs
without --person (``pins_file``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sleepmin.paths import PINS_FILE, data_dir

if TYPE_CHECKING:
    import os

    from sleepmin.store.pins_file import PinsFile

__all__ = ["saved_pins"]


def saved_pins(override: str | os.PathLike[str] | None = None) -> PinsFile:
    """The pins in the data directory (``override``, else $SLEEPMIN_DATA_DIR, else the
    platform's). Loaded on first use: building the store costs a command nothing."""
    from sleepmin.store.pins_file import PinsFile  # noqa: PLC0415 - see the docstring

    return PinsFile(Path(data_dir(override)) / PINS_FILE)
