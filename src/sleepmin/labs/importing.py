"""Lab results from FHIR R4 JSON (an Observation or a Bundle of them) or a simple CSV.

Every Observation or CSV row either becomes a result or a problem that names it and says why;
nothing is dropped silently, and one bad row does not stop the rest. Every value passes
``check_plausible`` (a finite, non-negative number in a unit that fits the test, inside the
test's plausible range) before it becomes a result.

Files are read as a stream: a Bundle's entries are decoded and read one at a time, so memory
does not grow with the size of the file beyond the results themselves. The fields sleepmin uses
(code, valueQuantity, dataAbsentReason, valueString, effectiveDateTime, issued, id) are checked
by hand against the FHIR R4 types; building a full FHIR model per Observation cost 0.5 ms each.
A file must be UTF-8 text: binary bytes, JSON nested deeper than any FHIR resource, and numbers
too long to be a lab value are one-line errors.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn, TextIO

from sleepmin.errors import InvalidLabFile, SleepminError
from sleepmin.fileio import check_input_file
from sleepmin.labs.catalog import Catalog, LabTest
from sleepmin.labs.interpret import LabResult, check_plausible

LOINC_SYSTEM = "http://loinc.org"
CHUNK = 1 << 16  # characters read at a time
FHIR_FIX = "use FHIR R4 JSON (Observation or Bundle) or a CSV test,value,unit"
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_LINE_END = re.compile(r"(?<=\n)|(?<=\r)(?!\n)")


@dataclass(frozen=True, slots=True)
class ImportProblem:
    where: str  # e.g. "Observation obs-3 (entry 4)" or "line 5"
    reason: str


@dataclass
class LabImport:
    results: list[LabResult] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # non-Observation resources


def import_lab_file(path: Path, catalog: Catalog) -> LabImport:
    """FHIR JSON or CSV from a file, read as a stream; InvalidLabFile if it cannot be read."""
    check_input_file(path, "the lab file")
    try:
        raw = path.open("rb")
    except FileNotFoundError:
        raise InvalidLabFile(str(path), "does not exist", fix="check the path") from None
    except IsADirectoryError:
        raise InvalidLabFile(str(path), "is a directory", fix="give the lab results file") from None
    except OSError as exc:
        raise InvalidLabFile(
            str(path), f"cannot be read ({exc.strerror})", fix="give a file you can read"
        ) from None
    with raw, io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="") as text:
        return import_lab_stream(text, catalog, path.name)


def import_lab_text(text: str, catalog: Catalog, name: str = "") -> LabImport:
    """FHIR JSON or CSV, chosen by content."""
    return import_lab_stream(io.StringIO(text.removeprefix("\ufeff"), newline=""), catalog, name)


def import_fhir(text: str, catalog: Catalog, name: str = "") -> LabImport:
    return _import_fhir(_Reader(io.StringIO(text.removeprefix("\ufeff")), name), catalog, name)


def import_csv(text: str, catalog: Catalog, name: str = "") -> LabImport:
    reader = _Reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), name)
    return _import_csv(reader, catalog, name)


def import_lab_stream(stream: TextIO, catalog: Catalog, name: str = "") -> LabImport:
    """FHIR JSON (the first character is ``{`` or ``[``, or the name ends in .json) or CSV."""
    reader = _Reader(stream, name)
    first = reader.first_character()
    if not first:
        raise InvalidLabFile(name, "is empty", fix=FHIR_FIX)
    if first in "{[" or name.lower().endswith(".json"):
        return _import_fhir(reader, catalog, name)
    return _import_csv(reader, catalog, name)


# -- reading text -----------------------------------------------------------------------------


class _Reader:
    """Text in chunks, refusing binary bytes and text that is not UTF-8."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self.stream, self.name = stream, name
        self.pending = ""  # read by first_character(), not yet handed out

    def read(self, size: int | None = None) -> str:
        if self.pending:
            chunk, self.pending = self.pending, ""
            return chunk
        return self._read(size or CHUNK)

    def _read(self, size: int) -> str:
        try:
            chunk = self.stream.read(size)
        except UnicodeDecodeError as exc:
            raise InvalidLabFile(
                self.name,
                f"is not UTF-8 text (byte 0x{exc.object[exc.start]:02x} cannot be read)",
                fix="export the results as UTF-8 text: FHIR R4 JSON or a CSV test,value,unit",
            ) from None
        if "\x00" in chunk:
            raise InvalidLabFile(
                self.name,
                "is a binary file, not text",
                fix="give FHIR R4 JSON or a CSV test,value,unit as exported, not a PDF, image "
                "or archive",
            )
        return chunk

    def first_character(self) -> str:
        """The first character that is not whitespace ('' for an empty file), kept unread."""
        while True:
            chunk = self._read(CHUNK)
            self.pending += chunk
            stripped = self.pending.lstrip("\ufeff \t\r\n")
            if stripped or not chunk:
                return stripped[:1]

    def lines(self) -> Iterator[str]:
        """Lines with their endings, for the csv module."""
        rest = ""
        while chunk := self.read():
            rest += chunk
            # The last piece may be cut in the middle, or between \r and \n: keep it.
            hold = "\r" if rest.endswith("\r") else ""
            lines = _LINE_END.split(rest[: len(rest) - len(hold)])
            rest = lines.pop() + hold
            yield from lines
        if rest:
            yield rest


# -- FHIR JSON --------------------------------------------------------------------------------


def _parse_int(text: str) -> int | float:
    # A number longer than any lab value reads as a float (infinite past 1e308), which the
    # plausibility check then refuses, instead of Python's 4,300-digit ValueError.
    return int(text) if len(text) <= 18 else float(text)


class _DuplicateKey(ValueError):
    """A key written twice in one JSON object: which value is meant cannot be told."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _DuplicateKey(key)
        found[key] = value
    return found


_DECODER = json.JSONDecoder(parse_int=_parse_int, object_pairs_hook=_no_duplicates)


class _JsonStream:
    """Just enough of a streaming JSON reader for a FHIR Bundle: the top-level object's members
    are decoded one by one, and the ``entry`` array one element at a time."""

    def __init__(self, reader: _Reader, name: str) -> None:
        self.reader, self.name = reader, name
        self.buffer, self.position, self.eof = "", 0, False
        self.line = 1  # line number of the start of the buffer

    def _fill(self) -> bool:
        if self.eof:
            return False
        self.line += self.buffer.count("\n", 0, self.position)
        size = max(CHUNK, len(self.buffer) - self.position)  # grows for a long value
        chunk = self.reader.read(size)
        self.buffer = self.buffer[self.position :] + chunk
        self.position = 0
        self.eof = not chunk
        return bool(chunk)

    def peek(self) -> str:
        while True:
            self.position = _WHITESPACE.match(self.buffer, self.position).end()  # type: ignore[union-attr]
            if self.position < len(self.buffer):
                return self.buffer[self.position]
            if not self._fill():
                return ""

    def take(self, char: str) -> None:
        found = self.peek()
        if found != char:
            self.invalid(f"expected {char!r} but found {found!r}" if found else "cut short")
        self.position += 1

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buffer, self.position)
            except _DuplicateKey as exc:
                self.invalid(
                    f"the key {str(exc)[:40]!r} appears twice in one object, so which value is "
                    "meant cannot be told",
                )
            except json.JSONDecodeError as exc:
                line = self.line + exc.lineno - 1  # before _fill() moves the buffer
                if self._fill():
                    continue
                self.invalid(exc.msg, line)
            except RecursionError:
                raise InvalidLabFile(
                    self.name,
                    "is JSON nested too deeply to be a FHIR resource",
                    fix=FHIR_FIX,
                ) from None
            # A number (or literal) that ends the buffer may go on in the next chunk.
            if end == len(self.buffer) and self._fill():
                continue
            self.position = end
            return value

    def invalid(self, problem: str, line: int | None = None) -> NoReturn:
        if line is None:
            line = self.line + self.buffer.count("\n", 0, self.position)
        raise InvalidLabFile(self.name, f"is not valid JSON ({problem} at line {line})")

    def at_end(self) -> bool:
        return self.peek() == ""


def _import_fhir(reader: _Reader, catalog: Catalog, name: str) -> LabImport:
    stream = _JsonStream(reader, name)
    if stream.peek() != "{":
        stream.value()  # a JSON error if it is not JSON at all
        raise InvalidLabFile(
            name,
            "is not a FHIR Observation or Bundle (resourceType: None)",
            fix="export the lab results as FHIR R4 JSON, or use a CSV with test,value,unit",
        )
    loinc = _loinc_index(catalog)
    top: dict[str, Any] = {}
    entries = LabImport()  # from "entry", kept until the resourceType says this is a Bundle
    count = 0
    stream.take("{")
    if stream.peek() == "}":
        stream.take("}")
    else:
        while True:
            key = stream.value()
            if not isinstance(key, str):
                stream.invalid("expected a property name")
            stream.take(":")
            if key == "entry" and stream.peek() == "[":
                stream.take("[")
                if stream.peek() == "]":
                    stream.take("]")
                else:
                    while True:
                        count += 1
                        _read_entry(stream.value(), count, entries, catalog, loinc, name)
                        if stream.peek() == ",":
                            stream.take(",")
                            continue
                        stream.take("]")
                        break
                top.setdefault("entry", [])
            else:
                top[key] = stream.value()
            if stream.peek() == ",":
                stream.take(",")
                continue
            stream.take("}")
            break
    if not stream.at_end():
        stream.invalid("extra text after the JSON document")
    kind = top.get("resourceType")
    if kind == "Observation":
        imported = LabImport()
        _read_observation(top, "the Observation", imported, catalog, loinc, name)
        return imported
    if kind != "Bundle":
        raise InvalidLabFile(
            name,
            f"is not a FHIR Observation or Bundle (resourceType: {_short(kind)})",
            fix="export the lab results as FHIR R4 JSON, or use a CSV with test,value,unit",
        )
    if not isinstance(top.get("type", ""), str):
        raise InvalidLabFile(name, "is not a valid FHIR Bundle (type should be a string)")
    if not isinstance(top.get("entry", []), list):
        raise InvalidLabFile(name, "is not a valid FHIR Bundle (entry should be a list)")
    if not entries.results and not entries.problems:
        entries_ = "1 entry" if count == 1 else f"{count:,} entries"
        held = f"{entries_}, none an Observation" if count else "no entries"
        raise InvalidLabFile(
            name,
            f"is a FHIR Bundle with no lab results ({held})",
            fix="export the Bundle with the Observations (lab results) in it",
        )
    return entries


def _loinc_index(catalog: Catalog) -> dict[str, LabTest]:
    index: dict[str, LabTest] = {}
    for test in catalog.tests.values():
        for entry in test.loinc:
            index.setdefault(entry.code, test)
    return index


def _read_entry(
    entry: Any,
    index: int,
    imported: LabImport,
    catalog: Catalog,
    loinc: dict[str, LabTest],
    name: str,
) -> None:
    resource = entry.get("resource") if isinstance(entry, dict) else None
    rtype = resource.get("resourceType") if isinstance(resource, dict) else None
    if rtype != "Observation" or not isinstance(resource, dict):
        imported.skipped.append(f"entry {index}: {_short(rtype) if rtype else 'no resource'}")
        return
    ident = resource.get("id")
    shown = ident if isinstance(ident, str) and _ID.fullmatch(ident) else "?"
    _read_observation(
        resource, f"Observation {shown} (entry {index})", imported, catalog, loinc, name
    )


_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")
# Observation.status values that mean there is no result to use (FHIR R4).
NOT_A_RESULT = frozenset({"entered-in-error", "cancelled", "registered"})


class _Skip(Exception):
    """One Observation that cannot be used, with the reason."""


def _read_observation(
    resource: dict[str, Any],
    where: str,
    imported: LabImport,
    catalog: Catalog,
    loinc: dict[str, LabTest],
    name: str,
) -> None:
    try:
        imported.results.append(_observation_result(resource, catalog, loinc, where, name))
    except _Skip as skip:
        imported.problems.append(ImportProblem(where, str(skip)))


def _get(data: dict[str, Any], key: str, kind: type | tuple[type, ...], path: str) -> Any:
    """``data[key]`` if present and of the FHIR type, None if absent; _Skip otherwise."""
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        names: dict[object, str] = {dict: "an object", list: "a list", str: "a string"}
        wanted = names.get(kind, "a number")
        raise _Skip(f"not a valid FHIR Observation ({path}{key} should be {wanted})")
    return value


def _objects(items: list[Any], path: str) -> list[dict[str, Any]]:
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise _Skip(f"not a valid FHIR Observation ({path}[{i}] should be an object)")
    return items


def _observation_result(
    resource: dict[str, Any],
    catalog: Catalog,
    loinc_index: dict[str, LabTest],
    where: str,
    name: str,
) -> LabResult:
    status = resource.get("status")
    if status in NOT_A_RESULT:
        raise _Skip(
            f"its status is '{status}': not a result to use (only final, amended, corrected "
            "or preliminary results are read)"
        )
    code = _get(resource, "code", dict, "") or {}
    codings = _objects(_get(code, "coding", list, "code.") or [], "code.coding")
    for i, coding in enumerate(codings):
        for key in ("system", "code", "display"):
            _get(coding, key, str, f"code.coding[{i}].")
    loinc = [c["code"] for c in codings if c.get("system") == LOINC_SYSTEM and c.get("code")]
    if not loinc:
        systems = ", ".join(sorted({_short(c.get("system"), quote=False) for c in codings}))
        raise _Skip(
            f"has no LOINC code (coding systems: {systems or 'none'}); "
            "sleepmin reads LOINC-coded lab results"
        )
    test = next((loinc_index[c] for c in loinc if c in loinc_index), None)
    if test is None:
        label = _get(code, "text", str, "code.") or (codings[0].get("display") or "")
        codes = ", ".join(_short(c, quote=False) for c in loinc[:5])
        raise _Skip(
            f"LOINC {codes} {_short(label, quote=False)} is not a test sleepmin interprets "
            f"({', '.join(sorted(catalog.tests))})".replace("  ", " ")
        )
    quantity = _get(resource, "valueQuantity", dict, "")
    value = None if quantity is None else _get(quantity, "value", (int, float), "valueQuantity.")
    if value is None:
        absent = _get(resource, "dataAbsentReason", dict, "") or {}
        absent_codes = _objects(_get(absent, "coding", list, "dataAbsentReason.") or [], "")
        absent_code = absent_codes[0].get("code") if absent_codes else None
        reason = f" (dataAbsentReason: {_short(absent_code, quote=False)})" if absent_code else ""
        other = "valueString" if resource.get("valueString") is not None else None
        raise _Skip(
            f"{test.key} has no numeric valueQuantity{reason}"
            + (f"; it has a {other} instead" if other else "")
        )
    assert quantity is not None
    comparator = _get(quantity, "comparator", str, "valueQuantity.")
    if comparator:
        raise _Skip(
            f"{test.key} is given as '{_short(comparator, quote=False)} {value}', a limit rather "
            "than a measured value; sleepmin interprets measured values only"
        )
    unit = _get(quantity, "code", str, "valueQuantity.") or _get(
        quantity, "unit", str, "valueQuantity."
    )
    if not unit:
        raise _Skip(f"{test.key} value {value} has no unit")
    _check_value(test, value, unit)
    date = None
    for key in ("effectiveDateTime", "issued"):
        text = _get(resource, key, str, "")
        if text is not None and not _DATE.fullmatch(text):
            raise _Skip(f"not a valid FHIR Observation ({key} {_short(text)} is not a dateTime)")
        date = date or text
    source = f"{name}: {where}" if name else where
    return LabResult(test.key, float(value) + 0.0, unit, date, source)


def _check_value(test: LabTest, value: float, unit: str) -> None:
    try:
        check_plausible(test, value, unit)
    except SleepminError as exc:
        message = str(exc)
        named = message.startswith((test.key, test.key.replace("_", " "), "cannot convert"))
        raise _Skip(message if named else f"{test.key}: {message}") from None


def _short(value: object, quote: bool = True) -> str:
    """A value from the file for a message: printable, at most 60 characters."""
    if isinstance(value, dict | list):  # never repr(): it may be nested a thousand deep
        return "an object" if isinstance(value, dict) else "a list"
    text = value if isinstance(value, str) else repr(value)
    text = "".join(c if c.isprintable() else "?" for c in text)
    if len(text) > 60:
        text = text[:57] + "..."
    return repr(text) if quote and isinstance(value, str) else text


# -- CSV --------------------------------------------------------------------------------------


def _import_csv(reader: _Reader, catalog: Catalog, name: str) -> LabImport:
    """``test,value,unit[,date]`` — test is a sleepmin test name or a LOINC code."""
    rows = csv.reader(reader.lines())
    imported = LabImport()
    loinc = _loinc_index(catalog)
    try:
        header: list[str] = []
        for row in rows:
            if any(cell.strip() for cell in row):
                header = [cell.strip().lower() for cell in row]
                break
        missing = [c for c in ("test", "value", "unit") if c not in header]
        if missing:
            found = ", ".join(_short(h, quote=False) for h in header[:10]) or "nothing"
            raise InvalidLabFile(
                name,
                f"CSV header lacks {', '.join(missing)} (found: {found})",
                fix="start the file with the header test,value,unit (optionally ,date)",
            )
        columns: dict[str, int] = {
            key: header.index(key) for key in ("test", "value", "unit", "date") if key in header
        }
        for row in rows:
            if not any(cell.strip() for cell in row):
                continue
            where = f"line {rows.line_num}"
            cells = {key: (row[i].strip() if i < len(row) else "") for key, i in columns.items()}
            try:
                imported.results.append(_csv_result(cells, catalog, loinc, where, name))
            except _Skip as skip:
                imported.problems.append(ImportProblem(where, str(skip)))
    except csv.Error as exc:
        raise InvalidLabFile(
            name,
            f"is not a readable CSV ({exc} at line {rows.line_num})",
            fix="save it as CSV with the header test,value,unit",
        ) from None
    if not imported.results and not imported.problems:
        raise InvalidLabFile(
            name, "has a header but no results", fix="add one line per result: test,value,unit"
        )
    return imported


def _csv_result(
    cells: dict[str, str], catalog: Catalog, loinc: dict[str, LabTest], where: str, name: str
) -> LabResult:
    test_name = cells["test"]
    test = loinc.get(test_name) or catalog.tests.get(
        test_name.lower().replace(" ", "_").replace("-", "_")
    )
    if test is None:
        raise _Skip(
            f"unknown test {_short(test_name)}; use one of: {', '.join(sorted(catalog.tests))}"
        )
    text = cells["value"]
    if not _NUMBER.fullmatch(text):
        hint = ""
        if text[:1] in "<>≤≥":
            hint = " (a limit such as '<5' is not a measured value; sleepmin reads measured values)"
        elif "," in text:
            hint = " (write it without a thousands separator)"
        raise _Skip(f"value {_short(text)} is not a number{hint}")
    value = float(text) + 0.0  # "-0" is 0
    _check_value(test, value, cells["unit"])
    date = cells.get("date") or None
    return LabResult(test.key, value, cells["unit"], date, f"{name}: {where}" if name else where)
