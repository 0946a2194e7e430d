"""The screening answers file (YAML or JSON): validated, with errors that list the valid words.

Format (any subset; docs/assessment.md describes every word):

    profile: {age: 32, sex: female, pregnant: false, lactating: false, diet: omnivore,
              menopause: pre}
    sleep: {trouble_falling_asleep: true, night_waking: true, early_waking: false,
            unrefreshing: true}
    rls: {urge_to_move: true, worse_at_rest: true, relieved_by_movement: true,
          worse_evening_night: true, not_explained_by_other: true}
    isi: [3, 2, 1, 2, 2, 2, 3]
    signs: [leg_cramps, fatigue]
    risk_factors: [heavy_periods]
    medications: [ppi]
    conditions: [kidney_stones]
    stop_bang: {snoring: true, tired: true, observed_apnea: false, high_blood_pressure: false,
                bmi_over_35: false, neck_over_40cm: false}
    mood: {phq2: [1, 0], self_harm_thoughts: false}
    notes: free text for the clinician, never scored
    labs: [{test: ferritin, value: 28, unit: ng/mL}]
    supplements: [{name: zinc gluconate, mineral: zinc, amount_mg: 50, supervised: false}]
"""

from __future__ import annotations

import json
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sleepmin.errors import InvalidAnswers
from sleepmin.intake.supplements import Supplement, elemental_supplement
from sleepmin.nutrients import Mineral
from sleepmin.safety.vocabulary import CONDITIONS, MEDICATIONS
from sleepmin.screen.crisis import CRISIS_TEXT

SIGNS: dict[str, str] = {
    "leg_cramps": "painful muscle cramps in the legs, often at night",
    "muscle_twitches": "small involuntary muscle twitches (eyelid, calf)",
    "fatigue": "tiredness or low energy most days",
    "pale_skin": "paler skin, lips or inner eyelids than usual",
    "brittle_nails": "nails that break easily or become spoon-shaped",
    "hair_loss": "more hair loss than usual",
    "anxiety": "feeling anxious, tense or on edge",
    "low_mood": "low mood or irritability",
    "poor_concentration": "trouble concentrating or brain fog",
    "numbness_tingling": "numbness or tingling (hands, feet, around the mouth)",
    "palpitations": "a racing, pounding or irregular heartbeat",
    "muscle_weakness": "muscle weakness",
    "loss_of_appetite": "loss of appetite",
    "loss_of_taste_smell": "reduced taste or smell",
    "slow_wound_healing": "cuts and wounds heal slowly",
    "frequent_infections": "catching infections often",
    "cold_intolerance": "feeling cold when others do not",
    "pica_ice_craving": "craving ice, clay or other non-food items",
    "headaches": "frequent headaches",
}

RISK_FACTORS: dict[str, str] = {
    "heavy_periods": "heavy menstrual bleeding (flooding, over 7 days, clots)",
    "pregnancy": "pregnant",
    "vegan": "a vegan diet",
    "vegetarian": "a vegetarian diet",
    "ppi": "long-term proton-pump inhibitor (acid-reducing) medicine",
    "diuretic": "a diuretic (water tablet)",
    "alcohol_heavy": "heavy alcohol use",
    "gi_malabsorption": "a gut condition that reduces absorption (celiac, Crohn's, chronic "
    "diarrhea)",
    "bariatric_surgery": "weight-loss (bariatric) surgery",
    "high_dose_zinc": "taking high-dose zinc, or zinc denture cream in large amounts",
    "type2_diabetes": "type 2 diabetes",
    "older_age": "aged over 70",
    "frequent_blood_donation": "frequent blood donation",
    "ckd": "chronic kidney disease",
    "low_dairy": "little or no dairy or fortified alternatives",
    "endurance_athlete": "endurance training most days",
}

# The screening is validated for adults: the ISI, the adult RLS criteria and the lab cut-offs it
# applies are adult ones, so younger ages are refused rather than scored with adult rules.
ADULT_AGE = 18

SLEEP_KEYS = ("trouble_falling_asleep", "night_waking", "early_waking", "unrefreshing")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProfileAnswers(_Strict):
    age: float = Field(ge=0, le=125)
    sex: Literal["female", "male"]
    pregnant: bool = False
    lactating: bool = False
    diet: Literal["omnivore", "vegetarian", "vegan"] = "omnivore"
    menopause: Literal["pre", "peri", "post"] | None = None


class SleepAnswers(_Strict):
    trouble_falling_asleep: bool = False
    night_waking: bool = False
    early_waking: bool = False
    unrefreshing: bool = False


class RlsAnswers(_Strict):
    urge_to_move: bool = False
    worse_at_rest: bool = False
    relieved_by_movement: bool = False
    worse_evening_night: bool = False
    not_explained_by_other: bool = False


class LabAnswer(_Strict):
    test: str
    value: float
    unit: str
    date: str | None = None


class SupplementAnswer(_Strict):
    name: str
    mineral: Literal["magnesium", "iron", "zinc", "calcium", "potassium", "copper"]
    amount_mg: float = Field(gt=0, allow_inf_nan=False)
    # None: decided by the name (a named iron salt is read as the salt's weight); True: the
    # amount is already elemental; False: it is the salt's weight.
    elemental: bool | None = None
    supervised: bool = False  # prescribed or monitored by a clinician


class StopBangAnswers(_Strict):
    """The STOP-Bang items a person answers; age over 50 and male sex come from the profile."""

    snoring: bool | None = None
    tired: bool | None = None
    observed_apnea: bool | None = None
    high_blood_pressure: bool | None = None
    bmi_over_35: bool | None = None
    neck_over_40cm: bool | None = None


class MoodAnswers(_Strict):
    phq2: list[int] | None = None  # two PHQ-2 item scores, 0-3 each
    self_harm_thoughts: bool | None = None


class Answers(_Strict):
    profile: ProfileAnswers | None = None
    sleep: SleepAnswers = SleepAnswers()
    rls: RlsAnswers | None = None
    isi: list[int] | None = None
    signs: list[str] = []
    risk_factors: list[str] = []
    medications: list[str] = []
    conditions: list[str] = []
    stop_bang: StopBangAnswers | None = None
    mood: MoodAnswers | None = None
    notes: str | None = Field(default=None, max_length=5000)
    labs: list[LabAnswer] = []
    supplements: list[SupplementAnswer] = []


_SECTIONS: dict[str, type[BaseModel]] = {
    "profile": ProfileAnswers,
    "sleep": SleepAnswers,
    "rls": RlsAnswers,
    "stop_bang": StopBangAnswers,
    "mood": MoodAnswers,
    "labs": LabAnswer,
    "supplements": SupplementAnswer,
}


def parse_answers(data: Any) -> Answers:
    """Validate answers (already parsed from YAML/JSON); errors name the key and the choices.
    When the answers report thoughts of self-harm, any error starts with the crisis wording:
    that must reach the person even when the rest cannot be assessed."""
    try:
        return _parse(data)
    except InvalidAnswers as error:
        if _reports_self_harm(data):
            raise InvalidAnswers(f"{CRISIS_TEXT} — {error.problem}") from None
        raise


def _reports_self_harm(data: Any) -> bool:
    mood = data.get("mood") if isinstance(data, dict) else None
    answer = mood.get("self_harm_thoughts") if isinstance(mood, dict) else None
    return answer is True or str(answer).strip().lower() in ("true", "yes", "y", "1")


def _parse(data: Any) -> Answers:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InvalidAnswers(
            "the answers file must be a mapping of sections (profile, sleep, rls, isi, "
            "signs, risk_factors, medications, conditions, stop_bang, mood, notes, labs, "
            "supplements)"
        )
    try:
        answers = Answers.model_validate(data)
    except ValidationError as exc:
        raise InvalidAnswers(_explain(exc)) from None
    for key, vocabulary, name in (
        ("signs", SIGNS, "sign"),
        ("risk_factors", RISK_FACTORS, "risk factor"),
        ("medications", MEDICATIONS, "medication"),
        ("conditions", CONDITIONS, "condition"),
    ):
        for word in getattr(answers, key):
            if word not in vocabulary:
                raise InvalidAnswers(
                    f"unknown {name} {word!r}; use one of: {', '.join(sorted(vocabulary))}"
                )
    if answers.isi is not None:
        from sleepmin.screen.instruments import score_isi  # noqa: PLC0415 - avoid a cycle

        score_isi(answers.isi)
    if answers.mood is not None and answers.mood.phq2 is not None:
        _check_phq2(answers.mood.phq2)
    profile = answers.profile
    if profile is not None and profile.age < ADULT_AGE:
        raise InvalidAnswers(
            f"age {profile.age:g}: the sleepmin screening is built for adults "
            f"({ADULT_AGE} and over) — its insomnia and restless-legs questions and lab cut-offs "
            "are adult ones. For a child or teenager, talk to their paediatrician or family "
            "doctor; `sleepmin diet analyze` still compares a food log with a child's reference "
            "intakes"
        )
    if profile is None and (answers.labs or answers.supplements):
        raise InvalidAnswers(
            "labs and supplements need the profile (at least age and sex) to choose the right "
            "cut-offs and upper limits; add e.g. `profile: {age: 45, sex: female}`"
        )
    pregnant_elsewhere = "pregnancy" in answers.conditions or "pregnancy" in answers.risk_factors
    if profile is not None and pregnant_elsewhere and not profile.pregnant:
        if profile.sex == "male":
            raise InvalidAnswers("pregnancy is listed, but the profile says sex: male")
        # One answer for pregnancy everywhere: targets, lab cut-offs, safety, foods.
        answers = answers.model_copy(
            update={"profile": profile.model_copy(update={"pregnant": True})}
        )
        profile = answers.profile
    if (
        profile is not None
        and profile.sex == "male"
        and (profile.pregnant or profile.lactating or profile.menopause is not None)
    ):
        raise InvalidAnswers(
            "profile: pregnant, lactating and menopause apply to sex: female only; "
            "remove them or correct the sex"
        )
    if profile is not None and profile.pregnant and profile.menopause == "post":
        raise InvalidAnswers("profile: pregnant and menopause: post cannot both be true")
    return answers


def _check_phq2(items: list[int]) -> None:
    if len(items) != 2 or any(
        isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 3 for v in items
    ):
        raise InvalidAnswers(
            f"mood.phq2 is {items!r}; give the two PHQ-2 item scores, each a whole number "
            "from 0 to 3, e.g. [1, 2]"
        )


def supplements_from(answers: Answers) -> tuple[Supplement, ...]:
    """The answers' supplements as elemental amounts (a named iron salt's weight converted)."""
    return tuple(
        elemental_supplement(
            f"{s.name} {s.amount_mg:g} mg",
            Mineral(s.mineral),
            s.amount_mg,
            elemental=s.elemental,
            supervised=s.supervised,
        )
        for s in answers.supplements
    )


def load_answers(text: str, name: str = "answers") -> Answers:
    try:
        data = json.loads(text) if name.endswith(".json") else yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise InvalidAnswers(f"{name} is not valid YAML/JSON ({exc})") from None
    return parse_answers(data)


def dump_answers(answers: Answers) -> str:
    return yaml.safe_dump(answers.model_dump(exclude_defaults=True), sort_keys=False)


def _explain(exc: ValidationError) -> str:
    error = exc.errors()[0]
    location = [str(p) for p in error.get("loc", ())]
    where = ".".join(location) or "answers"
    if error["type"] == "extra_forbidden":
        section = location[0] if len(location) > 1 else None
        model: type[BaseModel] = _SECTIONS.get(section or "", Answers) if section else Answers
        valid = ", ".join(model.model_fields)
        place = section or "the answers"
        return f"unknown answer key {location[-1]!r} in {place}; valid keys: {valid}"
    if error["type"] == "literal_error":
        return f"{where}: {error['msg'].lower()}"
    return f"{where}: {error['msg']}"
