"""The assessment as typed models: `sleepmin assess --json` (docs/assessment.md, "The report"),
the shape of ``report.assessment.build_assessment``. Its safety findings, schedule and labs are
the models of `safety check` and `labs interpret`; its diet is the diet analysis of
`diet analyze`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from sleepmin.results.base import Result
from sleepmin.results.common import Citation, MineralName, Number
from sleepmin.results.diet import DietAnalysis
from sleepmin.results.labs import LabInterpretation
from sleepmin.results.safety import SafetyFinding, ScheduledDose

# Known conditions (vocabulary.CONDITIONS): the answers' own, the CKD risk factor and pregnancy.
Condition = Literal[
    "ckd",
    "hemochromatosis",
    "pregnancy",
    "wilson_disease",
    "kidney_stones",
    "inflammation",
    "sleep_apnea",
]
# The estimate per mineral (screen.risk.MineralEstimate.level).
Level = Literal["likely", "possible", "unlikely"]
# What a reason weighs (screen.risk.Reason.kind).
ReasonKind = Literal[
    "symptom",
    "sign",
    "nonspecific",
    "risk",
    "rls",
    "diet",
    "diet_unknown",
    "lab",
    "supplement",
    "cap",
    "not_estimated",
]
# Kinds of next step, most urgent first (screen.pathways.STEP_KINDS).
StepKind = Literal["urgent", "clinician", "test", "food", "info"]
# The pathway each next step belongs to: the clinical pathways (screen/pathways.py) and the
# steps report.assessment adds (eating, rls, insomnia, test, food, nothing_found).
Pathway = Literal[
    "crisis",
    "emergency",
    "stop_zinc",
    "copper_deficiency",
    "maternity",
    "overload",
    "cause_finding",
    "medicines",
    "safety",
    "results",
    "schedule",
    "hold",
    "apnea",
    "mood",
    "palpitations",
    "bleeding",
    "eating",
    "rls",
    "insomnia",
    "test",
    "food",
    "nothing_found",
]
# ISI bands (screen.instruments.ISI_BANDS): 0-7, 8-14, 15-21, 22-28.
IsiBand = Literal["none", "subthreshold", "moderate", "severe"]
# STOP-Bang risk bands (screen.pathways.score_stop_bang).
StopBangBand = Literal["low", "intermediate", "high"]
# One ISI item score (screen.instruments.score_isi refuses anything else).
IsiItem = Annotated[int, Field(ge=0, le=4)]


class AssessedProfile(Result):
    """The answers' profile, as given (defaults filled in)."""

    age: float = Field(description="Age in years.")
    sex: Literal["female", "male"] = Field(description="Sex, for the reference values.")
    pregnant: bool = Field(description="Pregnant.")
    lactating: bool = Field(description="Breastfeeding.")
    diet: Literal["omnivore", "vegetarian", "vegan"] = Field(description="The diet pattern.")
    menopause: Literal["pre", "peri", "post"] | None = Field(
        description="Menopause status (women); null when not given."
    )


class EstimateReason(Result):
    """One reason behind a mineral's score, with its weight."""

    text: str = Field(description="The reason in words.")
    weight: float = Field(
        description="What it adds to the score, to 2 decimals (negative: it lowers the estimate)."
    )
    kind: ReasonKind = Field(
        description="What the reason rests on: a sleep symptom, a specific or non-specific "
        "sign, a risk factor, restless legs, the diet (or no diet evidence), a lab result, a "
        "supplement, the cap on subjective evidence, or a mineral that is not estimated."
    )
    citations: list[Citation] = Field(description="The sources of the link.")


class MineralEstimate(Result):
    """The estimate for one mineral: its level, score and every reason."""

    mineral: MineralName = Field(description="The mineral.")
    level: Level = Field(
        description="likely (a score of 5 or more with a supporting lab or diet finding), "
        "possible (2 or more) or unlikely."
    )
    # 0 without any reason is the int of an empty sum.
    score: Number = Field(description="The sum of the reasons' weights, to 2 decimals.")
    supported_by_tests_or_diet: bool = Field(description="A lab or diet finding adds to the score.")
    reasons: list[EstimateReason] = Field(description="Every reason, in the order it was added.")


class SupplementTaken(Result):
    """One supplement of the answers, as it was counted."""

    text: str = Field(description="The supplement as read: its name and the amount given.")
    amount_mg: float = Field(description="The elemental amount a day, in mg.")
    salt_mg: float | None = Field(
        description="The iron salt's weight a day, in mg, when the amount was converted from "
        "it; null otherwise."
    )
    supervised: bool = Field(description="Prescribed or monitored by a clinician.")
    note: str | None = Field(
        description="How the amount was read, when it is not simply the amount as written "
        "(e.g. an iron salt converted); null otherwise."
    )


class SupplementIntake(Result):
    """What the supplements supply of one mineral, against the reference and the Upper Limit."""

    mineral: MineralName = Field(description="The mineral.")
    amount_mg: float = Field(
        description="The elemental amount a day from all its supplements, in mg (3 decimals)."
    )
    supplements: list[SupplementTaken] = Field(description="The supplements of this mineral.")
    reference_mg: float | None = Field(
        description="The reference intake (RDA or AI) a day, in mg; null without a profile."
    )
    ul_mg: float | None = Field(
        description="The Upper Limit a day, in mg; null without a profile or when none is set."
    )
    ul_applies_to: str | None = Field(
        description="What the Upper Limit covers (e.g. supplements only); null without a profile."
    )


class AssessmentIsi(Result):
    """The Insomnia Severity Index from the seven item scores."""

    items: list[IsiItem] = Field(
        min_length=7, max_length=7, description="The seven item scores, 0-4 each."
    )
    total: int = Field(ge=0, le=28, description="The total, 0-28.")
    band: IsiBand = Field(
        description="none 0-7, subthreshold 8-14, moderate 15-21, severe 22-28 (Bastien 2001)."
    )
    label: str = Field(description="The band in words.")
    citations: list[Citation] = Field(description="The sources of the scale.")


class RlsCriteria(Result):
    """The five IRLSSG essential criteria for restless legs, each described or not."""

    urge_to_move: bool = Field(description="An urge to move the legs.")
    worse_at_rest: bool = Field(description="It starts or worsens at rest.")
    relieved_by_movement: bool = Field(description="Moving relieves it.")
    worse_evening_night: bool = Field(description="It is worse in the evening or at night.")
    not_explained_by_other: bool = Field(
        description="It is not explained by something else (cramps, arthritis, positional "
        "discomfort)."
    )


class AssessmentRls(Result):
    """The restless-legs screen."""

    criteria: RlsCriteria = Field(description="Each essential criterion, described or not.")
    met: bool = Field(description="All five criteria are described.")
    count: int = Field(ge=0, le=5, description="How many of the five are described.")
    summary: str = Field(description="The screen in words.")
    citations: list[Citation] = Field(description="The source of the criteria.")


class StopBangItems(Result):
    """The eight STOP-Bang items: true, false, or null when not answered."""

    snoring: bool | None = Field(description="Loud snoring.")
    tired: bool | None = Field(description="Often tired or sleepy in the daytime.")
    observed_apnea: bool | None = Field(description="Stopped breathing seen during sleep.")
    high_blood_pressure: bool | None = Field(description="Treated for high blood pressure.")
    bmi_over_35: bool | None = Field(description="A BMI over 35 kg/m².")
    neck_over_40cm: bool | None = Field(description="A neck circumference over 40 cm.")
    age_over_50: bool | None = Field(
        description="Older than 50 (from the profile); null without one."
    )
    male: bool | None = Field(description="Male (from the profile); null without one.")


class AssessmentStopBang(Result):
    """The STOP-Bang screen for obstructive sleep apnoea."""

    score: int = Field(
        ge=0, le=8, description="Items answered yes, 0-8 (unanswered items count as no)."
    )
    band: StopBangBand = Field(
        description="Risk of obstructive sleep apnoea: low 0-2, intermediate 3-4, high 5-8 (or "
        "3-4 with 2+ STOP items and male sex, BMI over 35 or neck over 40 cm)."
    )
    items: StopBangItems = Field(description="Each item's answer.")
    answered: int = Field(ge=0, le=8, description="How many of the eight items are known.")
    citations: list[Citation] = Field(description="The source of the questionnaire.")


class AssessmentMood(Result):
    """The mood questions: PHQ-2 and thoughts of self-harm."""

    phq2_total: int | None = Field(
        ge=0, le=6, description="The PHQ-2 total, 0-6; null when the two items were not given."
    )
    phq2_positive: bool = Field(description="A PHQ-2 total of 3 or more.")
    self_harm_thoughts: bool | None = Field(
        description="Thoughts of self-harm reported; null when not answered."
    )
    citations: list[Citation] = Field(description="The source of the PHQ-2.")


class NextStep(Result):
    """One next step; steps come most urgent kind first, so no food step precedes care."""

    kind: StepKind = Field(description="urgent, clinician, test, food or info.")
    pathway: Pathway = Field(
        description="The clinical pathway or report step it comes from (docs/assessment.md)."
    )
    mineral: MineralName | None = Field(
        description="The mineral it is about; null when it is about none in particular."
    )
    text: str = Field(description="The step in words.")
    citations: list[Citation] = Field(description="The sources behind it.")


class AssessmentReport(Result):
    """`sleepmin assess --json`: ranked minerals with reasons, safety findings, screens, labs,
    the diet and next steps."""

    generated: dt.date = Field(description="The day the report was made (ISO date).")
    scope: str = Field(description="Whom the screening is for (adults, 18 and over).")
    profile: AssessedProfile | None = Field(description="The profile; null when not given.")
    conditions: list[Condition] = Field(
        description="Known conditions: the answers' own, then ckd and pregnancy from the risk "
        "factors and profile; each once."
    )
    notes: str | None = Field(
        description="The answers' notes, kept for the clinician and never scored; null when none."
    )
    minerals: list[MineralEstimate] = Field(
        description="All six minerals: likely, possible, unlikely, then by score."
    )
    safety: list[SafetyFinding] = Field(
        description="Safety findings as in `safety check`, most urgent first."
    )
    schedule: list[ScheduledDose] | None = Field(
        description="The timing schedule as in `safety check`; null without a profile, with a "
        "red flag or thoughts of self-harm."
    )
    supplement_intake: list[SupplementIntake] = Field(
        description="What the supplements supply, per mineral taken (in mineral order)."
    )
    isi: AssessmentIsi | None = Field(description="The ISI; null when not given.")
    rls: AssessmentRls | None = Field(
        description="The restless-legs screen; null when not answered."
    )
    stop_bang: AssessmentStopBang | None = Field(
        description="The STOP-Bang screen; null when not answered."
    )
    mood: AssessmentMood | None = Field(description="The mood questions; null when not answered.")
    labs: list[LabInterpretation] = Field(
        description="Every lab result (answers, imported, then derived), as `labs interpret`."
    )
    diet: DietAnalysis | None = Field(
        description="The diet analysis as `diet analyze`, when a food log was given; else null."
    )
    next_steps: list[NextStep] = Field(
        description="What to do, by kind: urgent, clinician, test, food, info."
    )
    not_a_diagnosis: str = Field(description="What the report is not: a diagnosis.")
