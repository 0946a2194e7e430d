"""Design-based survey estimates, checked against arithmetic done by hand, against textbook
special cases (robust SEs, the delta method) and by properties that must hold for any design."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special, stats

from sleepmin.population.survey import Design, Estimate, logistic, mean, proportion, quantile

# --- 1. Taylor linearisation by hand -------------------------------------------------------

# Two strata, two PSUs each, six rows with unequal weights.
#   row  stratum  psu  weight  y
#   r1   1        1    1       2
#   r2   1        1    2       4
#   r3   1        2    3       1
#   r4   2        1    2       3
#   r5   2        2    1       5
#   r6   2        2    1       0
TINY_STRATA = [1, 1, 1, 2, 2, 2]
TINY_PSU = [1, 1, 2, 1, 2, 2]
TINY_WEIGHTS = [1.0, 2.0, 3.0, 2.0, 1.0, 1.0]
TINY_Y = [2.0, 4.0, 1.0, 3.0, 5.0, 0.0]


def test_weighted_mean_and_its_variance_match_the_hand_computation() -> None:
    # sum w = 1+2+3+2+1+1 = 10;  sum w*y = 2+8+3+6+5+0 = 24;  mean = 24/10 = 2.4
    # z_i = w_i (y_i - 2.4) / 10:
    #   r1 1*(-0.4)/10 = -0.04   r2 2*( 1.6)/10 =  0.32   r3 3*(-1.4)/10 = -0.42
    #   r4 2*( 0.6)/10 =  0.12   r5 1*( 2.6)/10 =  0.26   r6 1*(-2.4)/10 = -0.24
    # PSU totals: stratum 1: psu1 = -0.04+0.32 = 0.28, psu2 = -0.42
    #             stratum 2: psu1 = 0.12,             psu2 = 0.26-0.24 = 0.02
    # stratum means: (0.28-0.42)/2 = -0.07;  (0.12+0.02)/2 = 0.07
    # squared deviations: stratum 1: 0.35^2 + 0.35^2 = 0.245; stratum 2: 0.05^2 + 0.05^2 = 0.005
    # n_h/(n_h-1) = 2/1 in both strata: V = 2*0.245 + 2*0.005 = 0.5
    design = Design(TINY_WEIGHTS, TINY_STRATA, TINY_PSU)
    estimate = mean(TINY_Y, design)
    assert estimate.value == pytest.approx(2.4, abs=1e-12)
    assert estimate.se == pytest.approx(math.sqrt(0.5), abs=1e-12)
    assert estimate.n == 6
    assert estimate.df == 2  # 4 PSUs - 2 strata
    assert design.degrees_of_freedom == 2


def test_confidence_interval_uses_t_on_the_design_degrees_of_freedom() -> None:
    estimate = mean(TINY_Y, Design(TINY_WEIGHTS, TINY_STRATA, TINY_PSU))
    t_2 = 4.302652729749464  # t_{0.975, 2}, much wider than the normal 1.96
    low, high = estimate.confidence_interval(0.95)
    assert low == pytest.approx(2.4 - t_2 * math.sqrt(0.5), abs=1e-9)
    assert high == pytest.approx(2.4 + t_2 * math.sqrt(0.5), abs=1e-9)


# Stratum 1 has three PSUs; the domain leaves out all of PSU 3 (row r4) and row r7.
#   row  stratum  psu  weight  y   in domain
#   r1   1        1    1       2   yes
#   r2   1        1    2       4   yes
#   r3   1        2    3       1   yes
#   r4   1        3    2       6   no
#   r5   2        1    2       3   yes
#   r6   2        2    1       5   yes
#   r7   2        2    1       0   no
DOMAIN_STRATA = [1, 1, 1, 1, 2, 2, 2]
DOMAIN_PSU = [1, 1, 2, 3, 1, 2, 2]
DOMAIN_WEIGHTS = [1.0, 2.0, 3.0, 2.0, 2.0, 1.0, 1.0]
DOMAIN_Y = [2.0, 4.0, 1.0, 6.0, 3.0, 5.0, 0.0]
IN_DOMAIN = [True, True, True, False, True, True, False]


def test_domain_keeps_every_psu_and_differs_from_dropping_rows() -> None:
    # Domain rows: sum w = 1+2+3+2+1 = 9; sum w*y = 2+8+3+6+5 = 24; mean = 24/9 = 8/3.
    # z_i = w_i (y_i - 8/3) / 9, zero outside the domain; in units of 1/27:
    #   r1 -2   r2 8   r3 -15   r4 0   r5 2   r6 7   r7 0
    # PSU totals (1/27): stratum 1: 6, -15, 0 (PSU 3 is still there, total 0); stratum 2: 2, 7
    # Kept in the design (n_1 = 3, n_2 = 2):
    #   stratum 1 mean -3, deviations 9, -12, 3: SS = 81+144+9 = 234, times 3/2 = 351
    #   stratum 2 mean 4.5, deviations -2.5, 2.5: SS = 12.5, times 2 = 25
    #   V = (351 + 25) / 27^2 = 376/729
    # Rows dropped first (PSU 3 vanishes, n_1 = 2):
    #   stratum 1 mean -4.5, deviations 10.5, -10.5: SS = 220.5, times 2 = 441
    #   V = (441 + 25) / 729 = 466/729  -- a different, wrong answer
    design = Design(DOMAIN_WEIGHTS, DOMAIN_STRATA, DOMAIN_PSU)
    in_domain = np.array(IN_DOMAIN)
    domain_estimate = mean(DOMAIN_Y, design, domain=in_domain)
    assert domain_estimate.value == pytest.approx(8 / 3, abs=1e-12)
    assert domain_estimate.se == pytest.approx(math.sqrt(376 / 729), abs=1e-12)
    assert domain_estimate.n == 5
    assert domain_estimate.df == 2  # 4 PSUs hold domain rows, 2 strata (R's degf on a subset)
    assert design.degrees_of_freedom == 3

    kept = np.flatnonzero(in_domain)
    dropped_design = Design(
        np.array(DOMAIN_WEIGHTS)[kept], np.array(DOMAIN_STRATA)[kept], np.array(DOMAIN_PSU)[kept]
    )
    dropped_estimate = mean(np.array(DOMAIN_Y)[kept], dropped_design)
    assert dropped_estimate.value == pytest.approx(8 / 3, abs=1e-12)  # same point estimate
    assert dropped_estimate.se == pytest.approx(math.sqrt(466 / 729), abs=1e-12)
    assert abs(dropped_estimate.se - domain_estimate.se) > 0.05


def test_missing_y_is_the_same_as_leaving_the_row_out_of_the_domain() -> None:
    design = Design(DOMAIN_WEIGHTS, DOMAIN_STRATA, DOMAIN_PSU)
    with_missing = np.where(IN_DOMAIN, DOMAIN_Y, np.nan)
    assert mean(with_missing, design) == mean(DOMAIN_Y, design, domain=IN_DOMAIN)


def test_dropping_rows_can_leave_a_stratum_with_one_psu_while_a_domain_cannot() -> None:
    # Without r3, stratum 1 of the tiny design has PSU 1 only: the dropped design is invalid,
    # while the domain estimate still has both PSUs (PSU 2 contributes a zero total).
    in_domain = np.array([True, True, False, True, True, True])
    estimate = mean(TINY_Y, Design(TINY_WEIGHTS, TINY_STRATA, TINY_PSU), domain=in_domain)
    assert estimate.n == 5
    kept = np.flatnonzero(in_domain)
    with pytest.raises(ValueError, match="fewer than 2 PSUs"):
        Design(np.array(TINY_WEIGHTS)[kept], np.array(TINY_STRATA)[kept], np.array(TINY_PSU)[kept])


def test_proportion_is_the_mean_of_the_indicator() -> None:
    design = Design(DOMAIN_WEIGHTS, DOMAIN_STRATA, DOMAIN_PSU)
    indicator = [1, 0, 1, 1, 0, np.nan, 1]
    # domain rows with an observed indicator: r1 (w1, 1), r2 (w2, 0), r3 (w3, 1), r5 (w2, 0)
    # share = (1 + 3) / (1 + 2 + 3 + 2) = 0.5
    share = proportion(indicator, design, domain=IN_DOMAIN)
    assert share.value == pytest.approx(0.5, abs=1e-12)
    assert share == mean(indicator, design, domain=IN_DOMAIN)


def test_psu_labels_are_nested_within_strata() -> None:
    # PSU "1" of stratum 1 and PSU "1" of stratum 2 are different PSUs (nest=TRUE).
    design = Design(TINY_WEIGHTS, ["a", "a", "a", "b", "b", "b"], TINY_PSU)
    assert design.degrees_of_freedom == 2
    assert mean(TINY_Y, design).se == pytest.approx(math.sqrt(0.5), abs=1e-12)


# --- 2. Logistic regression ----------------------------------------------------------------


def _simulated_survey(seed: int, n: int = 20_000) -> tuple[np.ndarray, np.ndarray, Design]:
    """15 strata x 2 PSUs; a covariate that clusters by PSU; weights that vary by PSU and row."""
    rng = np.random.default_rng(seed)
    strata = rng.integers(1, 16, n)
    psu = rng.integers(1, 3, n)
    psu_id = strata * 2 + psu
    psu_shift = rng.normal(0, 0.5, 40)[psu_id]
    weights = rng.lognormal(0, 0.3, 40)[psu_id] * rng.lognormal(0, 0.5, n) * 5_000
    exposure = rng.normal(0, 1, n) + psu_shift
    group = (rng.random(n) < 0.4).astype(float)
    true_beta = np.array([-1.0, 0.8, -0.5])
    covariates = np.column_stack([np.ones(n), exposure, group])
    y = (rng.random(n) < special.expit(covariates @ true_beta)).astype(float)
    return y, covariates, Design(weights, strata, psu)


def test_logistic_recovers_known_coefficients() -> None:
    y, covariates, design = _simulated_survey(seed=20170)
    fit = logistic(y, covariates, design, names=["intercept", "exposure", "group"])
    true_beta = np.array([-1.0, 0.8, -0.5])
    assert fit.n == 20_000
    assert fit.df == 15 == design.degrees_of_freedom
    assert np.all(fit.standard_errors < 0.1)
    assert np.all(np.abs(fit.coefficients - true_beta) < 4 * fit.standard_errors)
    assert np.allclose(fit.coefficients, true_beta, atol=0.1)


def test_scaling_the_weights_leaves_the_logistic_fit_unchanged() -> None:
    y, covariates, design = _simulated_survey(seed=7, n=3_000)
    rescaled = Design(design.weights / 5_000, design.strata, design.psu)
    first, second = logistic(y, covariates, design), logistic(y, covariates, rescaled)
    assert np.allclose(first.coefficients, second.coefficients, rtol=1e-10, atol=1e-12)
    assert np.allclose(first.covariance, second.covariance, rtol=1e-8, atol=1e-15)


def _plain_logistic_mle(y: np.ndarray, covariates: np.ndarray) -> np.ndarray:
    """Unweighted maximum likelihood by textbook Newton-Raphson, independent of the module."""
    beta = np.zeros(covariates.shape[1])
    for _ in range(100):
        p = special.expit(covariates @ beta)
        step = np.linalg.solve(
            covariates.T @ (covariates * (p * (1 - p))[:, None]), covariates.T @ (y - p)
        )
        beta = beta + step
        if np.max(np.abs(step)) < 1e-13:
            break
    return beta


def test_sandwich_with_one_row_per_psu_is_the_classic_robust_se() -> None:
    rng = np.random.default_rng(11)
    n = 400
    covariates = np.column_stack([np.ones(n), rng.normal(size=n), rng.random(n) < 0.5])
    y = (rng.random(n) < special.expit(covariates @ np.array([0.3, -0.7, 0.5]))).astype(float)
    # Equal weights, one stratum, each row its own PSU.
    design = Design(np.full(n, 3.7), np.zeros(n), np.arange(n))
    fit = logistic(y, covariates, design)

    beta = _plain_logistic_mle(y, covariates)
    assert np.allclose(fit.coefficients, beta, rtol=1e-9, atol=1e-12)
    # HC0: (X'WX)^-1 [sum x_i x_i' (y_i - p_i)^2] (X'WX)^-1, then n/(n-1) for the one stratum
    # (the PSU totals are the row scores, whose mean is 0 at the maximum).
    p = special.expit(covariates @ beta)
    bread = np.linalg.inv(covariates.T @ (covariates * (p * (1 - p))[:, None]))
    meat = (covariates * ((y - p) ** 2)[:, None]).T @ covariates
    robust = bread @ meat @ bread * n / (n - 1)
    assert np.allclose(fit.covariance, robust, rtol=1e-8, atol=0)
    assert np.allclose(fit.standard_errors, np.sqrt(np.diag(robust)), rtol=1e-8)


def test_intercept_only_model_is_the_proportion() -> None:
    y, _, design = _simulated_survey(seed=3, n=5_000)
    fit = logistic(y, np.ones((len(y), 1)), design)
    share = proportion(y, design)
    intercept = float(fit.coefficients[0])
    assert special.expit(intercept) == pytest.approx(share.value, abs=1e-12)
    # delta method: d/dbeta expit(beta) = p(1-p), so se(p) = p(1-p) se(beta)
    delta_se = share.value * (1 - share.value) * float(fit.standard_errors[0])
    assert delta_se == pytest.approx(share.se, rel=1e-9)


def test_odds_ratios_use_t_on_the_design_degrees_of_freedom() -> None:
    y, covariates, design = _simulated_survey(seed=5, n=5_000)
    fit = logistic(y, covariates, design, names=["intercept", "exposure", "group"])
    t_15 = 2.131449545559323  # t_{0.975, 15}
    assert stats.t.ppf(0.975, 15) == pytest.approx(t_15)
    ratios = fit.odds_ratios(0.95)
    assert [r.name for r in ratios] == ["intercept", "exposure", "group"]
    for ratio, beta, se in zip(ratios, fit.coefficients, fit.standard_errors, strict=True):
        assert ratio.odds_ratio == pytest.approx(math.exp(beta))
        assert ratio.lower == pytest.approx(math.exp(beta - t_15 * se))
        assert ratio.upper == pytest.approx(math.exp(beta + t_15 * se))


def test_logistic_domain_and_missing_covariates_stay_in_the_design() -> None:
    y, covariates, design = _simulated_survey(seed=9, n=4_000)
    in_domain = covariates[:, 2] == 0
    with_domain = logistic(y, covariates[:, :2], design, domain=in_domain)
    # A missing covariate takes the row out of the domain, the same as the mask.
    with_missing = covariates[:, :2].copy()
    with_missing[~in_domain, 1] = np.nan
    assert np.array_equal(with_domain.covariance, logistic(y, with_missing, design).covariance)
    # Point estimates equal a fit on the domain rows alone; only the variance needs the rest.
    kept = np.flatnonzero(in_domain)
    subset = Design(design.weights[kept], design.strata[kept], design.psu[kept])
    alone = logistic(y[kept], covariates[kept, :2], subset)
    assert np.allclose(with_domain.coefficients, alone.coefficients, rtol=1e-10)
    assert with_domain.n == len(kept)


def test_separation_is_an_error_not_an_answer() -> None:
    n = 200
    x = np.linspace(-1, 1, n)
    design = Design(np.ones(n), np.repeat([1, 2], n // 2), np.tile([1, 2], n // 2))
    covariates = np.column_stack([np.ones(n), x])
    with pytest.raises(ValueError, match="separated"):
        logistic((x > 0).astype(float), covariates, design)
    # quasi-complete: everyone in the group has y = 1, the rest are mixed
    group = (np.arange(n) % 4 == 0).astype(float)
    y = np.where(group == 1, 1.0, (np.arange(n) % 3 == 0).astype(float))
    with pytest.raises(ValueError, match="separated"):
        logistic(y, np.column_stack([np.ones(n), group]), design)


def test_degenerate_models_are_errors() -> None:
    n = 40
    design = Design(np.ones(n), np.repeat([1, 2], n // 2), np.tile([1, 2], n // 2))
    group = (np.arange(n) % 2).astype(float)
    y = (np.arange(n) % 3 == 0).astype(float)
    with pytest.raises(ValueError, match="both outcomes"):
        logistic(np.zeros(n), np.ones((n, 1)), design)
    with pytest.raises(ValueError, match="linearly dependent"):
        logistic(y, np.column_stack([np.ones(n), group, 1 - group]), design)
    with pytest.raises(ValueError, match="0 or 1"):
        logistic(y * 2, np.ones((n, 1)), design)
    with pytest.raises(ValueError, match="column of ones"):
        logistic(y, np.ones(n), design)
    with pytest.raises(ValueError, match="names"):
        logistic(y, np.ones((n, 1)), design, names=["a", "b"])


# --- 3. Properties -------------------------------------------------------------------------


@st.composite
def designs_with_values(draw: st.DrawFn) -> tuple[Design, np.ndarray]:
    """A random stratified design (1-4 strata, 2-3 PSUs each, 1-3 rows per PSU) and y."""
    strata: list[int] = []
    psus: list[int] = []
    for stratum in range(draw(st.integers(1, 4))):
        for psu in range(draw(st.integers(2, 3))):
            rows = draw(st.integers(1, 3))
            strata += [stratum] * rows
            psus += [psu] * rows
    n = len(strata)
    weights = draw(st.lists(st.floats(0.01, 1e4), min_size=n, max_size=n))
    y = draw(st.lists(st.floats(-1e3, 1e3), min_size=n, max_size=n))
    return Design(np.array(weights), np.array(strata), np.array(psus)), np.array(y)


@settings(max_examples=200, deadline=None)
@given(designs_with_values(), st.floats(-1e6, 1e6))
def test_mean_of_a_constant_is_that_constant_with_se_zero(
    drawn: tuple[Design, np.ndarray], constant: float
) -> None:
    design, _ = drawn
    estimate = mean(np.full(design.n_rows, constant), design)
    assert estimate.value == constant
    assert estimate.se == 0.0


@settings(max_examples=200, deadline=None)
@given(designs_with_values(), st.floats(1e-3, 1e3))
def test_scaling_all_weights_changes_nothing(
    drawn: tuple[Design, np.ndarray], factor: float
) -> None:
    design, y = drawn
    scaled = Design(design.weights * factor, design.strata, design.psu)
    before, after = mean(y, design), mean(y, scaled)
    assert after.value == pytest.approx(before.value, rel=1e-9, abs=1e-9)
    assert after.se == pytest.approx(before.se, rel=1e-7, abs=1e-9)
    assert (after.n, after.df) == (before.n, before.df)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(-1e6, 1e6), st.floats(0, 100)),
        min_size=1,
        max_size=30,
    ).filter(lambda rows: any(w > 0 for _, w in rows)),
    st.floats(0, 1),
    st.floats(0, 1),
)
def test_quantile_is_monotone_in_q_and_within_the_data(
    rows: list[tuple[float, float]], q1: float, q2: float
) -> None:
    y = np.array([value for value, _ in rows])
    weights = np.array([weight for _, weight in rows])
    low_q, high_q = sorted((q1, q2))
    low, high = quantile(y, weights, low_q), quantile(y, weights, high_q)
    assert low <= high
    weighted = y[weights > 0]
    assert weighted.min() <= low <= high <= weighted.max()


# --- Quantile definition: smallest y with cumulative weight share >= q ---------------------


def test_quantile_edges_ties_and_single_value() -> None:
    y = [3.0, 1.0, 2.0, 1.0]
    weights = [2.0, 1.0, 4.0, 1.0]  # sorted: 1 (w1), 1 (w1), 2 (w4), 3 (w2); total 8
    # cumulative shares by value: F(1) = 2/8 = 0.25, F(2) = 6/8 = 0.75, F(3) = 1
    assert quantile(y, weights, 0.0) == 1.0
    assert quantile(y, weights, 0.25) == 1.0  # tie at 1 reaches exactly 0.25
    assert quantile(y, weights, 0.2500001) == 2.0
    assert quantile(y, weights, 0.5) == 2.0
    assert quantile(y, weights, 0.75) == 2.0
    assert quantile(y, weights, 0.76) == 3.0
    assert quantile(y, weights, 1.0) == 3.0
    for q in (0.0, 0.3, 1.0):
        assert quantile([4.2], [0.5], q) == 4.2
    # rows with weight 0 or a missing y never count, not even for the minimum
    assert quantile([-100.0, 5.0, np.nan, 7.0], [0.0, 1.0, 3.0, 1.0], 0.0) == 5.0


def test_quantile_agrees_with_numpys_weighted_inverted_cdf() -> None:
    rng = np.random.default_rng(2)
    y = rng.normal(size=500).round(1)  # rounding makes ties
    weights = rng.lognormal(size=500)
    for q in np.linspace(0, 1, 101):
        expected = np.quantile(y, q, weights=weights, method="inverted_cdf")
        assert quantile(y, weights, float(q)) == expected


# --- 4. Careless input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weights", "strata", "psu", "message"),
    [
        ([1.0, 1.0, 1.0], [1, 1, 1, 1], [1, 2, 1, 2], "same length"),
        ([1.0, -1.0, 1.0, 1.0], [1, 1, 1, 1], [1, 2, 1, 2], "must be >= 0"),
        ([1.0, np.nan, 1.0, 1.0], [1, 1, 1, 1], [1, 2, 1, 2], "weight 0 instead"),
        ([1.0, np.inf, 1.0, 1.0], [1, 1, 1, 1], [1, 2, 1, 2], "missing or infinite"),
        ([1.0, 1.0, 1.0, 1.0], [1, 1, 2, 2], [1, 2, 1, 1], "collapse the stratum"),
        ([1.0, 1.0, 1.0, 0.0], [1, 1, 2, 2], [1, 2, 1, 2], "fewer than 2 PSUs with positive"),
        ([0.0, 0.0, 0.0, 0.0], [1, 1, 1, 1], [1, 2, 1, 2], "all weights are 0"),
        ([1.0, 1.0, 1.0, 1.0], [1, 1, np.nan, 1], [1, 2, 1, 2], "strata has missing"),
        ([], [], [], "no rows"),
    ],
)
def test_a_bad_design_names_the_problem_and_the_fix(
    weights: list[float], strata: list[float], psu: list[float], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        Design(weights, strata, psu)


def test_bad_estimation_input_names_the_problem_and_the_fix() -> None:
    design = Design(TINY_WEIGHTS, TINY_STRATA, TINY_PSU)
    with pytest.raises(ValueError, match="one value per design row"):
        mean([1.0, 2.0], design)
    with pytest.raises(ValueError, match="instead of dropping rows"):
        mean(TINY_Y, design, domain=[True, False])
    with pytest.raises(ValueError, match="True/False"):
        mean(TINY_Y, design, domain=[0, 1, 2, 0, 1, 0])
    with pytest.raises(ValueError, match="domain is empty"):
        mean(TINY_Y, design, domain=np.zeros(6, dtype=bool))
    with pytest.raises(ValueError, match="domain is empty"):
        mean(np.full(6, np.nan), design)
    with pytest.raises(ValueError, match="infinite"):
        mean([1.0, np.inf, 0, 0, 0, 0], design)
    with pytest.raises(ValueError, match="0 or 1"):
        proportion([0, 1, 2, 0, 1, 0], design)
    with pytest.raises(ValueError, match="equal length"):
        quantile([1.0, 2.0], [1.0], 0.5)
    with pytest.raises(ValueError, match="between 0 and 1"):
        quantile([1.0, 2.0], [1.0, 1.0], 1.5)
    with pytest.raises(ValueError, match="finite and >= 0"):
        quantile([1.0, 2.0], [1.0, -1.0], 0.5)
    with pytest.raises(ValueError, match="positive weight"):
        quantile([1.0, 2.0], [0.0, 0.0], 0.5)
    with pytest.raises(ValueError, match="level"):
        Estimate(1.0, 0.1, 10, 5).confidence_interval(95)
    with pytest.raises(ValueError, match="degrees of freedom"):
        Estimate(1.0, 0.1, 10, 0).confidence_interval()
