"""Use cases: the assessment (could minerals be part of this sleep problem?), what is known
about a mineral, and the Insomnia Severity Index."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sleepmin.errors import InvalidAnswers, InvalidInput
from sleepmin.fileio import check_input_file
from sleepmin.foods.database import FoodDatabase
from sleepmin.foods.model import Food
from sleepmin.knowledge.explain import article_claims_json, explain_json, installed_foods
from sleepmin.knowledge.kb import KnowledgeBase, load_knowledge
from sleepmin.labs.catalog import load_catalog
from sleepmin.labs.interpret import LabResult
from sleepmin.nutrients import Mineral
from sleepmin.report.assessment import build_assessment, interpret_labs, lab_context, profile_from
from sleepmin.report.html import REPORT_CSS, render_html, report_body
from sleepmin.results.assessment import AssessmentReport
from sleepmin.results.knowledge import ArticleClaims, MineralExplanation
from sleepmin.results.screening import IsiResult
from sleepmin.screen.answers import (
    MAX_ANSWERS_BYTES,
    Answers,
    dump_answers,
    load_answers,
    parse_answers,
    supplements_from,
)
from sleepmin.screen.instruments import IsiScore, parse_isi_items, score_isi
from sleepmin.usecases.diet import diet_for
from sleepmin.usecases.inputs import FoodLog
from sleepmin.usecases.labs import LabsSource, import_labs
from sleepmin.usecases.ports import PinStore
from sleepmin.usecases.targets import targets_for


@dataclass(frozen=True, slots=True)
class Assessment:
    report: AssessmentReport  # the shape of docs/assessment.md
    warnings: tuple[str, ...]  # lab results not used, pins not saved

    def result(self) -> AssessmentReport:
        return self.report

    def to_json(self) -> dict[str, Any]:
        return self.report.to_json()

    def to_html(self) -> str:
        """The printable report, drawn from the same result as the JSON."""
        return render_html(self.to_json())


def report_html(report: AssessmentReport) -> str:
    """A saved assessment as HTML for a page of the web app: the printable report's body (its
    styles are ``report_css()``)."""
    return report_body(report.to_json())


def report_css() -> str:
    return REPORT_CSS


def read_answers(raw: str | bytes, name: str = "answers") -> Answers:
    """An answers file's content (YAML, or JSON when ``name`` ends in .json), validated."""
    return load_answers(raw, name)


def answers_from(data: object) -> Answers:
    """Answers already parsed from JSON (a request body), validated as an answers file is: the
    errors name the key and the choices, and start with the crisis wording when the answers
    report thoughts of self-harm."""
    return parse_answers(data)


def read_answers_file(path: Path) -> Answers:
    """An answers file (docs/assessment.md), read and validated; a one-line error naming the
    path and the fix if it is missing or unreadable."""
    return read_answers(_answers_bytes(path), path.name)


def answers_text(answers: Answers) -> str:
    """Answers as the YAML an answers file holds (what `assess --interactive` writes)."""
    return dump_answers(answers)


def _answers_bytes(path: Path) -> bytes:
    check_input_file(path, "the answers file")
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_ANSWERS_BYTES + 1)
    except FileNotFoundError:
        raise InvalidAnswers(
            f"no answers file at {path}; write one (docs/assessment.md), or answer the "
            "questions one by one"
        ) from None
    except OSError as exc:
        raise InvalidInput(
            f"answers file {path}",
            f"cannot be read ({exc.strerror or exc})",
            "check the path and its permissions",
        ) from None


def assess(
    answers: Answers,
    *,
    today: dt.date,
    foods: FoodDatabase | None = None,
    log: FoodLog | None = None,
    labs: LabsSource | None = None,
    pins: PinStore | None = None,
    kept_labs: Sequence[LabResult] = (),
) -> Assessment:
    """`sleepmin assess`: ranked minerals with reasons and citations, diet, labs, safety and
    next steps. The food log is read with the person's saved pins; lab results from ``labs``
    add to those in the answers. Without a food database, food suggestions are limited to
    what needs no amounts. ``kept_labs`` are results kept from earlier (a person's store)."""
    catalog = load_catalog()
    kb = load_knowledge()
    profile = profile_from(answers)
    targets = targets_for(profile) if profile else None
    warnings: list[str] = []
    imported: list[LabResult] = list(kept_labs)
    if labs is not None:
        read = import_labs(labs.source, lab_context(answers, [], catalog), name=labs.name)
        warnings += read.warnings
        imported += read.imported.results
    diet = None
    if log is not None:
        if targets is None:
            raise InvalidAnswers(
                "a food log needs the profile (age and sex) in the answers file "
                "to compare intake with reference values"
            )
        if foods is None:
            raise ValueError("a food log needs the food database")
        report = diet_for(
            log,
            foods,
            targets,
            today=today,
            supplements=supplements_from(answers),
            pins=pins,
        )
        warnings += report.warnings
        diet = report.analysis
    data = build_assessment(
        answers,
        kb,
        catalog,
        targets=targets,
        diet=diet,
        labs=interpret_labs(answers, catalog, imported),
        foods=knowledge_foods(kb, foods),
        today=today,
    )
    return Assessment(AssessmentReport.model_validate(data), tuple(warnings))


def knowledge_foods(kb: KnowledgeBase, foods: FoodDatabase | None) -> dict[str, Food | None]:
    """The knowledge base's food sources from the installed database, when there is one."""
    return {} if foods is None else installed_foods(kb, foods)


def explain(mineral: Mineral | str, foods: FoodDatabase | None = None) -> MineralExplanation:
    """`sleepmin explain MINERAL`: mechanisms, sleep links, signs, risk groups, food sources
    (amounts from the database when installed) and claims, each cited and graded."""
    kb = load_knowledge()
    chosen = mineral if isinstance(mineral, Mineral) else _mineral(mineral)
    return MineralExplanation.model_validate(explain_json(kb, chosen, knowledge_foods(kb, foods)))


def _mineral(name: str) -> Mineral:
    try:
        return Mineral(name.strip().lower())
    except ValueError:
        raise InvalidInput(
            f"the mineral {name[:40]!r}",
            "is not one sleepmin covers",
            "use one of: " + ", ".join(m.value for m in Mineral),
        ) from None


def article_claims() -> ArticleClaims:
    """`sleepmin explain --claims`: the source article's claims, graded against the evidence."""
    return ArticleClaims.model_validate(article_claims_json(load_knowledge()))


def score_isi_items(items: str | list[int] | tuple[int, ...]) -> IsiResult:
    """`sleepmin isi score`: the total (0-28) and band of the seven item scores, written
    ("3,2,2,2,2,2,2") or as numbers."""
    score = score_isi(parse_isi_items(items) if isinstance(items, str) else list(items))
    return isi_result(score)


def isi_result(score: IsiScore) -> IsiResult:
    return IsiResult.model_validate(
        {"total": score.total, "band": score.band, "label": score.label, "items": list(score.items)}
    )
