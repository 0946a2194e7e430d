"""Install sources and `foods search/show` arguments as a careless or hostile user gives them.

An install either raises one SleepminError with a one-line message, leaving no database, or
builds a database that reports nothing impossible: every value finite, within what food can hold,
and equal to what the file says. `foods show/search` answer, or say in one line why not; nothing
else, ever. The real lines come from ../shared/data/fdc (read at test time, never committed)."""

from __future__ import annotations

import io
import math
import tempfile
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sleepmin.cli import cli
from sleepmin.errors import FoodNotFound, InvalidQuery, SleepminError
from sleepmin.foods.database import FoodDatabase
from sleepmin.foods.fields import NUTRIENT_CEILINGS, PORTION_GRAMS_CEILING
from sleepmin.foods.install import install
from sleepmin.foods.sr28 import ABBREV_COLUMNS
from sleepmin.nutrients import Nutrient
from tests.conftest import FDC_FIXTURES, _find_shared_fdc

FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_ABBREV = _find_shared_fdc() / "sr28_abbr_2016-05" / "ABBREV.txt"
REAL_LINES: list[bytes] = _ABBREV.read_bytes().split(b"\r\n")[:40] if _ABBREV.exists() else []

pytestmark = pytest.mark.skipif(not REAL_LINES, reason="the USDA releases are not available")


@contextmanager
def _workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "src").mkdir()
        (root / "db").mkdir()
        yield root


def _install(source: Path, db: Path, *, partial: bool) -> bool:
    """True if installed; a refusal must be one clean line, with nothing built."""
    try:
        install(str(source), db, db.parent / "dl", partial=partial)
    except SleepminError as err:
        message = str(err)
        assert message and "\n" not in message and "Traceback" not in message
        assert not db.exists()
        assert not list(db.parent.glob("*.building-*"))
        return False
    return True


def _assert_sane(db_path: Path) -> dict[str, dict[str, float | None]]:
    """Nothing the database reports may be impossible. Returns each SR food's values."""
    found: dict[str, dict[str, float | None]] = {}
    with FoodDatabase(db_path) as db:
        status = db.status()
        assert status.foods >= 1
        assert sum(count for _, count in status.releases) >= status.foods
        columns = [n.value for n in Nutrient]
        rows = db.connection.execute(
            f"SELECT ndb_number, description, {', '.join(columns)} FROM foods"
        ).fetchall()
        for ndb, description, *values in rows:
            assert isinstance(description, str) and description.strip()
            for nutrient, value in zip(Nutrient, values, strict=True):
                if value is not None:
                    assert math.isfinite(value) and 0 <= value <= NUTRIENT_CEILINGS[nutrient]
            if ndb is not None:
                found[ndb] = dict(zip(columns, values, strict=True))
        for (grams,) in db.connection.execute("SELECT grams FROM portions"):
            assert 0 < grams <= PORTION_GRAMS_CEILING
    return found


def _reference(data: bytes) -> dict[str, dict[str, float | None]]:
    """What an ABBREV file says, read independently of sleepmin's reader."""
    expected: dict[str, dict[str, float | None]] = {}
    for line in data.splitlines():
        if not line.strip():
            continue
        fields = line.decode("latin-1").split("^")
        ndb = fields[0].strip().strip("~").strip().zfill(5)
        expected[ndb] = {
            n.value: (float(fields[i]) if fields[i].strip() else None)
            for n, (i, _) in ABBREV_COLUMNS.items()
        }
    return expected


# -- ABBREV.txt: random bytes, and real lines cut, shuffled, repeated and edited -------------


@FUZZ
@given(data=st.binary(max_size=3000), partial=st.booleans())
@example(data=b"\xff\xfe~\x000\x001", partial=True)  # UTF-16
@example(data=b"~01001~" + b"^" * 52, partial=True)  # a record of blanks
@example(data=REAL_LINES[0] if REAL_LINES else b"", partial=True)  # cut before its line end
def test_any_bytes_as_abbrev(data: bytes, partial: bool) -> None:
    with _workdir() as root:
        (root / "src" / "ABBREV.txt").write_bytes(data)
        if _install(root / "src", root / "db" / "foods.sqlite", partial=partial):
            assert _assert_sane(root / "db" / "foods.sqlite") == _reference(data)


_FIELD_EDITS = st.sampled_from(
    [
        b"",
        b"0",
        b"-1",
        b"-0",
        b"1e400",
        b"1e-400",
        b"9" * 30,
        "٣".encode(),
        "٣".encode("latin-1", "replace"),
        b"1_000",
        b"nan",
        b"inf",
        b"~x~",
        b"7900000",
        b"950.01",
        b"100.5",
        b" 12 ",
        b"0x10",
        b"\x00",
        b"\xe9",
    ]
)


@st.composite
def real_lines(draw: st.DrawFn) -> bytes:
    """A few of USDA's own lines, possibly shuffled, repeated, edited, cut and re-ended."""
    picked = draw(st.lists(st.sampled_from(REAL_LINES), min_size=1, max_size=12))
    lines = list(picked)
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(lines) - 1))
        fields = lines[at].split(b"^")
        fields[draw(st.integers(0, len(fields) - 1))] = draw(_FIELD_EDITS)
        lines[at] = b"^".join(fields)
    ending = draw(st.sampled_from([b"\r\n", b"\n", b"\r"]))
    data = b"".join(line + ending for line in lines)
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


@FUZZ
@given(data=real_lines(), partial=st.booleans())
@example(data=REAL_LINES[0] + b"\r\n" + REAL_LINES[0] + b"\r\n", partial=True)  # a food twice
@example(data=REAL_LINES[1][:-1] + b"\r\n", partial=True)  # Refuse_Pct cut: a blank, not a cut
def test_real_lines_cut_shuffled_and_edited(data: bytes, partial: bool) -> None:
    with _workdir() as root:
        (root / "src" / "ABBREV.txt").write_bytes(data)
        if _install(root / "src", root / "db" / "foods.sqlite", partial=partial):
            assert partial  # a part of ABBREV.txt is never a whole release
            assert _assert_sane(root / "db" / "foods.sqlite") == _reference(data)


# -- odd zips --------------------------------------------------------------------------------

_MEMBER_NAMES = st.sampled_from(
    [
        "ABBREV.txt",
        "sr28abbr/ABBREV.txt",
        "abbrev.TXT",
        "../ABBREV.txt",
        "/abs/ABBREV.txt",
        "FOOD_DES.txt",
        "NUT_DATA.txt",
        "food.csv",
        "food_nutrient.csv",
        "dir/",
        "Entrée.txt",
    ]
)
_COMPRESSION = st.sampled_from(
    [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]
)


@st.composite
def odd_zips(draw: st.DrawFn) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
        warnings.simplefilter("ignore")  # a name twice is one of the odd zips wanted here
        for _ in range(draw(st.integers(0, 4))):
            name = draw(_MEMBER_NAMES)
            content = draw(st.one_of(real_lines(), st.binary(max_size=500)))
            if name.endswith("/"):
                archive.writestr(zipfile.ZipInfo(name), b"")
            else:
                archive.writestr(name, content, compress_type=draw(_COMPRESSION))
    data = bytearray(buffer.getvalue())
    for _ in range(draw(st.integers(0, 3))):  # flip some bytes
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


@FUZZ
@given(data=odd_zips(), name=st.sampled_from(["release.zip", "release", "ABBREV.txt"]))
@example(data=b"PK\x05\x06" + b"\x00" * 18, name="release.zip")  # an empty zip
@example(data=b"PK\x03\x04", name="ABBREV.txt")  # a zip's first bytes, named ABBREV.txt
def test_odd_zips(data: bytes, name: str) -> None:
    with _workdir() as root:
        (root / "src" / name).write_bytes(data)
        if _install(root / "src" / name, root / "db" / "foods.sqlite", partial=True):
            _assert_sane(root / "db" / "foods.sqlite")


# -- foods show / search ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_db() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        install(str(FDC_FIXTURES / "sr_legacy"), Path(tmp) / "foods.sqlite", Path(tmp) / "dl")
        yield Path(tmp)


IDS = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.from_regex(r"\A(ndb|fdc|NDB|x)?:?\s*[0-9]{0,25}\s*\Z"),
    st.sampled_from(["9223372036854775808", "-1", "1e5", "٣٤٥", "¹²³", "0x1F", "1_000"]),
)


@FUZZ
@given(food_id=IDS)
@example(food_id="fdc:9223372036854775808")
@example(food_id="9" * 5000)
def test_show_any_id(fixture_db: Path, food_id: str) -> None:
    with FoodDatabase(fixture_db / "foods.sqlite") as db:
        try:
            stored = db.get(food_id)
        except FoodNotFound as err:
            assert "\n" not in str(err)
            return
        food = stored.food
        assert food.ndb_number or food.fdc_id
        for nutrient, value in food.nutrients.items():
            assert 0 <= value <= NUTRIENT_CEILINGS[nutrient]


@FUZZ
@given(query=st.text(max_size=300), limit=st.integers(1, 200))
@example(query=" ".join(f"w{i}" for i in range(30)), limit=10)
@example(query="a" * 5000, limit=10)
@example(query="\udcff\udcfe", limit=10)  # undecodable bytes from a command line
def test_search_any_query(fixture_db: Path, query: str, limit: int) -> None:
    with FoodDatabase(fixture_db / "foods.sqlite") as db:
        try:
            results = db.search(query, limit)
        except InvalidQuery as err:
            assert "\n" not in str(err)
            return
        assert len(results) <= limit
        for hit, _ in results:
            assert math.isfinite(hit.score)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    command=st.sampled_from(["show", "search"]),
    argument=st.one_of(IDS, st.text(min_size=1, max_size=80)),
    as_json=st.booleans(),
)
def test_foods_commands_answer_or_say_why_in_one_line(
    fixture_db: Path, command: str, argument: str, as_json: bool
) -> None:
    args = ["foods", command, *(["--json"] if as_json else []), "--", argument]
    result = CliRunner().invoke(cli, args, env={"SLEEPMIN_DATA_DIR": str(fixture_db)})
    assert result.exception is None or isinstance(result.exception, SystemExit), result
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 1:
        assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
