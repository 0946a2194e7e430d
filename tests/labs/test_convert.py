"""Unit conversions against values computed by hand from molar masses
(tests/data/lab_conversions.csv, with the working for each row)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sleepmin.errors import SleepminError, UnitMismatch, UnknownUnit
from sleepmin.labs.catalog import load_catalog
from sleepmin.labs.convert import convert

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
    with pytest.raises(UnknownUnit, match="it is not a concentration"):
        convert(CATALOG.test("magnesium"), 1.9, "kg", "mg/dL")


@pytest.mark.parametrize("spelling", ["ug/dL", "µg/dL", "μg/dL", "mcg/dL"])
def test_microgram_spellings(spelling: str) -> None:
    assert convert(CATALOG.test("zinc"), 65.38, spelling, "umol/L") == pytest.approx(10.0)
