"""How people phrase a food-log line, rewritten into the form the line reader reads: times and
labels around the food, shorthand and chat words, counts written as multipliers, everyday and
regional phrasings ("g&t", "half & half", "2 sugars", "pb&j"), notes about where and when. Pure
text in, text out; the reader (lines.py) then finds amounts, foods and comments in it."""

from __future__ import annotations

import re
import unicodedata

from sleepmin.foods.search import singular
from sleepmin.intake.amounts import FRACTION_CHARS, NUMBER_WORDS, ONE_NUMBER
from sleepmin.intake.food_names import names_a_food
from sleepmin.intake.units import UNIT_WORDS

# Every unit word, longest first, for patterns that must not read "10.30 g" as a time.
ANY_UNIT = "|".join(re.escape(u) for u in sorted(UNIT_WORDS, key=len, reverse=True))


# A time of day before the food: "10am banana", "10 am: banana", "7:30 - banana", "10.00
# banana", "11 - handful almonds", "12 - 2 eggs" (not a range: it runs backwards).
_CLOCK = re.compile(
    r"^(?:(?P<h>\d{1,2})(?:[:.](?P<m>[0-5]\d))?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)\b"
    r"|(?P<h2>\d{1,2})[:](?P<m2>[0-5]\d)\b"
    rf"|(?P<h3>\d{{1,2}})\.(?P<m3>[0-5]\d)(?=\s+[^\d\s])(?!\s+(?:{ANY_UNIT})\b))"
    r"\s*[:\-–]?\s*",
    re.I,
)


_DASHED_HOUR = re.compile(r"^(?P<h>\d{1,2})\s+[-–]\s+(?=(?P<next>\d+)?)")


# "1 cup + 2 tbsp milk": one amount plus another, before any food ("banana + 1 tbsp peanut
# butter" is two foods)
_AMOUNT_PLUS = re.compile(
    rf"^(?P<amount>{ONE_NUMBER}\s*(?:{ANY_UNIT})\.?)\s*\+\s*(?=[\d{FRACTION_CHARS}])", re.I
)


# "pancakes x3 with maple syrup", "lamb chops x2, grilled": a count after the first food.
_COUNT_BEFORE_MORE = re.compile(
    r"^(?P<food>[^,\d]+?)\s+[x×]\s*(?P<n>\d+)\b(?P<rest>\s*(?:,|with\b|w/|&|and\b).*)$", re.I
)


# "toast x2 butter": a count, then what goes with it.
_COUNT_THEN_FOOD = re.compile(
    r"^(?P<food>[a-z][a-z ]*?)\s+[x×]\s*(?P<n>\d+)\s+(?P<rest>[a-z][a-z ]*)$", re.I
)


# A time of day after the food: "flat white 11am", "melatonin 3mg @ 10:30pm".
_TRAILING_CLOCK = re.compile(
    r"\s+(?:@|(?:at|about|around|by)\s+)?\s*\d{1,2}(?:[:.][0-5]\d)?\s*(?:am|pm|a\.m\.|p\.m\.)\s*$"
    r"|\s+(?:@|at)\s*\d{1,2}[:.][0-5]\d\s*$",
    re.I,
)


# A name before a dash, then a list of foods with amounts: "green smoothie - 1 banana, …".
_LIST_HEADING = re.compile(
    r"^[a-z][a-z' ]{1,30}\s+[-–]\s+(?=(?:\d|½|¼|¾|a\s|an\s|one\s|two\s|half\s))", re.I
)


_LISTED = re.compile(r",|\s(?:on|with|and|&|\+)\s", re.I)  # more than one food follows


# A meal named before a dash, then its foods: "turkey dinner - 4oz turkey, stuffing".
_MEAL_HEADING = re.compile(
    r"^(?:[a-z' ]{0,30}\s)?(?:dinner|lunch|breakfast|brunch|supper|tea|fry[- ]up|full english|"
    r"full irish|full scottish|roast)\s+[-–:]\s+(?=\S)",
    re.I,
)


# A label before the foods: "lunch: …", "smoothie: …" (a heading of its own ends the line).
_LABEL = re.compile(r"^[a-z][a-z' ]{1,24}:\s+", re.I)


def _clock_time_removed(text: str) -> str:
    if (match := _CLOCK.match(text)) and text[match.end() :].strip():
        hour = int(match.group("h") or match.group("h2") or match.group("h3"))
        if 1 <= hour <= 24:  # "0.25 avocado" is a quarter
            return text[match.end() :]
    if match := _DASHED_HOUR.match(text):
        hour, after = int(match.group("h")), text[match.end() :]
        following = match.group("next")
        # "11 - handful almonds": an hour; "12 - 2 eggs": an hour (a range never runs down)
        if hour <= 24 and (following is None or int(following) < hour):
            return after
    return text


# Foods whose pieces are cut from a whole (a chicken, a cake), not whole items.
_CUT_INTO_PIECES = re.compile(
    r"\b(?:chicken|beef|mutton|lamb|goat|pork|fish|meat|cake|pizza|bread|pie)\b", re.I
)


_SMALL_NUMBERS = {"one": "1", "two": "2", "three": "3", "four": "4"}


_CHAT = re.compile(r"(?:[\s,.!]+(?:lol|lmao|haha+|hehe|oops|ugh|omg|yum+|smh))+[\s.!]*$", re.I)


_SHORTHAND_LABEL = re.compile(
    r"^(?:snack|snak|bfast|brekkie|brekky|breakfast|lunch|dinner|supper)\s*[-–:]\s+", re.I
)


_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufe0e\ufe0f\u20e3]")


# A clinician's shorthand in dietary recall notes: "2 slc WW toast", "AM snk:", "1 pkt".
_SHORTHAND = (
    (re.compile(r"\bslcs?\b", re.I), "slices"),
    (re.compile(r"\bWW\b"), "whole wheat"),
    (re.compile(r"(?<=[a-z])\s+ea\.?$", re.I), " each"),  # "1 tsp butter ea"
    (re.compile(r"\bpkts?\b", re.I), "packet"),
    (re.compile(r"\bcont\.?(?=\s|,|$)", re.I), "container"),
    (re.compile(r"(?<=\d)\s*lg\b|\blg\b(?=\s)", re.I), " large"),
    (re.compile(r"\bmed\b(?=\s+[a-z])", re.I), "medium"),
    (re.compile(r"\bsm\b(?=\s+[a-z])", re.I), "small"),
    (re.compile(r"\s+ea\.?$", re.I), " each"),
    (re.compile(r"\bprep(?:ared|'d|d)?\s+w(?:ith|/)?\s+(?=water|milk)", re.I), "made with "),
    (re.compile(r"\b7\s*-?\s*up\b", re.I), "lemon-lime soda"),
)
# A meal code and clock time before the food: "L 1230:", "D 1830:", "B 0730 -", "AM snk:".
_MEAL_CODE = re.compile(
    r"^(?:(?:[BLDS]|AM|PM|HS|MS)\s*(?:snk|snack)?\s*(?:\d{3,4})?\s*[:\-–]\s*"
    r"|(?:AM|PM|HS)\s+(?:snk|snack)\b\s*:?\s*)",
    re.I,
)
# A day written after the food: "2 light beers Sat".
_TRAILING_DAY = re.compile(
    r",?\s+(?:mon|tues?|wed|thu|thurs?|fri|sat|sun)(?:day)?\.?"
    r"(?:\s+(?:night|morning|evening|arvo|afternoon|lunch|dinner))?(?=,|$)",
    re.I,
)


def normalise(text: str) -> str:
    """A line as the reader reads it: in four steps, in this order (each rewrite may rely on the
    ones before it)."""
    text = _cleaned(text)
    text = _joined(text)
    text = _dishes_and_drinks(text)
    text = _amounts_and_counts(text)
    return re.sub(r"\s+", " ", text).strip()


def _cleaned(text: str) -> str:
    """What is not the food: invisible marks, shorthand, chat, emoji, clock times, labels and
    headings ("lunch: …", "full irish - …")."""
    text = _INVISIBLE.sub("", text)  # zero-width and direction marks, emoji keycaps
    for pattern, written in _SHORTHAND:
        text = pattern.sub(written, text)
    text = _MEAL_CODE.sub("", text) or text
    text = _TRAILING_DAY.sub("", text) or text
    text = "".join(c for c in text if unicodedata.category(c) != "So")  # "coffee ☕", "😬"
    text = _CHAT.sub("", text).strip() or text  # "… lol", "… haha"
    text = re.sub(r",\s*(?:hot|cold|tired|busy)\s+as\s*$", "", text, flags=re.I)  # "…, hot as"
    text = _with_cacao_range(text)
    # "salad - lettuce, tomato, cucumber": the dish's name, then what was in it
    text = re.sub(
        r"^(salad|smoothie|soup|bowl|stir[- ]?fry|curry|snack plate)"
        r"\s+-\s+(?=\S)",
        r"\1: ",
        text,
        flags=re.I,
    )
    # "1 000 g rice": a space (or a thin one) between thousands
    text = re.sub(
        r"\b(\d{1,3})[ \u00a0\u202f\u2009](\d{3})(?=\s*(?:g|kg|ml|l|grams?)\b)", r"\1\2", text
    )
    text = _SHORTHAND_LABEL.sub("", text) or text  # "snak- grapes", "bfast - eggs"
    text = re.sub(r"^(?:abt|approx\.?|~)\s*(?=[\d½¼¾⅓⅔])", "", text, flags=re.I)  # "abt 1/2c"
    text = re.sub(r"(?<=[\d½¼¾⅓⅔])\s*c\b\.?(?!\s*[-/])", " cup", text, flags=re.I)  # "1/2c rice"
    text = text.strip().strip("\"'“”‘’`").lstrip("#")  # '"2 eggs"', "#2 eggs"
    text = re.sub(r"(?<=\d) ?/ ?(?=\d)", "/", text)  # "1/ 2 cup" is half a cup
    text = _clock_time_removed(text)  # "10am banana" is one banana, at ten
    text = _TRAILING_CLOCK.sub("", text) or text  # "chamomile tea 10.30pm", "… @ 10:30pm"
    if (
        (label := _LABEL.match(text))
        and text[label.end() :].strip()
        and not re.match(r"(?:supplements?|meds?|medications?|vitamins?)\s*:", text, re.I)
    ):
        text = text[label.end() :]  # "lunch: cheese toastie", "smoothie: 1 banana, …"
    if (listed := _LIST_HEADING.match(text)) and re.match(r"om[e]?l", text, re.I):
        # "Omlette - 2 eggs, ham & cheese": the eggs were made into the omelette
        text = text[: listed.end()] + re.sub(
            r"\beggs?\b", "egg omelet", text[listed.end() :], count=1, flags=re.I
        )
    if (listed := _LIST_HEADING.match(text)) and _LISTED.search(text[listed.end() :]):
        # "protein shake - 1 scoop whey, 1 banana, 300ml milk", "avocado toast - half an
        # avocado on a slice of sourdough": the foods after the name are what was eaten
        text = text[listed.end() :]
    if (meal := _MEAL_HEADING.match(text)) and text[meal.end() :].strip():
        text = text[meal.end() :]  # "turkey dinner - 4oz turkey, …", "full irish - 2 rashers, …"
    return text


def _joined(text: str) -> str:
    """How foods are joined and counted in a drink: "w/" and "n", milk in a coffee, sugars by the
    teaspoon, lean shares ("80/20"), "pb&j"."""
    text = re.sub(r"(?<=\S)\s+w/?\s+(?=\S)", " with ", text, flags=re.I)  # "bagel w pb"
    text = re.sub(r"(?<=[a-z])\s+n\s+(?=[a-z])", " and ", text, flags=re.I)  # "fish n chips"
    text = re.sub(r"\bb4\b", "before", text, flags=re.I)  # "warm milk b4 bed"
    # "soy milk in coffee", "oat milk in my tea": a splash of it, in the drink
    text = re.sub(
        r"^(?P<what>[a-z][a-z -]*?(?:milk|cream|creamer))\s+in\s+(?:my\s+|the\s+)?"
        r"(?:coffee|tea)s?$",
        r"splash of \g<what>",
        text,
        flags=re.I,
    )
    # "coffee, milk, 1 sugar": the milk is in the coffee
    text = re.sub(
        r"^(?P<drink>(?:[^,]*\s)?(?:coffee|tea))\s*,\s*(?P<milk>(?:[a-z -]*\s)?(?:milk|cream))"
        r"\b(?=\s*(?:,|$|no\s))",
        r"\g<drink> with \g<milk>",
        text,
        flags=re.I,
    )
    # "ground beef (80/20)": lean and fat shares, not a fraction
    text = re.sub(
        r"\b([5-9]\d)\s*/\s*([1-4]\d)\b",
        lambda m: f"{m.group(1)}% lean" if int(m.group(1)) + int(m.group(2)) == 100 else m.group(0),
        text,
    )
    text = re.sub(r"\bquarter[- ]pounders?\b", "quarterpounder", text, flags=re.I)  # a burger
    text = re.sub(r"\b(?:a\s+)?double\s+(?=(?:espresso|shot)\b)", "2 ", text, flags=re.I)
    # "pasta 75g dry weight": how the amount was weighed, a comment that picks the form
    text = re.sub(
        r"(\d\s*(?:g|kg|oz|lb|grams?|ounces?))\s+(dry|raw|uncooked|cooked)\s+weight\b",
        r"\1 (weighed \2)",
        text,
        flags=re.I,
    )
    # "tea, 2 sugars": sugar in a hot drink is counted by the teaspoon (a cube or lump is said)
    text = re.sub(
        r"\b(\d+|one|two|three|four)\s+sugars?\b(?!\s+(?:cubes?|lumps?|packets?|sachets?))",
        lambda m: f"{_SMALL_NUMBERS.get(m[1].lower(), m[1])} tsp sugar",
        text,
        flags=re.I,
    )
    return re.sub(  # "pb&j", "pbj": a peanut butter and jelly sandwich
        r"\bpb\s*(?:&|and|n)?\s*j\b(?:\s+sandwich\b)?",
        "peanut butter and jelly sandwich",
        text,
        flags=re.I,
    )


def _dishes_and_drinks(text: str) -> str:
    """Dishes, drinks and their containers as people name them: bites of the kids' food, a glass
    by its volume, eggs over easy, sandwiches by name, beer glasses, fries by size, chip-shop
    chips, tomato sauce, tins and their juice, bread rolls."""
    text = _coffee_as_made(text)
    # "few bites of kids mac n cheese": no measure is said; the food is the kids' food
    text = (
        re.sub(
            r"^(?:a\s+)?(?:few\s+|couple\s+(?:of\s+)?)?bites?\s+of\s+(?:my\s+|the\s+)?"
            r"(?:kids'?|kid's|child's|son's|daughter's)?\s*",
            "",
            text,
            flags=re.I,
        )
        or text
    )
    # "175ml glass of pinot grigio", "a 330ml bottle of lager": the volume says how much (a
    # can or tin is kept: it says the food is canned)
    text = re.sub(
        r"^(?:an?\s+)?(\d+(?:\.\d+)?\s*(?:ml|cl|l|litres?|liters?|fl\.? oz|oz|g))\s+"
        r"(?:glass|mug|cup|bottle|bowl|pint)\s+of\s+",
        r"\1 ",
        text,
        flags=re.I,
    )
    text = re.sub(  # "2 eggs over easy": fried eggs
        r"^(?P<n>[\d½]+\s+|an?\s+)?eggs?\s+over\s+(?:easy|medium|hard|well)\b",
        lambda m: f"{m['n'] or ''}fried eggs",
        text,
        flags=re.I,
    )
    # "2 sausages, 2 rashers": a rasher alone is one of bacon
    text = re.sub(
        r"\b(\d+|two|three|four)\s+rashers?(?=\s*(?:,|$|\band\b|&))",
        r"\1 rashers bacon",
        text,
        flags=re.I,
    )
    text = re.sub(r"\bg\s*(?:&|and|n)\s*t\b", "gin and tonic", text, flags=re.I)  # "g&t"
    text = re.sub(r"\bred[\s-]red\b", "red-red", text, flags=re.I)  # a Ghanaian bean stew
    # "half & half" is one food (a cream), never two halves
    text = re.sub(r"\bhalf\s*(?:&|and|n)\s*half\b", "cream half-half", text, flags=re.I)
    # "rice and peas" (Caribbean) is rice with kidney beans
    text = re.sub(r"\brice\s+(?:and|&|n)\s+peas\b", "rice and kidney beans", text, flags=re.I)
    # "a glass of squash" (UK): a diluted fruit cordial, not the vegetable
    text = re.sub(
        r"\b(glass|cup|bottle|jug|pint)\s+of\s+(?:[a-z]+\s+)?squash\b",
        r"\1 of fruit punch drink",
        text,
        flags=re.I,
    )
    # "idli 3 nos", "chicken 2 pcs", "3 nos idli": a count, as Indian English writes it
    text = re.sub(
        r"^(?P<food>[a-z][a-z' -]*?)\s+(?P<n>\d+)\s*(?:nos?)\.?$",
        r"\g<n> \g<food>",
        text,
        flags=re.I,
    )
    # "banana 2 pcs" are two bananas; "chicken 2 pcs" two pieces of a chicken (no measure)
    text = re.sub(
        r"^(?P<food>[a-z][a-z' -]*?)\s+(?P<n>\d+)\s*(?:pcs?|pieces?)\.?$",
        lambda m: f"{m['n']} {'pieces ' if _CUT_INTO_PIECES.search(m['food']) else ''}{m['food']}",
        text,
        flags=re.I,
    )
    text = re.sub(r"^(\d+)\s*nos?\.?\s+(?=[a-z])", r"\1 ", text, flags=re.I)
    text = re.sub(r"^(\d+)\s*pcs?\.?\s+(?=[a-z])", r"\1 pieces ", text, flags=re.I)
    # sandwiches by name: what is in them, on bread
    text = re.sub(r"\bgrilled cheese(?:\s+sandwich)?\b", "cheese sandwich", text, flags=re.I)
    text = re.sub(r"\bclub sandwich\b", "turkey and bacon sandwich", text, flags=re.I)
    text = re.sub(r"\bblts?\b", "bacon sandwich with lettuce and tomato", text, flags=re.I)
    # "roast chicken dinner", "pasta lunch": the meal says when, not what
    text = re.sub(
        r"(?<!\bwith)(?<!\bfor)(?<!\bat)(?<!\bafter)(?<!\bbefore)(?<!\bw)(?<=[a-z])\s+"
        r"(?:dinner|lunch|supper|brunch)$",
        "",
        text,
        flags=re.I,
    )
    text = re.sub(r"^(?:a\s+)?plate(?:ful)?\s+of\s+", "", text, flags=re.I)  # a plate: a serving
    # Australian beer glasses (CHOICE, "The great Aussie beer glass dilemma", 2011): a schooner
    # is 425 ml, a middy (NSW) or a pot of beer (Victoria, Queensland) 285 ml
    text = _AU_BEER_GLASS.sub(
        lambda m: f"{_count(m.group('n'))} x {_AU_GLASS_ML[_glass(m)]}ml ",
        text,
    )
    # "turkey sandwich on wheat w/ mayo": the sandwich on its bread; then what came with it
    text = re.sub(
        r"\b(sandwich(?:es)?|sarnies?|butty|toasties?|wraps?|bagels?|subs?)\s+on\s+"
        r"([a-z]+(?:\s+[a-z]+)?)\s+(?:with|w/?)\s+",
        r"\1 on \2 ; ",
        text,
        flags=re.I,
    )
    # "1 med order fries", "an order of fries": a serving of fries
    text = re.sub(
        r"\b(?:an?\s+|1\s+)?(?:(small|medium|large)\s+)?order\s+(?:of\s+)?(?=(?:french\s+)?fries\b)",
        lambda m: f"{m.group(1)} " if m.group(1) else "",
        text,
        flags=re.I,
    )
    # "large fries": one serving of that size (fries are counted by the serving)
    text = re.sub(
        r"(^|[+,;&]\s*|\b(?:and|with|w/?)\s+)(small|medium|large)\s+"
        r"(?=(?:french\s+)?fries\b|hot\s+chips\b)",
        r"\g<1>1 \2 ",
        text,
        flags=re.I,
    )
    # "ate 3 of the kids' chicken nuggets": three chicken nuggets
    text = re.sub(
        r"^(?:(?:ate|had)\s+)?(\d+)\s+of\s+(?:the|my|his|her|their)\s+(?:kids'?|kid's|son's|daughter's|"
        r"wife's|husband's|partner's)?\s*",
        r"\1 ",
        text,
        flags=re.I,
    )
    text = re.sub(r"\bdry\s+toast\b", "toast", text, flags=re.I)  # dry: without butter
    # "2 slices white", "a slice of brown": bread
    text = re.sub(
        r"\b(slices?\s+(?:of\s+)?(?:white|brown|wholemeal|wholewheat|whole wheat|granary|rye|"
        r"seeded|multigrain))\b(?!\s+(?:bread|toast|loaf))",
        r"\1 bread",
        text,
        flags=re.I,
    )
    text = re.sub(r"\bpin[- ]?boned\b", "boned", text, flags=re.I)  # fish with its bones out
    # "mackerel in brine": tinned in salted water; USDA names the tin, not the brine (its tuna
    # "in water" is the words table's)
    if not re.search(r"\btuna\b", text, re.I):
        text = re.sub(r"\bin\s+brine\b", "canned", text, flags=re.I)
    if re.search(r"\byog(?:h)?urts?\b", text, re.I) and not re.search(r"\bgreek\b", text, re.I):
        # USDA's plain, vanilla and fruit yogurts are "low fat"; its Greek ones "lowfat"
        text = re.sub(r"\blow-?fat\b", "low fat", text, flags=re.I)
    # where or when, not what: "8pc nuggets drive thru", "a pint of milk over the day"
    text = re.sub(
        r"\s+(?:(?:from|at|through)\s+(?:the\s+)?)?drive[- ]?(?:thru|through)\b",
        "",
        text,
        flags=re.I,
    )
    text = re.sub(r"\s+(?:over|during|throughout|across)\s+the\s+day\b", "", text, flags=re.I)
    # "chips from the chipper": a chip shop's chips are fries; "queso and chips": tortilla chips
    fish_and_chips = re.search(r"\bfish\s+(?:and|n|&|'n')\s+chips\b", text, re.I)
    if re.search(r"\b(?:chipper|chippy|chip shop)\b", text, re.I) and not fish_and_chips:
        text = re.sub(r"\bchips\b", "fries", text, count=1, flags=re.I)
    elif re.search(r"\b(?:salsa|queso|guac|guacamole|nachos?)\b", text, re.I):
        text = re.sub(r"(?<!tortilla )\bchips\b", "tortilla chips", text, count=1, flags=re.I)
    # "meat pie with tomato sauce", "2 snags in bread w tomato sauce": the condiment, ketchup
    # (Australia, New Zealand, Britain); with pasta it is the sauce
    if _CONDIMENT_FOR.search(text) and not _SAUCED_DISH.search(text):
        text = re.sub(r"\btomato sauce\b", "ketchup", text, flags=re.I)
    # "½ can of tinned prunes with juice": packed in it, the can's liquid, not lemon juice
    if re.search(r"\b(?:cans?|tins?|canned|tinned)\b", text, re.I):
        text = re.sub(
            r"\bwith\s+(?:its\s+|their\s+|the\s+)?(?:own\s+)?(juice|syrup|liquid)\b",
            lambda m: f"(in its {m.group(1).lower()})",
            text,
            flags=re.I,
        )
    # "2 veggie dogs in buns", "sausage in a roll": one on a bun each, as "on buns" is read
    text = re.sub(
        r"\s+in\s+(?=(?:a\s+|an\s+)?(?:buns?|rolls?|baps?|pittas?|pitas?|brioche buns?)\b)",
        " on ",
        text,
        flags=re.I,
    )
    # "2 snags in bread": a sausage sandwich
    text = re.sub(r"\s+in\s+(?:a\s+)?(?:slice\s+of\s+)?bread\b", " sandwich", text, flags=re.I)
    # "coke no sugar", "pepsi zero sugar": the diet drink
    text = re.sub(
        r"\b(coke|cola|pepsi|soda|pop|lemonade|fizzy drink|soft drink)\s+(?:no|zero)\s+sugar\b",
        r"diet \1",
        text,
        flags=re.I,
    )
    # "a bit of sugar", "bit of toast": a little of it
    return re.sub(
        r"(?:^|(?<=,\s)|(?<=\bjust\s))(?:a\s+)?(?:little\s+)?bit\s+of\s+",
        "a little ",
        text,
        flags=re.I,
    )


def _amounts_and_counts(text: str) -> str:
    """Amounts as written: "~", "1 cup + 2 tbsp", dashes and fraction slashes, multipliers ("x2",
    "banana x3"), dozens, "1½", "14-ounce"."""
    text = re.sub(r"~\s*(?=[\d½¼¾])", "", text)  # "froyo ~1 cup": about
    text = re.sub(r"\bnew potato", "small potato", text, flags=re.I)  # new potatoes are small
    text = re.sub(r"\bbeef(?:steak)?\s+tomato", "large tomato", text, flags=re.I)  # a big one
    text = _AMOUNT_PLUS.sub(r"\g<amount> plus ", text)  # "1 cup + 2 tbsp milk"
    text = text.replace("\u2044", "/").replace("\u00a0", " ").replace("\u2009", " ")
    text = re.sub(r"[–—−]", "-", text)
    text = re.sub(r"(\d)\?(\d)", r"\1/\2", text)  # "1?4": a fraction slash lost in transit
    text = re.sub(r"(\d)\s*-\s+to\s+", r"\1 to ", text)  # "3- to 4-pound"
    # counts written as multipliers: "x2 eggs", "3x banana", "banana x3", "eggs x 2"
    text = re.sub(r"^[x×]\s*(\d+)\s+", r"\1 ", text, flags=re.I)
    text = re.sub(r"^(\d+)\s*[x×]\s+(?=[a-z])", r"\1 ", text, flags=re.I)
    if (m := re.search(r"\s+[x×]\s*(\d+)$", text, re.I)) and not re.match(r"^[\d½¼¾⅓⅔.]", text):
        text = f"{m.group(1)} {text[: m.start()]}"
    elif (m := _COUNT_BEFORE_MORE.match(text)) and not re.match(r"^[\d½¼¾⅓⅔.]", text):
        text = f"{m.group('n')} {m.group('food')}{m.group('rest')}"  # "pancakes x3 with syrup"
    elif (m := _COUNT_THEN_FOOD.match(text)) and not re.match(r"^[\d½¼¾⅓⅔.]", text):
        if re.match(r"(?:for|before|after|at|in|on|from|during|to)\b", m.group("rest"), re.I):
            text = f"{m.group('n')} {m.group('food')} {m.group('rest')}"  # "kippers x2 for tea"
        elif names_a_food(m.group("rest")):
            text = f"{m.group('n')} {m.group('food')} with {m.group('rest')}"  # "toast x2 butter"
        else:
            text = f"{m.group('n')} {m.group('rest')} {m.group('food')}"  # "eggs x2 scrambled"
    text = re.sub(r"^(\d+)\s+dozen\s+", lambda m: f"{int(m.group(1)) * 12} ", text, flags=re.I)
    text = re.sub(r"(\d)([" + FRACTION_CHARS + r"])", r"\1 \2", text)  # "1½" → "1 ½"
    text = re.sub(
        r"(\d)-(ounce|oz|pound|lb|inch|in|cm|g|gram|ml|quart|pint|cup|tablespoon|teaspoon|tbsp|tsp)\b",
        r"\1 \2",
        text,
    )
    return re.sub(r"(?<=\w)-(size|sized)\b", "", text, flags=re.I)  # "medium-size apples"


# Foods eaten with tomato sauce as a condiment (ketchup), and dishes whose tomato sauce is a sauce.
_CONDIMENT_FOR = re.compile(
    r"\b(?:snags?|sausages?|bangers?|(?:meat\s+)?pies?|pasties|pasty|sausage rolls?|"
    r"fish fingers?|chips|fries|hot dogs?|burgers?|nuggets?|eggs?|bacon|toastie)\b",
    re.I,
)
_SAUCED_DISH = re.compile(
    r"\b(?:pasta|spaghetti|penne|fusilli|macaroni|gnocchi|lasagne|lasagna|pizza|meatballs?|"
    r"rice|beans)\b",
    re.I,
)


# USDA's dark chocolates by their cocoa solids: "70% dark chocolate" is "70-85% cacao solids".
_CACAO_RANGES = ((45, 59), (60, 69), (70, 85))
_CACAO_SHARE = re.compile(
    r"\s*\(?(?:(?:min(?:imum)?|at least|over)\.?\s+)?(?<!\d)(?P<n>\d{2})(?!\d)\s*%"
    r"\s*(?:cocoa|cacao)?(?:\s+solids)?\)?",
    re.I,
)


def _with_cacao_range(text: str) -> str:
    """ "15g plain chocolate (minimum 70% cocoa solids)", "1 oz dark chocolate (70%)", "85%
    dark chocolate": the chocolate named by USDA's range of cocoa solids that holds the share."""
    if not re.search(r"\bchocolate\b", text, re.I) or not (found := _CACAO_SHARE.search(text)):
        return text
    share = int(found.group("n"))
    if ranged := re.search(r"(?<!\d)(\d{2})\s*(?:to|-|–)\s*" + str(share) + "%", text):
        share = (int(ranged.group(1)) + share) // 2  # "(60 to 72%)": the middle
        found = re.search(r"\s*\(?" + re.escape(ranged.group(0)) + r"\)?", text) or found
    band = next((f"{lo}-{hi}%" for lo, hi in _CACAO_RANGES if lo <= share <= hi), None)
    if band is None:
        return text
    text = (text[: found.start()] + " " + text[found.end() :]).strip()
    text = re.sub(
        r"\b(?:dark\s+|plain\s+)?chocolate\b", f"{band} dark chocolate", text, count=1, flags=re.I
    )
    return " ".join(text.split())


_AU_GLASS_ML = {"schooner": 425, "middy": 285, "middie": 285, "pot": 285}
_AU_BEER_GLASS = re.compile(
    r"\b(?:(?P<n>\d+|an?|one|two|three|four|five|six)\s+)?"
    r"(?:(?P<glass>schooners?|middys|middies|middie|middy)\s+(?:of\s+)?(?=\S)"
    r"|(?P<glass_pot>pots?)\s+of\s+(?=(?:\w+\s+)?(?:beer|lager|ale|draught|draft|bitter|cider|vb|"
    r"carlton|tooheys|xxxx|coopers)\b))",
    re.I,
)


def _count(written: str | None) -> str:
    """ "3", "a", "two" (or nothing: one) → the count in digits."""
    if written is None:
        return "1"
    return str(NUMBER_WORDS.get(written.lower(), written))


def _glass(found: re.Match[str]) -> str:
    """The glass's name as _AU_GLASS_ML holds it: "schooners" → "schooner", "middies" → "middy"."""
    return singular((found.group("glass") or found.group("glass_pot")).lower())


# Coffee-shop drinks USDA does not list, as they are made (household conventions, said in the
# item's comment): a double espresso (2 fl oz) and steamed milk.
_MILK_CUPS = {"latte": 1.0, "cappuccino": 0.5, "flat white": 0.5, "cortado": 0.25}
_LARGER = {"large", "grande", "venti"}
_COFFEE_DRINK = re.compile(
    r"^(?:(?P<n>\d+|an?|one|two|three)\s+)?(?P<words>(?:(?:small|medium|large|tall|grande|venti|"
    r"regular|decaf|iced|hot|double|single|skinny|skim|oat|soy|almond|whole|semi[- ]skimmed|"
    r"milk|2%)\s+)*)(?P<drink>latte|cappuccino|flat white|cortado)s?"
    r"(?:\s+with\s+(?P<with>oat|soy|almond|skim|whole|semi[- ]skimmed|2%)\s+milk)?$",
    re.I,
)


def _coffee_as_made(text: str) -> str:
    """ "decaf latte", "2 oat flat whites", "large cappuccino with skim milk": a double espresso
    and its milk (a latte 1 cup, 1 1/2 cups large; a cappuccino or flat white 1/2 cup; a cortado
    1/4 cup), each a food of the line; a chai or matcha latte is no coffee and is left alone."""
    found = _COFFEE_DRINK.match(text.strip())
    if found is None:
        return text
    said = found.group("words").lower().split()
    drink = found.group("drink").lower()
    count = int(_count(found.group("n")))
    milk_kind = found.group("with") or next(
        (w for w in said if w in ("oat", "soy", "almond", "skim", "skinny", "whole", "2%")), ""
    )
    milk_kind = {"skinny": "skim"}.get(milk_kind.lower(), milk_kind.lower())
    cups = _MILK_CUPS[drink] * (1.5 if drink == "latte" and _LARGER & set(said) else 1.0)
    decaf = "decaf " if "decaf" in said else ""
    milk = f"{milk_kind} milk".strip()
    return (
        f"{2 * count:g} fl oz {decaf}espresso and {cups * count:g} cup {milk} "
        f"({drink} as made: a double espresso, its milk a household convention)"
    )
