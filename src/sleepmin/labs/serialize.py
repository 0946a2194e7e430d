"""Lab interpretations as JSON-ready dicts (`sleepmin labs interpret/import --json`)."""

from __future__ import annotations

from typing import Any

from sleepmin.labs.catalog import Catalog
from sleepmin.labs.importing import LabImport
from sleepmin.labs.interpret import Interpretation


def interpretation_json(item: Interpretation, catalog: Catalog) -> dict[str, Any]:
    test = item.test
    ref = test.reference
    return {
        "test": test.key,
        "name": test.name,
        "mineral": test.mineral or None,
        "value": item.result.value,
        "unit": item.result.unit,
        "date": item.result.date,
        "source": item.result.source,
        "si": {"value": round(item.canonical_value, 4), "unit": test.canonical_unit},
        "conventional": {
            "value": round(item.conventional_value, 4),
            "unit": test.conventional_unit,
        },
        "loinc": [{"code": x.code, "display": x.display} for x in test.loinc],
        "reference_interval": None
        if ref is None
        else {
            "low": item.reference_range[0],
            "high": item.reference_range[1],
            "unit": ref.unit,
            "note": item.reference_group.note if item.reference_group else ref.note,
            "group": item.reference_group.applies_to if item.reference_group else None,
            "verified": ref.verified,
            "citations": catalog.cite(ref.sources),
        },
        "status": item.status,
        "thresholds_met": [
            {
                "id": t.id,
                "rule": t.rule,
                "meaning": t.meaning,
                "action": t.action,
                "applies_to": t.applies_to,
                "condition": t.condition,
                "severity": t.severity,
                "critical": t.critical,
                "verified": t.verified,
                "citations": catalog.cite(t.sources),
            }
            for t in item.hits
        ],
        "caveats": list(item.caveats),
        "notes": list(item.notes),
        "citations": catalog.cite(test.sources),
    }


def import_json(
    imported: LabImport, interpretations: list[Interpretation], catalog: Catalog
) -> dict[str, Any]:
    return {
        "results": [interpretation_json(i, catalog) for i in interpretations],
        "problems": [{"where": p.where, "reason": p.reason} for p in imported.problems],
        "skipped": imported.skipped,
    }
