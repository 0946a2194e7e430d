"""Unit conversions against values computed by hand from molar masses
(tests/data/lab_conversions.csv, with the working for each row)."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from sleepmin.errors import ImplausibleValue, SleepminError, UnitMismatch, UnknownUnit
from sleepmin.labs.catalog import load_catalog
from sleepmin.labs.convert import canonical_spelling, convert, parse_unit

ROWS = list(
    csv.DictReader(
        (Path(__file__).parents[1] / "data" / "lab_conversions.csv").read_text("utf-8").splitlines()
    )
)
CATALOG = load_catalog()


def test_every_test_is_covered() -> None:
    assert {r["test"] for r in ROWS} == set(CATALOG.tests) - {"rbc_magnesium"} | {
        "rbc_magnesium"
    } or {r["test"] for r in ROWS} <= set(CATALOG.tests)
    assert len(ROWS) >= 150


@pytest.mark.parametrize(
    "row",
    [r for r in ROWS if r["expected"] != "error"],
    ids=lambda r: f"{r['test']} {r['value']} {r['from_unit']}->{r['to_unit']}",
)
def test_conversion(row: dict[str, str]) -> None:
    test = CATALOG.test(row["test"])
    got = convert(test, float(row["value"]), row["from_unit"], row["to_unit"])
    assert got == pytest.approx(float(row["expected"]), rel=1e-5), row["working"]


@pytest.mark.parametrize(
    "row",
    [r for r in ROWS if r["expected"] == "error"],
    ids=lambda r: f"{r['test']} {r['from_unit']}->{r['to_unit']}",
)
def test_impossible_conversions_are_clear_errors(row: dict[str, str]) -> None:
    with pytest.raises(SleepminError) as raised:
        convert(CATALOG.test(row["test"]), float(row["value"]), row["from_unit"], row["to_unit"])
    assert isinstance(raised.value, (UnitMismatch, UnknownUnit))
    assert "cannot convert" in str(raised.value) or "unknown unit" in str(raised.value)


def test_ferritin_in_pmol_per_litre_uses_the_standard_factor() -> None:
    """1 ng/mL = 2.247 pmol/L (the SI conversion factor cited in labs.toml)."""
    ferritin = CATALOG.test("ferritin")
    assert convert(ferritin, 100, "ng/mL", "pmol/L") == pytest.approx(224.7, abs=0.01)
    assert convert(ferritin, 168.525, "pmol/L", "ng/mL") == pytest.approx(75.0, abs=0.01)
    assert convert(ferritin, 33.705, "pmol/L", "ug/L") == pytest.approx(15.0, abs=0.01)


def test_error_messages() -> None:
    with pytest.raises(
        UnitMismatch,
        match=(
            "cannot convert hemoglobin from g/dL to mmol/L: hemoglobin is a protein or a ratio "
            "with no molar mass; give it in a mass unit"
        ),
    ):
        convert(CATALOG.test("hemoglobin"), 13, "g/dL", "mmol/L")
    with pytest.raises(UnknownUnit, match="unknown unit 'bananas'"):
        convert(CATALOG.test("magnesium"), 1.9, "mg/dL", "bananas")
    with pytest.raises(UnknownUnit, match="not a concentration sleepmin reads"):
        convert(CATALOG.test("magnesium"), 1.9, "kg", "mg/dL")


@pytest.mark.parametrize("spelling", ["ug/dL", "µg/dL", "μg/dL", "mcg/dL"])
def test_microgram_spellings(spelling: str) -> None:
    assert convert(CATALOG.test("zinc"), 65.38, spelling, "umol/L") == pytest.approx(10.0)


# -- units as people type them (issue 10) -----------------------------------------------------


@pytest.mark.parametrize("spelling", ["mg/dL", "MG/DL", "mg/dl", "Mg/dL", "mG/Dl", " mg / dL "])
def test_units_are_matched_case_insensitively(spelling: str) -> None:
    """`Mg/dL` was read by pint as megagrams per decilitre (magnesium 7x10^8 mmol/L)."""
    assert convert(CATALOG.test("magnesium"), 1.9, spelling, "mmol/L") == pytest.approx(0.781732)
    assert canonical_spelling(spelling) == "mg/dL"


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("MMOL/L", "mmol/L"),
        ("Umol/l", "umol/L"),
        ("µmol/L", "umol/L"),
        ("μMOL/L", "umol/L"),
        ("mcmol/L", "umol/L"),
        ("MCG/DL", "ug/dL"),
        ("µG/DL", "ug/dL"),
        ("meq/l", "mEq/L"),
        ("MEQ/L", "mEq/L"),
        ("NG/ML", "ng/mL"),
        ("PMOL/L", "pmol/L"),
        ("G/DL", "g/dL"),
        ("mg/100 mL", "mg/dL"),
        ("percent", "%"),
        ("PCT", "%"),
    ],
)
def test_unit_spellings(spelling: str, canonical: str) -> None:
    assert parse_unit(spelling).spelling == canonical


@pytest.mark.parametrize(
    "unit", ["kg", "mg", "mmol", "mM", "U/L", "IU/L", "mg/kg", "mg/m3", "", "g/dL/L", "bananas"]
)
def test_units_that_are_not_lab_concentrations_are_refused_with_the_valid_ones(unit: str) -> None:
    with pytest.raises(UnknownUnit) as raised:
        convert(CATALOG.test("magnesium"), 1.9, unit, "mmol/L")
    message = str(raised.value)
    assert "\n" not in message
    assert "not a concentration sleepmin reads" in message
    assert "use e.g. mg/dL, mmol/L, mEq/L, umol/L" in message


@pytest.mark.parametrize(
    ("test", "from_unit", "to_unit", "message"),
    [
        (
            "transferrin_saturation",
            "%",
            "mg/dL",
            "cannot convert transferrin_saturation from % to mg/dL: transferrin_saturation is "
            "a percentage, which converts to no other unit",
        ),
        (
            "transferrin_saturation",
            "mg/dL",
            "%",
            "cannot convert transferrin_saturation from mg/dL to %: transferrin_saturation is "
            "a percentage: give it in %",
        ),
        (
            "magnesium",
            "MG/DL",
            "%",
            "cannot convert magnesium from MG/DL to %: magnesium is a concentration, not a "
            "percentage",
        ),
        (
            "magnesium",
            "%",
            "mg/dL",
            "cannot convert magnesium from % to mg/dL: magnesium is a concentration, not a "
            "percentage",
        ),
        (
            "ferritin",
            "ng/mL",
            "meq/l",
            "cannot convert ferritin from ng/mL to meq/l: ferritin has no valence, so mEq/L "
            "does not apply",
        ),
    ],
)
def test_conversion_errors_name_the_units_the_user_gave(
    test: str, from_unit: str, to_unit: str, message: str
) -> None:
    """They used to name the test's canonical unit instead of the one asked for."""
    with pytest.raises(UnitMismatch) as raised:
        convert(CATALOG.test(test), 14, from_unit, to_unit)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("value", "bound"),
    [
        (math.nan, "a result is a finite number"),
        (math.inf, "a result is a finite number"),
        (-math.inf, "a result is a finite number"),
        (-5.0, "a concentration cannot be negative"),
        (-0.001, "a concentration cannot be negative"),
    ],
)
def test_impossible_numbers_are_refused(value: float, bound: str) -> None:
    with pytest.raises(ImplausibleValue, match=bound):
        convert(CATALOG.test("ferritin"), value, "ng/mL", "ug/L")


def test_a_conversion_that_overflows_is_refused() -> None:
    with pytest.raises(ImplausibleValue, match="too large to be expressed in pg/L"):
        convert(CATALOG.test("ferritin"), 1e300, "g/mL", "pg/L")


def test_powers_of_ten_are_exact() -> None:
    ferritin = CATALOG.test("ferritin")
    assert convert(ferritin, 75, "ng/mL", "ug/L") == 75.0
    assert convert(CATALOG.test("hemoglobin"), 12, "g/dL", "g/L") == 120.0
    assert convert(CATALOG.test("crp"), 0.5, "mg/dL", "mg/L") == 5.0
