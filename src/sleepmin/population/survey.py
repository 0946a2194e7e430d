"""Design-based estimates from complex surveys such as NHANES: stratified, two or more PSUs per
stratum, unequal sampling weights.

Variances use Taylor linearisation with PSUs treated as sampled with replacement, the same as R
``survey::svydesign(id=~SDMVPSU, strata=~SDMVSTRA, weights=~W, nest=TRUE)`` followed by
``svymean``, ``svyglm(family=quasibinomial)`` and ``svyquantile(qrule="math")``. Every estimate is
a function of per-row linearised scores z_i; its variance is

    V = sum_h n_h / (n_h - 1) * sum_j (z_hj - mean_j z_hj)(z_hj - mean_j z_hj)^T

where z_hj is the total of z_i over PSU j of stratum h and n_h counts the stratum's PSUs.

Subpopulations (domains) keep every row: rows outside the domain, or with a missing value, get
weight 0 and so a zero score, but their PSUs still count in n_h. Dropping rows first would
shrink n_h whenever a whole PSU falls outside the domain and give the wrong standard error.

Why not a library at run time: samplics 0.6 installs pandas, polars, pyarrow and statsmodels,
over 250 MB, for what is about sixty lines of numpy here (and is now archived in favour of svy);
statsmodels alone has no stratified cluster-robust covariance with the n_h/(n_h-1) factor. The
tests check these formulas by hand, and against samplics' Taylor estimator and survey GLM (a
dev dependency only): means, proportions, domains and the logistic fit agree to 1e-12 (1e-7 for
the GLM, its own convergence tolerance), on simulated designs and on NHANES itself.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import special, stats

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]

# A fitted probability this close to 0 or 1 means a coefficient is running off to infinity
# (R's glm warns at the same threshold, 10 * machine epsilon).
_SATURATED = 10 * np.finfo(np.float64).eps
# Newton stops when the predicted gain in (weight-normalised) log-likelihood is below this.
_NEWTON_DECREMENT = 1e-20
# Slack for "cumulative weight share >= q" so that a share equal to q up to rounding counts.
_QUANTILE_SLACK = 1e-12


def _readonly(array: npt.NDArray[Any]) -> npt.NDArray[Any]:
    array.setflags(write=False)
    return array


def _labels(values: npt.ArrayLike, name: str) -> npt.NDArray[Any]:
    labels = np.asarray(values)
    if labels.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional (one label per row)")
    if labels.dtype.kind not in "biufUS":
        raise ValueError(f"{name} must hold numbers or strings; convert the column first")
    if labels.dtype.kind == "f" and not np.all(np.isfinite(labels)):
        raise ValueError(
            f"{name} has missing (NaN) labels; every row needs its {name} "
            "(rows outside the analysis keep their design labels and get weight 0)"
        )
    return labels


class Design:
    """A stratified cluster design: sampling weights, stratum and PSU of every row.

    PSU labels are nested within strata (PSU 1 of stratum 1 is not PSU 1 of stratum 2), as
    with ``nest=TRUE`` in R. Build one Design from all rows of the survey and express
    subpopulations through ``domain`` masks; rows with weight 0 are allowed and kept.
    """

    def __init__(self, weights: npt.ArrayLike, strata: npt.ArrayLike, psu: npt.ArrayLike) -> None:
        weight_values = np.asarray(weights, dtype=np.float64)
        stratum_labels = _labels(strata, "strata")
        psu_labels = _labels(psu, "psu")
        if weight_values.ndim != 1:
            raise ValueError("weights must be one-dimensional (one weight per row)")
        lengths = (len(weight_values), len(stratum_labels), len(psu_labels))
        if len(set(lengths)) != 1:
            raise ValueError(
                f"weights, strata and psu must have the same length, got {lengths}; "
                "pass the three columns of the same rows"
            )
        if lengths[0] == 0:
            raise ValueError("the design has no rows; pass the survey's weights, strata and psu")
        not_finite = ~np.isfinite(weight_values)
        if not_finite.any():
            raise ValueError(
                f"weights has {int(not_finite.sum())} missing or infinite values "
                f"(first at row {int(np.argmax(not_finite))}); give rows outside the "
                "analysis weight 0 instead, so the design stays intact"
            )
        negative = weight_values < 0
        if negative.any():
            raise ValueError(
                f"weights must be >= 0, found {int(negative.sum())} negative "
                f"(first at row {int(np.argmax(negative))}); pass the sampling weight column"
            )
        if not (weight_values > 0).any():
            raise ValueError("all weights are 0; pass the sampling weight column")

        stratum_names, stratum_of_row = np.unique(stratum_labels, return_inverse=True)
        psu_names, psu_label_of_row = np.unique(psu_labels, return_inverse=True)
        # Nest PSUs in strata: a PSU is the pair (stratum, psu label).
        pair_key = stratum_of_row.astype(np.int64) * len(psu_names) + psu_label_of_row
        pair_keys, psu_of_row = np.unique(pair_key, return_inverse=True)
        stratum_of_psu = (pair_keys // len(psu_names)).astype(np.intp)

        positive_psus = np.unique(psu_of_row[weight_values > 0])
        positive_per_stratum = np.bincount(
            stratum_of_psu[positive_psus], minlength=len(stratum_names)
        )
        lonely = np.flatnonzero(positive_per_stratum < 2)
        if lonely.size:
            shown = ", ".join(str(stratum_names[i]) for i in lonely[:5])
            raise ValueError(
                f"stratum {shown} has fewer than 2 PSUs with positive weight; variance with "
                "PSUs sampled with replacement needs at least 2 per stratum. Check that strata "
                "and psu are the design columns (e.g. SDMVSTRA, SDMVPSU), or collapse the "
                "stratum into a neighbouring one"
            )

        self.weights: FloatArray = _readonly(weight_values.copy())
        self.strata: npt.NDArray[Any] = _readonly(stratum_labels.copy())
        self.psu: npt.NDArray[Any] = _readonly(psu_labels.copy())
        self._psu_of_row: IntArray = psu_of_row.astype(np.intp)
        self._stratum_of_psu: IntArray = stratum_of_psu
        # n_h counts every PSU of the design, as R does, even one whose rows all weigh 0.
        self._psus_per_stratum: IntArray = np.bincount(stratum_of_psu).astype(np.intp)

    @property
    def n_rows(self) -> int:
        return len(self.weights)

    @property
    def degrees_of_freedom(self) -> int:
        """PSUs minus strata among rows with positive weight (R's ``degf``); NHANES: 30 - 15."""
        return self._degrees_of_freedom(self.weights > 0)

    def _degrees_of_freedom(self, contributing: BoolArray) -> int:
        # Like R's degf on a subset design: only PSUs and strata holding contributing rows.
        psus = np.unique(self._psu_of_row[contributing])
        return len(psus) - len(np.unique(self._stratum_of_psu[psus]))

    def _covariance(self, scores: FloatArray) -> FloatArray:
        """The with-replacement covariance of the totals of ``scores`` (n rows x k columns)."""
        n_psus = len(self._stratum_of_psu)
        psu_totals = np.column_stack(
            [np.bincount(self._psu_of_row, weights=column, minlength=n_psus) for column in scores.T]
        )
        stratum_sums = np.zeros((len(self._psus_per_stratum), scores.shape[1]))
        np.add.at(stratum_sums, self._stratum_of_psu, psu_totals)
        stratum_means = stratum_sums / self._psus_per_stratum[:, None]
        centred = psu_totals - stratum_means[self._stratum_of_psu]
        n_h = self._psus_per_stratum[self._stratum_of_psu].astype(np.float64)
        covariance: FloatArray = (centred * (n_h / (n_h - 1))[:, None]).T @ centred
        return covariance

    def _vector(self, values: npt.ArrayLike, name: str) -> FloatArray:
        vector = np.asarray(values, dtype=np.float64)
        if vector.ndim != 1 or len(vector) != self.n_rows:
            raise ValueError(
                f"{name} must have one value per design row ({self.n_rows}), got shape "
                f"{vector.shape}; keep every row and mark exclusions with domain or NaN"
            )
        if np.isinf(vector).any():
            raise ValueError(f"{name} has infinite values; use NaN for a missing value")
        return vector

    def _domain(self, domain: npt.ArrayLike | None) -> BoolArray:
        if domain is None:
            return np.ones(self.n_rows, dtype=np.bool_)
        mask = np.asarray(domain)
        if mask.ndim != 1 or len(mask) != self.n_rows:
            raise ValueError(
                f"domain must be a mask with one entry per design row ({self.n_rows}), got "
                f"shape {mask.shape}; mark the subpopulation instead of dropping rows"
            )
        if mask.dtype != np.bool_:
            if mask.dtype.kind not in "iuf" or not np.isin(mask, (0, 1)).all():
                raise ValueError("domain must be True/False (or 1/0) for every row")
            mask = mask.astype(np.bool_)
        return mask


def _t_quantile(level: float, df: int) -> float:
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1 (e.g. 0.95), got {level}")
    if df < 1:
        raise ValueError(
            f"no degrees of freedom left ({df}): the estimate rests on one PSU per stratum, "
            "so no confidence interval; widen the domain"
        )
    return float(stats.t.ppf((1 + level) / 2, df))


@dataclass(frozen=True)
class Estimate:
    """A design-based estimate: value, linearised standard error, rows used (unweighted) and
    design degrees of freedom (PSUs minus strata holding those rows, as R's ``degf``)."""

    value: float
    se: float
    n: int
    df: int

    def confidence_interval(self, level: float = 0.95) -> tuple[float, float]:
        """Wald interval value ± t_df * se. For a proportion near 0 or 1 it can leave [0, 1]."""
        half_width = _t_quantile(level, self.df) * self.se
        return self.value - half_width, self.value + half_width


def _contributing(design: Design, in_domain: BoolArray) -> tuple[FloatArray, BoolArray]:
    """Domain weights (zero outside) and the rows that carry weight; an empty domain is an
    error because every estimate would divide by zero."""
    domain_weights = np.where(in_domain, design.weights, 0.0)
    contributing = domain_weights > 0
    if not contributing.any():
        raise ValueError(
            "the domain is empty: no row in it has an observed value and positive weight; "
            "check the domain mask and the missing values"
        )
    return domain_weights, contributing


def mean(y: npt.ArrayLike, design: Design, domain: npt.ArrayLike | None = None) -> Estimate:
    """Weighted mean of ``y`` over the domain (a ratio estimator) with its linearised SE.

    Rows with NaN ``y`` are treated as outside the domain (like ``na.rm=TRUE`` in R).
    """
    values = design._vector(y, "y")
    in_domain = design._domain(domain) & ~np.isnan(values)
    domain_weights, contributing = _contributing(design, in_domain)
    observed = np.where(in_domain, values, 0.0)
    total_weight = float(domain_weights.sum())
    # Centre on one observed value first: a constant y then gives exactly its value and SE 0.
    reference = float(observed[np.argmax(contributing)])
    estimate = reference + float(domain_weights @ (observed - reference)) / total_weight
    # Linearised value of the ratio sum(w y) / sum(w): z_i = w_i (y_i - mean) / sum(w).
    scores = domain_weights * (observed - estimate) / total_weight
    variance = float(design._covariance(scores[:, None])[0, 0])
    return Estimate(
        value=estimate,
        se=math.sqrt(max(variance, 0.0)),
        n=int(contributing.sum()),
        df=design._degrees_of_freedom(contributing),
    )


def proportion(
    indicator: npt.ArrayLike, design: Design, domain: npt.ArrayLike | None = None
) -> Estimate:
    """Weighted share of rows with ``indicator`` 1 among the domain (NaN = missing)."""
    values = design._vector(indicator, "indicator")
    observed = values[~np.isnan(values)]
    if not np.isin(observed, (0.0, 1.0)).all():
        raise ValueError("indicator must be 0 or 1 (or NaN for missing); recode it first")
    return mean(values, design, domain)


def quantile(y: npt.ArrayLike, weights: npt.ArrayLike, q: float) -> float:
    """The weighted q-quantile: the smallest y whose cumulative weight share is >= q.

    This is the inverse of the weighted empirical CDF, R's ``svyquantile(qrule="math")`` and
    numpy's ``method="inverted_cdf"``: no interpolation, so the answer is always an observed
    value. q=0 gives the smallest and q=1 the largest value with positive weight. Rows with
    NaN y or weight 0 are ignored (a point quantile needs no design, so dropping them is safe).
    """
    values = np.asarray(y, dtype=np.float64)
    weight_values = np.asarray(weights, dtype=np.float64)
    if values.ndim != 1 or values.shape != weight_values.shape:
        raise ValueError(
            f"y and weights must be one-dimensional and of equal length, got shapes "
            f"{values.shape} and {weight_values.shape}; pass the same rows"
        )
    if not math.isfinite(q) or not 0 <= q <= 1:
        raise ValueError(f"q must be between 0 and 1 (0.5 for the median), got {q}")
    if not np.isfinite(weight_values).all() or (weight_values < 0).any():
        raise ValueError("weights must be finite and >= 0; give rows to ignore weight 0")
    if np.isinf(values).any():
        raise ValueError("y has infinite values; use NaN for a missing value")
    kept = ~np.isnan(values) & (weight_values > 0)
    if not kept.any():
        raise ValueError("no row has an observed y and positive weight; nothing to rank")
    order = np.argsort(values[kept], kind="stable")
    sorted_values = values[kept][order]
    cumulative = np.cumsum(weight_values[kept][order])
    total = cumulative[-1]
    target = q * total - _QUANTILE_SLACK * total
    position = int(np.searchsorted(cumulative, target, side="left"))
    return float(sorted_values[min(position, len(sorted_values) - 1)])


@dataclass(frozen=True)
class OddsRatio:
    """exp(coefficient) with its confidence interval."""

    name: str
    odds_ratio: float
    lower: float
    upper: float


@dataclass(frozen=True, eq=False)
class LogisticFit:
    """A survey-weighted logistic regression: coefficients on the log-odds scale, their
    linearised (sandwich) covariance, rows used and design degrees of freedom."""

    names: tuple[str, ...]
    coefficients: FloatArray
    standard_errors: FloatArray
    covariance: FloatArray
    n: int
    df: int
    iterations: int

    def odds_ratios(self, level: float = 0.95) -> tuple[OddsRatio, ...]:
        """exp(beta ± t * se) with t from Student's t on the design df (PSUs - strata), as R
        ``confint(fit, ddf=degf(design))``. R's own default uses df.residual = degf - p + 1,
        slightly wider when the model has many terms."""
        critical = _t_quantile(level, self.df)
        return tuple(
            OddsRatio(
                name=name,
                odds_ratio=math.exp(beta),
                lower=math.exp(beta - critical * se),
                upper=math.exp(beta + critical * se),
            )
            for name, beta, se in zip(
                self.names,
                self.coefficients.tolist(),
                self.standard_errors.tolist(),
                strict=True,
            )
        )


def _model_inputs(
    y: npt.ArrayLike,
    x: npt.ArrayLike,
    design: Design,
    domain: npt.ArrayLike | None,
    names: tuple[str, ...] | list[str] | None,
) -> tuple[FloatArray, FloatArray, FloatArray, BoolArray, tuple[str, ...]]:
    outcome = design._vector(y, "y")
    covariates = np.asarray(x, dtype=np.float64)
    if covariates.ndim != 2 or covariates.shape[0] != design.n_rows:
        raise ValueError(
            f"x must be a covariate matrix with one row per design row ({design.n_rows}), "
            f"got shape {covariates.shape}; add a column of ones for the intercept"
        )
    if np.isinf(covariates).any():
        raise ValueError("x has infinite values; use NaN for a missing value")
    n_terms = covariates.shape[1]
    labels = tuple(names) if names is not None else tuple(f"x{j}" for j in range(n_terms))
    if len(labels) != n_terms or len(set(labels)) != n_terms:
        raise ValueError(f"names must be {n_terms} distinct labels, one per column of x")
    # Rows missing y or any covariate are outside the domain, but stay in the design.
    complete = ~np.isnan(outcome) & ~np.isnan(covariates).any(axis=1)
    in_domain = design._domain(domain) & complete
    domain_weights, contributing = _contributing(design, in_domain)
    outcome = np.where(in_domain, outcome, 0.0)
    covariates = np.where(in_domain[:, None], covariates, 0.0)
    used = outcome[contributing]
    if not np.isin(used, (0.0, 1.0)).all():
        raise ValueError("y must be 0 or 1 (or NaN for missing); recode the outcome first")
    if used.min() == used.max():
        raise ValueError(
            f"every row in the domain has y = {used[0]:g}; a logistic model needs both outcomes"
        )
    if np.linalg.matrix_rank(covariates[contributing]) < n_terms:
        raise ValueError(
            "the columns of x are linearly dependent within the domain (a constant column, a "
            "duplicate, or a full set of dummies with an intercept); drop one of them"
        )
    # Weights summing to 1 keep the Newton tolerances scale-free; the estimates don't change.
    return outcome, covariates, domain_weights / domain_weights.sum(), contributing, labels


def logistic(
    y: npt.ArrayLike,
    x: npt.ArrayLike,
    design: Design,
    domain: npt.ArrayLike | None = None,
    names: tuple[str, ...] | list[str] | None = None,
    *,
    max_iterations: int = 50,
) -> LogisticFit:
    """Survey-weighted logistic regression of 0/1 ``y`` on the columns of the matrix ``x``.

    ``x`` is used as given: include a column of ones for the intercept. Coefficients maximise
    the weighted log-likelihood (pseudo-maximum likelihood, Newton's method); the covariance is
    the linearised sandwich A^-1 B A^-1, with A the weighted information and B the design
    covariance of the per-row score totals, as R ``svyglm(family=quasibinomial)``. Rows with a
    missing y or covariate are outside the domain. Separation and non-convergence raise
    ValueError rather than return infinite-looking coefficients.
    """
    outcome, covariates, weights, contributing, labels = _model_inputs(y, x, design, domain, names)

    def log_likelihood(beta: FloatArray) -> float:
        eta = covariates @ beta
        return float(weights @ (outcome * eta - np.logaddexp(0.0, eta)))

    beta = np.zeros(covariates.shape[1])
    current = log_likelihood(beta)
    for iteration in range(1, max_iterations + 1):
        fitted = special.expit(covariates @ beta)
        score = covariates.T @ (weights * (outcome - fitted))
        information = (covariates * (weights * fitted * (1 - fitted))[:, None]).T @ covariates
        try:
            step = np.linalg.solve(information, score)
        except np.linalg.LinAlgError:
            step = np.full_like(beta, np.nan)
        if not np.isfinite(step).all():
            raise ValueError(
                _separation_message(
                    f"the information matrix became singular at iteration {iteration}"
                )
            )
        decrement = float(score @ step)
        # Halve the step if it overshoots; the log-likelihood is concave, so this terminates.
        for _ in range(60):
            candidate = beta + step
            proposed = log_likelihood(candidate)
            if proposed >= current - 1e-15 * abs(current):
                break
            step = step / 2
        beta, current = candidate, proposed
        if decrement < _NEWTON_DECREMENT:
            break
    else:
        raise ValueError(
            f"the logistic fit did not converge in {max_iterations} iterations; "
            + _separation_message("coefficients kept growing")
        )

    fitted = special.expit(covariates @ beta)
    used_fitted = fitted[contributing]
    if (np.minimum(used_fitted, 1 - used_fitted) < _SATURATED).any():
        raise ValueError(_separation_message("fitted probabilities of 0 or 1 occurred"))
    information = (covariates * (weights * fitted * (1 - fitted))[:, None]).T @ covariates
    row_scores = covariates * (weights * (outcome - fitted))[:, None]
    bread = np.linalg.inv(information)
    covariance = bread @ design._covariance(row_scores) @ bread
    covariance = (covariance + covariance.T) / 2
    return LogisticFit(
        names=labels,
        coefficients=_readonly(beta),
        standard_errors=_readonly(np.sqrt(np.clip(np.diag(covariance), 0.0, None))),
        covariance=_readonly(covariance),
        n=int(contributing.sum()),
        df=design._degrees_of_freedom(contributing),
        iterations=iteration,
    )


def _separation_message(symptom: str) -> str:
    return (
        f"{symptom}: the outcome is (quasi-)perfectly separated by the covariates, so some "
        "odds ratio is infinite. Drop or merge the category or covariate that predicts y "
        "perfectly, or rescale covariates with huge values"
    )
