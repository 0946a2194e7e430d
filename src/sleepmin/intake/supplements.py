"""Supplements as people name them: "magnesium glycinate 200 mg", "ferrous sulfate 65 mg
elemental iron", "zinc 50 mg". Pure.

The amount is taken as **elemental** mineral, as US Supplement Facts labels state it
("Magnesium (as magnesium glycinate) 200 mg"), with one exception: iron salts are prescribed and
sold by the salt's weight ("ferrous sulfate 325 mg" holds 65 mg of iron), so a named ferrous
sulfate, gluconate or fumarate amount is converted to elemental iron (NIH ODS iron fact sheet),
unless the text says "elemental". A form sleepmin does not know is reported, not guessed; the
amount still counts, since it is elemental.

The result is a **daily** amount: counts and frequencies multiply it ("2 tablets of zinc 25 mg",
"twice daily", "tds", "every 8 hours"), "every other day" and "weekly" divide it, and the
supplement's ``basis`` says so ("25 mg × 2 a day = 50 mg a day"). Numbers are read as people
write them (".5", "1,000", "1/2"); what could mean two things ("1,5", "2.500"), scientific
notation, negative amounts, ranges, stray numbers and amounts above a per-mineral ceiling
(DAILY_CEILING_MG) are refused rather than guessed (docs/cli.md, "Supplement text").
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from sleepmin.errors import ImplausibleValue, InvalidSupplement
from sleepmin.numbers import mg, number
from sleepmin.nutrients import Mineral

# Names that identify the mineral, including salt prefixes.
_MINERAL_WORDS = {
    "magnesium": Mineral.MAGNESIUM,
    "mg": Mineral.MAGNESIUM,
    "iron": Mineral.IRON,
    "ferrous": Mineral.IRON,
    "ferric": Mineral.IRON,
    "zinc": Mineral.ZINC,
    "calcium": Mineral.CALCIUM,
    "potassium": Mineral.POTASSIUM,
    "copper": Mineral.COPPER,
    "cupric": Mineral.COPPER,
}

KNOWN_FORMS: dict[Mineral, frozenset[str]] = {
    Mineral.MAGNESIUM: frozenset(
        {
            "glycinate",
            "bisglycinate",
            "citrate",
            "oxide",
            "chloride",
            "malate",
            "taurate",
            "threonate",
            "l-threonate",
            "lactate",
            "aspartate",
            "sulfate",
            "carbonate",
            "orotate",
            "gluconate",
            "hydroxide",
        }
    ),
    Mineral.IRON: frozenset(
        {
            "sulfate",
            "gluconate",
            "fumarate",
            "bisglycinate",
            "glycinate",
            "carbonyl",
            "citrate",
            "polysaccharide",
            "heme",
            "succinate",
            "pyrophosphate",
            "protein succinylate",
        }
    ),
    Mineral.ZINC: frozenset(
        {
            "gluconate",
            "picolinate",
            "citrate",
            "sulfate",
            "acetate",
            "oxide",
            "bisglycinate",
            "glycinate",
            "carnosine",
            "orotate",
            "monomethionine",
            "aspartate",
        }
    ),
    Mineral.CALCIUM: frozenset(
        {
            "carbonate",
            "citrate",
            "phosphate",
            "lactate",
            "gluconate",
            "malate",
            "citrate malate",
            "hydroxyapatite",
            "orotate",
        }
    ),
    Mineral.POTASSIUM: frozenset(
        {
            "chloride",
            "citrate",
            "gluconate",
            "bicarbonate",
            "aspartate",
            "iodide",
            "phosphate",
        }
    ),
    Mineral.COPPER: frozenset(
        {
            "gluconate",
            "sulfate",
            "bisglycinate",
            "glycinate",
            "oxide",
            "citrate",
            "chelate",
        }
    ),
}
# Elemental iron as a share of the salt's weight (NIH ODS iron fact sheet for health professionals).
IRON_SALT_FRACTION = {"sulfate": 0.20, "gluconate": 0.12, "fumarate": 0.33}
SALT_SPELLINGS = {"sulphate": "sulfate"}  # British spelling
IRON_SALT_SOURCES = ("ods_iron",)

# How much of each mineral sleepmin reads as a day's supplement (and as one dose), elemental:
# about ten times the largest daily amount a product label or a usual prescription gives, so no
# real product is refused while slips ("500 g" for "500 mg") and nonsense ("1e9 mg") are. These
# bound plausibility only; the safety check judges amounts against the Upper Limits.
DAILY_CEILING_MG: dict[Mineral, float] = {
    Mineral.MAGNESIUM: 30_000.0,  # laxative magnesium citrate or sulfate: up to ~3,000 mg
    Mineral.CALCIUM: 30_000.0,  # calcium carbonate antacid labels: up to 3,000 mg a day
    Mineral.IRON: 2_000.0,  # ferrous sulfate 200 mg three times a day: ~195 mg of iron
    Mineral.ZINC: 1_500.0,  # zinc acetate for Wilson disease: 50 mg three times a day
    Mineral.COPPER: 100.0,  # copper replacement for deficiency: up to ~8 mg a day
    Mineral.POTASSIUM: 40_000.0,  # potassium chloride: up to 100 mEq (3,900 mg) a day
}
MIN_DAILY_MG = 0.001  # one microgram: no mineral supplement gives less
MAX_UNITS_PER_DOSE = 10  # tablets, capsules... at one time; a bigger number is a bottle size
MAX_DOSES_PER_DAY = 8
MAX_TEXT_CHARS = 200

_UNIT_SCALE = {"mg": 1.0, "g": 1000.0, "mcg": 0.001}
_NUMBER = r"(?:[0-9]+(?:[.,][0-9]+)*|\.[0-9]+)"
_AMOUNT = re.compile(
    rf"(?<![0-9a-wyzµμ.,])(?P<number>{_NUMBER})\s*"
    r"(?P<unit>mgs?|milligrams?|mcgs?|µg|μg|ug|micrograms?|gms?|grams?|g)(?![a-z0-9µμ])"
)
_COUNT_WORDS = {
    "a": 1.0,
    "an": 1.0,
    "one": 1.0,
    "two": 2.0,
    "three": 3.0,
    "four": 4.0,
    "five": 5.0,
    "six": 6.0,
    "seven": 7.0,
    "eight": 8.0,
    "nine": 9.0,
    "ten": 10.0,
    "half": 0.5,
}
_COUNT = (
    r"(?:(?<![a-z])(?:half(?:\s+an?)?|one|two|three|four|five|six|seven|eight|nine|ten|an?)"
    rf"|(?<![a-z0-9.,]){_NUMBER})"
)
_DOSE_UNITS = (
    r"(?:tablets?|tabs?|capsules?|caps?|vcaps?|softgels?|soft\s+gels?|gel\s*caps?|gummies|"
    r"gummy|pills?|chewables?|lozenges?|scoops?|sachets?|packets?|servings?|pastilles?)"
    r"(?![a-z])"
)
_PERIOD_WORD = r"(?:day|daily|night|nightly|d|week|weekly|wk)(?![a-z])"
_SCIENTIFIC = re.compile(
    r"[0-9]\.?e[+\-−]?[0-9]|[0-9]\s*(?:\^|\*\*)\s*[+\-−]?[0-9]|[0-9]\s*[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]"
)
_RANGE = re.compile(rf"(?<![0-9a-z.,]){_NUMBER}\s*(?:[-−–—]|to(?![a-z]))\s*(?:{_NUMBER}|\.?[0-9]+)")
_NEGATIVE = re.compile(r"(?<![0-9a-zµμ])[-−–—](?=\.?[0-9])")
_FRACTION = re.compile(
    r"(?<![0-9.,])(?:(?P<whole>[0-9]{1,3})\s+)?(?P<num>[0-9]{1,3})\s*/\s*(?P<den>[0-9]{1,3})"
    r"(?![0-9.,])"
)
_VULGAR = re.compile(r"(?<![0-9.,])(?:(?P<whole>[0-9]{1,3})\s*)?(?P<frac>[½¼¾])")
_VULGAR_VALUE = {"½": 0.5, "¼": 0.25, "¾": 0.75}
_LEFTOVER_NUMBER = re.compile(rf"(?<![a-z0-9.,])(?<![a-z]-){_NUMBER}")
# Words that say how often: any left unread means the frequency was not understood.
_FREQUENCY_WORDS = frozenset(
    "times time x hourly hour hours hrs days weeks week weekly several few multiple many couple "
    "often occasionally sometimes once twice thrice needed prn".split()
)
_FILLER = frozenset(
    "elemental as of supplement supplements tablet tablets capsule capsules softgel softgels "
    "gummy gummies pill pills chewable chewables lozenge lozenges scoop scoops sachet sachets "
    "tab tabs cap caps vcaps serving servings daily a an day per with from mineral chelated "
    "amino acid take taken takes taking food meal meals at in the morning evening night nightly "
    "bedtime bed breakfast lunch dinner before after and each every contains containing dose "
    "total plus or on to for about approx approximately around my up max maximum dv rda".split()
)


@dataclass(frozen=True, slots=True)
class Supplement:
    text: str
    mineral: Mineral
    amount_mg: float  # elemental, per day
    form: str | None  # e.g. "glycinate"; None if not named
    form_known: bool
    salt_mg: float | None = None  # the salt's weight, when the amount was converted from it
    supervised: bool = False  # prescribed or monitored by a clinician
    # How the daily amount was read, when it is not the amount as written:
    # "25 mg × 2 a day = 50 mg a day", "50 mg once a week = 7.143 mg a day on average".
    basis: str | None = None
    # How it is taken, when the text says so: ``doses`` doses of ``dose_mg`` (elemental) every
    # ``interval_days`` days. None: one daily dose of ``amount_mg``.
    dose_mg: float | None = None
    doses: int = 1
    interval_days: int = 1

    @property
    def note(self) -> str | None:
        parts = [self.basis] if self.basis else []
        if self.salt_mg is not None:
            parts.append(
                f"ferrous {self.form} {mg(self.salt_mg)} is read as the salt's weight: about "
                f"{mg(self.amount_mg)} of elemental iron (ferrous {self.form} is "
                f"{IRON_SALT_FRACTION[self.form or '']:.0%} iron, NIH ODS). If "
                f"{mg(self.salt_mg)} is already the elemental amount, say so ('elemental')"
            )
        elif self.form is not None and not self.form_known:
            parts.append(
                f"form {self.form!r} is not one sleepmin knows for {self.mineral.value}; "
                "the amount is counted as elemental, as on a Supplement Facts label"
            )
        return "; ".join(parts) or None


def iron_salt(mineral: Mineral, words: list[str]) -> str | None:
    """The iron salt named (sulfate, gluconate, fumarate), if any."""
    if mineral is not Mineral.IRON:
        return None
    spelled = (SALT_SPELLINGS.get(w, w) for w in words)
    return next((w for w in spelled if w in IRON_SALT_FRACTION), None)


def _amount_shown(amount_mg: float) -> str:
    if not math.isfinite(amount_mg):
        return f"{amount_mg!r} mg"
    if amount_mg >= 1e12:
        return "more than 1,000,000,000,000 mg"
    if 0 < amount_mg < 0.0001:
        return "less than 0.0001 mg"
    return f"{number(amount_mg, 3)} mg"


def check_daily_amount(
    mineral: Mineral, amount_mg: float, what: str = "", *, per: str = "a day"
) -> None:
    """Refuse an elemental amount of a mineral that cannot be a day's supplement (or, with
    ``per="at once"``, one dose): not a finite number, below MIN_DAILY_MG, or above the
    mineral's DAILY_CEILING_MG. ``what`` names where it came from (e.g. the supplement text)."""
    ceiling = DAILY_CEILING_MG[mineral]
    label = what or f"{mineral.value} supplement"
    value = f"{_amount_shown(amount_mg)} of {mineral.value} {per}"
    fix = "check the amount, its unit (mg, mcg or g) and how often it is taken"
    if not math.isfinite(amount_mg) or amount_mg <= 0:
        raise ImplausibleValue(f"{label}:", value, "an amount must be a number above zero", fix)
    if amount_mg < MIN_DAILY_MG:
        raise ImplausibleValue(
            f"{label}:",
            value,
            f"the least sleepmin accepts is {number(MIN_DAILY_MG, 3)} mg (one microgram) {per}",
            fix,
        )
    if amount_mg > ceiling:
        raise ImplausibleValue(
            f"{label}:",
            value,
            f"the most sleepmin accepts is {mg(ceiling)} {per}, about 10 times the largest "
            "daily dose of any product or usual prescription",
            fix,
        )


def elemental_supplement(
    text: str,
    mineral: Mineral,
    amount_mg: float,
    *,
    elemental: bool | None = None,
    supervised: bool = False,
) -> Supplement:
    """A supplement from a name and a daily amount: a named iron salt's weight becomes
    elemental iron unless ``elemental`` is True (None: decided by the word "elemental" in the
    text). An elemental amount that cannot be a day's dose raises ImplausibleValue."""
    words = re.findall(r"[a-z]+", text.lower())
    if elemental is None:
        elemental = "elemental" in words
    salt = iron_salt(mineral, words)
    form_words = [w for w in words if w not in _MINERAL_WORDS and w not in _FILLER]
    form = salt or (" ".join(form_words) or None)
    known = form is None or any(w in KNOWN_FORMS[mineral] for w in [form, *form_words])
    if salt is not None and not elemental:
        supplement = Supplement(
            text,
            mineral,
            round(amount_mg * IRON_SALT_FRACTION[salt], 6),
            salt,
            True,
            salt_mg=amount_mg,
            supervised=supervised,
        )
    else:
        supplement = Supplement(
            text, mineral, round(amount_mg, 6), form, known, supervised=supervised
        )
    check_daily_amount(mineral, supplement.amount_mg, f"supplement {_shorten(text)!r}")
    return supplement


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _refuse(text: str, problem: str) -> InvalidSupplement:
    return InvalidSupplement(_shorten(text, 80), problem)


def _read_number(text: str, written: str) -> float:
    """A number as people write it: "25", "0.5", ".5", "1,000", "1,000.5". Refused when it
    could mean two things ("1,5": 1.5 or 15; "2.500": 2.5 or 2,500) or is no number at all."""
    if "," in written:
        whole, _, decimals = written.partition(".")
        groups = whole.split(",")
        if (
            written.count(".") <= 1
            and "," not in decimals
            and 1 <= len(groups[0]) <= 3
            and all(len(g) == 3 for g in groups[1:])
        ):
            return float(whole.replace(",", "") + ("." + decimals if decimals else ""))
        raise _refuse(
            text,
            f"cannot tell what {written!r} means (a decimal comma or thousands?); write a "
            "decimal point for fractions (1.5) and commas only between groups of three "
            "digits (1,500)",
        )
    if written.count(".") > 1:
        raise _refuse(
            text,
            f"{written!r} is not a number sleepmin can read; write it as e.g. 1500 or 1.5",
        )
    whole, dot, decimals = written.partition(".")
    if dot and len(decimals) == 3 and whole.strip("0"):
        raise _refuse(
            text,
            f"cannot tell whether {written!r} means {float(written):g} or "
            f"{int(whole + decimals):,} (a decimal point or thousands?); write "
            f"{float(written):g} or {int(whole + decimals)}",
        )
    return float(written)


def _count(text: str, written: str) -> float:
    word = " ".join(written.split())
    if word.startswith("half"):
        return 0.5
    if word in _COUNT_WORDS:
        return _COUNT_WORDS[word]
    return _read_number(text, word)


@dataclass
class _Frequency:
    """What the words around the amount say about how many and how often."""

    text: str
    units: float | None = None
    unit_word: str = ""
    times: float | None = None
    times_written: str = ""
    period_days: int | None = None
    period_written: str = ""
    extra: float | None = None  # a bare "x2" / "2 x"

    def set_units(self, count: float, unit: str) -> None:
        if self.units is not None:
            raise _refuse(self.text, "gives the number of tablets or capsules twice; give it once")
        if count <= 0:
            raise _refuse(
                self.text,
                "the number of tablets or capsules must be more than zero; write how many you "
                "take at a time, e.g. '2 capsules'",
            )
        if count > MAX_UNITS_PER_DOSE:
            raise _refuse(
                self.text,
                f"{number(count)} {unit} at a time is more than any dose "
                f"({MAX_UNITS_PER_DOSE} at most); if {number(count)} is the bottle size, leave "
                "it out and write how many you take, e.g. '2 capsules'",
            )
        self.units, self.unit_word = count, " ".join(unit.split())

    def set_times(self, count: float, written: str) -> None:
        written = " ".join(written.split())
        if self.times is not None:
            raise _refuse(
                self.text,
                f"says how often more than once ({self.times_written!r} and {written!r}); say "
                "it once, e.g. 'twice daily'",
            )
        if count != int(count) or not 1 <= count <= MAX_DOSES_PER_DAY:
            raise _refuse(
                self.text,
                f"cannot read {written!r} as a number of doses; give a whole number of times "
                f"from 1 to {MAX_DOSES_PER_DAY}, e.g. 'twice daily' or '3 times a day'",
            )
        self.times, self.times_written = count, written

    def set_period(self, days: int, written: str) -> None:
        written = " ".join(written.split())
        if self.period_days is not None and self.period_days != days:
            raise _refuse(
                self.text,
                f"says two different intervals ({self.period_written!r} and {written!r}); say "
                "one, e.g. 'twice daily', 'every other day' or 'weekly'",
            )
        self.period_days, self.period_written = days, written

    def set_extra(self, count: float, written: str) -> None:
        written = " ".join(written.split())
        if self.extra is not None or (self.units is not None and self.times is not None):
            raise _refuse(
                self.text,
                f"has more counts than sleepmin can place ({written!r}); write e.g. "
                "'2 capsules of zinc 25 mg twice daily'",
            )
        if not 0 < count <= MAX_UNITS_PER_DOSE:
            raise _refuse(
                self.text,
                f"cannot read {written!r} as a number of doses or tablets; give a number "
                f"from 1 to {MAX_UNITS_PER_DOSE}",
            )
        self.extra = count

    @property
    def per_dose(self) -> float:
        return (self.units or 1) * (self.extra or 1)

    @property
    def per_day(self) -> float:
        return self.per_dose * (self.times or 1) / (self.period_days or 1)

    def describe(self, amount_mg: float, daily_mg: float) -> str | None:
        """'25 mg × 2 a day = 50 mg a day', or None when the amount is read as written."""
        if self.per_day == 1 and self.per_dose == 1:
            return None
        text = _amount_text(amount_mg)
        if self.units is not None and self.units != 1:
            text += f" × {number(self.units, 3)} {self.unit_word}"
        if self.extra is not None and self.extra != 1:
            text += f" × {number(self.extra, 3)}"
        times, period = self.times or 1, self.period_days or 1
        every = {1: "a day", 2: "every other day", 7: "a week"}.get(period, f"every {period} days")
        if times != 1:
            text += f" × {number(times)} {every}"
        else:
            text += " once a week" if period == 7 else f" {every}"
        average = " on average" if period > 1 else ""
        return f"{text} = {_amount_text(daily_mg, 4)} a day{average}"


def _amount_text(amount_mg: float, digits: int = 6) -> str:
    """An amount for the reading's arithmetic: as written (up to 6 significant digits), or a
    result to 4 ("7.143 mg")."""
    return f"{number(amount_mg, digits)} mg"


def _consume(pattern: str, rest: str, handle: Callable[[re.Match[str]], None]) -> str:
    def replace(match: re.Match[str]) -> str:
        handle(match)
        return " "

    return re.sub(pattern, replace, rest)


def _read_frequency(text: str, rest: str) -> tuple[_Frequency, str]:
    """Read counts and frequencies from the text around the amount; return them and the words
    left over (the mineral and its form)."""
    freq = _Frequency(text)

    def refuse(problem: str) -> Callable[[re.Match[str]], None]:
        def handle(match: re.Match[str]) -> None:
            raise _refuse(text, problem.format(match.group(0).strip()))

        return handle

    rest = _consume(
        r"(?<![a-z])per\s+(?:[0-9.]+\s*)?(?:ml|millilit(?:re|er)s?|l|lit(?:re|er)s?|dl|kg|"
        r"kilograms?|lbs?|pounds?|tsp|teaspoons?|tbsp|tablespoons?|drops?|oz|fl\s*oz)(?![a-z])",
        rest,
        refuse(
            "gives a strength ('{}') rather than the amount taken; write the amount taken a "
            "day, e.g. 'iron 15 mg daily'"
        ),
    )
    rest = _consume(
        r"(?<![a-z])(?:months?|monthly|fortnights?|fortnightly|years?|yearly|annual(?:ly)?|"
        r"every\s+(?:[0-9]+|two|three|four|other|second)\s+weeks?)(?![a-z])",
        rest,
        refuse(
            "a dose taken less often than once a week ('{}') is not read as a daily amount; "
            "give the amount and how often: daily, every other day or weekly"
        ),
    )
    rest = _consume(
        r"(?<![a-z])(?:each|every|all)\s+meals?(?![a-z])",
        rest,
        refuse(
            "cannot tell how many doses '{}' means; say how often, e.g. '3 times a day with meals'"
        ),
    )
    rest = _consume(
        r"(?<![a-z])(?:as\s+needed|prn|when\s+needed|if\s+needed)(?![a-z])",
        rest,
        refuse(
            "an amount taken '{}' has no daily amount; give the amount on a day you take it, "
            "e.g. 'calcium carbonate 500 mg daily'"
        ),
    )

    def serving(match: re.Match[str]) -> None:
        if _count(text, match.group("n")) != 1:
            raise _refuse(
                text,
                f"gives the amount {match.group(0).strip()!r}; write the amount in the dose "
                "you take, e.g. '2 capsules of magnesium 200 mg' or 'magnesium 400 mg daily'",
            )

    rest = _consume(rf"(?<![a-z])per\s+(?P<n>{_COUNT})\s+{_DOSE_UNITS}", rest, serving)
    rest = _consume(
        rf"(?<![a-z])(?:per|each|every|in\s+(?:each|one|a))\s+{_DOSE_UNITS}", rest, lambda m: None
    )
    for ignored in (
        rf"(?<![a-z0-9.,]){_NUMBER}\s*%",
        rf"(?<![a-z0-9.,]){_NUMBER}\s*(?:iu|i\.u\.)(?![a-z])",
        rf"(?<![a-z0-9.,]){_NUMBER}\s*(?:count|ct)(?![a-z])",
    ):
        rest = _consume(ignored, rest, lambda m: None)

    def hours(match: re.Match[str]) -> None:
        written = match.group(0).strip()
        hours = _count(text, match.group("h") or match.group("q"))
        if hours > 0 and 24 % hours == 0 and 24 / hours <= MAX_DOSES_PER_DAY:
            freq.set_times(24 / hours, written)
            freq.set_period(1, written)
        elif hours > 24 and hours % 24 == 0 and hours / 24 <= 7:
            freq.set_period(int(hours // 24), written)
        else:
            raise _refuse(
                text,
                f"cannot read {written!r} as doses a day; write e.g. 'every 8 hours' or "
                "'3 times a day'",
            )

    rest = _consume(
        rf"(?<![a-z])(?:every|each)\s+(?P<h>{_COUNT})\s*(?:hours?|hrs?|h)(?![a-z])"
        r"|(?<![a-z])q\s*(?P<q>[0-9]+)\s*h(?![a-z])",
        rest,
        hours,
    )

    def days(match: re.Match[str]) -> None:
        written = match.group(0).strip()
        every = match.group("d")
        interval = 2 if every is None else _count(text, every)
        if interval != int(interval) or not 1 <= interval <= 7:
            raise _refuse(
                text,
                f"cannot read {written!r}; give the interval as a day count from 1 to 7, e.g. "
                "'every other day'",
            )
        freq.set_period(int(interval), written)

    rest = _consume(
        r"(?<![a-z])(?:every\s+(?:other|second|2nd|alternate)\s+days?|(?:on\s+)?alternate\s+days|"
        rf"every\s+(?P<d>{_COUNT})\s+days|qod|eod)(?![a-z])",
        rest,
        days,
    )
    rest = _consume(
        r"(?<![a-z])(?:weekly|(?:a|per|each|every)\s+(?:week|wk))(?![a-z])",
        rest,
        lambda m: freq.set_period(7, m.group(0)),
    )

    abbreviations = {"b": 2, "t": 3, "q": 4, "o": 1}

    def abbreviation(match: re.Match[str]) -> None:
        written = match.group(0).strip()
        letters = written.replace(".", "")
        count = 1 if letters == "qd" else abbreviations[letters[0]]
        freq.set_times(count, written)
        freq.set_period(1, written)

    rest = _consume(
        r"(?<![a-z])(?:b\.?i\.?d|b\.?d|t\.?i\.?d|t\.?d\.?s|q\.?i\.?d|q\.?d\.?s|o\.?d|q\.?d)\.?"
        r"(?![a-z])",
        rest,
        abbreviation,
    )
    rest = _consume(
        r"(?<![a-z])(?P<w>once|twice|thrice)(?![a-z])",
        rest,
        lambda m: freq.set_times({"once": 1, "twice": 2, "thrice": 3}[m.group("w")], m.group(0)),
    )
    rest = _consume(
        rf"(?P<n>{_COUNT})\s*(?:times(?![a-z])|x(?=\s*(?:a\s+|per\s+|each\s+|every\s+)?"
        rf"{_PERIOD_WORD}))",
        rest,
        lambda m: freq.set_times(_count(text, m.group("n")), m.group(0)),
    )
    rest = _consume(
        rf"(?P<n>{_COUNT})\s*(?:x\s*)?(?P<unit>{_DOSE_UNITS})(?:\s+of(?![a-z]))?",
        rest,
        lambda m: freq.set_units(_count(text, m.group("n")), m.group("unit")),
    )

    rest = _consume(
        rf"(?<![a-z0-9.,])(?P<n>{_NUMBER})\s*x(?![a-z])|(?<![a-z])x\s*(?P<m>{_NUMBER})",
        rest,
        lambda m: freq.set_extra(_count(text, m.group("n") or m.group("m")), m.group(0)),
    )

    def times_a_day(match: re.Match[str]) -> None:
        freq.set_times(_count(text, match.group("n")), match.group(0))
        freq.set_period(1, match.group(0))

    rest = _consume(
        rf"(?P<n>{_COUNT})\s+(?:(?:a|per|each)\s+(?:day|night)|daily|nightly)(?![a-z])",
        rest,
        times_a_day,
    )
    rest = _consume(
        r"(?<![a-z])(?:daily|nightly|everyday|(?:a|per|each|every)\s+(?:day|night|d|evening|"
        r"morning)|at\s+(?:night|bedtime)|before\s+bed(?:time)?|qhs|nocte)(?![a-z])",
        rest,
        lambda m: freq.set_period(1, m.group(0)),
    )
    leftover = _LEFTOVER_NUMBER.search(rest)
    if leftover is not None:
        raise _refuse(
            text,
            f"has a number sleepmin cannot place ({leftover.group(0)!r}); write one amount with "
            "its unit and how often, e.g. 'zinc 25 mg twice daily' or '2 capsules of "
            "magnesium 200 mg'",
        )
    words = _words(rest)
    unread = [w for w in words if w in _FREQUENCY_WORDS]
    if "meals" in words and freq.times is None:
        unread.append("with meals")
    if unread:
        raise _refuse(
            text,
            f"cannot tell how often ({' '.join(unread)!r}); say it as e.g. 'twice daily', "
            "'3 times a day', 'every other day' or 'weekly'",
        )
    return freq, rest


def _words(text: str) -> list[str]:
    """Words of letters (and inner hyphens: "l-threonate"); words with digits ("d3") are
    dropped, since they name no mineral or form."""
    words = re.findall(r"[a-z0-9µμ](?:[a-z0-9\-µμ]*[a-z0-9µμ])?", text)
    return [w for w in words if not any(c.isdigit() for c in w)]


def _clean(text: str, original: str) -> str:
    """Lower-case text with fractions as decimals and separators as spaces; refuses signs,
    ranges and scientific notation, which cannot be read as one dose."""
    low = text.lower()
    span = _RANGE.search(low)
    if span is not None:
        raise _refuse(
            original,
            f"gives a range ({span.group(0)!r}); give the amount you take, e.g. 'zinc 25 mg'",
        )
    if _NEGATIVE.search(low):
        raise _refuse(
            original, "an amount cannot be negative; write the amount taken, e.g. 'zinc 5 mg'"
        )

    def vulgar(match: re.Match[str]) -> str:
        value = int(match.group("whole") or 0) + _VULGAR_VALUE[match.group("frac")]
        return f" {value:g} "

    def fraction(match: re.Match[str]) -> str:
        den = int(match.group("den"))
        if den == 0:
            raise _refuse(
                original,
                f"{match.group(0).strip()!r} divides by zero; write the amount as a plain "
                "number, e.g. 'zinc 25 mg'",
            )
        value = int(match.group("whole") or 0) + int(match.group("num")) / den
        return " " + f"{value:.6f}".rstrip("0").rstrip(".") + " "

    low = re.sub(r"(?<=[0-9])'(?=[0-9]{3}(?![0-9]))", " ", low)  # Swiss 1'000
    spaced = re.search(r"(?<![0-9a-z.,])[0-9]{1,3}(?: [0-9]{3})+(?![0-9.,])", low)
    if spaced is not None:
        run = spaced.group(0)
        joined = run.replace(" ", "")
        raise _refuse(
            original,
            f"cannot tell whether {run!r} is one number ({joined}) or several; "
            f"write {joined} (or {int(joined):,}), and name counts, e.g. "
            "'2 tablets of magnesium 500 mg'",
        )
    low = _VULGAR.sub(vulgar, low)
    low = _FRACTION.sub(fraction, low)
    low = low.replace("/", " per ").replace("×", " x ").replace("*", " x ")
    low = re.sub(r"[()\[\]{};:!?\"'+&=|<>_~#@$^`\\]", " ", low)
    return re.sub(r",(?![0-9])|(?<![0-9]),", " ", low)


def _check_characters(text: str) -> None:
    """Refuse what cannot be a supplement's description: too long, control or invisible
    characters, digits other than 0-9, scientific notation."""
    if _SCIENTIFIC.search(text.lower()):
        raise _refuse(
            text,
            "scientific notation is not read as a dose; write the amount as a plain number, "
            "e.g. 'magnesium 400 mg'",
        )
    if len(text) > MAX_TEXT_CHARS:
        raise _refuse(
            text,
            f"is {len(text):,} characters long, more than one supplement needs "
            f"({MAX_TEXT_CHARS} at most); give each supplement as its own --supplement",
        )
    for char in text:
        if unicodedata.category(char).startswith("C"):
            raise _refuse(
                text, "contains control or invisible characters; type the supplement as plain text"
            )
        if char.isnumeric() and not ("0" <= char <= "9" or char in _VULGAR_VALUE):
            raise _refuse(
                text, f"contains a digit sleepmin cannot read ({char!r}); write numbers with 0-9"
            )


def parse_supplement(text: str) -> Supplement:
    """Read one supplement and its daily amount. InvalidSupplement says what could not be read;
    ImplausibleValue refuses an amount no dose could be (see DAILY_CEILING_MG)."""
    original = " ".join(text.split())
    _check_characters(original)
    low = _clean(original, original)
    amounts = list(_AMOUNT.finditer(low))
    if not amounts:
        raise _refuse(original, "no amount with a unit; write e.g. 'magnesium glycinate 200 mg'")
    rest = low
    for match in reversed(amounts):
        rest = rest[: match.start()] + " \x00 " + rest[match.end() :]
    mineral_words = _words(rest)
    minerals = {_MINERAL_WORDS[w] for w in mineral_words if w in _MINERAL_WORDS and w != "mg"}
    if not minerals:
        raise _refuse(
            original,
            "no mineral named; sleepmin counts magnesium, iron, zinc, calcium, "
            "potassium and copper (e.g. 'zinc gluconate 15 mg')",
        )
    if len(minerals) > 1:
        raise _refuse(original, "names more than one mineral; give each as its own --supplement")
    mineral = minerals.pop()
    values = [
        _read_number(original, m.group("number")) * _unit_scale(m.group("unit")) for m in amounts
    ]
    chosen, elemental_choice = _choose_amount(original, low, amounts)
    amount_mg = values[chosen]
    if amount_mg == 0:
        raise _refuse(
            original, "the amount must be more than zero; write the amount taken, e.g. 'zinc 15 mg'"
        )
    freq, rest = _read_frequency(original, rest)
    words = _words(rest)
    elemental = elemental_choice or "elemental" in words
    salt = None if elemental else iron_salt(mineral, words)
    fraction = IRON_SALT_FRACTION[salt] if salt else 1.0
    label = f"supplement {_shorten(original)!r}"
    daily_written = amount_mg * freq.per_day
    daily = daily_written * fraction
    check_daily_amount(mineral, daily, label)
    check_daily_amount(mineral, amount_mg * freq.per_dose * fraction, label, per="at once")
    basis = freq.describe(amount_mg, daily_written)
    taken = _Taken(
        round(amount_mg * freq.per_dose * fraction, 6) if basis is not None else None,
        int(freq.times or 1),
        freq.period_days or 1,
    )
    if elemental_choice:
        others = ", ".join(_amount_text(v) for i, v in enumerate(values) if i != chosen)
        basis = (
            f"{_amount_text(amount_mg)} is the elemental amount and is counted "
            f"({others} is taken as the weight of the salt)" + (f"; {basis}" if basis else "")
        )
    if salt is not None:
        return Supplement(
            original,
            mineral,
            round(daily, 6),
            salt,
            True,
            salt_mg=round(daily_written, 6),
            basis=basis,
            dose_mg=taken.dose_mg,
            doses=taken.doses,
            interval_days=taken.interval_days,
        )
    form_words = [w for w in words if w not in _MINERAL_WORDS and w not in _FILLER]
    form = " ".join(form_words) or None
    if elemental_choice:
        form = iron_salt(mineral, words) or form
    known = (
        form is None
        or form in KNOWN_FORMS[mineral]
        or any(w in KNOWN_FORMS[mineral] for w in form_words)
    )
    return Supplement(
        original,
        mineral,
        round(daily, 6),
        form,
        known,
        basis=basis,
        dose_mg=taken.dose_mg,
        doses=taken.doses,
        interval_days=taken.interval_days,
    )


class _Taken(NamedTuple):
    dose_mg: float | None
    doses: int
    interval_days: int


def _unit_scale(unit: str) -> float:
    if unit.startswith(("mc", "micro", "µ", "μ", "u")):
        return _UNIT_SCALE["mcg"]
    if unit.startswith("m"):
        return _UNIT_SCALE["mg"]
    return _UNIT_SCALE["g"]


def _choose_amount(original: str, low: str, amounts: list[re.Match[str]]) -> tuple[int, bool]:
    """Which amount is the dose: the only one, or the one marked elemental ("ferrous sulfate
    325 mg (65 mg elemental iron)"). Returns its index and whether it was chosen as elemental."""
    if len(amounts) == 1:
        return 0, False
    marked = [
        i
        for i, m in enumerate(amounts)
        if re.match(r"\s*(?:of\s+)?elemental(?![a-z])", low[m.end() :])
        or re.search(
            r"(?<![a-z])elemental(?:\s+(?:iron|magnesium|zinc|calcium|copper|potassium))?\s*$",
            low[: m.start()],
        )
    ]
    if len(marked) == 1:
        return marked[0], True
    listed = ", ".join(" ".join(m.group(0).split()) for m in amounts[:4])
    raise _refuse(
        original,
        f"gives more than one amount ({listed}); give the one amount of the mineral in a dose, "
        "or mark the elemental one (e.g. 'ferrous sulfate 325 mg (65 mg elemental)')",
    )


def parse_supplements(texts: list[str] | tuple[str, ...]) -> list[Supplement]:
    """Several supplements; their elemental total per mineral must be a possible day's amount
    too (three "zinc 1500 mg" are 4,500 mg a day)."""
    parsed = [parse_supplement(text) for text in texts]
    for mineral in Mineral:
        doses = [s for s in parsed if s.mineral is mineral]
        if len(doses) > 1:
            check_daily_amount(
                mineral,
                sum(s.amount_mg for s in doses),
                " + ".join(s.text for s in doses)[:80],
            )
    return parsed
