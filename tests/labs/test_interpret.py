"""Reference intervals, threshold edges, albumin correction, derived TSAT."""

from __future__ import annotations

import pytest

from sleepmin.labs.catalog import load_catalog
from sleepmin.labs.interpret import (
    Context,
    LabResult,
    corrected_calcium_mg_dl,
    derive,
    interpret,
    transferrin_saturation,
)

CATALOG = load_catalog()
ADULT_WOMAN = Context("female", 35)


def _ids(test: str, value: float, unit: str, context: Context = ADULT_WOMAN) -> set[str]:
    return {t.id for t in interpret(CATALOG, LabResult(test, value, unit), context).hits}


def _rls_ferritin_id() -> str:
    return next(
        t.id for t in CATALOG.test("ferritin").thresholds if t.comparison == "le" and t.value == 75
    )


def _rls_tsat_id() -> str:
    return next(
        t.id
        for t in CATALOG.test("transferrin_saturation").thresholds
        if t.comparison == "lt" and t.value == 20
    )


@pytest.mark.parametrize(("value", "met"), [(74.9, True), (75.0, True), (75.1, False)])
def test_ferritin_rls_threshold_edge(value: float, met: bool) -> None:
    assert (_rls_ferritin_id() in _ids("ferritin", value, "ng/mL")) is met
    assert (_rls_ferritin_id() in _ids("ferritin", value, "ug/L")) is met  # 1 ng/mL = 1 ug/L


@pytest.mark.parametrize(("value", "met"), [(19.9, True), (20.0, False), (20.1, False)])
def test_tsat_rls_threshold_edge(value: float, met: bool) -> None:
    assert (_rls_tsat_id() in _ids("transferrin_saturation", value, "%")) is met


def test_ferritin_40_reads_as_low_for_rls_with_caveats_and_sources() -> None:
    item = interpret(CATALOG, LabResult("ferritin", 40, "ng/mL"), ADULT_WOMAN)
    rls = next(t for t in item.hits if t.id == _rls_ferritin_id())
    assert (
        "restless" in (rls.meaning + rls.action).lower()
        or "rls" in (rls.meaning + rls.action).lower()
    )
    assert rls.sources
    assert any("inflammation" in c.lower() for c in item.caveats)


def test_magnesium_units_and_reference_interval() -> None:
    low = interpret(CATALOG, LabResult("magnesium", 1.6, "mg/dL"))
    assert low.canonical_value == pytest.approx(1.6 * 10 / 24.305)
    assert low.status == "low"
    assert interpret(CATALOG, LabResult("magnesium", 0.85, "mmol/L")).status == "within"
    assert interpret(CATALOG, LabResult("magnesium", 1.7, "mEq/L")).status == "within"
    assert any("1%" in c or "1 %" in c for c in low.caveats)


def test_potassium_caveat_and_severe_values() -> None:
    item = interpret(CATALOG, LabResult("potassium", 2.3, "mEq/L"))
    assert item.severity == "red_flag"
    assert any("hemoly" in c.lower() for c in item.caveats)
    assert interpret(CATALOG, LabResult("potassium", 4.1, "mmol/L")).hits == ()


def test_sex_specific_thresholds() -> None:
    man = _ids("hemoglobin", 12.5, "g/dL", Context("male", 40))
    woman = _ids("hemoglobin", 12.5, "g/dL", Context("female", 40))
    assert man and not woman  # < 130 g/L for men, < 120 g/L for non-pregnant women


def test_albumin_corrected_calcium() -> None:
    # Payne 1973: 8.4 + 0.8 x (4.0 - 3.2) = 9.04 mg/dL
    value = corrected_calcium_mg_dl(
        LabResult("calcium", 8.4, "mg/dL"), LabResult("albumin", 3.2, "g/dL"), CATALOG
    )
    assert value == pytest.approx(9.04)
    si = corrected_calcium_mg_dl(
        LabResult("calcium", 2.1, "mmol/L"), LabResult("albumin", 32, "g/L"), CATALOG
    )
    assert si == pytest.approx(2.1 * 4.0078 + 0.8 * (4.0 - 3.2), rel=1e-4)


def test_transferrin_saturation_from_iron_and_tibc() -> None:
    value = transferrin_saturation(
        LabResult("iron", 55, "ug/dL"), LabResult("tibc", 390, "ug/dL"), CATALOG
    )
    assert value == pytest.approx(100 * 55 / 390)
    derived = derive(
        [
            LabResult("iron", 55, "ug/dL"),
            LabResult("tibc", 390, "ug/dL"),
            LabResult("calcium", 8.4, "mg/dL"),
            LabResult("albumin", 3.2, "g/dL"),
        ],
        CATALOG,
    )
    assert [(d.test, d.value, d.unit) for d in derived] == [
        ("transferrin_saturation", 14.1, "%"),
        ("calcium", 9.04, "mg/dL"),
    ]


def test_every_test_has_loinc_sources_and_caveats() -> None:
    for test in CATALOG.tests.values():
        assert test.loinc, test.key
        assert test.caveats, test.key
        ref = test.reference
        if ref is not None and (ref.low is not None or ref.high is not None):
            assert ref.sources or not ref.verified, test.key  # unsourced means unverified
        for threshold in test.thresholds:
            assert threshold.sources, (test.key, threshold.id)
