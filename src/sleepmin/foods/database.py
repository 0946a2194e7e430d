"""The food database: built from USDA releases into SQLite, atomically, and read back.

An install builds a complete new file beside the old one and swaps it in with ``os.replace``
only when every row is written, so an interrupted or failed import leaves the previous database
as it was. Installing the same release again (same file checksums) does nothing unless forced.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import gc
import hashlib
import os
import re
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sleepmin.errors import (
    DatabaseMissing,
    DatabaseOutdated,
    FoodNotFound,
    InvalidInput,
    MalformedRelease,
    OutputError,
    UnrecognisedSource,
)
from sleepmin.foods.fdc_csv import (
    FdcFiles,
    find_fdc_releases,
    read_fdc_release,
    read_fndds_ingredient_codes,
)
from sleepmin.foods.model import Food, Portion, Release, normalise_ndb_number
from sleepmin.foods.search import FoodSearch, SearchDocument, SearchHit
from sleepmin.foods.sources import (
    FNDDS_INGREDIENT_TABLE,
    ProgressCallback,
    SourceTree,
    SupportingTable,
    find_supporting_table,
    missing_companion,
    open_source,
    write_error,
)
from sleepmin.foods.sr28 import KNOWN_REVISIONS, SR28Files, find_sr28, read_sr28
from sleepmin.nutrients import Nutrient
from sleepmin.version import __version__

SCHEMA_VERSION = 3  # 2: retinol_ug (preformed vitamin A) added; 3: fndds_ingredient added
_NUTRIENTS = tuple(Nutrient)
_NUTRIENT_COLUMNS = [n.value for n in _NUTRIENTS]

_SCHEMA = f"""
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
    {", ".join(f"{c} REAL" for c in _NUTRIENT_COLUMNS)}
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


def install(
    source: str,
    db_path: Path,
    cache_dir: Path,
    *,
    force: bool = False,
    partial: bool = False,
    progress: ProgressCallback | None = None,
) -> InstallResult:
    """Import the USDA release(s) found in ``source`` into the SQLite file ``db_path``.

    The release is checked against its documented shape and refused, naming the file, if it
    breaks it (see :func:`~sleepmin.foods.sr28.read_sr28`); ``partial`` accepts a part of a
    release imported on purpose (its record counts are not compared with USDA's). Any failure
    leaves the database that was there before as it was.

    Where the source holds FNDDS's ingredient table (``fndds_ingredient_nutrient_value.csv``, in
    the source or in a FoodData Central supporting-data zip in a source folder; for the default
    download, fetched beside it), each food it lists is flagged ``fndds_ingredient``. Without
    it every flag is 0; a failed extra download is a line of ``notices``, not an error.
    """
    _prepare_target(db_path)
    notices: list[str] = []
    with (
        open_source(source, cache_dir, progress) as tree,
        find_supporting_table(
            tree, FNDDS_INGREDIENT_TABLE, source, cache_dir, notices, progress
        ) as fndds,
    ):
        sr28 = find_sr28(tree)
        fdc = find_fdc_releases(tree)
        if sr28 is None and not fdc:
            raise UnrecognisedSource(
                source, "ABBREV.txt, FOOD_DES.txt+NUT_DATA.txt, or food.csv+food_nutrient.csv"
            )
        used = (sr28.all if sr28 else []) + [
            name
            for f in fdc
            for name in tree.names
            if name.startswith(f.folder) and name.endswith(".csv")
        ]
        digests = {name: tree.sha256(name) for name in used}
        if fndds is not None:
            digests[FNDDS_INGREDIENT_TABLE] = fndds.digest
        fingerprint = _fingerprint(digests)
        if not force and _installed_fingerprint(db_path) == fingerprint:
            status = read_status(db_path)
            return InstallResult(
                db_path,
                False,
                status.foods,
                status.portions,
                tuple(r for r, _ in status.releases),
                fingerprint,
                tuple(notices),
            )
        revisions = (
            {name: KNOWN_REVISIONS.get(digests[name], "unknown") for name in sr28.all}
            if sr28
            else {}
        )
        foods, releases = _read_all(tree, sr28, fdc, revisions, progress, partial)
        codes = _read_fndds_ingredients(fndds, partial, notices, progress)
        if fndds is not None and codes is None:  # an extra download that was unreadable
            del digests[FNDDS_INGREDIENT_TABLE]
            fingerprint = _fingerprint(digests)
        flagged = _flag_fndds_ingredients(foods, codes or frozenset())
        meta = {
            "source": tree.label,
            "fndds_ingredients": fndds.where if fndds is not None and codes is not None else "",
            "fndds_ingredient_codes": str(len(codes or ())),
            "fndds_ingredient_foods": str(flagged),
        }
    portions = _write_atomically(db_path, foods, releases, fingerprint, meta, progress)
    return InstallResult(
        db_path, True, len(foods), portions, tuple(releases), fingerprint, tuple(notices)
    )


def _read_fndds_ingredients(
    table: SupportingTable | None,
    partial: bool,
    notices: list[str],
    progress: ProgressCallback | None,
) -> frozenset[str] | None:
    """The NDB numbers of FNDDS's ingredients, or None without the table. A broken table in
    the source is an error; one from an extra download is a notice, and the cached file is
    removed so the next install fetches it again."""
    if table is None:
        return None
    if progress:
        progress("read FNDDS ingredients", 0, None)
    try:
        return read_fndds_ingredient_codes(table.tree, table.name, partial=partial)
    except MalformedRelease as exc:
        if table.download is None:
            raise
        notices.append(missing_companion(FNDDS_INGREDIENT_TABLE, str(exc)))
        with contextlib.suppress(OSError):
            table.download.unlink(missing_ok=True)
        return None


def _flag_fndds_ingredients(foods: list[Food], codes: frozenset[str]) -> int:
    """Flag the foods FNDDS uses as ingredients, by NDB number; how many were flagged."""
    flagged = 0
    for food in foods:
        food.fndds_ingredient = food.ndb_number is not None and food.ndb_number in codes
        flagged += food.fndds_ingredient
    return flagged


IMPORT_CHECKS = 2
"""The version of the checks an install applies (2: record counts, value bounds). A database
built under older checks is rebuilt by the next install, even from the same files."""


def _fingerprint(digests: dict[str, str]) -> str:
    """One checksum over the imported files' names and checksums (and the version of the checks
    they passed): the identity of an install."""
    lines = sorted(
        f"{PurePosixPath(name).name.lower()} {digest}" for name, digest in digests.items()
    )
    lines.append(f"checks {IMPORT_CHECKS}")
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _read_all(
    tree: SourceTree,
    sr28: SR28Files | None,
    fdc: list[FdcFiles],
    revisions: dict[str, str],
    progress: ProgressCallback | None,
    partial: bool,
) -> tuple[list[Food], list[Release]]:
    merged: dict[str, Food] = {}
    releases: list[Release] = []
    batches: list[tuple[list[Food], list[Release]]] = []
    if sr28 is not None:
        if progress:
            progress("read SR28", 0, None)
        batches.append(read_sr28(tree, sr28, revisions, partial=partial))
    for files in fdc:
        if progress:
            progress("read FoodData Central CSV", 0, None)
        batches.append(read_fdc_release(tree, files, progress, partial=partial))
    for foods, batch_releases in batches:
        releases.extend(batch_releases)
        for food in foods:
            earlier = merged.get(food.key)
            # The same food in two releases (SR28 and SR Legacy): the later one read wins,
            # keeping whichever ids the earlier one knew.
            if earlier is not None:
                food.ndb_number = food.ndb_number or earlier.ndb_number
                food.fdc_id = food.fdc_id or earlier.fdc_id
            merged[food.key] = food
    return list(merged.values()), releases


def _prepare_target(db_path: Path) -> None:
    """Fail before reading anything when the database cannot be written where it goes."""
    if db_path.is_dir():
        raise OutputError(
            str(db_path),
            "it is a folder, not a database file",
            "move that folder away, or choose another data directory with --data-dir",
        )
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(db_path.parent, exc) from None
    if not db_path.parent.is_dir():
        raise OutputError(
            str(db_path.parent),
            "it is a file, not a folder",
            "choose another data directory with --data-dir or SLEEPMIN_DATA_DIR",
        )
    if not os.access(db_path.parent, os.W_OK):
        raise write_error(db_path, PermissionError(errno.EACCES, "permission denied"))


def _write_atomically(
    db_path: Path,
    foods: list[Food],
    releases: list[Release],
    fingerprint: str,
    meta: dict[str, str],
    progress: ProgressCallback | None,
) -> int:
    """Build the new database beside the old one and swap it in only when it is complete and
    on disk: a full disk, a read-only folder or a kill leaves the old database as it was."""
    _prepare_target(db_path)
    _remove_abandoned_builds(db_path)
    building = db_path.with_name(f"{db_path.name}.building-{os.getpid()}")
    try:
        building.unlink(missing_ok=True)
        portions = _write(building, foods, releases, fingerprint, meta, progress)
        _check_built(building, len(foods), portions)
        os.replace(building, db_path)
    except OutputError:
        raise
    except sqlite3.Error as exc:
        raise _sqlite_write_error(db_path, exc) from None
    except OSError as exc:
        raise write_error(db_path, exc) from None
    finally:
        with contextlib.suppress(OSError):
            building.unlink(missing_ok=True)
    return portions


def _sqlite_write_error(db_path: Path, exc: sqlite3.Error) -> OutputError:
    """SQLite's reason for a failed write, in plain words."""
    name = getattr(exc, "sqlite_errorname", "")
    folder = db_path.parent
    if name == "SQLITE_FULL" or _nearly_full(folder):
        return write_error(db_path, OSError(errno.ENOSPC, "disk full"))
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM")) or not os.access(
        folder, os.W_OK
    ):
        return write_error(db_path, OSError(errno.EACCES, "permission denied"))
    if name.startswith("SQLITE_IOERR"):
        return OutputError(
            str(db_path),
            "writing failed (a disk error, a full disk or a file-size limit)",
            "check that the disk has free space and works, then try again; "
            "the previous database is unchanged",
        )
    return OutputError(str(db_path), str(exc), "try again; the previous database is unchanged")


def _nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < (16 << 20)
    except OSError:
        return False


def _check_built(path: Path, foods: int, portions: int) -> None:
    """Read the new file back before it replaces the old one."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found = conn.execute(
            "SELECT (SELECT count(*) FROM foods), (SELECT count(*) FROM portions)"
        ).fetchone()
    finally:
        conn.close()
    if tuple(found) != (foods, portions):
        raise OutputError(
            str(path),
            f"the new database reads back {found[0]:,} foods instead of {foods:,}",
            "check the disk, then try again; the previous database is unchanged",
        )


def _remove_abandoned_builds(db_path: Path) -> None:
    """Delete half-built files left by an import that was killed."""
    for leftover in db_path.parent.glob(f"{db_path.name}.building-*"):
        pid_text = leftover.name.rsplit("-", 1)[-1]
        if pid_text.isdigit() and _process_alive(int(pid_text)):
            continue
        with contextlib.suppress(OSError):  # not ours to remove: leave it
            leftover.unlink(missing_ok=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _write(
    path: Path,
    foods: list[Food],
    releases: list[Release],
    fingerprint: str,
    extra_meta: dict[str, str],
    progress: ProgressCallback | None,
) -> int:
    conn = sqlite3.connect(path)
    try:
        conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
        conn.executescript(_SCHEMA)
        conn.executemany(
            "INSERT INTO releases VALUES (?, ?, ?, ?)",
            [(r.key, r.name, r.version, r.foods) for r in releases],
        )
        placeholders = ", ".join("?" for _ in range(11 + len(_NUTRIENT_COLUMNS)))
        portion_rows: list[tuple[int, int, str, float]] = []
        food_rows = []
        for food_id, food in enumerate(foods, start=1):
            food_rows.append(
                (
                    food_id,
                    food.ndb_number,
                    food.fdc_id,
                    food.description,
                    food.short_description,
                    food.common_names,
                    food.food_group,
                    food.manufacturer,
                    int(food.in_survey),
                    int(food.fndds_ingredient),
                    food.release,
                    *map(food.nutrients.get, _NUTRIENTS),
                )
            )
            portion_rows.extend(
                (food_id, seq, p.description, p.grams) for seq, p in enumerate(food.portions, 1)
            )
            if progress and food_id % 2000 == 0:
                progress("write", food_id, len(foods))
        conn.executemany(f"INSERT INTO foods VALUES ({placeholders})", food_rows)
        conn.executemany("INSERT INTO portions VALUES (?, ?, ?, ?)", portion_rows)
        meta = {
            **extra_meta,
            "schema_version": str(SCHEMA_VERSION),
            "fingerprint": fingerprint,
            "installed_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "sleepmin_version": __version__,
        }
        conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        conn.commit()
        if progress:
            progress("write", len(foods), len(foods))
    finally:
        conn.close()
    with path.open("rb+") as handle:  # the bytes are on disk before the swap
        os.fsync(handle.fileno())
    return len(portion_rows)


def _installed_fingerprint(db_path: Path) -> str | None:
    if not db_path.is_file():
        return None
    try:
        with _connect(db_path) as conn:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error:
        return None
    if meta.get("schema_version") != str(SCHEMA_VERSION):
        return None
    return meta.get("fingerprint")


@contextlib.contextmanager
def _connect(db_path: Path) -> Iterator[sqlite3.Connection]:
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
        "run `sleepmin data install --force` to rebuild it (or use another --data-dir)",
    )


class FoodDatabase:
    """Read access to an installed food database, with search."""

    def __init__(self, path: Path) -> None:
        if path.is_dir():
            raise InvalidInput(
                f"the food database path {path}",
                "is a folder, not a database file",
                "move that folder away and run `sleepmin data install`, or use another --data-dir",
            )
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
                with self._reading():
                    found = self._lookup(kind, digits)
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
        """A damaged database file is a clear error, not a traceback."""
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
        if self._search is None:
            with self._reading():
                rows = self._conn.execute(
                    "SELECT id, description, common_names, food_group, in_survey, manufacturer, "
                    "(SELECT count(*) FROM portions WHERE food_id = foods.id), fndds_ingredient "
                    "FROM foods ORDER BY id"
                )
                self._search = FoodSearch(
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
            # The index is long-lived and never freed: keep the cyclic garbage collector from
            # walking its ~100k objects on every full collection (measured 26 ms pauses).
            gc.freeze()
        return self._search

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
        counts_sql = ", ".join(f"count({c})" for c in _NUTRIENT_COLUMNS)
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
            nutrient_counts=dict(zip(_NUTRIENT_COLUMNS, counts, strict=True)),
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
            for n, v in zip(_NUTRIENTS, values, strict=True)
            if isinstance(v, (int, float))
        },
        portions=portions,
    )
