"""Where sleepmin keeps its files: the platform's user data directory, overridable."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DATA_DIR_ENV = "SLEEPMIN_DATA_DIR"
SOURCE_ENV = "SLEEPMIN_FDC_SOURCE"
FOODS_DB_NAME = "foods.sqlite"
PINS_FILE = "pins.json"  # a person's pins, phrase → food id (sleepmin.intake.pins)
OFFICIAL_SOURCE_URL = (
    "https://fdc.nal.usda.gov/fdc-datasets/FoodData_Central_sr_legacy_food_csv_2018-04.zip"
)
"""The default download: USDA's SR Legacy release in FoodData Central CSV format (April 2018)."""


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
