"""The NHANES population summary and the survey's evidence as typed models:
`sleepmin data build-population --json` and `sleepmin evidence MINERAL --json`
(docs/population.md). The diet analysis's `population` block is in results/diet.py."""

from __future__ import annotations

from pydantic import Field

from sleepmin.results.base import Result
from sleepmin.results.plan import MineralKey


class NotBuiltGroup(Result):
    group: str = Field(description="The group's key, e.g. 'pregnant'.")
    label: str = Field(description="The group in words.")
    people: int = Field(description="Respondents with two reliable recalls in it.")
    reason: str = Field(description="Why no usual intakes were published for it.")


class PopulationBuild(Result):
    """`sleepmin data build-population --json`: what was built and from what."""

    path: str = Field(description="Where the summary was written (beside the food database).")
    survey: str = Field(description="The survey cycle.")
    inputs: dict[str, str] = Field(description="Each file read, with its SHA-256.")
    groups: list[str] = Field(description="The groups with usual intakes, by key.")
    not_built: list[NotBuiltGroup] = Field(description="Groups too small to publish.")
    method: str = Field(description="How usual intakes and shares below the EAR were made.")


class EvidenceQuartile(Result):
    quartile: str = Field(description="Q1 (lowest intake) to Q4.")
    people: int = Field(description="Respondents in this quartile with an answer.")
    share: float = Field(description="Weighted share with the sleep outcome (0-1), crude.")
    share_ci: list[float] = Field(description="Its 95 % confidence interval (Taylor, t with df).")
    odds_ratio: float = Field(description="Adjusted odds ratio against Q1 (1 for Q1).")
    odds_ratio_ci: list[float] | None = Field(description="Its 95 % CI; null for Q1.")


class EvidenceOutcome(Result):
    outcome: str = Field(description="trouble_sleeping, short_sleep or daytime_sleepiness.")
    description: str = Field(description="The question and the answer counted.")
    people: int = Field(description="Respondents in the model.")
    df: int = Field(description="The design's degrees of freedom (PSUs less strata).")
    p_trend: float = Field(
        description="p for a trend across quartiles: each quartile scored by its weighted "
        "median intake as one term of the same adjusted model (Wald t test, design df)."
    )
    quartiles: list[EvidenceQuartile] = Field(description="Q1 to Q4.")


class PublishedResult(Result):
    citation: str = Field(description="The paper.")
    doi: str = Field(description="Its DOI.")
    data: str = Field(description="The survey years, sample and method.")
    finding: str | None = Field(description="What it reports for this mineral; null if nothing.")


class SurveyEstimate(Result):
    value: float = Field(description="The weighted estimate.")
    se: float = Field(description="Its standard error (Taylor linearisation).")
    ci: list[float] = Field(description="95 % confidence interval.")
    people: int = Field(description="Respondents in the domain.")
    weight: str = Field(description="The NHANES weight used.")
    expected: str = Field(description="The figure it is checked against, with the source.")


class EvidenceResult(Result):
    """`sleepmin evidence MINERAL --json`: NHANES 2017-2018 sleep answers against quartiles of
    day-1 intake, design-based, adjusted; with published results beside them."""

    mineral: MineralKey = Field(description="The mineral.")
    survey: str = Field(description="The survey cycle.")
    cuts_mg: list[float] = Field(
        description="The weighted quartile cut points of day-1 intake, mg (adults 20+)."
    )
    adjusted_for: list[str] = Field(description="What the odds ratios are adjusted for.")
    weights: str = Field(description="Weights, domain and variance method.")
    outcomes: list[EvidenceOutcome] = Field(description="One model per sleep outcome.")
    words: str = Field(description="What the numbers can and cannot say, in plain words.")
    published: list[PublishedResult] = Field(description="Published NHANES results beside ours.")
    checks: dict[str, SurveyEstimate] = Field(
        description="Figures recomputed to show the survey is read and weighted right."
    )
