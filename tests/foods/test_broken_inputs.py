"""Broken or wrong inputs: one clear error naming file, line and column, and the previous
database untouched."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from sleepmin.errors import (
    DataSourceError,
    MalformedRelease,
    SourceNotFound,
    UnrecognisedSource,
)
from sleepmin.foods.database import FoodDatabase
from sleepmin.foods.install import install
from tests.conftest import FDC_FIXTURES, copy_fixture, zip_folder


@pytest.fixture
def installed(data_dir: Path) -> Path:
    """A working database that every broken import must leave exactly as it was."""
    path = data_dir / "foods.sqlite"
    install(str(FDC_FIXTURES / "sr_legacy"), path, data_dir / "downloads")
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fails(source: Path | str, db_path: Path, error: type[Exception], message: str) -> None:
    before = _digest(db_path)
    with pytest.raises(error, match=message):
        install(str(source), db_path, db_path.parent / "downloads", force=True)
    assert _digest(db_path) == before
    with FoodDatabase(db_path) as db:  # still usable
        assert db.search("spinach", 1)
    assert not list(db_path.parent.glob("*.building-*"))


def test_missing_source(installed: Path, tmp_path: Path) -> None:
    _fails(
        tmp_path / "nowhere",
        installed,
        SourceNotFound,
        "food data source not found: .*nowhere'; give an existing folder, a .zip file or an "
        "https:// URL",
    )


def test_folder_without_a_release(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    _fails(tmp_path, installed, UnrecognisedSource, "no USDA release found in")


def test_missing_table(installed: Path, tmp_path: Path) -> None:
    release = copy_fixture("sr_legacy", tmp_path)
    (release / "food_portion.csv").unlink()
    _fails(
        release,
        installed,
        MalformedRelease,
        "food_portion.csv: expected file is missing; use the complete FoodData Central",
    )


def test_wrong_header(installed: Path, tmp_path: Path) -> None:
    release = copy_fixture("sr_legacy", tmp_path)
    text = (release / "food_nutrient.csv").read_text()
    (release / "food_nutrient.csv").write_text(text.replace('"amount"', '"value"', 1))
    _fails(
        release,
        installed,
        MalformedRelease,
        re.escape("food_nutrient.csv, line 1, column amount: header lacks column(s) amount"),
    )


def test_bad_encoding_csv(installed: Path, tmp_path: Path) -> None:
    release = copy_fixture("sr_legacy", tmp_path)
    raw = (release / "food.csv").read_bytes().replace(b"Spinach", b"Sp\xe9nach")
    (release / "food.csv").write_bytes(raw)
    _fails(release, installed, MalformedRelease, r"food.csv, line 2: is not UTF-8 text")


def test_utf16_sr28_file(installed: Path, tmp_path: Path, shared_fdc: Path) -> None:
    folder = tmp_path / "sr28"
    folder.mkdir()
    lines = (shared_fdc / "sr28_abbr_2016-05" / "ABBREV.txt").read_bytes().splitlines()[:20]
    (folder / "ABBREV.txt").write_bytes(b"\r\n".join(lines).decode("latin-1").encode("utf-16"))
    _fails(folder, installed, MalformedRelease, "ABBREV.txt, line 1: is not Latin-1 text")


def test_wrong_field_count_in_abbrev(installed: Path, tmp_path: Path, shared_fdc: Path) -> None:
    folder = tmp_path / "sr28"
    folder.mkdir()
    lines = (shared_fdc / "sr28_abbr_2016-05" / "ABBREV.txt").read_bytes().splitlines()[:5]
    lines[2] = lines[2].rsplit(b"^", 1)[0]  # drop the last field
    (folder / "ABBREV.txt").write_bytes(b"\r\n".join(lines))
    _fails(
        folder,
        installed,
        MalformedRelease,
        "ABBREV.txt, line 3: expected 53 \\^-separated fields, found 52",
    )


def test_text_in_a_number_column(installed: Path, tmp_path: Path, shared_fdc: Path) -> None:
    folder = tmp_path / "sr28"
    folder.mkdir()
    lines = (shared_fdc / "sr28_abbr_2016-05" / "ABBREV.txt").read_bytes().splitlines()[:5]
    fields = lines[3].split(b"^")
    fields[12] = b"lots"
    lines[3] = b"^".join(fields)
    (folder / "ABBREV.txt").write_bytes(b"\r\n".join(lines))
    _fails(
        folder,
        installed,
        MalformedRelease,
        re.escape(
            "ABBREV.txt, line 4, column Magnesium_(mg): "
            "'lots' is not an amount (a number, 0 or more)"
        ),
    )


def test_truncated_zip(installed: Path, tmp_path: Path) -> None:
    archive = zip_folder(FDC_FIXTURES / "sr_legacy", tmp_path / "release.zip")
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    _fails(
        archive,
        installed,
        MalformedRelease,
        "release.zip: not a complete zip file .*the download was probably cut short",
    )


def test_unknown_nutrient_id(installed: Path, tmp_path: Path) -> None:
    release = copy_fixture("sr_legacy", tmp_path)
    with (release / "food_nutrient.csv").open("a") as handle:
        handle.write('"99999999","168462","7777","1.0","","","","","","",""\n')
    _fails(
        release,
        installed,
        MalformedRelease,
        "food_nutrient.csv, line \\d+, column nutrient_id: nutrient id '7777' is not in "
        "nutrient.csv",
    )


def test_unknown_nutrient_number_in_nut_data(installed: Path, tmp_path: Path) -> None:
    release = copy_fixture("sr_legacy", tmp_path)
    text = (release / "nutrient.csv").read_text()
    calcium = '"1087","Calcium, Ca","MG"'
    assert calcium in text
    (release / "nutrient.csv").write_text(text.replace(calcium, '"1087","Calcium, Ca","G"'))
    _fails(release, installed, MalformedRelease, "nutrient.csv, line \\d+, column unit_name")


def test_every_data_source_error_names_a_fix(tmp_path: Path) -> None:
    err = MalformedRelease("food.csv", "broken", line=3, column="fdc_id")
    assert str(err) == (
        "food.csv, line 3, column fdc_id: broken; re-download the official release and use its "
        "files as USDA publishes them"
    )
    assert isinstance(err, DataSourceError)
