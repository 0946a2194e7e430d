"""The web app in a real browser (Debian's Chromium, driven by Playwright) against a real
`sleepmin serve` on loopback: a person signs up, answers the questionnaire, logs food through
the type-ahead, enters a lab result, makes the assessment and sees its chart, shares with a
clinician who then reads it, revokes, exports and deletes their account. Every page is checked
at a phone's width (360 px: nothing wider than the screen) and with axe-core (no serious or
critical accessibility violation). Screenshots are kept in test-artifacts/screenshots."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.cli_helpers import run_cli
from tests.report.test_html_browser import ARGS, CHROMIUM
from tests.web.conftest import Server, start_server, stop_server

pytestmark = [pytest.mark.slow, pytest.mark.browser]

REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "test-artifacts" / "screenshots"
AXE_VERSION = "4.10.2"
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def axe_source(tmp_path_factory: pytest.TempPathFactory) -> str:
    """axe-core from the npm registry (cached between runs): the accessibility checker the
    tests inject into each page. The app itself never loads anything from elsewhere."""
    cache = Path.home() / ".cache" / "sleepmin-tests" / f"axe-core-{AXE_VERSION}.min.js"
    if not cache.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is needed to fetch axe-core for the accessibility checks")
        work = tmp_path_factory.mktemp("axe")
        subprocess.run(
            [npm, "pack", f"axe-core@{AXE_VERSION}", "--pack-destination", str(work)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        with tarfile.open(next(work.glob("axe-core-*.tgz"))) as tar:
            member = tar.extractfile("package/axe.min.js")
            assert member is not None
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_bytes(member.read())
    return cache.read_text("utf-8")


@pytest.fixture(scope="module")
def app_server(
    installed_foods: Path, tmp_path_factory: pytest.TempPathFactory, shared_nhanes: Path
) -> Iterator[Server]:
    data_dir = tmp_path_factory.mktemp("webapp")
    shutil.copy(installed_foods / "foods.sqlite", data_dir / "foods.sqlite")
    built = run_cli("data", "build-population", "--source", str(shared_nhanes), data_dir=data_dir)
    assert built.returncode == 0, built.stderr
    running = start_server(data_dir, {"SLEEPMIN_SIGN_UP_LIMIT": "100"})
    try:
        yield running
    finally:
        stop_server(running)


class Checked:
    """A page, checked after each navigation: width, accessibility, a screenshot."""

    def __init__(self, page: Any, axe: str, name: str) -> None:
        self.page, self.axe, self.name, self.count = page, axe, name, 0

    def check(self, label: str) -> None:
        self.count += 1
        page = self.page
        page.wait_for_load_state("load")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{label}: {overflow}px wider than the 360px screen"
        # through the DevTools protocol, which the page's script policy does not govern
        page.evaluate(f"() => {{ if (!window.axe) {{ {self.axe}\n }} }}")
        found = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".filter(v => ['serious', 'critical'].includes(v.impact))"
            ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
        )
        assert not found, f"{label}: {found}"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=str(SHOTS / f"{self.name}-{self.count:02d}-{label}.png"), full_page=True
        )


def _browser() -> Any:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: .ci/run installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    return sync_playwright()


def test_the_first_page_is_small_and_served_from_here(app_server: Server) -> None:
    with httpx.Client(base_url=app_server.url) as http:
        page = http.get("/")
        sizes = [len(page.content)]
        for asset in re.findall(r'(?:href|src)="(/static/[^"]+)"', page.text):
            sizes.append(len(http.get(asset).content))
        assert sum(sizes) < 100_000, sizes
        assert not re.search(r'(?:href|src)="(?:https?:)?//', page.text)  # nothing from elsewhere


def test_a_person_and_a_clinician_through_the_web_app(app_server: Server, axe_source: str) -> None:
    email, doctor_email = "webperson@example.org", "webdoctor@example.org"
    with _browser() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        # bypass_csp: the tests inject axe-core, which the app's own policy would refuse
        page = browser.new_context(
            viewport={"width": 360, "height": 780}, bypass_csp=True
        ).new_page()
        seen = Checked(page, axe_source, "person")
        page.goto(app_server.url + "/")
        seen.check("landing")
        page.click("text=Start")
        seen.check("sign-up")
        page.fill("#email", email)
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/app/profile")
        seen.check("profile")
        page.fill("#age", "38")
        page.check("#sex-female")
        page.check("#heavy")
        page.click("button[type=submit]")
        page.wait_for_url("**/app/questions/1")
        seen.check("question-1")
        assert page.is_visible("text=Step 1 of 7")
        page.check("#night_waking")
        page.keyboard.press("Tab")  # keyboard reaches the controls
        page.get_by_role("button", name="Save and go on").click()
        page.wait_for_url("**/app/questions/2")
        page.get_by_role("button", name="Save and go on").click()
        page.wait_for_url("**/app/questions/3")
        seen.check("question-3-isi")
        for i in range(7):
            page.check(f"#isi{i}-2")
        page.get_by_role("button", name="Save and go on").click()
        page.wait_for_url("**/app/questions/4")
        page.check("#signs-fatigue")
        page.check("#signs-leg_cramps")
        for _ in range(3):
            page.get_by_role("button", name="Save and go on").click()
        page.wait_for_url("**/app/questions/7")
        seen.check("question-7-mood")
        page.check("#phq0-0")
        page.check("#phq1-0")
        page.check("#self_harm-0")
        page.get_by_role("button", name="Save and see my steps").click()
        page.wait_for_url("**/app")
        seen.check("steps")

        # the food log, through the type-ahead
        page.goto(app_server.url + "/app/log")
        page.fill("#food-line", "")
        page.type("#food-line", "1 cup cooked spin", delay=20)
        page.wait_for_selector("#food-suggestions li")
        seen.check("log-type-ahead")
        options = page.eval_on_selector_all(
            "#food-suggestions li", "els => els.map(e => e.textContent)"
        )
        assert any("Spinach" in o for o in options), options
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        assert page.input_value("#food-id") != ""
        page.get_by_role("button", name="Add").click()
        page.wait_for_selector("p.notice")
        assert "→ Spinach" in page.inner_text("p.notice")
        page.fill("#food-line", "2 bananas")
        page.get_by_role("button", name="Add").click()
        page.wait_for_selector("text=Bananas, raw, 236 g")
        seen.check("log")
        # pick another match for a kept line
        page.get_by_role("link", name="Change “2 bananas”").click()
        seen.check("log-change")
        page.fill("#food-line", "")
        page.type("#food-line", "30 g banana chips", delay=20)
        page.wait_for_selector("#food-suggestions li")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.get_by_role("button", name="Save").click()
        page.wait_for_selector("p.notice")
        notice = page.inner_text("p.notice")
        assert "@ 19400" in notice and "→ Snacks, banana chips, 30 g" in notice, notice

        # a night of the sleep diary: the form is filled in with sensible defaults
        page.goto(app_server.url + "/app/diary")
        seen.check("diary-empty")
        page.wait_for_selector("#night-check:has-text('sleep efficiency')")  # checked as typed
        page.fill("#sol_min", "900")  # longer than the night: said beside the field at once
        page.wait_for_selector("#sol_min-error:has-text('longer than')")
        assert page.get_attribute("#sol_min", "aria-invalid") == "true"
        assert "Minutes to fall asleep" in page.inner_text("#night-check")
        seen.check("diary-invalid")
        page.fill("#sol_min", "35")
        page.wait_for_selector("#night-check:has-text('sleep efficiency')")
        assert page.get_attribute("#sol_min", "aria-invalid") is None
        page.check("#quality-2")
        page.get_by_role("button", name="Keep this night").click()
        page.wait_for_selector("table")
        row = page.inner_text("tbody tr")
        assert "35" in row
        assert page.locator("#chart-se rect.night").count() == 1  # drawn, with the table
        page.select_option("#weeks", "8")
        page.get_by_role("button", name="Show").click()
        page.wait_for_selector("h2#trends:has-text('The last 8 weeks')")
        seen.check("diary")
        assert page.input_value("#sol_min") == "35"  # the next form starts from last night
        page.fill("#change", dt.date.today().isoformat())
        page.get_by_role("button", name="Compare").click()
        page.wait_for_selector("#compared-title")
        assert "Too few nights to estimate" in page.inner_text("section.notice")
        assert "Insomnia Severity Index over time" in page.inner_text("main")  # from step 3
        seen.check("diary-compare")

        # the food plan: from what was logged, a chart of each mineral, a food swapped
        page.goto(app_server.url + "/app/plan")
        seen.check("plan-empty")
        page.check("#exclude-fish")
        page.get_by_role("button", name="Make my plan").click()
        page.wait_for_selector("#plan-chart")
        assert page.locator("#plan-chart .chart-row").count() == 6
        assert "Already logged" in page.inner_text("ul.plan-foods")  # the logged day
        seen.check("plan")
        assert "Foods for each gap" in page.inner_text("main")  # before the plan, per mineral
        # a swap for a chosen alternative re-solves in place: no page load, focus on the plan
        page.evaluate("window.sameDocument = true")
        form = page.locator("form.swap").first
        swapped = str(form.locator("button").get_attribute("aria-label"))
        swapped = swapped.removeprefix("Swap ").split(" for ")[0]
        choice = form.locator("select option").nth(1)
        instead = choice.get_attribute("value")
        form.locator("select").select_option(str(instead))
        form.locator("button").click()
        page.wait_for_selector("text=The plan was made again without that food.")
        assert page.evaluate("window.sameDocument") is True
        assert page.evaluate("document.activeElement.id") == "plan-foods"
        assert "swapped out" in str(page.text_content("#plan-result details"))
        assert f"Swap {swapped} for something else" not in page.content()
        chosen = f"form.swap input[name=food_id][value='{instead}']"
        assert page.locator(chosen).count() == 1  # the chosen food is in the plan now
        page.reload()
        assert page.is_checked("#exclude-fish")  # the options are kept with the plan
        assert page.locator(chosen).count() == 1

        # a lab result
        page.goto(app_server.url + "/app/labs")
        page.select_option("#test", "ferritin")
        page.fill("#value", "11")
        page.fill("#unit", "ng/mL")
        page.get_by_role("button", name="Add").click()
        page.wait_for_selector("text=Kept 1 new result(s)")
        seen.check("labs")

        # the assessment, its chart, red flags first on every page
        page.goto(app_server.url + "/app/assessment")
        page.get_by_role("button", name="Make my assessment").click()
        page.wait_for_selector("#intake-chart")
        assert "Among US" in page.inner_text("#population")  # where the intakes sit (NHANES)
        seen.check("assessment")
        bars = page.eval_on_selector_all("#intake-chart rect.bar", "els => els.length")
        assert bars == 6
        iron = page.get_attribute("section.mineral[data-mineral='iron']", "data-level")
        assert iron in ("likely", "possible")
        page.goto(app_server.url + "/app")
        urgent = page.locator("section.urgent")
        if urgent.count():  # where a flag applies it comes before the steps
            box = urgent.first.bounding_box()
            steps = page.locator("h1").bounding_box()
            assert box is not None and steps is not None and box["y"] < steps["y"]

        # share with a clinician
        page.goto(app_server.url + "/app/share")
        page.get_by_role("button", name="Make a code").click()
        code = page.inner_text("code")
        seen.check("share")

        doctor_context = browser.new_context(viewport={"width": 360, "height": 780})
        doctor = doctor_context.new_page()
        doc_seen = Checked(doctor, axe_source, "clinician")
        doctor.goto(app_server.url + "/signup")
        doctor.fill("#email", doctor_email)
        doctor.fill("#password", PASSWORD)
        doctor.check("#role-clinician")
        doctor.click("button[type=submit]")
        doctor.wait_for_url("**/clinician")
        doctor.fill("#code", code)
        doctor.get_by_role("button", name="Add").click()
        doctor.click(f"text={email}")
        doctor.wait_for_selector("#intake-chart")
        doc_seen.check("person-shared")
        assert "Read-only" in doctor.inner_text("main")
        pdf_link = doctor.get_attribute("text=report (PDF)", "href")
        assert pdf_link is not None and pdf_link.endswith("/report.pdf")
        shared_url = doctor.url

        # revoke: the clinician's next request is refused
        page.goto(app_server.url + "/app/share")
        page.get_by_role("button", name="Stop sharing").click()
        page.wait_for_selector("text=You share with no one.")
        doctor.goto(shared_url)
        assert "no share with that id" in doctor.inner_text("main")
        doc_seen.check("revoked")

        # export, then delete
        page.goto(app_server.url + "/app/account")
        seen.check("account")
        with page.expect_download() as download:
            page.click("text=Download all my data")
        exported = json.loads(Path(download.value.path()).read_text("utf-8"))
        assert exported["name"] == email and len(exported["food_log"]) == 2
        page.check("#sure")
        page.get_by_role("button", name="Delete my account").click()
        page.wait_for_url(app_server.url + "/?deleted=1")
        page.goto(app_server.url + "/app")
        assert "/signin" in page.url
        browser.close()
