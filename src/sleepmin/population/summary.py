"""The population summary: where usual mineral intakes lie among people of one sex and DRI age
group in NHANES 2017-2018, and how many are below the EAR — built once from the CDC files by
`sleepmin data build-population`, kept as a small JSON file beside the food database, and read
by the diet analysis.

Deterministic: the same files give the same bytes (no clock, sorted keys, rounded numbers), and
the files' SHA-256 digests are recorded so anyone can see what it was built from.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from sleepmin.intake.targets import Profile, Sex, load_dri_table, personal_targets
from sleepmin.nutrients import Mineral
from sleepmin.population import survey
from sleepmin.population.nhanes import CDC_PAGE, CYCLE, MINERAL_CODE, Array, Respondents
from sleepmin.population.usual import MIN_PEOPLE, UsualIntake, usual_intakes

FORMAT = 1
PERCENTILES = tuple(range(1, 100))
# DRI age groups (years, upper bound exclusive): the ones the DRI tables use from age 1
AGE_GROUPS: tuple[tuple[float, float, str], ...] = (
    (1, 4, "1-3 y"),
    (4, 9, "4-8 y"),
    (9, 14, "9-13 y"),
    (14, 19, "14-18 y"),
    (19, 31, "19-30 y"),
    (31, 51, "31-50 y"),
    (51, 71, "51-70 y"),
    (71, math.inf, "71 y and over"),
)
PREGNANT_AGES = (14.0, 51.0)
RELIABLE = 1.0  # DR1DRSTZ / DR2DRSTZ: 1 = reliable and meets the minimum criteria
METHOD = (
    "Usual intake from both 24-hour recalls (people with two reliable recalls, two-day weight "
    "WTDR2D): the NRC/IOM shrinkage of day-to-day variance on a Box-Cox scale within each sex "
    "and DRI age group, day 2 shifted to day 1's mean (as the NCI method's sequence effect); "
    "weighted percentiles. Share below the EAR: the EAR cut-point method on usual intakes; for "
    "iron, the probability approach (requirements are skewed), with a log-normal requirement "
    "of median EAR and the RDA at its 97.5th percentile. Food only: the supplement file "
    "(DSQTOT_J) was not used, so totals with supplements are higher for many people."
)
CAVEATS = (
    "NHANES intakes are food only; supplements are not counted.",
    "One person's few logged days are not their usual intake: their percentile is a rough "
    "guide, not a measurement.",
    "Recalls under-report intake somewhat, especially energy; the shares below the EAR are "
    "estimates for the group, not a count of deficient people.",
)


@dataclass(frozen=True)
class Group:
    key: str
    sex: Sex
    age_min: float
    age_max: float
    pregnant: bool
    label: str


def groups() -> list[Group]:
    found = [
        Group(f"{sex.value} {label}", sex, low, high, False, f"{sex.value}s {label}")
        for sex in (Sex.FEMALE, Sex.MALE)
        for low, high, label in AGE_GROUPS
    ]
    low, high = PREGNANT_AGES
    found.append(Group("pregnant", Sex.FEMALE, low, high, True, "pregnant women 14-50 y"))
    return found


def group_for(profile: Profile) -> str | None:
    """The summary group a person belongs to (None under 1 year, or lactating: not told apart
    in these files)."""
    if profile.age_years < 1 or profile.lactating:
        return None
    if profile.pregnant:
        return "pregnant"
    for low, high, label in AGE_GROUPS:
        if low <= profile.age_years < high:
            return f"{profile.sex.value} {label}"
    return None


def build(people: Respondents) -> dict[str, Any]:
    """The summary, as JSON-ready data."""
    sex = people["RIAGENDR"]
    age = people["RIDAGEYR"]
    pregnant = people["RIDEXPRG"] == 1
    both_days = (people["DR1DRSTZ"] == RELIABLE) & (people["DR2DRSTZ"] == RELIABLE)
    weight = people["WTDR2D"]
    built, not_built = [], []
    for group in groups():
        in_sex = sex == (1 if group.sex is Sex.MALE else 2)
        in_age = (age >= group.age_min) & (age < group.age_max)
        chosen = in_sex & in_age & both_days & (weight > 0)
        chosen &= pregnant if group.pregnant else ~pregnant
        count = int(chosen.sum())
        if count < MIN_PEOPLE:
            not_built.append(
                {
                    "group": group.key,
                    "label": group.label,
                    "people": count,
                    "reason": f"{count} people with two reliable recalls; at least "
                    f"{MIN_PEOPLE} are needed for usual intakes",
                }
            )
            continue
        # pregnant women of all ages are one group: the adult (19-50) pregnancy EARs are used
        dri_age = max(group.age_min, 19.0) if group.pregnant else group.age_min
        profile = Profile(dri_age, group.sex, pregnant=group.pregnant)
        targets = personal_targets(profile, load_dri_table()).minerals
        minerals = {}
        for mineral, code in MINERAL_CODE.items():
            day1, day2 = people[f"DR1T{code}"][chosen], people[f"DR2T{code}"][chosen]
            fit = usual_intakes(day1, day2, weight[chosen])
            target = targets[mineral]
            minerals[mineral.value] = _mineral_summary(
                mineral, fit, target.ear_mg, target.target_mg, target.target_type
            )
        built.append(
            {
                "group": group.key,
                "label": group.label,
                "sex": group.sex.value,
                "age_min": group.age_min,
                "age_max": None if math.isinf(group.age_max) else group.age_max,
                "pregnant": group.pregnant,
                "people": count,
                "population": round(float(weight[chosen].sum())),
                "minerals": minerals,
            }
        )
    return {
        "format": FORMAT,
        "survey": CYCLE,
        "source": CDC_PAGE,
        "inputs": dict(sorted(people.inputs.items())),
        "method": METHOD,
        "caveats": list(CAVEATS),
        "groups": built,
        "not_built": not_built,
    }


def _mineral_summary(
    mineral: Mineral, fit: UsualIntake, ear: float | None, target: float, target_type: str
) -> dict[str, Any]:
    intakes, weights = fit.intakes, fit.weights
    share: float | None
    if ear is None:
        share, how = None, "no EAR (only an AI): a share below it cannot be told"
    elif mineral is Mineral.IRON and target_type == "RDA":
        # the probability approach: the mean chance that each usual intake is below a
        # requirement drawn from the skewed (log-normal) iron requirement distribution
        sigma = math.log(target / ear) / 1.96
        z = (np.log(np.maximum(intakes, 1e-9)) - math.log(ear)) / sigma
        chance = 0.5 * np.vectorize(math.erfc)(z / math.sqrt(2))
        share, how = float(weights @ chance / weights.sum()), "probability approach"
    else:
        share, how = float(weights @ (intakes < ear) / weights.sum()), "EAR cut-point"
    return {
        "percentiles_mg": [_round(survey.quantile(intakes, weights, p / 100)) for p in PERCENTILES],
        "median_mg": _round(survey.quantile(intakes, weights, 0.5)),
        "ear_mg": ear,
        "share_below_ear": None if share is None else round(share, 4),
        "share_method": how,
        "boxcox_lambda": fit.boxcox_lambda,
        "shrink": round(fit.shrink, 4),
    }


def _round(value: float) -> float:
    """Four significant figures: enough for a percentile, and stable across platforms."""
    if value == 0 or not math.isfinite(value):
        return float(value)
    return float(f"{value:.4g}")


@dataclass(frozen=True)
class Placement:
    group: Mapping[str, Any]
    percentile: float  # 0.5 means below the 1st percentile, 99.5 above the 99th
    below_first: bool
    above_last: bool


def place(
    summary: Mapping[str, Any], group_key: str, mineral: Mineral, intake_mg: float
) -> Placement | None:
    """Where ``intake_mg`` lies among the group's usual intakes: the percentile, read by linear
    interpolation between the 1st..99th percentiles (None when the group was not built)."""
    group = next((g for g in summary["groups"] if g["group"] == group_key), None)
    if group is None or not math.isfinite(intake_mg):
        return None
    cuts: Array = np.asarray(group["minerals"][mineral.value]["percentiles_mg"], dtype=np.float64)
    if intake_mg < cuts[0]:
        return Placement(group, 0.5, True, False)
    if intake_mg > cuts[-1]:
        return Placement(group, 99.5, False, True)
    ranks = np.asarray(PERCENTILES, dtype=np.float64)
    # equal cut values (a flat stretch) take the middle of their ranks, not the first
    low = float(np.interp(intake_mg, cuts, ranks))
    high = float(-np.interp(-intake_mg, -cuts[::-1], -ranks[::-1]))
    return Placement(group, round((low + high) / 2, 1), False, False)


def check_summary(data: object) -> dict[str, Any]:
    """``data`` as a summary this version can read, or ValueError naming what is wrong (a file
    edited by hand, cut short, or from another version)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"not a format-{FORMAT} population summary")
    if not isinstance(data.get("survey"), str) or not isinstance(data.get("caveats"), list):
        raise ValueError("the survey or its caveats are missing")
    if not isinstance(data.get("groups"), list) or not isinstance(data.get("not_built"), list):
        raise ValueError("the groups are missing")
    for group in data["groups"]:
        if not isinstance(group, dict) or not isinstance(group.get("group"), str):
            raise ValueError("a group has no key")
        key = group["group"]
        if not isinstance(group.get("label"), str) or not _count(group.get("people")):
            raise ValueError(f"the group {key!r} has no label or size")
        minerals = group.get("minerals")
        if not isinstance(minerals, dict) or set(minerals) != {m.value for m in Mineral}:
            raise ValueError(f"the group {key!r} lacks a mineral")
        for name, stats in minerals.items():
            _check_mineral(key, name, stats)
    for skipped in data["not_built"]:
        if not isinstance(skipped, dict) or not all(
            isinstance(skipped.get(k), str) for k in ("group", "label", "reason")
        ):
            raise ValueError("a group not built has no key, label or reason")
    return data


def _check_mineral(key: str, name: str, stats: object) -> None:
    where = f"the group {key!r}, {name}"
    if not isinstance(stats, dict):
        raise ValueError(f"{where}: not a table")
    cuts = stats.get("percentiles_mg")
    if (
        not isinstance(cuts, list)
        or len(cuts) != len(PERCENTILES)
        or not all(_number(c) and c >= 0 for c in cuts)
        or any(b < a for a, b in itertools.pairwise(cuts))
    ):
        raise ValueError(f"{where}: the percentiles are not 99 ascending amounts")
    share = stats.get("share_below_ear")
    if not _number(stats.get("median_mg")) or not isinstance(stats.get("share_method"), str):
        raise ValueError(f"{where}: no median or method")
    if share is not None and not (_number(share) and 0 <= share <= 1):
        raise ValueError(f"{where}: the share below the EAR is not between 0 and 1")
    if stats.get("ear_mg") is not None and not _number(stats.get("ear_mg")):
        raise ValueError(f"{where}: the EAR is not a number")


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0
