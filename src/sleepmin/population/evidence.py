"""What NHANES 2017-2018 says about mineral intake and sleep: design-based logistic regressions
of three sleep answers on quartiles of day-1 intake, adjusted for age, sex and energy, with the
checks that show the survey is read right. Built with the population summary.

Cross-sectional and self-reported: an association, not a cause. One day's recall sorts people
into quartiles only roughly.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import stats

from sleepmin.nutrients import Mineral
from sleepmin.population import survey
from sleepmin.population.nhanes import MINERAL_CODE, Array, Respondents

ADULT_AGE = 20.0
QUARTILES = ("Q1", "Q2", "Q3", "Q4")
OUTCOMES: dict[str, str] = {
    "trouble_sleeping": "ever told a doctor or other health professional of trouble sleeping "
    "(SLQ050)",
    "short_sleep": "under 7 hours' sleep on workdays or weekdays (SLD012 < 7)",
    "daytime_sleepiness": "overly sleepy during the day often or almost always (SLQ120 3-4)",
}
ADJUSTED_FOR = ("age (per 10 years)", "sex", "energy intake (per 1,000 kcal)")
WORDS = (
    "An association in a cross-sectional survey, not a cause: people who sleep badly may eat "
    "differently, and other things (health, income, work) go with both. Intake is one day's "
    "recall, food only. Six minerals, three answers and three quartiles make 54 odds ratios: "
    "a few will have intervals that leave out 1 by chance alone, so a single one, or one "
    "without a trend across the quartiles, says little."
)
# Published NHANES results on minerals and sleep, beside ours (shared/data/nhanes/PROVENANCE.md);
# neither used the 2017-2018 cycle, so they are a direction and a method to compare, not a
# figure to reproduce.
PUBLISHED: tuple[dict[str, Any], ...] = (
    {
        "citation": "Grandner MA, Jackson N, Gerstner JR, Knutson KL. Sleep symptoms associated "
        "with intake of specific dietary nutrients. J Sleep Res 2014;23(1):22-34.",
        "doi": "10.1111/jsr.12084",
        "data": "NHANES 2007-2008, n = 4,552; weighted logistic regression, OR per doubling of "
        "intake, adjusted for energy, other nutrients, exercise, BMI and sociodemographics",
        "findings": {
            "calcium": "difficulty falling asleep OR 0.83; non-restorative sleep OR 0.81",
            "potassium": "daytime sleepiness OR 0.70",
            "magnesium": "not among the nutrients retained",
            "iron": "not among the nutrients retained",
            "zinc": "not among the nutrients retained",
            "copper": "not among the nutrients retained",
        },
    },
    {
        "citation": "Ikonte CJ, Mun JG, Reider CA, Grant RW, Mitmesser SH. Micronutrient "
        "inadequacy in short sleep: analysis of the NHANES 2005-2016. Nutrients "
        "2019;11(10):2335.",
        "doi": "10.3390/nu11102335",
        "data": "NHANES 2005-2016, n = 26,211; usual intake from food and supplements",
        "findings": {
            "calcium": "short sleep (< 7 h) went with lower usual intake in adults 19+",
            "magnesium": "short sleep (< 7 h) went with lower usual intake in adults 19+",
        },
    },
    {
        "citation": "Nie Q, et al. Analysis of sleep for the American population: result from "
        "NHANES database. J Affect Disord 2024;347:134-143.",
        "doi": "10.1016/j.jad.2023.11.082",
        "data": "NHANES 2005-2018 pooled, adults 20+, n = 38,165",
        "findings": {"all": "trouble sleeping 27.3 % (25.7-28.9 %), rising over time"},
    },
)


def build_evidence(people: Respondents) -> dict[str, Any]:
    """The regressions for each mineral, and the survey checks."""
    weights = np.nan_to_num(people["WTDRD1"], nan=0.0)
    design = survey.Design(weights, people["SDMVSTRA"], people["SDMVPSU"])
    age, sex = people["RIDAGEYR"], people["RIAGENDR"]
    adults = (age >= ADULT_AGE) & (people["DR1DRSTZ"] == 1) & (weights > 0)
    adults &= people["RIDEXPRG"] != 1  # pregnancy changes both intake and sleep
    outcomes = _outcomes(people)
    energy = people["DR1TKCAL"] / 1000
    minerals = {}
    for mineral, code in MINERAL_CODE.items():
        intake = people[f"DR1T{code}"]
        domain = adults & np.isfinite(intake) & np.isfinite(energy)
        cuts = [survey.quantile(intake[domain], weights[domain], q) for q in (0.25, 0.5, 0.75)]
        # 0..3; a value at a cut goes below it
        quartile = np.digitize(intake, cuts, right=True).astype(np.float64)
        # each quartile scored by its weighted median intake, for the trend test
        medians = np.full(len(intake), np.nan)
        for q in range(4):
            members = domain & (quartile == q)
            medians[members] = survey.quantile(intake[members], weights[members], 0.5)
        minerals[mineral.value] = {
            "cuts_mg": [round(c, 3) for c in cuts],
            "outcomes": {
                name: _regression(outcome, quartile, medians, age, sex, energy, design, domain)
                for name, outcome in outcomes.items()
            },
        }
    return {
        "adjusted_for": list(ADJUSTED_FOR),
        "weights": "WTDRD1 (day-1 dietary weight), adults 20+ with a reliable day-1 recall, not "
        "pregnant; strata SDMVSTRA, PSU SDMVPSU, Taylor linearisation",
        "outcomes": OUTCOMES,
        "minerals": minerals,
        "words": WORDS,
        "published": list(PUBLISHED),
        "checks": survey_checks(people),
    }


def _outcomes(people: Respondents) -> dict[str, Array]:
    trouble = np.where(people["SLQ050"] == 1, 1.0, np.where(people["SLQ050"] == 2, 0.0, np.nan))
    hours = people["SLD012"]
    short = np.where(np.isfinite(hours), (hours < 7).astype(float), np.nan)
    sleepy_code = people["SLQ120"]
    sleepy = np.where(
        np.isin(sleepy_code, (3, 4)), 1.0, np.where(np.isin(sleepy_code, (0, 1, 2)), 0.0, np.nan)
    )
    return {"trouble_sleeping": trouble, "short_sleep": short, "daytime_sleepiness": sleepy}


def _regression(
    outcome: Array,
    quartile: Array,
    intake_median: Array,
    age: Array,
    sex: Array,
    energy: Array,
    design: survey.Design,
    domain: Array,
) -> dict[str, Any]:
    within = domain & np.isfinite(outcome)
    columns = [
        np.ones(len(outcome)),
        *((quartile == q).astype(float) for q in (1, 2, 3)),
        age / 10,
        (sex == 1).astype(float),
        energy,
    ]
    names = ["intercept", "Q2", "Q3", "Q4", "age_per_10y", "male", "kcal_per_1000"]
    x = np.column_stack([np.nan_to_num(c) for c in columns])
    fit = survey.logistic(np.nan_to_num(outcome), x, design, domain=within, names=names)
    ratios = {r.name: r for r in fit.odds_ratios(0.95)}
    by_quartile = []
    for q, label in enumerate(QUARTILES):
        share = survey.proportion(outcome, design, domain=within & (quartile == q))
        low, high = share.confidence_interval(0.95)
        odds = ratios.get(label)
        by_quartile.append(
            {
                "quartile": label,
                "people": share.n,
                "share": round(share.value, 4),
                "share_ci": [round(max(low, 0.0), 4), round(min(high, 1.0), 4)],
                "odds_ratio": 1.0 if odds is None else round(odds.odds_ratio, 3),
                "odds_ratio_ci": None
                if odds is None
                else [round(odds.lower, 3), round(odds.upper, 3)],
            }
        )
    return {
        "people": fit.n,
        "df": fit.df,
        "p_trend": round(_p_trend(outcome, intake_median, age, sex, energy, design, within), 4),
        "quartiles": by_quartile,
    }


def _p_trend(
    outcome: Array,
    quartile_median: Array,
    age: Array,
    sex: Array,
    energy: Array,
    design: survey.Design,
    within: Array,
) -> float:
    """The test for a trend across quartiles: each person's quartile scored by its weighted
    median intake, as one continuous term in the same model; a Wald t test with the design's
    degrees of freedom."""
    x = np.column_stack(
        [
            np.ones(len(outcome)),
            np.nan_to_num(quartile_median) / np.nanmax(quartile_median),  # scaled to about 1
            np.nan_to_num(age) / 10,
            (sex == 1).astype(float),
            np.nan_to_num(energy),
        ]
    )
    fit = survey.logistic(np.nan_to_num(outcome), x, design, domain=within)
    t = float(fit.coefficients[1] / fit.standard_errors[1])
    return float(2 * stats.t.sf(abs(t), fit.df))


def survey_checks(people: Respondents) -> dict[str, Any]:
    """The figures PROVENANCE.md gives for this cycle, recomputed with the design, so a reader
    can see the files were read and weighted right."""
    age = people["RIDAGEYR"]
    interview = survey.Design(
        np.nan_to_num(people["WTINT2YR"]), people["SDMVSTRA"], people["SDMVPSU"]
    )
    trouble = np.where(people["SLQ050"] == 1, 1.0, np.where(people["SLQ050"] == 2, 0.0, np.nan))
    share = survey.proportion(trouble, interview, domain=age >= ADULT_AGE)
    day1 = survey.Design(np.nan_to_num(people["WTDRD1"]), people["SDMVSTRA"], people["SDMVPSU"])
    reliable = (age >= ADULT_AGE) & (people["DR1DRSTZ"] == 1)
    magnesium = people[f"DR1T{MINERAL_CODE[Mineral.MAGNESIUM]}"]
    checks = {
        "trouble_sleeping_share_adults": _estimate(
            share, 4, "WTINT2YR", "30.2 % (SE 1.3) in PROVENANCE.md"
        )
    }
    for group, chosen, expected in (
        ("all", np.ones(len(age), dtype=bool), 305.6),
        ("men", people["RIAGENDR"] == 1, 342.5),
        ("women", people["RIAGENDR"] == 2, 271.4),
    ):
        mean = survey.mean(magnesium, day1, domain=reliable & chosen)
        checks[f"magnesium_day1_mean_mg_{group}"] = _estimate(
            mean, 1, "WTDRD1", f"{expected} mg in PROVENANCE.md"
        )
    return checks


def _estimate(estimate: survey.Estimate, digits: int, weight: str, expected: str) -> dict[str, Any]:
    low, high = estimate.confidence_interval(0.95)
    return {
        "value": round(estimate.value, digits),
        "se": round(estimate.se, digits + 1),
        "ci": [round(low, digits), round(high, digits)],
        "people": estimate.n,
        "weight": weight,
        "expected": expected,
    }
