"""Use case: the JSON Schema of each result (`sleepmin schema NAME`), from the same typed models
whose dumps are the --json outputs, so a schema can never drift from what is printed."""

from __future__ import annotations

import importlib
from typing import Any

from sleepmin.errors import InvalidInput

# name → (the command whose --json it describes, the model's module, the model)
RESULTS: dict[str, tuple[str, str, str]] = {
    "assessment": ("sleepmin assess --json", "assessment", "AssessmentReport"),
    "data-install": ("sleepmin data install --json", "foods", "InstallSummary"),
    "data-population": (
        "sleepmin data build-population --json",
        "population",
        "PopulationBuild",
    ),
    "data-status": ("sleepmin data status --json", "foods", "DatabaseSummary"),
    "diary-comparison": ("sleepmin diary compare --json", "diary", "DiaryComparison"),
    "diary-intake": ("sleepmin diary intake --json", "diary", "DiaryIntake"),
    "diary-metrics": ("sleepmin diary metrics --json", "diary", "DiaryMetrics"),
    "diet-analysis": ("sleepmin diet analyze --json", "diet", "DietAnalysis"),
    "evidence": ("sleepmin evidence MINERAL --json", "population", "EvidenceResult"),
    "explain": ("sleepmin explain MINERAL --json", "knowledge", "MineralExplanation"),
    "explain-claims": ("sleepmin explain --claims --json", "knowledge", "ArticleClaims"),
    "food": ("sleepmin foods show --json", "foods", "FoodDetails"),
    "food-log": ("sleepmin log add|show --json", "people", "LogShown"),
    "foods-best": ("sleepmin foods best MINERAL --json", "plan", "BestFoods"),
    "food-search": ("sleepmin foods search --json", "foods", "SearchResults"),
    "isi": ("sleepmin isi score --json", "screening", "IsiResult"),
    "isi-history": ("sleepmin isi history --json", "screening", "IsiHistory"),
    "lab-conversion": ("sleepmin labs convert --json", "labs", "LabConversion"),
    "lab-import": ("sleepmin labs import --json", "labs", "LabImportResult"),
    "lab-interpretation": ("sleepmin labs interpret --json", "labs", "LabInterpretation"),
    "person": ("sleepmin person add|update|show --json", "people", "PersonSummary"),
    "person-deleted": ("sleepmin person delete --json", "people", "PersonDeleted"),
    "person-export": ("sleepmin person export", "people", "PersonExport"),
    "plan": ("sleepmin plan --json", "plan", "PlanResult"),
    "safety-check": ("sleepmin safety check --json", "safety", "SafetyReportResult"),
    "supplements": ("sleepmin supplements add|remove|list --json", "people", "KeptSupplements"),
    "targets": ("sleepmin targets --json", "diet", "TargetsResult"),
}


def result_names() -> dict[str, str]:
    """Each schema's name and the output it describes."""
    return {name: command for name, (command, _, _) in RESULTS.items()}


def result_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one result, as it is printed (serialization mode)."""
    found = RESULTS.get(name.strip().lower())
    if found is None:
        raise InvalidInput(
            f"the schema name {name[:40]!r}",
            "is not one sleepmin has",
            "use one of: " + ", ".join(RESULTS),
        )
    _, module, model = found
    cls = getattr(importlib.import_module(f"sleepmin.results.{module}"), model)
    schema: dict[str, Any] = cls.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
