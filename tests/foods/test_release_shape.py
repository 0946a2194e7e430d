"""A release is checked against its documented shape before anything is written: USDA's record
counts, every food with nutrient values, no line cut mid-record, no food twice, and values food
can hold. A release that breaks them is refused naming the file (and line and column where there
is one), and the database already installed is left exactly as it was."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from sleepmin.errors import MalformedRelease
from sleepmin.foods.database import FoodDatabase
from sleepmin.foods.fields import NUTRIENT_CEILINGS, PORTION_GRAMS_CEILING
from sleepmin.foods.install import install
from sleepmin.foods.sr28 import ABBREV_COLUMNS
from sleepmin.nutrients import Nutrient
from tests.conftest import FDC_FIXTURES, copy_fixture

ASCII_FILES = ("FOOD_DES.txt", "WEIGHT.txt", "FD_GROUP.txt", "NUTR_DEF.txt")


@pytest.fixture
def installed(data_dir: Path) -> Path:
    path = data_dir / "foods.sqlite"
    install(str(FDC_FIXTURES / "sr_legacy"), path, data_dir / "downloads")
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(source: Path, db_path: Path, message: str, *, partial: bool = False) -> None:
    before = _digest(db_path)
    with pytest.raises(MalformedRelease, match=message) as caught:
        install(str(source), db_path, db_path.parent / "downloads", force=True, partial=partial)
    assert "\n" not in str(caught.value)
    assert _digest(db_path) == before
    with FoodDatabase(db_path) as db:
        assert db.status().foods == 5


def _abbrev_lines(shared_fdc: Path) -> list[bytes]:
    return (shared_fdc / "sr28_abbr_2016-05" / "ABBREV.txt").read_bytes().split(b"\r\n")[:-1]


def _write_lines(path: Path, lines: list[bytes]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"".join(line + b"\r\n" for line in lines))
    return path


def _sr28_copy(shared_fdc: Path, dest: Path, *, abbrev: list[bytes] | None = None) -> Path:
    """The SR28 files sleepmin reads, copied so that one of them can be broken."""
    dest.mkdir()
    for name in ASCII_FILES:
        shutil.copyfile(shared_fdc / "sr28_asc_2015-09" / name, dest / name)
    lines = abbrev if abbrev is not None else _abbrev_lines(shared_fdc)
    _write_lines(dest / "ABBREV.txt", lines)
    return dest


def _with_field(line: bytes, index: int, value: bytes) -> bytes:
    fields = line.split(b"^")
    fields[index] = value
    return b"^".join(fields)


# -- record counts -------------------------------------------------------------------------


@pytest.mark.slow
def test_truncated_abbrev_beside_the_ascii_set(
    installed: Path, tmp_path: Path, shared_fdc: Path
) -> None:
    """The issue's case: the first 4,000 lines of ABBREV.txt installed "8,789 foods", 4,789 of
    them without a single nutrient value."""
    source = _sr28_copy(shared_fdc, tmp_path / "sr28", abbrev=_abbrev_lines(shared_fdc)[:4000])
    _refused(
        source,
        installed,
        re.escape(
            "ABBREV.txt: the file has 4,000 foods, but USDA's release has 8,790 (SR28, May 2016 "
            "revision) or 8,789 (SR28, September 2015): the file is cut short or filtered; use "
            "the complete file as USDA publishes it (or import a part on purpose, with "
            "--partial)"
        ),
    )
    # Even a deliberate part may not leave foods without any value.
    _refused(
        source,
        installed,
        r"FOOD_DES\.txt: 4,789 of its 8,789 foods \(such as \d{5}\) have no nutrient values in "
        r"ABBREV\.txt, so that file is cut short or from another release",
        partial=True,
    )


def test_truncated_abbrev_alone(installed: Path, tmp_path: Path, shared_fdc: Path) -> None:
    source = _write_lines(tmp_path / "src" / "ABBREV.txt", _abbrev_lines(shared_fdc)[:4000])
    _refused(source.parent, installed, r"ABBREV\.txt: the file has 4,000 foods, but USDA's")
    # On purpose, a part is fine, and every food in it has its values.
    path = tmp_path / "part.sqlite"
    result = install(str(source.parent), path, tmp_path / "dl", partial=True)
    assert result.foods == 4000
    with FoodDatabase(path) as db:
        assert db.status().foods == 4000
        assert db.get("01001").food.nutrients[Nutrient.ENERGY_KCAL] == 717.0


def test_file_cut_mid_record(installed: Path, tmp_path: Path, shared_fdc: Path) -> None:
    data = b"".join(line + b"\r\n" for line in _abbrev_lines(shared_fdc)[:30])
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "ABBREV.txt").write_bytes(data[:-3])  # "...^0\r\n" → "...^"
    _refused(
        folder,
        installed,
        re.escape(
            "ABBREV.txt, line 30: the last line has no line ending: the file was cut short "
            "mid-record; use the complete file as USDA publishes it (download it again)"
        ),
        partial=True,
    )


@pytest.mark.slow
def test_truncated_weight_beside_the_published_food_des(
    installed: Path, tmp_path: Path, shared_fdc: Path
) -> None:
    source = _sr28_copy(shared_fdc, tmp_path / "sr28")
    lines = (source / "WEIGHT.txt").read_bytes().split(b"\r\n")[:-1]
    _write_lines(source / "WEIGHT.txt", lines[:10_000])
    _refused(
        source,
        installed,
        re.escape(
            "WEIGHT.txt: the file has 10,000 records, but the September 2015 SR28 release it "
            "comes with has 15,438: the file is cut short, filtered or from another release"
        ),
    )


@pytest.mark.slow
def test_truncated_food_des(installed: Path, tmp_path: Path, shared_fdc: Path) -> None:
    source = _sr28_copy(shared_fdc, tmp_path / "sr28")
    lines = (source / "FOOD_DES.txt").read_bytes().split(b"\r\n")[:-1]
    _write_lines(source / "FOOD_DES.txt", lines[:5000])
    _refused(source, installed, r"FOOD_DES\.txt: the file has 5,000 foods, but USDA's release")


def test_the_same_food_twice(installed: Path, tmp_path: Path, shared_fdc: Path) -> None:
    lines = _abbrev_lines(shared_fdc)[:10]
    source = _write_lines(tmp_path / "src" / "ABBREV.txt", [*lines, lines[2]])
    _refused(
        source.parent,
        installed,
        re.escape("ABBREV.txt, line 11: food 01003 appears twice"),
        partial=True,
    )


@pytest.mark.slow
def test_a_measure_for_a_food_the_release_does_not_have(
    installed: Path, tmp_path: Path, shared_fdc: Path
) -> None:
    source = _sr28_copy(shared_fdc, tmp_path / "sr28")
    with (source / "WEIGHT.txt").open("ab") as weight:
        weight.write(b"~99999~^1^1^~cup~^100^^\r\n")
    _refused(
        source,
        installed,
        re.escape(
            "WEIGHT.txt, line 15439, column NDB_No: food 99999 is not in FOOD_DES.txt, so the "
            "files are from different releases; use complete files from one SR28 release"
        ),
    )


# -- values food can hold ------------------------------------------------------------------


def test_the_real_maxima_are_within_the_ceilings(shared_fdc: Path) -> None:
    """The ceilings sit above every value USDA publishes (their sources: fields.py)."""
    rows = [line.decode("latin-1").split("^") for line in _abbrev_lines(shared_fdc)]
    for nutrient, (index, _) in ABBREV_COLUMNS.items():
        highest = max(float(r[index]) for r in rows if r[index])
        assert highest < NUTRIENT_CEILINGS[nutrient], nutrient
    heaviest = max(float(r[i]) for r in rows for i in (48, 50) if r[i])
    assert heaviest == 5717.0 < PORTION_GRAMS_CEILING


@pytest.mark.parametrize(
    ("index", "value", "message"),
    [
        (
            11,
            b"7900000",
            "ABBREV.txt, line 3, column Iron_(mg): 7,900,000 mg of iron per 100 g is not "
            "possible (no food holds more than 1,000 mg); the file is damaged or was edited: use "
            "it as USDA publishes it",
        ),
        (
            3,
            b"950.5",
            "ABBREV.txt, line 3, column Energ_Kcal: 950.5 kcal of energy per 100 g is not "
            "possible (no food holds more than 950 kcal)",
        ),
        (4, b"100.01", "column Protein_(g): 100.01 g of protein per 100 g is not possible"),
        (
            34,
            b"1e9",
            "column Retinol_(µg): 1,000,000,000 µg of retinol per 100 g is not possible",
        ),
        (
            48,
            b"60000",
            "ABBREV.txt, line 3, column GmWt_1: a household measure of 60,000 g is not possible "
            "(it must weigh more than 0 g and at most 50,000 g)",
        ),
        (12, "٣".encode(), "column Magnesium_(mg): '٣' is not an amount"),
        (12, b"1_000", "column Magnesium_(mg): '1_000' is not an amount"),
        (12, b"-5", "column Magnesium_(mg): '-5' is not an amount"),
        (12, b"nan", "column Magnesium_(mg): 'nan' is not an amount"),
        (0, "~٠١٠٠٣~".encode(), "column NDB_No: '٠١٠٠٣' is not an NDB number"),
    ],
)
def test_impossible_values(
    installed: Path, tmp_path: Path, shared_fdc: Path, index: int, value: bytes, message: str
) -> None:
    lines = _abbrev_lines(shared_fdc)[:5]
    lines[2] = _with_field(lines[2], index, value)
    source = _write_lines(tmp_path / "src" / "ABBREV.txt", lines)
    _refused(source.parent, installed, re.escape(message), partial=True)


def test_nutrients_weighing_more_than_the_food(
    installed: Path, tmp_path: Path, shared_fdc: Path
) -> None:
    lines = _abbrev_lines(shared_fdc)[:5]
    lines[1] = _with_field(_with_field(lines[1], 4, b"80"), 8, b"30")  # protein 80 g, fibre 30 g
    source = _write_lines(tmp_path / "src" / "ABBREV.txt", lines)
    _refused(
        source.parent,
        installed,
        re.escape(
            "ABBREV.txt, line 2: food 01002: its protein, fibre and minerals weigh 110.7 g per "
            "100 g, which is not possible"
        ),
        partial=True,
    )


def test_a_measure_of_no_weight(installed: Path, tmp_path: Path, shared_fdc: Path) -> None:
    asc = shared_fdc / "sr28_asc_2015-09"
    folder = tmp_path / "src"
    _write_lines(folder / "FOOD_DES.txt", (asc / "FOOD_DES.txt").read_bytes().split(b"\r\n")[:1])
    weight = (asc / "WEIGHT.txt").read_bytes().split(b"\r\n")[:2]
    weight[1] = _with_field(weight[1], 4, b"0")
    _write_lines(folder / "WEIGHT.txt", weight)
    _write_lines(folder / "ABBREV.txt", _abbrev_lines(shared_fdc)[:1])
    _refused(
        folder,
        installed,
        re.escape("WEIGHT.txt, line 2, column Gm_Wgt: a household measure of 0 g is not possible"),
        partial=True,
    )


# -- FoodData Central ----------------------------------------------------------------------


def _counts_file(folder: Path, **overrides: int) -> None:
    counts = {"food": 5, "food_nutrient": 69, "food_portion": 15, "sr_legacy_food": 5}
    counts.update(overrides)
    rows = "".join(f"{table},{n}\r\n" for table, n in counts.items())
    (folder / "all_downloaded_table_record_counts.csv").write_text(
        "Table,Number of Records\r\n" + rows
    )


def test_fdc_record_counts_are_checked_where_the_download_states_them(
    installed: Path, tmp_path: Path
) -> None:
    release = copy_fixture("sr_legacy", tmp_path)
    _counts_file(release)
    result = install(str(release), tmp_path / "ok.sqlite", tmp_path / "dl")
    assert result.foods == 5
    _counts_file(release, food_nutrient=70)
    _refused(
        release,
        installed,
        re.escape(
            "food_nutrient.csv: the file has 69 records, but the download's "
            "all_downloaded_table_record_counts.csv says 70: the file is cut short, filtered or "
            "from another download"
        ),
    )
    assert install(str(release), tmp_path / "p.sqlite", tmp_path / "dl", partial=True).foods == 5


def test_fdc_food_without_nutrient_rows(installed: Path, tmp_path: Path) -> None:
    release = copy_fixture("sr_legacy", tmp_path)
    rows = (release / "food_nutrient.csv").read_text().splitlines(keepends=True)
    (release / "food_nutrient.csv").write_text(
        "".join(r for r in rows if '"173944"' not in r)  # every row of the banana
    )
    _refused(
        release,
        installed,
        re.escape(
            "food_nutrient.csv: 1 of the 5 foods in food.csv (such as 173944) have no nutrient "
            "rows, so the file is cut short or from another download"
        ),
    )


@pytest.mark.parametrize(
    ("table", "old", "new", "message"),
    [
        (
            "food_nutrient",
            '"168462","1089","2.71"',
            '"168462","1089","7900000"',
            "food_nutrient.csv, line 8, column amount: 7,900,000 mg of iron per 100 g is not "
            "possible",
        ),
        (
            "food",
            '"173944"',
            '"9223372036854775808"',
            "food.csv, line 3, column fdc_id: '9223372036854775808' is not a whole number "
            "(0 or more, at most 18 digits)",
        ),
        ("food", '"173944"', '"168462"', "food.csv, line 3, column fdc_id: food 168462 appears"),
        ("food", '"Bananas, raw"', '""', "food.csv, line 3, column description: the food has no"),
        (
            "sr_legacy_food",
            '"9040"',
            '"9O40"',
            "sr_legacy_food.csv, line 3, column NDB_number: '9O40' is not an NDB number",
        ),
        (
            "food_portion",
            '"30.0"',
            '"1e12"',
            "food_portion.csv, line 2, column gram_weight: a household measure of "
            "1,000,000,000,000 g is not possible",
        ),
    ],
)
def test_fdc_impossible_values(
    installed: Path, tmp_path: Path, table: str, old: str, new: str, message: str
) -> None:
    release = copy_fixture("sr_legacy", tmp_path)
    text = (release / f"{table}.csv").read_text()
    assert old in text
    (release / f"{table}.csv").write_text(text.replace(old, new, 1))
    _refused(release, installed, re.escape(message))
