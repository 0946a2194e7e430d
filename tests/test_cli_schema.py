"""`sleepmin schema NAME` prints the JSON Schema of each --json output, and every real output
of the CLI validates against it (jsonschema, draft 2020-12): the schema a web client or another
tool reads is the contract the CLI keeps."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest

from tests.cli_helpers import installed_data_dir, run_cli

FHIR = Path(__file__).parent / "data" / "fhir"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory, shared_fdc: Path) -> Path:
    return installed_data_dir(tmp_path_factory.mktemp("schema"), shared_fdc)


def _json(result: subprocess.CompletedProcess[str]) -> object:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _outputs(
    data_dir: Path, tmp_path: Path, shared_fdc: Path, shared_nhanes: Path
) -> dict[str, list[list[str]]]:
    log = tmp_path / "meals.txt"
    log.write_text(
        "Monday\n2 bananas\n1 cup cooked spinach\na wire whip\nsome stew\n"
        "Tuesday\n1 cup rice @ 20045\n3 oz baked salmon\n",
        "utf-8",
    )
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "profile: {age: 34, sex: female}\nsleep: {night_waking: true}\n"
        "signs: [leg_cramps, fatigue]\nisi: [3, 2, 2, 2, 2, 2, 2]\n"
        "supplements: [{name: magnesium glycinate, mineral: magnesium, amount_mg: 200}]\n",
        "utf-8",
    )
    woman = ["--age", "34", "--sex", "female"]
    labs = FHIR / "bundle_panel.json"
    diary = tmp_path / "diary.csv"
    diary.write_text(
        "date,bed_time,try_time,sol_min,awakenings,waso_min,final_wake,out_of_bed,quality\n"
        "2026-03-28,23:00,23:30,20,2,40,06:30,07:00,3\n"
        "2026-03-29,23:00,22:00,10,1,15,06:45,07:00,\n",
        "utf-8",
    )
    return {
        "assessment": [["assess", str(answers), "--log", str(log), "--labs", str(labs)]],
        "data-install": [["data", "install", "--source", str(shared_fdc)]],
        # before the diet analysis below, so both its population forms are checked
        "data-population": [["data", "build-population", "--source", str(shared_nhanes)]],
        "evidence": [["evidence", "magnesium"], ["evidence", "potassium"]],
        "data-status": [["data", "status"]],
        "diary-metrics": [["diary", "metrics", str(diary), "--tz", "Europe/Berlin"]],
        "diet-analysis": [["diet", "analyze", str(log), *woman, "--supplement", "zinc 15 mg"]],
        "explain": [["explain", "iron"], ["explain", "magnesium"]],
        "explain-claims": [["explain", "--claims"]],
        "food": [["foods", "show", "11457"], ["foods", "show", "9040"]],
        "food-search": [["foods", "search", "banana"], ["foods", "search", "zzzzqqq"]],
        "isi": [["isi", "score", "--items", "3,2,2,2,2,2,2"]],
        "lab-conversion": [
            [
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
            ]
        ],
        "lab-import": [["labs", "import", str(labs)]],
        "lab-interpretation": [
            ["labs", "interpret", "--test", "ferritin", "--value", "12", "--unit", "ng/mL"],
            [
                "labs",
                "interpret",
                "--test",
                "ferritin",
                "--value",
                "40",
                "--unit",
                "ng/mL",
                "--sex",
                "female",
                "--age",
                "30",
            ],
        ],
        "safety-check": [
            ["safety", "check", *woman, "--supplement", "zinc 50 mg"],
            [
                "safety",
                "check",
                *woman,
                "--supplement",
                "magnesium glycinate 200 mg",
                "--medication",
                "levothyroxine",
                "--log",
                str(log),
            ],
        ],
        "targets": [["targets", *woman], ["targets", "--age", "0.5", "--sex", "male"]],
        "plan": [
            ["plan", *woman, "--log", str(log)],
            ["plan", "--age", "30", "--sex", "male", "--diet", "vegan", "--kcal", "1000"],
        ],
        "foods-best": [["foods", "best", "zinc"], ["foods", "best", "iron", "--per", "100kcal"]],
        "person": [["person", "add", "alex", *woman], ["person", "show", "alex"]],
        "food-log": [
            ["log", "add", "2 bananas\ngrandma's stew @ 15167\na wire whip", "--person", "alex"],
            ["log", "show", "--person", "alex"],
        ],
        "diary-comparison": [["diary", "compare", "--person", "alex", "--from", "2026-01-01"]],
        "isi-history": [["isi", "history", "--person", "alex"]],
        "diary-intake": [["diary", "intake", "--person", "alex"]],
        "person-export": [["person", "export", "alex"]],
        "supplements": [
            ["supplements", "add", "magnesium glycinate 200 mg", "--person", "alex"],
            ["supplements", "list", "--person", "alex"],
        ],
        "person-deleted": [["person", "delete", "alex", "--yes"]],
    }


@pytest.mark.slow
def test_every_output_validates_against_its_schema(
    installed: Path, tmp_path: Path, shared_fdc: Path, shared_nhanes: Path
) -> None:
    listed = run_cli("schema", data_dir=installed)
    names = [line.split()[0] for line in listed.stdout.splitlines()]
    outputs = _outputs(installed, tmp_path, shared_fdc, shared_nhanes)
    assert sorted(names) == sorted(outputs)  # every schema is exercised, every output has one
    for name, commands in outputs.items():
        schema = _json(run_cli("schema", name, data_dir=installed))
        assert isinstance(schema, dict)
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        for command in commands:
            args = command if command[:2] == ["person", "export"] else [*command, "--json"]
            output = _json(run_cli(*args, data_dir=installed))
            errors = [e.message for e in validator.iter_errors(output)]
            assert not errors, (name, command, errors[:3])


@pytest.mark.slow
def test_a_schema_refuses_what_the_cli_never_prints(installed: Path) -> None:
    schema = _json(run_cli("schema", "isi", data_dir=installed))
    assert isinstance(schema, dict)
    validator = jsonschema.Draft202012Validator(schema)
    good = {"total": 15, "band": "moderate", "label": "x", "items": [3, 2, 2, 2, 2, 2, 2]}
    assert validator.is_valid(good)
    assert not validator.is_valid({**good, "extra": 1})
    assert not validator.is_valid({**good, "total": 29})
    assert not validator.is_valid({**good, "band": "mild"})


def test_an_unknown_schema_name_lists_the_names() -> None:
    result = run_cli("schema", "nope")
    assert result.returncode == 1
    assert "use one of: assessment, data-install" in result.stderr


def test_every_field_of_every_schema_says_what_it_is() -> None:
    """docs/cli.md promises a description for every field (a $ref points to a described model)."""
    from sleepmin import usecases

    missing = []
    for name in usecases.result_names():
        schema = usecases.result_schema(name)
        for where, model in [(name, schema), *schema.get("$defs", {}).items()]:
            for field, spec in (model.get("properties") or {}).items():
                if "description" not in spec and "$ref" not in spec:
                    missing.append(f"{where}.{field}")
    assert missing == []
