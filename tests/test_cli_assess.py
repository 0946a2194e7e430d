"""`sleepmin isi score`, `explain` and `assess` as a user runs them (real processes)."""

from __future__ import annotations

import json
import os
import pty
import resource
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli_helpers import run_cli

MINERALS = {"calcium", "iron", "magnesium", "potassium", "zinc", "copper"}


def run(
    *args: str, data_dir: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, data_dir=data_dir, stdin=stdin)


def test_isi_score_json() -> None:
    result = run("isi", "score", "--items", "3,2,2,2,2,2,2", "--json")
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert (body["total"], body["band"]) == (15, "moderate")


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (
            "3,2,2,2,2,2",
            "Error: the ISI needs exactly 7 item scores, got 6; give all seven, e.g. "
            "3,2,2,2,2,2,2 (missing items are not prorated)",
        ),
        ("3,2,2,9,2,2,2", "Error: ISI item 4 is 9; each item is a whole number from 0 to 4"),
        (
            "a,b",
            "Error: ISI item 1 is 'a', not a whole number; give the seven item scores 0-4 "
            "separated by commas or spaces, e.g. 3,2,2,2,2,2,2 or 3 2 2 2 2 2 2",
        ),
    ],
)
def test_isi_score_refuses_bad_items(items: str, message: str) -> None:
    result = run("isi", "score", "--items", items)
    assert result.returncode == 1
    assert result.stderr.strip() == message


def test_explain_json(tmp_path: Path) -> None:
    result = run("explain", "magnesium", "--json", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["mineral"] == "magnesium"
    assert {
        "mechanisms",
        "deficiency_signs",
        "risk_factors",
        "food_sources",
        "claims",
        "references",
    } <= set(body)
    assert body["food_sources"][0]["amount_mg"] is None  # no food database installed here
    ref_ids = {r["id"] for r in body["references"]}
    assert all(set(c["citations"]) <= ref_ids for c in body["claims"])


def test_explain_claims_json() -> None:
    body = json.loads(run("explain", "--claims", "--json").stdout)
    assert body["claims"] and all(
        {"text", "grade", "citations"} - {"text"} <= set(c) for c in body["claims"]
    )
    assert {c["grade"] for c in body["claims"]} <= {
        "supported",
        "limited",
        "not_supported",
        "no_evidence_found",
    }


@pytest.mark.slow
def test_explain_links_foods_to_the_database(tmp_path: Path, shared_fdc: Path) -> None:
    assert run("data", "install", "--source", str(shared_fdc), data_dir=tmp_path).returncode == 0
    body = json.loads(run("explain", "iron", "--json", data_dir=tmp_path).stdout)
    assert all(f["in_food_database"] and f["amount_mg"] > 0 for f in body["food_sources"])


def test_assess_json_shape(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "profile: {age: 30, sex: female}\n"
        "rls: {urge_to_move: true, worse_at_rest: true, relieved_by_movement: true,\n"
        "      worse_evening_night: true, not_explained_by_other: true}\n"
        "isi: [3, 2, 2, 2, 2, 2, 2]\n"
        "labs: [{test: ferritin, value: 28, unit: ng/mL}]\n"
        "supplements: [{name: zinc gluconate, mineral: zinc, amount_mg: 50}]\n"
    )
    result = run("assess", str(answers), "--json", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["minerals"][0]["mineral"] == "iron"
    assert {m["mineral"] for m in body["minerals"]} == MINERALS
    iron = body["minerals"][0]
    assert iron["level"] == "likely"
    assert all({"text", "citations"} <= set(r) for r in iron["reasons"])
    assert body["safety"][0]["severity"] == "red_flag"  # 50 mg zinc
    assert body["isi"]["total"] == 15 and body["rls"]["met"] is True
    assert body["labs"][0]["test"] == "ferritin"
    assert body["diet"] is None
    assert body["next_steps"] and "diagnos" in body["not_a_diagnosis"]


def test_assess_rejects_unknown_answers(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("signs: [sleepy_toes]\n")
    result = run("assess", str(answers))
    assert result.returncode == 1
    assert result.stderr.startswith("Error: unknown sign 'sleepy_toes'; use one of: anxiety,")


def test_assess_interactive_writes_the_answers_file(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    # age, sex, pregnant?, breastfeeding?, menopause, diet, 4 sleep questions, 5 RLS, ISI?,
    # 4 choice lists, 6 STOP-Bang, 2 PHQ-2, self-harm, notes
    keystrokes = (
        "\n".join(
            [
                "41",
                "female",
                "n",
                "n",
                "peri",
                "vegetarian",
                "y",
                "y",
                "n",
                "y",
                "y",
                "y",
                "y",
                "y",
                "y",
                "y",
                "3",
                "2",
                "2",
                "2",
                "2",
                "2",
                "2",
                "5,13",
                "4",
                "",
                "",
                "y",
                "y",
                "n",
                "n",
                "n",
                "n",
                "2",
                "1",
                "n",
                "Night shifts until March.",
            ]
        )
        + "\n"
    )
    result = run(
        "assess", "--interactive", str(answers), "--json", data_dir=tmp_path, stdin=keystrokes
    )
    assert result.returncode == 0, result.stderr
    written = answers.read_text()
    assert "vegetarian" in written and "trouble_falling_asleep: true" in written
    body = json.loads(result.stdout)  # questions go to stderr; stdout is only the JSON
    assert body["isi"]["total"] == 15 and body["rls"]["met"] is True
    assert body["profile"]["menopause"] == "peri"
    assert body["stop_bang"]["score"] == 2 and body["stop_bang"]["band"] == "low"
    assert body["mood"]["phq2_total"] == 3 and body["mood"]["phq2_positive"] is True
    assert body["notes"] == "Night shifts until March."
    assert [s["pathway"] for s in body["next_steps"]][:1] == ["mood"]


def test_assess_interactive_refuses_children_at_once(tmp_path: Path) -> None:
    result = run(
        "assess", "--interactive", str(tmp_path / "a.yaml"), data_dir=tmp_path, stdin="12\n"
    )
    assert result.returncode == 1
    assert "built for adults (18 and over)" in result.stderr
    assert not (tmp_path / "a.yaml").exists()


# -- issue 10: bad input never gives a wrong answer, a traceback or lost data -----------------

ANSWERS = "profile: {age: 30, sex: female}\nsleep: {night_waking: true}\n"
OLD_REPORT = "<html>the old report, still wanted</html>\n"


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("items", ["3, 2, 2, 2, 2, 2, 2", "3 2 2 2 2 2 2", "3;2;2;2;2;2;2"])
def test_isi_score_accepts_spaces_and_semicolons(items: str) -> None:
    result = run("isi", "score", "--items", items, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total"] == 15


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Error: answers.yaml is empty (or holds only comments); write the answers, e.g."),
        (b"# to do\n", "Error: answers.yaml is empty (or holds only comments)"),
        (
            b"profile: {age: 30, sex: female}\nprofile: {age: 80, sex: male}\n",
            "Error: answers.yaml, line 2: the key 'profile' appears twice (first on line 1); keep "
            "one of them",
        ),
        (b"profile: {age: true, sex: female}\n", "Error: profile.age is true; give a number of"),
        (
            b"signs: [fatigue\n",
            "Error: answers.yaml, line 1, column 8: not valid YAML: a list opened with [ here is "
            "not closed",
        ),
        (b"profile: 5\n", "Error: profile is 5; give the profile as keys, e.g. profile: {age:"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "Error: answers file answers.yaml is not text"),
        (b"\xec\x9a\x01\xfe" * 50, "Error: answers file answers.yaml is not text"),
        (b"a: " + b"[" * 50_000 + b"]" * 50_000, "Error: answers.yaml, line 1, column 23: the "),
        (b"a: " + b"9" * 5000, "Error: answers.yaml, line 1, column 4: a number 5,000 characters"),
    ],
)
def test_assess_refuses_bad_answers_files_in_one_line(
    tmp_path: Path, content: bytes, message: str
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_bytes(content)
    assert one_line_error(run("assess", str(answers), data_dir=tmp_path)).startswith(message)


def test_assess_refuses_deep_json_and_long_numbers(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    assert "nested more than 20 levels deep" in one_line_error(run("assess", str(deep)))
    big = tmp_path / "big.json"
    big.write_text('{"profile": {"age": ' + "9" * 5000 + ', "sex": "male"}}')
    assert "a number 5,000 characters long" in one_line_error(run("assess", str(big)))


@pytest.mark.parametrize("role", ["answers", "--log", "--labs"])
def test_html_never_overwrites_an_input(tmp_path: Path, role: str) -> None:
    answers = tmp_path / "victim.yaml"
    answers.write_text(ANSWERS)
    other = tmp_path / "other.txt"
    other.write_text("keep me\n")
    target = answers if role == "answers" else other
    args = ["assess", str(answers), "--html", str(target)]
    if role != "answers":
        args += [role, str(other)]
    label = {"answers": "answers file", "--log": "food log", "--labs": "lab file"}[role]
    assert one_line_error(run(*args, data_dir=tmp_path)) == (
        f"Error: cannot write {target}: it is the {label} this command reads; choose another "
        "output path, e.g. report.html"
    )
    assert answers.read_text() == ANSWERS and other.read_text() == "keep me\n"


def test_html_over_an_input_through_another_name_is_refused(tmp_path: Path) -> None:
    answers = tmp_path / "victim.yaml"
    answers.write_text(ANSWERS)
    (tmp_path / "link.html").symlink_to(answers)
    (tmp_path / "hard.html").hardlink_to(answers)
    for name in ("link.html", "hard.html", "./sub/../victim.yaml"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        message = one_line_error(run("assess", str(answers), "--html", str(tmp_path / name)))
        assert "it is the answers file this command reads" in message
    assert answers.read_text() == ANSWERS


def test_html_to_a_missing_folder_or_a_device_is_one_line(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS)
    missing = tmp_path / "nope" / "report.html"
    assert one_line_error(run("assess", str(answers), "--html", str(missing))) == (
        f"Error: cannot write {missing}: the folder {missing.parent} does not exist; create it "
        "or choose another path"
    )
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    assert "it is not a regular file" in one_line_error(
        run("assess", str(answers), "--html", str(fifo))
    )
    if Path("/dev/full").exists():
        # (Also safe as root: the device is refused before any write, never replaced.)
        assert "it is not a regular file" in one_line_error(
            run("assess", str(answers), "--html", "/dev/full")
        )
        assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)


def test_html_is_written_whole(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS)
    report = tmp_path / "report.html"
    report.write_text(OLD_REPORT)
    result = run("assess", str(answers), "--html", str(report), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert report.read_text().rstrip().endswith("</html>") and report.read_text() != OLD_REPORT
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".report")) == []


def _assess_in_child(
    answers: Path, report: Path, *, fsize: int | None = None, kill_in_fsync: bool = False
) -> subprocess.Popen[str]:
    """`sleepmin assess ANSWERS --html REPORT` in a child process, optionally with a file-size
    limit (a full disk, as the kernel reports it: EFBIG) or killed (SIGKILL) once the new
    report is written to its temporary file but before it is renamed."""
    script = (
        "import os, signal, sys\n"
        "if sys.argv[1] == 'kill':\n"
        "    def fsync(fd):\n"
        "        if '.report.html.' in os.readlink(f'/proc/self/fd/{fd}'):\n"
        "            os.kill(os.getpid(), signal.SIGKILL)\n"
        "    os.fsync = fsync\n"
        "sys.argv = ['sleepmin', *sys.argv[2:]]\n"
        "from sleepmin.cli import main\n"
        "main()\n"
    )

    def limit() -> None:
        if fsize is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    env = {k: v for k, v in os.environ.items() if k != "SLEEPMIN_FDC_SOURCE"}
    env["SLEEPMIN_DATA_DIR"] = str(answers.parent / "data")
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            script,
            "kill" if kill_in_fsync else "run",
            "assess",
            str(answers),
            "--html",
            str(report),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=limit,  # noqa: PLW1509 - only sets a resource limit
    )


def test_a_full_disk_during_the_html_write_leaves_the_old_report(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS)
    report = tmp_path / "report.html"
    report.write_text(OLD_REPORT)
    child = _assess_in_child(answers, report, fsize=4096)
    _, stderr = child.communicate(timeout=120)
    assert child.returncode == 1, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: cannot write {report}: "), stderr
    assert report.read_text() == OLD_REPORT
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_a_kill_during_the_html_write_leaves_the_old_report(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS)
    report = tmp_path / "report.html"
    report.write_text(OLD_REPORT)
    child = _assess_in_child(answers, report, kill_in_fsync=True)
    child.communicate(timeout=120)
    assert child.returncode == -signal.SIGKILL
    assert report.read_text() == OLD_REPORT
    # the new report was whole in its temporary file; only the rename never happened
    (leftover,) = [p for p in tmp_path.iterdir() if p.name.startswith(".report.html.")]
    assert leftover.read_text().rstrip().endswith("</html>")


def test_kills_at_any_moment_leave_a_whole_report(tmp_path: Path) -> None:
    """SIGKILL at spread-out moments of a real run: the report is the old one or a whole new
    one, never a truncated one."""
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS)
    report = tmp_path / "report.html"
    started = time.monotonic()
    child = _assess_in_child(answers, report)
    child.communicate(timeout=120)
    duration = time.monotonic() - started
    assert child.returncode == 0 and report.read_text().rstrip().endswith("</html>")
    for step in range(6):
        report.write_text(OLD_REPORT)
        child = _assess_in_child(answers, report)
        time.sleep(duration * (0.6 + step / 10))
        child.kill()
        child.communicate(timeout=120)
        text = report.read_text()
        assert text == OLD_REPORT or text.rstrip().endswith("</html>"), text[-200:]


# -- --interactive FILE: never replaced without asking ----------------------------------------

KEYSTROKES = "41\nmale\nomnivore\n" + "\n" * 40  # the rest skipped with Enter


def test_interactive_refuses_an_existing_file_without_a_terminal(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("# written by hand\n" + ANSWERS)
    result = run("assess", "--interactive", str(answers), data_dir=tmp_path, stdin=KEYSTROKES)
    assert one_line_error(result) == (
        f"Error: cannot write {answers}: it already exists; give another file name, or add "
        "--force to replace it"
    )
    assert answers.read_text().startswith("# written by hand")
    assert "Age in years" not in result.stderr  # refused before any question


def test_interactive_force_replaces_the_file(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("# written by hand\n" + ANSWERS)
    result = run(
        "assess",
        "--interactive",
        str(answers),
        "--force",
        "--json",
        data_dir=tmp_path,
        stdin=KEYSTROKES,
    )
    assert result.returncode == 0, result.stderr
    assert "sex: male" in answers.read_text()
    assert json.loads(result.stdout)["profile"]["sex"] == "male"


@pytest.mark.parametrize(("reply", "kept"), [("n\n", True), ("\n", True), ("y\n", False)])
def test_interactive_asks_before_replacing_in_a_terminal(
    tmp_path: Path, reply: str, kept: bool
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("# written by hand\n" + ANSWERS)
    primary, secondary = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "SLEEPMIN_FDC_SOURCE"}
    env["SLEEPMIN_DATA_DIR"] = str(tmp_path)
    child = subprocess.Popen(
        [sys.executable, "-m", "sleepmin.cli", "assess", "--interactive", str(answers), "--json"],
        stdin=secondary,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    os.close(secondary)
    os.write(primary, (reply + KEYSTROKES).encode())
    try:
        _, stderr = child.communicate(timeout=120)
    finally:
        os.close(primary)
    assert f"{answers} already exists. Replace it [y/N]" in stderr
    if kept:
        assert child.returncode == 1
        assert (
            stderr.strip()
            .splitlines()[-1]
            .endswith(
                f"Error: cannot write {answers}: it already exists and was kept; give another file "
                "name, or add --force to replace it"
            )
        )
        assert answers.read_text().startswith("# written by hand")
    else:
        assert child.returncode == 0, stderr
        assert "sex: male" in answers.read_text()


def test_interactive_enter_skips_and_says_what_skipping_means(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    # age, sex, diet, 4 sleep, 5 RLS, ISI? yes, item 1, Enter (skips the ISI), the rest Enter
    keystrokes = "45\nfemale\nn\nn\n\n\ny\n\n\ny\n" + "\n" * 5 + "y\n3\n\n" + "\n" * 30
    result = run(
        "assess", "--interactive", str(answers), "--json", data_dir=tmp_path, stdin=keystrokes
    )
    assert result.returncode == 0, result.stderr
    assert "ISI skipped: it needs all seven item scores" in result.stderr
    body = json.loads(result.stdout)
    assert body["isi"] is None and body["stop_bang"] is None  # every STOP-Bang item skipped
    written = answers.read_text()
    assert "isi" not in written and "stop_bang" not in written and "unrefreshing: true" in written


def test_interactive_enter_on_age_skips_the_profile_once(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    keystrokes = "\n" + "y\n" * 4 + "\n" * 40  # no age; yes to the four sleep questions
    result = run(
        "assess", "--interactive", str(answers), "--json", data_dir=tmp_path, stdin=keystrokes
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("Age and sex are needed for the profile, so it is skipped") == 1
    assert "Sex (female or male" not in result.stderr
    assert json.loads(result.stdout)["profile"] is None


def test_interactive_all_enter_is_refused_not_assessed(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    result = run("assess", "--interactive", str(answers), data_dir=tmp_path, stdin="\n" * 60)
    assert one_line_error(result).startswith("Error: no question was answered")
    assert not answers.exists()


@pytest.mark.parametrize(
    "stdin", ["", "41\nfemale\n", "41\nfemale\nn\nn\nperi\nvegan\n" + "y\n" * 9]
)
def test_interactive_end_of_input_is_one_line_not_a_loop(tmp_path: Path, stdin: str) -> None:
    answers = tmp_path / "answers.yaml"
    result = run("assess", "--interactive", str(answers), data_dir=tmp_path, stdin=stdin)
    assert one_line_error(result).startswith(
        "Error: the questions stopped: the input ended (stdin closed) before every question was "
        "answered, and nothing was written"
    )
    assert not answers.exists()


def test_interactive_gives_up_after_unreadable_answers(tmp_path: Path) -> None:
    result = run(
        "assess",
        "--interactive",
        str(tmp_path / "a.yaml"),
        data_dir=tmp_path,
        stdin="old\n" * 100,
    )
    assert one_line_error(result).startswith(
        "Error: no answer to 'Age in years' could be read after 5 tries"
    )
    assert result.stderr.count("Give a number from 0 to 125") == 5


def test_interactive_self_harm_then_end_of_input_still_shows_the_crisis_wording(
    tmp_path: Path,
) -> None:
    keystrokes = "41\nmale\n\n" + "\n" * 9 + "n\n" + "\n" * 4 + "\n" * 6 + "\n" + "y\n"
    result = run(
        "assess", "--interactive", str(tmp_path / "a.yaml"), data_dir=tmp_path, stdin=keystrokes
    )
    assert one_line_error(result).startswith("Error: If you are having thoughts of harming")
