"""Units a food log may use, and how each becomes grams."""

from __future__ import annotations

# Mass units convert exactly.
GRAMS_PER_UNIT = {"g": 1.0, "kg": 1000.0, "mg": 0.001, "oz": 28.349523125, "lb": 453.59237}

# Volume units convert to grams only through a food's own measures; these relate them.
ML_PER_UNIT = {
    "ml": 1.0,
    "l": 1000.0,
    "dl": 100.0,  # decilitre, as Nordic and German recipes measure
    "cl": 10.0,  # centilitre, as European drinks are labelled
    "tsp": 4.92892159375,
    "tbsp": 14.78676478125,
    "fl oz": 29.5735295625,
    "cup": 236.5882365,
    "pint": 473.176473,
    "uk pint": 568.26125,  # the imperial pint (UK Weights and Measures Act 1985)
    "quart": 946.352946,
    "gallon": 3785.411784,
    "shot": 44.36029434375,  # 1.5 fl oz, a US standard drink of spirits
    "drop": 0.05,  # 20 drops to the millilitre, the pharmacists' convention
}

# What people write → canonical unit. Longest spellings are tried first.
UNIT_WORDS: dict[str, str] = {
    "g": "g",
    "gr": "g",
    "gm": "g",
    "gram": "g",
    "grams": "g",
    "gramme": "g",
    "grammes": "g",
    "kg": "kg",
    "kgs": "kg",
    "kilo": "kg",
    "kilos": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "mg": "mg",
    "milligram": "mg",
    "milligrams": "mg",
    "oz": "oz",
    "ounce": "oz",
    "ounces": "oz",
    "lb": "lb",
    "lbs": "lb",
    "pound": "lb",
    "pounds": "lb",
    "ml": "ml",
    "cc": "ml",  # a cubic centimetre is a millilitre
    "dl": "dl",
    "decilitre": "dl",
    "decilitres": "dl",
    "deciliter": "dl",
    "deciliters": "dl",
    "cl": "cl",
    "centilitre": "cl",
    "centilitres": "cl",
    "centiliter": "cl",
    "centiliters": "cl",
    "milliliter": "ml",
    "milliliters": "ml",
    "millilitre": "ml",
    "millilitres": "ml",
    "l": "l",
    "liter": "l",
    "liters": "l",
    "litre": "l",
    "litres": "l",
    "tsp": "tsp",
    "tsps": "tsp",
    "teaspoon": "tsp",
    "teaspoons": "tsp",
    "t": "tsp",
    "tbsp": "tbsp",
    "tbsps": "tbsp",
    "tbs": "tbsp",
    "tbl": "tbsp",
    "tablespoon": "tbsp",
    "tablespoons": "tbsp",
    "fl oz": "fl oz",
    "fl. oz": "fl oz",
    "fl. oz.": "fl oz",
    "floz": "fl oz",
    "fluid ounce": "fl oz",
    "fluid ounces": "fl oz",
    "cup": "cup",
    "cups": "cup",
    "c": "cup",
    "pint": "pint",
    "uk pint": "uk pint",
    "imperial pint": "uk pint",
    "imperial pints": "uk pint",
    "pints": "pint",
    "pt": "pint",
    "pts": "pint",
    "quart": "quart",
    "quarts": "quart",
    "gallon": "gallon",
    "gallons": "gallon",
    "glass": "glass",
    "glasses": "glass",
    "wineglass": "glass",
    "wineglasses": "glass",
    "mug": "mug",
    "mugs": "mug",
    "handful": "handful",
    "handfuls": "handful",
    "pinch": "pinch",
    "pinches": "pinch",
    "splash": "splash",
    "dash": "splash",
    "shot": "shot",
    "shots": "shot",
    "drop": "drop",
    "drops": "drop",
}
# "T" for tablespoon and "t" for teaspoon differ only by case: the food-log parser reads a
# capital T (and Tb, Tbs) as a tablespoon before folding case.

# Vessels taken as a cup (documented in docs/food-log.md).
CUP_LIKE = {"glass", "mug"}

# Assumed amounts for words with no USDA measure (docs/food-log.md).
HANDFUL_GRAMS = 28.349523125  # 1 oz, the usual serving of nuts and seeds
PINCH_GRAMS = 0.36  # 1/16 tsp of salt
SPLASH_TBSP = 2.0
# Household words people use for an amount USDA has no measure for, taken as a volume
# (household conventions, stated in the basis; docs/food-log.md): used only when the food has
# no USDA measure of that name.
HOUSEHOLD_VOLUMES: dict[str, tuple[float, str, str]] = {
    "bowl": (1.0, "cup", "a bowl is taken as 1 cup, the serving cereal and soup labels count"),
    "scoop": (0.5, "cup", "a scoop is taken as 1/2 cup, a standard ice-cream scoop"),
    "dollop": (1.0, "tbsp", "a dollop is taken as 1 tablespoon"),
    "knob": (1.0, "tbsp", "a knob (of butter) is taken as 1 tablespoon"),
    "sprinkle": (1.0, "tbsp", "a sprinkle is taken as 1 tablespoon"),
    "drizzle": (1.0, "tsp", "a drizzle is taken as 1 teaspoon"),
}

# Household measure words looked up among a food's USDA measures.
HOUSEHOLD_WORDS = frozenset(
    """slice piece medium large small extra jumbo whole clove stalk leaf leave fillet filet can
    bottle bar scoop serving patty pattie link strip wedge spear sprig head bunch stick container
    packet package pack egg fruit item breast thigh drumstick wing chop steak cookie cracker
    biscuit muffin roll bun bagel tortilla pancake waffle pat square sheet cube ear floret bowl
    carton pouch jar envelope tablet loaf box bag tub pot punnet dollop knob sprinkle drizzle
    portion plate stem
    """.split()
)

PLURAL_HOUSEHOLD = {
    "leaves": "leaf",
    "patties": "patty",
    "halves": "half",
    "loaves": "loaf",
    "rasher": "slice",  # of bacon: USDA's "slice"
    "peice": "piece",  # a common slip
    "peices": "piece",
    "rashers": "slice",
}
