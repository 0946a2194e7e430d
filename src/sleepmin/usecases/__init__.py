"""The use cases: one function for each thing a person can ask of sleepmin. Every interface
(the library, the CLI, and the web service to come) calls these and nothing deeper, so a
question gets the same answer everywhere. Each takes plain inputs (text, a file or stream,
typed answers), the long-lived food database, the person's store and ``today``."""

# Names load on first use (PEP 562): a command imports only the use cases it runs.
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sleepmin.foods.database import FoodDatabase
    from sleepmin.usecases.assessment import (
        Assessment,
        answers_text,
        article_claims,
        assess,
        explain,
        read_answers,
        read_answers_file,
        score_isi_items,
    )
    from sleepmin.usecases.diet import DietReport, FoodLog, analyze_diet, read_food_log, read_pins
    from sleepmin.usecases.foods import (
        FoodHit,
        ProgressCallback,
        database_status,
        food_json,
        install_foods,
        install_json,
        search_foods,
        show_food,
        status_json,
    )
    from sleepmin.usecases.labs import (
        LabsRead,
        LabsSource,
        convert_lab,
        import_labs,
        interpret_lab,
        person_context,
    )
    from sleepmin.usecases.ports import NoPins, PinStore
    from sleepmin.usecases.safety import SafetyCheck, check_safety
    from sleepmin.usecases.targets import show_targets, targets_for

_HOMES = {
    "Assessment": "sleepmin.usecases.assessment",
    "DietReport": "sleepmin.usecases.diet",
    "FoodDatabase": "sleepmin.foods.database",
    "FoodHit": "sleepmin.usecases.foods",
    "FoodLog": "sleepmin.usecases.diet",
    "LabsRead": "sleepmin.usecases.labs",
    "LabsSource": "sleepmin.usecases.labs",
    "NoPins": "sleepmin.usecases.ports",
    "PinStore": "sleepmin.usecases.ports",
    "ProgressCallback": "sleepmin.usecases.foods",
    "SafetyCheck": "sleepmin.usecases.safety",
    "analyze_diet": "sleepmin.usecases.diet",
    "answers_text": "sleepmin.usecases.assessment",
    "article_claims": "sleepmin.usecases.assessment",
    "assess": "sleepmin.usecases.assessment",
    "check_safety": "sleepmin.usecases.safety",
    "convert_lab": "sleepmin.usecases.labs",
    "database_status": "sleepmin.usecases.foods",
    "explain": "sleepmin.usecases.assessment",
    "food_json": "sleepmin.usecases.foods",
    "import_labs": "sleepmin.usecases.labs",
    "install_foods": "sleepmin.usecases.foods",
    "install_json": "sleepmin.usecases.foods",
    "interpret_lab": "sleepmin.usecases.labs",
    "person_context": "sleepmin.usecases.labs",
    "read_answers": "sleepmin.usecases.assessment",
    "read_answers_file": "sleepmin.usecases.assessment",
    "read_food_log": "sleepmin.usecases.diet",
    "read_pins": "sleepmin.usecases.diet",
    "score_isi_items": "sleepmin.usecases.assessment",
    "search_foods": "sleepmin.usecases.foods",
    "show_food": "sleepmin.usecases.foods",
    "show_targets": "sleepmin.usecases.targets",
    "status_json": "sleepmin.usecases.foods",
    "targets_for": "sleepmin.usecases.targets",
}

__all__ = [
    "Assessment",
    "DietReport",
    "FoodDatabase",
    "FoodHit",
    "FoodLog",
    "LabsRead",
    "LabsSource",
    "NoPins",
    "PinStore",
    "ProgressCallback",
    "SafetyCheck",
    "analyze_diet",
    "answers_text",
    "article_claims",
    "assess",
    "check_safety",
    "convert_lab",
    "database_status",
    "explain",
    "food_json",
    "import_labs",
    "install_foods",
    "install_json",
    "interpret_lab",
    "person_context",
    "read_answers",
    "read_answers_file",
    "read_food_log",
    "read_pins",
    "score_isi_items",
    "search_foods",
    "show_food",
    "show_targets",
    "status_json",
    "targets_for",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'sleepmin.usecases' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # once loaded, an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
