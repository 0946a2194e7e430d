"""Usual intake from two 24-hour recalls: the day-to-day part of the variance taken out.

One day's intake is a poor guide to what a person usually eats: the spread of single days is
wider than that of usual intakes, so percentiles and "share below the EAR" read from day 1
alone overstate both tails. With two recalls per person, the within-person (day-to-day)
variance can be estimated and removed.

The method is the NRC (1986) / IOM (2000) shrinkage that the ISU and NCI methods build on,
done within one group of people (a sex and DRI age group) and on a Box-Cox scale so intakes
are near normal:

1. Box-Cox transform both days, with the lambda (0 to 1) that makes day 1 most normal
   (weighted profile likelihood); a zero is replaced by half the group's smallest intake.
2. The day-2 recall (by telephone) runs lower than day 1 (in person): as the NCI method does
   with its sequence covariate, day 2 is shifted to day 1's weighted mean.
3. Within-person variance s2_w = weighted mean of (t1 - t2)^2 / 2; the two-day means m have
   total variance s2_m = s2_b + s2_w / 2, so the between-person variance is
   s2_b = s2_m - s2_w / 2.
4. Each person's centre on that scale is mu + (m - mu) * sqrt(s2_b / s2_m), which has the
   between-person variance only.
5. A usual intake is the mean of a person's days in mg, not the back-transformed centre (that
   would be their median day, below the mean): it is the expectation of the back-transform over
   the person's day-to-day spread N(centre, s2_w), by 9-point Gauss-Hermite quadrature, as the
   NCI method does. It rises with the centre, so ranks are kept.

Why not the full NCI method: it adds covariates (the sequence effect is kept here as a shift)
and models episodic foods; for the distribution of one group's usual intakes of nutrients eaten
every day, which is what sleepmin reports, the shrinkage on a normal scale with the
back-transformation over the day-to-day spread is the core of it. Only people with two
reliable recalls are used, weighted by the two-day weight (WTDR2D), as the CDC's analytic
guidelines say for two-day analyses.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]
LAMBDAS = np.round(np.linspace(0.0, 1.0, 101), 2)  # the grid the transform is chosen from
MIN_PEOPLE = 50  # fewer, and the split of the variance is too unsure to publish


@dataclass(frozen=True)
class UsualIntake:
    intakes: Array  # each person's estimated usual intake, mg (same order as the input)
    weights: Array
    boxcox_lambda: float
    within_variance: float  # on the Box-Cox scale
    between_variance: float
    day2_shift: float  # added to day 2 on the Box-Cox scale
    shrink: float  # sqrt(s2_b / s2_m): 1 would be no day-to-day variance at all


def usual_intakes(day1: Array, day2: Array, weights: Array) -> UsualIntake:
    """Usual intakes of one group from both days of each person (see the module docstring)."""
    day1, day2, weights = (np.asarray(a, dtype=np.float64) for a in (day1, day2, weights))
    if not (len(day1) == len(day2) == len(weights)):
        raise ValueError("day1, day2 and weights must have one value per person")
    if len(day1) < MIN_PEOPLE:
        raise ValueError(f"{len(day1)} people with two recalls: at least {MIN_PEOPLE} are needed")
    finite = np.isfinite(day1) & np.isfinite(day2) & np.isfinite(weights)
    if not finite.all() or (weights <= 0).any() or (day1 < 0).any() or (day2 < 0).any():
        raise ValueError("intakes must be finite and >= 0, and weights > 0")
    positive = np.concatenate([day1[day1 > 0], day2[day2 > 0]])
    if positive.size == 0:
        raise ValueError("every intake is zero: there is no distribution to estimate")
    floor = positive.min() / 2
    x1, x2 = np.maximum(day1, floor), np.maximum(day2, floor)
    lam = best_lambda(x1, weights)
    t1, t2 = boxcox(x1, lam), boxcox(x2, lam)
    w = weights / weights.sum()
    shift = float(w @ (t1 - t2))
    t2 = t2 + shift
    within = float(w @ ((t1 - t2) ** 2)) / 2
    means = (t1 + t2) / 2
    mu = float(w @ means)
    total = float(w @ ((means - mu) ** 2))
    # the between-person part cannot be negative; a group whose days differ more than its
    # people do gets a small floor rather than a collapse to one value
    between = max(total - within / 2, 0.01 * total)
    shrink = math.sqrt(between / total) if total > 0 else 0.0
    usual = _mean_of_days(mu + (means - mu) * shrink, within, lam)
    return UsualIntake(usual, weights, float(lam), within, between, shift, shrink)


_NODES, _NODE_WEIGHTS = np.polynomial.hermite.hermgauss(9)


def _mean_of_days(centres: Array, within: float, lam: float) -> Array:
    """Each person's usual intake: the mean, in mg, of their days, whose Box-Cox values spread
    around ``centres`` with the within-person variance. The back-transform is not linear, so
    transforming the centre alone would give the median day, below the mean; the expectation is
    taken by 9-point Gauss-Hermite quadrature, as the NCI method does."""
    spread = np.sqrt(2 * within) * _NODES  # E[f(c + e)], e ~ N(0, within)
    days = inverse_boxcox(centres[:, None] + spread[None, :], lam)
    return np.asarray(days @ _NODE_WEIGHTS / math.sqrt(math.pi), dtype=np.float64)


def boxcox(x: Array, lam: float) -> Array:
    return np.log(x) if lam == 0 else (np.power(x, lam) - 1) / lam


def inverse_boxcox(t: Array, lam: float) -> Array:
    if lam == 0:
        return np.exp(t)
    # below the transform's floor (a far lower tail) the intake is 0, not a complex number
    return np.power(np.maximum(lam * t + 1, 0.0), 1 / lam)


def best_lambda(x: Array, weights: Array) -> float:
    """The Box-Cox lambda in [0, 1] (steps of 0.01) with the highest weighted normal profile
    likelihood: -W/2 log(weighted variance) + (lambda - 1) * sum(w log x)."""
    w = weights / weights.sum()
    logs = float(w @ np.log(x))
    best, best_value = 1.0, -math.inf
    for lam in LAMBDAS:
        t = boxcox(x, float(lam))
        mean = float(w @ t)
        variance = float(w @ ((t - mean) ** 2))
        if variance <= 0:
            continue
        value = -0.5 * math.log(variance) + (float(lam) - 1) * logs
        if value > best_value:
            best, best_value = float(lam), value
    return best
