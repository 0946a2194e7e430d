"""Clinical pathways: when minerals are not the answer, or not the first one (docs/assessment.md,
"Clinical pathways"). Pure: from the answers and the interpreted labs to safety findings and
next steps that route a person to care before any food or supplement step.

- crisis: thoughts of self-harm → urgent help first (a crisis line; local numbers differ).
- emergency: a critical lab value → medical care today.
- stop_zinc: high-dose zinc with low copper or nerve symptoms → stop the zinc, urgent review.
- overload: known or suspected iron overload → a clinician, and no iron advice at all.
- cause_finding: iron deficiency or anaemia in a man or a woman after menopause, or without an
  obvious cause → a doctor finds the cause (e.g. bleeding from the gut) first.
- apnea: STOP-Bang high (or intermediate) risk → ask about a sleep study.
- mood: a positive PHQ-2 → talk to a clinician about mood.
- medicines: medicines that can worsen restless legs, lithium.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sleepmin.labs.interpret import Context, Interpretation, superseded
from sleepmin.safety.checks import (
    COPPER_DEFICIENCY,
    CRITICAL_LAB,
    IRON_OVERLOAD_CONDITION,
    IRON_OVERLOAD_LABS,
    PALPITATIONS_POTASSIUM,
    ZINC_COPPER_DEFICIENCY,
    Finding,
)
from sleepmin.screen.answers import Answers, StopBangAnswers
from sleepmin.screen.crisis import CRISIS_SOURCES, CRISIS_TEXT

# Kinds of next step, most urgent first; no step of a later kind precedes an earlier one.
STEP_KINDS = ("urgent", "clinician", "test", "food", "info")
STOP_BANG_SOURCES = ("chung_2008_stopbang", "chung_2012_stopbang", "chung_2016_stopbang")
PHQ2_SOURCES = ("kroenke_2003_phq2",)
PHQ2_POSITIVE = 3  # Kroenke 2003: a score of 3 or more
CAUSE_SOURCES = ("snook_2021_bsg", "ko_2020_aga")
# Answers that explain iron deficiency in a woman before menopause (no work-up pathway then).
IRON_LOSS_EXPLAINED = frozenset(
    {
        "heavy_periods",
        "pregnancy",
        "frequent_blood_donation",
        "vegan",
        "vegetarian",
        "bariatric_surgery",
        "gi_malabsorption",
        "endurance_athlete",
    }
)
RLS_AGGRAVATING = {
    "ssri": "SSRI/SNRI antidepressants",
    "antihistamine_sedating": "sedating antihistamines (common in sleep aids)",
    "dopamine_antagonist": "dopamine-blocking medicines",
}


@dataclass(frozen=True, slots=True)
class Step:
    kind: str  # STEP_KINDS
    pathway: str
    text: str
    citations: tuple[str, ...]
    mineral: str | None = None


@dataclass(frozen=True, slots=True)
class StopBang:
    score: int
    band: str  # low | intermediate | high
    answered: int  # of the eight items, how many are known
    items: dict[str, bool | None]

    @property
    def complete(self) -> bool:
        return self.answered == len(self.items)


@dataclass(frozen=True, slots=True)
class Pathways:
    findings: tuple[Finding, ...] = ()
    steps: tuple[Step, ...] = ()
    iron_overload: bool = False  # no iron step of any kind
    not_estimated: dict[str, str] = field(default_factory=dict)  # mineral → why not
    no_food: dict[str, str] = field(default_factory=dict)  # mineral → why no food step
    stop_bang: StopBang | None = None
    phq2_total: int | None = None


def clinical_pathways(
    answers: Answers,
    labs: tuple[Interpretation, ...],
    context: Context,
    safety: tuple[Finding, ...] = (),
    schedule_conflicts: tuple[str, ...] = (),
    held_supplements: frozenset[str] = frozenset(),
) -> Pathways:
    """Findings and steps of the clinical pathways; `safety` are the supplement and lab safety
    findings (safety.checks), from which the emergency, stop-zinc and overload steps follow;
    `schedule_conflicts` are the timing schedule's conflict messages."""
    findings: list[Finding] = []
    steps: list[Step] = []
    conditions = set(answers.conditions)
    mood = answers.mood
    if mood is not None and mood.self_harm_thoughts:
        findings.append(Finding("red_flag", None, CRISIS_TEXT, CRISIS_SOURCES, "self_harm"))
        steps.append(Step("urgent", "crisis", CRISIS_TEXT, CRISIS_SOURCES))
    overload = _steps_from_safety(safety, steps)
    if not overload:
        _cause_finding(answers, labs, context, findings, steps)
    _palpitations(answers, labs, safety, findings, steps)
    _pregnancy_and_menopause(answers, context, findings, steps)
    covered = {s.mineral for s in steps if s.mineral} | {
        f.mineral for f in safety if f.rule in URGENT_RULES and f.mineral
    }
    if "wilson_disease" in conditions:
        covered.add("copper")
    _results(answers, labs, context, covered, steps)
    _schedule_conflicts(schedule_conflicts, steps)
    if held_supplements:
        minerals = ", ".join(sorted(held_supplements))
        steps.append(
            Step(
                "clinician",
                "hold",
                f"Your {minerals} supplement is left out of the timing schedule: ask the doctor "
                "who looks for the cause whether to go on taking it, and how much.",
                CAUSE_SOURCES,
                next(iter(sorted(held_supplements))),
            )
        )
    stop_bang = score_stop_bang(answers.stop_bang, context) if answers.stop_bang else None
    _apnea(stop_bang, conditions, findings, steps, context.pregnant)
    phq2 = sum(mood.phq2) if mood is not None and mood.phq2 is not None else None
    if phq2 is not None and phq2 >= PHQ2_POSITIVE:
        text = (
            f"Your answers to the two mood questions (PHQ-2 {phq2} of 6) suggest depression may "
            "be present: talk to a clinician. Low mood and insomnia often go together, and both "
            "can be treated; minerals are not a treatment for depression."
        )
        findings.append(Finding("warning", None, text, PHQ2_SOURCES, "mood_screen_positive"))
        steps.append(Step("clinician", "mood", text, PHQ2_SOURCES))
    _medicines(answers, context, findings, steps)
    not_estimated = {}
    if overload:
        not_estimated["iron"] = (
            "Iron overload is known or suspected: iron deficiency is not estimated, and no "
            "iron advice is given (see the safety findings)"
        )
    if "wilson_disease" in conditions:
        not_estimated["copper"] = (
            "Wilson disease: low blood copper and ceruloplasmin are features of the disease "
            "and of its treatment, not copper deficiency; copper is not estimated, and no "
            "copper advice is given — keep to your specialist's advice"
        )
    no_food = {}
    for step in steps:
        if step.kind == "urgent" and step.mineral:
            no_food[step.mineral] = "medical care comes first"
        if step.pathway in ("stop_zinc", "copper_deficiency"):
            no_food["zinc"] = "zinc blocks copper absorption"
            no_food["copper"] = "copper is replaced under medical care"
    for finding in safety:
        if finding.rule in URGENT_RULES and finding.mineral:
            no_food[finding.mineral] = "medical care comes first"
    for lab in labs:  # never food that raises a level that is already high
        if lab.test.mineral and not superseded(lab, labs) and _high(lab):
            no_food.setdefault(lab.test.mineral, "the blood level is already high")
    return Pathways(
        findings=tuple(findings),
        steps=tuple(steps),
        iron_overload=overload,
        no_food=no_food,
        not_estimated=not_estimated,
        stop_bang=stop_bang,
        phq2_total=phq2,
    )


def score_stop_bang(answers: StopBangAnswers, context: Context) -> StopBang:
    """STOP-Bang (Chung 2008): eight yes/no items; 0-2 low, 3-4 intermediate, 5-8 high risk of
    obstructive sleep apnoea, and intermediate becomes high with 2+ STOP items plus male sex,
    BMI over 35 or neck over 40 cm (Chung 2012, 2016). Unanswered items count as no."""
    age = context.age_years
    items: dict[str, bool | None] = {
        **answers.model_dump(),
        "age_over_50": None if age is None else age > 50,
        "male": None if context.sex is None else context.sex == "male",
    }
    score = sum(1 for v in items.values() if v)
    stop = sum(
        1 for key in ("snoring", "tired", "observed_apnea", "high_blood_pressure") if items.get(key)
    )
    band = "high" if score >= 5 else "intermediate" if score >= 3 else "low"
    if (
        band == "intermediate"
        and stop >= 2
        and (items["male"] or items["bmi_over_35"] or items["neck_over_40cm"])
    ):
        band = "high"
    answered = sum(1 for v in items.values() if v is not None)
    return StopBang(score, band, answered, items)


def _steps_from_safety(safety: tuple[Finding, ...], steps: list[Step]) -> bool:
    """Every red flag becomes a step: critical values and palpitations with an abnormal
    potassium → medical care today; copper deficiency → stop the zinc / urgent review; iron
    overload → a clinician, and no iron advice; any other red flag → a clinician before going
    on. Returns whether iron overload is known or suspected."""
    today = [f for f in safety if f.rule in (CRITICAL_LAB, PALPITATIONS_POTASSIUM)]
    if today:
        values = "; ".join(f.subject for f in today)
        steps.append(
            Step(
                "urgent",
                "emergency",
                "Get medical care today (an urgent appointment, an urgent care centre or the "
                f"emergency department): {values}. "
                + ("This needs" if len(today) == 1 else "These need")
                + " prompt treatment and the cause found. Any food or supplement step below "
                "comes after that, and only with your clinician's agreement.",
                tuple(dict.fromkeys(c for f in today for c in f.citations)),
                _one_mineral(today),
            )
        )
    for finding in safety:
        if finding.rule == ZINC_COPPER_DEFICIENCY:
            steps.append(Step("urgent", "stop_zinc", finding.message, finding.citations, "copper"))
        elif finding.rule == COPPER_DEFICIENCY:
            steps.append(
                Step("urgent", "copper_deficiency", finding.message, finding.citations, "copper")
            )
    overload = [f for f in safety if f.rule in (IRON_OVERLOAD_CONDITION, IRON_OVERLOAD_LABS)]
    if overload:
        known = any(f.rule == IRON_OVERLOAD_CONDITION for f in overload)
        text = (
            "Iron overload is known: keep to your specialist's advice, and take no iron "
            "supplements or multivitamins with iron. sleepmin gives no iron advice for you; "
            "restless legs can still occur with iron overload, so tell your specialist about "
            "them."
            if known
            else "Your iron results suggest possible iron overload: see a clinician, who may "
            "check for hemochromatosis. Take no iron supplements or multivitamins with iron; "
            "sleepmin gives no iron advice until this is checked."
        )
        citations = tuple(dict.fromkeys(c for f in overload for c in f.citations))
        steps.append(Step("clinician", "overload", text, citations, "iron"))
    for finding in safety:
        if finding.rule in CLINICIAN_WARNINGS and finding.severity != "red_flag":
            steps.append(Step("clinician", "medicines", finding.message, finding.citations, None))
    handled = {
        CRITICAL_LAB,
        PALPITATIONS_POTASSIUM,
        ZINC_COPPER_DEFICIENCY,
        COPPER_DEFICIENCY,
        IRON_OVERLOAD_CONDITION,
        IRON_OVERLOAD_LABS,
        "self_harm",
    }
    for finding in safety:
        if finding.severity == "red_flag" and finding.rule not in handled:
            steps.append(
                Step(
                    "clinician",
                    "safety",
                    f"Before anything else, talk to a clinician: {finding.message}",
                    finding.citations,
                    finding.mineral,
                )
            )
    return bool(overload)


URGENT_RULES = frozenset({CRITICAL_LAB, PALPITATIONS_POTASSIUM})
# Warnings about medicines that a prescriber should review: each becomes a clinician step.
CLINICIAN_WARNINGS = frozenset({"sedating_antihistamine_older_adult", "lithium"})


def _high(lab: Interpretation) -> bool:
    return lab.status == "high" or any(
        h.comparison in ("gt", "ge") and h.severity != "info" for h in lab.hits
    )


def _low(lab: Interpretation) -> bool:
    return lab.status == "low" or any(
        h.comparison in ("lt", "le") and h.severity != "info" for h in lab.hits
    )


def _palpitations(
    answers: Answers,
    labs: tuple[Interpretation, ...],
    safety: tuple[Finding, ...],
    findings: list[Finding],
    steps: list[Step],
) -> None:
    """Palpitations without a potassium result: a clinician checks them, with the warning signs
    that mean emergency care (an abnormal potassium result is its own red flag)."""
    if "palpitations" not in answers.signs or any(f.rule in URGENT_RULES for f in safety):
        return
    if any(lab.test.key == "potassium" for lab in labs):
        return
    text = (
        "Palpitations: see a clinician soon and ask for an ECG and potassium and magnesium "
        "tests, especially with a diuretic, a blood-pressure medicine or very little food. Get "
        "emergency care at once if they come with fainting, chest pain or breathlessness."
    )
    sources = ("nhs_palpitations", "statpearls_hypokalemia")
    findings.append(Finding("warning", None, text, sources, "palpitations_check"))
    steps.append(Step("clinician", "palpitations", text, sources))


def _pregnancy_and_menopause(
    answers: Answers, context: Context, findings: list[Finding], steps: list[Step]
) -> None:
    """High blood pressure in pregnancy (possible pre-eclampsia), bleeding after menopause."""
    stop_bang = answers.stop_bang
    if context.pregnant and stop_bang is not None and stop_bang.high_blood_pressure:
        text = (
            "High blood pressure in pregnancy needs checking today: contact your midwife or "
            "maternity unit, especially with headaches, problems with your vision, pain below "
            "the ribs or sudden swelling — these can be signs of pre-eclampsia."
        )
        sources = ("nice_ng133_hypertension_pregnancy",)
        findings.append(Finding("red_flag", None, text, sources, "pregnancy_blood_pressure"))
        steps.append(Step("urgent", "maternity", text, sources))
    profile = answers.profile
    if (
        profile is not None
        and profile.menopause == "post"
        and "heavy_periods" in answers.risk_factors
    ):
        text = (
            "Bleeding after menopause should be checked by a doctor soon (within two weeks): "
            "it is often harmless, but it needs to be looked into."
        )
        sources = ("nice_ng12_suspected_cancer",)
        findings.append(Finding("warning", None, text, sources, "postmenopausal_bleeding"))
        steps.append(Step("clinician", "bleeding", text, sources))


def _one_mineral(findings: list[Finding]) -> str | None:
    minerals = {f.mineral for f in findings}
    return minerals.pop() if len(minerals) == 1 else None


def _results(
    answers: Answers,
    labs: tuple[Interpretation, ...],
    context: Context,
    covered: set[str],
    steps: list[Step],
) -> None:
    """A measured low result is for a clinician to act on, not for food alone: anaemia always
    (a midwife or doctor in pregnancy), and any other result below its reference or a warning
    cut-off, unless a more specific step already covers that mineral."""
    anaemia = [lab for lab in labs if lab.test.key == "hemoglobin" and lab.status == "low"]
    if anaemia and "iron" not in covered:
        who = "your midwife or doctor" if context.pregnant else "a doctor"
        reason = (
            "anaemia in pregnancy needs treatment, and food alone will not correct it"
            if context.pregnant
            else "anaemia needs its cause confirmed and treatment agreed; food alone will "
            "not correct it"
        )
        if "heavy_periods" in answers.risk_factors and not context.pregnant:
            reason += ", and heavy periods need medical assessment too"
        steps.append(
            Step(
                "clinician",
                "results",
                f"See {who} about your result ({anaemia[0].reading}): {reason}.",
                ("who_2011_hemoglobin", "snook_2021_bsg"),
                "iron",
            )
        )
        covered.add("iron")
    low: dict[str, list[Interpretation]] = {}
    high: dict[str, list[Interpretation]] = {}
    for lab in labs:
        mineral = lab.test.mineral
        if not mineral or mineral in covered or lab.test.key == "crp":
            continue
        if superseded(lab, labs) or lab.test.key in ("albumin",):
            continue
        if _low(lab):
            low.setdefault(mineral, []).append(lab)
        elif _high(lab):
            high.setdefault(mineral, []).append(lab)
    for mineral, found in low.items():
        readings = "; ".join(lab.reading for lab in found)
        steps.append(
            Step(
                "clinician",
                "results",
                f"Talk to a clinician about your result ({readings}): a low result needs its "
                "cause found and a treatment plan agreed; food may help but is not the "
                "treatment on its own.",
                tuple(dict.fromkeys(src for lab in found for src in lab.test.sources[:1])),
                mineral,
            )
        )
    for mineral, found in high.items():
        if mineral in low:
            continue
        readings = "; ".join(lab.reading for lab in found)
        steps.append(
            Step(
                "clinician",
                "results",
                f"Talk to a clinician about your result ({readings}): a high level needs its "
                "cause found (medicines, supplements and the kidneys are common ones); take no "
                f"{mineral} supplements, and eat no extra {mineral}-rich foods, until then.",
                tuple(dict.fromkeys(src for lab in found for src in lab.test.sources[:1])),
                mineral,
            )
        )


def _schedule_conflicts(conflicts: tuple[str, ...], steps: list[Step]) -> None:
    if conflicts:
        steps.append(
            Step(
                "clinician",
                "schedule",
                "Ask a pharmacist or your prescriber how to time your medicines and supplements: "
                + " ".join(dict.fromkeys(conflicts)),
                ("ods_magnesium", "ods_zinc"),
            )
        )


def _cause_finding(
    answers: Answers,
    labs: tuple[Interpretation, ...],
    context: Context,
    findings: list[Finding],
    steps: list[Step],
) -> None:
    anaemia = [lab for lab in labs if lab.test.key == "hemoglobin" and lab.status == "low"]
    deficient = [
        lab
        for lab in labs
        if lab.test.key == "ferritin"
        and (lab.status == "low" or any(h.id.startswith("iron_deficiency") for h in lab.hits))
    ]
    if not anaemia and not deficient:
        return
    evidence = "; ".join(lab.reading for lab in deficient + anaemia)
    what = (
        "iron deficiency with anaemia"
        if anaemia and deficient
        else "anaemia"
        if anaemia
        else "iron deficiency"
    )
    older_woman = context.sex == "female" and (context.age_years or 0) >= 50
    if context.sex == "male" or context.postmenopausal or older_woman:
        who = (
            "a man"
            if context.sex == "male"
            else "a woman after menopause"
            if context.postmenopausal
            else "a woman aged 50 or over"
        )
        text = (
            f"See a doctor to find the cause first: {what} ({evidence}) in {who} needs its "
            "cause found before any iron, food or supplement step — most often slow blood loss "
            "from the gut, which guidelines investigate (e.g. with endoscopy), and a blood test "
            "for coeliac disease. Iron can hide the signs of a bleeding problem."
        )
    else:
        factors = set(answers.risk_factors) | {
            f for f in ("vegan", "vegetarian") if answers.profile and answers.profile.diet == f
        }
        if context.pregnant:
            factors.add("pregnancy")
        if factors & IRON_LOSS_EXPLAINED:
            return
        text = (
            f"See a doctor to find the cause: {what} ({evidence}) without an obvious reason "
            "(such as heavy periods, pregnancy, blood donation or a plant-based diet) should "
            "have its cause found before iron is taken, including a blood test for coeliac "
            "disease."
        )
    findings.append(Finding("warning", "iron", text, CAUSE_SOURCES, "iron_deficiency_cause"))
    steps.append(Step("clinician", "cause_finding", text, CAUSE_SOURCES, "iron"))


def _apnea(
    stop_bang: StopBang | None,
    conditions: set[str],
    findings: list[Finding],
    steps: list[Step],
    pregnant: bool = False,
) -> None:
    if "sleep_apnea" in conditions:
        text = (
            "Diagnosed sleep apnoea: keep using its treatment (e.g. CPAP) every night; if "
            "sleep is still poor, ask your sleep clinic to check the treatment is working."
        )
        steps.append(Step("clinician", "apnea", text, STOP_BANG_SOURCES))
        return
    if stop_bang is None or stop_bang.band == "low":
        return
    high = stop_bang.band == "high"
    text = (
        f"Your answers suggest a {'high' if high else 'moderate'} risk of obstructive sleep "
        f"apnoea (STOP-Bang {stop_bang.score} of 8): "
        + (
            "ask a clinician about a sleep study. "
            if high
            else "mention it to a clinician, who may suggest a sleep study. "
        )
        + "Sleep apnoea is a common, treatable cause of unrefreshing sleep and daytime "
        "tiredness that minerals do not fix."
        + (
            " (STOP-Bang has not been validated in pregnancy; tell your midwife about snoring.)"
            if pregnant
            else ""
        )
    )
    findings.append(
        Finding("warning" if high else "info", None, text, STOP_BANG_SOURCES, "sleep_apnea_risk")
    )
    steps.append(Step("clinician", "apnea", text, STOP_BANG_SOURCES))


def _medicines(
    answers: Answers, context: Context, findings: list[Finding], steps: list[Step]
) -> None:
    aggravating = [RLS_AGGRAVATING[m] for m in answers.medications if m in RLS_AGGRAVATING]
    if aggravating and context.restless_legs:
        text = (
            f"Restless legs and {', '.join(aggravating)}: these medicines can worsen restless "
            "legs. Do not stop them on your own — ask the prescriber whether another medicine "
            "or a different time of day would suit you better."
        )
        findings.append(
            Finding("warning", None, text, ("aasm_2024_rls",), "rls_aggravating_medicine")
        )
        steps.append(Step("clinician", "medicines", text, ("aasm_2024_rls",)))
