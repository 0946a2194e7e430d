"""The lab-test catalog, loaded from package data (TOML) and checked.

``data/labs.toml`` describes each test (units, LOINC codes, reference interval, thresholds,
caveats, sources); the sources are ids of ``sleepmin.references``.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

from sleepmin.errors import UnknownTest
from sleepmin.references import Reference, load_references, reference_json

COMPARISONS = {"lt": "<", "le": "≤", "gt": ">", "ge": "≥"}
Severity = Literal["red_flag", "warning", "info"]
"""How serious a finding or a cut-off is; red flags come first and stop the plan."""
SEVERITIES: tuple[Severity, ...] = ("red_flag", "warning", "info")
# Situations a cut-off or reference group can require (labs.toml, "requires").
REQUIREMENTS = frozenset(
    {
        "restless_legs",
        "inflammation",
        "no_inflammation",
        "premenopausal",
        "postmenopausal",
        "not_pregnant",
    }
)


@dataclass(frozen=True, slots=True)
class Loinc:
    code: str
    display: str
    unit: str


@dataclass(frozen=True, slots=True)
class Threshold:
    id: str
    comparison: str  # lt, le, gt, ge
    value: float
    unit: str
    meaning: str
    action: str
    applies_to: str
    severity: Severity
    sources: tuple[str, ...]
    verified: bool
    applies_above: float | None = None  # a band: only values above this (e.g. ferritin 75-100)
    condition: str | None = None  # the situation the cut-off is defined for ("fasting sample")
    age_min: float | None = None  # inclusive
    age_max: float | None = None  # exclusive, as in the DRI tables
    requires: tuple[str, ...] = ()  # situations that must hold (REQUIREMENTS)
    critical: bool = False  # a critical ("panic") value: medical care today
    diagnostic: bool = False  # confirms low status on its own (e.g. ferritin < 15 ug/L)

    def met_by(self, value_in_unit: float) -> bool:
        # Compare at 9 decimals: 75 ng/mL converted to µg/L must be exactly 75, not 75.0000001.
        v, t = round(value_in_unit, 9), self.value
        if self.applies_above is not None and v <= self.applies_above:
            return False
        return {"lt": v < t, "le": v <= t, "gt": v > t, "ge": v >= t}[self.comparison]

    @property
    def rule(self) -> str:
        band = f"> {self.applies_above:g} and " if self.applies_above is not None else ""
        return f"{band}{COMPARISONS[self.comparison]} {self.value:g} {self.unit}"


@dataclass(frozen=True, slots=True)
class ReferenceGroup:
    """A reference interval for one group of people (e.g. men, pregnancy)."""

    applies_to: str
    low: float | None
    high: float | None
    note: str
    requires: tuple[str, ...] = ()
    age_min: float | None = None
    age_max: float | None = None


@dataclass(frozen=True, slots=True)
class ReferenceInterval:
    low: float | None
    high: float | None
    unit: str
    note: str
    sources: tuple[str, ...]
    verified: bool
    groups: tuple[ReferenceGroup, ...] = ()  # the first that fits the person is used


@dataclass(frozen=True, slots=True)
class LabTest:
    key: str
    name: str
    mineral: str
    kind: str  # molar, mass, percent
    canonical_unit: str
    conventional_unit: str
    specimen: str
    loinc: tuple[Loinc, ...]
    reference: ReferenceInterval | None
    thresholds: tuple[Threshold, ...]
    caveats: tuple[str, ...]
    sources: tuple[str, ...]
    status: str
    molar_mass: float | None = None
    valence: int | None = None
    # The widest values compatible with life, in plausible_unit (labs.toml `plausible`).
    plausible: tuple[float, float] | None = None
    plausible_unit: str | None = None


@dataclass(frozen=True, slots=True)
class Catalog:
    tests: dict[str, LabTest]
    references: dict[str, Reference]

    def test(self, name: str) -> LabTest:
        key = name.strip().lower().replace("-", "_").replace(" ", "_")
        if key in self.tests:
            return self.tests[key]
        raise UnknownTest(name, sorted(self.tests))

    def by_loinc(self, code: str) -> LabTest | None:
        for test in self.tests.values():
            if any(entry.code == code for entry in test.loinc):
                return test
        return None

    def cite(self, ids: tuple[str, ...] | list[str]) -> list[dict[str, Any]]:
        return [reference_json(self.references[i]) for i in ids if i in self.references]


def _load_toml(name: str) -> dict[str, Any]:
    text = resources.files("sleepmin.data").joinpath(name).read_text(encoding="utf-8")
    return tomllib.loads(text)


def _severity(test: str, value: str) -> Severity:
    for severity in SEVERITIES:
        if value == severity:
            return severity
    raise ValueError(f"labs.toml, test {test}: severity {value!r} is not one of {SEVERITIES}")


@functools.cache
def load_catalog() -> Catalog:
    """The tests and references shipped with sleepmin; every source id must resolve."""
    references = load_references()
    tests = {key: _test(key, t) for key, t in _load_toml("labs.toml")["tests"].items()}
    for test in tests.values():
        cited = set(test.sources) | {s for t in test.thresholds for s in t.sources}
        if test.reference:
            cited |= set(test.reference.sources)
        missing = cited - set(references)
        if missing:
            raise ValueError(f"labs.toml: {test.key} cites unknown references {sorted(missing)}")
    return Catalog(tests, references)


def _requirements(test: str, words: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    unknown = set(words) - REQUIREMENTS
    if unknown:
        raise ValueError(f"labs.toml: {test} requires unknown situations {sorted(unknown)}")
    return tuple(words)


def _test(key: str, t: dict[str, Any]) -> LabTest:
    ref = t.get("reference")
    return LabTest(
        key=key,
        name=t["name"],
        mineral=t.get("mineral", ""),
        kind=t["kind"],
        canonical_unit=t["canonical_unit"],
        conventional_unit=t["conventional_unit"],
        specimen=t.get("specimen", ""),
        loinc=tuple(Loinc(x["code"], x.get("display", ""), x.get("unit", "")) for x in t["loinc"]),
        reference=None
        if ref is None
        else ReferenceInterval(
            ref.get("low"),
            ref.get("high"),
            ref["unit"],
            ref.get("note", ""),
            tuple(ref.get("sources", ())),
            bool(ref.get("verified", False)),
            tuple(
                ReferenceGroup(
                    g["applies_to"],
                    g.get("low"),
                    g.get("high"),
                    g.get("note", ""),
                    _requirements(key, g.get("requires", ())),
                    g.get("age_min_years"),
                    g.get("age_max_years"),
                )
                for g in ref.get("groups", ())
            ),
        ),
        thresholds=tuple(
            Threshold(
                th["id"],
                th["comparison"],
                float(th["value"]),
                th["unit"],
                th["meaning"],
                th.get("action", ""),
                th.get("applies_to", "all"),
                _severity(key, th.get("severity", "info")),
                tuple(th.get("sources", ())),
                bool(th.get("verified", False)),
                th.get("applies_above"),
                th.get("condition"),
                th.get("age_min_years"),
                th.get("age_max_years"),
                _requirements(key, th.get("requires", ())),
                bool(th.get("critical", False)),
                bool(th.get("diagnostic", False)),
            )
            for th in t.get("thresholds", ())
        ),
        caveats=tuple(t.get("caveats", ())),
        sources=tuple(t.get("sources", ())),
        status=t.get("status", ""),
        molar_mass=t.get("molar_mass_g_per_mol"),
        valence=t.get("valence"),
        plausible=_plausible(key, t),
        plausible_unit=t["plausible_unit"],
    )


def _plausible(test: str, t: dict[str, Any]) -> tuple[float, float]:
    """Every test has `plausible = [low, high]` (0 <= low < high) with `plausible_unit`."""
    bounds = t.get("plausible")
    if (
        not isinstance(bounds, list)
        or len(bounds) != 2
        or not 0 <= bounds[0] < bounds[1]
        or not t.get("plausible_unit")
    ):
        raise ValueError(
            f"labs.toml: {test} needs plausible = [low, high] (0 <= low < high) and plausible_unit"
        )
    return float(bounds[0]), float(bounds[1])
