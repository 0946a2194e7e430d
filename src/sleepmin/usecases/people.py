"""Use cases: the people whose data the store keeps, and their food log.

A person is added once with their profile; later commands name them (`--person NAME`) instead
of repeating it, and what they enter is kept: food-log lines with what each was read as, pins,
lab results, answers and assessments. Export gives all of it; delete removes all of it. Every
write is one transaction: a failure or a killed process leaves the store as it was.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from sleepmin.errors import InvalidFoodLog, InvalidInput, NotFound
from sleepmin.intake.targets import Diet, Profile, Sex, load_dri_table, personal_targets
from sleepmin.results.assessment import AssessmentReport
from sleepmin.results.people import (
    KeptSupplements,
    LoggedLine,
    LogShown,
    PersonDeleted,
    PersonExport,
    PersonSummary,
)
from sleepmin.results.screening import IsiHistory
from sleepmin.store import people as rows
from sleepmin.store.db import Store
from sleepmin.store.tables import Person
from sleepmin.usecases.inputs import FoodLog, KeptLog

if TYPE_CHECKING:  # the food-log reader loads for `log add`, not for `person list`
    from sleepmin.intake.lines import FoodLine
    from sleepmin.intake.matching import FoodLookup, LogItem
    from sleepmin.screen.answers import Answers

MAX_LOG_ADD_LINES = 200  # `log add` is for a meal or a day; a file goes through `diet analyze`


class PersonPins:
    """A person's pins in the store: the ``PinStore`` every food-log use case reads and
    adds to, so a pin made in one applies in all."""

    def __init__(self, store: Store, name: str) -> None:
        self.store, self.name = store, name

    def pins(self) -> dict[str, str]:
        with self.store.unit() as session:
            return rows.pins(session, rows.get_person(session, self.name))

    def remember(self, new: Mapping[str, str]) -> None:
        with self.store.unit() as session:
            rows.remember_pins(session, rows.get_person(session, self.name), new)


def _stored_profile(profile: Profile) -> rows.Profile:
    # the same checks as `targets`: an impossible profile is refused before it is kept
    personal_targets(profile, load_dri_table())
    return rows.Profile(
        profile.age_years,
        profile.sex.value,
        profile.pregnant,
        profile.lactating,
        profile.diet.value,
        profile.heavy_menstrual_bleeding,
    )


def profile_of(person: Person) -> Profile:
    return Profile(
        person.age_years,
        Sex(person.sex),
        person.pregnant,
        person.lactating,
        Diet(person.diet),
        person.heavy_periods,
    )


def _summary(session: Session, person: Person) -> PersonSummary:
    return PersonSummary.model_validate(
        {
            "name": person.name,
            "profile": {
                "age_years": person.age_years,
                "sex": person.sex,
                "pregnant": person.pregnant,
                "lactating": person.lactating,
                "diet": person.diet,
                "heavy_periods": person.heavy_periods,
            },
            "created_at": rows.stamp(person.created_at),
            "updated_at": rows.stamp(person.updated_at),
            "stored": rows.counts(session, person),
        }
    )


def add_person(store: Store, name: str, profile: Profile) -> PersonSummary:
    """`sleepmin person add`: a new person with their profile (age, sex, pregnancy, lactation,
    diet, heavy periods); a name already taken is refused."""
    kept = _stored_profile(profile)
    with store.unit() as session:
        return _summary(session, rows.add_person(session, name, kept))


def update_person(
    store: Store,
    name: str,
    *,
    age_years: float | None = None,
    sex: Sex | None = None,
    pregnant: bool | None = None,
    lactating: bool | None = None,
    diet: Diet | None = None,
    heavy_periods: bool | None = None,
) -> PersonSummary:
    """`sleepmin person update`: change what is given of the profile (a birthday, a pregnancy),
    keep the rest; targets follow it from now on."""
    with store.unit() as session:
        person = rows.get_person(session, name)
        now = profile_of(person)
        changed = Profile(
            now.age_years if age_years is None else age_years,
            now.sex if sex is None else sex,
            now.pregnant if pregnant is None else pregnant,
            now.lactating if lactating is None else lactating,
            now.diet if diet is None else diet,
            now.heavy_menstrual_bleeding if heavy_periods is None else heavy_periods,
        )
        rows.update_profile(session, person, _stored_profile(changed))
        return _summary(session, person)


def list_people(store: Store) -> list[PersonSummary]:
    """`sleepmin person list`."""
    with store.unit() as session:
        return [_summary(session, p) for p in rows.people(session)]


def show_person(store: Store, name: str) -> PersonSummary:
    """`sleepmin person show`: the profile and how much is stored of each kind."""
    with store.unit() as session:
        return _summary(session, rows.get_person(session, name))


def person_profile(store: Store, name: str) -> Profile:
    """The person's profile, for the use cases that compute targets."""
    with store.unit() as session:
        return profile_of(rows.get_person(session, name))


def export_person(store: Store, name: str) -> PersonExport:
    """`sleepmin person export`: everything stored about the person, complete."""
    with store.unit() as session:
        return PersonExport.model_validate(rows.export(session, rows.get_person(session, name)))


def delete_person(store: Store, name: str) -> PersonDeleted:
    """`sleepmin person delete`: the person and every row of theirs, in one transaction."""
    with store.unit() as session:
        person = rows.get_person(session, name)
        removed = rows.delete_person(session, person)
        return PersonDeleted.model_validate({"name": person.name, "removed": removed})


# -- answers and assessments ---------------------------------------------------------------


def kept_answers(store: Store, name: str) -> dict[str, Any] | None:
    """The person's newest answers, as kept (an answers file's shape), or None."""
    with _person(store, name) as (session, person):
        return rows.latest_answers(session, person)


def keep_answers(store: Store, name: str, answers: Answers, *, new_version: bool) -> None:
    """Answers kept for the person: a new version (the older ones stay as history), or, while
    a questionnaire is being filled in step by step, in place of the newest."""
    data = answers.model_dump(mode="json", exclude_defaults=True)
    with _person(store, name) as (session, person):
        if new_version:
            rows.save_answers(session, person, data)
        else:
            rows.replace_latest_answers(session, person, data)


ISI_NOTE = (
    "A fall of 6 points or more is a meaningful improvement (Morin 2011); a total under 8 is "
    "no clinically significant insomnia. Scores move with stress and season too."
)


def isi_history(store: Store, name: str) -> IsiHistory:
    """The person's ISI totals over time, one a saved answer set that has all seven items."""
    from sleepmin.screen.instruments import score_isi  # noqa: PLC0415

    with _person(store, name) as (session, person):
        saved = rows.answers_history(session, person)
        who = person.name
    points = []
    for when, answers in saved:
        items = answers.get("isi")
        if isinstance(items, list) and len(items) == 7:
            score = score_isi(items)
            points.append({"saved_at": rows.stamp(when), "total": score.total, "band": score.band})
    return IsiHistory.model_validate({"person": who, "points": points, "note": ISI_NOTE})


def latest_assessment(store: Store, name: str) -> AssessmentReport | None:
    """The person's newest saved assessment, or None."""
    with _person(store, name) as (session, person):
        report = rows.latest_assessment(session, person)
    return None if report is None else AssessmentReport.model_validate(report)


# -- supplements ----------------------------------------------------------------------------


def add_supplement(store: Store, name: str, text: str) -> KeptSupplements:
    """`sleepmin supplements add TEXT --person NAME`: a supplement the person takes, as they
    write it; one that cannot be read as a dose is refused (docs/cli.md, "Supplement text")."""
    from sleepmin.intake.supplements import parse_supplements  # noqa: PLC0415

    cleaned = " ".join(text.split())
    parse_supplements((cleaned,))
    with _person(store, name) as (session, person):
        if cleaned not in rows.supplements(session, person):
            rows.add_supplement(session, person, cleaned)
        return _kept(person, rows.supplements(session, person))


def remove_supplement(store: Store, name: str, text: str) -> KeptSupplements:
    """`sleepmin supplements remove TEXT --person NAME`: one no longer taken."""
    cleaned = " ".join(text.split())
    with _person(store, name) as (session, person):
        if not rows.remove_supplement(session, person, cleaned):
            kept = rows.supplements(session, person)
            raise InvalidInput(
                f"the supplement {cleaned[:60]!r}",
                f"is not kept for {person.name}",
                "give it as listed: " + ("; ".join(kept) if kept else "none are kept"),
            )
        return _kept(person, rows.supplements(session, person))


def _kept(person: Person, kept: list[str]) -> KeptSupplements:
    return KeptSupplements(person=person.name, supplements=kept)


def kept_supplements(store: Store, name: str) -> list[str]:
    """`sleepmin supplements list --person NAME`; also what `--person` adds to a command's
    own --supplement."""
    with _person(store, name) as (session, person):
        return rows.supplements(session, person)


# -- the food log ---------------------------------------------------------------------------


@contextmanager
def _person(store: Store, name: str) -> Iterator[tuple[Session, Person]]:
    with store.unit() as session:
        yield session, rows.get_person(session, name)


def _logged(day: dt.date, line: str, items: list[LogItem]) -> rows.LoggedLine:
    """One line as kept: what it was read as (one food, or several joined with +)."""
    foods = [i for i in items if i.status == "matched" and i.food is not None]
    worst = next(
        (
            s
            for s in ("not_understood", "ambiguous", "matched", "not_food")
            for i in items
            if i.status == s
        ),
        "not_understood",
    )
    single = foods[0] if len(items) == 1 and foods else None
    grams = [i.grams for i in foods]
    return rows.LoggedLine(
        day=day,
        line=line,
        status=worst,
        food_id=None if single is None or single.food is None else _food_id(single),
        description=" + ".join(i.food.description for i in foods if i.food) or None,
        grams=sum(g for g in grams if g is not None) if foods and None not in grams else None,
        pinned=any(i.pinned for i in items),
    )


def _food_id(item: LogItem) -> str:
    assert item.food is not None
    return item.food.ndb_number or str(item.food.fdc_id)


def log_add(
    store: Store, name: str, text: str, foods: FoodLookup, *, day: dt.date, today: dt.date
) -> LogShown:
    """`sleepmin log add "2 bananas" [--date D]`: lines of food for one day, read with the
    person's pins and kept with what each was read as; '@ ID' pins in them are kept too. Every
    line is kept, also one not understood (nothing a person enters is lost); one transaction."""
    if (today - day).days >= MAX_DAYS:
        raise InvalidFoodLog(
            f"the date {day.isoformat()} is more than {MAX_DAYS:,} days ago; give the day the "
            "food was eaten"
        )
    if day > today:
        raise InvalidFoodLog(
            f"the date {day.isoformat()} is in the future (today is {today.isoformat()}); "
            "give the day the food was eaten"
        )
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise InvalidFoodLog("nothing to add; write a food a line, e.g. 2 bananas")
    if len(lines) > MAX_LOG_ADD_LINES:
        raise InvalidFoodLog(
            f"{len(lines)} lines are more than a meal or a day ({MAX_LOG_ADD_LINES} at most); "
            "analyse a whole log as a file instead"
        ).with_cli_hint("sleepmin diet analyze FILE --person NAME")
    with _person(store, name) as (session, person):
        kept = keep_lines(
            session,
            person,
            [(day, line.strip()) for line in lines],
            foods,
            today=today,
            source="log add",
        )
        return _shown(person.name, [_line_json(k) for k in kept], day, day)


def keep_lines(
    session: Session,
    person: Person,
    entries: Sequence[tuple[dt.date, str]],
    foods: FoodLookup,
    *,
    today: dt.date,
    source: str,
    remember_pins: bool = True,
) -> list[rows.LoggedLine]:
    """Lines kept for the person, each read on its own with their pins, with what it was read
    as; '@ ID' pins in them become the person's (unless ``remember_pins`` is off). In the
    caller's transaction."""
    kept = _read_lines(session, person, entries, foods, today=today, remember=remember_pins)
    ids = rows.add_log_lines(session, person, kept, source[:_SOURCE])
    return [replace(line, id=entry_id) for line, entry_id in zip(kept, ids, strict=True)]


def _read_lines(
    session: Session,
    person: Person,
    entries: Sequence[tuple[dt.date, str]],
    foods: FoodLookup,
    *,
    today: dt.date,
    remember: bool,
) -> list[rows.LoggedLine]:
    from sleepmin.intake.foodlog import FoodLine, LineProblem, parse_text_log  # noqa: PLC0415
    from sleepmin.intake.matching import Matcher, resolve_all  # noqa: PLC0415

    matcher = Matcher(foods, rows.pins(session, person))
    read: list[rows.LoggedLine] = []
    for day, line in entries:
        parsed = parse_text_log(line, today)
        found = [x for x in parsed.lines if isinstance(x, FoodLine | LineProblem)]
        read.append(_logged(day, line, resolve_all(matcher, found)))
    if matcher.new_pins and remember:
        rows.remember_pins(session, person, matcher.new_pins)
    return read


def log_change(
    store: Store, name: str, entry_id: int, text: str, foods: FoodLookup, *, today: dt.date
) -> LogShown:
    """One kept line written again (another amount, or pinned to another food: "2 bananas @
    09040"), on its day, read with the person's pins; it keeps its id."""
    line = " ".join(text.split())[:2000]
    if not line:
        raise InvalidFoodLog("nothing to keep; write the food, e.g. 2 bananas")
    with _person(store, name) as (session, person):
        entry = rows.log_entry(session, person, entry_id)
        if entry is None:
            raise NotFound("food-log line")
        (read,) = _read_lines(
            session, person, [(entry.day, line)], foods, today=today, remember=True
        )
        entry.line, entry.status, entry.food_id = read.line, read.status, read.food_id
        entry.description, entry.grams, entry.pinned = read.description, read.grams, read.pinned
        return _shown(person.name, [_line_json(replace(read, id=entry.id))], entry.day, entry.day)


def log_remove(store: Store, name: str, entry_id: int) -> None:
    """One kept line removed."""
    with _person(store, name) as (session, person):
        entry = rows.log_entry(session, person, entry_id)
        if entry is None:
            raise NotFound("food-log line")
        session.delete(entry)


_SOURCE = 200  # the column's width (store.tables)


def dated_lines(log: FoodLog, today: dt.date) -> tuple[list[tuple[dt.date, str]], int]:
    """A log file's lines under a dated heading (or CSV date), each as a line a text log would
    hold, with its day; and how many food lines have no date (under "Day 1" or a weekday), which
    cannot be kept: a kept line needs the day it was eaten."""
    from sleepmin.intake.diet import looks_like_csv, parse_log  # noqa: PLC0415
    from sleepmin.intake.foodlog import without_bullet  # noqa: PLC0415
    from sleepmin.intake.lines import FoodLine  # noqa: PLC0415

    parsed = parse_log(log.text, today, log.name)
    csv = looks_like_csv(log.text, log.name)
    raw = log.text.splitlines()
    seen: set[int] = set()
    dated: list[tuple[dt.date, str]] = []
    undated = 0
    for found in parsed.lines:
        if found.line_number in seen:
            continue  # a line of several foods is kept once, whole
        seen.add(found.line_number)
        day = parsed.days[found.day].date if found.day is not None else None
        if day is None or day > today:
            undated += 1
            continue
        if csv and isinstance(found, FoodLine):
            text = _as_text_line(found)
        elif csv:
            text = found.text
        else:
            text = without_bullet(raw[found.line_number - 1])
        dated.append((day, text))
    return dated, undated


def _as_text_line(line: FoodLine) -> str:
    """A CSV row as the text line that reads the same: "120 g banana @ 09040"."""
    amount = [f"{line.quantity:g}"] if line.quantity is not None else []
    unit = [line.unit] if line.unit else []
    pin = [f"@ {line.food_id}"] if line.food_id else []
    return " ".join([*amount, *unit, line.food or "food", *pin])


def keep_log_file(
    session: Session,
    person: Person,
    log: FoodLog,
    foods: FoodLookup,
    *,
    today: dt.date,
    remember_pins: bool = True,
) -> KeptLog:
    """A log file's dated lines kept for the person, in the caller's transaction. A line
    already kept for its day (as often as the file has it) is not kept again, so analysing the
    same file twice, or a longer version of it, keeps each line once."""
    dated, undated = dated_lines(log, today)
    have: Counter[tuple[dt.date, str]] = Counter()
    if dated:
        days = [d for d, _ in dated]
        kept = rows.log_lines(session, person, min(days), max(days))
        have.update((e.day, e.line) for e in kept)
    fresh: list[tuple[dt.date, str]] = []
    for entry in dated:
        if have[entry] > 0:
            have[entry] -= 1
        else:
            fresh.append(entry)
    keep_lines(
        session,
        person,
        fresh,
        foods,
        today=today,
        source=log.name or "a log file",
        remember_pins=remember_pins,
    )
    return KeptLog(kept=len(fresh), already=len(dated) - len(fresh), undated=undated)


def log_show(store: Store, name: str, *, days: int, today: dt.date) -> LogShown:
    """`sleepmin log show [--days N]`: the person's food log of the last N days, as kept."""
    since = today - dt.timedelta(days=_days(days) - 1)
    with _person(store, name) as (session, person):
        entries = rows.log_lines(session, person, since, today)
        shown = [
            _line_json(
                rows.LoggedLine(
                    e.day, e.line, e.status, e.food_id, e.description, e.grams, e.pinned, e.id
                )
            )
            for e in entries
        ]
        return _shown(person.name, shown, since, today)


def stored_log(store: Store, name: str, *, days: int, today: dt.date) -> FoodLog:
    """The person's kept food log of the last N days, each line read as it was entered on its
    day, with the pins of today."""
    since = today - dt.timedelta(days=_days(days) - 1)
    with _person(store, name) as (session, person):
        entries = rows.log_lines(session, person, since, today)
        if not entries:
            raise InvalidFoodLog(
                f"{person.name} has no food logged from {since.isoformat()} to "
                f"{today.isoformat()}; add what they ate to their log, or give a log file"
            ).with_cli_hint(f'sleepmin log add --person "{person.name}" "2 bananas"')
        return FoodLog(
            "",
            f"{person.name}'s log",
            entries=tuple((e.day, e.line) for e in entries),
            kept=True,
        )


MAX_DAYS = 3660


def _days(days: int) -> int:
    if not 1 <= days <= MAX_DAYS:
        raise InvalidInput(f"{days} days back", "is not possible", f"give 1 to {MAX_DAYS:,} days")
    return days


def _line_json(line: rows.LoggedLine) -> dict[str, Any]:
    return {
        "id": line.id,
        "date": line.day.isoformat(),
        "line": line.line,
        "status": line.status,
        "food_id": line.food_id,
        "description": line.description,
        "grams": line.grams,
        "pinned": line.pinned,
    }


def _shown(name: str, lines: list[dict[str, Any]], since: dt.date, until: dt.date) -> LogShown:
    return LogShown.model_validate(
        {"person": name, "from": since.isoformat(), "to": until.isoformat(), "lines": lines}
    )


__all__ = [
    "LoggedLine",
    "PersonPins",
    "add_person",
    "delete_person",
    "export_person",
    "isi_history",
    "keep_answers",
    "keep_log_file",
    "kept_answers",
    "kept_supplements",
    "latest_assessment",
    "list_people",
    "log_add",
    "log_change",
    "log_remove",
    "log_show",
    "person_profile",
    "remove_supplement",
    "show_person",
    "stored_log",
    "update_person",
]
