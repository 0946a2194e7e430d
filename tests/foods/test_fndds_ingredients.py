"""The FNDDS ingredient flag: read from FoodData Central's supporting data where the source holds
it (a plain fndds_ingredient_nutrient_value.csv, or the supporting-data zip in a source folder, or
fetched beside the default download), 0 for every food without it, and a broken table refused."""

from __future__ import annotations

import csv
import hashlib
import http.server
import json
import shutil
import tempfile
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sleepmin.errors import DataSourceError, MalformedRelease
from sleepmin.foods import sources
from sleepmin.foods.database import FoodDatabase
from sleepmin.foods.fdc_csv import read_fndds_ingredient_codes
from sleepmin.foods.install import install
from sleepmin.foods.search import FoodSearch, SearchDocument
from sleepmin.foods.sources import FNDDS_INGREDIENT_TABLE, FolderSource
from sleepmin.paths import OFFICIAL_SOURCE_URL
from tests.cli_helpers import run_cli
from tests.conftest import FDC_FIXTURES, copy_fixture, zip_folder

SUPPORTING_ZIP = "FoodData_Central_Supporting_Data_csv_2022-10-28.zip"
HEADER = [
    "ingredient code",
    "Ingredient description",
    "Nutrient code",
    "Nutrient value",
    "Nutrient value source",
    "FDC ID",
    "Derivation code",
    "SR AddMod year",
    "Foundation year acquired",
    "Start date",
    "End date",
]


def _row(code: str, description: str = "Spinach, raw", nutrient: str = "304") -> list[str]:
    return [code, description, nutrient, "79.0", "SR Legacy", "168462", "A", "", "0", "", ""]


def _write_table(path: Path, rows: list[list[str]]) -> Path:
    """A table laid out as USDA publishes it: every field quoted, LF line endings."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows([HEADER, *rows])
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _flags(db: FoodDatabase) -> dict[str, bool]:
    rows = db.connection.execute("SELECT ndb_number, fndds_ingredient FROM foods")
    return {ndb: bool(flag) for ndb, flag in rows}


def _with_table(tmp_path: Path, rows: list[list[str]]) -> Path:
    """The SR Legacy mini release with an FNDDS ingredient table beside its files."""
    source = copy_fixture("sr_legacy", tmp_path)
    _write_table(source / FNDDS_INGREDIENT_TABLE, rows)
    return source


# -- the real supporting data ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ndb", "flagged"),
    [
        ("09132", True),  # Grapes, red or green (European type, such as Thompson seedless), raw
        ("09131", False),  # Grapes, american type (slip skin), raw
        ("07028", True),  # Ham, sliced, packaged (96% fat free, water added)
        ("07030", False),  # Ham, minced
        ("16006", True),  # Beans, baked, canned, plain or vegetarian
        ("16005", False),  # Beans, baked, home prepared
        ("01001", True),  # Butter, salted: ingredient code "1001", without its leading zero
    ],
)
def test_the_flag_is_read_from_the_supporting_data(
    real_db: FoodDatabase, ndb: str, flagged: bool
) -> None:
    assert real_db.get(ndb).food.fndds_ingredient is flagged


def test_the_status_says_where_the_table_came_from(real_db: FoodDatabase) -> None:
    status = real_db.status()
    # 1,882 codes; 36 are not SR28 foods (Foundation-only foods, "REDUCED SODIUM" variants...)
    assert status.fndds_ingredient_foods == 1846
    assert status.fndds_ingredients.endswith(f"{SUPPORTING_ZIP}:{FNDDS_INGREDIENT_TABLE}")
    flagged = real_db.connection.execute("SELECT sum(fndds_ingredient) FROM foods").fetchone()
    assert flagged == (1846,)


def test_the_reader_finds_every_distinct_code(shared_fdc: Path) -> None:
    folder = shared_fdc / "fdc_supporting_data_csv_2022-10-28"
    source = sources.ZipSource(folder / SUPPORTING_ZIP)
    try:
        codes = read_fndds_ingredient_codes(source, FNDDS_INGREDIENT_TABLE)
    finally:
        source.close()
    assert len(codes) == 1882
    assert {"01001", "09132", "100147", "999431"} <= codes
    assert "09131" not in codes


def test_search_prefers_the_grapes_people_eat(real_db: FoodDatabase) -> None:
    assert real_db.search("grapes", 1)[0][1].food.ndb_number == "09132"


def test_the_bonus_is_part_of_the_prior() -> None:
    search = FoodSearch(
        [
            SearchDocument(1, "Grapes, american type (slip skin), raw", in_survey=True),
            SearchDocument(2, "Grapes, european type, raw", in_survey=True, fndds_ingredient=True),
        ]
    )
    assert [hit.doc_id for hit in search.search("grapes raw")] == [2, 1]


# -- where the table may be ---------------------------------------------------------------------


def test_a_source_without_the_table_installs_with_every_flag_0(data_dir: Path) -> None:
    path = data_dir / "foods.sqlite"
    result = install(str(FDC_FIXTURES / "sr_legacy"), path, data_dir / "dl")
    assert result.installed and result.notices == ()
    with FoodDatabase(path) as db:
        assert set(_flags(db).values()) == {False}
        status = db.status()
        assert (status.fndds_ingredients, status.fndds_ingredient_foods) == ("", 0)


def test_a_plain_table_in_the_source(data_dir: Path, tmp_path: Path) -> None:
    source = _with_table(
        tmp_path, [_row("11457"), _row("11457", nutrient="303"), _row("9040", "Bananas, raw")]
    )
    path = data_dir / "foods.sqlite"
    install(str(source), path, data_dir / "dl")
    with FoodDatabase(path) as db:
        assert _flags(db) == {
            "11457": True,
            "09040": True,
            "12014": False,
            "14148": False,
            "11265": False,
        }
        assert db.status().fndds_ingredients == str(source / FNDDS_INGREDIENT_TABLE)
        assert db.get("9040").food.fndds_ingredient
        assert db.document(db.get("9040").id).fndds_ingredient


def test_a_plain_table_inside_a_zip_source(data_dir: Path, tmp_path: Path) -> None:
    source = _with_table(tmp_path, [_row("11457")])
    zipped = zip_folder(source, tmp_path / "release.zip", prefix="FoodData_Central_csv/")
    install(str(zipped), data_dir / "foods.sqlite", data_dir / "dl")
    with FoodDatabase(data_dir / "foods.sqlite") as db:
        assert [ndb for ndb, flag in _flags(db).items() if flag] == ["11457"]


def test_the_supporting_zip_in_a_source_folder(
    data_dir: Path, tmp_path: Path, shared_fdc: Path
) -> None:
    """The layout of shared/data/fdc: the supporting-data zip lies in a folder of the source."""
    source = copy_fixture("sr_legacy", tmp_path)
    (source / "supporting").mkdir()
    (source / "supporting" / SUPPORTING_ZIP).symlink_to(
        shared_fdc / "fdc_supporting_data_csv_2022-10-28" / SUPPORTING_ZIP
    )
    install(str(source), data_dir / "foods.sqlite", data_dir / "dl")
    with FoodDatabase(data_dir / "foods.sqlite") as db:
        assert {ndb for ndb, flag in _flags(db).items() if flag} == {"11457", "09040", "14148"}
        where = db.status().fndds_ingredients
        assert where == f"{source / 'supporting' / SUPPORTING_ZIP}:{FNDDS_INGREDIENT_TABLE}"


def test_the_fingerprint_follows_the_table(data_dir: Path, tmp_path: Path) -> None:
    path = data_dir / "foods.sqlite"
    without = install(str(FDC_FIXTURES / "sr_legacy"), path, data_dir / "dl")
    source = _with_table(tmp_path, [_row("11457")])
    first = install(str(source), path, data_dir / "dl")
    assert first.installed and first.fingerprint != without.fingerprint
    again = install(str(source), path, data_dir / "dl")
    assert not again.installed and again.fingerprint == first.fingerprint
    _write_table(source / FNDDS_INGREDIENT_TABLE, [_row("11457"), _row("9040")])
    changed = install(str(source), path, data_dir / "dl")
    assert changed.installed and changed.fingerprint not in (first.fingerprint, without.fingerprint)
    with FoodDatabase(path) as db:
        assert _flags(db)["09040"]


# -- a broken table -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [_row("11457"), _row("spinach")],
            r"^fndds_ingredient_nutrient_value\.csv, line 3, column ingredient code: 'spinach' is "
            r"not an ingredient code \(an SR NDB number of 1 to 8 digits\); use "
            r"fndds_ingredient_nutrient_value\.csv as USDA publishes it",
        ),
        (
            [_row("11457"), _row("")],
            r"line 3, column ingredient code: '' is not an ingredient code",
        ),
        (
            [_row("11457"), _row("9040")[:5]],
            r"^fndds_ingredient_nutrient_value\.csv, line 3: expected 11 fields, found 5",
        ),
        ([], r"^fndds_ingredient_nutrient_value\.csv, line 2: the table holds no ingredients"),
    ],
)
def test_a_malformed_table_is_refused(
    data_dir: Path, tmp_path: Path, rows: list[list[str]], message: str
) -> None:
    path = data_dir / "foods.sqlite"
    install(str(FDC_FIXTURES / "sr_legacy"), path, data_dir / "dl")
    before = _digest(path)
    source = _with_table(tmp_path, rows)
    with pytest.raises(MalformedRelease, match=message):
        install(str(source), path, data_dir / "dl")
    assert _digest(path) == before
    assert not list(data_dir.glob("*.building-*"))


def test_a_table_without_its_code_column(data_dir: Path, tmp_path: Path) -> None:
    source = copy_fixture("sr_legacy", tmp_path)
    (source / FNDDS_INGREDIENT_TABLE).write_text('"code","Ingredient description"\n"1001","x"\n')
    with pytest.raises(
        MalformedRelease,
        match=r"line 1, column ingredient code: header lacks column\(s\) ingredient code",
    ):
        install(str(source), data_dir / "foods.sqlite", data_dir / "dl")
    assert not (data_dir / "foods.sqlite").exists()


def test_a_cut_table_is_refused_by_the_record_counts(data_dir: Path, tmp_path: Path) -> None:
    source = _with_table(tmp_path, [_row("11457"), _row("9040")])
    (source / "all_downloaded_table_record_counts.csv").write_text(
        "Table,Number of Records\nfndds_ingredient_nutrient_value,122330\n"
    )
    with pytest.raises(MalformedRelease, match=r"the file has 2 records, but .* says 122,330"):
        install(str(source), data_dir / "foods.sqlite", data_dir / "dl")
    install(str(source), data_dir / "foods.sqlite", data_dir / "dl", partial=True)


def test_a_damaged_supporting_zip_in_the_folder_is_refused(data_dir: Path, tmp_path: Path) -> None:
    source = copy_fixture("sr_legacy", tmp_path)
    (source / SUPPORTING_ZIP).write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(MalformedRelease, match=rf"^{SUPPORTING_ZIP}: not a complete zip file"):
        install(str(source), data_dir / "foods.sqlite", data_dir / "dl")


# -- beside the default download ----------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


RELEASE_ZIP = "FoodData_Central_sr_legacy_food_csv_2018-04.zip"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A loopback server for the SR Legacy mini release, and the folder it serves."""
    folder = tmp_path / "served"
    folder.mkdir()
    zip_folder(FDC_FIXTURES / "sr_legacy", folder / RELEASE_ZIP)
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder))
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", folder
    finally:
        httpd.shutdown()
        httpd.server_close()


def _companion(
    monkeypatch: pytest.MonkeyPatch, server: str, companion: str = SUPPORTING_ZIP
) -> str:
    """Make the served release the 'default download', with ``companion`` fetched beside it."""
    url = f"{server}/{RELEASE_ZIP}"
    monkeypatch.setitem(sources.COMPANION_DOWNLOADS, url, (f"{server}/{companion}",))
    return url


def test_the_default_download_fetches_the_supporting_data(
    served: tuple[str, Path],
    data_dir: Path,
    shared_fdc: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server, folder = served
    shutil.copyfile(
        shared_fdc / "fdc_supporting_data_csv_2022-10-28" / SUPPORTING_ZIP, folder / SUPPORTING_ZIP
    )
    url = _companion(monkeypatch, server)
    result = install(url, data_dir / "foods.sqlite", data_dir / "downloads")
    assert result.installed and result.notices == ()
    assert (data_dir / "downloads" / SUPPORTING_ZIP).exists()
    with FoodDatabase(data_dir / "foods.sqlite") as db:
        assert {ndb for ndb, flag in _flags(db).items() if flag} == {"11457", "09040", "14148"}
        assert (
            db.status().fndds_ingredients == f"{server}/{SUPPORTING_ZIP}:{FNDDS_INGREDIENT_TABLE}"
        )


def test_a_failed_extra_download_is_a_notice_and_the_next_install_retries(
    served: tuple[str, Path], data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server, folder = served
    url = _companion(monkeypatch, server)
    path = data_dir / "foods.sqlite"
    result = install(url, path, data_dir / "downloads")  # the supporting zip is not served: 404
    assert result.installed and result.foods == 5
    (notice,) = result.notices
    assert notice.startswith(f"installed without {FNDDS_INGREDIENT_TABLE} (the FNDDS ingredient")
    assert f"could not download {server}/{SUPPORTING_ZIP} (HTTP 404" in notice
    assert notice.endswith("install the food data again to retry")
    with FoodDatabase(path) as db:
        assert set(_flags(db).values()) == {False}
        assert db.status().fndds_ingredients == ""
    # It is served now: the next install fetches it and rebuilds, without --force.
    supporting = tmp_path / "supporting"
    _write_table(_mkdir(supporting) / FNDDS_INGREDIENT_TABLE, [_row("9040")])
    zip_folder(supporting, folder / SUPPORTING_ZIP)
    again = install(url, path, data_dir / "downloads")
    assert again.installed and again.notices == ()
    with FoodDatabase(path) as db:
        assert [ndb for ndb, flag in _flags(db).items() if flag] == ["09040"]


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize("what", ["not a zip", "no table", "a broken table"])
def test_an_unusable_extra_download_is_a_notice(
    served: tuple[str, Path],
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    what: str,
) -> None:
    server, folder = served
    if what == "not a zip":
        (folder / SUPPORTING_ZIP).write_text("<html>maintenance</html>")
        expected = f"{SUPPORTING_ZIP}: not a complete zip file"
    else:
        inner = _mkdir(tmp_path / "inner")
        if what == "no table":
            (inner / "nutrient.csv").write_text("id,name\n")
            expected = f"{server}/{SUPPORTING_ZIP} holds no {FNDDS_INGREDIENT_TABLE}"
        else:
            _write_table(inner / FNDDS_INGREDIENT_TABLE, [_row("x1")])
            expected = "line 2, column ingredient code: 'x1' is not an ingredient code"
        zip_folder(inner, folder / SUPPORTING_ZIP)
    url = _companion(monkeypatch, server)
    result = install(url, data_dir / "foods.sqlite", data_dir / "downloads")
    assert result.installed
    (notice,) = result.notices
    assert expected in notice
    if what == "a broken table":  # removed from the cache, so the next install fetches it again
        assert not (data_dir / "downloads" / SUPPORTING_ZIP).exists()
    with FoodDatabase(data_dir / "foods.sqlite") as db:
        assert db.status().fndds_ingredients == ""


def test_only_the_default_download_has_a_companion() -> None:
    assert sources.COMPANION_DOWNLOADS == {
        OFFICIAL_SOURCE_URL: (
            "https://fdc.nal.usda.gov/fdc-datasets/"
            "FoodData_Central_Supporting_Data_csv_2022-10-28.zip",
        )
    }


# -- the command line ---------------------------------------------------------------------------


def test_data_status_says_whether_the_prior_is_there(data_dir: Path, tmp_path: Path) -> None:
    plain = run_cli(
        "data", "install", "--source", str(FDC_FIXTURES / "sr_legacy"), "--json", data_dir=data_dir
    )
    assert plain.returncode == 0, plain.stderr
    assert json.loads(plain.stdout)["notices"] == []
    shown = run_cli("data", "status", data_dir=data_dir)
    assert "Everyday-food prior: not installed" in shown.stdout
    assert (
        json.loads(run_cli("data", "status", "--json", data_dir=data_dir).stdout)[
            "fndds_ingredients"
        ]
        is None
    )
    source = _with_table(tmp_path, [_row("11457")])
    assert run_cli("data", "install", "--source", str(source), data_dir=data_dir).returncode == 0
    body = json.loads(run_cli("data", "status", "--json", data_dir=data_dir).stdout)
    assert body["fndds_ingredients"] == {
        "source": str(source / FNDDS_INGREDIENT_TABLE),
        "foods": 1,
    }
    assert (
        "1 foods are FNDDS 2019-2020 ingredients"
        in run_cli("data", "status", data_dir=data_dir).stdout
    )


# -- the parser, whatever it is given ---------------------------------------------------------


_codes = st.lists(st.from_regex(r"[0-9]{1,8}", fullmatch=True), min_size=1, max_size=30)


@settings(max_examples=100, deadline=None)
@given(_codes)
def test_the_codes_read_are_the_distinct_codes_written(codes: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _write_table(folder / FNDDS_INGREDIENT_TABLE, [_row(code) for code in codes])
        found = read_fndds_ingredient_codes(FolderSource(folder), FNDDS_INGREDIENT_TABLE)
    assert found == {code.zfill(5) for code in codes}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_any_bytes_as_the_table(data: bytes) -> None:
    """An install either succeeds or refuses the table with a message; nothing is half-built."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = copy_fixture("sr_legacy", folder)
        header = ",".join(f'"{name}"' for name in HEADER).encode()
        (source / FNDDS_INGREDIENT_TABLE).write_bytes(header + b"\n" + data)
        db = folder / "db" / "foods.sqlite"
        try:
            install(str(source), db, folder / "dl")
        except DataSourceError as err:
            assert str(err)
            assert not db.exists()
            return
        with FoodDatabase(db) as opened:
            assert opened.status().foods == 5
