"""`sleepmin labs ...` and `sleepmin safety check` as a user runs them (real processes)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

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
