"""Food suggestions a person can safely act on: pure, no I/O.

The knowledge base lists each mineral's food sources, best first, each with its kind (plant, dairy,
egg, fish, shellfish, meat, organ_meat) and an adult portion that is one of the food's USDA
household measures. :func:`suggest_foods` keeps those that fit the person and returns the first
``limit``. The rules (docs/food-suggestions.md gives their sources):

1. A condition that makes a mineral harmful withholds that mineral's foods altogether, with a
   reason to show instead: ``hemochromatosis`` → iron, ``wilson_disease`` → copper, ``ckd`` →
   potassium. Foods the knowledge base lists as sources of the withheld mineral are then left out
   of every other mineral's suggestions too, and so are liver and other organ meat (with either
   overload condition) and shellfish (Wilson disease: rich in copper).
2. Infants (under 1 year) get no suggestions: breast milk or formula and the baby's own clinician
   decide their food.
3. The diet pattern: vegan eats plant foods only; vegetarian plant, dairy and egg.
4. No liver or other organ meat in pregnancy (profile or condition ``pregnancy``) or for children
   and adolescents (under 19), whatever the amounts.
5. Children's portions are a fraction of the adult portion: 1/4 at 1-3 years, 1/2 at 4-8 years
   (pediatric dietitians' toddler and preschool servings: 1/4 to 1/2 of an adult serving), the
   adult portion from 9 years. Under 4, whole nuts and seeds are left out and nut butters and
   cheese get a preparation note (AAP choking prevention).
6. One portion never exceeds the person's Upper Limit for any of the six minerals whose UL counts
   food (magnesium's UL covers supplements only; potassium has none), nor the preformed vitamin A
   (retinol) UL. A food whose amount of any of these is not reported is left out, except that a
   plant food's unknown retinol is taken as none: plants hold no preformed vitamin A (their
   carotenoids are not covered by the UL). Liver and other organ meat with unknown retinol are
   always left out. A portion above half of a UL gets a note.
7. Foods not installed (the USDA data missing, or a food absent from it): nothing can be checked,
   so such a food is suggested only to adults (19+) and only if it is a plant food, without an
   amount. Adult portions of the knowledge base's plant foods stay far below every adult UL; a
   test checks that against the USDA data. Everyone else gets a ``no_food_data`` reason instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from sleepmin.foods.model import Food
from sleepmin.intake.targets import Targets
from sleepmin.knowledge.kb import DIET_KINDS, FoodSource, KnowledgeBase
from sleepmin.nutrients import Mineral, Nutrient
from sleepmin.vocabulary import FoodKind

CONDITION_BLOCKS: dict[str, Mineral] = {
    "hemochromatosis": Mineral.IRON,
    "wilson_disease": Mineral.COPPER,
    "ckd": Mineral.POTASSIUM,
}
"""Condition word (``sleepmin safety check --condition`` vocabulary) → the mineral whose foods are
withheld. Other words are accepted and do not change suggestions."""

CONDITION_KINDS: dict[str, frozenset[str]] = {
    "hemochromatosis": frozenset({"organ_meat"}),
    "wilson_disease": frozenset({"organ_meat", "shellfish"}),
}
"""Food kinds left out of every suggestion with a condition, beside the withheld mineral's own
listed sources: liver is rich in iron and copper, shellfish in copper."""

ADULT_AGE = 19.0  # the DRI adult groups start at 19 y
# With kidney disease, a portion above this much potassium counts as a high-potassium food
# (the 200 mg-per-serving line of kidney diet education; cupisti_2018_potassium).
CKD_POTASSIUM_PER_PORTION_MG = 200.0
CHOKING_AGE = 4.0  # AAP: no whole nuts or seeds before 4 years
HIGH_SHARE_OF_UL = 0.5

WithheldReason = Literal[
    "hemochromatosis", "wilson_disease", "ckd", "infant", "no_food_data", "none_suitable"
]
ExclusionReason = Literal[
    "condition", "diet", "organ_meat", "choking", "upper_limit", "unknown_amount", "no_food_data"
]

_CONDITION_REASON: dict[str, WithheldReason] = {
    "hemochromatosis": "hemochromatosis",
    "wilson_disease": "wilson_disease",
    "ckd": "ckd",
}

_WITHHELD: dict[WithheldReason, tuple[str, tuple[str, ...]]] = {
    "hemochromatosis": (
        "No iron foods: with haemochromatosis or known iron overload, extra iron can harm. "
        "Ask your doctor or liver team before changing what you eat.",
        ("easl_2022_hemochromatosis",),
    ),
    "wilson_disease": (
        "No copper foods: with Wilson disease copper has to be kept low. Follow the diet your "
        "specialist team gave you.",
        ("tavill_wilson_2014",),
    ),
    "ckd": (
        "No potassium foods: with kidney disease potassium can build up in the blood. Ask your "
        "kidney team how much potassium is right for you.",
        ("ods_potassium",),
    ),
    "infant": (
        "No food suggestions for babies under 1 year: breast milk or formula comes first; ask "
        "the baby's health visitor or paediatrician about iron-rich first foods.",
        (),
    ),
    "no_food_data": (
        "Food amounts could not be checked against the upper limits because the USDA food data "
        "is not installed: install it to see foods.",
        (),
    ),
    "none_suitable": (
        "None of the foods sleepmin lists fits this diet and life stage within the upper "
        "limits; a dietitian can suggest others.",
        (),
    ),
}


@dataclass(frozen=True, slots=True)
class Person:
    """Whom the suggestions are for: their DRI targets (life stage, diet, per-mineral ULs), the
    preformed vitamin A UL of their life stage (:func:`sleepmin.intake.vitamin_a.vitamin_a_ul`),
    and known conditions (words such as ``hemochromatosis``, ``ckd``, ``pregnancy``)."""

    targets: Targets
    vitamin_a_ul_ug: float
    conditions: frozenset[str] = frozenset()

    @property
    def age_years(self) -> float:
        return self.targets.profile.age_years

    @property
    def pregnant(self) -> bool:
        return self.targets.profile.pregnant or "pregnancy" in self.conditions


@dataclass(frozen=True, slots=True)
class FoodSuggestion:
    """One food, in one portion sized for the person, with what it gives of the mineral."""

    mineral: Mineral
    food: str  # the knowledge base's name
    ndb: str
    kind: FoodKind
    portion: str  # a USDA household measure, or a fraction of one for children ("1/4 of 1 cup")
    grams: float | None  # None only when the food is not installed
    amount_mg: float | None  # of ``mineral`` in the portion; None only when not installed
    citations: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Excluded:
    """A listed food that was left out, and why (for transparency and tests)."""

    ndb: str
    food: str
    reason: ExclusionReason
    detail: str


@dataclass(frozen=True, slots=True)
class Withheld:
    """Why there are no suggestions, and what to tell the person instead."""

    reason: WithheldReason
    message: str
    citations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FoodSuggestions:
    """The suggestions for one mineral. Iterates (and is truthy) like the list of suggestions;
    when empty, ``withheld`` says why."""

    mineral: Mineral
    foods: tuple[FoodSuggestion, ...]
    withheld: Withheld | None = None
    excluded: tuple[Excluded, ...] = ()

    def __iter__(self) -> Iterator[FoodSuggestion]:
        return iter(self.foods)

    def __len__(self) -> int:
        return len(self.foods)

    def __bool__(self) -> bool:
        return bool(self.foods)


def portion_factor(age_years: float) -> float | None:
    """The share of the adult portion a person of this age is offered (None: no suggestions)."""
    if age_years < 1:
        return None
    if age_years < 4:
        return 0.25
    if age_years < 9:
        return 0.5
    return 1.0


_FRACTION_TEXT = {0.25: "1/4", 0.5: "1/2"}


def suggest_foods(
    mineral: Mineral,
    who: Person,
    kb: KnowledgeBase,
    foods: Mapping[str, Food | None],
    limit: int = 3,
) -> FoodSuggestions:
    """Up to ``limit`` of the mineral's knowledge-base foods that are safe for ``who``, in the
    knowledge base's order. ``foods`` maps NDB number → the installed food (None or absent: not
    installed)."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    for condition, blocked in CONDITION_BLOCKS.items():
        if blocked is mineral and condition in who.conditions:
            return _withheld(mineral, _CONDITION_REASON[condition])
    factor = portion_factor(who.age_years)
    if factor is None:
        return _withheld(mineral, "infant")

    avoid = _avoided_by_condition(who, kb)
    chosen: list[FoodSuggestion] = []
    excluded: list[Excluded] = []
    for source in kb.minerals[mineral].food_sources:
        why = _unsuitable(source, who, avoid)
        if why is None:
            food = foods.get(source.ndb)
            result = (
                _checked(mineral, source, food, who, factor)
                if food is not None
                else _unchecked(mineral, source, who)
            )
        else:
            result = Excluded(source.ndb, source.food, *why)
        if isinstance(result, Excluded):
            excluded.append(result)
        elif len(chosen) < limit:
            chosen.append(result)
    if chosen:
        return FoodSuggestions(mineral, tuple(chosen), None, tuple(excluded))
    # Had the data been installed, some of these might have been suggested: say so.
    no_data = any(e.reason == "no_food_data" for e in excluded)
    reason: WithheldReason = "no_food_data" if no_data else "none_suitable"
    message, citations = _WITHHELD[reason]
    return FoodSuggestions(mineral, (), Withheld(reason, message, citations), tuple(excluded))


def _withheld(mineral: Mineral, reason: WithheldReason) -> FoodSuggestions:
    message, citations = _WITHHELD[reason]
    return FoodSuggestions(mineral, (), Withheld(reason, message, citations))


def _avoided_by_condition(who: Person, kb: KnowledgeBase) -> dict[str, str]:
    """NDB → condition, for foods listed as sources of a mineral a condition withholds, and
    foods of a kind the condition rules out."""
    avoid: dict[str, str] = {}
    for condition, blocked in CONDITION_BLOCKS.items():
        if condition not in who.conditions:
            continue
        kinds = CONDITION_KINDS.get(condition, frozenset())
        for mineral, knowledge in kb.minerals.items():
            for source in knowledge.food_sources:
                if mineral is blocked or source.kind in kinds:
                    avoid.setdefault(source.ndb, condition)
    return avoid


def _unsuitable(
    source: FoodSource, who: Person, avoid: dict[str, str]
) -> tuple[ExclusionReason, str] | None:
    """Rules that do not depend on amounts."""
    diet = who.targets.profile.diet.value
    if source.kind not in DIET_KINDS[diet]:
        return "diet", f"{source.kind} does not fit a {diet} diet"
    if source.ndb in avoid:
        return "condition", f"a rich source of a mineral to avoid with {avoid[source.ndb]}"
    if source.kind == "organ_meat" and who.pregnant:
        return "organ_meat", "no liver or other organ meat in pregnancy (vitamin A)"
    if source.kind == "organ_meat" and who.age_years < ADULT_AGE:
        return "organ_meat", "no liver or other organ meat for children (vitamin A, copper)"
    if source.oxalate == "high" and "kidney_stones" in who.conditions:
        return "condition", "high in oxalate, which most kidney stones are made of"
    if source.choking in ("whole_nuts_seeds", "nut_butter") and "wilson_disease" in who.conditions:
        return "condition", "nuts and seeds are high in copper (Wilson disease)"
    if source.choking == "whole_nuts_seeds" and who.age_years < CHOKING_AGE:
        return "choking", "whole nuts and seeds are a choking hazard under 4 years"
    return None


def _checked(
    mineral: Mineral, source: FoodSource, food: Food, who: Person, factor: float
) -> FoodSuggestion | Excluded:
    adult = next((p for p in food.portions if p.description == source.portion), None)
    if adult is None:
        return Excluded(
            source.ndb, source.food, "unknown_amount", f"no USDA measure {source.portion!r}"
        )
    grams = adult.grams * factor
    notes: list[str] = []
    if "ckd" in who.conditions:
        potassium = food.nutrients.get(Nutrient.POTASSIUM_MG)
        if potassium is None or potassium * grams / 100 > CKD_POTASSIUM_PER_PORTION_MG:
            return Excluded(
                source.ndb,
                source.food,
                "condition",
                "kidney disease: over 200 mg of potassium in one portion (or not reported)",
            )
    for checked in Mineral:
        target = who.targets.minerals[checked]
        if target.ul_mg is None or not target.ul_counts_food:
            continue
        per_100g = food.nutrients.get(checked.nutrient)
        if per_100g is None:
            return Excluded(
                source.ndb, source.food, "unknown_amount", f"{checked.value} is not reported"
            )
        amount = per_100g * grams / 100
        if amount > target.ul_mg:
            return Excluded(
                source.ndb,
                source.food,
                "upper_limit",
                f"{checked.value} {amount:.3g} mg in one portion is above the upper limit of "
                f"{target.ul_mg:g} mg",
            )
        if amount > HIGH_SHARE_OF_UL * target.ul_mg:
            notes.append(
                f"one portion gives over half the daily upper limit for {checked.value}: "
                "not every day"
            )
    retinol = food.nutrients.get(Nutrient.RETINOL_UG)
    if retinol is None and source.kind != "plant":
        return Excluded(
            source.ndb, source.food, "unknown_amount", "preformed vitamin A is not reported"
        )
    vitamin_a = (retinol or 0.0) * grams / 100
    if vitamin_a > who.vitamin_a_ul_ug:
        return Excluded(
            source.ndb,
            source.food,
            "upper_limit",
            f"preformed vitamin A {vitamin_a:,.0f} µg in one portion is above the upper limit "
            f"of {who.vitamin_a_ul_ug:,.0f} µg",
        )
    if vitamin_a > HIGH_SHARE_OF_UL * who.vitamin_a_ul_ug:
        notes.append("one portion gives over half the daily upper limit for vitamin A")
    per_100g = food.nutrients.get(mineral.nutrient)
    if per_100g is None:
        return Excluded(
            source.ndb, source.food, "unknown_amount", f"{mineral.value} is not reported"
        )
    if who.age_years < CHOKING_AGE:
        if source.choking == "nut_butter":
            notes.append("spread thinly on bread or toast, never from a spoon (choking risk)")
        elif source.choking == "chunks":
            notes.append("cut into small, thin pieces or shred it (choking risk)")
    portion = source.portion if factor == 1 else f"{_FRACTION_TEXT[factor]} of {source.portion}"
    return FoodSuggestion(
        mineral=mineral,
        food=source.food,
        ndb=source.ndb,
        kind=source.kind,
        portion=portion,
        grams=round(grams, 2),
        amount_mg=round(per_100g * grams / 100, 3),
        citations=tuple(source.citations),
        note="; ".join(notes) or None,
    )


def _unchecked(mineral: Mineral, source: FoodSource, who: Person) -> FoodSuggestion | Excluded:
    """A food that is not installed: only a plant food, only for an adult without kidney
    disease (its potassium cannot be checked), without an amount."""
    if source.kind != "plant" or who.age_years < ADULT_AGE or "ckd" in who.conditions:
        return Excluded(
            source.ndb,
            source.food,
            "no_food_data",
            "not in the installed food data, so its amounts cannot be checked",
        )
    return FoodSuggestion(
        mineral=mineral,
        food=source.food,
        ndb=source.ndb,
        kind=source.kind,
        portion=source.portion,
        grams=None,
        amount_mg=None,
        citations=tuple(source.citations),
        note="amount not shown: the USDA food data is not installed",
    )
