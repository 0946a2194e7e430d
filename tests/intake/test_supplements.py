from __future__ import annotations

import pytest

from sleepmin.errors import ImplausibleValue, InvalidSupplement, SleepminError
from sleepmin.intake.supplements import (
    DAILY_CEILING_MG,
    check_daily_amount,
    elemental_supplement,
    parse_supplement,
)
from sleepmin.nutrients import Mineral


@pytest.mark.parametrize(
    ("text", "mineral", "mg", "form"),
    [
        ("magnesium glycinate 200 mg", Mineral.MAGNESIUM, 200, "glycinate"),
        ("ferrous sulfate 65 mg elemental iron", Mineral.IRON, 65, "sulfate"),
        ("zinc 50 mg", Mineral.ZINC, 50, None),
        ("Magnesium (as citrate) 400 mg", Mineral.MAGNESIUM, 400, "citrate"),
        ("copper 2000 mcg", Mineral.COPPER, 2, None),
        ("copper bisglycinate 2 mg", Mineral.COPPER, 2, "bisglycinate"),
        ("calcium carbonate 500mg", Mineral.CALCIUM, 500, "carbonate"),
        ("potassium citrate 99 mg", Mineral.POTASSIUM, 99, "citrate"),
        ("zinc gluconate 1.5 g", Mineral.ZINC, 1500, "gluconate"),
        ("magnesium l-threonate 2000 mg", Mineral.MAGNESIUM, 2000, "l-threonate"),
        ("calcium citrate malate 500 mg", Mineral.CALCIUM, 500, "citrate malate"),
        ("ZINC GLUCONATE 50MG", Mineral.ZINC, 50, "gluconate"),
        ("Magnesium (as citrate) 400 mg at bedtime", Mineral.MAGNESIUM, 400, "citrate"),
        ("zinc 25 mg daily", Mineral.ZINC, 25, None),
        ("zinc 25mg/day", Mineral.ZINC, 25, None),
        ("iron 18 mg one tablet daily", Mineral.IRON, 18, None),
        ("zinc-25 mg", Mineral.ZINC, 25, None),
        ("copper 900 micrograms", Mineral.COPPER, 0.9, None),
        ("zinc 25 µg", Mineral.ZINC, 0.025, None),
        ("magnesium 2 grams", Mineral.MAGNESIUM, 2000, None),
        ("calcium 600 mg + D3 400 IU", Mineral.CALCIUM, 600, None),  # vitamin IU ignored
        ("zinc 11 mg (100% DV)", Mineral.ZINC, 11, None),
        ("magnesium glycinate 400 mg 180 count", Mineral.MAGNESIUM, 400, "glycinate"),
    ],
)
def test_known_supplements(text: str, mineral: Mineral, mg: float, form: str | None) -> None:
    supplement = parse_supplement(text)
    assert (supplement.mineral, supplement.amount_mg, supplement.form) == (mineral, mg, form)
    assert supplement.form_known and supplement.note is None


def test_an_unknown_form_is_reported_not_guessed() -> None:
    supplement = parse_supplement("magnesium unobtainium 100 mg")
    assert not supplement.form_known
    assert supplement.note == (
        "form 'unobtainium' is not one sleepmin knows for magnesium; the amount is counted as "
        "elemental, as on a Supplement Facts label"
    )


@pytest.mark.parametrize(
    ("text", "mg"),
    [
        ("zinc .5 mg", 0.5),  # the issue: counted as 5 mg
        ("zinc 0.5 mg", 0.5),
        ("magnesium 1,000 mg", 1000),  # the issue: refused as zero
        ("potassium 2,000 mg", 2000),
        ("magnesium 1,000.5 mg", 1000.5),
        ("zinc 007 mg", 7),
        ("zinc 2 1/2 mg", 2.5),
    ],
)
def test_numbers_as_people_write_them(text: str, mg: float) -> None:
    supplement = parse_supplement(text)
    assert supplement.amount_mg == mg and supplement.basis is None


@pytest.mark.parametrize(
    ("text", "mg", "basis"),
    [
        ("zinc 25 mg twice daily", 50, "25 mg × 2 a day = 50 mg a day"),  # the issue: 25 mg
        ("zinc 25 mg 2x daily", 50, "25 mg × 2 a day = 50 mg a day"),
        ("zinc 25 mg x2", 50, "25 mg × 2 a day = 50 mg a day"),
        ("2 x zinc 25 mg", 50, "25 mg × 2 a day = 50 mg a day"),
        ("zinc 25 mg 2 a day", 50, "25 mg × 2 a day = 50 mg a day"),
        ("zinc 25 mg three times a day", 75, "25 mg × 3 a day = 75 mg a day"),
        ("zinc 25 mg bd", 50, "25 mg × 2 a day = 50 mg a day"),
        ("zinc 25 mg b.i.d.", 50, "25 mg × 2 a day = 50 mg a day"),
        ("zinc 25 mg BID", 50, "25 mg × 2 a day = 50 mg a day"),
        ("zinc 25 mg tds", 75, "25 mg × 3 a day = 75 mg a day"),
        ("zinc 25 mg tid", 75, "25 mg × 3 a day = 75 mg a day"),
        ("zinc 10 mg qid", 40, "10 mg × 4 a day = 40 mg a day"),
        ("magnesium 400 mg every 8 hours", 1200, "400 mg × 3 a day = 1,200 mg a day"),
        ("magnesium 400 mg q12h", 800, "400 mg × 2 a day = 800 mg a day"),
        ("2 tablets of zinc 25 mg", 50, "25 mg × 2 tablets a day = 50 mg a day"),
        ("zinc 25 mg, 2 capsules", 50, "25 mg × 2 capsules a day = 50 mg a day"),
        ("two capsules of zinc 25 mg", 50, "25 mg × 2 capsules a day = 50 mg a day"),
        ("half a tablet of magnesium 400 mg", 200, "400 mg × 0.5 tablet a day = 200 mg a day"),
        ("1/2 tablet of magnesium 400 mg", 200, "400 mg × 0.5 tablet a day = 200 mg a day"),
        ("magnesium 400 mg ½ tablet", 200, "400 mg × 0.5 tablet a day = 200 mg a day"),
        (
            "zinc 25 mg 2 tablets twice daily",
            100,
            "25 mg × 2 tablets × 2 a day = 100 mg a day",
        ),
        (
            "magnesium 400 mg 3 times a day with meals",
            1200,
            "400 mg × 3 a day = 1,200 mg a day",
        ),
        ("iron 65 mg every other day", 32.5, "65 mg every other day = 32.5 mg a day on average"),
        ("zinc 25 mg every 2 days", 12.5, "25 mg every other day = 12.5 mg a day on average"),
        ("iron 65 mg every 48 hours", 32.5, "65 mg every other day = 32.5 mg a day on average"),
        ("zinc 50 mg weekly", 7.142857, "50 mg once a week = 7.143 mg a day on average"),
        ("zinc 50 mg once a week", 7.142857, "50 mg once a week = 7.143 mg a day on average"),
        ("zinc 50 mg twice weekly", 14.285714, "50 mg × 2 a week = 14.29 mg a day on average"),
    ],
)
def test_frequencies_multiply_the_daily_amount_and_say_so(text: str, mg: float, basis: str) -> None:
    supplement = parse_supplement(text)
    assert supplement.amount_mg == mg
    assert supplement.basis == basis
    assert supplement.note == basis


@pytest.mark.parametrize(
    ("text", "dose_mg", "doses", "interval_days"),
    [
        ("zinc 25 mg", None, 1, 1),
        ("iron 65 mg every other day", 65, 1, 2),
        ("zinc 25 mg 2 tablets twice daily", 50, 2, 1),
        ("zinc 50 mg twice weekly", 50, 2, 7),
        ("ferrous sulfate 325 mg tid", 65, 3, 1),  # elemental, per dose
    ],
)
def test_how_it_is_taken_is_kept_for_the_schedule(
    text: str, dose_mg: float | None, doses: int, interval_days: int
) -> None:
    supplement = parse_supplement(text)
    assert (supplement.dose_mg, supplement.doses, supplement.interval_days) == (
        dose_mg,
        doses,
        interval_days,
    )


def test_an_iron_salt_taken_twice_daily_is_converted_after_multiplying() -> None:
    supplement = parse_supplement("ferrous sulfate 325 mg twice daily")
    assert supplement.salt_mg == 650 and supplement.amount_mg == 130
    assert supplement.note is not None
    assert supplement.note.startswith(
        "325 mg × 2 a day = 650 mg a day; ferrous sulfate 650 mg is read as the salt's weight: "
        "about 130 mg of elemental iron"
    )


@pytest.mark.parametrize(
    "text",
    [
        "ferrous sulfate 325 mg (65 mg elemental iron)",
        "elemental iron 65 mg (ferrous sulfate 325 mg)",
    ],
)
def test_of_two_amounts_the_elemental_one_is_counted(text: str) -> None:
    supplement = parse_supplement(text)
    assert supplement.amount_mg == 65 and supplement.salt_mg is None
    assert supplement.form == "sulfate"
    assert supplement.note == (
        "65 mg is the elemental amount and is counted (325 mg is taken as the weight of the salt)"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("vitamin d 1000 iu", "cannot read supplement 'vitamin d 1000 iu': no amount with a unit"),
        ("melatonin 3 mg", "no mineral named; sleepmin counts magnesium, iron, zinc, calcium"),
        ("zinc and copper 10 mg", "names more than one mineral"),
        ("zinc 0 mg", "the amount must be more than zero"),
        ("zinc 0.000 mg", "the amount must be more than zero"),
        ("zinc 25", "no amount with a unit"),
        # Scientific notation (the issue: "magnesium 1e9 mg" counted as 9 mg).
        ("magnesium 1e9 mg", "scientific notation is not read as a dose"),
        ("magnesium 1E9 mg", "scientific notation is not read as a dose"),
        ("magnesium 1.5e3 mg", "scientific notation is not read as a dose"),
        ("zinc 10^9 mg", "scientific notation is not read as a dose"),
        ("zinc 10⁹ mg", "scientific notation is not read as a dose"),
        # Negative amounts (the issue: "zinc -5 mg" counted as 5 mg) and ranges.
        ("zinc -5 mg", "an amount cannot be negative"),
        ("zinc −5 mg", "an amount cannot be negative"),
        ("zinc -.5 mg", "an amount cannot be negative"),
        ("zinc 15-25 mg", r"gives a range \('15-25'\)"),
        ("zinc 25 mg 1 to 2 tablets", r"gives a range \('1 to 2'\)"),
        # Numbers that could mean two things a thousand times apart.
        ("zinc 1,5 mg", r"cannot tell what '1,5' means \(a decimal comma or thousands\?\)"),
        ("magnesium 1.000,5 mg", "cannot tell what '1.000,5' means"),
        ("magnesium 2.500 mg", "cannot tell whether '2.500' means 2.5 or 2,500"),
        ("magnesium 1.000.000 mg", "is not a number sleepmin can read"),
        ("zinc 1 000 mg", "cannot tell whether '1 000' is one number"),
        ("zinc 1'000 mg", "cannot tell whether '1 000' is one number"),
        ("zinc 1/0 mg", "'1/0' divides by zero"),
        # More than one number: each has to be placed.
        ("zinc 25 mg 2", r"has a number sleepmin cannot place \('2'\)"),
        ("zinc 25 mg daily for 30 days", r"has a number sleepmin cannot place \('30'\)"),
        ("ferrous sulfate 325 mg 65 mg", r"gives more than one amount \(325 mg, 65 mg\)"),
        ("magnesium 400 mg, 120 capsules", "120 capsules at a time is more than any dose"),
        ("zinc 25 mg 0 tablets", "the number of tablets or capsules must be more than zero"),
        ("magnesium 200 mg per 2 capsules", "gives the amount 'per 2 capsules'"),
        ("zinc 25 mg x 3 x 2", "has more counts than sleepmin can place"),
        # Frequencies that are not a daily dose or not understood.
        ("magnesium 400 mg monthly", "less often than once a week"),
        ("zinc 25 mg every other week", "less often than once a week"),
        ("calcium 500 mg as needed", "has no daily amount"),
        ("calcium 500 mg with meals", r"cannot tell how often \('with meals'\)"),
        ("calcium 500 mg with each meal", "cannot tell how many doses 'each meal' means"),
        ("zinc 25 mg several times a day", r"cannot tell how often \('several times'\)"),
        ("zinc 25 mg daily weekly", "says two different intervals"),
        ("zinc 25 mg twice daily bd", "says how often more than once"),
        ("magnesium 100 mg 9 times a day", "give a whole number of times from 1 to 8"),
        ("zinc 25 mg every 5 hours", "cannot read 'every 5 hours' as doses a day"),
        ("iron 15 mg/ml", r"gives a strength \('per ml'\) rather than the amount taken"),
        ("iron 15 mg/kg", r"gives a strength \('per kg'\)"),
        ("zinc 25 mg/5 ml", r"gives a strength \('per 5 ml'\)"),
        # Characters that are not a supplement's description.
        ("zinc ٢٥ mg", "contains a digit sleepmin cannot read"),
        ("zinc 25\x00 mg", "contains control or invisible characters"),
        ("zinc 2\u200b5 mg", "contains control or invisible characters"),
        ("zinc 25 mg " + "x" * 300, "more than one supplement needs"),
    ],
)
def test_unreadable_supplements(text: str, message: str) -> None:
    with pytest.raises(InvalidSupplement, match=message) as caught:
        parse_supplement(text)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 400


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "zinc 1000000 mg",
            "supplement 'zinc 1000000 mg': 1,000,000 mg of zinc a day is not possible (the "
            "most sleepmin accepts is 1,500 mg a day, about 10 times the largest daily dose of "
            "any product or usual prescription); check the amount, its unit (mg, mcg or g) and "
            "how often it is taken",
        ),
        ("magnesium 10,000,000 mg", "10,000,000 mg of magnesium a day is not possible"),
        ("zinc 25 g", "25,000 mg of zinc a day is not possible"),
        ("copper 900 mg", "900 mg of copper a day is not possible"),
        ("zinc 1000 mg twice daily", "2,000 mg of zinc a day is not possible"),
        ("iron 20000 mg weekly", "2,857 mg of iron a day is not possible"),
        # A weekly dose is also bounded as one dose, not only as its daily average.
        ("zinc 9000 mg weekly", "9,000 mg of zinc at once is not possible"),
        ("zinc " + "9" * 150 + " mg", "more than 1,000,000,000,000 mg of zinc a day"),
        ("zinc 0.0000001 mg", "the least sleepmin accepts is 0.001 mg"),
    ],
)
def test_amounts_no_dose_could_be_are_refused(text: str, message: str) -> None:
    with pytest.raises(ImplausibleValue, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_supplement(text)


@pytest.mark.parametrize("mineral", list(Mineral))
def test_the_ceiling_is_inclusive_and_above_every_real_product(mineral: Mineral) -> None:
    ceiling = DAILY_CEILING_MG[mineral]
    check_daily_amount(mineral, ceiling)
    with pytest.raises(ImplausibleValue):
        check_daily_amount(mineral, ceiling * 1.001)
    # Real top doses: laxative magnesium, antacid calcium, ferrous sulfate 3 a day, zinc acetate
    # for Wilson disease, copper replacement, potassium chloride 100 mEq.
    real = {
        Mineral.MAGNESIUM: 3000,
        Mineral.CALCIUM: 3000,
        Mineral.IRON: 195,
        Mineral.ZINC: 150,
        Mineral.COPPER: 8,
        Mineral.POTASSIUM: 3900,
    }
    assert ceiling >= 10 * real[mineral] * 0.99


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -1.0, 0.0])
def test_check_daily_amount_refuses_what_is_not_an_amount(value: float) -> None:
    with pytest.raises(ImplausibleValue, match="an amount must be a number above zero"):
        check_daily_amount(Mineral.ZINC, value)


def test_answers_amounts_are_bounded_too() -> None:
    """The answers file goes through elemental_supplement: the same ceiling applies, to the
    elemental amount (325 mg of ferrous sulfate is 65 mg of iron)."""
    assert elemental_supplement("ferrous sulfate 325 mg", Mineral.IRON, 325).amount_mg == 65
    with pytest.raises(ImplausibleValue, match="of zinc a day is not possible"):
        elemental_supplement("zinc gluconate 5000 mg", Mineral.ZINC, 5000)


def test_every_error_is_a_sleepmin_error_on_one_line() -> None:
    for text in ["", " ", "\n", "mg", "1e400 mg zinc", "zinc 25 mg\nx2"]:
        try:
            parse_supplement(text)
        except SleepminError as error:
            assert "\n" not in str(error)
