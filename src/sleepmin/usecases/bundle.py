"""Use cases: what a person can hand to their clinician — the assessment as a PDF, their daily
intake as CSV, and a FHIR R4 Bundle (lab results as Observations with their LOINC codes, the
screening answers as a QuestionnaireResponse)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Any

from sleepmin.errors import SleepminError
from sleepmin.labs.catalog import load_catalog
from sleepmin.results.diet import DietAnalysis
from sleepmin.store import people as rows
from sleepmin.store.db import Store
from sleepmin.version import __version__

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
INTAKE_COLUMNS = (
    "date",
    "mineral",
    "food_mg",
    "supplements_mg",
    "total_mg",
    "target_type",
    "target_mg",
    "ul_mg",
)


def intake_csv(analysis: DietAnalysis) -> str:
    """Daily intake of each mineral (counted days), then the mean per day, with the target and
    the Upper Limit: one row a day and mineral."""
    data = analysis.to_json()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(INTAKE_COLUMNS)
    minerals = data["minerals"]
    for day in data["days"]:
        if not day["counted"]:
            continue
        for name, intake in day["intake_mg"].items():
            writer.writerow(_intake_row(day["date"] or day["label"], name, intake, minerals[name]))
    for name, mineral in minerals.items():
        writer.writerow(_intake_row("mean", name, mineral["intake_mg_per_day"], mineral))
    return out.getvalue()


def _intake_row(day: str, name: str, intake: dict[str, Any], mineral: dict[str, Any]) -> list[Any]:
    target = mineral.get("target") or {}
    return [
        day,
        name,
        intake.get("food"),
        intake.get("supplements"),
        intake.get("total"),
        target.get("type"),
        target.get("value_mg"),
        mineral.get("ul_mg"),
    ]


def fhir_bundle(store: Store, name: str, *, now: dt.datetime) -> dict[str, Any]:
    """A FHIR R4 Bundle (type collection): each kept lab result as an Observation coded with the
    test's LOINC code, and the newest screening answers as a QuestionnaireResponse. No name or
    e-mail is in it: the clinician knows whom it came from."""
    with store.unit() as session:
        person = rows.get_person(session, name)
        labs = [(lab.test, lab.value, lab.unit, lab.taken_on) for lab in rows.labs(session, person)]
        answers = rows.latest_answers(session, person)
    catalog = load_catalog()
    entries = []
    for test, value, unit, taken in labs:
        known = catalog.tests.get(test)
        coding = [
            {"system": LOINC, "code": code.code, "display": code.display}
            for code in (known.loinc if known else ())
        ]
        observation: dict[str, Any] = {
            "resourceType": "Observation",
            "status": "final",
            "category": [
                {
                    "coding": [
                        {
                            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                            "code": "laboratory",
                        }
                    ]
                }
            ],
            "code": {
                "text": known.name if known else test,
                **({"coding": coding} if coding else {}),
            },
            "valueQuantity": {"value": value, "unit": unit},
        }
        if taken:
            observation["effectiveDateTime"] = taken
        entries.append(observation)
    if answers:
        entries.append(
            {
                "resourceType": "QuestionnaireResponse",
                "status": "completed",
                "authored": now.isoformat(),
                "questionnaire": f"https://sleepmin.example/questionnaire/screening|{__version__}",
                "item": _items(answers),
            }
        )
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": now.isoformat(),
        "entry": [
            {"fullUrl": f"urn:uuid:{uuid.uuid4()}", "resource": resource} for resource in entries
        ],
    }


def _items(answers: dict[str, Any], prefix: str = "") -> list[dict[str, Any]]:
    """Answers as QuestionnaireResponse items: one a question, linkId its key path."""
    items: list[dict[str, Any]] = []
    for key, value in answers.items():
        link = f"{prefix}{key}"
        if isinstance(value, dict):
            nested = _items(value, link + ".")
            if nested:
                items.append({"linkId": link, "item": nested})
            continue
        values = value if isinstance(value, list) else [value]
        answer = [_answer(v) for v in values if v is not None and not isinstance(v, dict)]
        if answer:
            items.append({"linkId": link, "answer": answer})
        elif values and all(isinstance(v, dict) for v in values):
            group = [
                {"linkId": f"{link}.{i}", "item": _items(v, f"{link}.{i}.")}
                for i, v in enumerate(values)
            ]
            items.append({"linkId": link, "item": group})
    return items


def _answer(value: Any) -> dict[str, Any]:
    if isinstance(value, bool):
        return {"valueBoolean": value}
    if isinstance(value, int):
        return {"valueInteger": value}
    if isinstance(value, float):
        return {"valueDecimal": value}
    return {"valueString": str(value)}


def report_pdf(html: str) -> bytes:
    """The printable report as PDF, printed by headless Chromium (Debian's `chromium`)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise PdfUnavailable()
    with tempfile.TemporaryDirectory(prefix="sleepmin-pdf-") as tmp:
        page, pdf = Path(tmp) / "report.html", Path(tmp) / "report.pdf"
        page.write_text(html, "utf-8")
        try:
            subprocess.run(
                [
                    chromium,
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    f"--user-data-dir={tmp}/profile",
                    "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}",
                    page.as_uri(),
                ],
                capture_output=True,
                timeout=60,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise PdfUnavailable() from None
        if not pdf.exists() or not pdf.read_bytes().startswith(b"%PDF"):
            raise PdfUnavailable()
        return pdf.read_bytes()


class PdfUnavailable(SleepminError):
    status = 503

    def __init__(self) -> None:
        super().__init__(
            "the report cannot be printed to PDF on this server (it needs Chromium); open the "
            "printable report and print it from the browser instead"
        )
