"""Load and validate the knowledge base (package data ``data/knowledge/*.yaml``).

Validated on load: the schema (pydantic, unknown keys refused), the vocabularies (an unknown food
``kind`` is refused), unique claim ids, that every citation resolves to a full reference in
``references.toml``, and that each mineral lists enough food sources for vegan and vegetarian diets.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from sleepmin.nutrients import Mineral
from sleepmin.references import Reference, load_references
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


class _Cited(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    citations: list[str] = Field(min_length=1)


class Mechanism(_Cited):
    text: str


class Sign(_Cited):
    sign: str | None
    text: str
    strength: Strength


class SleepLink(_Cited):
    symptom: SleepSymptom
    text: str
    strength: Strength


class RiskFactor(_Cited):
    factor: str | None
    text: str
    strength: Strength


"""What a food is, which decides the diet patterns it fits (see :data:`DIET_KINDS`)."""

Choking = Literal["whole_nuts_seeds", "nut_butter", "chunks"]
"""Choking hazards for children under 4 (AAP 2010, doi:10.1542/peds.2009-2862): whole nuts and
seeds are left out; nut and seed butters are spread thinly; cheese and meat are cut small."""

DIET_KINDS: dict[str, frozenset[str]] = {
    "omnivore": frozenset({"plant", "dairy", "egg", "fish", "shellfish", "meat", "organ_meat"}),
    "vegetarian": frozenset({"plant", "dairy", "egg"}),
    "vegan": frozenset({"plant"}),
}
"""The food kinds each diet pattern eats (keys are :class:`sleepmin.intake.targets.Diet` values)."""

MIN_SOURCES_PER_DIET = 3


class FoodSource(_Cited):
    food: str
    ndb: str
    portion: str  # an adult portion: one of the food's USDA household measures, as worded there
    kind: FoodKind
    choking: Choking | None = None
    oxalate: Literal["high"] | None = None  # left out with kidney stones (calcium oxalate)


class Claim(_Cited):
    id: str
    text: str
    grade: Grade


class MineralKnowledge(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    mineral: Mineral
    summary: str
    evidence_overall: OverallEvidence
    mechanisms: list[Mechanism]
    deficiency_signs: list[Sign]
    sleep_symptoms: list[SleepLink]
    risk_factors: list[RiskFactor]
    food_sources: list[FoodSource]
    claims: list[Claim]


class ArticleClaim(_Cited):
    id: str
    section: ArticleSection
    article_says: str
    grade: Grade
    assessment: str
    disagrees: bool


class ArticleClaims(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    claims: list[ArticleClaim]


class KnowledgeBase(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)
    minerals: dict[Mineral, MineralKnowledge]
    article: list[ArticleClaim]
    references: dict[str, Reference]

    def cited(self, ids: list[str] | tuple[str, ...]) -> list[Reference]:
        return [self.references[i] for i in ids]


class KnowledgeError(ValueError):
    """The shipped knowledge base is inconsistent (a packaging bug, caught by the tests)."""


def _read(name: str) -> object:
    folder = resources.files("sleepmin.data").joinpath("knowledge")
    text = folder.joinpath(name).read_text("utf-8")
    return yaml.safe_load(text)


@functools.cache
def load_knowledge() -> KnowledgeBase:
    references = load_references()
    minerals = {m: MineralKnowledge.model_validate(_read(f"{m.value}.yaml")) for m in Mineral}
    article = ArticleClaims.model_validate(_read("article_claims.yaml")).claims
    kb = KnowledgeBase(minerals=minerals, article=article, references=references)
    check_knowledge(kb)
    return kb


def check_knowledge(kb: KnowledgeBase) -> None:
    problems: list[str] = []
    seen: set[str] = set()
    for mineral, knowledge in kb.minerals.items():
        if knowledge.mineral is not mineral:
            problems.append(f"{mineral.value}.yaml says mineral {knowledge.mineral.value}")
        entries: list[_Cited] = [
            *knowledge.mechanisms,
            *knowledge.deficiency_signs,
            *knowledge.sleep_symptoms,
            *knowledge.risk_factors,
            *knowledge.food_sources,
            *knowledge.claims,
        ]
        for sign in knowledge.deficiency_signs:
            if sign.sign is not None and sign.sign not in SIGNS:
                problems.append(f"{mineral.value}: unknown sign {sign.sign!r}")
        for risk in knowledge.risk_factors:
            if risk.factor is not None and risk.factor not in RISK_FACTORS:
                problems.append(f"{mineral.value}: unknown risk factor {risk.factor!r}")
        for claim in knowledge.claims:
            problems.extend(_unique(claim.id, seen))
        for diet, kinds in DIET_KINDS.items():
            fitting = [s for s in knowledge.food_sources if s.kind in kinds]
            if len(fitting) < MIN_SOURCES_PER_DIET:
                problems.append(
                    f"{mineral.value}: only {len(fitting)} food source(s) fit a {diet} diet, "
                    f"at least {MIN_SOURCES_PER_DIET} are needed"
                )
        problems.extend(_dangling(mineral.value, entries, kb.references))
    for article_claim in kb.article:
        problems.extend(_unique(article_claim.id, seen))
    problems.extend(_dangling("article_claims", list(kb.article), kb.references))
    if problems:
        raise KnowledgeError("knowledge base: " + "; ".join(problems))


def _unique(claim_id: str, seen: set[str]) -> list[str]:
    if claim_id in seen:
        return [f"claim id {claim_id!r} is used twice"]
    seen.add(claim_id)
    return []


def _dangling(where: str, entries: list[_Cited], references: dict[str, Reference]) -> list[str]:
    return [
        f"{where}: citation {c!r} is not in references.toml"
        for entry in entries
        for c in entry.citations
        if c not in references
    ]
