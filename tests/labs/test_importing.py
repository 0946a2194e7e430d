"""Lab results from FHIR R4 JSON and CSV (tests/data/fhir/README.md says what each should give)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sleepmin.errors import InvalidLabFile
from sleepmin.labs.catalog import load_catalog
from sleepmin.labs.importing import LabImport, import_lab_text

FHIR = Path(__file__).parents[1] / "data" / "fhir"
CATALOG = load_catalog()


def _load(name: str) -> LabImport:
    return import_lab_text((FHIR / name).read_text("utf-8"), CATALOG, name)


def test_single_observation() -> None:
    imported = _load("observation_ferritin.json")
    assert [(r.test, r.value, r.unit) for r in imported.results] == [("ferritin", 40.0, "ng/mL")]
    assert imported.problems == []


def test_panel_bundle() -> None:
    imported = _load("bundle_panel.json")
    got = {r.test: (r.value, r.unit) for r in imported.results}
    assert got == {
        "ferritin": (28.0, "ng/mL"),
        "transferrin_saturation": (14.0, "%"),
        "iron": (55.0, "ug/dL"),
        "tibc": (390.0, "ug/dL"),
        "magnesium": (1.9, "mg/dL"),
        "zinc": (68.0, "ug/dL"),
        "copper": (95.0, "ug/dL"),
        "calcium": (8.4, "mg/dL"),
        "albumin": (3.2, "g/dL"),
        "potassium": (4.1, "mmol/L"),
        "hemoglobin": (11.8, "g/dL"),
        "crp": (2.0, "mg/L"),
    }
    assert imported.skipped == ["entry 1: Patient"] or any("Patient" in s for s in imported.skipped)
    assert len(imported.problems) == 1
    assert "29463-7" in imported.problems[0].reason
    assert "not a test sleepmin interprets" in imported.problems[0].reason


def test_problem_bundle_reports_each_and_keeps_the_good_one() -> None:
    imported = _load("bundle_problems.json")
    assert [(r.test, r.value) for r in imported.results] == [("potassium", 3.2)]
    reasons = {p.where.split()[1]: p.reason for p in imported.problems}
    assert (
        "cannot convert magnesium" in reasons["prob-mg-kg"]
        or "unknown unit" in reasons["prob-mg-kg"]
    )
    assert "no numeric valueQuantity (dataAbsentReason: error)" in reasons["prob-zinc-absent"]
    assert "LOINC 99999-9" in reasons["prob-unknown-loinc"]
    assert "valueString" in reasons["prob-ferritin-string"]
    assert (
        "has no LOINC code (coding systems: http://snomed.info/sct)" in reasons["prob-snomed-only"]
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("not_fhir.json", r"is not a FHIR Observation or Bundle \(resourceType: None\)"),
        ("broken.json", "is not valid JSON"),
    ],
)
def test_files_that_are_not_fhir(name: str, message: str) -> None:
    with pytest.raises(InvalidLabFile, match=message):
        _load(name)


def test_csv_labs() -> None:
    text = (
        "test,value,unit,date\nferritin,28,ng/mL,2026-11-01\n2502-3,14,%,2026-11-01\n"
        "magnesium,0.7,mmol/L,\nvitamin_d,30,ng/mL,\nzinc,abc,ug/dL,\nzinc,70,kg,\n"
    )
    imported = import_lab_text(text, CATALOG, "labs.csv")
    assert [(r.test, r.value) for r in imported.results] == [
        ("ferritin", 28.0),
        ("transferrin_saturation", 14.0),
        ("magnesium", 0.7),
    ]
    assert [p.where for p in imported.problems] == ["line 5", "line 6", "line 7"]
    assert imported.problems[0].reason.startswith("unknown test 'vitamin_d'; use one of:")


def test_csv_with_a_wrong_header() -> None:
    with pytest.raises(
        InvalidLabFile,
        match=(
            r"lab file labs.csv CSV header lacks test, value, unit \(found: analyte, result\); "
            r"start the file with the header test,value,unit"
        ),
    ):
        import_lab_text("analyte,result\nferritin,28\n", CATALOG, "labs.csv")
