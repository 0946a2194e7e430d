"""`sleepmin person ...`, `sleepmin log ...` and `--person` as a user runs them (real processes,
real USDA data), on SQLite in the data directory and on PostgreSQL through DATABASE_URL."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.cli_helpers import installed_data_dir, run_cli

pytestmark = pytest.mark.slow
TODAY = dt.date.today()


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory, shared_fdc: Path) -> Path:
    return installed_data_dir(tmp_path_factory.mktemp("people"), shared_fdc)


@pytest.fixture(params=["sqlite", "postgresql"])
def env(request: pytest.FixtureRequest, installed: Path, tmp_path: Path) -> dict[str, str]:
    """A data directory of the test's own (the food database copied in) and, for PostgreSQL,
    DATABASE_URL pointing at a fresh database."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(installed / "foods.sqlite", data_dir / "foods.sqlite")
    chosen = {"SLEEPMIN_DATA_DIR": str(data_dir)}
    if request.param == "postgresql":
        chosen["DATABASE_URL"] = request.getfixturevalue("store_url_postgresql")
    return chosen


def sleepmin(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, data_dir=Path(env["SLEEPMIN_DATA_DIR"]), env=env)


def ok_json(env: dict[str, str], *args: str) -> Any:
    result = sleepmin(env, *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_person_is_added_shown_listed_and_refused_twice(env: dict[str, str]) -> None:
    added = ok_json(
        env, "person", "add", "alex", "--age", "34", "--sex", "female", "--diet", "vegetarian"
    )
    assert added["name"] == "alex" and added["profile"]["diet"] == "vegetarian"
    assert added["created_at"].endswith("+00:00")
    again = sleepmin(env, "person", "add", "alex", "--age", "40", "--sex", "male")
    assert again.returncode == 1
    assert "a person named 'alex' is already in the store" in again.stderr
    listed = ok_json(env, "person", "list")
    assert [p["name"] for p in listed] == ["alex"]
    missing = sleepmin(env, "person", "show", "bob")
    assert missing.returncode == 1 and "no person named 'bob'" in missing.stderr
    assert "sleepmin person add NAME" in missing.stderr


def test_the_log_keeps_lines_as_read_and_pins_per_person(env: dict[str, str]) -> None:
    for name, sex in (("alex", "female"), ("sam", "male")):
        ok_json(env, "person", "add", name, "--age", "40", "--sex", sex)
    yesterday = (TODAY - dt.timedelta(days=1)).isoformat()
    added = ok_json(
        env,
        "log",
        "add",
        "2 bananas\ngrandma's stew @ 15167\na wire whip",
        "--person",
        "alex",
        "--date",
        yesterday,
    )
    lines = {line["line"]: line for line in added["lines"]}
    assert lines["2 bananas"]["food_id"] == "09040" and lines["2 bananas"]["grams"] == 236
    assert lines["grandma's stew @ 15167"]["pinned"] is True
    assert lines["a wire whip"]["status"] == "not_food"
    # alex's pin reads alex's later lines; sam has no such pin
    later = ok_json(env, "log", "add", "200 g grandma's stew", "--person", "alex")
    assert later["lines"][0]["food_id"] == "15167"
    other = ok_json(env, "log", "add", "200 g grandma's stew", "--person", "sam")
    assert other["lines"][0]["status"] != "matched"
    shown = ok_json(env, "log", "show", "--person", "alex", "--days", "2")
    assert [line["line"] for line in shown["lines"]] == [
        "2 bananas",
        "grandma's stew @ 15167",
        "a wire whip",
        "200 g grandma's stew",
    ]


def test_diet_analyze_reads_the_kept_log_with_the_stored_profile(env: dict[str, str]) -> None:
    ok_json(env, "person", "add", "alex", "--age", "34", "--sex", "female")
    ok_json(env, "log", "add", "2 bananas\n1 cup cooked spinach", "--person", "alex")
    analysis = ok_json(env, "diet", "analyze", "--person", "alex", "--days", "1")
    assert analysis["life_stage"] == "females 31-50 y"
    assert [i["ndb_number"] for i in analysis["items"]] == ["09040", "11458"]
    magnesium = analysis["minerals"]["magnesium"]["intake_mg_per_day"]["food"]
    assert magnesium == pytest.approx(2.36 * 27 + 1.8 * 87, abs=0.1)
    both = sleepmin(env, "diet", "analyze", "--person", "alex", "--age", "50")
    assert both.returncode == 2 and "--person uses the stored profile" in both.stderr
    neither = sleepmin(env, "targets")
    assert neither.returncode == 2 and "give --age and --sex, or --person NAME" in neither.stderr
    targets = ok_json(env, "targets", "--person", "alex")
    assert targets["life_stage"] == "females 31-50 y"


def test_a_log_file_analysed_for_a_person_keeps_its_dated_lines_once(
    env: dict[str, str], tmp_path: Path
) -> None:
    ok_json(env, "person", "add", "alex", "--age", "34", "--sex", "female")
    yesterday, before = TODAY - dt.timedelta(days=1), TODAY - dt.timedelta(days=2)
    text_log = tmp_path / "week.txt"
    text_log.write_text(
        f"{before.isoformat()}\n- 2 bananas\n1 cup cooked spinach + 1 slice bread\n"
        f"{yesterday.isoformat()}\n2 bananas\nspinach @ 11457\nDay 3\n1 apple\n",
        "utf-8",
    )
    first = sleepmin(env, "diet", "analyze", str(text_log), "--person", "alex", "--json")
    assert first.returncode == 0, first.stderr
    assert "Kept 4 new line(s) of the log for alex" in first.stderr
    assert "1 line(s) have no date and were not kept" in first.stderr  # under "Day 3"
    again = sleepmin(env, "diet", "analyze", str(text_log), "--person", "alex", "--json")
    assert "Kept 0 new line(s) of the log for alex (4 already kept)" in again.stderr
    shown = ok_json(env, "log", "show", "--person", "alex", "--days", "3")["lines"]
    assert [(x["date"], x["line"]) for x in shown] == [
        (before.isoformat(), "2 bananas"),
        (before.isoformat(), "1 cup cooked spinach + 1 slice bread"),
        (yesterday.isoformat(), "2 bananas"),
        (yesterday.isoformat(), "spinach @ 11457"),
    ]
    assert shown[3]["food_id"] == "11457" and shown[3]["pinned"]
    # a CSV row is kept as the text line that reads the same, its id as a pin
    csv_log = tmp_path / "today.csv"
    csv_log.write_text(
        f"date,food,amount,unit,ndb_number\n{TODAY.isoformat()},banana,120,g,\n"
        f"{TODAY.isoformat()},spinach,1,cup,11457\n",
        "utf-8",
    )
    from_csv = sleepmin(env, "diet", "analyze", str(csv_log), "--person", "alex", "--json")
    assert "Kept 2 new line(s)" in from_csv.stderr, from_csv.stderr
    today = ok_json(env, "log", "show", "--person", "alex", "--days", "1")["lines"]
    assert [(x["line"], x["food_id"], x["grams"]) for x in today] == [
        ("120 g banana", "09040", 120),
        ("1 cup spinach @ 11457", "11457", 30),
    ]
    # the kept log holds the files' dated days, each line read as it was
    kept = ok_json(env, "diet", "analyze", "--person", "alex", "--days", "3")
    dated_days = [d for d in json.loads(again.stdout)["days"] if d.get("date")]
    assert len(kept["days"]) == 3 and len(dated_days) == 2
    assert kept["item_counts"]["matched"] == 7


def test_export_is_complete_and_delete_removes_the_person(env: dict[str, str]) -> None:
    ok_json(env, "person", "add", "alex", "--age", "34", "--sex", "female")
    ok_json(env, "log", "add", "rice @ 20045", "--person", "alex")
    exported = sleepmin(env, "person", "export", "alex")
    assert exported.returncode == 0, exported.stderr
    data = json.loads(exported.stdout)
    assert data["pins"] == {"rice": "20045"} and data["food_log"][0]["line"] == "rice @ 20045"
    unconfirmed = sleepmin(env, "person", "delete", "alex")
    assert unconfirmed.returncode == 2 and "add --yes" in unconfirmed.stderr
    deleted = ok_json(env, "person", "delete", "alex", "--yes")
    assert deleted["removed"]["log_entries"] == 1
    assert deleted["removed"]["pins"] == 1
    assert ok_json(env, "person", "list") == []
    gone = sleepmin(env, "person", "export", "alex")
    assert gone.returncode == 1 and "no person named 'alex'" in gone.stderr


def test_a_store_that_cannot_be_reached_is_one_line(installed: Path, tmp_path: Path) -> None:
    env = {"DATABASE_URL": "postgresql://me:hunter2@127.0.0.1:1/sleepmin"}
    result = run_cli("person", "list", data_dir=tmp_path, env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: the store postgresql://me:***@127.0.0.1:1/sleepmin")
    assert "hunter2" not in result.stderr and "Traceback" not in result.stderr


FHIR = Path(__file__).parent / "data" / "fhir"


def test_assess_keeps_a_log_files_dated_lines_with_the_answers(
    env: dict[str, str], tmp_path: Path
) -> None:
    ok_json(env, "person", "add", "alex", "--age", "34", "--sex", "female")
    answers = tmp_path / "answers.yaml"
    answers.write_text("sleep: {night_waking: true}\n", "utf-8")
    log = tmp_path / "log.txt"
    log.write_text(f"{TODAY.isoformat()}\n1 cup cooked spinach\n", "utf-8")
    report = ok_json(env, "assess", str(answers), "--person", "alex", "--log", str(log))
    assert report["diet"]["items"][0]["ndb_number"] == "11458"
    kept = json.loads(sleepmin(env, "person", "export", "alex").stdout)
    assert [x["line"] for x in kept["food_log"]] == ["1 cup cooked spinach"]
    assert len(kept["answers"]) == 1 and len(kept["assessments"]) == 1
    # the kept log is what a later assessment without --log reads
    later = ok_json(env, "assess", "--person", "alex")
    assert later["diet"]["items"][0]["ndb_number"] == "11458"


def test_labs_and_assessments_are_kept_and_reused(env: dict[str, str], tmp_path: Path) -> None:
    ok_json(env, "person", "add", "alex", "--age", "34", "--sex", "female")
    labs = tmp_path / "labs.csv"
    labs.write_text("test,value,unit,date\nferritin,12,ng/mL,2026-11-01\n", "utf-8")
    first = sleepmin(env, "labs", "import", str(labs), "--person", "alex", "--json")
    assert first.returncode == 0, first.stderr
    assert "Kept 1 new result(s) for alex" in first.stderr
    again = sleepmin(env, "labs", "import", str(labs), "--person", "alex", "--json")
    assert "Kept 0 new result(s) for alex (1 already kept)" in again.stderr
    no_answers = sleepmin(env, "assess", "--person", "alex", "--json")
    assert no_answers.returncode == 1 and "no answers are kept for alex" in no_answers.stderr

    answers = tmp_path / "answers.yaml"  # no profile: the stored one is used
    answers.write_text("sleep: {night_waking: true}\nsigns: [fatigue]\n", "utf-8")
    ok_json(env, "log", "add", "1 cup cooked spinach", "--person", "alex")
    report = ok_json(env, "assess", str(answers), "--person", "alex")
    assert report["profile"]["age"] == 34
    assert [lab["test"] for lab in report["labs"]] == ["ferritin"]  # the kept result is read
    assert report["diet"]["items"][0]["ndb_number"] == "11458"  # and the kept log
    later = ok_json(env, "assess", "--person", "alex")  # the kept answers, reused
    assert later["minerals"] == report["minerals"]
    kept = json.loads(sleepmin(env, "person", "export", "alex").stdout)
    assert len(kept["answers"]) == 1 and len(kept["assessments"]) == 2  # reused: not kept again
    assert kept["answers"][0]["answers"]["signs"] == ["fatigue"]
    assert kept["labs"][0]["value"] == 12


def test_the_safety_check_reads_a_persons_kept_labs_and_pins(
    env: dict[str, str], tmp_path: Path
) -> None:
    ok_json(env, "person", "add", "alex", "--age", "40", "--sex", "male")
    labs = tmp_path / "labs.csv"
    labs.write_text("test,value,unit\nferritin,900,ng/mL\ntransferrin_saturation,60,%\n", "utf-8")
    assert sleepmin(env, "labs", "import", str(labs), "--person", "alex").returncode == 0
    ok_json(env, "log", "add", "grandma's stew @ 15167", "--person", "alex")
    log = tmp_path / "meals.txt"
    log.write_text("200 g grandma's stew\n", "utf-8")
    checked = ok_json(
        env,
        "safety",
        "check",
        "--person",
        "alex",
        "--supplement",
        "iron 18 mg",
        "--supplement",
        "zinc 25 mg",
        "--log",
        str(log),
    )
    rules = {f["rule"] for f in checked["findings"]}
    assert checked["findings"][0]["severity"] == "red_flag"
    assert any("overload" in rule or rule.startswith("lab_") for rule in rules), rules
    zinc = [f for f in checked["findings"] if f["rule"] == "above_upper_limit"]
    assert [f["mineral"] for f in zinc] == ["zinc"]  # alex's pin counted the oysters' zinc


def test_kept_supplements_count_with_the_person(env: dict[str, str], tmp_path: Path) -> None:
    ok_json(env, "person", "add", "alex", "--age", "40", "--sex", "male")
    kept = ok_json(env, "supplements", "add", "zinc gluconate 50 mg", "--person", "alex")
    assert kept == {"person": "alex", "supplements": ["zinc gluconate 50 mg"]}
    unreadable = sleepmin(env, "supplements", "add", "lots of zinc", "--person", "alex")
    assert unreadable.returncode == 1
    checked = ok_json(env, "safety", "check", "--person", "alex")
    assert any(f["rule"] == "above_upper_limit" for f in checked["findings"])  # 50 mg > 40 UL
    log = tmp_path / "meals.txt"
    log.write_text("2 bananas\n", "utf-8")
    analysis = ok_json(env, "diet", "analyze", str(log), "--person", "alex")
    assert analysis["minerals"]["zinc"]["intake_mg_per_day"]["supplements"] > 0
    missing = sleepmin(env, "supplements", "remove", "iron 18 mg", "--person", "alex")
    assert missing.returncode == 1 and "give it as listed: zinc gluconate 50 mg" in missing.stderr
    assert ok_json(env, "supplements", "remove", "zinc gluconate 50 mg", "--person", "alex") == {
        "person": "alex",
        "supplements": [],
    }


def test_a_name_is_printed_as_written_never_read_as_markup(env: dict[str, str]) -> None:
    added = sleepmin(env, "person", "add", "[/]", "--age", "30", "--sex", "male")
    assert added.returncode == 0, added.stderr
    assert "[/]" in added.stdout
    red = sleepmin(env, "person", "add", "[red]evil", "--age", "30", "--sex", "male")
    assert "[red]evil" in red.stdout
    listed = sleepmin(env, "person", "list")
    assert listed.returncode == 0 and "[/]" in listed.stdout, listed.stderr
    deleted = sleepmin(env, "person", "delete", "[/]", "--yes")
    assert deleted.returncode == 0 and "Deleted [/]" in deleted.stdout, deleted.stderr


def test_kept_lines_that_look_like_headings_move_no_food_to_another_day(
    env: dict[str, str],
) -> None:
    ok_json(env, "person", "add", "bob", "--age", "40", "--sex", "male")
    ok_json(env, "log", "add", "2020-01-01\n1 cup milk", "--person", "bob")
    ok_json(env, "log", "add", "Monday\nBreakfast:\n3 eggs", "--person", "bob")
    analysis = ok_json(env, "diet", "analyze", "--person", "bob", "--days", "1")
    assert [d["label"] for d in analysis["days"]] == [TODAY.isoformat()]
    assert {i["line"] for i in analysis["items"] if i["status"] == "matched"} == {
        "1 cup milk",
        "3 eggs",
    }
    for days in ("0", "-3", "99999999"):
        refused = sleepmin(env, "diet", "analyze", "--person", "bob", "--days", days)
        assert refused.returncode == 1 and "is not possible" in refused.stderr, refused.stderr


def test_analysing_the_kept_log_never_brings_back_an_older_pin(env: dict[str, str]) -> None:
    ok_json(env, "person", "add", "flip", "--age", "40", "--sex", "male")
    yesterday = (TODAY - dt.timedelta(days=1)).isoformat()
    ok_json(env, "log", "add", "mystery pie @ 15167", "--person", "flip", "--date", yesterday)
    ok_json(env, "log", "add", "mystery pie @ 09040", "--person", "flip")
    ok_json(env, "diet", "analyze", "--person", "flip", "--days", "2")
    exported = json.loads(sleepmin(env, "person", "export", "flip").stdout)
    assert exported["pins"] == {"mystery pie": "09040"}  # the newest pin stands


def test_an_update_changes_what_is_given_and_the_assessment_follows_it(
    env: dict[str, str], tmp_path: Path
) -> None:
    ok_json(
        env,
        "person",
        "add",
        "dana",
        "--age",
        "34",
        "--sex",
        "female",
        "--diet",
        "vegetarian",
        "--heavy-periods",
    )
    updated = ok_json(env, "person", "update", "dana", "--age", "35", "--pregnant")
    assert updated["profile"] == {
        "age_years": 35.0,
        "sex": "female",
        "pregnant": True,
        "lactating": False,
        "diet": "vegetarian",
        "heavy_periods": True,
    }
    answers = tmp_path / "answers.yaml"
    answers.write_text("sleep: {night_waking: true}\n", "utf-8")
    first = ok_json(env, "assess", str(answers), "--person", "dana")
    assert first["profile"]["age"] == 35 and first["profile"]["pregnant"] is True
    ok_json(env, "person", "update", "dana", "--age", "70", "--not-pregnant")
    later = ok_json(env, "assess", "--person", "dana")  # the kept answers, the new profile
    assert later["profile"]["age"] == 70 and later["profile"]["pregnant"] is False
    assert "heavy menstrual bleeding" in json.dumps(later).lower()  # the kept risk factor
    exported = json.loads(sleepmin(env, "person", "export", "dana").stdout)
    assert len(exported["answers"]) == 1  # reused answers are not kept again
    assert "profile" not in exported["answers"][0]["answers"]  # kept as given
    own = tmp_path / "own.yaml"
    own.write_text("profile: {age: 50, sex: male}\n", "utf-8")
    differs = sleepmin(env, "assess", str(own), "--person", "dana", "--json")
    assert differs.returncode == 0, differs.stderr
    assert "differs from the one kept for dana" in differs.stderr


def test_the_sleep_diary_is_kept_checked_and_never_doubled(
    env: dict[str, str], tmp_path: Path
) -> None:
    ok_json(env, "person", "add", "alex", "--age", "34", "--sex", "female")
    night = (TODAY - dt.timedelta(days=2)).isoformat()
    times = ["--bed", "23:00", "--try", "23:30", "--wake", "06:30", "--up", "07:00"]
    numbers = ["--sol", "20", "--awakenings", "2", "--waso", "40"]
    added = ok_json(
        env,
        "diary",
        "add",
        "--person",
        "alex",
        "--date",
        night,
        *times,
        *numbers,
        "--tz",
        "UTC",
        "--caffeine",
        "3",
        "--medication",
        "melatonin 1 mg at 22:00",
    )
    assert added["nights"][0]["tst_min"] == 360 and added["nights"][0]["se_pct"] == 75.0
    assert added["nights"][0]["caffeine"] == 3
    assert added["nights"][0]["medication"] == "melatonin 1 mg at 22:00"
    shown_before = ok_json(env, "diary", "show", "--person", "alex", "--weeks", "1")
    assert shown_before["nights"][0]["medication"] == "melatonin 1 mg at 22:00"
    impossible = sleepmin(
        env,
        "diary",
        "add",
        "--person",
        "alex",
        "--date",
        night,
        *times,
        "--sol",
        "500",
        "--awakenings",
        "0",
        "--waso",
        "0",
        "--tz",
        "UTC",
    )
    assert impossible.returncode == 1 and "sol_min" in impossible.stderr
    diary = tmp_path / "diary.csv"
    yesterday = (TODAY - dt.timedelta(days=1)).isoformat()
    diary.write_text(
        "date,bed_time,try_time,sol_min,awakenings,waso_min,final_wake,out_of_bed\n"
        f"{night},22:30,23:00,10,1,10,06:30,07:00\n"
        f"{yesterday},23:00,22:00,10,1,10,06:30,07:00\n",
        "utf-8",
    )
    for _ in range(2):  # importing twice keeps each night once
        imported = sleepmin(env, "diary", "import", str(diary), "--person", "alex", "--tz", "UTC")
        assert imported.returncode == 0, imported.stderr
    assert "Kept 0 new night(s) for alex, replaced 1; 1 row(s) not kept:" in imported.stderr
    assert "try_time" in imported.stderr
    shown = ok_json(env, "diary", "show", "--person", "alex", "--weeks", "1")
    assert [n["date"] for n in shown["nights"]] == [night]
    assert shown["nights"][0]["tib_min"] == 510  # the file's night replaced the added one
    kept = json.loads(sleepmin(env, "person", "export", "alex").stdout)
    assert [n["date"] for n in kept["diary"]] == [night] and kept["diary"][0][
        "source"
    ] == "diary.csv"
    removed = ok_json(env, "person", "delete", "alex", "--yes")
    assert removed["removed"]["diary_nights"] == 1


def test_isi_totals_over_time_come_from_the_saved_answers(
    env: dict[str, str], tmp_path: Path
) -> None:
    ok_json(env, "person", "add", "alex", "--age", "34", "--sex", "female")
    for items in ("[3, 3, 3, 3, 3, 3, 3]", "[2, 2, 2, 1, 1, 1, 1]"):
        answers = tmp_path / "answers.yaml"
        answers.write_text(f"sleep: {{night_waking: true}}\nisi: {items}\n", "utf-8")
        ok_json(env, "assess", str(answers), "--person", "alex")
    history = ok_json(env, "isi", "history", "--person", "alex")
    assert [(p["total"], p["band"]) for p in history["points"]] == [
        (21, "moderate"),
        (10, "subthreshold"),
    ]
    assert "6 points" in history["note"]


def test_a_night_asked_for_item_by_item_and_the_report_draws_the_diary(
    env: dict[str, str], tmp_path: Path
) -> None:
    ok_json(env, "person", "add", "alex", "--age", "34", "--sex", "female")
    missing = sleepmin(env, "diary", "add", "--person", "alex", "--bed", "23:00")
    assert missing.returncode == 2
    assert "give --try, --sol, --awakenings, --waso, --wake, --up, or --interactive" in (
        missing.stderr
    )
    first = (TODAY - dt.timedelta(days=3)).isoformat()
    # a careless answer is asked again; quality skipped with Enter
    typed = "23:00\n23:30\nabout 20\n20\n2\n40\n06:30\n07:00\n\n"
    asked = run_cli(
        *("diary", "add", "--person", "alex", "-i", "--date", first, "--tz", "UTC", "--json"),
        data_dir=Path(env["SLEEPMIN_DATA_DIR"]),
        env=env,
        stdin=typed,
    )
    assert asked.returncode == 0, asked.stderr
    assert "'about 20' is not a number of minutes" in asked.stderr
    night = json.loads(asked.stdout)["nights"][0]
    assert (night["tst_min"], night["se_pct"], night["quality"]) == (360, 75.0, None)
    # the next night offers the last one's answers: Enter keeps them, one is changed
    second = (TODAY - dt.timedelta(days=2)).isoformat()
    again = run_cli(
        *("diary", "add", "--person", "alex", "-i", "--date", second, "--tz", "UTC", "--json"),
        data_dir=Path(env["SLEEPMIN_DATA_DIR"]),
        env=env,
        stdin="\n\n10\n\n\n\n\n4\n",
    )
    assert again.returncode == 0, again.stderr
    assert "Minutes to fall asleep [20]" in again.stderr
    kept = json.loads(again.stdout)["nights"][0]
    assert (kept["sol_min"], kept["waso_min"], kept["quality"]) == (10, 40, 4)

    answers = tmp_path / "answers.yaml"
    answers.write_text("sleep: {night_waking: true}\nisi: [3, 3, 3, 3, 3, 3, 3]\n", "utf-8")
    page = tmp_path / "report.html"
    made = sleepmin(env, "assess", str(answers), "--person", "alex", "--html", str(page))
    assert made.returncode == 0, made.stderr
    html = page.read_text("utf-8")
    assert "Sleep diary and ISI over time" in html
    assert html.count("class='night se_pct'") == 2 and html.count("class='isi-point'") == 1
    assert f"2 nights from {first} to {second}" in html
