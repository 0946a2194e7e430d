"""Screening scores as typed models: `sleepmin isi score --json` (docs/cli.md), the dict
``cli.assess.isi_score`` prints from ``screen.instruments.IsiScore``."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from sleepmin.results.base import Result

# screen.instruments.ISI_BANDS: none 0-7, subthreshold 8-14, moderate 15-21, severe 22-28.
IsiBandName = Literal["none", "subthreshold", "moderate", "severe"]
IsiItemScore = Annotated[int, Field(ge=0, le=4)]


class IsiResult(Result):
    """`sleepmin isi score --json`: the Insomnia Severity Index from its seven item scores."""

    total: int = Field(ge=0, le=28, description="The sum of the seven items, 0-28.")
    band: IsiBandName = Field(
        description="none 0-7, subthreshold 8-14, moderate 15-21, severe 22-28 (Bastien 2001)."
    )
    label: str = Field(
        description="The band in words, e.g. 'clinical insomnia, moderate severity'."
    )
    items: list[IsiItemScore] = Field(
        min_length=7, max_length=7, description="The seven item scores, 0-4 each, in order."
    )


class IsiPoint(Result):
    saved_at: str = Field(description="When the answers with these ISI scores were saved.")
    total: int = Field(ge=0, le=28, description="The ISI total, 0-28.")
    band: IsiBandName = Field(description="none, subthreshold, moderate or severe.")


class IsiHistory(Result):
    """`sleepmin isi history --json`: a person's ISI totals over time, from their saved answers."""

    person: str = Field(description="Whose answers.")
    points: list[IsiPoint] = Field(
        description="Each saved answer set with ISI scores, oldest first."
    )
    note: str = Field(description="How to read a change.")
