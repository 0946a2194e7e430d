"""The REST API through a real HTTP server on loopback (`sleepmin serve`, uvicorn), as a web
page or another program would call it: every route answers with the core's typed result, the
same as the CLI's --json, and every error is problem details with a one-line fix."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.cli_helpers import run_cli
from tests.web.conftest import Server, start_server, stop_server

pytestmark = pytest.mark.slow
PROBLEM = "application/problem+json"
ADULT = {"age": 34, "sex": "female"}


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["type"] == "about:blank"
    assert body["detail"] and "\n" not in body["detail"]
    assert "Traceback" not in response.text
    return body


def test_healthz_says_the_food_database_is_there(api: httpx.Client) -> None:
    assert api.get("/healthz").json() == {"status": "ok", "foods": True}


def test_every_response_carries_the_security_headers(api: httpx.Client) -> None:
    for response in (api.get("/"), api.get("/api/v1/foods/99999"), api.get("/static/app.css")):
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"


def test_food_search_and_details(api: httpx.Client) -> None:
    hits = api.get("/api/v1/foods", params={"q": "banana", "limit": 3}).json()
    assert len(hits) == 3 and hits[0]["description"] == "Bananas, raw"
    food = api.get(f"/api/v1/foods/{hits[0]['ndb_number']}").json()
    assert food["nutrients_per_100g"]["magnesium_mg"] == 27
    missing = problem(api.get("/api/v1/foods/99999"), 404)
    assert missing["detail"].startswith("no food with id '99999'")
    assert "sleepmin foods search" not in missing["detail"]  # the CLI's hint stays in the CLI
    assert problem(api.get("/api/v1/foods", params={"q": ""}), 422)["errors"][0]["field"] == (
        "query.q"
    )


def test_targets_and_a_profile_that_cannot_be(api: httpx.Client) -> None:
    targets = api.post("/api/v1/targets", json=ADULT).json()
    assert targets["life_stage"] == "females 31-50 y"
    refused = problem(
        api.post("/api/v1/targets", json={"age": 30, "sex": "male", "pregnant": True}), 422
    )
    assert refused["detail"] == "pregnancy and lactation DRIs are for females"


def test_the_diet_analysis_is_the_clis(api: httpx.Client, server: Server, tmp_path: Path) -> None:
    log = "2026-11-20\n2 bananas\n1 cup cooked spinach\n1 slice of bread @ 18069\n"
    body = {"profile": ADULT, "log": log, "supplements": ["magnesium glycinate 200 mg"]}
    from_api = api.post("/api/v1/diet/analysis", json=body)
    assert from_api.status_code == 200, from_api.text
    path = tmp_path / "log.txt"
    path.write_text(log, "utf-8")
    cli = run_cli(
        "diet",
        "analyze",
        str(path),
        "--age",
        "34",
        "--sex",
        "female",
        "--supplement",
        "magnesium glycinate 200 mg",
        "--no-save-pins",
        "--json",
        data_dir=server.data_dir,
    )
    assert cli.returncode == 0, cli.stderr
    expected = json.loads(cli.stdout)
    expected.pop("source", None)
    got = from_api.json()
    got.pop("source", None)
    assert got == expected


def test_the_plan_and_the_best_foods_are_the_clis(
    api: httpx.Client, server: Server, tmp_path: Path
) -> None:
    log = "2 slices white bread\n1 apple\n"
    body = {"profile": ADULT, "log": log, "kcal": 1900, "exclude": ["dairy", "nuts"]}
    from_api = api.post("/api/v1/plan", json=body)
    assert from_api.status_code == 200, from_api.text
    path = tmp_path / "log.txt"
    path.write_text(log, "utf-8")
    cli = run_cli(
        *("plan", "--age", "34", "--sex", "female", "--log", str(path), "--kcal", "1900"),
        *("--exclude", "dairy,nuts", "--json"),
        data_dir=server.data_dir,
    )
    assert cli.returncode == 0, cli.stderr
    assert from_api.json() == json.loads(cli.stdout)
    best = api.get("/api/v1/foods/best/zinc", params={"per": "100kcal", "exclude": ["shellfish"]})
    assert best.status_code == 200 and best.json()["per"] == "100kcal"
    assert problem(api.get("/api/v1/foods/best/selenium"), 422)
    assert (
        "use any of: dairy"
        in problem(api.post("/api/v1/plan", json={**body, "exclude": ["lactose"]}), 422)["detail"]
    )
    assert problem(api.post("/api/v1/plan", json={**body, "kcal": 1e9}), 422)


def test_a_csv_log_is_read_as_csv(api: httpx.Client) -> None:
    body = {
        "profile": ADULT,
        "format": "csv",
        "log": "date,food,amount,unit\n2026-11-20,banana,120,g\n",
    }
    analysis = api.post("/api/v1/diet/analysis", json=body).json()
    assert analysis["items"][0]["ndb_number"] == "09040" and analysis["items"][0]["grams"] == 120


def test_the_assessment_is_the_clis(api: httpx.Client, server: Server, tmp_path: Path) -> None:
    answers = {
        "profile": {"age": 45, "sex": "female"},
        "sleep": {"night_waking": True},
        "signs": ["fatigue", "leg_cramps"],
        "isi": [3, 2, 2, 3, 2, 2, 3],
    }
    labs = [{"test": "ferritin", "value": 12, "unit": "ng/mL", "date": "2026-11-01"}]
    from_api = api.post(
        "/api/v1/assessment", json={"answers": answers, "log": "1 cup cooked spinach", "labs": labs}
    )
    assert from_api.status_code == 200, from_api.text
    (tmp_path / "answers.json").write_text(json.dumps(answers), "utf-8")
    (tmp_path / "log.txt").write_text("1 cup cooked spinach\n", "utf-8")
    (tmp_path / "labs.csv").write_text("test,value,unit,date\nferritin,12,ng/mL,2026-11-01\n")
    cli = run_cli(
        "assess",
        str(tmp_path / "answers.json"),
        "--log",
        str(tmp_path / "log.txt"),
        "--labs",
        str(tmp_path / "labs.csv"),
        "--json",
        data_dir=server.data_dir,
    )
    assert cli.returncode == 0, cli.stderr
    got, expected = from_api.json(), json.loads(cli.stdout)
    for report in (got, expected):
        report.pop("generated", None)
        report["diet"].pop("source", None)
        for lab in report["labs"]:
            lab.pop("source", None)
    assert got == expected
    assert [m["mineral"] for m in got["minerals"]][:1] == ["iron"]


def test_self_harm_in_answers_that_cannot_be_read_still_gives_the_crisis_wording(
    api: httpx.Client,
) -> None:
    answers = {"mood": {"self_harm_thoughts": True}, "sleep": {"night_waking": "often"}}
    refused = problem(api.post("/api/v1/assessment", json={"answers": answers}), 422)
    assert refused["detail"].startswith("If you are having thoughts of harming yourself")
    fine = api.post("/api/v1/assessment", json={"answers": {"mood": {"self_harm_thoughts": True}}})
    first = fine.json()["safety"][0]
    assert first["severity"] == "red_flag" and "988" in first["message"]


def test_labs(api: httpx.Client) -> None:
    one = api.post(
        "/api/v1/labs/interpretation",
        json={"test": "ferritin", "value": 12, "unit": "ng/mL", "sex": "female", "age": 34},
    ).json()
    assert one["status"] == "low"
    converted = api.post(
        "/api/v1/labs/conversion",
        json={"test": "magnesium", "value": 0.75, "from_unit": "mmol/L", "to_unit": "mg/dL"},
    ).json()
    assert converted["value"] == pytest.approx(1.82, abs=0.01)
    csv = "test,value,unit,date\nferritin,12,ng/mL,2026-11-01\niron,40,ug/dL,\ntibc,400,ug/dL,\n"
    imported = api.post(
        "/api/v1/labs/import",
        content=csv,
        headers={"content-type": "text/csv"},
        params={"sex": "female", "age": 34},
    ).json()
    tests = [r["test"] for r in imported["results"]]
    assert "ferritin" in tests and "transferrin_saturation" in tests  # derived
    fhir = {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "2276-4"}]},
        "valueQuantity": {"value": 12, "unit": "ng/mL"},
    }
    from_fhir = api.post("/api/v1/labs/import", json=fhir, params={"sex": "female"}).json()
    assert [r["test"] for r in from_fhir["results"]] == ["ferritin"]
    nothing = problem(
        api.post("/api/v1/labs/import", content=b"hello", headers={"content-type": "text/csv"}),
        422,
    )
    assert "labs.csv" in nothing["detail"]


def test_isi_safety_and_knowledge(api: httpx.Client) -> None:
    isi = api.post("/api/v1/isi", json={"items": [3, 3, 3, 3, 3, 3, 3]}).json()
    assert isi["total"] == 21
    assert problem(api.post("/api/v1/isi", json={"items": [9]}), 422)
    safety = api.post(
        "/api/v1/safety",
        json={"profile": ADULT, "supplements": ["zinc 60 mg"], "conditions": []},
    ).json()
    assert any(f["severity"] == "red_flag" for f in safety["findings"]), safety["findings"]
    magnesium = api.get("/api/v1/minerals/magnesium").json()
    assert magnesium["mineral"] == "magnesium" and magnesium["references"]
    assert problem(api.get("/api/v1/minerals/gold"), 422)["detail"].startswith(
        "the mineral 'gold' is not one sleepmin covers"
    )
    assert api.get("/api/v1/article-claims").json()["claims"]


def test_careless_and_hostile_requests_get_problem_details(api: httpx.Client) -> None:
    unknown_key = problem(api.post("/api/v1/targets", json={**ADULT, "weight": 70}), 422)
    assert unknown_key["errors"][0]["field"] == "weight"
    not_json = problem(
        api.post(
            "/api/v1/targets", content=b"{age: 3", headers={"content-type": "application/json"}
        ),
        422,
    )
    assert not_json["errors"]
    assert problem(api.get("/api/v1/nowhere"), 404)["detail"] == "Not Found"
    assert problem(api.delete("/api/v1/targets"), 405)
    big = "2 bananas\n" * 250_000  # 2.5 MB: past the 2 MB limit
    too_big = problem(api.post("/api/v1/diet/analysis", json={"profile": ADULT, "log": big}), 413)
    assert "larger than 2,000,000 bytes" in too_big["detail"]

    def chunks() -> Any:  # no Content-Length: cut off while streaming
        for _ in range(300):
            yield b"x" * 10_000

    streamed = api.post(
        "/api/v1/labs/import", content=chunks(), headers={"content-type": "text/csv"}
    )
    problem(streamed, 413)
    assert api.get("/healthz").status_code == 200  # and the server is still up


def test_openapi_describes_every_route_and_resolves_every_reference(api: httpx.Client) -> None:
    schema = api.get("/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/api/v1/foods",
        "/api/v1/foods/{food_id}",
        "/api/v1/targets",
        "/api/v1/diet/analysis",
        "/api/v1/labs/interpretation",
        "/api/v1/labs/conversion",
        "/api/v1/labs/import",
        "/api/v1/isi",
        "/api/v1/safety",
        "/api/v1/assessment",
        "/api/v1/minerals/{mineral}",
        "/api/v1/article-claims",
        "/healthz",
    } <= paths
    text = json.dumps(schema)
    components = schema["components"]["schemas"]
    for ref in {part.split('"')[0] for part in text.split('"$ref": "')[1:]}:
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.removeprefix("#/components/schemas/") in components, ref
    assert "Answers" in components and "self_harm_thoughts" in json.dumps(components["MoodAnswers"])


def test_the_population_evidence_and_block_are_the_clis(
    installed_foods: Path, shared_nhanes: Path, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(installed_foods / "foods.sqlite", data_dir / "foods.sqlite")
    running = start_server(data_dir)
    try:
        with running.client() as api:
            missing = problem(api.get("/api/v1/evidence/magnesium"), 503)
            assert "not installed" in missing["detail"]
            built = run_cli(
                "data", "build-population", "--source", str(shared_nhanes), data_dir=data_dir
            )
            assert built.returncode == 0, built.stderr
            from_api = api.get("/api/v1/evidence/magnesium")
            assert from_api.status_code == 200, from_api.text
            cli = run_cli("evidence", "magnesium", "--json", data_dir=data_dir)
            assert from_api.json() == json.loads(cli.stdout)
            assert problem(api.get("/api/v1/evidence/selenium"), 422)
            body = {"profile": ADULT, "log": "2 cups cooked spinach\n1 cup milk\n"}
            analysis = api.post("/api/v1/diet/analysis", json=body)
            assert analysis.status_code == 200, analysis.text
            population = analysis.json()["population"]
            assert population["available"] and population["group"] == "female 31-50 y"
    finally:
        stop_server(running)
