"""Food suggestions: never above an Upper Limit (six minerals, preformed vitamin A) in one portion,
true to the diet pattern, no liver in pregnancy or for children, conditions respected.

The rules are checked on hand-made foods (fast) and, with hypothesis and an exhaustive sweep of
every DRI life stage, against the real USDA data (slow)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from sleepmin.foods.database import FoodDatabase
from sleepmin.foods.model import Food, Portion
from sleepmin.intake.targets import Diet, Profile, Sex, load_dri_table, personal_targets
from sleepmin.intake.vitamin_a import load_vitamin_a_table, vitamin_a_ul
from sleepmin.knowledge.kb import (
    DIET_KINDS,
    FoodSource,
    KnowledgeBase,
    KnowledgeError,
    check_knowledge,
    load_knowledge,
)
from sleepmin.knowledge.suggest import (
    ADULT_AGE,
    CONDITION_BLOCKS,
    FoodSuggestion,
    FoodSuggestions,
    Person,
    portion_factor,
    suggest_foods,
)
from sleepmin.nutrients import Mineral, Nutrient

KB = load_knowledge()
DRI = load_dri_table()
CONDITIONS = ("ckd", "hemochromatosis", "pregnancy", "wilson_disease", "kidney_stones")


def person(
    age: float,
    sex: Sex = Sex.FEMALE,
    *,
    diet: Diet = Diet.OMNIVORE,
    pregnant: bool = False,
    lactating: bool = False,
    conditions: tuple[str, ...] = (),
) -> Person:
    profile = Profile(age, sex, pregnant=pregnant, lactating=lactating, diet=diet)
    return Person(
        personal_targets(profile, DRI), vitamin_a_ul(profile).ul_ug, frozenset(conditions)
    )


# -- the vitamin A Upper Limit table ------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "sex", "pregnant", "lactating", "ul"),
    [
        (0.2, Sex.MALE, False, False, 600),
        (0.8, Sex.FEMALE, False, False, 600),
        (3, Sex.FEMALE, False, False, 600),
        (4, Sex.MALE, False, False, 900),
        (8.99, Sex.MALE, False, False, 900),
        (9, Sex.FEMALE, False, False, 1700),
        (14, Sex.MALE, False, False, 2800),
        (19, Sex.MALE, False, False, 3000),
        (85, Sex.FEMALE, False, False, 3000),
        (17, Sex.FEMALE, True, False, 2800),
        (30, Sex.FEMALE, True, False, 3000),
        (16, Sex.FEMALE, False, True, 2800),
        (45, Sex.FEMALE, False, True, 3000),
        (52, Sex.FEMALE, True, False, 3000),  # nearest pregnancy group (19-50 y)
    ],
)
def test_vitamin_a_upper_limit_by_life_stage(
    age: float, sex: Sex, pregnant: bool, lactating: bool, ul: float
) -> None:
    row = vitamin_a_ul(Profile(age, sex, pregnant=pregnant, lactating=lactating))
    assert row.ul_ug == ul
    assert row.source == "iom_2001" and row.source in KB.references
    assert "preformed" in row.applies_to


def test_vitamin_a_table_covers_every_age_without_gaps() -> None:
    rows = [r for r in load_vitamin_a_table() if not (r.pregnant or r.lactating)]
    rows.sort(key=lambda r: r.age_min)
    assert rows[0].age_min == 0 and rows[-1].age_max == math.inf
    assert all(a.age_max == b.age_min for a, b in itertools.pairwise(rows))


# -- the knowledge base's food sources ------------------------------------------------------


def test_every_mineral_has_three_sources_for_each_diet() -> None:
    for knowledge in KB.minerals.values():
        for kinds in DIET_KINDS.values():
            assert len([s for s in knowledge.food_sources if s.kind in kinds]) >= 3


def test_an_unknown_food_kind_is_refused() -> None:
    with pytest.raises(ValidationError, match="kind"):
        FoodSource.model_validate(
            {
                "food": "Tofu",
                "ndb": "16426",
                "portion": ".5 cup",
                "kind": "vegan",
                "citations": ["x"],
            }
        )
    with pytest.raises(ValidationError, match="kind"):
        FoodSource.model_validate(
            {"food": "Tofu", "ndb": "16426", "portion": ".5 cup", "citations": ["x"]}
        )


def test_too_few_vegan_sources_fail_the_check() -> None:
    zinc = KB.minerals[Mineral.ZINC]
    animal = [s for s in zinc.food_sources if s.kind != "plant"]
    kb = KnowledgeBase(
        minerals={**KB.minerals, Mineral.ZINC: zinc.model_copy(update={"food_sources": animal})},
        article=KB.article,
        references=KB.references,
    )
    with pytest.raises(KnowledgeError, match="zinc: only 0 food source"):
        check_knowledge(kb)


# -- rules on hand-made foods (fast) ----------------------------------------------------------


def _food(ndb: str, grams: float, **per_100g: float) -> Food:
    nutrients = {Nutrient(k): v for k, v in per_100g.items()}
    return Food(
        f"food {ndb}", "sr28-abbrev", ndb, nutrients=nutrients, portions=[Portion("1 x", grams)]
    )


_ALL = {"calcium_mg": 10.0, "iron_mg": 1.0, "zinc_mg": 1.0, "copper_mg": 0.1}


def _kb(*sources: FoodSource, mineral: Mineral = Mineral.IRON) -> KnowledgeBase:
    knowledge = KB.minerals[mineral].model_copy(update={"food_sources": list(sources)})
    return KB.model_copy(update={"minerals": {**KB.minerals, mineral: knowledge}})


def _source(ndb: str, kind: str, **extra: str) -> FoodSource:
    return FoodSource.model_validate(
        {
            "food": f"food {ndb}",
            "ndb": ndb,
            "portion": "1 x",
            "kind": kind,
            "citations": ["usda_sr28"],
        }
        | extra
    )


def test_organ_meat_with_unknown_retinol_is_left_out_even_for_an_adult_man() -> None:
    kb = _kb(_source("90001", "organ_meat"), _source("90002", "meat"), _source("90003", "plant"))
    foods = {n: _food(n, 50, **_ALL) for n in ("90001", "90002", "90003")}
    result = suggest_foods(Mineral.IRON, person(40, Sex.MALE), kb, foods)
    # organ meat and meat with unknown retinol go; a plant's unknown retinol is taken as none
    assert [s.ndb for s in result] == ["90003"]
    assert {e.ndb: e.reason for e in result.excluded} == {
        "90001": "unknown_amount",
        "90002": "unknown_amount",
    }


def test_a_portion_exactly_at_the_upper_limit_passes_and_above_it_does_not() -> None:
    kb = _kb(_source("90001", "meat"), _source("90002", "meat"))
    at_ul = _food("90001", 100, **(_ALL | {"iron_mg": 45.0, "retinol_ug": 3000.0}))
    above = _food("90002", 100, **(_ALL | {"copper_mg": 10.01, "retinol_ug": 0.0}))
    result = suggest_foods(Mineral.IRON, person(40, Sex.MALE), kb, {"90001": at_ul, "90002": above})
    assert [s.ndb for s in result] == ["90001"]
    assert (
        result.foods[0].note
        and "iron" in result.foods[0].note
        and "vitamin A" in result.foods[0].note
    )
    assert result.excluded[0].reason == "upper_limit" and "copper" in result.excluded[0].detail


def test_magnesium_in_food_is_not_held_to_the_supplement_upper_limit() -> None:
    kb = _kb(_source("90001", "plant"), mineral=Mineral.MAGNESIUM)
    seeds = _food("90001", 100, **(_ALL | {"magnesium_mg": 600.0}))  # UL 350 (supplements)
    result = suggest_foods(Mineral.MAGNESIUM, person(40), kb, {"90001": seeds})
    assert [s.amount_mg for s in result] == [600.0]


def test_a_mineral_amount_not_reported_leaves_the_food_out() -> None:
    kb = _kb(_source("90001", "plant"))
    food = _food("90001", 100, iron_mg=3.0, calcium_mg=10.0, copper_mg=0.1)  # zinc missing
    result = suggest_foods(Mineral.IRON, person(40), kb, {"90001": food})
    assert not result and result.withheld and result.withheld.reason == "none_suitable"
    assert result.excluded[0].detail == "zinc is not reported"


def test_children_get_a_fraction_of_the_adult_portion() -> None:
    kb = _kb(_source("90001", "plant"))
    foods = {"90001": _food("90001", 200, **_ALL)}
    for age, share, text in ((2, 0.25, "1/4 of 1 x"), (6, 0.5, "1/2 of 1 x"), (10, 1, "1 x")):
        (suggestion,) = suggest_foods(Mineral.IRON, person(age), kb, foods)
        assert (suggestion.portion, suggestion.grams) == (text, 200 * share)
        assert suggestion.amount_mg == pytest.approx(2 * share)
    assert portion_factor(0.99) is None


def test_under_four_no_whole_nuts_and_nut_butter_spread_thinly() -> None:
    kb = _kb(
        _source("90001", "plant", choking="whole_nuts_seeds"),
        _source("90002", "plant", choking="nut_butter"),
        _source("90003", "dairy", choking="chunks"),
    )
    foods = {n: _food(n, 30, **(_ALL | {"retinol_ug": 0.0})) for n in ("90001", "90002", "90003")}
    toddler = suggest_foods(Mineral.IRON, person(3), kb, foods)
    assert [s.ndb for s in toddler] == ["90002", "90003"]
    assert toddler.foods[0].note and "spread thinly" in toddler.foods[0].note
    assert toddler.foods[1].note and "small, thin pieces" in toddler.foods[1].note
    assert toddler.excluded[0].reason == "choking"
    older = suggest_foods(Mineral.IRON, person(4), kb, foods)
    assert [s.ndb for s in older] == ["90001", "90002", "90003"]
    assert all(s.note is None for s in older)


def test_without_food_data_only_plant_foods_for_adults() -> None:
    kb = _kb(_source("90001", "meat"), _source("90002", "plant"))
    adult = suggest_foods(Mineral.IRON, person(40), kb, {})
    assert [(s.ndb, s.grams, s.amount_mg) for s in adult] == [("90002", None, None)]
    assert adult.foods[0].note and "not installed" in adult.foods[0].note
    child = suggest_foods(Mineral.IRON, person(12), kb, {"90002": None})
    assert not child and child.withheld and child.withheld.reason == "no_food_data"
    assert "not installed: install it to see foods" in child.withheld.message


@pytest.mark.parametrize(("condition", "mineral"), list(CONDITION_BLOCKS.items()))
def test_a_condition_withholds_its_mineral_with_a_reason(condition: str, mineral: Mineral) -> None:
    result = suggest_foods(mineral, person(50, conditions=(condition,)), KB, {})
    assert not result and list(result) == []
    assert result.withheld is not None and result.withheld.reason == condition
    assert result.withheld.citations and set(result.withheld.citations) <= set(KB.references)


def test_ckd_says_ask_your_kidney_team() -> None:
    result = suggest_foods(Mineral.POTASSIUM, person(60, conditions=("ckd",)), KB, {})
    assert result.withheld and "kidney team" in result.withheld.message


def test_infants_get_a_reason_not_foods() -> None:
    result = suggest_foods(Mineral.IRON, person(0.75), KB, {})
    assert result.withheld and result.withheld.reason == "infant"


def test_limit() -> None:
    assert len(suggest_foods(Mineral.POTASSIUM, person(40), KB, {}, limit=5)) == 5
    with pytest.raises(ValueError, match="limit"):
        suggest_foods(Mineral.POTASSIUM, person(40), KB, {}, limit=0)


# -- the real USDA data (slow) ----------------------------------------------------------------


@pytest.fixture(scope="module")
def kb_foods(real_db: FoodDatabase) -> dict[str, Food | None]:
    return {s.ndb: real_db.get(s.ndb).food for k in KB.minerals.values() for s in k.food_sources}


def _sources() -> dict[tuple[Mineral, str], FoodSource]:
    return {(m, s.ndb): s for m, k in KB.minerals.items() for s in k.food_sources}


SOURCES = _sources()


def check_invariants(
    who: Person, result: FoodSuggestions, foods: Mapping[str, Food | None]
) -> None:
    """Everything a suggestion must satisfy, recomputed from the USDA values."""
    profile = who.targets.profile
    for condition, blocked in CONDITION_BLOCKS.items():
        if condition in who.conditions and result.mineral is blocked:
            assert not result and result.withheld and result.withheld.reason == condition
    if profile.age_years < 1:  # the infant reason, or a condition's, which comes first
        assert not result and result.withheld
    for suggestion in result:
        _check_one(who, suggestion, foods)


def _check_one(who: Person, suggestion: FoodSuggestion, foods: Mapping[str, Food | None]) -> None:
    profile = who.targets.profile
    source = SOURCES[(suggestion.mineral, suggestion.ndb)]
    assert suggestion.kind == source.kind
    assert source.kind in DIET_KINDS[profile.diet.value], (profile.diet, source)
    if who.pregnant or profile.age_years < ADULT_AGE:
        assert source.kind != "organ_meat", suggestion
    if profile.age_years < 4:
        assert source.choking != "whole_nuts_seeds", suggestion
    for condition, blocked in CONDITION_BLOCKS.items():
        if condition in who.conditions:
            assert (blocked, suggestion.ndb) not in SOURCES, (condition, suggestion)
    if "wilson_disease" in who.conditions:
        assert source.kind not in ("shellfish", "organ_meat"), suggestion
    food = foods.get(suggestion.ndb)
    if food is None:  # not installed: plant foods for adults only, no amounts
        assert source.kind == "plant" and profile.age_years >= ADULT_AGE
        assert "ckd" not in who.conditions  # potassium cannot be checked
        assert suggestion.grams is None and suggestion.amount_mg is None
        return
    adult = next(p.grams for p in food.portions if p.description == source.portion)
    factor = portion_factor(profile.age_years)
    assert factor is not None
    grams = adult * factor
    assert suggestion.grams == pytest.approx(grams, abs=0.006)
    if "ckd" in who.conditions:  # kidney disease: no high-potassium portion (> 200 mg)
        assert food.nutrients[Nutrient.POTASSIUM_MG] * grams / 100 <= 200, suggestion
    for mineral in Mineral:
        target = who.targets.minerals[mineral]
        if target.ul_mg is not None and target.ul_counts_food:
            assert food.nutrients[mineral.nutrient] * grams / 100 <= target.ul_mg, (
                suggestion,
                mineral,
            )
    retinol = food.nutrients.get(Nutrient.RETINOL_UG)
    if retinol is None:
        assert source.kind == "plant", suggestion
    else:
        assert retinol * grams / 100 <= who.vitamin_a_ul_ug, suggestion
    expected = food.nutrients[suggestion.mineral.nutrient] * grams / 100
    assert suggestion.amount_mg == pytest.approx(expected, abs=1e-3)


Spec = tuple[float, Sex, Diet, str, tuple[str, ...]]


@st.composite
def people(draw: st.DrawFn) -> Spec:
    """(age, sex, diet, none|pregnant|lactating, conditions): small, so failures read well."""
    sex = draw(st.sampled_from(Sex))
    states = ["none", "pregnant", "lactating"] if sex is Sex.FEMALE else ["none"]
    state = draw(st.sampled_from(states))
    if state == "none":
        edges = st.sampled_from([0.0, 1.0, 3.99, 4.0, 8.99, 9.0, 18.99, 19.0, 70.0, 71.0])
        age = draw(st.floats(0, 100, allow_nan=False) | edges)
    else:
        age = draw(st.floats(14, 50, allow_nan=False))
    conditions = tuple(sorted(draw(st.sets(st.sampled_from(CONDITIONS)))))
    return age, sex, draw(st.sampled_from(Diet)), state, conditions


@pytest.mark.slow
@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(spec=people(), installed=st.booleans())
def test_no_suggestion_ever_breaks_a_rule(
    spec: Spec, installed: bool, kb_foods: dict[str, Food | None]
) -> None:
    age, sex, diet, state, conditions = spec
    who = person(
        age,
        sex,
        diet=diet,
        pregnant=state == "pregnant",
        lactating=state == "lactating",
        conditions=conditions,
    )
    foods = kb_foods if installed else {}
    for mineral in Mineral:
        check_invariants(who, suggest_foods(mineral, who, KB, foods, limit=10), foods)


def _every_life_stage() -> Iterator[Person]:
    """Both ends of every DRI life-stage group, each sex, diet and pregnancy/lactation state,
    with no condition, each condition, and all of them."""
    condition_sets: list[tuple[str, ...]] = [(), *((c,) for c in CONDITIONS), CONDITIONS]
    for row in DRI:
        if row.mineral is not Mineral.IRON:  # one row per life stage is enough
            continue
        top = 100.0 if math.isinf(row.age_max) else row.age_max - 0.01
        for age in (row.age_min, top):
            sexes = [Sex.FEMALE] if row.pregnant or row.lactating else list(Sex)
            for sex in sexes if row.sex == "both" else [Sex(row.sex)]:
                for diet in Diet:
                    for conditions in condition_sets:
                        yield person(
                            age,
                            sex,
                            diet=diet,
                            pregnant=row.pregnant,
                            lactating=row.lactating,
                            conditions=conditions,
                        )


@pytest.mark.slow
def test_every_life_stage_diet_and_condition(kb_foods: dict[str, Food | None]) -> None:
    checked = 0
    for who in _every_life_stage():
        for mineral in Mineral:
            check_invariants(who, suggest_foods(mineral, who, KB, kb_foods, limit=20), kb_foods)
            checked += 1
    assert checked > 3000


@pytest.mark.slow
def test_pregnant_woman_iron_gets_no_liver(kb_foods: dict[str, Food | None]) -> None:
    result = suggest_foods(Mineral.IRON, person(30, pregnant=True), KB, kb_foods, limit=20)
    assert "13326" not in [s.ndb for s in result]
    assert ("13326", "organ_meat") in [(e.ndb, e.reason) for e in result.excluded]
    assert [s.food for s in result][:3] == [
        "Beef, lean, cooked",
        "Lentils, boiled",
        "Tofu, regular, made with calcium sulfate",
    ]


@pytest.mark.slow
def test_liver_is_above_the_vitamin_a_limit_even_for_an_adult_man(
    kb_foods: dict[str, Food | None],
) -> None:
    result = suggest_foods(Mineral.COPPER, person(40, Sex.MALE), KB, kb_foods, limit=20)
    assert "13326" not in [s.ndb for s in result]
    (liver,) = [e for e in result.excluded if e.ndb == "13326"]
    assert liver.reason == "upper_limit"
    assert "vitamin A 6,411 µg" in liver.detail and "3,000 µg" in liver.detail


@pytest.mark.slow
@pytest.mark.parametrize("mineral", [Mineral.CALCIUM, Mineral.IRON, Mineral.ZINC])
def test_vegan_three_year_old_gets_small_plant_portions(
    mineral: Mineral, kb_foods: dict[str, Food | None]
) -> None:
    who = person(3, Sex.MALE, diet=Diet.VEGAN)
    result = suggest_foods(mineral, who, KB, kb_foods)
    assert len(result) == 3
    for suggestion in result:
        assert suggestion.kind == "plant"
        assert suggestion.portion.startswith("1/4 of ")
        assert suggestion.grams is not None and suggestion.grams <= 62  # a quarter of a cup at most
        assert suggestion.amount_mg is not None and suggestion.amount_mg > 0
    foods = {s.food for s in result}
    assert not foods & {"Milk, 2% fat", "Cheddar cheese", "Beef, lean, cooked"}
    assert not any("Oysters" in f or "seed" in f.lower() for f in foods)


@pytest.mark.slow
def test_three_year_old_omnivore_copper_stays_below_the_child_limit(
    kb_foods: dict[str, Food | None],
) -> None:
    who = person(3, Sex.FEMALE)
    result = suggest_foods(Mineral.COPPER, who, KB, kb_foods, limit=20)
    assert result and "13326" not in [s.ndb for s in result]
    assert all(s.amount_mg is not None and s.amount_mg <= 1.0 for s in result)  # UL 1,000 µg


@pytest.mark.slow
def test_hemochromatosis_no_iron_and_no_liver_for_other_minerals(
    kb_foods: dict[str, Food | None],
) -> None:
    who = person(55, Sex.MALE, conditions=("hemochromatosis",))
    assert not suggest_foods(Mineral.IRON, who, KB, kb_foods)
    iron_sources = {s.ndb for s in KB.minerals[Mineral.IRON].food_sources}
    for mineral in Mineral:
        for suggestion in suggest_foods(mineral, who, KB, kb_foods, limit=20):
            assert suggestion.ndb not in iron_sources and suggestion.kind != "organ_meat"


@pytest.mark.slow
def test_plant_sources_are_safe_for_any_adult_without_checking(
    kb_foods: dict[str, Food | None],
) -> None:
    """Rule 7 rests on this: an adult portion of every plant source stays within the lowest Upper
    Limit of any adult life stage, for each mineral and for preformed vitamin A."""
    adult_rows = [r for r in DRI if r.age_min >= ADULT_AGE and r.ul_mg is not None]
    lowest = {
        m: min(r.ul_mg for r in adult_rows if r.mineral is m and r.ul_mg is not None)
        for m in Mineral
        if m is not Mineral.MAGNESIUM and any(r.mineral is m for r in adult_rows)
    }
    vitamin_a = min(r.ul_ug for r in load_vitamin_a_table() if r.age_min >= ADULT_AGE)
    for (_, ndb), source in SOURCES.items():
        if source.kind != "plant":
            continue
        food = kb_foods[ndb]
        assert food is not None
        grams = next(p.grams for p in food.portions if p.description == source.portion)
        for mineral, ul in lowest.items():
            assert food.nutrients.get(mineral.nutrient, 0) * grams / 100 <= ul / 2, (ndb, mineral)
        assert food.nutrients.get(Nutrient.RETINOL_UG, 0) * grams / 100 <= vitamin_a / 2, ndb


@pytest.mark.slow
def test_food_kinds_match_the_usda_food_groups(kb_foods: dict[str, Food | None]) -> None:
    groups = {
        "plant": {
            "Vegetables and Vegetable Products",
            "Legumes and Legume Products",
            "Nut and Seed Products",
            "Fruits and Fruit Juices",
            "Cereal Grains and Pasta",
            "Breakfast Cereals",
            "Sweets",
        },
        "dairy": {"Dairy and Egg Products"},
        "egg": {"Dairy and Egg Products"},
        "fish": {"Finfish and Shellfish Products"},
        "shellfish": {"Finfish and Shellfish Products"},
        "meat": {"Beef Products", "Pork Products", "Lamb, Veal, and Game Products"},
        "organ_meat": {"Beef Products", "Pork Products", "Poultry Products"},
    }
    for source in SOURCES.values():
        food = kb_foods[source.ndb]
        assert food is not None and food.food_group in groups[source.kind], (source, food)
    organ = [s for s in SOURCES.values() if s.kind == "organ_meat"]
    assert organ and all("liver" in s.food.lower() for s in organ)
