"""Parse a food log — plain text as a person writes it, or CSV — into days and food lines.

Pure: no database, no clock (``today`` is passed in). Matching the food phrases to USDA foods and
turning amounts into grams happen later (matching.py, portions.py). Format: docs/food-log.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
from dataclasses import dataclass, field, replace

from sleepmin.errors import InvalidFoodLog, InvalidInput
from sleepmin.intake.amounts import (
    NUMBER_WORDS,
    AmountProblem,
    amount_value,
    match_amount,
    read_unit,
)
from sleepmin.intake.food_names import (
    is_not_food,
    names_a_food,
    no_food_reason,
    not_food_reason,
    nothing,
)
from sleepmin.intake.lines import (
    MAX_ID_DIGITS,
    MAX_WORD_LINE,
    FoodLine,
    LineProblem,
    read_line,
    with_place,
)

__all__ = [
    "MAX_ID_DIGITS",
    "Day",
    "FoodLine",
    "LineProblem",
    "ParsedLog",
    "decode_log",
    "names_a_food",
    "parse_csv_log",
    "parse_food_line",
    "parse_text_log",
]


@dataclass(frozen=True, slots=True)
class Day:
    label: str
    date: dt.date | None = None


@dataclass(slots=True)
class ParsedLog:
    days: list[Day] = field(default_factory=list)
    lines: list[FoodLine | LineProblem] = field(default_factory=list)
    notes: list[LineProblem] = field(default_factory=list)  # header problems, e.g. future dates


_BULLET = re.compile(r"^\s*(?:[-*•·]+|\d+[.)])\s+")
_MEALS = ("breakfast", "brunch", "lunch", "dinner", "supper", "snack", "snacks", "tea")
_MEAL_PREFIX = re.compile(r"^(?:" + "|".join(_MEALS) + r")\s*[:\-–]\s*", re.I)
_MAX_RAW_LINE = 1000  # a longer line is reported whole, not split into foods


def parse_food_line(text: str, line_number: int = 1, day: int = 0) -> FoodLine | LineProblem:
    """The first food of one line: ``"1 1/2 cups cooked rice"`` → FoodLine(quantity=1.5,
    unit="cup", food="cooked rice"). A line may name several foods: see ``read_line``."""
    return with_place(read_line(text)[0], line_number, day)


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
        line = without_bullet(raw)
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
            log.lines.append(with_place(template, number, current))
    if not log.days:
        log.days.append(Day("Day 1"))
    return log


def without_bullet(raw: str) -> str:
    """A line as the log reads it: without the list bullet or number before it."""
    return _BULLET.sub("", raw.strip()).strip()


def _day_key(day: Day) -> str | None:
    """What makes two headers the same day: the date, or the "Day N" label. Weekday names are
    not merged: a second "Monday" is most often the next week."""
    if day.date is not None:
        return day.date.isoformat()
    if day.label.lower().rstrip(",") in _WEEKDAYS:
        return None
    return day.label


def _line_items(line: str) -> tuple[FoodLine | LineProblem, ...]:
    """The foods of one line (read once per distinct line: a long log repeats its lines)."""
    return read_line(_MEAL_PREFIX.sub("", line))


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
    "weds",
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
_DAY_WORDS = {w: n for w, n in NUMBER_WORDS.items() if isinstance(n, int) and w not in ("a", "an")}
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
                f"{MAX_ID_DIGITS}); find the food's id by searching the foods",
                day,
            )
    food_id = ndb or (f"fdc:{fdc}" if fdc else None)
    if not food and not food_id:
        return LineProblem(number, raw, "the food column is empty", day)
    if len(food) > MAX_WORD_LINE:
        return LineProblem(number, raw[:80] + "…", "the food is too long to be one food", day)
    amount_text = cells["amount"].replace("\u2044", "/")
    quantity = None
    if amount_text:
        match = match_amount(amount_text)
        if not match or match.end() != len(amount_text):
            return LineProblem(number, raw, f"amount {amount_text[:20]!r} is not a number", day)
        try:
            quantity = amount_value(match)
        except AmountProblem as problem:
            return LineProblem(number, raw, str(problem), day)
        if match.group("neg") or quantity <= 0:
            return LineProblem(number, raw, "the amount must be more than zero", day)
    if food and not food_id and (is_not_food(food) or (not names_a_food(food) and nothing(food))):
        return LineProblem(number, raw, not_food_reason(food), day, not_food=True)
    if food and not food_id and not names_a_food(food):
        return LineProblem(number, raw, no_food_reason(food), day)
    if food and not food_id and not amount_text and not cells["unit"]:
        # "150g salmon, grilled" in the food column: read it as a line of the text log, so
        # its amount and comments count (one food: the first the cell names)
        read = read_line(food)[0]
        if isinstance(read, FoodLine):
            return replace(read, line_number=number, text=raw, day=day)
    unit = None
    if cells["unit"]:
        unit, rest = read_unit(cells["unit"])
        if unit is None or rest:
            unit = cells["unit"].lower()[:40]
        if quantity is None:
            quantity = 1.0  # "cup" without an amount: one cup, as "cup of coffee" in text
    return FoodLine(number, raw, day, food or food_id or "", quantity, unit, None, food_id)
