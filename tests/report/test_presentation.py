"""How the report reads, in the terminal and the HTML: numbers as people write them, levels that
cannot be read as "your calcium is low", readable sources with a references list, reference
intervals for every lab, the matched foods of the log, the Upper Limit on the intake chart, next
steps in order with their kind, and 80-column terminal tables whose headers are never cut."""

from __future__ import annotations

import copy
import io
import math
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from sleepmin.cli import assess as assess_cli
from sleepmin.cli import diet as diet_cli
from sleepmin.labs.catalog import load_catalog
from sleepmin.report import format as fmt
from sleepmin.report.html import render_html

WIDTH = 80


def _cite(*ids: str) -> list[dict[str, Any]]:
    return load_catalog().cite(list(ids))


def _mineral_diet(
    food: float,
    supplements: float,
    target: float,
    ul: float | None,
    applies: str,
    status: str = "within",
) -> dict[str, Any]:
    total = food + supplements
    return {
        "intake_mg_per_day": {"food": food, "supplements": supplements, "total": total},
        "target": {"type": "RDA", "value_mg": target},
        "ear_mg": target * 0.8,
        "ul_mg": ul,
        "ul_applies_to": applies,
        "ul_counted_mg": None if ul is None else (supplements if "only" in applies else total),
        "ul_status": status if ul is not None else "none_established",
        "percent_of_target": total / target * 100,
        "probability_inadequate": 0.27,
        "probability_method": "normal",
        "top_sources": [
            {
                "fdc_id": None,
                "ndb_number": "11458",
                "description": "Spinach, cooked, boiled, drained, without salt",
                "mg_per_day": food * 0.5,
                "share_percent": 50.0,
            }
        ],
        "coverage": {"reporting": 4, "logged": 4},
        "summary": "not used by the presentation",
    }


def make_report() -> dict[str, Any]:
    """A report with every part the presentation draws, in the shape build_assessment gives."""
    ods_mg = _cite("ods_magnesium")
    return {
        "generated": "2026-11-25",
        "scope": "This screening is for adults (18 and over).",
        "profile": {"age": 62.0, "sex": "male", "diet": "omnivore", "menopause": None},
        "conditions": ["kidney_stones"],
        "notes": "Wakes at 3am.\n<script>alert(1)</script> & snores",
        "minerals": [
            {
                "mineral": "iron",
                "level": "likely",
                "score": 7.5,
                "supported_by_tests_or_diet": True,
                "reasons": [
                    {
                        "text": "Restless legs: iron deficiency is central to RLS",
                        "weight": 2.0,
                        "kind": "rls",
                        "citations": _cite("aasm_2024_rls", "irlssg_2018_iron"),
                    },
                    {
                        "text": "Symptoms, signs and risk factors count at most 4 together",
                        "weight": -1.5,
                        "kind": "cap",
                        "citations": [],
                    },
                    {
                        "text": "Blood test: Ferritin 22 ng/mL",
                        "weight": 4.0,
                        "kind": "lab",
                        "citations": _cite("who_2020_ferritin"),
                    },
                ],
            },
            {
                "mineral": "magnesium",
                "level": "possible",
                "score": 2.5,
                "supported_by_tests_or_diet": False,
                "reasons": [
                    {
                        "text": "Trouble falling asleep",
                        "weight": 0.5,
                        "kind": "symptom",
                        "citations": _cite("abbasi_2012"),
                    }
                ],
            },
            {
                "mineral": "calcium",
                "level": "unlikely",
                "score": 0.0,
                "supported_by_tests_or_diet": False,
                "reasons": [],
            },
        ],
        "safety": [
            {
                "severity": "warning",
                "mineral": "zinc",
                "message": "High-dose zinc blocks copper absorption.",
                "rule": "high_dose_zinc",
                "citations": _cite("ods_zinc"),
            },
            {
                "severity": "red_flag",
                "mineral": "potassium",
                "message": "Get medical care today: potassium 2.4 mmol/L is a critical value.",
                "rule": "critical_lab",
                "citations": _cite("statpearls_hypokalemia"),
            },
        ],
        "schedule": [
            {
                "slot": "lunch",
                "supplement": "calcium carbonate 1200 mg",
                "mineral": "calcium",
                "amount_mg": 400.0,
                "instructions": "with food",
                "citations": _cite("ods_calcium"),
            }
        ],
        "supplement_intake": [
            {
                "mineral": "iron",
                "amount_mg": 65.0,
                "supplements": [
                    {
                        "text": "ferrous sulfate 325 mg",
                        "amount_mg": 65.0,
                        "salt_mg": 325.0,
                        "supervised": False,
                        "note": "read as the salt's weight",
                    }
                ],
                "reference_mg": 8.0,
                "ul_mg": 45.0,
                "ul_applies_to": "all sources (food, water and supplements)",
            }
        ],
        "isi": {"items": [3] * 7, "total": 21, "band": "moderate", "label": "moderate"},
        "rls": {"summary": "all five criteria are described", "citations": []},
        "stop_bang": {
            "score": 6,
            "band": "high",
            "items": {"snoring": True, "tired": True, "observed_apnea": False},
            "answered": 8,
            "citations": _cite("chung_2016_stopbang"),
        },
        "mood": {"phq2_total": 4, "phq2_positive": True, "self_harm_thoughts": False},
        "labs": [
            {
                "test": "potassium",
                "name": "Potassium, serum/plasma",
                "value": 2.4,
                "unit": "mmol/L",
                "date": "2026-11-20",
                "si": {"value": 2.4, "unit": "mmol/L"},
                "conventional": {"value": 2.4, "unit": "mEq/L"},
                "reference_interval": {
                    "low": 3.5,
                    "high": 5.0,
                    "unit": "mmol/L",
                    "note": "adult serum",
                    "verified": True,
                    "citations": _cite("statpearls_hypokalemia"),
                },
                "status": "low",
                "thresholds_met": [
                    {
                        "rule": "< 2.5 mmol/L",
                        "meaning": "severe hypokalemia",
                        "citations": _cite("statpearls_hypokalemia"),
                    }
                ],
            },
            {
                "test": "hemoglobin",
                "name": "Hemoglobin",
                "value": 12.4,
                "unit": "g/dL",
                "si": {"value": 124.0, "unit": "g/L"},
                "conventional": {"value": 12.4, "unit": "g/dL"},
                "reference_interval": {
                    "low": None,
                    "high": None,
                    "unit": "g/L",
                    "note": "sex- and pregnancy-specific",
                    "verified": False,
                    "citations": [],
                },
                "status": "no_reference",
                "thresholds_met": [],
            },
            {
                "test": "crp",
                "name": "C-reactive protein",
                "value": 2.0,
                "unit": "mg/L",
                "si": {"value": 2.0, "unit": "mg/L"},
                "conventional": {"value": 0.2, "unit": "mg/dL"},
                "reference_interval": None,
                "status": "no_reference",
                "thresholds_met": [],
            },
        ],
        "diet": {
            "life_stage": "males 51-70 y",
            "items": [
                {
                    "line": "2 bananas",
                    "line_number": 2,
                    "day": 0,
                    "status": "matched",
                    "fdc_id": None,
                    "ndb_number": "09040",
                    "description": "Bananas, raw",
                    "grams": 236.0,
                    "basis": 'USDA measure "1 medium" = 118 g',
                },
                {
                    "line": "1 cup lentils",
                    "line_number": 3,
                    "day": 0,
                    "status": "matched",
                    "fdc_id": None,
                    "ndb_number": "16069",
                    "description": "Lentils, raw",
                    "grams": 192.0,
                    "basis": 'USDA measure "1 cup" = 192 g',
                },
                {
                    "line": "xyzzy",
                    "line_number": 5,
                    "day": 1,
                    "status": "not_understood",
                    "fdc_id": None,
                    "ndb_number": None,
                    "description": None,
                    "grams": None,
                    "basis": None,
                    "reason": "no USDA food matches 'xyzzy'",
                },
            ],
            "item_counts": {"matched": 2, "ambiguous": 0, "not_understood": 1},
            "supplements": [],
            "days": [
                {"label": "Day 1", "date": None, "items": 2, "intake_mg": {}},
                {"label": "Day 2", "date": None, "items": 1, "intake_mg": {}},
            ],
            "minerals": {
                "calcium": _mineral_diet(1200.0, 0.0, 1000.0, 2000.0, "all sources"),
                "iron": _mineral_diet(10.4, 65.0, 8.0, 45.0, "all sources", "above"),
                "magnesium": _mineral_diet(
                    163.35,
                    200.0,
                    420.0,
                    350.0,
                    "supplements and medications only (excludes magnesium from food and water)",
                ),
                "potassium": _mineral_diet(1362.0, 0.0, 3400.0, None, "none established"),
                "zinc": _mineral_diet(4.4781, 0.0, 11.0, 40.0, "all sources"),
                "copper": _mineral_diet(0.9991, 0.0, 0.9, 10.0, "all sources"),
            },
            "notes": ["Estimated from 2 days of logged food."],
        },
        "next_steps": [
            {
                "kind": "food",
                "pathway": "food",
                "text": "Iron: foods that provide it",
                "citations": _cite("ods_iron"),
            },
            {
                "kind": "test",
                "pathway": "test",
                "text": "Magnesium (possible): ask for serum magnesium.",
                "citations": _cite("ods_magnesium", "costello_2016"),
            },
            {
                "kind": "clinician",
                "pathway": "apnea",
                "text": "Ask a clinician about a sleep study.",
                "citations": _cite("chung_2016_stopbang"),
            },
            {
                "kind": "urgent",
                "pathway": "emergency",
                "text": "Get medical care today: potassium 2.4 mmol/L.",
                "citations": _cite("statpearls_hypokalemia"),
            },
        ],
        "not_a_diagnosis": "sleepmin estimates, explains and cites; it does not diagnose.",
        "unused": ods_mg,
    }


def minimal_report() -> dict[str, Any]:
    """Only the keys an older or smaller report is sure to have."""
    return {
        "generated": "2026-11-25",
        "minerals": [{"mineral": "zinc", "level": "unlikely", "score": 0, "reasons": []}],
        "safety": [],
        "labs": [],
        "next_steps": [
            {"kind": "info", "text": "Nothing here points to a mineral problem.", "citations": []}
        ],
        "not_a_diagnosis": "not a diagnosis",
    }


class _Text(HTMLParser):
    """The visible text of an HTML page (style contents left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip = tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._skip = False

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


# -- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1200, "1,200 mg"),
        (1200.4, "1,200 mg"),
        (2.2, "2.2 mg"),
        (77, "77 mg"),
        (76.6, "77 mg"),
        (839.4, "839 mg"),
        (0.9, "0.9 mg"),
        (0.9991, "1 mg"),
        (4.4781, "4.5 mg"),
        (0.073, "0.073 mg"),
        (0, "0 mg"),
        (1_000_000, "1,000,000 mg"),
        (12345.6, "12,346 mg"),
    ],
)
def test_mg_reads_as_people_write_it(value: float, text: str) -> None:
    assert fmt.mg(value) == text


def test_other_numbers() -> None:
    assert fmt.percent(113.5) == "114%"
    assert fmt.percent(5.4) == "5.4%"
    assert fmt.lab_number(4.25) == "4.25"
    assert fmt.lab_number(0.45) == "0.45"
    assert fmt.lab_number(1234.0) == "1,234"
    assert fmt.weight(2) == "+2"
    assert fmt.weight(0.5) == "+0.5"
    assert fmt.weight(-1.5) == "−1.5"
    assert fmt.weight(0) == "0"
    assert fmt.probability(0.274) == "27%"
    assert fmt.probability(None) == "-"
    assert fmt.number(float("nan")) == "n/a"


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False))
def test_no_scientific_notation_for_any_amount(value: float) -> None:
    for text in (
        fmt.number(value),
        fmt.mg(value),
        fmt.percent(value),
        fmt.lab_number(value),
        fmt.weight(value),
        fmt.weight(-value),
        fmt.number(-value),
    ):
        assert "e+" not in text and "e-" not in text and "E" not in text, (value, text)
        assert re.fullmatch(r"[+−-]?[\d,]+(\.\d+)?( mg|%)?", text), (value, text)


@given(st.floats(min_value=1e-3, max_value=1e6, allow_nan=False, allow_infinity=False))
def test_rounded_amount_stays_close(value: float) -> None:
    shown = float(fmt.number(value).replace(",", ""))
    assert math.isclose(shown, value, rel_tol=0.05, abs_tol=0.6)


# -- words -------------------------------------------------------------------------------------


def test_levels_cannot_be_misread() -> None:
    assert fmt.level_label("calcium", "unlikely") == "Calcium — low status unlikely"
    assert fmt.level_label("iron", "possible") == "Iron — low status possible"
    assert fmt.level_label("zinc", "likely") == "Zinc — low status likely"


def test_readable_source_names() -> None:
    (abbasi,) = _cite("abbasi_2012")
    assert fmt.source_name(abbasi) == "Abbasi 2012, Journal of Research in Medical Sciences"
    (aasm,) = _cite("aasm_2024_rls")
    assert fmt.source_name(aasm).startswith("Winkelman 2025, Journal of Clinical Sleep Medicine")
    (ods,) = _cite("ods_magnesium")
    assert fmt.source_name(ods) == (
        "NIH Office of Dietary Supplements, Magnesium: Fact Sheet for Health Professionals"
    )
    for citation in load_catalog().cite(list(load_catalog().references)):
        name = fmt.source_name(citation)
        assert name and citation["id"] not in name and len(name) <= 130, (citation["id"], name)


def test_lab_reference_interval_or_the_labs_own_range() -> None:
    report = make_report()
    potassium, hemoglobin, crp = report["labs"]
    assert fmt.lab_reference(potassium) == "3.5–5 mmol/L"
    assert fmt.lab_reading_words(potassium) == "below the reference interval"
    assert fmt.lab_reference(hemoglobin).startswith(
        "no single interval; the lab's own reference range applies (sex- and pregnancy"
    )
    assert fmt.lab_reading(hemoglobin) == "12.4 g/dL (124 g/L)"
    assert fmt.lab_reading_words(hemoglobin) == ""
    assert fmt.lab_reference(crp) == "none known to sleepmin; the lab's own reference range applies"
    ferritin = {
        "value": 22,
        "unit": "ng/mL",
        "reference_interval": {"low": 15, "high": 150, "unit": "ug/L", "group": "women"},
    }
    assert fmt.lab_reference(ferritin) == "15–150 ug/L (= ng/mL), for women"
    assert fmt.lab_reading(ferritin) == "22 ng/mL"
    percent = {"reference_interval": {"low": 20, "high": 50, "unit": "%"}}
    assert fmt.reference_interval(percent["reference_interval"]) == "20–50%"
    assert fmt.reference_interval({"low": None, "high": 5, "unit": "mg/L"}) == "up to 5 mg/L"


def test_steps_and_findings_in_order() -> None:
    report = make_report()
    assert [s["kind"] for s in fmt.ordered_steps(report["next_steps"])] == [
        "urgent",
        "clinician",
        "test",
        "food",
    ]
    assert [f["severity"] for f in fmt.ordered_findings(report["safety"])] == [
        "red_flag",
        "warning",
    ]
    assert fmt.step_label("urgent") == "Today"
    assert fmt.step_label("clinician") == "See a clinician"
    assert fmt.step_label("test") == "Ask for a test"
    assert fmt.step_label("food") == "Food"


# -- HTML --------------------------------------------------------------------------------------


def test_html_badges_reasons_and_sources() -> None:
    html = render_html(make_report())
    text = visible_text(html)
    assert "data-level='likely'" in html and "data-level='unlikely'" in html
    assert "Iron — low status likely" in text
    assert "Magnesium — low status possible" in text
    assert "Calcium — low status unlikely" in text
    assert not re.search(r"<span class='level [a-z]+'>(low|likely|possible|unlikely)</span>", html)
    assert "--low:" not in html and "green" not in html  # no "good = green low"
    # the reasons with their weights and readable sources
    assert re.search(r"Restless legs: iron deficiency is central to RLS</td>.*?\+2<", html)
    assert "−1.5" in text and "+4" in text and "Total +7.5" in text
    assert "Abbasi 2012, Journal of Research in Medical Sciences" in text
    assert "href='#ref-abbasi_2012'" in html and "id='ref-abbasi_2012'" in html
    assert "Sources: aasm_2024_rls" not in text
    refs = html.split("<h2 id='references'>")[1]
    assert "https://pubmed.ncbi.nlm.nih.gov/23853635/" in refs
    for citation_id in set(re.findall(r"href='#ref-([\w-]+)'", html)):
        assert f"id='ref-{citation_id}'" in html


def test_html_chart_shows_the_upper_limit_and_what_it_covers() -> None:
    html = render_html(make_report())
    chart = html.split("id='intake-chart'")[1].split("</figure>")[0]
    rows = dict(re.findall(r"<div class='chart-row' data-mineral='(\w+)'>(.*?)</div>", chart))
    assert set(rows) == {"calcium", "iron", "magnesium", "potassium", "zinc", "copper"}
    assert "UL 350 mg" in rows["magnesium"] and "class='ul-line'" in rows["magnesium"]
    assert "supplements and medications only" in rows["magnesium"]
    assert "RDA 420 mg" in rows["magnesium"]
    assert "UL 2,000 mg" in rows["calcium"]
    assert "above the Upper Limit" in rows["iron"]
    assert "no Upper Limit" in rows["potassium"] and "ul-line" not in rows["potassium"]
    assert "beyond this scale" in rows["copper"]  # 10 mg against 0.9 mg: said, not drawn
    for row in rows.values():  # text, not colour only
        assert "aria-label=" in row and "<title>" in row
    assert "Upper Limit (UL)" in chart


def test_html_labs_foods_steps_safety_and_new_sections() -> None:
    html = render_html(make_report())
    text = visible_text(html)
    assert "Potassium, serum/plasma: 2.4 mmol/L — below the reference interval" in text
    assert "Reference interval: 3.5–5 mmol/L" in text
    assert "Hemoglobin: 12.4 g/dL (124 g/L) Reference interval: no single interval;" in text
    assert "C-reactive protein: 2 mg/L Reference interval: none known to sleepmin; the lab's" in (
        text
    )
    assert "“2 bananas” Day 1, line 2 Bananas, raw (USDA 09040)" in text
    assert "“1 cup lentils” Day 1, line 3 Lentils, raw (USDA 16069)" in text
    assert "Not counted: not understood — no USDA food matches 'xyzzy'" in text
    steps = re.findall(r"<li class='step (\w+)' data-kind='\w+' data-pathway='(\w+)'", html)
    assert steps == [
        ("urgent", "emergency"),
        ("clinician", "apnea"),
        ("test", "test"),
        ("food", "food"),
    ]
    assert "Today: Get medical care today" in text and "See a clinician: Ask a" in text
    assert "Ask for a test: Magnesium" in text and "Food: Iron" in text
    assert html.index("id='urgent'") < html.index("id='safety'") < html.index("id='minerals'")
    findings = re.findall(r"data-severity='(\w+)'", html)
    assert findings == ["red_flag", "warning"]
    assert "Red flag: Get medical care today" in text
    assert "lunch : calcium carbonate 1200 mg (400 mg): with food" in text
    assert "ferrous sulfate 325 mg: 65 mg elemental (from 325 mg of the salt)" in text
    assert "STOP-Bang 6 of 8: high risk of obstructive sleep apnoea" in text
    assert "PHQ-2 4 of 6: a positive screen" in text
    assert "Known conditions: kidney stones" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; snores" in html
    assert "<script" not in html and "src=" not in html and "<link" not in html
    assert "e+0" not in text and "e-0" not in text


def test_html_without_the_optional_parts() -> None:
    html = render_html(minimal_report())
    text = visible_text(html)
    assert "Zinc — low status unlikely" in text
    assert "Good to know: Nothing here points to a mineral problem." in text
    for absent in ("id='diet'", "id='labs'", "id='urgent'", "id='notes'", "id='references'"):
        assert absent not in html


# -- terminal ---------------------------------------------------------------------------------


def _record(monkeypatch: pytest.MonkeyPatch) -> Console:
    out = Console(width=WIDTH, file=io.StringIO(), record=True, color_system=None)
    monkeypatch.setattr(assess_cli, "console", out)
    monkeypatch.setattr(diet_cli, "console", out)
    return out


def assert_fits(text: str) -> None:
    for line in text.splitlines():
        assert len(line) <= WIDTH, line
        if line[:1] in "┃│" or "┃" in line:
            assert "…" not in line, f"a table cell or header was cut: {line}"


def test_terminal_assessment_fits_80_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    out = _record(monkeypatch)
    assess_cli._print_assessment(make_report())
    text = out.export_text()
    assert_fits(text)
    flat = " ".join(text.split())
    assert "TODAY Get medical care today" in flat
    assert flat.index("TODAY") < flat.index("Safety first") < flat.index("Minerals")
    assert "RED FLAG Get medical care today" in flat
    assert flat.index("RED FLAG") < flat.index("Warning: High-dose zinc")
    assert "Iron — low status likely" in flat and "Calcium — low status unlikely" in flat
    assert "+2 Restless legs" in flat and "−1.5 Symptoms" in flat
    assert "Reference: 3.5–5 mmol/L" in flat
    assert "Reference: none known to sleepmin; the lab's own reference range applies" in flat
    assert '"2 bananas" -> Bananas, raw (USDA 09040), 236 g' in flat
    assert "1. Today: Get medical care today" in flat
    assert "2. See a clinician: Ask a clinician" in flat
    assert "3. Ask for a test: Magnesium" in flat and "4. Food: Iron" in flat
    assert "Abbasi 2012, Journal of Research in Medical Sciences" in flat
    assert "<script>alert(1)</script> & snores" in flat
    assert "e+0" not in flat and "e-0" not in flat


def test_terminal_assessment_without_the_optional_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    out = _record(monkeypatch)
    assess_cli._print_assessment(minimal_report())
    flat = " ".join(out.export_text().split())
    assert "Zinc — low status unlikely" in flat
    assert "1. Good to know: Nothing here points" in flat


@pytest.mark.parametrize("scale", [1.0, 1000.0])
def test_diet_tables_fit_80_columns(monkeypatch: pytest.MonkeyPatch, scale: float) -> None:
    out = _record(monkeypatch)
    diet = copy.deepcopy(make_report()["diet"])
    for m in diet["minerals"].values():  # also with six-digit amounts
        for key in ("food", "supplements", "total"):
            m["intake_mg_per_day"][key] *= scale
    diet_cli._print_analysis(diet)
    text = out.export_text()
    assert_fits(text)
    headers = " ".join(line for line in text.splitlines() if "┃" in line)
    for word in ("Mineral", "Food", "Suppl.", "Total", "Reference", "Chance", "UL", "Applies"):
        assert word in headers
    flat = " ".join(text.split())
    assert "supplements and" in flat and "medications only" in flat  # the UL's cover
    assert 'line 5 "xyzzy" -> not counted, not understood' in flat


def test_targets_table_fits_80_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    from sleepmin.intake.serialize import targets_json
    from sleepmin.intake.targets import Diet, Profile, Sex, load_dri_table, personal_targets

    out = _record(monkeypatch)
    for age, sex in ((34, Sex.FEMALE), (0.25, Sex.MALE), (70, Sex.MALE)):
        profile = Profile(age, sex, False, False, Diet.OMNIVORE, False)
        diet_cli._print_targets(targets_json(personal_targets(profile, load_dri_table())))
    text = out.export_text()
    assert_fits(text)
    assert "Upper" in text and "Applies to" in text


# -- every clinical vignette renders ----------------------------------------------------------

CLINICAL = sorted((Path(__file__).parents[1] / "data" / "vignettes_clinical").glob("*.yaml"))


@pytest.mark.slow
def test_every_clinical_vignette_renders(monkeypatch: pytest.MonkeyPatch, real_db: Any) -> None:
    from sleepmin.errors import InvalidAnswers
    from tests.report.test_vignettes import assess

    out = _record(monkeypatch)
    rendered = 0
    for path in CLINICAL:
        data = yaml.safe_load(path.read_text("utf-8"))
        try:
            report = assess(data, real_db)
        except InvalidAnswers:
            continue  # refused (e.g. a child): nothing to render
        html = render_html(report)
        text = visible_text(html)
        assert "e+0" not in text and "e-0" not in text, path.name
        for m in report["minerals"]:
            assert fmt.level_label(m["mineral"], m["level"]) in text
        urgent = [s for s in report["next_steps"] if s["kind"] == "urgent"]
        if urgent:
            assert html.index("id='urgent'") < html.index("id='safety'"), path.name
        assess_cli._print_assessment(report)
        rendered += 1
    assert rendered >= 20
    assert_fits(out.export_text())
