"""`sleepmin labs ...` and `sleepmin safety check` as a user runs them (real processes)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from sleepmin.cli._shared import emit_json
from sleepmin.errors import OutputError
from tests.cli_helpers import run_cli

FHIR = Path(__file__).parent / "data" / "fhir"


def run(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, data_dir=data_dir)


def test_labs_convert_json() -> None:
    result = run(
        "labs",
        "convert",
        "--test",
        "magnesium",
        "--value",
        "0.7",
        "--from",
        "mmol/L",
        "--to",
        "mg/dL",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["unit"] == "mg/dL"
    assert body["value"] == pytest.approx(0.7 * 24.305 / 10, abs=1e-4)  # 1.70
    micro = run(
        "labs",
        "convert",
        "--test",
        "zinc",
        "--value",
        "70",
        "--from",
        "µg/dL",
        "--to",
        "umol/L",
        "--json",
    )
    assert json.loads(micro.stdout)["value"] == pytest.approx(70 * 10 / 65.38, abs=1e-4)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--test", "hemoglobin", "--value", "13", "--from", "g/dL", "--to", "mmol/L"),
            "Error: cannot convert hemoglobin from g/dL to mmol/L: hemoglobin is a protein or a "
            "ratio with no molar mass; give it in a mass unit",
        ),
        (
            ("--test", "vitamin_d", "--value", "40", "--from", "ng/mL", "--to", "nmol/L"),
            "Error: unknown test 'vitamin_d'; use one of: albumin, calcium, ceruloplasmin, "
            "copper, crp, ferritin, hemoglobin, ionized_calcium, iron, magnesium, potassium, "
            "rbc_magnesium, tibc, transferrin_saturation, zinc",
        ),
    ],
)
def test_labs_convert_errors(args: tuple[str, ...], message: str) -> None:
    result = run("labs", "convert", *args)
    assert result.returncode == 1
    assert result.stderr.strip() == message


def test_labs_interpret_json() -> None:
    result = run(
        "labs",
        "interpret",
        "--test",
        "ferritin",
        "--value",
        "40",
        "--unit",
        "ng/mL",
        "--age",
        "40",
        "--sex",
        "female",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["test"] == "ferritin" and body["si"] == {"value": 40.0, "unit": "ug/L"}
    assert body["loinc"][0]["code"] == "2276-4"
    rules = {t["rule"] for t in body["thresholds_met"]}
    assert "≤ 75 ug/L" in rules
    rls = next(t for t in body["thresholds_met"] if t["rule"] == "≤ 75 ug/L")
    assert rls["citations"] and {"id", "authors", "title", "year", "citation"} <= set(
        rls["citations"][0]
    )
    assert any("inflammation" in c for c in body["caveats"])


def test_labs_import_fhir_json() -> None:
    result = run("labs", "import", str(FHIR / "bundle_panel.json"), "--sex", "female", "--json")
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    tests = [r["test"] for r in body["results"]]
    assert tests.count("calcium") == 2  # measured, and albumin-corrected
    corrected = next(r for r in body["results"] if "albumin-corrected" in (r["source"] or ""))
    assert corrected["value"] == pytest.approx(9.04)
    assert len(body["problems"]) == 1 and body["skipped"]


def test_labs_import_rejects_non_fhir() -> None:
    result = run("labs", "import", str(FHIR / "not_fhir.json"))
    assert result.returncode == 1
    assert result.stderr.startswith(
        "Error: lab file not_fhir.json is not a FHIR Observation or Bundle"
    )


def test_safety_check_red_flags_first_and_no_schedule() -> None:
    result = run(
        "safety",
        "check",
        "--age",
        "45",
        "--sex",
        "male",
        "--supplement",
        "zinc gluconate 50 mg",
        "--supplement",
        "potassium chloride 99 mg",
        "--medication",
        "ace_inhibitor",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["passes"] is False and body["schedule"] is None
    severities = [f["severity"] for f in body["findings"]]
    assert severities[0] == "red_flag"
    assert severities == sorted(severities, key=["red_flag", "warning", "info"].index)
    rules = {f["rule"] for f in body["findings"]}
    assert {"high_dose_zinc", "potassium_retention", "above_upper_limit"} <= rules
    assert all(f["citations"] for f in body["findings"] if f["severity"] == "red_flag")
    assert all({"severity", "mineral", "message", "citations"} <= set(f) for f in body["findings"])


def test_safety_check_passing_plan_gets_a_schedule() -> None:
    body = json.loads(
        run(
            "safety",
            "check",
            "--age",
            "35",
            "--sex",
            "female",
            "--supplement",
            "magnesium glycinate 200 mg",
            "--supplement",
            "ferrous sulfate 27 mg",
            "--supplement",
            "calcium citrate 300 mg",
            "--json",
        ).stdout
    )
    assert body["passes"] is True
    slots = {d["mineral"]: d["slot"] for d in body["schedule"]}
    assert slots == {"iron": "morning", "calcium": "dinner", "magnesium": "evening"}
    assert all(d["citations"] for d in body["schedule"])


def test_safety_check_with_labs_file(tmp_path: Path) -> None:
    labs = tmp_path / "labs.csv"
    labs.write_text("test,value,unit\nferritin,450,ng/mL\n")
    body = json.loads(
        run(
            "safety",
            "check",
            "--age",
            "50",
            "--sex",
            "male",
            "--supplement",
            "iron 18 mg",
            "--labs",
            str(labs),
            "--json",
        ).stdout
    )
    assert "iron_overload_labs" in {f["rule"] for f in body["findings"]}


def test_safety_check_unknown_words_list_the_vocabulary() -> None:
    result = run("safety", "check", "--age", "45", "--sex", "female", "--condition", "diabetes")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Error: unknown condition 'diabetes'; use one of: ckd, hemochromatosis, inflammation, "
        "kidney_stones, pregnancy, sleep_apnea, wilson_disease"
    )


# -- bad input (issue 10) ---------------------------------------------------------------------


def _interpret(*args: str) -> subprocess.CompletedProcess[str]:
    return run("labs", "interpret", *args)


@pytest.mark.parametrize("unit", ["Mg/dL", "MG/DL", "mg/dl"])
def test_labs_interpret_reads_units_in_any_case(unit: str) -> None:
    """`Mg/dL` was megagrams per decilitre (magnesium 7x10^8 mmol/L, "high"); `MG/DL` refused."""
    result = _interpret("--test", "magnesium", "--value", "1.9", "--unit", unit, "--json")
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["si"]["value"] == pytest.approx(0.7817, abs=1e-4)
    assert body["status"] == "within"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--test", "ferritin", "--value", "nan", "--unit", "ng/mL", "--json"),
            "Error: ferritin nan ng/mL is not possible (a result is a finite number); give the "
            "number printed on the lab report",
        ),
        (
            ("--test", "ferritin", "--value", "-5", "--unit", "ng/mL"),
            "Error: ferritin -5 ng/mL is not possible (a concentration cannot be negative); give "
            "the number printed on the lab report, without a minus sign",
        ),
        (
            ("--test", "ferritin", "--value", "inf", "--unit", "ng/mL", "--json"),
            "Error: ferritin infinity ng/mL is not possible (a result is a finite number); give "
            "the number printed on the lab report",
        ),
        (
            ("--test", "transferrin_saturation", "--value", "150", "--unit", "%"),
            "Error: transferrin saturation 150 % is not possible (outside 0-100 %, the widest "
            "range sleepmin accepts for transferrin saturation); check the number and its unit "
            "on the lab report",
        ),
        (
            ("--test", "magnesium", "--value", "1.9", "--unit", "kg"),
            "Error: unknown unit 'kg' (not a concentration sleepmin reads: a mass, moles or mEq "
            "per L, dL or mL); use e.g. mg/dL, mmol/L, mEq/L, umol/L, ug/dL, ng/mL, ug/L, g/L, "
            "g/dL or %",
        ),
    ],
)
def test_labs_interpret_refuses_impossible_values(args: tuple[str, ...], message: str) -> None:
    result = _interpret(*args)
    assert result.returncode == 1
    assert result.stdout == ""  # no NaN (or anything) on stdout
    assert result.stderr.strip() == message


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--test", "transferrin_saturation", "--value", "14", "--from", "%", "--to", "mg/dL"),
            "Error: cannot convert transferrin_saturation from % to mg/dL: transferrin_saturation "
            "is a percentage, which converts to no other unit",
        ),
        (
            ("--test", "magnesium", "--value", "1", "--from", "MG/DL", "--to", "%"),
            "Error: cannot convert magnesium from MG/DL to %: magnesium is a concentration, not "
            "a percentage",
        ),
        (
            ("--test", "potassium", "--value", "40", "--from", "mmol/L", "--to", "mg/dL"),
            "Error: potassium 40 mmol/L is not possible (outside 0.5-15 mmol/L, the widest range "
            "sleepmin accepts for potassium); check the number and its unit on the lab report",
        ),
        (
            ("--test", "magnesium", "--value", "1", "--from", "mmol/mL", "--to", "mmol/L"),
            "Error: magnesium 1 mmol/mL is not possible (1,000 mmol/L; outside 0.1-15 mmol/L, the "
            "widest range sleepmin accepts for magnesium); check the number and its unit on the "
            "lab report",
        ),
    ],
)
def test_labs_convert_errors_name_the_units_given(args: tuple[str, ...], message: str) -> None:
    result = run("labs", "convert", *args, "--json")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == message


def test_labs_convert_case_insensitive() -> None:
    result = run(
        "labs", "convert", "--test", "magnesium", "--value", "1.9", "--from", "MG/DL", "--to",
        "MMOL/L", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["value"] == pytest.approx(0.7817, abs=1e-4)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b'{"resourceType": "Bundle", "type": "searchset", "entry": []}',
            "Error: lab file f.json is a FHIR Bundle with no lab results (no entries); export the "
            "Bundle with the Observations (lab results) in it",
        ),
        (
            b"[" * 100_000 + b"]" * 100_000,
            "Error: lab file f.json is JSON nested too deeply to be a FHIR resource; use FHIR R4 "
            "JSON (Observation or Bundle) or a CSV test,value,unit",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "Error: lab file f.json is not UTF-8 text (byte 0x89 cannot be read); export the "
            "results as UTF-8 text: FHIR R4 JSON or a CSV test,value,unit",
        ),
        (
            b"%PDF-1.4\n\x00\x00",
            "Error: lab file f.json is a binary file, not text; give FHIR R4 JSON or a CSV "
            "test,value,unit as exported, not a PDF, image or archive",
        ),
    ],
)
def test_labs_import_unreadable_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(content)
    result = run("labs", "import", str(path))
    assert result.returncode == 1
    assert result.stderr.strip() == message


def test_labs_import_a_5000_digit_number(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    observation = json.loads((FHIR / "observation_ferritin.json").read_text("utf-8"))
    observation["valueQuantity"]["value"] = 0
    path.write_text(json.dumps(observation).replace('"value": 0', '"value": ' + "7" * 5000))
    result = run("labs", "import", str(path), "--json")
    assert result.returncode == 1
    body = json.loads(result.stdout)  # the problem is listed, in valid JSON
    assert body["results"] == [] and len(body["problems"]) == 1
    assert result.stderr.startswith("Error: lab file big.json gave no result sleepmin could use")
    assert len(result.stderr.strip().splitlines()) == 1


def test_labs_import_bad_rows_are_reported_and_the_rest_imported(tmp_path: Path) -> None:
    path = tmp_path / "labs.csv"
    path.write_text(
        "test,value,unit\nferritin,40,ng/mL\ntibc,0,ug/dL\niron,100,ug/dL\nferritin,nan,ng/mL\n"
        "tibc,100,ug/dL\n"
    )
    result = run("labs", "import", str(path), "--json")
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert [(r["test"], r["value"]) for r in body["results"]] == [
        ("ferritin", 40.0),
        ("iron", 100.0),
        ("tibc", 100.0),
        ("transferrin_saturation", 100.0),
    ]  # iron 100 / TIBC 100 is 100 %; TIBC 0 used to divide by zero
    reasons = [p["reason"] for p in body["problems"]]
    assert reasons[0].startswith("tibc 0 ug/dL is not possible")
    assert reasons[1] == "value 'nan' is not a number"


def test_a_derived_saturation_over_100_percent_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "labs.csv"
    path.write_text("test,value,unit\niron,300,ug/dL\ntibc,100,ug/dL\n")
    body = json.loads(run("labs", "import", str(path), "--json").stdout)
    assert [r["test"] for r in body["results"]] == ["iron", "tibc"]
    assert body["problems"] == [
        {
            "where": "calculated: iron / TIBC x 100",
            "reason": "transferrin saturation 300 % is not possible (outside 0-100 %, the widest "
            "range sleepmin accepts for transferrin saturation); check the results it is "
            "calculated from",
        }
    ]


def test_safety_check_warns_about_lab_rows_it_could_not_use(tmp_path: Path) -> None:
    labs = tmp_path / "labs.csv"
    labs.write_text("test,value,unit\nferritin,450,ng/mL\npotassium,40,mmol/L\n")
    args = ("safety", "check", "--age", "50", "--sex", "male", "--labs", str(labs), "--json")
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == (
        "Warning: lab result not used (labs.csv, line 3): potassium 40 mmol/L is not possible "
        "(outside 0.5-15 mmol/L, the widest range sleepmin accepts for potassium); check the "
        "number and its unit on the lab report"
    )
    json.loads(result.stdout)
    labs.write_text("test,value,unit\npotassium,40,mmol/L\n")
    result = run(*args)
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith(
            "Error: lab file labs.csv gave no result sleepmin could use: 1 could not be imported"
        )
    )


def test_emit_json_never_prints_nan(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(OutputError) as raised:
        emit_json({"results": [{"si": {"value": 1.0}}, {"si": {"value": float("nan")}}]})
    assert str(raised.value) == (
        "cannot write the JSON output: results[1].si.value is not a finite number, which JSON "
        "cannot hold; nothing was printed; please report this as a bug, with the command you ran"
    )
    assert capsys.readouterr().out == ""
    emit_json({"ok": [1.5, None]})
    assert json.loads(capsys.readouterr().out) == {"ok": [1.5, None]}


def test_regressions_from_the_adversarial_review(tmp_path: Path) -> None:
    male_pregnant = run(
        "labs",
        "interpret",
        "--test",
        "hemoglobin",
        "--value",
        "115",
        "--unit",
        "g/L",
        "--sex",
        "male",
        "--pregnant",
    )
    assert male_pregnant.returncode == 1
    assert (
        "pregnancy applies to females only; correct the sex or the pregnancy "
        "(--pregnant needs --sex female)" in male_pregnant.stderr
    )
    tiny = run(
        "labs",
        "convert",
        "--test",
        "iron",
        "--value",
        "100",
        "--from",
        "ug/dL",
        "--to",
        "mmol/mL",
        "--json",
    )
    assert tiny.returncode == 0 and json.loads(tiny.stdout)["value"] > 0
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    piped = run("labs", "import", str(fifo))
    assert piped.returncode == 1 and "not a regular file" in piped.stderr
    retracted = tmp_path / "obs.json"
    retracted.write_text(
        json.dumps(
            {
                "resourceType": "Observation",
                "status": "entered-in-error",
                "code": {"coding": [{"system": "http://loinc.org", "code": "2276-4"}]},
                "valueQuantity": {"value": 30, "unit": "ng/mL", "code": "ng/mL"},
            }
        )
    )
    result = run("labs", "import", str(retracted))
    assert result.returncode == 1 and "entered-in-error" in result.stderr
    twice = run(
        "safety",
        "check",
        "--age",
        "40",
        "--sex",
        "male",
        "--supplement",
        "zinc 1500 mg",
        "--supplement",
        "zinc 1500 mg",
    )
    assert twice.returncode == 1 and "3,000 mg of zinc a day is not possible" in twice.stderr


def test_a_key_written_twice_in_lab_json_is_refused(tmp_path: Path) -> None:
    twice = tmp_path / "obs.json"
    twice.write_text(
        '{"resourceType": "Observation", "status": "final", "code": {"coding": [{"system": '
        '"http://loinc.org", "code": "2276-4"}]}, "valueQuantity": {"value": 30, "value": 3000, '
        '"unit": "ng/mL", "code": "ng/mL"}}'
    )
    result = run("labs", "import", str(twice))
    assert result.returncode == 1
    assert "the key 'value' appears twice in one object" in result.stderr
