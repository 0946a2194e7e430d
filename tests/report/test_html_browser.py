"""The HTML report in a real browser: headless Chromium (Debian's package) driven by Playwright.

Checks, at a phone's width and a desktop's: no horizontal overflow, the chart draws a bar per
mineral, the disclaimer and the sections are there; and it prints to PDF.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

ANSWERS = """
profile: {age: 34, sex: female, diet: vegetarian}
sleep: {trouble_falling_asleep: true, night_waking: true, unrefreshing: true}
rls: {urge_to_move: true, worse_at_rest: true, relieved_by_movement: true,
      worse_evening_night: true, not_explained_by_other: true}
isi: [3, 3, 2, 3, 2, 2, 3]
signs: [fatigue, pale_skin, leg_cramps]
risk_factors: [heavy_periods]
labs: [{test: ferritin, value: 22, unit: ng/mL},
       {test: transferrin_saturation, value: 15, unit: "%"}]
supplements: [{name: magnesium glycinate, mineral: magnesium, amount_mg: 200}]
"""
LOG = "Day 1\n2 slices whole wheat bread\n1 cup cooked spinach\n1 banana\nDay 2\n1 cup lentils\n"


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory, shared_fdc: Path) -> Iterator[Path]:
    work = tmp_path_factory.mktemp("html")
    env = {**os.environ, "SLEEPMIN_DATA_DIR": str(work / "data")}
    cli = [sys.executable, "-m", "sleepmin.cli"]
    subprocess.run(
        [*cli, "data", "install", "--source", str(shared_fdc)],
        env=env,
        check=True,
        capture_output=True,
    )
    (work / "answers.yaml").write_text(ANSWERS)
    (work / "meals.txt").write_text(LOG)
    out = work / "report.html"
    result = subprocess.run(
        [
            *cli,
            "assess",
            str(work / "answers.yaml"),
            "--log",
            str(work / "meals.txt"),
            "--html",
            str(out),
            "--json",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    json.loads(result.stdout)
    yield out


def _browser() -> Any:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: .ci/run installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    return sync_playwright()


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 900)])
def test_layout_and_chart(report_html: Path, tmp_path: Path, width: int, height: int) -> None:
    with _browser() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(report_html.as_uri())
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"horizontal scroll of {overflow}px at {width}px"
        bars = page.eval_on_selector_all(
            "#intake-chart rect.bar",
            "els => els.map(e => [e.dataset.mineral, e.getBoundingClientRect().width])",
        )
        assert sorted(name for name, _ in bars) == sorted(
            ["calcium", "iron", "magnesium", "potassium", "zinc", "copper"]
        )
        assert all(w > 0 for _, w in bars)
        chart = page.eval_on_selector("#intake-chart", "e => e.getBoundingClientRect().width")
        assert 0 < chart <= width
        assert page.is_visible("#not-a-diagnosis")
        for section in ("#safety", "#minerals", "#diet", "#labs", "#next-steps", "#references"):
            assert page.is_visible(section), section
        iron = page.get_attribute("section.mineral[data-mineral='iron']", "data-level")
        assert iron == "likely"
        font = page.eval_on_selector("body", "e => parseFloat(getComputedStyle(e).fontSize)")
        assert font >= 14  # readable on a phone
        page.screenshot(path=str(tmp_path / f"report-{width}.png"), full_page=True)
        assert (tmp_path / f"report-{width}.png").stat().st_size > 10_000
        browser.close()


def test_prints_to_pdf(report_html: Path, tmp_path: Path) -> None:
    with _browser() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.goto(report_html.as_uri())
        pdf = page.pdf(path=str(tmp_path / "report.pdf"), format="A4")
        assert pdf[:4] == b"%PDF" and len(pdf) > 5_000
        browser.close()


def test_self_contained(report_html: Path) -> None:
    html = report_html.read_text()
    assert "<script" not in html and "http://" not in html.split("<h2 id='references'>")[0]
    assert "<link" not in html and "src=" not in html
