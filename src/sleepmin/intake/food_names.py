"""Which words can name a food, and which lines name none: equipment, headings, activities,
notes and supplements (docs/food-log.md, "What names a food"). Pure: no database."""

from __future__ import annotations

import re

from sleepmin.foods.search import STOPWORDS, SYNONYMS, fold, singular
from sleepmin.intake.amounts import CONTAINER_WORDS, NUMBER_WORDS, SPOON_WORDS
from sleepmin.intake.cooking import FORM_WORDS
from sleepmin.intake.units import UNIT_WORDS

# Words that say how much, how it was prepared or when, but never which food: a food phrase
# needs at least one other word of three or more letters (docs/food-log.md, "What names a food").
NOT_FOOD_WORDS = (
    STOPWORDS
    | frozenset(u for u in UNIT_WORDS if " " not in u and "." not in u)
    | frozenset(NUMBER_WORDS)
    | frozenset(SPOON_WORDS)
    | CONTAINER_WORDS
    | FORM_WORDS
    | frozenset(
        """chopped sliced diced minced cubed mashed shredded
        grated halved quartered crushed fresh frozen canned dried plain whole skinless boneless
        lean lowfat nonfat organic homemade unsalted salted sweetened unsweetened ripe hot cold
        iced warm drained peeled unpeeled light extra small medium large jumbo big little mini
        serving servings portion portions bowl bowls plate plates side helping piece pieces slice
        slices scoop scoops container packet package pack carton pouch jar envelope bottle can
        tablet item items each some bit lot more another third couple few dozen total
        kcal calorie calories cal kj meal meals food foods breakfast brunch lunch dinner supper
        snack snacks day days today yesterday tonight morning afternoon evening night week
        monday tuesday wednesday thursday friday saturday sunday nothing none same
        optional taste serve serving garnish needed required desired extra approx about around
        roughly finely thinly coarsely freshly cut into inch inches cm mm size sized strip strips
        thin thick ring rings wedge wedges chunk chunks cube cubes dice batons baton ribbon
        ribbons shavings shaving halves quarters lengths matchsticks julienne says said label
        wrapper box seconds thirds corner stress exam exams pitted stoned cored deseeded""".split()
    )
)


# Equipment, headings and activities: a line made of these (and amounts) is not food.
NON_FOOD_WORDS = frozenset(
    """whip whisk beater beaters mixer blender processor thermometer skewer skewers toothpick
    toothpicks twine parchment greaseproof clingfilm sieve muslin cheesecloth mould moulds
    ramekin ramekins saucepan skillet wok spatula knife cutter cutters piping nozzle nozzles
    kitchen towel towels electric wooden metal sterilised sterilized equipment maker machine
    lid lids tongs ladle griddle oven charcoal hour hours minute minutes run walk walked went
    workout gym exercise swim skipped skip fasting fasted nothing slept sleep noon midday until
    tablet tablets capsule capsules pill pills softgel softgels vitamin vitamins supplement
    supplements multivitamin medication medicine dose ibuprofen paracetamol acetaminophen
    aspirin advil tylenol steps felt feel feeling bloated tired hungry ate out remember forgot
    woke something sauna shower bath yoga stretching antacid antihistamine sleeping
    melatonin zopiclone zolpidem ambien temazepam diazepam lorazepam benadryl diphenhydramine
    doxylamine unisom nytol sominex zzzquil nyquil trazodone mirtazapine amitriptyline quetiapine
    sertraline citalopram fluoxetine omeprazole lansoprazole gaviscon berocca nurofen
    metformin levothyroxine statin atorvastatin ramipril amlodipine propranolol gabapentin
    pregabalin psyllium husk husks metamucil fybogel again late early busy stressed rushed running
    lol haha panadol motrin aleve excedrin smoko site omega vit vits multivit multivits
    probiotic probiotics creatine ashwagandha glucosamine arvo barbie barby mon tue tues wed thu
    thur thurs fri sat""".split()
)


# Supplements are not foods: they belong in the supplements list (docs/cli.md), where their
# elemental amounts are read.
SUPPLEMENT_FORMS = frozenset({"tablet", "capsule", "pill", "softgel", "supplement", "gummy"})


MINERAL_NAMES = frozenset({"magnesium", "iron", "zinc", "calcium", "potassium", "copper"})


# The salts and forms minerals are sold as: a mineral with one of them is a supplement.
MINERAL_SALTS = frozenset(
    """glycinate bisglycinate citrate oxide fumarate sulfate sulphate gluconate carbonate
    chloride threonate malate taurate picolinate lactate orotate aspartate liquid powder
    drop spray""".split()
)


# Antacids and supplements sold by brand name (calcium, magnesium).
SUPPLEMENT_BRANDS = frozenset(
    """tums rennie rennies renny calcichew adcal floradix spatone feroglobin pregnacare
    galfer centrum vitabiotics""".split()
)


# Things a line may end with that are kitchen equipment, whatever the words before them say.
EQUIPMENT = frozenset(
    """pan tin tray mould mold ramekin whip whisk beater mixer blender processor thermometer
    skewer toothpick twine foil sieve muslin cheesecloth spatula knife cutter brush lid tong
    ladle griddle oven machine maker springform""".split()
)


NOT_FOOD_REASON = "names no food (equipment, a supplement or a note); not counted"


SUPPLEMENT_REASON = (
    "a supplement, not a food: give it as a supplement instead (e.g. --supplement "
    "'iron bisglycinate 18 mg elemental'), so its elemental amount is counted"
)


def not_food_reason(phrase: str) -> str:
    supplement = is_supplement(phrase) or "epsom" in fold(phrase)
    return SUPPLEMENT_REASON if supplement else NOT_FOOD_REASON


def nothing(phrase: str) -> bool:
    """ "nothing", "none", "n/a", "skipped": a line saying no food was eaten."""
    return bool(NOTHING.search(phrase))


# A line that is a note about the day, not a food: "felt too full to sleep", "no caffeine after
# 2pm", "woke at 3am", "gym 6pm then sauna".
NOTE_LINE = re.compile(
    r"^\W*(?:(?:way\s+|far\s+)?too\s+(?:full|much|many|late|tired|stuffed)|should'?ve|"
    r"(?:pt\s+|patient\s+)?(?:denies|denied|reports|reported)|headache|nausea|nauseous|"
    r"craving|cravings|exhausted|anxious|helped|supplements?\s*:|meds?\s*:|medications?\s*:|"
    r"shouldn'?t\s+have|"
    r"felt|feel|feeling|woke|slept|napped|went|walked|ran|gym|workout|exercise|yoga|"
    r"no|not|didn'?t|did not|couldn'?t|could not|can'?t|cannot|forgot|missed|skipped|fasted|"
    r"fasting)\b(?!-)",
    re.I,
)
NOTE_LINE_REASON = "a note about the day, not a food; not counted"
# "took my multi + iron", "took 2 advil": people take medicines and supplements, not food
TAKEN_LINE = re.compile(
    r"^\W*(?:(?:took|taken|taking)\b(?!\s+(?:a\s+)?(?:bite|sip|taste)s?\b)"
    r"|(?:supplements?|meds?|medications?|vitamins?)\s*:)",
    re.I,
)
TAKEN_LINE_REASON = (
    "a medicine or supplement taken, not a food; not counted (list supplements in the "
    "supplements file, where their minerals are read)"
)
NOTHING = re.compile(r"^\W*(?:nothing|none|nil|n/?a|skipped|skip|fasting|fasted)\b", re.I)


TOKEN = re.compile(r"[a-z0-9]+")


_SYNONYM_NAMES = re.compile(
    r"\b(?:"
    + "|".join(re.escape(k) for k, v in sorted(SYNONYMS.items(), key=lambda kv: -len(kv[0])) if v)
    + r")\b"
)


def names_a_food(phrase: str) -> bool:
    """Whether a phrase has a word that can name a food: three or more letters, and not only an
    amount, a unit, a size, a preparation or a time ("x", "cooked", "2 medium" do not) — or an
    everyday name of one ("pb", "half and half", data/food_words.csv)."""
    if _SYNONYM_NAMES.search(" ".join(TOKEN.findall(fold(phrase)))):
        return True
    for token in TOKEN.findall(fold(phrase)):
        if sum(c.isalpha() for c in token) < 3:
            continue
        if token not in NOT_FOOD_WORDS and singular(token) not in NOT_FOOD_WORDS:
            return True
    return False


def _food_words(phrase: str) -> list[str]:
    return [
        t
        for t in TOKEN.findall(fold(phrase))
        if sum(c.isalpha() for c in t) >= 3
        and t not in NOT_FOOD_WORDS
        and singular(t) not in NOT_FOOD_WORDS
    ]


def is_supplement(phrase: str) -> bool:
    """ "iron tablet", "fish oil capsule", "magnesium 200mg": a supplement, not a food."""
    tokens = [singular(t) for t in re.findall(r"[a-z]{3,}", fold(phrase))]
    if tokens and tokens[-1] in SUPPLEMENT_FORMS:
        return True
    if {"supplement", "capsule", "softgel", "tablet"} & set(tokens) or "folic acid" in fold(phrase):
        return True  # "B12 supplement 1000mcg", "fish oil capsules x2"
    named = set(tokens) | set(re.findall(r"[a-z]{3,}", fold(phrase)))
    if (MINERAL_NAMES | {"ferrous", "ferric", "mag"}) & named and MINERAL_SALTS & named:
        return True  # "magnesium glycinate 200mg", "liquid iron", "ferrous fumarate"
    if SUPPLEMENT_BRANDS & named or "milk of magnesia" in fold(phrase):
        return True
    return bool(tokens) and all(t in MINERAL_NAMES or t in ("mg", "elemental") for t in tokens)


# Endings of drug names (international nonproprietary names): "lisinopril", "metoprolol",
# "losartan", "omeprazole", "amlodipine", "metformin" are medicines, not foods.
_DRUG_ENDING = re.compile(
    r"(?:pril|sartan|olol|statin|prazole|dipine|formin|tidine|cycline|mycin|cillin|oxetine|"
    r"azepam|zolam|triptan|profen|gliptin|gliflozin|semide|thiazide|oxacin)$"
)


def names_a_medicine(text: str) -> bool:
    """Whether a line names a medicine by its drug name ("lisinopril 10mg w breakfast")."""
    return any(len(t) >= 7 and _DRUG_ENDING.search(t) for t in re.findall(r"[a-z]+", fold(text)))


def is_not_food(phrase: str) -> bool:
    """A phrase whose food-like words are all equipment, activities or supplements."""
    found = _food_words(phrase)
    tokens = re.findall(r"[a-z]{3,}", fold(phrase))
    if names_a_medicine(phrase):
        return True  # "metoprolol 25mg"
    if tokens and singular(tokens[-1]) in EQUIPMENT and found:  # "8-inch cake pan", "cake tin"
        return True
    if is_supplement(phrase) or NEVER_FOOD & set(tokens):
        return True
    return bool(found) and all(w in NON_FOOD_WORDS or singular(w) in NON_FOOD_WORDS for w in found)


# Words that make a line no food whatever else it says: Epsom salt is magnesium sulfate (a
# laxative, counted as a supplement), oral rehydration salts a medicine.
NEVER_FOOD = frozenset({"epsom", "rehydration"})


NOTE_REASON = "a note on how a food is used, not a food; not counted"


def no_food_reason(food: str) -> str:
    if not TOKEN.search(fold(food)):
        return f"no USDA food matches {food!r}; USDA names foods in English (e.g. 'rice', 'banana')"
    return (
        f"{food!r} does not name a food (a food name needs a word of three or more letters "
        "besides amounts, sizes and how it was cooked); write e.g. '1 cup cooked rice'"
    )
