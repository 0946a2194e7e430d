from __future__ import annotations

import pytest

from sleepmin.errors import InvalidSupplement
from sleepmin.intake.supplements import parse_supplement
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
    ("text", "message"),
    [
        ("vitamin d 1000 iu", "cannot read supplement 'vitamin d 1000 iu': no amount with a unit"),
        ("melatonin 3 mg", "no mineral named; sleepmin counts magnesium, iron, zinc, calcium"),
        ("zinc and copper 10 mg", "names more than one mineral"),
        ("zinc 0 mg", "the amount must be more than zero"),
    ],
)
def test_unreadable_supplements(text: str, message: str) -> None:
    with pytest.raises(InvalidSupplement, match=message):
        parse_supplement(text)
