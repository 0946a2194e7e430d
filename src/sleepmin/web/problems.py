"""Errors as RFC 9457 problem details (``application/problem+json``): the one-line message a
person can act on, and the status that says whose the problem is. A SleepminError carries its
own status; a request that does not match its schema is 422 with the fields named; anything
unexpected is a 500 that tells nothing of the inside (the traceback goes to the server log)."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from sleepmin.errors import SleepminError, TooManyAttempts

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("sleepmin.web")


class Problem(BaseModel):
    """An error, as every route reports one (RFC 9457)."""

    type: str = Field("about:blank", description="Always about:blank: the status says the kind.")
    title: str = Field(description="The status's name, e.g. Unprocessable Content.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="One line: what is wrong and how to fix it.")
    errors: list[dict[str, Any]] | None = Field(
        None, description="For a request that does not match its schema: each field's problem."
    )


class BodyTooLarge(Exception):
    """The request body grew past the service's limit while it was read."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


def problem(status: int, detail: str, **extra: Any) -> JSONResponse:
    body = Problem(title=HTTPStatus(status).phrase, status=status, detail=detail, **extra)
    return JSONResponse(
        body.model_dump(exclude_none=True), status_code=status, media_type=PROBLEM_JSON
    )


def too_large(limit: int) -> JSONResponse:
    return problem(
        413, f"the request body is larger than {limit:,} bytes; send a smaller file or split it"
    )


def _field(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc if p != "body") or "body"


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(SleepminError)
    async def _sleepmin(_: Request, exc: SleepminError) -> JSONResponse:
        response = problem(exc.status, str(exc))
        if isinstance(exc, TooManyAttempts):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"field": _field(tuple(e.get("loc", ()))), "problem": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        first = errors[0] if errors else {"field": "body", "problem": "is not valid"}
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return problem(
            422,
            f"{first['field']}: {first['problem']}{more}; see /openapi.json for the request",
            errors=errors,
        )

    @app.exception_handler(HTTPException)
    async def _http(_: Request, exc: HTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 400 and "parsing the body" in detail:
            detail = "the body cannot be read as JSON in UTF-8; send JSON (see /openapi.json)"
        return problem(exc.status_code, detail)

    @app.exception_handler(BodyTooLarge)
    async def _large(_: Request, exc: BodyTooLarge) -> JSONResponse:
        return too_large(exc.limit)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem(500, "something went wrong on the server; nothing was changed")
