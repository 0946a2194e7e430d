"""Food lines → USDA foods and grams: matched, ambiguous (candidates shown) or not understood.

Takes the food database through a small protocol, so any store with ``search`` and ``get`` works.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal, Protocol, TypedDict

from sleepmin.errors import FoodNotFound, InvalidQuery
from sleepmin.foods.database import StoredFood
from sleepmin.foods.model import Food
from sleepmin.foods.search import (
    SearchDocument,
    SearchHit,
    absent_reading,
    default_reading,
    everyday_names,
    fold,
    query_words,
    respelled,
    singular,
    stand_in_reading,
    with_usda_words,
    words,
)
from sleepmin.intake.amounts import AmountProblem, leading_amount
from sleepmin.intake.cooking import METHODS_AS_COOKED
from sleepmin.intake.food_names import names_a_food
from sleepmin.intake.lines import FoodLine, LineProblem, is_diary_note
from sleepmin.intake.meaning import meaning
from sleepmin.intake.phrases import (
    BEANS_ARE_BAKED,
    BOUGHT_DRY,
    BREAD_DISH,
    BREAD_KINDS,
    BREAD_WORDS,
    BREADS,
    COLOURS,
    CUP_OF_A_DRINK,
    CUTS,
    JARRED,
    KEPT_LONGEST,
    KIND_HEADS,
    MEALS,
    PACKED_IN,
    PARTS,
    SKIN_OFF,
    SKIN_QUALIFIER,
    UNIT_FORMS,
    VAGUE_ALONE,
    VAGUE_DISHES,
    VAGUE_EXAMPLES,
    VAGUE_ONLY_ALONE,
    another_word,
    describes,
    kept_rank,
    split_pair,
)
from sleepmin.intake.portions import (
    MAX_GRAMS_PER_LINE,
    Grams,
    PortionProblem,
    grams_for,
    names_one_item,
)
from sleepmin.intake.units import GRAMS_PER_UNIT, HOUSEHOLD_WORDS, ML_PER_UNIT

ItemStatus = Literal["matched", "ambiguous", "not_understood", "not_food"]
"""How a line of a food log was read."""


class _How(TypedDict):
    """How a line's amount and wording shape which food it means (see ``meaning``)."""

    by_mass: bool
    as_drink: bool
    as_eaten: bool
    as_ingredient: bool
    unit_form: str


class FoodLookup(Protocol):
    def search_hits(
        self, query: str, limit: int = 10, *, whole_words: bool = False
    ) -> list[SearchHit]: ...

    def document(self, row_id: int) -> SearchDocument: ...

    def knows(self, word: str) -> bool: ...

    def get_by_row_id(self, row_id: int) -> StoredFood: ...

    def get(self, food_id: str | int) -> StoredFood: ...


@dataclass(frozen=True, slots=True)
class Ranked:
    """A search hit re-scored for what a log line most likely means (intake/meaning.py)."""

    hit: SearchHit
    description: str
    score: float
    reasons: tuple[str, ...]
    missing: int  # words of the line not in the food, plus one if it is not what is named
    strong: bool = False  # in a form that is another food (meaning.Meaning.strong)
    guessed: int = 0  # words of the line matched only as misspellings or word starts


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
    status: ItemStatus
    food: Food | None = None
    grams: float | None = None
    basis: str | None = None
    candidates: tuple[Candidate, ...] = ()  # ambiguous: the choices; matched: close others
    reason: str | None = None
    pinned: bool = False
    header: bool = False  # a note on a day header (e.g. a future date), not a food
    confidence: float | None = None  # matched: how sure the food is the one meant, 0-1
    comment: str = ""  # what the line said that is not the food or its amount


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
    _known_words: dict[str, bool] = field(default_factory=dict, init=False, repr=False)
    # a phrase ranked once in a context is ranked the same again (readings, repeated lines)
    _ranked_cache: dict[tuple[object, ...], list[Ranked]] = field(
        default_factory=dict, init=False, repr=False
    )

    def resolve(self, line: FoodLine | LineProblem) -> list[LogItem]:
        if isinstance(line, LineProblem):
            status: ItemStatus = "not_food" if line.not_food else "not_understood"
            return [LogItem(line.line_number, line.text, line.day, status, reason=line.reason)]
        if not self.cache or line.pin is not None:
            return self._resolve(line)
        key = (
            line.text,
            line.food,
            line.quantity,
            line.unit,
            line.food_id,
            line.tentative,
            self._pins_seen,
        )
        cached = self._resolved.get(key)
        if cached is None:
            if len(self._resolved) >= _CACHE_SIZE:
                self._resolved.clear()
                self._known_words.clear()
                self._ranked_cache.clear()
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
        if (made := BREAD_DISH.match(self._respelled(line.food))) is not None:
            split = self._bread_dish(line, made)
            if split is not None:
                return split
        # split as USDA words it: "corn on the cob" and "spag bol" (spaghetti with meat sauce)
        # are one food each
        usda = with_usda_words(line.food)
        halves = split_pair(line.food)
        if halves is not None and usda != line.food:
            # but never at a joiner only the USDA wording has ("low-sodium soy sauce": "soy
            # sauce made from soy and wheat")
            halves = split_pair(usda)
        if halves is not None:
            split = self._try_pair(line, *halves)
            if split is not None:
                return split
        item = self._search(line, line.food)
        if line.tentative and (item.status != "matched" or (item.confidence or 0) < TENTATIVE_MIN):
            return []  # "…, finely sliced at an angle": a comment after all
        return [item]

    def _unsplit(self, line: FoodLine) -> list[LogItem]:
        """One half of a pair: a dish of bread and filling ("bacon sarnie"), or one food."""
        if (made := BREAD_DISH.match(self._respelled(line.food))) is not None:
            split = self._bread_dish(line, made)
            if split is not None:
                return split
        return [self._search(line, line.food)]

    def _bread_dish(self, line: FoodLine, made: re.Match[str]) -> list[LogItem] | None:
        """ "turkey sandwich on rye", "bacon sarnie", "falafel wrap", "vegemite toast": the
        filling and the bread, each a food — unless USDA lists the dish itself ("french toast",
        "sandwich spread")."""
        filling, dish, on = made.group("filling"), made.group("dish").lower(), made.group("on")
        if set(words(filling)) <= BREAD_KINDS:
            return None  # "brown toast", "whole wheat toast": a kind of bread
        known_dish = self.foods.knows(singular(dish))  # "sarnie" is no USDA word to match
        whole = self._ranked(self._respelled(line.food), as_eaten=True) if known_dish else []
        dish_named = whole and singular(dish) in words(whole[0].description.split(",")[0])
        branded = bool(whole) and any("brand" in r for r in whole[0].reasons)
        if whole and not whole[0].missing and dish_named and not branded:
            return None  # "french toast", "sandwich spread": one food (not a branded one)
        if not names_a_food(filling):
            return None
        bread, slices = BREADS.get(singular(dish), BREADS["sandwich"])  # "sandwhich"
        if on:  # "on rye", "on a bagel", "on sourdough"
            try:
                count, measure, kind, _, _, _ = leading_amount(on)
            except AmountProblem:
                count, measure, kind = None, None, on
            bread = (kind or measure or on) if count is not None else on  # "a bagel": bagel
            if not any(w in words(bread) for w in BREAD_WORDS):
                bread = f"{bread} bread"  # "on rye": rye bread, in slices
            elif not {"bread", "toast"} & set(words(bread)):
                slices = 0  # "on a bagel": one bagel
        dishes = line.quantity if line.quantity is not None and line.unit is None else 1.0
        bread_unit = "slice" if slices else ("large" if bread == "flour tortilla" else None)
        bread_line = replace(
            line, food=bread, quantity=dishes * (slices or 1), unit=bread_unit, comment=""
        )
        if " ".join(words(filling)) == "turkey":
            filling = "sliced turkey breast"  # a turkey sandwich is made with deli turkey
        filling_line = replace(line, food=filling, quantity=None, unit=None)
        return [self._search(filling_line, filling), self._search(bread_line, bread)]

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
                "find one by searching the foods",
            )
        return self._with_grams(line, food, pinned=pinned)

    def _search(self, line: FoodLine, phrase: str, *, accompaniment: bool = False) -> LogItem:
        phrase = self._respelled(phrase)  # "porrige" is porridge
        said = frozenset(query_words(phrase))  # "fresh" is said, though not searched for
        if line.unit == "can":
            said |= {"canned"}  # "1 can black beans" are canned beans
        packed = PACKED_IN.search(line.comment)
        if packed and _TINNED_FISH.search(phrase) and not PACKED_IN.search(phrase):
            phrase = f"{phrase} {packed.group(0)}"  # "tuna, 1 tin in spring water"
            said |= frozenset(query_words(phrase))
        if PACKED_IN.search(phrase):
            said |= {"canned"}  # "sardines in oil", "tuna in brine": canned
        if JARRED.search(line.text) and "canned" not in words(phrase):
            # "roasted red peppers from a jar": USDA files jarred vegetables as canned
            phrase = "canned " + JARRED.sub(" ", phrase).strip()
            said |= {"canned"}
        if BOUGHT_DRY.search(line.text):
            said |= {"uncooked"}  # "1 cup quinoa, rinsed": weighed dry, before cooking
        # a state the comment gives is said too: "1 cucumber, peeled" may be a peeled one
        said |= {w for w in words(line.comment) if w.endswith("ed")}
        if SKIN_OFF.search(line.text):
            said |= {"skinless"}  # "chicken thigh, skin removed" is the meat without its skin
        # "150g salmon" is weighed as a recipe weighs; "salmon 150g" is a diary's portion
        weighed = line.unit in GRAMS_PER_UNIT and not line.amount_after
        recipe_comment = bool(line.comment) and not is_diary_note(line.comment)
        how: _How = {
            "by_mass": weighed,
            # a cup of cocoa or Ovaltine in a diary is the drink, not a cup of the powder
            "as_drink": line.unit in ("glass", "mug", "bottle", "can", "pint", "uk pint", "shot")
            or (line.unit == "cup" and bool(CUP_OF_A_DRINK.search(line.text))),
            # no weight first and no recipe comment: food as eaten, not a recipe's ingredient
            "as_eaten": not weighed and not recipe_comment,
            "as_ingredient": weighed or recipe_comment,
            "unit_form": UNIT_FORMS.get(line.unit or "", ""),
        }
        named = phrase  # as written: "fresh chervil" stands in, "chervil" does not
        # How it was cut is for choosing the measure ("1 cup, chopped"), not the food.
        # But a food may be named by it ("shredded wheat", "mashed potatoes").
        if not any(CUTS.search(name) for name in everyday_names(phrase)) and not (
            self._named_by_cut(phrase, said, how)
        ):
            phrase = " ".join(CUTS.sub(" ", phrase).split()) or phrase
        # "frozen berries", "fresh mixed berries": a kind, whatever describes it
        kind = " ".join(words(phrase))
        if not everyday_names(phrase):  # "black pudding" is a food of its own
            kind = " ".join(w for w in words(phrase) if not describes(w)) or kind
        if " ".join(words(phrase)) == "bean" and BEANS_ARE_BAKED.search(line.text):
            phrase = "baked beans"  # "jacket spud w beans", "full english - … beans": UK
        elif kind in VAGUE_ALONE or " ".join(words(phrase)) in VAGUE_ONLY_ALONE:
            kind = kind if kind in VAGUE_ALONE else " ".join(words(phrase))
            example = VAGUE_EXAMPLES.get(kind, "'grilled chicken', 'vegetable soup'")
            return LogItem(
                line.line_number,
                line.text,
                line.day,
                "ambiguous",
                reason=f"{phrase!r} names a kind of food, not one food; say which (e.g. "
                f"{example}) or pin one with '@ ID'",
                comment=line.comment,
            )
        absent_name = phrase if absent_reading(phrase) is not None else named
        if (absent := absent_reading(absent_name)) is not None:
            # "chin chin", "agua fresca": USDA has none, and its name alone finds a wrong food
            return self._ambiguous(
                line,
                self._ranked(absent[0], **how),
                f"USDA has no {absent_name!r} ({absent[1]}); pick the closest with '@ ID' or give "
                "its parts",
            )
        if kind in ("chili", "chilli") and line.unit in ("cup", "bowl"):
            phrase = "canned chili with beans"  # "a bowl of chili", "1.5 cups chili": the dish
        default = default_reading(phrase)
        if default is not None:  # "cheese" alone is cheddar, saying so; a pin picks another
            phrase = default[0]
            said |= frozenset(query_words(phrase))
        first = self._ranked(phrase, said, **how)
        dropped: tuple[str, ...] = ()
        chosen, reworded, chosen_reading = first, False, phrase
        if first and not first[0].missing and first[0].reasons:
            # the only foods with every word are in an unusual form ("1 pound fresh leaf
            # spinach": frozen leaf spinach); a reading without a part or a preparation word
            # may find the usual one
            # a brand's product is the only food with every word ("roast potatoes": a
            # Campbell's soup): the food cooked as USDA says it is more likely meant
            branded = any(r.startswith("a brand the line") for r in first[0].reasons)
            for reading, without, changed in self._readings(phrase, levels=(0,)):
                if changed and not branded:
                    continue  # "baked beans" are not beans "cooked" another way
                ranked = self._ranked(reading, said, **how)
                if ranked and not ranked[0].missing and not ranked[0].reasons:
                    chosen, dropped, reworded = ranked, without, changed
                    chosen_reading = reading
                    break
        if not first or first[0].missing:
            # USDA rarely names how food was cut or cooked the way people do ("grilled salmon"
            # is "cooked, dry heat"), and has no word for many that only describe ("baby"
            # spinach, "red" onion). Try readings without those, never without a food's name.
            readings = self._readings(phrase)
            if line.alternative:  # "Jarlsberg or Gruyere cheese": the other, as written
                readings.insert(0, (line.alternative, (), False))
            for reading, without, changed in readings:
                ranked = self._ranked(reading, said, **how)
                if ranked and not ranked[0].missing:
                    chosen, dropped, reworded = ranked, without, changed
                    chosen_reading = reading
                    break
        stand_ins: tuple[str, ...] = ()
        stand_in = stand_in_reading(phrase) or stand_in_reading(named)
        flawed = not chosen or chosen[0].missing or chosen[0].reasons
        found_as_written = chosen_reading == phrase and not dropped
        if stand_in and found_as_written and chosen:
            # "hake" found "Shake": not the food the line names
            flawed = flawed or not set(words(named)) <= set(words(chosen[0].description))
        # "fresh chervil", "golden syrup": the reading that found a food had to leave out a
        # word of the phrase the stand-in stands for
        if stand_in and (flawed or dropped):
            # a food USDA lacks ("sea bream fillets"): its stand-in, read the same ways
            for reading, without, changed in [
                (stand_in[0], (), False),
                *self._readings(stand_in[0]),
            ]:
                ranked = self._ranked(reading, said, **how)
                if ranked and not ranked[0].missing:
                    chosen, dropped, reworded = ranked, without, changed
                    stand_ins = stand_in[1]
                    break
        if (
            chosen
            and not stand_ins
            and not chosen[0].missing
            and len(chosen[0].reasons) == 1
            and chosen[0].reasons[0].endswith("although the line says fresh")
            and self._food(chosen[0].hit).food_group == "Spices and Herbs"
        ):
            # "1 tsp fresh marjoram": USDA has only the dried herb; it stands in, by the measure
            # written, and the line says so
            chosen = [replace(chosen[0], reasons=(), strong=False), *chosen[1:]]
            stand_ins = (f"USDA has no fresh {kind}; the dried herb stands in",)
        if not chosen:
            return LogItem(
                line.line_number,
                line.text,
                line.day,
                "not_understood",
                reason=f"no USDA food matches {phrase!r}; check the spelling or use a simpler name",
                comment=line.comment,
            )
        unknown_kind = next((w for w in dropped if self._unknown(w)), None)
        if unknown_kind and not stand_ins and _only_a_kind(chosen_reading):
            usual = default_reading(chosen_reading)
            if usual is not None and default is None:
                # "wensleydale cheese": USDA has no wensleydale; the usual cheese stands in
                said_usual = frozenset(query_words(usual[0]))
                ranked = self._ranked(usual[0], said | said_usual, **how)
                if ranked and not ranked[0].missing:
                    chosen, default = ranked, usual
                    stand_ins = (f"USDA has no {phrase!r}",)
            if usual is None or not stand_ins:
                # "jollof rice", "nanaimo bar": a word USDA does not know says which rice or
                # bar; plain rice or any bar would be a guess
                return self._ambiguous(
                    line,
                    chosen,
                    f"USDA has no food named {phrase!r} (it does not know {unknown_kind!r}); "
                    "pick the closest with '@ ID' or reword",
                )
        if chosen[0].missing:
            return self._ambiguous(
                line,
                chosen,
                f"no USDA food matches every word of {phrase!r}; pick one with '@ ID' or reword",
            )
        said_colours = {w for w in dropped if w in _COLOURS}
        other_colours = set(words(chosen[0].description)) & _COLOURS - said_colours
        if (
            said_colours
            and other_colours
            and not stand_ins
            and not self._has_colour(chosen_reading, said_colours)
        ):
            # "red bean soup" found only a black bean soup: another food, not a guess to give
            return self._ambiguous(
                line,
                chosen,
                f"USDA has no {sorted(said_colours)[0]} kind of {phrase!r}, only "
                f"{sorted(other_colours)[0]}; pick one with '@ ID' or reword",
            )
        best = self._best_for_amount(chosen, line)
        # the same food from another maker ("RALSTON Corn Flakes") is no rival to the best
        others = [r for r in chosen if r is not best and not _same_food(r, best)]
        confidence = _confidence(best, others, dropped=len(dropped), reworded=reworded)
        if default is not None:
            confidence = round(max(0.05, confidence - DEFAULT_DOUBT), 2)
            line = replace(
                line, comment="; ".join([default[1], line.comment][: 1 + bool(line.comment)])
            )
        if stand_ins:  # "sea bream": USDA has none; scup is the closest, and the line says so
            confidence = round(max(0.05, confidence - STAND_IN_DOUBT), 2)
            line = replace(
                line, comment="; ".join([*stand_ins, line.comment][: 1 + bool(line.comment)])
            )
        if confidence < MIN_CONFIDENCE:
            return self._ambiguous(
                line,
                chosen,
                f"several USDA foods fit {phrase!r} about as well; pick one with '@ ID' or add "
                "a word",
            )
        return self._with_grams(
            line,
            self._food(best.hit),
            accompaniment=accompaniment,
            candidates=tuple(Candidate(self._food(r.hit), r.score) for r in others[:3]),
            confidence=confidence,
            similar=[r for r in others[:_SEARCH_DEPTH] if not r.missing],
        )

    def _side(self, main: LogItem, side_line: FoodLine, name: str) -> LogItem:
        """What comes with a food: a little of it ("coffee with milk"), but the milk poured on a
        bowl of cereal is half a cup, as cereal labels count it."""
        cereal = main.food is not None and main.food.food_group == "Breakfast Cereals"
        if cereal and self._is_milk(name):
            poured = replace(
                side_line,
                food=name,
                quantity=0.5,
                unit="cup",
                modifier="assumed: 1/2 cup of milk on a bowl of cereal, as cereal labels count it",
            )
            return self._search(poured, name)
        main_is_drink = main.food is not None and main.food.description.startswith(_DRINKS)
        if not main_is_drink and self._is_drink(name):
            # "pandesal x3 with coffee", "burger with a coke": the drink was drunk, a cupful
            return self._search(replace(side_line, food=name), name)
        hot_drink = main.food is not None and main.food.description.startswith(
            ("Beverages, coffee", "Beverages, tea")
        )
        if hot_drink and [w for w in words(name) if not w.isdigit()] == ["cream"]:
            name = "light coffee cream"  # cream in coffee or tea is light (coffee) cream
        return self._search(replace(side_line, food=name), name, accompaniment=True)

    def _side_or_own(self, main: LogItem, side_line: FoodLine, name: str) -> tuple[LogItem, bool]:
        """A side ("toast with butter"), or a food with its own amount ("… and a coffee": one
        cup of coffee, not a splash); and whether it goes with each of the main food's items
        (butter on each slice, milk in each mug — not one coffee with three crumpets)."""
        count, count_unit, rest, each = _own_amount(name)
        if count is not None and rest and names_a_food(rest):
            own = replace(side_line, food=rest, quantity=count, unit=count_unit)
            item = self._search(own, rest)
            # "2 slices toast w 1 tsp butter each": the butter is on each slice
            return (item, True) if each else (item, False)
        side = self._side(main, side_line, name)
        main_is_drink = main.food is not None and main.food.description.startswith(_DRINKS)
        drink = side.food is not None and side.food.description.startswith(_DRINKS)
        return side, main_is_drink or not drink

    def _is_drink(self, name: str) -> bool:
        """Whether a side names a drink (coffee, tea, a soft drink, beer, wine)."""
        ranked = self._ranked(name, as_drink=True)
        return bool(ranked) and not ranked[0].missing and ranked[0].description.startswith(_DRINKS)

    def _is_milk(self, name: str) -> bool:
        """Whether a side names a milk: "milk", "oat milk", or one by its kind alone ("semi
        skimmed", "skim")."""
        usual = default_reading(name)
        if "milk" in words(usual[0] if usual else name):
            return True
        ranked = self._ranked(name)
        return (
            bool(ranked)
            and not ranked[0].missing
            and "milk" in words(ranked[0].description.split(",")[0])
        )

    def _ambiguous(self, line: FoodLine, ranked: list[Ranked], reason: str) -> LogItem:
        return LogItem(
            line.line_number,
            line.text,
            line.day,
            "ambiguous",
            candidates=tuple(
                Candidate(self._food(r.hit), r.score) for r in ranked[: self.candidates_shown]
            ),
            reason=reason,
            comment=line.comment,
        )

    def _respelled(self, phrase: str) -> str:
        """A phrase with each word that USDA does not know and that is one slip from an everyday
        word of the words table ("porrige", "choclate") spelt as that word."""
        out = []
        for token in phrase.split():
            plain = fold(token).strip(".,;:!?")
            unknown = plain.isalpha() and not self.foods.knows(singular(plain))
            out.append((respelled(plain) if unknown else None) or token)
        return " ".join(out)

    def _named_by_cut(self, phrase: str, said: frozenset[str], how: _How) -> bool:
        """Whether the foods that fit a phrase best name its cut word ("Potatoes, mashed"), so
        that the word names the food rather than how it was cut."""
        cut_words = set(query_words(" ".join(CUTS.findall(phrase))))
        if not cut_words:
            return False
        ranked = self._ranked(phrase, said, **how)
        if not ranked or ranked[0].missing or ranked[0].reasons:
            return False
        return cut_words <= set(query_words(ranked[0].description))

    def _has_colour(self, phrase: str, colours: set[str]) -> bool:
        """Whether USDA has the phrase's food in a colour it says ("red peppers": yes; "red
        bean soup": no, only black bean soup)."""
        for colour in colours:
            ranked = self._ranked(f"{colour} {phrase}")
            if ranked and not ranked[0].missing and colour in words(ranked[0].description):
                return True
        return False

    def _readings(
        self, phrase: str, levels: tuple[int, ...] = (1, 2, 3)
    ) -> list[tuple[str, tuple[str, ...], bool]]:
        """Other readings of a food phrase, in order, each with the words it leaves out and
        whether a word was changed: cooking words as USDA says them, then without words for a
        part ("cloves"), then without words that only describe or that USDA does not know.
        A word that names another food ("oat" in "oat milk") is never left out."""
        cooked = METHODS_AS_COOKED.sub("cooked", phrase)
        out: list[tuple[str, tuple[str, ...], bool]] = []
        if cooked != phrase:
            out.append((cooked, (), True))
        elif (named_cooked := _NAMED_METHODS.sub("cooked", phrase)) != phrase:
            # "roasted red peppers": USDA names roasting for meat, not for a pepper; cooked red
            # peppers before peppers of any colour
            out.append((named_cooked, (), True))
        terms = query_words(cooked)
        if len(terms) < 2:
            return out
        head = terms[-1]
        parts = tuple(t for t in terms[:-1] if PARTS.fullmatch(t))
        if parts:
            out.append((" ".join(t for t in terms if t not in parts), parts, cooked != phrase))
        head_is_part = bool(PARTS.fullmatch(head))
        core = [t for t in terms[:-1] if not self._droppable(t, 3)] + [head] if head_is_part else []
        if head_is_part and len(core) >= 2 and self._named_with_part(core):
            # the part is in a food's name: "Turkish bay leaf" is "Spices, bay leaf", never
            # "bay" scallops
            if core != terms:
                gone = tuple(t for t in terms if t not in core)
                out.append((" ".join(core), gone, cooked != phrase))
        elif head_is_part:  # "garlic cloves": the food is garlic
            rest = list(terms[:-1])
            out.append((" ".join(rest), (head,), cooked != phrase))
            terms, head = rest, rest[-1]
        dropped: tuple[str, ...] = ()
        for level in levels:
            # one word at a time, farthest from the head noun first ("light brown sugar" is
            # brown sugar before it is sugar), and a colour or a state (dried, smoked) last
            # (a state outlasts a colour: "dried red chillies" are dried chillies)
            for term in sorted(terms[:-1], key=kept_rank):
                if term not in dropped and self._droppable(term, level):
                    dropped += (term,)
                    kept = [t for t in terms if t not in dropped]
                    if kept == [head] and head in VAGUE_DISHES:
                        continue  # "shepherd's pie" is no pie at all; "pie" would be a guess
                    if all(t.isdigit() for t in kept):
                        continue  # "upma 1 plate": a number alone names no food (never 1% milk)
                    out.append((" ".join(kept), dropped, cooked != phrase))
        return out

    def _named_with_part(self, core: list[str]) -> bool:
        """Whether the best food for these words, a part word among them, has them all in its
        name (its first two segments): "Spices, bay leaf", "Fennel, bulb"."""
        ranked = self._ranked(" ".join(core))
        if not ranked or ranked[0].missing:
            return False
        name = words(",".join(ranked[0].description.split(",")[:2]))
        return all(w in name for w in core)  # not "Spices, coriander leaf" for parsley leaves

    def _droppable(self, word: str, level: int) -> bool:
        """Level 1: words USDA does not know and words for a part; 2: also words that say how
        it was prepared ("blanched", "freshly"); 3: also other words that describe (a colour,
        a size, a place, "baby"). Level 0, tried only to escape an unusual form ("1 yellow
        onion": the only yellow onions are sautéed): parts, unknown words and colours."""
        if bool(PARTS.fullmatch(word)) or self._unknown(word):
            return True
        if level == 0:  # the reading that escapes an unusual form: parts, unknowns, colours,
            return word in COLOURS or word in MEALS  # and a meal ("breakfast sausage")
        if level >= 2 and len(word) > 4 and word.endswith(("ed", "ly")):
            return word not in KEPT_LONGEST or level >= 3
        return level >= 3 and describes(word)

    def _unknown(self, word: str) -> bool:
        """A word USDA has never heard of, not even misspelt ("frisée" is; "zzspinach" is
        spinach misspelt, so it may name another food)."""
        known = self._known_words.get(word)
        if known is None:  # asked for each word at each level of each reading: once is enough
            known = self._known_words[word] = self.foods.knows(word) or bool(self._hits(word))
        return not known

    def _ranked(
        self,
        phrase: str,
        said: frozenset[str] = frozenset(),
        *,
        by_mass: bool = True,
        as_drink: bool = False,
        as_eaten: bool = False,
        as_ingredient: bool = False,
        unit_form: str = "",
    ) -> list[Ranked]:
        key = (phrase, said, by_mass, as_drink, as_eaten, as_ingredient, unit_form)
        cached = self._ranked_cache.get(key)
        if cached is None:
            if len(self._ranked_cache) >= _RANKED_CACHE_SIZE:
                self._ranked_cache.clear()  # memory stays bounded on a long log
            cached = self._ranked_cache[key] = self._rank(
                phrase,
                said,
                by_mass=by_mass,
                as_drink=as_drink,
                as_eaten=as_eaten,
                as_ingredient=as_ingredient,
                unit_form=unit_form,
            )
        return list(cached)

    def _rank(
        self,
        phrase: str,
        said: frozenset[str],
        *,
        by_mass: bool,
        as_drink: bool,
        as_eaten: bool,
        as_ingredient: bool,
        unit_form: str,
    ) -> list[Ranked]:
        try:
            hits = self.foods.search_hits(
                phrase, max(self.candidates_shown, _SEARCH_DEPTH), whole_words=True
            )
        except InvalidQuery:
            return []
        ordered_terms = query_words(phrase)
        terms = frozenset(ordered_terms)
        content = [t for t in ordered_terms if t not in NUTRIENT_WORDS] or ordered_terms
        head = content[-1] if content else ""  # "orange juice with calcium" is juice
        if (packed := re.match(r"(.+?)\s+(?:in|for)\s+\S", phrase)) and (
            before := query_words(packed[1])
        ):
            head = before[-1]  # "sardines in oil", "beef chuck for stew": the food before them
        heads = {head}
        if head in FORM_HEADS and len(ordered_terms) > 1:
            heads.add(ordered_terms[-2])  # "cocoa powder" is cocoa, as a powder
        ranked = []
        for hit in hits:
            document = self.foods.document(hit.doc_id)
            description = document.description
            matched = frozenset(hit.matched)
            # the head noun as the vocabulary has it ("soymilk" for "soy milk")
            line_heads = frozenset(heads) if head in matched or not matched else frozenset()
            sense = meaning(
                description,
                terms | matched | said,
                line_heads,
                document.food_group,
                by_mass=by_mass,
                as_drink=as_drink,
                as_eaten=as_eaten,
                as_ingredient=as_ingredient,
                unit_form=unit_form,
            )
            # the head noun matched only as a word that starts differently ("scone" as "cone",
            # "hoops" as "loops"): another word, not a slip of the keyboard
            guesses = [w for w in matched if w not in terms]
            # "quavers" as QUAKER, "dodo" as SCOOBY-DOO: a guess at a brand is no food named
            brand_guess = bool(guesses) and all(w in _brand_words(description) for w in guesses)
            head_misread = brand_guess or (
                head not in matched
                and head not in hit.unmatched
                and not any(head in w for w in matched)
                and bool(guesses)
                and all(another_word(head, w) for w in guesses)
            )
            ranked.append(
                Ranked(
                    hit,
                    description,
                    round(hit.score + sense.adjustment, 4),
                    sense.reasons
                    + (
                        (f"the line's {head!r} matched only as another word",)
                        if head_misread
                        else ()
                    ),
                    hit.missing + (0 if sense.named else 1),
                    sense.strong or head_misread,
                    sum(
                        1
                        for t in terms - matched - set(hit.unmatched)
                        if not any(t in word for word in matched)  # "soy" in "soymilk"
                    ),
                )
            )
        # another food altogether ("Bacon, meatless") comes after every food that is the one named
        ranked.sort(
            key=lambda r: (
                r.missing,
                r.strong,
                -r.score,
                bool(r.reasons),
                len(r.description),
                r.hit.doc_id,
            )
        )
        return ranked

    def _best_for_amount(self, ranked: list[Ranked], line: FoodLine) -> Ranked:
        """The best-ranked food whose own measures can express the amount written, among
        those nearly as likely as the best.

        "6 medium oysters" means whole oysters: if the top hit (canned) has no "medium" measure
        and another hit matching every word has one, that one is meant.
        """
        first = ranked[0]
        if first.missing or (line.unit is None and line.quantity is None):
            return first
        for candidate in ranked:
            if candidate.missing or candidate.score < first.score - _AMOUNT_MARGIN:
                break
            if candidate.reasons and not first.reasons:
                continue  # "1 cup figs" are fresh figs by volume, not dried figs
            food = self._food(candidate.hit)
            if food.food_group != self._food(first.hit).food_group:
                continue  # "3 large roasted red peppers": never black pepper, which has a count
            try:
                grams_for(food, line.quantity, line.unit)
            except PortionProblem:
                continue
            return candidate
        return first

    def _hits(self, phrase: str) -> list[SearchHit]:
        try:
            return self.foods.search_hits(
                phrase, max(self.candidates_shown, _SEARCH_DEPTH), whole_words=True
            )
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
        confidence: float = 1.0,
        similar: list[Ranked] | None = None,
    ) -> LogItem:
        # What was done after measuring ("1 cup nuts, chopped", "5 fl oz cream, whipped")
        # does not choose the measure; "1 cup chopped nuts" does.
        line_words = frozenset(words(line.text)) - (
            frozenset(words(line.comment)) - frozenset(words(line.food))
        )
        if "slivered" in line_words:
            line_words |= {"sliced"}  # "slivered red onion" is measured sliced
        try:
            named = query_words(line.food)
            grams = grams_for(
                food,
                line.quantity,
                line.unit,
                line_words,
                accompaniment=accompaniment,
                # "apple" is one apple; "grapes" a serving of them
                one_item=names_one_item(line.food),
                count_of=_counted_part(named, food),
            )
        except PortionProblem as problem:
            # a count of a part ("2 rings pineapple") is never borrowed as whole items
            part = _counted_part(query_words(line.food), food)
            borrowed = (
                None
                if line.unit is None and part
                else self._by_similar_food(line, food, similar or [], line_words)
            )
            if borrowed is None:
                return LogItem(
                    line.line_number,
                    line.text,
                    line.day,
                    "not_understood",
                    food=food,
                    reason=str(problem),
                    pinned=pinned,
                    comment=line.comment,
                )
            grams = borrowed
        basis = f"{grams.basis}; {line.modifier}" if line.modifier else grams.basis
        return LogItem(
            line.line_number,
            line.text,
            line.day,
            "matched",
            food=food,
            grams=grams.grams,
            basis=basis,
            pinned=pinned,
            candidates=candidates,
            confidence=confidence,
            comment=line.comment,
        )

    def _by_similar_food(
        self, line: FoodLine, food: Food, similar: list[Ranked], line_words: frozenset[str]
    ) -> Grams | None:
        """A volume for a food USDA weighs only by mass ("1 cup Greek yogurt"): the density of
        the closest food of the same kind (the same first words) that has a volume measure; a
        count of a food USDA measures only by the cup ("1 eggplant", eaten cooked): the weight
        of one of the same kind ("Eggplant, raw": 1 eggplant)."""
        counted = line.unit is None and line.quantity is not None
        if line.unit not in ML_PER_UNIT and line.unit not in ("glass", "mug") and not counted:
            return None
        segments = [p.strip() for p in food.description.split(",")]
        kind = segments[0].lower()
        nearby = list(similar)
        # the form the line gives ("grated"), in a food of the same kind that says it
        forms = sorted(w for w in line_words - set(words(food.description)) if w.endswith("ed"))
        queries = [f"{segments[0]} {' '.join(forms)}"] if forms else []
        for query in (*queries, " ".join(segments[:2]), segments[0]):
            nearby += self._ranked(query)[:_STAND_IN_DEPTH]
        found: list[tuple[int, Food, Grams]] = []
        for other in nearby:
            if other.description == food.description or any(
                f.description == other.description for _, f, _ in found
            ):
                continue
            if other.description.split(",")[0].strip().lower() != kind:
                continue
            if counted and "raw" not in words(other.description):
                continue  # one whole item is weighed raw ("Eggplant, raw": 1 eggplant)
            stand_in = self._food(other.hit)
            try:
                grams = grams_for(stand_in, line.quantity, line.unit, line_words)
            except PortionProblem:
                continue
            # "¼ cup grated pecorino": the density of a grated cheese, not of a block
            found.append(
                (len(line_words & frozenset(words(stand_in.description))), stand_in, grams)
            )
        if not found:
            return None
        _, stand_in, grams = max(found, key=lambda f: f[0])  # the nearest first on ties
        if counted:
            return Grams(
                grams.grams,
                f"USDA has no whole-item measure for this food; by the weight of one of "
                f'"{stand_in.description}": {grams.basis}',
            )
        return Grams(
            grams.grams,
            f"USDA gives no volume measure for this food; by the density of "
            f'"{stand_in.description}": {grams.basis}',
        )

    def _try_pair(
        self, line: FoodLine, first: str, joiner: str, second: str
    ) -> list[LogItem] | None:
        """ "coffee with milk" → coffee, and a little milk; "rice and beans" → both, each a
        usual portion — unless a food is named so ("macaroni and cheese")."""
        if not (names_a_food(first) and names_a_food(second)):
            return None  # "coffee with x": one half names no food
        whole_stand_in = stand_in_reading(line.food)
        if (whole_stand_in and not split_pair(whole_stand_in[0])) or absent_reading(line.food):
            return None  # "ben & jerry's", "fish and chips"-like names the words table holds whole
        if joiner.lower() in ("and", "&") and _NAMED_DISH.search(second):
            return None  # "steak and kidney pie", "leek and potato soup": one dish
        if SKIN_QUALIFIER.fullmatch(second.strip()):
            # "1 apple with skin", "potato with skin on": which form, not another food
            return [self._search(replace(line, food=first), first)]
        if set(words(second)) <= _PLANT_PARTS:
            # "cilantro stems and leaves": parts of one herb, never lettuce leaves
            return [self._search(replace(line, food=first), first)]
        if any(all(describes(w) for w in words(half)) for half in (first, second)):
            return None  # "rinsed and chopped pumpkin flowers": one half only describes
        if set(query_words(second)) <= NUTRIENT_WORDS:
            return None  # "orange juice with calcium" is a fortified juice
        whole = self._hits(line.food)
        usda = with_usda_words(line.food)
        if usda != line.food and (as_usda := self._hits(usda)) and not as_usda[0].missing:
            whole = as_usda
        if whole and not whole[0].missing and _names(self._food(whole[0]), usda):
            return None  # "macaroni and cheese" is a food of its own

        main_hits, side_hits = self._hits(first), self._hits(second)
        main_found = bool(main_hits) and not main_hits[0].missing
        # "snag sandwich with onions": a sandwich is a dish of bread and filling, found as such
        main_found = main_found or BREAD_DISH.match(self._respelled(first)) is not None
        side_found = bool(side_hits) and not side_hits[0].missing
        if not (main_found or side_found):
            return None
        # "2 crumpets with butter": when one half is a food USDA lacks, both are still said —
        # the other half is not read as the whole line, and the lack is not dropped silently
        if not (main_found and side_found) and whole and not whole[0].missing:
            return None  # the whole phrase names one food after all

        side_is_extra = joiner.lower() in ("with", "w/", "+")
        second_amount: tuple[float | None, str | None] = (None, None)
        # "tuna salad on a croissant": one croissant
        count, count_unit, rest, each_item = _own_amount(second)
        if count is not None and rest and names_a_food(rest):
            if each_item and line.quantity and (line.unit is None or line.unit in _EACH_UNITS):
                count *= line.quantity  # "2 slices toast w 1 tsp butter each": on each slice
            second, second_amount = rest, (count, count_unit)
        elif count is not None and not rest and count_unit in HOUSEHOLD_WORDS:
            second, second_amount = count_unit, (count, None)  # "with a bun": one bun
        main_line = replace(line, food=first, comment="")
        side_line = replace(
            line,
            food=second,
            quantity=None if side_is_extra else line.quantity,
            unit=None if side_is_extra else line.unit,
            modifier="",
        )
        if not side_is_extra:  # "2 boiled eggs and toast": the amount is the first food's
            side_line = replace(side_line, quantity=None, unit=None)
        plural_base = bool(re.search(r"s\b", second.split()[-1])) if second.split() else False
        if (
            joiner.lower() == "on"
            and line.quantity
            and line.unit is None
            and second_amount[0] is None
            and plural_base
            and not side_is_extra
        ):
            side_line = replace(side_line, quantity=line.quantity)  # "2 brats on buns": a bun each
        if joiner.lower() == "on" and line.unit in ("slice", "piece"):
            # "beans on toast, 2 slices": the slices are the toast's
            side_line = replace(side_line, quantity=line.quantity, unit=line.unit)
            main_line = replace(main_line, quantity=None, unit=None)
        if second_amount[0] is not None:
            side_line = replace(side_line, quantity=second_amount[0], unit=second_amount[1])
            side_is_extra = False  # its own amount: read as a food of its own
        if side_is_extra:
            sides = split_pair(second)
            names = [sides[0], sides[2]] if sides and sides[1].lower() != "with" else [second]
            mains = self._unsplit(main_line)  # "bacon sarnie with ketchup": two foods already
            if not mains:
                return None
            main = mains[0]
            if main.food is not None and f"with {second}".lower() in main.food.description.lower():
                return mains  # "split pea soup w ham": USDA's "Soup, pea, split with ham"
            read = [self._side_or_own(main, side_line, name) for name in names]
            return [*mains, *(_each_with(side, line) if each else side for side, each in read)]
        # "jacket potato with beans and cheese": the second half may be two foods again
        return [*self._unsplit(main_line), *self._resolve(side_line)]


_COLOURS = frozenset("red green yellow white black brown pink purple orange golden".split())
# Fish sold in tins, whose packing ("in oil", "in spring water") a comment may give.
_TINNED_FISH = re.compile(
    r"\b(?:tuna|sardines?|mackerel|salmon|anchov(?:y|ies)|pilchards?|herring|kippers?)\b", re.I
)
# Cooking words USDA uses for some foods and not others: tried as "cooked" when a phrase
# with one finds no food ("roasted red peppers").
_NAMED_METHODS = re.compile(r"\b(?:roast|roasted|fried|boiled|toasted)\b", re.I)
_SEARCH_DEPTH = 20  # hits re-ranked for what the line means, and looked at for its amount
# Last words that name a form of the food before them: "cocoa powder", "tomato paste".
FORM_HEADS = frozenset(
    {"powder", "paste", "flake", "puree", "concentrate", "extract", "seed", "root"}
)
NUTRIENT_WORDS = frozenset(
    """calcium iron zinc magnesium potassium copper vitamin vitamins protein fiber fibre omega
    probiotic probiotics added extra a b c d e k b12""".split()
)
_STAND_IN_DEPTH = 10  # foods of the same kind looked at for a density
_AMOUNT_MARGIN = 0.25  # how much less likely a food may be and still win by its measures
TENTATIVE_MIN = 0.6  # a part that may be a comment is a food only when matched this surely
_CACHE_SIZE = 50_000  # distinct lines remembered; cleared when full, so memory stays bounded
_RANKED_CACHE_SIZE = 20_000  # phrases ranked in a context, remembered the same way


def _counted_part(named: list[str], food: Food) -> str:
    """The part a count counts, when the line names one the food's description does not: "2
    rings pineapple" counts rings, "3 garlic cloves" cloves; "2 fennel bulbs" counts USDA's
    "Fennel, bulb" as whole items."""
    own = set(words(food.description))
    return next((w for w in named if PARTS.fullmatch(w) and w not in own), "")


def _confidence(best: Ranked, others: list[Ranked], *, dropped: int, reworded: bool) -> float:
    """How sure the match is, 0-1 (docs/food-log.md, "Confidence"): high when every word of the
    line is in the food, the food is what the line names, in its usual form, and the next food
    is clearly less likely; lower for each doubt."""
    confidence = 0.95
    confidence -= UNMATCHED_WORD_DOUBT * dropped
    if reworded:
        confidence -= REWORDED_DOUBT
    confidence -= FORM_DOUBT * len(best.reasons)  # each doubt: unusual form, not named, brand
    if best.strong:
        confidence -= STRONG_DOUBT
    confidence -= GUESSED_WORD_DOUBT * best.guessed
    runner_up = next((r for r in others if r.missing <= best.missing), None)
    if runner_up is not None:
        confidence -= max(0.0, CLEAR_MARGIN - (best.score - runner_up.score))
    return round(min(0.99, max(0.05, confidence)), 2)


UNMATCHED_WORD_DOUBT = 0.1  # a describing word the food does not have ("baby" spinach)
REWORDED_DOUBT = 0.05  # "grilled" read as "cooked"
FORM_DOUBT = 0.2  # the food is in an unusual form, or not quite what the line names
STRONG_DOUBT = 0.55  # ... or another food altogether: below MIN_CONFIDENCE, so ambiguous
GUESSED_WORD_DOUBT = 0.45  # a word matched only as a misspelling ("mochi" as "mocha")
STAND_IN_DOUBT = 0.2  # read through a stand-in of data/food_words.csv
DEFAULT_DOUBT = 0.1  # a bare class word read as its usual kind ("cheese" as cheddar)
CLEAR_MARGIN = 0.2  # a food this much more likely than the next is a clear choice
MIN_CONFIDENCE = 0.25  # below it, the line is reported ambiguous with its candidates


_DRINKS = ("Beverages", "Alcoholic beverage")
# A dish named by what is in it: "steak and kidney pie", "chicken and mushroom casserole".
_NAMED_DISH = re.compile(
    r"\b(?:pie|pies|soup|stew|casserole|bake|pasty|quiche|lasagne|lasagna|risotto|curry|"
    r"hotpot|crumble|tart|burritos?|enchiladas?|quesadillas?|tacos?|tamales?)$",
    re.I,
)
# Units of a food counted one by one: what goes with it goes with each ("3 mugs of coffee
# with milk": milk in each mug).
_DIPS = ("Salad dressing", "Dip,", "Dip ", "Sauce, salsa", "Guacamole", "Hummus")
_EACH_UNITS = frozenset({"cup", "mug", "glass", "slice", "piece", "bowl", "can", "bottle"})


def _each_with(side: LogItem, line: FoodLine) -> LogItem:
    """A little of a side (the smallest measure: butter, milk, syrup), once for each of the
    main food's items; not a side dish (a usual portion of beans is for the meal), not milk
    poured on cereal (for the bowl), not what goes in an omelette of 3 eggs."""
    count = line.quantity
    counted = line.unit is None or line.unit in _EACH_UNITS
    little = (side.basis or "").startswith("a little") or side.line.rstrip().lower().endswith(
        ("each", " ea")
    )
    if side.grams is None or not count or count <= 1 or not counted or not little:
        return side
    if re.search(r"\bomelet", line.food, re.I):
        return side
    if side.food is not None and side.food.description.startswith(_DIPS):
        return side  # "dozen wings w ranch": one pot of dip for the plate, not one a wing
    if side.grams * count > MAX_GRAMS_PER_LINE:
        return replace(
            side,
            status="not_understood",
            grams=None,
            basis=None,
            reason=f"{side.grams * count / 1000:.4g} kg of it, with each of {count:g}, is more "
            f"than anyone eats at once (limit {MAX_GRAMS_PER_LINE / 1000:g} kg a line); check "
            "the amount",
        )
    return replace(
        side,
        grams=round(side.grams * count, 2),
        basis=f"{side.basis}; × {count:g}, with each",
    )


def _own_amount(text: str) -> tuple[float | None, str | None, str, bool]:
    """The amount a half of a pair gives itself, the food after it, and whether it is for each
    of the main food's items: "1 tsp butter each" → (1, "tsp", "butter", True)."""
    try:
        count, unit, rest, _, _, _ = leading_amount(text)
    except AmountProblem:
        count, unit, rest = None, None, text
    each = bool(_EACH.search(rest or ""))
    return count, unit, _EACH.sub("", rest or ""), each


_EACH = re.compile(r"\s+each$", re.I)


def _same_food(a: Ranked, b: Ranked) -> bool:
    """The same description, or the same but for the brand ("RALSTON Corn Flakes", "KELLOGG'S
    Corn Flakes")."""
    if a.description == b.description:
        return True
    if not (_has_brand(a.description) or _has_brand(b.description)):
        return False
    return _unbranded_words(a.description) == _unbranded_words(b.description)


@functools.lru_cache(maxsize=65536)
def _has_brand(description: str) -> bool:
    return _BRAND_WORD.search(description) is not None


@functools.lru_cache(maxsize=65536)
def _brand_words(description: str) -> frozenset[str]:
    return frozenset(words(" ".join(_BRAND_WORD.findall(description))))


@functools.lru_cache(maxsize=65536)
def _unbranded_words(description: str) -> tuple[str, ...]:
    return tuple(words(_BRAND_WORD.sub(" ", description)))


_BRAND_WORD = re.compile(r"\b[A-Z][A-Z'&]{2,}\b")


def _only_a_kind(reading: str) -> bool:
    """Whether a reading is one word that names a kind of food, of which USDA has many that
    differ ("rice", "cheese", "bar"): without the word that said which, any one is a guess."""
    terms = query_words(reading)
    return len(terms) == 1 and terms[0] in KIND_HEADS


_PLANT_PARTS = frozenset(
    "leaf leaves stem stems stalk stalks top tops frond fronds flower flowers root roots".split()
)


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
    return replace(item, line_number=line_number, day=day)


def resolve_all(matcher: Matcher, lines: list[FoodLine | LineProblem]) -> list[LogItem]:
    items: list[LogItem] = []
    for line in lines:
        items.extend(matcher.resolve(line))
    return _without_restated(items)


_ASSUMED_AMOUNT = ("typical portion", "no amount given", "a little")


def _without_restated(items: list[LogItem]) -> list[LogItem]:
    """A food named twice on one line, once with its amount ("cheese on toast, 30g cheddar",
    "toast with peanut butter, 2 tbsp pb"), is one food: the mention without an amount goes."""

    def key(item: LogItem) -> tuple[int, int | None, str]:
        return item.line_number, item.day, item.line

    def assumed(item: LogItem) -> bool:
        return (item.basis or "").startswith(_ASSUMED_AMOUNT)

    stated = {
        (*key(item), item.food.description)
        for item in items
        if item.status == "matched" and item.food is not None and not assumed(item)
    }
    return [
        item
        for item in items
        if not (
            item.status == "matched"
            and item.food is not None
            and assumed(item)
            and (*key(item), item.food.description) in stated
        )
    ]


def pins_from_mapping(raw: Mapping[str, str]) -> dict[str, str]:
    return {phrase_key(k): str(v) for k, v in raw.items() if phrase_key(k)}
