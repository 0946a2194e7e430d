"""Parse a food log — plain text as a person writes it, or CSV — into days and food lines.

Pure: no database, no clock (``today`` is passed in). Matching the food phrases to USDA foods and
turning amounts into grams happen later (matching.py, portions.py). Format: docs/food-log.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import math
import re
from dataclasses import dataclass, field

from sleepmin.errors import InvalidFoodLog, InvalidInput
from sleepmin.foods.search import STOPWORDS, fold, singular
from sleepmin.intake.units import HOUSEHOLD_WORDS, PLURAL_HOUSEHOLD, UNIT_WORDS


@dataclass(frozen=True, slots=True)
class Day:
    label: str
    date: dt.date | None = None


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


@dataclass(frozen=True, slots=True)
class LineProblem:
    """A line that could not be read as a food, and why."""

    line_number: int
    text: str
    reason: str
    day: int | None = None


@dataclass(slots=True)
class ParsedLog:
    days: list[Day] = field(default_factory=list)
    lines: list[FoodLine | LineProblem] = field(default_factory=list)
    notes: list[LineProblem] = field(default_factory=list)  # header problems, e.g. future dates


_FRACTIONS = {
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
_FRACTION_CHARS = "".join(_FRACTIONS)
_NUMBER_WORDS = {
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
    "half": 0.5,
    "quarter": 0.25,
}
_WORD_AMOUNTS = [  # longest first
    ("a couple of", 2.0),
    ("a couple", 2.0),
    ("couple of", 2.0),
    ("a few", 3.0),
    ("a dozen", 12.0),
    ("dozen", 12.0),
    ("half a", 0.5),
    ("half an", 0.5),
    ("a half", 0.5),
    ("a quarter", 0.25),
    ("quarter of a", 0.25),
    ("a third of a", 1 / 3),
]
# A number as people write it: 2, 1.5, .5, 1,5 (decimal comma), 1,000 (thousands: groups of 3).
_NUM = r"(?:\d+(?:,\d{3})+(?!\d)|\d+(?:[.,]\d+)?|\.\d+)"
_AMOUNT = re.compile(
    rf"""^(?P<neg>-\s*)?(?:
        (?P<mixed>\d+)\s+(?P<mnum>\d+)/(?P<mden>\d+)
      | (?P<whole>\d+)?\s*(?P<uni>[{_FRACTION_CHARS}])
      | (?P<num>\d+)/(?P<den>\d+)
      | (?P<lo>{_NUM})\s*(?:-|–|to)\s*(?P<hi>{_NUM})
      | (?P<dec>{_NUM})
    )(?=[a-zA-Z\s]|$)""",
    re.X,
)
_SCIENTIFIC = re.compile(r"^-?\s*(?:\d+(?:[.,]\d+)?|\.\d+)[eE][+-]?\d")
MAX_AMOUNT = 1_000_000.0  # more than this of any unit is not an amount of food
_MAX_DIGITS = 12  # a digit run longer than this is not read at all
_UNIT_KEYS = sorted(UNIT_WORDS, key=len, reverse=True)
_UNIT_RE = re.compile(
    r"^(?P<unit>" + "|".join(re.escape(u) for u in _UNIT_KEYS) + r")(?=\s|$|\.(?:\s|$))", re.I
)
_BULLET = re.compile(r"^\s*(?:[-*•·]+|\d+[.)])\s+")
_PIN = re.compile(r"\s*@\s*(?P<id>(?:ndb:|fdc:)?[0-9]+)\s*$", re.I)
_AT_END = re.compile(r"\s*@\s*(?P<what>[^@]*?)\s*$")
MAX_ID_DIGITS = 9  # NDB numbers have 5 digits, FDC ids 6 to 7 today
_MEALS = ("breakfast", "brunch", "lunch", "dinner", "supper", "snack", "snacks", "tea")
_MEAL_PREFIX = re.compile(r"^(?:" + "|".join(_MEALS) + r")\s*[:\-–]\s*", re.I)
_PREPARATION = frozenset(
    """raw cooked boiled baked grilled fried roasted steamed poached scrambled sauteed broiled
    microwaved toasted chopped sliced diced mashed shredded grated fresh frozen canned dried
    plain whole skinless boneless lean lowfat nonfat wild farmed organic homemade unsalted
    salted sweetened unsweetened ripe hot cold iced drained peeled unpeeled low fat free no
    salt sugar added light with without skin on off""".split()
)
_MAX_WORD_LINE = 200
_MAX_RAW_LINE = 1000  # a longer line is reported whole, not split into foods

# Words that say how much, how it was prepared or when, but never which food: a food phrase
# needs at least one other word of three or more letters (docs/food-log.md, "What names a food").
NOT_FOOD_WORDS = (
    STOPWORDS
    | frozenset(u for u in UNIT_WORDS if " " not in u and "." not in u)
    | frozenset(_NUMBER_WORDS)
    | frozenset(
        """raw cooked uncooked boiled baked grilled fried roasted steamed poached scrambled
        sauteed broiled microwaved toasted chopped sliced diced minced cubed mashed shredded
        grated halved quartered crushed fresh frozen canned dried plain whole skinless boneless
        lean lowfat nonfat organic homemade unsalted salted sweetened unsweetened ripe hot cold
        iced warm drained peeled unpeeled light extra small medium large jumbo big little mini
        serving servings portion portions bowl bowls plate plates side helping piece pieces slice
        slices scoop scoops container packet package pack carton pouch jar envelope bottle can
        tablet item items each some bit lot more another third couple few dozen total
        kcal calorie calories cal kj meal meals food foods breakfast brunch lunch dinner supper
        snack snacks day days today yesterday tonight morning afternoon evening night week
        monday tuesday wednesday thursday friday saturday sunday nothing none same""".split()
    )
)
_TOKEN = re.compile(r"[a-z0-9]+")


def names_a_food(phrase: str) -> bool:
    """Whether a phrase has a word that can name a food: three or more letters, and not only an
    amount, a unit, a size, a preparation or a time ("x", "cooked", "2 medium" do not)."""
    for token in _TOKEN.findall(fold(phrase)):
        if sum(c.isalpha() for c in token) < 3:
            continue
        if token not in NOT_FOOD_WORDS and singular(token) not in NOT_FOOD_WORDS:
            return True
    return False


class _AmountProblem(ValueError):
    """An amount written in a way that cannot be a quantity of food (its message says why)."""


# -- text as a whole ------------------------------------------------------------------------

MAX_LOG_BYTES = 32 * 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # tab, newlines, \v and \f are text


def decode_log(raw: bytes, name: str = "") -> str:
    """The bytes of a food log file → text: UTF-8 (with or without a byte-order mark) or UTF-16
    with a byte-order mark. Anything else — binary data, another encoding — is refused."""
    what = f"the food log {name}" if name else "the food log"
    if len(raw) > MAX_LOG_BYTES:
        raise log_too_large(len(raw), name)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InvalidInput(
                what, "starts like UTF-16 text but is not", "save it as UTF-8 text"
            ) from None
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InvalidInput(
                what,
                f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at position {exc.start} is not "
                "a character): it may be a binary file or use another encoding",
                "give a plain-text or CSV food log saved as UTF-8 (in most editors: Save As, "
                "Encoding: UTF-8)",
            ) from None
    check_log_text(text, name)
    return text


def log_too_large(size: int, name: str = "") -> InvalidInput:
    return InvalidInput(
        f"the food log {name}" if name else "the food log",
        f"is {size / 1024 / 1024:.0f} MB, more than sleepmin reads "
        f"({MAX_LOG_BYTES // 1024 // 1024} MB)",
        "split it into smaller files, e.g. one a month",
    )


def check_log_text(text: str, name: str = "") -> None:
    """Refuse text that is not a food log a person wrote: binary data, control characters."""
    what = f"the food log {name}" if name else "the food log"
    if len(text) > MAX_LOG_BYTES:
        raise log_too_large(len(text), name)
    if match := _CONTROL.search(text):
        line = text.count("\n", 0, match.start()) + 1
        char = match.group()
        kind = "a NUL byte" if char == "\x00" else f"the control character U+{ord(char):04X}"
        raise InvalidInput(
            what,
            f"is not plain text: line {line} holds {kind}, so it looks like a binary file",
            "give a plain-text or CSV food log (docs/food-log.md)",
        )


# -- plain text ------------------------------------------------------------------------------


def parse_text_log(text: str, today: dt.date) -> ParsedLog:
    """Plain-text food log → days and lines. Raises InvalidFoodLog for an empty log and
    InvalidInput for one that is not text; any other problem is reported on its line."""
    check_log_text(text)
    if not text.strip():
        raise InvalidFoodLog("the food log is empty; write one food per line, e.g. '2 bananas'")
    log = ParsedLog()
    seen: dict[str, int] = {}  # a date or "Day N" → its day, so a repeated header is one day
    current: int | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _BULLET.sub("", raw.strip()).strip()
        if not line or line.startswith("//"):
            continue
        if len(line) > _MAX_RAW_LINE:
            if current is None:
                log.days.append(Day("Day 1"))
                current = 0
            log.lines.append(
                LineProblem(number, line[:80] + "…", "the line is too long to be one food", current)
            )
            continue
        header = _day_header(line, today)
        if header is not None:
            day, problem = header
            key = _day_key(day)
            if key is not None and key in seen:
                current = seen[key]
            else:
                log.days.append(day)
                current = len(log.days) - 1
                if key is not None:
                    seen[key] = current
            if problem:
                log.notes.append(LineProblem(number, raw.strip(), problem, current))
            continue
        stripped = line.strip("#*= ").rstrip(":").strip()
        if stripped.lower() in _MEALS and (stripped.lower() != "tea" or stripped != line):
            continue  # a meal label; "tea" alone is a drink, "Tea:" the meal
        if current is None:
            log.days.append(Day("Day 1"))
            current = 0
        for template in _line_items(line):
            log.lines.append(_placed(template, number, current))
    if not log.days:
        log.days.append(Day("Day 1"))
    return log


def _day_key(day: Day) -> str | None:
    """What makes two headers the same day: the date, or the "Day N" label. Weekday names are
    not merged: a second "Monday" is most often the next week."""
    if day.date is not None:
        return day.date.isoformat()
    if day.label.lower().rstrip(",") in _WEEKDAYS:
        return None
    return day.label


@functools.lru_cache(maxsize=65536)
def _line_items(line: str) -> tuple[FoodLine | LineProblem, ...]:
    """The foods of one line, read once per distinct line (a long log repeats its lines)."""
    line = _MEAL_PREFIX.sub("", line)
    return tuple(parse_food_line(part, 0, 0) for part in _split_items(line))


def _placed(item: FoodLine | LineProblem, number: int, day: int) -> FoodLine | LineProblem:
    if isinstance(item, LineProblem):
        return LineProblem(number, item.text, item.reason, day)
    return FoodLine(
        number, item.text, day, item.food, item.quantity, item.unit, item.pin, item.food_id
    )


def parse_food_line(text: str, line_number: int = 1, day: int = 0) -> FoodLine | LineProblem:
    """``"1 1/2 cups cooked rice"`` → FoodLine(quantity=1.5, unit="cup", food="cooked rice")."""
    original = text.strip()
    text = _BULLET.sub("", original)
    if len(original) > _MAX_WORD_LINE:
        return LineProblem(
            line_number, original[:80] + "…", "the line is too long to be one food", day
        )
    body = text.replace("\u2044", "/")  # the fraction slash: "1⁄2"
    pin = None
    if match := _PIN.search(body):
        pin, body = match.group("id"), body[: match.start()]
        digits = pin.lower().removeprefix("ndb:").removeprefix("fdc:")
        if len(digits) > MAX_ID_DIGITS:
            return LineProblem(
                line_number,
                original,
                f"'@ {pin}' is not a food id (NDB numbers have 5 digits and FDC ids at most "
                f"{MAX_ID_DIGITS}); find the food's id with `sleepmin foods search`",
                day,
            )
    elif (at := _AT_END.search(body)) and at.start() > 0:
        return LineProblem(
            line_number,
            original,
            f"'@ {at.group('what')}' is not a food id; after '@' write an NDB number or FDC id, "
            "e.g. 'spinach @ 11457' (find one with `sleepmin foods search`)",
            day,
        )
    try:
        quantity, unit, rest, negative = _leading_amount(body)
        if quantity is None and unit is None:
            quantity, unit, rest, negative = _trailing_amount(body)
    except _AmountProblem as problem:
        return LineProblem(line_number, original, str(problem), day)
    if negative or (quantity is not None and quantity <= 0):
        return LineProblem(
            line_number, original, "the amount must be more than zero (e.g. '3 cups')", day
        )
    food = _clean_food(rest)
    if not food and unit is not None and unit in HOUSEHOLD_WORDS:
        food, unit = unit, None  # "2 eggs": the measure word is the food
    if not food:
        return LineProblem(line_number, original, "no food named; write e.g. '150 g salmon'", day)
    if not re.search(r"[^\W\d_]", food):
        return LineProblem(line_number, original, f"{food!r} is not a food name", day)
    if pin is None and not names_a_food(food):
        return LineProblem(line_number, original, _no_food_reason(food), day)
    return FoodLine(line_number, original, day, food, quantity, unit, pin)


def _no_food_reason(food: str) -> str:
    if not _TOKEN.search(fold(food)):
        return f"no USDA food matches {food!r}; USDA names foods in English (e.g. 'rice', 'banana')"
    return (
        f"{food!r} does not name a food (a food name needs a word of three or more letters "
        "besides amounts, sizes and how it was cooked); write e.g. '1 cup cooked rice'"
    )


def _leading_amount(text: str) -> tuple[float | None, str | None, str, bool]:
    rest = text.strip()
    quantity: float | None = None
    negative = False
    lowered = rest.lower()
    for phrase, value in _WORD_AMOUNTS:
        if lowered.startswith(phrase + " "):
            quantity, rest = value, rest[len(phrase) :].strip()
            break
    else:
        if _SCIENTIFIC.match(rest):
            raise _AmountProblem(
                f"{rest.split()[0][:20]!r} is a number in scientific notation, which no food "
                "amount needs; write the amount in plain digits, e.g. '150 g'"
            )
        if match := _AMOUNT.match(rest):
            quantity, negative = _amount_value(match), bool(match.group("neg"))
            rest = rest[match.end() :].strip()
        else:
            first, _, tail = rest.partition(" ")
            if first.lower() in _NUMBER_WORDS and tail:
                quantity, rest = float(_NUMBER_WORDS[first.lower()]), tail.strip()
                # "half an avocado", "one and a half cups"
                second, _, tail2 = rest.partition(" ")
                if second.lower() in ("a", "an") and quantity == 0.5:
                    rest = tail2.strip()
    unit, rest = _unit(rest)
    if quantity is None and unit is not None and not re.match(r"of\s", rest, re.I):
        unit, rest = None, text  # "eggs, 2": a measure word needs an amount or "of"
    if unit is None and quantity is None:
        return None, None, text, False
    if unit is not None:
        rest = re.sub(r"^of\s+", "", rest, flags=re.I)
        if quantity is None:
            quantity = 1.0  # "cup of coffee"
    return quantity, unit, rest, negative


_TRAILING = re.compile(
    rf"(?:(?<!\d),\s*|[(\-–]\s*|\s+)"
    rf"(?P<amount>[\d{_FRACTION_CHARS}](?:[^,()]|(?<=\d),(?=\d))*?)\)?\s*$"
)


def _trailing_amount(text: str) -> tuple[float | None, str | None, str, bool]:
    """ "salmon, 150 g", "rice (1 cup)", "milk - 250 ml", "salmon 150g"."""
    match = _TRAILING.search(text)
    if not match:
        return None, None, text, False
    quantity, unit, rest, negative = _leading_amount(match.group("amount"))
    if quantity is None or rest.strip():
        return None, None, text, False
    return quantity, unit, text[: match.start()], negative


def _amount_value(match: re.Match[str]) -> float:
    """The number an amount match stands for; _AmountProblem for one that cannot be an amount
    of food (a zero denominator, too many digits, more than a million of anything)."""
    g = match.groupdict()
    written = match.group(0).strip()
    for run in re.findall(r"\d+", written):
        if len(run) > _MAX_DIGITS:
            raise _AmountProblem(
                f"the amount {written[:20]}{'…' if len(written) > 20 else ''} has too many digits "
                "to be an amount of food; check the number"
            )
    if g["mixed"]:
        value = _fraction(int(g["mixed"]), int(g["mnum"]), int(g["mden"]), written)
    elif g["uni"]:
        value = int(g["whole"] or 0) + _FRACTIONS[g["uni"]]
    elif g["num"]:
        value = _fraction(0, int(g["num"]), int(g["den"]), written)
    elif g["lo"]:
        value = (_number(g["lo"]) + _number(g["hi"])) / 2
    else:
        value = _number(g["dec"])
    if not math.isfinite(value) or value > MAX_AMOUNT:
        raise _AmountProblem(
            f"the amount {written} is more than any amount of food ({MAX_AMOUNT:,.0f} of any "
            "unit at most); check the number"
        )
    return value


def _fraction(whole: int, numerator: int, denominator: int, written: str) -> float:
    if denominator == 0:
        raise _AmountProblem(
            f"the amount {written!r} divides by zero; write a fraction such as '1 1/2'"
        )
    return whole + numerator / denominator


def _number(text: str) -> float:
    """ "1,000" → 1000 (groups of three digits); "1,5" → 1.5 (a decimal comma); "2.5" → 2.5."""
    if re.fullmatch(r"\d+(?:,\d{3})+", text):
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))


def _unit(text: str) -> tuple[str | None, str]:
    if match := _UNIT_RE.match(text):
        written = match.group("unit")
        word = written.lower()
        rest = text[match.end() :].lstrip(". ").strip()
        if word in ("c", "t") and not rest:
            return None, text
        if written in ("T", "Tb", "TB", "Tbs"):  # capital T is a tablespoon by convention
            return "tbsp", rest
        return UNIT_WORDS[word], rest
    word, _, rest = text.partition(" ")
    lowered = word.lower().rstrip(",")
    measure = PLURAL_HOUSEHOLD.get(lowered) or singular(lowered)
    if measure in HOUSEHOLD_WORDS:
        return measure, rest.strip()
    return None, text


def _clean_food(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,.;:-–()")
    return re.sub(r"^of\s+", "", text, flags=re.I)


_ITEM_COMMA = re.compile(r"(?<!\d),|,(?!\d)")  # not the comma of "1,5" or "1,000"


def _split_items(line: str) -> list[str]:
    """Split at ';', and at ',' where the next part is a food of its own."""
    items: list[str] = []
    for chunk in line.split(";"):
        parts = [p.strip() for p in _ITEM_COMMA.split(chunk)]
        current = ""
        for part in parts:
            if not part:
                continue
            if current and (_is_amount_only(part) or _is_preparation(part)):
                current = f"{current}, {part}"
            else:
                if current:
                    items.append(current)
                current = part
        if current:
            items.append(current)
    return items


def _is_amount_only(part: str) -> bool:
    try:
        quantity, unit, rest, _ = _leading_amount(part)
    except _AmountProblem:
        return True  # a bad amount stays with its food, which then reports it
    return (
        quantity is not None
        and not _clean_food(rest)
        and (unit is None or unit in UNIT_WORDS.values())
    )


def _is_preparation(part: str) -> bool:
    words = re.findall(r"[a-z]+", part.lower())
    return bool(words) and all(w in _PREPARATION for w in words)


# -- day headers -----------------------------------------------------------------------------

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_WEEKDAYS = {
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
}
_DAY_WORDS = {w: n for w, n in _NUMBER_WORDS.items() if isinstance(n, int) and w not in ("a", "an")}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))


@functools.lru_cache(maxsize=4096)
def _day_header(line: str, today: dt.date) -> tuple[Day, str | None] | None:
    """A day header → (Day, problem or None); None if the line is not a header."""
    text = line.strip("#*=_ \t").rstrip(":").strip()
    lowered = text.lower().rstrip(".")
    if match := re.fullmatch(r"(?:day|d)\s*([0-9]{1,9}|[a-z]+)", lowered):
        token = match.group(1)
        if token.isdigit() or token in _DAY_WORDS:
            return Day(f"Day {int(token) if token.isdigit() else _DAY_WORDS[token]}"), None
        return None
    if lowered.rstrip(",") in _WEEKDAYS:
        return Day(text), None
    parsed = _parse_date(lowered, today)
    if parsed is None:
        return None
    date, problem = parsed
    if problem:
        return Day(text), problem
    assert date is not None
    if date > today:
        return Day(text, date), (
            f"the date {date.isoformat()} is in the future (today is {today.isoformat()}); "
            "check the year — the food under it is still analysed"
        )
    return Day(date.isoformat(), date), None


def _parse_date(text: str, today: dt.date) -> tuple[dt.date | None, str | None] | None:
    text = re.sub(
        r"^(?:" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r"),?\s+", "", text
    )
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
            return dt.date(int(m[1]), int(m[2]), int(m[3])), None
        if m := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text):
            first, second, year = int(m[1]), int(m[2]), int(m[3])
            day, month = (second, first) if second > 12 else (first, second)
            return dt.date(year, month, day), None
        if m := re.fullmatch(
            rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\.?,?(?:\s+(\d{{4}}))?", text
        ):
            return _with_year(int(m[1]), _MONTHS[m[2]], m[3], today), None
        if m := re.fullmatch(
            rf"({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?(?:\s+(\d{{4}}))?", text
        ):
            return _with_year(int(m[2]), _MONTHS[m[1]], m[3], today), None
    except ValueError as exc:
        return None, f"{text!r} is not a real date ({exc})"
    return None


def _with_year(day: int, month: int, year: str | None, today: dt.date) -> dt.date:
    """The date written, or without a year the most recent such date not after today ("Feb
    29" in a year without one is the last 29 February)."""
    if year:
        return dt.date(int(year), month, day)
    for back in range(9):
        try:
            guess = dt.date(today.year - back, month, day)
        except ValueError:
            if back == 8:
                raise
            continue
        if guess <= today:
            return guess
    raise ValueError(f"no {month}/{day} in the last years")


# -- CSV ----------------------------------------------------------------------------------------

CSV_COLUMNS = ("date", "food", "amount", "unit")


def parse_csv_log(text: str, today: dt.date) -> ParsedLog:
    """``date,food,amount,unit[,ndb_number|fdc_id]`` → days and lines."""
    check_log_text(text)
    if not text.strip():
        raise InvalidFoodLog("the food log is empty; the CSV needs a header and one row per food")
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        fieldnames = reader.fieldnames
    except csv.Error as exc:
        raise _csv_error(exc, 1) from None
    header = [h.strip().lower() for h in (fieldnames or [])]
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        raise InvalidFoodLog(
            f"the CSV header lacks {', '.join(missing)} (found: {', '.join(header) or 'nothing'}); "
            "the first row must name the columns date,food,amount,unit "
            "(optionally ndb_number or fdc_id)"
        )
    reader.fieldnames = header
    log = ParsedLog()
    days: dict[str, int] = {}
    rows = iter(reader)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            raise _csv_error(exc, reader.line_num) from None
        number = reader.line_num
        cells = {k: v.strip() if isinstance(v, str) else "" for k, v in row.items() if k}
        if any("\n" in v or "\r" in v for v in cells.values()):
            # A quote left open swallows the rows after it: refuse rather than lose them.
            raise _csv_error(csv.Error("a quoted cell runs over several lines"), number)
        raw = ",".join(cells.get(c, "") for c in header)
        date_text = cells["date"]
        if date_text or not log.days:
            key = _csv_day_key(date_text)
            if key not in days:
                days[key] = len(log.days)
                log.days.append(_csv_day(date_text, today, number, raw, log))
            day = days[key]
        else:
            day = len(log.days) - 1
        log.lines.append(_csv_food(cells, number, raw, day))
    if not log.lines:
        raise InvalidFoodLog("the CSV has a header but no rows")
    return log


def _csv_error(exc: csv.Error, line: int) -> InvalidFoodLog:
    return InvalidFoodLog(
        f"the CSV cannot be read at line {line} ({exc}); check its quoting: a cell with a comma "
        'or a line break must be in double quotes, and a quote inside it doubled ("")'
    )


def _csv_day_key(text: str) -> str:
    """Rows with the same date are one day ("2026-11-20" and "2026-11-20 " alike)."""
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return text or "Day 1"


def _csv_day(text: str, today: dt.date, number: int, raw: str, log: ParsedLog) -> Day:
    if not text:
        return Day("Day 1")
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        log.notes.append(
            LineProblem(number, raw, f"date {text[:40]!r} is not YYYY-MM-DD; kept as a label")
        )
        return Day(text[:80])
    if date > today:
        log.notes.append(
            LineProblem(
                number,
                raw,
                f"the date {date.isoformat()} is in the future (today is {today.isoformat()}); "
                "the food is still analysed",
            )
        )
    return Day(date.isoformat(), date)


def _csv_food(cells: dict[str, str], number: int, raw: str, day: int) -> FoodLine | LineProblem:
    food = cells["food"]
    ndb, fdc = cells.get("ndb_number", ""), cells.get("fdc_id", "")
    for column, value in (("ndb_number", ndb), ("fdc_id", fdc)):
        if value and not (value.isascii() and value.isdigit() and len(value) <= MAX_ID_DIGITS):
            return LineProblem(
                number,
                raw,
                f"{column} {value[:20]!r} is not a food id (digits only, at most "
                f"{MAX_ID_DIGITS}); find the food's id with `sleepmin foods search`",
                day,
            )
    food_id = ndb or (f"fdc:{fdc}" if fdc else None)
    if not food and not food_id:
        return LineProblem(number, raw, "the food column is empty", day)
    if len(food) > _MAX_WORD_LINE:
        return LineProblem(number, raw[:80] + "…", "the food is too long to be one food", day)
    amount_text = cells["amount"].replace("\u2044", "/")
    quantity = None
    if amount_text:
        match = _AMOUNT.match(amount_text)
        if not match or match.end() != len(amount_text):
            return LineProblem(number, raw, f"amount {amount_text[:20]!r} is not a number", day)
        try:
            quantity = _amount_value(match)
        except _AmountProblem as problem:
            return LineProblem(number, raw, str(problem), day)
        if match.group("neg") or quantity <= 0:
            return LineProblem(number, raw, "the amount must be more than zero", day)
    if food and not food_id and not names_a_food(food):
        return LineProblem(number, raw, _no_food_reason(food), day)
    unit = None
    if cells["unit"]:
        unit, rest = _unit(cells["unit"])
        if unit is None or rest:
            unit = cells["unit"].lower()[:40]
        if quantity is None:
            quantity = 1.0  # "cup" without an amount: one cup, as "cup of coffee" in text
    return FoodLine(number, raw, day, food or food_id or "", quantity, unit, None, food_id)
