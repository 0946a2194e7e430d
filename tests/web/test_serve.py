"""`sleepmin serve` as an operator runs it: without a food database the service still starts and
says why food routes cannot answer (without the server's paths); several workers serve one
API."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from tests.web.conftest import start_server, stop_server

pytestmark = pytest.mark.slow


def test_without_a_food_database_food_routes_say_so_and_the_rest_works(tmp_path: Path) -> None:
    server = start_server(tmp_path)
    try:
        with server.client() as api:
            assert api.get("/healthz").json() == {"status": "ok", "foods": False}
            search = api.get("/api/v1/foods", params={"q": "banana"})
            assert search.status_code == 503
            detail = search.json()["detail"]
            assert detail.startswith("the food database is not available on this server")
            assert str(tmp_path) not in detail  # the server's paths stay in its log
            answers = {"profile": {"age": 40, "sex": "male"}, "sleep": {"night_waking": True}}
            report = api.post("/api/v1/assessment", json={"answers": answers})
            assert report.status_code == 200, report.text
            with_log = api.post("/api/v1/assessment", json={"answers": answers, "log": "1 egg"})
            assert with_log.status_code == 503
        log = next(tmp_path.glob("server-*.log")).read_text("utf-8")
        assert "running without the food database" in log and str(tmp_path) in log
    finally:
        stop_server(server)


def test_several_workers_answer(installed_foods: Path) -> None:
    server = start_server(installed_foods, None, "--workers", "2")
    try:
        with server.client() as api:
            for _ in range(20):
                hits = api.get("/api/v1/foods", params={"q": "spinach", "limit": 1}).json()
                assert hits[0]["description"].startswith("Spinach")
    finally:
        stop_server(server)
    assert server.process.returncode == 0  # a clean shutdown on SIGTERM


def test_listening_beyond_loopback_warns(installed_foods: Path) -> None:
    server = start_server(installed_foods, None, "--host", "0.0.0.0")
    try:
        assert httpx.get(f"{server.url}/healthz").status_code == 200
    finally:
        stop_server(server)
    log = (installed_foods / f"server-{server.url.rsplit(':', 1)[1]}.log").read_text("utf-8")
    assert "Warning: listening on 0.0.0.0: anyone who can reach this address" in log


def test_the_demo_opens_a_sample_person_and_leaves_the_real_store_alone(
    installed_foods: Path, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "foods.sqlite").symlink_to(installed_foods / "foods.sqlite")
    server = start_server(data_dir, {"DATABASE_URL": "postgresql://nowhere/none"}, "--demo")
    try:
        with server.client() as browser:
            landing = browser.get("/")
            assert "Open the demo" in landing.text
            token = re.search(r'name="csrf" value="([^"]+)"', landing.text)
            assert token is not None
            opened = browser.post("/demo", data={"csrf": token[1]}, follow_redirects=True)
            assert opened.status_code == 200 and str(opened.url).endswith("/app/assessment")
            assert 'id="intake-chart"' in opened.text or "id='intake-chart'" in opened.text
            kept = browser.get("/api/v1/me/export").json()
            assert len(kept["food_log"]) >= 15 and len(kept["labs"]) == 2
    finally:
        stop_server(server)
    assert not (data_dir / "people.sqlite").exists()  # the demo's store was a temporary one
    log = next(data_dir.glob("server-*.log")).read_text("utf-8")
    assert "Demo: open http://127.0.0.1:" in log
