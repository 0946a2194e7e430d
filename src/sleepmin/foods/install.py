"""Installing USDA releases into the food database: checked, built beside the old database and
swapped in only when complete, so an interrupted or failed import leaves the previous database
as it was. Installing the same release again (same file checksums) does nothing unless forced.

Apart from ``sleepmin.foods.database`` (reading), so a command that only reads foods never loads
the release readers and the download code.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import os
import shutil
import sqlite3
from pathlib import Path, PurePosixPath

from sleepmin.errors import (
    MalformedRelease,
    OutputError,
    UnrecognisedSource,
)
from sleepmin.foods.database import (
    NUTRIENT_COLUMNS,
    NUTRIENTS,
    SCHEMA_SQL,
    SCHEMA_VERSION,
    InstallResult,
    connect_read_only,
    read_status,
)
from sleepmin.foods.fdc_csv import (
    FdcFiles,
    find_fdc_releases,
    read_fdc_release,
    read_fndds_ingredient_codes,
)
from sleepmin.foods.model import Food, ProgressCallback, Release
from sleepmin.foods.sources import (
    FNDDS_INGREDIENT_TABLE,
    SourceTree,
    SupportingTable,
    find_supporting_table,
    missing_companion,
    open_source,
    write_error,
)
from sleepmin.foods.sr28 import KNOWN_REVISIONS, SR28Files, find_sr28, read_sr28
from sleepmin.version import __version__


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
            "move that folder away, or choose another data directory",
        ).with_cli_hint("--data-dir DIR")
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(db_path.parent, exc) from None
    if not db_path.parent.is_dir():
        raise OutputError(
            str(db_path.parent),
            "it is a file, not a folder",
            "choose another data directory (SLEEPMIN_DATA_DIR)",
        ).with_cli_hint("--data-dir DIR")
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
        conn.executescript(SCHEMA_SQL)
        conn.executemany(
            "INSERT INTO releases VALUES (?, ?, ?, ?)",
            [(r.key, r.name, r.version, r.foods) for r in releases],
        )
        placeholders = ", ".join("?" for _ in range(11 + len(NUTRIENT_COLUMNS)))
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
                    *map(food.nutrients.get, NUTRIENTS),
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
        with connect_read_only(db_path) as conn:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error:
        return None
    if meta.get("schema_version") != str(SCHEMA_VERSION):
        return None
    return meta.get("fingerprint")
