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
    from sleepmin.intake.targets import Diet, Profile, Sex
    from sleepmin.results.people import KeptSupplements
    from sleepmin.store.db import Store, open_store
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
    from sleepmin.usecases.diet import DietReport, analyze_diet, read_food_log, read_pins
    from sleepmin.usecases.foods import (
        FoodHit,
        ProgressCallback,
        database_status,
        food_details,
        food_json,
        install_foods,
        install_json,
        install_summary,
        search_foods,
        search_results,
        show_food,
        status_json,
        status_summary,
    )
    from sleepmin.usecases.inputs import FoodLog
    from sleepmin.usecases.kept import (
        KeptLabs,
        analyze_diet_for,
        assess_person,
        check_safety_for,
        import_labs_for,
        kept_labs,
    )
    from sleepmin.usecases.labs import (
        LabsRead,
        LabsSource,
        convert_lab,
        import_labs,
        interpret_lab,
        person_context,
    )
    from sleepmin.usecases.people import (
        PersonPins,
        add_person,
        add_supplement,
        delete_person,
        export_person,
        kept_supplements,
        list_people,
        log_add,
        log_show,
        person_profile,
        remove_supplement,
        show_person,
        stored_log,
        update_person,
    )
    from sleepmin.usecases.ports import NoPins, PinStore
    from sleepmin.usecases.safety import SafetyCheck, check_safety
    from sleepmin.usecases.schemas import result_names, result_schema
    from sleepmin.usecases.targets import show_targets, targets_for

_HOMES = {
    "Assessment": "sleepmin.usecases.assessment",
    "Diet": "sleepmin.intake.targets",
    "DietReport": "sleepmin.usecases.diet",
    "FoodDatabase": "sleepmin.foods.database",
    "FoodHit": "sleepmin.usecases.foods",
    "FoodLog": "sleepmin.usecases.inputs",
    "KeptLabs": "sleepmin.usecases.kept",
    "KeptSupplements": "sleepmin.results.people",
    "LabsRead": "sleepmin.usecases.labs",
    "LabsSource": "sleepmin.usecases.labs",
    "NoPins": "sleepmin.usecases.ports",
    "PersonPins": "sleepmin.usecases.people",
    "PinStore": "sleepmin.usecases.ports",
    "Profile": "sleepmin.intake.targets",
    "ProgressCallback": "sleepmin.usecases.foods",
    "SafetyCheck": "sleepmin.usecases.safety",
    "Sex": "sleepmin.intake.targets",
    "Store": "sleepmin.store.db",
    "add_person": "sleepmin.usecases.people",
    "add_supplement": "sleepmin.usecases.people",
    "analyze_diet": "sleepmin.usecases.diet",
    "analyze_diet_for": "sleepmin.usecases.kept",
    "answers_text": "sleepmin.usecases.assessment",
    "article_claims": "sleepmin.usecases.assessment",
    "assess": "sleepmin.usecases.assessment",
    "assess_person": "sleepmin.usecases.kept",
    "check_safety": "sleepmin.usecases.safety",
    "check_safety_for": "sleepmin.usecases.kept",
    "convert_lab": "sleepmin.usecases.labs",
    "database_status": "sleepmin.usecases.foods",
    "delete_person": "sleepmin.usecases.people",
    "explain": "sleepmin.usecases.assessment",
    "export_person": "sleepmin.usecases.people",
    "food_details": "sleepmin.usecases.foods",
    "food_json": "sleepmin.usecases.foods",
    "import_labs": "sleepmin.usecases.labs",
    "import_labs_for": "sleepmin.usecases.kept",
    "install_foods": "sleepmin.usecases.foods",
    "install_json": "sleepmin.usecases.foods",
    "install_summary": "sleepmin.usecases.foods",
    "interpret_lab": "sleepmin.usecases.labs",
    "kept_labs": "sleepmin.usecases.kept",
    "kept_supplements": "sleepmin.usecases.people",
    "list_people": "sleepmin.usecases.people",
    "log_add": "sleepmin.usecases.people",
    "log_show": "sleepmin.usecases.people",
    "open_store": "sleepmin.store.db",
    "person_context": "sleepmin.usecases.labs",
    "person_profile": "sleepmin.usecases.people",
    "read_answers": "sleepmin.usecases.assessment",
    "read_answers_file": "sleepmin.usecases.assessment",
    "read_food_log": "sleepmin.usecases.diet",
    "read_pins": "sleepmin.usecases.diet",
    "remove_supplement": "sleepmin.usecases.people",
    "result_names": "sleepmin.usecases.schemas",
    "result_schema": "sleepmin.usecases.schemas",
    "score_isi_items": "sleepmin.usecases.assessment",
    "search_foods": "sleepmin.usecases.foods",
    "search_results": "sleepmin.usecases.foods",
    "show_food": "sleepmin.usecases.foods",
    "show_person": "sleepmin.usecases.people",
    "show_targets": "sleepmin.usecases.targets",
    "status_json": "sleepmin.usecases.foods",
    "status_summary": "sleepmin.usecases.foods",
    "stored_log": "sleepmin.usecases.people",
    "targets_for": "sleepmin.usecases.targets",
    "update_person": "sleepmin.usecases.people",
}

__all__ = [
    "Assessment",
    "Diet",
    "DietReport",
    "FoodDatabase",
    "FoodHit",
    "FoodLog",
    "KeptLabs",
    "KeptSupplements",
    "LabsRead",
    "LabsSource",
    "NoPins",
    "PersonPins",
    "PinStore",
    "Profile",
    "ProgressCallback",
    "SafetyCheck",
    "Sex",
    "Store",
    "add_person",
    "add_supplement",
    "analyze_diet",
    "analyze_diet_for",
    "answers_text",
    "article_claims",
    "assess",
    "assess_person",
    "check_safety",
    "check_safety_for",
    "convert_lab",
    "database_status",
    "delete_person",
    "explain",
    "export_person",
    "food_details",
    "food_json",
    "import_labs",
    "import_labs_for",
    "install_foods",
    "install_json",
    "install_summary",
    "interpret_lab",
    "kept_labs",
    "kept_supplements",
    "list_people",
    "log_add",
    "log_show",
    "open_store",
    "person_context",
    "person_profile",
    "read_answers",
    "read_answers_file",
    "read_food_log",
    "read_pins",
    "remove_supplement",
    "result_names",
    "result_schema",
    "score_isi_items",
    "search_foods",
    "search_results",
    "show_food",
    "show_person",
    "show_targets",
    "status_json",
    "status_summary",
    "stored_log",
    "targets_for",
    "update_person",
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
