"""Read one food-log line as people and recipes write it: amount, unit, food, and comment.

Pure: no database. Amounts are read by sleepmin.intake.amounts, and whether words name a food by
sleepmin.intake.food_names; this module splits a line into foods, amounts and comments.
``read_line("85g/3oz butter, melted, plus extra for greasing")`` gives one FoodLine (85 g of
"butter", comment "melted, plus extra for greasing"); ``read_line("chicken, rice and beans")``
three foods... once the matcher has split "rice and beans". The rules are
listed in docs/food-log.md ("How a line is read"); in short:

- **Amounts**: digits, decimals (also "1,5"), fractions ("1 1/2", "½", "1½"), ranges ("3-4",
  "3 to 4", "1 or 2": the middle), words ("two", "half a", "a couple of"), multipliers
  ("2 x 400g"), units glued or apart ("85g", "85 g"), and the same amount in two systems
  ("85g/3oz", "14 oz (400 g)", "½ cup (120 mL)"): the metric figure wins, a mass before a volume.
- **Sizes in brackets**: "1 (14-ounce) can", "2 cans (15 oz each)" (per item), "1 small tomato
  (3 ounces)" (the whole amount).
- **Spoon words**: heaped, rounded ×1.5, generous ×1.25, scant ×0.85, level ×1 — household
  conventions, stated in the grams' basis.
- **Comments** are not foods: text in brackets that is not an amount, and what follows a comma
  when it says how the food is prepared or used ("finely chopped", "to serve", "plus extra for
  greasing", "at room temperature", "optional"). A part after a comma that starts like a comment
  but may be a food ("grilled vegetables") is kept as *tentative*: the matcher keeps it only if it
  names a food outright.
- **Alternatives**: "chicken broth or water" means the first; "canola or vegetable oil" means
  canola oil; "or 3 tbsp fresh rosemary" after a food is a comment.
- **Not food**: equipment ("a wire whip"), headings ("For the sauce:"), activities ("went for a
  run") are reported as not food, not matched to something.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from sleepmin.foods.search import fold, singular, words
from sleepmin.intake.amounts import (
    APPROX_WORDS,
    CONTAINER_WORDS,
    FOODS_AS_MEASURES,
    FRACTION_CHARS,
    NOT_MEASURES,
    NUMBER,
    NUMBER_WORDS,
    ONE_NUMBER,
    SIZE_UNITS,
    Amount,
    AmountProblem,
    leading_amount,
    other_figure,
    parse_number,
    plus_amount,
    range_middle,
    rank,
    trailing_amount,
)
from sleepmin.intake.cooking import COOKED_WORDS, FORM_WORDS
from sleepmin.intake.food_names import (
    NOT_FOOD_WORDS,
    NOTE_LINE,
    NOTE_LINE_REASON,
    NOTE_REASON,
    NOTHING,
    TAKEN_LINE,
    TAKEN_LINE_REASON,
    is_not_food,
    names_a_food,
    names_a_medicine,
    no_food_reason,
    not_food_reason,
)
from sleepmin.intake.phrasing import ANY_UNIT, normalise
from sleepmin.intake.units import GRAMS_PER_UNIT, HOUSEHOLD_WORDS, ML_PER_UNIT, UNIT_WORDS


@dataclass(frozen=True, slots=True)
class FoodLine:
    """One food as written: amount and unit (either may be absent) and the food phrase."""

    line_number: int
    text: str
    day: int
    food: str
    quantity: float | None = None
    unit: str | None = None  # canonical unit, or a household word such as "slice"
    pin: str | None = None  # a food id given with "@"
    food_id: str | None = None  # an id from a CSV ndb_number / fdc_id column
    comment: str = ""  # what the line says that is not the food or its amount
    modifier: str = ""  # "heaped (×1.5)": how a spoon word changed the amount
    tentative: bool = False  # may be a comment ("…, grilled vegetables"): kept only if a food
    alternative: str = ""  # "… or Gruyere cheese": tried when the food itself is not found
    amount_after: bool = False  # "salmon 150g": written after the food, as diaries do


@dataclass(frozen=True, slots=True)
class LineProblem:
    """A line that could not be read as a food, and why; ``not_food`` when it names no food."""

    line_number: int
    text: str
    reason: str
    day: int | None = None
    not_food: bool = False


# -- vocabulary ---------------------------------------------------------------------------------

_BULLET = re.compile(r"^\s*(?:[-*•·]+|\d+[.)])\s+")
_PIN = re.compile(r"\s*@\s*(?P<id>(?:ndb:|fdc:)?[0-9]+)\s*$", re.I)
_AT_END = re.compile(r"\s*@\s*(?P<what>[^@]*?)\s*$")
MAX_ID_DIGITS = 9  # NDB numbers have 5 digits, FDC ids 6 to 7 today
MAX_WORD_LINE = 200


# Where a line joins two foods that each have their own amount: "banana + 1 tbsp pb",
# "coffee w/ 2 tbsp half and half", "toast and 2 eggs".
_MEASURE_WORDS = "|".join(sorted({*UNIT_WORDS, *HOUSEHOLD_WORDS}, key=len, reverse=True))
_JOINED = re.compile(
    rf"\s+\+\s+|\s+(?:with|w/|and|&)\s+(?=(?:{NUMBER}|[{FRACTION_CHARS}])\s*[a-z]"
    rf"|(?:(?:an?|one|two|three|half an?)\s+)?(?:{_MEASURE_WORDS})s?\s+of\b)",  # "and a knob of"
    re.I,
)


_HEADING = re.compile(r"^(?:for|to make|make)\s+(?:the\s+)?\S.*:?$|^[^:]{1,40}:$", re.I)

# How a part after a comma starts when it is a comment about the food, not another food.
COMMENT_STARTS = frozenset(
    """to for at plus about around approx approximately roughly such see cut if optional
    divided into in on from as preferably ideally each per or and then until while without
    with any mostly more less but only left reserved reserve room trimmed chopped no not
    without available ideally made discard remove keep save set use""".split()
)
# Participles that do not end in -ed, and -ed/-ly words that are foods.
_PARTICIPLES = frozenset(
    """beaten broken frozen torn shaken ground cut split thawed chosen taken eaten struck spun
    blanch crumbled""".split()
)
_NOT_PARTICIPLES = frozenset(
    """seed red bred shred mixed jelly belly lily chilly medley barley""".split()
)
# What a part after a comma may say about the food's parts: "skin on", "leaves picked".
_PART_WORDS = frozenset(
    """skin skins skinned bone bones boned stalk stalks stem stems leaf leaves tip tips
    rind peel zest juice juiced pith seed seeds pip pips tail tails head heads top tops end ends
    shell shells core cores fat whites white yolk yolks only on off removed intact left whole
    flesh crust crusts kernels membrane membranes stone stones pit pits
    half halves quarters wedges chunks pieces slices rings strips cubes lengthways lengthwise
    crossways widthways diagonally angle room temperature""".split()
)


# -- a whole line -----------------------------------------------------------------------------

# A comma (not that of "1,5" or "1,000"), or a spaced dash ("apple - snack", "milk - 250 ml")
_ITEM_COMMA = re.compile(
    rf"(?<!\d),|,(?!\d)|(?<![\d{FRACTION_CHARS}])\s+-\s+|\s+-\s+(?![\d{FRACTION_CHARS}])"
)
# A food with its amount after it, then another food: "greek yoghurt 150g with raspberries".
_AMOUNT_THEN_JOIN = re.compile(
    rf"(?<=[a-z])\s+(?P<amount>{ONE_NUMBER}\s*(?:{ANY_UNIT})\.?)\s+(?:with|and|&)\s+(?=[a-z])",
    re.I,
)
# Comments a diary adds about when, where or with whom, not about the food: "before bed", "at
# work", "(late)", "(shared)". A comment of these alone leaves a line read as food eaten.
DIARY_NOTE = re.compile(
    r"^(?:(?:before|after|till|until|during|for|with|at)\s+(?:bed|bedtime|sleep|sleeping|gym|"
    r"the gym|work|school|training|tea|dinner|lunch|breakfast|brekkie|supper|my run|a run|a walk)"
    r"|(?:at|in|from|down)\s+(?:the|my|a|work|home)\b.*"
    r"|with\s+(?:my|friends|work|the kids|the family)\b.*"
    r"|(?:between|shared with)\s+(?:\d+|two|three|four|us|the \w+|friends)"
    r"|late|shared|takeaway|take away|leftovers?|snack|treat|\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)"
    r"|(?:about\s+)?(?:a\s+)?(?:big\s+|small\s+)?(?:plate|plateful|bowl|bowlful|portion)(?:ful)?)$",
    re.I,
)


def is_diary_note(comment: str) -> bool:
    """Whether a comment only says when, where or with whom ("before bed", "at work")."""
    parts = [p.strip() for p in comment.split(",") if p.strip()]
    return bool(parts) and all(DIARY_NOTE.match(p) for p in parts)


# Where a note ends and what was eaten may begin: "woke 2:40. toast", "can't sleep - cereal".
_NOTE_SEPARATOR = re.compile(r"\.\s+(?=[a-z])|\s+[-–]\s+|;\s*|:\s+", re.I)
# Words before what was eaten in a note: "…and ate a banana", "…, had toast", "just crisps".
_ATE = re.compile(
    r"(?:^|[\s,;:-])(?:ate|eaten|had|drank|snacked on|grabbed|just|then|only)\s+(?P<food>.+)$",
    re.I,
)
# "ate 2 eggs", "usually has cereal w milk" (a clinician's recall notes), "eating toast"
_LEADING_VERB = re.compile(
    r"^(?:i\s+|(?:s?he|pt|patient|client)\s+)?(?:usually\s+|normally\s+|always\s+|often\s+|"
    r"sometimes\s+|then\s+|also\s+)?(?:ate|had|has|have|having|eats|eat|eating|drank|drinks|"
    r"drinking|eaten|snacked on|grabbed|snuck|sneaked|munched|nibbled|scoffed|inhaled|"
    r"devoured|finished)\s+(?=\S)",
    re.I,
)


# A line of day names and meal names only, with a note in brackets: a heading.
_DAY_OR_MEAL_ONLY = re.compile(
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|breakfast|brekkie|lunch|dinner|supper|"
    r"brunch|smoko|[-–:,/.\s]|\([^)]*\))+",
    re.I,
)
_PAREN = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")


@dataclass(slots=True)
class _Sizes:
    """Amounts found in brackets or comments: the same amount another way, or each item's."""

    total: list[Amount]
    each: list[Amount]


def _amount_only(text: str) -> tuple[Amount, bool] | None:
    """ "about 12 ounces", "8 oz/250 g", "15 oz each", "150g-200g per fillet" → (amount, each)."""
    text = text.strip().rstrip(".")
    lowered = text.lower()
    for word in APPROX_WORDS:
        if lowered.startswith(word + " "):
            text = text[len(word) :].strip()
            break
    if not text:
        return None
    try:
        quantity, unit, rest, negative, _, _ = leading_amount(text)
    except AmountProblem:
        return None
    written_in_words = not (text[0].isdigit() or text[0] in FRACTION_CHARS or text[0] == ".")
    if written_in_words and (unit is None or unit in SIZE_UNITS or rest.strip()):
        return None  # only "a cup", "half a cup", "two slices" in words
    if quantity is None or negative:
        return None
    quantity, rest = range_middle(quantity, rest, unit)
    rest, alternative = other_figure(rest, unit)
    each = bool(re.match(r"^(?:each|apiece|per\b|a piece|every)", rest, re.I))
    if each or re.match(r"^(?:on|in|with|for|at|to)\b", rest, re.I):
        rest = ""  # "1 tbsp on salad": the amount, and a comment
    if rest and names_a_food(rest):
        return None  # "(juice of 1 lemon)", "1 tsp sugar": a food, not only an amount
    household = unit is not None and unit not in UNIT_WORDS.values() and unit not in SIZE_UNITS
    if household and not rest and not each and unit not in _PACK_UNITS:
        return None  # "2 eggs": the measure word is the food; but "tuna, 1 tin" is an amount
    amount = Amount(quantity, unit)
    if alternative is not None and rank(alternative) < rank(amount):
        amount = alternative
    return amount, each


def read_line(text: str) -> tuple[FoodLine | LineProblem, ...]:
    """One line of a food log → its foods (or why it names none). Line numbers and days are 0:
    the caller places them."""
    return _read_line(text)


@functools.lru_cache(maxsize=65536)
def _read_line(original: str) -> tuple[FoodLine | LineProblem, ...]:
    text = normalise(_BULLET.sub("", original.strip()))
    if len(original.strip()) > MAX_WORD_LINE * 5:
        return (LineProblem(0, original[:80] + "…", "the line is too long to be one food"),)
    pin: str | None = None
    if match := _PIN.search(text):
        pin, text = match.group("id"), text[: match.start()]
        digits = pin.lower().removeprefix("ndb:").removeprefix("fdc:")
        if len(digits) > MAX_ID_DIGITS:
            return (
                LineProblem(
                    0,
                    original,
                    f"'@ {pin}' is not a food id (NDB numbers have 5 digits and FDC ids at most "
                    f"{MAX_ID_DIGITS}); find the food's id by searching the foods",
                ),
            )
        return (_one_food(text, original, pin=pin),)
    if (at := _AT_END.search(text)) and at.start() > 0:
        return (
            LineProblem(
                0,
                original,
                f"'@ {at.group('what')}' is not a food id; after '@' write an NDB number or FDC "
                "id, e.g. 'spinach @ 11457' (find one by searching the foods)",
            ),
        )
    if (_HEADING.match(text) and text.rstrip().endswith(":")) or re.match(
        r"^for the\b", text, re.I
    ):
        return (LineProblem(0, original, "a heading, not a food", not_food=True),)
    if _DAY_OR_MEAL_ONLY.fullmatch(text.strip()):
        # "Tuesday - Breakfast", "DINNER (kids had practice so late)": a heading
        return (LineProblem(0, original, "a heading, not a food", not_food=True),)
    if TAKEN_LINE.match(text) or names_a_medicine(text):
        return (LineProblem(0, original, TAKEN_LINE_REASON, not_food=True),)
    if NOTE_LINE.match(text):
        # "woke at 3am and ate a banana", "no dinner, just crisps": the food in the note counts
        eaten = _ATE.search(text)
        after_note = [  # "woke 2:40. toast x2 butter", "can't sleep - cereal, 2 bowls"
            p for p in _NOTE_SEPARATOR.split(text)[1:] if names_a_food(p) and not NOTE_LINE.match(p)
        ]
        if eaten is not None and names_a_food(eaten.group("food")):
            text = eaten.group("food")
        elif after_note:
            text = normalise(", ".join(after_note))
        else:
            return (LineProblem(0, original, NOTE_LINE_REASON, not_food=True),)
    text = _LEADING_VERB.sub("", text)  # "ate 2 biscuits", "drank 500ml water"
    text = _AMOUNT_THEN_JOIN.sub(r" \g<amount> ; ", text)  # "yoghurt 150g with raspberries"
    items: list[FoodLine | LineProblem] = []
    for chunk in _JOINED.split(text.replace(";", " ; ")):
        for piece in chunk.split(";"):
            if piece.strip():
                items.extend(_read_chunk(piece.strip(), original))
    if not items:
        return (LineProblem(0, original, "no food named; write e.g. '150 g salmon'"),)
    return tuple(_each_of_the_one_before(items))


# Drinks counted by the can or bottle, whose bracketed size is each one's.
_COUNTED_DRINKS = re.compile(
    r"\b(?:beers?|lagers?|ciders?|ales?|sodas?|cokes?|colas?|pops?|seltzers?|cans?|bottles?|"
    r"energy drinks?|drinks?)\b",
    re.I,
)
_DRINK_SIZE_UNITS = frozenset({"fl oz", "oz", "ml", "l", "cl"})
_COUNTED_UNITS = frozenset({"slice", "piece", "cup", "mug", "glass", "bowl", "can", "bottle"})


def _each_of_the_one_before(items: list[FoodLine | LineProblem]) -> list[FoodLine | LineProblem]:
    """ "2 slices toast w 1 tsp butter each": a side's amount "each" is for each of the items
    before it (2 tsp of butter)."""
    out = list(items)
    for i in range(1, len(out)):
        prev, cur = out[i - 1], out[i]
        if not (isinstance(prev, FoodLine) and isinstance(cur, FoodLine)):
            continue
        each = cur.comment.split(",")[0].strip().lower() == "each"
        counted = prev.quantity is not None and (prev.unit is None or prev.unit in _COUNTED_UNITS)
        if each and counted and cur.quantity is not None and prev.quantity is not None:
            out[i] = replace(cur, quantity=cur.quantity * prev.quantity)
    return out


def _read_chunk(text: str, original: str) -> list[FoodLine | LineProblem]:
    """A line (or a ';' part of one) → foods, with brackets and comments set apart."""
    # "zest of 1 lemon" is its peel, never the fruit
    text = re.sub(
        rf"^(?:the\s+)?(?:finely\s+)?(?:grated\s+|pared\s+)?(?:zest|rind|peel)\s+(?:of|from)\s+((?:{NUMBER}|[{FRACTION_CHARS}]|an?|one|two|half\s+an?)\s+)(\w+?)(e?s)?\b",
        lambda m: f"{m.group(1)}{m.group(2)} peel",
        text,
        flags=re.I,
    )
    # "juice of 2 limes" is the juice of two limes: USDA's "juice of 1 lime" measure
    text = re.sub(
        rf"^(?:the\s+)?juice\s+(?:of|from)\s+((?:{NUMBER}|[{FRACTION_CHARS}]|an?|one|two|three|half\s+an?)\s+)(\w+?)(e?s)?\b",
        lambda m: f"{m.group(1)}{m.group(2)} juice",
        text,
        flags=re.I,
    )
    sizes = _Sizes([], [])
    comments: list[str] = []
    text = _take_brackets(text, sizes, comments)
    parts = [p.strip() for p in _ITEM_COMMA.split(text)]
    parts = [p for p in parts if p]
    if not parts:
        return [LineProblem(0, original, "no food named; write e.g. '150 g salmon'")]
    # The first part names the food; if it names none yet ("1 tablespoon fresh"), the next
    # part finishes it ("chopped basil").
    first = parts.pop(0)
    while parts and not names_a_food(first) and not _is_amount_part(parts[0]):
        first = f"{first} {parts.pop(0)}"
    foods: list[tuple[str, bool]] = [(first, False)]
    commenting = False
    for part in parts:
        if commenting:
            # "smoked haddock, poached, about 150g": a size after the comment still counts
            sized = _amount_only(part)
            if sized is not None and len(foods) == 1 and not _has_amount(foods[0][0]):
                (sizes.each if sized[1] else sizes.total).append(sized[0])
            comments.append(part)
            continue
        if (count := _count_in_note(part)) is not None and not _has_amount(foods[-1][0]):
            # "apple - ate half"; "chicken, half the tub": of the portion, not of a piece
            of_pack = _OF_A_PACK.search(part) is not None
            sizes.total.append(Amount(count, "serving" if of_pack else None))
            continue
        if len(foods) == 1 and _narrows(part):
            # "1 cup lentils, red, cooked", "rice, brown", "tofu, firm": which kind, not a food
            foods[0] = (_kind_first(foods[0][0], part.strip()), foods[0][1])
            continue
        kind = _part_kind(part)
        if kind == "amount":
            amount = _amount_only(part)
            if amount is not None and amount[1]:
                sizes.each.append(amount[0])  # "…, 150g each"
                continue
            written, leftover = _amount_and_rest(part)
            if _has_amount(foods[-1][0]) and amount is not None:
                sizes.total.append(amount[0])  # "1 leg of lamb, approximately 2kg"
            else:
                written = _in_digits(written)  # "a cup" → "1 cup"
                foods[-1] = (f"{foods[-1][0]}, {written}", foods[-1][1])  # "salmon, 150 g"
            if leftover:  # "…, 200g cooked", "…, 1 tbsp on salad"
                state = _cooking_state(leftover)
                if state and len(foods) == 1:
                    foods[0] = (_with_state(foods[0][0], state), foods[0][1])
                comments.append(leftover)
            continue
        if kind == "comment":
            if (part_of := _PART_ONLY.match(part.strip())) and len(foods) == 1:
                # "2 pink grapefruit, juice and zest only": the juice is eaten
                wanted = "juice" if "juice" in part_of.group(0).lower() else "peel"
                *start, last = foods[0][0].split()
                fruit = " ".join([*start, singular(last)])  # "2 limes" → "2 lime peel"
                foods[0] = (f"{fruit} {wanted}", foods[0][1])
            state = _cooking_state(part)
            if state and len(foods) == 1:  # "lentils, cooked": how it is eaten picks the food
                foods[0] = (_with_state(foods[0][0], state), foods[0][1])
            sized = _amount_in_comment(part) or _weight_then_note(part)
            if sized is not None and len(foods) == 1:
                (sizes.each if sized[1] else sizes.total).append(sized[0])
            comments.append(part)
            commenting = True
            continue
        if kind == "tentative" and (state := _cooking_state(part)) and len(foods) == 1:
            foods[0] = (_with_state(foods[0][0], state), foods[0][1])  # "eggs, fried in butter"
        foods.append((part, kind == "tentative"))
    comment = ", ".join(c for c in comments if c)
    offered = next((_alternative_food(c) for c in comments if re.match(r"or\s", c, re.I)), "")
    out: list[FoodLine | LineProblem] = []
    for index, (food_text, tentative) in enumerate(foods):
        item = _one_food(
            food_text,
            original,
            sizes=sizes if index == 0 else _Sizes([], []),
            comment=comment if index == len(foods) - 1 else "",
            tentative=tentative,
            offered=offered if index == 0 else "",
        )
        out.append(item)
    if sum(isinstance(i, FoodLine) for i in out) >= 2:
        # "2 corn tortillas, 3oz ground turkey, salsa": a meal eaten, never one recipe
        # ingredient, so a weight in it is of the food as eaten, like "turkey 3oz"
        out = [
            replace(i, amount_after=True)
            if isinstance(i, FoodLine) and i.unit in GRAMS_PER_UNIT
            else i
            for i in out
        ]
    lone_problem = len(out) == 1 and isinstance(out[0], LineProblem) and not out[0].not_food
    if lone_problem and (is_not_food(text) or (comments and is_not_food(f"{first} {comment}"))):
        return [LineProblem(0, original, not_food_reason(text), not_food=True)]
    return out


def _cooking_state(comment: str) -> str:
    """ "cooked", "fried in butter", "weighed raw", "cooked weight" → the cooking word."""
    said: list[str] = re.findall(r"[a-z]+", comment.lower())
    if said and said[0] in FORM_WORDS:
        return said[0]
    if len(said) >= 2 and said[0] in ("weighed", "weight") and said[1] in FORM_WORDS:
        return said[1]
    return ""


_PART_ONLY = re.compile(
    r"^(?:pared\s+|finely\s+grated\s+|grated\s+)?(?:juice|zest|rind|peel)"
    r"(?:\s+(?:and|&)\s+(?:pared\s+|grated\s+)?(?:juice|zest|rind|peel))?\s+only$"
    r"|^(?:juiced|zested)$",  # "1 lemon, juiced": its juice
    re.I,
)


def _with_state(food_text: str, state: str) -> str:
    """ "½ cup lentils" + "cooked" → "½ cup cooked lentils": the state goes before the food,
    so the food's own noun stays last."""
    try:
        _, _, rest, _, _, _ = leading_amount(food_text)
    except AmountProblem:
        return f"{state} {food_text}"
    if rest == food_text:
        return f"{state} {food_text}"
    if not rest:  # "2 eggs": the food is the last word
        head, _, last = food_text.rpartition(" ")
        return f"{head} {state} {last}".strip()
    return f"{food_text[: len(food_text) - len(rest)].rstrip()} {state} {rest}"


def _amount_and_rest(part: str) -> tuple[str, str]:
    """ "about 20, at my desk" → ("20", ""); "200g cooked" → ("200g", "cooked")."""
    text = part.strip()
    for word in APPROX_WORDS:
        if text.lower().startswith(word + " "):
            text = text[len(word) :].strip()
            break
    try:
        _, _, rest, _, _, _ = leading_amount(text)
    except AmountProblem:
        return text, ""
    rest, _ = other_figure(rest, None)
    written = text[: len(text) - len(rest)].strip() if rest else text
    if rest.lower().split(" ", 1)[0] in CONTAINER_WORDS:  # "6oz pot"
        return written, ""
    return written, rest.strip()


def _in_digits(written: str) -> str:
    """ "a cup" → "1 cup", "two slices" → "2 slice": an amount written in words, as a trailing
    amount is read; one in digits as it is."""
    if not written or not written[0].isalpha():
        return written
    try:
        quantity, unit, rest, _, _, _ = leading_amount(written)
    except AmountProblem:
        return written
    if quantity is None or unit is None or rest.strip():
        return written
    return f"{quantity:g} {unit}"


def _has_amount(text: str) -> bool:
    try:
        quantity, unit, _, _, _, _ = leading_amount(text)
    except AmountProblem:
        return True
    return quantity is not None or unit is not None


def _is_amount_part(part: str) -> bool:
    return _part_kind(part) == "amount"


def _take_brackets(text: str, sizes: _Sizes, comments: list[str]) -> str:
    """Set bracketed text apart: an amount is a size ("(3 ounces)", "(14-ounce)" before the
    unit: each), anything else a comment ("(optional)", "(such as Granny Smith)")."""
    out = text
    for _ in range(6):
        match = _PAREN.search(out)
        if not match:
            break
        inside = (match.group(1) or match.group(2) or "").strip()
        before = out[: match.start()].strip()
        after = out[match.end() :]
        amount = _amount_only(normalise(inside)) if inside else None
        if amount is None and (count := _count_in_note(inside)) is not None:
            amount = (Amount(count, None), False)  # "banana (half)", "(maybe 6)"
        if amount is None and before:
            amount = _measure_count(inside)  # "toast (2 slices)": how many of the food
        parts = _listed_parts(inside) if amount is None and before else None
        if parts and not _has_amount(before) and len(parts) == 1:
            written, rest = _amount_and_rest(parts[0])
            named = words(before)[-1:]  # the food's head word: "eggs", not "finger" of a sarnie
            same = {singular(w) for w in words(rest)} >= {singular(w) for w in named}
            if (same and named) or not rest:  # "scrambled eggs (3 eggs)": how many of it
                out = f"{written} {before} {after.strip()}".strip()
                continue
        if parts and not _has_amount(before) and len(before.split()) <= MAX_DISH_WORDS:
            # "porridge (40g oats)", "smoothie (1 banana, 200ml milk)": the person listed
            # what went into it, with amounts; those are the foods, the dish a comment
            comments.append(before)
            out = f"{', '.join(parts)} {after.strip()}".strip()
            continue
        if amount is not None:
            each = amount[1] or _right_after_count(before) or _after_container(before)
            (sizes.each if each else sizes.total).append(amount[0])
        elif inside and before and _names_a_kind(inside):
            before = _kind_first(before, inside)  # "milk (semi-skimmed)": which milk
        elif inside:
            comments.append(inside)
            if (state := _cooking_state(inside)) and before:  # "(weighed raw)"
                before = _with_state(before, state)
        out = f"{before} {after.strip()}".strip()
    # An unclosed bracket: the rest is a comment.
    if "(" in out:
        out, _, tail = out.partition("(")
        if tail.strip():
            comments.append(tail.strip(" )"))
    return out.strip()


MAX_DISH_WORDS = 2  # "porridge", "green smoothie": one food named, not a meal


def _measure_count(inside: str) -> tuple[Amount, bool] | None:
    """ "(2 slices)", "(3 pieces)" after a food: a count of a household measure of it (alone,
    "2 slices" would name slices as the food)."""
    try:
        quantity, unit, rest, negative, _, _ = leading_amount(normalise(inside))
    except AmountProblem:
        return None
    if quantity is None or negative or quantity <= 0 or rest.strip() or unit is None:
        return None
    measure = unit in HOUSEHOLD_WORDS and unit not in FOODS_AS_MEASURES | NOT_MEASURES
    if unit in ("piece", "chunk", "bit"):
        return None  # "yam (2 big pieces)": of no stated size, a note
    return (Amount(quantity, unit), False) if measure else None


def _listed_parts(inside: str) -> list[str] | None:
    """ "40g oats", "1 banana, 200ml milk": foods each with an amount (a bracket that lists a
    dish's ingredients); None when any part lacks an amount or names no food."""
    parts = [p.strip() for p in re.split(r",|\band\b|\+", inside) if p.strip()]
    if not parts:
        return None
    for part in parts:
        try:
            quantity, unit, rest, negative, _, _ = leading_amount(normalise(part))
        except AmountProblem:
            return None
        named = names_a_food(rest) if rest.strip() else unit in FOODS_AS_MEASURES  # "2 eggs"
        if quantity is None or negative or not named:
            return None
    return parts


_PACK_UNITS = frozenset({"can", "jar", "tub", "pot", "packet", "bottle", "carton"})
_COUNT_WORDS = {"half": 0.5, "a half": 0.5, "quarter": 0.25, "a quarter": 0.25, "one": 1.0}
_COUNT_IN_NOTE = re.compile(
    r"^(?:(?:too many|a lot|ate|had|only|just|about|around|maybe|roughly|approx\.?|~)[,\s]+)*"
    r"(?P<n>half|a half|quarter|a quarter|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"twelve|\d{1,2}(?:\.\d)?)"
    r"(?:\s+(?:of\s+)?(?:the|it|my|that)(?:\s+(?:tub|bag|box|packet|pack|pot|tray|carton|"
    r"container|order|portion|plate|bowl|can|tin|jar|bottle|pizza|pie|cake|loaf))?)?$",
    re.I,
)
_OF_A_PACK = re.compile(r"\b(?:tub|box|container|order|portion|plate|bowl)$", re.I)


def _count_in_note(note: str) -> float | None:
    """ "half", "ate half", "maybe 6", "too many, maybe 6": how many of the food, said in a note."""
    match = _COUNT_IN_NOTE.match(note.strip().lower())
    if match is None:
        return None
    n = match.group("n")
    if n in _COUNT_WORDS:
        return _COUNT_WORDS[n]
    if n in NUMBER_WORDS:
        return float(NUMBER_WORDS[n])
    value = float(n)
    return value if value > 0 else None


# Words that say which kind of a food, after a comma: its colour, firmness, fat or grain.
_NARROWING = frozenset(
    """red green yellow white black brown pink purple golden orange firm soft silken extra
    medium low fat reduced full nonfat lowfat skim skimmed semi free whole wholemeal wholegrain
    wholewheat wheat long short grain wild sweetened unsweetened plain natural greek""".split()
)


def _narrows(part: str) -> bool:
    """ "red", "firm", "low fat", "long grain", "brown": the part only says which kind."""
    if re.search(r"\d", part):
        return False  # "0% fat": read as written
    found = re.findall(r"[a-z]+", fold(part))
    return bool(found) and len(found) <= 3 and all(w in _NARROWING for w in found)


def _kind_first(food: str, kind: str) -> str:
    """ "200g Greek yoghurt" + "full fat" → "200g full fat Greek yoghurt": the kind before the
    food's words, after its amount."""
    try:
        _, _, rest, _, _, _ = leading_amount(food)
    except AmountProblem:
        rest = food
    amount = food[: len(food) - len(rest)].rstrip() if rest and food.endswith(rest) else ""
    return f"{amount} {kind} {rest or food}".strip()


def _names_a_kind(text: str) -> bool:
    """ "semi-skimmed", "full fat", "decaf": a word of the food-words table that says which
    kind of the food it is."""
    plain = " ".join(re.sub(r"[-_]+", " ", fold(text)).split())
    return plain in _KIND_PHRASES or bool(re.fullmatch(r"\d{1,2}% (?:lean|fat)", plain))


_KIND_PHRASES = frozenset(
    """semi skimmed|skimmed|skim|full fat|whole|low fat|fat free|2%|1%|decaf|decaffeinated|
    unsweetened|sweetened|wholemeal|wholegrain|whole wheat|brown|white|short grain|long grain|
    medium grain|unsalted|salted|no salt|low sodium|reduced fat|sugar free|diet|lean|extra lean|
    skinless|boneless""".replace("\n", "").split("|")
)


def _right_after_count(before: str) -> bool:
    """ "1 (14-ounce) can": a bracket right after the count gives each item's size."""
    return bool(re.fullmatch(rf"(?:{NUMBER}|[{FRACTION_CHARS}]|\d+\s*[x×])", before.strip()))


def _after_container(before: str) -> bool:
    """ "2 cans (15 oz)": a bracket after a container gives each container's size."""
    words = before.lower().split()
    return bool(words) and (words[-1] in CONTAINER_WORDS or singular(words[-1]) in {"package"})


def _part_kind(part: str) -> str:
    """A part after a comma: "amount" ("150 g"), "comment" ("finely chopped", "to serve"),
    "tentative" (starts like a comment but may be a food: "grilled vegetables") or "food"."""
    amount = _amount_only(part)
    if amount is not None:
        return "amount"
    try:
        quantity, unit, rest, _, _, _ = leading_amount(part)
    except AmountProblem:
        quantity, unit, rest = None, None, part
    measure = unit in HOUSEHOLD_WORDS and unit not in FOODS_AS_MEASURES | NOT_MEASURES
    if quantity is not None and measure and not rest.strip():
        return "amount"  # "toast, 2 slices", "toast, two slices" (but "rice, 2 eggs" is two foods)
    try:
        leading_amount(part)
    except AmountProblem:
        return "amount"  # "rice, 1/0 cup": the food reports the bad amount
    words = re.findall(r"[a-z][a-z'\-]*", fold(part))
    words = [w for w in words if w not in _INTENSIFIERS] or words  # "very finely chopped"
    if not words:
        return "comment"
    first = words[0].strip("-'")
    if NOTE_LINE.match(part):
        return "comment"  # "…, couldn't sleep", "…, not hungry"
    if first in COMMENT_STARTS or re.match(r"^(?:or|and)\b", part, re.I):
        return "comment"
    if all(w.strip("-") in _PART_WORDS or w in NOT_FOOD_WORDS for w in words):
        return "comment"
    if "only" in words:
        return "comment"
    if not names_a_food(part):
        return "comment"
    if all(w.strip("-'") in _ONLY_DESCRIBES or w in NOT_FOOD_WORDS for w in words):
        return "comment"  # "strong", "instant", "low fat", "medium rare", "grass fed", "black"
    if first in _ONLY_DESCRIBES and len(words) > 1 and words[1] in _PREPOSITIONS | {"from"}:
        return "comment"  # "leftover from last night"
    if words[-1] in _AFTER_A_PART and len(words) <= 4:
        return "comment"  # "stones removed", "skins left on"
    if first in _PART_WORDS | {"clove", "cloves"} and len(words) > 1 and _is_participle(words[-1]):
        return "comment"  # "cloves separated", "leaves finely shredded"
    if _is_participle(first) and len(words) > 1 and words[1] in _PREPOSITIONS:
        return "comment"  # "softened in cold water", "fried in butter"
    if _is_participle(first) or (first.endswith("ly") and first not in _NOT_PARTICIPLES):
        rest = " ".join(w for w in words[1:] if not _is_participle(w))
        return "tentative" if names_a_food(rest) else "comment"
    return "food"


_INTENSIFIERS = frozenset("very really quite fairly rather nice nicely too".split())
# Words that only describe a food: after a comma, alone, they are never another food.
_ONLY_DESCRIBES = frozenset(
    """strong weak instant low high fat free reduced full skim skimmed semi rare medium well
    done grass fed wild farmed organic black white sweet unsweetened sweetened plain fresh
    light dark hot cold iced warm decaf decaffeinated leftover leftovers homemade shop bought
    store fluid liquid al dente over easy sunny side up runny hard soft crispy crunchy thick
    thin large small big extra regular diet salted unsalted lean lite original classic
    natural greek style raw cooked canned tinned frozen dried dry smoked excellent quality good best
    finest premium takeaway takeout delivery homemade home-made restaurant single double
    bakery cafe canteen supermarket deli shop store garage""".split()
)
_AFTER_A_PART = frozenset({"removed", "discarded", "reserved", "intact", "on", "off", "left"})
_PREPOSITIONS = frozenset(
    {"in", "into", "with", "to", "from", "for", "at", "on", "by", "until", "under", "over"}
)


def _is_participle(word: str) -> bool:
    word = word.strip("-'")
    if word in _NOT_PARTICIPLES or word.endswith(_FOODS_ENDING_IN_ED):
        return False  # "flaxseed", "shortbread", "seaweed" are foods
    if word in _PARTICIPLES:
        return True
    return len(word) >= 5 and word.endswith("ed")


def _weight_then_note(part: str) -> tuple[Amount, bool] | None:
    """ "59g it says on the box": a weight or volume, then a note that names no food."""
    try:
        quantity, unit, rest, _, _, _ = leading_amount(part)
    except AmountProblem:
        return None
    metric = unit in GRAMS_PER_UNIT or unit in ML_PER_UNIT
    if quantity is None or not metric or names_a_food(rest):
        return None
    return Amount(quantity, unit), False


def _amount_in_comment(part: str) -> tuple[Amount, bool] | None:
    """ "around 150g-200g/5½oz-7oz per fillet" → 175 g, each."""
    lowered = fold(part)
    for word in APPROX_WORDS:
        if lowered.startswith(word + " "):
            return _amount_only(part[len(word) :])
    return None


def _split_alternatives(food: str) -> tuple[str, str]:
    """ "chicken broth or water" → "chicken broth"; "canola or vegetable oil" → "canola oil";
    "dried rosemary or 3 tbsp fresh rosemary" → the first, the rest a comment."""
    match = re.search(r"\s+or\s+", food, re.I)
    if not match:
        return food, ""
    first, second = food[: match.start()].strip(), food[match.end() :].strip()
    adjective = not names_a_food(first) or first.lower() in _ALTERNATIVE_ADJECTIVES
    if adjective and len(first.split()) == 1 and len(second.split()) >= 2:
        return f"{first} {' '.join(second.split()[1:])}", "or " + second  # "fresh or frozen peas"
    *before, last = first.split()
    describing = all(not names_a_food(w) for w in before)  # "finely chopped"
    if (
        before
        and describing
        and last.lower() in _ALTERNATIVE_ADJECTIVES
        and len(second.split()) >= 2
    ):
        # "finely chopped Chinese or garlic chives": Chinese chives
        return f"{first} {' '.join(second.split()[1:])}", "or " + second
    if not names_a_food(first):
        return food, ""  # "1 or 2 eggs" was an amount
    if _has_amount(second) or not names_a_food(second):
        return first, "or " + second
    first_words = first.split()
    second_words = re.sub(r"^(?:other|a similar|similar)\s+", "", second, flags=re.I).split()
    # "canola or vegetable oil", "groundnut or other flavourless oil", not "rum or fresh lemon
    # juice"
    shared = second_words[-1].lower() if len(second_words) == 2 else ""
    standalone = first.lower() in _FOODS_ON_THEIR_OWN  # "butter or olive oil"
    if shared in _KINDS and first_words[-1].lower() not in _KINDS and not standalone:
        return f"{first} {second_words[-1]}", "or " + second  # "canola or vegetable oil"
    return first, "or " + second


def _alternative_food(alternatives: str) -> str:
    """ "or Gruyere cheese" → "Gruyere cheese"; "or 3 tbsp fresh rosemary" → "" (an amount)."""
    other = re.sub(r"^or\s+(?:other\s+|a\s+similar\s+|similar\s+)?", "", alternatives, flags=re.I)
    if not other or other == alternatives or _has_amount(other) or not names_a_food(other):
        return ""
    return other.strip()


_ALTERNATIVE_ADJECTIVES = frozenset(
    """red green yellow white black brown fresh frozen dried canned sweet hot mild light dark
    large small smoked unsmoked salted unsalted whole homemade store-bought shop-bought
    ready-made bought chinese thai japanese korean indian italian french greek spanish mexican
    english american asian mediterranean middle-eastern""".split()
)
# Foods in their own right, never only a kind of the noun an alternative shares: "butter or olive
# oil" is butter (not butter oil), "water or chicken stock" water.
_FOODS_ON_THEIR_OWN = frozenset(
    "butter ghee lard margarine water milk cream honey sugar salt stock broth wine".split()
)
# Nouns a kind is often put before, shared by alternatives: "canola or vegetable oil".
_KINDS = frozenset(
    """oil oils stock broth vinegar cheese sauce flour sugar wine juice milk beans nuts seeds
    pepper peppers chili chilli chile leaves herbs rice pasta noodles bread cream yogurt yoghurt
    mushrooms lettuce onions tomatoes salt sugar""".split()
)


def _one_food(
    text: str,
    original: str,
    *,
    pin: str | None = None,
    sizes: _Sizes | None = None,
    comment: str = "",
    tentative: bool = False,
    offered: str = "",
) -> FoodLine | LineProblem:
    """One food phrase → a FoodLine; ``offered`` is an alternative said in a comment ("(or a
    similar blue cheese)"), tried when the food itself is not found."""
    if len(text.strip()) > MAX_WORD_LINE and pin is None:
        return LineProblem(0, text.strip()[:80] + "…", "the food is too long to be one food")
    amount_after = False
    try:
        quantity, unit, rest, negative, factor, spoon = leading_amount(text)
        if quantity is not None:
            quantity, rest = range_middle(quantity, rest, unit)
        rest, alternative = other_figure(rest, unit)
        if (
            unit == "lb"
            and quantity is not None
            and (pounds_ounces := re.match(rf"^({NUMBER})\s*(?:oz|ounces?)\b\s*", rest, re.I))
        ):
            quantity += parse_number(pounds_ounces.group(1)) / 16  # "1 lb 2 oz steak"
            rest = rest[pounds_ounces.end() :]
        if quantity is not None and unit is not None:
            for _ in range(3):  # "¾ cup plus 1 tablespoon plus ½ teaspoon sugar"
                quantity, rest = plus_amount(quantity, unit, rest)
        if quantity is None and unit is None:
            quantity, unit, rest, negative = trailing_amount(text)
            factor, spoon = 1.0, ""
            amount_after = quantity is not None
            if quantity is None and (cut := _cut_comment(text))[1]:
                # "gatorade 20oz after gym": the amount before a note
                t_quantity, t_unit, t_rest, t_negative = trailing_amount(cut[0])
                if t_quantity is not None:
                    quantity, unit, negative = t_quantity, t_unit, t_negative
                    rest = f"{t_rest} {cut[1]}"
                    amount_after = True
        elif unit is not None:  # "1 tsp granulated sugar 5 mL": the same amount again
            t_quantity, t_unit, t_rest, _ = trailing_amount(rest)
            if t_quantity is not None and t_unit is not None:
                rest = t_rest
                if alternative is None or rank(Amount(t_quantity, t_unit)) < rank(alternative):
                    alternative = Amount(t_quantity, t_unit)
    except AmountProblem as problem:
        return LineProblem(0, original, str(problem))
    rest, said_after = _cut_comment(rest)
    comment = ", ".join(c for c in (said_after, comment) if c)
    if negative or (quantity is not None and quantity <= 0):
        return LineProblem(0, original, "the amount must be more than zero (e.g. '3 cups')")
    # A container after a mass or volume: "400g tin chopped tomatoes".
    if unit in GRAMS_PER_UNIT or unit in ML_PER_UNIT:
        first, _, tail = rest.partition(" ")
        container = first.lower().rstrip(",")
        if container in CONTAINER_WORDS and tail:
            rest = re.sub(r"^of\s+", "", tail.strip(), flags=re.I)
            canned = container in ("can", "cans", "tin", "tins")
            if canned and unit in GRAMS_PER_UNIT and "canned" not in rest.lower():
                rest = f"canned {rest}"  # "400g tin chickpeas": canned chickpeas
    if unit == "length":  # "2.5cm/1in piece ginger": a piece, its size a comment
        quantity, unit = 1.0, None
        first, _, tail = rest.partition(" ")
        if singular(first.lower()) in ("piece", "chunk", "slice", "knob", "stick"):
            unit, rest = "piece", tail
    canned_by_can = unit == "can"
    chosen = Amount(quantity, unit)
    if alternative is not None and rank(alternative) < rank(chosen):
        chosen = alternative
    if sizes is not None:
        for total in sizes.total:
            nothing_said = chosen.quantity is None and chosen.unit is None
            drinks = (
                chosen.unit is None and (chosen.quantity or 0) > 1 and _COUNTED_DRINKS.search(rest)
            )
            if drinks and total.quantity is not None and total.unit in _DRINK_SIZE_UNITS:
                # "2 light beers (12 oz)": each can's size
                chosen = Amount((chosen.quantity or 1) * total.quantity, total.unit)
            elif nothing_said or (rank(total) < rank(chosen) and rank(total) < 4):
                chosen = total  # "apple (1 medium)", "1 small tomato (3 ounces)"
                amount_after = amount_after or nothing_said  # "chicken (150g)"
        for each in sizes.each:
            if rank(each) < 4 and rank(each) < rank(chosen) and each.quantity is not None:
                count = quantity if quantity is not None and rank(chosen) == 4 else 1.0
                chosen = Amount(count * each.quantity, each.unit)
    quantity, unit = chosen.quantity, chosen.unit
    if canned_by_can and unit in GRAMS_PER_UNIT and "canned" not in rest.lower():
        rest = f"canned {rest}"  # "1 can (8 oz/227 mL) crushed pineapple"
    modifier = ""
    if spoon and chosen.unit is not None and chosen.unit == (unit or "") and factor != 1.0:
        if quantity is not None:
            quantity *= factor
        modifier = f"{spoon} (×{factor:g})"
    food, alternatives = _split_alternatives(_clean_food(rest))
    if re.search(r"\s+each$", food, re.I) and names_a_food(food[:-5]):
        food, comment = food[:-5].strip(), ", ".join(c for c in ("each", comment) if c)
    comment = ", ".join(c for c in (alternatives, comment) if c)
    other = _alternative_food(alternatives) or offered
    if not food and unit == "slice" and re.search(r"\brashers?\b", text, re.I):
        food = "bacon"  # "2 rashers": rashers of bacon
    if not food and unit is not None and unit in HOUSEHOLD_WORDS:
        food, unit = unit, None  # "2 eggs": the measure word is the food
    if (
        unit is None
        and (last := _TRAILING_MEASURE.search(food)) is not None
        and names_a_food(food[: last.start()])
    ):
        # "dill pickle spear", "cheese slice", "apple juice box": one of that measure
        food, unit = food[: last.start()].strip(), singular(last.group(1).lower())
        quantity = 1.0 if quantity is None else quantity
    if not food:
        return LineProblem(0, original, "no food named; write e.g. '150 g salmon'")
    if not re.search(r"[^\W\d_]", food):
        return LineProblem(0, original, f"{food!r} is not a food name")
    if pin is None and not names_a_food(food):
        if is_not_food(food) or NOTHING.search(food):
            return LineProblem(0, original, not_food_reason(food), not_food=True)
        return LineProblem(0, original, no_food_reason(food))
    if pin is None and is_not_food(food):
        return LineProblem(0, original, not_food_reason(food), not_food=True)
    if pin is None and fold(food).split()[0] in _NOTE_STARTS:
        # "for frying", "plus extra": how a food is used, on a line of its own
        return LineProblem(0, original, NOTE_REASON, not_food=True)
    if unit == "pint" and _IMPERIAL.search(original):
        unit = "uk pint"  # "a pint of milk (UK)": 568 ml, not the US 473 ml
        food = _IMPERIAL.sub("", food).strip() or food
    elif unit == "pint" and _BRITISH_PINT.search(original):
        unit = "uk pint"  # "a pint of bitter", "half a pint of semi-skimmed": a British pint
    return FoodLine(
        0,
        original.strip(),
        0,
        food,
        quantity,
        unit,
        pin,
        comment=comment,
        modifier=modifier,
        tentative=tentative,
        alternative=other,
        amount_after=amount_after,
    )


_IMPERIAL = re.compile(r"\b(?:uk|imperial|british)\b", re.I)
# Drinks and words only British (and Irish) lines use by the pint: such a pint is 568 ml.
_BRITISH_PINT = re.compile(
    r"\b(?:bitter|lager|cider|shandy|stout|guinness|semi[- ]?skimmed|skimmed|the pub)\b", re.I
)
# A measure word at the end of a food: "dill pickle spear", "lemon wedge", "juice box".
_TRAILING_MEASURE = re.compile(r"\s+(spears?|wedges?|slices?|strips?|box|carton)$", re.I)


_NOTE_STARTS = frozenset("for plus to optional see garnish".split())


# Foods whose names end like a participle: "flaxseed", "shortbread", "seaweed".
_FOODS_ENDING_IN_ED = ("seed", "bread", "weed", "skimmed")  # "semi skimmed" (milk)
_MID_COMMENT = re.compile(
    r"\s+(?:(?:[a-z]+ed|cut|torn|beaten|broken|ground|frozen)\s+(?:in|into|with|to|from|for|at|"
    r"on|by|until|under|over|before|after)\b|plus\b|for\s+(?:garnish|serving|dusting|frying|"
    r"greasing|decoration|dipping|brushing|drizzling|sprinkling)\b|to\s+(?:serve|taste|garnish)\b|"
    r"(?:at|in|from|down)\s+(?:the|my|a|work|home|lunch|dinner|breakfast)\s+(?!juice)|"
    r"with\s+(?:my|friends|work|the kids|the family)\b|"
    r"on\s+(?:the\s+|my\s+)?(?:bus|train|tube|plane|way|go|road|sofa|couch|move|run)\b|"
    r"to\s+break\s+(?:my|the)\s+fast\b|(?:made|cooked)\s+with\s+(?:water|milk)\b|"
    r"on\s+(?:the\s+)?(?:barbie|bbq|barbecue|grill|site)\b|at\s+(?:smoko|[a-z']+$)|"
    r"off\s+the\s+barbie\b|from\s+next\s+door'?s?\b.*$|"
    r"from\s+(?:tims|timmies|starbucks|mcdonalds|maccas|subway|greggs|costa|pret|kfc|"
    r"dunkin|the servo)\b|"
    # where it came from and what was going on: "from the dining hall", "while grilling",
    # "straight from the box", "(box kind)", "it says on the box", "for me", "off the grill"
    r"(?:straight\s+)?from\s+(?:the|a)\s+(?!juice)[a-z]+(?:\s+[a-z]+)?$|"
    r"while\s+[a-z]+ing\b|it\s+says\b|says\s+on\b|off\s+the\s+(?:grill|bbq|barbecue)\b|"
    r"for\s+(?:me|us|him|her)\b|prob(?:ably)?\b|pregame\b|no\s+[a-z]+$|"
    r"(?:before|after|during)\s+(?:my\s+|the\s+|a\s+)?(?:\d{1,2}\s*(?:am|pm)\s+)?[a-z]+$|"
    r"(?:about|around|approximately|roughly)\s+(?![\d½¼¾⅓⅔])|"
    # when or why it was eaten: "before bed", "after gym", "with dinner", "for tea" (a meal)
    r"(?:before|after|till|until|during|for|with|at)\s+(?:bed|bedtime|sleep|sleeping|gym|the gym|"
    r"work|school|training|tea|dinner|lunch|breakfast|brekkie|brekky|bfast|supper|my run|"
    r"a run|a walk)$|"
    r"(?:between|shared with)\s+(?:\d+|two|three|four|us|the \w+|friends)$|"
    rf"\b(?![a-z]*(?:{'|'.join(_FOODS_ENDING_IN_ED)})$)[a-z]+ed$)",  # not "ground flaxseed"
    re.I,
)


def _cut_comment(rest: str) -> tuple[str, str]:
    """ "cornstarch dissolved in 2 teaspoons water" → ("cornstarch", "dissolved in ..."):
    what follows a participle and a preposition, "plus", "for garnish", "to taste" is a comment."""
    match = _MID_COMMENT.search(rest)
    if not match:
        return rest, ""
    when = re.fullmatch(
        r"(?:with|before|after|at|for)\s+(?:breakfast|lunch|dinner|supper|tea|bed)",
        rest[match.start() :].strip(),
        re.I,
    )
    if not names_a_food(rest[: match.start()]) and not when:
        return rest, ""  # "lisinopril 10mg with breakfast": when, whatever it was
    food, comment = rest[: match.start()], rest[match.start() :].strip()
    how = comment.split()[0].lower() if comment.split() else ""
    if how in COOKED_WORDS and not names_a_food(" ".join(comment.split()[1:2])):
        cooked_in = re.match(r"^[a-z]+\s+(?:in|with)\s+(?P<fat>[\d½¼¾⅓⅔].*)$", comment, re.I)
        if cooked_in and names_a_food(cooked_in["fat"]):
            # "2 eggs scrambled in 1 tsp butter": scrambled eggs, and the butter with them
            return f"{how} {food.strip()} with {cooked_in['fat']}", ""
        food = f"{how} {food.strip()}"  # "chicken fried in oil": fried chicken
    served = _SERVED_ON.match(comment)
    if served and names_a_food(served["base"]):
        # "2 eggs scrambled on toast", "avo smashed on sourdough": the toast was eaten too
        return f"{served['how']} {food.strip()} on {served['base']}", ""
    return food, comment


# How a food was made, then what it was served on: "scrambled on toast", "smashed on rye".
_SERVED_ON = re.compile(r"^(?P<how>[a-z]{3,}ed)\s+on\s+(?P<base>(?!top\b|the\b)[a-z].*)$", re.I)


def _clean_food(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,.;:-()/")
    text = re.sub(_INTENSIFIER_BEFORE_WORD, "", text)  # "very fresh fennel"
    return re.sub(r"^of\s+", "", text, flags=re.I)


_INTENSIFIER_BEFORE_WORD = re.compile(r"\b(?:very|really|quite|fairly|rather)\s+(?=\w)", re.I)


def with_place(item: FoodLine | LineProblem, number: int, day: int) -> FoodLine | LineProblem:
    """A line's reading, placed at its line number and day in the log."""
    return replace(item, line_number=number, day=day)
