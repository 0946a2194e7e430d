"""`sleepmin explain`: a mineral's knowledge, or the graded article claims, as JSON-ready dicts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sleepmin.errors import SleepminError
from sleepmin.foods.database import FoodDatabase
from sleepmin.foods.model import Food
from sleepmin.knowledge.kb import KnowledgeBase
from sleepmin.nutrients import Mineral, Nutrient
from sleepmin.references import Reference, reference_json


def amount_per_portion(food: Food, portion: str, mineral: Mineral) -> float | None:
    """mg of the mineral in the named USDA measure of the food (None if not reported)."""
    per_100g = food.nutrients.get(mineral.nutrient)
    grams = next((p.grams for p in food.portions if p.description == portion), None)
    if per_100g is None or grams is None:
        return None
    return round(per_100g * grams / 100, 3)


def _retinol_per_portion(food: Food, portion: str) -> float | None:
    """µg of preformed vitamin A (retinol) in the named USDA measure (None if not reported)."""
    per_100g = food.nutrients.get(Nutrient.RETINOL_UG)
    grams = next((p.grams for p in food.portions if p.description == portion), None)
    if per_100g is None or grams is None:
        return None
    return round(per_100g * grams / 100, 1)


FoodAmounts = dict[tuple[Mineral, str, str], float | None]


def installed_foods(kb: KnowledgeBase, db: FoodDatabase) -> dict[str, Food | None]:
    """The knowledge base's food sources as installed USDA foods (None where one is missing)."""
    found: dict[str, Food | None] = {}
    for knowledge in kb.minerals.values():
        for source in knowledge.food_sources:
            if source.ndb not in found:
                try:
                    found[source.ndb] = db.get(source.ndb).food
                except SleepminError:
                    found[source.ndb] = None
    return found


def food_source_amounts(kb: KnowledgeBase, foods: Mapping[str, Food | None]) -> FoodAmounts:
    """mg of each mineral in each of its food sources' portions, keyed by mineral as well:
    the same food (pumpkin seeds) is a source of several minerals."""
    amounts: FoodAmounts = {}
    for mineral, knowledge in kb.minerals.items():
        for source in knowledge.food_sources:
            food = foods.get(source.ndb)
            amounts[(mineral, source.ndb, source.portion)] = (
                amount_per_portion(food, source.portion, mineral) if food else None
            )
    return amounts


def explain_json(
    kb: KnowledgeBase, mineral: Mineral, foods: dict[str, Food | None] | None = None
) -> dict[str, Any]:
    """``foods`` maps NDB number → the installed food (or None), to give amounts per portion."""
    k = kb.minerals[mineral]
    cited: dict[str, Reference] = {}

    def refs(ids: list[str]) -> list[str]:
        for i in ids:
            cited[i] = kb.references[i]
        return list(ids)

    food_rows = []
    for source in k.food_sources:
        food = (foods or {}).get(source.ndb)
        food_rows.append(
            {
                "food": source.food,
                "kind": source.kind,
                "ndb_number": source.ndb,
                "portion": source.portion,
                "description": food.description if food else None,
                "amount_mg": amount_per_portion(food, source.portion, mineral) if food else None,
                "retinol_ug": _retinol_per_portion(food, source.portion) if food else None,
                "in_food_database": food is not None,
                "citations": refs(source.citations),
            }
        )
    return {
        "mineral": mineral.value,
        "summary": k.summary,
        "evidence_overall": k.evidence_overall,
        "mechanisms": [{"text": m.text, "citations": refs(m.citations)} for m in k.mechanisms],
        "sleep_symptoms": [
            {
                "symptom": s.symptom,
                "text": s.text,
                "strength": s.strength,
                "citations": refs(s.citations),
            }
            for s in k.sleep_symptoms
        ],
        "deficiency_signs": [
            {"sign": s.sign, "text": s.text, "strength": s.strength, "citations": refs(s.citations)}
            for s in k.deficiency_signs
        ],
        "risk_factors": [
            {
                "factor": r.factor,
                "text": r.text,
                "strength": r.strength,
                "citations": refs(r.citations),
            }
            for r in k.risk_factors
        ],
        "food_sources": food_rows,
        "claims": [
            {"id": c.id, "text": c.text, "grade": c.grade, "citations": refs(c.citations)}
            for c in k.claims
        ],
        "references": [reference_json(r) for _, r in sorted(cited.items())],
    }


def article_claims_json(kb: KnowledgeBase) -> dict[str, Any]:
    cited = sorted({c for claim in kb.article for c in claim.citations})
    grades: dict[str, int] = {}
    for claim in kb.article:
        grades[claim.grade] = grades.get(claim.grade, 0) + 1
    return {
        "source": "Mineral Deficiencies That Cause Insomnia (the article sleepmin was created "
        "from)",
        "claims": [
            {
                "id": c.id,
                "section": c.section,
                "article_says": c.article_says,
                "grade": c.grade,
                "assessment": c.assessment,
                "disagrees": c.disagrees,
                "citations": list(c.citations),
            }
            for c in kb.article
        ],
        "grades": grades,
        "references": [reference_json(kb.references[i]) for i in cited],
    }
