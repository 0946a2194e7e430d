"""Targets and food-log analyses as typed models: `sleepmin targets --json` and
`sleepmin diet analyze --json` (docs/cli.md). The shapes are those of ``intake.serialize``
(``targets_json``, ``analysis_json``); the assessment's ``diet`` is the same ``DietAnalysis``.

Numbers keep the type the analysis gives them: where a sum can be an ``int`` (``0`` mg from
supplements when none was taken) the field is ``int | float``, so the dump prints ``0``, not
``0.0``, exactly as the JSON always has.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, cast

from pydantic import Field, GetJsonSchemaHandler, SerializerFunctionWrapHandler, model_serializer
from pydantic.config import JsonDict
from pydantic.json_schema import JsonSchemaValue, SkipJsonSchema
from pydantic_core import CoreSchema

from sleepmin.results.base import Result
from sleepmin.results.common import MineralName, Number

# intake.targets.Sex and Diet.
SexName = Literal["female", "male"]
DietPattern = Literal["omnivore", "vegetarian", "vegan"]
# The DRI value a target is (dri.csv value_type).
TargetType = Literal["RDA", "AI"]
# What an adjustment changes (intake.targets._target).
AdjustmentScope = Literal["target and EAR", "target", "note"]
# Whether an Upper Limit exists for the person (intake.targets.MineralTarget.ul_status).
TargetUlStatus = Literal["set", "not_determined", "none_established"]
# The intake against the Upper Limit (intake.analysis.MineralResult.ul_status).
IntakeUlStatus = Literal["within", "above", "unknown", "not_determined", "none_established"]
# How far the intake from food can be trusted (intake.analysis.MineralResult.evidence).
Evidence = Literal["complete", "partial", "thin", "none"]
# A day's totals outside what a day's food adds up to (intake.analysis._day_result).
DayFlag = Literal["grams_high", "energy_high", "energy_low"]


# -- sleepmin targets ----------------------------------------------------------------------


class TargetValue(Result):
    """The reference intake a mineral is compared with."""

    type: TargetType = Field(description="RDA, or AI where the DRI tables set no RDA.")
    value_mg: float = Field(
        description="The reference amount, mg a day (after any diet adjustment)."
    )


class TargetAdjustment(Result):
    """A change to the DRI value (vegetarian and vegan diets), or a note on a disputed row."""

    factor: float | None = Field(
        description="What the value was multiplied by (iron 1.8, zinc 1.5); null for a note."
    )
    applies_to: AdjustmentScope = Field(
        description="What was changed: the target and the EAR, the target only, or nothing "
        "(a note)."
    )
    reason: str = Field(description="Why.")
    source: str = Field(description="The source, with its page.")


class MineralDri(Result):
    """One mineral's Dietary Reference Intakes for the person."""

    target: TargetValue = Field(description="The RDA or AI, mg a day.")
    ear_mg: float | None = Field(
        description="The Estimated Average Requirement, mg a day; null where none exists "
        "(every AI, potassium)."
    )
    ul_mg: float | None = Field(
        description="The Tolerable Upper Intake Level, mg a day; null when no UL applies, "
        "never 0 (`ul_status` says why)."
    )
    ul_applies_to: str = Field(
        description="What the UL counts, in the DRI wording (for magnesium supplements and "
        "medicines only)."
    )
    ul_status: TargetUlStatus = Field(
        description="set; not_determined (e.g. magnesium for infants); none_established "
        "(potassium)."
    )
    source: str = Field(description="Where the values come from (dri.csv's source column).")
    status: str = Field(
        description="'verified', or 'unverified: …' saying why (e.g. 'unverified: EAR "
        "conflict' where the sources disagree)."
    )
    adjustments: list[TargetAdjustment] = Field(
        description="Diet adjustments, and a note where the sources disagree."
    )


class DriByMineral(Result):
    """Each of the six minerals' reference intakes."""

    calcium: MineralDri = Field(description="Calcium.")
    iron: MineralDri = Field(description="Iron.")
    magnesium: MineralDri = Field(description="Magnesium.")
    potassium: MineralDri = Field(description="Potassium.")
    zinc: MineralDri = Field(description="Zinc.")
    copper: MineralDri = Field(description="Copper.")


class TargetsProfile(Result):
    """Whom the targets are for."""

    age_years: Number = Field(
        ge=0, le=125, description="Age in years; decimals for infants (0.25 = 3 months)."
    )
    sex: SexName = Field(description="female or male.")
    pregnant: bool = Field(description="Pregnant.")
    lactating: bool = Field(description="Breastfeeding.")
    diet: DietPattern = Field(description="The diet pattern.")


class TargetsResult(Result):
    """`sleepmin targets --json`: a person's DRIs for the six minerals, mg a day."""

    life_stage: str = Field(
        description="The DRI life-stage group, e.g. 'females 31-50 y', 'pregnancy <=18 y'."
    )
    profile: TargetsProfile = Field(description="The person.")
    minerals: DriByMineral = Field(description="Each mineral's reference intakes.")
    notes: list[str] = Field(
        description="E.g. heavy menstrual bleeding and iron, or the nearest pregnancy group used."
    )


# -- sleepmin diet analyze: the log's items ---------------------------------------------------


def _left_out_when_unsaid(schema: JsonDict) -> None:
    """A key the JSON leaves out rather than writing null: its schema has no default."""
    schema.pop("default", None)


def _optional_key(description: str) -> Any:
    """A key written only when it says something (``pinned``, ``comment``, ``reason``): None in
    the model, absent from the JSON."""
    return Field(default=None, description=description, json_schema_extra=_left_out_when_unsaid)


class _WithOptionalKeys(Result):
    """Leaves out the keys declared with ``_optional_key`` when they are None, as
    ``intake.serialize.item_json`` does."""

    @model_serializer(mode="wrap")
    def _leave_out_unsaid(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        dumped: dict[str, Any] = handler(self)
        for name, field in type(self).model_fields.items():
            if field.json_schema_extra is _left_out_when_unsaid and dumped.get(name) is None:
                dumped.pop(name, None)
        return dumped

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler, /
    ) -> JsonSchemaValue:
        # The serializer above only leaves keys out, so the JSON has the fields' shape in both
        # modes; without this, the serialization schema would be the serializer's return type
        # (any object) instead of the fields.
        fields_only = {k: v for k, v in core_schema.items() if k != "serialization"}
        return handler(cast("CoreSchema", fields_only))


class FoodRef(Result):
    """A USDA food, by its ids."""

    fdc_id: int | None = Field(description="The FoodData Central id; null for an SR28 food.")
    ndb_number: str | None = Field(
        description="The SR NDB number (5 digits, leading zeros); null for a food only "
        "FoodData Central identifies."
    )
    description: str = Field(description="USDA's description of the food.")


class CandidateFood(FoodRef):
    """A food an ambiguous line may mean."""

    score: float = Field(description="How well it fits the line; comparable within one line.")


class _LogItem(_WithOptionalKeys):
    """The keys every item has, in the JSON's order."""

    line: str = Field(description="The line as written.")
    line_number: int = Field(ge=1, description="Its line number in the log.")
    day: int | None = Field(
        description="The index of its day in `days`; null for a note on a CSV row's date, "
        "which belongs to no day (the row's food is an item of its own)."
    )
    status: str = Field(description="How the line was read.")
    fdc_id: int | None = Field(description="The food's FoodData Central id; null if none.")
    ndb_number: str | None = Field(description="The food's SR NDB number; null if none.")
    description: str | None = Field(
        description="The USDA food; null when none was chosen (a not_understood item may name "
        "the food when only the amount failed)."
    )
    grams: Number | None = Field(description="The amount eaten, g; null when not worked out.")
    basis: str | None = Field(
        description="How the grams were worked out (e.g. the USDA measure used); null if not."
    )


_PINNED = "True when the food was chosen by an '@ ID' pin; absent otherwise."
_COMMENT = (
    "What the line said that is neither the food nor its amount ('for frying'), and what stood "
    "in for a food USDA lacks; absent when nothing."
)
_REASON = "Why the line was not matched, or what to check; absent when nothing."


class MatchedItem(_LogItem):
    """A line matched to a USDA food and its grams."""

    status: Literal["matched"] = Field(description="Matched to a food and grams.")
    confidence: float = Field(
        ge=0,
        le=1,
        description="How sure the food is the one meant, 0-1 (1.0 for a pin); see "
        "docs/food-log.md, 'Confidence'.",
    )
    alternatives: list[FoodRef] = Field(description="Up to three foods that were nearly as likely.")
    pinned: Literal[True] | SkipJsonSchema[None] = _optional_key(_PINNED)
    comment: str | SkipJsonSchema[None] = _optional_key(_COMMENT)
    reason: str | SkipJsonSchema[None] = _optional_key(_REASON)


class AmbiguousItem(_LogItem):
    """A line several USDA foods fit about as well: pick one with '@ ID' or reword."""

    status: Literal["ambiguous"] = Field(description="Several foods fit; none was counted.")
    pinned: Literal[True] | SkipJsonSchema[None] = _optional_key(_PINNED)
    candidates: list[CandidateFood] = Field(description="The foods it may mean, best first.")
    comment: str | SkipJsonSchema[None] = _optional_key(_COMMENT)
    reason: str | SkipJsonSchema[None] = _optional_key(_REASON)


class NotUnderstoodItem(_LogItem):
    """A line that could not be read as a food and an amount (or a date header's problem)."""

    status: Literal["not_understood"] = Field(description="Not read; not counted.")
    pinned: Literal[True] | SkipJsonSchema[None] = _optional_key(_PINNED)
    comment: str | SkipJsonSchema[None] = _optional_key(_COMMENT)
    reason: str | SkipJsonSchema[None] = _optional_key(_REASON)


class NotFoodItem(_LogItem):
    """A heading, equipment or a note: not a food, and not counted in `food_items`."""

    status: Literal["not_food"] = Field(description="Not a food.")
    pinned: Literal[True] | SkipJsonSchema[None] = _optional_key(_PINNED)
    comment: str | SkipJsonSchema[None] = _optional_key(_COMMENT)
    reason: str | SkipJsonSchema[None] = _optional_key(_REASON)


DietItem = Annotated[
    MatchedItem | AmbiguousItem | NotUnderstoodItem | NotFoodItem,
    Field(discriminator="status"),
]


class ItemCounts(Result):
    """How many items have each status."""

    matched: int = Field(ge=0, description="Items matched to a food and grams.")
    ambiguous: int = Field(ge=0, description="Items several foods fit.")
    not_understood: int = Field(ge=0, description="Items not read (including date headers).")
    not_food: int = Field(ge=0, description="Headings, equipment and notes.")


class FoodEvidence(Result):
    """How much of the log could be counted."""

    has_food_evidence: bool = Field(description="False when no food matched.")
    food_items: int = Field(
        ge=0, description="Foods in the log (not notes on a date header, not 'not food')."
    )
    matched: int = Field(ge=0, description="Foods matched and counted.")
    counted_share: float = Field(
        ge=0, le=1, description="matched ÷ food_items, 3 decimals (0 when there is no food)."
    )
    counted_days: int = Field(ge=0, description="Days with a matched food, in the averages.")


class CountedSupplement(Result):
    """A supplement as read: its mineral and daily elemental amount."""

    text: str = Field(description="The supplement as written.")
    mineral: MineralName = Field(description="The mineral it gives.")
    amount_mg: Number = Field(
        gt=0, description="The elemental amount, mg a day (a named iron salt's weight converted)."
    )
    form: str | None = Field(
        description="The form, e.g. 'glycinate' or an iron salt; null when none is named."
    )
    form_known: bool = Field(description="Whether sleepmin knows the form (an unknown is noted).")
    note: str | None = Field(
        description="How the amount was read when it is not simply the amount as written "
        "(a salt converted, a frequency); null otherwise."
    )


# -- sleepmin diet analyze: days and minerals ------------------------------------------------


class IntakeMg(Result):
    """An intake from food, from supplements and in total, mg a day."""

    food: float | None = Field(
        description="From the matched foods, mg (3 decimals); null when unknown: no matched "
        "food reports the mineral, or the day is not counted."
    )
    supplements: Number = Field(ge=0, description="From supplements, mg (0 when none).")
    total: float | None = Field(
        description="food + supplements, mg (3 decimals); null when the food part is unknown."
    )


class DayIntakeByMineral(Result):
    """A day's intake of each of the six minerals, mg."""

    calcium: IntakeMg = Field(description="Calcium.")
    iron: IntakeMg = Field(description="Iron.")
    magnesium: IntakeMg = Field(description="Magnesium.")
    potassium: IntakeMg = Field(description="Potassium.")
    zinc: IntakeMg = Field(description="Zinc.")
    copper: IntakeMg = Field(description="Copper.")


class DayTotals(Result):
    """One day of the log."""

    label: str = Field(description="The day's heading as written, or 'Day 1' etc.")
    date: str | None = Field(description="Its date, YYYY-MM-DD; null when it has none.")
    items: int = Field(ge=0, description="Matched foods on the day.")
    food_items: int = Field(ge=0, description="Foods written under the day, counted or not.")
    counted: bool = Field(
        description="In the averages; false when none of its foods could be matched."
    )
    grams: Number = Field(ge=0, description="Weight of the matched foods, g (1 decimal).")
    energy_kcal: float | None = Field(
        description="Energy of the matched foods, kcal (1 decimal); null when none reports it."
    )
    flags: list[DayFlag] = Field(
        description="grams_high (over 6,000 g), energy_high (over 8,000 kcal), energy_low "
        "(under 500 kcal; 200 under age 4)."
    )
    intake_mg: DayIntakeByMineral = Field(
        description="The day's intake of each mineral; food and total null when not counted."
    )


class TopSource(FoodRef):
    """A food that gave much of a mineral."""

    mg_per_day: float = Field(description="mg a day from this food (3 decimals).")
    share_percent: float = Field(
        ge=0, le=100, description="Its share of the intake from food, % (1 decimal)."
    )


class Coverage(Result):
    """How many foods a mineral's total is built from."""

    reporting: int = Field(ge=0, description="Matched foods whose USDA data report this mineral.")
    logged: int = Field(ge=0, description="Matched foods.")
    food_items: int = Field(ge=0, description="Foods in the log, counted or not.")


class MineralIntake(Result):
    """One mineral: intake against the person's reference and Upper Limit."""

    intake_mg_per_day: IntakeMg = Field(
        description="Mean daily intake over the counted days; food and total null when "
        "`evidence` is none."
    )
    target: TargetValue = Field(description="The RDA or AI, mg a day.")
    ear_mg: float | None = Field(description="The EAR, mg a day; null where none exists.")
    ul_mg: float | None = Field(description="The UL, mg a day; null when none applies.")
    ul_applies_to: str = Field(description="What the UL counts, in the DRI wording.")
    ul_counted_mg: Number | None = Field(
        description="What the UL applies to: all intake, or supplements only (magnesium), mg "
        "a day; null when no UL applies or the food part is unknown."
    )
    ul_status: IntakeUlStatus = Field(
        description="within or above the UL; unknown (no food evidence and a UL that counts "
        "food); not_determined or none_established (no UL)."
    )
    percent_of_target: float | None = Field(
        description="Total intake as % of the target (1 decimal); null when the food part is "
        "unknown."
    )
    probability_inadequate: float | None = Field(
        ge=0,
        le=1,
        description="The chance this usual intake is below the person's requirement (NRC/IOM "
        "probability approach), 3 decimals; null without an EAR or with thin or no evidence.",
    )
    probability_method: str | None = Field(
        description="The requirement distribution used; null when no probability is given."
    )
    evidence: Evidence = Field(
        description="complete (every food counts toward it), partial (a lower bound), thin "
        "(under half the foods count: no probability), none (no matched food reports it)."
    )
    unknown_reason: str | None = Field(
        description="Why the intake or the probability is withheld; null otherwise."
    )
    top_sources: list[TopSource] = Field(description="Up to five foods, by mg a day.")
    coverage: Coverage = Field(description="How many foods the total is built from.")
    summary: str = Field(description="The result in one sentence.")


class MineralIntakes(Result):
    """Each of the six minerals' analysis."""

    calcium: MineralIntake = Field(description="Calcium.")
    iron: MineralIntake = Field(description="Iron.")
    magnesium: MineralIntake = Field(description="Magnesium.")
    potassium: MineralIntake = Field(description="Potassium.")
    zinc: MineralIntake = Field(description="Zinc.")
    copper: MineralIntake = Field(description="Copper.")


class PopulationMineral(Result):
    """One mineral's food intake among US people of the same sex and DRI age group."""

    food_mg: float | None = Field(
        description="The food intake compared (mg a day; supplements are not counted, as in "
        "NHANES); a lower bound when the mineral's evidence is partial; null when unknown."
    )
    lower_bound: bool = Field(
        description="True when the intake is a lower bound (some foods have no value for the "
        "mineral): the percentile is then a lower bound too."
    )
    percentile: float | None = Field(
        description="Its percentile among the group's usual intakes from food (0.5: below the "
        "1st, 99.5: above the 99th); null when the intake is unknown."
    )
    median_mg: float = Field(description="The group's median usual intake from food, mg.")
    ear_mg: float | None = Field(description="The group's EAR, mg; null where there is none.")
    share_below_ear: float | None = Field(
        description="The group's share with usual food intake below the EAR (0-1); null "
        "without an EAR (potassium)."
    )
    share_method: str = Field(description="How the share was estimated.")
    words: str = Field(description="The comparison in plain words, with the survey.")


class PopulationContext(Result):
    """Where the logged food intakes sit among US people like this one (docs/population.md)."""

    available: bool = Field(
        description="False when there is no comparison (summary not built, no group): see `reason`."
    )
    survey: str | None = Field(description="The survey cycle, e.g. 'NHANES 2017-2018'.")
    group: str | None = Field(description="The comparison group's key, e.g. 'female 51-70 y'.")
    label: str | None = Field(description="The group in words.")
    people: int | None = Field(description="Respondents with two reliable recalls in it.")
    minerals: dict[str, PopulationMineral] = Field(description="Each mineral; empty if none.")
    method: str | None = Field(description="How usual intakes and shares were estimated.")
    caveats: list[str] = Field(
        description="What to read with it: food only; a few logged days are not usual intake."
    )
    reason: str | None = Field(description="Why there is no comparison; null when there is.")


class DietAnalysis(Result):
    """`sleepmin diet analyze --json` (and the assessment's `diet`): a food log matched to USDA
    foods and compared with the person's targets."""

    life_stage: str = Field(description="The DRI life-stage group used.")
    items: list[DietItem] = Field(
        description="Every food of the log in line order (a line naming two foods gives two "
        "items with the same line_number)."
    )
    item_counts: ItemCounts = Field(description="The number of items of each status.")
    food_evidence: FoodEvidence = Field(
        description="How many of the log's foods and days were counted."
    )
    energy_kcal_per_day: float | None = Field(
        description="Mean energy over the counted days, kcal (1 decimal); null when unknown."
    )
    supplements: list[CountedSupplement] = Field(description="The supplements counted.")
    days: list[DayTotals] = Field(description="Each day of the log.")
    minerals: MineralIntakes = Field(description="Each mineral's intake and evidence.")
    warnings: list[str] = Field(
        description="What must be read before the numbers: nothing matched, foods not counted, "
        "a day's totals out of bounds."
    )
    notes: list[str] = Field(description="E.g. how many days the estimate is from.")
    population: PopulationContext | None = Field(
        description="Where the food intakes lie among US people of the same sex and DRI age "
        "group (NHANES 2017-2018 usual intakes); `available` false, with the reason, when the "
        "summary is not installed. Null only where no analysis use case made it."
    )
