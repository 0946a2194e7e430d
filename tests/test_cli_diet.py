"""`sleepmin targets` and `sleepmin diet analyze` as a user runs them (real processes)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.cli_helpers import run_cli

MINERALS = {"calcium", "iron", "magnesium", "potassium", "zinc", "copper"}


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, data_dir=data_dir)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory, shared_fdc: Path) -> Path:
    data_dir = tmp_path_factory.mktemp("diet")
    result = run(data_dir, "data", "install", "--source", str(shared_fdc))
    assert result.returncode == 0, result.stderr
    return data_dir


def test_targets_json(tmp_path: Path) -> None:
    result = run(tmp_path, "targets", "--age", "19", "--sex", "female", "--json")
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["life_stage"] == "females 19-30 y"
    assert set(body["minerals"]) == MINERALS
    magnesium = body["minerals"]["magnesium"]
    assert magnesium["target"] == {"type": "RDA", "value_mg": 310.0}
    assert magnesium["ear_mg"] == 255.0 and magnesium["ul_mg"] == 350.0
    assert magnesium["ul_applies_to"].startswith("supplements and medications only")
    assert body["minerals"]["copper"]["target"]["value_mg"] == 0.9
    potassium = body["minerals"]["potassium"]
    assert potassium["ul_mg"] is None and potassium["ul_status"] == "none_established"
    assert potassium["target"]["type"] == "AI" and potassium["ear_mg"] is None


def test_targets_for_an_infant_and_a_vegan(tmp_path: Path) -> None:
    infant = json.loads(run(tmp_path, "targets", "--age", "0.25", "--sex", "male", "--json").stdout)
    assert infant["life_stage"] == "infants 0-6 mo"
    assert infant["minerals"]["magnesium"]["ul_status"] == "not_determined"
    vegan = json.loads(
        run(tmp_path, "targets", "--age", "40", "--sex", "male", "--diet", "vegan", "--json").stdout
    )
    assert vegan["minerals"]["iron"]["target"]["value_mg"] == pytest.approx(14.4)
    assert vegan["minerals"]["iron"]["adjustments"][0]["factor"] == 1.8


def test_targets_refuses_an_impossible_profile(tmp_path: Path) -> None:
    result = run(tmp_path, "targets", "--age", "30", "--sex", "male", "--pregnant")
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: pregnancy and lactation DRIs are for --sex female"


@pytest.mark.slow
def test_diet_analyze_json_contract(installed: Path, tmp_path: Path) -> None:
    log = tmp_path / "meals.txt"
    log.write_text("Day 1\n2 bananas\n1 cup cooked spinach\nxyzzy\nDay 2\n150 g salmon\n")
    result = run(
        installed,
        "diet",
        "analyze",
        str(log),
        "--age",
        "32",
        "--sex",
        "female",
        "--supplement",
        "magnesium glycinate 200 mg",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert [i["status"] for i in body["items"]] == [
        "matched",
        "matched",
        "not_understood",
        "matched",
    ]
    banana = body["items"][0]
    assert {k: banana[k] for k in ("line", "status", "ndb_number", "description", "grams")} == {
        "line": "2 bananas",
        "status": "matched",
        "ndb_number": "09040",
        "description": "Bananas, raw",
        "grams": 236.0,
    }
    assert "fdc_id" in banana and banana["basis"].startswith("USDA measure")
    assert body["items"][2]["reason"].startswith("no USDA food matches 'xyzzy'")
    assert [d["label"] for d in body["days"]] == ["Day 1", "Day 2"]
    assert set(body["minerals"]) == MINERALS
    magnesium = body["minerals"]["magnesium"]
    assert magnesium["intake_mg_per_day"]["supplements"] == 200.0
    assert magnesium["intake_mg_per_day"]["total"] == pytest.approx(
        magnesium["intake_mg_per_day"]["food"] + 200.0
    )
    assert magnesium["target"] == {"type": "RDA", "value_mg": 320.0}
    assert magnesium["ul_counted_mg"] == 200.0
    assert set(magnesium) >= {
        "percent_of_target",
        "probability_inadequate",
        "top_sources",
        "coverage",
        "ear_mg",
        "ul_mg",
        "ul_applies_to",
    }
    assert magnesium["coverage"] == {"reporting": 3, "logged": 3}
    assert body["minerals"]["potassium"]["probability_inadequate"] is None


@pytest.mark.slow
def test_pins_are_remembered_between_runs(installed: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    first.write_text("1 cup rice @ 20045\n")
    assert (
        run(
            installed, "diet", "analyze", str(first), "--age", "40", "--sex", "male", "--json"
        ).returncode
        == 0
    )
    assert json.loads((installed / "pins.json").read_text()) == {"rice": "20045"}
    later = tmp_path / "later.txt"
    later.write_text("2 cups rice\n")
    body = json.loads(
        run(
            installed, "diet", "analyze", str(later), "--age", "40", "--sex", "male", "--json"
        ).stdout
    )
    assert body["items"][0]["ndb_number"] == "20045" and body["items"][0]["pinned"] is True
    pins = tmp_path / "pins.csv"
    pins.write_text("phrase,id\nrice,20037\n")
    body = json.loads(
        run(
            installed,
            "diet",
            "analyze",
            str(later),
            "--age",
            "40",
            "--sex",
            "male",
            "--pins",
            str(pins),
            "--json",
        ).stdout
    )
    assert body["items"][0]["ndb_number"] == "20037"


@pytest.mark.slow
def test_csv_log(installed: Path, tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(
        "date,food,amount,unit,ndb_number\n2026-11-20,spinach,1,cup,11457\n2026-11-21,banana,2,,\n"
    )
    body = json.loads(
        run(
            installed, "diet", "analyze", str(log), "--age", "32", "--sex", "female", "--json"
        ).stdout
    )
    assert [(i["ndb_number"], i["grams"]) for i in body["items"]] == [
        ("11457", 30.0),
        ("09040", 236.0),
    ]
    assert [d["date"] for d in body["days"]] == ["2026-11-20", "2026-11-21"]


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("", (), "Error: the food log is empty; write one food per line, e.g. '2 bananas'"),
        (
            "date,item,amount\n2026-11-20,banana,1\n",
            (),
            "Error: the CSV header lacks food, unit (found: date, item, amount); the first row "
            "must name the columns date,food,amount,unit (optionally ndb_number or fdc_id)",
        ),
        (
            "1 banana\n",
            ("--supplement", "melatonin 3 mg"),
            "Error: cannot read supplement 'melatonin 3 mg': no mineral named; sleepmin counts "
            "magnesium, iron, zinc, calcium, potassium and copper (e.g. 'zinc gluconate 15 mg')",
        ),
    ],
)
def test_diet_errors_are_one_line(
    installed: Path, tmp_path: Path, content: str, args: tuple[str, ...], message: str
) -> None:
    log = tmp_path / ("log.csv" if content.startswith("date") else "log.txt")
    log.write_text(content)
    result = run(installed, "diet", "analyze", str(log), "--age", "32", "--sex", "female", *args)
    assert result.returncode == 1
    assert result.stderr.strip() == message


def test_missing_log_file(tmp_path: Path) -> None:
    result = run(
        tmp_path, "diet", "analyze", str(tmp_path / "nope.txt"), "--age", "32", "--sex", "female"
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"Error: no food log at {tmp_path / 'nope.txt'}; give the path of a text or CSV file"
    )


def _table_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line[:1] in "┃│┏┡└"]


def test_targets_table_fits_80_columns(tmp_path: Path) -> None:
    result = run_cli("targets", "--age", "75", "--sex", "male", env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    assert not any("…" in line for line in _table_lines(result.stdout))
    header = " ".join(line for line in result.stdout.splitlines() if "┃" in line)
    for word in ("Mineral", "Target", "EAR", "Upper", "limit", "Applies"):
        assert word in header
    assert "1,200 mg RDA" in result.stdout  # calcium, men over 70: never 1.2e+03


@pytest.mark.slow
def test_diet_analyze_reads_at_80_columns(installed: Path, tmp_path: Path) -> None:
    log = tmp_path / "meals.txt"
    log.write_text("Day 1\n2 bananas\n1 cup cooked spinach\nxyzzy\nDay 2\n150 g salmon\n")
    result = run_cli(
        "diet",
        "analyze",
        str(log),
        "--age",
        "32",
        "--sex",
        "female",
        "--supplement",
        "magnesium glycinate 200 mg",
        data_dir=installed,
        env={"COLUMNS": "80"},
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert all(len(line) <= 80 for line in out.splitlines()), out
    assert not any("…" in line for line in _table_lines(out)), out  # no "miner…", "suppl…"
    headers = " ".join(line for line in out.splitlines() if "┃" in line)
    for word in ("Mineral", "Food", "Suppl.", "Total", "Reference", "Chance", "UL", "Applies"):
        assert word in headers
    flat = " ".join(out.split())
    assert "e+0" not in flat and "e-0" not in flat
    assert '"2 bananas" -> Bananas, raw (USDA 09040), 236 g' in flat  # the log as matched
    assert '"xyzzy" -> not counted, not understood' in flat
    assert "350 mg" in flat and "medications only" in flat  # magnesium UL and what it covers
