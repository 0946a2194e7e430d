"""What every result shares: the mineral names, numbers as the core gives them, and a citation of
the reference list (``references.reference_json``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from sleepmin.results.base import Result

# The six minerals (nutrients.Mineral); a Literal is order-free, so one serves every result.
MineralName = Literal["calcium", "iron", "magnesium", "potassium", "zinc", "copper"]
# A number as the core gives it: an int where it is one (`0` from a sum of nothing, `30` from
# labs.toml), so the JSON keeps `0` and `30`, not `0.0` and `30.0`.
Number = int | float


class Citation(Result):
    """One entry of the reference list (data/references.toml), as every cited finding gives it."""

    id: str = Field(description="The reference's id in data/references.toml.")
    authors: str = Field(description="The authors (or issuing body), as cited.")
    title: str = Field(description="The title of the work.")
    journal: str | None = Field(description="The journal or publisher; null when not given.")
    year: int | None = Field(description="The year of publication; null when not given.")
    doi: str | None = Field(description="The DOI, without the doi: prefix; null when none.")
    pmid: str | None = Field(description="The PubMed id, as text; null when none.")
    url: str | None = Field(description="A web address for the source; null when none.")
    verified: bool = Field(
        description="Whether the citation was checked against the source itself."
    )
    citation: str = Field(
        description="The reference formatted for reading: authors, title, journal, year and "
        "the DOI, PMID or URL."
    )
