"""Opening the store: SQLite in the data directory by default, PostgreSQL when ``DATABASE_URL``
is set; migrated to the current schema (Alembic) when opened; one transaction per unit of work.

A unit of work commits only when its block ends without an error, so a failure, a full disk or
a killed process leaves the store as it was before the block (SQLite's journal and PostgreSQL's
transactions make the commit all or nothing).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from sleepmin.errors import StoreError
from sleepmin.paths import data_dir

DATABASE_URL_ENV = "DATABASE_URL"
STORE_FILE = "people.sqlite"
HEAD_REVISION = "0006"
"""The newest migration: a store at another revision is migrated when opened."""


def store_url(override_dir: str | os.PathLike[str] | None = None) -> str:
    """$DATABASE_URL, else SQLite in the data directory (``people.sqlite``)."""
    url = os.environ.get(DATABASE_URL_ENV, "").strip()
    if url:
        return url
    return f"sqlite:///{Path(data_dir(override_dir)) / STORE_FILE}"


_SECRET_KEYS = ("password", "passwd", "sslpassword", "sslkey", "passfile")


def shown_url(url: str) -> str:
    """The URL as messages show it: never a password (in the user part, in the query, or in a
    keyword string that is not a URL at all)."""
    if "://" not in url:
        return "given by DATABASE_URL (not a URL, so not shown)"
    try:
        parsed = make_url(url)
        query = {k: ("***" if k.lower() in _SECRET_KEYS else v) for k, v in parsed.query.items()}
        return str(parsed.set(query=query).render_as_string(hide_password=True))
    except (ArgumentError, ValueError, TypeError):
        scheme = url.split("://", 1)[0]
        return f"{scheme}://... (not a valid URL, so not shown)"


def _engine_url(url: str) -> str:
    """PostgreSQL through psycopg 3 (``postgresql://`` and ``postgres://`` name it)."""
    return re.sub(r"^postgres(?:ql)?://", "postgresql+psycopg://", url)


class Store:
    """A store of people's data at one URL. Open it once; each ``unit()`` is a transaction."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.where = shown_url(url)
        try:
            parsed = make_url(_engine_url(url))
        except (ArgumentError, ValueError):
            raise StoreError(
                self.where,
                "is not a database URL",
                f"set {DATABASE_URL_ENV} to e.g. postgresql://user:password@host/sleepmin, or "
                "unset it to use SQLite in the data directory",
            ) from None
        self.dialect = parsed.get_backend_name()
        if self.dialect == "postgresql" and parsed.get_driver_name() != "psycopg":
            raise StoreError(
                self.where,
                f"names the {parsed.get_driver_name()} driver; sleepmin uses psycopg",
                "write the URL as postgresql://user:password@host/database",
            )
        if self.dialect not in ("sqlite", "postgresql"):
            raise StoreError(
                self.where,
                f"uses {self.dialect}, which sleepmin does not support",
                "use PostgreSQL (postgresql://...) or leave DATABASE_URL unset for SQLite",
            )
        database = str(parsed.database or "")
        if self.dialect == "sqlite" and database in ("", ":memory:"):
            raise StoreError(
                self.where,
                "is in memory, so it would keep nothing past this command",
                "give a file (sqlite:////absolute/path/people.sqlite), or unset DATABASE_URL",
            )
        is_file = not database.startswith("file:")
        if self.dialect == "sqlite" and is_file:  # (a file: URI names its own, existing file)
            folder = Path(database).parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    self.where,
                    f"cannot be created: its folder {folder} cannot be made ({exc.strerror})",
                    "set SLEEPMIN_DATA_DIR (or --data-dir) to a folder you can write to",
                ) from None
            _private_file(Path(database))
        try:
            self.engine: Engine = create_engine(parsed, future=True)
        except (NoSuchModuleError, ModuleNotFoundError):
            raise StoreError(
                self.where,
                "needs the PostgreSQL driver, which is not installed",
                "install it with `pip install 'sleepmin[postgres]'` (psycopg)",
            ) from None
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        try:
            self._migrate()
        except BaseException:
            self.engine.dispose()  # no connection is left open behind an error
            raise

    # -- schema ---------------------------------------------------------------------------

    def revision(self) -> str | None:
        """The schema revision the store is at (None: empty, no tables yet)."""
        with self._connection() as conn:
            return _at(conn)

    def _migrate(self) -> None:
        if self.revision() == HEAD_REVISION:
            return
        self.upgrade("head")

    def upgrade(self, revision: str = "head") -> None:
        self._alembic("upgrade", revision)

    def downgrade(self, revision: str) -> None:
        self._alembic("downgrade", revision)

    def _alembic(self, command_name: str, revision: str) -> None:
        from alembic import command  # noqa: PLC0415 - loaded only when the schema changes
        from alembic.config import Config  # noqa: PLC0415

        config = Config()
        config.set_main_option(
            "script_location", str(resources.files("sleepmin.store").joinpath("migrations"))
        )
        from alembic.util import CommandError  # noqa: PLC0415

        try:
            with (
                self.engine.connect().execution_options(lock_for_schema=True) as conn,
                conn.begin(),
            ):
                self._lock_schema(conn)
                if command_name == "upgrade" and revision == "head" and _at(conn) == HEAD_REVISION:
                    return  # another process migrated it while this one waited
                config.attributes["connection"] = conn
                getattr(command, command_name)(config, revision)
        except DBAPIError as exc:
            raise self._error(exc) from None
        except CommandError as exc:
            raise StoreError(
                self.where,
                f"has a schema this sleepmin does not know ({exc}); it was made by a newer one",
                "upgrade sleepmin (pip install -U sleepmin), or use another DATABASE_URL",
            ) from None

    def _lock_schema(self, conn: Any) -> None:
        """One migration at a time: two commands (or web workers) opening a new store together
        would both create its tables."""
        if self.dialect == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(72657371)"))
        # SQLite: the transaction began with BEGIN IMMEDIATE (_sqlite_begin), the write lock

    # -- units of work ---------------------------------------------------------------------

    @contextmanager
    def unit(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back on any error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except DBAPIError as exc:
            session.rollback()
            raise self._error(exc) from None
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except DBAPIError as exc:
            raise self._error(exc) from None

    def _error(self, exc: DBAPIError) -> StoreError:
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        if "full" in detail.lower() or "no space" in detail.lower():
            return StoreError(
                self.where,
                f"is full ({detail}); nothing of this change was written",
                "free some space and try again",
            )
        if "readonly" in detail.lower().replace("-", "").replace(" ", ""):
            return StoreError(
                self.where,
                f"cannot be written ({detail}); nothing of this change was written",
                "check the folder's permissions, or set SLEEPMIN_DATA_DIR to another folder",
            )
        return StoreError(
            self.where,
            f"cannot be used ({detail})",
            f"check {DATABASE_URL_ENV} (or the data directory) and that the database is running",
        )

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _at(conn: Any) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return None if row is None else str(row[0])


def _private_file(path: Path) -> None:
    """A new store file readable by its owner only: it holds health data."""
    if path.exists():
        return
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    except OSError as exc:
        raise StoreError(
            str(path),
            f"cannot be created ({exc.strerror})",
            "set SLEEPMIN_DATA_DIR (or --data-dir) to a folder you can write to",
        ) from None


def _sqlite_begin(conn: Any) -> None:
    """Python's sqlite3 would begin a transaction only before a row is written, so a schema
    change would run outside any: sleepmin begins every transaction itself, with the write
    lock taken at once. Two commands then wait for each other (busy_timeout) instead of one
    failing when its read turns into a write ("database is locked")."""
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    dbapi_connection.isolation_level = None  # transactions are begun by _sqlite_begin
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")  # ON DELETE CASCADE: a person's rows go with them
    cursor.execute("PRAGMA busy_timeout=5000")  # wait for another writer instead of failing
    cursor.execute("PRAGMA secure_delete=ON")  # deleted rows are overwritten, not left in pages
    cursor.close()


def open_store(override_dir: str | os.PathLike[str] | None = None) -> Store:
    """The store at $DATABASE_URL, else in the data directory; wrapped errors name the fix."""
    try:
        return Store(store_url(override_dir))
    except SQLAlchemyError as exc:
        raise StoreError(
            shown_url(store_url(override_dir)),
            f"cannot be opened ({str(exc).splitlines()[0]})",
            f"check {DATABASE_URL_ENV} and that the database is running",
        ) from None
