"""Lab results from FHIR R4 JSON and CSV (tests/data/fhir/README.md says what each should give)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sleepmin.errors import InvalidLabFile
from sleepmin.labs import importing
from sleepmin.labs.catalog import load_catalog
from sleepmin.labs.importing import LabImport, import_lab_file, import_lab_text

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


# -- bad input (issue 10) ---------------------------------------------------------------------


def _observation(
    value: object, unit: str = "ng/mL", code: str = "2276-4", **extra: object
) -> dict[str, object]:
    quantity: dict[str, object] = {"value": value, "unit": unit, "code": unit}
    return {
        "resourceType": "Observation",
        "id": f"obs-{code}",
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
        "valueQuantity": quantity,
        **extra,
    }


def _bundle(*resources: object) -> str:
    return json.dumps(
        {
            "resourceType": "Bundle",
            "type": "collection",
            "entry": [{"resource": r} for r in resources],
        }
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"resourceType": "Bundle", "type": "collection", "entry": []}',
            r"lab file b.json is a FHIR Bundle with no lab results \(no entries\); export the "
            r"Bundle with the Observations \(lab results\) in it",
        ),
        ('{"resourceType": "Bundle", "type": "collection"}', r"with no lab results \(no entries\)"),
        (
            _bundle({"resourceType": "Patient", "id": "p"}),
            r"with no lab results \(1 entry, none an Observation\)",
        ),
    ],
)
def test_an_empty_bundle_is_an_error(text: str, message: str) -> None:
    """It used to print nothing and exit 0."""
    with pytest.raises(InvalidLabFile, match=message):
        import_lab_text(text, CATALOG, "b.json")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "is JSON nested too deeply to be a FHIR resource"),
        (
            '{"resourceType": "Observation", "note": ' + '{"a": ' * 50_000 + "1" + "}" * 50_001,
            "is JSON nested too deeply to be a FHIR resource",
        ),
        ("", "is empty"),
        ("  \n\t ", "is empty"),
        ("\x00\x01\x02binary", "is a binary file, not text"),
        ("test,value,unit\nferritin,4\x000,ng/mL\n", "is a binary file, not text"),
        ('{"resourceType": "Observation"} trailing', "extra text after the JSON document"),
        ('{"resourceType": "Bundle", "entry": [1, 2', "is not valid JSON"),
        ('{"resourceType": "Bundle", "entry": 5}', r"is not a valid FHIR Bundle \(entry"),
        ('{"resourceType": "Bundle", "type": 5, "entry": []}', r"\(type should be a string\)"),
        ("[1, 2, 3]", r"is not a FHIR Observation or Bundle"),
        (  # repr() of this would itself be too deep
            '{"resourceType": ' + "[" * 900 + "]" * 900 + "}",
            r"is not a FHIR Observation or Bundle \(resourceType: a list\)",
        ),
        (
            '{"resourceType": "Bundle", "entry": [{"resource": {"resourceType": '
            + "[" * 900
            + "]" * 900
            + "}}]}",
            r"with no lab results \(1 entry, none an Observation\)",
        ),
        ('{"resourceType": 7}', r"is not a FHIR Observation or Bundle \(resourceType: 7\)"),
    ],
)
def test_files_that_cannot_be_read_are_one_line_errors(text: str, message: str) -> None:
    with pytest.raises(InvalidLabFile, match=message) as raised:
        import_lab_text(text, CATALOG, "x.json")
    assert "\n" not in str(raised.value)


def test_files_that_are_not_utf8_are_refused(tmp_path: Path) -> None:
    latin1 = tmp_path / "labs.csv"
    latin1.write_bytes("test,value,unit\nferritin,40,µg/L\n".encode("latin-1"))
    with pytest.raises(InvalidLabFile, match=r"labs.csv is not UTF-8 text \(byte 0xb5"):
        import_lab_file(latin1, CATALOG)
    binary = tmp_path / "scan.json"
    binary.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(InvalidLabFile, match=r"is (not UTF-8 text|a binary file)"):
        import_lab_file(binary, CATALOG)
    with pytest.raises(InvalidLabFile, match="is a directory"):
        import_lab_file(tmp_path, CATALOG)
    with pytest.raises(InvalidLabFile, match="does not exist"):
        import_lab_file(tmp_path / "missing.csv", CATALOG)


def test_a_5000_digit_number_is_a_problem_for_its_observation_only() -> None:
    """It used to be a ValueError traceback (Python's 4,300-digit limit)."""
    text = _bundle(_observation(0), _observation(40)).replace(
        '"value": 0', '"value": ' + "9" * 5000
    )
    imported = import_lab_text(text, CATALOG, "b.json")
    assert [(r.test, r.value) for r in imported.results] == [("ferritin", 40.0)]
    assert len(imported.problems) == 1
    assert "ferritin infinity ng/mL is not possible" in imported.problems[0].reason


@pytest.mark.parametrize(
    ("observation", "reason"),
    [
        (
            _observation(-5),
            "ferritin -5 ng/mL is not possible (a concentration cannot be negative)",
        ),
        (
            _observation(2e6),
            "ferritin 2,000,000 ng/mL is not possible (2,000,000 ug/L; outside 0-500,000 ug/L",
        ),
        (_observation(0, "mmol/L", "2823-3"), "potassium 0 mmol/L is not possible"),
        (_observation(150, "%", "2502-3"), "transferrin saturation 150 % is not possible"),
        (_observation(1.9, "Mg/dL", "19123-9"), None),  # mg/dL, not megagrams
        (_observation(1.9, "MG/DL", "19123-9"), None),
        (_observation("40"), "valueQuantity.value should be a number"),
        (_observation(True), "valueQuantity.value should be a number"),
        (_observation(40, effectiveDateTime="yesterday"), "effectiveDateTime 'yesterday' is not"),
        (_observation(40, effectiveDateTime=5), "effectiveDateTime should be a string"),
        ({**_observation(40), "code": "ferritin"}, "code should be an object"),
        ({**_observation(40), "code": {"coding": "2276-4"}}, "code.coding should be a list"),
        ({**_observation(40), "code": {"coding": [5]}}, "code.coding[0] should be an object"),
        ({**_observation(40), "valueQuantity": [40]}, "valueQuantity should be an object"),
        ({**_observation(40), "valueQuantity": {"value": 40}}, "ferritin value 40 has no unit"),
        (_observation(40, "kg"), "ferritin: unknown unit 'kg'"),
    ],
)
def test_each_bad_observation_is_a_problem_and_the_others_still_import(
    observation: dict[str, object], reason: str | None
) -> None:
    good = _observation(3.2, "mmol/L", "2823-3")
    imported = import_lab_text(_bundle(observation, good), CATALOG, "b.json")
    if reason is None:
        assert len(imported.results) == 2 and not imported.problems
        return
    assert [(r.test, r.value) for r in imported.results] == [("potassium", 3.2)]
    assert len(imported.problems) == 1
    assert "\n" not in imported.problems[0].reason
    assert reason in imported.problems[0].reason


def test_a_value_given_as_a_limit_is_not_read_as_measured() -> None:
    """'< 10 mg/L' CRP read as 10 would say inflammation (> 5) when there may be none."""
    observation = _observation(10, "mg/L", "1988-5")
    observation["valueQuantity"]["comparator"] = "<"  # type: ignore[index]
    imported = import_lab_text(_bundle(observation), CATALOG, "b.json")
    assert not imported.results
    assert "is given as '< 10', a limit rather than a measured value" in imported.problems[0].reason


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("tibc,0,ug/dL", "tibc 0 ug/dL is not possible"),  # used to divide by zero
        ("tibc,-300,ug/dL", "tibc -300 ug/dL is not possible"),
        ("ferritin,-5,ng/mL", "a concentration cannot be negative"),
        ("ferritin,nan,ng/mL", "value 'nan' is not a number"),
        ("ferritin,inf,ng/mL", "value 'inf' is not a number"),
        ("ferritin,1e999,ng/mL", "ferritin infinity ng/mL is not possible"),
        ('ferritin,"1,000",ng/mL', "is not a number (write it without a thousands separator)"),
        ("ferritin,<5,ng/mL", "a limit such as '<5' is not a measured value"),
        ("ferritin,1_000,ng/mL", "value '1_000' is not a number"),
        ("transferrin_saturation,150,%", "transferrin saturation 150 % is not possible"),
        ("magnesium,1.9,kg", "magnesium: unknown unit 'kg'"),
        ("magnesium,1.9,", "magnesium: unknown unit ''"),
        ("x" * 500 + ",1,mg/dL", "unknown test 'xxxxxxxx"),
    ],
)
def test_each_bad_csv_row_is_a_problem_and_the_others_still_import(row: str, reason: str) -> None:
    text = f"test,value,unit\nferritin,28,ng/mL\n{row}\nMAGNESIUM,1.9,MG/DL\n"
    imported = import_lab_text(text, CATALOG, "labs.csv")
    assert [(r.test, r.value) for r in imported.results] == [("ferritin", 28.0), ("magnesium", 1.9)]
    assert [p.where for p in imported.problems] == ["line 3"]
    assert reason in imported.problems[0].reason
    assert len(imported.problems[0].reason) < 400


def test_csv_line_endings_quotes_and_blank_lines() -> None:
    text = (
        '\r\n\r\ntest,value,unit,date\r\nferritin,28,ng/mL,"2026-11-01"\r\n\r\n"zinc",70,ug/dL,\r'
    )
    imported = import_lab_text(text, CATALOG, "labs.csv")
    assert [(r.test, r.value, r.date) for r in imported.results] == [
        ("ferritin", 28.0, "2026-11-01"),
        ("zinc", 70.0, None),
    ]
    classic_mac = "test,value,unit\rferritin,28,ng/mL\rzinc,70,ug/dL\r"
    assert len(import_lab_text(classic_mac, CATALOG, "labs.csv").results) == 2


def test_a_csv_field_too_large_is_one_line() -> None:
    with pytest.raises(InvalidLabFile, match="is not a readable CSV"):
        import_lab_text('test,value,unit\n"' + "x" * 200_000 + '",1,mg/dL\n', CATALOG, "l.csv")


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 7, 13, 64, 1000])
def test_streaming_gives_the_same_results_whatever_the_chunk_size(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Numbers, strings and line ends cut at every possible place between two reads."""
    texts = [
        (FHIR / "bundle_panel.json").read_text("utf-8"),
        (FHIR / "bundle_problems.json").read_text("utf-8"),
        (FHIR / "observation_ferritin.json").read_text("utf-8"),
        "test,value,unit,date\r\nferritin,28.125,ng/mL,2026-11-01\r\n2502-3,14,%,\r\nzinc,abc,ug/dL,\n",
    ]
    expected = [import_lab_text(t, CATALOG, "x") for t in texts]
    monkeypatch.setattr(importing, "CHUNK", chunk)
    for text, want in zip(texts, expected, strict=True):
        got = import_lab_text(text, CATALOG, "x")
        assert got == want
    with pytest.raises(InvalidLabFile, match=r"Expecting ',' delimiter at line 52\)"):
        _load("broken.json")


def test_file_import_matches_text_import(tmp_path: Path) -> None:
    path = tmp_path / "panel.json"
    path.write_bytes(b"\xef\xbb\xbf" + (FHIR / "bundle_panel.json").read_bytes())  # with a BOM
    from_file = import_lab_file(path, CATALOG)
    from_text = import_lab_text(
        (FHIR / "bundle_panel.json").read_text("utf-8"), CATALOG, "panel.json"
    )
    assert from_file == from_text
