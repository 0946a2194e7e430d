"""The full SR28 ASCII release with NUT_DATA.txt (not in ../shared: a mini copy is cut from the
real FOOD_DES/WEIGHT/FD_GROUP/NUTR_DEF files, with NUT_DATA rows written in the documented
18-field layout). Being a part of a release, it is installed with ``partial=True``."""

from __future__ import annotations

from pathlib import Path

import pytest

from sleepmin.errors import MalformedRelease
from sleepmin.foods.database import FoodDatabase
from sleepmin.foods.install import install
from sleepmin.nutrients import Nutrient

pytestmark = pytest.mark.slow

FOODS = ("~01001~", "~11457~")


def _nut_data_row(ndb: str, number: str, value: str) -> str:
    # NDB_No, Nutr_No, Nutr_Val, Num_Data_Pts, Std_Error, Src_Cd, Deriv_Cd, Ref_NDB_No,
    # Add_Nutr_Mark, Num_Studies, Min, Max, DF, Low_EB, Up_EB, Stat_cmt, AddMod_Date, CC
    return f"~{ndb}~^~{number}~^{value}^4^^~1~^~~^~~^~~^^^^^^^~~^~11/1976~^"


def _mini_release(shared_fdc: Path, dest: Path, nut_rows: list[str], abbrev: bool) -> Path:
    asc = shared_fdc / "sr28_asc_2015-09"
    dest.mkdir()
    for name in ("FOOD_DES.txt", "WEIGHT.txt"):
        lines = (asc / name).read_bytes().split(b"\r\n")
        kept = [line for line in lines if line.decode("latin-1").startswith(FOODS)]
        (dest / name).write_bytes(b"\r\n".join(kept) + b"\r\n")
    for name in ("FD_GROUP.txt", "NUTR_DEF.txt"):
        (dest / name).write_bytes((asc / name).read_bytes())
    (dest / "NUT_DATA.txt").write_bytes(("\r\n".join(nut_rows) + "\r\n").encode("latin-1"))
    if abbrev:
        lines = (shared_fdc / "sr28_abbr_2016-05" / "ABBREV.txt").read_bytes().split(b"\r\n")
        kept = [line for line in lines if line.decode("latin-1").startswith(("~11457~",))]
        (dest / "ABBREV.txt").write_bytes(b"\r\n".join(kept) + b"\r\n")
    return dest


ROWS = [
    _nut_data_row("01001", "208", "717"),
    _nut_data_row("01001", "301", "24"),
    _nut_data_row("01001", "304", "2"),
    _nut_data_row("01001", "255", "15.87"),  # water: defined in NUTR_DEF, not stored
    _nut_data_row("11457", "304", "80"),  # differs from ABBREV's 79 on purpose
    _nut_data_row("11457", "306", "558"),
]


def test_nut_data_supplies_the_values(shared_fdc: Path, tmp_path: Path) -> None:
    source = _mini_release(shared_fdc, tmp_path / "sr28asc", ROWS, abbrev=False)
    path = tmp_path / "foods.sqlite"
    result = install(str(source), path, tmp_path / "dl", partial=True)
    assert result.foods == 2
    with FoodDatabase(path) as db:
        butter = db.get("1001").food
        assert butter.description == "Butter, salted"
        assert butter.nutrients == {
            Nutrient.ENERGY_KCAL: 717.0,
            Nutrient.CALCIUM_MG: 24.0,
            Nutrient.MAGNESIUM_MG: 2.0,
        }  # nothing else reported, so nothing else stored
        assert [p.description for p in butter.portions][:2] == [
            '1 pat (1" sq, 1/3" high)',
            "1 tbsp",
        ]
        assert db.get("11457").food.nutrients[Nutrient.MAGNESIUM_MG] == 80.0


def test_abbrev_is_newer_than_nut_data(shared_fdc: Path, tmp_path: Path) -> None:
    source = _mini_release(shared_fdc, tmp_path / "both", ROWS, abbrev=True)
    path = tmp_path / "foods.sqlite"
    install(str(source), path, tmp_path / "dl", partial=True)
    with FoodDatabase(path) as db:
        assert db.get("11457").food.nutrients[Nutrient.MAGNESIUM_MG] == 79.0
        assert db.get("01001").food.nutrients[Nutrient.MAGNESIUM_MG] == 2.0


def test_nutrient_number_not_in_nutr_def(shared_fdc: Path, tmp_path: Path) -> None:
    rows = [*ROWS, _nut_data_row("11457", "999", "1")]
    source = _mini_release(shared_fdc, tmp_path / "bad", rows, abbrev=False)
    with pytest.raises(
        MalformedRelease,
        match=(
            r"NUT_DATA\.txt, line 7, column Nutr_No: nutrient number '999' is not defined in "
            r"NUTR_DEF\.txt; use NUT_DATA\.txt and NUTR_DEF\.txt from the same SR28 release"
        ),
    ):
        install(str(source), tmp_path / "foods.sqlite", tmp_path / "dl", partial=True)
    assert not (tmp_path / "foods.sqlite").exists()


def test_ascii_set_without_nutrient_values_is_refused(shared_fdc: Path, tmp_path: Path) -> None:
    source = _mini_release(shared_fdc, tmp_path / "nonut", ROWS, abbrev=False)
    (source / "NUT_DATA.txt").unlink()
    with pytest.raises(MalformedRelease, match=r"no NUT_DATA\.txt and there is no ABBREV\.txt"):
        install(str(source), tmp_path / "foods.sqlite", tmp_path / "dl", partial=True)


def test_a_part_is_refused_unless_asked_for(shared_fdc: Path, tmp_path: Path) -> None:
    source = _mini_release(shared_fdc, tmp_path / "part", ROWS, abbrev=False)
    with pytest.raises(MalformedRelease, match=r"^FOOD_DES\.txt: the file has 2 foods, but USDA"):
        install(str(source), tmp_path / "foods.sqlite", tmp_path / "dl")


def test_a_food_without_nutrient_rows(shared_fdc: Path, tmp_path: Path) -> None:
    rows = [r for r in ROWS if "11457" not in r]
    source = _mini_release(shared_fdc, tmp_path / "bare", rows, abbrev=False)
    with pytest.raises(
        MalformedRelease,
        match=r"^FOOD_DES\.txt: 1 of its 2 foods \(such as 11457\) have no nutrient values in "
        r"NUT_DATA\.txt",
    ):
        install(str(source), tmp_path / "foods.sqlite", tmp_path / "dl", partial=True)
