"""Which USDA food a food-log line most likely means, among foods that match its words. Pure.

The food search ranks by how well the words match, with a prior for common generic foods
(foods.search). A line in a food log says more than a type-ahead query: it is written in full, and
a person who writes "2% milk", "soy milk" or "red wine" means the drink, in its usual form. On top
of the search score, two explainable adjustments are made, from the shape of USDA descriptions
(SR28 documentation, "Food Description File": a description names the food first, then its
qualifiers — form, processing, flavour, fortification):

1. **The food must be what the line names.** A description's first segment is the thing itself
   ("Vinegar, red wine" is vinegar). If no word of the line is in it, the food merely contains the
   words, and loses ``NOT_NAMED_COST`` — unless the first segment is a USDA class heading
   ("Alcoholic beverage, wine, table, red"; "Fish, salmon, ..."), where the thing comes second.
2. **The usual form.** Qualifiers that mark a form few people mean unless they say so (flavoured,
   evaporated, dry powder, fortified for a niche, baby or school food, imitation...) cost
   ``FORM_COST`` each when the line does not say them. The list is ``UNUSUAL_FORM_WORDS``: words
   of USDA's qualifier vocabulary, not answers to test lines.

Both are reported with the match (``reasons``), so the choice can be explained and questioned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sleepmin.foods.search import NEUTRAL_WORDS, fold, singular, words

NOT_NAMED_COST = 0.30
CLASS_NAMED_COST = 0.05  # named after a class heading: a little less direct than by its head
FORM_COST = 0.15
GENERIC_BONUS = 0.10
_GENERIC_SEGMENT = re.compile(r"^(?:plain|regular|all\b|mixed species)", re.I)
_FAT_LEVELS = frozenset({"reduced fat", "low fat", "lowfat"})
STRONG_FORM_COST = 0.40
BRAND_COST = 0.30  # SR28 writes brand names in capitals: "SWANSON", "KELLOGG'S"
MAX_FORMS_COSTED = 3

# First segments that are USDA class headings: the food's own name follows them.
CLASS_HEADINGS = frozenset(
    """beverage alcoholic fish crustacean mollusk seed nut spice cereal snack candy candie soup
    sauce babyfood game leavening sweetener restaurant fast luncheon infant formula cheese pork
    beef lamb veal chicken turkey duck goose oil pasta bread roll cracker cookie cake pie
    bean pepper squash lettuce cabbage melon egg dressing cookies candies agent""".split()
)
CLASS_HEADINGS = frozenset(singular(w) for w in CLASS_HEADINGS)  # as `words` spells them

# Qualifiers of an unusual form (in folded, singular spelling, as `words` gives them).
UNUSUAL_FORM_WORDS = frozenset(
    """evaporated condensed powder powdered dehydrated concentrate concentrated
    undiluted flavored flavor chocolate strawberry fruit sweetened whipped imitation substitute
    infant toddler child babyfood formula school industrial institutional foodservice commodity
    lactose sodium calorie diet decaffeinated instant mix calcium protein pickled smoked frozen
    half non topping meatless greek chamomile microwave canned canadian breaded battered
    stuffed glazed backfat blend edible other""".split()
)
# Forms that are another food altogether: they cost more.
STRONG_FORM_WORDS = frozenset(
    """meatless imitation substitute babyfood infant toddler formula tofu canadian""".split()
)
# Foods another food may be made of ("Turkey bacon", "Sausage, turkey")
MADE_OF_WORDS = frozenset(
    """turkey chicken beef pork lamb veal duck goose fish tofu soy soybean""".split()
)
# Whole qualifier segments of an unusual form: "Sour cream, fat free", "Alcoholic beverage,
# wine, cooking" (but "Oil, olive, salad or cooking" is the plain oil).
UNUSUAL_FORM_SEGMENTS = frozenset("""cooking|fat free|light|dry|fat-free""".split("|"))


_PART_WORDS = frozenset({"leave", "leaf", "stalk", "root", "seed", "kernel", "flesh", "weed"})


def _head_noun(segment: str) -> str:
    """ "Coriander (cilantro) leaves" → "coriander"; "Orange juice drink" → "drink"."""
    plain = words(segment.split("(", maxsplit=1)[0])
    kept = [w for w in plain if w not in _PART_WORDS and w not in NEUTRAL_WORDS]
    return kept[-1] if kept else (plain[-1] if plain else "")


def _glosses(segment: str) -> frozenset[str]:
    return frozenset(words(" ".join(re.findall(r"\(([^)]*)\)", segment))))


DRY_GROUPS = frozenset(
    {"Cereal Grains and Pasta", "Legumes and Legume Products", "Breakfast Cereals"}
)


@dataclass(frozen=True, slots=True)
class Meaning:
    adjustment: float
    reasons: tuple[str, ...]
    named: bool  # the food is the thing the line names


def meaning(
    description: str,
    line_terms: frozenset[str],
    line_heads: frozenset[str] = frozenset(),
    food_group: str = "",
) -> Meaning:
    """How much more or less likely a line means this food than its word match says.
    ``line_heads`` holds the line's head noun (its last word: "wine" in "red wine"; for "cocoa
    powder" also "cocoa", as "powder" names a form)."""
    ordered = [words(part) for part in description.split(",")]
    ordered = [s for s in ordered if s] or [[]]
    segments = [frozenset(s) for s in ordered]
    head = segments[0] - NEUTRAL_WORDS
    adjustment = 0.0
    reasons: list[str] = []
    # The head noun: the last word of the first segment, before any gloss in brackets and
    # leaving out words for a part ("Coriander (cilantro) leaves" is coriander).
    first_part = description.split(",", maxsplit=1)[0]
    head_noun = _head_noun(first_part)
    glosses = _glosses(first_part)
    if head_noun in ("product", "products"):  # "Tomato products, canned, paste"
        head = head | CLASS_HEADINGS
    if line_heads:
        named = head_noun in line_heads or bool(line_heads & glosses)
        if not named and len(ordered) > 1 and " or " in description.split(",")[1]:
            named = bool(line_heads & set(ordered[1]))  # "Onions, spring or scallions"
    else:
        named = not head or bool(head & line_terms)
    if not named and head_noun in CLASS_HEADINGS:
        # "Fish, salmon", "Pork, cured, bacon": the food's own name starts a later segment
        wanted = set(line_heads) if line_heads else set(line_terms)
        named = any(
            _head_noun(part) in wanted
            or any(_head_noun(name) in wanted for name in re.split(r"\s+or\s+", part))
            or wanted & _glosses(part)
            or (words(part.split("(")[0]) or [""])[-1] in wanted
            # "Nuts, pistachio nuts": the class named again after the food
            or (wanted & frozenset(words(part)) and _head_noun(part) == head_noun)
            for part in description.split(",")[1:]
        )
        if named:
            adjustment -= CLASS_NAMED_COST
    if not named:
        adjustment -= NOT_NAMED_COST
        reasons.append(f"the food is {' '.join(sorted(head))}, which the line does not name")
    said = line_terms
    eaten_dry = food_group in DRY_GROUPS  # oats, rice, beans are weighed dry
    forms_found: set[str] = set()
    all_words = frozenset().union(*segments)
    head_extra = frozenset(words(first_part.split("(")[0])) - {head_noun}
    forms_found |= {w for w in head_extra & UNUSUAL_FORM_WORDS if w not in said}
    if head_noun not in CLASS_HEADINGS:
        # "Turkey bacon", "Bacon, turkey": made of another food the line does not name
        made_of = frozenset(words(description.split("(", maxsplit=1)[0])) - {head_noun}
        forms_found |= {w for w in made_of & MADE_OF_WORDS if w not in said}
    all_said_so_far = True
    for part in description.split(",")[1:]:
        part_words = frozenset(words(part.split("(")[0]))  # not "(not previously frozen)"
        if _GENERIC_SEGMENT.match(part.strip()) and all_said_so_far:
            adjustment += GENERIC_BONUS  # "Bagels, plain", "beer, regular", "all varieties"
        informative = part_words - NEUTRAL_WORDS
        all_said_so_far = all_said_so_far and (not informative or bool(informative & said))
        segment_text = " ".join(part.lower().split())
        unsaid_form = (
            segment_text in UNUSUAL_FORM_SEGMENTS
            and not part_words <= said
            and not (segment_text in _FAT_LEVELS and any(w.isdigit() for w in said))
        )
        if unsaid_form and not (segment_text == "dry" and eaten_dry):
            forms_found.add(segment_text)
        if re.match(
            r"(?:made )?with ", part.strip().lower()
        ) and part_words - NEUTRAL_WORDS - said - {
            "propionate",
            "calcium",
            "include",
            "bone",
        }:
            forms_found.add(part.strip().lower())  # "with franks": something more than asked
        for word in part_words & UNUSUAL_FORM_WORDS:
            if word == "calcium" and "propionate" in part.lower():
                continue  # a preservative, not calcium fortification
            forms_found.add(word)
    if "fresh" in said:
        forms_found |= {w for w in ("dried", "canned", "frozen", "spice") if w in all_words}
    forms = sorted(forms_found - said)
    if forms:
        adjustment -= FORM_COST * min(len(forms), MAX_FORMS_COSTED)
        adjustment -= (STRONG_FORM_COST - FORM_COST) * len(
            [f for f in forms if STRONG_FORM_WORDS & set(f.split())]
        )
        reasons.append(f"an unusual form the line does not say: {', '.join(forms)}")
    brands = [w for w in re.findall(r"\b[A-Z][A-Z'&]{2,}\b", description) if fold(w) not in said]
    if brands and not any(words(b)[0] in said for b in brands if words(b)):
        adjustment -= BRAND_COST
        reasons.append(f"a brand the line does not name: {brands[0]}")
    return Meaning(round(adjustment, 4), tuple(reasons), named)
