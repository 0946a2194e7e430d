"""Amount + unit → grams for one food, through its own USDA household measures. Pure.

Rules (docs/food-log.md): mass converts exactly; volume only through the food's volume measures;
other words are looked up among its measures; a bare count uses its medium/large/whole/small
measure; no amount at all gives a typical portion.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import math
import re
from dataclasses import dataclass
from importlib import resources

from sleepmin.foods.model import Food, Portion
from sleepmin.foods.search import singular, words
from sleepmin.intake.units import (
    CUP_LIKE,
    GRAMS_PER_UNIT,
    HANDFUL_GRAMS,
    HOUSEHOLD_VOLUMES,
    ML_PER_UNIT,
    PINCH_GRAMS,
    SPLASH_TBSP,
    UNIT_WORDS,
)

MAX_GRAMS_PER_LINE = 5000.0
ONE_ITEM_MAX_GRAMS = 400.0  # "apple" is one apple; "cantaloupe" is not one whole melon
ITEM_WORDS = frozenset({"fruit", "item", "piece", "each", "whole"})
CONTAINERS = frozenset(
    """can bottle package packet container jar box carton pouch bag tub pack cup serving
    envelope""".split()
)
COUNT_MEASURES = ("medium", "large", "whole", "small")
SIZE_WORDS = frozenset({"small", "medium", "large", "extra", "jumbo"})
# Measures of a food as bought, not as eaten: "1 cup, with hulls, edible yield" weighs the
# kernels in a cup of seeds in their hulls. A plain measure is preferred when both fit.
AS_BOUGHT_WORDS = frozenset(
    {"hull", "yield", "bone", "shell", "refuse", "pit", "inshell", "whipped", "unthawed"}
)
# A smaller edition of the item than the usual one: "1 bar, miniature", "1 fun size bar".
_SMALL_EDITIONS = frozenset({"miniature", "mini", "fun", "snack"})
# Household words that name the same piece: USDA says "strip" of bacon, people "slice".
UNIT_ALIASES = {
    "slice": ("strip", "rasher", "piece"),  # a slice of cake is USDA's piece
    "strip": ("slice",),
    "rasher": ("slice", "strip"),
    "stem": ("sprig",),
    "sprig": ("stem",),
    "stick": ("stalk", "rib"),
    "rib": ("stalk",),
    "stalk": ("stick", "rib"),
    "fillet": ("filet",),
    "filet": ("fillet",),
    "link": ("sausage",),
    "pack": ("package", "packet"),
    "pot": ("container", "carton"),
    "tub": ("container",),
    "packet": ("package", "pack"),
}
_NOT_COUNTS = frozenset({"nlea", "serving", "quantity", "oz", "g", "lb", "cubic"}) | frozenset(
    ML_PER_UNIT
)


@dataclass(frozen=True, slots=True)
class Measure:
    """A USDA household measure read apart: "0.5 cup, chopped" → 0.5, "cup", 47 g."""

    portion: Portion
    amount: float
    unit: str  # canonical unit or first word, singular; "" if none
    words: frozenset[str]
    head: frozenset[str]  # words before any parenthesis: "potato medium", not its size note

    @property
    def grams_each(self) -> float:
        return self.portion.grams / self.amount


@dataclass(frozen=True, slots=True)
class Grams:
    grams: float
    basis: str


class PortionProblem(ValueError):
    """Why grams cannot be worked out for this food and amount (a result, not a crash)."""


_MEASURE_AMOUNT = re.compile(r"^(\d+(?:\.\d+)?|\.\d+)\s*(.*)$")
_MEASURE_UNIT = re.compile(
    "(?:" + "|".join(re.escape(u) for u in sorted(UNIT_WORDS, key=len, reverse=True)) + r")(?=\W|$)"
)


@functools.lru_cache(maxsize=65536)
def read_measure(portion: Portion) -> Measure:
    text = portion.description.strip()
    match = _MEASURE_AMOUNT.match(text)
    amount, rest = (float(match.group(1)), match.group(2)) if match else (1.0, text)
    lowered = rest.lower()
    unit_match = _MEASURE_UNIT.match(lowered)
    unit = UNIT_WORDS[unit_match.group(0)] if unit_match else ""
    if not unit:
        first = re.findall(r"[a-z]+", lowered)
        unit = singular(first[0]) if first else ""
    words = frozenset(singular(w) for w in re.findall(r"[a-z]+", lowered))
    head = frozenset(singular(w) for w in re.findall(r"[a-z]+", lowered.split("(")[0]))
    if unit == "serving" and (inner := _SERVING_VOLUME.search(lowered)):
        # branded foods: "1 serving 2 TBSP" is two tablespoons
        inner_unit = UNIT_WORDS[inner.group(3)]
        numerator, _, denominator = inner.group(1).partition("/")
        inner_amount = float(numerator) / float(denominator or 1)
        if inner_unit in ML_PER_UNIT and inner_amount > 0:
            return Measure(portion, inner_amount, inner_unit, words, head)
    if unit == "unit" and (sized := re.match(r"unit\s+(\d+)\s+(large|medium|small)\b", lowered)):
        # "1 unit 2 large or 5 small" (scallops): two large ones
        return Measure(portion, float(sized.group(1)), sized.group(2), words, head)
    if unit == "serving" and (item := _SERVING_ITEM.match(lowered)):
        # "1 serving 1 cube" (sugar): one cube, an item a count can use
        return Measure(portion, float(item.group(1)), singular(item.group(2)), words, head)
    return Measure(portion, amount if amount > 0 else 1.0, unit, words, head)


_SERVING_ITEM = re.compile(r"serving\s+(\d+(?:\.\d+)?)\s+(cube|cubes|piece|pieces|lump|lumps)\b")
_SERVING_VOLUME = re.compile(
    r"(?<![\d/.])(\d+(?:\.\d+)?(?:/[1-9]\d*)?)\s*(?:(of\s+a)\s+)?("
    + "|".join(re.escape(u) for u in ("tbsp", "tsp", "cup", "cups", "fl oz"))
    + r")\b"
)


def grams_for(
    food: Food,
    quantity: float | None,
    unit: str | None,
    line_words: frozenset[str] = frozenset(),
    *,
    accompaniment: bool = False,
    one_item: bool = False,
    count_of: str = "",
) -> Grams:
    """Grams and the basis for them; raises PortionProblem with a reason a person can act on.
    ``one_item``: the line names one of the food with no amount ("apple", not "grapes");
    ``count_of``: the part a count counts ("2 rings pineapple": rings, never whole fruit)."""
    measures = [read_measure(p) for p in food.portions if p.grams > 0]
    # "1 piece, cooked (yield from 1 lb raw meat)" is a pound's worth, never a piece one eats
    measures = [m for m in measures if not _YIELD_OF_A_WEIGHT.search(m.portion.description)] or (
        measures
    )
    if unit == "can":  # "1 can or bottle (16 fl oz)" is a bottle's size; a soda can is 12 fl oz
        measures = [m for m in measures if not _BOTTLE_SIZED.search(m.portion.description)]
    no_amount = quantity is None and unit is None
    # with a food, a little of what goes with it ("coffee with milk") — but a bun or a roll
    # is one, whole ("hot dog with bun")
    one_bread = (
        _one_of(measures, food.description)
        if one_item and food.food_group == "Baked Products"
        else None
    )
    if accompaniment and no_amount and one_bread is not None:
        result = Grams(one_bread.grams_each, "no amount given; one: " + _describe(one_bread))
    elif accompaniment and no_amount and food.food_group in SIDE_DISH_GROUPS:
        # "rotis with dal", "chicken with rice": a side dish, a usual portion of it
        result = _typical(measures, food.food_group or "", food.description)
    elif accompaniment and no_amount:
        result = _smallest(measures)
        usual = usual_portion(food.food_group or "", food.description)
        if usual is not None:  # "biscuit with gravy": a little gravy is no cup of it
            try:
                less = _by_volume(measures, usual.quantity, usual.unit, line_words)
            except PortionProblem:
                less = None
            if less is not None and less.grams < result.grams:
                result = Grams(less.grams, f"a little: {usual.portion} ({usual.source})")
    elif one_item and no_amount and (one := _one_of(measures, food.description)) is not None:
        result = Grams(one.grams_each, "no amount given; one, as the line says: " + _describe(one))
    elif (
        unit is not None
        and (corrected := HOUSEHOLD_WEIGHTS.get((food.ndb_number or "", unit))) is not None
        and corrected.corrects_usda
    ):
        # "2 slices sourdough": USDA's "1 slice" of this bread is 139 g, a slice of a big loaf
        result = Grams(
            (quantity or 1) * corrected.grams,
            f"assumed: a {unit} is {corrected.grams:g} g ({corrected.source})",
        )
    elif unit == "oz" and _is_beverage(food) and any(m.unit in ML_PER_UNIT for m in measures):
        # "32oz sweet tea", "2 beers (12 oz)": a drink's ounces are fluid ounces
        result = _by_volume(
            measures, quantity or 1, "fl oz", line_words, note="a drink's ounce is a fluid ounce"
        )
    elif unit in GRAMS_PER_UNIT:
        quantity = 1.0 if quantity is None else quantity  # "g of salt": one of the unit
        grams = quantity * GRAMS_PER_UNIT[unit]
        result = Grams(grams, f"unit conversion: {quantity:g} {unit} = {grams:.6g} g")
    elif (unit == "bag" or (unit == "packet" and not _has_measure(measures, unit))) and (
        food.food_group in SINGLE_SERVE_GROUPS or food.description.startswith("Peanuts")
    ):
        grams = (quantity or 1) * GRAMS_PER_UNIT["oz"]
        result = Grams(
            grams,
            "assumed: a bag of a snack is a single-serve bag, 1 oz (28 g); USDA's '1 bag' is a "
            "family bag",
        )
    elif unit == "handful" and food.food_group == "Fruits and Fruit Juices":
        # "a handful of grapes": the NHS's fruit portion (of dried fruit, 30 g)
        dried = bool(_DRIED_FRUIT.search(food.description))
        result = Grams(
            (quantity or 1) * (PORTION_DRIED_FRUIT_GRAMS if dried else PORTION_FRUIT_VEG_GRAMS),
            f"assumed: a handful of {'dried ' if dried else ''}fruit is one "
            f"{PORTION_DRIED_FRUIT_GRAMS if dried else PORTION_FRUIT_VEG_GRAMS:g} g portion "
            "(NHS, '5 A Day portion sizes')",
        )
    elif unit == "handful":
        result = Grams(
            (quantity or 1) * HANDFUL_GRAMS,
            "assumed: a handful is about 1 oz (28 g), a usual serving of nuts",
        )
    elif unit == "pinch":
        result = Grams((quantity or 1) * PINCH_GRAMS, "assumed: a pinch is 1/16 tsp (0.36 g)")
    elif unit == "splash":
        result = _by_volume(
            measures,
            (quantity or 1) * SPLASH_TBSP,
            "tbsp",
            line_words,
            note="assumed: a splash is 2 tbsp",
        )
    elif unit in CUP_LIKE and _is_wine(food):
        result = _by_volume(
            measures,
            (quantity or 1) * WINE_GLASS_FL_OZ,
            "fl oz",
            line_words,
            note=f"assumed: a glass of wine is {WINE_GLASS_FL_OZ:g} fl oz (a US standard drink)",
        )
    elif unit in ML_PER_UNIT or unit in CUP_LIKE:
        assert unit is not None
        volume_unit = "cup" if unit in CUP_LIKE else unit
        note = f"assumed: a {unit} is 1 cup" if unit in CUP_LIKE else ""
        if unit == "uk pint":
            note = "a UK (imperial) pint is 568 ml"
        result = _by_volume(measures, quantity or 1, volume_unit, line_words, note=note)
    elif (
        unit in ("can", "bottle", "carton")
        and not _has_measure(measures, unit)
        and (same := [m for m in measures if m.unit in ("can", "bottle", "carton")])
        and "water" not in food.description.lower()  # a bottle of water is no can of it
    ):
        # "1 can ensure": USDA measures this drink's bottle, the same pack in another name
        result = Grams((quantity or 1) * same[0].grams_each, _describe(same[0]) + _each(same[0]))
    elif unit in DRINK_CONTAINERS and not _has_measure(measures, unit) and _is_beverage(food):
        fl_oz, why = _container_volume(food, unit)
        result = _by_volume(measures, (quantity or 1) * fl_oz, "fl oz", line_words, note=why)
    elif unit == "whole" and not _has_measure(measures, unit):  # "3 whole garlic cloves"
        result = _by_count(measures, quantity or 1, line_words, _own_words(food.description))
    elif unit in SIZE_WORDS and not _has_measure(measures, unit):
        result = _by_size(measures, quantity or 1, unit, line_words)
    elif unit:
        try:
            result = _by_household(measures, quantity or 1, unit, line_words, food.food_group or "")
        except PortionProblem:
            household = _household_weight(food, unit, quantity or 1) or _by_convention(
                food, measures, quantity or 1, unit, line_words
            )
            if household is None:
                raise
            result = household
    elif quantity is not None and count_of:
        names = (count_of, *UNIT_ALIASES.get(count_of, ()))
        named = [m for m in measures if m.unit in names or set(names) & m.head]
        if named:
            result = _by_count(named, quantity, line_words, _own_words(food.description))
        elif household := _household_weight(food, count_of, quantity):
            result = household
        else:
            raise PortionProblem(
                f"USDA has no '{count_of}' measure for this food; " + _options(measures)
            )
    elif quantity is not None and (whole := _whole_pizza(food, measures)) is not None:
        result = Grams(quantity * whole.grams, whole.basis)  # "quarter of a pizza"
    elif quantity is not None:
        try:
            result = _by_count(measures, quantity, line_words, _own_words(food.description))
        except PortionProblem:
            pots = [m for m in measures if m.unit == "container" and m.amount == 1]
            packs = [m for m in measures if m.unit in ("can", "bottle") and m.amount == 1]
            if packs and _is_beverage(food):
                # "1 redbull": USDA's own can ("1 can 8.4 fl oz"), not a 12 fl oz one
                result = Grams(quantity * packs[0].grams_each, _describe(packs[0]))
            elif pots and not food.description.startswith(("Beverages", "Milk")):
                # "1 yogurt", "2 puddings": one single-serve pot each, as USDA measures it
                pot = min(pots, key=lambda m: m.grams_each)
                result = Grams(quantity * pot.grams_each, _describe(pot) + _each(pot))
            elif (peel := _household_weight(food, "fruit", quantity)) is not None:
                result = peel  # "zest of 2 lemons": the peel of a fruit, USDA has no such measure
            elif not _is_beverage(food):
                raise
            else:
                result = _drinks(food, measures, quantity, line_words)  # "2 bud lights"
    else:
        result = _typical(measures, food.food_group or "", food.description)
    if not math.isfinite(result.grams) or round(result.grams, 2) <= 0:
        raise PortionProblem(
            "the amount works out to under 0.01 g, too little to count; check the amount and unit"
        )
    if result.grams > MAX_GRAMS_PER_LINE:
        raise PortionProblem(
            f"{result.grams / 1000:.4g} kg is more than anyone eats at once "
            f"(limit {MAX_GRAMS_PER_LINE / 1000:g} kg a line); check the amount and unit"
        )
    return Grams(round(result.grams, 2), result.basis)


# Snacks sold in single-serve bags or packets: "a bag of crisps", "a packet of peanuts".
SINGLE_SERVE_GROUPS = frozenset({"Snacks", "Nut and Seed Products", "Sweets"})
WINE_GLASS_FL_OZ = 5.0  # NIAAA: a standard drink of wine is 5 fl oz
DRINK_CONTAINERS = frozenset({"can", "bottle"})
CAN_FL_OZ = 12.0  # a US can of soft drink or beer
WINE_BOTTLE_FL_OZ = 750 / ML_PER_UNIT["fl oz"]


HERB_SPRIG_GRAMS = 1.0  # USDA SR28, "Parsley, fresh": "10 sprigs" = 10 g
PORTION_FRUIT_VEG_GRAMS = 80.0  # NHS "5 A Day": a portion of fresh, frozen or tinned fruit or veg
PORTION_DRIED_FRUIT_GRAMS = 30.0  # NHS "5 A Day": a portion of dried fruit
_DRIED_FRUIT = re.compile(
    r"\b(?:dried|dehydrated|raisins?|prunes?|sultanas?|currants, dried)\b", re.I
)
PORTION_80G_GROUPS = frozenset(
    {"Vegetables and Vegetable Products", "Fruits and Fruit Juices", "Legumes and Legume Products"}
)
STANDARD_CAN_OZ = 15.0  # net weight of the common US can of vegetables and beans (No. 300)
PIZZA_SLICES = 8  # a 12" pizza is cut in 8 slices
# Foods that come with a main food as a side dish, not a dash: "rotis with dal", "chicken with
# rice" (milk, sauces, cheese and sugar with a food are a little).
SIDE_DISH_GROUPS = frozenset(
    {
        "Legumes and Legume Products",
        "Vegetables and Vegetable Products",
        "Cereal Grains and Pasta",
        "Poultry Products",
        "Beef Products",
        "Pork Products",
        "Finfish and Shellfish Products",
        "Lamb, Veal, and Game Products",
    }
)


def _by_convention(
    food: Food, measures: list[Measure], quantity: float, unit: str, line_words: frozenset[str]
) -> Grams | None:
    """A household word USDA has no measure for, by a stated convention: a bowl is a cup, a
    slice of pizza an eighth of one, a can of beans 15 oz; None when none applies."""
    if unit == "portion" and food.food_group in PORTION_80G_GROUPS:
        return Grams(
            quantity * PORTION_FRUIT_VEG_GRAMS,
            "assumed: a portion of fruit or vegetables is 80 g (NHS, '5 A Day portion sizes')",
        )
    if unit in ("sprig", "stem") and food.food_group == "Spices and Herbs":
        # "3 sprigs rosemary": USDA weighs a sprig only of some herbs; parsley's stands in
        return Grams(
            quantity * HERB_SPRIG_GRAMS,
            f"assumed: a sprig of a herb is {HERB_SPRIG_GRAMS:g} g, as USDA's sprig of parsley "
            '("10 sprigs" = 10 g)',
        )
    if unit == "plate" or (
        unit in ("serving", "portion") and food.food_group not in PORTION_80G_GROUPS
    ):
        # "half a serving", "chicken, half the tub": of the portion the line would get with no
        # amount, when USDA has no serving measure
        usual = _typical(measures, food.food_group or "", food.description)
        return Grams(quantity * usual.grams, f"{quantity:g} × the usual portion: {usual.basis}")
    frozen_dessert = re.match(r"(?:ice creams?|frozen|sherbet|sorbet)", food.description, re.I)
    if unit == "scoop" and not frozen_dessert:
        return None  # a scoop of protein powder is its own scoop, not 1/2 cup of it
    if unit in HOUSEHOLD_VOLUMES:
        amount, volume_unit, why = HOUSEHOLD_VOLUMES[unit]
        try:
            return _by_volume(
                measures, quantity * amount, volume_unit, line_words, note=f"assumed: {why}"
            )
        except PortionProblem:
            return None
    if unit == "slice":
        for measure in measures:
            if {"pizza"} <= measure.words and "slice" not in measure.words:
                return Grams(
                    quantity * measure.grams_each / PIZZA_SLICES,
                    f"assumed: a slice is 1/{PIZZA_SLICES} of a pizza; " + _describe(measure),
                )
        for measure in measures:  # a slice of melon is USDA's wedge
            if measure.unit == "wedge":
                return Grams(quantity * measure.grams_each, _describe(measure) + _each(measure))
    if unit == "can" and "canned" in food.description.lower():
        grams = quantity * STANDARD_CAN_OZ * GRAMS_PER_UNIT["oz"]
        return Grams(
            grams,
            f"assumed: a can is the common {STANDARD_CAN_OZ:g}-oz (425 g) can, as USDA lists "
            "no can for this food",
        )
    return None


def _whole_pizza(food: Food, measures: list[Measure]) -> Grams | None:
    """A pizza USDA measures only by the slice: a whole one is 8 slices; None otherwise."""
    if "pizza" not in food.description.lower():
        return None
    if any("pizza" in m.words and "slice" not in m.words for m in measures):
        return None  # USDA measures the whole pizza
    for measure in measures:
        if measure.unit == "slice":
            return Grams(
                PIZZA_SLICES * measure.grams_each,
                f"assumed: a pizza is {PIZZA_SLICES} slices; " + _describe(measure),
            )
    return None


def _drinks(food: Food, measures: list[Measure], count: float, line_words: frozenset[str]) -> Grams:
    """A count of a drink with no item measure: a can or bottle of beer, cider or a soft drink,
    a glass of wine, a shot of a spirit, else a cup."""
    lowered = food.description.lower()
    usual = usual_portion(food.food_group or "", food.description)
    if usual is not None and usual.unit in ML_PER_UNIT:  # "2 espressos": two shots
        return _by_volume(
            measures,
            count * usual.quantity,
            usual.unit,
            line_words,
            note=f"assumed: one is {usual.portion} ({usual.source})",
        )
    if _is_wine(food):
        fl_oz, why = WINE_GLASS_FL_OZ, f"a glass of wine is {WINE_GLASS_FL_OZ:g} fl oz"
    elif "distilled" in lowered:
        fl_oz, why = 1.5, "a drink of a spirit is a shot, 1.5 fl oz"
    elif re.search(r"\b(?:beer|cider|carbonated|energy drink|soda)\b", lowered):
        fl_oz, why = CAN_FL_OZ, f"one is a can or bottle, {CAN_FL_OZ:g} fl oz (355 ml)"
    else:
        fl_oz, why = ML_PER_UNIT["cup"] / ML_PER_UNIT["fl oz"], "one drink is a cup (8 fl oz)"
    return _by_volume(measures, count * fl_oz, "fl oz", line_words, note=f"assumed: {why}")


def _is_wine(food: Food) -> bool:
    return "wine" in food.description.lower() and "vinegar" not in food.description.lower()


def _is_beverage(food: Food) -> bool:
    """A drink one counts by the glass, can or cup: beverages, milk, juice (not dried fruit,
    whose food group is "Fruits and Fruit Juices")."""
    lowered = food.description.lower()
    return (
        (
            food.food_group in ("Beverages", "Dairy and Egg Products")
            # "Milk, whole", not "Cheese, mozzarella, whole milk"
            and ("milk" in lowered.split(",")[0] or food.food_group == "Beverages")
        )
        or lowered.startswith(("alcoholic beverage", "beverages"))
        # "Orange juice, raw", not "Pineapple, canned, juice pack": a food packed in juice
        or bool(re.search(r"\bjuice\b", lowered.split(",")[0]))
    )


def _has_measure(measures: list[Measure], unit: str) -> bool:
    return any(m.unit == unit or unit in m.head for m in measures)


_BOTTLE_SIZED = re.compile(r"\bbottle\b.*\b16 fl oz\b", re.I)


def _container_volume(food: Food, unit: str) -> tuple[float, str]:
    if unit == "bottle" and _is_wine(food):
        return WINE_BOTTLE_FL_OZ, "assumed: a bottle of wine is 750 ml"
    return CAN_FL_OZ, f"assumed: a {unit} is 12 fl oz (355 ml), the US standard can or bottle"


def _describe(measure: Measure) -> str:
    return f'USDA measure "{measure.portion.description}" = {measure.portion.grams:g} g'


def _best(candidates: list[Measure], line_words: frozenset[str]) -> Measure:
    """The measure whose words match the line most ("chopped"), a plain one before one of the
    food as bought ("with hulls"), then the middle size of those left, else USDA's first (max
    keeps the first on ties)."""
    # "1 c cantaloupe, cubed" is USDA's "1 cup, cubes"; "sliced" its "slices"
    line_words = line_words | {_CUT_NOUNS[w] for w in line_words if w in _CUT_NOUNS}

    def fit(m: Measure) -> tuple[bool | int, ...]:
        return (
            len(m.words & line_words),
            not (m.head & (AS_BOUGHT_WORDS | _SMALL_EDITIONS) - line_words),
            not (m.head & _OTHER_SIZES - line_words),  # "1 slice" is a regular one, not large
            not (m.head & _PARTIAL - line_words),  # not "1 slice crust not eaten", "1 spear tip"
            not (m.head & _MADE_LIGHTER - line_words),  # cream poured, not "1 cup, whipped"
        )

    best_fit = max(fit(m) for m in candidates)
    tied = [m for m in candidates if fit(m) == best_fit]
    middle = _middle_size(candidates)
    return middle if middle is not None and middle in tied else tied[0]


def _middle_size(measures: list[Measure]) -> Measure | None:
    """Of three or more sizes of one unit, the middle one: USDA's pineapple "1 slice" comes
    4-2/3" (166 g), 3-1/2" (84 g) and thin (56 g) across, and a slice someone writes down is
    the usual one, not the largest listed first. None for two sizes (USDA's order is the only
    evidence) and for volumes (a cup is a cup; they differ by how the food was packed)."""
    units = {m.unit for m in measures}
    if len(measures) < 3 or len(units) > 1 or units & ML_PER_UNIT.keys():
        return None
    by_weight = sorted(measures, key=lambda m: m.grams_each)
    return by_weight[(len(by_weight) - 1) // 2]


# Measures of a part of an item, never a count of whole ones unless the line says so.
_PART_UNITS = frozenset("slice ring strip wedge spear floret chunk".split())
# Small editions of a food a count names only when the line says so: "Triscuit Bits".
_SMALLER_EDITIONS = _SMALL_EDITIONS | frozenset({"bit", "bits", "minis", "thin", "thins", "bite"})
# Small kinds of an item, counted by their own measure: "6 cherry tomatoes" ("1 cherry").
_SMALL_KINDS = frozenset({"cherry", "grape", "cocktail"})
_CUT_NOUNS = {"cubed": "cube", "sliced": "slice", "halved": "half", "wedged": "wedge"}
# Size words of a measure a line that says no size does not mean: "1 slice, large" or "thin".
_OTHER_SIZES = frozenset(
    {"large", "small", "thin", "thick", "extra", "jumbo", "snack", "very", "king", "fun", "mini"}
)
# Words of a measure of part of the item: "1 slice crust not eaten", "1 spear tip".
_PARTIAL = frozenset({"crust", "eaten", "tip"})
# Words of a measure of the food made lighter or denser than poured: "1 cup, whipped".
_MADE_LIGHTER = frozenset({"whipped", "sifted", "heaping", "melted"})


def _by_volume(
    measures: list[Measure],
    quantity: float,
    unit: str,
    line_words: frozenset[str],
    *,
    note: str = "",
) -> Grams:
    prefix = f"{note}; " if note else ""
    same = [m for m in measures if m.unit == unit]
    if same:
        measure = _best(same, line_words)
        return Grams(quantity * measure.grams_each, prefix + _describe(measure) + _each(measure))
    volumes = [m for m in measures if m.unit in ML_PER_UNIT]
    if volumes:
        ml = quantity * ML_PER_UNIT[unit]
        # of the measures the line's words fit as well, the one nearest the volume asked
        # ("300ml sour cream" by USDA's cup, not scaled up from its tablespoon)
        fit = max(len(m.words & line_words) for m in volumes)
        fitting = [m for m in volumes if len(m.words & line_words) == fit]
        if ml > 0:
            distance = {
                id(m): abs(math.log(ml / (m.amount * ML_PER_UNIT[m.unit]))) for m in fitting
            }
            nearest = min(distance.values())
            fitting = [m for m in fitting if distance[id(m)] <= nearest + 0.05]
        measure = _best(fitting, line_words)
        grams = ml / (measure.amount * ML_PER_UNIT[measure.unit]) * measure.portion.grams
        return Grams(grams, prefix + _describe(measure) + ", scaled by volume")
    raise PortionProblem(
        f"USDA gives no volume measure for this food, so a {unit} cannot be turned into grams; "
        + _options(measures)
    )


def _by_household(
    measures: list[Measure],
    quantity: float,
    unit: str,
    line_words: frozenset[str],
    food_group: str = "",
) -> Grams:
    same = [
        m for m in measures if m.unit == unit or (unit in m.words and m.unit not in ML_PER_UNIT)
    ]
    aliases = UNIT_ALIASES.get(unit, ())
    if unit == "piece" and food_group == "Baked Products":
        aliases = ("slice",)  # "a piece of banana bread" is a slice of the loaf
    for alias in aliases:
        if same:
            break
        same = [  # "1 strip" for a slice of bacon — never "1 cup, slices"
            m
            for m in measures
            if (m.unit == alias or alias in m.head)
            and m.unit not in ML_PER_UNIT
            and m.unit not in GRAMS_PER_UNIT
        ]
    if not same:
        raise PortionProblem(f"USDA has no '{unit}' measure for this food; " + _options(measures))
    if unit in SIZE_WORDS and (whole := [m for m in same if m.unit == unit]):
        same = whole  # "1 large onion, cut into slices": a large onion, not a large slice
    measure = _best(same, line_words)
    return Grams(quantity * measure.grams_each, _describe(measure) + _each(measure))


_YIELD_OF_A_WEIGHT = re.compile(r"\byield from [\d./-]+ (?:lb|oz|pound)", re.I)


def _each(measure: Measure) -> str:
    return "" if measure.amount == 1 else f" ({measure.grams_each:.4g} g each)"


def _by_count(
    measures: list[Measure],
    quantity: float,
    line_words: frozenset[str],
    food_words: frozenset[str] = frozenset(),
) -> Grams:
    """A count of whole items: a medium/large/whole/small one, else one named like the food
    ("1 oyster", "1 fruit"), else another item measure — never a container ("1 can")."""
    # never "1 unit (yield from 1 lb raw meat)": a count of kidneys is not a pound of them;
    # but "1 chop (yield from 1 raw chop)" is one chop, and "1 fruit yields" (its juice) counts
    countable = [
        m
        for m in measures
        if m.unit not in ML_PER_UNIT
        and m.unit not in GRAMS_PER_UNIT
        and not _YIELD_OF_A_WEIGHT.search(m.portion.description)
        and m.unit != "drink"  # "1 drink, medium (22 fl oz)" is a fast-food cup, not "a coke"
    ]
    if quantity < 1:  # "a quarter of a watermelon": of the whole melon, not of a melon ball
        # of a medium melon, unless the line says another size
        for measure in sorted(countable, key=lambda m: "medium" not in m.head):
            if measure.unit == "melon" and measure.amount == 1:
                return Grams(quantity * measure.grams_each, _describe(measure))
    named = [  # "6 cherry tomatoes": USDA's "1 cherry"; "1 chocolate bar": "1 bar (1.55 oz)"
        m
        for m in countable
        if m.unit in line_words - food_words
        and m.unit not in _NOT_COUNTS | CONTAINERS
        and not m.words & _SMALLER_EDITIONS - line_words  # "6 triscuits", not "Triscuit Bits"
    ]
    if named:
        measure = _best(named, line_words)
        return Grams(quantity * measure.grams_each, _describe(measure) + _each(measure))
    small_kind = (line_words & _SMALL_KINDS) - food_words
    if small_kind and not any(m.words & small_kind for m in countable):
        # "12 grape tomatoes": as cherry tomatoes, else small ones
        for nearest in ("cherry", "small"):
            for measure in countable:
                if nearest in measure.words and measure.amount == 1:
                    why = f"USDA has no '{sorted(small_kind)[0]}' measure; by its {nearest} one: "
                    return Grams(quantity * measure.grams_each, why + _describe(measure))
        # "6 cherry tomatoes, roasted": never 6 medium ones; a food with a "1 cherry" measure
        # (the raw one) may weigh them
        raise PortionProblem(
            f"USDA has no '{sorted(small_kind)[0]}' measure for this food; " + _options(measures)
        )
    # medium, then the item USDA gives without a size ("1 fruit"), then large, whole, small
    plain = [
        m
        for m in countable
        if (
            m.unit in line_words
            or m.unit in ITEM_WORDS
            or m.unit in food_words
            # "1 serving 2.05 oz bar": the regular bar, as USDA serves it
            or (m.unit == "serving" and bool(m.words & food_words))
        )
        and not m.head & SIZE_WORDS
        and not m.head & (_OTHER_SIZES - line_words)  # not "1 bar king size", "1 bar fun size"
    ]
    plain.sort(key=lambda m: m.unit not in food_words)  # "3 fish fingers": "1 stick", not "1 piece"
    for name in COUNT_MEASURES:
        if name == "large" and plain:
            measure = _best(plain, line_words)  # "24 wonton wrappers": "1 wrapper, wonton"
            return Grams(quantity * measure.grams_each, _describe(measure) + _each(measure))
        for measure in countable:
            if name in measure.head:
                return Grams(quantity * measure.grams_each, _describe(measure) + _each(measure))
    for measure in countable:
        if measure.unit in line_words or measure.unit in ITEM_WORDS:
            return Grams(quantity * measure.grams_each, _describe(measure) + _each(measure))
    for measure in countable:
        # never a part of the item ("2 plantains" are no 2 slices of one)
        said = {measure.unit, *UNIT_ALIASES.get(measure.unit, ())} & line_words
        part = measure.unit in _PART_UNITS and not said
        if (
            measure.unit
            and measure.unit not in _NOT_COUNTS
            and measure.unit not in CONTAINERS
            and not part
        ):
            return Grams(quantity * measure.grams_each, _describe(measure) + _each(measure))
    raise PortionProblem(
        "USDA has no whole-item measure for this food, so a count cannot be "
        "turned into grams; " + _options(measures)
    )


@dataclass(frozen=True, slots=True)
class HouseholdWeight:
    """A weight USDA's measures lack ("1 bunch" of coriander), from a cited source; or, with
    ``corrects_usda``, one that replaces a USDA measure of the same unit far from what a person
    means (USDA's "1 slice" of French bread is 139 g)."""

    grams: float  # edible grams in one unit
    source: str
    corrects_usda: bool = False


def _load_household_weights() -> dict[tuple[str, str], HouseholdWeight]:
    text = resources.files("sleepmin.data").joinpath("household_weights.csv").read_text("utf-8")
    return {
        (row["ndb"], row["unit"]): HouseholdWeight(
            float(row["grams"]), row["source"], row.get("corrects_usda") == "yes"
        )
        for row in csv.DictReader(io.StringIO(text))
    }


HOUSEHOLD_WEIGHTS = _load_household_weights()
"""(NDB number, unit) → weight: data/household_weights.csv, each with its source and the text
it gives."""


def _household_weight(food: Food, unit: str, quantity: float) -> Grams | None:
    weight = HOUSEHOLD_WEIGHTS.get((food.ndb_number or "", unit))
    if weight is None:
        return None
    said = (
        f"the peel of one fruit is {weight.grams:g} g"
        if unit == "fruit"
        else (f"a {unit} is {weight.grams:g} g")
    )
    return Grams(
        quantity * weight.grams, f"assumed: {said}, as USDA has no such measure ({weight.source})"
    )


def _one_of(measures: list[Measure], description: str) -> Measure | None:
    """One of the food: a medium one, else USDA's large or small one ("1 large" egg), else its
    own item ("1 fruit", "1 pepper") — never a head or a whole melon ("1 head, medium"), nor
    anything heavier than one eats as one item."""
    items = [m for m in measures if m.grams_each <= ONE_ITEM_MAX_GRAMS]
    own = _own_words(description)
    # a whole one, sized: "1 potato medium", "1 ear, medium" (corn), "1 doughnut medium" — not
    # a wedge or stalk of one
    whole_items = ITEM_WORDS | own | {"ear"}
    for size in ("medium", "large", "small"):
        for measure in items:
            sized = size in measure.head and measure.unit in whole_items and measure.amount == 1
            if measure.unit == size or sized:
                return measure
    for measure in items:
        named = measure.unit in ITEM_WORDS - {"piece"} or measure.unit in own
        # "1 roll 1 serving"; "1 fruit without refuse" (mango): the part one eats of one
        if named and measure.head <= {measure.unit, "serving"} | _EDIBLE_PART_WORDS:
            return measure
    return None


_EDIBLE_PART_WORDS = frozenset({"without", "refuse"})


def names_one_item(food_phrase: str) -> bool:
    """Whether a food phrase with no amount names one of the food: "apple" is one apple,
    "grapes" a serving of them."""
    plain = food_phrase.strip().lower()
    return bool(words(plain)) and not plain.endswith("s")


def _own_words(description: str) -> frozenset[str]:
    """The words of a food's description, and each two in a row joined: USDA's item measure
    for "Sweet potato" is "1 sweetpotato"."""
    found = words(description)
    return frozenset(found) | {a + b for a, b in itertools.pairwise(found)}


def _by_size(
    measures: list[Measure], quantity: float, size: str, line_words: frozenset[str]
) -> Grams:
    """A size USDA does not list ("1 medium orange" where USDA has small, large and "1 fruit
    (2-5/8" dia)"): the whole-item measure that names no size, which USDA gives for the usual
    one; failing that, any whole-item measure, and the basis says the size was not found."""
    items = [
        m
        for m in measures
        if m.unit not in ML_PER_UNIT
        and m.unit not in GRAMS_PER_UNIT
        and m.unit not in CONTAINERS
        and m.unit not in _NOT_COUNTS
        and not m.head & SIZE_WORDS
    ]
    plain = [m for m in items if m.unit in ITEM_WORDS or m.unit in line_words]
    for measure in plain or items:
        return Grams(
            quantity * measure.grams_each,
            f"USDA has no {size} size for this food; its whole-item measure: "
            + _describe(measure)
            + _each(measure),
        )
    result = _by_count(measures, quantity, line_words)
    return Grams(result.grams, f"USDA has no {size} size for this food; {result.basis}")


SMALL_ITEMS = frozenset(
    {"clove", "slice", "piece", "item", "each", "fruit", "whole", "leaf", "sprig", "stalk"}
)


SPOONFUL_GROUPS = frozenset(
    {"Spices and Herbs", "Nut and Seed Products", "Sweets", "Fats and Oils"}
)


@dataclass(frozen=True, slots=True)
class UsualPortion:
    """The portion taken when a line gives no amount, for foods no one eats a cup of."""

    food_group: str  # "" for any group
    description: re.Pattern[str] | None  # searched in the food's description
    quantity: float
    unit: str
    portion: str  # "a teaspoon"
    source: str


def _load_usual_portions() -> tuple[UsualPortion, ...]:
    text = resources.files("sleepmin.data").joinpath("usual_portions.csv").read_text("utf-8")
    return tuple(
        UsualPortion(
            row["food_group"],
            re.compile(row["description"], re.I) if row["description"] else None,
            float(row["quantity"]),
            row["unit"],
            row["portion"],
            row["source"],
        )
        for row in csv.DictReader(io.StringIO(text))
    )


USUAL_PORTIONS = _load_usual_portions()
"""data/usual_portions.csv: a pinch of salt, a teaspoon of a spice, a shot of a spirit…, each with
its source; the first row whose food group and description pattern both fit is used."""


def usual_portion(food_group: str, description: str) -> UsualPortion | None:
    for usual in USUAL_PORTIONS:
        if usual.food_group and usual.food_group != food_group:
            continue
        if usual.description is not None and not usual.description.search(description):
            continue
        return usual
    return None


def _typical(measures: list[Measure], food_group: str = "", description: str = "") -> Grams:
    """No amount: USDA's portion of no stated quantity or its serving (NLEA), else one medium
    item, else a cup of a drink ("strawberries" is a serving, not one medium strawberry) —
    but the usual portion of data/usual_portions.csv for foods no one eats a cup of (a pinch of
    salt, a teaspoon of a spice, a shot of a spirit)."""
    usual = usual_portion(food_group, description)
    if usual is not None:
        note = f"no amount given; assumed {usual.portion} ({usual.source})"
        if usual.unit == "pinch":
            return Grams(usual.quantity * PINCH_GRAMS, note)
        if usual.unit in GRAMS_PER_UNIT:  # "1 oz" of nuts
            return Grams(usual.quantity * GRAMS_PER_UNIT[usual.unit], note)
        try:
            return _by_volume(measures, usual.quantity, usual.unit, frozenset(), note=note)
        except PortionProblem:
            pass
    for wanted in ("quantity not specified", "nlea serving"):
        for measure in measures:
            if wanted in measure.portion.description.lower():
                return Grams(measure.portion.grams, "typical portion: " + _describe(measure))
    for measure in measures:
        if measure.unit == "medium":
            return Grams(measure.portion.grams, "typical portion: " + _describe(measure))
    if any(m.unit == "fl oz" for m in measures):  # a drink: a cup of it
        return _by_volume(measures, 1, "cup", frozenset(), note="typical portion for a drink")
    for measure in measures:  # "garlic" is a clove of it
        if measure.unit == "clove":
            return Grams(measure.grams_each, "no amount given; assumed one: " + _describe(measure))
    # a candy is a standard bar or a single-serve pack, never one bite-size piece of it
    if food_group == "Sweets":
        for measure in measures:
            wrapped = {"bar", "package", "pack", "bag", "packet"}
            single = measure.unit in wrapped or (
                measure.unit == "serving" and bool(measure.head & wrapped)  # "1 serving 2 oz bar"
            )
            if single and not measure.head & _SMALL_EDITIONS and measure.grams_each <= 100:
                return Grams(
                    measure.grams_each, "no amount given; assumed one: " + _describe(measure)
                )
    # Foods eaten by the spoonful — seeds, syrups, powders, herbs, fats — get one item (a
    # clove) or a tablespoon: a whole cup of molasses or sesame seeds is no usual portion.
    if food_group in SPOONFUL_GROUPS:
        for measure in measures:
            if measure.unit in SMALL_ITEMS:
                return Grams(
                    measure.grams_each, "no amount given; assumed one: " + _describe(measure)
                )
        try:
            return _by_volume(
                measures, 1, "tbsp", frozenset(), note="no amount given; assumed a tablespoon"
            )
        except PortionProblem:
            pass
    # cheese, cold meats, bread: a slice, else an ounce, before USDA's first measure (a cup of
    # diced cheddar is no usual portion)
    for unit in ("slice", "oz"):
        for measure in measures:
            if measure.unit == unit:
                return Grams(measure.portion.grams, "typical portion: " + _describe(measure))
    if measures:
        first = measures[0]
        return Grams(first.portion.grams, "typical portion: " + _describe(first))
    raise PortionProblem(
        "no amount given and USDA lists no household measure for this food; "
        "give grams, e.g. '100 g'"
    )


def _smallest(measures: list[Measure]) -> Grams:
    if not measures:
        raise PortionProblem("USDA lists no household measure for this food; give grams")
    measure = min(measures, key=lambda m: m.portion.grams)
    return Grams(
        measure.portion.grams, "a little (the smallest USDA measure): " + _describe(measure)
    )


def _options(measures: list[Measure]) -> str:
    if not measures:
        return "give grams, e.g. '100 g'"
    listed = ", ".join(f'"{m.portion.description}"' for m in measures[:6])
    return f"give grams or use one of its measures: {listed}"
