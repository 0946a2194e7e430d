"""Which USDA food a food-log line most likely means, among foods that match its words. Pure.

The food search ranks by how well the words match, with a prior for common generic foods
(foods.search). A line in a food log says more than a type-ahead query: it is written in full, and
a person who writes "2% milk", "soy milk" or "red wine" means the drink, in its usual form. On top
of the search score, two explainable adjustments are made, from the shape of USDA descriptions
(SR28 documentation, "Food Description File": a description names the food first, then its
qualifiers — form, processing, flavour, fortification):

1. **The food must be what the line names.** The line's head noun (its last word) must be the
   food's own noun: the last word of the description's first part ("Vinegar, red wine" is
   vinegar, "Orange juice" is juice), a gloss in brackets, or — after a USDA class heading
   ("Fish, salmon", "Alcoholic beverage, wine", "Pork, cured, bacon") — the noun of a later part.
   A food that is not what the line names loses ``NOT_NAMED_COST`` and counts as missing a word;
   one named after a heading of things made from the food ("Sauce, steak", "Oil, coconut")
   loses ``WEAK_CLASS_NAMED_COST``.
2. **The usual form.** Qualifiers of a form few people mean unless they say so (flavoured,
   evaporated, powder, dried, fortified for a niche, baby or school food, "with franks"...) cost
   ``FORM_COST`` each; another food altogether (meatless, imitation; dried or canned when the line
   says fresh; a powder for a drink) costs ``STRONG_FORM_COST``; a brand the line does not name
   costs ``BRAND_COST``; generic qualifiers ("plain", "regular", "all varieties") gain
   ``GENERIC_BONUS``. The word lists are of USDA's qualifier vocabulary, not answers to test
   lines.

Both are reported with the match (``reasons``), so the choice can be explained and questioned.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass
from importlib import resources

from sleepmin.foods.search import EATEN_LIKE_NUTS, NEUTRAL_WORDS, fold, singular, words
from sleepmin.intake.cooking import COOKED_WORDS, METHOD_FAMILY, RAW_WORDS

NOT_NAMED_COST = 0.30
CLASS_NAMED_COST = 0.05  # named after a class heading: a little less direct than by its head
# Headings whose foods are made from the food named after them ("Sauce, steak", "Oil,
# coconut", "Fish oil, sardine"): named so, they are much less likely what a line means.
WEAK_CLASS_HEADINGS = frozenset({"sauce", "oil", "soup"})
WEAK_CLASS_NAMED_COST = 0.25
FORM_COST = 0.15
CONTEXT_FORM_COST = 0.15  # more on top for raw food eaten or a cooked one in a recipe
GENERIC_BONUS = 0.10
LEAN_ONLY_COST = 0.05  # a little: where USDA lists a cut lean only, it is still that cut
UNIT_FORM_BONUS = 0.05
_GENERIC_SEGMENT = re.compile(r"^(?:plain|regular|all\b|mixed species)", re.I)
_FAT_LEVELS = frozenset({"reduced fat", "low fat", "lowfat"})
STRONG_FORM_COST = 0.40
UNSAID_FORM_EXTRA_COST = 0.25  # data/unsaid_forms.csv: on top of FORM_COST
BRAND_COST = 0.30  # SR28 writes brand names in capitals: "SWANSON", "KELLOGG'S"
MAX_FORMS_COSTED = 3

# First segments that are USDA class headings: the food's own name follows them.
CLASS_HEADINGS = frozenset(
    """beverage alcoholic fish crustacean mollusk seed nut spice cereal snack candy candie soup
    babyfood game leavening sweetener restaurant fast luncheon infant formula cheese pork
    beef lamb veal chicken turkey duck goose bread roll cracker cookie cake pie milk
    seaweed sauce oil food dessert product
    pepper squash lettuce cabbage melon egg dressing cookies candies agent""".split()
)
CLASS_HEADINGS = frozenset(singular(w) for w in CLASS_HEADINGS)  # as `words` spells them

# Qualifiers of an unusual form (in folded, singular spelling, as `words` gives them).
UNUSUAL_FORM_WORDS = frozenset(
    """evaporated condensed powder powdered dehydrated concentrate concentrated
    undiluted flavored flavor chocolate strawberry fruit sweetened whipped imitation substitute
    infant toddler child babyfood formula school industrial institutional foodservice commodity
    lactose sodium calorie diet decaffeinated instant mix calcium protein pickled smoked frozen
    dried
    half non topping meatless greek chamomile microwave canned canadian breaded battered
    stuffed glazed backfat blend edible other sauteed peeled cornish capon home grated
    carbohydrate split honey frosted crunch""".split()
)
# Forms that are another food altogether: they cost more.
STRONG_FORM_WORDS = frozenset(
    """meatless imitation substitute babyfood infant toddler formula tofu canadian fresh-conflict
    drink-powder dry-cereal sweet unfortified brewed-drink formulated another-animal""".split()
)
# Foods another food may be made of ("Turkey bacon", "Sausage, turkey"); pork is left out, as
# bacon, ham and sausage are pork unless said otherwise.
MADE_OF_WORDS = frozenset(
    """turkey chicken beef lamb veal duck goose fish tofu soy soybean""".split()
)
# Whole qualifier segments of an unusual form: "Sour cream, fat free", "Alcoholic beverage,
# wine, cooking" (but "Oil, olive, salad or cooking" is the plain oil).
UNUSUAL_FORM_SEGMENTS = frozenset(
    """cooking|fat free|light|dry|fat-free|reduced fat|low fat|lowfat|separable fat|rendered fat|
    reduced sugar|sugar free|sugar-free|without caffeine|
    variety meats and by-products""".replace("\n    ", "").split("|")
)


_PART_WORDS = frozenset({"leave", "leaf", "stalk", "root", "seed", "kernel", "flesh", "weed"})


def _head_noun(segment: str) -> str:
    """ "Coriander (cilantro) leaves" → "coriander"; "Orange juice drink" → "drink"."""
    return _noun_of(words(segment.split("(", maxsplit=1)[0]))


def _noun_of(plain: list[str]) -> str:
    kept = [w for w in plain if w not in _PART_WORDS and w not in NEUTRAL_WORDS]
    return kept[-1] if kept else (plain[-1] if plain else "")


def _glosses(segment: str) -> frozenset[str]:
    return frozenset(words(" ".join(_IN_BRACKETS.findall(segment))))


_IN_BRACKETS = re.compile(r"\(([^)]*)\)")
_PIECE = re.compile(r"[,;]")
_INCLUDES = re.compile(r"\((?:includes?|include)\b[^)]*\)", re.I)
_LACKS = re.compile(r"\s*(?:no|without|not|other than)\b", re.I)
_OR = re.compile(r"\s+or\s+")
_WITH = re.compile(r"\b(?:with(?:out)?|for)\b", re.I)  # "chuck for stew" is not a stew
_BRAND = re.compile(r"\b(?:Mc)?[A-Z][A-Z'&]{2,}\b")  # SR28 writes brands in capitals
# Capitals that are no brand: "(includes USDA commodity)", "with DHA", "NFS"
_NOT_BRANDS = frozenset({"USDA", "DHA", "ARA", "NFS", "UPC", "NLEA", "RTE", "RTF"})
_BRAND_HEADING = re.compile(r"(?:Mc)?[A-Z][A-Z'&.\- ]+")  # "McDONALD'S", "BURGER KING"
_SAID_DRY = RAW_WORDS | {"dried"}
_COOKED_FORM = frozenset({"cooked", "boiled", "prepared"})
# Hot cereals named for their porridge, which USDA lists dry and cooked: by the cup they are
# eaten cooked ("oatmeal" is mapped to cooked oats by data/food_words.csv).
_HOT_CEREALS = frozenset("wheat farina grit grits".split())  # oats are the flakes: dry
# Headings that are a food themselves, whose later part may be only a flavour or filling
# ("Bread, cinnamon", "Milk, chocolate", "Pie, apple"), and the words for those flavours.
_FOOD_HEADINGS = frozenset(
    singular(w) for w in "bread roll cracker cookie cake pie milk muffin pasta cheese".split()
)
_FLAVOURS = frozenset(
    singular(w)
    for w in """chocolate strawberry vanilla cinnamon raisin banana honey garlic onion fruit
    blueberry lemon orange coconut ginger almond peanut apple cherry pumpkin custard cream
    meringue mince sugar butter oatmeal molasses sesame wheat rye egg potato oat bran""".split()
)
_KIND_WORDS = frozenset({"plain", "regular", "original", "all", "mixed", "assorted"})
_KEPT_DRY_GROUPS = frozenset({"Nut and Seed Products", "Spices and Herbs"})
DRY_GROUPS = frozenset(
    {"Cereal Grains and Pasta", "Legumes and Legume Products", "Breakfast Cereals"}
)


@dataclass(frozen=True, slots=True)
class Meaning:
    adjustment: float
    reasons: tuple[str, ...]
    named: bool  # the food is the thing the line names
    strong: bool = False  # another food altogether (meatless, dried for fresh, powder for a drink)


@dataclass(frozen=True, slots=True)
class _Part:
    """One comma-separated part of a description after the first, read once."""

    text: str  # lower case, spaces squeezed
    words: frozenset[str]  # before any bracket
    names: frozenset[str]  # words that can name the food here: head nouns, last word, glosses
    all_words: frozenset[str]
    head_noun: str
    generic: bool  # "plain", "regular", "all varieties"
    informative: frozenset[str]
    addition: frozenset[str]  # "with franks": what it adds, beyond neutral words
    forms: frozenset[str]
    brand_words: frozenset[str] = frozenset()  # "SNICKERS": names the food when all are said


@dataclass(frozen=True, slots=True)
class _Shape:
    """What meaning() needs of a description, parsed once per description."""

    head: frozenset[str]
    head_noun: str
    glosses: frozenset[str]
    or_names: frozenset[str]  # "Onions, spring or scallions": other names of the food
    parts: tuple[_Part, ...]
    all_words: frozenset[str]
    head_forms: frozenset[str]
    made_of: frozenset[str]
    brands: tuple[str, ...]
    brand_heading: bool = False  # "McDONALD'S, BIG MAC": the food's name follows the brand


@functools.lru_cache(maxsize=32768)
def _shape(description: str) -> _Shape:
    # "Fast foods, hamburger; single, regular patty; plain": a semicolon parts as a comma does
    pieces = _PIECE.split(description)
    first = pieces[0]
    head_noun = _head_noun(first)
    first_words = frozenset(words(first))
    head = first_words - NEUTRAL_WORDS
    if head_noun in ("product", "products"):  # "Tomato products, canned, paste"
        head = head | CLASS_HEADINGS
    parts = []
    all_words = set(first_words)
    for piece in pieces[1:]:
        # the words outside brackets, wherever they are ("made with low fat (2%) milk": milk),
        # and those inside
        inside = " ".join(_IN_BRACKETS.findall(piece))
        outside, _, unclosed = _IN_BRACKETS.sub(" ", piece).partition("(")
        inside = f"{inside} {unclosed}".strip()
        plain = words(outside)
        part_words = frozenset(plain)
        all_words |= part_words
        text = " ".join(piece.lower().split())
        forms = part_words & UNUSUAL_FORM_WORDS
        if "propionate" in text:
            forms -= {"calcium"}  # a preservative, not calcium fortification
        # "Fast foods, taco with beef, cheese and lettuce" is a taco: the noun before "with"
        # (but "Soup, lentil with ham" is a soup, never lentils)
        named_part = (
            words(_WITH.split(outside, maxsplit=1)[0])
            if _WITH.search(outside) and head_noun not in WEAK_CLASS_HEADINGS
            else []
        )
        noun = _noun_of(named_part or plain)
        names = {noun, *((named_part or plain)[-1:] or [])}
        if _LACKS.match(outside):
            names = set()  # "Chicken, canned, no broth" is not broth
        elif _WITH.search(outside):
            # "Cereals, oats, cooked with water": made with water, not water; "prepared without
            # frosting": not frosting
            names -= set(words(_WITH.split(outside, maxsplit=1)[1]))
        if " or " in outside:
            names |= {_noun_of(words(name)) for name in _OR.split(outside)}
        if part_words and noun == head_noun:
            names |= part_words  # "Nuts, pistachio nuts": the class named again
        glosses = frozenset(words(inside)) if inside else frozenset()
        all_words |= glosses
        addition: frozenset[str] = frozenset()
        if text.startswith(("with ", "made with ")):
            addition = (
                part_words - NEUTRAL_WORDS - {"propionate", "calcium", "include", "bone", "peel"}
            )
        parts.append(
            _Part(
                text,
                part_words,
                frozenset(names) | glosses,
                part_words | glosses,
                noun,
                bool(_GENERIC_SEGMENT.match(piece.strip())),
                part_words - NEUTRAL_WORDS,
                addition,
                frozenset(forms),
                frozenset(words(" ".join(_BRAND.findall(outside)))),
            )
        )
    # "Onions, spring or scallions": other names; not "Biscuits, plain or buttermilk", a list
    # of kinds (one of them a generic word)
    or_names: frozenset[str] = frozenset()
    if parts and " or " in parts[0].text and not parts[0].words & _KIND_WORDS:
        or_names = parts[0].all_words
    outside_first = frozenset(words(first.split("(")[0]))
    head_forms = (outside_first - {head_noun}) & UNUSUAL_FORM_WORDS
    made_of: frozenset[str] = frozenset()
    if head_noun not in CLASS_HEADINGS:
        # "Turkey bacon", "Bacon, turkey": made of another food
        made_of = (outside_first | frozenset().union(*(p.words for p in parts))) - {head_noun}
        made_of &= MADE_OF_WORDS
    brands = tuple(b for b in _BRAND.findall(description) if b not in _NOT_BRANDS)
    brand_heading = bool(_BRAND_HEADING.fullmatch(first.strip())) and bool(parts)
    return _Shape(
        head,
        head_noun,
        _glosses(first),
        or_names,
        tuple(parts),
        frozenset(all_words),
        head_forms,
        made_of,
        brands,
        brand_heading,
    )


@functools.lru_cache(maxsize=65536)  # the same food for the same words, across readings and lines
def meaning(
    description: str,
    line_terms: frozenset[str],
    line_heads: frozenset[str] = frozenset(),
    food_group: str = "",
    *,
    by_mass: bool = True,
    as_drink: bool = False,
    as_eaten: bool = False,
    as_ingredient: bool = False,
    unit_form: str = "",
) -> Meaning:
    """How much more or less likely a line means this food than its word match says.
    ``as_eaten``: the line reads as food eaten, not a recipe's ingredient (no weight, no
    comment): meat and fish are then cooked unless it says raw; ``as_ingredient`` (a weight or a
    comment): they are raw unless it says how they were cooked.
    ``line_heads`` holds the line's head noun (its last word: "wine" in "red wine"; for "cocoa
    powder" also "cocoa", as "powder" names a form)."""
    shape = _shape(description)
    said = line_terms
    adjustment = 0.0
    reasons: list[str] = []
    if line_heads:
        named = shape.head_noun in line_heads or bool(line_heads & (shape.glosses | shape.or_names))
    else:
        named = not shape.head or bool(shape.head & said)
    # a brand heading names the food after it only for a line that names the brand ("big mac")
    brand_said = shape.brand_heading and any(words(b) and words(b)[0] in said for b in shape.brands)
    if not named and (shape.head_noun in CLASS_HEADINGS or brand_said):
        # "Fish, salmon", "Pork, cured, bacon": the food's own name is a later part
        wanted = line_heads or said
        # "Fast foods, submarine sandwich, turkey, roast beef and ham" is a sandwich: a fast
        # food is named by the part right after the heading, never by what is in it
        if shape.head_noun == "food":  # "Fast Food, Pizza Chain, 14" pizza": its first part
            naming = set().union(*(wanted & (p.names | p.words) for p in shape.parts[:1]))
        else:
            naming = set().union(*(wanted & part.names for part in shape.parts))
        # "SNICKERS Bar" is named by "snickers"; "CREAM OF WHEAT" not by "cream" alone
        naming |= set().union(
            *(
                p.brand_words & wanted
                for p in shape.parts
                if p.brand_words and p.brand_words <= said
            )
        )
        # "Bread, cinnamon" is bread flavoured with cinnamon, not cinnamon
        named = bool(naming) and not (shape.head_noun in _FOOD_HEADINGS and naming <= _FLAVOURS)
        if named:
            weak = shape.head_noun in WEAK_CLASS_HEADINGS
            adjustment -= WEAK_CLASS_NAMED_COST if weak else CLASS_NAMED_COST
    if not named:
        adjustment -= NOT_NAMED_COST
        reasons.append(f"the food is {' '.join(sorted(shape.head))}, which the line does not name")
    lowered = description.lower()
    # oats, rice, beans are weighed dry (but never from a can); by the cup or spoon they are
    # eaten cooked
    canned = bool({"canned", "can", "tin", "tinned"} & said)
    eaten_dry = (
        food_group in DRY_GROUPS and not canned and (by_mass or food_group == "Breakfast Cereals")
    )
    forms_found: set[str] = set(shape.head_forms | shape.made_of)
    all_said_so_far = True
    digits_said = any(w.isdigit() for w in said)
    for part in shape.parts:
        if part.generic and all_said_so_far:
            adjustment += GENERIC_BONUS  # "Bagels, plain", "beer, regular", "all varieties"
        all_said_so_far = all_said_so_far and (
            not part.informative or bool(part.informative & said)
        )
        unsaid_form = (
            part.text in UNUSUAL_FORM_SEGMENTS
            and not part.words <= said
            and not (part.text in _FAT_LEVELS and digits_said)  # "2% milk" is reduced fat
        )
        if unsaid_form and not (part.text == "dry" and eaten_dry):
            forms_found.add(part.text)
        if part.addition - said:
            forms_found.add(part.text)  # "with franks": something more than asked
        forms_found |= part.forms
    if food_group in _KEPT_DRY_GROUPS or (food_group in DRY_GROUPS and eaten_dry):
        forms_found.discard("dried")  # sunflower seed kernels, dried: the usual kernels
    if eaten_dry and food_group != "Breakfast Cereals" and {"cooked", "boiled"} & shape.all_words:
        forms_found.add("cooked")  # "500g spaghetti" is weighed dry, unless it says cooked
        adjustment -= CONTEXT_FORM_COST
    if canned and food_group in DRY_GROUPS and RAW_WORDS & shape.all_words:
        forms_found.add("dry")  # "a tin of lentils" is cooked lentils, never dry ones
    if _SAID_DRY & said and food_group in DRY_GROUPS and _COOKED_FORM & shape.all_words:
        forms_found.add("cooked")  # "1 cup dried lentils" are dry lentils
        adjustment -= CONTEXT_FORM_COST  # said so: more surely than the search's cooked default
    if (
        food_group == "Breakfast Cereals"
        and not by_mass
        and "dry" in shape.all_words
        and not _SAID_DRY & said
        and _HOT_CEREALS & shape.all_words
    ):
        forms_found.add("dry-cereal")  # "1 cup cream of wheat" is the cooked porridge
    if (
        food_group in DRY_GROUPS
        and not by_mass
        and food_group != "Breakfast Cereals"
        and not description.startswith(EATEN_LIKE_NUTS)
    ):
        raw = RAW_WORDS & shape.all_words
        if raw and not _SAID_DRY & said:
            forms_found.add(sorted(raw)[0])  # "1 cup lentils" are cooked lentils
    if unit_form and unit_form in shape.all_words:
        adjustment += UNIT_FORM_BONUS  # "2 slices of ham": "Ham, sliced"
    if food_group == "Poultry Products" and not said & _POULTRY_PARTS:
        # "chicken" is the bird's meat, not its feet, skin or one cut the line does not name
        forms_found |= shape.all_words & _POULTRY_PARTS
    # forms of particular foods a line means only when it says so (data/unsaid_forms.csv)
    # "(includes brown-and-serve)" says what else the food covers, not its form
    unsaid = {
        form.form
        for form in _unsaid_candidates(description, food_group)
        if not form.unless_said & said
    }
    forms_found |= unsaid
    # meant only when said: more than a form a line merely does not mention
    adjustment -= UNSAID_FORM_EXTRA_COST * len(unsaid)
    if (
        as_eaten
        and (food_group in EATEN_COOKED_GROUPS or description.startswith(EATEN_COOKED_FOODS))
        and not description.startswith(EATEN_RAW_TOO)
        and {"raw", "unprepared"} & shape.all_words
        and not {"raw", "uncooked", "unprepared", "fresh", "sashimi", "tartare"} & said
    ):
        forms_found.add("raw-eaten")  # "2 slices bacon" for breakfast: cooked bacon
        adjustment -= CONTEXT_FORM_COST
    if (
        as_ingredient
        and food_group not in _KEPT_DRY_GROUPS  # roasted nuts are bought roasted
        and food_group not in DRY_GROUPS  # grains and pulses: rules of their own above
        and not canned
        and COOKED_WORDS & shape.all_words
        and not COOKED_WORDS & said
    ):
        forms_found.add("cooked-ingredient")  # "1 sweet potato, peeled": bought raw
        adjustment -= CONTEXT_FORM_COST
    if (
        food_group in RAW_BY_DEFAULT_GROUPS
        and not description.startswith(EATEN_COOKED_FOODS)
        and COOKED_WORDS & shape.all_words
        and not COOKED_WORDS & said
    ):
        forms_found.add("cooked")  # "100g kale", "1 cup broccoli": raw unless cooking is said
        if as_ingredient:
            adjustment -= CONTEXT_FORM_COST  # a recipe's vegetables are bought raw
    said_methods = {METHOD_FAMILY[w] for w in said if w in METHOD_FAMILY}
    food_methods = {METHOD_FAMILY[w] for w in shape.all_words if w in METHOD_FAMILY}
    if said_methods and food_methods and not said_methods & food_methods:
        forms_found.add("cooked-otherwise")  # "roast chicken" is not fried chicken
    elif food_group in _FRIED_LAST_GROUPS and "fried" in food_methods - said_methods:
        forms_found.add("fried")  # "cooked chicken": roasted or stewed before fried
    if (
        description.startswith(("Beverages, tea", "Beverages, coffee"))
        and not _BREW_WORDS & said
        and not as_drink
    ):
        forms_found.add("brewed-drink")  # "mixed herbs" are not an herb tea
    if (
        food_group == "Poultry Products"
        and {"fried", "fry"} & said
        and "meat only" in lowered
        and "skinless" not in said
    ):
        forms_found.add("meat only")  # fried chicken is fried with its skin (and coating)
    if {"drained", "rinsed"} & said and "solids and liquids" in lowered:
        forms_found.add("with its liquid")  # "canned chickpeas, rinsed": drained solids
    if "skinless" in said and "skin" in shape.all_words and "skinless" not in shape.all_words:
        forms_found.add("with skin")  # "chicken thigh, skin removed"
    elif "peeled" in said and "with skin" in lowered:
        forms_found.add("with skin")  # "apples, peeled": USDA has them without skin too
    if "separable lean only" in lowered and "lean" not in said:
        # a cut is bought with its fat, unless the line says lean; a recipe weighs it so
        adjustment -= LEAN_ONLY_COST * (3 if as_ingredient else 1)
    # "dry mix, prepared" is the stuffing made from the mix: cooked
    uncooked = {"raw", "uncooked", "unprepared"} & shape.all_words or (
        {"dry", "mix"} <= shape.all_words and "prepared" not in shape.all_words
    )
    if COOKED_WORDS & said and uncooked and food_group not in DRY_GROUPS:
        forms_found.add("uncooked")  # "cooked stuffing" is the prepared mix, not the dry one
        if food_group in RAW_BY_DEFAULT_GROUPS:
            # "roasted courgette": cooked another way than USDA's boiled, but never raw
            adjustment -= STRONG_FORM_COST - FORM_COST
    if "fortified" in said and ({"unfortified"} & shape.all_words or "not fortified" in lowered):
        forms_found.add("unfortified")  # "fortified soy milk" is never the unfortified one
    if "fresh" in said and {"dried", "canned", "frozen", "spice"} & shape.all_words:
        forms_found.add("fresh-conflict")  # fresh said; this food is dried, canned or frozen
    elif "canned" in said and "raw" in shape.all_words and not _KEPT_FORMS & shape.all_words:
        forms_found.add("canned-conflict")  # "1 can pineapple" is canned, never a raw one
    elif (
        food_group == "Spices and Herbs"
        and {"leaf", "leaves", "sprig", "sprigs", "stem", "stems"} & said
        and not {"dried", "dry", "bay", "ground", "crumbled"} & said
        and "dried" in shape.all_words
    ):
        forms_found.add("fresh-conflict")  # "coriander leaves": picked fresh, not a dried spice
    powder = {"powder", "dry", "mix", "dried", "concentrate", "undiluted"} & shape.all_words - said
    if as_drink and powder and not {"prepared", "fluid", "brewed"} & shape.all_words:
        forms_found.add("drink-powder")  # "a mug of cocoa" is not cocoa powder
    elif (
        as_eaten
        and "mix" in shape.all_words
        and {"dry", "powder"} & shape.all_words
        and not {"prepared", "mix", "dry", "powder"} & said
    ):
        forms_found.add("dry mix")  # "custard", "gravy" eaten are the dish, not its dry mix
    if not by_mass:
        forms_found.discard("grated")  # by the spoon or cup, cheese is measured grated
    forms = sorted(forms_found - said)
    # made of another food ("Turkey bacon" for bacon) is another food altogether
    strong = [f for f in forms if STRONG_FORM_WORDS & set(f.split()) or f in shape.made_of]
    if forms:
        adjustment -= FORM_COST * min(len(forms), MAX_FORMS_COSTED)
        adjustment -= (STRONG_FORM_COST - FORM_COST) * len(strong)
        shown = ", ".join(_CONFLICTS.get(f, f) for f in forms)
        reasons.append(f"an unusual form the line does not say: {shown}")
    brands = [b for b in shape.brands if fold(b) not in said]
    if brands and not any(words(b)[0] in said for b in brands if words(b)):
        adjustment -= BRAND_COST
        reasons.append(f"a brand the line does not name: {brands[0]}")
    return Meaning(round(adjustment, 4), tuple(reasons), named, bool(strong))


# Words that say a tea or coffee is meant.
_BREW_WORDS = frozenset(
    "tea teas coffee coffees espresso chamomile chai brew brewed infusion tisane".split()
)


@dataclass(frozen=True, slots=True)
class UnsaidForm:
    """A form of particular foods a line means only when it says so (data/unsaid_forms.csv):
    the food's description starts so, has these words (each "a|b" one of them) and contains
    this text, in these food groups — unless the line says one of ``unless_said``."""

    form: str
    starts_with: tuple[str, ...]
    has_words: tuple[frozenset[str], ...]
    contains: str
    food_groups: frozenset[str]
    unless_said: frozenset[str]
    shown: str
    why: str

    def applies(
        self, lowered: str, all_words: frozenset[str], food_group: str, said: frozenset[str]
    ) -> bool:
        return (
            (not self.starts_with or lowered.startswith(self.starts_with))
            and all(choice & all_words for choice in self.has_words)
            and self.contains in lowered
            and (not self.food_groups or food_group in self.food_groups)
            and not self.unless_said & said
        )


@functools.lru_cache(maxsize=65536)
def _unsaid_candidates(description: str, food_group: str) -> tuple[UnsaidForm, ...]:
    """The forms of data/unsaid_forms.csv this food is in, whatever a line says; judged on its
    words outside "(includes …)", which says what else the food covers, not its form."""
    lowered = description.lower()
    if not _UNSAID_TRIGGER.search(lowered):
        return ()  # no word of any form: most foods
    named_words = (
        frozenset(words(_INCLUDES.sub(" ", description)))
        if "(includ" in lowered
        else _shape(description).all_words
    )
    return tuple(
        form
        for form in UNSAID_FORMS
        # most forms name the food they are of: a cheap first look before the full check
        if (not form.starts_with or lowered.startswith(form.starts_with))
        and (not form.food_groups or food_group in form.food_groups)
        and form.applies(lowered, named_words, food_group, frozenset())
    )


def _load_unsaid_forms() -> tuple[UnsaidForm, ...]:
    text = resources.files("sleepmin.data").joinpath("unsaid_forms.csv").read_text("utf-8")
    return tuple(
        UnsaidForm(
            row["form"],
            tuple(s.strip() for s in row["starts_with"].split(";") if s.strip()),
            tuple(frozenset(w.split("|")) for w in row["has_words"].split()),
            row["contains"],
            frozenset(g.strip() for g in row["food_groups"].split(";") if g.strip()),
            frozenset(row["unless_said"].split()),
            row["shown"],
            row["why"],
        )
        for row in csv.DictReader(io.StringIO(text))
    )


UNSAID_FORMS = _load_unsaid_forms()
# Any text a form looks for (a start, a word, a phrase): a description with none has no form.
_UNSAID_TRIGGER = re.compile(
    "|".join(
        re.escape(text)
        for form in UNSAID_FORMS
        for text in (
            form.starts_with
            or ((form.contains,) if form.contains else ())
            or tuple(word for choice in form.has_words[:1] for word in choice)
        )
    )
)
_CONFLICTS = {
    **{form.form: form.shown for form in UNSAID_FORMS if form.shown},
    "brewed-drink": "a tea or coffee, though the line names neither",
    "fresh-conflict": "dried, canned or frozen although the line says fresh",
    "canned-conflict": "raw although the line says canned",
    "drink-powder": "a powder or dry mix although the line asks for a drink",
    "raw-eaten": "raw, though this food is eaten cooked",
    "cooked-ingredient": "cooked, though a recipe's ingredient is bought raw",
    "cooked-otherwise": "cooked another way than the line says",
    "dry-cereal": "the dry cereal, though a cup of a hot cereal is the cooked porridge",
}
_KEPT_FORMS = frozenset({"canned", "frozen", "dried", "bottled", "jarred"})
_FRIED_LAST_GROUPS = frozenset(
    {"Poultry Products", "Finfish and Shellfish Products", "Legumes and Legume Products"}
)
_POULTRY_PARTS = frozenset(
    """leg thigh breast wing drumstick back neck feet giblet gizzard heart liver skin fat
    tail""".split()
)
_STAPLE_GROUPS = frozenset({"Cereal Grains and Pasta", "Baked Products"})
# Shellfish often eaten raw: "6 oysters" are raw oysters.
EATEN_RAW_TOO = ("Mollusks, oyster",)
# Fruit and vegetables are raw unless a line says how they were cooked.
RAW_BY_DEFAULT_GROUPS = frozenset({"Vegetables and Vegetable Products", "Fruits and Fruit Juices"})
# Vegetables hardly ever eaten raw.
EATEN_COOKED_FOODS = (
    "Potatoes",
    "Sweet potato",
    "Eggplant",
    "Yam",
    "Peas, green",
    "Collards",
    "Mustard greens",
    "Turnip greens",
    "Beet greens",
    "Brussels sprouts",
    "Okra",
    "Beans, snap",
    "Asparagus",
    "Corn, sweet",
    "Plantains",
    "Squash, winter",
    "Cassava",
    "Taro",
    "Artichokes",
    "Parsnips",
    "Rutabagas",
)
# Meat and fish: weighed raw in a recipe, eaten cooked.
EATEN_COOKED_GROUPS = frozenset(
    {
        "Beef Products",
        "Pork Products",
        "Lamb, Veal, and Game Products",
        "Poultry Products",
        "Finfish and Shellfish Products",
        "Sausages and Luncheon Meats",
    }
)
