"""The store's tables (SQLAlchemy 2): each person, and everything they enter, in rows that name
the person, so that export and delete are complete.

Every row but ``people`` carries ``person_id`` with ON DELETE CASCADE: deleting a person deletes
everything they entered, on SQLite (foreign keys are switched on for every connection) and on
PostgreSQL alike. Changes to these tables come with an Alembic revision in ``migrations/``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Constraint names fixed by convention, so that migrations name them the same on every database.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
NAME_LENGTH = 80
EMAIL_LENGTH = 254
LINE_LENGTH = 2000


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _person_id() -> Mapped[int]:
    return mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)


class Person(Base):
    """Someone whose data is kept: a name they chose and the profile their targets come from."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)
    # the name as compared: NFC, case-folded, spaces collapsed ("Alex" and "alex" are one person)
    name_key: Mapped[str] = mapped_column(String(NAME_LENGTH * 3), unique=True)
    age_years: Mapped[float] = mapped_column(Float)
    sex: Mapped[str] = mapped_column(String(8))
    pregnant: Mapped[bool] = mapped_column(Boolean, default=False)
    lactating: Mapped[bool] = mapped_column(Boolean, default=False)
    diet: Mapped[str] = mapped_column(String(16), default="omnivore")
    heavy_periods: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class AnswersVersion(Base):
    """One saved set of screening answers; the newest is the person's current one, the older
    ones their history."""

    __tablename__ = "answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = _person_id()
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)


class LogEntry(Base):
    """One line of a food log as entered, with the food and grams it was read as then."""

    __tablename__ = "log_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = _person_id()
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    line: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    food_id: Mapped[str | None] = mapped_column(String(24))
    description: Mapped[str | None] = mapped_column(Text)
    grams: Mapped[float | None] = mapped_column(Float)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(200), default="")  # "log add", or a file's name
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Pin(Base):
    """ "This phrase means that food", for one person."""

    __tablename__ = "pins"
    __table_args__ = (UniqueConstraint("person_id", "phrase", name="uq_pins_person_phrase"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = _person_id()
    phrase: Mapped[str] = mapped_column(String(LINE_LENGTH))
    food_id: Mapped[str] = mapped_column(String(24))


class SupplementEntry(Base):
    """A supplement the person takes, as they wrote it ("magnesium glycinate 200 mg")."""

    __tablename__ = "supplements"
    __table_args__ = (UniqueConstraint("person_id", "text", name="uq_supplements_person_text"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = _person_id()
    text: Mapped[str] = mapped_column(String(LINE_LENGTH))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class LabEntry(Base):
    """One blood test result as reported: value and unit as given, never converted."""

    __tablename__ = "lab_results"
    __table_args__ = (
        UniqueConstraint(
            "person_id", "test", "taken_on", "value", "unit", name="uq_lab_results_same_result"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = _person_id()
    taken_on: Mapped[str] = mapped_column(String(32), default="")  # as reported; "" unknown
    test: Mapped[str] = mapped_column(String(64))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(200), default="")
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class SavedAssessment(Base):
    """An assessment as it was given, with the date: the report JSON (docs/assessment.md)."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = _person_id()
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    report: Mapped[dict[str, Any]] = mapped_column(JSON)


class DiaryNight(Base):
    """One night of the sleep diary as entered: the clock times as written, in the time zone
    they were written in (so clock changes are measured right whenever it is read), and the
    estimates. One row a night: entering a night again replaces it."""

    __tablename__ = "diary_nights"
    __table_args__ = (UniqueConstraint("person_id", "night", name="uq_diary_nights_person_night"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = _person_id()
    night: Mapped[dt.date] = mapped_column(Date)  # the evening it began
    bed_time: Mapped[str] = mapped_column(String(5))  # "HH:MM", local
    try_time: Mapped[str] = mapped_column(String(5))
    final_wake: Mapped[str] = mapped_column(String(5))
    out_of_bed: Mapped[str] = mapped_column(String(5))
    time_zone: Mapped[str] = mapped_column(String(64))
    sol_min: Mapped[float] = mapped_column(Float)
    awakenings: Mapped[int] = mapped_column(Integer)
    waso_min: Mapped[float] = mapped_column(Float)
    quality: Mapped[int | None] = mapped_column(Integer)
    naps_min: Mapped[float | None] = mapped_column(Float)
    caffeine: Mapped[int | None] = mapped_column(Integer)
    alcohol: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    # medication and supplements taken, as written (migration 0005)
    medication: Mapped[str] = mapped_column(Text, default="", server_default="")
    source: Mapped[str] = mapped_column(String(200), default="")
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class SavedPlan(Base):
    """A food-first plan as it was given (the `plan` JSON, docs/plan.md), with the options it
    was asked with (kcal, exclusions, liked foods, conditions) so it can be made again."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = _person_id()
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    options: Mapped[dict[str, Any]] = mapped_column(JSON)
    plan: Mapped[dict[str, Any]] = mapped_column(JSON)


PERSON_TABLES = (
    AnswersVersion,
    LogEntry,
    Pin,
    SupplementEntry,
    LabEntry,
    SavedAssessment,
    DiaryNight,
    SavedPlan,
)
"""Every table whose rows belong to a person (export and delete go through all of them)."""


# -- the web service's accounts (migration 0002) ---------------------------------------------


class Account(Base):
    """Who signs in to the web service: a person (their data is the ``person`` row, made with
    their profile; deleting the person deletes the account) or a clinician (who sees only the
    people who shared with them)."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(EMAIL_LENGTH), unique=True)  # as compared
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # "person" or "clinician"
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), unique=True, nullable=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class LoginSession(Base):
    """A signed-in browser: only a hash of its token is kept, so a copy of the store signs no
    one in."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Share(Base):
    """A person's data shared with a clinician: made as an invitation (only a hash of its code
    is kept), taken up by the clinician, revoked by the person (the row stays, marked, so that
    its id is never reused for another person's share)."""

    __tablename__ = "shares"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = _person_id()
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    clinician_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True, nullable=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # a revoked share keeps its row (migration 0004), so its id is never given to another
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class Attempt(Base):
    """One sign-in or sign-up attempt, by what it is limited on (an address or an e-mail's
    hash), so that every worker of the service counts the same attempts."""

    __tablename__ = "attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(100), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
