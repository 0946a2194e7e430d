"""The bodies the API reads: plain inputs of the use cases, strict about their keys (an unknown
key is a mistake worth naming, not something to drop silently)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from sleepmin.intake.targets import Diet, Profile, Sex
from sleepmin.screen.answers import Answers

MAX_LOG_CHARS = 1_000_000
MAX_ITEMS = 50  # supplements, medications, conditions or lab results in one request


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProfileIn(Body):
    """Who the targets are for."""

    age: float = Field(ge=0, le=125, description="Age in years (decimals for infants).")
    sex: Literal["female", "male"]
    pregnant: bool = False
    lactating: bool = False
    diet: Literal["omnivore", "vegetarian", "vegan"] = "omnivore"
    heavy_periods: bool = Field(False, description="Heavy menstrual bleeding (iron losses).")

    def profile(self) -> Profile:
        return Profile(
            age_years=self.age,
            sex=Sex(self.sex),
            pregnant=self.pregnant,
            lactating=self.lactating,
            diet=Diet(self.diet),
            heavy_menstrual_bleeding=self.heavy_periods,
        )


Supplements = Annotated[
    list[Annotated[str, Field(max_length=200)]],
    Field(
        max_length=MAX_ITEMS,
        description='Daily supplements as written, e.g. "magnesium glycinate 200 mg".',
    ),
]
FoodLogText = Annotated[
    str,
    Field(
        max_length=MAX_LOG_CHARS,
        description="A food log (docs/food-log.md): plain text, one food a line, or CSV with "
        "the header date,food,amount,unit.",
    ),
]


Words = Annotated[list[Annotated[str, Field(max_length=80)]], Field(max_length=MAX_ITEMS)]


class DietRequest(Body):
    profile: ProfileIn
    log: FoodLogText
    format: Literal["text", "csv"] = Field(
        "text", description="How to read the log; CSV needs its header row."
    )
    supplements: Supplements = []


class LabIn(Body):
    """One lab result, in any unit sleepmin knows for the test."""

    test: str = Field(max_length=80, description="The test: a name (ferritin) or a LOINC code.")
    value: float
    unit: str = Field(max_length=32)
    date: str | None = Field(None, max_length=32, description="When taken (YYYY-MM-DD).")


class LabContext(Body):
    sex: Literal["female", "male"] | None = None
    age: float | None = Field(None, ge=0, le=125)
    pregnant: bool = False


class LabRequest(LabContext):
    test: str = Field(max_length=80, description="The test: a name (ferritin) or a LOINC code.")
    value: float
    unit: str = Field(max_length=32)


class ConversionRequest(Body):
    test: str = Field(max_length=80)
    value: float
    from_unit: str = Field(max_length=32)
    to_unit: str = Field(max_length=32)


class IsiRequest(Body):
    items: list[int] = Field(description="The seven ISI item scores, each 0-4.")


class SafetyRequest(Body):
    profile: ProfileIn
    supplements: Supplements = []
    medications: Words = []
    conditions: Words = []
    labs: Annotated[list[LabIn], Field(max_length=MAX_ITEMS)] = []
    log: FoodLogText | None = None


class PlanOptions(Body):
    """What a food-first plan is asked with (docs/plan.md)."""

    kcal: float | None = Field(
        None, ge=800, le=5000, description="The day's energy budget; default 2,000 from 14 y."
    )
    exclude: Words = Field(
        [],
        description="Leave out: dairy, nuts, peanuts, shellfish, fish, gluten, soy, egg, meat, "
        "pork, sesame.",
    )
    conditions: Words = Field(
        [], description="hemochromatosis, ckd, wilson_disease, kidney_stones: what may be added."
    )
    likes: Words = Field([], description="Only add these foods (NDB numbers).")
    include: Words = Field([], description="Foods the plan must add (NDB numbers).")


class PlanSwap(Body):
    """Swap one food of the newest saved plan (docs/plan.md)."""

    food_id: str = Field(max_length=20, description="A food the plan added.")
    instead: str | None = Field(
        None,
        max_length=20,
        description="The food to add instead: one of that food's `alternatives` (or any food "
        "of the list this person may have); null lets the plan choose.",
    )


class PlanRequest(PlanOptions):
    profile: ProfileIn
    log: FoodLogText | None = Field(
        None, description="What is eaten now (a food log): the plan adds to it."
    )
    supplements: Supplements = []


# Read by the use case, not here: its errors name the key and the choices, and when the answers
# report thoughts of self-harm every error starts with the crisis wording. The schema is the
# answers model's own (added to the OpenAPI components by ``app.openapi_with_answers``).
AnswersJson = Annotated[
    dict[str, Any],
    WithJsonSchema({"allOf": [{"$ref": "#/components/schemas/Answers"}]}),
    Field(description="The answers, as an answers file holds them (docs/assessment.md)."),
]
ANSWERS_MODEL = Answers


class AssessmentRequest(Body):
    """The answers as in an answers file; the food log and lab results are optional."""

    answers: AnswersJson
    log: FoodLogText | None = None
    labs: Annotated[list[LabIn], Field(max_length=MAX_ITEMS)] = []


# -- accounts and a person's own data ---------------------------------------------------------


class SignUpRequest(Body):
    email: str = Field(max_length=254)
    password: str = Field(max_length=1000, description="10 to 1,000 characters.")
    role: Literal["person", "clinician"] = Field(
        "person", description="person: keeps their own data; clinician: reads what is shared."
    )


class SignInRequest(Body):
    email: str = Field(max_length=254)
    password: str = Field(max_length=1000)


class LogAddRequest(Body):
    text: str = Field(
        max_length=100_000, description="Lines of food, one a line, as in a text log."
    )
    date: dt.date | None = Field(None, description="The day eaten (default today).")


class LogLineRequest(Body):
    text: str = Field(max_length=2000, description='The line as it should read: "2 bananas".')


class SupplementRequest(Body):
    text: str = Field(max_length=200, description='As written: "magnesium glycinate 200 mg".')


class InvitationCode(Body):
    code: str = Field(max_length=40, description="The code the person gave you.")


class MyAssessmentRequest(Body):
    """New answers (kept, the older ones stay as history), or none to use the newest kept."""

    answers: AnswersJson | None = None


class MySafetyRequest(Body):
    supplements: Supplements = []
    medications: Words = []
    conditions: Words = []


Clock = Annotated[str, Field(pattern=r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$", description="HH:MM")]


class NightRequest(Body):
    """One night of the Consensus Sleep Diary (docs/diary.md)."""

    date: dt.date = Field(description="The evening the night began.")
    bed_time: Clock
    try_time: Clock
    sol_min: float = Field(ge=0, le=1440, description="Minutes to fall asleep.")
    awakenings: int = Field(ge=0, le=100, description="Awakenings, not the final one.")
    waso_min: float = Field(ge=0, le=1440, description="Minutes awake in them.")
    final_wake: Clock
    out_of_bed: Clock
    quality: int | None = Field(None, ge=1, le=5, description="1 very poor … 5 very good.")
    naps_min: float | None = Field(None, ge=0, le=1440, description="Minutes of naps.")
    caffeine: int | None = Field(None, ge=0, le=50, description="Caffeinated drinks.")
    alcohol: int | None = Field(None, ge=0, le=50, description="Alcoholic drinks.")
    medication: str = Field(
        "", max_length=500, description="Medication and supplements taken, as written."
    )
    notes: str = Field("", max_length=2000)
    time_zone: str | None = Field(
        None, max_length=64, description="IANA time zone of the clock times; default the server's."
    )
