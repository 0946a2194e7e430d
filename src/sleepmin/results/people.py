"""Typed results of the people and food-log commands (`sleepmin person ...`, `sleepmin log ...`)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict, Field, RootModel

from sleepmin.results.base import Result

Status = Literal["matched", "ambiguous", "not_understood", "not_food"]


class StoredProfile(Result):
    """Who the person is, as their targets need it."""

    age_years: float = Field(description="Age in years (decimals for infants).")
    sex: Literal["female", "male"] = Field(description="Sex, for the DRI life stage.")
    pregnant: bool = Field(description="Pregnancy DRIs apply.")
    lactating: bool = Field(description="Lactation DRIs apply.")
    diet: Literal["omnivore", "vegetarian", "vegan"] = Field(
        description="Diet pattern; vegetarian and vegan change the iron and zinc targets."
    )
    heavy_periods: bool = Field(description="Heavy menstrual bleeding (adds an iron note).")


class StoredCounts(Result):
    """How many rows of each kind the store keeps for the person."""

    answers: int = Field(description="Saved answer sets (the newest is current).")
    log_entries: int = Field(description="Food-log lines kept.")
    pins: int = Field(description="Phrases pinned to a food.")
    supplements: int = Field(description="Supplements kept.")
    lab_results: int = Field(description="Lab results kept.")
    assessments: int = Field(description="Saved assessments.")
    diary_nights: int = Field(description="Nights of the sleep diary kept.")
    plans: int = Field(description="Saved food-first plans.")


class PersonSummary(Result):
    """`sleepmin person add|show --json`: who, and how much is stored."""

    name: str = Field(description="The name the person is known by in the store.")
    profile: StoredProfile
    created_at: str = Field(description="When the person was added (ISO 8601, UTC).")
    updated_at: str = Field(description="When the profile last changed (ISO 8601, UTC).")
    stored: StoredCounts = Field(description="How many rows of each kind are kept.")


class PeopleList(RootModel[list[PersonSummary]]):
    """`sleepmin person list --json`: everyone in the store, by name."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    def to_json(self) -> list[dict[str, Any]]:
        dumped: list[dict[str, Any]] = self.model_dump(mode="json")
        return dumped


class LoggedLine(Result):
    id: int = Field(
        description="The line's id in the store (to change or remove it through the web API)."
    )
    date: str = Field(description="The day the food was eaten (ISO date).")
    line: str = Field(description="The line as entered.")
    status: Status = Field(
        description="How it was read when entered: matched, ambiguous, not_understood or "
        "not_food (for a line of several foods, the least certain of them)."
    )
    food_id: str | None = Field(
        description="The USDA food (NDB number or FDC id) when the line is one matched food."
    )
    description: str | None = Field(
        description="The USDA food(s) it was read as, joined with ' + '; null when none."
    )
    grams: float | None = Field(description="Grams counted, null when not known.")
    pinned: bool = Field(description="A pin chose the food.")


class LogShown(Result):
    """`sleepmin log add|show --json`: a person's food-log lines, as kept."""

    person: str = Field(description="Whose log.")
    from_: str = Field(alias="from", description="The first day shown (ISO date).")
    to: str = Field(description="The last day shown (ISO date).")
    lines: list[LoggedLine] = Field(description="The lines, by day, in the order entered.")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


def _rows(what: str) -> Any:
    return Field(description=f"Rows of {what} removed.")


class Removed(Result):
    answers: int = _rows("saved answers")
    log_entries: int = _rows("food-log lines")
    pins: int = _rows("pins")
    supplements: int = _rows("supplements")
    lab_results: int = _rows("lab results")
    assessments: int = _rows("saved assessments")
    diary_nights: int = _rows("sleep-diary nights")
    plans: int = _rows("saved plans")
    people: int = _rows("the person themself (1)")


class PersonDeleted(Result):
    """`sleepmin person delete --json`: who was deleted and how many rows went from each table."""

    name: str = Field(description="The person deleted.")
    removed: Removed = Field(description="Rows removed from each table of the store.")


_WHEN = "When it was kept (ISO 8601, UTC)."


class ExportedLogLine(Result):
    date: str = Field(description="The day the food was eaten (ISO date).")
    line: str = Field(description="The line as entered.")
    status: Status = Field(description="How it was read when entered (see `food-log`).")
    food_id: str | None = Field(description="The USDA food when the line is one matched food.")
    description: str | None = Field(description="The USDA food(s) it was read as; null if none.")
    grams: float | None = Field(description="Grams counted, null when not known.")
    pinned: bool = Field(description="A pin chose the food.")
    source: str = Field(description="How it was entered: 'log add'.")
    added_at: str = Field(description=_WHEN)


class ExportedAnswers(Result):
    saved_at: str = Field(description=_WHEN)
    answers: dict[str, Any] = Field(description="The answers file as saved (docs/assessment.md).")


class ExportedSupplement(Result):
    text: str = Field(description="The supplement as written (docs/cli.md, 'Supplement text').")
    added_at: str = Field(description=_WHEN)


class ExportedLab(Result):
    test: str = Field(description="The test (labs catalog key, e.g. ferritin).")
    value: float = Field(description="The value as reported, in `unit`.")
    unit: str = Field(description="The unit as reported.")
    date: str | None = Field(description="The date of the result as reported; null if none.")
    source: str = Field(description="Where it came from (the file, a FHIR id).")
    added_at: str = Field(description=_WHEN)


class ExportedAssessment(Result):
    created_at: str = Field(description="When the assessment was made (ISO 8601, UTC).")
    report: dict[str, Any] = Field(description="The assessment as given (schema: assessment).")


class ExportedPlan(Result):
    created_at: str = Field(description="When the plan was made (ISO 8601, UTC).")
    options: dict[str, Any] = Field(
        description="What it was asked with: kcal, exclude, likes, conditions."
    )
    plan: dict[str, Any] = Field(description="The plan as given (schema: plan).")


class ExportedNight(Result):
    date: str = Field(description="The evening the night began (ISO date).")
    bed_time: str = Field(description="Into bed, local HH:MM.")
    try_time: str = Field(description="Started trying to sleep, local HH:MM.")
    sol_min: float = Field(description="Minutes to fall asleep.")
    awakenings: int = Field(description="Awakenings, not counting the final one.")
    waso_min: float = Field(description="Minutes awake after falling asleep.")
    final_wake: str = Field(description="Final awakening, local HH:MM.")
    out_of_bed: str = Field(description="Out of bed, local HH:MM.")
    time_zone: str = Field(description="The IANA time zone the times were written in.")
    quality: int | None = Field(description="Sleep quality 1-5, when given.")
    naps_min: float | None = Field(description="Minutes of naps, when given.")
    caffeine: int | None = Field(description="Caffeinated drinks, when given.")
    alcohol: int | None = Field(description="Alcoholic drinks, when given.")
    notes: str = Field(description="Comments.")
    medication: str = Field(description="Medication and supplements taken, as written.")
    source: str = Field(description="Where it came from: 'diary add' or a file's name.")
    saved_at: str = Field(description="When it was kept (ISO 8601, UTC).")


class PersonExport(Result):
    """`sleepmin person export`: everything the store holds about one person."""

    name: str = Field(description="The name the person is known by in the store.")
    profile: StoredProfile = Field(description="The profile their targets come from.")
    created_at: str = Field(description="When the person was added (ISO 8601, UTC).")
    updated_at: str = Field(description="When the profile last changed (ISO 8601, UTC).")
    answers: list[ExportedAnswers] = Field(description="Every saved answer set, oldest first.")
    food_log: list[ExportedLogLine] = Field(description="Every food-log line kept.")
    pins: dict[str, str] = Field(description="Phrase → USDA food id.")
    supplements: list[ExportedSupplement] = Field(description="The supplements kept.")
    labs: list[ExportedLab] = Field(description="Every lab result kept.")
    assessments: list[ExportedAssessment] = Field(description="Every saved assessment.")
    diary: list[ExportedNight] = Field(description="Every sleep-diary night, by date.")
    plans: list[ExportedPlan] = Field(description="Every saved food-first plan, oldest first.")


class KeptSupplements(Result):
    """`sleepmin supplements add|remove|list --json`: what a person takes, as they wrote it."""

    person: str = Field(description="Whose supplements.")
    supplements: list[str] = Field(
        description="Each supplement as written (docs/cli.md, 'Supplement text'), in the order "
        "added."
    )
