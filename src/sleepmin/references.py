"""The reference list every part of sleepmin cites (the knowledge base, lab thresholds, safety
rules, clinical pathways): ``data/references.toml``, each entry with its DOI, PMID or URL and
whether it was checked."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class Reference:
    id: str
    authors: str
    title: str
    year: int | None
    journal: str | None = None
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None
    verified: bool = True

    @property
    def citation(self) -> str:
        where = self.journal or ""
        parts = [f"{self.authors} {self.title}.", f"{where} {self.year or ''}".strip() + "."]
        if self.doi:
            parts.append(f"doi:{self.doi}")
        elif self.pmid:
            parts.append(f"PMID {self.pmid}")
        elif self.url:
            parts.append(self.url)
        return " ".join(p for p in parts if p.strip(". "))


def reference_json(ref: Reference) -> dict[str, Any]:
    return {
        "id": ref.id,
        "authors": ref.authors,
        "title": ref.title,
        "journal": ref.journal,
        "year": ref.year,
        "doi": ref.doi,
        "pmid": ref.pmid,
        "url": ref.url,
        "verified": ref.verified,
        "citation": ref.citation,
    }


@functools.cache
def load_references() -> dict[str, Reference]:
    raw = _references_toml().get("references", _references_toml())
    refs = {}
    for key, r in raw.items():
        refs[key] = Reference(
            id=key,
            authors=r.get("authors", ""),
            title=r.get("title", ""),
            year=r.get("year"),
            journal=r.get("journal") or r.get("publisher"),
            doi=r.get("doi"),
            pmid=str(r["pmid"]) if r.get("pmid") else None,
            url=r.get("url"),
            verified=bool(r.get("verified", True)),
        )
    return refs


def _references_toml() -> dict[str, Any]:
    text = resources.files("sleepmin.data").joinpath("references.toml").read_text("utf-8")
    return tomllib.loads(text)
