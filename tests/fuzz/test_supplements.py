"""Supplement text as a careless or hostile user types it: the answer is a Supplement whose daily
amount is finite, above zero and within its mineral's ceiling, or a one-line InvalidSupplement
or ImplausibleValue. Nothing else, ever."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sleepmin.errors import ImplausibleValue, InvalidSupplement
from sleepmin.intake.supplements import (
    DAILY_CEILING_MG,
    MIN_DAILY_MG,
    Supplement,
    parse_supplement,
)

FUZZ = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MINERALS = st.sampled_from(
    ["magnesium", "iron", "zinc", "calcium", "potassium", "copper", "ferrous", "Mg", "melatonin"]
)
FORMS = st.sampled_from(
    [
        "",
        "glycinate",
        "sulfate",
        "gluconate",
        "fumarate",
        "citrate malate",
        "(as oxide)",
        "elemental",
        "unobtainium",
        "l-threonate",
    ]
)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(allow_nan=False, allow_infinity=False, places=4).map(str),
    st.from_regex(r"\A[0-9]{1,4}(,[0-9]{1,4}){0,3}(\.[0-9]{0,4})?\Z"),
    st.from_regex(r"\A\.?[0-9]{1,3}([.,][0-9]{1,3}){0,2}\Z"),
    st.sampled_from(
        [
            "0",
            "00",
            ".5",
            "1e9",
            "1E-3",
            "10^9",
            "10⁹",
            "½",
            "1/2",
            "2 1/2",
            "1/0",
            "٥",
            "５",
            "-5",
            "−5",
            "1 000",
            "1'000",
            "9" * 60,
        ]
    ),
)
UNITS = st.sampled_from(
    [
        "mg",
        "MG",
        "mcg",
        "µg",
        "μg",
        "ug",
        "g",
        "gm",
        "grams",
        "milligrams",
        "micrograms",
        "",
        "mg/ml",
        "mg/kg",
        "iu",
        "%",
        "kg",
    ]
)
FREQUENCIES = st.sampled_from(
    [
        "",
        "daily",
        "twice daily",
        "2x daily",
        "x2",
        "x 2",
        "three times a day",
        "bd",
        "bid",
        "b.i.d.",
        "tds",
        "tid",
        "qid",
        "q8h",
        "every 8 hours",
        "every 5 hours",
        "every other day",
        "every 3 days",
        "weekly",
        "twice weekly",
        "once a week",
        "monthly",
        "as needed",
        "with meals",
        "with each meal",
        "2 tablets",
        "half a tablet",
        "120 capsules",
        "per 2 capsules",
        "2 capsules twice daily",
        "several times a day",
        "daily weekly",
        "9 times a day",
        "0 tablets",
        "1 to 2 tablets",
        "for 30 days",
        "100% DV",
        "60 ct",
    ]
)
STRUCTURED = st.builds(
    lambda parts: " ".join(p for p in parts if p),
    st.tuples(
        st.sampled_from(["", "2 tablets of", "take"]),
        MINERALS,
        FORMS,
        st.builds(lambda n, sep, u: f"{n}{sep}{u}", NUMBERS, st.sampled_from(["", " "]), UNITS),
        FREQUENCIES,
        FREQUENCIES,
    ),
)
# Any text: every Unicode character (NUL and other controls, unicode digits, surrogates).
ANY_TEXT = st.text(max_size=300)
SUPPLEMENT_ALPHABET = st.text(
    alphabet=st.sampled_from(list("0123456789.,-−/½ x×e^⁹ mgcgµmcgironzinc\x00\u200b٣")),
    max_size=60,
)


def readable_or_refused(text: str) -> Supplement | None:
    try:
        supplement = parse_supplement(text)
    except (InvalidSupplement, ImplausibleValue) as error:
        message = str(error)
        assert message.strip() and "\n" not in message and "\r" not in message, message
        assert len(message) < 600, message
        return None
    amount = supplement.amount_mg
    assert (
        math.isfinite(amount) and MIN_DAILY_MG <= amount <= DAILY_CEILING_MG[supplement.mineral]
    ), (text, supplement)
    assert supplement.salt_mg is None or (
        math.isfinite(supplement.salt_mg) and supplement.salt_mg > 0
    )
    if supplement.dose_mg is not None:  # the doses add up to the daily amount
        dose = supplement.dose_mg
        assert math.isfinite(dose) and 0 < dose <= DAILY_CEILING_MG[supplement.mineral]
        daily = dose * supplement.doses / supplement.interval_days
        assert math.isclose(daily, amount, rel_tol=1e-5, abs_tol=1e-5), (text, supplement)
    note = supplement.note
    assert note is None or ("\n" not in note and "nan" not in note and "inf" not in note)
    return supplement


@FUZZ
@given(ANY_TEXT)
@example("magnesium 1e9 mg")
@example("zinc -5 mg")
@example("zinc \x00 25 mg")
@example("zinc ٢٥ mg")
@example("zinc " + "9" * 5000 + " mg")
@example("zinc 0.0000001 mg")
@example("zinc 1.000,5 mg")  # once reached float() with a comma in the decimals
def test_any_text(text: str) -> None:
    readable_or_refused(text)


@FUZZ
@given(STRUCTURED)
@example("copper 900 micrograms")  # once read as 900 mg ("mi" taken for milli)
@example("zinc 9000 mg weekly")
def test_supplement_like_text(text: str) -> None:
    readable_or_refused(text)


@FUZZ
@given(SUPPLEMENT_ALPHABET)
def test_numbers_and_separators(text: str) -> None:
    readable_or_refused(text)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["magnesium", "zinc", "calcium", "potassium", "copper", "iron"]),
    st.decimals(min_value="0.01", max_value="500", places=2),
    st.sampled_from(
        [
            ("twice daily", 2),
            ("tid", 3),
            ("3 capsules", 3),
            ("every other day", 0.5),
            ("weekly", 1 / 7),
            ("half a tablet", 0.5),
            ("x2", 2),
        ]
    ),
)
def test_a_frequency_multiplies_the_amount_as_written(
    mineral: str, amount: object, frequency: tuple[str, float]
) -> None:
    words, factor = frequency
    once = readable_or_refused(f"{mineral} {amount} mg")
    often = readable_or_refused(f"{mineral} {amount} mg {words}")
    if once is None or often is None:
        return
    assert math.isclose(often.amount_mg, once.amount_mg * factor, rel_tol=1e-5, abs_tol=1e-6)
    assert often.basis is not None and often.basis.startswith(f"{once.amount_mg:g} mg")
