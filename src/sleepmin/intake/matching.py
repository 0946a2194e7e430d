"""Food lines → USDA foods and grams: matched, ambiguous (candidates shown) or not understood.

Takes the food database through a small protocol, so any store with ``search`` and ``get`` works.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from sleepmin.errors import FoodNotFound, InvalidQuery
from sleepmin.foods.database import StoredFood
from sleepmin.foods.model import Food
from sleepmin.foods.search import SearchHit, fold, words
from sleepmin.intake.foodlog import FoodLine, LineProblem, names_a_food
from sleepmin.intake.portions import PortionProblem, grams_for


class FoodLookup(Protocol):
    def search_hits(self, query: str, limit: int = 10) -> list[SearchHit]: ...

    def get_by_row_id(self, row_id: int) -> StoredFood: ...

    def get(self, food_id: str | int) -> StoredFood: ...


@dataclass(frozen=True, slots=True)
class Candidate:
    food: Food
    score: float


@dataclass(frozen=True, slots=True)
class LogItem:
    """One food of the log, as the analysis and the JSON report see it."""

    line_number: int
    line: str
    day: int | None
    status: str  # "matched" | "ambiguous" | "not_understood"
    food: Food | None = None
    grams: float | None = None
    basis: str | None = None
    candidates: tuple[Candidate, ...] = ()
    reason: str | None = None
    pinned: bool = False
    header: bool = False  # a note on a day header (e.g. a future date), not a food


@dataclass
class Matcher:
    """Resolves food lines against the database, remembering pins as it goes.

    A long log repeats its lines ("coffee with milk" every morning): each distinct line is
    resolved once and its result reused (``cache=False`` resolves every line afresh, as the
    benchmark's baseline does). The cache key holds everything the result depends on — the
    line as written and its reading — and the count of '@ ID' pins met so far, so a pin added
    midway applies from its line on, as before.
    """

    foods: FoodLookup
    pins: dict[str, str] = field(default_factory=dict)  # phrase key → food id
    new_pins: dict[str, str] = field(default_factory=dict)
    candidates_shown: int = 3
    cache: bool = True
    _resolved: dict[tuple[object, ...], tuple[LogItem, ...]] = field(
        default_factory=dict, init=False, repr=False
    )
    _pins_seen: int = field(default=0, init=False, repr=False)  # pins met; a new one: afresh

    def resolve(self, line: FoodLine | LineProblem) -> list[LogItem]:
        if isinstance(line, LineProblem):
            return [
                LogItem(line.line_number, line.text, line.day, "not_understood", reason=line.reason)
            ]
        if not self.cache or line.pin is not None:
            return self._resolve(line)
        key = (line.text, line.food, line.quantity, line.unit, line.food_id, self._pins_seen)
        cached = self._resolved.get(key)
        if cached is None:
            if len(self._resolved) >= _CACHE_SIZE:
                self._resolved.clear()
            cached = self._resolved[key] = tuple(self._resolve(line))
        return [_moved(item, line.line_number, line.day) for item in cached]

    def _resolve(self, line: FoodLine) -> list[LogItem]:
        if line.pin is not None:
            return [self._pinned(line)]
        if line.food_id is not None:
            return [self._by_id(line, line.food_id, pinned=False)]
        key = phrase_key(line.food)
        if key in self.pins:
            return [self._by_id(line, self.pins[key], pinned=True)]
        halves = _split_pair(line.food)
        if halves is not None:
            split = self._try_pair(line, *halves)
            if split is not None:
                return split
        return [self._search(line, line.food)]

    def _pinned(self, line: FoodLine) -> LogItem:
        assert line.pin is not None
        item = self._by_id(line, line.pin, pinned=True)
        if item.status == "matched":
            self.pins[phrase_key(line.food)] = line.pin
            self.new_pins[phrase_key(line.food)] = line.pin
            self._pins_seen += 1
        return item

    def _by_id(self, line: FoodLine, food_id: str, *, pinned: bool) -> LogItem:
        try:
            food = self.foods.get(food_id).food
        except (FoodNotFound, OverflowError, ValueError):  # ids too long for the database
            return LogItem(
                line.line_number,
                line.text,
                line.day,
                "not_understood",
                reason=f"no food with id {food_id!r} in the food database; "
                "find one with `sleepmin foods search`",
            )
        return self._with_grams(line, food, pinned=pinned)

    def _search(self, line: FoodLine, phrase: str, *, accompaniment: bool = False) -> LogItem:
        # How it was cut is for choosing the measure ("1 cup, chopped"), not the food.
        phrase = " ".join(_CUTS.sub(" ", phrase).split()) or phrase
        hits = self._hits(phrase)
        # USDA rarely names how food was cut or cooked the way people do: "grilled salmon" is
        # "cooked, dry heat", "diced mushrooms" just mushrooms. Try those readings in turn.
        for reworded in _rewordings(phrase):
            if not hits or not hits[0].missing:
                break
            retry = self._hits(reworded)
            if retry and not retry[0].missing:
                hits = retry
        if not hits:
            return LogItem(
                line.line_number,
                line.text,
                line.day,
                "not_understood",
                reason=f"no USDA food matches {phrase!r}; check the spelling or use a simpler name",
            )
        best = self._best_for_amount(hits, line)
        if best.missing:
            return LogItem(
                line.line_number,
                line.text,
                line.day,
                "ambiguous",
                candidates=tuple(
                    Candidate(self._food(h), h.score) for h in hits[: self.candidates_shown]
                ),
                reason=f"no USDA food matches every word of {phrase!r}; pick one with "
                "'@ ID' or reword",
            )
        others = tuple(Candidate(self._food(h), h.score) for h in hits[:3] if h is not best)
        return self._with_grams(
            line, self._food(best), accompaniment=accompaniment, candidates=others[:2]
        )

    def _best_for_amount(self, hits: list[SearchHit], line: FoodLine) -> SearchHit:
        """The best-ranked food whose own measures can express the amount written.

        "6 medium oysters" means whole oysters: if the top hit (canned) has no "medium" measure
        and another hit matching every word has one, that one is meant.
        """
        first = hits[0]
        if first.missing or (line.unit is None and line.quantity is None):
            return first
        for hit in hits:
            if hit.missing:
                break
            try:
                grams_for(self._food(hit), line.quantity, line.unit)
            except PortionProblem:
                continue
            return hit
        return first

    def _hits(self, phrase: str) -> list[SearchHit]:
        try:
            return self.foods.search_hits(phrase, max(self.candidates_shown, _SEARCH_DEPTH))
        except InvalidQuery:
            return []

    def _food(self, hit: SearchHit) -> Food:
        return self.foods.get_by_row_id(hit.doc_id).food

    def _with_grams(
        self,
        line: FoodLine,
        food: Food,
        *,
        pinned: bool = False,
        accompaniment: bool = False,
        candidates: tuple[Candidate, ...] = (),
    ) -> LogItem:
        line_words = frozenset(words(line.text))
        try:
            grams = grams_for(
                food, line.quantity, line.unit, line_words, accompaniment=accompaniment
            )
        except PortionProblem as problem:
            return LogItem(
                line.line_number,
                line.text,
                line.day,
                "not_understood",
                food=food,
                reason=str(problem),
                pinned=pinned,
            )
        return LogItem(
            line.line_number,
            line.text,
            line.day,
            "matched",
            food=food,
            grams=grams.grams,
            basis=grams.basis,
            pinned=pinned,
            candidates=candidates,
        )

    def _try_pair(self, line: FoodLine, first: str, second: str) -> list[LogItem] | None:
        """ "coffee with milk" → coffee, and a little milk — unless a food is named so."""
        if not (names_a_food(first) and names_a_food(second)):
            return None  # "coffee with x": one half names no food
        whole = self._hits(line.food)
        if whole and not whole[0].missing and _names(self._food(whole[0]), line.food):
            return None  # "macaroni and cheese" is a food of its own
        main_hits, side_hits = self._hits(first), self._hits(second)
        if not (main_hits and side_hits) or main_hits[0].missing or side_hits[0].missing:
            return None
        main_line = FoodLine(line.line_number, line.text, line.day, first, line.quantity, line.unit)
        side_line = FoodLine(line.line_number, line.text, line.day, second)
        return [self._search(main_line, first), self._search(side_line, second, accompaniment=True)]


_SEARCH_DEPTH = 10  # hits looked at for one that can express the amount
_CACHE_SIZE = 50_000  # distinct lines remembered; cleared when full, so memory stays bounded

_COOKING = re.compile(
    r"\b(?:grilled|barbecued|bbq|broiled|baked|pan[- ]fried|sauteed|sautéed|seared|steamed|"
    r"poached|stewed|braised)\b",
    re.I,
)


_CUTS = re.compile(
    r"\b(?:chopped|sliced|diced|minced|cubed|shredded|grated|mashed|halved|quartered|crushed|"
    r"julienned|spiralized|fresh|homemade|organic|plain|large|small|medium|big|little|serving|"
    r"portion|bowl|plate|side|piece|pieces)\b",
    re.I,
)


def _rewordings(phrase: str) -> list[str]:
    cooked = _COOKING.sub("cooked", phrase)
    uncut = " ".join(_CUTS.sub(" ", cooked).split())
    return [p for p in dict.fromkeys([cooked, uncut]) if p and p != phrase]


_PAIR = re.compile(r"^(?P<a>.+?)\s+(?:with|and|&|\+)\s+(?P<b>.+)$", re.I)


def _split_pair(phrase: str) -> tuple[str, str] | None:
    match = _PAIR.match(phrase)
    if not match:
        return None
    return match.group("a").strip(), match.group("b").strip()


def _names(food: Food, phrase: str) -> bool:
    """Whether the description starts with the phrase itself ("Macaroni and cheese, ...")."""
    wanted = " ".join(re.findall(r"[a-z0-9]+", fold(phrase)))
    have = " ".join(re.findall(r"[a-z0-9]+", fold(food.description)))
    return have.startswith(wanted)


def phrase_key(phrase: str) -> str:
    """How pins recognise the same food phrase: folded words, in order."""
    return " ".join(words(phrase))


def _moved(item: LogItem, line_number: int, day: int | None) -> LogItem:
    """A cached result for another line with the same text."""
    if item.line_number == line_number and item.day == day:
        return item
    return LogItem(
        line_number,
        item.line,
        day,
        item.status,
        item.food,
        item.grams,
        item.basis,
        item.candidates,
        item.reason,
        item.pinned,
        item.header,
    )


def resolve_all(matcher: Matcher, lines: list[FoodLine | LineProblem]) -> list[LogItem]:
    items: list[LogItem] = []
    for line in lines:
        items.extend(matcher.resolve(line))
    return items


def pins_from_mapping(raw: Mapping[str, str]) -> dict[str, str]:
    return {phrase_key(k): str(v) for k, v in raw.items() if phrase_key(k)}
