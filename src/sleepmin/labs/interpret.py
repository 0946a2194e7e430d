"""What a lab result says: against the reference interval, sleep-relevant thresholds, caveats.

Pure: takes the catalog and a result; returns findings with their sources. It never diagnoses:
thresholds are quoted with their source, and actions say to talk to a clinician.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from sleepmin.errors import ImplausibleValue
from sleepmin.labs.catalog import Catalog, LabTest, ReferenceGroup, Threshold
from sleepmin.labs.convert import canonical_spelling, convert, shown_number
from sleepmin.numbers import number

LabStatus = Literal["low", "within", "high", "no_reference"]
"""A result against its reference interval."""


@dataclass(frozen=True, slots=True)
class LabResult:
    test: str  # catalog key
    value: float
    unit: str
    date: str | None = None
    source: str | None = None  # where it came from (file, FHIR id)


MENOPAUSE_AGE = 50
CORRECTED = (
    "albumin-corrected"  # without an answer, women are taken as post-menopausal from this age
)


@dataclass(frozen=True, slots=True)
class Context:
    """Who the result belongs to, for thresholds that depend on it.

    Unknown facts (None) show the cut-offs that depend on them, except inflammation: the
    "with inflammation" cut-offs apply only when inflammation is known (CRP > 5 mg/L or a
    condition), and restless-legs cut-offs only when restless legs are not ruled out.
    """

    sex: str | None = None
    age_years: float | None = None
    pregnant: bool = False
    inflammation: bool | None = None  # from a CRP result in the same set, or a condition
    restless_legs: bool | None = None  # all five RLS criteria met (None: not asked)
    menopause: str | None = None  # pre | peri | post (women)

    @property
    def postmenopausal(self) -> bool:
        """Menstrual status for the sex-specific ferritin cut-offs; pregnancy counts as
        pre-menopausal, and without an answer the age decides (the stricter cut-off when
        the age is unknown too)."""
        if self.sex != "female" or self.pregnant:
            return False
        if self.menopause is not None:
            return self.menopause == "post"
        return self.age_years is not None and self.age_years >= MENOPAUSE_AGE

    @property
    def menopause_assumed(self) -> str | None:
        """Why the menstrual status was assumed, when the answers did not say."""
        if self.sex != "female" or self.pregnant or self.menopause is not None:
            return None
        if self.age_years is None:
            return "menopause status and age not given: the pre-menopausal cut-offs are used"
        status = "post" if self.postmenopausal else "pre"
        return (
            f"menopause status not given: taken as {status}-menopausal from age {self.age_years:g}"
        )


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
    status: LabStatus
    hits: tuple[Threshold, ...]  # thresholds this value meets
    caveats: tuple[str, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)
    reference_group: ReferenceGroup | None = None  # the interval used, when groups differ

    @property
    def albumin_corrected(self) -> bool:
        """A calcium result calculated from measured calcium and albumin (derive())."""
        return CORRECTED in (self.result.source or "")

    @property
    def reading(self) -> str:
        """The result as a person reads it, with the SI value when the unit differs:
        "Potassium, serum/plasma 9.4 mg/dL (2.4 mmol/L)"."""
        name = "Albumin-corrected calcium" if self.albumin_corrected else self.test.name
        text = f"{name} {number(self.result.value, 3)} {self.result.unit}"
        differs = abs(self.canonical_value - self.result.value) > 1e-9 * max(
            1.0, abs(self.result.value)
        )
        if differs and not same_unit(self.result.unit, self.test.canonical_unit):
            text += f" ({number(self.canonical_value, 3)} {self.test.canonical_unit})"
        return text

    @property
    def critical(self) -> Threshold | None:
        """The most extreme critical cut-off this value meets, if any."""
        found = [h for h in self.hits if h.critical]
        return found[-1] if found else None

    @property
    def reference_range(self) -> tuple[float | None, float | None]:
        ref = self.test.reference
        if self.reference_group is not None:
            return self.reference_group.low, self.reference_group.high
        return (ref.low, ref.high) if ref is not None else (None, None)

    @property
    def severity(self) -> str:
        order = ("red_flag", "warning", "info")
        found = [h.severity for h in self.hits]
        return next((s for s in order if s in found), "info")


def interpret(catalog: Catalog, result: LabResult, context: Context = Context()) -> Interpretation:
    test = catalog.test(result.test)
    canonical = check_plausible(test, result.value, result.unit)
    conventional = convert(test, result.value, result.unit, test.conventional_unit)
    status: LabStatus = "no_reference"
    ref = test.reference
    group = None
    low, high = (None, None) if ref is None else (ref.low, ref.high)
    if ref is not None and ref.groups:
        group = next(
            (
                g
                for g in ref.groups
                # A group is used only when what it depends on (sex, age) is known.
                if _known(g, context)
                and _fits(g.applies_to, g.requires, g.age_min, g.age_max, context)
            ),
            None,
        )
        if group is not None:
            low, high = group.low, group.high
    if ref is not None and (low is not None or high is not None):
        in_ref_unit = convert(test, result.value, result.unit, ref.unit)
        if low is not None and in_ref_unit < low:
            status = "low"
        elif high is not None and in_ref_unit > high:
            status = "high"
        else:
            status = "within"
    hits = tuple(
        th
        for th in test.thresholds
        if _applies(th, context) and th.met_by(convert(test, result.value, result.unit, th.unit))
    )
    notes: tuple[str, ...] = ()
    depends_on_menopause = any(
        {"premenopausal", "postmenopausal"} & set(th.requires) for th in test.thresholds
    )
    if depends_on_menopause and context.menopause_assumed:
        notes = (context.menopause_assumed,)
    return Interpretation(
        test, result, canonical, conventional, status, hits, test.caveats, notes, group
    )


def superseded(lab: Interpretation, labs: tuple[Interpretation, ...]) -> bool:
    """A measured total calcium, when the albumin-corrected value is there to judge instead."""
    return (
        lab.test.key == "calcium"
        and not lab.albumin_corrected
        and any(other.albumin_corrected for other in labs)
    )


def _known(group: ReferenceGroup, context: Context) -> bool:
    needs_sex = group.applies_to in ("women", "men")
    needs_age = group.applies_to in ("children", "adults") or (
        group.age_min is not None or group.age_max is not None
    )
    return not (needs_sex and context.sex is None) and not (needs_age and context.age_years is None)


def _applies(threshold: Threshold, context: Context) -> bool:
    return _fits(
        threshold.applies_to, threshold.requires, threshold.age_min, threshold.age_max, context
    )


def _fits(
    who: str,
    requires: tuple[str, ...],
    age_min: float | None,
    age_max: float | None,
    context: Context,
) -> bool:
    """Whether a cut-off (or reference group) for `who` under `requires` fits this person."""
    age = context.age_years
    if age is not None and (
        (age_min is not None and age < age_min) or (age_max is not None and age >= age_max)
    ):
        return False
    if not all(_holds(requirement, context) for requirement in requires):
        return False
    if who == "all":
        return True
    if who == "adults":
        return age is None or age >= 18
    if who == "children":
        return age is None or age < 18
    if who == "pregnancy":
        return context.pregnant
    if who in ("women", "men"):
        wanted = "female" if who == "women" else "male"
        return context.sex is None or context.sex == wanted
    return True


def _holds(requirement: str, context: Context) -> bool:
    if requirement == "restless_legs":
        return context.restless_legs is not False
    if requirement == "inflammation":
        return context.inflammation is True
    if requirement == "no_inflammation":
        return context.inflammation is not True
    if requirement == "premenopausal":
        return context.sex != "male" and not context.postmenopausal
    if requirement == "postmenopausal":
        return context.sex != "male" and context.postmenopausal
    if requirement == "not_pregnant":
        return not context.pregnant
    raise ValueError(f"unknown requirement {requirement!r}")  # catalog.py refuses these


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
    if capacity <= 0:
        raise ImplausibleValue("TIBC", f"{tibc.value:g} {tibc.unit}", "it must be above zero")
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
                f"calculated: {CORRECTED} calcium (Payne 1973)",
            )
        )
    return derived


def check_plausible(test: LabTest, value: float, unit: str) -> float:
    """``value`` in the test's canonical unit, once it is known to be a possible result.

    ImplausibleValue, naming the bound, for a value that is not a finite number, is negative,
    or lies outside the test's ``plausible`` range in labs.toml (the widest values compatible
    with life); UnknownUnit or UnitMismatch for a unit that does not fit the test.
    """
    canonical = convert(test, value, unit, test.canonical_unit)  # refuses nan, inf, negatives
    if test.plausible is None or test.plausible_unit is None:
        return canonical
    low, high = test.plausible
    bound_unit = test.plausible_unit
    in_bound_unit = convert(test, value, unit, bound_unit)
    if low <= in_bound_unit <= high:
        return canonical
    name = test.key.replace("_", " ")
    given = f"{shown_number(value)} {unit.strip()}"
    same = canonical_spelling(unit) == canonical_spelling(bound_unit)
    converted = "" if same else f"{shown_number(in_bound_unit, 3)} {bound_unit}; "
    raise ImplausibleValue(
        name,
        given,
        f"{converted}outside {number(low, 6)}-{number(high, 6)} {bound_unit}, "
        f"the widest range sleepmin accepts for {name}",
        "check the number and its unit on the lab report",
    )
