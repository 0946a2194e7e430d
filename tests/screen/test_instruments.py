from __future__ import annotations

import pytest

from sleepmin.errors import InvalidAnswers
from sleepmin.screen.instruments import score_isi, screen_rls


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
