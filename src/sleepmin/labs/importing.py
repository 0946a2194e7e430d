"""Lab results from FHIR R4 JSON (an Observation or a Bundle of them) or a simple CSV.

FHIR resources are validated with fhir.resources (R4B models, which read R4 Observations and
Bundles). Every Observation either becomes a result or a problem that names it and says why;
nothing is dropped silently, and one bad Observation does not stop the rest.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from sleepmin.errors import InvalidLabFile, SleepminError
from sleepmin.labs.catalog import Catalog
from sleepmin.labs.convert import convert
from sleepmin.labs.interpret import LabResult

LOINC_SYSTEM = "http://loinc.org"


@dataclass(frozen=True, slots=True)
class ImportProblem:
    where: str  # e.g. "Observation obs-3 (entry 4)" or "line 5"
    reason: str


@dataclass
class LabImport:
    results: list[LabResult] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # non-Observation resources


def import_lab_text(text: str, catalog: Catalog, name: str = "") -> LabImport:
    """FHIR JSON or CSV, chosen by content."""
    stripped = text.lstrip("\ufeff").lstrip()
    if stripped.startswith(("{", "[")) or name.lower().endswith(".json"):
        return import_fhir(stripped, catalog, name)
    return import_csv(text, catalog, name)


def import_fhir(text: str, catalog: Catalog, name: str = "") -> LabImport:
    from fhir.resources.R4B.bundle import Bundle  # noqa: PLC0415 - slow import, only when used
    from fhir.resources.R4B.observation import Observation  # noqa: PLC0415

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidLabFile(name, f"is not valid JSON ({exc.msg} at line {exc.lineno})") from exc
    kind = data.get("resourceType") if isinstance(data, dict) else None
    if kind not in ("Observation", "Bundle"):
        raise InvalidLabFile(
            name,
            f"is not a FHIR Observation or Bundle (resourceType: {kind!r})",
            fix="export the lab results as FHIR R4 JSON, or use a CSV with test,value,unit",
        )
    imported = LabImport()
    if kind == "Observation":
        entries: list[tuple[str, dict[str, Any]]] = [("the Observation", data)]
    else:
        try:
            Bundle.model_validate({**data, "entry": []})
        except ValidationError as exc:
            raise InvalidLabFile(name, f"is not a valid FHIR Bundle ({_first_error(exc)})") from exc
        entries = []
        for index, entry in enumerate(data.get("entry") or [], start=1):
            resource = entry.get("resource") if isinstance(entry, dict) else None
            rtype = resource.get("resourceType") if isinstance(resource, dict) else None
            if rtype != "Observation":
                imported.skipped.append(f"entry {index}: {rtype or 'no resource'}")
                continue
            assert isinstance(resource, dict)
            entries.append((f"Observation {resource.get('id', '?')} (entry {index})", resource))
    for where, resource in entries:
        try:
            observation = Observation.model_validate(resource)
        except ValidationError as exc:
            imported.problems.append(
                ImportProblem(where, f"not a valid FHIR Observation ({_first_error(exc)})")
            )
            continue
        try:
            imported.results.append(_observation_result(observation, catalog, where, name))
        except _Skip as skip:
            imported.problems.append(ImportProblem(where, str(skip)))
    return imported


class _Skip(Exception):
    """One Observation that cannot be used, with the reason."""


def _observation_result(observation: Any, catalog: Catalog, where: str, name: str) -> LabResult:
    codings = list(observation.code.coding or []) if observation.code else []
    loinc = [c.code for c in codings if c.system == LOINC_SYSTEM and c.code]
    if not loinc:
        systems = ", ".join(sorted({str(c.system) for c in codings})) or "none"
        raise _Skip(
            f"has no LOINC code (coding systems: {systems}); sleepmin reads LOINC-coded lab results"
        )
    test = next((t for t in (catalog.by_loinc(c) for c in loinc) if t is not None), None)
    if test is None:
        label = observation.code.text or (codings[0].display if codings else None) or ""
        raise _Skip(
            f"LOINC {', '.join(loinc)} {label!s} is not a test sleepmin interprets "
            f"({', '.join(sorted(catalog.tests))})".replace("  ", " ")
        )
    quantity = observation.valueQuantity
    if quantity is None or quantity.value is None:
        absent = observation.dataAbsentReason
        reason = ""
        if absent is not None and absent.coding:
            reason = f" (dataAbsentReason: {absent.coding[0].code})"
        other = "valueString" if observation.valueString is not None else None
        raise _Skip(
            f"{test.key} has no numeric valueQuantity{reason}"
            + (f"; it has a {other} instead" if other else "")
        )
    unit = quantity.code or quantity.unit
    if not unit:
        raise _Skip(f"{test.key} value {quantity.value} has no unit")
    value = float(quantity.value)
    try:
        convert(test, value, unit, test.canonical_unit)
    except SleepminError as exc:
        raise _Skip(f"{test.key}: {exc}") from exc
    date = observation.effectiveDateTime or observation.issued
    return LabResult(
        test.key, value, unit, str(date) if date else None, f"{name}: {where}" if name else where
    )


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    location = ".".join(str(p) for p in error.get("loc", ()))
    return f"{location}: {error.get('msg', '')}".strip(": ")


def import_csv(text: str, catalog: Catalog, name: str = "") -> LabImport:
    """``test,value,unit[,date]`` — test is a sleepmin test name or a LOINC code."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in ("test", "value", "unit") if c not in header]
    if missing:
        raise InvalidLabFile(
            name,
            f"CSV header lacks {', '.join(missing)} (found: {', '.join(header) or 'nothing'})",
            fix="start the file with the header test,value,unit (optionally ,date)",
        )
    reader.fieldnames = header
    imported = LabImport()
    for row in reader:
        where = f"line {reader.line_num}"
        cells = {k: (v or "").strip() for k, v in row.items() if k}
        test_name = cells["test"]
        test = catalog.by_loinc(test_name) or catalog.tests.get(
            test_name.lower().replace(" ", "_").replace("-", "_")
        )
        if test is None:
            imported.problems.append(
                ImportProblem(
                    where,
                    f"unknown test {test_name!r}; use one of: {', '.join(sorted(catalog.tests))}",
                )
            )
            continue
        try:
            value = float(cells["value"])
        except ValueError:
            imported.problems.append(
                ImportProblem(where, f"value {cells['value']!r} is not a number")
            )
            continue
        try:
            convert(test, value, cells["unit"], test.canonical_unit)
        except SleepminError as exc:
            imported.problems.append(ImportProblem(where, str(exc)))
            continue
        imported.results.append(
            LabResult(
                test.key,
                value,
                cells["unit"],
                cells.get("date") or None,
                f"{name}: {where}" if name else where,
            )
        )
    if not imported.results and not imported.problems:
        raise InvalidLabFile(name, "has a header but no results")
    return imported
