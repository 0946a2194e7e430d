"""Typed results: a pydantic model for each `--json` output (docs/cli.md, docs/assessment.md),
describing the documented JSON exactly, so that results can be typed and their JSON Schemas
printed. Every model is a ``Result``: unknown keys are refused and ``to_json()`` gives the
documented JSON, key for key."""

# Models load on first use (PEP 562): a command builds only the models of its own result.
from __future__ import annotations

from typing import TYPE_CHECKING

from sleepmin.lazy import lazy_names

if TYPE_CHECKING:
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

_HOMES = {
    "ArticleClaims": "sleepmin.results.knowledge",
    "AssessmentReport": "sleepmin.results.assessment",
    "Citation": "sleepmin.results.common",
    "DatabaseSummary": "sleepmin.results.foods",
    "DietAnalysis": "sleepmin.results.diet",
    "FoodDetails": "sleepmin.results.foods",
    "InstallSummary": "sleepmin.results.foods",
    "IsiResult": "sleepmin.results.screening",
    "LabConversion": "sleepmin.results.labs",
    "LabImportResult": "sleepmin.results.labs",
    "LabInterpretation": "sleepmin.results.labs",
    "MineralExplanation": "sleepmin.results.knowledge",
    "Result": "sleepmin.results.base",
    "SafetyFinding": "sleepmin.results.safety",
    "SafetyReportResult": "sleepmin.results.safety",
    "ScheduledDose": "sleepmin.results.safety",
    "SearchHit": "sleepmin.results.foods",
    "SearchResults": "sleepmin.results.foods",
    "TargetsResult": "sleepmin.results.diet",
}

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


__getattr__, __dir__ = lazy_names(__name__, globals(), _HOMES, __all__)
