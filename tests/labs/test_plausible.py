"""Impossible lab values are refused with the bound named (issue 10): not a number, infinite,
negative, zero where zero cannot be, or outside the test's plausible range in labs.toml."""

from __future__ import annotations

import math

import pytest

from sleepmin.errors import ImplausibleValue
from sleepmin.labs.catalog import load_catalog
from sleepmin.labs.convert import convert
from sleepmin.labs.interpret import LabResult, check_plausible, interpret

CATALOG = load_catalog()
TESTS = sorted(CATALOG.tests)

# The bounds the docs promise (docs/cli.md), in the unit they are stated in.
DOCUMENTED = {
    "magnesium": (0.1, 15, "mmol/L"),
    "rbc_magnesium": (0.2, 15, "mmol/L"),
    "ferritin": (0, 500_000, "ug/L"),
    "transferrin_saturation": (0, 100, "%"),
    "iron": (0, 2000, "umol/L"),
    "tibc": (1, 200, "umol/L"),
    "hemoglobin": (10, 260, "g/L"),
    "zinc": (0.5, 500, "umol/L"),
    "copper": (0, 500, "umol/L"),
    "ceruloplasmin": (0, 5, "g/L"),
    "calcium": (0.5, 7.5, "mmol/L"),
    "ionized_calcium": (0.2, 5, "mmol/L"),
    "albumin": (0.1, 100, "g/L"),
    "potassium": (0.5, 15, "mmol/L"),
    "crp": (0, 1000, "mg/L"),
}


def test_every_test_has_its_documented_bounds() -> None:
    assert set(DOCUMENTED) == set(CATALOG.tests)
    for key, (low, high, unit) in DOCUMENTED.items():
        test = CATALOG.test(key)
        assert test.plausible == (low, high) and test.plausible_unit == unit, key


@pytest.mark.parametrize("key", TESTS)
def test_bounds_hold_every_reference_interval_and_threshold(key: str) -> None:
    """The plausible range is far wider than anything clinical in the catalog."""
    test = CATALOG.test(key)
    assert test.plausible is not None and test.plausible_unit is not None
    low, high = test.plausible
    ref = test.reference
    values = [(t.value, t.unit) for t in test.thresholds]
    if ref is not None:
        values += [(v, ref.unit) for v in (ref.low, ref.high) if v is not None]
        for group in ref.groups:
            values += [(v, ref.unit) for v in (group.low, group.high) if v is not None]
    for value, unit in values:
        assert low < convert(test, value, unit, test.plausible_unit) < high, (value, unit)


@pytest.mark.parametrize("key", TESTS)
def test_the_bounds_themselves_are_accepted_and_just_outside_refused(key: str) -> None:
    test = CATALOG.test(key)
    assert test.plausible is not None and test.plausible_unit is not None
    low, high = test.plausible
    unit = test.plausible_unit
    assert check_plausible(test, low, unit) >= 0
    assert math.isfinite(check_plausible(test, high, unit))
    with pytest.raises(ImplausibleValue, match="the widest range sleepmin accepts for"):
        check_plausible(test, high * 1.001, unit)
    if low > 0:
        with pytest.raises(ImplausibleValue, match="the widest range sleepmin accepts for"):
            check_plausible(test, low * 0.999, unit)
        with pytest.raises(ImplausibleValue):
            check_plausible(test, 0, unit)  # zero is impossible for this test


@pytest.mark.parametrize(
    ("test", "value", "unit", "message"),
    [
        (
            "potassium",
            20,
            "mmol/L",
            "potassium 20 mmol/L is not possible (outside 0.5-15 mmol/L, the widest range "
            "sleepmin accepts for potassium); check the number and its unit on the lab report",
        ),
        (
            "potassium",
            0,
            "mEq/L",
            "potassium 0 mEq/L is not possible (0 mmol/L; outside 0.5-15 mmol/L, the widest "
            "range sleepmin accepts for potassium); check the number and its unit on the lab "
            "report",
        ),
        (
            "transferrin_saturation",
            150,
            "%",
            "transferrin saturation 150 % is not possible (outside 0-100 %, the widest range "
            "sleepmin accepts for transferrin saturation); check the number and its unit on the "
            "lab report",
        ),
        (
            "magnesium",
            1.9,
            "g/dL",  # a wrong unit: 1.9 g/dL is 782 mmol/L
            "magnesium 1.9 g/dL is not possible (782 mmol/L; outside 0.1-15 mmol/L, the widest "
            "range sleepmin accepts for magnesium); check the number and its unit on the lab "
            "report",
        ),
        (
            "ferritin",
            -5,
            "ng/mL",
            "ferritin -5 ng/mL is not possible (a concentration cannot be negative); give the "
            "number printed on the lab report, without a minus sign",
        ),
        (
            "ferritin",
            math.nan,
            "ng/mL",
            "ferritin nan ng/mL is not possible (a result is a finite number); give the number "
            "printed on the lab report",
        ),
        (
            "tibc",
            -300,
            "ug/dL",
            "tibc -300 ug/dL is not possible (a concentration cannot be negative); give the "
            "number printed on the lab report, without a minus sign",
        ),
        (
            "tibc",
            0,
            "ug/dL",
            "tibc 0 ug/dL is not possible (0 umol/L; outside 1-200 umol/L, the widest range "
            "sleepmin accepts for tibc); check the number and its unit on the lab report",
        ),
        (
            "hemoglobin",
            1e300,
            "g/dL",
            "hemoglobin 1e+300 g/dL is not possible (1e+301 g/L; outside 10-260 g/L, the widest "
            "range sleepmin accepts for hemoglobin); check the number and its unit on the lab "
            "report",
        ),
    ],
)
def test_messages_name_the_value_and_the_bound(
    test: str, value: float, unit: str, message: str
) -> None:
    with pytest.raises(ImplausibleValue) as raised:
        check_plausible(CATALOG.test(test), value, unit)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("test", "value", "unit"),
    [
        ("ferritin", -5, "ng/mL"),  # used to meet the iron-therapy threshold
        ("ferritin", math.nan, "ng/mL"),  # used to be "within"
        ("magnesium", math.inf, "mg/dL"),
        ("transferrin_saturation", 150, "%"),
        ("tibc", -300, "ug/dL"),
        ("magnesium", 1.9e9, "mg/dL"),
    ],
)
def test_interpret_refuses_what_check_plausible_refuses(test: str, value: float, unit: str) -> None:
    with pytest.raises(ImplausibleValue):
        interpret(CATALOG, LabResult(test, value, unit))


def test_megagrams_are_not_read() -> None:
    """`Mg/dL` is mg/dL: magnesium 1.9 is 0.78 mmol/L and within, not 7x10^8 and high."""
    item = interpret(CATALOG, LabResult("magnesium", 1.9, "Mg/dL"))
    assert item.canonical_value == pytest.approx(0.7817, abs=1e-4)
    assert item.status == "within"
