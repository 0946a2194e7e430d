"""The day plan as a mixed-integer program, solved by HiGHS (through SciPy's ``milp``).

Variables: for each allowed food, how many half portions to add (an integer from 0 to twice its
largest number of portions) and whether it is added at all (0/1). Constraints, all on the whole
day (what is already logged plus what is added):

- each mineral with a target reaches its RDA or AI;
- each Upper Limit that counts food (iron, zinc, calcium, copper; magnesium's covers supplements
  only and potassium has none) is not passed, counting the supplements taken as well;
- preformed vitamin A (retinol) stays under its Upper Limit;
- a mineral a condition makes unsafe to add (kidney disease: potassium) stays at or under its
  cap for the whole day (``caps_mg``), which is never lifted;
- energy stays within the budget ± the tolerance;
- a food's half portions are 0 unless it is added; a required food is added (a swap's
  choice); at most ``max_new_foods`` foods are added;
  at most so many portions of each food group (``GROUP_MOST``: three of legumes, two of nuts
  and seeds, …);
- planned from nothing: a day — two breakfast foods, three for the main meals, and at least a
  grain, two vegetables, a fruit and a protein food (``DAY_LEAST``) — with snacks at most a
  quarter of the energy.

Objective: change as little as possible, in two steps (a lexicographic objective). First the
fewest foods: each food added costs 1 (0.5 when it is already in the log: more of what a person
eats is less of a change). Then, with those foods chosen, the fewest half portions. The first
step's costs are whole (or half) numbers, so the solver's bound rounds up to the next one and a
plan is proven near-best quickly; the second is a small program over the chosen foods alone.
Nothing logged is taken away: the plan only adds.

When no plan meets every constraint, the reason is found, not guessed: a mineral's target is
binding when even the plan that maximises that mineral alone, under every other constraint,
falls short; each constraint that, lifted, would let it reach the target is named.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from sleepmin.nutrients import Mineral, Nutrient
from sleepmin.plan.candidates import DAY_LEAST, GROUP_MOST, Candidate

ENERGY = Nutrient.ENERGY_KCAL
RETINOL = Nutrient.RETINOL_UG
FOOD_COST, KNOWN_FOOD_COST = 1.0, 0.5
SNACK_SHARE = 0.25
TOLERANCE = 1e-6
TIME_LIMIT_S = 10.0
BOUND_TIME_LIMIT_S = 2.0  # a 'most reachable' solve: its proven bound is what is said
LIMIT_MARGIN = 1e-3  # mg (µg for retinol) kept below each Upper Limit
MIP_GAP = 0.1  # within 10 % of the fewest foods: for a day of up to ten foods, the fewest


@dataclass(frozen=True, slots=True)
class Problem:
    """One person's day to plan."""

    candidates: Sequence[Candidate]
    base: Mapping[Nutrient, float]  # what the logged food already gives a day
    supplements_mg: Mapping[Mineral, float]  # counted toward the ULs that cover supplements
    targets_mg: Mapping[Mineral, float]  # lower bounds (a withheld mineral has none)
    ul_mg: Mapping[Mineral, float]  # ULs that count food (total, food and supplements)
    supplement_ul_mg: Mapping[Mineral, float]  # ULs of supplements only (magnesium)
    retinol_ul_ug: float
    kcal_low: float
    kcal_high: float
    from_nothing: bool
    max_new_foods: int = 8
    logged_ids: frozenset[str] = frozenset()
    caps_mg: Mapping[Mineral, float] = field(default_factory=dict)  # conditions: day caps
    required_ids: frozenset[str] = frozenset()  # foods the plan must add (a swap's choice)


@dataclass(frozen=True, slots=True)
class Added:
    candidate: Candidate
    half_portions: int

    @property
    def portions(self) -> float:
        return self.half_portions / 2

    @property
    def grams(self) -> float:
        return round(self.candidate.portion_grams * self.half_portions / 2, 2)


@dataclass(frozen=True, slots=True)
class Binding:
    """Why the plan falls short: a target that cannot be reached, or a limit already passed."""

    kind: str  # "target", "upper_limit", "condition_cap", "energy"
    mineral: Mineral | None
    needed: float | None  # the target (or the limit)
    reachable: float | None  # the most the allowed foods can give under the other limits
    limited_by: tuple[str, ...] = ()  # "energy", "upper_limit", "food_count", "foods_allowed"


@dataclass(frozen=True, slots=True)
class Outcome:
    feasible: bool
    added: tuple[Added, ...]  # the plan; when infeasible, the closest plan (or nothing)
    binding: tuple[Binding, ...] = field(default=())


def solve(problem: Problem) -> Outcome:
    """The plan that changes least and meets every constraint; when there is none, the closest
    plan (targets short by as little as possible) and what binds."""
    passed = _limits_already_passed(problem)
    if passed:
        return Outcome(False, (), passed)
    if not problem.candidates:  # every food left out: nothing can be added
        return Outcome(
            False, (), (Binding("energy", None, problem.kcal_low, None, ("foods_allowed",)),)
        )
    model = _Model(problem)
    found = model.solve()
    if found is not None:
        return Outcome(True, model.plan(found))
    closest = model.solve(elastic=True)
    if closest is None:  # even with every target lifted, no day meets the other rules
        limited_by = tuple(
            lifted
            for lifted in ("energy", "upper_limit", "food_count")
            if model.feasible_without(lifted)
        )
        return Outcome(
            False,
            (),
            (Binding("energy", None, problem.kcal_low, None, limited_by or ("foods_allowed",)),),
        )
    binding = []
    for mineral, target in problem.targets_mg.items():
        ul = problem.ul_mg.get(mineral)
        if ul is not None and target > ul:  # no day may reach it: said, not solved for
            binding.append(Binding("target", mineral, target, ul, ("upper_limit",)))
            continue
        reachable = model.best(mineral.nutrient)
        if reachable is None or reachable + TOLERANCE >= target:
            continue
        limited_by = tuple(
            lifted
            for lifted in ("energy", "upper_limit", "food_count")
            if (model.best(mineral.nutrient, lift=lifted) or 0.0) + TOLERANCE >= target
        )
        binding.append(Binding("target", mineral, target, reachable, limited_by))
    if not binding:  # each target alone can be met, but not all together
        binding = [
            Binding("target", m, t, None, ("together",))
            for m, t in problem.targets_mg.items()
            if model.total(closest, m.nutrient) + TOLERANCE < t
        ]
    return Outcome(False, model.plan(closest), tuple(binding))


def _limits_already_passed(problem: Problem) -> tuple[Binding, ...]:
    """What the log (and the supplements) already pass: no food can be added to undo it."""
    found = []
    if problem.base.get(ENERGY, 0.0) > problem.kcal_high:
        found.append(Binding("energy", None, problem.kcal_high, problem.base.get(ENERGY)))
    for mineral, ul in problem.ul_mg.items():
        already = problem.base.get(mineral.nutrient, 0.0) + problem.supplements_mg.get(mineral, 0)
        if already > ul:
            found.append(Binding("upper_limit", mineral, ul, already))
    for mineral, ul in problem.supplement_ul_mg.items():  # magnesium: supplements alone
        if problem.supplements_mg.get(mineral, 0.0) > ul:
            found.append(Binding("upper_limit", mineral, ul, problem.supplements_mg[mineral]))
    for mineral, cap in problem.caps_mg.items():  # food and supplements, as for a UL
        already = problem.base.get(mineral.nutrient, 0.0) + problem.supplements_mg.get(mineral, 0)
        if already > cap:
            found.append(Binding("condition_cap", mineral, cap, already))
    if problem.base.get(RETINOL, 0.0) > problem.retinol_ul_ug:
        found.append(Binding("upper_limit", None, problem.retinol_ul_ug, problem.base.get(RETINOL)))
    return tuple(found)


_OUTPUT = threading.Lock()


@contextlib.contextmanager
def _solver_output_to_stderr() -> Iterator[None]:
    """HiGHS can print debugging lines to the process's stdout even when told to be quiet;
    while it runs, stdout goes to stderr, so `--json` output stays clean."""
    with _OUTPUT:
        try:
            out = sys.__stdout__.fileno() if sys.__stdout__ else 1
            err = sys.__stderr__.fileno() if sys.__stderr__ else 2
            saved = os.dup(out)
        except (OSError, ValueError):  # no real descriptors (embedded): nothing to guard
            yield
            return
        try:
            if sys.__stdout__:
                sys.__stdout__.flush()
            os.dup2(err, out)
            yield
        finally:
            os.dup2(saved, out)
            os.close(saved)


class _Model:
    """The program's matrices, built once; variables are [half portions…, added…, shortfalls…]."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        foods = list(problem.candidates)
        self.foods = foods
        n = len(foods)
        self.n = n
        # nutrient per half portion, food by food
        self.per_half = {
            nutrient: np.array([c.amount(nutrient, c.portion_grams / 2) for c in foods])
            for nutrient in (ENERGY, RETINOL, *(m.nutrient for m in Mineral))
        }
        self.steps = np.array([round(c.max_portions * 2) for c in foods], dtype=float)
        self.minerals = list(problem.targets_mg)
        self.required = np.array([1.0 if c.food_id in problem.required_ids else 0.0 for c in foods])

    def _rows(
        self, elastic: bool, lifted: frozenset[str] = frozenset()
    ) -> tuple[list[np.ndarray], list[float], list[float]]:
        p, n, k = self.problem, self.n, len(self.minerals)
        width = 2 * n + (k if elastic else 0)
        rows: list[np.ndarray] = []
        low: list[float] = []
        high: list[float] = []

        def add(
            coefs_food: np.ndarray, lo: float, hi: float, extra: np.ndarray | None = None
        ) -> None:
            row = np.zeros(width)
            row[:n] = coefs_food
            if extra is not None:
                row[n:] += extra
            rows.append(row)
            low.append(lo)
            high.append(hi)

        base = p.base
        for i, mineral in enumerate(self.minerals):
            # the supplements taken count toward the target as they do toward the UL
            need = (
                p.targets_mg[mineral]
                - base.get(mineral.nutrient, 0.0)
                - p.supplements_mg.get(mineral, 0.0)
            )
            if elastic:
                slack = np.zeros(width - n)
                slack[n + i] = 1.0  # a shortfall variable fills the gap
                add(self.per_half[mineral.nutrient], need, math.inf, slack)
            elif "target" not in lifted:
                add(self.per_half[mineral.nutrient], need, math.inf)
        if "upper_limit" not in lifted:
            for mineral, ul in p.ul_mg.items():
                room = ul - base.get(mineral.nutrient, 0.0) - p.supplements_mg.get(mineral, 0.0)
                room -= LIMIT_MARGIN  # the solver's tolerance never lands a plan over a UL
                add(self.per_half[mineral.nutrient], -math.inf, room)
            retinol_room = p.retinol_ul_ug - base.get(RETINOL, 0.0) - LIMIT_MARGIN
            add(self.per_half[RETINOL], -math.inf, retinol_room)
        for mineral, cap in p.caps_mg.items():  # a condition's cap is never lifted
            room = cap - base.get(mineral.nutrient, 0.0) - p.supplements_mg.get(mineral, 0.0)
            add(self.per_half[mineral.nutrient], -math.inf, room - LIMIT_MARGIN)
        kcal = base.get(ENERGY, 0.0)
        if "energy" not in lifted:
            add(self.per_half[ENERGY], p.kcal_low - kcal, p.kcal_high - kcal)
        else:
            add(self.per_half[ENERGY], p.kcal_low - kcal, math.inf)
        # a food is added exactly when it has portions: y_j <= n_j <= steps_j * y_j
        for j in range(n):
            row = np.zeros(n)
            row[j] = 1.0
            link = np.zeros(width - n)
            link[j] = -self.steps[j]
            add(row, -math.inf, 0.0, link)
            at_least = np.zeros(width - n)
            at_least[j] = -1.0
            add(row, 0.0, math.inf, at_least)
        if "food_count" not in lifted:
            count = np.zeros(width - n)
            count[:n] = 1.0
            add(np.zeros(n), -math.inf, float(p.max_new_foods), count)
            for group, most in GROUP_MOST.items():
                in_group = np.array([1.0 if c.group == group else 0.0 for c in self.foods])
                if in_group.any():
                    add(in_group, -math.inf, 2 * most)  # half portions
        if p.from_nothing:
            day = [({"breakfast"}, "slot", 2), ({"main"}, "slot", 3)] + [
                (set(groups), "group", least) for groups, least in DAY_LEAST
            ]
            for chosen_set, attribute, least in day:
                chosen = np.zeros(width - n)
                chosen[:n] = [
                    1.0 if getattr(c, attribute) in chosen_set else 0.0 for c in self.foods
                ]
                add(np.zeros(n), float(least), math.inf, chosen)
            snacks = np.where([c.slot == "snack" for c in self.foods], self.per_half[ENERGY], 0.0)
            add(snacks, -math.inf, SNACK_SHARE * p.kcal_high)
        return rows, low, high

    def _solve(
        self,
        objective: np.ndarray,
        elastic: bool,
        lifted: frozenset[str] = frozenset(),
        gap: float | None = None,
        bound: list[float] | None = None,
        chosen: np.ndarray | None = None,
    ) -> np.ndarray | None:
        """The solution (None when none was found); with ``bound``, also appends the proven
        lower bound of the objective (HiGHS's dual bound); with ``chosen``, which foods are
        added is fixed (0/1 a food)."""
        from scipy.optimize import Bounds, LinearConstraint, milp  # noqa: PLC0415 - 1.5 s to load

        n = self.n
        rows, low, high = self._rows(elastic, lifted)
        width = len(objective)
        added = np.ones(n) if chosen is None else chosen
        lower = np.zeros(width)
        lower[n : 2 * n] = self.required if chosen is None else chosen
        upper = np.concatenate([self.steps, added, np.full(width - 2 * n, math.inf)])
        integrality = np.concatenate([np.ones(2 * n), np.zeros(width - 2 * n)])
        with _solver_output_to_stderr():
            result = milp(
                objective,
                constraints=LinearConstraint(np.array(rows), np.array(low), np.array(high)),
                bounds=Bounds(lower, upper),
                integrality=integrality,
                options={
                    "time_limit": TIME_LIMIT_S if bound is None else BOUND_TIME_LIMIT_S,
                    "mip_rel_gap": MIP_GAP if gap is None else gap,
                },
            )
        if bound is not None and result.get("mip_dual_bound") is not None:
            bound.append(float(result["mip_dual_bound"]))
        # status 1: stopped at the time limit; a plan found by then still meets every constraint
        if result.status not in (0, 1) or result.x is None:
            return None
        return np.asarray(np.round(result.x), dtype=float)

    def _food_costs(self) -> np.ndarray:
        food = [
            KNOWN_FOOD_COST if c.food_id in self.problem.logged_ids else FOOD_COST
            for c in self.foods
        ]
        return np.concatenate([np.zeros(self.n), np.array(food)])

    def solve(self, elastic: bool = False) -> np.ndarray | None:
        """Fewest foods first, then, with those foods, fewest half portions."""
        costs = self._food_costs()
        if elastic:  # shortfalls, as a share of each target, cost far more than any food
            weights = [1000.0 / self.problem.targets_mg[m] for m in self.minerals]
            costs = np.concatenate([costs, np.array(weights)])
        # the closest plan is solved to the optimum: a gap there would leave a target short
        found = self._solve(costs, elastic, gap=1e-4 if elastic else None)
        if found is None:
            return None
        portions = np.zeros(len(costs))
        portions[: self.n] = 1.0
        if elastic:  # the shortfalls found stay as small as they were
            portions[2 * self.n :] = 1000.0 * costs[2 * self.n :]
        smallest = self._solve(portions, elastic, gap=0.0, chosen=found[self.n : 2 * self.n])
        return (found if smallest is None else smallest)[: 2 * self.n]

    def best(self, nutrient: Nutrient, lift: str | None = None) -> float | None:
        """The most of ``nutrient`` a day can hold (log plus additions) under every limit but
        the targets (and ``lift``), or None when the limits cannot all be met."""
        gain = np.concatenate([-self.per_half[nutrient], np.zeros(self.n)])
        lifted = frozenset({"target"} if lift is None else {"target", lift})
        bound: list[float] = []
        found = self._solve(gain, elastic=False, lifted=lifted, gap=1e-4, bound=bound)
        if found is None:
            return None
        reached = self.total(found, nutrient)
        if bound and math.isfinite(bound[0]):  # the proven most, so "at most" is never too low
            reached = max(reached, reached + float(gain @ found) - bound[0])
        return reached

    def total(self, x: np.ndarray, nutrient: Nutrient) -> float:
        """The day's amount: logged, added and, for a mineral, the supplements taken."""
        supplements = sum(
            mg for m, mg in self.problem.supplements_mg.items() if m.nutrient is nutrient
        )
        added = float(self.per_half[nutrient] @ x[: self.n])
        return self.problem.base.get(nutrient, 0.0) + added + supplements

    def feasible_without(self, lifted: str) -> bool:
        """Whether some day meets every rule but the targets and ``lifted``."""
        found = self._solve(np.zeros(2 * self.n), False, frozenset({"target", lifted}))
        return found is not None

    def plan(self, x: np.ndarray) -> tuple[Added, ...]:
        return tuple(Added(food, int(x[j])) for j, food in enumerate(self.foods) if int(x[j]) > 0)
