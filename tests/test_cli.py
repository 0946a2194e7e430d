"""The CLI as a user runs it: real processes for exit codes and one-line errors, and the
--json shapes that are public contracts (docs/cli.md)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.cli_helpers import run_cli
from tests.conftest import FDC_FIXTURES

NUTRIENT_KEYS = {
    "energy_kcal",
    "protein_g",
    "fiber_g",
    "calcium_mg",
    "iron_mg",
    "magnesium_mg",
    "phosphorus_mg",
    "potassium_mg",
    "sodium_mg",
    "zinc_mg",
    "copper_mg",
    "retinol_ug",
}


def run(
    data_dir: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, data_dir=data_dir, env=env)


@pytest.fixture
def fixture_db(data_dir: Path) -> Path:
    result = run(data_dir, "data", "install", "--source", str(FDC_FIXTURES / "sr_legacy"))
    assert result.returncode == 0, result.stderr
    return data_dir


def test_install_json(data_dir: Path) -> None:
    result = run(data_dir, "data", "install", "--source", str(FDC_FIXTURES / "sr_legacy"), "--json")
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["installed"] is True
    assert body["foods"] == 5
    assert body["location"] == str(data_dir / "foods.sqlite")
    assert body["releases"] == [
        {
            "key": "fdc-sr_legacy_food",
            "name": "USDA SR Legacy (FoodData Central)",
            "version": "2019-04-01",
        }
    ]
    again = json.loads(
        run(
            data_dir, "data", "install", "--source", str(FDC_FIXTURES / "sr_legacy"), "--json"
        ).stdout
    )
    assert again["installed"] is False


def test_source_from_environment(data_dir: Path) -> None:
    result = run(
        data_dir,
        "data",
        "install",
        "--json",
        env={"SLEEPMIN_FDC_SOURCE": str(FDC_FIXTURES / "foundation")},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["foods"] == 3


def test_status_json(fixture_db: Path) -> None:
    body = json.loads(run(fixture_db, "data", "status", "--json").stdout)
    assert body["foods"] == 5
    assert body["location"] == str(fixture_db / "foods.sqlite")
    assert body["releases"][0]["foods"] == 5
    assert set(body["foods_reporting"]) == NUTRIENT_KEYS
    assert body["foods_reporting"]["magnesium_mg"] == 4  # the portabella reports none


def test_search_json(fixture_db: Path) -> None:
    result = run(fixture_db, "foods", "search", "spinnach", "--limit", "2", "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert 1 <= len(hits) <= 2
    assert hits[0] == {
        "ndb_number": "11457",
        "fdc_id": 168462,
        "description": "Spinach, raw",
        "food_group": "Vegetables and Vegetable Products",
        "score": hits[0]["score"],
    }
    assert isinstance(hits[0]["score"], float)


def test_search_words_may_be_separate_arguments(fixture_db: Path) -> None:
    hits = json.loads(run(fixture_db, "foods", "search", "pumpkin", "seeds", "--json").stdout)
    assert hits[0]["ndb_number"] == "12014"


def test_show_json(fixture_db: Path) -> None:
    body = json.loads(run(fixture_db, "foods", "show", "9040", "--json").stdout)
    assert body["description"] == "Bananas, raw"
    assert body["ndb_number"] == "09040" and body["fdc_id"] == 173944
    assert set(body["nutrients_per_100g"]) == NUTRIENT_KEYS
    assert body["nutrients_per_100g"]["potassium_mg"] == 358.0
    assert {"description": "1 cup, sliced", "grams": 150.0} in body["portions"]
    missing = json.loads(run(fixture_db, "foods", "show", "11265", "--json").stdout)
    assert missing["nutrients_per_100g"]["magnesium_mg"] is None
    by_fdc = json.loads(run(fixture_db, "foods", "show", "168462", "--json").stdout)
    assert by_fdc["ndb_number"] == "11457"


def test_human_output_is_a_table(fixture_db: Path) -> None:
    out = run(fixture_db, "foods", "show", "11265").stdout
    assert "Mushrooms, portabella, raw" in out
    assert "not reported" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("foods", "show", "99999"),
            "Error: no food with id '99999'; give an NDB number such as 11457 or an FDC id, "
            "or find one by searching the foods by name (sleepmin foods search NAME)",
        ),
        (
            ("foods", "show", "spinach"),
            "Error: no food with id 'spinach'; give an NDB number such as 11457 or an FDC id, "
            "or find one by searching the foods by name (sleepmin foods search NAME)",
        ),
        (
            ("foods", "search", "--json", "%%"),
            "Error: cannot search for '%%': it has no letters or digits to search for; "
            "type a food name",
        ),
    ],
)
def test_user_errors_are_one_line(fixture_db: Path, args: tuple[str, ...], message: str) -> None:
    result = run(fixture_db, *args)
    assert result.returncode == 1
    assert result.stderr.strip() == message
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "food_id",
    ["9223372036854775808", "-1", "1e5", "fdc:9223372036854775808", "9" * 5000, "¹²³", "0x1F"],
)
def test_ids_that_no_food_can_have(fixture_db: Path, food_id: str) -> None:
    """`foods show 9223372036854775808` was an OverflowError traceback."""
    result = run(fixture_db, "foods", "show", "--", food_id)
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: no food with id {food_id[:80]!r}; give an NDB")
    assert result.stderr.count("\n") == 1


def test_an_id_with_leading_zeros_still_finds_the_food(fixture_db: Path) -> None:
    body = json.loads(
        run(fixture_db, "foods", "show", "0000000000000000000011457", "--json").stdout
    )
    assert body["ndb_number"] == "11457"


def test_a_query_of_too_many_words(fixture_db: Path) -> None:
    result = run(fixture_db, "foods", "search", *[f"word{i}" for i in range(30)])
    assert result.returncode == 1
    assert "it has 30 words; a food name needs a few (at most 24)" in result.stderr
    assert result.stderr.count("\n") == 1


def test_database_path_is_a_folder(data_dir: Path) -> None:
    (data_dir / "foods.sqlite").mkdir()
    install = run(data_dir, "data", "install", "--source", str(FDC_FIXTURES / "sr_legacy"))
    assert install.returncode == 1
    assert install.stderr == (
        f"Error: cannot write {data_dir / 'foods.sqlite'}: it is a folder, not a database file; "
        "move that folder away, or choose another data directory (--data-dir DIR)\n"
    )
    search = run(data_dir, "foods", "search", "milk")
    assert search.returncode == 1
    assert search.stderr == (
        f"Error: the food database path {data_dir / 'foods.sqlite'} is a folder, not a database "
        "file; move that folder away and install the food data, or use another data directory "
        "(sleepmin data install)\n"
    )


def test_database_file_that_is_not_a_database(data_dir: Path) -> None:
    (data_dir / "foods.sqlite").write_text("hello")
    result = run(data_dir, "foods", "show", "11457")
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: the food database {data_dir / 'foods.sqlite'} is not a sleepmin food database "
        "(or it is damaged); install the food data again over it (or use another data directory) "
        "(sleepmin data install --force)\n"
    )
    fixed = run(data_dir, "data", "install", "--source", str(FDC_FIXTURES / "sr_legacy"))
    assert fixed.returncode == 0, fixed.stderr


def test_data_directory_under_a_file(data_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x")
    result = run(
        tmp_path / "a-file" / "data",
        "data",
        "install",
        "--source",
        str(FDC_FIXTURES / "sr_legacy"),
    )
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: cannot write {tmp_path / 'a-file' / 'data'}: a file is in the way where a folder "
        "should be; choose another data directory (SLEEPMIN_DATA_DIR) (--data-dir DIR)\n"
    )


def test_a_single_abbrev_file_and_partial(data_dir: Path, tmp_path: Path, shared_fdc: Path) -> None:
    lines = (shared_fdc / "sr28_abbr_2016-05" / "ABBREV.txt").read_bytes().split(b"\r\n")[:3]
    part = tmp_path / "ABBREV.txt"
    part.write_bytes(b"".join(line + b"\r\n" for line in lines))
    refused = run(data_dir, "data", "install", "--source", str(part))
    assert refused.returncode == 1
    assert refused.stderr.startswith(
        "Error: ABBREV.txt: the file has 3 foods, but USDA's release has 8,790"
    )
    assert refused.stderr.rstrip().endswith("(or import a part on purpose, with --partial)")
    result = run(data_dir, "data", "install", "--partial", "--json", "--source", str(part))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["foods"] == 3


def test_missing_database_says_how_to_fix(data_dir: Path) -> None:
    result = run(data_dir, "foods", "search", "milk")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"Error: no food database at {data_dir / 'foods.sqlite'}; install the USDA food data "
        "(or set SLEEPMIN_DATA_DIR to where it was installed) (sleepmin data install)"
    )


def test_bad_source_is_one_line_and_debug_shows_traceback(data_dir: Path, tmp_path: Path) -> None:
    result = run(data_dir, "data", "install", "--source", str(tmp_path / "nope"))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: food data source not found")
    debug = run(data_dir, "--debug", "data", "install", "--source", str(tmp_path / "nope"))
    assert debug.returncode != 0
    assert "Traceback" in debug.stderr and "SourceNotFound" in debug.stderr


def test_search_limit_must_be_positive(fixture_db: Path) -> None:
    result = run(fixture_db, "foods", "search", "milk", "--limit", "0")
    assert result.returncode == 2
    assert "--limit" in result.stderr


def _commands(group: object, prefix: str = "sleepmin") -> list[str]:
    import click

    assert isinstance(group, click.Group)
    found = []
    context = click.Context(group)
    for name in group.list_commands(context):  # as --help lists them (loading lazy ones)
        command = group.get_command(context, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            found += _commands(command, f"{prefix} {name}")
        else:
            found.append(f"{prefix} {name}")
    return found


def test_every_command_is_documented() -> None:
    from sleepmin.cli import cli

    reference = (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text()
    commands = _commands(cli)
    assert len(commands) >= 4
    for command in commands:
        assert f"## `{command}" in reference, f"{command} is missing from docs/cli.md"
