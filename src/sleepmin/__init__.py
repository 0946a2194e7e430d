"""sleepmin: could minerals be part of a sleep problem? Estimates, explained and cited.

The library behind the CLI. For example::

    from pathlib import Path
    import datetime as dt
    import sleepmin

    sleepmin.install("../shared/data/fdc", Path("foods.sqlite"), Path("downloads"))
    targets = sleepmin.personal_targets(sleepmin.Profile(32, sleepmin.Sex.FEMALE),
                                        sleepmin.load_dri_table())
    with sleepmin.FoodDatabase(Path("foods.sqlite")) as db:
        result = sleepmin.analyze_food_log("2 bananas\\n1 cup cooked spinach\\n", db, targets,
                                           today=dt.date.today())
    result.analysis.minerals[sleepmin.Mineral.MAGNESIUM].percent_of_target
"""

__version__ = "0.1.0"

# Imported after __version__: submodules read it while this package is initialising.
from sleepmin.errors import SleepminError
from sleepmin.foods.database import FoodDatabase, install
from sleepmin.intake.diet import analyze_food_log
from sleepmin.intake.supplements import parse_supplement
from sleepmin.intake.targets import (
    Diet,
    Profile,
    Sex,
    load_dri_table,
    personal_targets,
)
from sleepmin.knowledge.kb import load_knowledge
from sleepmin.labs.catalog import load_catalog
from sleepmin.labs.convert import convert
from sleepmin.labs.interpret import LabResult, interpret
from sleepmin.nutrients import Mineral, Nutrient
from sleepmin.safety.checks import SafetyInput
from sleepmin.safety.report import safety_report

__all__ = [
    "Diet",
    "FoodDatabase",
    "LabResult",
    "Mineral",
    "Nutrient",
    "Profile",
    "SafetyInput",
    "Sex",
    "SleepminError",
    "__version__",
    "analyze_food_log",
    "convert",
    "install",
    "interpret",
    "load_catalog",
    "load_dri_table",
    "load_knowledge",
    "parse_supplement",
    "personal_targets",
    "safety_report",
]
