"""The safety check as typed models: `sleepmin safety check --json` (docs/cli.md, docs/safety.md),
the shape of ``safety.report.report_json``. The assessment's ``safety`` and ``schedule`` are the
same findings and doses."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from sleepmin.results.base import Result
from sleepmin.results.common import Citation, MineralName
from sleepmin.results.labs import Severity

# Every rule a finding can name (safety/checks.py and the clinical pathways' findings in
# screen/pathways.py). Two families are built from parts and listed in full: a medicine that
# binds a mineral ("{medicine}_{mineral}", safety.checks._CHELATORS) and, below, a lab cut-off.
FixedRule = Literal[
    # Upper Limits, infants and supplement reading
    "above_upper_limit",
    "above_upper_limit_supervised",
    "supplement_for_infant",
    "elemental_from_salt",
    "unknown_form",
    "supplement_reading",
    # zinc and copper
    "zinc_wilson_treatment",
    "high_dose_zinc",
    "zinc_copper_review",
    "zinc_copper_ratio",
    "zinc_without_copper",
    "zinc_induced_copper_deficiency",
    "copper_deficiency_symptoms",
    "copper_wilson",
    # interactions
    "calcium_iron_together",
    "bisphosphonate_calcium",
    "bisphosphonate_iron",
    "bisphosphonate_magnesium",
    "levodopa_iron",
    "levothyroxine_calcium",
    "levothyroxine_iron",
    "quinolone_calcium",
    "quinolone_copper",
    "quinolone_iron",
    "quinolone_magnesium",
    "quinolone_zinc",
    "tetracycline_calcium",
    "tetracycline_copper",
    "tetracycline_iron",
    "tetracycline_magnesium",
    "tetracycline_zinc",
    # kidneys, potassium and other medicines
    "potassium_retention",
    "potassium_reference_not_applicable",
    "magnesium_kidney",
    "diuretic_losses",
    "thiazide_calcium",
    "ppi",
    "calcium_stones",
    "lithium",
    "sedating_antihistamine_older_adult",
    "rls_aggravating_medicine",
    # iron
    "iron_overload_condition",
    "iron_overload_labs",
    "iron_test_first",
    "iron_deficiency_cause",
    # pregnancy
    "pregnancy_supplements",
    "pregnancy_supplements_routine",
    "pregnancy_supplements_supervised",
    "pregnancy_targets",
    "pregnancy_blood_pressure",
    # lab results
    "critical_lab",
    "palpitations_potassium",
    "supplement_with_high_level",
    "conflicting_results",
    # the clinical pathways
    "self_harm",
    "palpitations_check",
    "postmenopausal_bleeding",
    "sleep_apnea_risk",
    "mood_screen_positive",
]
# A red-flag or warning cut-off of a lab result: "lab_" and the cut-off's id in data/labs.toml.
LabRule = Annotated[str, Field(pattern=r"^lab_[a-z0-9_]+$")]
# The slots of the day's schedule (safety.schedule.SLOT_HOURS): 6, 8, 12, 18 and 21 h.
Slot = Literal["waking", "morning", "lunch", "dinner", "evening"]


class SafetyFinding(Result):
    """One finding about the plan, the person's medicines, conditions or lab results."""

    severity: Severity = Field(
        description="red_flag (stop and talk to a clinician; no schedule is given), warning or "
        "info."
    )
    mineral: MineralName | None = Field(
        description="The mineral the finding is about; null when it is about none in particular."
    )
    message: str = Field(description="What was found and what to do, in plain words.")
    rule: FixedRule | LabRule = Field(
        description="The rule that made the finding (docs/safety.md); 'lab_' and a cut-off id "
        "for a lab result past a red-flag or warning cut-off."
    )
    citations: list[Citation] = Field(description="The sources of the rule.")


class ScheduledDose(Result):
    """One entry of the timing schedule: a supplement dose, or a medicine that minerals bind."""

    slot: Slot = Field(
        description="When in the day: waking (6 h), morning (8 h), lunch (12 h), dinner (18 h) "
        "or evening (21 h)."
    )
    supplement: str = Field(
        description="The supplement as written, or the medicine's name (e.g. 'levothyroxine')."
    )
    mineral: MineralName | None = Field(
        description="The supplement's mineral; null for a medicine entry."
    )
    amount_mg: float | None = Field(
        description="The elemental dose in this slot, in mg (a supplement's doses add up to its "
        "daily amount); null for a medicine entry."
    )
    instructions: str = Field(description="How to take it, with any gap it keeps or move made.")
    citations: list[Citation] = Field(description="The sources of the instructions.")
    conflict: bool = Field(description="True when no arrangement keeps every gap for this entry.")
    conflict_message: str | None = Field(
        description="The rule the arrangement breaks and what to do; null without a conflict."
    )


class SafetyReportResult(Result):
    """`sleepmin safety check --json`: the findings and, when nothing is a red flag, the
    schedule."""

    passes: bool = Field(description="True when no finding is a red flag.")
    findings: list[SafetyFinding] = Field(
        description="Red flags first, then warnings, then information; within a severity the "
        "most urgent first."
    )
    schedule: list[ScheduledDose] | None = Field(
        description="When to take what, in slot order; null when a red flag stops the plan, "
        "empty when there are no supplements."
    )
