"""Accounts, sessions and sharing through the real server, on SQLite and on PostgreSQL: each
person sees only their own data; a clinician sees only the people who shared with them,
read-only, until the moment it is revoked; sign-in is limited; deleting an account leaves no
row that names the person."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import sqlalchemy

from tests.web.conftest import Server

pytestmark = pytest.mark.slow
PASSWORD = "correct horse battery staple"
_numbers = itertools.count()
_open: list[httpx.Client] = []


@pytest.fixture(autouse=True)
def _close_clients() -> Iterator[None]:
    yield
    while _open:
        _open.pop().close()


def client(server: Server, **options: Any) -> httpx.Client:
    made = httpx.Client(base_url=server.url, **options)
    _open.append(made)
    return made


class Browser:
    """One person's browser: its own cookies, and the CSRF token its sign-in gave."""

    def __init__(self, server: Server) -> None:
        self.http = server.client()
        self.csrf = ""
        _open.append(self.http)

    def sign_up(self, email: str, role: str = "person") -> dict[str, Any]:
        response = self.http.post(
            "/api/v1/account", json={"email": email, "password": PASSWORD, "role": role}
        )
        assert response.status_code == 201, response.text
        self.csrf = response.json()["csrf_token"]
        return dict(response.json())

    def send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        headers = {"x-csrf-token": self.csrf, **kwargs.pop("headers", {})}
        return self.http.request(method, url, headers=headers, **kwargs)


def email(name: str) -> str:
    return f"{name}{next(_numbers)}@example.org"


def person(server: Server, name: str) -> tuple[Browser, str]:
    browser, address = Browser(server), email(name)
    browser.sign_up(address)
    made = browser.send("PUT", "/api/v1/me/profile", json={"age": 41, "sex": "female"})
    assert made.status_code == 200, made.text
    return browser, address


def test_sign_up_profile_log_and_assessment(people_server: Server) -> None:
    alex, address = person(people_server, "alex")
    logged = alex.send("POST", "/api/v1/me/log", json={"text": "2 bananas\n1 cup cooked spinach"})
    assert logged.status_code == 201
    assert logged.json()["lines"][0]["description"] == "Bananas, raw"
    assert alex.send("POST", "/api/v1/me/supplements", json={"text": "magnesium 200 mg"}).is_success
    csv = "test,value,unit,date\nferritin,12,ng/mL,2026-11-01\n"
    labs = alex.send("POST", "/api/v1/me/labs", content=csv, headers={"content-type": "text/csv"})
    assert labs.status_code == 200, labs.text
    answers = {"sleep": {"night_waking": True}, "signs": ["fatigue"]}
    report = alex.send("POST", "/api/v1/me/assessment", json={"answers": answers})
    assert report.status_code == 200, report.text
    assert report.json()["labs"][0]["test"] == "ferritin"
    assert report.json()["diet"]["items"][0]["ndb_number"] == "09040"
    again = alex.send("POST", "/api/v1/me/assessment", json={})  # the kept answers, reused
    assert again.json()["minerals"] == report.json()["minerals"]
    kept = alex.http.get("/api/v1/me/export").json()
    assert kept["name"] == address and len(kept["assessments"]) == 2
    assert [x["text"] for x in kept["supplements"]] == ["magnesium 200 mg"]
    assert len(kept["food_log"]) == 2
    diet = alex.http.get("/api/v1/me/diet", params={"days": 1}).json()
    assert diet["item_counts"]["matched"] == 2


def test_sessions_csrf_sign_out_and_rotation(people_server: Server) -> None:
    sam = Browser(people_server)
    address = email("sam")
    sam.sign_up(address)
    assert sam.http.get("/api/v1/account").json()["email"] == address
    no_token = sam.http.put("/api/v1/me/profile", json={"age": 30, "sex": "male"})
    assert no_token.status_code == 403 and "CSRF" in no_token.json()["detail"]
    wrong = sam.send(
        "PUT",
        "/api/v1/me/profile",
        json={"age": 30, "sex": "male"},
        headers={"x-csrf-token": "x" * 43},
    )
    assert wrong.status_code == 403
    first_cookie = sam.http.cookies["sleepmin_session"]
    again = sam.http.post("/api/v1/account/session", json={"email": address, "password": PASSWORD})
    assert again.status_code == 200
    assert sam.http.cookies["sleepmin_session"] != first_cookie  # a new session on sign-in
    stale = client(people_server, cookies={"sleepmin_session": first_cookie})
    assert stale.get("/api/v1/account").status_code == 401  # the old one ended
    sam.csrf = again.json()["csrf_token"]
    cookie = sam.http.cookies["sleepmin_session"]
    assert sam.send("DELETE", "/api/v1/account/session").status_code == 204
    replay = client(people_server, cookies={"sleepmin_session": cookie})
    assert replay.get("/api/v1/account").status_code == 401  # sign-out ends it in the store
    wrong_password = sam.http.post(
        "/api/v1/account/session", json={"email": address, "password": "not the password"}
    )
    unknown = sam.http.post(
        "/api/v1/account/session", json={"email": "nobody@example.org", "password": PASSWORD}
    )
    assert wrong_password.status_code == unknown.status_code == 401
    assert wrong_password.json()["detail"] == unknown.json()["detail"]  # who has an account
    assert "set-cookie" in again.headers and "HttpOnly" in again.headers["set-cookie"]
    assert "SameSite=lax" in again.headers["set-cookie"]


def test_sign_up_rules(people_server: Server) -> None:
    browser = Browser(people_server)
    short = browser.http.post(
        "/api/v1/account", json={"email": email("short"), "password": "short"}
    )
    assert short.status_code == 422 and "10 to 1000 characters" in short.json()["detail"]
    bad = browser.http.post("/api/v1/account", json={"email": "not an email", "password": PASSWORD})
    assert bad.status_code == 422 and "e-mail" in bad.json()["detail"]
    address = email("twice")
    browser.sign_up(address)
    twice = Browser(people_server).http.post(
        "/api/v1/account", json={"email": address.upper(), "password": PASSWORD}
    )
    assert twice.status_code == 409


def test_sign_in_is_limited(people_server: Server) -> None:
    browser = Browser(people_server)
    address = email("limited")
    browser.sign_up(address)
    statuses = [
        browser.http.post(
            "/api/v1/account/session", json={"email": address, "password": "wrong guess 1"}
        )
        for _ in range(11)
    ]
    assert [r.status_code for r in statuses[:10]] == [401] * 10
    assert statuses[10].status_code == 429
    assert int(statuses[10].headers["retry-after"]) > 0
    # the right password is refused too while the limit holds: guessing cannot go on
    right = browser.http.post(
        "/api/v1/account/session", json={"email": address, "password": PASSWORD}
    )
    assert right.status_code == 429


def test_nobody_reads_or_changes_anothers_data(people_server: Server) -> None:
    alex, _ = person(people_server, "alex")
    bo, _ = person(people_server, "bo")
    apple = alex.send("POST", "/api/v1/me/log", json={"text": "1 apple"}).json()["lines"][0]
    invitation = alex.send("POST", "/api/v1/me/shares").json()
    # alex's food-log line, by its id, through every route that takes one
    line = f"/api/v1/me/log/{apple['id']}"
    assert bo.send("PUT", line, json={"text": "9 apples"}).status_code == 404
    assert bo.send("DELETE", line).status_code == 404
    # bo's session reads bo's data only, whatever ids it tries
    assert bo.http.get("/api/v1/me/log").json()["lines"] == []
    assert bo.send("DELETE", f"/api/v1/me/shares/{invitation['share_id']}").status_code == 404
    for share_id in (invitation["share_id"], 999999):
        for tail in ("", "/diet", "/report.html", "/report.pdf", "/intake.csv", "/fhir.json"):
            url = f"/api/v1/clinician/people/{share_id}{tail}"
            assert bo.http.get(url).status_code == 404, url
    assert bo.http.get("/api/v1/clinician/people/0").status_code == 422  # not an id at all
    # a person cannot take up an invitation as a clinician
    assert (
        bo.send("POST", "/api/v1/clinician/shares", json={"code": invitation["code"]}).status_code
        == 403
    )
    # no session at all: nothing
    anonymous = client(people_server)
    for url in ("/api/v1/me/log", "/api/v1/me/export", "/api/v1/account", "/api/v1/me/diet"):
        assert anonymous.get(url).status_code == 401
    assert alex.send("GET", "/api/v1/me/log").json()["lines"][0]["line"] == "1 apple"
    # and alex can change and remove it
    changed = alex.send("PUT", line, json={"text": "2 apples"})
    assert changed.status_code == 200 and changed.json()["lines"][0]["grams"] > 200
    assert changed.json()["lines"][0]["id"] == apple["id"]  # the same line, written again
    assert alex.send("DELETE", line).status_code == 204
    assert alex.send("DELETE", line).status_code == 404  # gone
    assert alex.http.get("/api/v1/me/log").json()["lines"] == []


def test_a_clinician_reads_what_was_shared_until_it_is_revoked(people_server: Server) -> None:
    alex, address = person(people_server, "alex")
    alex.send("POST", "/api/v1/me/log", json={"text": "1 cup cooked spinach"})
    other, _ = person(people_server, "other")
    other.send("POST", "/api/v1/me/log", json={"text": "1 apple"})
    other_share = other.send("POST", "/api/v1/me/shares").json()  # never given to this clinician
    doctor = Browser(people_server)
    doctor.sign_up(email("doctor"), role="clinician")
    assert doctor.http.get("/api/v1/clinician/people").json() == []
    invitation = alex.send("POST", "/api/v1/me/shares").json()
    taken = doctor.send("POST", "/api/v1/clinician/shares", json={"code": invitation["code"]})
    assert taken.status_code == 201 and taken.json()["person"] == address
    reused = Browser(people_server)
    reused.sign_up(email("second-doctor"), role="clinician")
    assert (
        reused.send(
            "POST", "/api/v1/clinician/shares", json={"code": invitation["code"]}
        ).status_code
        == 404
    )  # a code is taken up once
    people = doctor.http.get("/api/v1/clinician/people").json()
    assert [p["person"] for p in people] == [address]
    share_id = people[0]["share_id"]
    seen = doctor.http.get(f"/api/v1/clinician/people/{share_id}").json()
    assert seen["food_log"][0]["line"] == "1 cup cooked spinach"
    assert doctor.http.get(f"/api/v1/clinician/people/{share_id}/diet").status_code == 200
    assert doctor.http.get(f"/api/v1/clinician/people/{other_share['share_id']}").status_code == 404
    # read-only: a clinician has no data of its own to change, and cannot change the person's
    assert doctor.send("POST", "/api/v1/me/log", json={"text": "1 egg"}).status_code == 403
    assert (
        doctor.send("PUT", "/api/v1/me/profile", json={"age": 30, "sex": "male"}).status_code == 403
    )
    # revoked: refused at once
    assert alex.send("DELETE", f"/api/v1/me/shares/{share_id}").status_code == 204
    assert doctor.http.get(f"/api/v1/clinician/people/{share_id}").status_code == 404
    assert doctor.http.get("/api/v1/clinician/people").json() == []


def test_deleting_an_account_removes_every_row_that_names_the_person(
    people_server: Server, request: pytest.FixtureRequest
) -> None:
    alex, address = person(people_server, "gone")
    alex.send("POST", "/api/v1/me/log", json={"text": "2 bananas"})
    alex.send("POST", "/api/v1/me/supplements", json={"text": "zinc 10 mg"})
    alex.send("POST", "/api/v1/me/assessment", json={"answers": {"sleep": {"night_waking": True}}})
    invitation = alex.send("POST", "/api/v1/me/shares").json()
    doctor = Browser(people_server)
    doctor.sign_up(email("doc"), role="clinician")
    doctor.send("POST", "/api/v1/clinician/shares", json={"code": invitation["code"]})
    exported = alex.http.get("/api/v1/me/export").json()
    removed = alex.send("DELETE", "/api/v1/account")
    assert removed.status_code == 200, removed.text
    assert removed.json()["removed"]["log_entries"] == 1
    assert alex.http.get("/api/v1/account").status_code == 401
    assert doctor.http.get("/api/v1/clinician/people").json() == []
    # no row anywhere in the store names the person
    url = _store_url(people_server)
    engine = sqlalchemy.create_engine(url)
    with engine.connect() as conn:
        for table in sqlalchemy.inspect(engine).get_table_names():
            for row in conn.execute(sqlalchemy.text(f'SELECT * FROM "{table}"')):
                text = " ".join(str(v) for v in row)
                assert address not in text, (table, text)
    engine.dispose()
    assert exported["name"] == address
    del request


def _store_url(server: Server) -> str:
    env_url = server.env.get("DATABASE_URL")
    if env_url:
        return env_url.replace("postgresql://", "postgresql+psycopg://")
    return f"sqlite:///{server.data_dir / 'people.sqlite'}"


def test_sign_ups_from_one_address_are_limited(server: Server) -> None:
    browser = Browser(server)  # the default limit: 10 sign-ups per address per 15 minutes
    codes = [
        browser.http.post(
            "/api/v1/account", json={"email": email("many"), "password": PASSWORD}
        ).status_code
        for _ in range(11)
    ]
    assert codes == [201] * 10 + [429]


def test_the_clinician_bundle_report_pdf_intake_csv_and_fhir(people_server: Server) -> None:
    from fhir.resources.bundle import Bundle

    alex, _ = person(people_server, "bundle")
    alex.send("POST", "/api/v1/me/log", json={"text": "1 cup cooked spinach\n2 bananas"})
    csv = "test,value,unit,date\nferritin,12,ng/mL,2026-11-01\nmagnesium,0.7,mmol/L,\n"
    alex.send("POST", "/api/v1/me/labs", content=csv, headers={"content-type": "text/csv"})
    answers = {"sleep": {"night_waking": True}, "isi": [2, 2, 2, 2, 2, 2, 2], "signs": ["fatigue"]}
    alex.send("POST", "/api/v1/me/assessment", json={"answers": answers})
    invitation = alex.send("POST", "/api/v1/me/shares").json()
    doctor = Browser(people_server)
    doctor.sign_up(email("bundle-doctor"), role="clinician")
    share = doctor.send("POST", "/api/v1/clinician/shares", json={"code": invitation["code"]})
    base = f"/api/v1/clinician/people/{share.json()['share_id']}"

    fhir = doctor.http.get(f"{base}/fhir.json")
    assert fhir.headers["content-type"].startswith("application/fhir+json")
    bundle = Bundle.model_validate(fhir.json())  # valid FHIR R4
    kinds = [e.resource.get_resource_type() for e in bundle.entry or [] if e.resource]
    assert kinds == ["Observation", "Observation", "QuestionnaireResponse"]
    ferritin = fhir.json()["entry"][0]["resource"]
    assert {"system": "http://loinc.org", "code": "2276-4"}.items() <= ferritin["code"]["coding"][
        0
    ].items()
    assert ferritin["valueQuantity"] == {"value": 12, "unit": "ng/mL"}
    assert "bundle" not in fhir.text  # no e-mail or name in the bundle

    intake = doctor.http.get(f"{base}/intake.csv")
    lines = intake.text.splitlines()
    assert lines[0] == "date,mineral,food_mg,supplements_mg,total_mg,target_type,target_mg,ul_mg"
    assert len(lines) == 1 + 6 + 6  # one day and the mean, six minerals each

    pdf = doctor.http.get(f"{base}/report.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    html = doctor.http.get(f"{base}/report.html")
    assert "intake-chart" in html.text

    mine = alex.http.get("/api/v1/me/bundle/fhir.json")
    assert mine.json()["entry"][0]["resource"]["code"] == ferritin["code"]
    assert alex.http.get("/api/v1/me/bundle/elsewhere.txt").status_code == 422
    alex.send("DELETE", f"/api/v1/me/shares/{share.json()['share_id']}")
    for kind in ("fhir.json", "intake.csv", "report.pdf", "report.html"):
        assert doctor.http.get(f"{base}/{kind}").status_code == 404


def test_a_plan_is_made_from_what_is_kept_and_kept(people_server: Server) -> None:
    alex, _ = person(people_server, "planner")
    bo, _ = person(people_server, "other-planner")
    assert alex.http.get("/api/v1/me/plan").status_code == 404  # none yet
    logged = alex.send("POST", "/api/v1/me/log", json={"text": "2 cups cooked white rice"})
    assert logged.status_code == 201
    made = alex.send("POST", "/api/v1/me/plan", json={"kcal": 2000, "exclude": ["fish"]})
    assert made.status_code == 201, made.text
    plan = made.json()
    assert any(f["source"] == "log" and "Rice" in f["description"] for f in plan["foods"])
    assert alex.http.get("/api/v1/me/plan").json() == plan
    assert bo.http.get("/api/v1/me/plan").status_code == 404  # another person's is not seen
    exported = alex.http.get("/api/v1/me/export").json()
    assert exported["plans"][0]["options"]["exclude"] == ["fish"]
    no_csrf = alex.http.post("/api/v1/me/plan", json={})
    assert no_csrf.status_code == 403
    # a swap for one of the food's alternatives: made again, kept as the newest plan
    added = next(f for f in plan["foods"] if f["source"] == "plan")
    instead = added["alternatives"][0]["food_id"]
    body = {"food_id": added["food_id"], "instead": instead}
    swapped = alex.send("POST", "/api/v1/me/plan/swap", json=body)
    assert swapped.status_code == 201, swapped.text
    ids = {f["food_id"] for f in swapped.json()["foods"]}
    assert instead in ids and added["food_id"] not in ids
    assert alex.http.get("/api/v1/me/plan").json() == swapped.json()
    options = alex.http.get("/api/v1/me/export").json()["plans"][-1]["options"]
    assert options["avoid"] == [added["food_id"]] and options["include"] == [instead]
    not_added = alex.send("POST", "/api/v1/me/plan/swap", json={"food_id": "99999"})
    assert not_added.status_code == 422 and "not one the plan added" in not_added.text
    assert bo.send("POST", "/api/v1/me/plan/swap", json=body).status_code == 404


def test_the_sleep_diary_through_the_api(people_server: Server) -> None:
    alex, _ = person(people_server, "sleeper")
    bo, _ = person(people_server, "other-sleeper")
    night = {
        "date": "2026-03-28",
        "bed_time": "23:00",
        "try_time": "23:30",
        "sol_min": 20,
        "awakenings": 2,
        "waso_min": 40,
        "final_wake": "06:30",
        "out_of_bed": "07:00",
        "quality": 3,
        "caffeine": 2,
        "medication": "magnesium glycinate 200 mg at 21:00",
        "time_zone": "Europe/Berlin",
    }
    added = alex.send("POST", "/api/v1/me/diary", json=night)
    assert added.status_code == 201, added.text
    kept = added.json()["nights"][0]
    assert (kept["caffeine"], kept["medication"]) == (2, "magnesium glycinate 200 mg at 21:00")
    negative = alex.send("POST", "/api/v1/me/diary", json={**night, "alcohol": -1})
    assert negative.status_code == 422
    assert added.json()["nights"][0]["tib_min"] == 420  # the clocks went forward that night
    impossible = alex.send("POST", "/api/v1/me/diary", json={**night, "sol_min": 600})
    assert impossible.status_code == 422 and "sol_min" in impossible.json()["detail"]
    csv = (
        "date,bed_time,try_time,sol_min,awakenings,waso_min,final_wake,out_of_bed\n"
        "2026-03-28,22:30,23:00,10,1,10,06:30,07:00\n"
        "2026-03-29,23:00,22:00,10,1,10,06:30,07:00\n"
    )
    for _ in range(2):
        imported = alex.send(
            "POST",
            "/api/v1/me/diary/import",
            content=csv,
            params={"tz": "Europe/Berlin"},
            headers={"content-type": "text/csv"},
        )
        assert imported.status_code == 200, imported.text
    assert imported.json()["added"] == 0 and imported.json()["replaced"] == 1
    assert imported.json()["refused"][0]["errors"][0]["field"] == "try_time"
    shown = alex.http.get("/api/v1/me/diary", params={"weeks": 520}).json()
    assert [n["date"] for n in shown["nights"]] == ["2026-03-28"]
    assert bo.http.get("/api/v1/me/diary", params={"weeks": 520}).json()["nights"] == []
    stateless = alex.http.post(
        "/api/v1/diary/metrics",
        content=csv,
        params={"tz": "America/New_York"},
        headers={"content-type": "text/csv"},
    ).json()
    assert [n["valid"] for n in stateless["nights"]] == [True, False]
    assert stateless["summary"]["time_zone"] == "America/New_York"
    compared = alex.http.get(
        "/api/v1/me/diary/compare", params={"from": "2026-03-20", "metric": "sol_min"}
    ).json()
    assert compared["enough_nights"] is False and compared["after"]["nights"] == 1
    assert any("placebo" in c for c in compared["caveats"])
    assert (
        alex.http.get(
            "/api/v1/me/diary/compare", params={"from": "2026-03-20", "metric": "mood"}
        ).status_code
        == 422
    )


def test_what_the_security_review_found_stays_fixed(people_server: Server) -> None:
    alex, _ = person(people_server, "reviewed")
    # a lab upload of many rows is refused, not built into a gigabyte of JSON
    many = "test,value,unit\n" + "ferritin,20,ng/mL\n" * 600
    big = alex.send("POST", "/api/v1/me/labs", content=many, headers={"content-type": "text/csv"})
    assert big.status_code == 422 and "more than 500" in big.json()["detail"]
    # an id beyond any integer is not found, not a crash
    for method in ("PUT", "DELETE"):
        huge = alex.send(method, "/api/v1/me/log/99999999999999999999999", json={"text": "x"})
        assert huge.status_code in (404, 422), huge.text
    # a revoked share's id is never given to the next share
    first = alex.send("POST", "/api/v1/me/shares").json()
    assert alex.send("DELETE", f"/api/v1/me/shares/{first['share_id']}").status_code == 204
    second = alex.send("POST", "/api/v1/me/shares").json()
    assert second["share_id"] != first["share_id"]
    # the person sees who took a code up
    doctor = Browser(people_server)
    doctor_email = email("seen-doctor")
    doctor.sign_up(doctor_email, role="clinician")
    doctor.send("POST", "/api/v1/clinician/shares", json={"code": second["code"]})
    shares = alex.http.get("/api/v1/me/shares").json()
    assert [(s["clinician"], s["accepted"]) for s in shares] == [(doctor_email, True)]
    # codes waiting to be taken up are capped
    made = [alex.send("POST", "/api/v1/me/shares").status_code for _ in range(11)]
    assert made == [201] * 10 + [403]
    # guessing codes is limited per clinician account
    guesses = [
        doctor.send("POST", "/api/v1/clinician/shares", json={"code": f"AAAA-BBBB-{i:04d}"})
        for i in range(21)
    ]
    assert guesses[-1].status_code == 429 and all(g.status_code == 404 for g in guesses[:19])
    # a client cannot choose the address its limits are counted on
    spoofed = doctor.http.get("/api/v1/account", headers={"x-forwarded-for": "203.0.113.9"})
    assert spoofed.status_code == 200  # the header is ignored, not an error
