"""The base of every typed result: strict about its keys, dumped as the documented JSON."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Result(BaseModel):
    """A JSON contract: unknown keys are refused (the schema is complete), and the dump keeps the
    documented key order."""

    # defer_build: a model builds its validator on first use, so a command pays only for the
    # models of its own result (building them all took 0.18 s of every start)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
