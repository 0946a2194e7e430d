"""Parse a food log — plain text as a person writes it, or CSV — into days and food lines.

Pure: no database, no clock (``today`` is passed in). Matching the food phrases to USDA foods and
turning amounts into grams happen later (matching.py, portions.py). Format: docs/food-log.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from sleepmin.errors import InvalidFoodLog
from sleepmin.foods.search import singular
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


_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125}
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
_NUM = r"(?:\d+(?:\.\d+)?|\.\d+)"
_AMOUNT = re.compile(
    rf"""^(?P<neg>-\s*)?(?:
        (?P<mixed>\d+)\s+(?P<mnum>\d+)/(?P<mden>\d+)
      | (?P<whole>\d+)?\s*(?P<uni>[½¼¾⅓⅔⅛])
      | (?P<num>\d+)/(?P<den>\d+)
      | (?P<lo>{_NUM})\s*(?:-|–|to)\s*(?P<hi>{_NUM})
      | (?P<dec>{_NUM})
    )(?=[a-zA-Z\s]|$)""",
    re.X,
)
_UNIT_KEYS = sorted(UNIT_WORDS, key=len, reverse=True)
_UNIT_RE = re.compile(
    r"^(?P<unit>" + "|".join(re.escape(u) for u in _UNIT_KEYS) + r")(?=\s|$|\.(?:\s|$))", re.I
)
_BULLET = re.compile(r"^\s*(?:[-*•·]+|\d+[.)])\s+")
_PIN = re.compile(r"\s*@\s*(?P<id>(?:ndb:|fdc:)?\d+)\s*$", re.I)
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


def parse_text_log(text: str, today: dt.date) -> ParsedLog:
    """Plain-text food log → days and lines. Raises InvalidFoodLog only for an empty log."""
    if not text.strip():
        raise InvalidFoodLog("the food log is empty; write one food per line, e.g. '2 bananas'")
    log = ParsedLog()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _BULLET.sub("", raw.strip()).strip()
        if not line or line.startswith("//"):
            continue
        header = _day_header(line, today)
        if header is not None:
            day, problem = header
            log.days.append(day)
            if problem:
                log.notes.append(LineProblem(number, raw.strip(), problem, len(log.days) - 1))
            continue
        stripped = line.strip("#*= ").rstrip(":").strip()
        if stripped.lower() in _MEALS:
            continue
        line = _MEAL_PREFIX.sub("", line)
        if not log.days:
            log.days.append(Day("Day 1"))
        day_index = len(log.days) - 1
        for part in _split_items(line):
            log.lines.append(parse_food_line(part, number, day_index))
    if not log.days:
        log.days.append(Day("Day 1"))
    return log


def parse_food_line(text: str, line_number: int = 1, day: int = 0) -> FoodLine | LineProblem:
    """``"1 1/2 cups cooked rice"`` → FoodLine(quantity=1.5, unit="cup", food="cooked rice")."""
    original = text.strip()
    text = _BULLET.sub("", original)
    if len(original) > _MAX_WORD_LINE:
        return LineProblem(
            line_number, original[:80] + "…", "the line is too long to be one food", day
        )
    body = text
    pin = None
    if match := _PIN.search(body):
        pin, body = match.group("id"), body[: match.start()]
    quantity, unit, rest, negative = _leading_amount(body)
    if quantity is None and unit is None:
        quantity, unit, rest, negative = _trailing_amount(body)
    if negative or (quantity is not None and quantity <= 0):
        return LineProblem(
            line_number, original, "the amount must be more than zero (e.g. '3 cups')", day
        )
    food = _clean_food(rest)
    if not food and unit is not None and unit in HOUSEHOLD_WORDS:
        food, unit = unit, None  # "2 eggs": the measure word is the food
    if not food:
        return LineProblem(line_number, original, "no food named; write e.g. '150 g salmon'", day)
    if not re.search(r"[a-zA-Z]", food):
        return LineProblem(line_number, original, f"{food!r} is not a food name", day)
    return FoodLine(line_number, original, day, food, quantity, unit, pin)


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


def _trailing_amount(text: str) -> tuple[float | None, str | None, str, bool]:
    """ "salmon, 150 g", "rice (1 cup)", "milk - 250 ml", "salmon 150g"."""
    match = re.search(r"(?:[,(\-–]\s*|\s+)(?P<amount>[\d½¼¾⅓⅔⅛][^,()]*?)\)?\s*$", text)
    if not match:
        return None, None, text, False
    quantity, unit, rest, negative = _leading_amount(match.group("amount"))
    if quantity is None or rest.strip():
        return None, None, text, False
    return quantity, unit, text[: match.start()], negative


def _amount_value(match: re.Match[str]) -> float:
    g = match.groupdict()
    if g["mixed"]:
        return int(g["mixed"]) + int(g["mnum"]) / max(int(g["mden"]), 1)
    if g["uni"]:
        return int(g["whole"] or 0) + _FRACTIONS[g["uni"]]
    if g["num"]:
        return int(g["num"]) / int(g["den"]) if int(g["den"]) else 0.0
    if g["lo"]:
        return (float(g["lo"]) + float(g["hi"])) / 2
    return float(g["dec"])


def _unit(text: str) -> tuple[str | None, str]:
    if match := _UNIT_RE.match(text):
        word = match.group("unit").lower()
        rest = text[match.end() :].lstrip(". ").strip()
        if word in ("c", "t") and not rest:
            return None, text
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


def _split_items(line: str) -> list[str]:
    """Split at ';', and at ',' where the next part is a food of its own."""
    items: list[str] = []
    for chunk in line.split(";"):
        parts = [p.strip() for p in chunk.split(",")]
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
    quantity, unit, rest, _ = _leading_amount(part)
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


def _day_header(line: str, today: dt.date) -> tuple[Day, str | None] | None:
    """A day header → (Day, problem or None); None if the line is not a header."""
    text = line.strip("#*=_ \t").rstrip(":").strip()
    lowered = text.lower().rstrip(".")
    if match := re.fullmatch(r"(?:day|d)\s*(\d{1,3}|[a-z]+)", lowered):
        token = match.group(1)
        if token.isdigit() or token in _DAY_WORDS:
            return Day(f"Day {token if token.isdigit() else _DAY_WORDS[token]}"), None
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
    if year:
        return dt.date(int(year), month, day)
    guess = dt.date(today.year, month, day)
    return guess if guess <= today else dt.date(today.year - 1, month, day)


# -- CSV ----------------------------------------------------------------------------------------

CSV_COLUMNS = ("date", "food", "amount", "unit")


def parse_csv_log(text: str, today: dt.date) -> ParsedLog:
    """``date,food,amount,unit[,ndb_number|fdc_id]`` → days and lines."""
    if not text.strip():
        raise InvalidFoodLog("the food log is empty; the CSV needs a header and one row per food")
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
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
    for row in reader:
        number = reader.line_num
        cells = {k: (v or "").strip() for k, v in row.items() if k}
        raw = ",".join(cells.get(c, "") for c in header)
        date_text = cells["date"]
        if date_text or not log.days:
            key = date_text or "Day 1"
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


def _csv_day(text: str, today: dt.date, number: int, raw: str, log: ParsedLog) -> Day:
    if not text:
        return Day("Day 1")
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        log.notes.append(
            LineProblem(number, raw, f"date {text!r} is not YYYY-MM-DD; kept as a label")
        )
        return Day(text)
    if date > today:
        log.notes.append(
            LineProblem(
                number,
                raw,
                f"the date {text} is in the future (today is {today.isoformat()}); "
                "the food is still analysed",
            )
        )
    return Day(date.isoformat(), date)


def _csv_food(cells: dict[str, str], number: int, raw: str, day: int) -> FoodLine | LineProblem:
    food = cells["food"]
    food_id = cells.get("ndb_number") or cells.get("fdc_id") or None
    if cells.get("fdc_id") and not cells.get("ndb_number"):
        food_id = f"fdc:{cells['fdc_id']}"
    if not food and not food_id:
        return LineProblem(number, raw, "the food column is empty", day)
    amount_text = cells["amount"]
    quantity = None
    if amount_text:
        match = _AMOUNT.match(amount_text)
        if not match or match.end() != len(amount_text):
            return LineProblem(number, raw, f"amount {amount_text!r} is not a number", day)
        quantity = _amount_value(match)
        if match.group("neg") or quantity <= 0:
            return LineProblem(number, raw, "the amount must be more than zero", day)
    unit = None
    if cells["unit"]:
        unit, rest = _unit(cells["unit"])
        if unit is None or rest:
            unit = cells["unit"].lower()
    return FoodLine(number, raw, day, food or food_id or "", quantity, unit, None, food_id)
