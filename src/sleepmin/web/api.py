"""/api/v1: one route a use case. A route reads its request into the use case's plain inputs,
calls it, and returns its typed result as JSON; errors become problem details (problems.py).

Routes are plain functions (FastAPI runs them in its thread pool), so a slow assessment never
stalls the event loop that answers everyone else; the food database serialises its own reads.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from sleepmin import usecases
from sleepmin.errors import FoodsUnavailable
from sleepmin.intake.targets import Diet
from sleepmin.nutrients import Mineral
from sleepmin.results.assessment import AssessmentReport
from sleepmin.results.diary import DiaryMetrics
from sleepmin.results.diet import DietAnalysis, TargetsResult
from sleepmin.results.foods import FoodDetails, SearchResults
from sleepmin.results.knowledge import ArticleClaims, MineralExplanation
from sleepmin.results.labs import LabConversion, LabImportResult, LabInterpretation
from sleepmin.results.plan import BestFoods, PlanResult
from sleepmin.results.population import EvidenceResult
from sleepmin.results.safety import SafetyReportResult
from sleepmin.results.screening import IsiResult
from sleepmin.web.auth import Service
from sleepmin.web.problems import PROBLEM_JSON, Problem
from sleepmin.web.requests import (
    AssessmentRequest,
    ConversionRequest,
    DietRequest,
    IsiRequest,
    LabIn,
    LabRequest,
    PlanRequest,
    ProfileIn,
    SafetyRequest,
)
from sleepmin.web.services import Services
from sleepmin.web.uploads import body_text, lab_upload

PROBLEMS: dict[int | str, dict[str, Any]] = {
    code: {"model": Problem, "content": {PROBLEM_JSON: {}}, "description": text}
    for code, text in (
        (400, "The body cannot be parsed (not JSON, or not UTF-8)"),
        (404, "Not found"),
        (413, "The body is too large"),
        (422, "The request cannot be used: the detail says why and how to fix it"),
        (503, "The food database is not installed"),
    )
}
router = APIRouter(prefix="/api/v1", responses=PROBLEMS)


def foods_of(service: Services) -> usecases.FoodDatabase:
    if service.foods is None:  # the reason, with the server's paths, is in the server's log
        raise FoodsUnavailable(
            "the food database is not available on this server; its administrator can install "
            "it with `sleepmin data install`"
        )
    return service.foods


def _json(result: Any) -> JSONResponse:
    return JSONResponse(result.to_json())


def _log(text: str | None, fmt: str = "text") -> usecases.FoodLog | None:
    if text is None:
        return None
    return usecases.FoodLog(text, "log.csv" if fmt == "csv" else "log.txt")


def _labs(labs: list[LabIn]) -> usecases.LabsSource | None:
    """Lab results given in a request, as the CSV the lab reader takes (one reader for all)."""
    if not labs:
        return None
    lines = ["test,value,unit,date"]
    for lab in labs:
        cells = (lab.test, repr(lab.value), lab.unit, lab.date or "")
        lines.append(",".join('"' + c.replace('"', '""') + '"' for c in cells))
    return usecases.LabsSource(io.StringIO("\n".join(lines) + "\n"), "labs.csv")


# -- foods --------------------------------------------------------------------------------


@router.get("/foods", response_model=SearchResults, tags=["foods"])
def search_foods(
    service: Service,
    q: Annotated[str, Query(min_length=1, max_length=200, description="Words of a food name.")],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> JSONResponse:
    """Foods by name, best first (typos, plurals and word order are forgiven): type-ahead."""
    hits = usecases.search_foods(foods_of(service), q, limit)
    return JSONResponse([hit.to_json() for hit in hits])


@router.get("/foods/{food_id}", response_model=FoodDetails, tags=["foods"])
def show_food(service: Service, food_id: str) -> JSONResponse:
    """One food by NDB number (leading zeros optional) or FDC id, per 100 g and its portions."""
    food = usecases.show_food(foods_of(service), food_id[:40])
    return _json(usecases.food_details(food))


# -- targets and diet ---------------------------------------------------------------------


@router.post("/targets", response_model=TargetsResult, tags=["diet"])
def targets(profile: ProfileIn) -> JSONResponse:
    """The person's Dietary Reference Intakes and Upper Limits for the six minerals."""
    return _json(usecases.show_targets(profile.profile()))


@router.post("/diet/analysis", response_model=DietAnalysis, tags=["diet"])
def analyze_diet(service: Service, body: DietRequest) -> JSONResponse:
    """A food log matched to USDA foods and portions, against the person's targets and limits."""
    log = _log(body.log, body.format)
    assert log is not None
    report = usecases.analyze_diet(
        log,
        foods_of(service),
        body.profile.profile(),
        today=dt.date.today(),
        supplements=body.supplements,
        remember_pins=False,
    )
    return _json(report)


# -- labs ---------------------------------------------------------------------------------


@router.post("/labs/interpretation", response_model=LabInterpretation, tags=["labs"])
def interpret_lab(body: LabRequest) -> JSONResponse:
    """One result against its reference interval and the sleep-relevant thresholds."""
    context = usecases.person_context(body.sex, body.age, body.pregnant)
    return _json(usecases.interpret_lab(body.test, body.value, body.unit, context))


@router.post("/labs/conversion", response_model=LabConversion, tags=["labs"])
def convert_lab(body: ConversionRequest) -> JSONResponse:
    """A result in another unit (molar mass and valence)."""
    return _json(usecases.convert_lab(body.test, body.value, body.from_unit, body.to_unit))


def lab_body() -> dict[str, Any]:
    """The OpenAPI request body of a lab upload: FHIR JSON or CSV, read by the route itself."""
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/fhir+json": {"schema": {"type": "object"}},
                "application/json": {"schema": {"type": "object"}},
                "text/csv": {"schema": {"type": "string"}},
            },
        }
    }


@router.post(
    "/labs/import", response_model=LabImportResult, tags=["labs"], openapi_extra=lab_body()
)
async def import_labs(
    request: Request,
    sex: Annotated[str | None, Query(pattern="^(female|male)$")] = None,
    age: Annotated[float | None, Query(ge=0, le=125)] = None,
    pregnant: bool = False,
) -> JSONResponse:
    """A FHIR R4 Observation or Bundle (JSON), or CSV (test,value,unit[,date]), read and
    interpreted; derived results (transferrin saturation, corrected calcium) are added."""
    source = await lab_upload(request)
    context = usecases.person_context(sex, age, pregnant)
    read = await run_in_threadpool(usecases.import_labs, source.source, context, name=source.name)
    return JSONResponse(await run_in_threadpool(read.to_json))


# -- screening and assessment -------------------------------------------------------------


@router.post("/isi", response_model=IsiResult, tags=["screening"])
def score_isi(body: IsiRequest) -> JSONResponse:
    """The Insomnia Severity Index total (0-28) and its band, from the seven item scores."""
    return _json(usecases.score_isi_items(body.items))


@router.post("/safety", response_model=SafetyReportResult, tags=["safety"])
def check_safety(service: Service, body: SafetyRequest) -> JSONResponse:
    """Supplements, medications, conditions, labs and food checked together: red flags first."""
    log = _log(body.log)
    return _json(
        usecases.check_safety(
            body.profile.profile(),
            today=dt.date.today(),
            supplements=body.supplements,
            medications=body.medications,
            conditions=body.conditions,
            labs=_labs(body.labs),
            log=log,
            foods=foods_of(service) if log is not None else service.foods,
        )
    )


@router.post("/plan", response_model=PlanResult, tags=["plan"])
def plan(service: Service, body: PlanRequest) -> JSONResponse:
    """A day of common foods that brings each mineral to its RDA/AI within every Upper Limit
    and the energy budget, adding as little as possible to the log; when food cannot, what
    binds (docs/plan.md)."""
    return _json(
        usecases.make_plan(
            body.profile.profile(),
            foods_of(service),
            today=dt.date.today(),
            kcal=body.kcal,
            exclude=body.exclude,
            conditions=body.conditions,
            likes=body.likes,
            include=body.include,
            log=_log(body.log),
            supplements=body.supplements,
        )
    )


@router.get("/foods/best/{mineral}", response_model=BestFoods, tags=["foods"])
def best_foods(
    service: Service,
    mineral: Literal["magnesium", "iron", "zinc", "calcium", "potassium", "copper"],
    per: Literal["portion", "100kcal"] = "portion",
    diet: Literal["omnivore", "vegetarian", "vegan"] = "omnivore",
    exclude: Annotated[list[Annotated[str, Query(max_length=80)]], Query(max_length=20)] = [],  # noqa: B006
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    gap: Annotated[float | None, Query(gt=0, le=10_000)] = None,
) -> JSONResponse:
    """The common foods richest in a mineral, per portion or per 100 kcal, with absorption
    notes."""
    return _json(
        usecases.best_foods(
            Mineral(mineral),
            foods_of(service),
            per=per,
            exclude=exclude,
            diet=Diet(diet),
            limit=limit,
            gap_mg=gap,
        )
    )


@router.post("/assessment", response_model=AssessmentReport, tags=["screening"])
def assess(service: Service, body: AssessmentRequest) -> JSONResponse:
    """Ranked minerals with reasons and citations, the diet and labs, safety and next steps;
    the route to a clinician comes first where one is needed."""
    answers = usecases.answers_from(body.answers)
    log = _log(body.log)
    result = usecases.assess(
        answers,
        today=dt.date.today(),
        foods=foods_of(service) if log is not None else service.foods,
        log=log,
        labs=_labs(body.labs),
    )
    return _json(result)


@router.get("/minerals/{mineral}", response_model=MineralExplanation, tags=["knowledge"])
def explain(service: Service, mineral: str) -> JSONResponse:
    """A mineral's sleep mechanisms, deficiency signs, risk groups and food sources, cited."""
    return _json(usecases.explain(mineral[:40], service.foods))


@router.get("/evidence/{mineral}", response_model=EvidenceResult, tags=["knowledge"])
def evidence(service: Service, mineral: str) -> JSONResponse:
    """NHANES 2017-2018: trouble sleeping, short sleep and daytime sleepiness against quartiles
    of the mineral's intake, design-based, adjusted (503 until the population summary is
    built)."""
    return _json(usecases.mineral_evidence(mineral[:40], service.foods))


@router.get("/article-claims", response_model=ArticleClaims, tags=["knowledge"])
def article_claims() -> JSONResponse:
    """The source article's claims, each graded against the evidence."""
    return _json(usecases.article_claims())


@router.post(
    "/diary/metrics",
    response_model=DiaryMetrics,
    tags=["diary"],
    openapi_extra={
        "requestBody": {"required": True, "content": {"text/csv": {"schema": {"type": "string"}}}}
    },
)
async def diary_metrics(
    request: Request, tz: Annotated[str | None, Query(max_length=64)] = None
) -> JSONResponse:
    """Consensus Sleep Diary metrics of a diary CSV (docs/diary.md); nothing is stored."""
    text = await body_text(request, "the diary")
    return _json(await run_in_threadpool(usecases.diary_metrics, text, tz))
