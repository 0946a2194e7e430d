"""`sleepmin isi score`, `explain` and `assess` as a user runs them (real processes)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.cli_helpers import run_cli

MINERALS = {"calcium", "iron", "magnesium", "potassium", "zinc", "copper"}


def run(
    *args: str, data_dir: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, data_dir=data_dir, stdin=stdin)


def test_isi_score_json() -> None:
    result = run("isi", "score", "--items", "3,2,2,2,2,2,2", "--json")
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert (body["total"], body["band"]) == (15, "moderate")


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (
            "3,2,2,2,2,2",
            "Error: the ISI needs exactly 7 item scores, got 6; give all seven, e.g. "
            "3,2,2,2,2,2,2 (missing items are not prorated)",
        ),
        ("3,2,2,9,2,2,2", "Error: ISI item 4 is 9; each item is a whole number from 0 to 4"),
        (
            "a,b",
            "Error: ISI items 'a,b' must be whole numbers 0-4, comma-separated, e.g. 3,2,2,2,2,2,2",
        ),
    ],
)
def test_isi_score_refuses_bad_items(items: str, message: str) -> None:
    result = run("isi", "score", "--items", items)
    assert result.returncode == 1
    assert result.stderr.strip() == message


def test_explain_json(tmp_path: Path) -> None:
    result = run("explain", "magnesium", "--json", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["mineral"] == "magnesium"
    assert {
        "mechanisms",
        "deficiency_signs",
        "risk_factors",
        "food_sources",
        "claims",
        "references",
    } <= set(body)
    assert body["food_sources"][0]["amount_mg"] is None  # no food database installed here
    ref_ids = {r["id"] for r in body["references"]}
    assert all(set(c["citations"]) <= ref_ids for c in body["claims"])


def test_explain_claims_json() -> None:
    body = json.loads(run("explain", "--claims", "--json").stdout)
    assert body["claims"] and all(
        {"text", "grade", "citations"} - {"text"} <= set(c) for c in body["claims"]
    )
    assert {c["grade"] for c in body["claims"]} <= {
        "supported",
        "limited",
        "not_supported",
        "no_evidence_found",
    }


@pytest.mark.slow
def test_explain_links_foods_to_the_database(tmp_path: Path, shared_fdc: Path) -> None:
    assert run("data", "install", "--source", str(shared_fdc), data_dir=tmp_path).returncode == 0
    body = json.loads(run("explain", "iron", "--json", data_dir=tmp_path).stdout)
    assert all(f["in_food_database"] and f["amount_mg"] > 0 for f in body["food_sources"])


def test_assess_json_shape(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "profile: {age: 30, sex: female}\n"
        "rls: {urge_to_move: true, worse_at_rest: true, relieved_by_movement: true,\n"
        "      worse_evening_night: true, not_explained_by_other: true}\n"
        "isi: [3, 2, 2, 2, 2, 2, 2]\n"
        "labs: [{test: ferritin, value: 28, unit: ng/mL}]\n"
        "supplements: [{name: zinc gluconate, mineral: zinc, amount_mg: 50}]\n"
    )
    result = run("assess", str(answers), "--json", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["minerals"][0]["mineral"] == "iron"
    assert {m["mineral"] for m in body["minerals"]} == MINERALS
    iron = body["minerals"][0]
    assert iron["level"] == "likely"
    assert all({"text", "citations"} <= set(r) for r in iron["reasons"])
    assert body["safety"][0]["severity"] == "red_flag"  # 50 mg zinc
    assert body["isi"]["total"] == 15 and body["rls"]["met"] is True
    assert body["labs"][0]["test"] == "ferritin"
    assert body["diet"] is None
    assert body["next_steps"] and "diagnos" in body["not_a_diagnosis"]


def test_assess_rejects_unknown_answers(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("signs: [sleepy_toes]\n")
    result = run("assess", str(answers))
    assert result.returncode == 1
    assert result.stderr.startswith("Error: unknown sign 'sleepy_toes'; use one of: anxiety,")


def test_assess_interactive_writes_the_answers_file(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    # age, sex, pregnant?, breastfeeding?, menopause, diet, 4 sleep questions, 5 RLS, ISI?,
    # 4 choice lists, 6 STOP-Bang, 2 PHQ-2, self-harm, notes
    keystrokes = (
        "\n".join(
            [
                "41",
                "female",
                "n",
                "n",
                "peri",
                "vegetarian",
                "y",
                "y",
                "n",
                "y",
                "y",
                "y",
                "y",
                "y",
                "y",
                "y",
                "3",
                "2",
                "2",
                "2",
                "2",
                "2",
                "2",
                "5,13",
                "4",
                "",
                "",
                "y",
                "y",
                "n",
                "n",
                "n",
                "n",
                "2",
                "1",
                "n",
                "Night shifts until March.",
            ]
        )
        + "\n"
    )
    result = run(
        "assess", "--interactive", str(answers), "--json", data_dir=tmp_path, stdin=keystrokes
    )
    assert result.returncode == 0, result.stderr
    written = answers.read_text()
    assert "vegetarian" in written and "trouble_falling_asleep: true" in written
    body = json.loads(result.stdout)  # questions go to stderr; stdout is only the JSON
    assert body["isi"]["total"] == 15 and body["rls"]["met"] is True
    assert body["profile"]["menopause"] == "peri"
    assert body["stop_bang"]["score"] == 2 and body["stop_bang"]["band"] == "low"
    assert body["mood"]["phq2_total"] == 3 and body["mood"]["phq2_positive"] is True
    assert body["notes"] == "Night shifts until March."
    assert [s["pathway"] for s in body["next_steps"]][:1] == ["mood"]


def test_assess_interactive_refuses_children_at_once(tmp_path: Path) -> None:
    result = run(
        "assess", "--interactive", str(tmp_path / "a.yaml"), data_dir=tmp_path, stdin="12\n"
    )
    assert result.returncode == 1
    assert "built for adults (18 and over)" in result.stderr
    assert not (tmp_path / "a.yaml").exists()
