"""The foods a plan may add: a curated, explainable list of common whole foods with realistic
portions (package data ``data/plan_foods.csv``), read against the installed USDA data, and the
rules that keep a food out for a person. Pure apart from reading the packaged list.

How the list is built (docs/plan.md): common foods Americans eat (almost all are FNDDS
ingredients, the SR foods NHANES dietary recalls are built from), whole rather than branded,
baby or industrial; each with one USDA household measure as its portion (or a simple multiple
of one: "1/2 cup dry oats" is half of USDA's "1 cup"), a largest number of portions a day, the
meal it belongs to, its allergen words and why it is there. Brazil nuts are left out on
purpose: one ounce holds more selenium than the adult Upper Limit.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Literal, cast, get_args

from sleepmin.foods.model import Food
from sleepmin.intake.targets import Diet
from sleepmin.nutrients import Mineral, Nutrient
from sleepmin.vocabulary import FoodKind

Slot = Literal["breakfast", "main", "snack"]
SLOTS: tuple[Slot, ...] = ("breakfast", "main", "snack")
Group = Literal[
    "grain", "vegetable", "starchy_vegetable", "fruit", "legume", "nuts_seeds", "dairy", "egg",
    "meat", "fish", "drink", "sweet",
]  # fmt: skip
# The most portions of each group a plan may add in a day: a day of food, not six cups of beans.
GROUP_MOST: dict[str, float] = {
    "grain": 4,
    "vegetable": 5,
    "starchy_vegetable": 2,  # potatoes, sweet potatoes, corn, peas
    "fruit": 4,
    "legume": 3,
    "nuts_seeds": 2,
    "dairy": 3,
    "egg": 3,
    "meat": 2,
    "fish": 1,  # one 3-oz portion in a day's plan (FDA: 8-12 oz a week in pregnancy, childhood)
    "drink": 3,
    "sweet": 1,
}
# A day planned from nothing has at least these many foods of these groups.
DAY_LEAST: tuple[tuple[frozenset[str], int], ...] = (
    (frozenset({"grain"}), 1),
    (frozenset({"vegetable"}), 2),
    (frozenset({"fruit"}), 1),
    (frozenset({"legume", "meat", "fish", "egg", "dairy"}), 1),
)
EXCLUSIONS = (
    "dairy",
    "nuts",
    "peanuts",
    "shellfish",
    "fish",
    "gluten",
    "soy",
    "egg",
    "meat",
    "pork",
    "sesame",
)
"""The words ``--exclude`` takes: the major allergens and the foods people leave out by choice."""

PLANNED = (Nutrient.ENERGY_KCAL, *(m.nutrient for m in Mineral), Nutrient.RETINOL_UG)
"""What a candidate's food must report (an unfortified plant may leave retinol out: plants hold
no preformed vitamin A)."""

# The diet patterns' allowed kinds of food.
DIET_KINDS: dict[Diet, frozenset[str]] = {
    Diet.OMNIVORE: frozenset({"plant", "dairy", "egg", "fish", "shellfish", "meat", "organ_meat"}),
    Diet.VEGETARIAN: frozenset({"plant", "dairy", "egg"}),
    Diet.VEGAN: frozenset({"plant"}),
}
FOOD_KINDS = frozenset(get_args(FoodKind))
# Tags a diet pattern leaves out too: a plant food that may contain milk (dark chocolate) is
# not vegan.
DIET_TAGS: dict[Diet, frozenset[str]] = {
    Diet.OMNIVORE: frozenset(),
    Diet.VEGETARIAN: frozenset({"fish", "shellfish", "meat", "pork", "organ_meat"}),
    Diet.VEGAN: frozenset({"dairy", "egg", "fish", "shellfish", "meat", "pork", "organ_meat"}),
}


@dataclass(frozen=True, slots=True)
class CuratedFood:
    """One row of ``data/plan_foods.csv``."""

    ndb: str
    portion: str  # as a person says it: "1 medium banana"
    amount: float  # how many of USDA's measure one portion is
    measure: str  # the USDA household measure's description, exactly
    max_portions: float
    slot: Slot
    group: Group
    kind: FoodKind
    tags: frozenset[str]
    why: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A food the plan may add, in portions of ``portion_grams``, up to ``max_portions`` a day
    in steps of half a portion."""

    food_id: str  # the NDB number
    fdc_id: int | None
    description: str  # USDA's
    portion: str
    portion_grams: float
    max_portions: float
    slot: Slot
    group: Group
    tags: frozenset[str]
    kind: FoodKind
    why: str
    per_100g: Mapping[Nutrient, float]

    def amount(self, nutrient: Nutrient, grams: float) -> float:
        return self.per_100g.get(nutrient, 0.0) * grams / 100

    @property
    def serving_grams(self) -> float:
        """One portion, or the half portion that is this person's most (a condition)."""
        return self.portion_grams * min(1.0, self.max_portions)

    @property
    def serving(self) -> str:
        return self.portion if self.max_portions >= 1 else f"½ × {self.portion}"


@functools.cache
def curated_foods() -> tuple[CuratedFood, ...]:
    """The packaged list, checked: every tag known, every slot known, portions positive."""
    text = resources.files("sleepmin.data").joinpath("plan_foods.csv").read_text("utf-8")
    rows = []
    for line, r in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        tags = frozenset(t for t in r["tags"].split(";") if t)
        unknown = tags - set(EXCLUSIONS) - {"organ_meat"}
        if (
            unknown
            or r["slot"] not in SLOTS
            or r["group"] not in GROUP_MOST
            or r["kind"] not in FOOD_KINDS
            or float(r["amount"]) <= 0
        ):
            raise ValueError(f"plan_foods.csv line {line}: {r}")
        rows.append(
            CuratedFood(
                ndb=r["ndb"],
                portion=r["portion"],
                amount=float(r["amount"]),
                measure=r["measure"],
                max_portions=float(r["max_portions"]),
                slot=cast("Slot", r["slot"]),  # checked above
                group=cast("Group", r["group"]),
                kind=cast("FoodKind", r["kind"]),
                tags=tags,
                why=r["why"],
            )
        )
    return tuple(rows)


def candidates_from(foods: Mapping[str, Food]) -> tuple[list[Candidate], list[str]]:
    """The curated foods found in ``foods`` (by NDB number) with their measure, and a line for
    each that could not be used (absent, its measure missing, an amount unreported)."""
    found: list[Candidate] = []
    missing: list[str] = []
    for row in curated_foods():
        food = foods.get(row.ndb)
        if food is None:
            missing.append(f"{row.portion}: food {row.ndb} is not in the installed data")
            continue
        grams = next((p.grams for p in food.portions if p.description == row.measure), None)
        if grams is None:
            missing.append(f"{row.portion}: USDA measure {row.measure!r} not found")
            continue
        per_100g = dict(food.nutrients)
        fortified = any(w in food.description.lower() for w in ("vitamin a", "fortified"))
        if row.kind == "plant" and not fortified:
            per_100g.setdefault(Nutrient.RETINOL_UG, 0.0)  # plants hold no preformed vitamin A
        unreported = [n.value for n in PLANNED if n not in per_100g]
        if unreported:
            missing.append(f"{row.portion}: {', '.join(unreported)} not reported")
            continue
        found.append(
            Candidate(
                food_id=row.ndb,
                fdc_id=food.fdc_id,
                description=food.description,
                portion=row.portion,
                # to 0.1 g, so that any number of half portions is exact to 0.01 g: the grams
                # shown are the grams solved for
                portion_grams=round(grams * row.amount, 1),
                max_portions=row.max_portions,
                slot=row.slot,
                group=row.group,
                tags=row.tags,
                kind=row.kind,
                why=row.why,
                per_100g=per_100g,
            )
        )
    return found, missing


@dataclass(frozen=True, slots=True)
class FoodRules:
    """Who the plan is for, as far as which foods may be added."""

    diet: Diet
    exclude: frozenset[str]  # words of EXCLUSIONS
    age_years: float
    pregnant: bool
    conditions: frozenset[str]  # e.g. hemochromatosis, ckd, wilson_disease
    only: frozenset[str] = frozenset()  # "foods I like": food ids; empty means any
    avoid: frozenset[str] = frozenset()  # food ids swapped out of an earlier plan
    include: frozenset[str] = frozenset()  # food ids the plan must add (a swap's choice)


# A condition that makes a mineral harmful: no food is added for that mineral's sake, and foods
# rich in it are left out (the same conditions as the food suggestions, knowledge/suggest.py).
CONDITION_MINERAL = {
    "hemochromatosis": Mineral.IRON,
    "wilson_disease": Mineral.COPPER,
    "ckd": Mineral.POTASSIUM,
}
# "Rich" per portion, for the condition's mineral: a fifth of the adult RDA/AI of iron (8 mg)
# and copper (0.9 mg); for potassium the 200 mg-per-serving line of kidney diet education.
# Renal-diet servings are often half a cup: a food whose half portion is under the line may be
# added as that half portion only (``allowed``); the plan also caps the day's total.
RICH_PER_PORTION_MG = {Mineral.IRON: 1.6, Mineral.COPPER: 0.18, Mineral.POTASSIUM: 200.0}


# As the knowledge base's food suggestions (docs/food-suggestions.md): with kidney stones, the
# foods it marks high in oxalate (most stones are calcium oxalate, Mitchell 2019); with Wilson
# disease, besides shellfish and liver, nuts and seeds, chocolate and mushrooms (EASL and AASLD
# list them as very high in copper).
HIGH_OXALATE = frozenset({"11458", "12061", "12085"})  # spinach, almonds, cashews
# Under 4: whole nuts, peanuts and seeds, and dry chia (it swells), are choking hazards (the
# knowledge base's food suggestions leave them out too); nut butter, ground flax and tahini stay.
CHOKING_UNDER_4 = frozenset(
    {"12061", "12085", "12155", "12152", "16390", "12014", "12036", "12006"}
)
CHOKING_AGE = 4.0
WILSON_FOODS = {"19904": "chocolate", "11260": "mushrooms"}


def why_left_out(candidate: Candidate, rules: FoodRules) -> str | None:
    """Why ``candidate`` may not be added for this person, or None when it may."""
    if candidate.kind not in DIET_KINDS[rules.diet] or candidate.tags & DIET_TAGS[rules.diet]:
        return f"not {rules.diet.value}"
    hit = sorted(candidate.tags & rules.exclude)
    if hit:
        return "excluded: " + ", ".join(hit)
    if candidate.kind == "organ_meat" and (rules.pregnant or rules.age_years < 19):
        return "liver and other organ meat: not in pregnancy or for children (vitamin A)"
    if rules.age_years < CHOKING_AGE and candidate.food_id in CHOKING_UNDER_4:
        return "under 4: a choking hazard"
    if rules.only and candidate.food_id not in rules.only | rules.include:
        return "not among the foods you like"
    if candidate.food_id in rules.avoid:
        return "swapped out"
    if "kidney_stones" in rules.conditions and candidate.food_id in HIGH_OXALATE:
        return "kidney stones: high in oxalate"
    if "wilson_disease" in rules.conditions:
        if candidate.group == "nuts_seeds":
            return "wilson disease: nuts and seeds"
        if candidate.food_id in WILSON_FOODS:
            return f"wilson disease: {WILSON_FOODS[candidate.food_id]}"
    for condition, mineral in CONDITION_MINERAL.items():
        if condition in rules.conditions:
            if candidate.kind == "organ_meat" or (
                condition == "wilson_disease" and candidate.kind == "shellfish"
            ):
                return f"{condition.replace('_', ' ')}: {candidate.kind.replace('_', ' ')}"
            half = candidate.amount(mineral.nutrient, candidate.portion_grams / 2)
            if half > RICH_PER_PORTION_MG[mineral]:
                return f"{condition.replace('_', ' ')}: rich in {mineral.value}"
    return None


def _within_condition_lines(candidate: Candidate, rules: FoodRules) -> Candidate:
    """The candidate, limited to half a portion when a whole one passes a condition's line."""
    for condition, mineral in CONDITION_MINERAL.items():
        whole = candidate.amount(mineral.nutrient, candidate.portion_grams)
        if condition in rules.conditions and whole > RICH_PER_PORTION_MG[mineral]:
            return dataclasses.replace(candidate, max_portions=0.5)
    return candidate


def allowed(
    candidates: Iterable[Candidate], rules: FoodRules
) -> tuple[list[Candidate], dict[str, str]]:
    """The candidates this person may be offered, and why each other one is not."""
    kept: list[Candidate] = []
    left_out: dict[str, str] = {}
    for candidate in candidates:
        reason = why_left_out(candidate, rules)
        if reason is None:
            kept.append(_within_condition_lines(candidate, rules))
        else:
            left_out[candidate.food_id] = reason
    return kept, left_out
