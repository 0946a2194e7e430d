"""Use cases: the NHANES population summary — built (`sleepmin data build-population`), found
beside the food database, and read into the diet analysis's `population` block (docs/population.md).
"""

from __future__ import annotations

import json
import math
import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sleepmin.errors import InvalidInput, PopulationDamaged, PopulationMissing
from sleepmin.fileio import write_atomic
from sleepmin.intake.targets import Profile
from sleepmin.nutrients import Mineral
from sleepmin.results.population import EvidenceResult, PopulationBuild

POPULATION_FILE = "population.json"
OUTCOME_ORDER = ("trouble_sleeping", "short_sleep", "daytime_sleepiness")
NHANES_SOURCE_ENV = "SLEEPMIN_NHANES_SOURCE"
NHANES_URL_ENV = "SLEEPMIN_NHANES_URL"  # a mirror of the CDC's files, with {name} in it
_CACHE: dict[Path, tuple[float, int, dict[str, Any]]] = {}
_CACHE_LOCK = threading.Lock()


def build_population(
    data_dir: Path, *, source: Path | None = None, cache: Path | None = None
) -> PopulationBuild:
    """`sleepmin data build-population`: read the NHANES 2017-2018 files (from ``source``, else
    downloaded from the CDC into ``cache``), build the summary and the evidence, and write them
    beside the food database, replacing the old file only when the new one is whole."""
    from sleepmin.population import evidence, nhanes, summary  # noqa: PLC0415 - on request

    if source is None:
        folder = cache or data_dir / "downloads" / "nhanes-2017-2018"
        nhanes.download(folder, url=os.environ.get(NHANES_URL_ENV) or nhanes.CDC_URL)
        source = folder
    people = nhanes.read_folder(source)
    built = summary.build(people)
    built["evidence"] = evidence.build_evidence(people)
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / POPULATION_FILE
    write_atomic(path, _dumps(built))
    return PopulationBuild.model_validate(
        {
            "path": str(path),
            "survey": built["survey"],
            "inputs": built["inputs"],
            "groups": [g["group"] for g in built["groups"]],
            "not_built": built["not_built"],
            "method": built["method"],
        }
    )


def mineral_evidence(mineral: Mineral | str, foods: object) -> EvidenceResult:
    """`sleepmin evidence MINERAL`: the survey's sleep answers against quartiles of intake of
    ``mineral``, from the summary installed beside ``foods``."""
    if isinstance(mineral, str):
        name = mineral
        try:
            mineral = Mineral(name.strip().lower())
        except ValueError:
            raise InvalidInput(
                f"the mineral {name[:40]!r}",
                "is not one sleepmin covers",
                "use one of: " + ", ".join(m.value for m in Mineral),
            ) from None
    summary = summary_beside(foods)
    if summary is None:
        raise PopulationMissing()
    try:
        evidence = summary["evidence"]
        found = evidence["minerals"][mineral.value]
        return _evidence_result(mineral, summary, evidence, found)
    except (KeyError, TypeError, ValueError) as exc:  # a summary edited by hand
        path = str(getattr(foods, "path", "") or "")
        raise PopulationDamaged(
            str(Path(path).parent / POPULATION_FILE), f"its evidence cannot be read ({exc})"
        ) from None


def _evidence_result(
    mineral: Mineral, summary: Mapping[str, Any], evidence: Any, found: Any
) -> EvidenceResult:
    return EvidenceResult.model_validate(
        {
            "mineral": mineral.value,
            "survey": summary["survey"],
            "cuts_mg": found["cuts_mg"],
            "adjusted_for": evidence["adjusted_for"],
            "weights": evidence["weights"],
            "outcomes": [
                {
                    "outcome": name,
                    "description": evidence["outcomes"][name],
                    **found["outcomes"][name],
                }
                for name in OUTCOME_ORDER
            ],
            "words": evidence["words"],
            "published": [
                {
                    "citation": paper["citation"],
                    "doi": paper["doi"],
                    "data": paper["data"],
                    "finding": paper["findings"].get(mineral.value) or paper["findings"].get("all"),
                }
                for paper in evidence["published"]
            ],
            "checks": evidence["checks"],
        }
    )


def _dumps(data: Mapping[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def load_population(data_dir: Path) -> dict[str, Any] | None:
    """The installed summary, or None when none was built; PopulationDamaged when the file is
    there but cannot be read as one (cut short, edited by hand). Read once per file version."""
    path = data_dir / POPULATION_FILE
    try:
        stat = path.stat()
    except OSError:
        return None
    with _CACHE_LOCK:
        cached = _CACHE.get(path)
        if cached and cached[:2] == (stat.st_mtime, stat.st_size):
            return cached[2]
    from sleepmin.population.summary import check_summary  # noqa: PLC0415

    try:
        data = check_summary(json.loads(path.read_text("utf-8")))
    except OSError as exc:
        raise PopulationDamaged(str(path), f"cannot be read: {exc.strerror or exc}") from None
    except ValueError as exc:  # invalid JSON, or not a summary this version reads
        raise PopulationDamaged(str(path), str(exc).split("\n")[0][:200]) from None
    with _CACHE_LOCK:
        _CACHE[path] = (stat.st_mtime, stat.st_size, data)
    return data


def summary_beside(foods: object) -> dict[str, Any] | None:
    """The summary installed beside ``foods`` (a FoodDatabase, or anything with a ``path``)."""
    path = getattr(foods, "path", None)
    return load_population(Path(path).parent) if isinstance(path, (str, os.PathLike)) else None


_EMPTY: dict[str, Any] = {
    "available": False,
    "survey": None,
    "group": None,
    "label": None,
    "people": None,
    "minerals": {},
    "method": None,
    "caveats": [],
    "reason": None,
}
NOT_BUILT = (
    "The population summary is not installed: build it once with `sleepmin data "
    "build-population` (it reads the CDC's NHANES 2017-2018 files)."
)


def population_for(
    foods: object,
    profile: Profile,
    food_mg: Mapping[Mineral, float | None],
    lower_bounds: frozenset[Mineral] = frozenset(),
    counted_days: int | None = None,
) -> dict[str, Any]:
    """The `population` block for a diet analysis made with ``foods``: never an error, since
    the analysis stands without it; a damaged summary is said, with the fix."""
    try:
        return population_block(summary_beside(foods), profile, food_mg, lower_bounds, counted_days)
    except PopulationDamaged as exc:
        return {**_EMPTY, "reason": f"No comparison: {exc}."}


def population_block(
    summary: Mapping[str, Any] | None,
    profile: Profile,
    food_mg: Mapping[Mineral, float | None],
    lower_bounds: frozenset[Mineral] = frozenset(),
    counted_days: int | None = None,
) -> dict[str, Any]:
    """The diet analysis's `population` block: for each mineral, where the food intake logged
    lies among US people of the same sex and DRI age group, and the group's share below the
    EAR; or why it cannot be told."""
    from sleepmin.population.summary import group_for, place  # noqa: PLC0415

    empty = _EMPTY
    if summary is None:
        return {**empty, "reason": NOT_BUILT}
    key = group_for(profile)
    if key is None:
        why = (
            "breastfeeding is not told apart in these NHANES files"
            if profile.lactating
            else "NHANES usual intakes are summarised from age 1"
        )
        return {**empty, "survey": summary["survey"], "reason": f"No comparison group: {why}."}
    group = next((g for g in summary["groups"] if g["group"] == key), None)
    if group is None:
        skipped = next((g for g in summary["not_built"] if g["group"] == key), None)
        why = skipped["reason"] if skipped else "the summary has no such group"
        return {
            **empty,
            "survey": summary["survey"],
            "group": key,
            "reason": f"No comparison group for {key}: {why}."
            + (
                " Needs differ in pregnancy: compare with your own targets instead."
                if profile.pregnant
                else ""
            ),
        }
    minerals = {}
    for mineral in Mineral:
        stats = group["minerals"][mineral.value]
        intake = food_mg.get(mineral)
        placement = None
        if intake is not None and math.isfinite(intake):
            placement = place(summary, key, mineral, intake)
        lower = mineral in lower_bounds and placement is not None
        minerals[mineral.value] = {
            "food_mg": None if intake is None else round(intake, 3),
            "lower_bound": lower,
            "percentile": None if placement is None else placement.percentile,
            "median_mg": stats["median_mg"],
            "ear_mg": stats["ear_mg"],
            "share_below_ear": stats["share_below_ear"],
            "share_method": stats["share_method"],
            "words": _words(
                mineral, group["label"], intake, placement, summary["survey"], lower=lower
            ),
        }
    return {
        "available": True,
        "survey": summary["survey"],
        "group": key,
        "label": group["label"],
        "people": group["people"],
        "minerals": minerals,
        "method": summary["method"],
        "caveats": [*summary["caveats"], *_person_caveats(profile, group, counted_days)],
        "reason": None,
    }


FEW_DAYS = 3  # fewer logged days, and the extremes are said to be read with care


def _person_caveats(
    profile: Profile, group: Mapping[str, Any], counted_days: int | None
) -> list[str]:
    said = [
        f"The percentiles and shares are estimates from the {group['people']:,} people of "
        "this group in the survey, given without a margin of error."
    ]
    if counted_days is not None and counted_days < FEW_DAYS:
        said.append(
            f"From {counted_days} logged day(s): one day can sit far from what is usual, most "
            "of all near the top or bottom of the group; log a few more days before reading "
            "much into it."
        )
    if profile.diet.value != "omnivore":
        said.append(
            "The group's share below the iron EAR uses the usual EAR; vegetarians and vegans "
            "need 1.8 times as much iron, as their own targets say."
        )
    return said


def _words(
    mineral: Mineral,
    label: str,
    intake: float | None,
    placement: Any,
    survey: str,
    *,
    lower: bool = False,
) -> str:
    if intake is None or placement is None:
        return f"The food log gives no {mineral.value} figure to compare with {label} in {survey}."
    amount = f"{intake:,.0f}" if intake >= 10 else f"{intake:.1f}"
    logged = f"the {amount} mg a day logged"
    if placement.below_first:
        share = "Fewer than 1 in 100"
    elif placement.above_last:
        share = "More than 99 in 100"
    else:
        share = f"About {round(placement.percentile):d} in 100"
    if lower and placement.below_first:  # a lower bound under the 1st percentile says nothing
        return (
            f"The {amount} mg a day of {mineral.value} logged is a lower bound (some foods of "
            f"the log have no {mineral.value} value), so it cannot be placed among US {label} "
            f"({survey})."
        )
    if lower and not placement.above_last:  # the intake may be higher, so the rank too
        share = "At least " + share.removeprefix("About ")
        logged += f" (a lower bound: some foods of the log have no {mineral.value} value)"
    return (
        f"{share} US {label} usually get less {mineral.value} from food than {logged} "
        f"({survey}; food only)."
    )


def population_status(data_dir: Path) -> str:
    """One line on the installed summary, for `sleepmin data status`."""
    try:
        summary = load_population(data_dir)
    except PopulationDamaged as exc:
        return str(exc)
    if summary is None:
        return "not built (`sleepmin data build-population`)"
    return (
        f"{summary['survey']}, {len(summary['groups'])} groups by sex and age "
        f"({len(summary['not_built'])} too small to publish)"
    )


def check_build_source(source: str | None) -> Path | None:
    """``--source`` (or the environment's), checked: a folder, or None to download."""
    chosen = source or os.environ.get(NHANES_SOURCE_ENV)
    if chosen is None:
        return None
    if not chosen.strip():
        raise InvalidInput("--source", "is empty", "give the folder of the NHANES files")
    return Path(chosen).expanduser()
