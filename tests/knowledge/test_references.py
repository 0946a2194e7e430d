"""The bibliography (data/references.toml): every reference can be found again, and honestly.

These tests read the TOML file directly, not through ``load_references``, so they also cover the
keys the catalog does not load (``no_identifier``, ``note``).
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from typing import Any

import pytest

from sleepmin.knowledge.kb import load_knowledge
from sleepmin.nutrients import Mineral
from sleepmin.references import load_references

RAW: dict[str, dict[str, Any]] = tomllib.loads(
    resources.files("sleepmin.data").joinpath("references.toml").read_text(encoding="utf-8")
)

KEYS = {
    "authors",
    "title",
    "journal",
    "publisher",
    "year",
    "volume",
    "pages",
    "doi",
    "pmid",
    "url",
    "no_identifier",
    "verified",
    "note",
}
IDENTIFIERS = ("doi", "pmid", "url")

DOI = re.compile(r"^10\.\d{4,9}/\S+$")
PMID = re.compile(r"^[1-9]\d{0,8}$")
URL = re.compile(r"^https://[^\s/]+\.[^\s/]+(/\S*)?$")
ID = re.compile(r"^[a-z][a-z0-9_]*$")

# The references issue 9 (clinical pathways) added; the safety rules and the report cite them.
ISSUE_9_IDS = (
    "chung_2008_stopbang",
    "chung_2012_stopbang",
    "chung_2016_stopbang",
    "kroenke_2003_phq2",
    "lifeline_988",
    "findahelpline",
    "who_2024_haemoglobin",
    "snook_2021_bsg",
    "ko_2020_aga",
    "kost_1990_critical",
    "walsh_2016_hypercalcaemia",
    "turner_2016_hypocalcaemia",
    "duncan_2015_zinc_copper",
    "meehan_2018_lithium",
    "nhs_pregnancy_foods",
    "ferritin_si_conversion",
    "dbh_copper",
)

# Pairs of ids allowed to name one document (none today: one document, one id).
ALIASES: set[frozenset[str]] = set()


def _identifiers(ref: dict[str, Any]) -> list[str]:
    return [k for k in IDENTIFIERS if ref.get(k)]


def test_the_file_has_references_with_well_formed_ids() -> None:
    assert len(RAW) >= 80
    for key, ref in RAW.items():
        assert ID.match(key), key
        assert isinstance(ref, dict), key


@pytest.mark.parametrize("key", sorted(RAW))
def test_fields(key: str) -> None:
    ref = RAW[key]
    assert set(ref) <= KEYS, (key, set(ref) - KEYS)
    assert isinstance(ref.get("authors"), str) and ref["authors"].strip(), key
    assert isinstance(ref.get("title"), str) and ref["title"].strip(), key
    assert ref.get("journal") or ref.get("publisher"), f"{key}: journal or publisher"
    assert isinstance(ref.get("year"), int) and 1900 < ref["year"] <= 2030, key
    assert isinstance(ref.get("verified"), bool), f"{key}: verified must be true or false"


@pytest.mark.parametrize("key", sorted(RAW))
def test_every_reference_can_be_found_again(key: str) -> None:
    ref = RAW[key]
    reason = ref.get("no_identifier")
    if reason is None:
        assert _identifiers(ref), f"{key}: give a doi, pmid or url, or no_identifier = reason"
        return
    assert isinstance(reason, str) and len(reason.strip()) >= 20, f"{key}: say why"
    assert not _identifiers(ref), f"{key}: no_identifier together with an identifier"
    assert ref["verified"] is False, f"{key}: nothing to check it against, so not verified"


@pytest.mark.parametrize("key", sorted(RAW))
def test_identifiers_are_well_formed(key: str) -> None:
    ref = RAW[key]
    if "doi" in ref:
        doi = ref["doi"]
        assert isinstance(doi, str) and DOI.match(doi), f"{key}: DOI {doi!r}"
        assert not doi.lower().startswith(("doi:", "http")), key
    if "pmid" in ref:
        pmid = ref["pmid"]
        assert isinstance(pmid, str) and PMID.match(pmid), f"{key}: PMID {pmid!r}"
    if "url" in ref:
        url = ref["url"]
        assert isinstance(url, str) and URL.match(url), f"{key}: URL {url!r} (https only)"


def test_no_identifier_is_shared_by_two_references() -> None:
    seen: dict[tuple[str, str], str] = {}
    for key, ref in RAW.items():
        for field in IDENTIFIERS:
            value = ref.get(field)
            if not value:
                continue
            norm = (field, value.lower().rstrip("/"))
            other = seen.setdefault(norm, key)
            if other != key:
                assert frozenset({other, key}) in ALIASES, (field, value, other, key)


def test_aliases_describe_the_same_document() -> None:
    for pair in ALIASES:
        a, b = (RAW[k] for k in sorted(pair))
        for field in ("title", "year", *IDENTIFIERS, "verified"):
            assert a.get(field) == b.get(field), (sorted(pair), field)


@pytest.mark.parametrize("key", ISSUE_9_IDS)
def test_issue_9_references_exist_and_load(key: str) -> None:
    assert key in RAW, key
    ref = load_references()[key]
    raw = RAW[key]
    assert ref.doi == raw.get("doi") and ref.pmid == raw.get("pmid") and ref.url == raw.get("url")
    assert ref.verified is raw["verified"]
    assert ref.citation.startswith(ref.authors)


def test_the_catalog_keeps_every_identifier() -> None:
    refs = load_references()
    assert set(refs) == set(RAW)
    for key, raw in RAW.items():
        ref = refs[key]
        assert (ref.doi, ref.pmid, ref.url) == (raw.get("doi"), raw.get("pmid"), raw.get("url"))
        if _identifiers(raw):
            first = raw.get("doi") or raw.get("pmid") or raw.get("url")
            assert str(first) in ref.citation, key


def test_the_ferritin_conversion_source_gives_the_factor() -> None:
    ref = RAW["ferritin_si_conversion"]
    assert "2.247" in ref["title"] or "2.247" in ref.get("note", "")


def test_the_copper_mechanism_names_dopamine_beta_hydroxylase() -> None:
    copper = load_knowledge().minerals[Mineral.COPPER]
    step = [m for m in copper.mechanisms if "hydroxylase" in m.text]
    assert step, "a copper mechanism must name dopamine beta-hydroxylase"
    text = step[0].text
    assert "dopamine" in text and "norepinephrine" in text
    assert "dbh_copper" in step[0].citations
