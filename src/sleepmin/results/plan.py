"""The food-first plan as typed models: `sleepmin plan --json` and `sleepmin foods best --json`
(docs/plan.md)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from sleepmin.results.base import Result

MineralKey = Literal["magnesium", "iron", "zinc", "calcium", "potassium", "copper"]


class PlanProfile(Result):
    age_years: float = Field(description="Age in years.")
    sex: Literal["female", "male"] = Field(description="Sex used for the DRIs.")
    pregnant: bool = Field(description="Pregnancy DRIs used.")
    lactating: bool = Field(description="Lactation DRIs used.")
    diet: Literal["omnivore", "vegetarian", "vegan"] = Field(description="The diet pattern.")
    life_stage: str = Field(description="The DRI life-stage group.")


class PlanEnergy(Result):
    budget_kcal: float = Field(description="The energy budget asked for (--kcal).")
    low_kcal: float = Field(description="The budget less the tolerance: the day's least.")
    high_kcal: float = Field(description="The budget plus the tolerance: the day's most.")
    logged_kcal: float = Field(description="What the logged food already gives a day.")
    planned_kcal: float = Field(description="The day with the plan: logged and added.")


class Alternative(Result):
    food_id: str = Field(description="The SR NDB number (give it as the swap's `instead`).")
    portion: str = Field(description="Its serving, naming the food.")


class PlanFood(Result):
    """A food of the day: one the log already has (kept as it is) or one the plan adds."""

    food_id: str = Field(description="The food's id: the SR NDB number, or fdc:ID.")
    fdc_id: int | None = Field(description="Its FoodData Central id, when known.")
    description: str = Field(description="USDA's description.")
    grams: float = Field(description="Grams a day (2 decimals); the totals are computed from it.")
    portion: str = Field(
        description="As a person would say it, e.g. '1 1/2 cups lentils'; 'as logged' for a "
        "logged food."
    )
    portions: float | None = Field(
        description="How many of the food's portion (in halves); null for a logged food."
    )
    meal: Literal["logged", "breakfast", "main", "snack"] = Field(
        description="Where it goes: 'main' is lunch or dinner; 'logged' for what is already eaten."
    )
    source: Literal["log", "plan"] = Field(description="Already logged, or added by the plan.")
    why: str = Field(description="Why the food is on the list (empty for a logged food).")
    minerals_mg: dict[MineralKey, float] = Field(
        description="What this food's grams give of each mineral, mg (3 decimals)."
    )
    alternatives: list[Alternative] = Field(
        description="For an added food: up to four foods of the same group this person may add "
        "instead, nearest in minerals first (a swap's choices); empty for a logged food."
    )


class PlanBinding(Result):
    """What stops a plan from meeting everything."""

    kind: Literal["target", "upper_limit", "condition_cap", "energy"] = Field(
        description="A target that cannot be reached, an Upper Limit already passed, a "
        "condition's cap already passed (condition_caps), or an energy budget that cannot be "
        "met."
    )
    mineral: MineralKey | None = Field(description="The mineral; null for energy or vitamin A.")
    needed: float | None = Field(
        description="The target (mg), the limit (mg, µg for vitamin A) or the energy (kcal)."
    )
    reachable: float | None = Field(
        description="The most the allowed foods can give under every other limit (or what the "
        "log already gives, for a limit passed); null when not worked out."
    )
    limited_by: list[
        Literal["energy", "upper_limit", "food_count", "foods_allowed", "together"]
    ] = Field(
        description="The limits that, lifted one at a time, would let the target be reached "
        "('together': each target alone can be met, not all at once)."
    )
    message: str = Field(description="The reason in plain words.")


class SupplementIdea(Result):
    """Only when food cannot close a gap: a dose within the Upper Limit, or the clinician."""

    mineral: MineralKey = Field(description="The mineral food cannot bring to its target.")
    text: str = Field(description="What to do, in plain words.")
    dose_mg: float | None = Field(
        description="A daily elemental dose within the UL room; null when a clinician should "
        "decide (iron, potassium) or there is no room."
    )
    safety: list[str] = Field(
        description="What the supplement safety check says about this dose, red flags first."
    )


class LeftOut(Result):
    food_id: str = Field(description="The candidate food's NDB number.")
    portion: str = Field(description="Its portion, naming the food.")
    reason: str = Field(description="Why it may not be added for this person.")


class GapFoods(Result):
    """Foods for one mineral's gap, for the person the plan is for."""

    mineral: MineralKey = Field(description="The mineral below its target.")
    current_mg: float = Field(description="The logged food and supplements taken a day, mg.")
    target_mg: float = Field(description="This person's RDA or AI, mg.")
    gap_mg: float = Field(description="The target less current_mg, mg.")
    foods: list[BestFood] = Field(
        description="At most five, best first: by how much of the gap one portion closes, "
        "then by density per 100 kcal. share_of_gap is that closure, percent."
    )
    notes: list[str] = Field(description="Absorption notes for this mineral.")


class PlanResult(Result):
    """`sleepmin plan --json`: a day of food that brings each mineral to its target within
    every Upper Limit and the energy budget, changing as little as possible of what is logged."""

    feasible: bool = Field(
        description="Whether every target is met within every limit. When false, `foods` is "
        "the closest plan, `binding` says why, and `supplements` what food cannot do."
    )
    profile: PlanProfile = Field(description="Whom the plan is for.")
    energy: PlanEnergy = Field(description="The energy budget and the day's energy.")
    foods: list[PlanFood] = Field(
        description="Logged foods first (kept as they are), then the added ones by meal."
    )
    before: dict[str, float] = Field(
        description="The logged food's totals a day: energy_kcal, <mineral>_mg, retinol_ug."
    )
    totals: dict[str, float] = Field(
        description="The day's food with the plan (keys as `before`): the sum over `foods` of "
        "grams × the food's USDA value per 100 g, so a reader can recompute them."
    )
    supplements_taken_mg: dict[str, float] = Field(
        description="The supplements given or kept, elemental mg a day (<mineral>_mg): counted "
        "toward the targets and toward the ULs that cover supplements; not in `totals`."
    )
    targets: dict[str, float | None] = Field(
        description="Each mineral's RDA or AI, mg (<mineral>_mg); null when a condition makes "
        "more of it unsafe to add."
    )
    ul: dict[str, float | None] = Field(
        description="Each mineral's Upper Limit as the plan applies it to the whole day, mg; "
        "null when no UL counts food (magnesium's covers supplements only; potassium has "
        "none). retinol_ug: the preformed vitamin A UL, µg."
    )
    condition_caps: dict[str, float] = Field(
        description="For a mineral a condition makes unsafe to add (kidney disease: potassium; "
        "hemochromatosis: iron; Wilson disease: copper), the most the whole day may hold with "
        "the plan, mg (<mineral>_mg): the reference intake for healthy people, never more. "
        "Empty without such a condition."
    )
    percent_of_target: dict[str, dict[str, float | None]] = Field(
        description="before and after: each mineral's food and supplements taken as a "
        "percentage of its target."
    )
    suggestions: list[GapFoods] = Field(
        description="For each mineral below its target before the plan (the log and the "
        "supplements taken): the foods this person may add, best first by how much of the gap "
        "one portion closes. The same foods, rules and limits as the plan."
    )
    binding: list[PlanBinding] = Field(description="Why the plan falls short; empty if feasible.")
    supplements: list[SupplementIdea] = Field(
        description="Only for a target food cannot reach: a dose within the UL, or see a clinician."
    )
    left_out: list[LeftOut] = Field(
        description="Candidate foods not offered to this person, with the reason."
    )
    notes: list[str] = Field(description="What to read with the plan.")


class BestFood(Result):
    food_id: str = Field(description="The SR NDB number.")
    description: str = Field(description="USDA's description.")
    portion: str = Field(description="A realistic portion.")
    grams: float = Field(description="The portion's grams.")
    amount_mg: float = Field(description="The mineral in the portion, mg.")
    per_100kcal_mg: float | None = Field(description="The mineral per 100 kcal; null at 0 kcal.")
    kcal: float = Field(description="The portion's energy, kcal.")
    share_of_target: float = Field(description="The portion as a percentage of the target.")
    share_of_gap: float | None = Field(
        description="With --gap: how much of the gap one portion closes, percent (at most 100)."
    )
    minerals_mg: dict[MineralKey, float] = Field(
        description="What the portion gives of each of the six minerals, mg."
    )
    note: str | None = Field(description="Absorption or safety note, when one applies.")


class BestFoods(Result):
    """`sleepmin foods best MINERAL --json`: the foods that give most of a mineral."""

    mineral: MineralKey = Field(description="The mineral.")
    per: Literal["portion", "100kcal"] = Field(description="What the foods are ranked by.")
    gap_mg: float | None = Field(
        description="With --gap: the shortfall ranked against (foods by how much of it one "
        "portion closes); null otherwise."
    )
    target_mg: float = Field(description="The RDA or AI used for the share (adult default).")
    foods: list[BestFood] = Field(description="Best first.")
    left_out: int = Field(
        description="Foods of the list left out: by --diet and --exclude, and any whose one "
        "portion passes an adult Upper Limit (liver)."
    )
    notes: list[str] = Field(description="Absorption and safety notes for this mineral.")
