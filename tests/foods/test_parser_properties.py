"""Whatever bytes a file holds, an import either succeeds or raises a DataSourceError with a
message; it never crashes with another exception or writes a half-built database."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sleepmin.errors import DataSourceError
from sleepmin.foods.database import FoodDatabase
from sleepmin.foods.install import install
from tests.conftest import FDC_FIXTURES

_VALID_ABBREV_LINE = (
    "~09040~^~BANANAS,RAW~^74.91^89^1.09^0.33^0.82^22.84^2.6^12.23^5^0.26^27^22^358^1^0.15^0.078"
    "^0.270^1.0^8.7^0.031^0.073^0.665^0.334^0.367^20^0^20^20^9.8^0.00^64^3^0^26^25^0^0^22^0.10"
    "^0.0^0^0.5^0.112^0.032^0.073^0^225^~1 cup, mashed~^150^~1 cup, sliced~^36"
)

_fields = st.lists(
    st.one_of(
        st.just(""),
        st.from_regex(r"-?[0-9]{1,4}(\.[0-9]{1,3})?", fullmatch=True),
        st.text(max_size=6),
        st.sampled_from(["nan", "inf", "~~", "~x~"]),
    ),
    min_size=50,
    max_size=55,
)


def _import(folder: Path) -> None:
    db = folder / "db" / "foods.sqlite"
    try:
        install(str(folder / "src"), db, folder / "dl", partial=True)  # a few rows: a part
    except DataSourceError as err:
        assert str(err)
        assert not db.exists()
        return
    with FoodDatabase(db) as opened:
        assert opened.status().foods >= 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_fields, min_size=1, max_size=3))
def test_any_abbrev_rows(rows: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "src").mkdir()
        lines = [_VALID_ABBREV_LINE, *("^".join(r) for r in rows)]
        text = "".join(f"{line}\r\n" for line in lines)
        (folder / "src" / "ABBREV.txt").write_bytes(text.encode("utf-8"))
        _import(folder)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_as_food_nutrient_csv(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        src = folder / "src"
        src.mkdir()
        for file in (FDC_FIXTURES / "sr_legacy").iterdir():
            (src / file.name).write_bytes(file.read_bytes())
        header = (src / "food_nutrient.csv").read_bytes().split(b"\n", 1)[0]
        (src / "food_nutrient.csv").write_bytes(header + b"\n" + data)
        _import(folder)
