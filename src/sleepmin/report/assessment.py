"""One assessment from a person's answers, food log and labs: ranked minerals with reasons,
safety findings, ISI, RLS, labs, diet and next steps — as a JSON-ready dict. Pure apart from the
food database passed in for the diet analysis and food-source amounts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from sleepmin.errors import InvalidAnswers, SleepminError
from sleepmin.foods.model import Food
from sleepmin.intake.analysis import Analysis
from sleepmin.intake.serialize import analysis_json
from sleepmin.intake.targets import Diet, Profile, Sex, Targets
from sleepmin.intake.vitamin_a import vitamin_a_ul
from sleepmin.knowledge.kb import KnowledgeBase
from sleepmin.knowledge.suggest import FoodSuggestion, Person, suggest_foods
from sleepmin.labs.catalog import Catalog
from sleepmin.labs.interpret import (
    Context,
    Interpretation,
    LabResult,
    check_plausible,
    derive,
    inflammation_from,
    interpret,
)
from sleepmin.labs.serialize import interpretation_json
from sleepmin.numbers import mg
from sleepmin.nutrients import Mineral
from sleepmin.safety.checks import SafetyInput, check, iron_overload_hits, sort_findings
from sleepmin.safety.report import SafetyReport, report_json
from sleepmin.safety.schedule import timing_schedule
from sleepmin.screen.answers import ADULT_AGE, Answers, supplements_from
from sleepmin.screen.instruments import (
    ISI_SOURCES,
    RLS_CRITERIA,
    RLS_SOURCES,
    score_isi,
    screen_rls,
)
from sleepmin.screen.pathways import STEP_KINDS, Pathways, Step, clinical_pathways
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
SCOPE = (
    f"This screening is for adults ({ADULT_AGE} and over): its insomnia and restless-legs "
    "questions and lab cut-offs are adult ones."
)


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


def conditions_from(answers: Answers) -> tuple[str, ...]:
    """Known conditions: the answers' `conditions`, the CKD risk factor and pregnancy."""
    found = list(answers.conditions)
    if "ckd" in answers.risk_factors:
        found.append("ckd")
    if "pregnancy" in answers.risk_factors or (answers.profile and answers.profile.pregnant):
        found.append("pregnancy")
    return tuple(dict.fromkeys(found))


def lab_context(answers: Answers, results: list[LabResult], catalog: Catalog) -> Context:
    """Who the results belong to: sex, age, pregnancy, menopause, restless legs (all five
    criteria met, or not), and inflammation (raised CRP or a known inflammatory condition)."""
    p = answers.profile
    crp = inflammation_from(results, catalog)
    inflamed = True if "inflammation" in answers.conditions or crp else crp
    rls = screen_rls(answers.rls.model_dump()).met if answers.rls is not None else False
    return Context(
        p.sex if p else None,
        p.age if p else None,
        bool(p and p.pregnant),
        inflamed,
        rls,
        p.menopause if p else None,
    )


def interpret_labs(
    answers: Answers, catalog: Catalog, extra: list[LabResult] | None = None
) -> tuple[Interpretation, ...]:
    """The answers' labs (and any imported ones), with derived results, read for this person."""
    results = [
        LabResult(catalog.test(lab.test).key, lab.value, lab.unit, lab.date, "answers")
        for lab in answers.labs
    ] + list(extra or [])
    for derived in derive(results, catalog):
        try:  # a calculated result must be possible too, or its inputs are wrong
            check_plausible(catalog.test(derived.test), derived.value, derived.unit)
        except SleepminError as error:
            raise InvalidAnswers(
                f"the {derived.source} gives an impossible result ({error}); check the results "
                "it is calculated from and their units"
            ) from None
        results.append(derived)
    context = lab_context(answers, results, catalog)
    labs = tuple(interpret(catalog, r, context) for r in results)
    if context.restless_legs and (
        "hemochromatosis" in answers.conditions or iron_overload_hits(labs)
    ):
        # With iron overload, restless legs are not treated with iron: drop those cut-offs.
        context = replace(context, restless_legs=False)
        labs = tuple(interpret(catalog, r, context) for r in results)
    return labs


def build_assessment(
    answers: Answers,
    kb: KnowledgeBase,
    catalog: Catalog,
    *,
    targets: Targets | None,
    diet: Analysis | None = None,
    labs: tuple[Interpretation, ...] = (),
    foods: Mapping[str, Food | None] | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """`foods` maps the knowledge base's NDB numbers to the installed USDA foods (empty when no
    database is installed: food suggestions are then limited to what needs no amounts)."""
    context = lab_context(answers, [i.result for i in labs], catalog)
    conditions = conditions_from(answers)
    supplements = supplements_from(answers)
    food_mg = {m: r.intake.food_mg for m, r in diet.minerals.items()} if diet else {}
    plan = SafetyInput(
        targets,
        supplements,
        food_mg,
        tuple(answers.medications),
        conditions,
        labs,
        tuple(answers.signs),
        tuple(answers.risk_factors),
    )
    plan_findings = check(plan)  # lab, condition and supplement rules run with or without targets
    blocked = any(f.severity == "red_flag" for f in plan_findings) or bool(
        answers.mood and answers.mood.self_harm_thoughts
    )
    pathways = clinical_pathways(answers, labs, context, tuple(plan_findings))
    # Iron taken on one's own while its cause must be found first is held out of the schedule,
    # with a step saying so (prescribed iron, `supervised`, stays).
    held = {s.mineral for s in pathways.steps if s.pathway == "cause_finding" and s.mineral}
    held &= {s.mineral.value for s in supplements if not s.supervised}
    schedule = (
        None
        if targets is None or blocked
        else tuple(
            timing_schedule(
                tuple(s for s in supplements if s.mineral.value not in held),
                tuple(answers.medications),
            )
        )
    )
    conflicts = tuple(d.conflict for d in schedule or () if d.conflict)
    if conflicts or held:
        pathways = clinical_pathways(
            answers, labs, context, tuple(plan_findings), conflicts, frozenset(held)
        )
    findings = sort_findings([*pathways.findings, *plan_findings])
    safety = report_json(SafetyReport(tuple(findings), schedule), catalog)
    estimates = estimate(
        answers, kb, diet, labs, targets=targets, not_estimated=pathways.not_estimated
    )
    isi = score_isi(answers.isi) if answers.isi is not None else None
    rls = screen_rls(answers.rls.model_dump()) if answers.rls is not None else None
    steps = _next_steps(
        estimates,
        diet,
        isi,
        rls,
        labs,
        kb,
        foods or {},
        pathways,
        conditions,
        answers,
        targets,
        any(f.severity in ("red_flag", "warning") for f in findings),
    )
    return {
        "generated": (today or dt.date.today()).isoformat(),
        "scope": SCOPE,
        "profile": answers.profile.model_dump() if answers.profile else None,
        "conditions": list(conditions),
        "notes": answers.notes,
        "minerals": [_estimate_json(e, catalog) for e in estimates],
        "safety": safety["findings"],
        "schedule": safety["schedule"] if targets is not None else None,
        "supplement_intake": _supplement_intake(supplements, targets),
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
        "stop_bang": None
        if pathways.stop_bang is None
        else {
            "score": pathways.stop_bang.score,
            "band": pathways.stop_bang.band,
            "items": pathways.stop_bang.items,
            "answered": pathways.stop_bang.answered,
            "citations": catalog.cite(("chung_2016_stopbang",)),
        },
        "mood": None
        if answers.mood is None
        else {
            "phq2_total": pathways.phq2_total,
            "phq2_positive": pathways.phq2_total is not None and pathways.phq2_total >= 3,
            "self_harm_thoughts": answers.mood.self_harm_thoughts,
            "citations": catalog.cite(("kroenke_2003_phq2",)),
        },
        "labs": [interpretation_json(i, catalog) for i in labs],
        "diet": analysis_json(diet) if diet is not None else None,
        "next_steps": [_step_json(step, catalog) for step in steps],
        "not_a_diagnosis": NOT_A_DIAGNOSIS,
    }


def _supplement_intake(
    supplements: tuple[Any, ...], targets: Targets | None
) -> list[dict[str, Any]]:
    """What the supplements supply per mineral (elemental), against the reference and UL."""
    out = []
    for mineral in Mineral:
        doses = [s for s in supplements if s.mineral is mineral]
        if not doses:
            continue
        target = targets.minerals[mineral] if targets is not None else None
        out.append(
            {
                "mineral": mineral.value,
                "amount_mg": round(sum(s.amount_mg for s in doses), 3),
                "supplements": [
                    {
                        "text": s.text,
                        "amount_mg": s.amount_mg,
                        "salt_mg": s.salt_mg,
                        "supervised": s.supervised,
                        "note": s.note,
                    }
                    for s in doses
                ],
                "reference_mg": target.target_mg if target else None,
                "ul_mg": target.ul_mg if target else None,
                "ul_applies_to": target.ul_applies_to if target else None,
            }
        )
    return out


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
    diet: Analysis | None,
    isi: Any,
    rls: Any,
    labs: tuple[Interpretation, ...],
    kb: KnowledgeBase,
    foods: Mapping[str, Food | None],
    pathways: Pathways,
    conditions: tuple[str, ...],
    answers: Answers,
    targets: Targets | None,
    cautions: bool = False,
) -> list[Step]:
    """Every step, the most urgent kind first: no food step precedes a clinician step."""
    steps: list[Step] = list(pathways.steps)
    measured = {lab.test.key for lab in labs}
    if diet is not None and _little_food_logged(diet):
        steps.append(
            Step(
                "clinician",
                "eating",
                f"Your log shows about {diet.energy_kcal_per_day or 0:,.0f} kcal a day. If you "
                "only logged part of what you ate, the numbers here undercount. If that is how "
                "you usually eat, or eating has felt hard lately, please talk to a GP — eating "
                "too little can itself disturb sleep, and support is available.",
                ("nhs_eating_disorders",),
            )
        )
    if rls is not None and rls.met:
        steps.append(
            Step(
                "clinician",
                "rls",
                "Restless legs: see a clinician about them; with iron overload, iron is not "
                "the treatment."
                if pathways.iron_overload
                else "Restless legs: see a clinician about them and your iron results; iron "
                "treatment is considered when ferritin is 75 ng/mL or less or saturation under "
                "20% (and IV iron up to 100 ng/mL)."
                if "ferritin" in measured
                else "Restless legs: see a clinician, and ask for ferritin and transferrin "
                "saturation; iron treatment is considered when ferritin is 75 ng/mL or less "
                "or saturation under 20% (and IV iron up to 100 ng/mL).",
                ("aasm_2024_rls",)
                if pathways.iron_overload
                else ("aasm_2024_rls", "irlssg_2018_iron"),
            )
        )
    if isi is not None and isi.total >= 15:
        steps.append(
            Step(
                "clinician",
                "insomnia",
                f"Insomnia Severity Index {isi.total} ({isi.label}): talk to a clinician; "
                "cognitive behavioural therapy for insomnia is the first-line treatment.",
                (*ISI_SOURCES, "edinger_2021"),
            )
        )
    for est in estimates:
        if est.level == "unlikely":
            continue
        if est.mineral.value in pathways.not_estimated:
            continue
        if est.mineral.value in pathways.no_food:
            continue  # an urgent step covers this mineral: no test or food step beside it
        test, sources, key = TESTS_TO_ASK[est.mineral]
        if key not in measured:
            steps.append(
                Step(
                    "test",
                    "test",
                    f"{est.mineral.value.capitalize()} ({est.level}): ask for {test}.",
                    sources,
                    est.mineral.value,
                )
            )
        if targets is not None:
            after = next(
                (
                    s.pathway
                    for s in steps
                    if s.mineral == est.mineral.value and s.kind == "clinician"
                ),
                None,
            )
            steps.append(
                _food_step(
                    est.mineral,
                    kb,
                    foods,
                    conditions,
                    targets,
                    after,
                    key in measured,
                    _food_caution(est.mineral, answers, labs),
                )
            )
    if not steps:
        steps.append(
            Step(
                "info",
                "nothing_found",
                "Nothing here points to a mineral problem"
                + ("; see the safety notes above with a clinician" if cautions else "")
                + ". If sleep stays poor, talk to a clinician; CBT-I is the first-line "
                "treatment for insomnia.",
                ("edinger_2021",),
            )
        )
    rank = {kind: i for i, kind in enumerate(STEP_KINDS)}
    return sorted(steps, key=lambda s: rank[s.kind])


def _food_step(
    mineral: Mineral,
    kb: KnowledgeBase,
    foods: Mapping[str, Food | None],
    conditions: tuple[str, ...],
    targets: Targets,
    after: str | None = None,
    tested: bool = False,
    caution: FoodCaution | None = None,
) -> Step:
    """Foods that fit this person (diet pattern, life stage, conditions, every Upper Limit in
    one portion: knowledge/suggest.py), or why none are suggested. `after`: the clinician step
    for this mineral that comes first; `tested`: a blood test of it was given."""
    name = mineral.value.capitalize()
    if caution is not None and caution.withhold:
        return Step("info", "food", f"{name}: {caution.withhold}", (), mineral.value)
    who = Person(targets, vitamin_a_ul(targets.profile).ul_ug, frozenset(conditions))
    found = suggest_foods(mineral, who, kb, foods, limit=FOOD_SUGGESTIONS)
    if not found.foods:
        message = found.withheld.message if found.withheld else "no suitable foods found."
        citations = found.withheld.citations if found.withheld else ()
        return Step("info", "food", f"{name}: {message}", citations, mineral.value)
    listed = "; ".join(_food_text(f) for f in found.foods)
    lead = (
        f"{name}, once you have seen the doctor about the cause"
        if after == "cause_finding"
        else f"{name}, alongside what your clinician advises"
        if after
        else name
    )
    supplement = (
        "any supplement only as your clinician advises, within the upper limit"
        if tested or after
        else "any supplement only after testing and within the upper limit"
    )
    timing = f" {caution.note}" if caution is not None and caution.note else ""
    return Step(
        "food",
        "food",
        f"{lead}: foods that provide it — {listed}. {supplement[0].upper()}{supplement[1:]}."
        + timing,
        tuple(dict.fromkeys(c for f in found.foods for c in f.citations)),
        mineral.value,
    )


# Medicines whose potassium-raising effect makes potassium-rich foods a question for the
# prescriber (safety/checks.py: potassium retention).
POTASSIUM_RETAINING = ("ace_inhibitor", "arb", "potassium_sparing_diuretic")
# Medicines that minerals in food bind too: the food step says to keep them apart.
BINDING = {
    "tetracycline": "the tetracycline antibiotic",
    "quinolone": "the quinolone antibiotic",
    "bisphosphonate": "the bisphosphonate",
    "levothyroxine": "levothyroxine",
}


# Below this many kcal a day (with most of the log counted), a neutral clinician step: a log
# this low is usually incomplete, and if it is not, eating too little needs care, not minerals.
LITTLE_FOOD_KCAL = 1000.0


def _little_food_logged(diet: Analysis) -> bool:
    energy = diet.energy_kcal_per_day
    return (
        diet.has_food_evidence
        and diet.counted_share >= 0.8
        and energy is not None
        and energy < LITTLE_FOOD_KCAL
    )


@dataclass(frozen=True, slots=True)
class FoodCaution:
    withhold: str | None = None  # no foods, and why
    note: str | None = None  # a timing note added to the foods


def _food_caution(
    mineral: Mineral, answers: Answers, labs: tuple[Interpretation, ...]
) -> FoodCaution | None:
    """Why a food step gives no foods (potassium with potassium-retaining medicines), or the
    timing note it adds (medicines that minerals in food bind)."""
    measured_low = any(lab.test.key == "potassium" and lab.status == "low" for lab in labs)
    if mineral is Mineral.POTASSIUM and not measured_low:
        taking = [m for m in POTASSIUM_RETAINING if m in answers.medications]
        if taking:
            return FoodCaution(
                withhold="your medicines ("
                + ", ".join(m.replace("_", " ") for m in taking)
                + ") make potassium build up, so no potassium-rich foods are suggested; ask "
                "your prescriber before eating more of them or using salt substitutes."
            )
    drugs = [BINDING[m] for m in answers.medications if m in BINDING]
    if drugs and mineral in (Mineral.CALCIUM, Mineral.IRON, Mineral.ZINC, Mineral.MAGNESIUM):
        return FoodCaution(
            note=f"Keep these foods (and dairy) at least 2 hours away from "
            f"{' and '.join(drugs)}, which minerals in food bind too."
        )
    return None


def _food_text(food: FoodSuggestion) -> str:
    details = [food.portion]
    if food.amount_mg is not None:
        details.append(f"about {mg(food.amount_mg)}")
    if food.note:
        details.append(food.note)
    return f"{food.food} ({', '.join(details)})"


def _step_json(step: Step, catalog: Catalog) -> dict[str, Any]:
    return {
        "kind": step.kind,
        "pathway": step.pathway,
        "mineral": step.mineral,
        "text": step.text,
        "citations": catalog.cite(step.citations),
    }
