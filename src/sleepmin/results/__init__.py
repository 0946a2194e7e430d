"""Typed results: a pydantic model for each `--json` output (docs/cli.md, docs/assessment.md),
describing the documented JSON exactly, so that results can be typed and their JSON Schemas
printed. Every model is a ``Result``: unknown keys are refused and ``to_json()`` gives the
documented JSON, key for key."""

from sleepmin.results.assessment import AssessmentReport
from sleepmin.results.base import Result
from sleepmin.results.common import Citation
from sleepmin.results.diet import DietAnalysis, TargetsResult
from sleepmin.results.foods import (
    DatabaseSummary,
    FoodDetails,
    InstallSummary,
    SearchHit,
    SearchResults,
)
from sleepmin.results.knowledge import ArticleClaims, MineralExplanation
from sleepmin.results.labs import LabConversion, LabImportResult, LabInterpretation
from sleepmin.results.safety import SafetyFinding, SafetyReportResult, ScheduledDose
from sleepmin.results.screening import IsiResult

__all__ = [
    "ArticleClaims",
    "AssessmentReport",
    "Citation",
    "DatabaseSummary",
    "DietAnalysis",
    "FoodDetails",
    "InstallSummary",
    "IsiResult",
    "LabConversion",
    "LabImportResult",
    "LabInterpretation",
    "MineralExplanation",
    "Result",
    "SafetyFinding",
    "SafetyReportResult",
    "ScheduledDose",
    "SearchHit",
    "SearchResults",
    "TargetsResult",
]
