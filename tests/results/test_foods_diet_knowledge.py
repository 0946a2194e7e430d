"""The typed results describe the JSON the use cases give, byte for byte: every output below is
a real one (the real USDA SR28 release, the shipped DRI table and knowledge base), validated by
its model and dumped again to the same text — same keys, order, values, ints and nulls."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import BaseModel, ValidationError

from sleepmin import usecases
from sleepmin.foods.database import FoodDatabase
from sleepmin.foods.fdc_csv import DATA_TYPES
from sleepmin.intake.serialize import targets_json
from sleepmin.intake.targets import Diet, Profile, Sex
from sleepmin.knowledge import kb
from sleepmin.knowledge.explain import article_claims_json, explain_json, installed_foods
from sleepmin.nutrients import Mineral, Nutrient
from sleepmin.results.common import MineralName
from sleepmin.results.diet import (
    AmbiguousItem,
    CountedSupplement,
    DayFlag,
    DayIntakeByMineral,
    DietAnalysis,
    DietPattern,
    DriByMineral,
    Evidence,
    IntakeUlStatus,
    ItemCounts,
    MatchedItem,
    MineralIntakes,
    NotFoodItem,
    NotUnderstoodItem,
    SexName,
    TargetsResult,
    TargetType,
    TargetUlStatus,
)
from sleepmin.results.foods import (
    DatabaseSummary,
    FoodDetails,
    FoodsReporting,
    InstallSummary,
    NutrientsPer100g,
    ReleaseKey,
    SearchHit,
    SearchResults,
)
from sleepmin.results.knowledge import ArticleClaims, MineralExplanation
from sleepmin.results.screening import IsiBandName, IsiResult
from sleepmin.screen.instruments import ISI_BANDS
from sleepmin.vocabulary import (
    ArticleSection,
    FoodKind,
    Grade,
    OverallEvidence,
    SleepSymptom,
    Strength,
)
from tests.cli_helpers import run_cli
from tests.food_line_labels import load

TODAY = dt.date(2026, 11, 26)
ADULT = Profile(32, Sex.FEMALE)
TOP_LEVEL: list[type[BaseModel]] = [
    SearchResults,
    FoodDetails,
    InstallSummary,
    DatabaseSummary,
    TargetsResult,
    DietAnalysis,
    IsiResult,
    MineralExplanation,
    ArticleClaims,
]


def text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def assert_same_json(model: type[BaseModel], data: Any) -> BaseModel:
    """The model reads the output and dumps it to the same JSON text, whether it is given the
    Python value or the JSON text a client would read."""
    expected = text(data)
    parsed = model.model_validate(data)
    assert text(parsed.model_dump(mode="json")) == expected
    assert text(model.model_validate_json(expected).model_dump(mode="json")) == expected
    return parsed


def assert_refuses_an_extra_key(model: type[BaseModel], data: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        model.model_validate({**data, "unexpected": 1})


def literal(values: Any) -> set[Any]:
    return set(get_args(values))


# -- foods search and show -------------------------------------------------------------------

QUERIES = [
    "spinach",
    "spinach raw",
    "banana",
    "bananna",
    "milk",
    "whole milk",
    "cheddar cheese",
    "greek yogurt plain",
    "roasted chicken breast",
    "salmon",
    "canned sardines in oil",
    "pumpkin seeds",
    "almonds",
    "brown rice cooked",
    "oats",
    "lentils boiled",
    "tofu",
    "black beans",
    "beef liver",
    "oysters",
    "dark chocolate",
    "coffee",
    "orange juice",
    "kale raw",
    "baby food carrots",
    "fast food hamburger",
    "potato baked with skin",
    "avocado",
    "whole wheat bread",
    "egg",
    "xyzzy",
]


@pytest.fixture(scope="module")
def search_outputs(real_db: FoodDatabase) -> dict[str, list[dict[str, Any]]]:
    outputs = {}
    for query, limit in itertools.product(QUERIES, (1, 10, 200)):
        hits = usecases.search_foods(real_db, query, limit)
        outputs[f"{query}/{limit}"] = [hit.to_json() for hit in hits]
    return outputs


def test_search_results_are_described_exactly(search_outputs: dict[str, Any]) -> None:
    for data in search_outputs.values():
        assert_same_json(SearchResults, data)
        for hit in data:
            assert_same_json(SearchHit, hit)
    assert search_outputs["xyzzy/10"] == []  # an empty list is a result too
    assert len(search_outputs["milk/200"]) == 200


def test_a_search_hit_with_an_extra_key_is_refused(search_outputs: dict[str, Any]) -> None:
    hit = search_outputs["banana/1"][0]
    assert_refuses_an_extra_key(SearchHit, hit)
    with pytest.raises(ValidationError):
        SearchResults.model_validate([{**hit, "unexpected": 1}])


def test_every_food_of_the_release_is_described_exactly(real_db: FoodDatabase) -> None:
    with closing(sqlite3.connect(f"file:{real_db.path}?mode=ro", uri=True)) as connection:
        ids = [row[0] for row in connection.execute("SELECT ndb_number FROM foods")]
    assert len(ids) == 8790
    not_reported = 0
    for food_id in [*ids, "9040", "ndb:9040"]:
        data = usecases.food_json(usecases.show_food(real_db, food_id))
        assert_same_json(FoodDetails, data)
        not_reported += None in data["nutrients_per_100g"].values()
    assert not_reported > 1000  # a nutrient the release does not report stays null
    spinach = usecases.food_json(usecases.show_food(real_db, "11457"))
    assert_refuses_an_extra_key(FoodDetails, spinach)
    with pytest.raises(ValidationError):
        FoodDetails.model_validate(
            {**spinach, "portions": [{**spinach["portions"][0], "unexpected": 1}]}
        )


# -- data install and status -----------------------------------------------------------------


@pytest.mark.slow
def test_install_and_status_are_described_exactly(tmp_path: Path, shared_fdc: Path) -> None:
    database, downloads = tmp_path / "foods.sqlite", tmp_path / "dl"
    first = usecases.install_json(usecases.install_foods(str(shared_fdc), database, downloads))
    assert first["installed"] is True
    assert_same_json(InstallSummary, first)
    again = usecases.install_json(usecases.install_foods(str(shared_fdc), database, downloads))
    assert again["installed"] is False
    assert_same_json(InstallSummary, again)
    status = usecases.status_json(usecases.database_status(database))
    assert status["fndds_ingredients"] is not None
    assert_same_json(DatabaseSummary, status)
    assert_refuses_an_extra_key(InstallSummary, first)
    assert_refuses_an_extra_key(DatabaseSummary, status)
    with pytest.raises(ValidationError):
        DatabaseSummary.model_validate(
            {**status, "foods_reporting": {**status["foods_reporting"], "unexpected": 1}}
        )


@pytest.mark.slow
def test_status_without_the_fndds_ingredients_is_described_exactly(
    tmp_path: Path, shared_fdc: Path
) -> None:
    # SR28's ABBREV.txt alone: no FNDDS ingredient list, so `fndds_ingredients` is null
    abbrev = shared_fdc / "sr28_abbr_2016-05" / "ABBREV.txt"
    database = tmp_path / "foods.sqlite"
    installed = usecases.install_foods(str(abbrev), database, tmp_path / "dl")
    assert_same_json(InstallSummary, usecases.install_json(installed))
    status = usecases.status_json(usecases.database_status(database))
    assert status["fndds_ingredients"] is None
    assert_same_json(DatabaseSummary, status)


# -- targets ---------------------------------------------------------------------------------


def _target_profiles() -> Iterator[Profile]:
    for sex, age in itertools.product(Sex, (0, 0.25, 0.75, 1, 2, 6, 11, 16, 18.99, 19, 25)):
        yield Profile(age, sex)
    for sex, age in itertools.product(Sex, (40, 45.5, 60, 80, 125)):
        for diet in Diet:
            yield Profile(age, sex, diet=diet)
    for age in (12, 16, 25, 40, 55):  # 12 and 55 take the nearest group, with a note
        yield Profile(age, Sex.FEMALE, pregnant=True)
        yield Profile(age, Sex.FEMALE, lactating=True, diet=Diet.VEGAN)
    yield Profile(32.0, Sex.FEMALE, diet=Diet.VEGETARIAN, heavy_menstrual_bleeding=True)
    yield Profile(16, Sex.FEMALE, heavy_menstrual_bleeding=True)


def test_targets_are_described_exactly_for_every_life_stage() -> None:
    with resources.files("sleepmin.data").joinpath("dri.csv").open(encoding="utf-8") as rows:
        life_stages = {row["life_stage"] for row in csv.DictReader(rows)}
    assert len(life_stages) == 22
    seen: set[str] = set()
    ul_statuses: set[str] = set()
    for profile in _target_profiles():
        data = targets_json(usecases.targets_for(profile))
        assert_same_json(TargetsResult, data)
        seen.add(data["life_stage"])
        ul_statuses |= {m["ul_status"] for m in data["minerals"].values()}
    assert seen == life_stages
    assert ul_statuses == literal(TargetUlStatus)
    adult = targets_json(usecases.targets_for(ADULT))
    assert text(adult["profile"]["age_years"]) == "32"  # an int age stays an int
    assert_refuses_an_extra_key(TargetsResult, adult)
    with pytest.raises(ValidationError):
        TargetsResult.model_validate(
            {**adult, "minerals": {**adult["minerals"], "selenium": adult["minerals"]["zinc"]}}
        )


# -- diet analyze ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Log:
    id: str
    text: str
    name: str = ""
    profile: Profile = ADULT
    supplements: tuple[str, ...] = ()


LOGS = [
    Log(
        "documented example",
        "2 bananas\n1 cup cooked spinach\na wire whip\nxyzzy\n",
        supplements=("magnesium glycinate 200 mg",),
    ),
    Log(
        "days with headings",
        "Monday\nBreakfast: 1 cup oatmeal with 1/2 cup milk\n2 slices toast with butter\n"
        "coffee with milk\nLunch\n150 g salmon\n1 cup brown rice, cooked\nside salad\n"
        "2026-11-24\n2 eggs, scrambled\n1 apple\n30 g almonds\ndinner: chicken curry\n"
        "Day 3\n1 tbsp olive oil, for frying\n200 g tofu\n1 cup kale, chopped\n",
        profile=Profile(45, Sex.MALE, diet=Diet.VEGETARIAN),
        supplements=("zinc 15 mg", "ferrous sulfate 325 mg"),
    ),
    Log(
        "a date in the future and a repeated day",
        "20 Nov 2026\n1 banana\n1 December 2026\n1 cup yogurt\n20 Nov 2026\n1 orange\n",
    ),
    Log(
        "csv",
        "date,food,amount,unit,ndb_number\n2026-11-20,spinach,1,cup,11457\n"
        "2026-11-20,banana,2,,\n2026-11-21,salmon,150,g,\n2026-11-21,wire whip,,,\n"
        '2026-11-22,xyzzy,1,cup,\n2026-11-22,"2 eggs, scrambled",,,\n2030-01-01,1 apple,,,\n'
        "not a date,banana,1,,\n,cheddar cheese,30,g,\n",
        name="log.csv",
    ),
    Log(
        "pins",
        "1 cup spinach @ 11457\n1 big bowl of something @ 99999\n2 bananas @ 09040\n"
        "a handful @ 11457\n",
        supplements=("copper 2000 mcg", "calcium citrate 1200 mg"),
    ),
    Log(
        "ambiguous and not understood",
        "meat\nsandwich\njollof rice\nnanaimo bar\n1 1/0 cup milk\n9e99 g rice\n"
        "some cheese\nblorp glorp\n",
    ),
    Log("nothing matched", "xyzzy\nqwerty uiop\n", supplements=("zinc 50 mg",)),
    Log("nothing matched, no supplements", "blorp\n"),
    Log("only headings", "Day 1\nDay 2\n"),
    Log("thin evidence", "1 banana\nxyzzy\nqwerty\nblorp glorp\nmeat\n"),
    Log(
        "implausible totals",
        "Day 1\n2 litres water\n2 litres water\n2 litres water\n2 litres water\n"
        "Day 2\n500 g butter\n500 g butter\n500 g butter\nDay 3\n1 apple\n",
        supplements=("magnesium 800 mg", "potassium 99 mg twice daily"),
    ),
    Log(
        "an infant",
        "1 cup whole milk\n2 tbsp banana, mashed\n",
        profile=Profile(0.5, Sex.MALE),
    ),
    Log(
        "a toddler and a pregnancy",
        "1 slice bread\n",
        profile=Profile(3, Sex.FEMALE),
        supplements=("iron 10 mg every other day",),
    ),
    Log(
        "pregnant, vegan",
        "1 cup lentils, boiled\n2 tbsp tahini\n1 cup fortified soy milk\n",
        profile=Profile(28, Sex.FEMALE, pregnant=True, diet=Diet.VEGAN),
        supplements=("ferrous sulfate 325 mg (65 mg elemental)", "zinc 25 mg x2", "magnesium ½ g"),
    ),
    Log("one line, two foods", "toast with butter and jam; 1 cup tea with milk\n"),
]


def _label_logs() -> list[Log]:
    """Every labelled line of the everyday and recipe sets, in logs of 60 lines with a day
    heading every 20."""
    lines = [
        label.line for name in ("everyday_labels.csv", "recipe_labels.csv") for label in load(name)
    ]
    logs = []
    for start in range(0, len(lines), 60):
        chunk = lines[start : start + 60]
        body = "".join(
            (f"Day {i // 20 + 1}\n" if i % 20 == 0 else "") + line + "\n"
            for i, line in enumerate(chunk)
        )
        logs.append(Log(f"labelled lines {start + 1}-{start + len(chunk)}", body))
    return logs


ALL_LOGS = LOGS + _label_logs()


@pytest.fixture(scope="module")
def diet_outputs(real_db: FoodDatabase) -> dict[str, dict[str, Any]]:
    return {
        log.id: usecases.analyze_diet(
            usecases.FoodLog(log.text, log.name),
            real_db,
            log.profile,
            today=TODAY,
            supplements=log.supplements,
        ).to_json()
        for log in ALL_LOGS
    }


@pytest.mark.parametrize("log", ALL_LOGS, ids=lambda log: log.id)
def test_a_diet_analysis_is_described_exactly(
    log: Log, diet_outputs: dict[str, dict[str, Any]]
) -> None:
    analysis = assert_same_json(DietAnalysis, diet_outputs[log.id])
    assert isinstance(analysis, DietAnalysis)


def test_the_analyses_reach_every_documented_value(diet_outputs: dict[str, Any]) -> None:
    """The logs above give every status, evidence, UL status and day flag the models allow, and
    the keys written only when they say something — so none of the Literals is wider than the
    analysis, and each variant of an item was read from a real one."""
    items = [item for data in diet_outputs.values() for item in data["items"]]
    minerals = [m for data in diet_outputs.values() for m in data["minerals"].values()]
    days = [day for data in diet_outputs.values() for day in data["days"]]
    assert {i["status"] for i in items} == set(ItemCounts.model_fields)
    assert {m["evidence"] for m in minerals} == literal(Evidence)
    assert {m["ul_status"] for m in minerals} == literal(IntakeUlStatus)
    assert {flag for day in days for flag in day["flags"]} == literal(DayFlag)
    for key in ("pinned", "comment", "reason"):
        assert any(key in i for i in items), key
    assert len(items) > 400
    assert any(i["day"] is None for i in items)  # a note on a CSV row's date
    # an int where the analysis sums nothing: 0 mg from supplements, 0 g on an uncounted day
    assert any(text(day["grams"]) == "0" for day in days)
    assert any(text(m["intake_mg_per_day"]["supplements"]) == "0" for m in minerals)
    assert any(text(m["ul_counted_mg"]) == "0" for m in minerals)


def test_each_item_is_read_as_its_own_status(diet_outputs: dict[str, Any]) -> None:
    variants: dict[str, type[BaseModel]] = {
        "matched": MatchedItem,
        "ambiguous": AmbiguousItem,
        "not_understood": NotUnderstoodItem,
        "not_food": NotFoodItem,
    }
    analysis = DietAnalysis.model_validate(diet_outputs["ambiguous and not understood"])
    seen = {type(item) for item in analysis.items}
    assert seen <= set(variants.values()) and AmbiguousItem in seen
    for data in diet_outputs.values():
        for item in data["items"]:
            assert_same_json(variants[item["status"]], item)


def test_a_diet_analysis_with_an_extra_key_is_refused(diet_outputs: dict[str, Any]) -> None:
    data = diet_outputs["documented example"]
    assert_refuses_an_extra_key(DietAnalysis, data)
    items = data["items"]
    for index in range(len(items)):
        broken = [*items[:index], {**items[index], "unexpected": 1}, *items[index + 1 :]]
        with pytest.raises(ValidationError):
            DietAnalysis.model_validate({**data, "items": broken})
    magnesium = data["minerals"]["magnesium"]
    with pytest.raises(ValidationError):
        DietAnalysis.model_validate(
            {**data, "minerals": {**data["minerals"], "magnesium": {**magnesium, "x": 1}}}
        )
    with pytest.raises(ValidationError):  # a status the analysis never gives
        DietAnalysis.model_validate({**data, "items": [{**items[0], "status": "guessed"}]})


def test_a_key_left_out_stays_left_out(diet_outputs: dict[str, Any]) -> None:
    """`pinned`, `comment` and `reason` are written only when they say something: the model
    holds None for them and leaves them out again, never printing null."""
    matched = next(
        i
        for data in diet_outputs.values()
        for i in data["items"]
        if i["status"] == "matched" and "pinned" not in i and "comment" not in i
    )
    model = MatchedItem.model_validate(matched)
    assert model.pinned is None and model.comment is None
    assert "pinned" not in model.to_json() and "comment" not in model.to_json()
    assert MatchedItem.model_validate({**matched, "pinned": True}).to_json()["pinned"] is True


# -- explain and the article's claims ---------------------------------------------------------


def _explain(mineral: Mineral, db: FoodDatabase | None) -> dict[str, Any]:
    """The explanation as the knowledge base serialises it, before any model."""
    knowledge = kb.load_knowledge()
    return explain_json(knowledge, mineral, installed_foods(knowledge, db) if db else {})


@pytest.mark.parametrize("mineral", list(Mineral), ids=lambda m: m.value)
def test_an_explanation_is_described_exactly(mineral: Mineral, real_db: FoodDatabase) -> None:
    installed = _explain(mineral, real_db)
    assert any(source["amount_mg"] is not None for source in installed["food_sources"])
    assert_same_json(MineralExplanation, installed)
    not_installed = _explain(mineral, None)  # no database: amounts are null
    assert all(source["amount_mg"] is None for source in not_installed["food_sources"])
    assert_same_json(MineralExplanation, not_installed)
    assert_refuses_an_extra_key(MineralExplanation, installed)
    with pytest.raises(ValidationError):
        MineralExplanation.model_validate(
            {**installed, "references": [{**installed["references"][0], "unexpected": 1}]}
        )


def test_an_unknown_sign_is_refused(real_db: FoodDatabase) -> None:
    data = _explain(Mineral.IRON, real_db)
    sign = {**data["deficiency_signs"][0], "sign": "glowing_skin"}
    with pytest.raises(ValidationError, match="not a known sign"):
        MineralExplanation.model_validate({**data, "deficiency_signs": [sign]})


def test_the_article_claims_are_described_exactly() -> None:
    data = article_claims_json(kb.load_knowledge())
    assert_same_json(ArticleClaims, data)
    assert_refuses_an_extra_key(ArticleClaims, data)
    with pytest.raises(ValidationError):
        ArticleClaims.model_validate({**data, "grades": {**data["grades"], "plausible": 1}})


# -- isi score -------------------------------------------------------------------------------


def _items_for(total: int) -> list[int]:
    """Seven item scores 0-4 adding up to ``total``."""
    return [min(4, max(0, total - 4 * i)) for i in range(7)]


@pytest.mark.parametrize("total", range(29))
def test_an_isi_score_is_described_exactly(total: int) -> None:
    items = _items_for(total)
    assert sum(items) == total
    for given in (",".join(map(str, items)), " ".join(map(str, reversed(items))), items):
        result = usecases.score_isi_items(given)
        data = {
            "total": result.total,
            "band": result.band,
            "label": result.label,
            "items": list(result.items),
        }
        assert_same_json(IsiResult, data)
    assert_refuses_an_extra_key(IsiResult, data)


def test_an_isi_result_outside_the_scale_is_refused() -> None:
    data = {"total": 29, "band": "severe", "label": "x", "items": [4, 4, 4, 4, 4, 4, 5]}
    with pytest.raises(ValidationError):
        IsiResult.model_validate(data)


# -- the commands as a user runs them --------------------------------------------------------


@pytest.mark.slow
def test_every_command_prints_what_its_model_describes(tmp_path: Path, shared_fdc: Path) -> None:
    """The same, for the JSON the real `sleepmin` prints (a float age from the command line,
    the ISI dict the CLI builds itself)."""
    data_dir = tmp_path / "data"
    log = tmp_path / "meals.txt"
    log.write_text("Day 1\n2 bananas\n1 cup cooked spinach @ 11458\nxyzzy\nDay 2\n150 g salmon\n")
    profile = ["--age", "32", "--sex", "female"]
    commands: list[tuple[type[BaseModel], list[str]]] = [
        (InstallSummary, ["data", "install", "--source", str(shared_fdc)]),
        (DatabaseSummary, ["data", "status"]),
        (SearchResults, ["foods", "search", "spinach", "raw", "--limit", "20"]),
        (FoodDetails, ["foods", "show", "9040"]),
        (TargetsResult, ["targets", *profile, "--diet", "vegan", "--heavy-periods"]),
        (DietAnalysis, ["diet", "analyze", str(log), *profile, "--supplement", "zinc 50 mg"]),
        (IsiResult, ["isi", "score", "--items", "3 2 2 2 2 2 2"]),
        (MineralExplanation, ["explain", "magnesium"]),
        (ArticleClaims, ["explain", "--claims"]),
    ]
    for model, args in commands:
        result = run_cli(*args, "--json", data_dir=data_dir)
        assert result.returncode == 0, result.stderr
        assert_same_json(model, json.loads(result.stdout))


# -- the value sets are the code's -----------------------------------------------------------


def test_the_literals_are_the_value_sets_of_the_code() -> None:
    assert list(get_args(MineralName)) == [m.value for m in Mineral]
    for per_mineral in (DriByMineral, DayIntakeByMineral, MineralIntakes):
        assert list(per_mineral.model_fields) == [m.value for m in Mineral]
    for per_nutrient in (NutrientsPer100g, FoodsReporting):
        assert list(per_nutrient.model_fields) == [n.value for n in Nutrient]
    assert literal(SexName) == {s.value for s in Sex}
    assert literal(DietPattern) == {d.value for d in Diet}
    assert literal(ReleaseKey) == {"sr28-abbrev", "sr28-ascii"} | {f"fdc-{t}" for t in DATA_TYPES}
    with resources.files("sleepmin.data").joinpath("dri.csv").open(encoding="utf-8") as rows:
        assert literal(TargetType) == {row["value_type"] for row in csv.DictReader(rows)}
    # the knowledge base's models are validated against the same sets the results describe
    assert literal(Strength) == literal(kb.Sign.model_fields["strength"].annotation)
    assert literal(Grade) == literal(kb.Claim.model_fields["grade"].annotation)
    assert literal(SleepSymptom) == literal(kb.SleepLink.model_fields["symptom"].annotation)
    assert literal(FoodKind) == literal(kb.FoodSource.model_fields["kind"].annotation)
    assert literal(OverallEvidence) == literal(
        kb.MineralKnowledge.model_fields["evidence_overall"].annotation
    )
    assert literal(ArticleSection) == literal(kb.ArticleClaim.model_fields["section"].annotation)
    assert literal(IsiBandName) == {band for _, _, band, _ in ISI_BANDS}
    assert literal(CountedSupplement.model_fields["mineral"].annotation) == {
        m.value for m in Mineral
    }


# -- the schemas -----------------------------------------------------------------------------


def _properties_without_description(schema: dict[str, Any]) -> list[str]:
    missing = []
    for name, definition in [("", schema), *schema.get("$defs", {}).items()]:
        for key, prop in definition.get("properties", {}).items():
            if "description" not in prop:
                missing.append(f"{name or schema['title']}.{key}")
    return missing


@pytest.mark.parametrize("model", TOP_LEVEL, ids=lambda m: m.__name__)
def test_every_model_has_a_json_schema_with_every_field_described(model: type[BaseModel]) -> None:
    schema = model.model_json_schema()
    json.dumps(schema)  # plain JSON
    assert _properties_without_description(schema) == []
    # what is read and what is written are the same shape (keys left out are optional in both)
    assert model.model_json_schema(mode="serialization") == schema


def test_the_item_schema_says_which_keys_may_be_left_out() -> None:
    schema = DietAnalysis.model_json_schema()
    matched = schema["$defs"]["MatchedItem"]
    assert {"confidence", "alternatives"} <= set(matched["required"])
    for key in ("pinned", "comment", "reason"):
        assert key not in matched["required"]
        assert "default" not in matched["properties"][key]  # absent, not null
        assert "anyOf" not in matched["properties"][key]
    assert matched["properties"]["pinned"]["const"] is True
    discriminated = schema["properties"]["items"]["items"]
    assert discriminated["discriminator"]["propertyName"] == "status"
    assert set(discriminated["discriminator"]["mapping"]) == set(ItemCounts.model_fields)
