"""The store on SQLite and PostgreSQL alike: migrations up and down, people and their rows,
pins per person, complete export and delete, and transactions that leave nothing half-written
(an error, a full disk, a killed process)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sleepmin.errors import InvalidInput, PersonExists, PersonNotFound, StoreError
from sleepmin.store import people as rows
from sleepmin.store.db import HEAD_REVISION, Store
from sleepmin.store.tables import PERSON_TABLES, Base

ALEX = rows.Profile(34.0, "female", diet="vegetarian")
SAM = rows.Profile(61.0, "male")


def _fill(store: Store, name: str, profile: rows.Profile) -> None:
    """A person with a row of every kind."""
    with store.unit() as session:
        person = rows.add_person(session, name, profile)
        rows.save_answers(session, person, {"profile": {"age": 34, "sex": "female"}})
        rows.add_log_lines(
            session,
            person,
            [
                rows.LoggedLine(
                    dt.date(2026, 11, 25),
                    "2 bananas",
                    "matched",
                    "09040",
                    "Bananas, raw",
                    236.0,
                    False,
                ),
                rows.LoggedLine(
                    dt.date(2026, 11, 25), "some stew", "ambiguous", None, None, None, False
                ),
            ],
            "log add",
        )
        rows.remember_pins(session, person, {"rice": "20045", "stew": "15167"})
        rows.add_supplement(session, person, "magnesium glycinate 200 mg")
        rows.add_labs(
            session, person, [rows.StoredLab("ferritin", 28.0, "ng/mL", "2026-11-01", "labs.csv")]
        )
        rows.save_assessment(session, person, {"minerals": [], "not_a_diagnosis": "..."})
        rows.save_plan(session, person, {"kcal": 1800}, {"feasible": True, "foods": []})
        rows.save_night(
            session,
            person,
            {
                "night": dt.date(2026, 11, 24),
                "bed_time": "23:00",
                "try_time": "23:30",
                "final_wake": "06:30",
                "out_of_bed": "07:00",
                "time_zone": "Europe/Berlin",
                "sol_min": 20.0,
                "awakenings": 2,
                "waso_min": 40.0,
                "quality": 3,
                "naps_min": None,
                "caffeine": None,
                "alcohol": None,
                "notes": "",
                "source": "diary add",
            },
        )


def test_a_new_store_is_at_the_newest_revision_and_matches_the_tables(store: Store) -> None:
    assert store.revision() == HEAD_REVISION
    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert differences == [], differences


def test_migrations_go_down_and_up_again(store: Store) -> None:
    _fill(store, "alex", ALEX)
    store.downgrade("base")
    assert store.revision() is None
    tables = set(sqlalchemy.inspect(store.engine).get_table_names()) - {"alembic_version"}
    assert tables == set()
    store.upgrade()
    assert store.revision() == HEAD_REVISION
    with store.unit() as session:
        assert rows.names(session) == []


def test_opening_an_existing_store_keeps_its_data(store_url: str) -> None:
    with Store(store_url) as first:
        _fill(first, "alex", ALEX)
    with Store(store_url) as again, again.unit() as session:
        person = rows.get_person(session, "alex")
        assert rows.counts(session, person) == {
            "answers": 1,
            "log_entries": 2,
            "pins": 2,
            "supplements": 1,
            "lab_results": 1,
            "assessments": 1,
            "diary_nights": 1,
            "plans": 1,
        }


def test_people_are_named_once_and_found_by_name(store: Store) -> None:
    with store.unit() as session:
        rows.add_person(session, "  alex  ", ALEX)  # kept trimmed
    with pytest.raises(PersonExists), store.unit() as session:
        rows.add_person(session, "alex", SAM)
    with pytest.raises(PersonNotFound) as missing, store.unit() as session:
        rows.get_person(session, "bob")
    assert "alex" not in str(missing.value)  # whose data is kept is never told
    with store.unit() as session:
        assert rows.names(session) == ["alex"]
        assert rows.profile_of(rows.get_person(session, "alex")) == ALEX


@pytest.mark.parametrize(
    "name",
    ["", "   ", "a\nb", "tab\there", "x" * 81, "\x00", "al\u200bex", "\u202exela", "a\u2028b"],
)
def test_a_name_that_cannot_be_kept_is_refused(store: Store, name: str) -> None:
    with pytest.raises(InvalidInput, match="not a name sleepmin can keep"), store.unit() as s:
        rows.add_person(s, name, ALEX)
    with store.unit() as session:
        assert rows.names(session) == []


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(min_size=1, max_size=90))
def test_any_name_is_kept_exactly_or_refused_clearly(store: Store, name: str) -> None:
    try:
        with store.unit() as session:
            person = rows.add_person(session, name, ALEX)
            kept = person.name
    except (InvalidInput, PersonExists):
        return
    with store.unit() as session:
        assert rows.get_person(session, kept).name == kept
        rows.delete_person(session, rows.get_person(session, kept))


def test_pins_belong_to_one_person(store: Store) -> None:
    _fill(store, "alex", ALEX)
    with store.unit() as session:
        rows.add_person(session, "sam", SAM)
    with store.unit() as session:
        alex, sam = rows.get_person(session, "alex"), rows.get_person(session, "sam")
        assert rows.pins(session, alex) == {"rice": "20045", "stew": "15167"}
        assert rows.pins(session, sam) == {}
        rows.remember_pins(session, sam, {"rice": "20037"})
        rows.remember_pins(session, alex, {"rice": "20444"})  # a new choice replaces the old
    with store.unit() as session:
        assert rows.pins(session, rows.get_person(session, "alex"))["rice"] == "20444"
        assert rows.pins(session, rows.get_person(session, "sam")) == {"rice": "20037"}


def test_the_same_lab_result_twice_is_kept_once(store: Store) -> None:
    _fill(store, "alex", ALEX)
    again = rows.StoredLab("ferritin", 28.0, "ng/mL", "2026-11-01", "other.csv")
    later = rows.StoredLab("ferritin", 31.0, "ng/mL", "2026-12-01", "other.csv")
    with store.unit() as session:
        person = rows.get_person(session, "alex")
        assert rows.add_labs(session, person, [again, later, later]) == 1
        assert [(r.value, r.taken_on) for r in rows.labs(session, person)] == [
            (28.0, "2026-11-01"),
            (31.0, "2026-12-01"),
        ]


def test_export_holds_every_row_of_the_person(store: Store) -> None:
    _fill(store, "alex", ALEX)
    _fill(store, "sam", SAM)
    with store.unit() as session:
        exported = rows.export(session, rows.get_person(session, "alex"))
    assert exported["name"] == "alex" and exported["profile"]["diet"] == "vegetarian"
    assert [line["line"] for line in exported["food_log"]] == ["2 bananas", "some stew"]
    assert exported["pins"] == {"rice": "20045", "stew": "15167"}
    assert exported["supplements"][0]["text"] == "magnesium glycinate 200 mg"
    assert exported["labs"][0] | {"added_at": ""} == {
        "test": "ferritin",
        "value": 28.0,
        "unit": "ng/mL",
        "date": "2026-11-01",
        "source": "labs.csv",
        "added_at": "",
    }
    assert len(exported["answers"]) == 1 and len(exported["assessments"]) == 1
    kinds = {"answers", "food_log", "pins", "supplements", "labs", "assessments", "diary", "plans"}
    assert len(kinds) == len(PERSON_TABLES)  # a new table must be exported too
    assert kinds <= set(exported)


def test_delete_removes_every_row_of_the_person_and_nothing_else(store: Store) -> None:
    _fill(store, "alex", ALEX)
    _fill(store, "sam", SAM)
    with store.unit() as session:
        alex_id = rows.get_person(session, "alex").id
        removed = rows.delete_person(session, rows.get_person(session, "alex"))
    assert removed == {
        "answers": 1,
        "log_entries": 2,
        "pins": 2,
        "supplements": 1,
        "lab_results": 1,
        "assessments": 1,
        "diary_nights": 1,
        "plans": 1,
        "people": 1,
    }
    with store.engine.connect() as conn:
        inspector = sqlalchemy.inspect(conn)
        for table in inspector.get_table_names():
            columns = {c["name"] for c in inspector.get_columns(table)}
            if "person_id" in columns:
                left = conn.execute(
                    sqlalchemy.text(f"SELECT count(*) FROM {table} WHERE person_id = :id"),
                    {"id": alex_id},
                ).scalar_one()
                assert left == 0, table
            if table == "people":
                named = conn.execute(
                    sqlalchemy.text("SELECT count(*) FROM people WHERE name = 'alex'")
                ).scalar_one()
                assert named == 0
    with store.unit() as session:
        sam = rows.get_person(session, "sam")
        assert sum(rows.counts(session, sam).values()) == 10  # sam's rows are all still there


def test_an_error_inside_a_unit_writes_nothing(store: Store) -> None:
    _fill(store, "alex", ALEX)

    class Interrupted(Exception):
        pass

    with pytest.raises(Interrupted), store.unit() as session:
        person = rows.get_person(session, "alex")
        rows.remember_pins(session, person, {"bread": "18069"})
        rows.add_supplement(session, person, "zinc 15 mg")
        session.flush()  # written to the database, not yet committed
        raise Interrupted
    with store.unit() as session:
        person = rows.get_person(session, "alex")
        assert "bread" not in rows.pins(session, person)
        assert rows.supplements(session, person) == ["magnesium glycinate 200 mg"]


_WRITER = textwrap.dedent(
    """
    import datetime as dt, sys, time
    from sleepmin.store import people as rows
    from sleepmin.store.db import Store
    store = Store(sys.argv[1])
    with store.unit() as session:
        person = rows.get_person(session, "alex")
        rows.remember_pins(session, person, {"bread": "18069"})
        lines = [rows.LoggedLine(dt.date(2026, 11, 26), f"line {i}", "matched", "09040",
                                 "Bananas, raw", 118.0, False) for i in range(2000)]
        rows.add_log_lines(session, person, lines, "big import")
        for day in range(1, 200):  # a diary import, and the kept night replaced
            night = dt.date(2026, 11, 24) - dt.timedelta(days=day % 150)
            rows.save_night(session, person, {"night": night,
                "bed_time": "22:00", "try_time": "22:10", "final_wake": "06:00",
                "out_of_bed": "06:10", "time_zone": "UTC", "sol_min": 5.0, "awakenings": 0,
                "waso_min": 0.0, "quality": None, "naps_min": None, "caffeine": None,
                "alcohol": None, "notes": "", "source": "killed import"})
        session.flush()
        print("written, not committed", flush=True)
        time.sleep(60)  # killed here, inside the transaction
    """
)


def test_a_process_killed_mid_write_leaves_the_store_as_it_was(store_url: str) -> None:
    with Store(store_url) as store:
        _fill(store, "alex", ALEX)
        with store.unit() as session:
            before = rows.export(session, rows.get_person(session, "alex"))
    with subprocess.Popen(
        [sys.executable, "-c", _WRITER, store_url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as writer:
        assert writer.stdout is not None
        said = writer.stdout.readline().strip()
        os.kill(writer.pid, signal.SIGKILL)
        _, errors = writer.communicate(timeout=30)
    assert said == "written, not committed", errors
    assert writer.returncode == -signal.SIGKILL
    with Store(store_url) as store, store.unit() as session:
        after = rows.export(session, rows.get_person(session, "alex"))
    assert after == before


def test_a_full_disk_is_a_clear_error_and_writes_nothing(tmp_path: Path) -> None:
    """SQLite's max_page_count makes the database 'full' at its current size."""
    url = f"sqlite:///{tmp_path / 'people.sqlite'}"
    with Store(url) as store:
        _fill(store, "alex", ALEX)
        with store.engine.connect() as conn:
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()

        @sqlalchemy.event.listens_for(store.engine, "connect")
        def _cap(dbapi_connection: object, _record: object) -> None:
            dbapi_connection.execute(f"PRAGMA max_page_count={pages + 1}")  # type: ignore[attr-defined]

        store.engine.dispose()  # new connections get the cap
        lines = [
            rows.LoggedLine(
                dt.date(2026, 11, 26), "x" * 1500 + str(i), "matched", None, None, None, False
            )
            for i in range(300)
        ]
        with pytest.raises(StoreError, match="is full") as full, store.unit() as session:
            rows.add_log_lines(session, rows.get_person(session, "alex"), lines, "big")
        assert "nothing of this change was written" in str(full.value)
    with Store(url) as store, store.unit() as session:
        assert rows.counts(session, rows.get_person(session, "alex"))["log_entries"] == 2


def test_a_bad_database_url_names_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(StoreError, match="is not a database URL"):
        Store("not a url")
    with pytest.raises(StoreError, match="does not support"):
        Store("mysql://user:secret@localhost/db")
    with pytest.raises(StoreError) as refused:
        Store("postgresql://user:secret@127.0.0.1:1/nowhere")
    assert "secret" not in str(refused.value)  # a password is never printed
    assert "check DATABASE_URL" in str(refused.value)


def test_a_read_only_store_is_a_clear_error_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "people.sqlite"
    with Store(f"sqlite:///{path}") as store:
        _fill(store, "alex", ALEX)
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    with Store(read_only) as store:
        with store.unit() as session:  # reading still works
            assert rows.names(session) == ["alex"]
        with pytest.raises(StoreError, match="cannot be written") as refused, store.unit() as s:
            rows.add_person(s, "sam", SAM)
        assert "nothing of this change was written" in str(refused.value)
    with Store(f"sqlite:///{path}") as store, store.unit() as session:
        assert rows.names(session) == ["alex"]


@pytest.mark.parametrize(
    "same", ["Alex", "ALEX", "  alex ", "al\u0065x", "Jos\u00e9|Jose\u0301", "al  ex|al ex"]
)
def test_names_that_look_the_same_are_one_person(store: Store, same: str) -> None:
    first, _, second = same.partition("|")
    second = second or "alex"
    with store.unit() as session:
        rows.add_person(session, first if "|" in same else "alex", ALEX)
    with pytest.raises(PersonExists), store.unit() as session:
        rows.add_person(session, second if "|" in same else first, SAM)
    with store.unit() as session:
        assert len(rows.names(session)) == 1
        assert rows.get_person(session, second if "|" in same else first).age_years == 34


def _at_once(count: int, work: Callable[[], object]) -> list[BaseException | None]:
    """``work`` run by ``count`` threads released together; each one's error or None."""
    barrier = threading.Barrier(count)
    outcomes: list[BaseException | None] = [None] * count

    def run(i: int) -> None:
        barrier.wait()
        try:
            work()
        except BaseException as exc:
            outcomes[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


def test_commands_at_the_same_moment_keep_one_of_each(store_url: str) -> None:
    with Store(store_url) as store:
        _fill(store, "alex", ALEX)

        def keep_supplement() -> None:
            with store.unit() as session:
                rows.add_supplement(session, rows.get_person(session, "alex"), "iron 18 mg")

        assert _at_once(6, keep_supplement) == [None] * 6
        with store.unit() as session:
            kept = rows.supplements(session, rows.get_person(session, "alex"))
        assert kept.count("iron 18 mg") == 1

        def add_sam() -> None:
            with store.unit() as session:
                rows.add_person(session, "sam", SAM)

        outcomes = _at_once(6, add_sam)
        assert outcomes.count(None) == 1
        assert all(isinstance(o, PersonExists) for o in outcomes if o is not None), outcomes

        def pin() -> None:
            with store.unit() as session:
                rows.remember_pins(session, rows.get_person(session, "alex"), {"pie": "15167"})

        assert _at_once(6, pin) == [None] * 6
        with store.unit() as session:
            assert rows.pins(session, rows.get_person(session, "alex"))["pie"] == "15167"


def test_a_new_store_opened_by_several_commands_at_once_is_made_once(store_url: str) -> None:
    opened: list[Store] = []
    lock = threading.Lock()

    def open_it() -> None:
        store = Store(store_url)
        with lock:
            opened.append(store)

    assert _at_once(5, open_it) == [None] * 5
    for store in opened:
        assert store.revision() == HEAD_REVISION
        store.close()


def test_a_store_made_by_a_newer_sleepmin_is_refused_clearly(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.execute(sqlalchemy.text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="made by a newer one"):
        Store(store.url)


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://u@127.0.0.1:1/x?password=TOPSECRET",
        "host=localhost user=u password=TOPSECRET dbname=x",
        "postgresql://u:TOPSECRET@host:abc/x",
        "postgresql://u:TOPSECRET@[::1:5432/x",
        "postgresql+asyncpg://u:TOPSECRET@127.0.0.1:1/x",
        "sqlite://",
        "sqlite:///:memory:",
    ],
)
def test_a_bad_database_url_is_one_clear_error_without_its_password(url: str) -> None:
    with pytest.raises(StoreError) as refused:
        Store(url)
    assert "TOPSECRET" not in str(refused.value)


def test_a_new_sqlite_store_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'people.sqlite'}"):
        pass
    assert (tmp_path / "people.sqlite").stat().st_mode & 0o077 == 0
