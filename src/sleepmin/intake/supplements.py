"""Supplements as people name them: "magnesium glycinate 200 mg", "ferrous sulfate 65 mg
elemental iron", "zinc 50 mg". Pure.

The amount is taken as **elemental** mineral, as US Supplement Facts labels state it
("Magnesium (as magnesium glycinate) 200 mg"), with one exception: iron salts are prescribed and
sold by the salt's weight ("ferrous sulfate 325 mg" holds 65 mg of iron), so a named ferrous
sulfate, gluconate or fumarate amount is converted to elemental iron (NIH ODS iron fact sheet),
unless the text says "elemental". A form sleepmin does not know is reported, not guessed; the
amount still counts, since it is elemental.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sleepmin.errors import InvalidSupplement
from sleepmin.numbers import mg
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
IRON_SALT_SOURCES = ("ods_iron",)

_UNITS = {"mg": 1.0, "g": 1000.0, "mcg": 0.001, "ug": 0.001, "µg": 0.001, "μg": 0.001}
_AMOUNT = re.compile(r"(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>mg|mcg|ug|µg|μg|g)\b", re.I)
_FILLER = frozenset(
    {
        "elemental",
        "as",
        "of",
        "supplement",
        "tablet",
        "capsule",
        "daily",
        "a",
        "day",
        "per",
        "with",
        "from",
        "mineral",
        "chelated",
        "amino",
        "acid",
    }
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

    @property
    def note(self) -> str | None:
        if self.salt_mg is not None:
            return (
                f"ferrous {self.form} {mg(self.salt_mg)} is read as the salt's weight: about "
                f"{mg(self.amount_mg)} of elemental iron (ferrous {self.form} is "
                f"{IRON_SALT_FRACTION[self.form or '']:.0%} iron, NIH ODS). If "
                f"{mg(self.salt_mg)} is already the elemental amount, say so ('elemental')"
            )
        if self.form is not None and not self.form_known:
            return (
                f"form {self.form!r} is not one sleepmin knows for {self.mineral.value}; "
                "the amount is counted as elemental, as on a Supplement Facts label"
            )
        return None


def iron_salt(mineral: Mineral, words: list[str]) -> str | None:
    """The iron salt named (sulfate, gluconate, fumarate), if any."""
    if mineral is not Mineral.IRON:
        return None
    return next((w for w in words if w in IRON_SALT_FRACTION), None)


def elemental_supplement(
    text: str,
    mineral: Mineral,
    amount_mg: float,
    *,
    elemental: bool | None = None,
    supervised: bool = False,
) -> Supplement:
    """A supplement from a name and an amount: a named iron salt's weight becomes elemental
    iron unless ``elemental`` is True (None: decided by the word "elemental" in the text)."""
    words = re.findall(r"[a-z]+", text.lower())
    if elemental is None:
        elemental = "elemental" in words
    salt = iron_salt(mineral, words)
    form_words = [w for w in words if w not in _MINERAL_WORDS and w not in _FILLER]
    form = salt or (" ".join(form_words) or None)
    known = form is None or any(w in KNOWN_FORMS[mineral] for w in [form, *form_words])
    if salt is not None and not elemental:
        return Supplement(
            text,
            mineral,
            round(amount_mg * IRON_SALT_FRACTION[salt], 6),
            salt,
            True,
            salt_mg=amount_mg,
            supervised=supervised,
        )
    return Supplement(text, mineral, round(amount_mg, 6), form, known, supervised=supervised)


def parse_supplement(text: str) -> Supplement:
    """Read one supplement; InvalidSupplement says what was missing."""
    original = " ".join(text.split())
    amount_match = _AMOUNT.search(original)
    if amount_match is None:
        raise InvalidSupplement(
            original, "no amount with a unit; write e.g. 'magnesium glycinate 200 mg'"
        )
    amount_mg = float(amount_match.group("value")) * _UNITS[amount_match.group("unit").lower()]
    if amount_mg <= 0:
        raise InvalidSupplement(original, "the amount must be more than zero")
    words = re.findall(
        r"[a-zA-Zµμ][a-zA-Z\-µμ]*", original.lower().replace(amount_match.group(0).lower(), " ")
    )
    minerals = {_MINERAL_WORDS[w] for w in words if w in _MINERAL_WORDS and w != "mg"}
    if not minerals:
        raise InvalidSupplement(
            original,
            "no mineral named; sleepmin counts magnesium, iron, zinc, calcium, "
            "potassium and copper (e.g. 'zinc gluconate 15 mg')",
        )
    if len(minerals) > 1:
        raise InvalidSupplement(
            original, "names more than one mineral; give each as its own --supplement"
        )
    mineral = minerals.pop()
    supplement = elemental_supplement(original, mineral, amount_mg)
    if supplement.salt_mg is None:  # keep the full form text ("citrate malate")
        form_words = [w for w in words if w not in _MINERAL_WORDS and w not in _FILLER]
        form = " ".join(form_words) or None
        known = (
            form is None
            or form in KNOWN_FORMS[mineral]
            or any(w in KNOWN_FORMS[mineral] for w in form_words)
        )
        return Supplement(original, mineral, round(amount_mg, 6), form, known)
    return supplement
