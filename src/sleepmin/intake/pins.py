"""Pins — "this phrase means that food" — kept in the data directory for later logs.

Stored as JSON (``pins.json``: phrase → food id), written atomically so a crash never leaves a
half-written file. A pins file given by the user is CSV ``phrase,id`` or that same JSON.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from sleepmin.errors import InvalidPinsFile
from sleepmin.intake.matching import phrase_key

PINS_FILE = "pins.json"


def load_pins(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    return read_pins_file(path)


def read_pins_file(path: Path) -> dict[str, str]:
    """``phrase,id`` lines (a header is optional) or a JSON object."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidPinsFile(str(path), f"cannot be read ({exc})") from exc
    if text.lstrip().startswith("{"):
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidPinsFile(
                str(path), f"is not valid JSON ({exc.msg}, line {exc.lineno})"
            ) from exc
        if not isinstance(raw, dict) or not all(isinstance(v, (str, int)) for v in raw.values()):
            raise InvalidPinsFile(str(path), "must map each phrase to a food id")
        return {phrase_key(k): str(v) for k, v in raw.items() if phrase_key(k)}
    pins: dict[str, str] = {}
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or not "".join(row).strip():
            continue
        if len(row) != 2:
            raise InvalidPinsFile(str(path), f"line {number} needs two fields, phrase,id")
        phrase, food_id = row[0].strip(), row[1].strip()
        if number == 1 and food_id.lower() in ("id", "food_id", "ndb_number", "fdc_id"):
            continue
        if not food_id.removeprefix("ndb:").removeprefix("fdc:").isdigit():
            raise InvalidPinsFile(str(path), f"line {number}: {food_id!r} is not a food id")
        pins[phrase_key(phrase)] = food_id
    return pins


def save_pins(path: Path, pins: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    temporary.write_text(json.dumps(dict(sorted(pins.items())), indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)
