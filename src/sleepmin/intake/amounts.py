"""Amounts as people and recipes write them: numbers, fractions, ranges, units, spoon words and
the same amount in two systems. Pure: no database, no food names.

``leading_amount("85g/3oz butter")`` → 85 g and the rest; ``other_figure("/3oz butter", "g")`` →
the imperial figure given after the slash. docs/food-log.md ("How a line is read") lists the rules.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from sleepmin.foods.search import singular
from sleepmin.intake.units import (
    GRAMS_PER_UNIT,
    HOUSEHOLD_WORDS,
    ML_PER_UNIT,
    PLURAL_HOUSEHOLD,
    UNIT_WORDS,
)

FRACTIONS = {
    "½": 1 / 2,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 1 / 4,
    "¾": 3 / 4,
    "⅕": 1 / 5,
    "⅖": 2 / 5,
    "⅗": 3 / 5,
    "⅘": 4 / 5,
    "⅙": 1 / 6,
    "⅚": 5 / 6,
    "⅐": 1 / 7,
    "⅛": 1 / 8,
    "⅜": 3 / 8,
    "⅝": 5 / 8,
    "⅞": 7 / 8,
    "⅑": 1 / 9,
    "⅒": 1 / 10,
}


FRACTION_CHARS = "".join(FRACTIONS)


NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "half": 0.5,
    "quarter": 0.25,
}


_WORD_AMOUNTS = [  # longest first
    ("a couple of", 2.0),
    ("a couple", 2.0),
    ("couple of", 2.0),
    ("couple", 2.0),
    ("a few", 3.0),
    ("a dozen", 12.0),
    ("dozen", 12.0),
    ("half a dozen", 6.0),
    ("a half dozen", 6.0),
    ("half dozen", 6.0),
    ("half a", 0.5),
    ("half an", 0.5),
    ("half of a", 0.5),
    ("half of an", 0.5),
    ("a half", 0.5),
    ("a quarter of a", 0.25),
    ("a quarter of an", 0.25),
    ("three quarters of a", 0.75),
    ("a third of an", 1 / 3),
    ("a quarter", 0.25),
    ("quarter of a", 0.25),
    ("a third of a", 1 / 3),
    ("a third", 1 / 3),
]


# Spoon and cup words that change the amount by household convention (docs/food-log.md).
SPOON_WORDS = {
    "heaped": 1.5,
    "heaping": 1.5,
    "rounded": 1.5,
    "generous": 1.25,
    "scant": 0.85,
    "level": 1.0,
    "good": 1.0,
    "small": 1.0,
    "large": 1.0,
    "big": 1.0,
    "medium": 1.0,
    "packed": 1.0,
    "loosely": 1.0,
    "firmly": 1.0,
    "lightly": 1.0,
    "well": 1.0,
}


APPROX_WORDS = (
    "about",
    "approx",
    "approx.",
    "approximately",
    "around",
    "roughly",
    "some",
    "~",
    "c.",
)


# A container a mass or volume is sold in: "400g tin chopped tomatoes" is 400 g of tomatoes.
CONTAINER_WORDS = frozenset(
    """tin tins can cans jar jars pack packs packet packets bag bags carton cartons tub tubs
    bottle bottles punnet punnets box boxes pot pots pouch pouches sachet sachets""".split()
)


_CONTAINER_UNITS = {"tin": "can", "tins": "can", "punnet": "punnet", "sachet": "packet"}


LENGTH_UNITS = {"cm": 1.0, "mm": 0.1, "in": 2.54, "inch": 2.54, "inches": 2.54}


# A number as people write it: 2, 1.5, .5, 1,5 (decimal comma), 1,000 (thousands: groups of 3).
NUMBER = r"(?:\d{1,3}(?:,\d{3})+\.\d+|\d+(?:,\d{3})+(?!\d)|\d+(?:[.,]\d+)?|\.\d+)"


# One number in a range: "1 ½", "1 1/2", "½", "1/2", "2", "2.5".
ONE_NUMBER = rf"(?:\d+\s*[{FRACTION_CHARS}]|\d+\s+\d+/\d+|[{FRACTION_CHARS}]|\d+/\d+|{NUMBER})"


_AMOUNT = re.compile(
    rf"""^(?P<neg>-\s*)?(?:
        (?P<rlo>{ONE_NUMBER})\s*(?:-|–|to)\s*(?P<rhi>{ONE_NUMBER})(?![/\d])
      | (?P<mixed>\d+)\s+(?P<mnum>\d+)/(?P<mden>\d+)
      | (?P<whole>\d+)?\s*(?P<uni>[{FRACTION_CHARS}])
      | (?P<num>\d+)/(?P<den>\d+)
      | (?P<lo>{NUMBER})\s+or\s+(?P<hi>{NUMBER})(?![/\d])  # "1 or 2 eggs"
      | (?P<dec>{NUMBER})
    )(?=[a-zA-Z\s/(),.\-]|$)""",
    re.X,
)


# "3/4/5", "2.5.1", "1//2": numbers run together, not one amount (a date is read elsewhere).
_TWO_NUMBERS = re.compile(
    r"^\d+(?:\s*/\s*\d+\s*/|\.\d+\.|//)\d*"
    r"|^\d+,(?!\d{3}(?:,\d{3})*(?![\d,]))\d+,\d"  # "2,5,6 eggs", not "1,000,000"
)
# "1.000 g": a thousand grams (a German or Dutch point) or one gram; too unsure to read
_POINT_THOUSANDS = re.compile(r"^[1-9]\d{0,2}\.\d{3}\s*(?:g|grams?|ml|mg)\b", re.I)
_SCIENTIFIC = re.compile(r"^-?\s*(?:\d+(?:[.,]\d+)?|\.\d+)[eE][+-]?\d")


MAX_AMOUNT = 1_000_000.0  # more than this of any unit is not an amount of food


_MAX_DIGITS = 12  # a digit run longer than this is not read at all


_UNIT_KEYS = sorted([*UNIT_WORDS, *LENGTH_UNITS], key=len, reverse=True)


_UNIT_RE = re.compile(
    r"^(?P<unit>" + "|".join(re.escape(u) for u in _UNIT_KEYS) + r")(?=[\s/(),;\-\d]|$|\.)", re.I
)


class AmountProblem(ValueError):
    """An amount written in a way that cannot be a quantity of food (its message says why)."""


@dataclass(frozen=True, slots=True)
class Amount:
    quantity: float | None
    unit: str | None


def rank(amount: Amount) -> int:
    """Which of two ways of writing one amount to believe: metric mass, other mass, metric
    volume, other volume, then anything else."""
    if amount.unit in ("g", "kg", "mg"):
        return 0
    if amount.unit in GRAMS_PER_UNIT:
        return 1
    if amount.unit in ("ml", "l"):
        return 2
    if amount.unit in ML_PER_UNIT:
        return 3
    return 4


def amount_value(match: re.Match[str]) -> float:
    """The number an amount match stands for; AmountProblem for one that cannot be an amount
    of food (a zero denominator, too many digits, more than a million of anything)."""
    g = match.groupdict()
    written = match.group(0).strip()
    for run in re.findall(r"\d+", written):
        if len(run) > _MAX_DIGITS:
            raise AmountProblem(
                f"the amount {written[:20]}{'…' if len(written) > 20 else ''} has too many digits "
                "to be an amount of food; check the number"
            )
    if g["rlo"]:
        value = (_one_value(g["rlo"], written) + _one_value(g["rhi"], written)) / 2
    elif g["mixed"]:
        value = _fraction(int(g["mixed"]), int(g["mnum"]), int(g["mden"]), written)
    elif g["uni"]:
        value = int(g["whole"] or 0) + FRACTIONS[g["uni"]]
    elif g["num"]:
        value = _fraction(0, int(g["num"]), int(g["den"]), written)
    elif g["lo"]:
        value = (parse_number(g["lo"]) + parse_number(g["hi"])) / 2
    else:
        value = parse_number(g["dec"])
    if not math.isfinite(value) or value > MAX_AMOUNT:
        raise AmountProblem(
            f"the amount {written} is more than any amount of food ({MAX_AMOUNT:,.0f} of any "
            "unit at most); check the number"
        )
    return value


def _one_value(text: str, written: str) -> float:
    """ "1 ½" → 1.5, "½" → 0.5, "1 1/2" → 1.5, "2.5" → 2.5."""
    text = text.strip()
    if text and text[-1] in FRACTIONS:
        return parse_number(text[:-1].strip() or "0") + FRACTIONS[text[-1]]
    if "/" in text:
        return _fraction_text(text, written)
    return parse_number(text)


def _fraction_text(text: str, written: str) -> float:
    """ "1 1/2" → 1.5, "1/2" → 0.5, "2" → 2."""
    whole, _, frac = text.strip().rpartition(" ")
    if "/" not in frac:
        return float(frac) + (float(whole) if whole else 0.0)
    numerator, denominator = frac.split("/")
    return _fraction(int(whole or 0), int(numerator), int(denominator), written)


def _fraction(whole: int, numerator: int, denominator: int, written: str) -> float:
    if denominator == 0:
        raise AmountProblem(
            f"the amount {written!r} divides by zero; write a fraction such as '1 1/2'"
        )
    return whole + numerator / denominator


def parse_number(text: str) -> float:
    """ "1,000" → 1000 (groups of three digits); "1,5" → 1.5 (a decimal comma); "2.5" → 2.5."""
    if re.fullmatch(r"\d+(?:,\d{3})+(?:\.\d+)?", text):
        return float(text.replace(",", ""))  # "1,000", "1,000.5"
    return float(text.replace(",", "."))


def match_amount(text: str) -> re.Match[str] | None:
    return _AMOUNT.match(text)


def read_unit(text: str) -> tuple[str | None, str]:
    """A unit at the start of ``text`` → (canonical unit or household word, the rest)."""
    if match := _UNIT_RE.match(text):
        written = match.group("unit")
        word = written.lower()
        rest = text[match.end() :]
        rest = rest[1:] if rest.startswith(".") else rest
        rest = rest.strip()
        if word in ("c", "t") and (not rest or rest.startswith(("/", "("))):
            return None, text
        if word == "in" and not re.match(r"[/(\-]|piece|chunk|slice|cube|long|thick", rest):
            return None, text  # "2 in a bowl": a word, not inches
        if written in ("T", "Tb", "TB", "Tbs"):  # capital T is a tablespoon by convention
            return "tbsp", rest
        if word in LENGTH_UNITS:
            return "length", rest
        return UNIT_WORDS[word], rest
    word, _, rest = text.partition(" ")
    lowered = word.lower().rstrip(",")
    if lowered in CONTAINER_WORDS:
        lowered = _CONTAINER_UNITS.get(lowered, singular(lowered))
    measure = PLURAL_HOUSEHOLD.get(lowered) or singular(lowered)
    if measure in FOODS_AS_MEASURES and re.match(r"(?!of\b)[a-z]", rest.strip(), re.I):
        return None, text  # "6 egg yolks", "4 tortilla chips": the word is part of the food
    if measure in HOUSEHOLD_WORDS:
        return measure, rest.strip()
    return None, text


# Household words that say which or how big, not how much: "2 carrots, 1 whole, 1 chopped".
NOT_MEASURES = frozenset("whole fruit item medium large small extra jumbo".split())


# Household words that are foods themselves: before another word they name the food.
FOODS_AS_MEASURES = frozenset(
    "egg cookie cracker biscuit muffin bun bagel tortilla pancake waffle wing drumstick".split()
)


def leading_amount(text: str) -> tuple[float | None, str | None, str, bool, float, str]:
    """(quantity, unit, rest, negative, spoon factor, spoon word) at the start of ``text``."""
    rest = text.strip()
    quantity: float | None = None
    negative = False
    lowered = rest.lower()
    for word in APPROX_WORDS:
        if lowered.startswith(word + " "):
            rest = rest[len(word) :].strip()
            lowered = rest.lower()
            break
    # "a scant half cup" is half of a scant cup
    rest = re.sub(
        r"^(?:an?\s+)?(heaped|heaping|rounded|scant|generous|level|good)\s+half\s+(?:an?\s+)?",
        r"half a \1 ",
        rest,
        flags=re.I,
    )
    lowered = rest.lower()
    for phrase, value in _WORD_AMOUNTS:
        if lowered.startswith(phrase + " "):
            quantity, rest = value, rest[len(phrase) :].strip()
            break
    else:
        if _TWO_NUMBERS.match(rest):
            raise AmountProblem(
                f"{rest.split()[0][:20]!r} is not one number; write one amount, e.g. '3/4 cup' "
                "or '2.5'"
            )
        if point := _POINT_THOUSANDS.match(rest):
            written = point.group(0)
            raise AmountProblem(
                f"{written!r} could be a thousand or one (a point is a thousands mark in some "
                f"countries); write it without the point, e.g. '{written.replace('.', '')}', or "
                f"as '{float(written.split()[0].rstrip('gml')):g} g'"
            )
        if _SCIENTIFIC.match(rest):
            raise AmountProblem(
                f"{rest.split()[0][:20]!r} is a number in scientific notation, which no food "
                "amount needs; write the amount in plain digits, e.g. '150 g'"
            )
        if match := _AMOUNT.match(rest):
            quantity, negative = amount_value(match), bool(match.group("neg"))
            rest = rest[match.end() :].strip()
        else:
            first, _, tail = rest.partition(" ")
            if first.lower() in NUMBER_WORDS and tail:
                quantity, rest = float(NUMBER_WORDS[first.lower()]), tail.strip()
                # "half an avocado", "one and a half cups"
                second, _, tail2 = rest.partition(" ")
                if second.lower() in ("a", "an") and quantity == 0.5:
                    rest = tail2.strip()
                elif re.match(r"and an? half\b", rest, re.I):
                    quantity += 0.5
                    rest = re.sub(r"^and an? half\s*", "", rest, flags=re.I)
    # "One 3 to 4 pound chicken": a count of items of a weight
    if quantity is not None and (
        weighed := re.match(
            rf"^({NUMBER})(?:\s*(?:-|to)\s*({NUMBER}))?\s*(pounds?|lbs?|kg|g|oz)\s+", rest, re.I
        )
    ):
        low, high = parse_number(weighed.group(1)), weighed.group(2)
        size = (low + parse_number(high)) / 2 if high else low
        size_unit = UNIT_WORDS[weighed.group(3).lower()]
        after = rest[weighed.end() :]
        first_word = after.split(" ", 1)[0].lower()
        if first_word not in CONTAINER_WORDS and first_word != "package":
            return quantity * size, size_unit, after, negative, 1.0, ""
    # "One 28-ounce can", "2 14-oz cans": a count of containers of a size
    if quantity is not None and (sized := re.match(rf"^({NUMBER})\s*([a-z]+)\s+(\w+)", rest, re.I)):
        container_size = UNIT_WORDS.get(sized.group(2).lower())
        container = sized.group(3).lower()
        if container_size is not None and (container in CONTAINER_WORDS or container == "package"):
            size = float(sized.group(1).replace(",", "."))
            rest = rest[sized.end() :].strip()
            rest = re.sub(r"^of\s+", "", rest, flags=re.I)
            if container in ("can", "cans", "tin", "tins") and container_size in GRAMS_PER_UNIT:
                rest = f"canned {rest}"  # "One 28-ounce can diced tomatoes"
            return quantity * size, container_size, rest, negative, 1.0, ""
    # "2 x 400g tins": a count of amounts
    if quantity is not None and (times := re.match(r"^[x×*]\s*(?=[\d½¼¾⅓⅔])", rest, re.I)):
        inner = leading_amount(rest[times.end() :])
        if inner[0] is not None:
            each, inner_rest = range_middle(inner[0], inner[2], inner[1])  # "4 x 150g-200g"
            return quantity * each, inner[1], inner_rest, negative, inner[4], inner[5]
    factor, spoon = 1.0, ""
    unit, after = _unit_with_spoon(rest)
    if unit is not None:
        spoon_word = _spoon_word(rest)
        if spoon_word:
            factor, spoon = SPOON_WORDS[spoon_word], spoon_word
        rest = after
    if quantity is None and unit is not None and spoon:
        quantity = 1.0  # "heaped tsp of nutella"
    if quantity is None and unit in _ONE_OF and rest.strip():
        quantity = 1.0  # "handful almonds": a handful of them
    if quantity is None and unit in SIZE_UNITS and _one_thing(rest):
        quantity = 1.0  # "small apple": one, of that size
    if quantity is None and unit is not None and not re.match(r"of\s", rest, re.I):
        return None, None, text, False, 1.0, ""  # "eggs, 2": a measure word needs an amount
    if unit is None and quantity is None:
        return None, None, text, False, 1.0, ""
    if unit is not None:
        rest = re.sub(r"^of\s+", "", rest, flags=re.I)
        if quantity is None:
            quantity = 1.0  # "cup of coffee"
    return quantity, unit, rest, negative, factor, spoon


def _one_thing(rest: str) -> bool:
    """ "apple", "red onion": one thing, named in the singular (not "eggs", "fries")."""
    last = re.findall(r"[a-z]+", rest.lower())
    return bool(last) and len(last[-1]) >= 3 and singular(last[-1]) == last[-1]


_ONE_OF = frozenset({"handful", "pinch", "splash", "dash"})


def _spoon_word(text: str) -> str:
    first = text.split(" ", 1)[0].lower().rstrip(",-")
    return (
        first if first in SPOON_WORDS and first not in ("small", "large", "big", "medium") else ""
    )


def _unit_with_spoon(text: str) -> tuple[str | None, str]:
    """A unit, after at most two spoon or size words: "heaped tbsp", "large glass", "loosely
    packed cups". A size word before a food ("2 large onions") is the unit itself."""
    unit, rest = read_unit(text)
    if unit is not None and unit not in SIZE_UNITS:
        return unit, rest
    first_unit, first_rest = unit, rest
    words = text.split(" ")
    for skip in (1, 2):
        if len(words) <= skip:
            break
        if not all(w.lower().rstrip(",-") in SPOON_WORDS for w in words[:skip]):
            break
        unit, rest = read_unit(" ".join(words[skip:]))
        if unit is not None and (
            unit in UNIT_WORDS.values() or unit in _SPOONED_MEASURES or first_unit is not None
        ):
            return unit, rest
    if first_unit is not None:
        return first_unit, first_rest
    return None, text


_SPOONED_MEASURES = frozenset(
    {"handful", "bunch", "pinch", "glass", "mug", "splash", "sprig", "slice", "piece", "can"}
)


SIZE_UNITS = frozenset({"small", "medium", "large", "extra", "jumbo"})


def other_figure(rest: str, unit: str | None) -> tuple[str, Amount | None]:
    """After "85g": "/3oz" or "-200g/7oz" or "(400 g)" → the other figure, and what follows."""
    best: Amount | None = None
    for _ in range(3):
        stripped = rest.lstrip()
        if match := re.match(r"^-\s*(?=\d)", stripped):  # "150g-200g": a range, take the middle
            try:
                hi, hi_unit, after, _, _, _ = leading_amount(stripped[match.end() :])
            except AmountProblem:
                break
            if hi is not None and hi_unit == unit:
                rest = after
                best = None
                continue
            break
        if stripped.startswith("/"):
            other_text = re.sub(  # "/5½-7oz": the low end of the range will do here
                rf"^([\d{FRACTION_CHARS}. ]+)-[\d{FRACTION_CHARS}.]+(?=\s*[a-z])",
                r"\1",
                stripped[1:].lstrip(),
            )
            try:
                other, other_unit, after, _, _, _ = leading_amount(other_text)
            except AmountProblem:
                break
            if other is None or other_unit is None:
                break
            # "1lb 2oz"
            pounds = other_unit == "lb"
            if other_unit == "lb" and (m := re.match(rf"^({NUMBER})\s*oz\b", after)):
                other, other_unit = other * 16 + float(m.group(1).replace(",", ".")), "oz"
                after = after[m.end() :]
            # "1 pint 4½fl oz", "3 cups 2 tbsp": the rest of the figure, whose first part
            # stands for it here (the metric figure is the one used)
            if m := re.match(
                rf"^{ONE_NUMBER}\s*(?:fl\.?\s*oz|tbsp|tsp|oz)\b", after.lstrip(), re.I
            ):
                after = after.lstrip()[m.end() :]
            after = re.sub(rf"^-\s*{NUMBER}\s*[a-z ]*?(?=\s|$)", "", after.lstrip(), count=1)
            if other_unit == "oz" and unit in ML_PER_UNIT and not pounds:
                other_unit = "fl oz"  # "150ml/5oz milk": the ounces of a volume are fluid
            best = Amount(other, other_unit)
            rest = after
            continue
        break
    return rest.strip(), best


def range_middle(quantity: float, rest: str, unit: str | None) -> tuple[float, str]:
    """ "150g-200g": the middle of a range written with its unit on both sides."""
    if match := re.match(r"^-\s*(?=\d)", rest):
        try:
            hi, hi_unit, after, _, _, _ = leading_amount(rest[match.end() :])
        except AmountProblem:
            return quantity, rest
        if hi is not None and hi_unit == unit:
            return (quantity + hi) / 2, after
    return quantity, rest


_TRAILING = re.compile(
    rf"(?:(?<!\d),\s*|[(\-]\s*|\s+)(?:(?:~|c\.|about|approx\.?|around|roughly)\s*)?"
    rf"(?P<amount>[\d{FRACTION_CHARS}](?:[^,()]|(?<=\d),(?=\d))*?)\)?\s*$"
)


def trailing_amount(text: str) -> tuple[float | None, str | None, str, bool]:
    """ "salmon, 150 g", "rice (1 cup)", "milk - 250 ml", "salmon 150g"."""
    match = _TRAILING.search(text)
    if not match:
        return None, None, text, False
    quantity, unit, rest, negative, _, _ = leading_amount(match.group("amount"))
    if quantity is None:
        return None, None, text, False
    rest, alternative = other_figure(rest, unit)
    if rest.strip().lower() in CONTAINER_WORDS:  # "yogurt 6oz pot"
        rest = ""
    if rest.strip():
        return None, None, text, False
    if alternative is not None and rank(alternative) < rank(Amount(quantity, unit)):
        quantity, unit = alternative.quantity, alternative.unit
    return quantity, unit, text[: match.start()], negative


def plus_amount(quantity: float, unit: str, rest: str) -> tuple[float, str]:
    """ "1 cup plus 3 tablespoons butter": both amounts, in the first unit."""
    match = re.match(r"^(?:plus|and|\+)\s+", rest, re.I)
    if not match:
        return quantity, rest
    try:
        more, more_unit, after, _, _, _ = leading_amount(rest[match.end() :])
    except AmountProblem:
        return quantity, rest
    if more is None or more_unit is None:
        return quantity, rest
    for table in (ML_PER_UNIT, GRAMS_PER_UNIT):
        if unit in table and more_unit in table:
            return quantity + more * table[more_unit] / table[unit], after
    return quantity, rest
