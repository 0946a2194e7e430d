"""Pins — "this phrase means that food" — kept in the data directory for later logs.

Stored as JSON (``pins.json``: phrase → food id), written atomically (``write_atomic``: a
temporary file, flushed, then renamed) so a crash never leaves a half-written file. A pins file
given by the user is CSV ``phrase,id`` or that same JSON.

A damaged saved ``pins.json`` is refused with its path and the fix (rename or delete it), never
ignored: the pins in it are corrections the person made, and analysing without them would give
other foods without saying which; nor is it ever overwritten while damaged.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from sleepmin.errors import InvalidInput, InvalidPinsFile, OutputError
from sleepmin.fileio import write_atomic
from sleepmin.intake.foodlog import MAX_ID_DIGITS
from sleepmin.intake.matching import phrase_key

MAX_PINS_BYTES = 8 * 1024 * 1024
_ID = re.compile(rf"(?:ndb:|fdc:)?[0-9]{{1,{MAX_ID_DIGITS}}}", re.I)


class _Damaged(ValueError):
    """What is wrong with a pins file (the message), raised by the shared reader."""


def load_pins(path: Path) -> dict[str, str]:
    """The saved pins (``<data dir>/pins.json``); {} if there are none yet."""
    if not path.exists():
        return {}
    try:
        return _read(path)
    except _Damaged as problem:
        raise InvalidInput(
            f"the saved pins file {path}",
            f"is damaged (it {problem})",
            "rename or delete it — sleepmin then starts a new one from the '@ ID' pins in your "
            'logs — or repair it: a JSON object of "phrase": "food id" pairs',
        ) from None


def read_pins_file(path: Path) -> dict[str, str]:
    """A pins file given with ``--pins``: ``phrase,id`` lines (a header is optional) or a JSON
    object."""
    if not path.exists():
        raise InvalidInput(
            f"the pins file {path}", "does not exist", "check the path of the pins file"
        )
    try:
        return _read(path)
    except _Damaged as problem:
        raise InvalidPinsFile(str(path), str(problem)) from None


def _read(path: Path) -> dict[str, str]:
    try:
        if path.is_dir():
            raise _Damaged("is a folder, not a file")
        if path.stat().st_size > MAX_PINS_BYTES:
            raise _Damaged(f"is larger than {MAX_PINS_BYTES // 1024 // 1024} MB")
        raw = path.read_bytes()
    except OSError as exc:
        raise _Damaged(f"cannot be read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Damaged("is not UTF-8 text") from None
    if "\x00" in text:
        raise _Damaged("holds binary data")
    if text.lstrip().startswith(("{", "[")):
        return _from_json(text)
    return _from_csv(text)


def _from_json(text: str) -> dict[str, str]:
    try:
        raw = json.loads(text)
    except RecursionError:
        raise _Damaged("is nested too deep to be a pins file") from None
    except json.JSONDecodeError as exc:
        raise _Damaged(f"is not valid JSON: {exc.msg}, line {exc.lineno}") from None
    if not isinstance(raw, dict):
        raise _Damaged("must map each phrase to a food id")
    pins: dict[str, str] = {}
    for phrase, value in raw.items():
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise _Damaged(f"maps {phrase[:40]!r} to something that is not a food id")
        food_id = str(value).strip()
        if not _ID.fullmatch(food_id):
            raise _Damaged(f"maps {phrase[:40]!r} to {food_id[:20]!r}, which is not a food id")
        if key := phrase_key(phrase):
            pins[key] = food_id
    return pins


def _from_csv(text: str) -> dict[str, str]:
    pins: dict[str, str] = {}
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
            if not row or not "".join(row).strip():
                continue
            if len(row) != 2:
                fields = f"{len(row)} field{'s' if len(row) != 1 else ''}"
                raise _Damaged(f"has {fields} on line {number}, not two (phrase,id)")
            phrase, food_id = row[0].strip(), row[1].strip()
            if number == 1 and food_id.lower() in ("id", "food_id", "ndb_number", "fdc_id"):
                continue
            if not _ID.fullmatch(food_id):
                raise _Damaged(f"has {food_id[:20]!r} on line {number}, which is not a food id")
            if key := phrase_key(phrase):
                pins[key] = food_id
    except csv.Error as exc:
        raise _Damaged(f"is not readable as CSV ({exc})") from None
    return pins


def save_pins(path: Path, pins: dict[str, str]) -> None:
    """Write the pins atomically; OutputError (naming the path and the fix) if it cannot be."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            str(path),
            f"its folder cannot be created ({exc.strerror or exc})",
            "set SLEEPMIN_DATA_DIR to a folder you can write to, or do not save pins",
        ).with_cli_hint("--no-save-pins") from None
    write_atomic(path, json.dumps(dict(sorted(pins.items())), indent=2) + "\n")
