"""One assessment from a person's answers, food log and labs: ranked minerals with reasons,
safety findings, ISI, RLS, labs, diet and next steps — as a JSON-ready dict. Pure apart from the
food database passed in for the diet analysis and food-source amounts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sleepmin.intake.analysis import Analysis
from sleepmin.intake.serialize import analysis_json
from sleepmin.intake.supplements import Supplement
from sleepmin.intake.targets import Diet, Profile, Sex, Targets
from sleepmin.knowledge.explain import FoodAmounts
from sleepmin.knowledge.kb import KnowledgeBase
from sleepmin.labs.catalog import Catalog
from sleepmin.labs.interpret import Interpretation
from sleepmin.labs.serialize import interpretation_json
from sleepmin.nutrients import Mineral
from sleepmin.safety.checks import SafetyInput
from sleepmin.safety.report import report_json, safety_report
from sleepmin.screen.answers import Answers
from sleepmin.screen.instruments import (
    ISI_SOURCES,
    RLS_CRITERIA,
    RLS_SOURCES,
    score_isi,
    screen_rls,
)
from sleepmin.screen.risk import MineralEstimate, estimate

NOT_A_DIAGNOSIS = (
    "sleepmin estimates, explains and cites; it does not diagnose. A mineral marked 'likely' "
    "is a reason to talk to a clinician and test, not a reason to start supplements. Insomnia "
    "has many causes, and cognitive behavioural therapy for insomnia (CBT-I) is the first-line "
    "treatment."
)
TESTS_TO_ASK = {
    Mineral.IRON: (
        "ferritin and transferrin saturation (a morning sample, no iron for 24 hours "
        "before), with CRP",
        ("aasm_2024_rls", "who_2020_ferritin"),
        "ferritin",
    ),
    Mineral.MAGNESIUM: (
        "serum magnesium (a normal result does not rule out low body stores)",
        ("ods_magnesium", "costello_2016"),
        "magnesium",
    ),
    Mineral.ZINC: ("plasma zinc (morning, fasting; low in inflammation)", ("izincg_2004",), "zinc"),
    Mineral.COPPER: ("serum copper and ceruloplasmin", ("mayo_copper",), "copper"),
    Mineral.CALCIUM: ("total calcium with albumin", ("payne_1973", "iom_2011"), "calcium"),
    Mineral.POTASSIUM: ("serum potassium", ("statpearls_hypokalemia",), "potassium"),
}
FOOD_SUGGESTIONS = 3


def profile_from(answers: Answers) -> Profile | None:
    p = answers.profile
    if p is None:
        return None
    return Profile(
        p.age,
        Sex(p.sex),
        p.pregnant,
        p.lactating,
        Diet(p.diet),
        "heavy_periods" in answers.risk_factors,
    )


def supplements_from(answers: Answers) -> tuple[Supplement, ...]:
    return tuple(
        Supplement(f"{s.name} {s.amount_mg:g} mg", Mineral(s.mineral), s.amount_mg, s.name, True)
        for s in answers.supplements
    )


def build_assessment(
    answers: Answers,
    kb: KnowledgeBase,
    catalog: Catalog,
    *,
    targets: Targets | None,
    diet: Analysis | None = None,
    labs: tuple[Interpretation, ...] = (),
    food_amounts: FoodAmounts | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    estimates = estimate(answers, kb, diet, labs)
    isi = score_isi(answers.isi) if answers.isi is not None else None
    rls = screen_rls(answers.rls.model_dump()) if answers.rls is not None else None
    safety: dict[str, Any] | None = None
    if targets is not None:
        conditions = tuple(c for c in ("ckd", "pregnancy") if c in answers.risk_factors)
        food_mg = {m: r.intake.food_mg for m, r in diet.minerals.items()} if diet else {}
        plan = SafetyInput(
            targets,
            supplements_from(answers),
            food_mg,
            tuple(answers.medications),
            conditions,
            labs,
            tuple(answers.signs),
        )
        safety = report_json(safety_report(plan), catalog)
    return {
        "generated": (today or dt.date.today()).isoformat(),
        "profile": answers.profile.model_dump() if answers.profile else None,
        "minerals": [_estimate_json(e, catalog) for e in estimates],
        "safety": safety["findings"] if safety else [],
        "schedule": safety["schedule"] if safety else None,
        "isi": None
        if isi is None
        else {
            "items": list(isi.items),
            "total": isi.total,
            "band": isi.band,
            "label": isi.label,
            "citations": catalog.cite(ISI_SOURCES),
        },
        "rls": None
        if rls is None
        else {
            "criteria": {key: bool(rls.answered.get(key)) for key, _ in RLS_CRITERIA},
            "met": rls.met,
            "count": rls.count,
            "summary": rls.summary,
            "citations": catalog.cite(RLS_SOURCES),
        },
        "labs": [interpretation_json(i, catalog) for i in labs],
        "diet": analysis_json(diet) if diet is not None else None,
        "next_steps": _next_steps(estimates, isi, rls, labs, kb, catalog, food_amounts or {}),
        "not_a_diagnosis": NOT_A_DIAGNOSIS,
    }


def _estimate_json(e: MineralEstimate, catalog: Catalog) -> dict[str, Any]:
    return {
        "mineral": e.mineral.value,
        "level": e.level,
        "score": e.score,
        "supported_by_tests_or_diet": e.objective,
        "reasons": [
            {
                "text": r.text,
                "weight": r.weight,
                "kind": r.kind,
                "citations": catalog.cite(r.citations),
            }
            for r in e.reasons
        ],
    }


def _next_steps(
    estimates: list[MineralEstimate],
    isi: Any,
    rls: Any,
    labs: tuple[Interpretation, ...],
    kb: KnowledgeBase,
    catalog: Catalog,
    food_amounts: FoodAmounts,
) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = []
    measured = {lab.test.key for lab in labs}
    if rls is not None and rls.met:
        steps.append(
            _step(
                "clinician",
                "Restless legs: see a clinician, and ask for ferritin and "
                "transferrin saturation; iron treatment is considered when ferritin is "
                "75 ng/mL or less or saturation under 20%.",
                ("aasm_2024_rls", "irlssg_2018_iron"),
                catalog,
            )
        )
    if isi is not None and isi.total >= 15:
        steps.append(
            _step(
                "clinician",
                f"Insomnia Severity Index {isi.total} ({isi.label}): talk "
                "to a clinician; cognitive behavioural therapy for insomnia is the "
                "first-line treatment.",
                (*ISI_SOURCES, "edinger_2021"),
                catalog,
            )
        )
    for est in estimates:
        if est.level == "unlikely":
            continue
        test, sources, key = TESTS_TO_ASK[est.mineral]
        if key not in measured:
            steps.append(
                _step(
                    "test",
                    f"{est.mineral.value.capitalize()} ({est.level}): ask for {test}.",
                    sources,
                    catalog,
                )
            )
        foods = kb.minerals[est.mineral].food_sources[:FOOD_SUGGESTIONS]
        listed = []
        for food in foods:
            amount = food_amounts.get((est.mineral, food.ndb, food.portion))
            listed.append(
                f"{food.food} ({food.portion}" + (f", about {_mg(amount)})" if amount else ")")
            )
        steps.append(
            _step(
                "food",
                f"{est.mineral.value.capitalize()}: foods that provide it — "
                + "; ".join(listed)
                + ". Food first; any supplement only after "
                "testing and within the upper limit.",
                tuple(dict.fromkeys(c for f in foods for c in f.citations)),
                catalog,
            )
        )
    if not steps:
        steps.append(
            _step(
                "info",
                "Nothing here points to a mineral problem. If sleep stays "
                "poor, talk to a clinician; CBT-I is the first-line treatment for "
                "insomnia.",
                ("edinger_2021",),
                catalog,
            )
        )
    return steps


def _mg(value: float) -> str:
    """Amounts as people read them: 2.2 mg, 77 mg, 839 mg (not 8.4e+02)."""
    return f"{value:.2g} mg" if value < 10 else f"{value:,.0f} mg"


def _step(kind: str, text: str, sources: tuple[str, ...], catalog: Catalog) -> dict[str, Any]:
    return {"kind": kind, "text": text, "citations": catalog.cite(sources)}
