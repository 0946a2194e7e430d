"""The food database's results as typed models: `sleepmin foods search`, `foods show`,
`data install` and `data status --json` (docs/cli.md). The shapes are those of
``usecases.foods`` (``FoodHit.to_json``, ``food_json``, ``install_json``, ``status_json``)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict, Field, RootModel

from sleepmin.results.base import Result

# The USDA releases sleepmin imports: SR28's two files (sr28.py) and the FoodData Central data
# types ``fdc-<data type>`` (fdc_csv.DATA_TYPES).
ReleaseKey = Literal[
    "sr28-abbrev",
    "sr28-ascii",
    "fdc-sr_legacy_food",
    "fdc-foundation_food",
    "fdc-survey_fndds_food",
]

_NDB_NUMBER = "The SR NDB number: 5 digits with leading zeros, as text; null for a food only "
_NDB_NUMBER += "FoodData Central identifies."
_FDC_ID = "The FoodData Central id; null for a food of an SR28 release."


class SearchHit(Result):
    """One food that matches the query."""

    ndb_number: str | None = Field(description=_NDB_NUMBER)
    fdc_id: int | None = Field(description=_FDC_ID)
    description: str = Field(description="USDA's description of the food.")
    food_group: str | None = Field(description="USDA's food group; null when the release has none.")
    score: float = Field(
        description="How well the food matches (4 decimals); comparable only within one query."
    )


class SearchResults(RootModel[list[SearchHit]]):
    """`sleepmin foods search --json`: the foods that match, best first (empty when none)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    def to_json(self) -> list[dict[str, Any]]:
        dumped: list[dict[str, Any]] = self.model_dump(mode="json")
        return dumped


class NutrientsPer100g(Result):
    """Every stored nutrient (nutrients.Nutrient, in its order) per 100 g of the edible part;
    null where the release does not report it — never 0."""

    energy_kcal: float | None = Field(description="Energy, kcal.")
    protein_g: float | None = Field(description="Protein, g.")
    fiber_g: float | None = Field(description="Total dietary fibre, g.")
    calcium_mg: float | None = Field(description="Calcium, mg.")
    iron_mg: float | None = Field(description="Iron, mg.")
    magnesium_mg: float | None = Field(description="Magnesium, mg.")
    phosphorus_mg: float | None = Field(description="Phosphorus, mg.")
    potassium_mg: float | None = Field(description="Potassium, mg.")
    sodium_mg: float | None = Field(description="Sodium, mg.")
    zinc_mg: float | None = Field(description="Zinc, mg.")
    copper_mg: float | None = Field(description="Copper, mg.")
    retinol_ug: float | None = Field(
        description="Preformed vitamin A (retinol), µg: the form the vitamin A Upper Limit is "
        "set for."
    )


class FoodPortion(Result):
    """A household measure and its weight."""

    description: str = Field(description="The measure as the release words it, e.g. '1 cup'.")
    grams: float = Field(description="Its weight, g.")


class FoodDetails(Result):
    """`sleepmin foods show --json`: one food, its nutrients and household measures."""

    ndb_number: str | None = Field(description=_NDB_NUMBER)
    fdc_id: int | None = Field(description=_FDC_ID)
    description: str = Field(description="USDA's description of the food.")
    short_description: str | None = Field(
        description="SR28's abbreviated description (e.g. 'SPINACH,RAW'); null when none."
    )
    common_names: str | None = Field(description="Other names USDA gives; null when none.")
    food_group: str | None = Field(description="USDA's food group; null when the release has none.")
    release: ReleaseKey = Field(description="The release the food was read from.")
    nutrients_per_100g: NutrientsPer100g = Field(
        description="Every stored nutrient per 100 g; null where not reported."
    )
    portions: list[FoodPortion] = Field(
        description="Every household measure, in the release's order, with its gram weight."
    )


class InstalledRelease(Result):
    """A USDA release an install read."""

    key: ReleaseKey = Field(description="Which release.")
    name: str = Field(description="Its name, e.g. 'USDA SR28 abbreviated file'.")
    version: str = Field(
        description="Its publication date (e.g. '2016-05') where the files carry one, else "
        "'unknown'."
    )


class InstallSummary(Result):
    """`sleepmin data install --json`: what was imported."""

    installed: bool = Field(
        description="False when the same release was already installed (nothing was rewritten)."
    )
    location: str = Field(description="The path of the SQLite database.")
    foods: int = Field(ge=0, description="How many foods the database holds.")
    portions: int = Field(ge=0, description="How many household measures it holds.")
    releases: list[InstalledRelease] = Field(description="The releases read.")
    fingerprint: str = Field(
        description="sha256 over the imported files' names and bytes and the version of the "
        "checks they passed."
    )
    notices: list[str] = Field(
        description="What was installed without, one line each (e.g. a supporting file that "
        "could not be downloaded)."
    )


class StoredRelease(InstalledRelease):
    """A release in the installed database, with the foods it supplied."""

    foods: int = Field(ge=0, description="How many foods this release supplied or described.")


class FoodsReporting(Result):
    """How many foods report each stored nutrient (nutrients.Nutrient, in its order)."""

    energy_kcal: int = Field(ge=0, description="Foods reporting energy.")
    protein_g: int = Field(ge=0, description="Foods reporting protein.")
    fiber_g: int = Field(ge=0, description="Foods reporting fibre.")
    calcium_mg: int = Field(ge=0, description="Foods reporting calcium.")
    iron_mg: int = Field(ge=0, description="Foods reporting iron.")
    magnesium_mg: int = Field(ge=0, description="Foods reporting magnesium.")
    phosphorus_mg: int = Field(ge=0, description="Foods reporting phosphorus.")
    potassium_mg: int = Field(ge=0, description="Foods reporting potassium.")
    sodium_mg: int = Field(ge=0, description="Foods reporting sodium.")
    zinc_mg: int = Field(ge=0, description="Foods reporting zinc.")
    copper_mg: int = Field(ge=0, description="Foods reporting copper.")
    retinol_ug: int = Field(ge=0, description="Foods reporting retinol (preformed vitamin A).")


class FnddsIngredients(Result):
    """The FNDDS ingredient list that food search uses as an everyday-food prior."""

    source: str = Field(
        description="Where the list was read (a zip and the file in it, or a path)."
    )
    foods: int = Field(ge=0, description="How many foods it flags as FNDDS ingredients.")


class DatabaseSummary(Result):
    """`sleepmin data status --json`: the installed database."""

    location: str = Field(description="The path of the SQLite database.")
    schema_version: int = Field(description="The version of the database's table layout.")
    installed_at: str = Field(
        description="When it was installed, ISO 8601 in UTC to the second (e.g. "
        "'2026-11-25T14:58:15+00:00'); empty if not recorded."
    )
    source: str = Field(description="The source the install read (a folder, a zip or a URL).")
    fingerprint: str = Field(
        description="sha256 over the imported files' names and bytes and the version of the "
        "checks they passed."
    )
    releases: list[StoredRelease] = Field(description="The releases installed, by key.")
    foods: int = Field(ge=0, description="How many foods the database holds.")
    portions: int = Field(ge=0, description="How many household measures it holds.")
    foods_reporting: FoodsReporting = Field(description="How many foods report each nutrient.")
    fndds_ingredients: FnddsIngredients | None = Field(
        description="The FNDDS ingredient list read; null when the install had none (the "
        "everyday-food prior is then off)."
    )
