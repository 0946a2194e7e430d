"""Inputs the use cases take that are more than a string: light, so that any interface can build
them without loading the code that reads them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FoodLog:
    """A food log as given: its text, and the file name it came from (".csv" reads as CSV);
    or lines kept with their days (``entries``: a person's log in the store), read one by one.
    ``kept``: the log is one already kept, whose '@ ID' pins are not saved again (a newer pin
    must not be replaced by an older line's)."""

    text: str
    name: str = ""
    entries: tuple[tuple[dt.date, str], ...] = ()
    kept: bool = False


@dataclass(frozen=True, slots=True)
class KeptLog:
    """What keeping a log file for a person did: lines newly kept, lines already kept (the
    same line on the same day), and food lines with no date, which are not kept."""

    kept: int
    already: int
    undated: int
