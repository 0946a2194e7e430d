"""Who is asking: the session cookie read into the account's ``Session``, and CSRF checked on
every request that changes something (the token given at sign-in, sent back in the
X-CSRF-Token header, compared in constant time)."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Annotated

from fastapi import Depends, Request, Response

from sleepmin.errors import NotAllowed
from sleepmin.usecases import accounts
from sleepmin.web.services import Services

COOKIE = "sleepmin_session"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


Service = Annotated[Services, Depends(services)]


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def signed_in(request: Request, service: Service) -> accounts.Session:
    """The signed-in account (401 otherwise); a changing request must carry the session's CSRF
    token (403 otherwise)."""
    session = accounts.signed_in(service.store, request.cookies.get(COOKIE), now=now())
    if request.method not in SAFE_METHODS:
        sent = request.headers.get(CSRF_HEADER, "")
        if not secrets.compare_digest(sent.encode(), session.csrf_token.encode()):
            raise NotAllowed(
                "this request needs the session's CSRF token in the X-CSRF-Token header "
                "(given at sign-in); reload the page or sign in again"
            )
    return session


SignedIn = Annotated[accounts.Session, Depends(signed_in)]


def set_session_cookie(response: Response, request: Request, token: str) -> None:
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(accounts.SESSION_LIFE.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"
