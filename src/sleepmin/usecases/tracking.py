"""Use cases: the sleep diary and the ISI over time, drawn — on the web app's diary page and in
the printable report a person hands to their clinician."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sleepmin.report.html import render_html
from sleepmin.report.trends import diary_charts
from sleepmin.results.assessment import AssessmentReport
from sleepmin.store.db import Store
from sleepmin.usecases.diary import diary_show
from sleepmin.usecases.people import isi_history, latest_assessment

REPORT_WEEKS = 8  # the report shows the last eight weeks of the diary


def diary_tracking(
    store: Store, name: str, *, today: dt.date, weeks: int = REPORT_WEEKS
) -> dict[str, Any]:
    """The person's diary of the last ``weeks`` weeks and their ISI totals over time, in the
    shapes of ``diary show --json`` and ``isi history --json``."""
    return {
        "weeks": weeks,
        "diary": diary_show(store, name, weeks=weeks, today=today).to_json(),
        "isi": isi_history(store, name).to_json(),
    }


def person_report_html(
    store: Store, name: str, *, today: dt.date, report: AssessmentReport | None = None
) -> str | None:
    """The printable report of the person's newest saved assessment (or ``report``), with their
    sleep diary and ISI over time; None when nothing was assessed yet."""
    report = report if report is not None else latest_assessment(store, name)
    if report is None:
        return None
    return render_html(report.to_json(), diary_tracking(store, name, today=today))


def trend_charts(diary: Mapping[str, Any], isi: Mapping[str, Any] | None = None) -> str:
    """The diary's charts (and the ISI's) as an HTML fragment, for a page of the web app."""
    return diary_charts(diary, isi)
