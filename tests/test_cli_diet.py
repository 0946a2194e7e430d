"""`sleepmin targets` and `sleepmin diet analyze` as a user runs them (real processes)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from sleepmin.errors import OutputError
from tests.cli_helpers import installed_data_dir, run_cli

MINERALS = {"calcium", "iron", "magnesium", "potassium", "zinc", "copper"}


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, data_dir=data_dir)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory, shared_fdc: Path) -> Path:
    return installed_data_dir(tmp_path_factory.mktemp("diet"), shared_fdc)


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
    assert (
        result.stderr.strip()
        == "Error: pregnancy and lactation DRIs are for females (--sex female)"
    )


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
    assert magnesium["coverage"] == {"reporting": 3, "logged": 3, "food_items": 4}
    assert magnesium["evidence"] == "partial" and magnesium["unknown_reason"] is None
    assert body["minerals"]["potassium"]["probability_inadequate"] is None
    assert body["food_evidence"] == {
        "has_food_evidence": True,
        "food_items": 4,
        "matched": 3,
        "counted_share": 0.75,
        "counted_days": 2,
    }
    assert body["energy_kcal_per_day"] > 0
    assert {"grams", "energy_kcal", "counted", "flags", "food_items"} <= set(body["days"][0])
    assert body["warnings"][0].startswith("1 of the 4 foods in the log could not be counted")


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


# -- issue 10 -------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_log_where_nothing_matched_says_so(installed: Path, tmp_path: Path) -> None:
    log = tmp_path / "meals.txt"
    log.write_text("xyzzy\n")
    args = ("diet", "analyze", str(log), "--age", "32", "--sex", "female")
    shown = run(installed, *args)
    assert shown.returncode == 0, shown.stderr
    text = " ".join(shown.stdout.split())
    assert "No food in the log could be matched: no intake can be estimated." in text
    assert "100%" not in shown.stdout  # no chance of inadequacy from an empty log
    body = json.loads(run(installed, *args, "--json").stdout)
    assert body["food_evidence"]["has_food_evidence"] is False
    for mineral in body["minerals"].values():
        assert mineral["intake_mg_per_day"]["food"] is None
        assert mineral["intake_mg_per_day"]["total"] is None
        assert mineral["percent_of_target"] is None
        assert mineral["probability_inadequate"] is None
        assert mineral["unknown_reason"] == (
            "no food in the log could be matched: no intake can be estimated"
        )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            bytes(range(256)) * 4,
            "is not UTF-8 text (byte 0x80 at position 128 is not a character): it may be a binary "
            "file or use another encoding; give a plain-text or CSV food log saved as UTF-8 (in "
            "most editors: Save As, Encoding: UTF-8)",
        ),
        (
            b"1 banana\n\x00\x00",
            "is not plain text: line 2 holds a NUL byte, so it looks like a binary file; give a "
            "plain-text or CSV food log (docs/food-log.md)",
        ),
    ],
)
def test_binary_input_is_refused_in_one_line(
    installed: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    log = tmp_path / "meals.txt"
    log.write_bytes(content)
    result = run(installed, "diet", "analyze", str(log), "--age", "32", "--sex", "female")
    assert result.returncode == 1
    assert result.stderr.strip() == f"Error: the food log {log} {message}"


@pytest.mark.slow
def test_a_damaged_pins_file_names_its_path_and_the_fix(installed: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "foods.sqlite").write_bytes((installed / "foods.sqlite").read_bytes())
    pins = data_dir / "pins.json"
    pins.write_text('{"rice": "20045"')
    log = tmp_path / "meals.txt"
    log.write_text("1 cup rice @ 20037\n")
    result = run(data_dir, "diet", "analyze", str(log), "--age", "32", "--sex", "female")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"Error: the saved pins file {pins} is damaged (it is not valid JSON: Expecting ',' "
        "delimiter, line 1); rename or delete it — sleepmin then starts a new one from the "
        '\'@ ID\' pins in your logs — or repair it: a JSON object of "phrase": "food id" pairs'
    )
    assert pins.read_text() == '{"rice": "20045"'  # never overwritten while damaged
    pins.rename(data_dir / "pins.old.json")
    again = run(data_dir, "diet", "analyze", str(log), "--age", "32", "--sex", "female")
    assert again.returncode == 0, again.stderr
    assert json.loads(pins.read_text()) == {"rice": "20037"}


@pytest.mark.slow
def test_an_overflowing_pin_is_a_line_problem(installed: Path, tmp_path: Path) -> None:
    log = tmp_path / "meals.txt"
    log.write_text("spinach @ 9223372036854775808\n2 bananas\n")
    result = run(installed, "diet", "analyze", str(log), "--age", "32", "--sex", "female", "--json")
    assert result.returncode == 0, result.stderr
    first = json.loads(result.stdout)["items"][0]
    assert first["status"] == "not_understood"
    assert first["reason"].startswith("'@ 9223372036854775808' is not a food id")


@pytest.mark.slow
def test_a_pins_path_that_is_a_folder_is_refused(installed: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "foods.sqlite").write_bytes((installed / "foods.sqlite").read_bytes())
    (data_dir / "pins.json").mkdir()
    log = tmp_path / "meals.txt"
    log.write_text("1 cup rice @ 20045\n")
    result = run(data_dir, "diet", "analyze", str(log), "--age", "32", "--sex", "female")
    assert result.returncode == 1
    assert "is damaged (it is a folder, not a file)" in result.stderr


@pytest.mark.slow
def test_pins_that_cannot_be_saved_are_a_warning(
    installed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The analysis stands (exit 0, its output printed); the pins not being remembered is said
    on stderr. A read-only or full data directory gives this OutputError."""
    from sleepmin.cli import cli
    from sleepmin.store import pins_file as pins_module

    def refuse(path: Path, pins: dict[str, str]) -> None:
        raise OutputError(str(path), "the disk is full", "free some space and try again")

    monkeypatch.setattr(pins_module, "save_pins", refuse)
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "foods.sqlite").write_bytes((installed / "foods.sqlite").read_bytes())
    monkeypatch.setenv("SLEEPMIN_DATA_DIR", str(data_dir))
    log = tmp_path / "meals.txt"
    log.write_text("1 cup rice @ 20045\n")
    result = CliRunner().invoke(
        cli, ["diet", "analyze", str(log), "--age", "32", "--sex", "female", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["items"][0]["status"] == "matched"
    assert result.stderr.strip() == (
        f"Warning: the '@ ID' pins were not saved: cannot write {data_dir / 'pins.json'}: the "
        "disk is full; free some space and try again"
    )


@pytest.mark.slow
def test_implausible_totals_are_shown_as_a_check(installed: Path, tmp_path: Path) -> None:
    log = tmp_path / "meals.txt"
    log.write_text("4.9 kg watermelon\n" * 5)
    result = run(installed, "diet", "analyze", str(log), "--age", "32", "--sex", "female")
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "Check: Day 1: 24.5 kg of food and drink logged" in text


def test_a_long_log_lists_each_different_line_once(installed: Path, tmp_path: Path) -> None:
    log = tmp_path / "year.txt"
    day = "2 bananas\n1 cup cooked spinach\n4 kg watermelon\n3 kg watermelon\n"
    days = [f"Day {n}\n{day}" for n in range(1, 121)]
    log.write_text("".join(days))
    result = run(
        installed, "diet", "analyze", str(log), "--age", "40", "--sex", "female", "--no-save-pins"
    )
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "480 lines, 4 different" in text
    assert '×120 "2 bananas" -> Bananas, raw, 236 g' in text
    assert text.count("Check:") == 11 and "110 more checks like these" in text
