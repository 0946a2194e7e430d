"""Use cases: blood tests read one at a time, converted, or imported from a file.

Importing, deriving (transferrin saturation, albumin-corrected calcium) and interpreting are
one chain, used by `labs import`, the assessment and the safety check alike."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TextIO

from sleepmin.errors import ImplausibleValue, InvalidInput, InvalidLabFile, InvalidProfile
from sleepmin.labs.catalog import Catalog, load_catalog
from sleepmin.labs.convert import convert
from sleepmin.labs.importing import ImportProblem, LabImport, import_lab_file, import_lab_stream
from sleepmin.labs.interpret import (
    Context,
    Interpretation,
    LabResult,
    check_plausible,
    derive,
    inflammation_from,
    interpret,
)
from sleepmin.labs.serialize import import_json, interpretation_json
from sleepmin.results.labs import LabConversion, LabImportResult, LabInterpretation


@dataclass(frozen=True, slots=True)
class LabsSource:
    """Lab results to import: a file, or a stream (an upload) with its file name."""

    source: Path | TextIO
    name: str = ""


@dataclass(frozen=True, slots=True)
class LabsRead:
    """Results imported from one file, with the derived ones, each read for the person;
    ``problems`` are results that could not be used, with where and why."""

    imported: LabImport
    interpretations: tuple[Interpretation, ...]
    name: str

    def result(self) -> LabImportResult:
        """The typed result: `labs import --json` is its dump."""
        data = import_json(self.imported, list(self.interpretations), load_catalog())
        return LabImportResult.model_validate(data)

    def to_json(self) -> dict[str, Any]:
        return self.result().to_json()

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(
            f"lab result not used ({self.name}, {p.where}): {p.reason}"
            for p in self.imported.problems
        )

    def require_some(self) -> LabsRead:
        """Itself, or InvalidLabFile when nothing in the file could be used."""
        if self.interpretations:
            return self
        first = self.imported.problems[0] if self.imported.problems else None
        detail = f" (first: {first.where}: {first.reason})" if first else ""
        raise InvalidLabFile(
            self.name,
            f"gave no result sleepmin could use: {len(self.imported.problems)} could not be "
            f"imported{detail}",
            fix="correct the values or units reported, or export the results again",
        )


def person_context(sex: str | None, age: float | None, pregnant: bool) -> Context:
    """Who results belong to; the same checks as a profile (a possible age, pregnancy only for
    women)."""
    if age is not None and not (0 <= age <= 125):
        raise InvalidProfile(f"age {age:g} is not possible; give an age from 0 to 125 years")
    if pregnant and sex == "male":
        raise InvalidProfile(
            "pregnancy applies to females only; correct the sex or the pregnancy"
        ).with_cli_hint("--pregnant needs --sex female")
    return Context(sex, age, pregnant)


def lab_tests() -> list[tuple[str, str]]:
    """The tests sleepmin reads, as (key, name), for a form to offer."""
    return [(test.key, test.name) for test in load_catalog().tests.values()]


def interpret_lab(test: str, value: float, unit: str, context: Context) -> LabInterpretation:
    """`sleepmin labs interpret`: one result against its reference interval and thresholds."""
    catalog = load_catalog()
    result = LabResult(catalog.test(test).key, value + 0.0, unit)  # -0.0 is 0
    data = interpretation_json(interpret(catalog, result, context), catalog)
    return LabInterpretation.model_validate(data)


@dataclass(frozen=True, slots=True)
class Converted:
    value: float
    unit: str
    test_name: str

    def result(self) -> LabConversion:
        """The typed result, to 4 decimals as documented (a tiny value keeps 4 significant
        figures instead of 0)."""
        value = self.value
        shown = round(value, 4) if abs(value) >= 1e-3 else float(f"{value:.4g}")
        return LabConversion.model_validate({"value": shown, "unit": self.unit})

    def to_json(self) -> dict[str, Any]:
        return self.result().to_json()


def convert_lab(test: str, value: float, from_unit: str, to_unit: str) -> Converted:
    """`sleepmin labs convert`: a result in another unit (molar mass and valence)."""
    chosen = load_catalog().test(test)
    value += 0.0  # -0.0 is 0
    check_plausible(chosen, value, from_unit)
    return Converted(convert(chosen, value, from_unit, to_unit), to_unit, chosen.name)


MAX_LAB_ROWS = 500  # one person's results over years; more is not a lab report


def import_labs(
    source: Path | TextIO, context: Context, *, name: str = "", catalog: Catalog | None = None
) -> LabsRead:
    """`sleepmin labs import`: FHIR R4 JSON (Observation or Bundle) or CSV, from a file or a
    stream, each result interpreted, with the derived ones added. A derived value outside its
    plausible range (iron above TIBC gives a saturation over 100 %) becomes a problem, not a
    result."""
    catalog = catalog or load_catalog()
    if isinstance(source, Path):
        imported, name = import_lab_file(source, catalog), name or source.name
    else:
        imported = import_lab_stream(source, catalog, name)
    if len(imported.results) + len(imported.problems) > MAX_LAB_ROWS:
        raise InvalidInput(
            f"the lab file {name or 'given'}",
            f"holds {len(imported.results) + len(imported.problems):,} results, more than "
            f"{MAX_LAB_ROWS:,}",
            "give one person's results (a report or a few years of them), or split the file",
        )
    results, problems = with_derived(imported.results, catalog)
    imported.problems.extend(problems)
    context = replace(context, inflammation=inflammation_from(results, catalog))
    return LabsRead(imported, tuple(interpret(catalog, r, context) for r in results), name)


def interpret_results(
    results: list[LabResult], context: Context, catalog: Catalog | None = None
) -> tuple[tuple[Interpretation, ...], list[ImportProblem]]:
    """Results already read (kept ones, say), with the derived ones, each read for the
    person; derived ones that cannot be are problems."""
    catalog = catalog or load_catalog()
    everything, problems = with_derived(results, catalog)
    context = replace(context, inflammation=inflammation_from(everything, catalog))
    return tuple(interpret(catalog, r, context) for r in everything), problems


def with_derived(
    results: list[LabResult], catalog: Catalog
) -> tuple[list[LabResult], list[ImportProblem]]:
    """The results and those that follow from them; a derived one that cannot be is a
    problem naming the results it came from."""
    out = list(results)
    problems: list[ImportProblem] = []
    for derived in derive(results, catalog):
        try:
            check_plausible(catalog.test(derived.test), derived.value, derived.unit)
        except ImplausibleValue as exc:
            problems.append(
                ImportProblem(
                    derived.source or "calculated",
                    f"{exc.what} {exc.value} is not possible ({exc.bound}); "
                    "check the results it is calculated from",
                )
            )
            continue
        out.append(derived)
    return out, problems
