"""A safety report: findings (red flags first) and, when nothing is a red flag, the schedule."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sleepmin.labs.catalog import Catalog
from sleepmin.safety.checks import Finding, SafetyInput, check
from sleepmin.safety.schedule import Dose, timing_schedule


@dataclass(frozen=True, slots=True)
class SafetyReport:
    findings: tuple[Finding, ...]
    schedule: tuple[Dose, ...] | None  # None when a red flag stops the plan

    @property
    def passes(self) -> bool:
        return not any(f.severity == "red_flag" for f in self.findings)


def safety_report(plan: SafetyInput) -> SafetyReport:
    findings = tuple(check(plan))
    passes = not any(f.severity == "red_flag" for f in findings)
    schedule = tuple(timing_schedule(plan.supplements, plan.medications)) if passes else None
    return SafetyReport(findings, schedule)


def report_json(report: SafetyReport, catalog: Catalog) -> dict[str, Any]:
    return {
        "passes": report.passes,
        "findings": [
            {
                "severity": f.severity,
                "mineral": f.mineral,
                "message": f.message,
                "rule": f.rule,
                "citations": catalog.cite(f.citations),
            }
            for f in report.findings
        ],
        "schedule": None
        if report.schedule is None
        else [
            {
                "slot": d.slot,
                "supplement": d.supplement,
                "mineral": d.mineral or None,
                "amount_mg": d.amount_mg,
                "instructions": d.instructions,
                "citations": catalog.cite(d.citations),
                "conflict": d.conflict is not None,
                "conflict_message": d.conflict,
            }
            for d in report.schedule
        ],
    }
