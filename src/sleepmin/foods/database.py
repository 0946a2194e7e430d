"""The food database: USDA foods in SQLite (its schema), read back, searched.

Building it from a release is ``sleepmin.foods.install``: an install builds a complete new file
beside the old one and swaps it in only when every row is written.
"""

from __future__ import annotations

import contextlib
import gc
import re
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sleepmin.errors import (
    DatabaseMissing,
    DatabaseOutdated,
    FoodNotFound,
    InvalidInput,
)
from sleepmin.foods.model import Food, Portion, Release, normalise_ndb_number
from sleepmin.foods.search import FoodSearch, SearchDocument, SearchHit
from sleepmin.nutrients import Nutrient

_CACHED_IDS = 20_000  # more than any release's foods: a bound, not an eviction policy
SCHEMA_VERSION = 3  # 2: retinol_ug (preformed vitamin A) added; 3: fndds_ingredient added
NUTRIENTS = tuple(Nutrient)
NUTRIENT_COLUMNS = [n.value for n in NUTRIENTS]

SCHEMA_SQL = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE releases (
    key TEXT PRIMARY KEY, name TEXT NOT NULL, version TEXT NOT NULL, food_count INTEGER NOT NULL
);
CREATE TABLE foods (
    id INTEGER PRIMARY KEY,
    ndb_number TEXT,
    fdc_id INTEGER UNIQUE,
    description TEXT NOT NULL,
    short_description TEXT,
    common_names TEXT,
    food_group TEXT,
    manufacturer TEXT,
    in_survey INTEGER NOT NULL,
    -- 1: an FNDDS 2019-2020 ingredient (fndds_ingredient_nutrient_value.csv); 0 also when the
    -- source had no such table (meta fndds_ingredients says which)
    fndds_ingredient INTEGER NOT NULL,
    release TEXT NOT NULL REFERENCES releases(key),
    -- per 100 g edible portion; NULL means the release does not report it (never zero)
    {", ".join(f"{c} REAL" for c in NUTRIENT_COLUMNS)}
);
CREATE INDEX foods_ndb_number ON foods(ndb_number);
CREATE TABLE portions (
    food_id INTEGER NOT NULL REFERENCES foods(id),
    seq INTEGER NOT NULL,
    description TEXT NOT NULL,
    grams REAL NOT NULL CHECK (grams > 0),
    PRIMARY KEY (food_id, seq)
);
"""


@dataclass(frozen=True, slots=True)
class InstallResult:
    path: Path
    installed: bool  # False: the same release was already installed
    foods: int
    portions: int
    releases: tuple[Release, ...]
    fingerprint: str
    notices: tuple[str, ...] = ()  # what the install did without, e.g. a failed extra download


@dataclass(frozen=True, slots=True)
class StoredFood:
    """A food as read back, with its database id."""

    id: int
    food: Food


@dataclass(frozen=True, slots=True)
class DatabaseStatus:
    path: Path
    schema_version: int
    installed_at: str
    source: str
    fingerprint: str
    releases: tuple[tuple[Release, int], ...]
    foods: int
    portions: int
    nutrient_counts: dict[str, int]  # foods reporting each nutrient
    fndds_ingredients: str = ""  # where the FNDDS ingredient table was read from; "" if absent
    fndds_ingredient_foods: int = 0  # foods flagged as FNDDS ingredients


@contextlib.contextmanager
def connect_read_only(db_path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        yield conn
    finally:
        conn.close()


def read_status(db_path: Path) -> DatabaseStatus:
    with FoodDatabase(db_path) as db:
        return db.status()


_ID_DIGITS = re.compile(r"[0-9]+")
_MAX_ID_DIGITS = 18  # below 2^63, as SQLite stores integers


def unreadable_database(path: Path, problem: str) -> InvalidInput:
    return InvalidInput(
        f"the food database {path}",
        problem,
        "install the food data again over it (or use another data directory)",
    ).with_cli_hint("sleepmin data install --force")


class FoodDatabase:
    """Read access to an installed food database, with search."""

    def __init__(self, path: Path) -> None:
        if path.is_dir():
            raise InvalidInput(
                f"the food database path {path}",
                "is a folder, not a database file",
                "move that folder away and install the food data, or use another data directory",
            ).with_cli_hint("sleepmin data install")
        if not path.exists():
            raise DatabaseMissing(str(path))
        self.path = path
        try:
            self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        except sqlite3.Error as exc:
            raise unreadable_database(path, f"cannot be opened ({exc})") from None
        try:
            meta = dict(self._conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error as exc:
            self._conn.close()
            if "no such table" in str(exc) or "not a database" in str(exc):
                raise unreadable_database(
                    path, "is not a sleepmin food database (or it is damaged)"
                ) from None
            raise unreadable_database(path, f"cannot be read ({exc})") from None
        version = str(meta.get("schema_version", "0"))
        found = int(version) if version.isascii() and version.isdigit() else 0
        if found != SCHEMA_VERSION:
            self._conn.close()
            raise DatabaseOutdated(str(path), found, SCHEMA_VERSION)
        self._meta = meta
        self._search: FoodSearch | None = None
        self._by_row: dict[int, StoredFood] = {}  # foods are immutable once installed
        self._by_id: dict[tuple[str, str], StoredFood] = {}  # get() by (kind, digits)
        self._lock = threading.RLock()

    def __enter__(self) -> FoodDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    # -- lookups ---------------------------------------------------------------------------

    def get(self, food_id: str | int) -> StoredFood:
        """A food by NDB number (``11457``, ``9040``), FDC id, or ``ndb:``/``fdc:`` prefixed id.

        Anything else (``-1``, ``1e5``, digits beyond any id, other scripts' digits) is simply
        not found: :class:`FoodNotFound`, never a crash."""
        text = str(food_id).strip().lower()
        prefix, colon, rest = text.partition(":")
        kind = prefix if colon and prefix in ("ndb", "fdc") else ""
        digits = rest.strip() if kind else text
        found = None
        if _ID_DIGITS.fullmatch(digits):
            digits = digits.lstrip("0") or "0"
            if len(digits) <= _MAX_ID_DIGITS:
                found = self._by_id.get((kind, digits))
                if found is None:
                    with self._reading():
                        found = self._lookup(kind, digits)
                    if found is not None and len(self._by_id) < _CACHED_IDS:
                        self._by_id[(kind, digits)] = found
        if found is None:
            raise FoodNotFound(str(food_id)[:80])
        return found

    def _lookup(self, kind: str, digits: str) -> StoredFood | None:
        if kind == "ndb":
            return self._by_ndb(digits)
        if kind == "fdc":
            return self._by_fdc(digits)
        # NDB numbers are up to 5 digits (SR), FDC ids 6 or more: try the likelier first.
        if len(digits) <= 5:
            return self._by_ndb(digits) or self._by_fdc(digits)
        return self._by_fdc(digits) or self._by_ndb(digits)

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """One reader of the connection at a time (a web server shares one database between
        its threads), and a damaged database file is a clear error, not a traceback."""
        with self._lock:
            try:
                yield
            except sqlite3.Error as exc:
                raise unreadable_database(self.path, f"cannot be read ({exc})") from None

    def get_by_row_id(self, row_id: int) -> StoredFood:
        cached = self._by_row.get(row_id)
        if cached is not None:
            return cached
        with self._reading():
            found = self._fetch("id = ?", row_id)
        if found is None:
            raise FoodNotFound(str(row_id))
        self._by_row[row_id] = found
        return found

    def _by_ndb(self, text: str) -> StoredFood | None:
        # Foundation foods may reuse an SR number; the SR food is the one people mean.
        return self._fetch(
            "ndb_number = ? ORDER BY release NOT IN ('sr28-abbrev', 'fdc-sr_legacy_food'), id",
            normalise_ndb_number(text),
        )

    def _by_fdc(self, text: str) -> StoredFood | None:
        return self._fetch("fdc_id = ?", int(text))

    def _fetch(self, where: str, value: object) -> StoredFood | None:
        row = self._conn.execute(f"SELECT * FROM foods WHERE {where}", (value,)).fetchone()
        if row is None:
            return None
        portions = [
            Portion(desc, grams)
            for desc, grams in self._conn.execute(
                "SELECT description, grams FROM portions WHERE food_id = ? ORDER BY seq", (row[0],)
            )
        ]
        return StoredFood(row[0], _food_from_row(row, portions))

    # -- search ----------------------------------------------------------------------------

    @property
    def searcher(self) -> FoodSearch:
        if self._search is not None:
            return self._search
        with self._lock:  # built once, even when two threads ask at the same time
            return self._built_search()

    def _built_search(self) -> FoodSearch:
        if self._search is None:
            # ~100k objects are made at once: the collector would walk them again and again
            was_enabled = gc.isenabled()
            gc.disable()
            try:
                self._search = self._build_search()
            finally:
                if was_enabled:
                    gc.enable()
            # The index is long-lived and never freed: keep the cyclic garbage collector from
            # walking its ~100k objects on every full collection (measured 26 ms pauses).
            gc.freeze()
        return self._search

    def _build_search(self) -> FoodSearch:
        with self._reading():
            rows = self._conn.execute(
                "SELECT id, description, common_names, food_group, in_survey, manufacturer, "
                "(SELECT count(*) FROM portions WHERE food_id = foods.id), fndds_ingredient "
                "FROM foods ORDER BY id"
            )
            return FoodSearch(
                SearchDocument(
                    id_,
                    desc,
                    common or "",
                    group or "",
                    bool(survey),
                    bool(manuf),
                    n,
                    fndds_ingredient=bool(fndds),
                )
                for id_, desc, common, group, survey, manuf, n, fndds in rows
            )

    def search(self, query: str, limit: int = 10) -> list[tuple[SearchHit, StoredFood]]:
        hits = self.searcher.search(query, limit)
        return [(hit, self.get_by_row_id(hit.doc_id)) for hit in hits]

    def search_hits(
        self, query: str, limit: int = 10, *, whole_words: bool = False
    ) -> list[SearchHit]:
        """Ranked hits without loading the foods: fetch only those needed, by row id."""
        return self.searcher.search(query, limit, whole_words=whole_words)

    def knows(self, word: str) -> bool:
        """Whether a word is in the vocabulary of the food descriptions."""
        return self.searcher.knows(word)

    def document(self, row_id: int) -> SearchDocument:
        """What the search knows of a food (description, group, survey and FNDDS ingredient
        flags, measures)."""
        return self.searcher.document(row_id)

    @property
    def connection(self) -> sqlite3.Connection:
        return self._conn

    # -- status ----------------------------------------------------------------------------

    def status(self) -> DatabaseStatus:
        with self._reading():
            return self._status()

    def _status(self) -> DatabaseStatus:
        releases = tuple(
            (Release(key, name, version, count), count)
            for key, name, version, count in self._conn.execute(
                "SELECT key, name, version, food_count FROM releases ORDER BY key"
            )
        )
        foods = self._conn.execute("SELECT count(*) FROM foods").fetchone()[0]
        portions = self._conn.execute("SELECT count(*) FROM portions").fetchone()[0]
        counts_sql = ", ".join(f"count({c})" for c in NUTRIENT_COLUMNS)
        counts = self._conn.execute(f"SELECT {counts_sql} FROM foods").fetchone()
        return DatabaseStatus(
            path=self.path,
            schema_version=int(self._meta["schema_version"]),
            installed_at=self._meta.get("installed_at", ""),
            source=self._meta.get("source", ""),
            fingerprint=self._meta.get("fingerprint", ""),
            releases=releases,
            foods=foods,
            portions=portions,
            nutrient_counts=dict(zip(NUTRIENT_COLUMNS, counts, strict=True)),
            fndds_ingredients=self._meta.get("fndds_ingredients", ""),
            fndds_ingredient_foods=_count(self._meta.get("fndds_ingredient_foods", "")),
        )


def _count(text: str) -> int:
    return int(text) if text.isascii() and text.isdigit() else 0


def _food_from_row(row: tuple[object, ...], portions: list[Portion]) -> Food:
    (_, ndb, fdc_id, desc, short, common, group, manuf, survey, fndds, release, *values) = row
    return Food(
        description=str(desc),
        release=str(release),
        ndb_number=ndb if isinstance(ndb, str) else None,
        fdc_id=fdc_id if isinstance(fdc_id, int) else None,
        short_description=short if isinstance(short, str) else None,
        common_names=common if isinstance(common, str) else None,
        food_group=group if isinstance(group, str) else None,
        manufacturer=manuf if isinstance(manuf, str) else None,
        in_survey=bool(survey),
        fndds_ingredient=bool(fndds),
        nutrients={
            n: float(v)
            for n, v in zip(NUTRIENTS, values, strict=True)
            if isinstance(v, (int, float))
        },
        portions=portions,
    )
