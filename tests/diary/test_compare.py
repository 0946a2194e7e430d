"""Before and after, on synthetic diaries with a known effect and with none: the 95 % interval
covers the true difference about 95 % of the time even when nights are correlated; too few
nights gives no estimate; the same diary gives the same answer; and the wording names what a
before/after cannot tell."""

from __future__ import annotations

import datetime as dt
import math
import random

import pytest

from sleepmin.diary.compare import MIN_NIGHTS, compare, lag1_correlation
from sleepmin.diary.metrics import NightEntry
from sleepmin.intake.targets import Profile, Sex
from sleepmin.store.db import Store
from sleepmin.usecases import accounts, diary_add, diary_compare


def ar1(n: int, mean: float, phi: float, sd: float, rng: random.Random) -> list[float]:
    """Nights with night-to-night correlation ``phi`` (stationary from the first night)."""
    x = rng.gauss(0, sd / math.sqrt(1 - phi * phi))
    out = []
    for _ in range(n):
        out.append(mean + x)
        x = phi * x + rng.gauss(0, sd)
    return out


@pytest.mark.slow
@pytest.mark.parametrize(("nights", "phi"), [(14, 0.4), (28, 0.4), (21, 0.0)])
@pytest.mark.parametrize("effect", [0.0, 5.0])
def test_the_interval_covers_the_true_difference_near_95_percent(
    nights: int, phi: float, effect: float
) -> None:
    rng = random.Random(f"{nights}-{phi}-{effect}")
    trials, covered = 150, 0
    for trial in range(trials):
        before = ar1(nights, 80, phi, 6, rng)
        after = ar1(nights, 80 + effect, phi, 6, rng)
        result = compare(before, after, resamples=600, seed=trial)
        covered += result.ci_low <= effect <= result.ci_high
    # 150 trials: a true 95 % shows as 0.89-0.99 nearly always (binomial sd 1.8 %)
    assert 0.87 <= covered / trials <= 0.995, covered / trials


def test_a_clear_effect_is_found_and_no_effect_is_not_claimed() -> None:
    rng = random.Random(3)
    before, after = ar1(21, 78, 0.3, 4, rng), ar1(21, 88, 0.3, 4, rng)
    clear = compare(before, after)
    assert clear.ci_low > 0 and clear.hedges_g > 1
    flat = compare(before, ar1(21, 78, 0.3, 4, rng))
    assert flat.ci_low < 0 < flat.ci_high or abs(flat.difference) < 3
    assert compare(before, after) == clear  # the same diary, the same interval


def test_correlation_is_estimated_and_kept_in_bounds() -> None:
    rng = random.Random(5)
    assert 0.4 < lag1_correlation(ar1(400, 0, 0.7, 1, rng)) < 0.9
    assert lag1_correlation([1.0, -1.0] * 10) == 0.0  # never negative
    assert lag1_correlation([5.0] * 10) == pytest.approx((1 + 0) / 10)


def test_too_few_nights_gives_no_estimate() -> None:
    with pytest.raises(ValueError, match="at least 7"):
        compare([80.0] * (MIN_NIGHTS - 1), [85.0] * 10)


def test_the_use_case_compares_kept_nights_and_says_what_it_cannot_tell(store: Store) -> None:
    now = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    accounts.sign_up(store, "ana@example.org", "correct horse battery", "person", now=now)
    accounts.set_profile(
        store, accounts.session_for(store, "ana@example.org"), Profile(40, Sex.FEMALE)
    )
    start = dt.date(2026, 2, 1)
    rng = random.Random(9)
    for day in range(28):
        sol = max(0, round(rng.gauss(40 if day < 14 else 15, 5)))
        entry = NightEntry(
            start + dt.timedelta(days=day),
            dt.time(23, 0),
            dt.time(23, 0),
            sol,
            1,
            10,
            dt.time(7, 0),
            dt.time(7, 0),
        )
        diary_add(store, "ana@example.org", entry, zone="UTC", today=dt.date(2026, 3, 2))
    change = start + dt.timedelta(days=14)
    result = diary_compare(
        store, "ana@example.org", change=change, metric="sol_min", today=dt.date(2026, 3, 2)
    ).to_json()
    assert result["enough_nights"] and result["before"]["nights"] == result["after"]["nights"] == 14
    assert result["ci95_high"] < 0  # falling asleep faster, clearly
    assert any("placebo" in c for c in result["caveats"])
    assert any("regression to the mean" in c for c in result["caveats"])
    early = diary_compare(
        store, "ana@example.org", change=start + dt.timedelta(days=25), today=dt.date(2026, 3, 2)
    ).to_json()
    assert not early["enough_nights"] and early["difference"] is None
    assert early["caveats"][0].startswith("Too few nights to estimate: 25 before and 3")
