"""What the words of a food phrase say, before a food is chosen: parts and cuts ("garlic
cloves", "chopped"), vague kinds and dishes ("cereal", "pie"), bread dishes ("turkey sandwich on
rye"), pairs ("coffee with milk"), what a food is packed in, and describing words. Pure: no
database; sleepmin.intake.matching reads these tables."""

from __future__ import annotations

import re

# Dishes of bread and a filling: "turkey sandwich on rye", "bacon sarnie", "falafel wrap".
BREAD_DISH = re.compile(
    r"^(?P<filling>(?:(?!\s(?:on|with|and)\s).)+?)\s+"
    r"(?P<dish>san?dw?h?i?t?ch(?:es)?|sarnies?|sarny|butty|butties|toasties?|toasty|sangas?|"
    r"sambos?|wraps?|toast|bagels?)"
    r"(?:\s+on\s+(?P<on>.+))?$",
    re.I,
)


# Each dish's bread, and how many slices of it (0: one whole item).
BREADS = {
    "sandwich": ("white bread", 2),
    "sandwiche": ("white bread", 2),
    "sarnie": ("white bread", 2),
    "sarny": ("white bread", 2),
    "toasty": ("toasted white bread", 2),
    "butty": ("white bread", 2),
    "buttie": ("white bread", 2),
    "toastie": ("toasted white bread", 2),
    "sanga": ("white bread", 2),  # Australian
    "sambo": ("white bread", 2),
    "wrap": ("flour tortilla", 0),  # a large one (10 in), as wraps are made
    "toast": ("toast", 1),
    "bagel": ("plain bagel", 0),
}


BREAD_KINDS = frozenset(
    """white brown wholemeal wholewheat whole wheat granary rye sourdough multigrain seeded
    malted soda french garlic cinnamon raisin toasted plain""".split()
)


BREAD_WORDS = frozenset(
    "bread toast bagel roll bun croissant tortilla wrap pitta pita baguette muffin".split()
)


CUTS = re.compile(
    r"\b(?:chopped|sliced|diced|minced|cubed|shredded|grated|mashed|halved|quartered|crushed|"
    r"julienned|spiralized|fresh|homemade|organic|large|small|medium|big|little|serving|"
    r"portion|bowl|plate|side|piece|pieces|boiling|simmering|lukewarm|tepid|ice|iced|chilled|"
    r"cold|warm|ready-to-eat|ready to eat|ready-made|readymade|shop-bought|store-bought|"
    r"no-soak|all-butter|high-heat|quick-action|fast-action|easy-cook|good-quality|free-range)\b",
    re.I,
)


# Words for a part or piece of a food: "garlic cloves", "celery stick", "basil leaves". USDA names
# the food; the part only chooses the measure ("1 clove"), so a reading without them is tried.
PARTS = re.compile(
    r"\b(?:cloves?|stalks?|sticks?|leaf|leaves|leave|sprigs?|needles?|bulbs?|fillets?|filets?|wedges?|"
    r"florets?|ribs?|stems?|spears?|links?|slices?|pieces?|heads?|pods?|ears?|segments?|strands?|"
    r"rashers?|cubes?|chunks?|rounds?|rings?|shavings?|knobs?|joints?|steaks?|portions?|tops|"
    r"shoots?|halves|half|quarters|parts)\b",
    re.I,
)


# What a fish or a vegetable is packed in, in a can or jar.
# Bought in a jar: USDA files jarred vegetables with canned ones.
JARRED = re.compile(r"\b(?:from|in|out of)\s+a\s+jar\b|\bjarred\b", re.I)
PACKED_IN = re.compile(
    r"\bin\s+(?:olive\s+|sunflower\s+|vegetable\s+)?(?:oil|brine|spring water|water|tomato sauce|"
    r"syrup|juice)\b",
    re.I,
)


# What is done to grains and pulses before cooking: the amount is of them dry.
BOUGHT_DRY = re.compile(r"\b(?:rinsed|soaked|sorted|picked over|uncooked|unsoaked)\b", re.I)


# "a cup of cocoa", "cup of ovaltine": a drink, as a diary says it ("1 cup cocoa" is a recipe's)
CUP_OF_A_DRINK = re.compile(r"(?:^|\b(?:a|one)\s+)cups?\s+of\b", re.I)


# "with skin", "with the skin on", "with peel": which form of the food, never another food.
SKIN_QUALIFIER = re.compile(
    r"(?:the\s+|its\s+)?(?:skins?|peel|rind|bones?|shells?)(?:\s+(?:on|left on|intact))?", re.I
)


SKIN_OFF = re.compile(
    r"\bskin(?:s|ned)?\s*(?:removed|off|discarded|taken off)|\bskinless\b|\bno skin\b"
    r"|\bwithout (?:the )?skin",
    re.I,
)


PAIR = re.compile(r"^(?P<a>.+?)\s+(?P<joiner>with|and|&|\+|w/|on)\s+(?P<b>.+)$", re.I)


def split_pair(phrase: str) -> tuple[str, str, str] | None:
    match = PAIR.match(phrase)
    if not match:
        return None
    return match.group("a").strip(), match.group("joiner"), match.group("b").strip()


# The form a household unit implies: "2 slices of ham" is sliced ham.
UNIT_FORMS = {"slice": "sliced", "rasher": "sliced"}


# Words that name a kind of food, not one: alone, the line is ambiguous ("cereal" could be
# wheat germ or cornflakes, "liver" chicken's or lamb's, with ten times the copper).
VAGUE_ALONE = frozenset(
    """cereal|breakfast cereal|meat|fruit|veg|vegetable|snack|sandwich|soup|salad|curry|stew|
    pie|cake|dessert|pudding|takeaway|take away|dinner|lunch|breakfast|supper|meal|food|drink|
    liver|chip|sweet|leftover|cookie|smoothie|biscuit|flat white|berry|mixed berry|fish|candy|
    sweets|wrap|fillet""".replace("\n    ", "").split("|")
)


# Where "beans" are baked beans (a British breakfast, a jacket potato, toast).
BEANS_ARE_BAKED = re.compile(
    r"\b(?:jacket|spud|full english|full irish|full scottish|fry[- ]?up|toast|breakfast|"
    r"brekkie|sausages?|rashers?)\b",
    re.I,
)


# Words that name a kind only when written alone: "ground beef" and "roast beef" are foods.
VAGUE_ONLY_ALONE = frozenset({"beef", "bean"})


VAGUE_EXAMPLES = {
    "cereal": "'bran flakes', 'cornflakes'",
    "breakfast cereal": "'bran flakes', 'cornflakes'",
    "liver": "'lamb liver', 'chicken liver'",
    "fillet": "'cod fillet', 'salmon fillet'",
    "chip": "'french fries', 'potato chips'",
    "fruit": "'apple', 'grapes'",
    "veg": "'carrots', 'broccoli'",
    "vegetable": "'carrots', 'broccoli'",
    "meat": "'roast beef', 'chicken breast'",
    "fish": "'baked cod', 'grilled salmon'",
    "beef": "'roast beef', 'beef mince', 'sirloin steak'",
    "bean": "'baked beans', 'black beans', 'kidney beans', 'green beans'",
    "candy": "'gummy bears', 'milk chocolate'",
    "sweets": "'gummy bears', 'milk chocolate'",
    "wrap": "'chicken wrap', 'flour tortilla'",
}


# Dish words that alone say too little: a reading is never only one of them.
VAGUE_DISHES = frozenset(
    "pie cake soup sauce salad sandwich stew curry pudding tart dish bake casserole pastry".split()
)


# Words naming a kind of food whose kinds differ ("jollof rice", "nanaimo bar", "kefalotyri
# cheese"): a word before one of them that USDA does not know says which, so it is not dropped.
KIND_HEADS = VAGUE_DISHES | frozenset(
    """rice bar cheese bread roll bun noodle sausage cookie biscuit sweet candy drink juice tea
    dressing dip spread paste wrap dumpling bean soda""".split()
)


MEALS = frozenset("breakfast brunch lunch dinner supper snack".split())


COLOURS = frozenset("red green yellow white black brown golden purple pink".split())


# Words that describe a food without making it another food: a colour, a size, a quality, a
# place; participles ("strained", "pitted") and adverbs ("freshly") also only describe.
DESCRIBING_WORDS = COLOURS | frozenset(
    """large small medium big
    little baby young tart sweet sour juicy crisp crunchy ripe fresh wild farmed organic free
    range heirloom heritage local seasonal good quality best fine extra mixed assorted thin thick
    lean long short round flat cold hot warm bell pure plain whole firm soft hard ground new
    clear liquid dry natural stone light dark gold
    ready made shop store bought homemade premium excellent high mature waxy floury stewing
    sparkling coarse flaky frozen dairy-free gluten-free vegan lactose-free leftover leftovers
    thai asian chinese japanese indian italian french greek spanish mexican turkish english
    american british irish scottish welsh korean vietnamese moroccan lebanese persian
    savoury""".split()
)


# Words left out last: a colour, and how the food was preserved or cooked.
KEPT_LONGEST = COLOURS | frozenset(
    "dried smoked canned frozen cooked raw roasted salted pickled cured".split()
)


def another_word(written: str, found: str) -> bool:
    """Whether a vocabulary word a line's word was matched to is another word, not a slip of
    the keyboard: it starts differently ("scone" as "cone", "hoops" as "loops"). A word that only
    adds letters is often a spelling ("omelette", "tomatoe"), so it is not judged here."""
    return written[:1] != found[:1]


def kept_rank(word: str) -> int:
    """How long a reading keeps a word: other words go first, then colours, then states."""
    if word not in KEPT_LONGEST:
        return 0
    return 1 if word in COLOURS else 2


def describes(word: str) -> bool:
    return (
        word in DESCRIBING_WORDS
        or (len(word) > 4 and word.endswith(("ed", "ly")))
        or word.isdigit()
    )
