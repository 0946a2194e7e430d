"""The knowledge base: schema, vocabulary, every citation resolves, foods exist in USDA data."""

from __future__ import annotations

import pytest

from sleepmin.foods.database import FoodDatabase
from sleepmin.knowledge.explain import amount_per_portion, article_claims_json, explain_json
from sleepmin.knowledge.kb import KnowledgeBase, KnowledgeError, check_knowledge, load_knowledge
from sleepmin.nutrients import Mineral

KB = load_knowledge()


def test_all_six_minerals_with_content() -> None:
    assert set(KB.minerals) == set(Mineral)
    for knowledge in KB.minerals.values():
        assert knowledge.mechanisms and knowledge.deficiency_signs and knowledge.risk_factors
        assert len(knowledge.food_sources) >= 4 and knowledge.claims


def test_every_citation_resolves_to_a_full_reference() -> None:
    for mineral in Mineral:
        data = explain_json(KB, mineral)
        ids = {r["id"] for r in data["references"]}
        for section in (
            "mechanisms",
            "sleep_symptoms",
            "deficiency_signs",
            "risk_factors",
            "food_sources",
            "claims",
        ):
            for entry in data[section]:
                assert entry["citations"] and set(entry["citations"]) <= ids
        for ref in data["references"]:
            assert ref["authors"] and ref["title"] and ref["year"]
            assert ref["doi"] or ref["pmid"] or ref["url"] or ref["journal"]


def test_a_dangling_citation_fails() -> None:
    magnesium = KB.minerals[Mineral.MAGNESIUM]
    broken_claim = magnesium.claims[0].model_copy(update={"citations": ["no_such_reference"]})
    broken = magnesium.model_copy(update={"claims": [broken_claim, *magnesium.claims[1:]]})
    kb = KnowledgeBase(
        minerals={**KB.minerals, Mineral.MAGNESIUM: broken},
        article=KB.article,
        references=KB.references,
    )
    with pytest.raises(
        KnowledgeError, match=r"citation 'no_such_reference' is not in references\.toml"
    ):
        check_knowledge(kb)


def test_honest_evidence_grades() -> None:
    assert KB.minerals[Mineral.COPPER].evidence_overall in ("none", "weak")
    assert KB.minerals[Mineral.POTASSIUM].evidence_overall in ("weak", "limited", "none")
    iron_links = {s.symptom: s.strength for s in KB.minerals[Mineral.IRON].sleep_symptoms}
    assert iron_links.get("restless_legs") == "strong"


def test_article_claims_cover_every_section_and_say_where_they_disagree() -> None:
    data = article_claims_json(KB)
    sections = {c["section"] for c in data["claims"]}
    assert {
        "magnesium",
        "iron",
        "zinc",
        "calcium",
        "potassium",
        "copper",
        "signs",
        "testing",
        "diet",
        "supplements",
        "lifestyle",
    } <= sections
    assert len(data["claims"]) >= 30
    assert any(c["disagrees"] for c in data["claims"] if c["section"] == "calcium")
    assert any(c["disagrees"] for c in data["claims"] if c["section"] == "potassium")
    assert set(data["grades"]) <= {"supported", "limited", "not_supported", "no_evidence_found"}


@pytest.mark.slow
def test_food_sources_exist_in_the_usda_data_with_their_portion(real_db: FoodDatabase) -> None:
    for mineral, knowledge in KB.minerals.items():
        for source in knowledge.food_sources:
            food = real_db.get(source.ndb).food
            assert source.portion in [p.description for p in food.portions], (source, food)
            amount = amount_per_portion(food, source.portion, mineral)
            assert amount is not None and amount > 0, source


@pytest.mark.slow
def test_amounts_are_per_mineral_even_for_a_shared_food(real_db: FoodDatabase) -> None:
    from sleepmin.knowledge.explain import food_source_amounts

    foods = {s.ndb: real_db.get(s.ndb).food for k in KB.minerals.values() for s in k.food_sources}
    amounts = food_source_amounts(KB, foods)
    shared = [
        (ndb, portion)
        for (mineral, ndb, portion) in amounts
        if mineral is Mineral.MAGNESIUM
        and any(m is not Mineral.MAGNESIUM and (n, p) == (ndb, portion) for m, n, p in amounts)
    ]
    assert shared, "expected a food listed for magnesium and another mineral"
    for ndb, portion in shared:
        food = foods[ndb]
        assert food is not None
        grams = next(p.grams for p in food.portions if p.description == portion)
        for mineral in Mineral:
            if (mineral, ndb, portion) in amounts:
                expected = food.nutrients[mineral.nutrient] * grams / 100
                assert amounts[(mineral, ndb, portion)] == pytest.approx(expected, abs=1e-3)
