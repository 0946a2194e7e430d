"""How a food was cooked or kept, as people write it and as USDA describes it: one table that the
line reader (a comment "…, cooked" picks the form) and the matcher (roast chicken is not fried
chicken) both read. Pure data."""

from __future__ import annotations

import re

# Each cooking word and its family. Words of one family may stand for each other ("roast" and
# "roasted"; "steamed" broccoli is USDA's boiled); words of two families may not (roast chicken
# is not fried or stewed chicken). "cooked" says cooked without saying how.
COOKING_WORDS: dict[str, str] = {
    "cooked": "",
    **dict.fromkeys(
        """roast roasted grill grilled broil broiled bake baked barbecue barbecued bbq toasted
        rotisserie""".split(),
        "dry heat",
    ),
    **dict.fromkeys(
        "boil boiled steam steamed poach poached stew stewed braise braised".split(),
        "moist heat",
    ),
    **dict.fromkeys("fry fried pan-fried sauteed seared browned pan-browned".split(), "fried"),
    "scrambled": "scrambled",
    "microwaved": "microwaved",
}
# The family of each word that names a way of cooking.
METHOD_FAMILY: dict[str, str] = {word: family for word, family in COOKING_WORDS.items() if family}
# Words that say a food is cooked, as a line or a USDA description writes them (past
# participles and "roast", "bbq", "rotisserie"; not the bare verbs "grill", "bake").
COOKED_WORDS = frozenset(
    w for w in COOKING_WORDS if w.endswith("ed") or w in ("roast", "bbq", "rotisserie")
)
# Words that say the food is not cooked, or how it was kept.
RAW_WORDS = frozenset({"raw", "uncooked", "dry"})
KEPT_WORDS = frozenset({"dried", "frozen", "canned", "tinned", "smoked"})
# Words a comment may say that choose the form a food is eaten in: "lentils, cooked",
# "eggs, fried in butter", "(weighed raw)".
FORM_WORDS = COOKED_WORDS | RAW_WORDS | KEPT_WORDS
# Ways of cooking USDA's descriptions seldom name (they say "cooked, dry heat"): a phrase with
# one that finds nothing is tried again with "cooked" ("barbecued chicken thighs").
USDA_NAMES_THESE = frozenset({"roasted", "fried", "boiled", "toasted", "scrambled", "rotisserie"})
METHODS_AS_COOKED = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(w).replace(r"\-", "[- ]")
        for w in sorted(
            COOKED_WORDS - USDA_NAMES_THESE - {"cooked", "microwaved"}, key=len, reverse=True
        )
    )
    + r"|sautéed)\b",
    re.I,
)
