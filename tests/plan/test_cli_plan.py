"""`sleepmin plan` and `sleepmin foods best` as a user runs them (real processes, real USDA
data): the JSON contract, the words on the terminal, a stored person's kept log and
supplements, and careless input refused with the fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import installed_data_dir, run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory, shared_fdc: Path) -> Path:
    return installed_data_dir(tmp_path_factory.mktemp("plan"), shared_fdc)


def test_a_plan_on_the_terminal_and_as_json(data_dir: Path, tmp_path: Path) -> None:
    log = tmp_path / "today.txt"
    log.write_text("2 slices white bread\n1 cup coffee\n1 apple\n", "utf-8")
    args = ["plan", "--age", "52", "--sex", "female", "--log", str(log), "--exclude", "dairy"]
    shown = run_cli(*args, data_dir=data_dir)
    assert shown.returncode == 0, shown.stderr
    assert "with the plan" in shown.stdout and "as logged" in shown.stdout
    assert "below target" in shown.stdout  # foods for each gap, before the plan
    plan = json.loads(run_cli(*args, "--json", data_dir=data_dir).stdout)
    assert plan["feasible"] and plan["energy"]["budget_kcal"] == 2000
    assert [f["source"] for f in plan["foods"]][:3] == ["log", "log", "log"]
    assert set(plan["totals"]) == {
        "energy_kcal",
        "calcium_mg",
        "iron_mg",
        "magnesium_mg",
        "potassium_mg",
        "zinc_mg",
        "copper_mg",
        "retinol_ug",
    }
    assert plan["ul"]["magnesium_mg"] is None and plan["ul"]["zinc_mg"] == 40


def test_a_stored_person_plans_from_their_kept_log_and_supplements(data_dir: Path) -> None:
    person = ["--person", "dana"]
    assert run_cli("person", "add", "dana", "--age", "40", "--sex", "male", data_dir=data_dir)
    run_cli("log", "add", "2 cups cooked white rice\n1 banana", *person, data_dir=data_dir)
    run_cli("supplements", "add", "zinc 30 mg", *person, data_dir=data_dir)
    planned = run_cli("plan", *person, "--json", data_dir=data_dir)
    assert planned.returncode == 0, planned.stderr
    plan = json.loads(planned.stdout)
    logged = [f["description"] for f in plan["foods"] if f["source"] == "log"]
    assert any("Rice" in d for d in logged) and any("Bananas" in d for d in logged)
    # the kept 30 mg of zinc counts toward the UL of 40: food may add at most 10
    assert plan["totals"]["zinc_mg"] + 30 <= 40 + 1e-6
    gaps = {g["mineral"] for g in plan["suggestions"]}
    assert "zinc" not in gaps and "magnesium" in gaps  # the kept zinc covers its target
    # a food the person wants in the day, kept with the options of their saved plan
    chosen = run_cli("plan", *person, "--include", "16057", "--json", data_dir=data_dir)
    assert chosen.returncode == 0, chosen.stderr
    assert "16057" in {f["food_id"] for f in json.loads(chosen.stdout)["foods"]}
    both = run_cli("plan", *person, "--age", "40", data_dir=data_dir)
    assert both.returncode == 2 and "--person uses the stored profile" in both.stderr


def test_the_best_foods_of_a_mineral(data_dir: Path) -> None:
    shown = run_cli("foods", "best", "magnesium", "--diet", "vegan", data_dir=data_dir)
    assert shown.returncode == 0, shown.stderr
    assert "pumpkin seeds" in shown.stdout
    best = json.loads(
        run_cli(
            "foods", "best", "iron", "--exclude", "shellfish", "--json", data_dir=data_dir
        ).stdout
    )
    assert best["foods"][0]["note"].startswith(("heme", "non-heme"))
    assert all("Mollusks" not in f["description"] for f in best["foods"])


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["plan", "--age", "30", "--sex", "male", "--exclude", "lactose"], "use any of: dairy"),
        (["plan", "--age", "30", "--sex", "male", "--kcal", "nan"], "is not a day's energy"),
        (["plan", "--age", "9", "--sex", "male"], "give --kcal"),
        (["plan", "--age", "30", "--sex", "male", "--supplement", "zinc lots"], "zinc lots"),
        (["foods", "best", "selenium"], "Invalid value for 'MINERAL'"),
        (["plan", "--age", "30", "--sex", "male", "--include", "abc"], "not a food of the plan"),
        (
            ["plan", "--age", "30", "--sex", "male", "--diet", "vegan", "--include", "05064"],
            "cannot be added for this person (not vegan)",
        ),
    ],
)
def test_careless_input_is_refused_with_the_fix(data_dir: Path, args: list[str], said: str) -> None:
    refused = run_cli(*args, data_dir=data_dir)
    assert refused.returncode != 0 and said in refused.stderr, refused.stderr
    assert "Traceback" not in refused.stderr


def test_a_swap_keeps_what_the_plan_was_made_with(data_dir: Path) -> None:
    """A plan made with a one-off supplement: its swap counts the same supplement, so the day
    stays within the Upper Limit the first plan kept; a swap that leaves no day is refused."""
    import datetime as dt

    from sleepmin.foods.database import FoodDatabase
    from sleepmin.store.db import open_store
    from sleepmin.usecases.plan import latest_plan, swap_food

    person = ["--person", "eli"]
    assert run_cli("person", "add", "eli", "--age", "35", "--sex", "female", data_dir=data_dir)
    made = run_cli("plan", *person, "--supplement", "copper 8 mg", "--json", data_dir=data_dir)
    assert made.returncode == 0, made.stderr
    plan = json.loads(made.stdout)
    assert plan["supplements_taken_mg"]["copper_mg"] == 8
    added = next(f["food_id"] for f in plan["foods"] if f["source"] == "plan")
    store = open_store(data_dir)
    with FoodDatabase(data_dir / "foods.sqlite") as foods:
        swapped = swap_food(store, "eli", foods, added, today=dt.date.today()).to_json()
        assert swapped["supplements_taken_mg"]["copper_mg"] == 8
        assert swapped["totals"]["copper_mg"] + 8 <= 10 + 1e-6  # the adult copper UL
        # swap out food after food: at some point no day is left, and that swap is refused
        with pytest.raises(Exception, match="leaves no day") as refused:
            for _ in range(40):
                newest = latest_plan(store, "eli")
                assert newest is not None
                food = next(f.food_id for f in newest[0].foods if f.source == "plan")
                swap_food(store, "eli", foods, food, today=dt.date.today())
        assert "make a new plan" in str(refused.value)
        newest = latest_plan(store, "eli")
        assert newest is not None and any(f.source == "plan" for f in newest[0].foods)
