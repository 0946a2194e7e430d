"""/api/v1/account, /api/v1/me and /api/v1/clinician: signing up and in, a person's own data,
and what a clinician may read of the people who shared with them. Every route names whose
data it touches by the session, never by an id the caller chooses, except a share's id,
which is looked up among the caller's own (404 otherwise)."""

from __future__ import annotations

import datetime as dt
from hashlib import sha256
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from sleepmin import usecases
from sleepmin.errors import InvalidInput, NotFound
from sleepmin.results.accounts import AccountInfo, Invitation, Share, Shares, SignedIn
from sleepmin.results.assessment import AssessmentReport
from sleepmin.results.diary import DiaryComparison, DiaryImported, DiaryIntake, DiaryMetrics
from sleepmin.results.diet import DietAnalysis
from sleepmin.results.labs import LabImportResult
from sleepmin.results.people import KeptSupplements, LogShown, PersonDeleted, PersonExport
from sleepmin.results.plan import PlanResult
from sleepmin.results.safety import SafetyReportResult
from sleepmin.results.screening import IsiHistory
from sleepmin.usecases import accounts
from sleepmin.web.api import PROBLEMS, foods_of, lab_body
from sleepmin.web.auth import (
    COOKIE,
    Service,
    client_address,
    now,
    set_session_cookie,
)
from sleepmin.web.auth import (
    SignedIn as Signed,
)
from sleepmin.web.requests import (
    InvitationCode,
    LogAddRequest,
    LogLineRequest,
    MyAssessmentRequest,
    MySafetyRequest,
    NightRequest,
    PlanOptions,
    PlanSwap,
    ProfileIn,
    SignInRequest,
    SignUpRequest,
    SupplementRequest,
)
from sleepmin.web.services import Services
from sleepmin.web.uploads import body_text, lab_upload

AUTH_PROBLEMS = {
    **PROBLEMS,
    401: {**PROBLEMS[404], "description": "Not signed in, or the session has ended"},
    403: {**PROBLEMS[404], "description": "Not allowed (no CSRF token; the wrong role)"},
    409: {**PROBLEMS[404], "description": "Already exists"},
    429: {**PROBLEMS[404], "description": "Too many attempts; Retry-After says when to retry"},
}
router = APIRouter(prefix="/api/v1", responses=AUTH_PROBLEMS)
EntryId = Annotated[int, Path(ge=1, le=2**53)]  # ids the store can hold, on every database

# Sign-in attempts are limited per e-mail (guessing one password) and per address (trying many
# accounts); sign-ups per address. Counted in the store, so every worker counts the same.
SIGN_IN_PER_EMAIL, SIGN_IN_PER_EMAIL_ANYWHERE, SIGN_IN_PER_ADDRESS = 10, 100, 50
WINDOW = dt.timedelta(minutes=15)


def check_attempts(service: Service, request: Request, what: str, email: str) -> None:
    """Counts a sign-in or sign-up attempt against its limits (429 past them)."""
    when = now()
    address = client_address(request)
    try:
        address_of_account = accounts.normal_email(email)
    except InvalidInput:
        address_of_account = email.strip().lower()
    hashed = sha256(address_of_account.encode()).hexdigest()[:32]
    if what == "sign-up":
        limits = [(f"sign-up:ip:{address}", service.config.sign_up_limit)]
    else:
        # per e-mail *and* address, so that nobody can lock someone else out of their account;
        # per e-mail from anywhere, with a higher bound, so that guessing from many addresses
        # is still slowed down; and per address
        limits = [
            (f"sign-in:pair:{hashed}:{address}", SIGN_IN_PER_EMAIL),
            (f"sign-in:email:{hashed}", SIGN_IN_PER_EMAIL_ANYWHERE),
            (f"sign-in:ip:{address}", SIGN_IN_PER_ADDRESS),
        ]
    for key, limit in limits:
        accounts.check_limit(service.store, key[:100], limit=limit, window=WINDOW, now=when)


def _json(result: object, status: int = 200) -> JSONResponse:
    return JSONResponse(result.to_json(), status_code=status)  # type: ignore[attr-defined]


# -- the account -------------------------------------------------------------------------------


@router.post("/account", response_model=SignedIn, status_code=201, tags=["account"])
def sign_up(service: Service, request: Request, body: SignUpRequest) -> JSONResponse:
    """A new account (the password kept only as its argon2id hash), signed in at once."""
    check_attempts(service, request, "sign-up", body.email)
    accounts.sign_up(service.store, body.email, body.password, body.role, now=now())
    token, signed = accounts.sign_in(
        service.store, body.email, body.password, now=now(), ending=request.cookies.get(COOKIE)
    )
    response = _json(signed, 201)
    set_session_cookie(response, request, token)
    return response


@router.post("/account/session", response_model=SignedIn, tags=["account"])
def sign_in(service: Service, request: Request, body: SignInRequest) -> JSONResponse:
    """Signs in: a new session (the one the browser had, if any, ends)."""
    check_attempts(service, request, "sign-in", body.email)
    token, signed = accounts.sign_in(
        service.store, body.email, body.password, now=now(), ending=request.cookies.get(COOKIE)
    )
    response = _json(signed)
    set_session_cookie(response, request, token)
    return response


@router.delete("/account/session", status_code=204, tags=["account"])
def sign_out(service: Service, request: Request, signed: Signed) -> Response:
    """Signs out: the session ends in the store, so its cookie opens nothing any more."""
    del signed
    accounts.sign_out(service.store, request.cookies.get(COOKIE))
    response = Response(status_code=204)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/account", response_model=AccountInfo, tags=["account"])
def account(service: Service, signed: Signed) -> JSONResponse:
    return _json(accounts.account_info(service.store, signed.account_id))


@router.delete("/account", response_model=PersonDeleted | None, tags=["account"])
def delete_account(service: Service, signed: Signed) -> JSONResponse:
    """The account and every row of the person's data, in the store's every table."""
    removed = accounts.delete_account(service.store, signed)
    response = JSONResponse(removed.to_json() if removed is not None else None)
    response.delete_cookie(COOKIE, path="/")
    return response


# -- a person's own data -----------------------------------------------------------------------


@router.put("/me/profile", response_model=AccountInfo, tags=["me"])
def set_profile(service: Service, signed: Signed, body: ProfileIn) -> JSONResponse:
    """The profile targets are computed from; the first one makes the person's store."""
    return _json(accounts.set_profile(service.store, signed, body.profile()))


@router.get("/me/export", response_model=PersonExport, tags=["me"])
def export(service: Service, signed: Signed) -> JSONResponse:
    """Everything kept about the person (the same as `sleepmin person export`)."""
    return _json(usecases.export_person(service.store, signed.own_person()))


@router.get("/me/log", response_model=LogShown, tags=["me"])
def show_log(
    service: Service, signed: Signed, days: Annotated[int, Query(ge=1, le=3660)] = 7
) -> JSONResponse:
    return _json(
        usecases.log_show(service.store, signed.own_person(), days=days, today=dt.date.today())
    )


@router.post("/me/log", response_model=LogShown, status_code=201, tags=["me"])
def add_to_log(service: Service, signed: Signed, body: LogAddRequest) -> JSONResponse:
    """Lines of food kept with what each was read as ("2 bananas → Bananas, raw, 236 g")."""
    today = dt.date.today()
    foods = service.foods
    if foods is None:
        foods = foods_of(service)
    added = usecases.log_add(
        service.store, signed.own_person(), body.text, foods, day=body.date or today, today=today
    )
    return _json(added, 201)


@router.put("/me/log/{entry_id}", response_model=LogShown, tags=["me"])
def change_log_line(
    service: Service, signed: Signed, entry_id: EntryId, body: LogLineRequest
) -> JSONResponse:
    """One kept line written again (another amount, or "@ ID" for another food), on its day."""
    changed = usecases.log_change(
        service.store,
        signed.own_person(),
        entry_id,
        body.text,
        foods_of(service),
        today=dt.date.today(),
    )
    return _json(changed)


@router.delete("/me/log/{entry_id}", status_code=204, tags=["me"])
def remove_log_line(service: Service, signed: Signed, entry_id: EntryId) -> Response:
    usecases.log_remove(service.store, signed.own_person(), entry_id)
    return Response(status_code=204)


@router.get("/me/diet", response_model=DietAnalysis, tags=["me"])
def my_diet(
    service: Service, signed: Signed, days: Annotated[int, Query(ge=1, le=3660)] = 7
) -> JSONResponse:
    """The kept food log of the last N days against the person's targets."""
    report = usecases.analyze_diet_for(
        service.store, signed.own_person(), foods_of(service), today=dt.date.today(), days=days
    )
    return _json(report)


@router.get("/me/supplements", response_model=KeptSupplements, tags=["me"])
def supplements(service: Service, signed: Signed) -> JSONResponse:
    name = signed.own_person()
    kept = usecases.kept_supplements(service.store, name)
    return _json(usecases.KeptSupplements(person=name, supplements=kept))


@router.post("/me/supplements", response_model=KeptSupplements, status_code=201, tags=["me"])
def add_supplement(service: Service, signed: Signed, body: SupplementRequest) -> JSONResponse:
    return _json(usecases.add_supplement(service.store, signed.own_person(), body.text), 201)


@router.delete("/me/supplements", response_model=KeptSupplements, tags=["me"])
def remove_supplement(
    service: Service, signed: Signed, text: Annotated[str, Query(max_length=200)]
) -> JSONResponse:
    return _json(usecases.remove_supplement(service.store, signed.own_person(), text))


@router.post(
    "/me/labs",
    response_model=LabImportResult,
    tags=["me"],
    openapi_extra=lab_body(),
)
async def import_my_labs(request: Request, service: Service, signed: Signed) -> JSONResponse:
    """Lab results (FHIR R4 JSON or CSV) read for the person and kept."""
    name, source = signed.own_person(), await lab_upload(request)
    kept = await run_in_threadpool(usecases.import_labs_for, service.store, name, source)
    return JSONResponse(await run_in_threadpool(kept.read.to_json))


@router.post("/me/assessment", response_model=AssessmentReport, tags=["me"])
def assess_me(service: Service, signed: Signed, body: MyAssessmentRequest) -> JSONResponse:
    """The assessment from everything kept (new answers are kept first); saved."""
    answers = usecases.answers_from(body.answers) if body.answers is not None else None
    result = usecases.assess_person(
        service.store,
        signed.own_person(),
        today=dt.date.today(),
        foods=service.foods,
        answers=answers,
    )
    return _json(result)


@router.post("/me/safety", response_model=SafetyReportResult, tags=["me"])
def my_safety(service: Service, signed: Signed, body: MySafetyRequest) -> JSONResponse:
    """The plan checked with the person's kept supplements and lab results."""
    return _json(
        usecases.check_safety_for(
            service.store,
            signed.own_person(),
            today=dt.date.today(),
            supplements=body.supplements,
            medications=body.medications,
            conditions=body.conditions,
        )
    )


# -- sharing -----------------------------------------------------------------------------------


@router.post("/me/shares", response_model=Invitation, status_code=201, tags=["sharing"])
def invite(service: Service, signed: Signed) -> JSONResponse:
    """An invitation code for a clinician (shown once; valid for 7 days)."""
    return _json(accounts.invite(service.store, signed, now=now()), 201)


@router.get("/me/shares", response_model=Shares, tags=["sharing"])
def my_shares(service: Service, signed: Signed) -> JSONResponse:
    return _json(accounts.my_shares(service.store, signed))


@router.delete("/me/shares/{share_id}", status_code=204, tags=["sharing"])
def revoke(service: Service, signed: Signed, share_id: EntryId) -> Response:
    """Ends the share at once: the clinician's next request is refused."""
    accounts.revoke(service.store, signed, share_id)
    return Response(status_code=204)


@router.post("/clinician/shares", response_model=Share, status_code=201, tags=["clinician"])
def accept(service: Service, signed: Signed, body: InvitationCode) -> JSONResponse:
    """A clinician takes up a person's invitation."""
    return _json(accounts.accept(service.store, signed, body.code, now=now()), 201)


@router.get("/clinician/people", response_model=Shares, tags=["clinician"])
def shared_people(service: Service, signed: Signed) -> JSONResponse:
    """The people who shared with this clinician (and have not revoked it)."""
    return _json(accounts.shared_with_me(service.store, signed))


@router.get("/clinician/people/{share_id}", response_model=PersonExport, tags=["clinician"])
def shared_export(service: Service, signed: Signed, share_id: EntryId) -> JSONResponse:
    """Everything the person keeps, read-only."""
    name = accounts.shared_person(service.store, signed, share_id)
    return _json(usecases.export_person(service.store, name))


@router.get("/clinician/people/{share_id}/diet", response_model=DietAnalysis, tags=["clinician"])
def shared_diet(
    service: Service,
    signed: Signed,
    share_id: EntryId,
    days: Annotated[int, Query(ge=1, le=3660)] = 7,
) -> JSONResponse:
    """The person's kept log of the last N days against their targets, read-only (their pins
    are read, none are saved)."""
    name = accounts.shared_person(service.store, signed, share_id)
    report = usecases.analyze_diet_for(
        service.store,
        name,
        foods_of(service),
        today=dt.date.today(),
        days=days,
        remember_pins=False,
    )
    return _json(report)


# -- the food-first plan -------------------------------------------------------------------------


@router.post("/me/plan", response_model=PlanResult, status_code=201, tags=["plan"])
def make_my_plan(service: Service, signed: Signed, body: PlanOptions) -> JSONResponse:
    """A plan from what the person keeps (profile, the last 7 days of their log, their
    supplements), kept for them; the newest is `GET /me/plan`."""
    plan = usecases.plan_for_person(
        service.store,
        signed.own_person(),
        foods_of(service),
        today=dt.date.today(),
        kcal=body.kcal,
        exclude=body.exclude,
        conditions=body.conditions,
        likes=body.likes,
        include=body.include,
    )
    return _json(plan, 201)


@router.post("/me/plan/swap", response_model=PlanResult, status_code=201, tags=["plan"])
def swap_my_plan_food(service: Service, signed: Signed, body: PlanSwap) -> JSONResponse:
    """The newest saved plan made again without one food (and with `instead`, when given),
    with the same options; kept as the newest plan."""
    plan = usecases.swap_food(
        service.store,
        signed.own_person(),
        foods_of(service),
        body.food_id,
        today=dt.date.today(),
        instead=body.instead,
    )
    return _json(plan, 201)


@router.get("/me/plan", response_model=PlanResult, tags=["plan"])
def my_plan(service: Service, signed: Signed) -> JSONResponse:
    """The person's newest saved plan (404 before the first)."""
    found = usecases.latest_plan(service.store, signed.own_person())
    if found is None:
        raise NotFound("saved plan")
    return _json(found[0])


# -- what a person hands to their clinician ------------------------------------------------------


def _bundle_response(kind: str, service: Services, name: str) -> Response:
    today = dt.date.today()
    if kind == "fhir.json":
        bundle = usecases.fhir_bundle(service.store, name, now=now())
        return JSONResponse(bundle, media_type="application/fhir+json")
    if kind == "intake.csv":
        report = usecases.analyze_diet_for(
            service.store, name, foods_of(service), today=today, days=30, remember_pins=False
        )
        return Response(
            usecases.intake_csv(report.result()),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": 'attachment; filename="sleepmin-intake.csv"'},
        )
    html = usecases.person_report_html(service.store, name, today=today)
    if html is None:
        raise NotFound("saved assessment")
    if kind == "report.html":
        return Response(html, media_type="text/html; charset=utf-8")
    return Response(
        usecases.report_pdf(html),
        media_type="application/pdf",
        headers={"content-disposition": 'attachment; filename="sleepmin-assessment.pdf"'},
    )


BundleKind = Literal["report.html", "report.pdf", "intake.csv", "fhir.json"]
BUNDLE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The assessment (printable HTML or PDF), the daily intake of the last 30 "
        "days (CSV), or a FHIR R4 Bundle of lab Observations and the screening answers",
        "content": {
            "text/html": {"schema": {"type": "string"}},
            "application/pdf": {"schema": {"type": "string", "format": "binary"}},
            "text/csv": {"schema": {"type": "string"}},
            "application/fhir+json": {"schema": {"type": "object"}},
        },
    }
}


@router.get("/me/bundle/{kind}", tags=["sharing"], responses=BUNDLE_RESPONSES)
def my_bundle(service: Service, signed: Signed, kind: BundleKind) -> Response:
    """For the clinician: report.html, report.pdf, intake.csv or fhir.json."""
    return _bundle_response(kind, service, signed.own_person())


@router.get("/clinician/people/{share_id}/{kind}", tags=["clinician"], responses=BUNDLE_RESPONSES)
def shared_bundle(
    service: Service, signed: Signed, share_id: EntryId, kind: BundleKind
) -> Response:
    """The person's report.html, report.pdf, intake.csv or fhir.json, read-only."""
    return _bundle_response(kind, service, accounts.shared_person(service.store, signed, share_id))


# -- the sleep diary ---------------------------------------------------------------------------


@router.get("/me/diary", response_model=DiaryMetrics, tags=["diary"])
def my_diary(
    service: Service, signed: Signed, weeks: Annotated[int, Query(ge=1, le=520)] = 2
) -> JSONResponse:
    """The kept nights of the last N weeks, with their metrics and summary."""
    return _json(
        usecases.diary_show(service.store, signed.own_person(), weeks=weeks, today=dt.date.today())
    )


@router.get("/me/diary/intake", response_model=DiaryIntake, tags=["diary"])
def diary_intake(
    service: Service,
    signed: Signed,
    weeks: Annotated[int, Query(ge=1, le=52)] = 4,
    metric: Annotated[
        Literal["se_pct", "tst_min", "sol_min", "waso_min", "tib_min", "awakenings", "quality"],
        Query(),
    ] = "se_pct",
) -> JSONResponse:
    """Daily intake beside a sleep metric, with their correlation the same day and the day
    before: exploration, not proof."""
    return _json(
        usecases.diary_intake(
            service.store,
            signed.own_person(),
            foods_of(service),
            weeks=weeks,
            metric=metric,
            today=dt.date.today(),
        )
    )


@router.get("/me/isi-history", response_model=IsiHistory, tags=["diary"])
def my_isi_history(service: Service, signed: Signed) -> JSONResponse:
    """The person's ISI totals over time, from their saved answers."""
    return _json(usecases.isi_history(service.store, signed.own_person()))


@router.get("/me/diary/compare", response_model=DiaryComparison, tags=["diary"])
def compare_diary(
    service: Service,
    signed: Signed,
    change: Annotated[dt.date, Query(alias="from", description="The first night of 'after'.")],
    metric: Annotated[
        Literal["se_pct", "tst_min", "sol_min", "waso_min", "tib_min", "awakenings", "quality"],
        Query(),
    ] = "se_pct",
) -> JSONResponse:
    """A metric before the date and from it on: the difference with a 95 % interval that allows
    for night-to-night correlation, an effect size, and what it cannot tell."""
    return _json(
        usecases.diary_compare(
            service.store,
            signed.own_person(),
            change=change,
            metric=metric,
            today=dt.date.today(),
        )
    )


@router.post("/me/diary", response_model=DiaryMetrics, status_code=201, tags=["diary"])
def add_night(service: Service, signed: Signed, body: NightRequest) -> JSONResponse:
    """One night, checked first (422 naming the field when impossible); the same evening again
    replaces it."""
    entry = usecases.NightEntry(
        date=body.date,
        bed_time=dt.time.fromisoformat(body.bed_time.zfill(5)),
        try_time=dt.time.fromisoformat(body.try_time.zfill(5)),
        sol_min=body.sol_min,
        awakenings=body.awakenings,
        waso_min=body.waso_min,
        final_wake=dt.time.fromisoformat(body.final_wake.zfill(5)),
        out_of_bed=dt.time.fromisoformat(body.out_of_bed.zfill(5)),
        quality=body.quality,
        naps_min=body.naps_min,
        caffeine=body.caffeine,
        alcohol=body.alcohol,
        notes=body.notes,
        medication=body.medication,
    )
    kept = usecases.diary_add(
        service.store, signed.own_person(), entry, zone=body.time_zone, today=dt.date.today()
    )
    return _json(kept, 201)


@router.post(
    "/me/diary/import",
    response_model=DiaryImported,
    tags=["diary"],
    openapi_extra={
        "requestBody": {"required": True, "content": {"text/csv": {"schema": {"type": "string"}}}}
    },
)
async def import_diary(
    request: Request,
    service: Service,
    signed: Signed,
    tz: Annotated[str | None, Query(max_length=64)] = None,
) -> JSONResponse:
    """A diary CSV kept in one transaction: nights never doubled, impossible rows listed."""
    name, text = signed.own_person(), await body_text(request, "the uploaded diary")
    kept = await run_in_threadpool(
        lambda: usecases.diary_import(service.store, name, text, zone=tz, source="upload")
    )
    return _json(kept)
