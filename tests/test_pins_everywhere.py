"""Pins apply to every analysis of a food log (issue 12): a phrase pinned with '@ ID' in one
`diet analyze` reads as that food in later logs given to `assess --log` and `safety check
--log` too, as docs/food-log.md promises. Before the use-case layer, those two ignored the
saved pins: the same log gave 78.6 mg zinc in one and "not understood" in the others."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli_helpers import installed_data_dir, run_cli

pytestmark = pytest.mark.slow

OYSTERS = "15167"  # Mollusks, oyster, eastern, wild, raw: 39.3 mg zinc per 100 g
PINNED = "200 g grandma's stew @ " + OYSTERS  # no USDA food is named like this
LATER = "200 g grandma's stew\n"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory, shared_fdc: Path) -> Path:
    return installed_data_dir(tmp_path_factory.mktemp("pins"), shared_fdc)


@pytest.fixture
def data_dir(installed: Path, tmp_path: Path) -> Path:
    """A data directory of this test's own, with the food database and no pins yet."""
    own = tmp_path / "data"
    own.mkdir()
    shutil.copy(installed / "foods.sqlite", own / "foods.sqlite")
    return own


def _pin(data_dir: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    first.write_text(PINNED + "\n", "utf-8")
    result = run_cli(
        "diet", "analyze", str(first), "--age", "40", "--sex", "male", "--json", data_dir=data_dir
    )
    assert result.returncode == 0, result.stderr
    assert json.loads((data_dir / "pins.json").read_text("utf-8")) == {"grandma s stew": OYSTERS}


def _later_log(tmp_path: Path) -> Path:
    later = tmp_path / "later.txt"
    later.write_text(LATER, "utf-8")
    return later


def test_a_saved_pin_is_read_by_assess(data_dir: Path, tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("profile: {age: 40, sex: male}\n", "utf-8")
    log = _later_log(tmp_path)
    before = run_cli("assess", str(answers), "--log", str(log), "--json", data_dir=data_dir)
    assert before.returncode == 0, before.stderr
    assert json.loads(before.stdout)["diet"]["items"][0]["status"] != "matched"

    _pin(data_dir, tmp_path)
    after = run_cli("assess", str(answers), "--log", str(log), "--json", data_dir=data_dir)
    assert after.returncode == 0, after.stderr
    item = json.loads(after.stdout)["diet"]["items"][0]
    assert item["status"] == "matched" and item["pinned"] is True
    assert item["ndb_number"] == OYSTERS and item["grams"] == 200


def test_a_saved_pin_counts_toward_the_upper_limits_of_the_safety_check(
    data_dir: Path, tmp_path: Path
) -> None:
    log = _later_log(tmp_path)
    args = ("safety", "check", "--age", "40", "--sex", "male", "--supplement", "zinc 25 mg")
    before = json.loads(run_cli(*args, "--log", str(log), "--json", data_dir=data_dir).stdout)
    assert not any(f["rule"] == "above_upper_limit" for f in before["findings"])

    _pin(data_dir, tmp_path)
    after = run_cli(*args, "--log", str(log), "--json", data_dir=data_dir)
    assert after.returncode == 0, after.stderr
    over = [f for f in json.loads(after.stdout)["findings"] if f["rule"] == "above_upper_limit"]
    # 200 g oysters (78.6 mg zinc) and 25 mg from the supplement: above the 40 mg UL
    assert [f["mineral"] for f in over] == ["zinc"]
    assert "104 mg" in over[0]["message"]


def test_a_pin_made_in_an_assessment_log_is_kept_for_later_logs(
    data_dir: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("profile: {age: 40, sex: male}\n", "utf-8")
    log = tmp_path / "meals.txt"
    log.write_text(PINNED + "\n", "utf-8")
    result = run_cli("assess", str(answers), "--log", str(log), "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    later = run_cli(
        "diet",
        "analyze",
        str(_later_log(tmp_path)),
        "--age",
        "40",
        "--sex",
        "male",
        "--json",
        data_dir=data_dir,
    )
    assert json.loads(later.stdout)["items"][0]["ndb_number"] == OYSTERS
