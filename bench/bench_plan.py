"""Benchmark the food-first plan: solve time (p50, p99) of `make_plan` over generated profiles,
on the curated candidate list and on a larger one, with the exact optimum (MIP gap 0) as the
baseline in the same run.

Run from the repository root (the USDA data installed, or SLEEPMIN_DATA_DIR pointing at it):

    .venv/bin/python bench/bench_plan.py [--profiles 100] [--seed 7]

The larger list is every FNDDS-ingredient food of the whole-food USDA groups (vegetables,
fruits, legumes, nuts and seeds, grains, dairy and egg, poultry, beef, pork, fish) that reports
energy, the six minerals and retinol, in its first household measure of 20-400 g, up to two
portions; its tags come from the food group (a bench-only approximation of the curated tags).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sleepmin.foods.database import FoodDatabase  # noqa: E402
from sleepmin.intake.targets import Diet, Profile, Sex  # noqa: E402
from sleepmin.nutrients import Nutrient  # noqa: E402
from sleepmin.paths import data_dir as sleepmin_data_dir  # noqa: E402
from sleepmin.plan import solve as solver  # noqa: E402
from sleepmin.plan.candidates import PLANNED, Candidate  # noqa: E402
from sleepmin.usecases.plan import make_plan  # noqa: E402

GROUPS: dict[str, tuple[str, str, str, frozenset[str]]] = {
    # USDA food group: (plan group, slot, kind, tags)
    "Vegetables and Vegetable Products": ("vegetable", "main", "plant", frozenset()),
    "Fruits and Fruit Juices": ("fruit", "breakfast", "plant", frozenset()),
    "Legumes and Legume Products": ("legume", "main", "plant", frozenset({"soy", "peanuts"})),
    "Nut and Seed Products": ("nuts_seeds", "snack", "plant", frozenset({"nuts", "sesame"})),
    "Cereal Grains and Pasta": ("grain", "main", "plant", frozenset({"gluten"})),
    "Dairy and Egg Products": ("dairy", "breakfast", "dairy", frozenset({"dairy", "egg"})),
    "Poultry Products": ("meat", "main", "meat", frozenset({"meat"})),
    "Beef Products": ("meat", "main", "meat", frozenset({"meat"})),
    "Pork Products": ("meat", "main", "meat", frozenset({"meat", "pork"})),
    "Finfish and Shellfish Products": ("fish", "main", "fish", frozenset({"fish", "shellfish"})),
}


def larger_candidates(db: FoodDatabase) -> list[Candidate]:
    marks = ",".join("?" * len(GROUPS))
    rows = db.connection.execute(
        f"SELECT ndb_number FROM foods WHERE fndds_ingredient = 1 AND food_group IN ({marks})",
        list(GROUPS),
    )
    found = []
    for (ndb,) in rows.fetchall():
        food = db.get(ndb).food
        group, slot, kind, tags = GROUPS[str(food.food_group)]
        per_100g = dict(food.nutrients)
        if kind == "plant":
            per_100g.setdefault(Nutrient.RETINOL_UG, 0.0)
        portion = next((p for p in food.portions if 20 <= p.grams <= 400), None)
        if portion is None or any(n not in per_100g for n in PLANNED):
            continue
        found.append(
            Candidate(
                food_id=str(food.ndb_number),
                fdc_id=food.fdc_id,
                description=food.description,
                portion=portion.description,
                portion_grams=round(portion.grams, 1),
                max_portions=2,
                slot=slot,  # type: ignore[arg-type]
                group=group,  # type: ignore[arg-type]
                tags=tags,
                kind=kind,  # type: ignore[arg-type]
                why="",
                per_100g=per_100g,
            )
        )
    return found


def profiles(count: int, seed: int) -> list[tuple[Profile, float, list[str]]]:
    chosen = random.Random(seed)
    out = []
    for _ in range(count):
        sex = chosen.choice(list(Sex))
        age = float(chosen.randint(14, 85))
        pregnant = sex is Sex.FEMALE and age <= 45 and chosen.random() < 0.15
        diet = chosen.choice(list(Diet))
        exclude = chosen.sample(
            ["dairy", "nuts", "gluten", "fish", "soy", "egg"], chosen.randint(0, 2)
        )
        out.append(
            (
                Profile(age, sex, pregnant=pregnant, diet=diet),
                float(chosen.randint(1400, 3000)),
                exclude,
            )
        )
    return out


def run(
    db: FoodDatabase, people: list[Any], candidates: list[Candidate] | None, gap: float
) -> dict[str, Any]:
    solver.MIP_GAP = gap
    times, feasible, added = [], 0, []
    for profile, kcal, exclude in people:
        start = time.perf_counter()
        plan = make_plan(
            profile,
            db,
            today=dt.date(2026, 11, 27),
            kcal=kcal,
            exclude=exclude,
            candidates=candidates,
        ).to_json()
        times.append(time.perf_counter() - start)
        feasible += plan["feasible"]
        added.append(sum(f["source"] == "plan" for f in plan["foods"]))
    times.sort()
    return {
        "p50": statistics.median(times) * 1000,
        "p99": times[min(len(times) - 1, round(0.99 * (len(times) - 1)))] * 1000,
        "feasible": feasible,
        "foods": statistics.mean(added),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    data_dir = sleepmin_data_dir(os.environ.get("SLEEPMIN_DATA_DIR"))
    people = profiles(args.profiles, args.seed)
    with FoodDatabase(data_dir / "foods.sqlite") as db:
        larger = larger_candidates(db)
        make_plan(people[0][0], db, today=dt.date(2026, 11, 27), kcal=2000)  # load SciPy once
        print(f"date     {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}")
        machine = f"{platform.machine()}, {os.cpu_count()} CPUs"
        print(f"machine  {machine}, Python {platform.python_version()}")
        print(
            f"profiles {len(people)} generated (seed {args.seed}); larger list {len(larger)} foods"
        )
        print()
        head = f"{'candidates':<28}{'MIP gap':>8}{'p50 ms':>9}{'p99 ms':>9}"
        print(f"{head}{'feasible':>10}{'foods added':>13}")
        for name, candidates, gap in (
            ("curated (78 foods)", None, solver.MIP_GAP),
            ("curated, exact (baseline)", None, 0.0),
            (f"larger ({len(larger)} foods)", larger, solver.MIP_GAP),
        ):
            got = run(db, people, candidates, gap)
            print(
                f"{name:<28}{gap:>8.2f}{got['p50']:>9.1f}{got['p99']:>9.1f}{got['feasible']:>10}{got['foods']:>13.2f}"
            )


if __name__ == "__main__":
    main()
