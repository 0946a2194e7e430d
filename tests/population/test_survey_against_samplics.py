"""Our design-based estimates against samplics, a separate survey library.

test_survey.py checks survey.py's formulas by hand. This file checks the same estimates against
code written by someone else: samplics' TaylorEstimator (means, proportions, domains) and
SurveyGLM (logistic regression). Both use Taylor linearisation with PSUs sampled with
replacement and no finite population correction, so the answers must agree to rounding, on a
simulated design and on the real NHANES 2017-2018 files.

samplics is a dev dependency only. It is imported inside the helpers so that collecting the
suite does not pay for pandas, polars and statsmodels.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from sleepmin.population.nhanes import Respondents, read_folder
from sleepmin.population.survey import Design, Estimate, logistic, mean, proportion

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

pytestmark = [
    pytest.mark.slow,
    # samplics 0.6 is archived: importing it warns that its successor is `svy`.
    pytest.mark.filterwarnings("ignore:samplics is archived:FutureWarning"),
]

# Means and proportions: the same formula, so the only difference is the order of summation
# (observed: a few 1e-16).
SAME_FORMULA = 1e-12
# Logistic regression: statsmodels' IRLS inside SurveyGLM stops once the deviance changes by
# less than 1e-8 (relative); our Newton runs to the end. Observed: about 1e-13.
GLM_CONVERGENCE = 1e-7


@dataclass(frozen=True)
class SimulatedSurvey:
    """A stratified cluster sample like NHANES: clustered outcomes, unequal weights."""

    weights: FloatArray
    strata: IntArray
    psu: IntArray
    age: FloatArray
    sleep_hours: FloatArray
    adult: BoolArray  # the domain

    @property
    def design(self) -> Design:
        return Design(self.weights, self.strata, self.psu)


def simulate_survey(seed: int, *, three_psus_in_stratum: int | None = None) -> SimulatedSurvey:
    """15 strata of 2 PSUs (3 in ``three_psus_in_stratum``, whose third PSU holds no adult),
    80 to 160 people per PSU; the PSU shifts the outcome and the stratum shifts the weights."""
    rng = np.random.default_rng(seed)
    strata_of_rows: list[int] = []
    psu_of_rows: list[int] = []
    for stratum_label in range(134, 149):
        for psu_label in range(1, 4 if stratum_label == three_psus_in_stratum else 3):
            people = int(rng.integers(80, 161))
            strata_of_rows += [stratum_label] * people
            psu_of_rows += [psu_label] * people
    strata = np.array(strata_of_rows, dtype=np.int64)
    psu = np.array(psu_of_rows, dtype=np.int64)
    rows = len(strata)
    weights = rng.lognormal(np.log(20_000), 0.8, rows) * (1 + 0.1 * (strata - 134))
    age = rng.integers(1, 81, rows).astype(np.float64)
    psu_shift = rng.normal(0.0, 0.6, size=(149, 4))[strata, psu]
    sleep_hours = 7.5 - 0.01 * age + psu_shift + rng.normal(0.0, 1.2, rows)
    adult = age >= 20
    if three_psus_in_stratum is not None:
        # A whole PSU outside the domain: it still counts in n_h for the variance.
        adult &= ~((strata == three_psus_in_stratum) & (psu == 3))
    return SimulatedSurvey(weights, strata, psu, age, sleep_hours, adult)


DESIGNS = {
    "15 strata x 2 PSUs": simulate_survey(20170),
    "one stratum with 3 PSUs": simulate_survey(20171, three_psus_in_stratum=140),
}


@dataclass(frozen=True)
class SamplicsEstimate:
    value: float
    se: float
    df: int


def samplics_taylor(
    statistic: str,
    y: FloatArray,
    weights: FloatArray,
    strata: npt.ArrayLike,
    psu: npt.ArrayLike,
    domain: BoolArray | None = None,
) -> SamplicsEstimate:
    """samplics' TaylorEstimator for the mean of y, or the share of y == 1 ("proportion").

    Like ours, a NaN y is outside the domain. samplics would turn it into NaN scores (it zeroes
    rows outside the domain by multiplying), so NaN becomes 0 and leaves the domain instead.
    The default fpc=1 is sampling with replacement; the df is the whole design's, PSUs minus
    strata, whatever the domain.
    """
    from samplics import PopParam, TaylorEstimator

    observed = ~np.isnan(y)
    if domain is None and not observed.all():
        domain = np.ones(len(y), dtype=np.bool_)
    if domain is not None:
        domain = domain & observed
    param = {"mean": PopParam.mean, "proportion": PopParam.prop}[statistic]
    estimator = TaylorEstimator(param)
    estimator.estimate(
        y=np.nan_to_num(y), samp_weight=weights, stratum=strata, psu=psu, domain=domain
    )
    value, se = estimator.point_est, estimator.stderror
    if domain is not None:  # results by domain value: ours is True
        value, se = value[True], se[True]
    if param is PopParam.prop:  # results by category: ours is 1
        value, se = value[1], se[1]
    return SamplicsEstimate(float(value), float(se), int(estimator.degree_of_freedom))


OURS = {"mean": mean, "proportion": proportion}


def assert_same(ours: Estimate, theirs: SamplicsEstimate) -> None:
    assert ours.value == pytest.approx(theirs.value, rel=SAME_FORMULA)
    assert ours.se == pytest.approx(theirs.se, rel=SAME_FORMULA)


@pytest.mark.parametrize("name", DESIGNS)
@pytest.mark.parametrize("statistic", ["mean", "proportion"])
def test_mean_and_proportion_match_samplics_on_a_simulated_design(
    name: str, statistic: str
) -> None:
    survey = DESIGNS[name]
    design = survey.design
    y = survey.sleep_hours if statistic == "mean" else (survey.sleep_hours < 7).astype(float)
    columns = (survey.weights, survey.strata, survey.psu)

    everyone = OURS[statistic](y, design)
    theirs = samplics_taylor(statistic, y, *columns)
    assert_same(everyone, theirs)
    assert everyone.df == theirs.df == design.degrees_of_freedom

    adults = OURS[statistic](y, design, domain=survey.adult)
    assert adults.n < everyone.n
    # Value and SE only: samplics gives a domain the whole design's df, while ours, like R's
    # degf, leaves out a PSU with no row in the domain (15 against 16 in the 3-PSU design).
    assert_same(adults, samplics_taylor(statistic, y, *columns, domain=survey.adult))


@pytest.mark.parametrize("name", DESIGNS)
def test_logistic_matches_samplics_survey_glm(name: str) -> None:
    # No domain: SurveyGLM has none and would have to drop rows, changing n_h.
    from samplics import ModelType, SurveyGLM

    survey = DESIGNS[name]
    rng = np.random.default_rng(7)
    rows = len(survey.weights)
    exercise_hours = rng.gamma(2.0, 1.5, rows)
    smoker = (rng.random(rows) < 0.3).astype(float)
    log_odds = -1.0 + 0.02 * (survey.age - 40) - 0.15 * exercise_hours + 0.5 * smoker
    short_sleep = (rng.random(rows) < 1 / (1 + np.exp(-log_odds))).astype(float)
    x = np.column_stack([np.ones(rows), survey.age, exercise_hours, smoker])

    ours = logistic(short_sleep, x, survey.design, names=["1", "age", "exercise", "smoker"])
    theirs = SurveyGLM(ModelType.LOGISTIC)
    theirs.estimate(
        y=short_sleep, x=x, samp_weight=survey.weights, stratum=survey.strata, psu=survey.psu
    )

    np.testing.assert_allclose(ours.coefficients, theirs.beta["point_est"], rtol=GLM_CONVERGENCE)
    np.testing.assert_allclose(ours.standard_errors, theirs.beta["stderror"], rtol=GLM_CONVERGENCE)
    their_covariance = np.asarray(theirs.beta_cov, dtype=np.float64)  # typed as a dict
    scale = float(np.max(np.diag(their_covariance)))
    np.testing.assert_allclose(
        ours.covariance, their_covariance, rtol=GLM_CONVERGENCE, atol=GLM_CONVERGENCE * scale
    )


@pytest.fixture(scope="module")
def people(shared_nhanes: Path) -> Respondents:
    return read_folder(shared_nhanes)


def test_nhanes_share_of_adults_told_of_trouble_sleeping_matches_samplics(
    people: Respondents,
) -> None:
    # SLQ050: 1 yes, 2 no; 7, 9 and blank are missing. Adults are 20+, weighted for the interview.
    told = np.where(np.isin(people["SLQ050"], (1, 2)), people["SLQ050"] == 1, np.nan)
    weights = people["WTINT2YR"]
    adult = people["RIDAGEYR"] >= 20
    design = Design(weights, people["SDMVSTRA"], people["SDMVPSU"])

    ours = proportion(told, design, domain=adult)
    theirs = samplics_taylor(
        "proportion", told, weights, people["SDMVSTRA"], people["SDMVPSU"], domain=adult
    )
    assert_same(ours, theirs)
    assert ours.value == pytest.approx(0.302, abs=5e-4)  # PROVENANCE.md: 30.2 %


def test_nhanes_adult_day1_magnesium_mean_matches_samplics(people: Respondents) -> None:
    # Day-1 dietary weight (NaN for people without a recall: weight 0, still in the design);
    # adults 20+ whose recall met the minimum criteria (DR1DRSTZ 1).
    weights = np.nan_to_num(people["WTDRD1"])
    reliable_adult = (people["RIDAGEYR"] >= 20) & (people["DR1DRSTZ"] == 1)
    magnesium = people["DR1TMAGN"]
    design = Design(weights, people["SDMVSTRA"], people["SDMVPSU"])

    ours = mean(magnesium, design, domain=reliable_adult)
    theirs = samplics_taylor(
        "mean", magnesium, weights, people["SDMVSTRA"], people["SDMVPSU"], domain=reliable_adult
    )
    assert_same(ours, theirs)
    assert ours.value == pytest.approx(305.6, abs=0.05)  # PROVENANCE.md
