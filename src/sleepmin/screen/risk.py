"""The per-mineral estimate: a transparent, additive evidence score (docs/assessment.md).

Each answer that the knowledge base links to low status of a mineral adds a weight by the
strength of that link (strong 2, moderate 1, weak 0.5); symptoms, signs and risk factors together
add at most 4. Non-specific complaints (general insomnia symptoms, fatigue, low mood and the like)
weigh at most 0.5 each, and on their own add at most 1.5, so they never lift a mineral above
"unlikely". Objective evidence weighs more: a diet analysis adds up to 3 by the probability of
inadequate intake (and a little less when intake meets the reference); a lab result below a
threshold or the reference interval adds 4 (3), and a normal one takes 3 away (1.5 for serum
magnesium, which reflects under 1% of body stores). Levels: "likely" needs a score of 5 or more
AND a supporting lab or diet finding; "possible" needs 2 or more; otherwise "unlikely". Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from sleepmin.intake.analysis import Analysis
from sleepmin.intake.targets import DRI_REPORT, Targets
from sleepmin.knowledge.kb import KnowledgeBase
from sleepmin.labs.interpret import Interpretation, superseded
from sleepmin.numbers import mg
from sleepmin.nutrients import Mineral
from sleepmin.screen.answers import Answers, supplements_from
from sleepmin.screen.instruments import RLS_SOURCES, screen_rls

STRENGTH = {"strong": 2.0, "moderate": 1.0, "weak": 0.5}
SYMPTOM_CAP = 4.0
DIET_MAX = 3.0
DIET_ADEQUATE = -1.0
LAB_LOW = 4.0
LAB_BELOW_REFERENCE = 3.0
LAB_NORMAL = -3.0
LAB_NORMAL_SERUM_MAGNESIUM = -1.5
LAB_HIGH = -3.0
LAB_BORDERLINE = 2.0  # an informational low cut-off, e.g. ferritin 75-100 ng/mL with RLS
LAB_NORMAL_MIXED = -1.0  # normal, while another test of the same mineral is low
LAB_NORMAL_HEMOGLOBIN = -1.5  # a late marker of iron status
MAGNESIUM_FIRST = 1.0  # low Mg keeps Ca and K low until corrected
# A critical low value (potassium < 3.0 mmol/L) or a diagnostic cut-off (ferritin < 15 ug/L)
# confirms low status on its own.
LAB_CRITICAL = 5.0
SUPPLEMENT_COVERS = -1.0  # a supplement already supplies at least the average requirement
LIKELY, POSSIBLE = 5.0, 2.0
NONSPECIFIC_WEIGHT = STRENGTH["weak"]
NONSPECIFIC_CAP = 1.5  # below POSSIBLE: non-specific complaints alone stay "unlikely"
# Complaints that many conditions cause, and that everyone seeking help for sleep may have.
NONSPECIFIC_SIGNS = frozenset(
    {
        "fatigue",
        "anxiety",
        "low_mood",
        "poor_concentration",
        "headaches",
        "hair_loss",
        "frequent_infections",
        "cold_intolerance",
        "muscle_weakness",
        "loss_of_appetite",
    }
)
_MEDICATION_FACTORS = {
    "ppi": "ppi",
    "diuretic": "diuretic",
    "loop_or_thiazide_diuretic": "diuretic",
}


Level = Literal["likely", "possible", "unlikely"]
"""How likely low status of a mineral is part of the sleep problem."""


@dataclass(frozen=True, slots=True)
class Reason:
    text: str
    citations: tuple[str, ...]
    weight: float
    kind: str  # symptom | sign | nonspecific | risk | rls | diet | diet_unknown | lab
    # | supplement | cap
    # | not_estimated


@dataclass(frozen=True, slots=True)
class MineralEstimate:
    mineral: Mineral
    level: Level
    score: float
    reasons: tuple[Reason, ...]
    objective: bool  # a lab or diet finding supports it


@dataclass
class _Tally:
    reasons: list[Reason] = field(default_factory=list)

    def add(
        self, text: str, citations: tuple[str, ...] | list[str], weight: float, kind: str
    ) -> None:
        self.reasons.append(Reason(text, tuple(citations), round(weight, 2), kind))


def estimate(
    answers: Answers,
    kb: KnowledgeBase,
    diet: Analysis | None = None,
    labs: tuple[Interpretation, ...] = (),
    *,
    targets: Targets | None = None,
    not_estimated: Mapping[str, str] | None = None,
) -> list[MineralEstimate]:
    """All six minerals, best candidate first. A mineral in `not_estimated` (e.g. iron with
    known iron overload, copper in Wilson disease) is "unlikely" with that reason alone."""
    present_signs = set(answers.signs)
    factors = _risk_factors(answers)
    inflamed = "inflammation" in answers.conditions or any(
        i.test.key == "crp" and any(h.comparison == "gt" for h in i.hits) for i in labs
    )
    sleep = {k for k, v in answers.sleep.model_dump().items() if v}
    rls = screen_rls(answers.rls.model_dump()) if answers.rls else None
    if rls is not None and rls.met:
        sleep.add("restless_legs")
    estimates = []
    for mineral, knowledge in kb.minerals.items():
        tally = _Tally()
        for link in knowledge.sleep_symptoms:
            if link.symptom in sleep:
                specific = link.symptom == "restless_legs"
                tally.add(
                    f"{_label(link.symptom)}: {link.text}"
                    + ("" if specific else " (a general sleep complaint: it weighs little)"),
                    link.citations,
                    _weight(link.strength, specific),
                    "rls" if specific else "symptom",
                )
        for sign in knowledge.deficiency_signs:
            if sign.sign in present_signs:
                specific = sign.sign not in NONSPECIFIC_SIGNS
                tally.add(
                    f"Sign: {sign.text}"
                    + ("" if specific else " (non-specific: it weighs little)"),
                    sign.citations,
                    _weight(sign.strength, specific),
                    "sign" if specific else "nonspecific",
                )
        for risk in knowledge.risk_factors:
            if risk.factor in factors:
                tally.add(
                    f"Risk factor: {risk.text}", risk.citations, STRENGTH[risk.strength], "risk"
                )
        if rls is not None and rls.met and mineral is Mineral.IRON:
            tally.add(
                "All five restless-legs criteria are described; iron status should be "
                "checked (ferritin and transferrin saturation)",
                RLS_SOURCES,
                0.0,
                "rls",
            )
        subjective = sum(r.weight for r in tally.reasons)
        only_nonspecific = all(r.kind in ("symptom", "nonspecific") for r in tally.reasons)
        if only_nonspecific and subjective > NONSPECIFIC_CAP:
            tally.add(
                "Only non-specific complaints point here; on their own they count at most "
                f"{NONSPECIFIC_CAP:g}",
                (),
                NONSPECIFIC_CAP - subjective,
                "cap",
            )
        elif subjective > SYMPTOM_CAP:
            tally.add(
                f"Symptoms, signs and risk factors count at most {SYMPTOM_CAP:g} together",
                (),
                SYMPTOM_CAP - subjective,
                "cap",
            )
        if diet is not None:
            _diet(tally, mineral, diet)
        elif targets is not None and not _low(labs, mineral.value):
            # A supplement makes low intake less likely, unless a test shows low status anyway.
            _supplement_only(tally, mineral, answers, targets)
        for lab in _scored(labs):
            if lab.test.mineral == mineral.value:
                _lab(tally, mineral, lab, labs, inflamed)
        if (
            mineral is Mineral.MAGNESIUM
            and _low(labs, "magnesium")
            and (_low(labs, "calcium") or _low(labs, "potassium"))
        ):
            tally.add(
                "Low magnesium with low calcium or potassium: they often stay low until "
                "magnesium is corrected",
                ("ods_magnesium",),
                MAGNESIUM_FIRST,
                "lab",
            )
        if not_estimated and mineral.value in not_estimated:
            tally = _Tally()
            tally.add(not_estimated[mineral.value], (), 0.0, "not_estimated")
        score = round(sum(r.weight for r in tally.reasons), 2)
        supported = any(r.weight > 0 and r.kind in ("diet", "lab") for r in tally.reasons)
        level: Level = (
            "likely"
            if score >= LIKELY and supported
            else "possible"
            if score >= POSSIBLE
            else "unlikely"
        )
        estimates.append(MineralEstimate(mineral, level, score, tuple(tally.reasons), supported))
    order = {"likely": 0, "possible": 1, "unlikely": 2}
    # Low magnesium keeps calcium and potassium low until it is corrected: it ranks first.
    magnesium_first = _low(labs, "magnesium") and (_low(labs, "calcium") or _low(labs, "potassium"))
    return sorted(
        estimates,
        key=lambda e: (
            order[e.level],
            not (magnesium_first and e.mineral is Mineral.MAGNESIUM),
            -e.score,
            e.mineral.value,
        ),
    )


def _weight(strength: str, specific: bool) -> float:
    weight = STRENGTH[strength]
    return weight if specific else min(weight, NONSPECIFIC_WEIGHT)


def _supplement_only(tally: _Tally, mineral: Mineral, answers: Answers, targets: Targets) -> None:
    """Without a food log, a supplement still counts toward intake."""
    supplements = supplements_from(answers)
    amount = sum(s.amount_mg for s in supplements if s.mineral is mineral)
    if amount <= 0:
        return
    target = targets.minerals[mineral]
    need = target.ear_mg if target.ear_mg is not None else target.target_mg
    if amount >= need:
        tally.add(
            f"Supplement: {mg(amount)} a day is already taken, at least the average "
            f"requirement ({mg(need)}); low intake is less likely",
            (DRI_REPORT[mineral],),
            SUPPLEMENT_COVERS,
            "supplement",
        )


def _risk_factors(answers: Answers) -> set[str]:
    factors = set(answers.risk_factors)
    for medicine in answers.medications:
        if medicine in _MEDICATION_FACTORS:
            factors.add(_MEDICATION_FACTORS[medicine])
    if answers.profile is not None:
        if answers.profile.diet in ("vegan", "vegetarian"):
            factors.add(answers.profile.diet)
        if answers.profile.pregnant:
            factors.add("pregnancy")
        if answers.profile.age >= 70:
            factors.add("older_age")
    if sum(s.amount_mg for s in supplements_from(answers) if s.mineral is Mineral.ZINC) >= 40:
        factors.add("high_dose_zinc")
    return factors


def _diet(tally: _Tally, mineral: Mineral, diet: Analysis) -> None:
    """The diet's evidence: none when no logged food could be counted for the mineral; a
    lower bound ("thin": under half the foods counted) can only show the intake is enough."""
    result = diet.minerals[mineral]
    source = (DRI_REPORT[mineral],)
    if not diet.has_food_evidence or result.evidence == "none":
        tally.add(
            "Diet: no logged food could be counted for this mineral, so the log gives no "
            "evidence either way",
            source,
            0.0,
            "diet_unknown",
        )
        return
    if result.evidence == "thin":
        if result.percent_of_target >= 100:
            tally.add(
                f"Diet: at least {mg(result.intake.total_mg)} a day logged (only part of the "
                "log could be counted), already at the reference; this lowers the estimate",
                source,
                DIET_ADEQUATE / 2,
                "diet",
            )
        else:
            tally.add(
                "Diet: too few of the logged foods could be counted to estimate the intake",
                source,
                0.0,
                "diet_unknown",
            )
        return
    logged = (
        f"logged {mg(result.intake.total_mg)} a day from food and supplements vs a reference "
        f"of {mg(result.target.target_mg)} ({result.percent_of_target:.0f}%)"
    )
    partial = result.evidence == "partial"
    scale = 0.5 if partial else 1.0
    note = (
        f"; only {result.reporting} of {result.logged} foods report it, so this weighs less"
        if partial
        else ""
    )
    if result.inadequacy is not None:
        p = result.inadequacy.probability
        if p >= 0.1:
            tally.add(
                f"Diet: {logged}; estimated chance that usual intake is below need {p:.0%}{note}",
                source,
                DIET_MAX * p * scale,
                "diet",
            )
        else:
            tally.add(
                f"Diet: {logged}, which meets the reference; this lowers the estimate",
                source,
                DIET_ADEQUATE,
                "diet",
            )
    elif result.percent_of_target < 50:
        tally.add(
            f"Diet: {logged}, under half the adequate intake{note}", source, 1.5 * scale, "diet"
        )
    elif result.percent_of_target >= 100:
        tally.add(
            f"Diet: {logged}, at or above the adequate intake; this lowers the estimate",
            source,
            DIET_ADEQUATE / 2,
            "diet",
        )


def _lab(
    tally: _Tally,
    mineral: Mineral,
    lab: Interpretation,
    all_labs: tuple[Interpretation, ...],
    inflamed: bool,
) -> None:
    value = lab.reading
    # Informational cut-offs count only when verified (e.g. ferritin 75-100 ng/mL with RLS);
    # hemoglobin is a late, non-specific marker of iron status, so it counts as borderline.
    low_hits = [
        h for h in lab.hits if h.comparison in ("lt", "le") and (h.severity != "info" or h.verified)
    ]
    high_hits = [h for h in lab.hits if h.comparison in ("gt", "ge") and h.severity != "info"]
    if low_hits:
        firm = [h for h in low_hits if h.severity != "info"]
        best = (firm or low_hits)[0]
        weight = LAB_LOW if firm and lab.test.key != "hemoglobin" else LAB_BORDERLINE
        critical = lab.critical
        confirming = (
            critical if critical is not None and critical.comparison in ("lt", "le") else None
        )
        confirming = confirming or next((h for h in low_hits if h.diagnostic), None)
        if confirming is not None and lab.test.key != "hemoglobin":
            best, weight = confirming, LAB_CRITICAL
        tally.add(
            f"Blood test: {value} — {best.meaning} ({best.rule})", best.sources, weight, "lab"
        )
    elif lab.status == "low":
        tally.add(
            f"Blood test: {value} is below the reference interval",
            lab.test.sources,
            LAB_BELOW_REFERENCE,
            "lab",
        )
    elif high_hits or lab.status == "high":
        tally.add(
            f"Blood test: {value} is high, which argues against a deficiency",
            lab.test.sources,
            LAB_HIGH,
            "lab",
        )
    elif lab.test.key in ("calcium", "ionized_calcium") and lab.status == "within":
        tally.add(
            f"Blood test: {value} is normal, but serum calcium is held steady from bone "
            "and says little about intake",
            lab.test.sources,
            0.0,
            "lab",
        )
    elif lab.status == "within" or (lab.test.key == "ferritin" and lab.result.value > 100):
        tally.add(*_normal(lab, value, all_labs, inflamed), "lab")


def _normal(
    lab: Interpretation, value: str, all_labs: tuple[Interpretation, ...], inflamed: bool
) -> tuple[str, tuple[str, ...], float]:
    """A normal result lowers the estimate — less when it cannot see stores or other tests of
    the same mineral are low, or when inflammation can mask a low ferritin."""
    weight = LAB_NORMAL
    text = f"Blood test: {value} is normal; this lowers the estimate"
    others_low = any(
        other is not lab
        and other.test.mineral == lab.test.mineral
        and other.test.key != "hemoglobin"  # anemia has many causes besides low iron
        and any(h.comparison in ("lt", "le") for h in other.hits)
        for other in all_labs
    )
    if lab.test.key == "hemoglobin":
        # Hemoglobin falls late: a normal value does not argue against low iron stores.
        weight = 0.0 if others_low else LAB_NORMAL_HEMOGLOBIN
        text = f"Blood test: {value} is normal" + (
            ", which is expected early in iron deficiency; it does not lower the estimate"
            if others_low
            else "; this lowers the estimate a little (hemoglobin falls late)"
        )
    elif others_low:
        weight = LAB_NORMAL_MIXED
        text += " a little, as another test of the same mineral is low"
    elif lab.test.key == "magnesium":
        weight = LAB_NORMAL_SERUM_MAGNESIUM
        text += " (though serum magnesium reflects under 1% of body stores)"
    if lab.test.key == "ferritin" and inflamed:
        weight /= 2
        text += (
            "; with inflammation (a raised CRP or an inflammatory condition), ferritin can read "
            "falsely normal"
        )
    return text, lab.test.sources, weight


def _scored(labs: tuple[Interpretation, ...]) -> tuple[Interpretation, ...]:
    """With an albumin-corrected calcium, the measured total calcium is not scored again."""
    return tuple(lab for lab in labs if not superseded(lab, labs))


def _low(labs: tuple[Interpretation, ...], mineral: str) -> bool:
    return any(
        lab.test.mineral == mineral
        and (
            lab.status == "low"
            or any(h.comparison in ("lt", "le") and h.severity != "info" for h in lab.hits)
        )
        for lab in labs
    )


def _label(symptom: str) -> str:
    return symptom.replace("_", " ").capitalize()
