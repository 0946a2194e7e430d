"""`sleepmin data build-population`, `sleepmin evidence` and the diet analysis's population
block as a user runs them (real processes, the CDC's real files): before and after a build,
careless input, and a build killed or out of disk leaving the old summary whole."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_helpers import installed_data_dir, run_cli

pytestmark = pytest.mark.slow
WOMAN = ["--age", "44", "--sex", "female"]
LOG = "1 cup cooked oatmeal\n1 banana\n3 oz chicken breast\n1 cup cooked white rice\n1 cup milk\n"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory, shared_fdc: Path) -> Path:
    return installed_data_dir(tmp_path_factory.mktemp("population"), shared_fdc)


def test_before_and_after_the_build(data_dir: Path, shared_nhanes: Path, tmp_path: Path) -> None:
    log = tmp_path / "day.txt"
    log.write_text(LOG, "utf-8")
    before = json.loads(
        run_cli("diet", "analyze", str(log), *WOMAN, "--json", data_dir=data_dir).stdout
    )
    assert not before["population"]["available"]
    assert "sleepmin data build-population" in before["population"]["reason"]
    missing = run_cli("evidence", "magnesium", data_dir=data_dir)
    assert missing.returncode == 1 and "build-population" in missing.stderr
    assert "Traceback" not in missing.stderr

    built = run_cli(
        "data", "build-population", "--source", str(shared_nhanes), "--json", data_dir=data_dir
    )
    assert built.returncode == 0, built.stderr
    summary = json.loads(built.stdout)
    assert summary["survey"] == "NHANES 2017-2018" and "female 31-50 y" in summary["groups"]
    assert summary["path"] == str(data_dir / "population.json")

    after = json.loads(
        run_cli("diet", "analyze", str(log), *WOMAN, "--json", data_dir=data_dir).stdout
    )
    population = after["population"]
    assert population["available"] and population["group"] == "female 31-50 y"
    magnesium = population["minerals"]["magnesium"]
    logged = after["minerals"]["magnesium"]["intake_mg_per_day"]["food"]
    assert magnesium["food_mg"] == pytest.approx(logged, abs=1e-3)
    assert 0 < magnesium["percentile"] < 100 and 0 < magnesium["share_below_ear"] < 1
    shown = run_cli("diet", "analyze", str(log), *WOMAN, data_dir=data_dir)
    assert "Among US females 31-50 y" in shown.stdout and "Group below EAR" in shown.stdout
    assert "not their usual intake" in shown.stdout

    evidence = run_cli("evidence", "magnesium", data_dir=data_dir)
    assert evidence.returncode == 0, evidence.stderr
    assert "odds ratio" in evidence.stdout and "not a cause" in evidence.stdout
    assert "Grandner" in evidence.stdout


def test_the_report_shows_the_population(
    data_dir: Path, shared_nhanes: Path, tmp_path: Path
) -> None:
    run_cli("data", "build-population", "--source", str(shared_nhanes), data_dir=data_dir)
    log = tmp_path / "day.txt"
    log.write_text(LOG, "utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text("profile: {age: 60, sex: male}\nsleep: {night_waking: true}\n", "utf-8")
    report = tmp_path / "report.html"
    made = run_cli(
        "assess", str(answers), "--log", str(log), "--html", str(report), data_dir=data_dir
    )
    assert made.returncode == 0, made.stderr
    html = report.read_text("utf-8")
    assert "id='population-table'" in html and "Among US males 51-70 y" in html


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["data", "build-population", "--source", "/no/such/folder"], "does not exist"),
        (["data", "build-population", "--source", " "], "give the folder"),
        (["evidence", "selenium"], "Invalid value for 'MINERAL'"),
    ],
)
def test_careless_input_is_refused_with_the_fix(args: list[str], said: str) -> None:
    refused = run_cli(*args)
    assert refused.returncode != 0 and said in refused.stderr, refused.stderr
    assert "Traceback" not in refused.stderr


OLD = '{"format": 1, "old": true}\n'


def _build_in_child(
    data_dir: Path, source: Path, *, fsize: int | None = None, kill_in_fsync: bool = False
) -> subprocess.Popen[str]:
    """`sleepmin data build-population` in a child: with a file-size limit (a full disk, as the
    kernel reports it) or killed once the new summary is in its temporary file."""
    script = (
        "import os, signal, sys\n"
        "if sys.argv[1] == 'kill':\n"
        "    def fsync(fd):\n"
        "        if '.population.json.' in os.readlink(f'/proc/self/fd/{fd}'):\n"
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

    env = {**os.environ, "SLEEPMIN_DATA_DIR": str(data_dir)}
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            script,
            "kill" if kill_in_fsync else "run",
            *("data", "build-population", "--source", str(source)),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=limit,  # noqa: PLW1509 - only sets a resource limit
    )


def test_a_full_disk_or_a_kill_leaves_the_old_summary(tmp_path: Path, shared_nhanes: Path) -> None:
    summary = tmp_path / "population.json"
    summary.write_text(OLD)
    full = _build_in_child(tmp_path, shared_nhanes, fsize=16_384)
    _, stderr = full.communicate(timeout=120)
    assert full.returncode == 1 and "Error: cannot write" in stderr, stderr
    assert summary.read_text() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["population.json"]
    killed = _build_in_child(tmp_path, shared_nhanes, kill_in_fsync=True)
    killed.communicate(timeout=120)
    assert killed.returncode == -signal.SIGKILL
    assert summary.read_text() == OLD
    # the next build completes and replaces it
    done = _build_in_child(tmp_path, shared_nhanes)
    _, stderr = done.communicate(timeout=120)
    assert done.returncode == 0, stderr
    assert json.loads(summary.read_text())["survey"] == "NHANES 2017-2018"
