"""Request bodies that are files (lab results, a diary): read as a stream, which the body limit
(limits.py) cuts off past its size, then handed to the use case as text."""

from __future__ import annotations

import io

from fastapi import Request

from sleepmin import usecases
from sleepmin.errors import InvalidInput


async def body_bytes(request: Request) -> bytes:
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
    return bytes(raw)


async def body_text(request: Request, what: str) -> str:
    """The body as UTF-8 text (a byte-order mark dropped); a clear error if it is not."""
    try:
        return (await body_bytes(request)).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(what, "is not UTF-8 text", "send it as CSV (UTF-8)") from None


async def lab_upload(request: Request) -> usecases.LabsSource:
    """A lab file: CSV when sent as text/csv (or text/plain), else FHIR JSON; the lab reader
    names any bytes it cannot read."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    name = "labs.csv" if kind in ("text/csv", "text/plain") else "labs.json"
    text = (await body_bytes(request)).decode("utf-8", errors="replace")
    return usecases.LabsSource(io.StringIO(text), name)
