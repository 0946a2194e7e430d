"""Which of the listed foods give most of a mineral: by a realistic portion, per 100 kcal, or by
how much of a shortfall one portion closes — with the absorption notes that go with them.

Pure: candidates in, ranked candidates out. The use cases decide whose targets, diet and limits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from sleepmin.nutrients import Mineral, Nutrient
from sleepmin.plan.candidates import Candidate

Per = Literal["portion", "100kcal"]


@dataclass(frozen=True, slots=True)
class Ranked:
    candidate: Candidate
    amount_mg: float  # the mineral in one portion
    kcal: float  # the portion's energy
    per_100kcal_mg: float | None  # None at 0 kcal (water, coffee)

    def closes(self, gap_mg: float) -> float:
        """How much of ``gap_mg`` one portion closes: past the gap, more counts no more."""
        return min(self.amount_mg, gap_mg)


def rank(
    mineral: Mineral,
    candidates: Iterable[Candidate],
    *,
    per: Per = "portion",
    gap_mg: float | None = None,
) -> list[Ranked]:
    """Best first. With ``gap_mg``: by how much of the gap one portion closes, then by density
    per 100 kcal (a gap closed in fewer calories first); otherwise by ``per``. Ties go by food
    id, so the order is the same every time."""
    found = []
    nutrient = mineral.nutrient
    for c in candidates:
        amount = c.amount(nutrient, c.serving_grams)
        kcal = c.amount(Nutrient.ENERGY_KCAL, c.serving_grams)
        found.append(Ranked(c, amount, kcal, 100 * amount / kcal if kcal > 0 else None))
    if gap_mg is not None:
        found.sort(
            key=lambda r: (-r.closes(gap_mg), -(r.per_100kcal_mg or 0.0), r.candidate.food_id)
        )
    elif per == "portion":
        found.sort(key=lambda r: (-r.amount_mg, r.candidate.food_id))
    else:
        found.sort(key=lambda r: (-(r.per_100kcal_mg or 0.0), r.candidate.food_id))
    return found


def within_room(
    candidates: Iterable[Candidate],
    room_mg: Mapping[Mineral, float],
    retinol_room_ug: float,
) -> tuple[list[Candidate], list[Candidate]]:
    """The foods one serving of which stays within each Upper Limit's room (what a UL leaves
    after the day's food and supplements), and those that would pass one (a slice of liver)."""
    fits: list[Candidate] = []
    over: list[Candidate] = []
    limits = [(m.nutrient, room) for m, room in room_mg.items()]
    for c in candidates:
        grams = c.serving_grams
        passes = any(c.amount(nutrient, grams) > room for nutrient, room in limits)
        passes = passes or c.amount(Nutrient.RETINOL_UG, grams) > retinol_room_ug
        (over if passes else fits).append(c)
    return fits, over


ABSORPTION_NOTES: dict[Mineral, tuple[str, ...]] = {
    Mineral.IRON: (
        "Iron from meat, fish and poultry (heme) is absorbed 2-3 times better than iron from "
        "plants and eggs (non-heme); vitamin C in the same meal helps non-heme iron, tea, "
        "coffee and calcium at that meal hinder it.",
        "Vegetarians and vegans need 1.8 times the iron RDA for this reason (IOM 2001).",
    ),
    Mineral.ZINC: (
        "Phytate in whole grains and legumes lowers zinc absorption; soaking, sprouting, "
        "leavened bread and fermented foods lower phytate.",
    ),
    Mineral.CALCIUM: (
        "Calcium from spinach, chard and beet greens is poorly absorbed (oxalate); kale, bok "
        "choy and broccoli give well-absorbed calcium.",
    ),
}
POORLY_ABSORBED_CALCIUM = frozenset({"11458"})  # spinach (oxalate); the list has no chard
HEME_KINDS = frozenset({"meat", "fish", "shellfish", "organ_meat"})


def absorption_note(mineral: Mineral, candidate: Candidate) -> str | None:
    """The note that goes beside one food for one mineral, when absorption matters."""
    if mineral is Mineral.IRON:
        return (
            "heme iron: well absorbed"
            if candidate.kind in HEME_KINDS
            else "non-heme iron: eat with vitamin C"
        )
    if mineral is Mineral.CALCIUM and candidate.food_id in POORLY_ABSORBED_CALCIUM:
        return "oxalate: little of this calcium is absorbed"
    if mineral is Mineral.ZINC and candidate.kind == "plant":
        return "phytate lowers plant zinc absorption"
    return None
