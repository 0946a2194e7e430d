"""The saved pins in one JSON file, ``<data dir>/pins.json`` (format and damage handling:
``sleepmin.intake.pins``)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from sleepmin.intake.pins import load_pins, save_pins


class PinsFile:
    """A ``PinStore`` in one JSON file, written atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def pins(self) -> dict[str, str]:
        return load_pins(self.path)

    def remember(self, new: Mapping[str, str]) -> None:
        save_pins(self.path, {**load_pins(self.path), **new})
