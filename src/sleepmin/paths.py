"""Where sleepmin keeps its files: the platform's user data directory, overridable."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DATA_DIR_ENV = "SLEEPMIN_DATA_DIR"
SOURCE_ENV = "SLEEPMIN_FDC_SOURCE"
FOODS_DB_NAME = "foods.sqlite"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """``override``, else $SLEEPMIN_DATA_DIR, else e.g. ~/.local/share/sleepmin on Linux."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_data_dir("sleepmin", appauthor=False))


def foods_db_path(override: str | os.PathLike[str] | None = None) -> Path:
    return data_dir(override) / FOODS_DB_NAME


def download_cache_dir(override: str | os.PathLike[str] | None = None) -> Path:
    return data_dir(override) / "downloads"
