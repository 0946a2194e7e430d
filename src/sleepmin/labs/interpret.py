"""What a lab result says: against the reference interval, sleep-relevant thresholds, caveats.

Pure: takes the catalog and a result; returns findings with their sources. It never diagnoses:
thresholds are quoted with their source, and actions say to talk to a clinician.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sleepmin.labs.catalog import Catalog, LabTest, Threshold
from sleepmin.labs.convert import canonical_spelling, convert


@dataclass(frozen=True, slots=True)
class LabResult:
    test: str  # catalog key
    value: float
    unit: str
    date: str | None = None
    source: str | None = None  # where it came from (file, FHIR id)


@dataclass(frozen=True, slots=True)
class Context:
    """Who the result belongs to, for thresholds that depend on it (unknown: all are shown)."""

    sex: str | None = None
    age_years: float | None = None
    pregnant: bool = False
    inflammation: bool | None = None  # from a CRP result in the same set, when there is one


@dataclass(frozen=True, slots=True)
class ThresholdHit:
    threshold: Threshold
    met: bool


@dataclass(frozen=True, slots=True)
class Interpretation:
    test: LabTest
    result: LabResult
    canonical_value: float
    conventional_value: float
    status: str  # "low", "within", "high", "no_reference"
    hits: tuple[Threshold, ...]  # thresholds this value meets
    caveats: tuple[str, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def severity(self) -> str:
        order = ("red_flag", "warning", "info")
        found = [h.severity for h in self.hits]
        return next((s for s in order if s in found), "info")


def interpret(catalog: Catalog, result: LabResult, context: Context = Context()) -> Interpretation:
    test = catalog.test(result.test)
    canonical = convert(test, result.value, result.unit, test.canonical_unit)
    conventional = convert(test, result.value, result.unit, test.conventional_unit)
    status = "no_reference"
    ref = test.reference
    if ref is not None and (ref.low is not None or ref.high is not None):
        in_ref_unit = convert(test, result.value, result.unit, ref.unit)
        if ref.low is not None and in_ref_unit < ref.low:
            status = "low"
        elif ref.high is not None and in_ref_unit > ref.high:
            status = "high"
        else:
            status = "within"
    hits = tuple(
        th
        for th in test.thresholds
        if _applies(th, context) and th.met_by(convert(test, result.value, result.unit, th.unit))
    )
    return Interpretation(test, result, canonical, conventional, status, hits, test.caveats)


def _applies(threshold: Threshold, context: Context) -> bool:
    age = context.age_years
    if age is not None and (
        (threshold.age_min is not None and age < threshold.age_min)
        or (threshold.age_max is not None and age >= threshold.age_max)
    ):
        return False
    condition = (threshold.condition or "").lower()
    if context.inflammation is not None and "inflammation" in condition:
        present = "present" in condition
        if present != context.inflammation:
            return False
    who = threshold.applies_to
    if who == "all":
        return True
    if who == "adults":
        return context.age_years is None or context.age_years >= 18
    if who == "children":
        return context.age_years is None or context.age_years < 18
    if who == "pregnancy":
        return context.pregnant or context.sex in (None, "female")
    if who in ("women", "men"):
        wanted = "female" if who == "women" else "male"
        return context.sex is None or context.sex == wanted
    return True


def same_unit(a: str, b: str) -> bool:
    return canonical_spelling(a) == canonical_spelling(b)


# -- derived results --------------------------------------------------------------------------


def corrected_calcium_mg_dl(calcium: LabResult, albumin: LabResult, catalog: Catalog) -> float:
    """Payne 1973: corrected Ca (mg/dL) = measured Ca (mg/dL) + 0.8 x (4.0 - albumin g/dL)."""
    ca = convert(catalog.test("calcium"), calcium.value, calcium.unit, "mg/dL")
    alb = convert(catalog.test("albumin"), albumin.value, albumin.unit, "g/dL")
    return ca + 0.8 * (4.0 - alb)


def transferrin_saturation(iron: LabResult, tibc: LabResult, catalog: Catalog) -> float:
    """TSAT (%) = serum iron / TIBC x 100, both in the same unit."""
    fe = convert(catalog.test("iron"), iron.value, iron.unit, "umol/L")
    capacity = convert(catalog.test("tibc"), tibc.value, tibc.unit, "umol/L")
    return 100 * fe / capacity


def inflammation_from(results: list[LabResult], catalog: Catalog) -> bool | None:
    """CRP above 5 mg/L in the same set of results: inflammation likely (None without CRP)."""
    crp = [r for r in results if r.test == "crp"]
    if not crp:
        return None
    return convert(catalog.test("crp"), crp[-1].value, crp[-1].unit, "mg/L") > 5.0


def derive(results: list[LabResult], catalog: Catalog) -> list[LabResult]:
    """Results that follow from others: TSAT from iron + TIBC, albumin-corrected calcium."""
    latest = {r.test: r for r in results}
    derived: list[LabResult] = []
    if "transferrin_saturation" not in latest and {"iron", "tibc"} <= set(latest):
        value = transferrin_saturation(latest["iron"], latest["tibc"], catalog)
        derived.append(
            LabResult(
                "transferrin_saturation",
                round(value, 1),
                "%",
                latest["iron"].date,
                "calculated: iron / TIBC x 100",
            )
        )
    if {"calcium", "albumin"} <= set(latest):
        value = corrected_calcium_mg_dl(latest["calcium"], latest["albumin"], catalog)
        derived.append(
            LabResult(
                "calcium",
                round(value, 2),
                "mg/dL",
                latest["calcium"].date,
                "calculated: albumin-corrected calcium (Payne 1973)",
            )
        )
    return derived
