"""When to take what: a timing schedule for a supplement plan that passed the safety checks.

The day has five slots: waking (6 h), morning (8 h), lunch (12 h), dinner (18 h) and evening
(21 h). Every mineral, and every medicine that minerals bind, has its slots in order of
preference. The schedule is the arrangement that breaks the fewest rules and, among those, keeps
each entry nearest the top of its list (a medicine's place weighs more than a mineral's, so the
supplements move before a prescribed time does). The rules:

- iron at least 2 h from calcium and from zinc (Hallberg 1991; NIH ODS);
- calcium in doses of at most 500 mg, each in its own slot (NIH ODS);
- a quinolone or tetracycline antibiotic at least 2 h before or 6 h after magnesium, calcium,
  iron, zinc or copper (NIH ODS gives 4-6 h after for both; the longer 6 h is kept);
- levothyroxine at least 4 h from iron and calcium, and never in a slot with any mineral;
- a bisphosphonate first thing on waking and alone in that slot; minerals at least 2 h later
  (magnesium 4 h: the UK product information for a magnesium product says 3-4 h);
- levodopa at least 2 h from iron.

Doses repeat every day, so a gap is measured both ways round the clock. When no arrangement keeps
every rule, each entry involved carries a ``conflict`` message naming the rule it breaks: the
schedule says so rather than breaking a rule silently.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import cache

from sleepmin.intake.supplements import Supplement
from sleepmin.numbers import number
from sleepmin.nutrients import Mineral

SLOT_HOURS = {"waking": 6, "morning": 8, "lunch": 12, "dinner": 18, "evening": 21}
DAY_HOURS = 24
CALCIUM_DOSE_MG = 500.0  # the most calcium at once (NIH ODS): larger doses are split


@dataclass(frozen=True, slots=True)
class Gap:
    """How a medicine and a mineral are kept apart: the medicine at least ``before`` hours before
    the mineral or at least ``after`` hours after it. Both doses recur daily, so both must hold:
    no mineral in the ``after`` hours before the medicine, nor in the ``before`` hours after it.
    ``Gap(1, 1)`` only keeps them out of the same slot."""

    before: int
    after: int

    def kept(self, medicine_hour: int, mineral_hour: int) -> bool:
        return (mineral_hour - medicine_hour) % DAY_HOURS >= self.before and (
            medicine_hour - mineral_hour
        ) % DAY_HOURS >= self.after

    def for_medicine(self, mineral: str) -> str:
        """The rule in words, said of the medicine."""
        if self.before != self.after:
            return f"at least {self.before} hours before or {self.after} hours after {mineral}"
        if self.before <= 1:
            return f"not at the same time as {mineral}"
        return f"at least {self.before} hours apart from {mineral}"

    def for_mineral(self, medicine: str) -> str:
        """The rule in words, said of the mineral."""
        if self.before != self.after:
            return f"at least {self.before} hours after or {self.after} hours before the {medicine}"
        if self.before <= 1:
            return f"not at the same time as the {medicine}"
        return f"at least {self.before} hours apart from the {medicine}"


# Minimum hours between two minerals (both ways round the clock).
MINERAL_GAPS = {
    frozenset({Mineral.IRON, Mineral.CALCIUM}): 2,  # Hallberg 1991
    frozenset({Mineral.IRON, Mineral.ZINC}): 2,  # ODS zinc
}
_DIVALENT = (Mineral.MAGNESIUM, Mineral.CALCIUM, Mineral.IRON, Mineral.ZINC, Mineral.COPPER)
_ANTIBIOTIC_GAP = Gap(2, 6)  # ODS: 2 h before or 4-6 h after; the conservative 6 h is kept
# The minerals each medicine binds (or must not share a slot with), and the gap to keep.
MEDICINE_GAPS: dict[str, dict[Mineral, Gap]] = {
    "bisphosphonate": {m: Gap(4, 4) if m is Mineral.MAGNESIUM else Gap(2, 2) for m in Mineral},
    "levothyroxine": {
        m: Gap(4, 4) if m in (Mineral.IRON, Mineral.CALCIUM) else Gap(1, 1) for m in Mineral
    },
    "quinolone": dict.fromkeys(_DIVALENT, _ANTIBIOTIC_GAP),
    "tetracycline": dict.fromkeys(_DIVALENT, _ANTIBIOTIC_GAP),
    "levodopa": {Mineral.IRON: Gap(2, 2)},
}
# Medicines that share their slot with nothing else.
ALONE = frozenset({"bisphosphonate"})
# Slots each medicine may take, best first, and what one step down the list costs: a medicine
# with a usual time (on waking, in the evening for restless legs) moves only to keep a rule.
MEDICINE_SLOTS: dict[str, tuple[str, ...]] = {
    "bisphosphonate": ("waking",),
    "levothyroxine": ("waking", "evening"),
    "quinolone": ("waking", "morning", "lunch", "dinner", "evening"),
    "tetracycline": ("waking", "morning", "lunch", "dinner"),
    "levodopa": ("evening", "dinner", "lunch", "morning", "waking"),
}
_MEDICINE_WEIGHT = {
    "bisphosphonate": 100,
    "levothyroxine": 100,
    "levodopa": 100,
    "quinolone": 10,
    "tetracycline": 10,
}
# Slots each mineral may take, best first.
_PREFERENCES = {
    Mineral.IRON: ("morning", "lunch", "evening", "waking", "dinner"),
    Mineral.CALCIUM: ("dinner", "lunch", "evening", "morning", "waking"),
    Mineral.ZINC: ("lunch", "dinner", "morning", "evening", "waking"),
    Mineral.COPPER: ("lunch", "dinner", "morning", "evening", "waking"),
    Mineral.MAGNESIUM: ("evening", "dinner", "lunch", "morning", "waking"),
    Mineral.POTASSIUM: ("dinner", "lunch", "morning", "evening", "waking"),
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
    """One line of the schedule: a supplement dose (``mineral`` set, ``amount_mg`` the dose in
    this slot) or a medicine that minerals bind (``mineral`` empty, ``amount_mg`` None)."""

    slot: str
    supplement: str
    mineral: str
    instructions: str
    citations: tuple[str, ...]
    amount_mg: float | None = None
    conflict: str | None = None  # set when no arrangement keeps every rule for this entry


_PLAN: dict[Mineral, tuple[str, tuple[str, ...]]] = {
    Mineral.IRON: (
        "on an empty stomach or with vitamin C (e.g. a glass of orange juice); at least 2 hours "
        "apart from calcium, dairy, tea and coffee",
        ("hallberg_1991", "ods_iron"),
    ),
    Mineral.ZINC: (
        "with food (on an empty stomach it can cause nausea); at least 2 hours apart from iron",
        ("ods_zinc",),
    ),
    Mineral.COPPER: ("with food; it may be taken with zinc", ("areds_2002", "ods_copper")),
    Mineral.CALCIUM: (
        "with food, no more than 500 mg at once (absorption falls at higher single doses); at "
        "least 2 hours apart from iron",
        ("ods_calcium", "hallberg_1991"),
    ),
    Mineral.MAGNESIUM: (
        "best in the evening, 1-2 hours before bed (as in the insomnia trial); with a snack if "
        "it upsets the stomach",
        ("abbasi_2012", "ods_magnesium"),
    ),
    Mineral.POTASSIUM: (
        "with a meal and a full glass of water",
        ("ods_potassium",),
    ),
}

_MEDICINE_NAMES = {
    "bisphosphonate": "bisphosphonate",
    "levothyroxine": "levothyroxine",
    "quinolone": "quinolone antibiotic",
    "tetracycline": "tetracycline antibiotic",
    "levodopa": "levodopa",
}
_TWICE_A_DAY = (
    "If you take it more than once a day, keep the same gap around every dose: ask a "
    "pharmacist where the other doses fit, or whether to pause these minerals during the course"
)
_MEDICINE_PLAN: dict[str, tuple[str, tuple[str, ...]]] = {
    "bisphosphonate": (
        "Bisphosphonate (alendronate, risedronate, ibandronate): first thing on waking, alone, "
        "with a full glass of plain water, before any food, drink or other medicine (its "
        "leaflet says how long to wait: 30 minutes to 2 hours by product); minerals at least 2 "
        "hours later, magnesium at least 4 hours later. With a weekly or monthly tablet this "
        "applies on those days",
        ("uk_smpc_magnesium", "ods_magnesium"),
    ),
    "levothyroxine": (
        "Levothyroxine: on an empty stomach; iron and calcium at least 4 hours apart from it, "
        "and no other mineral at the same time",
        ("ods_iron", "ods_calcium"),
    ),
    "quinolone": (
        "Quinolone antibiotic (ciprofloxacin, levofloxacin, moxifloxacin): at least 2 hours "
        "before or 6 hours after magnesium, calcium, iron, zinc or copper (NIH ODS gives 4-6 "
        "hours after; the longer gap is kept; the moxifloxacin leaflet asks for 4 hours before "
        f"or 8 hours after). {_TWICE_A_DAY}",
        ("ods_zinc", "ods_magnesium", "uk_smpc_magnesium"),
    ),
    "tetracycline": (
        "Tetracycline antibiotic (doxycycline, minocycline, tetracycline): at least 2 hours "
        "before or 6 hours after magnesium, calcium, iron, zinc or copper (NIH ODS gives 4-6 "
        f"hours after; the longer gap is kept). {_TWICE_A_DAY}",
        ("ods_zinc", "ods_magnesium", "uk_smpc_magnesium"),
    ),
    "levodopa": (
        "Levodopa: keep to the times your clinician set, with iron at least 2 hours from every "
        "dose. It is shown here once, as is usual for restless legs; if you take it several "
        "times a day, ask a pharmacist where the iron fits",
        ("ods_iron",),
    ),
}
_SLOT_NOTES = {
    ("levothyroxine", "waking"): "Take it on waking, with water, before breakfast",
    ("levothyroxine", "evening"): (
        "Take it at bedtime, at least 3 hours after the evening meal, instead of on waking (the "
        "waking slot is kept free); agree this change with your clinician"
    ),
}


def timing_schedule(
    supplements: tuple[Supplement, ...] | list[Supplement], medications: tuple[str, ...] = ()
) -> list[Dose]:
    """Every supplement dose and every binding medicine, in the arrangement that keeps the most
    rules; an entry in a broken rule carries a ``conflict`` message. Empty without supplements."""
    supplements = tuple(supplements)
    if not supplements:
        return []
    minerals = {s.mineral for s in supplements}
    drugs = [
        d
        for d in dict.fromkeys(medications)
        if d in MEDICINE_GAPS and minerals & set(MEDICINE_GAPS[d])
    ]
    variables = [_medicine_variable(d) for d in drugs]
    calcium_bins = _calcium_doses([s for s in supplements if s.mineral is Mineral.CALCIUM])
    for mineral in _ORDER:
        if mineral is Mineral.CALCIUM:
            if calcium_bins:
                variables.append(_calcium_variable(calcium_bins))
        elif mineral in minerals:
            bins = _dose_bins([s for s in supplements if s.mineral is mineral])
            if len(bins) > 1:  # several doses a day: each in its own slot where slots allow
                variables.append(_calcium_variable(bins, mineral))
            else:
                variables.append(_mineral_variable(mineral, bins[0]))
    placed = _arrange(variables)
    problems: list[list[str]] = [[] for _ in placed]
    for (i, (a, slot_a)), (j, (b, slot_b)) in itertools.combinations(enumerate(placed), 2):
        broken = _broken(a.key, slot_a, b.key, slot_b)
        if broken:
            problems[i].append(broken)
            problems[j].append(broken)
    doses: list[Dose] = []
    for (unit, slot), broken_rules in zip(placed, problems, strict=True):
        conflict = _conflict_text(broken_rules) if broken_rules else None
        if unit.mineral is None:
            how, sources = _MEDICINE_PLAN[unit.key]
            note = _SLOT_NOTES.get((unit.key, slot))
            text = f"{how}. {note}." if note else f"{how}."
            doses.append(Dose(slot, unit.key.replace("_", " "), "", text, sources, None, conflict))
            continue
        for supplement, amount in unit.pieces:
            text = _mineral_instructions(
                unit.mineral, slot, amount, calcium_bins, drugs, ((supplement, amount),)
            )
            sources = _PLAN[unit.mineral][1]
            doses.append(
                Dose(
                    slot,
                    supplement.text,
                    unit.mineral.value,
                    text,
                    sources,
                    amount,
                    conflict,
                )
            )
    return sorted(doses, key=lambda d: (SLOT_HOURS[d.slot], d.mineral != "", d.supplement))


def hours_apart(schedule: list[Dose], a: Mineral, b: Mineral) -> float | None:
    """The smallest gap in hours between doses of two minerals (None if either is absent)."""
    slots_a = [SLOT_HOURS[d.slot] for d in schedule if d.mineral == a.value]
    slots_b = [SLOT_HOURS[d.slot] for d in schedule if d.mineral == b.value]
    if not slots_a or not slots_b:
        return None
    return min(_around_the_clock(x, y) for x in slots_a for y in slots_b)


# --- placing the entries -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Unit:
    """What goes into one slot: a medicine, or one mineral's supplements (one calcium dose)."""

    key: str  # the medicine's name or the mineral's value
    mineral: Mineral | None
    pieces: tuple[tuple[Supplement, float], ...] = ()  # (supplement, mg in this slot)


@dataclass(frozen=True, slots=True)
class _Variable:
    units: tuple[_Unit, ...]
    choices: tuple[tuple[tuple[str, ...], int], ...]  # (a slot per unit, cost), cheapest first


def _medicine_variable(drug: str) -> _Variable:
    weight = _MEDICINE_WEIGHT[drug]
    slots = MEDICINE_SLOTS[drug]
    return _Variable(
        (_Unit(drug, None),), tuple(((slot,), rank * weight) for rank, slot in enumerate(slots))
    )


def _mineral_variable(mineral: Mineral, pieces: tuple[tuple[Supplement, float], ...]) -> _Variable:
    slots = _PREFERENCES[mineral]
    return _Variable(
        (_Unit(mineral.value, mineral, pieces),),
        tuple(((slot,), rank) for rank, slot in enumerate(slots)),
    )


def _calcium_variable(
    bins: list[tuple[tuple[Supplement, float], ...]], mineral: Mineral = Mineral.CALCIUM
) -> _Variable:
    """Each dose in its own slot where slots allow; otherwise doses double up (for calcium a
    conflict: more than 500 mg at once), spread as evenly as the chosen slots allow."""
    units = tuple(_Unit(mineral.value, mineral, b) for b in bins)
    slots = _PREFERENCES[mineral]
    choices = []
    for size in range(1, min(len(bins), len(slots)) + 1):
        for ranks in itertools.combinations(range(len(slots)), size):
            spread = [ranks[i % size] for i in range(len(bins))]
            choices.append((len(bins) - size, tuple(slots[r] for r in spread), sum(spread)))
    choices.sort(key=lambda c: (c[0], c[2]))  # doses in their own slots first, then cost
    return _Variable(units, tuple((chosen, cost) for _, chosen, cost in choices))


def _arrange(variables: list[_Variable]) -> list[tuple[_Unit, str]]:
    """Branch and bound: the least weight of broken rules, then the lowest cost; ties go to the
    order in which the choices are listed. A medicine never shares a slot with a mineral it binds
    (or, taken alone, with anything) while any other arrangement exists; a broken medicine gap
    weighs more than a broken gap between two minerals."""
    best: list[tuple[_Unit, str]] = []
    best_score = (math.inf, math.inf)
    placed: list[tuple[_Unit, str]] = []

    def visit(index: int, broken: int, cost: int) -> None:
        nonlocal best, best_score
        if (broken, cost) >= best_score:
            return
        if index == len(variables):
            best, best_score = list(placed), (broken, cost)
            return
        variable = variables[index]
        for slots, step in variable.choices:
            new = list(zip(variable.units, slots, strict=True))
            extra = sum(
                _weight(unit.key, slot, other.key, other_slot)
                for unit, slot in new
                for other, other_slot in placed
            ) + sum(
                _weight(a.key, slot_a, b.key, slot_b)
                for (a, slot_a), (b, slot_b) in itertools.combinations(new, 2)
            )
            placed.extend(new)
            visit(index + 1, broken + extra, cost + step)
            del placed[len(placed) - len(new) :]

    visit(0, 0, 0)
    return best


def _around_the_clock(a: int, b: int) -> int:
    d = abs(a - b) % DAY_HOURS
    return min(d, DAY_HOURS - d)


_MINERAL_VALUES = frozenset(m.value for m in Mineral)
_MEDICINE_RULE_WEIGHT = 4  # a broken medicine rule counts as four broken mineral rules


_SHARED_SLOT_WEIGHT = 1_000_000  # a medicine in a slot with a mineral it binds: never if avoidable


def _weight(a: str, slot_a: str, b: str, slot_b: str) -> int:
    if _broken(a, slot_a, b, slot_b) is None:
        return 0
    if a in _MINERAL_VALUES and b in _MINERAL_VALUES:
        return 1
    return _SHARED_SLOT_WEIGHT if slot_a == slot_b else _MEDICINE_RULE_WEIGHT


@cache
def _broken(a: str, slot_a: str, b: str, slot_b: str) -> str | None:
    """The rule two entries break in these slots, in words (None if they keep every rule)."""
    if a not in _MINERAL_VALUES and b in _MINERAL_VALUES:
        return _broken(b, slot_b, a, slot_a)
    if a in _MINERAL_VALUES and b in _MINERAL_VALUES:
        if a == b == Mineral.CALCIUM.value and slot_a == slot_b:
            return f"two calcium doses share the {slot_a} slot: more than 500 mg at once"
        if a == b and slot_a == slot_b:  # a supplement taken several times a day
            return f"two {a} doses share the {slot_a} slot: the day's doses belong apart"
        gap = MINERAL_GAPS.get(frozenset({Mineral(a), Mineral(b)}))
        apart = _around_the_clock(SLOT_HOURS[slot_a], SLOT_HOURS[slot_b])
        if gap is not None and apart < gap:
            return (
                f"{a} ({slot_a}) and {b} ({slot_b}) are {apart} hours apart; they need at "
                f"least {gap}"
            )
        return None
    if a in _MINERAL_VALUES:  # a mineral and a medicine
        medicine_gap = MEDICINE_GAPS[b].get(Mineral(a))
        if medicine_gap is not None and not medicine_gap.kept(
            SLOT_HOURS[slot_b], SLOT_HOURS[slot_a]
        ):
            return (
                f"the {_MEDICINE_NAMES[b]} ({slot_b}) must be taken "
                f"{medicine_gap.for_medicine(a)} ({slot_a})"
            )
        return None
    if slot_a == slot_b and (a in ALONE or b in ALONE):  # two medicines
        alone, other = (a, b) if a in ALONE else (b, a)
        return (
            f"the {_MEDICINE_NAMES[alone]} is taken alone, but the {_MEDICINE_NAMES[other]} "
            f"shares its {slot_a} slot"
        )
    return None


def _conflict_text(broken_rules: list[str]) -> str:
    rules = "; ".join(dict.fromkeys(broken_rules))
    advice = "ask a pharmacist or clinician how to fit these together"
    if "antibiotic" in rules:
        advice += " (during a short antibiotic course, pausing the mineral is often simplest)"
    return (
        f"No arrangement of the slots keeps every gap here: {rules}. Do not take them this way; "
        f"{advice}."
    )


def _frequency_notes(pieces: tuple[tuple[Supplement, float], ...]) -> list[str]:
    notes = []
    for supplement, _ in pieces:
        if supplement.dose_mg is not None and supplement.doses > 1:
            notes.append(
                f"{supplement.text}: one of {supplement.doses} doses a day, in different slots"
            )
        elif supplement.interval_days > 1:
            every = (
                "every other day"
                if supplement.interval_days == 2
                else "once a week"
                if supplement.interval_days == 7
                else f"every {supplement.interval_days} days"
            )
            notes.append(f"{supplement.text}: take it {every}, not daily")
    return notes


def _mineral_instructions(
    mineral: Mineral,
    slot: str,
    amount: float,
    calcium_bins: list[tuple[tuple[Supplement, float], ...]],
    drugs: list[str],
    pieces: tuple[tuple[Supplement, float], ...] = (),
) -> str:
    parts = []
    if mineral is Mineral.CALCIUM and len(calcium_bins) > 1:
        total = sum(a for b in calcium_bins for _, a in b)
        parts.append(
            f"this dose is {_dose(amount)} mg: the {_dose(total)} mg of calcium a day is split "
            f"into {len(calcium_bins)} doses of at most 500 mg"
        )
    parts.append(_PLAN[mineral][0])
    parts += _frequency_notes(pieces)
    by_gap: dict[Gap, list[str]] = {}
    for drug in drugs:
        if mineral in MEDICINE_GAPS[drug]:
            by_gap.setdefault(MEDICINE_GAPS[drug][mineral], []).append(_MEDICINE_NAMES[drug])
    parts += [gap.for_mineral(" and the ".join(names)) for gap, names in by_gap.items()]
    preferred = _PREFERENCES[mineral][0]
    split = mineral is Mineral.CALCIUM and len(calcium_bins) > 1
    if slot != preferred and not split:
        parts.append(f"moved from {preferred} to {slot} by the gaps this schedule keeps")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def _dose(value: float) -> str:
    """A dose to three significant digits ("62.5", "325"): a tablet's amount, not an intake."""
    return number(value, digits=3)


def _dose_bins(supplements: list[Supplement]) -> list[tuple[tuple[Supplement, float], ...]]:
    """One mineral's doses: a supplement taken several times a day gives a dose each (of its
    `dose_mg`); the others share one dose (of the amount taken on the day they are taken)."""
    bins: list[tuple[tuple[Supplement, float], ...]] = []
    once: list[tuple[Supplement, float]] = []
    for supplement in supplements:
        if supplement.dose_mg is not None and supplement.doses > 1:
            bins += [((supplement, supplement.dose_mg),)] * supplement.doses
        elif supplement.dose_mg is not None and supplement.interval_days > 1:
            once.append((supplement, supplement.dose_mg))
        else:
            once.append((supplement, supplement.amount_mg))
    return ([tuple(once)] if once else []) + bins


# --- calcium doses -------------------------------------------------------------------------


def _calcium_doses(calcium: list[Supplement]) -> list[tuple[tuple[Supplement, float], ...]]:
    """Calcium in doses of at most 500 mg: each supplement above 500 mg split evenly, then packed
    into as few doses as whole pieces allow (first fit, largest first); if that needs more
    doses than there are slots, the total is shared evenly over the fewest doses instead."""
    if not calcium:
        return []
    pieces = [(s, a) for s in calcium for a in _split(s.amount_mg)]
    bins: list[list[tuple[Supplement, float]]] = []
    for supplement, amount in sorted(pieces, key=lambda p: -p[1]):
        target = next((b for b in bins if sum(a for _, a in b) + amount <= CALCIUM_DOSE_MG), None)
        if target is None:
            bins.append([(supplement, amount)])
        else:
            target.append((supplement, amount))
    if len(bins) > len(SLOT_HOURS):
        bins = _share(calcium)
    return [tuple(b) for b in bins]


def _split(amount: float) -> list[float]:
    """An amount as the fewest even doses of at most 500 mg (whole mg when it is whole)."""
    n = max(1, math.ceil(amount / CALCIUM_DOSE_MG))
    if n == 1:
        return [amount]
    if float(amount).is_integer():
        q, r = divmod(int(amount), n)
        return [float(q + 1)] * r + [float(q)] * (n - r)
    each = min(math.ceil(amount / n * 10) / 10, CALCIUM_DOSE_MG)
    return [each] * (n - 1) + [round(amount - each * (n - 1), 6)]


def _share(calcium: list[Supplement]) -> list[list[tuple[Supplement, float]]]:
    total = sum(s.amount_mg for s in calcium)
    n = max(1, math.ceil(total / CALCIUM_DOSE_MG))
    room = total / n
    bins: list[list[tuple[Supplement, float]]] = [[] for _ in range(n)]
    index, free = 0, room
    for supplement in calcium:
        left = supplement.amount_mg
        while left > 1e-9:
            if free <= 1e-9 and index < n - 1:
                index, free = index + 1, room
            take = left if index == n - 1 else min(left, free)
            bins[index].append((supplement, take))
            left -= take
            free -= take
    return [b for b in bins if b]
