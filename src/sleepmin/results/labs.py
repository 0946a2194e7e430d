"""Lab results as typed models: `sleepmin labs interpret`, `labs import` and `labs convert --json`
(docs/cli.md). The shapes are those of ``labs.serialize`` and ``usecases.labs.Converted``;
the assessment's ``labs`` are the same ``LabInterpretation``."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from sleepmin.results.base import Result
from sleepmin.results.common import Citation, MineralName, Number

# How serious a finding or a cut-off is (labs.catalog.SEVERITIES, safety.checks.SEVERITY_ORDER).
Severity = Literal["red_flag", "warning", "info"]
# The tests of data/labs.toml, as docs/cli.md lists them.
LabTestKey = Literal[
    "magnesium",
    "rbc_magnesium",
    "ferritin",
    "transferrin_saturation",
    "iron",
    "tibc",
    "hemoglobin",
    "zinc",
    "copper",
    "ceruloplasmin",
    "calcium",
    "ionized_calcium",
    "albumin",
    "potassium",
    "crp",
]
# Whom a cut-off or a reference interval is for: the groups labs.interpret knows how to match.
AppliesTo = Literal["all", "adults", "children", "pregnancy", "women", "men"]
# A result against its reference interval (labs.interpret.Interpretation.status).
LabStatus = Literal["low", "within", "high", "no_reference"]


class LabValue(Result):
    """A result in one unit, rounded to 4 decimals."""

    value: float = Field(description="The result in `unit`, rounded to 4 decimals.")
    unit: str = Field(description="The unit, as the catalog writes it (e.g. ug/L, mmol/L).")


class LoincCode(Result):
    """A LOINC code the test is reported under."""

    code: str = Field(description="The LOINC code, e.g. 2276-4.")
    display: str = Field(description="The LOINC long name; empty when the catalog gives none.")


class ReferenceInterval(Result):
    """The reference interval the result was read against: the one for the person's group
    when the interval depends on sex, age or pregnancy."""

    low: Number | None = Field(
        description="The lower limit in `unit`; null when the interval has no lower limit."
    )
    high: Number | None = Field(
        description="The upper limit in `unit`; null when the interval has no upper limit."
    )
    unit: str = Field(description="The unit the limits are in.")
    note: str = Field(
        description="About the interval (its group's note when a group was used); may be empty."
    )
    group: AppliesTo | None = Field(
        description="Whom the interval used applies to, when it depends on who the result "
        "belongs to (e.g. women, pregnancy); null for the general interval."
    )
    verified: bool = Field(description="Whether the interval was checked against its source.")
    citations: list[Citation] = Field(description="The sources of the interval.")


class ThresholdMet(Result):
    """A sleep-relevant or clinical cut-off the value meets, quoted with its source."""

    id: str = Field(description="The cut-off's id in data/labs.toml.")
    rule: str = Field(
        description="The cut-off in words, e.g. '≤ 75 ug/L' or '> 75 and ≤ 100 ug/L' for a band."
    )
    meaning: str = Field(description="What meeting the cut-off means, per its source.")
    action: str = Field(description="What to do about it; may be empty.")
    applies_to: AppliesTo = Field(description="Whom the cut-off is defined for.")
    condition: str | None = Field(
        description="The situation the cut-off is defined for (e.g. a fasting sample); null "
        "when none."
    )
    severity: Severity = Field(description="How serious meeting it is.")
    critical: bool = Field(
        description="A critical ('panic') value: medical care today (e.g. potassium < 3.0 mmol/L)."
    )
    verified: bool = Field(description="Whether the cut-off was checked against its source.")
    citations: list[Citation] = Field(description="The sources of the cut-off.")


class LabInterpretation(Result):
    """One blood-test result read against its reference interval and thresholds
    (`sleepmin labs interpret --json`; each of `labs import`'s results and the assessment's
    labs)."""

    test: LabTestKey = Field(description="The test's key in the catalog (data/labs.toml).")
    name: str = Field(description="The test's name, e.g. 'Ferritin, serum/plasma'.")
    mineral: MineralName | None = Field(
        description="The mineral the test tells about; null for a test of none (albumin, CRP)."
    )
    value: float = Field(description="The result as given, in `unit`.")
    unit: str = Field(description="The unit as given.")
    date: str | None = Field(
        description="The date of the result as written in the source (FHIR effectiveDateTime, "
        "else issued; the CSV date column; the answers); null when not given."
    )
    source: str | None = Field(
        description="Where the result came from (the file and its Observation or line, "
        "'answers', or 'calculated: …' for a derived result); null for a single result."
    )
    si: LabValue = Field(description="The result in the test's SI (canonical) unit.")
    conventional: LabValue = Field(description="The result in the test's conventional unit.")
    loinc: list[LoincCode] = Field(description="The LOINC codes the test is reported under.")
    reference_interval: ReferenceInterval | None = Field(
        description="The reference interval used; null when the test has none."
    )
    status: LabStatus = Field(
        description="The result against the reference interval: low, within, high, or "
        "no_reference when there is no numeric interval."
    )
    thresholds_met: list[ThresholdMet] = Field(
        description="The cut-offs chosen for this person that the value meets, in catalog order."
    )
    caveats: list[str] = Field(description="What can make the test misleading.")
    notes: list[str] = Field(
        description="Assumptions made in reading it, e.g. menopause assumed from age."
    )
    citations: list[Citation] = Field(description="The sources for the test as a whole.")


class LabImportProblem(Result):
    """A result in the file that could not be used, and why."""

    where: str = Field(
        description="Which result: 'Observation ID (entry N)', 'line N', or the calculation for "
        "a derived result."
    )
    reason: str = Field(description="Why it could not be used.")


class LabImportResult(Result):
    """`sleepmin labs import --json`: every Observation (or CSV line) is a result or a problem."""

    results: list[LabInterpretation] = Field(
        description="Each usable result, interpreted as by `labs interpret`, then the derived "
        "ones (transferrin saturation, albumin-corrected calcium)."
    )
    problems: list[LabImportProblem] = Field(
        description="The results that could not be used, in file order, with their reasons."
    )
    skipped: list[str] = Field(
        description="Bundle entries that are not Observations, e.g. 'entry 13: Patient'."
    )


class LabConversion(Result):
    """`sleepmin labs convert --json`: a value in another unit."""

    value: float = Field(
        description="The converted value, to 4 decimals (4 significant figures below 0.001)."
    )
    unit: str = Field(description="The unit converted to, as given.")
