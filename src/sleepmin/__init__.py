"""sleepmin: could minerals be part of a sleep problem? Estimates, explained and cited.

The library is the use cases every interface calls (the CLI, and the web service to come), so
it answers exactly as they do. For example::

    import datetime as dt
    from pathlib import Path
    import sleepmin

    sleepmin.install_foods("../shared/data/fdc", Path("foods.sqlite"), Path("downloads"))
    with sleepmin.FoodDatabase(Path("foods.sqlite")) as db:
        report = sleepmin.analyze_diet(
            sleepmin.FoodLog("2 bananas\\n1 cup cooked spinach\\n"),
            db,
            sleepmin.Profile(32, sleepmin.Sex.FEMALE),
            today=dt.date.today(),
        )
    report.analysis.minerals[sleepmin.Mineral.MAGNESIUM].percent_of_target
    report.to_json()  # the shape `sleepmin diet analyze --json` prints (docs/cli.md)
"""

# Names load on first use (PEP 562), so `import sleepmin` and the CLI start fast: a command pays
# only for what it runs. The imports under TYPE_CHECKING give type checkers the same names.
from __future__ import annotations

from typing import TYPE_CHECKING

from sleepmin.lazy import lazy_names
from sleepmin.version import __version__

if TYPE_CHECKING:
    from sleepmin.errors import SleepminError
    from sleepmin.intake.targets import Diet, Profile, Sex
    from sleepmin.nutrients import Mineral, Nutrient
    from sleepmin.usecases import (
        Assessment,
        DietReport,
        FoodDatabase,
        FoodHit,
        FoodLog,
        LabsRead,
        LabsSource,
        NoPins,
        PersonPins,
        PinStore,
        SafetyCheck,
        Store,
        add_person,
        add_supplement,
        analyze_diet,
        analyze_diet_for,
        article_claims,
        assess,
        assess_person,
        check_safety,
        check_safety_for,
        convert_lab,
        database_status,
        delete_person,
        explain,
        export_person,
        import_labs,
        import_labs_for,
        install_foods,
        interpret_lab,
        kept_supplements,
        list_people,
        log_add,
        log_show,
        open_store,
        person_context,
        read_answers,
        read_food_log,
        remove_supplement,
        result_names,
        result_schema,
        score_isi_items,
        search_foods,
        show_food,
        show_person,
        show_targets,
        targets_for,
        update_person,
    )

if TYPE_CHECKING:
    from sleepmin.errors import SleepminError
    from sleepmin.intake.targets import Diet, Profile, Sex
    from sleepmin.nutrients import Mineral, Nutrient
    from sleepmin.usecases import (
        Assessment,
        DietReport,
        FoodDatabase,
        FoodHit,
        FoodLog,
        LabsRead,
        LabsSource,
        NoPins,
        PersonPins,
        PinStore,
        SafetyCheck,
        Store,
        add_person,
        add_supplement,
        analyze_diet,
        analyze_diet_for,
        article_claims,
        assess,
        assess_person,
        check_safety,
        check_safety_for,
        convert_lab,
        database_status,
        delete_person,
        explain,
        export_person,
        import_labs,
        import_labs_for,
        install_foods,
        interpret_lab,
        kept_supplements,
        list_people,
        log_add,
        log_show,
        open_store,
        person_context,
        read_answers,
        read_food_log,
        remove_supplement,
        result_names,
        result_schema,
        score_isi_items,
        search_foods,
        show_food,
        show_person,
        show_targets,
        targets_for,
        update_person,
    )

_HOMES = {
    "SleepminError": "sleepmin.errors",
    "Diet": "sleepmin.intake.targets",
    "Profile": "sleepmin.intake.targets",
    "Sex": "sleepmin.intake.targets",
    "Mineral": "sleepmin.nutrients",
    "Nutrient": "sleepmin.nutrients",
}

__all__ = [
    "Assessment",
    "Diet",
    "DietReport",
    "FoodDatabase",
    "FoodHit",
    "FoodLog",
    "LabsRead",
    "LabsSource",
    "Mineral",
    "NoPins",
    "Nutrient",
    "PersonPins",
    "PinStore",
    "Profile",
    "SafetyCheck",
    "Sex",
    "SleepminError",
    "Store",
    "__version__",
    "add_person",
    "add_supplement",
    "analyze_diet",
    "analyze_diet_for",
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
    "import_labs",
    "import_labs_for",
    "install_foods",
    "interpret_lab",
    "kept_supplements",
    "list_people",
    "log_add",
    "log_show",
    "open_store",
    "person_context",
    "read_answers",
    "read_food_log",
    "remove_supplement",
    "result_names",
    "result_schema",
    "score_isi_items",
    "search_foods",
    "show_food",
    "show_person",
    "show_targets",
    "targets_for",
    "update_person",
]


def _homes() -> dict[str, str]:
    """Every name's module: the use cases', unless listed in _HOMES."""
    return {
        name: _HOMES.get(name, "sleepmin.usecases") for name in __all__ if name != "__version__"
    }


__getattr__, __dir__ = lazy_names(__name__, globals(), _homes(), __all__)
