"""Use cases: the food-first plan (`sleepmin plan`) and the foods richest in a mineral
(`sleepmin foods best`), from the curated list of common foods (docs/plan.md)."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from sleepmin.errors import InvalidFoodLog, InvalidInput, InvalidProfile, NotFound
from sleepmin.foods.database import FoodDatabase
from sleepmin.foods.model import Food
from sleepmin.intake.supplements import parse_supplements
from sleepmin.intake.targets import Diet, Profile, Sex, Targets
from sleepmin.intake.vitamin_a import vitamin_a_ul
from sleepmin.nutrients import Mineral, Nutrient
from sleepmin.plan.candidates import (
    CONDITION_MINERAL,
    EXCLUSIONS,
    Candidate,
    FoodRules,
    allowed,
    candidates_from,
    curated_foods,
)
from sleepmin.plan.explain import explain_binding, supplement_dose
from sleepmin.plan.solve import Added, Outcome, Problem, solve
from sleepmin.plan.suggest import ABSORPTION_NOTES, Ranked, absorption_note, rank, within_room
from sleepmin.results.plan import BestFoods, PlanResult
from sleepmin.usecases.diet import diet_for
from sleepmin.usecases.inputs import FoodLog
from sleepmin.usecases.targets import targets_for
from sleepmin.vocabulary import check_terms

if TYPE_CHECKING:
    from sleepmin.store.db import Store

RETINOL = Nutrient.RETINOL_UG
DEFAULT_KCAL = 2000.0  # the FDA's Daily Value reference day, for people 14 and older
KCAL_TOLERANCE = 0.10
ADULT_KCAL_AGE = 14.0
KCAL_RANGE = (800.0, 5000.0)
MAX_NEW_FOODS = 8
DAY_LOGGED_SHARE = 0.25  # below this share of the budget logged, a whole day is planned
LOW_KCAL = {Sex.FEMALE: 1200.0, Sex.MALE: 1500.0}  # from 14 y: below this, a clinician's plan
LOW_KCAL_PREGNANT = 1800.0  # about the first trimester's need; more later, and in lactation
FROM_NOTHING_MAX_FOODS = 14
SUGGESTIONS_PER_GAP = 5
TOTAL_KEYS = (Nutrient.ENERGY_KCAL, *(m.nutrient for m in Mineral), Nutrient.RETINOL_UG)


def check_exclusions(words: Sequence[str]) -> frozenset[str]:
    """``--exclude`` words, checked: an unknown word is named with the choices."""
    chosen = frozenset(w.strip().lower() for w in words if w.strip())
    unknown = sorted(chosen - set(EXCLUSIONS))
    if unknown:
        raise InvalidInput(
            f"--exclude {', '.join(unknown)}",
            "is not a food group sleepmin knows",
            "use any of: " + ", ".join(EXCLUSIONS),
        )
    return chosen


def make_plan(
    profile: Profile,
    foods: FoodDatabase,
    *,
    today: dt.date,
    kcal: float | None = None,
    exclude: Sequence[str] = (),
    conditions: Sequence[str] = (),
    likes: Sequence[str] = (),
    log: FoodLog | None = None,
    supplements: Sequence[str] = (),
    candidates: Sequence[Candidate] | None = None,
    avoid: Sequence[str] = (),
    include: Sequence[str] = (),
) -> PlanResult:
    """`sleepmin plan`: add the fewest common foods, in realistic portions, so that each
    mineral reaches its RDA/AI within every Upper Limit and the energy budget. ``candidates``
    replaces the curated list (data/plan_foods.csv), e.g. with a larger one; ``include``
    names foods the plan must add (a swap's choice), ``avoid`` foods it may not."""
    if profile.age_years < 1:
        raise InvalidProfile(
            "no meal plans for babies under 1 year: breast milk or formula comes first; ask the "
            "baby's clinician about first foods"
        )
    targets = targets_for(profile)
    budget = _budget(profile, kcal)
    # the safety check's words: an unknown one is refused with the list, never ignored
    condition_words = frozenset(check_terms("condition", [c for c in conditions if c.strip()]))
    if "pregnancy" in condition_words and not profile.pregnant:
        raise InvalidInput(
            "--condition pregnancy",
            "would leave the targets those of someone not pregnant",
            "give --pregnant instead (the pregnancy DRIs)",
        )
    rules = FoodRules(
        diet=profile.diet,
        exclude=check_exclusions(exclude),
        age_years=profile.age_years,
        pregnant=profile.pregnant,
        conditions=condition_words,
        only=frozenset(_like(like) for like in likes),
        avoid=frozenset(_like(food) for food in avoid),
        include=frozenset(_like(food) for food in include),
    )
    if candidates is None:
        listed, missing = candidates_from(_curated_in(foods))
    else:
        listed, missing = list(candidates), []
    unknown = sorted(rules.only - {c.food_id for c in listed})
    if unknown:
        raise InvalidInput(
            f"--like {', '.join(unknown)[:60]}",
            "is not a food of the plan's list",
            "pick ids from `sleepmin foods best MINERAL`",
        )
    unknown = sorted(rules.include - {c.food_id for c in listed})
    if unknown:
        raise InvalidInput(
            f"--include {', '.join(unknown)[:60]}",
            "is not a food of the plan's list",
            "pick ids from `sleepmin foods best MINERAL`",
        )
    offered, left_out = allowed(listed, rules)
    for food_id in sorted(rules.include & set(left_out)):
        raise InvalidInput(
            f"--include {food_id}",
            f"cannot be added for this person ({left_out[food_id]})",
            "pick another food, or change the options that leave it out",
        )
    counted = parse_supplements(tuple(supplements))
    supplements_mg: dict[Mineral, float] = defaultdict(float)
    for supplement in counted:
        supplements_mg[supplement.mineral] += supplement.amount_mg
    logged, log_notes = _logged_foods(log, foods, targets, today) if log else ([], [])
    before = _totals((food.nutrients, grams) for _, food, grams in logged)
    withheld = {m for c, m in CONDITION_MINERAL.items() if c in condition_words}
    room = _room(targets, withheld, before, supplements_mg)
    fits, too_much = within_room(offered, room, vitamin_a_ul(profile).ul_ug - before[RETINOL])
    for food in sorted((c for c in too_much if c.food_id in rules.include), key=_id):
        raise InvalidInput(
            f"--include {food.food_id}",
            f"would pass an Upper Limit on its own ({food.serving}: too much vitamin A or a "
            "mineral with what is already logged and taken)",
            "pick another food",
        )
    target_mg = {m: t.target_mg for m, t in targets.minerals.items() if m not in withheld}
    ul_mg = {
        m: t.ul_mg for m, t in targets.minerals.items() if t.ul_mg is not None and t.ul_counts_food
    }
    retinol_ul = vitamin_a_ul(profile).ul_ug
    problem = Problem(
        candidates=offered,
        base=before,
        supplements_mg=dict(supplements_mg),
        targets_mg=target_mg,
        ul_mg=ul_mg,
        supplement_ul_mg={
            m: t.ul_mg
            for m, t in targets.minerals.items()
            if t.ul_mg is not None and not t.ul_counts_food
        },
        retinol_ul_ug=retinol_ul,
        kcal_low=budget * (1 - KCAL_TOLERANCE),
        kcal_high=budget * (1 + KCAL_TOLERANCE),
        # a log of a coffee is not a day: the day rules apply until a quarter of the energy
        from_nothing=before[Nutrient.ENERGY_KCAL] < DAY_LOGGED_SHARE * budget,
        max_new_foods=(
            MAX_NEW_FOODS
            if before[Nutrient.ENERGY_KCAL] >= DAY_LOGGED_SHARE * budget
            else FROM_NOTHING_MAX_FOODS
        ),
        logged_ids=frozenset(food_id for food_id, _, _ in logged),
        # a withheld mineral: the day stays within the healthy reference intake, never above
        # (the RDA before any diet factor: a vegetarian's 1.8 x iron is a need, not a limit)
        caps_mg={m: targets.minerals[m].unadjusted_target_mg for m in withheld},
        required_ids=rules.include,
    )
    outcome = solve(problem)
    after = _totals(
        [
            *((food.nutrients, grams) for _, food, grams in logged),
            *((a.candidate.per_100g, a.grams) for a in outcome.added),
        ]
    )
    return PlanResult.model_validate(
        {
            "feasible": outcome.feasible,
            "profile": {
                "age_years": profile.age_years,
                "sex": profile.sex.value,
                "pregnant": profile.pregnant,
                "lactating": profile.lactating,
                "diet": profile.diet.value,
                "life_stage": targets.life_stage,
            },
            "energy": {
                "budget_kcal": budget,
                "low_kcal": round(problem.kcal_low, 1),
                "high_kcal": round(problem.kcal_high, 1),
                "logged_kcal": round(before[Nutrient.ENERGY_KCAL], 1),
                "planned_kcal": round(after[Nutrient.ENERGY_KCAL], 1),
            },
            "foods": [
                *(_logged_json(food_id, food, grams) for food_id, food, grams in logged),
                *(
                    _added_json(a, withheld, _alternatives(a.candidate, fits, outcome))
                    for a in _by_meal(outcome.added)
                ),
            ],
            "before": _keyed(before),
            "totals": _keyed(after),
            "targets": {f"{m.value}_mg": target_mg.get(m) for m in Mineral},
            "ul": {
                **{f"{m.value}_mg": ul_mg.get(m) for m in Mineral},
                "retinol_ug": retinol_ul,
            },
            "condition_caps": {f"{m.value}_mg": cap for m, cap in problem.caps_mg.items()},
            "percent_of_target": {
                "before": _percent(before, supplements_mg, target_mg),
                "after": _percent(after, supplements_mg, target_mg),
            },
            "suggestions": _suggestions(fits, room, before, supplements_mg, target_mg),
            "binding": [explain_binding(b, profile, budget, rules, ul_mg) for b in outcome.binding],
            "supplements_taken_mg": {
                f"{m.value}_mg": round(mg, 3) for m, mg in supplements_mg.items()
            },
            "supplements": _supplement_ideas(
                outcome,
                after,
                targets,
                supplements_mg,
                profile,
                today,
                condition_words,
                supplements,
            ),
            "left_out": [
                {"food_id": c.food_id, "portion": c.portion, "reason": left_out[c.food_id]}
                for c in listed
                if c.food_id in left_out
            ],
            "notes": _notes(
                outcome, missing, log_notes, problem.caps_mg, rules, budget, kcal, profile
            ),
        }
    )


def _room(
    targets: Targets,
    withheld: set[Mineral],
    before: Mapping[Nutrient, float],
    supplements_mg: Mapping[Mineral, float],
) -> dict[Mineral, float]:
    """What each UL that counts food, and each condition's cap, leaves after the log and the
    supplements taken (negative: already passed)."""
    limits = {
        m: t.ul_mg for m, t in targets.minerals.items() if t.ul_mg is not None and t.ul_counts_food
    }
    for mineral in withheld:
        cap = targets.minerals[mineral].unadjusted_target_mg
        limits[mineral] = min(limits.get(mineral, cap), cap)
    return {
        m: limit - before.get(m.nutrient, 0.0) - supplements_mg.get(m, 0.0)
        for m, limit in limits.items()
    }


def _id(candidate: Candidate) -> str:
    return candidate.food_id


def _suggestions(
    fits: Sequence[Candidate],
    room: Mapping[Mineral, float],
    before: dict[Nutrient, float],
    supplements_mg: Mapping[Mineral, float],
    target_mg: Mapping[Mineral, float],
) -> list[dict[str, Any]]:
    """For each mineral below its target before the plan: the foods this person may add (one
    serving within what every UL and condition cap leaves), ranked by how much of the gap one
    serving closes. None when a limit is already passed: no food may be added then."""

    def current(m: Mineral) -> float:
        return before[m.nutrient] + supplements_mg.get(m, 0.0)

    if any(left < 0 for left in room.values()):
        return []
    found = []
    for mineral in (m for m in Mineral if m in target_mg):
        target = target_mg[mineral]
        gap = target - current(mineral)
        if gap <= 0:
            continue
        ranked = [r for r in rank(mineral, fits, gap_mg=gap) if r.amount_mg > 0]
        found.append(
            {
                "mineral": mineral.value,
                "current_mg": round(current(mineral), 3),
                "target_mg": target,
                "gap_mg": round(gap, 3),
                "foods": [
                    _best_json(mineral, r, target, gap) for r in ranked[:SUGGESTIONS_PER_GAP]
                ],
                "notes": list(ABSORPTION_NOTES.get(mineral, ())),
            }
        )
    return found


def plan_for_person(
    store: Store,
    name: str,
    foods: FoodDatabase,
    *,
    today: dt.date,
    log: FoodLog | None = None,
    kcal: float | None = None,
    exclude: Sequence[str] = (),
    conditions: Sequence[str] = (),
    likes: Sequence[str] = (),
    supplements: Sequence[str] = (),
    avoid: Sequence[str] = (),
    include: Sequence[str] = (),
    keep: bool = True,
    swapped_out: str | None = None,
) -> PlanResult:
    """`sleepmin plan --person NAME`: the plan for a stored person — their profile, their kept
    supplements (with any given), and what they logged in the last 7 days when no log is given
    (nothing logged: a day from nothing). The plan is kept for them (``keep``), with the options
    it was made with. ``swapped_out``: a swap's food; a swap that leaves no day is refused and
    not kept, so the plan before it stays the newest."""
    from sleepmin.store import people as rows  # noqa: PLC0415
    from sleepmin.usecases.people import (  # noqa: PLC0415
        kept_supplements,
        person_profile,
        stored_log,
    )

    given_log = log  # kept with the plan, so a swap plans from the same day
    if log is None:
        try:
            log = stored_log(store, name, days=7, today=today)
        except InvalidFoodLog:  # nothing logged lately: a day from nothing
            log = None
    plan = make_plan(
        person_profile(store, name),
        foods,
        today=today,
        kcal=kcal,
        exclude=exclude,
        conditions=conditions,
        likes=likes,
        log=log,
        supplements=[*kept_supplements(store, name), *supplements],
        avoid=avoid,
        include=include,
    )
    if swapped_out is not None and not any(f.source == "plan" for f in plan.foods):
        raise InvalidInput(
            f"swapping out {swapped_out[:20]}",
            "leaves no day that meets the plan's rules (too few foods left after the swaps "
            "and choices so far)",
            "swap another food, or make a new plan",
        )
    if keep:
        options = {
            "kcal": kcal,
            "exclude": sorted(check_exclusions(exclude)),
            "conditions": list(conditions),
            "likes": list(likes),
            "avoid": sorted({_like(food) for food in avoid}),
            "include": sorted({_like(food) for food in include}),
            # what was given only for this plan: a swap must count the same supplements and
            # start from the same log, or it could pass an Upper Limit the first plan kept
            "supplements": list(supplements),
            "log": None if given_log is None else {"text": given_log.text, "name": given_log.name},
        }
        with store.unit() as session:
            rows.save_plan(session, rows.get_person(session, name), options, plan.to_json())
    return plan


def swap_food(
    store: Store,
    name: str,
    foods: FoodDatabase,
    food_id: str,
    *,
    today: dt.date,
    instead: str | None = None,
) -> PlanResult:
    """The person's newest plan made again without ``food_id`` (and without the foods swapped
    out before), with ``instead`` added when given (one of the food's `alternatives`, or any
    food of the list this person may have), with the same options; kept as their newest plan."""
    found = latest_plan(store, name)
    if found is None:
        raise NotFound("saved plan")
    plan, options = found
    if not any(f.food_id == food_id and f.source == "plan" for f in plan.foods):
        raise InvalidInput(
            f"the food {food_id[:20]!r}", "is not one the plan added", "swap a food of the plan"
        )
    return plan_for_person(
        store,
        name,
        foods,
        today=today,
        kcal=options.get("kcal"),
        exclude=options.get("exclude", []),
        conditions=options.get("conditions", []),
        likes=options.get("likes", []),
        avoid=[*options.get("avoid", []), food_id],
        swapped_out=food_id,
        supplements=options.get("supplements", []),
        log=FoodLog(options["log"]["text"], options["log"]["name"]) if options.get("log") else None,
        include=[
            *(kept for kept in options.get("include", []) if kept != food_id),
            *([instead] if instead else []),
        ],
    )


def plan_chart(plan: PlanResult) -> str:
    """The plan's minerals before and after, against target and UL, as an HTML fragment."""
    from sleepmin.report.plan_chart import plan_chart as draw  # noqa: PLC0415

    return draw(plan.to_json())


def latest_plan(store: Store, name: str) -> tuple[PlanResult, dict[str, Any]] | None:
    """The person's newest saved plan and the options it was made with, or None."""
    from sleepmin.store import people as rows  # noqa: PLC0415

    with store.unit() as session:
        found = rows.latest_plan(session, rows.get_person(session, name))
    if found is None:
        return None
    plan, options = found
    return PlanResult.model_validate(plan), options


def _budget(profile: Profile, kcal: float | None) -> float:
    if kcal is None:
        if profile.age_years < ADULT_KCAL_AGE:
            raise InvalidInput(
                "the energy budget",
                "has no default for a child",
                "give --kcal: the child's clinician or dietitian can say how much",
            )
        return DEFAULT_KCAL
    low, high = KCAL_RANGE
    if not (math.isfinite(kcal) and low <= kcal <= high):
        raise InvalidInput(
            f"--kcal {kcal:g}", "is not a day's energy", f"give {low:,.0f} to {high:,.0f} kcal"
        )
    return float(kcal)


def _like(text: str) -> str:
    return text.strip().removeprefix("ndb:").zfill(5)


def _curated_in(foods: FoodDatabase) -> dict[str, Food]:
    found: dict[str, Food] = {}
    for row in curated_foods():
        try:
            found[row.ndb] = foods.get(row.ndb).food
        except LookupError:
            continue
    return found


def _logged_foods(
    log: FoodLog, foods: FoodDatabase, targets: Targets, today: dt.date
) -> tuple[list[tuple[str, Food, float]], list[str]]:
    """The log's counted foods as grams a day (the mean over its counted days)."""
    analysis = diet_for(log, foods, targets, today=today, remember_pins=False).to_json()
    counted_days = [i for i, day in enumerate(analysis["days"]) if day["counted"]]
    if not counted_days:
        raise InvalidInput(
            "the food log",
            "has no day that could be counted",
            "check the log with `sleepmin diet analyze`, or plan from nothing without --log",
        )
    grams: dict[str, float] = defaultdict(float)
    for item in analysis["items"]:
        if item["status"] == "matched" and item["day"] in counted_days and item["grams"]:
            food_id = item["ndb_number"] or f"fdc:{item['fdc_id']}"
            grams[food_id] += float(item["grams"])
    logged = []
    for food_id, total in sorted(grams.items()):
        food = foods.get(food_id).food
        logged.append((food_id, food, round(total / len(counted_days), 2)))
    notes = []
    uncounted = sum(1 for i in analysis["items"] if i["status"] != "matched")
    if uncounted:
        notes.append(
            f"{uncounted} line(s) of the log could not be counted, so the day may hold more "
            "than the plan starts from; `sleepmin diet analyze` shows which."
        )
    notes.append(
        f"The log's foods are a mean over {len(counted_days)} counted day(s) and are kept as "
        "they are: the plan only adds."
    )
    return logged, notes


def _totals(pairs: Iterable[tuple[Mapping[Nutrient, float], float]]) -> dict[Nutrient, float]:
    """The day's totals from (values per 100 g, grams) of each food."""
    totals = dict.fromkeys(TOTAL_KEYS, 0.0)
    for per_100g, grams in pairs:
        for nutrient in TOTAL_KEYS:
            totals[nutrient] += per_100g.get(nutrient, 0.0) * grams / 100
    return totals


def _keyed(totals: dict[Nutrient, float]) -> dict[str, float]:
    return {n.value: round(v, 3) for n, v in totals.items()}


def _percent(
    totals: dict[Nutrient, float],
    supplements_mg: dict[Mineral, float],
    target_mg: dict[Mineral, float],
) -> dict[str, float | None]:
    """Food and the supplements taken, as a percentage of each target."""
    return {
        m.value: (
            round(100 * (totals[m.nutrient] + supplements_mg.get(m, 0.0)) / target_mg[m], 1)
            if m in target_mg
            else None
        )
        for m in Mineral
    }


def _minerals_of(per_100g: Any, grams: float) -> dict[str, float]:
    return {m.value: round(per_100g.get(m.nutrient, 0.0) * grams / 100, 3) for m in Mineral}


def _logged_json(food_id: str, food: Food, grams: float) -> dict[str, Any]:
    return {
        "food_id": food_id,
        "fdc_id": food.fdc_id,
        "description": food.description,
        "grams": grams,
        "portion": "as logged",
        "portions": None,
        "meal": "logged",
        "source": "log",
        "why": "",
        "alternatives": [],
        "minerals_mg": _minerals_of(food.nutrients, grams),
    }


_MEAL_ORDER = {"breakfast": 0, "main": 1, "snack": 2}


def _by_meal(added: Sequence[Added]) -> list[Added]:
    return sorted(added, key=lambda a: (_MEAL_ORDER[a.candidate.slot], a.candidate.food_id))


ALTERNATIVES = 4


def _alternatives(
    food: Candidate, offered: Sequence[Candidate], outcome: Outcome
) -> list[dict[str, str]]:
    """Foods of the same group this person may add instead, nearest in minerals first (the
    sum over the six of the difference a serving makes, as a share of the larger)."""
    planned = {a.candidate.food_id for a in outcome.added}
    nutrients = [m.nutrient for m in Mineral]

    def serving(c: Candidate) -> list[float]:
        return [c.amount(n, c.serving_grams) for n in nutrients]

    mine = serving(food)

    def distance(other: Candidate) -> float:
        return sum(
            abs(a - b) / max(a, b) for a, b in zip(mine, serving(other), strict=True) if max(a, b)
        )

    same = [c for c in offered if c.group == food.group and c.food_id not in planned]
    same.sort(key=lambda c: (distance(c), c.food_id))
    return [{"food_id": c.food_id, "portion": c.serving} for c in same[:ALTERNATIVES]]


def _added_json(
    added: Added, withheld: set[Mineral], alternatives: list[dict[str, str]]
) -> dict[str, Any]:
    c = added.candidate
    why = c.why
    if any(m.value in why for m in withheld):  # no praise for a mineral the person must avoid
        why = ""
    return {
        "food_id": c.food_id,
        "fdc_id": c.fdc_id,
        "description": c.description,
        "grams": added.grams,
        "portion": _portion_words(added.portions, c.portion),
        "portions": added.portions,
        "meal": c.slot,
        "source": "plan",
        "why": why,
        "alternatives": alternatives,
        "minerals_mg": _minerals_of(c.per_100g, added.grams),
    }


def _portion_words(portions: float, portion: str) -> str:
    if portions == 1:
        return portion
    whole, half = divmod(portions, 1)
    count = (f"{int(whole)}" if whole else "") + (" ½" if half and whole else "½" if half else "")
    return f"{count} × {portion}"


def _supplement_ideas(
    outcome: Outcome,
    after: dict[Nutrient, float],
    targets: Targets,
    supplements_mg: dict[Mineral, float],
    profile: Profile,
    today: dt.date,
    conditions: frozenset[str],
    taken: Sequence[str],
) -> list[dict[str, Any]]:
    """For each target food cannot reach: a dose within the UL room, checked by the safety
    rules; iron and potassium go to a clinician."""
    from sleepmin.usecases.safety import check_safety  # noqa: PLC0415

    ideas = []
    for binding in outcome.binding:
        if binding.kind != "target" or binding.mineral is None:
            continue
        mineral = binding.mineral
        target = targets.minerals[mineral]
        gap = target.target_mg - after[mineral.nutrient] - supplements_mg.get(mineral, 0.0)
        if gap <= 0:
            continue
        if mineral is Mineral.IRON:
            ideas.append(
                _idea(
                    mineral,
                    (
                        "Ask a clinician before taking iron: a blood test comes first, and low "
                        "iron needs its cause found."
                    ),
                    None,
                    [],
                )
            )
            continue
        if mineral is Mineral.POTASSIUM:
            ideas.append(
                _idea(
                    mineral,
                    (
                        "Potassium supplements need a clinician: kidney function and medicines "
                        "decide what is safe."
                    ),
                    None,
                    [],
                )
            )
            continue
        if target.ul_mg is None:
            room = math.inf
        elif target.ul_counts_food:
            room = target.ul_mg - after[mineral.nutrient] - supplements_mg.get(mineral, 0.0)
        else:  # magnesium: the UL covers supplements only
            room = target.ul_mg - supplements_mg.get(mineral, 0.0)
        dose = supplement_dose(mineral, gap, room)
        if dose <= 0:
            ideas.append(
                _idea(
                    mineral,
                    (
                        f"No {mineral.value} supplement fits under the Upper Limit with this plan; "
                        "ask a clinician or dietitian."
                    ),
                    None,
                    [],
                )
            )
            continue
        check = check_safety(
            profile,
            today=today,
            supplements=[*taken, f"{mineral.value} {dose:g} mg"],  # with what is taken
            conditions=sorted(conditions & _SAFETY_CONDITIONS),
        ).to_json()
        said = [f"{f['severity'].replace('_', ' ')}: {f['message']}" for f in check["findings"]]
        if any(f["severity"] == "red_flag" for f in check["findings"]):
            ideas.append(  # a red flag: no dose is offered at all, the clinician comes first
                _idea(
                    mineral,
                    f"Food cannot close the last {gap:.1f} mg of {mineral.value}, and a "
                    f"{mineral.value} supplement is not safe to suggest here (see below): talk "
                    "to a clinician first.",
                    None,
                    said,
                )
            )
            continue
        ideas.append(
            _idea(
                mineral,
                f"Food cannot close the last {gap:.1f} mg of {mineral.value}; a supplement of "
                f"{dose:g} mg {mineral.value} a day (elemental) stays within the Upper Limit. "
                "Check with a pharmacist or clinician first.",
                dose,
                said,
            )
        )
    return ideas


_SAFETY_CONDITIONS = frozenset({"ckd", "hemochromatosis", "wilson_disease", "pregnancy"})


def _idea(mineral: Mineral, text: str, dose: float | None, safety: list[str]) -> dict[str, Any]:
    return {"mineral": mineral.value, "text": text, "dose_mg": dose, "safety": safety}


def _notes(
    outcome: Outcome,
    missing: list[str],
    log_notes: list[str],
    caps: Mapping[Mineral, float],
    rules: FoodRules,
    budget: float,
    kcal: float | None,
    profile: Profile,
) -> list[str]:
    notes = [
        "A starting point for you and your dietitian, not a prescription: the foods come from "
        "a short list of common foods (docs/plan.md), in amounts logged against reference "
        "intakes.",
        *log_notes,
    ]
    low = LOW_KCAL_PREGNANT if profile.pregnant or profile.lactating else LOW_KCAL[profile.sex]
    if kcal is not None and profile.age_years >= ADULT_KCAL_AGE and kcal < low:
        who = (
            "in pregnancy or breastfeeding"
            if profile.pregnant or profile.lactating
            else "for an adult"
            if profile.age_years >= 19
            else "for a teenager, who is still growing"
        )
        notes.append(
            f"{kcal:,.0f} kcal a day is very little energy {who}: a day this low belongs with a "
            "clinician or dietitian, who can check it is safe for you."
        )
    if profile.age_years < 9:
        notes.append(
            "The portions are adult household measures: a child eats smaller ones, more often; "
            "the child's clinician or dietitian can size them."
        )
    if rules.pregnant or profile.age_years < 19:
        notes.append(
            "Fish: the FDA advises 8-12 oz a week of low-mercury fish in pregnancy and "
            "childhood, so a plan's fish day is not every day."
        )
    if kcal is None:
        notes.append(
            f"The energy budget is {budget:,.0f} kcal (the usual reference day); give --kcal for "
            "your own."
        )
    for mineral, cap in sorted(caps.items(), key=lambda item: item[0].value):
        notes.append(
            f"No food is added for {mineral.value}: with the condition given, more of it can "
            f"harm. Foods rich in it are left out, and the whole day stays within "
            f"{cap:,g} mg (the reference intake for healthy "
            "people); your clinician may set a lower limit."
        )
        if mineral is Mineral.POTASSIUM:
            notes.append(
                "Kidney disease also limits phosphorus, sodium and sometimes protein and fluid, "
                "which this plan does not count: a renal dietitian should check it before you "
                "use it."
            )
    if rules.pregnant:
        notes.append(
            "In pregnancy energy needs rise in the second and third trimesters; liver is left out "
            "(preformed vitamin A)."
        )
    if outcome.feasible and Mineral.IRON not in caps:
        notes.append(
            "Plant (non-heme) iron is absorbed better with vitamin C (fruit, peppers) in the "
            "same meal, and worse with tea, coffee or a calcium supplement at that meal."
        )
    notes += [f"Not used: {m}" for m in missing]
    return notes


def best_foods(
    mineral: Mineral,
    foods: FoodDatabase,
    *,
    per: Literal["portion", "100kcal"] = "portion",
    exclude: Sequence[str] = (),
    diet: Diet = Diet.OMNIVORE,
    limit: int = 10,
    gap_mg: float | None = None,
) -> BestFoods:
    """`sleepmin foods best MINERAL`: the listed foods that give most of ``mineral`` in a
    realistic portion, or per 100 kcal, for an adult's diet pattern and exclusions."""
    if not 1 <= limit <= 100:
        raise InvalidInput(f"--limit {limit}", "is out of range", "give 1 to 100")
    if gap_mg is not None and not (math.isfinite(gap_mg) and 0 < gap_mg <= 10_000):
        raise InvalidInput(f"--gap {gap_mg:g}", "is not a gap in mg", "give 0 to 10,000 mg")
    rules = FoodRules(
        diet=diet,
        exclude=check_exclusions(exclude),
        age_years=30.0,
        pregnant=False,
        conditions=frozenset(),
    )
    listed, _ = candidates_from(_curated_in(foods))
    offered, left_out = allowed(listed, rules)
    adult = Profile(30.0, _ADULT_SEX, diet=diet)
    adult_targets = targets_for(adult).minerals
    target = adult_targets[mineral].target_mg
    limits = {m: t.ul_mg for m, t in adult_targets.items() if t.ul_mg and t.ul_counts_food}
    # one portion past an adult Upper Limit (a slice of liver): never offered
    offered, over = within_room(offered, limits, vitamin_a_ul(adult).ul_ug)
    ranked = rank(mineral, offered, per=per, gap_mg=gap_mg)
    return BestFoods.model_validate(
        {
            "mineral": mineral.value,
            "per": per,
            "gap_mg": gap_mg,
            "target_mg": target,
            "foods": [_best_json(mineral, r, target, gap_mg) for r in ranked[:limit]],
            "left_out": len(left_out) + len(over),
            "notes": list(ABSORPTION_NOTES.get(mineral, ())),
        }
    )


def _best_json(
    mineral: Mineral, ranked: Ranked, target_mg: float, gap_mg: float | None
) -> dict[str, Any]:
    c = ranked.candidate
    density = ranked.per_100kcal_mg
    return {
        "food_id": c.food_id,
        "description": c.description,
        "portion": c.serving,
        "grams": round(c.serving_grams, 2),
        "amount_mg": round(ranked.amount_mg, 3),
        "per_100kcal_mg": None if density is None else round(density, 3),
        "kcal": round(ranked.kcal, 1),
        "share_of_target": round(100 * ranked.amount_mg / target_mg, 1),
        "share_of_gap": None if gap_mg is None else round(100 * ranked.closes(gap_mg) / gap_mg, 1),
        "minerals_mg": {m.value: round(c.amount(m.nutrient, c.serving_grams), 3) for m in Mineral},
        "note": absorption_note(mineral, c),
    }


_ADULT_SEX = Sex.FEMALE  # `foods best` shares are of an adult woman's RDA/AI
