"""Food search a person typing would call good: typo-tolerant, word-order-free, generic first.

How a query is ranked (docs/search.md says the same in prose):

1. Text is folded to lower-case ASCII words, common plurals are singularised ("bananas" →
   "banana", "berries" → "berry"), and filler words ("with", "and", "of"...) are dropped.
2. Each query word is matched against the vocabulary of all descriptions and common names:
   an exact word scores 1.0; a word it begins (type-ahead, 3+ letters) 0.8; failing both, a word
   within 1 edit (2 for words of 8+ letters, transpositions counting 1) scores 0.75 or 0.55.
3. Where in the description the word sits matters: USDA descriptions go from the food to its
   qualifiers ("Chicken, broilers or fryers, breast, meat only, cooked, roasted"), so a match in
   the first comma-separated segment or a common name counts fully, later segments a little less.
4. Every query word must match (word order is free); only if no food matches them all do foods
   matching most of them appear, with a penalty per missing word.
5. A prior prefers the common generic food: foods eaten in the NHANES survey (SR28's FNDDS flag),
   the SR foods FNDDS 2019–2020 builds its survey foods from (FoodData Central supporting data)
   and foods with many household measures gain; a food whose name segment is exactly what was
   asked gains; unmatched words in the food's name and unmatched qualifier segments cost a little,
   except qualifiers of the everyday form ("raw", "fluid", "with added vitamin D"...); baby foods,
   fast and restaurant foods, and branded products cost more, unless the query names them.

Before matching, a few everyday phrases are mapped to USDA wording ("oatmeal" → "oats", "hot dog"
→ "frankfurter"), and words are joined or split where the vocabulary has them so ("soy milk" →
"soymilk", "peanutbutter" → "peanut butter").
"""

from __future__ import annotations

import bisect
import csv
import functools
import heapq
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from rapidfuzz import process
from rapidfuzz.distance import OSA

from sleepmin.errors import InvalidQuery

STOPWORDS = frozenset(
    """a an and as at by for from in into is it of on or the to with without w wo ns nfs""".split()
)
_WORD = re.compile(r"[a-z0-9]+")
_SPECIAL_GROUPS = {
    "Baby Foods": "babyfood baby infant",
    "Fast Foods": "fast",
    "Restaurant Foods": "restaurant",
    "American Indian/Alaska Native Foods": "alaska native indian navajo hopi",
    "Meals, Entrees, and Side Dishes": "meal entree dish",
}

# Qualifiers that describe a food's everyday form. An unmatched one costs nothing, so
# "Milk, whole, 3.25% milkfat, with added vitamin D" is as plain as "Milk, human, mature, fluid"
# is not.
NEUTRAL_WORDS = frozenset(
    """raw fresh fluid whole plain regular ripe year round average all type mixed specie
    variety added vitamin d c e salt unsalted drained solid meat only mature commercial
    commercially prepared enriched unenriched fortified unfortified not ready eat tap water
    brewed cooked boiled unprepared unheated uncooked broiler fryer milkfat fat skin
    flesh granulated white light""".split()
)

# Grains and dry legumes are eaten cooked: there "raw"/"dry" (the uncooked form) is a real
# qualifier, so "rice" and "black beans" find the cooked food, not the dry one.
COOKED_BY_DEFAULT_GROUPS = frozenset({"Cereal Grains and Pasta", "Legumes and Legume Products"})
DRY_FORM_WORDS = frozenset({"raw", "dry", "uncooked", "unprepared", "mature", "seed"})
# Legumes eaten as nuts, raw or roasted, not boiled like beans.
EATEN_LIKE_NUTS = ("Peanuts", "Soy nuts", "Soybeans, mature seeds, roasted")

# The everyday variety of staples: white rice, white bread, long-grain rice.
STAPLE_GROUPS = frozenset({"Cereal Grains and Pasta", "Baked Products"})
STAPLE_DEFAULT_WORDS = frozenset({"white", "long", "grain"})


def _load_synonyms() -> tuple[
    dict[str, str],
    dict[str, tuple[str, str]],
    dict[str, tuple[str, str]],
    dict[str, tuple[str, str]],
]:
    """Everyday and British words that USDA descriptions spell differently (phrase → USDA
    wording; an empty one drops the phrase): sleepmin/data/food_words.csv, each with its why.
    Rows of kind ``stand-in`` name a food USDA lacks by its closest one; they are kept apart
    (phrase → (USDA wording, why)): the search never uses them, and the food log only when
    the phrase as written finds nothing, saying so. Rows of kind ``default`` say which food a
    bare class word means in a food log ("cheese" → cheddar): only for the whole phrase, and
    never in the search, where "cheese" lists every cheese. Rows of kind ``absent`` name a food
    USDA lacks and that no food stands in for, whose name alone would find a wrong one ("chin
    chin" is no salmon): the food log says so, offering the closest foods."""
    text = resources.files("sleepmin.data").joinpath("food_words.csv").read_text("utf-8")
    synonyms: dict[str, str] = {}
    stand_ins: dict[str, tuple[str, str]] = {}
    defaults: dict[str, tuple[str, str]] = {}
    absent: dict[str, tuple[str, str]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        written = " ".join(fold(row["written"]).split())
        usda = " ".join(fold(row["usda"]).split())
        if row.get("kind") == "stand-in":
            stand_ins[written] = (usda, row["why"].removeprefix("stand-in: "))
        elif row.get("kind") == "default":
            defaults[written] = (usda, row["why"])
        elif row.get("kind") == "absent":
            absent[written] = (usda, row["why"])
        else:
            synonyms[written] = usda
    return synonyms, stand_ins, defaults, absent


# Weights; see the module docstring for what each means.
EXACT, PREFIX, FUZZY_1, FUZZY_2 = 1.0, 0.8, 0.75, 0.55
PREFIX_OF_WORD = 0.6  # prefix match when the query word is itself a known word
SEGMENT_WEIGHTS = (1.0, 0.97, 0.94, 0.91, 0.88, 0.85)
MISSING_WORD_PENALTY = 0.6
SURVEY_BONUS = 0.10
# FNDDS 2019–2020 builds every food that NHANES/WWEIA participants report from about 1,900 SR
# foods, its ingredients: "Grapes, red or green (European type...)" is one, "Grapes, american
# type (slip skin)" is not. Sharper than SR28's survey flag, which marks 3,404 of 8,790 foods.
# It says which foods FNDDS uses, not how often (chicken feet are an ingredient too), so it is
# small: the smallest that took search tuning top-1 from 83.2 % to 88.1 % (food-log labels
# unchanged); larger ones read "chicken" as chicken feet. Measurements: docs/data.md.
# Source: U.S. Department of Agriculture, Agricultural Research Service. FoodData Central,
# Supporting Data, release 2022-10-28; FNDDS 2019–2020 ingredients.
FNDDS_INGREDIENT_BONUS = 0.07
PER_MEASURE_BONUS, MAX_MEASURES = 0.03, 6
UNMATCHED_HEAD_WORD_COST = 0.08
UNMATCHED_SEGMENT_COST = 0.04
SPECIAL_GROUP_COST = 0.30
FULL_SEGMENT_BONUS = 0.10
HEAD_MISSED_COST = 0.10
MAX_NAMING_WORDS_COSTED = 5
BRANDED_COST = 0.15
MIN_PREFIX, MAX_CANDIDATE_WORDS = 3, 60
MIN_LOG_PREFIX = 4  # in a food log, a word this short is not the start of a longer one
MAX_QUERY_WORDS = 24
"""A food name is a few words; a query of more is refused rather than searched slowly."""
MAX_WORD_LENGTH = 40


@dataclass(frozen=True, slots=True)
class SearchDocument:
    doc_id: int
    description: str
    common_names: str = ""
    food_group: str = ""
    in_survey: bool = False
    branded: bool = False
    measures: int = 0
    fndds_ingredient: bool = False


@dataclass(frozen=True, slots=True)
class SearchHit:
    doc_id: int
    score: float
    matched: tuple[str, ...]  # the vocabulary words the query words matched
    missing: int = 0  # query words this food does not match (0: it matches them all)
    unmatched: tuple[str, ...] = ()  # those query words themselves


def fold(text: str) -> str:
    """Lower-case ASCII: "Entrée" → "entree"."""
    if text.isascii():
        return text.lower()  # most text: no accents to strip
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_IRREGULAR = {
    "leaves": "leaf",
    "loaves": "loaf",
    "halves": "half",
    "calves": "calf",
    # -ie nouns: "cookies" is "cookie", as USDA's measure "1 cookie" says, not "cooky"
    "cookies": "cookie",
    "brownies": "brownie",
    "smoothies": "smoothie",
    "veggies": "veggie",
    "calories": "calorie",
    "hoagies": "hoagie",
    "birdies": "birdie",
    # one spelling of the pepper, as USDA writes it both ways ("hot chile, sun-dried")
    "chile": "chili",
    "chiles": "chili",
    "chilies": "chili",
    "chilli": "chili",
    "chillies": "chili",
    "chillis": "chili",
}


@functools.lru_cache(maxsize=65536)  # called for every word of every description and query
def singular(word: str) -> str:
    """A light English singulariser, applied alike to foods and queries."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("oes", "ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    return list(_words(text))


@functools.lru_cache(maxsize=65536)  # descriptions and phrases are read again and again
def _words(text: str) -> tuple[str, ...]:
    return tuple(singular(w) for w in _WORD.findall(fold(text)) if w not in STOPWORDS)


SYNONYMS, STAND_INS, DEFAULTS, ABSENT = _load_synonyms()
# A plural is the word too ("cokes", "kippers"): the search reads words singular anyway
_SYNONYM_PATTERN = re.compile(
    r"\b("
    + "|".join(re.escape(k) for k in sorted(SYNONYMS, key=len, reverse=True))
    + r")(?:e?s)?\b"
)


def everyday_names(query: str) -> list[str]:
    """The phrases of the everyday-words table that a query holds ("shredded wheat")."""
    return _SYNONYM_PATTERN.findall(_plain_phrase(query))


def absent_reading(query: str) -> tuple[str, str] | None:
    """For a food USDA lacks by name ("chin chin", "agua fresca"), the words of its closest
    foods and what it is; None otherwise. Only a whole phrase, singular or plural."""
    plain = _plain_phrase(query)
    return ABSENT.get(plain) or ABSENT.get(re.sub(r"e?s$", "", plain))


def default_reading(query: str) -> tuple[str, str] | None:
    """The food a bare class word means in a food log, and why ("cheese" → cheddar), or
    None; only a whole phrase (singular or plural), never a word within one."""
    plain = _plain_phrase(query)
    return DEFAULTS.get(plain) or DEFAULTS.get(re.sub(r"e?s$", "", plain))


@functools.lru_cache(maxsize=65536)
def _plain_phrase(query: str) -> str:
    """Folded, with "semi-skimmed" as "semi skimmed" and "builder's" as "builders"."""
    return " ".join(re.sub(r"[-_]+", " ", re.sub(r"['’]", "", fold(query))).split())


_ABSENT_WORDS = frozenset(w for key in ABSENT for w in key.split())
_EVERYDAY_WORDS = sorted(
    {w for key in (*SYNONYMS, *STAND_INS, *DEFAULTS, *ABSENT) for w in key.split() if len(w) >= 5}
)


def respelled(word: str) -> str | None:
    """The everyday word of the words table a misspelt word most likely is ("porrige" →
    "porridge", "sandwhich" → "sandwich"); None when none is within one edit (two for words of
    eight letters or more). Only for words USDA does not know, which the search cannot mend."""
    if len(word) < 5 or word in _ABSENT_WORDS:
        return None  # "concha" is a sweet roll USDA lacks, not a slip for "conch"
    found = process.extractOne(
        word, _EVERYDAY_WORDS, scorer=OSA.distance, score_cutoff=2 if len(word) >= 8 else 1
    )
    return found[0] if found else None


@functools.lru_cache(maxsize=65536)  # the same phrases are mapped in every reading of a line
def with_usda_words(query: str) -> str:
    """A phrase with its everyday words mapped to USDA wording ("beans on toast" → "baked
    beans on toast"), still as text."""
    text = _plain_phrase(query)
    return _SYNONYM_PATTERN.sub(lambda m: SYNONYMS[m.group(1)], text)


_STAND_IN_PATTERN = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(STAND_INS, key=len, reverse=True)) + r")\b"
)


def stand_in_reading(query: str) -> tuple[str, tuple[str, ...]] | None:
    """The phrase with foods USDA lacks replaced by their stand-ins, and why each is one; None
    when it names none ("sea bream" → "scup": "USDA has no sea bream; …")."""
    text = _plain_phrase(query)
    whys = tuple(STAND_INS[m.group(1)][1] for m in _STAND_IN_PATTERN.finditer(text))
    if not whys:
        return None
    return _STAND_IN_PATTERN.sub(lambda m: STAND_INS[m.group(1)][0], text), whys


def query_words(query: str) -> list[str]:
    """The words of a query, after mapping everyday phrases to USDA wording."""
    return list(dict.fromkeys(words(with_usda_words(query))))


def _is_neutral(word: str) -> bool:
    return word in NEUTRAL_WORDS or word.isdigit()


class FoodSearch:
    """An in-memory index over food descriptions; build once, query many times."""

    def __init__(self, documents: Iterable[SearchDocument]) -> None:
        self._docs: dict[int, SearchDocument] = {}
        # word → {doc_id: segment index of its first occurrence (0 = head or common name)}
        self._postings: dict[str, dict[int, int]] = {}
        self._raw_segments: dict[int, tuple[tuple[str, ...], ...]] = {}
        self._segments: dict[int, tuple[frozenset[str], ...]] = {}  # filled on first use
        self._prior: dict[int, float] = {}
        self._group_words: dict[int, frozenset[str]] = {}
        for doc in documents:
            self._add(doc)
        self._vocabulary = sorted(self._postings)

    def __len__(self) -> int:
        return len(self._docs)

    def _add(self, doc: SearchDocument) -> None:
        doc_id = doc.doc_id
        self._docs[doc_id] = doc
        segments = [s for part in doc.description.split(",") if (s := _words(part))] or [()]
        postings = self._postings
        for index, segment in enumerate(segments):
            for word in segment:
                found = postings.get(word)
                if found is None:
                    postings[word] = {doc_id: index}
                elif doc_id not in found:
                    found[doc_id] = index
        for word in _words(doc.common_names):
            postings.setdefault(word, {})[doc_id] = 0
        # what each segment says about the food is worked out when a query first reaches it
        self._raw_segments[doc_id] = tuple(segments)
        prior = 0.0
        if doc.in_survey:
            prior += SURVEY_BONUS
        if doc.fndds_ingredient:
            prior += FNDDS_INGREDIENT_BONUS
        prior += PER_MEASURE_BONUS * min(doc.measures, MAX_MEASURES)
        if doc.branded:
            prior -= BRANDED_COST
        if doc.food_group in _SPECIAL_GROUPS:
            prior -= SPECIAL_GROUP_COST
            self._group_words[doc.doc_id] = frozenset(_SPECIAL_GROUPS[doc.food_group].split())
        self._prior[doc.doc_id] = prior

    # -- query ---------------------------------------------------------------------------

    def document(self, doc_id: int) -> SearchDocument:
        return self._docs[doc_id]

    def knows(self, word: str) -> bool:
        """Whether a (folded, singular) word is in some food's description or common name."""
        return word in self._postings

    def search(self, query: str, limit: int = 10, *, whole_words: bool = False) -> list[SearchHit]:
        """The best ``limit`` foods for a query. ``whole_words``: a query word that is a word of
        the vocabulary matches only itself, not longer words it begins ("salmon" is not
        "salmonberry") — for text a person wrote in full, such as a food log, not type-ahead."""
        shown = query if len(query) <= 60 else query[:57] + "..."
        terms = query_words(query)
        if len(terms) > MAX_QUERY_WORDS:
            raise InvalidQuery(
                shown,
                f"it has {len(terms)} words; a food name needs a few (at most {MAX_QUERY_WORDS})",
            )
        longest = max(terms, key=len, default="")
        if len(longest) > MAX_WORD_LENGTH:
            raise InvalidQuery(
                shown,
                f"it has a word of {len(longest):,} letters, which names no food; type a food name",
            )
        terms = self._rejoin(terms)
        if not terms:
            raise InvalidQuery(shown, "it has no letters or digits to search for; type a food name")
        if limit < 1:
            raise InvalidQuery(shown, f"limit must be 1 or more, got {limit}")
        per_term = [self._matches(term, whole_words=whole_words) for term in terms]
        scored = self._score_words(per_term)
        if not scored:
            return []
        n_terms = len(terms)
        best_coverage = max(sum(1 for w, _ in slots if w > 0) for slots in scored.values())
        # Cheap upper bounds first; the exact adjustment only for foods that can still make it.
        bounded = []
        for doc_id, slots in scored.items():
            matched = [word for w, word in slots if w > 0]
            if len(matched) < best_coverage:
                continue  # foods matching every word crowd out those that miss one
            text = sum(w for w, _ in slots) - MISSING_WORD_PENALTY * (n_terms - len(matched))
            bound = text + self._prior[doc_id] + FULL_SEGMENT_BONUS
            if doc_id in self._group_words:
                bound += SPECIAL_GROUP_COST
            bounded.append((bound, text, doc_id, matched))
        bounded.sort(key=lambda b: -b[0])
        term_set = frozenset(terms)
        hits: list[SearchHit] = []
        best_scores: list[float] = []  # min-heap of the `limit` best exact scores so far
        for bound, text, doc_id, matched in bounded:
            if len(best_scores) >= limit and bound < best_scores[0]:
                break  # no food left can reach the top `limit`
            score = round(text + self._adjust(doc_id, frozenset(matched), term_set), 4)
            unmatched = tuple(terms[t] for t, (w, _) in enumerate(scored[doc_id]) if w <= 0)
            hits.append(SearchHit(doc_id, score, tuple(matched), len(unmatched), unmatched))
            if len(best_scores) < limit:
                heapq.heappush(best_scores, score)
            else:
                heapq.heappushpop(best_scores, score)
        hits.sort(key=lambda h: (-h.score, len(self._docs[h.doc_id].description), h.doc_id))
        return hits[:limit]

    def _score_words(self, per_term: list[dict[str, float]]) -> dict[int, list[tuple[float, str]]]:
        """doc → for each query word, its best (weight, vocabulary word).

        When some foods match every word, only those are scored: the common words ("cooked",
        "salt") are then checked against the few candidates instead of walked in full.
        """
        n_terms = len(per_term)
        term_docs: list[set[int]] = []
        for matches in per_term:
            docs: set[int] = set()
            for word in matches:
                docs.update(self._postings[word])
            term_docs.append(docs)
        common = set.intersection(*term_docs) if term_docs else set()
        scored: dict[int, list[tuple[float, str]]] = {}
        last = len(SEGMENT_WEIGHTS) - 1
        for t, matches in enumerate(per_term):
            for word, quality in matches.items():
                postings = self._postings[word]
                if common:
                    pairs = (
                        [(d, postings[d]) for d in common if d in postings]
                        if len(common) < len(postings)
                        else [(d, seg) for d, seg in postings.items() if d in common]
                    )
                else:
                    pairs = list(postings.items())
                for doc_id, segment in pairs:
                    weight = quality * SEGMENT_WEIGHTS[min(segment, last)]
                    slots = scored.get(doc_id)
                    if slots is None:
                        slots = scored[doc_id] = [(0.0, "")] * n_terms
                    if weight > slots[t][0]:
                        slots[t] = (weight, word)
        return scored

    def _informative(self, doc_id: int) -> tuple[frozenset[str], ...]:
        """The words of each segment that say something about this food: not neutral ones
        ("raw" is said by most), not the head's words again, not a staple's default ("white"
        rice); a dry form of a food eaten cooked always counts ("dry" pasta)."""
        doc = self._docs[doc_id]
        segments = self._raw_segments[doc_id]
        eaten_cooked = (
            doc.food_group in COOKED_BY_DEFAULT_GROUPS
            and not doc.description.startswith(EATEN_LIKE_NUTS)
        )
        head = frozenset(segments[0])
        plain = STAPLE_DEFAULT_WORDS if doc.food_group in STAPLE_GROUPS else frozenset()
        kept = DRY_FORM_WORDS if eaten_cooked else frozenset()
        informative = []
        for index, segment in enumerate(segments):
            words_here = frozenset(segment)
            dropped = {w for w in words_here if w in NEUTRAL_WORDS or w.isdigit()} | plain
            if index > 0:
                dropped |= head
            informative.append(words_here - (dropped - kept))
        self._segments[doc_id] = found = tuple(informative)
        return found

    def _adjust(self, doc_id: int, matched: frozenset[str], terms: frozenset[str]) -> float:
        """The generic-food prior, plus the cost of what the food says that the query didn't."""
        adjust = self._prior[doc_id]
        group_words = self._group_words.get(doc_id)
        if group_words and (group_words & terms or group_words & matched):
            adjust += SPECIAL_GROUP_COST  # the person asked for baby food / fast food
        segments = self._segments.get(doc_id) or self._informative(doc_id)
        if segments[0] and not segments[0] & matched:
            adjust -= HEAD_MISSED_COST  # "Puddings, rice" is a pudding, not rice
        naming_unmatched = len(segments[0] - matched)
        other_unmatched = 0
        fully_matched = False
        for segment in segments[1:]:
            if segment & matched:
                naming_unmatched += len(segment - matched)
            elif segment:
                other_unmatched += 1
        for segment in segments:
            if segment and segment <= matched:
                fully_matched = True
                break
        adjust -= UNMATCHED_HEAD_WORD_COST * min(naming_unmatched, MAX_NAMING_WORDS_COSTED)
        adjust -= UNMATCHED_SEGMENT_COST * other_unmatched
        return adjust + (FULL_SEGMENT_BONUS if fully_matched else 0.0)

    def _joined_is_usual(self, first: str, second: str, joined: str) -> bool:
        """ "soymilk" is how USDA writes soy milk; "lemon grass" is how it writes lemongrass
        (brands write it joined): join only where the joined word is the more common among
        foods that are not brands."""
        apart = self._postings.get(first, {}).keys() & self._postings.get(second, {}).keys()
        return self._unbranded(self._postings[joined]) > self._unbranded(apart)

    def _unbranded(self, doc_ids: Iterable[int]) -> int:
        return sum(1 for d in doc_ids if not self._docs[d].branded)

    def _rejoin(self, terms: list[str]) -> list[str]:
        """ "soy milk" → "soymilk", "peanutbutter" → "peanut butter", as the vocabulary has it."""
        out: list[str] = []
        i = 0
        while i < len(terms):
            joined = terms[i] + terms[i + 1] if i + 1 < len(terms) else ""
            if joined in self._postings and self._joined_is_usual(terms[i], terms[i + 1], joined):
                out.append(joined)
                i += 2
                continue
            term = terms[i]
            if term not in self._postings and len(term) >= 8:
                for cut in range(3, len(term) - 2):
                    head, tail = term[:cut], singular(term[cut:])
                    if head in self._postings and tail in self._postings:
                        out.extend((head, tail))
                        break
                else:
                    out.append(term)
            else:
                out.append(term)
            i += 1
        return list(dict.fromkeys(out))

    def _matches(self, term: str, *, whole_words: bool = False) -> dict[str, float]:
        """Vocabulary words this query word may mean, with match quality."""
        found: dict[str, float] = {}
        if term in self._postings:
            found[term] = EXACT
            if whole_words:
                return found
        # In a food log a short unknown word is a word of its own ("pho"), not the start of a
        # longer one ("phosphate") as it may be while typing a search.
        if len(term) >= (MIN_LOG_PREFIX if whole_words else MIN_PREFIX):
            # A complete word ("water") reaches longer ones ("watermelon") only weakly.
            quality = PREFIX_OF_WORD if found else PREFIX
            start = bisect.bisect_left(self._vocabulary, term)
            for word in self._vocabulary[start : start + MAX_CANDIDATE_WORDS]:
                if not word.startswith(term):
                    break
                found.setdefault(word, quality)
        if found or len(term) < 4:
            return found
        max_edits = 2 if len(term) >= 8 else 1
        for word, distance, _ in process.extract(
            term, self._vocabulary, scorer=OSA.distance, score_cutoff=max_edits, limit=None
        ):
            found[word] = FUZZY_1 if distance <= 1 else FUZZY_2
        return found
