"""Use case: a food log analysed against a person's mineral targets.

Every interface calls these, so a log reads the same everywhere: the person's saved pins apply
to every analysis (`diet analyze`, `assess --log`, `safety check --log`), and pins made with
'@ ID' in a log are kept for later logs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sleepmin.errors import InvalidFoodLog, InvalidInput, OutputError, StoreError
from sleepmin.fileio import check_input_file
from sleepmin.intake.analysis import Analysis
from sleepmin.intake.diet import analyze_food_log, parse_dated_lines
from sleepmin.intake.foodlog import MAX_LOG_BYTES, decode_log, log_too_large
from sleepmin.intake.matching import FoodLookup
from sleepmin.intake.pins import read_pins_file
from sleepmin.intake.serialize import analysis_json
from sleepmin.intake.supplements import Supplement, parse_supplements
from sleepmin.intake.targets import Profile, Targets
from sleepmin.nutrients import Mineral
from sleepmin.results.diet import DietAnalysis
from sleepmin.usecases.inputs import FoodLog, KeptLog
from sleepmin.usecases.population import population_for
from sleepmin.usecases.ports import NoPins, PinStore
from sleepmin.usecases.targets import targets_for


@dataclass(frozen=True, slots=True)
class DietReport:
    """A food log analysed for one person; ``warnings`` are for the person (a pin that could
    not be kept), not part of the analysis."""

    analysis: Analysis
    new_pins: dict[str, str]
    warnings: tuple[str, ...] = field(default=())
    kept: KeptLog | None = None  # with --person: what of the log file was kept for them

    def result(self) -> DietAnalysis:
        """The typed result: `diet analyze --json` is its dump."""
        return DietAnalysis.model_validate(analysis_json(self.analysis))

    def to_json(self) -> dict[str, Any]:
        return self.result().to_json()


def read_food_log(path: Path) -> FoodLog:
    """A food log file; a one-line error if it is missing, unreadable or not text (binary data,
    an encoding other than UTF-8 or UTF-16 with a byte-order mark)."""
    check_input_file(path, "the food log")
    try:
        if path.is_dir():
            raise InvalidInput(
                f"the food log {path}", "is a folder", "give the path of a text or CSV file"
            )
        size = path.stat().st_size
        if size > MAX_LOG_BYTES:
            raise log_too_large(size, str(path))
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InvalidFoodLog(
            f"no food log at {path}; give the path of a text or CSV file"
        ) from None
    except OSError as exc:
        raise InvalidInput(
            f"the food log {path}",
            f"cannot be read ({exc.strerror or exc})",
            "check that the file exists and that you may read it",
        ) from None
    return FoodLog(decode_log(raw, str(path)), path.name)


def read_pins(path: Path) -> dict[str, str]:
    """A pins file given for one analysis (``--pins``): ``phrase,id`` lines or a JSON object."""
    return read_pins_file(path)


def analyze_diet(
    log: FoodLog,
    foods: FoodLookup,
    profile: Profile,
    *,
    today: dt.date,
    supplements: Sequence[str] = (),
    pins: PinStore | None = None,
    extra_pins: Mapping[str, str] | None = None,
    remember_pins: bool = True,
) -> DietReport:
    """`sleepmin diet analyze`: the log's foods and grams against the person's targets, with
    supplements (as written: "magnesium glycinate 200 mg") counted toward intake and limits.
    ``extra_pins`` (a pins file given for this run) add to the saved ones and win over them."""
    return diet_for(
        log,
        foods,
        targets_for(profile),
        today=today,
        supplements=parse_supplements(tuple(supplements)),
        pins=pins,
        extra_pins=extra_pins,
        remember_pins=remember_pins,
    )


def diet_for(
    log: FoodLog,
    foods: FoodLookup,
    targets: Targets,
    *,
    today: dt.date,
    supplements: Sequence[Supplement] = (),
    pins: PinStore | None = None,
    extra_pins: Mapping[str, str] | None = None,
    remember_pins: bool = True,
) -> DietReport:
    """The analysis every use case shares (the assessment and the safety check too), so the
    saved pins apply to all of them."""
    store = pins or NoPins()
    chosen = {**store.pins(), **(extra_pins or {})}
    result = analyze_food_log(
        log.text,
        foods,
        targets,
        today=today,
        supplements=list(supplements),
        pins=chosen,
        filename=log.name,
        parsed=parse_dated_lines(list(log.entries), today) if log.entries else None,
    )
    analysis = dataclasses.replace(
        result.analysis,
        population=population_for(
            foods,
            targets.profile,
            _food_intakes(result.analysis),
            frozenset(m for m, r in result.analysis.minerals.items() if r.evidence == "partial"),
            result.analysis.counted_days,
        ),
    )
    warnings: list[str] = []
    if result.new_pins and remember_pins and not log.kept:
        try:
            store.remember(result.new_pins)
        except (OutputError, StoreError) as exc:  # the analysis stands; only the pins failed
            warnings.append(f"the '@ ID' pins were not saved: {exc}")
    return DietReport(analysis, result.new_pins, tuple(warnings))


def _food_intakes(analysis: Analysis) -> dict[Mineral, float | None]:
    """Food intakes to compare with NHANES (food only too): known ones, a lower bound when
    some foods do not count (`partial`), none when too few do."""
    return {
        mineral: result.intake.food_mg if result.evidence in ("complete", "partial") else None
        for mineral, result in analysis.minerals.items()
    }
