"""What a plan that falls short says, in plain words, and the supplement dose that would fit:
pure functions of the solver's outcome and the person's limits (the use case gathers them).

The words never ask anyone to eat less, and never offer passing an Upper Limit as a way out."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from sleepmin.intake.targets import Profile
from sleepmin.nutrients import Mineral
from sleepmin.plan.candidates import FoodRules
from sleepmin.plan.solve import Binding

# A supplement's dose is rounded up to a step people can buy (elemental mg).
SUPPLEMENT_STEP_MG = {
    Mineral.MAGNESIUM: 50.0,
    Mineral.CALCIUM: 100.0,
    Mineral.ZINC: 5.0,
    Mineral.COPPER: 0.5,
}


def supplement_dose(mineral: Mineral, gap_mg: float, room_mg: float) -> float:
    """The dose that closes ``gap_mg``, rounded up to a step people can buy, but never past the
    UL's ``room_mg`` (rounded down to a step); 0 or less when no step fits."""
    step = SUPPLEMENT_STEP_MG[mineral]
    dose = math.ceil(gap_mg / step) * step
    return dose if math.isinf(room_mg) else min(dose, math.floor(room_mg / step) * step)


_DAY_LIMITS = ("energy", "upper_limit", "food_count")


def _lifting(limits: Sequence[str], energy: str = "a larger energy budget") -> str:
    """What would make room, in words; an Upper Limit is never offered as room."""
    said = [
        energy if w == "energy" else _LIMIT_WORDS[w]
        for w in limits
        if w in ("energy", "food_count")
    ]
    if "upper_limit" in limits:
        said.append("only more than an Upper Limit, which a plan never gives")
    return "what binds: " + "; ".join(said) if said else ""


_LIMIT_WORDS = {
    "energy": "the energy budget",
    "upper_limit": "the Upper Limits",
    "food_count": "the number of foods and portions a day may hold",
    "foods_allowed": "the foods allowed",
}


def explain_binding(
    binding: Binding,
    profile: Profile,
    budget: float,
    rules: FoodRules,
    rules_ul: dict[Mineral, float],
) -> dict[str, Any]:
    """One reason the plan falls short, as the `binding` entry of the plan's JSON."""
    who = ", ".join(
        [profile.diet.value, f"{budget:,.0f} kcal"]
        + ([f"without {', '.join(sorted(rules.exclude))}"] if rules.exclude else [])
    )
    if binding.kind == "energy":
        if (
            binding.reachable is not None
            and binding.needed is not None
            and (binding.reachable > binding.needed)
        ):
            message = (
                f"The logged food already comes to {binding.reachable:,.0f} kcal a day, above "
                f"the budget's {binding.needed:,.0f}; the plan only adds food, so give a larger "
                "--kcal or plan without --log."
            )
        else:
            message = (
                f"No day can be made from the foods allowed ({who}) within "
                + " and ".join(_LIMIT_WORDS[w] for w in _DAY_LIMITS)
                + (
                    "; " + _lifting(binding.limited_by, "a different energy budget")
                    if set(binding.limited_by) - {"foods_allowed"}
                    else "; allow more foods (fewer exclusions or liked foods), or ask a dietitian"
                )
                + "."
            )
        limited: list[str] = list(binding.limited_by)
    elif binding.kind == "condition_cap":
        assert binding.mineral is not None
        name = binding.mineral.value
        message = (
            f"The log and supplements already give {binding.reachable or 0:,.1f} mg of {name} a "
            f"day, more than the {binding.needed or 0:,g} mg a plan keeps to with the condition "
            "given: no food is added. Ask your clinician or a dietitian how much is right for "
            "you."
        )
        limited = []
    elif binding.kind == "upper_limit":
        name = binding.mineral.value if binding.mineral else "preformed vitamin A"
        unit = "µg" if binding.mineral is None else "mg"
        message = (
            f"The log and supplements already give {binding.reachable or 0:,.1f} {unit} of "
            f"{name} a day, above its Upper Limit of {binding.needed or 0:,g} {unit}: no food "
            "can be added safely until that is lower. Talk to a clinician or dietitian."
        )
        limited = []
    else:
        assert binding.mineral is not None
        name = binding.mineral.value
        ul = rules_ul.get(binding.mineral)
        if ul is not None and binding.needed is not None and binding.needed > ul:
            message = (
                f"The {name} target for this profile ({binding.needed:g} mg) is above the "
                f"Upper Limit ({ul:g} mg), so no plan may reach it: ask a clinician or "
                "dietitian how much is right for you."
            )
        elif "together" in binding.limited_by:
            message = (
                f"{name.capitalize()} can reach {binding.needed:g} mg, and so can each other "
                f"mineral alone, but not all at once ({who})."
            )
        else:
            message = (
                f"{who[0].upper() + who[1:]}: {name} cannot reach {binding.needed:g} mg from the "
                f"foods allowed (at most {binding.reachable or 0:.1f} mg)"
                + (
                    "; " + _lifting(binding.limited_by)
                    if binding.limited_by
                    else ", whatever the energy budget: fortified foods or a supplement would "
                    "be needed"
                )
                + "."
            )
        limited = list(binding.limited_by)
    return {
        "kind": binding.kind,
        "mineral": binding.mineral.value if binding.mineral else None,
        "needed": binding.needed,
        "reachable": None if binding.reachable is None else round(binding.reachable, 2),
        "limited_by": limited,
        "message": message,
    }
