"""The use cases: one function for each thing a person can ask of sleepmin. Every interface
(the library, the CLI, and the web service to come) calls these and nothing deeper, so a
question gets the same answer everywhere. Each takes plain inputs (text, a file or stream,
typed answers), the long-lived food database, the person's store and ``today``."""

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
from sleepmin.usecases.diet import (
    DietReport,
    FoodLog,
    analyze_diet,
    read_food_log,
    read_pins,
    show_targets,
    targets_for,
)
from sleepmin.usecases.foods import (
    OFFICIAL_SOURCE_URL,
    FoodHit,
    ProgressCallback,
    database_status,
    install_foods,
    search_foods,
    show_food,
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

__all__ = [
    "OFFICIAL_SOURCE_URL",
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
    "import_labs",
    "install_foods",
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
    "targets_for",
]
