from __future__ import annotations

import pytest

from sleepmin.errors import InvalidAnswers
from sleepmin.screen.instruments import parse_isi_items, score_isi, screen_rls


@pytest.mark.parametrize(
    ("items", "total", "band"),
    [
        ([0] * 7, 0, "none"),
        ([1, 1, 1, 1, 1, 1, 1], 7, "none"),
        ([2, 1, 1, 1, 1, 1, 1], 8, "subthreshold"),
        ([2] * 7, 14, "subthreshold"),
        ([3, 2, 2, 2, 2, 2, 2], 15, "moderate"),
        ([3] * 7, 21, "moderate"),
        ([4, 3, 3, 3, 3, 3, 3], 22, "severe"),
        ([4] * 7, 28, "severe"),
    ],
)
def test_isi_bands_at_every_edge(items: list[int], total: int, band: str) -> None:
    result = score_isi(items)
    assert (result.total, result.band) == (total, band)


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([3, 2, 2, 2, 2, 2], "the ISI needs exactly 7 item scores, got 6"),
        ([3, 2, 2, 2, 2, 2, 2, 1], "the ISI needs exactly 7 item scores, got 8"),
        ([3, 2, 2, 5, 2, 2, 2], "ISI item 4 is 5; each item is a whole number from 0 to 4"),
        ([3, 2, 2, -1, 2, 2, 2], "ISI item 4 is -1; each item is a whole number from 0 to 4"),
        ([3, 2, 2, 2.5, 2, 2, 2], "ISI item 4 is 2.5; each item is a whole number from 0 to 4"),
        ([True, 2, 2, 2, 2, 2, 2], "ISI item 1 is True; each item is a whole number from 0 to 4"),
    ],
)
def test_isi_refuses_bad_items(items: list[int], message: str) -> None:
    with pytest.raises(InvalidAnswers, match=message):
        score_isi(items)


def test_rls_needs_all_five() -> None:
    five = {
        "urge_to_move": True,
        "worse_at_rest": True,
        "relieved_by_movement": True,
        "worse_evening_night": True,
        "not_explained_by_other": True,
    }
    assert screen_rls(five).met
    assert "possible restless legs syndrome" in screen_rls(five).summary
    four = {**five, "not_explained_by_other": False}
    assert not screen_rls(four).met and screen_rls(four).count == 4


# -- issue 10: items as people type them ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "3,2,2,2,2,2,2",
        "3, 2, 2, 2, 2, 2, 2",  # said "got 1" before
        "3 2 2 2 2 2 2",
        "3;2;2;2;2;2;2",
        " 3 ;2 , 2\t2  2,2 2 ",
        "3,2,2,2,2,2,2,",  # a separator at the end is harmless
    ],
)
def test_isi_items_accept_commas_semicolons_and_spaces(text: str) -> None:
    assert parse_isi_items(text) == [3, 2, 2, 2, 2, 2, 2]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "3,2,x,2,2,2,2",
            "ISI item 3 is 'x', not a whole number; give the seven item scores 0-4 "
            "separated by commas or spaces, e.g. 3,2,2,2,2,2,2 or 3 2 2 2 2 2 2",
        ),
        ("3/2/2/2/2/2/2", "ISI item 1 is '3/2/2/2/2/2/2', not a whole number"),
        ("3,2.5,2,2,2,2,2", "ISI item 2 is '2.5', not a whole number"),
        ("3,-1,2,2,2,2,2", "ISI item 2 is '-1', not a whole number"),
        ("٣,2,2,2,2,2,2", "ISI item 1 is '٣', not a whole number"),
        ("3,,2,2,2,2,2", "ISI item 2 is empty (nothing between two separators)"),
        (
            "1" * 5000,
            "ISI item 1 is 111111… (5,000 digits); each item is a whole number from 0 to 4",
        ),
        ("3,2,2,2,2,2,2,1,x" + "y" * 50, "ISI item 9 is 'xyyyyyyyyyyyyyyyyyy…', not a whole"),
    ],
)
def test_isi_items_refuse_junk_naming_it(text: str, message: str) -> None:
    with pytest.raises(InvalidAnswers) as raised:
        parse_isi_items(text)
    assert str(raised.value).startswith(message)


def test_isi_refuses_huge_numbers_without_converting_them() -> None:
    with pytest.raises(InvalidAnswers, match="ISI item 1 is a number with more than six digits"):
        score_isi([10**5000, 2, 2, 2, 2, 2, 2])
