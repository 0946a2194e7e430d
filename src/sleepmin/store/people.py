"""Reading and writing one person's rows, inside a unit of work (``Store.unit()``): the only place
that knows the tables. Every function takes the session of the unit it runs in, so a use case
that writes several things writes them in one transaction."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sleepmin.errors import InvalidInput, PersonExists, PersonNotFound
from sleepmin.store.tables import (
    NAME_LENGTH,
    PERSON_TABLES,
    AnswersVersion,
    DiaryNight,
    LabEntry,
    LogEntry,
    Person,
    Pin,
    SavedAssessment,
    SavedPlan,
    SupplementEntry,
)


def _rows_changed(result: object) -> int:
    """How many rows a DELETE or UPDATE changed (a plain Result has no count: 0)."""
    return int(getattr(result, "rowcount", 0) or 0)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def stamp(value: dt.datetime) -> str:
    """A stored time as ISO 8601 in UTC (SQLite gives it back without its zone)."""
    return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat()


@dataclass(frozen=True, slots=True)
class Profile:
    """What the store keeps of who a person is (the targets are computed from it)."""

    age_years: float
    sex: str
    pregnant: bool = False
    lactating: bool = False
    diet: str = "omnivore"
    heavy_periods: bool = False


def check_name(name: str) -> str:
    """A person's name as stored: NFC, spaces collapsed, 1-80 characters, none of them a control,
    format (zero-width, right-to-left override) or line-break character, so two names that look
    the same are the same."""
    cleaned = " ".join(unicodedata.normalize("NFC", name).split(" "))
    cleaned = re.sub(r" {2,}", " ", cleaned).strip(" ")
    hidden = [c for c in cleaned if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs")]
    if not cleaned or len(cleaned) > NAME_LENGTH or hidden or cleaned != cleaned.strip():
        raise InvalidInput(
            f"the name {name[:40]!r}",
            f"is not a name sleepmin can keep (1-{NAME_LENGTH} characters, no control or "
            "invisible characters)",
            "choose a short name or nickname, e.g. alex",
        )
    return cleaned


def name_key(name: str) -> str:
    """How names are compared: "Alex" and "alex" name one person."""
    return unicodedata.normalize("NFC", check_name(name).casefold())


def add_person(session: Session, name: str, profile: Profile) -> Person:
    name = check_name(name)
    key = name_key(name)
    if session.scalar(select(Person.id).where(Person.name_key == key)) is not None:
        raise PersonExists(name)
    when = now()
    person = Person(
        name=name,
        name_key=key,
        age_years=profile.age_years,
        sex=profile.sex,
        pregnant=profile.pregnant,
        lactating=profile.lactating,
        diet=profile.diet,
        heavy_periods=profile.heavy_periods,
        created_at=when,
        updated_at=when,
    )
    session.add(person)
    try:
        session.flush()  # its id, for rows added in the same unit
    except IntegrityError:  # added by another command at the same moment
        session.rollback()
        raise PersonExists(name) from None
    return person


def get_person(session: Session, name: str) -> Person:
    try:
        key = name_key(name)
    except InvalidInput:
        raise PersonNotFound(name) from None
    person = session.scalar(select(Person).where(Person.name_key == key))
    if person is None:
        raise PersonNotFound(name)
    return person


def names(session: Session) -> list[str]:
    return list(session.scalars(select(Person.name).order_by(Person.name)))


def people(session: Session) -> list[Person]:
    return list(session.scalars(select(Person).order_by(Person.name)))


def update_profile(session: Session, person: Person, profile: Profile) -> None:
    person.age_years, person.sex = profile.age_years, profile.sex
    person.pregnant, person.lactating = profile.pregnant, profile.lactating
    person.diet, person.heavy_periods = profile.diet, profile.heavy_periods
    person.updated_at = now()


def profile_of(person: Person) -> Profile:
    return Profile(
        person.age_years,
        person.sex,
        person.pregnant,
        person.lactating,
        person.diet,
        person.heavy_periods,
    )


def delete_person(session: Session, person: Person) -> dict[str, int]:
    """Every row of the person, in every table; how many went from each."""
    removed: dict[str, int] = {}
    for table in PERSON_TABLES:
        result = session.execute(delete(table).where(table.person_id == person.id))
        removed[table.__tablename__] = _rows_changed(result)
    session.delete(person)
    removed["people"] = 1
    return removed


def counts(session: Session, person: Person) -> dict[str, int]:
    return {
        table.__tablename__: int(
            session.scalar(
                select(func.count()).select_from(table).where(table.person_id == person.id)
            )
            or 0
        )
        for table in PERSON_TABLES
    }


# -- pins -----------------------------------------------------------------------------------


def pins(session: Session, person: Person) -> dict[str, str]:
    rows = session.execute(
        select(Pin.phrase, Pin.food_id).where(Pin.person_id == person.id).order_by(Pin.phrase)
    )
    return {str(row[0]): str(row[1]) for row in rows}


def remember_pins(session: Session, person: Person, new: Mapping[str, str]) -> None:
    existing = {p.phrase: p for p in session.scalars(select(Pin).where(Pin.person_id == person.id))}
    for phrase, food_id in new.items():
        if not phrase:
            continue  # a phrase of no words (only symbols) names nothing to pin
        if phrase in existing:
            existing[phrase].food_id = food_id
            continue
        try:
            with session.begin_nested():
                session.add(Pin(person_id=person.id, phrase=phrase, food_id=food_id))
        except IntegrityError:  # pinned by another command at the same moment: this one wins
            session.execute(
                update(Pin)
                .where(Pin.person_id == person.id, Pin.phrase == phrase)
                .values(food_id=food_id)
            )


# -- the food log ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoggedLine:
    day: dt.date
    line: str
    status: str
    food_id: str | None
    description: str | None
    grams: float | None
    pinned: bool
    id: int | None = None  # once kept


def add_log_lines(
    session: Session, person: Person, lines: Iterable[LoggedLine], source: str
) -> list[int]:
    """The lines kept; their ids, in order."""
    when = now()
    added = [
        LogEntry(
            person_id=person.id,
            day=entry.day,
            line=entry.line,
            status=entry.status,
            food_id=entry.food_id,
            description=entry.description,
            grams=entry.grams,
            pinned=entry.pinned,
            source=source,
            added_at=when,
        )
        for entry in lines
    ]
    session.add_all(added)
    session.flush()
    return [row.id for row in added]


def log_entry(session: Session, person: Person, entry_id: int) -> LogEntry | None:
    """One of the person's lines by id; None when there is none of theirs with it."""
    if not 0 < entry_id < 2**62:  # beyond any database's integer: none
        return None
    return session.scalar(
        select(LogEntry).where(LogEntry.id == entry_id, LogEntry.person_id == person.id)
    )


def log_lines(
    session: Session, person: Person, since: dt.date | None = None, until: dt.date | None = None
) -> list[LogEntry]:
    query = select(LogEntry).where(LogEntry.person_id == person.id)
    if since is not None:
        query = query.where(LogEntry.day >= since)
    if until is not None:
        query = query.where(LogEntry.day <= until)
    return list(session.scalars(query.order_by(LogEntry.day, LogEntry.id)))


# -- answers, supplements, labs, assessments -------------------------------------------------


def save_answers(session: Session, person: Person, answers: dict[str, Any]) -> None:
    session.add(AnswersVersion(person_id=person.id, saved_at=now(), answers=answers))


def latest_answers(session: Session, person: Person) -> dict[str, Any] | None:
    row = session.scalar(
        select(AnswersVersion)
        .where(AnswersVersion.person_id == person.id)
        .order_by(AnswersVersion.saved_at.desc(), AnswersVersion.id.desc())
        .limit(1)
    )
    return None if row is None else dict(row.answers)


def add_supplement(session: Session, person: Person, text: str) -> None:
    """Kept once: the same text again (also from another command at the same moment) is not a
    second supplement."""
    if text in supplements(session, person):
        return
    try:
        with session.begin_nested():
            session.add(SupplementEntry(person_id=person.id, text=text, added_at=now()))
    except IntegrityError:
        pass  # another command kept it first


def remove_supplement(session: Session, person: Person, text: str) -> int:
    result = session.execute(
        delete(SupplementEntry).where(
            SupplementEntry.person_id == person.id, SupplementEntry.text == text
        )
    )
    return _rows_changed(result)


def supplements(session: Session, person: Person) -> list[str]:
    rows = session.scalars(
        select(SupplementEntry.text)
        .where(SupplementEntry.person_id == person.id)
        .order_by(SupplementEntry.id)
    )
    return list(rows)


@dataclass(frozen=True, slots=True)
class StoredLab:
    test: str
    value: float
    unit: str
    taken_on: str
    source: str


def add_labs(session: Session, person: Person, results: Iterable[StoredLab]) -> int:
    """New results only: the same test, date, value and unit again is not a second result."""
    have = {
        (r.test, r.taken_on, r.value, r.unit)
        for r in session.scalars(select(LabEntry).where(LabEntry.person_id == person.id))
    }
    when = now()
    added = 0
    for r in results:
        key = (r.test, r.taken_on, r.value, r.unit)
        if key in have:
            continue
        have.add(key)
        session.add(
            LabEntry(
                person_id=person.id,
                test=r.test,
                value=r.value,
                unit=r.unit,
                taken_on=r.taken_on,
                source=r.source,
                added_at=when,
            )
        )
        added += 1
    return added


def labs(session: Session, person: Person) -> list[LabEntry]:
    return list(
        session.scalars(
            select(LabEntry).where(LabEntry.person_id == person.id).order_by(LabEntry.id)
        )
    )


def save_assessment(session: Session, person: Person, report: dict[str, Any]) -> None:
    session.add(SavedAssessment(person_id=person.id, created_at=now(), report=report))


def latest_assessment(session: Session, person: Person) -> dict[str, Any] | None:
    row = session.scalar(
        select(SavedAssessment)
        .where(SavedAssessment.person_id == person.id)
        .order_by(SavedAssessment.created_at.desc(), SavedAssessment.id.desc())
        .limit(1)
    )
    return None if row is None else dict(row.report)


def save_plan(
    session: Session, person: Person, options: dict[str, Any], plan: dict[str, Any]
) -> None:
    session.add(SavedPlan(person_id=person.id, created_at=now(), options=options, plan=plan))


def latest_plan(session: Session, person: Person) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The newest saved plan and the options it was made with, or None."""
    row = session.scalar(
        select(SavedPlan)
        .where(SavedPlan.person_id == person.id)
        .order_by(SavedPlan.created_at.desc(), SavedPlan.id.desc())
        .limit(1)
    )
    return None if row is None else (dict(row.plan), dict(row.options))


def answers_history(session: Session, person: Person) -> list[tuple[dt.datetime, dict[str, Any]]]:
    """Every saved answer set, oldest first, with when it was saved."""
    found = session.scalars(
        select(AnswersVersion)
        .where(AnswersVersion.person_id == person.id)
        .order_by(AnswersVersion.saved_at, AnswersVersion.id)
    )
    return [(row.saved_at, dict(row.answers)) for row in found]


def replace_latest_answers(session: Session, person: Person, answers: dict[str, Any]) -> None:
    """The newest answers changed in place (the questionnaire saving step by step), or kept as
    the first version when there is none."""
    row = session.scalar(
        select(AnswersVersion)
        .where(AnswersVersion.person_id == person.id)
        .order_by(AnswersVersion.saved_at.desc(), AnswersVersion.id.desc())
        .limit(1)
    )
    if row is None:
        save_answers(session, person, answers)
    else:
        row.answers = answers
        row.saved_at = now()


# -- export ---------------------------------------------------------------------------------


def export(session: Session, person: Person) -> dict[str, Any]:
    """Everything stored about the person, as JSON-ready data."""

    when = stamp

    def rows(table: Any, order: Any) -> list[Any]:
        return list(
            session.scalars(select(table).where(table.person_id == person.id).order_by(order))
        )

    return {
        "name": person.name,
        "profile": {
            "age_years": person.age_years,
            "sex": person.sex,
            "pregnant": person.pregnant,
            "lactating": person.lactating,
            "diet": person.diet,
            "heavy_periods": person.heavy_periods,
        },
        "created_at": when(person.created_at),
        "updated_at": when(person.updated_at),
        "answers": [
            {"saved_at": when(a.saved_at), "answers": a.answers}
            for a in rows(AnswersVersion, AnswersVersion.id)
        ],
        "food_log": [
            {
                "date": e.day.isoformat(),
                "line": e.line,
                "status": e.status,
                "food_id": e.food_id,
                "description": e.description,
                "grams": e.grams,
                "pinned": e.pinned,
                "source": e.source,
                "added_at": when(e.added_at),
            }
            for e in rows(LogEntry, LogEntry.id)
        ],
        "pins": {p.phrase: p.food_id for p in rows(Pin, Pin.phrase)},
        "supplements": [
            {"text": s.text, "added_at": when(s.added_at)}
            for s in rows(SupplementEntry, SupplementEntry.id)
        ],
        "labs": [
            {
                "test": r.test,
                "value": r.value,
                "unit": r.unit,
                "date": r.taken_on or None,
                "source": r.source,
                "added_at": when(r.added_at),
            }
            for r in rows(LabEntry, LabEntry.id)
        ],
        "assessments": [
            {"created_at": when(a.created_at), "report": a.report}
            for a in rows(SavedAssessment, SavedAssessment.id)
        ],
        "diary": [
            {
                "date": n.night.isoformat(),
                "bed_time": n.bed_time,
                "try_time": n.try_time,
                "sol_min": n.sol_min,
                "awakenings": n.awakenings,
                "waso_min": n.waso_min,
                "final_wake": n.final_wake,
                "out_of_bed": n.out_of_bed,
                "time_zone": n.time_zone,
                "quality": n.quality,
                "naps_min": n.naps_min,
                "caffeine": n.caffeine,
                "alcohol": n.alcohol,
                "notes": n.notes,
                "medication": n.medication,
                "source": n.source,
                "saved_at": when(n.saved_at),
            }
            for n in rows(DiaryNight, DiaryNight.night)
        ],
        "plans": [
            {"created_at": when(p.created_at), "options": p.options, "plan": p.plan}
            for p in rows(SavedPlan, SavedPlan.id)
        ],
    }


# -- the sleep diary ----------------------------------------------------------------------------


def save_night(session: Session, person: Person, values: dict[str, Any]) -> bool:
    """A night kept; one already kept for that evening is replaced. True when it was new."""
    found = session.scalar(
        select(DiaryNight).where(
            DiaryNight.person_id == person.id, DiaryNight.night == values["night"]
        )
    )
    if found is None:
        session.add(DiaryNight(person_id=person.id, saved_at=now(), **values))
        session.flush()
        return True
    for key, value in values.items():
        setattr(found, key, value)
    found.saved_at = now()
    return False


def diary_nights(
    session: Session, person: Person, since: dt.date | None = None
) -> list[DiaryNight]:
    query = select(DiaryNight).where(DiaryNight.person_id == person.id)
    if since is not None:
        query = query.where(DiaryNight.night >= since)
    return list(session.scalars(query.order_by(DiaryNight.night)))
