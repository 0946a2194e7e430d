"""The saved pins in one JSON file, ``<data dir>/pins.json`` (format and damage handling:
``sleepmin.intake.pins``)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from sleepmin.intake.pins import PINS_FILE, load_pins, save_pins
from sleepmin.paths import data_dir


class PinsFile:
    """A ``PinStore`` in one JSON file, written atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def pins(self) -> dict[str, str]:
        return load_pins(self.path)

    def remember(self, new: Mapping[str, str]) -> None:
        save_pins(self.path, {**load_pins(self.path), **new})


def saved_pins(override: str | os.PathLike[str] | None = None) -> PinsFile:
    """The pins in the data directory (``override``, else $SLEEPMIN_DATA_DIR, else the
    platform's)."""
    return PinsFile(data_dir(override) / PINS_FILE)
