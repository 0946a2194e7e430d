"""Use cases: the USDA food database — install it, say what is installed, search, show."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sleepmin.foods.database import DatabaseStatus, FoodDatabase, InstallResult
from sleepmin.foods.model import Food, ProgressCallback
from sleepmin.nutrients import Nutrient

if TYPE_CHECKING:  # the models load when a result is typed, not for a search's table
    from sleepmin.results.foods import DatabaseSummary, FoodDetails, InstallSummary, SearchResults
from sleepmin.paths import OFFICIAL_SOURCE_URL

__all__ = [
    "OFFICIAL_SOURCE_URL",
    "FoodHit",
    "ProgressCallback",
    "database_status",
    "food_json",
    "install_foods",
    "install_json",
    "search_foods",
    "show_food",
    "status_json",
]


@dataclass(frozen=True, slots=True)
class FoodHit:
    score: float
    food: Food

    def to_json(self) -> dict[str, Any]:
        return {
            "ndb_number": self.food.ndb_number,
            "fdc_id": self.food.fdc_id,
            "description": self.food.description,
            "food_group": self.food.food_group,
            "score": self.score,
        }


def search_results(hits: list[FoodHit]) -> SearchResults:
    """The typed result of a search: `foods search --json` is its dump."""
    from sleepmin.results.foods import SearchResults  # noqa: PLC0415

    return SearchResults.model_validate([hit.to_json() for hit in hits])


def search_foods(foods: FoodDatabase, query: str, limit: int = 10) -> list[FoodHit]:
    """`sleepmin foods search`: foods by name, best first; typos, plurals and word order are
    forgiven."""
    return [FoodHit(hit.score, stored.food) for hit, stored in foods.search(query, limit)]


def show_food(foods: FoodDatabase, food_id: str) -> Food:
    """`sleepmin foods show`: one food by NDB number (leading zeros optional) or FDC id."""
    return foods.get(food_id).food


def food_details(food: Food) -> FoodDetails:
    """The typed result of `foods show`: its --json is the dump."""
    from sleepmin.results.foods import FoodDetails  # noqa: PLC0415

    return FoodDetails.model_validate(food_json(food))


def food_json(food: Food) -> dict[str, Any]:
    return {
        "ndb_number": food.ndb_number,
        "fdc_id": food.fdc_id,
        "description": food.description,
        "short_description": food.short_description,
        "common_names": food.common_names,
        "food_group": food.food_group,
        "release": food.release,
        "nutrients_per_100g": {n.value: food.nutrients.get(n) for n in Nutrient},
        "portions": [{"description": p.description, "grams": p.grams} for p in food.portions],
    }


def install_foods(
    source: str,
    database: Path,
    downloads: Path,
    *,
    force: bool = False,
    partial: bool = False,
    progress: ProgressCallback | None = None,
) -> InstallResult:
    """`sleepmin data install`: a USDA release (folder, zip or URL) checked and imported; the
    new database replaces the old only when complete."""
    # the release readers and download code load only for an install
    from sleepmin.foods.install import install  # noqa: PLC0415

    return install(source, database, downloads, force=force, partial=partial, progress=progress)


def database_status(database: Path) -> DatabaseStatus:
    """`sleepmin data status`: the installed releases, counts and location."""
    with FoodDatabase(database) as foods:
        return foods.status()


def install_summary(result: InstallResult) -> InstallSummary:
    from sleepmin.results.foods import InstallSummary  # noqa: PLC0415

    return InstallSummary.model_validate(install_json(result))


def status_summary(status: DatabaseStatus) -> DatabaseSummary:
    from sleepmin.results.foods import DatabaseSummary  # noqa: PLC0415

    return DatabaseSummary.model_validate(status_json(status))


def install_json(result: InstallResult) -> dict[str, Any]:
    return {
        "installed": result.installed,
        "location": str(result.path),
        "foods": result.foods,
        "portions": result.portions,
        "releases": [{"key": r.key, "name": r.name, "version": r.version} for r in result.releases],
        "fingerprint": result.fingerprint,
        "notices": list(result.notices),
    }


def status_json(status: DatabaseStatus) -> dict[str, Any]:
    return {
        "location": str(status.path),
        "schema_version": status.schema_version,
        "installed_at": status.installed_at,
        "source": status.source,
        "fingerprint": status.fingerprint,
        "releases": [
            {"key": r.key, "name": r.name, "version": r.version, "foods": count}
            for r, count in status.releases
        ],
        "foods": status.foods,
        "portions": status.portions,
        "foods_reporting": status.nutrient_counts,
        "fndds_ingredients": (
            {"source": status.fndds_ingredients, "foods": status.fndds_ingredient_foods}
            if status.fndds_ingredients
            else None
        ),
    }
