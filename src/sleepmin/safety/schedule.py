"""When to take what: a timing schedule for a supplement plan that passed the safety checks.

Each mineral has a slot and instructions, each with its source; slots keep iron apart from
calcium, tea and coffee, and zinc apart from iron; medicines that minerals bind get their gap.
"""

from __future__ import annotations

from dataclasses import dataclass

from sleepmin.intake.supplements import Supplement
from sleepmin.nutrients import Mineral

SLOT_HOURS = {"waking": 6, "morning": 8, "lunch": 12, "dinner": 18, "evening": 21}

# Minimum hours between two minerals, and between a medicine and the minerals it binds.
MINERAL_GAPS = {
    frozenset({Mineral.IRON, Mineral.CALCIUM}): 2,  # Hallberg 1991
    frozenset({Mineral.IRON, Mineral.ZINC}): 2,  # ODS zinc
}
MEDICINE_GAPS: dict[str, tuple[int, frozenset[Mineral]]] = {
    "levothyroxine": (4, frozenset({Mineral.IRON, Mineral.CALCIUM})),
    "bisphosphonate": (2, frozenset({Mineral.MAGNESIUM, Mineral.CALCIUM, Mineral.IRON})),
}
# Preferred slots, best first; the first that keeps every gap is used.
_PREFERENCES = {
    Mineral.IRON: ("morning", "lunch", "evening"),
    Mineral.CALCIUM: ("dinner", "lunch", "evening"),
    Mineral.ZINC: ("lunch", "dinner", "morning"),
    Mineral.COPPER: ("lunch", "dinner", "morning"),
    Mineral.MAGNESIUM: ("evening", "dinner"),
    Mineral.POTASSIUM: ("dinner", "lunch", "morning"),
}
_ORDER = (
    Mineral.IRON,
    Mineral.CALCIUM,
    Mineral.ZINC,
    Mineral.COPPER,
    Mineral.MAGNESIUM,
    Mineral.POTASSIUM,
)


@dataclass(frozen=True, slots=True)
class Dose:
    slot: str
    supplement: str
    mineral: str
    instructions: str
    citations: tuple[str, ...]


_PLAN: dict[Mineral, tuple[str, str, tuple[str, ...]]] = {
    Mineral.IRON: (
        "morning",  # preferred; see _PREFERENCES
        "on an empty stomach or with vitamin C (e.g. a glass of orange juice); at least 2 hours "
        "apart from calcium, dairy, tea and coffee",
        ("hallberg_1991", "ods_iron"),
    ),
    Mineral.ZINC: (
        "lunch",
        "with food (on an empty stomach it can cause nausea); at least 2 hours apart from iron",
        ("ods_zinc",),
    ),
    Mineral.COPPER: ("lunch", "with food; it may be taken with zinc", ("areds_2002", "ods_copper")),
    Mineral.CALCIUM: (
        "dinner",
        "with food, no more than 500 mg at once (absorption falls at higher single doses); at "
        "least 2 hours apart from iron",
        ("ods_calcium", "hallberg_1991"),
    ),
    Mineral.MAGNESIUM: (
        "evening",
        "in the evening, 1-2 hours before bed (as in the insomnia trial); with a snack if it "
        "upsets the stomach",
        ("abbasi_2012", "ods_magnesium"),
    ),
    Mineral.POTASSIUM: (
        "dinner",
        "with a meal and a full glass of water",
        ("ods_potassium",),
    ),
}

_MEDICINE_NOTES = {
    "bisphosphonate": (
        "waking",
        "take the bisphosphonate first thing, alone with water; minerals at least 2 hours later",
        ("uk_smpc_magnesium",),
    ),
    "levothyroxine": (
        "waking",
        "take levothyroxine on waking; iron and calcium at least 4 hours later",
        ("ods_iron", "ods_calcium"),
    ),
    "quinolone": (
        "lunch",
        "while on the antibiotic, take it at least 2 hours before or 4-6 hours after any mineral",
        ("ods_magnesium", "ods_zinc"),
    ),
    "tetracycline": (
        "lunch",
        "while on the antibiotic, take it at least 2 hours before or 4-6 hours after any mineral",
        ("ods_magnesium", "ods_zinc"),
    ),
}


def timing_schedule(
    supplements: tuple[Supplement, ...] | list[Supplement], medications: tuple[str, ...] = ()
) -> list[Dose]:
    """Place each mineral in its first preferred slot that keeps every required gap."""
    slots = _assign_slots({s.mineral for s in supplements}, medications)
    doses = []
    for supplement in supplements:
        _, how, sources = _PLAN[supplement.mineral]
        doses.append(
            Dose(slots[supplement.mineral], supplement.text, supplement.mineral.value, how, sources)
        )
    for drug in medications:
        if drug in _MEDICINE_NOTES and supplements:
            slot, how, sources = _MEDICINE_NOTES[drug]
            doses.append(Dose(slot, drug.replace("_", " "), "", how, sources))
    return sorted(doses, key=lambda d: (SLOT_HOURS[d.slot], d.mineral != "", d.supplement))


def _assign_slots(minerals: set[Mineral], medications: tuple[str, ...]) -> dict[Mineral, str]:
    placed: dict[Mineral, str] = {}
    for mineral in _ORDER:
        if mineral not in minerals:
            continue
        options = _PREFERENCES[mineral]
        placed[mineral] = next(
            (slot for slot in options if _keeps_gaps(mineral, slot, placed, medications)),
            options[0],  # no slot keeps every gap: the preferred one, with the warnings shown
        )
    return placed


def _keeps_gaps(
    mineral: Mineral, slot: str, placed: dict[Mineral, str], medications: tuple[str, ...]
) -> bool:
    hour = SLOT_HOURS[slot]
    for other, other_slot in placed.items():
        gap = MINERAL_GAPS.get(frozenset({mineral, other}), 0)
        if abs(hour - SLOT_HOURS[other_slot]) < gap:
            return False
    for drug in medications:
        if drug in MEDICINE_GAPS:
            gap, bound = MEDICINE_GAPS[drug]
            drug_hour = SLOT_HOURS[_MEDICINE_NOTES[drug][0]]
            if mineral in bound and abs(hour - drug_hour) < gap:
                return False
    return True


def hours_apart(schedule: list[Dose], a: Mineral, b: Mineral) -> float | None:
    """The smallest gap in hours between doses of two minerals (None if either is absent)."""
    slots_a = [SLOT_HOURS[d.slot] for d in schedule if d.mineral == a.value]
    slots_b = [SLOT_HOURS[d.slot] for d in schedule if d.mineral == b.value]
    if not slots_a or not slots_b:
        return None
    return min(abs(x - y) for x in slots_a for y in slots_b)
