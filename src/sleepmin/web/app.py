"""The ASGI application: the API routes, problem details for every error, the body limit, and
/healthz. ``create_app`` for tests and embedding; ``app_from_env`` for uvicorn's workers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from anyio import to_thread
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from pydantic.json_schema import models_json_schema

from sleepmin.version import __version__
from sleepmin.web.api import router
from sleepmin.web.config import WebConfig
from sleepmin.web.limits import BodyLimit, SecurityHeaders
from sleepmin.web.pages import install_pages
from sleepmin.web.people import router as people_router
from sleepmin.web.problems import install_problem_handlers
from sleepmin.web.requests import ANSWERS_MODEL
from sleepmin.web.services import Services

ROUTE_THREADS = 4


def create_app(config: WebConfig | None = None) -> FastAPI:
    chosen = config or WebConfig.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Routes are CPU-bound Python: more threads than a few only take turns at the GIL and
        # stretch every request's latency; the rest wait in order on the event loop.
        to_thread.current_default_thread_limiter().total_tokens = ROUTE_THREADS
        app.state.services = Services.start(chosen)
        try:
            yield
        finally:
            app.state.services.close()

    app = FastAPI(
        title="sleepmin",
        version=__version__,
        summary="Could minerals be part of a sleep problem? Estimates, explained and cited; "
        "never a diagnosis.",
        lifespan=lifespan,
        docs_url=None,  # the docs page loads its scripts from a CDN; /openapi.json is the docs
        redoc_url=None,
    )
    install_problem_handlers(app)
    app.include_router(router)
    app.include_router(people_router)
    install_pages(app)

    @app.get("/healthz", tags=["service"])
    def healthz() -> JSONResponse:
        """The service is up; says whether the food database is installed."""
        services: Services = app.state.services
        return JSONResponse({"status": "ok", "foods": services.foods is not None})

    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.add_middleware(BodyLimit, limit=chosen.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema, with the answers model (read by the use case itself) in components."""
    if app.openapi_schema is None:
        from fastapi.openapi.utils import get_openapi  # noqa: PLC0415

        schema = get_openapi(
            title=app.title,
            version=app.version,
            summary=app.summary,
            routes=app.routes,
        )
        _, defs = models_json_schema(
            [(ANSWERS_MODEL, "validation")], ref_template="#/components/schemas/{model}"
        )
        schema.setdefault("components", {}).setdefault("schemas", {}).update(defs["$defs"])
        app.openapi_schema = schema
    return app.openapi_schema


def app_from_env() -> FastAPI:
    """For uvicorn (``--factory``): each worker process builds the app from the environment."""
    return create_app(WebConfig.from_env())
