"""What sleepmin knows, as typed models: `sleepmin explain MINERAL --json` and
`sleepmin explain --claims --json` (docs/cli.md). The shapes are those of
``knowledge.explain`` (``explain_json``, ``article_claims_json``); the value sets are those the
knowledge base is validated against (``knowledge.kb``, ``vocabulary``)."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, WithJsonSchema

from sleepmin.results.base import Result
from sleepmin.results.common import Citation, MineralName
from sleepmin.vocabulary import (
    RISK_FACTORS,
    SIGNS,
    ArticleSection,
    FoodKind,
    Grade,
    OverallEvidence,
    SleepSymptom,
    Strength,
)


def _one_of(vocabulary: dict[str, str], kind: str) -> AfterValidator:
    def check(word: str) -> str:
        if word not in vocabulary:
            raise ValueError(f"{word!r} is not a known {kind}")
        return word

    return AfterValidator(check)


# A sign or a risk factor is a word of the shared vocabulary (the knowledge base is checked
# against it on load); the schema lists the words, so it grows with the vocabulary.
SignWord = Annotated[
    str,
    _one_of(SIGNS, "sign"),
    WithJsonSchema({"type": "string", "enum": list(SIGNS)}),
]
RiskFactorWord = Annotated[
    str,
    _one_of(RISK_FACTORS, "risk factor"),
    WithJsonSchema({"type": "string", "enum": list(RISK_FACTORS)}),
]

_CITATIONS = "The ids of its sources; each is in `references`."


class ExplainedMechanism(Result):
    """How the mineral acts on sleep."""

    text: str = Field(description="The mechanism.")
    citations: list[str] = Field(min_length=1, description=_CITATIONS)


class ExplainedSleepLink(Result):
    """A sleep symptom the mineral is linked with."""

    symptom: SleepSymptom = Field(description="The sleep symptom.")
    text: str = Field(description="The link, as the evidence gives it.")
    strength: Strength = Field(description="How strong the evidence for the link is.")
    citations: list[str] = Field(min_length=1, description=_CITATIONS)


class ExplainedSign(Result):
    """A sign of low levels a person may notice."""

    sign: SignWord | None = Field(
        description="The sign's word in the shared vocabulary; null for one the questionnaire "
        "does not ask about."
    )
    text: str = Field(description="The sign, described.")
    strength: Strength = Field(description="How strong the evidence for the sign is.")
    citations: list[str] = Field(min_length=1, description=_CITATIONS)


class ExplainedRiskFactor(Result):
    """Who is more likely to be low."""

    factor: RiskFactorWord | None = Field(
        description="The risk factor's word in the shared vocabulary; null for one the "
        "questionnaire does not ask about."
    )
    text: str = Field(description="The risk factor, described.")
    strength: Strength = Field(description="How strong the evidence for it is.")
    citations: list[str] = Field(min_length=1, description=_CITATIONS)


class ExplainedFoodSource(Result):
    """A food rich in the mineral, in an adult portion."""

    food: str = Field(description="The food, in everyday words.")
    kind: FoodKind = Field(description="What the food is, which decides the diets it fits.")
    ndb_number: str = Field(description="Its SR NDB number (5 digits, leading zeros).")
    portion: str = Field(description="The USDA household measure, as worded there.")
    description: str | None = Field(
        description="USDA's description of the food; null when the food database is not installed."
    )
    amount_mg: float | None = Field(
        description="The mineral in that portion, mg (3 decimals); null when the food database "
        "is not installed or the food does not report it."
    )
    retinol_ug: float | None = Field(
        description="Preformed vitamin A in that portion, µg (1 decimal); null when not "
        "installed or not reported."
    )
    in_food_database: bool = Field(description="Whether the food is in the installed database.")
    citations: list[str] = Field(min_length=1, description=_CITATIONS)


class ExplainedClaim(Result):
    """A claim about the mineral and sleep, graded against the evidence."""

    id: str = Field(description="The claim's id, unique across the knowledge base.")
    text: str = Field(description="The claim.")
    grade: Grade = Field(description="How well the evidence supports it.")
    citations: list[str] = Field(min_length=1, description=_CITATIONS)


class MineralExplanation(Result):
    """`sleepmin explain MINERAL --json`: what sleepmin knows about a mineral and sleep."""

    mineral: MineralName = Field(description="The mineral.")
    summary: str = Field(description="The evidence in a few sentences.")
    evidence_overall: OverallEvidence = Field(
        description="How strong the evidence linking the mineral to sleep is overall."
    )
    mechanisms: list[ExplainedMechanism] = Field(description="How it acts on sleep.")
    sleep_symptoms: list[ExplainedSleepLink] = Field(
        description="The sleep symptoms it is linked with."
    )
    deficiency_signs: list[ExplainedSign] = Field(description="Signs of low levels.")
    risk_factors: list[ExplainedRiskFactor] = Field(description="Who is more likely to be low.")
    food_sources: list[ExplainedFoodSource] = Field(
        description="Foods rich in it, with amounts from the installed food database."
    )
    claims: list[ExplainedClaim] = Field(description="Claims about it, graded.")
    references: list[Citation] = Field(
        description="Every reference cited above, by id (alphabetical)."
    )


class GradedArticleClaim(Result):
    """A claim of the article sleepmin was created from, graded against the evidence."""

    id: str = Field(description="The claim's id, unique across the knowledge base.")
    section: ArticleSection = Field(description="The part of the article it is from.")
    article_says: str = Field(description="What the article says.")
    grade: Grade = Field(description="How well the evidence supports it.")
    assessment: str = Field(description="What the evidence says, in brief.")
    disagrees: bool = Field(description="Whether sleepmin disagrees with the article here.")
    citations: list[str] = Field(min_length=1, description=_CITATIONS)


class ArticleClaims(Result):
    """`sleepmin explain --claims --json`: every claim of the source article, graded."""

    source: str = Field(description="The article the claims are from.")
    claims: list[GradedArticleClaim] = Field(description="The claims, in the article's order.")
    grades: dict[Grade, int] = Field(
        description="How many claims have each grade, in the order the grades first occur."
    )
    references: list[Citation] = Field(
        description="Every reference cited by a claim, by id (alphabetical)."
    )
