"""The web app: server-rendered pages (Jinja2, autoescaped) with one small script, the food
type-ahead; every form works without it. Each page calls the same use cases as the API; forms
carry the session's CSRF token (before sign-in, a token in a cookie of its own, the
double-submit pattern). Red flags and the crisis wording come first on every page where they
apply."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from sleepmin import usecases
from sleepmin.errors import InvalidAnswers, NotFound, NotSignedIn, SleepminError
from sleepmin.intake.targets import Diet, Profile, Sex
from sleepmin.screen.crisis import CRISIS_TEXT
from sleepmin.screen.instruments import ISI_PROMPTS, RLS_CRITERIA
from sleepmin.screen.questions import (
    PHQ2_ITEMS,
    PHQ2_SCALE,
    SELF_HARM_QUESTION,
    SLEEP_QUESTIONS,
    STOP_BANG_QUESTIONS,
)
from sleepmin.usecases import accounts
from sleepmin.vocabulary import CONDITIONS, MEDICATIONS, RISK_FACTORS, SIGNS
from sleepmin.web.auth import COOKIE, Service, now, set_session_cookie
from sleepmin.web.people import check_attempts

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
FORM_COOKIE = "sleepmin_form"
STEPS = 7


class _Redirect(Exception):
    def __init__(self, to: str) -> None:
        self.to = to


def _session(request: Request, service: Service) -> accounts.Session | None:
    try:
        return accounts.signed_in(service.store, request.cookies.get(COOKIE), now=now())
    except NotSignedIn:
        return None


def _required(request: Request, service: Service) -> accounts.Session:
    signed = _session(request, service)
    if signed is None:
        raise _Redirect("/signin?next=" + quote(request.url.path))
    return signed


async def _form(request: Request, signed: accounts.Session | None) -> dict[str, Any]:
    """The posted form, once its CSRF token is checked (the session's, or the form cookie's)."""
    form = await request.form()
    sent = str(form.get("csrf", ""))
    expected = signed.csrf_token if signed else request.cookies.get(FORM_COOKIE, "")
    if not expected or not secrets.compare_digest(sent.encode(), expected.encode()):
        raise SleepminError("this form has expired; reload the page and send it again")
    return {k: form.getlist(k) if len(form.getlist(k)) > 1 else form.get(k) for k in form}


def _flags(service: Service, signed: accounts.Session | None) -> list[dict[str, str]]:
    """What must come first: the crisis wording when the person's answers report thoughts of
    self-harm, and the red flags of their newest assessment."""
    if signed is None or signed.role != "person" or signed.person is None:
        return []
    flags: list[dict[str, str]] = []
    answers = usecases.kept_answers(service.store, signed.person) or {}
    if (answers.get("mood") or {}).get("self_harm_thoughts"):
        flags.append({"title": "Get help now", "text": CRISIS_TEXT})
    report = usecases.latest_assessment(service.store, signed.person)
    if report is not None:
        data = report.to_json()
        urgent = [s["text"] for s in data.get("next_steps", []) if s.get("kind") == "urgent"]
        red = [
            f["message"]
            for f in data.get("safety", [])
            if f.get("severity") == "red_flag" and f["message"] != CRISIS_TEXT
        ]
        for title, texts in (("Act today", urgent), ("See a clinician first", red)):
            for text in texts:
                if not any(f["text"] == text for f in flags):
                    flags.append({"title": title, "text": text})
    return flags


def _page(
    request: Request,
    service: Service,
    name: str,
    signed: accounts.Session | None,
    status: int = 200,
    **context: Any,
) -> Response:
    form_token = request.cookies.get(FORM_COOKIE) or secrets.token_urlsafe(24)
    response = templates.TemplateResponse(
        request,
        name,
        {
            "signed": signed,
            "csrf": signed.csrf_token if signed else "",
            "form_token": form_token,
            "flags": _flags(service, signed),
            "title": context.pop("title", "sleepmin"),
            **context,
        },
        status_code=status,
    )
    if FORM_COOKIE not in request.cookies:
        response.set_cookie(
            FORM_COOKIE,
            form_token,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
    return response


def _go(to: str) -> RedirectResponse:
    return RedirectResponse(to, status_code=303)


# -- signing up and in ---------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def landing(request: Request, service: Service) -> Response:
    signed = _session(request, service)
    if signed is not None:
        return _go("/clinician" if signed.role == "clinician" else "/app")
    return _page(
        request,
        service,
        "landing.html",
        None,
        title="Could minerals be part of it?",
        demo=service.config.demo,
    )


@router.post("/demo")
async def open_demo(request: Request, service: Service) -> Response:
    """`serve --demo`: signs in as the sample person and shows their assessment."""
    if not service.config.demo:
        raise _Redirect("/")
    await _form(request, None)
    token, _ = accounts.sign_in(
        service.store, usecases.DEMO_EMAIL, usecases.DEMO_PASSWORD, now=now()
    )
    response = _go("/app/assessment")
    set_session_cookie(response, request, token)
    return response


@router.get("/signup", response_class=HTMLResponse)
def signup_page(request: Request, service: Service) -> Response:
    return _page(
        request, service, "signin.html", None, title="Sign up", action="/signup", signup=True
    )


@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request, service: Service) -> Response:
    return _page(request, service, "signin.html", None, title="Sign in", action="/signin")


@router.post("/signup")
async def signup(request: Request, service: Service) -> Response:
    form = await _form(request, None)
    email, password = str(form.get("email", "")), str(form.get("password", ""))
    role: accounts.Role = "clinician" if form.get("role") == "clinician" else "person"
    try:
        check_attempts(service, request, "sign-up", email)
        accounts.sign_up(service.store, email, password, role, now=now())
        token, _ = accounts.sign_in(service.store, email, password, now=now())
    except SleepminError as exc:
        return _page(
            request,
            service,
            "signin.html",
            None,
            status=exc.status,
            title="Sign up",
            action="/signup",
            signup=True,
            error=str(exc),
            email=email,
        )
    response = _go("/clinician" if role == "clinician" else "/app/profile")
    set_session_cookie(response, request, token)
    return response


@router.post("/signin")
async def signin(request: Request, service: Service) -> Response:
    form = await _form(request, None)
    email, password = str(form.get("email", "")), str(form.get("password", ""))
    try:
        check_attempts(service, request, "sign-in", email)
        token, signed = accounts.sign_in(
            service.store, email, password, now=now(), ending=request.cookies.get(COOKIE)
        )
    except SleepminError as exc:
        return _page(
            request,
            service,
            "signin.html",
            None,
            status=exc.status,
            title="Sign in",
            action="/signin",
            error=str(exc),
            email=email,
        )
    target = str(request.query_params.get("next", ""))
    safe = target if target.startswith("/app") or target.startswith("/clinician") else ""
    response = _go(safe or ("/clinician" if signed.account.role == "clinician" else "/app"))
    set_session_cookie(response, request, token)
    return response


@router.post("/signout")
async def signout(request: Request, service: Service) -> Response:
    signed = _required(request, service)
    await _form(request, signed)
    accounts.sign_out(service.store, request.cookies.get(COOKIE))
    response = _go("/")
    response.delete_cookie(COOKIE, path="/")
    return response


# -- a person's steps ----------------------------------------------------------------------------


def _person(request: Request, service: Service) -> accounts.Session:
    signed = _required(request, service)
    if signed.role == "clinician":
        raise _Redirect("/clinician")
    if signed.person is None and request.url.path != "/app/profile":
        raise _Redirect("/app/profile")
    return signed


@router.get("/app", response_class=HTMLResponse)
def home(request: Request, service: Service) -> Response:
    signed = _person(request, service)
    person = usecases.show_person(service.store, signed.own_person()).to_json()
    answered = usecases.kept_answers(service.store, signed.own_person()) is not None
    return _page(
        request, service, "home.html", signed, title="Your steps", person=person, answered=answered
    )


@router.get("/app/profile", response_class=HTMLResponse)
def profile_page(request: Request, service: Service) -> Response:
    signed = _person(request, service)
    profile = None
    if signed.person is not None:
        profile = usecases.show_person(service.store, signed.person).to_json()["profile"]
    return _page(request, service, "profile.html", signed, title="About you", profile=profile)


@router.post("/app/profile")
async def save_profile(request: Request, service: Service) -> Response:
    signed = _person(request, service)
    form = await _form(request, signed)
    try:
        age = float(str(form.get("age", "")))
        profile = Profile(
            age,
            Sex(str(form.get("sex", ""))),
            pregnant=bool(form.get("pregnant")),
            lactating=bool(form.get("lactating")),
            diet=Diet(str(form.get("diet", "omnivore"))),
            heavy_menstrual_bleeding=bool(form.get("heavy_periods")),
        )
        accounts.set_profile(service.store, signed, profile)
    except (ValueError, SleepminError) as exc:
        message = (
            str(exc) if isinstance(exc, SleepminError) else "give your age in years and your sex"
        )
        return _page(
            request,
            service,
            "profile.html",
            signed,
            status=422,
            title="About you",
            error=message,
            profile=None,
        )
    return _go("/app/questions/1" if signed.person is None else "/app")


# -- the questionnaire ----------------------------------------------------------------------------


def _listed(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _step_view(step: int, answers: dict[str, Any]) -> dict[str, Any]:
    """What step N asks, filled with the answers kept so far."""

    def yes_no(section: str, questions: Any) -> list[dict[str, Any]]:
        kept = answers.get(section) or {}
        return [{"key": k, "text": t, "checked": bool(kept.get(k))} for k, t in questions]

    mood = answers.get("mood") or {}
    view: dict[str, Any] = {"yes_no": [], "scales": [], "groups": [], "notes": None, "intro": ""}
    if step == 1:
        view |= {
            "heading": "Your sleep",
            "intro": "Tick what is true for you.",
            "yes_no": yes_no("sleep", SLEEP_QUESTIONS),
        }
    elif step == 2:
        view |= {
            "heading": "Your legs at night",
            "intro": "Think of the last few months. Tick what is true for you.",
            "yes_no": yes_no("rls", [(k, t[0].upper() + t[1:]) for k, t in RLS_CRITERIA]),
        }
    elif step == 3:
        isi = answers.get("isi") or [None] * 7
        view |= {
            "heading": "How much your sleep troubles you",
            "intro": "For the last two weeks, 0 = none, 4 = very much.",
            "scales": [
                {
                    "key": f"isi{i}",
                    "text": text,
                    "value": isi[i],
                    "options": [(v, str(v)) for v in range(5)],
                }
                for i, text in enumerate(ISI_PROMPTS)
            ],
        }
    elif step == 4:
        view |= {
            "heading": "Signs and risk factors",
            "groups": [
                {
                    "name": "signs",
                    "title": "Signs you notice",
                    "options": list(SIGNS.items()),
                    "chosen": answers.get("signs", []),
                },
                {
                    "name": "risk_factors",
                    "title": "What applies to you",
                    "options": list(RISK_FACTORS.items()),
                    "chosen": answers.get("risk_factors", []),
                },
            ],
        }
    elif step == 5:
        view |= {
            "heading": "Medicines and conditions",
            "groups": [
                {
                    "name": "medications",
                    "title": "Medicines you take",
                    "options": list(MEDICATIONS.items()),
                    "chosen": answers.get("medications", []),
                },
                {
                    "name": "conditions",
                    "title": "Conditions a doctor has diagnosed",
                    "options": list(CONDITIONS.items()),
                    "chosen": answers.get("conditions", []),
                },
            ],
        }
    elif step == 6:
        view |= {
            "heading": "Breathing in your sleep",
            "yes_no": yes_no("stop_bang", STOP_BANG_QUESTIONS),
        }
    else:
        phq2 = mood.get("phq2") or [None, None]
        harm = mood.get("self_harm_thoughts")
        view |= {
            "heading": "How you have been feeling",
            "intro": "Over the last two weeks, how often have you been bothered by:",
            "scales": [
                *(
                    {
                        "key": f"phq{i}",
                        "text": text,
                        "value": phq2[i],
                        "options": list(enumerate(PHQ2_SCALE)),
                    }
                    for i, text in enumerate(PHQ2_ITEMS)
                ),
                {
                    "key": "self_harm",
                    "text": SELF_HARM_QUESTION,
                    "value": None if harm is None else int(harm),
                    "options": [(0, "no"), (1, "yes")],
                },
            ],
            "notes": answers.get("notes", ""),
        }
    return view


def _merge(step: int, answers: dict[str, Any], form: dict[str, Any]) -> dict[str, Any]:
    merged = dict(answers)

    def yes_no(section: str, questions: Any) -> None:
        chosen = {k: True for k, _ in questions if form.get(k)}
        if chosen:
            merged[section] = chosen
        else:
            merged.pop(section, None)

    def whole(key: str) -> int | None:
        raw = str(form.get(key, ""))
        return int(raw) if raw.isdigit() else None

    if step == 1:
        yes_no("sleep", SLEEP_QUESTIONS)
    elif step == 2:
        yes_no("rls", RLS_CRITERIA)
    elif step == 3:
        items = [whole(f"isi{i}") for i in range(7)]
        if all(v is not None for v in items):
            merged["isi"] = items
        else:
            merged.pop("isi", None)  # a partial ISI is not scored
    elif step == 4:
        merged["signs"] = _listed(form.get("signs"))
        merged["risk_factors"] = _listed(form.get("risk_factors"))
    elif step == 5:
        merged["medications"] = _listed(form.get("medications"))
        merged["conditions"] = _listed(form.get("conditions"))
    elif step == 6:
        yes_no("stop_bang", STOP_BANG_QUESTIONS)
    else:
        mood: dict[str, Any] = {}
        phq = [whole("phq0"), whole("phq1")]
        if all(v is not None for v in phq):
            mood["phq2"] = phq
        harm = whole("self_harm")
        if harm is not None:
            mood["self_harm_thoughts"] = harm == 1
        if mood:
            merged["mood"] = mood
        notes = str(form.get("notes", "")).strip()
        if notes:
            merged["notes"] = notes
        else:
            merged.pop("notes", None)
    return merged


@router.get("/app/questions/{step}", response_class=HTMLResponse)
def question_page(request: Request, service: Service, step: int) -> Response:
    signed = _person(request, service)
    if not 1 <= step <= STEPS:
        raise _Redirect("/app/questions/1")
    answers = usecases.kept_answers(service.store, signed.own_person()) or {}
    return _page(
        request,
        service,
        "questions.html",
        signed,
        title="Questions",
        step=step,
        steps=STEPS,
        **_step_view(step, answers),
    )


@router.post("/app/questions/{step}")
async def save_answers(request: Request, service: Service, step: int) -> Response:
    signed = _person(request, service)
    if not 1 <= step <= STEPS:
        raise _Redirect("/app/questions/1")
    form = await _form(request, signed)
    name = signed.own_person()
    kept = usecases.kept_answers(service.store, name) or {}
    merged = _merge(step, kept, form)
    try:
        answers = usecases.answers_from(merged)
    except InvalidAnswers as exc:
        return _page(
            request,
            service,
            "questions.html",
            signed,
            status=422,
            title="Questions",
            step=step,
            steps=STEPS,
            error=str(exc),
            **_step_view(step, kept),
        )
    usecases.keep_answers(service.store, name, answers, new_version=step == 1)
    return _go("/app" if step == STEPS else f"/app/questions/{step + 1}")


# -- food log, labs, assessment ----------------------------------------------------------------


@router.get("/app/log", response_class=HTMLResponse)
def log_page(request: Request, service: Service, notice: str = "") -> Response:
    signed = _person(request, service)
    today = dt.date.today()
    shown = usecases.log_show(service.store, signed.own_person(), days=7, today=today).to_json()
    return _page(
        request,
        service,
        "log.html",
        signed,
        title="Food log",
        lines=shown["lines"][::-1],
        today=today.isoformat(),
        notice=notice[:200],
    )


@router.post("/app/log")
async def add_line(request: Request, service: Service) -> Response:
    signed = _person(request, service)
    form = await _form(request, signed)
    line = " ".join(str(form.get("line", "")).split())[:300]
    food_id = str(form.get("food_id", ""))
    if food_id and (food_id.isdigit() or food_id.startswith("fdc:")) and "@" not in line:
        line = f"{line} @ {food_id}"  # the food chosen from the list
    today = dt.date.today()
    try:
        day = dt.date.fromisoformat(str(form.get("day") or today.isoformat()))
        if service.foods is None:
            raise SleepminError("the food database is not available on this server")
        added = usecases.log_add(
            service.store, signed.own_person(), line, service.foods, day=day, today=today
        ).to_json()
    except (ValueError, SleepminError) as exc:
        message = str(exc) if isinstance(exc, SleepminError) else "give the day as a date"
        shown = usecases.log_show(service.store, signed.own_person(), days=7, today=today)
        return _page(
            request,
            service,
            "log.html",
            signed,
            status=422,
            title="Food log",
            error=message,
            lines=shown.to_json()["lines"][::-1],
            today=today.isoformat(),
        )
    return _go("/app/log?notice=" + quote(_read_back(added["lines"][0])))


def _read_back(line: dict[str, Any]) -> str:
    """A kept line as it was read: "2 bananas" → Bananas, raw, 236 g."""
    if line["status"] == "matched":
        return f"“{line['line']}” → {line['description']}, {round(line['grams'] or 0)} g"
    return f"“{line['line']}” was kept, but not read as one food: choose one from the list"


@router.get("/app/log/{entry_id}", response_class=HTMLResponse)
def line_page(request: Request, service: Service, entry_id: int) -> Response:
    signed = _person(request, service)
    shown = usecases.log_show(service.store, signed.own_person(), days=3660, today=dt.date.today())
    entry = next((x for x in shown.to_json()["lines"] if x["id"] == entry_id), None)
    if entry is None:
        raise _Redirect("/app/log")
    return _page(request, service, "log.html", signed, title="Change a line", entry=entry)


@router.post("/app/log/{entry_id}")
async def change_line(request: Request, service: Service, entry_id: int) -> Response:
    signed = _person(request, service)
    form = await _form(request, signed)
    name = signed.own_person()
    if form.get("remove"):
        with contextlib.suppress(NotFound):  # already gone
            usecases.log_remove(service.store, name, entry_id)
        return _go("/app/log?notice=" + quote("The line was removed."))
    line = " ".join(str(form.get("line", "")).split())[:300]
    food_id = str(form.get("food_id", ""))
    if food_id and (food_id.isdigit() or food_id.startswith("fdc:")):
        line = line.split("@")[0].strip() + f" @ {food_id}"  # the food chosen from the list
    if service.foods is None:
        raise SleepminError("the food database is not available on this server")
    try:
        changed = usecases.log_change(
            service.store, name, entry_id, line, service.foods, today=dt.date.today()
        ).to_json()
    except NotFound:
        raise _Redirect("/app/log") from None
    return _go("/app/log?notice=" + quote(_read_back(changed["lines"][0])))


DIARY_WEEKS = (2, 4, 8, 12)  # the spans the diary page offers


def _diary_page(
    request: Request,
    service: Service,
    signed: accounts.Session,
    status: int = 200,
    weeks: str | int = 2,
    **extra: Any,
) -> Response:
    name = signed.own_person()
    today = dt.date.today()
    weeks = int(weeks) if str(weeks) in {str(w) for w in DIARY_WEEKS} else 2
    last = usecases.last_night(service.store, name)
    usual = {
        "bed_time": "23:00",
        "try_time": "23:15",
        "final_wake": "06:30",
        "out_of_bed": "07:00",
        "sol_min": 20,
        "awakenings": 1,
        "waso_min": 15,
        "medication": "",
    }
    form = {k: last[k] for k in usual} if last else usual  # defaults: the night before's
    form = {k: (f"{v:g}" if isinstance(v, float) else v) for k, v in form.items()}
    form["date"] = (today - dt.timedelta(days=1)).isoformat()
    shown = usecases.diary_show(service.store, name, weeks=weeks, today=today).to_json()
    isi = usecases.isi_history(service.store, name).to_json()
    return _page(
        request,
        service,
        "diary.html",
        signed,
        status=status,
        title="Sleep diary",
        form=form,
        today=today.isoformat(),
        nights=shown["nights"],
        summary=shown["summary"],
        isi=isi,
        charts=usecases.trend_charts(shown, isi),
        weeks=weeks,
        week_choices=DIARY_WEEKS,
        intake=_intake_beside_sleep(service, name, weeks, today),
        zone=last["time_zone"] if last else usecases.default_time_zone(),
        **extra,
    )


def _intake_beside_sleep(
    service: Service, name: str, weeks: int, today: dt.date
) -> dict[str, Any] | None:
    """Each logged day's minerals beside that night's sleep efficiency, when food is logged."""
    if service.foods is None:
        return None
    try:
        found = usecases.diary_intake(
            service.store, name, service.foods, weeks=weeks, today=today
        ).to_json()
    except SleepminError:  # nothing logged in these weeks
        return None
    return found if found["days"] else None


@router.get("/app/diary", response_class=HTMLResponse)
def diary_page(
    request: Request,
    service: Service,
    change: str = "",
    metric: str = "se_pct",
    weeks: str = "2",
) -> Response:
    """The diary; with ``change`` (a date), also the before/after around it."""
    signed = _person(request, service)
    compared = None
    if change:
        try:
            compared = usecases.diary_compare(
                service.store,
                signed.own_person(),
                change=dt.date.fromisoformat(change),
                metric=metric,
                today=dt.date.today(),
            ).to_json()
        except (ValueError, SleepminError) as exc:
            message = str(exc) if isinstance(exc, SleepminError) else "give the date as a date"
            return _diary_page(request, service, signed, status=422, weeks=weeks, error=message)
    return _diary_page(request, service, signed, weeks=weeks, compared=compared, change=change)


@router.post("/app/diary")
async def add_night(request: Request, service: Service) -> Response:
    signed = _person(request, service)
    form = await _form(request, signed)
    try:
        quality = str(form.get("quality", ""))
        entry = usecases.NightEntry(
            date=dt.date.fromisoformat(str(form.get("date", ""))),
            bed_time=dt.time.fromisoformat(str(form.get("bed_time", ""))),
            try_time=dt.time.fromisoformat(str(form.get("try_time", ""))),
            sol_min=float(str(form.get("sol_min", ""))),
            awakenings=int(str(form.get("awakenings", ""))),
            waso_min=float(str(form.get("waso_min", ""))),
            final_wake=dt.time.fromisoformat(str(form.get("final_wake", ""))),
            out_of_bed=dt.time.fromisoformat(str(form.get("out_of_bed", ""))),
            quality=int(quality) if quality.isdigit() else None,
            naps_min=_optional(form, "naps_min", float),
            caffeine=_optional(form, "caffeine", int),
            alcohol=_optional(form, "alcohol", int),
            notes=str(form.get("notes", ""))[:2000],
            medication=str(form.get("medication", ""))[:500],
        )
        usecases.diary_add(
            service.store,
            signed.own_person(),
            entry,
            zone=str(form.get("time_zone") or "") or None,
            today=dt.date.today(),
        )
    except (ValueError, SleepminError) as exc:
        message = (
            str(exc)
            if isinstance(exc, SleepminError)
            else "give each time as HH:MM and each number as a number"
        )
        return _diary_page(request, service, signed, status=422, error=message)
    return _go("/app/diary")


Number = TypeVar("Number", int, float)


def _optional(form: Any, name: str, kind: Callable[[str], Number]) -> Number | None:
    """An optional count or minutes of a form: None when left empty; ValueError when not a
    number from 0 to 1,440."""
    text = str(form.get(name, "")).strip()
    if not text:
        return None
    value = kind(text)
    if not 0 <= value <= 1440:
        raise ValueError(name)
    return value


# -- the food-first plan -----------------------------------------------------------------------

PLAN_EXCLUSIONS = (
    "dairy", "nuts", "peanuts", "shellfish", "fish", "gluten", "soy", "egg", "meat", "pork",
    "sesame",
)  # fmt: skip
PLAN_CONDITIONS = (
    ("hemochromatosis", "haemochromatosis or iron overload"),
    ("ckd", "kidney disease"),
    ("wilson_disease", "Wilson disease"),
    ("kidney_stones", "kidney stones"),
)


def _plan_page(
    request: Request, service: Service, signed: accounts.Session, status: int = 200, **extra: Any
) -> Response:
    found = usecases.latest_plan(service.store, signed.own_person())
    plan, options = (found[0], found[1]) if found else (None, {})
    return _page(
        request,
        service,
        "plan.html",
        signed,
        status=status,
        title="Food plan",
        plan=plan.to_json() if plan else None,
        chart=usecases.plan_chart(plan) if plan else "",
        options=options,
        exclusions=PLAN_EXCLUSIONS,
        conditions=PLAN_CONDITIONS,
        **extra,
    )


def _many(form: dict[str, Any], key: str) -> list[str]:
    """A form field that may be sent several times (checkboxes), as a list."""
    value = form.get(key)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


@router.get("/app/plan", response_class=HTMLResponse)
def plan_page(request: Request, service: Service) -> Response:
    return _plan_page(request, service, _person(request, service))


@router.post("/app/plan")
async def make_plan(request: Request, service: Service) -> Response:
    signed = _person(request, service)
    form = await _form(request, signed)
    try:
        kcal_text = str(form.get("kcal", "")).strip()
        foods = service.foods
        if foods is None:
            raise SleepminError("the food database is not available on this server")
        await run_in_threadpool(
            lambda: usecases.plan_for_person(
                service.store,
                signed.own_person(),
                foods,
                today=dt.date.today(),
                kcal=float(kcal_text) if kcal_text else None,
                exclude=_many(form, "exclude"),
                conditions=_many(form, "condition"),
            )
        )
    except (ValueError, SleepminError) as exc:
        message = str(exc) if isinstance(exc, SleepminError) else "give the energy as a number"
        return _plan_page(request, service, signed, status=422, error=message)
    return _go("/app/plan#plan-foods")


@router.post("/app/plan/swap")
async def swap_plan_food(request: Request, service: Service) -> Response:
    signed = _person(request, service)
    form = await _form(request, signed)
    foods = service.foods
    if foods is None:
        raise SleepminError("the food database is not available on this server")
    food_id = str(form.get("food_id", ""))[:20]
    instead = str(form.get("instead", "") or "")[:20] or None
    try:
        await run_in_threadpool(
            lambda: usecases.swap_food(
                service.store,
                signed.own_person(),
                foods,
                food_id,
                today=dt.date.today(),
                instead=instead,
            )
        )
    except SleepminError as exc:
        return _plan_page(request, service, signed, status=exc.status, error=str(exc))
    return _go("/app/plan#plan-foods")


@router.get("/app/labs", response_class=HTMLResponse)
def labs_page(request: Request, service: Service) -> Response:
    signed = _person(request, service)
    return _page(
        request,
        service,
        "labs.html",
        signed,
        title="Blood tests",
        tests=usecases.lab_tests(),
        today=dt.date.today().isoformat(),
    )


@router.post("/app/labs")
async def add_lab(request: Request, service: Service) -> Response:
    signed = _person(request, service)
    form = await _form(request, signed)
    cells = [
        str(form.get(k, "")).replace('"', "").strip()[:32]
        for k in ("test", "value", "unit", "date")
    ]
    text = "test,value,unit,date\n" + ",".join(f'"{c}"' for c in cells) + "\n"
    try:
        kept = usecases.import_labs_for(
            service.store, signed.own_person(), usecases.LabsSource(io.StringIO(text), "form")
        )
    except SleepminError as exc:
        return _page(
            request,
            service,
            "labs.html",
            signed,
            status=422,
            title="Blood tests",
            tests=usecases.lab_tests(),
            today=dt.date.today().isoformat(),
            error=str(exc),
        )
    read = [
        f"{r['name']}: {r['value']:g} {r['unit']} — "
        + ("; ".join(t["meaning"] for t in r["thresholds_met"]) or r["status"].replace("_", " "))
        for r in kept.read.to_json()["results"]
    ]
    return _page(
        request,
        service,
        "labs.html",
        signed,
        title="Blood tests",
        tests=usecases.lab_tests(),
        today=dt.date.today().isoformat(),
        read=read,
        notice=f"Kept {kept.kept} new result(s)"
        + (f" ({kept.already} already kept)" if kept.already else ""),
    )


@router.get("/app/assessment", response_class=HTMLResponse)
def assessment_page(request: Request, service: Service) -> Response:
    signed = _person(request, service)
    report = usecases.latest_assessment(service.store, signed.own_person())
    return _page(
        request,
        service,
        "assessment.html",
        signed,
        title="Your assessment",
        report=usecases.report_html(report) if report is not None else None,
    )


@router.post("/app/assessment")
async def make_assessment(request: Request, service: Service) -> Response:
    signed = _person(request, service)
    await _form(request, signed)
    try:
        usecases.assess_person(
            service.store, signed.own_person(), today=dt.date.today(), foods=service.foods
        )
    except SleepminError as exc:
        return _page(
            request,
            service,
            "assessment.html",
            signed,
            status=exc.status,
            title="Your assessment",
            error=str(exc),
            report=None,
        )
    return _go("/app/assessment")


@router.get("/app/report", response_class=HTMLResponse)
def printable_report(request: Request, service: Service) -> Response:
    signed = _person(request, service)
    html = usecases.person_report_html(service.store, signed.own_person(), today=dt.date.today())
    if html is None:
        raise _Redirect("/app/assessment")
    return HTMLResponse(html)


@router.get("/static/report.css")
def report_css() -> Response:
    return Response(
        usecases.report_css(),
        media_type="text/css",
        headers={"cache-control": "public, max-age=3600"},
    )


# -- sharing and the account -----------------------------------------------------------------------


@router.get("/app/share", response_class=HTMLResponse)
def share_page(request: Request, service: Service, code: str = "") -> Response:
    signed = _person(request, service)
    shares = accounts.my_shares(service.store, signed).to_json()
    return _page(request, service, "share.html", signed, title="Share", shares=shares, code=None)


@router.post("/app/share")
async def make_code(request: Request, service: Service) -> Response:
    signed = _person(request, service)
    await _form(request, signed)
    made = accounts.invite(service.store, signed, now=now())
    shares = accounts.my_shares(service.store, signed).to_json()
    return _page(
        request, service, "share.html", signed, title="Share", shares=shares, code=made.code
    )


@router.post("/app/share/{share_id}/revoke")
async def revoke(request: Request, service: Service, share_id: int) -> Response:
    signed = _person(request, service)
    await _form(request, signed)
    accounts.revoke(service.store, signed, share_id)
    return _go("/app/share")


@router.get("/app/account", response_class=HTMLResponse)
def account_page(request: Request, service: Service) -> Response:
    signed = _required(request, service)
    return _page(request, service, "account.html", signed, title="Account")


@router.post("/app/account/delete")
async def delete_account(request: Request, service: Service) -> Response:
    signed = _required(request, service)
    form = await _form(request, signed)
    if not form.get("sure"):
        return _page(
            request,
            service,
            "account.html",
            signed,
            status=422,
            title="Account",
            error="tick the box to confirm: the deletion cannot be undone",
        )
    accounts.delete_account(service.store, signed)
    response = _go("/?deleted=1")
    response.delete_cookie(COOKIE, path="/")
    return response


# -- the clinician's view ----------------------------------------------------------------------


def _clinician(request: Request, service: Service) -> accounts.Session:
    signed = _required(request, service)
    if signed.role != "clinician":
        raise _Redirect("/app")
    return signed


@router.get("/clinician", response_class=HTMLResponse)
def clinician_home(request: Request, service: Service) -> Response:
    signed = _clinician(request, service)
    shares = accounts.shared_with_me(service.store, signed).to_json()
    return _page(request, service, "clinician.html", signed, title="People", shares=shares)


@router.post("/clinician/accept")
async def clinician_accept(request: Request, service: Service) -> Response:
    signed = _clinician(request, service)
    form = await _form(request, signed)
    try:
        accounts.accept(service.store, signed, str(form.get("code", "")), now=now())
    except SleepminError as exc:
        shares = accounts.shared_with_me(service.store, signed).to_json()
        return _page(
            request,
            service,
            "clinician.html",
            signed,
            status=exc.status,
            title="People",
            shares=shares,
            error=str(exc),
        )
    return _go("/clinician")


@router.get("/clinician/{share_id}", response_class=HTMLResponse)
def clinician_person(request: Request, service: Service, share_id: int) -> Response:
    signed = _clinician(request, service)
    try:
        name = accounts.shared_person(service.store, signed, share_id)
    except NotFound as exc:
        return _page(
            request,
            service,
            "clinician.html",
            signed,
            status=404,
            title="Not found",
            error=str(exc),
            shares=[],
        )
    report = usecases.latest_assessment(service.store, name)
    lines = usecases.log_show(service.store, name, days=7, today=dt.date.today()).to_json()
    return _page(
        request,
        service,
        "clinician.html",
        signed,
        title=name,
        person_name=name,
        share_id=share_id,
        report=usecases.report_html(report) if report is not None else None,
        lines=lines["lines"],
    )


def install_pages(app: Any) -> None:
    """The pages, their redirects, and the static files."""
    from fastapi.staticfiles import StaticFiles  # noqa: PLC0415

    async def _redirect(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, _Redirect)
        return _go(exc.to)

    app.add_exception_handler(_Redirect, _redirect)

    app.include_router(router)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
