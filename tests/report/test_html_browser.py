"""The HTML report in a real browser: headless Chromium (Debian's package) driven by Playwright.

Checks, at a phone's width and a desktop's: no horizontal overflow (of the page or of any table),
the chart draws a bar per mineral with the reference and the Upper Limit labelled in text, the
levels read "Iron — low status likely", the reasons carry their weights and readable sources
linked to the references list, the log is listed as matched, every lab shows its reference
interval or says the lab's own range applies; and it prints to PDF.
"""

from __future__ import annotations

import json
import os
import re
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
        scrolls = page.eval_on_selector_all(
            ".table-wrap", "els => els.map(e => e.scrollWidth - e.clientWidth)"
        )
        assert all(s <= 1 for s in scrolls), f"a table scrolls sideways at {width}px: {scrolls}"
        page.screenshot(path=str(tmp_path / f"report-{width}.png"), full_page=True)
        assert (tmp_path / f"report-{width}.png").stat().st_size > 10_000
        browser.close()


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 900)])
def test_levels_upper_limit_reasons_sources_and_foods(
    report_html: Path, width: int, height: int
) -> None:
    with _browser() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(report_html.as_uri())
        # the level reads as a statement about low status, never a bare "LOW" beside the name
        badge = page.text_content("section.mineral[data-mineral='iron'] .level")
        assert badge == "Iron — low status likely"
        for level in page.eval_on_selector_all(
            "section.mineral", "els => els.map(e => [e.dataset.mineral, e.dataset.level])"
        ):
            mineral, value = level
            text = page.text_content(f"section.mineral[data-mineral='{mineral}'] .level")
            assert text == f"{mineral.capitalize()} — low status {value}"
        # the Upper Limit beside the reference on the chart, labelled in text
        row = "#intake-chart .chart-row[data-mineral='magnesium']"
        assert page.text_content(f"{row} text.ul-label") == "UL 350 mg"
        assert page.text_content(f"{row} text.ref-label") == "RDA 320 mg"  # women 31-50
        assert "supplements and medications only" in (page.text_content(f"{row} .ul-text") or "")
        chart = page.eval_on_selector(f"{row} svg", "e => e.getBoundingClientRect().toJSON()")
        for label in ("ul-label", "ref-label"):
            box = page.eval_on_selector(
                f"{row} text.{label}", "e => e.getBoundingClientRect().toJSON()"
            )
            assert box["height"] >= 12, "chart labels readable"
            assert chart["left"] - 1 <= box["left"] and box["right"] <= chart["right"] + 1
        for line in ("ul-line", "ref-line"):  # a vertical line: no width, but a height
            x, tall = page.eval_on_selector(
                f"{row} line.{line}",
                "e => [e.getBoundingClientRect().left, e.getBoundingClientRect().height]",
            )
            assert tall > 0 and chart["left"] <= x <= chart["right"], line
        # why iron is likely: the reasons with their weights and readable sources
        reasons = "section.mineral[data-mineral='iron'] table.reasons"
        assert page.is_visible(reasons)
        weights = page.eval_on_selector_all(
            f"{reasons} tbody td.num", "els => els.map(e => e.textContent)"
        )
        assert weights and all(re.fullmatch(r"[+−]?\d+(\.\d+)?", w) for w in weights)
        sources = page.eval_on_selector_all(
            f"{reasons} a", "els => els.map(e => [e.textContent, e.getAttribute('href')])"
        )
        assert ["Winkelman 2025, Journal of Clinical Sleep Medicine", "#ref-aasm_2024_rls"] in [
            list(x) for x in sources
        ]
        assert all(not re.fullmatch(r"[a-z0-9_]+", name) for name, _ in sources)  # no bare ids
        assert page.is_visible("#references ~ ol #ref-aasm_2024_rls")
        # the log as matched, so a wrong match can be spotted
        foods = page.eval_on_selector_all(
            "#matched-foods-table tr.food-item", "els => els.map(e => e.innerText)"
        )
        assert len(foods) == 4
        assert any("1 banana" in f and "Bananas, raw" in f and "118" in f for f in foods)
        # every lab with its reference interval, or the lab's own range
        intervals = page.eval_on_selector_all(
            "div.lab .ref-interval", "els => els.map(e => e.innerText)"
        )
        assert len(intervals) == 2
        for interval in intervals:
            assert interval.startswith("Reference interval: ")
            assert re.search(r"\d–\d", interval) or "the lab's own reference range" in interval
        assert any("20–50%" in i for i in intervals)
        body = page.inner_text("main")
        assert "e+0" not in body and "e-0" not in body
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
