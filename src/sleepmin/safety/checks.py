"""Safety checks on a supplement plan and intake: upper limits, interactions, red flags.

Pure: takes the person's targets, supplements, food intake, medications, conditions and
interpreted labs; returns findings, red flags first. Findings are results, not exceptions.
Citations are reference ids from data/references.toml.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sleepmin.intake.supplements import IRON_SALT_SOURCES, Supplement
from sleepmin.intake.targets import DRI_REPORT, Targets
from sleepmin.labs.catalog import Severity, Threshold
from sleepmin.labs.interpret import Interpretation, superseded
from sleepmin.numbers import mg
from sleepmin.nutrients import Mineral

SEVERITY_ORDER = {"red_flag": 0, "warning": 1, "info": 2}
# Rule names other layers act on (the clinical pathways turn these findings into steps).
CRITICAL_LAB = "critical_lab"
ZINC_COPPER_DEFICIENCY = "zinc_induced_copper_deficiency"
COPPER_DEFICIENCY = "copper_deficiency_symptoms"
IRON_OVERLOAD_CONDITION = "iron_overload_condition"
IRON_OVERLOAD_LABS = "iron_overload_labs"
PALPITATIONS_POTASSIUM = "palpitations_potassium"
# Within a severity, the most urgent first: a crisis (the clinical pathways' "self_harm"),
# then critical values and the other "medical care today" findings.
RULE_PRIORITY = {
    "self_harm": 0,
    CRITICAL_LAB: 1,
    PALPITATIONS_POTASSIUM: 2,
    ZINC_COPPER_DEFICIENCY: 3,
    COPPER_DEFICIENCY: 3,
    IRON_OVERLOAD_CONDITION: 4,
    IRON_OVERLOAD_LABS: 4,
}
ASK = "Talk to a clinician before taking this."
HIGH_ZINC_MG = 40.0  # the adult UL; IOM 2001 LOAEL 60 mg/day total
ZINC_COPPER_REVIEW_MG = 25.0  # notes.md: >25 mg/day for weeks: add copper or review
ZINC_COPPER_RATIO = 15.0  # no official ratio; the RDAs imply 9-12:1 (notes.md, [U])
_POTASSIUM_RISKS = {
    "ckd": "kidney disease",
    "ace_inhibitor": "an ACE inhibitor",
    "arb": "an ARB",
    "potassium_sparing_diuretic": "a potassium-sparing diuretic",
}
_CHELATORS = {  # drug → minerals it binds, separation advice, sources
    "bisphosphonate": (
        {Mineral.MAGNESIUM, Mineral.CALCIUM, Mineral.IRON},
        "take the bisphosphonate first, on an empty stomach, and the mineral at least 2 hours "
        "later (the UK product information says 3-4 hours)",
        ("uk_smpc_magnesium", "ods_magnesium"),
    ),
    "tetracycline": (
        {Mineral.MAGNESIUM, Mineral.CALCIUM, Mineral.IRON, Mineral.ZINC, Mineral.COPPER},
        "take the antibiotic at least 2 hours before or 6 hours after the mineral",
        ("ods_magnesium", "ods_zinc", "uk_smpc_magnesium"),
    ),
    "quinolone": (
        {Mineral.MAGNESIUM, Mineral.CALCIUM, Mineral.IRON, Mineral.ZINC, Mineral.COPPER},
        "take the antibiotic at least 2 hours before or 6 hours after the mineral",
        ("ods_magnesium", "ods_zinc", "uk_smpc_magnesium"),
    ),
    "levothyroxine": (
        {Mineral.CALCIUM, Mineral.IRON},
        "take levothyroxine at least 4 hours apart from the mineral",
        ("ods_iron", "ods_calcium"),
    ),
    "levodopa": (
        {Mineral.IRON},
        "take levodopa at least 2 hours apart from iron",
        ("ods_iron",),
    ),
}


@dataclass(frozen=True, slots=True)
class Finding:
    severity: Severity
    mineral: str | None
    message: str
    citations: tuple[str, ...]
    rule: str
    subject: str = ""  # what the finding is about, e.g. "Potassium 2.4 mmol/L"


@dataclass(frozen=True, slots=True)
class SafetyInput:
    targets: Targets | None  # None without a profile: the Upper Limit checks are skipped
    supplements: tuple[Supplement, ...] = ()
    food_mg: dict[Mineral, float] = field(default_factory=dict)  # mean daily food intake
    medications: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    labs: tuple[Interpretation, ...] = ()
    signs: tuple[str, ...] = ()  # screening signs, e.g. palpitations
    risk_factors: tuple[str, ...] = ()  # screening risk factors, e.g. high_dose_zinc

    @property
    def pregnant(self) -> bool:
        profile_pregnant = self.targets is not None and self.targets.profile.pregnant
        return profile_pregnant or "pregnancy" in self.conditions

    def supplement_mg(self, mineral: Mineral) -> float:
        return sum(s.amount_mg for s in self.supplements if s.mineral is mineral)

    def taking(self, mineral: Mineral) -> bool:
        return any(s.mineral is mineral for s in self.supplements)

    def supervised(self, mineral: Mineral) -> bool:
        """Every supplement of this mineral is prescribed or monitored by a clinician."""
        doses = [s for s in self.supplements if s.mineral is mineral]
        return bool(doses) and all(s.supervised for s in doses)


def check(plan: SafetyInput) -> list[Finding]:
    """Every finding for this plan, red flags first."""
    findings: list[Finding] = []
    for rule in _RULES:
        findings.extend(rule(plan))
    if any(f.rule == ZINC_COPPER_DEFICIENCY for f in findings):
        # "Stop the zinc" makes advice on how to go on taking it confusing.
        findings = [f for f in findings if f.rule not in _ZINC_CONTINUATION]
    return sort_findings(findings)


_ZINC_CONTINUATION = frozenset({"zinc_copper_review", "zinc_copper_ratio", "zinc_without_copper"})


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Red flags first; within a severity, a crisis, then critical values, then the rest."""
    return sorted(
        findings,
        key=lambda f: (
            SEVERITY_ORDER[f.severity],
            RULE_PRIORITY.get(f.rule, len(RULE_PRIORITY)),
            f.mineral or "",
            f.rule,
        ),
    )


def counted_toward_ul(plan: SafetyInput, mineral: Mineral) -> float:
    """What the mineral's UL applies to: supplements only (magnesium) or all intake."""
    if plan.targets is None:
        return plan.supplement_mg(mineral)
    target = plan.targets.minerals[mineral]
    supplements = plan.supplement_mg(mineral)
    return supplements if not target.ul_counts_food else supplements + plan.food_mg.get(mineral, 0)


def _upper_limits(plan: SafetyInput) -> list[Finding]:
    out: list[Finding] = []
    if plan.targets is None:
        return out
    for mineral, target in plan.targets.minerals.items():
        if target.ul_mg is None:
            continue
        counted = counted_toward_ul(plan, mineral)
        if counted <= target.ul_mg:
            continue
        from_supplements = plan.supplement_mg(mineral) > 0
        covers = "supplements only" if not target.ul_counts_food else "food and supplements"
        if from_supplements and plan.supervised(mineral):
            out.append(
                Finding(
                    "info",
                    mineral.value,
                    f"{mineral.value.capitalize()}: {mg(counted)} a day is above the upper "
                    f"limit of {mg(target.ul_mg)} ({covers}) for people taking it on their "
                    "own; it is marked as prescribed or monitored by a clinician, so this is "
                    "shown for information. Keep to the agreed dose and tests.",
                    (DRI_REPORT[mineral],),
                    "above_upper_limit_supervised",
                )
            )
            continue
        out.append(
            Finding(
                "red_flag" if from_supplements else "warning",
                mineral.value,
                f"{mineral.value.capitalize()}: {mg(counted)} a day counts toward the "
                f"upper limit of {mg(target.ul_mg)} ({covers}), which is above it. "
                + (
                    ASK
                    if from_supplements
                    else "This is from food alone; mention it to a clinician."
                ),
                (DRI_REPORT[mineral],),
                "above_upper_limit",
            )
        )
    return out


def _supplement_for_infant(plan: SafetyInput) -> list[Finding]:
    """Under 12 months the DRIs set no UL for magnesium, copper and potassium because intake
    should come from breast milk, formula and food only: any supplement of them is a red flag
    (a warning when the baby's doctor prescribed it). Iron, zinc and calcium have infant ULs,
    checked by _upper_limits; given without a doctor they are a warning."""
    if plan.targets is None or plan.targets.profile.age_years >= 1:
        return []
    out = []
    for mineral in sorted({s.mineral for s in plan.supplements}, key=lambda m: m.value):
        target = plan.targets.minerals[mineral]
        supervised = plan.supervised(mineral)
        amount = f"{mineral.value.capitalize()} {mg(plan.supplement_mg(mineral))} a day"
        iron = (
            " Keep iron out of children's reach: an overdose of iron is dangerous for young "
            "children."
        )
        severity: Severity
        if target.ul_mg is None and not supervised:
            severity, text = (
                "red_flag",
                f"{amount} as a supplement for a baby under 12 months: a baby's minerals come "
                "from breast milk or formula (and, from about 6 months, food), and no safe "
                "supplement amount is set at this age. Give supplements only as the baby's "
                "doctor prescribes.",
            )
        elif target.ul_mg is None:
            severity, text = (
                "warning",
                f"{amount} for a baby under 12 months is marked as prescribed or monitored by "
                "a clinician: give exactly the prescribed dose, since no safe supplement "
                "amount is set at this age and a baby's minerals otherwise come from breast "
                "milk or formula.",
            )
        elif not supervised:
            severity, text = (
                "warning",
                f"{amount} as a supplement for a baby under 12 months: a baby's minerals come "
                "from breast milk or formula (and, from about 6 months, food). Give "
                "supplements only as the baby's doctor prescribes.",
            )
        else:
            continue
        if mineral is Mineral.IRON:
            text += iron
        sources = (
            (DRI_REPORT[mineral], "ods_iron") if mineral is Mineral.IRON else (DRI_REPORT[mineral],)
        )
        out.append(Finding(severity, mineral.value, text, sources, "supplement_for_infant"))
    return out


def _zinc_and_copper(plan: SafetyInput) -> list[Finding]:
    zinc = plan.supplement_mg(Mineral.ZINC)
    if zinc <= 0:
        return []
    out = []
    if "wilson_disease" in plan.conditions:
        return [
            Finding(
                "info",
                "zinc",
                f"Zinc {mg(zinc)} a day with Wilson disease: zinc is a Wilson disease treatment "
                "that lowers copper on purpose; keep to your specialist's dose and monitoring, "
                "and take no copper supplements.",
                ("tavill_wilson_2014",),
                "zinc_wilson_treatment",
            )
        ]
    if zinc >= HIGH_ZINC_MG:
        out.append(
            Finding(
                "warning" if plan.supervised(Mineral.ZINC) else "red_flag",
                "zinc",
                f"Zinc: {mg(zinc)} a day from supplements is high-dose zinc. Over weeks it blocks "
                "copper absorption and can cause copper deficiency (anemia that does not "
                f"respond to iron, low white cells, nerve damage that may not reverse). {ASK}",
                ("iom_2001", "yadrick_1989"),
                "high_dose_zinc",
            )
        )
    elif zinc > ZINC_COPPER_REVIEW_MG:
        out.append(
            Finding(
                "warning",
                "zinc",
                f"Zinc: {mg(zinc)} a day from supplements for more than a few weeks can lower "
                "copper; review it with a clinician, who may add 1-2 mg of copper.",
                ("iom_2001", "areds_2002"),
                "zinc_copper_review",
            )
        )
    copper = plan.supplement_mg(Mineral.COPPER) + plan.food_mg.get(Mineral.COPPER, 0)
    total_zinc = zinc + plan.food_mg.get(Mineral.ZINC, 0)
    if copper > 0 and total_zinc / copper > ZINC_COPPER_RATIO:
        out.append(
            Finding(
                "warning",
                "copper",
                f"Zinc to copper is about {total_zinc / copper:.0f}:1 (the RDAs imply about "
                "9-12:1; there is no official ratio). A high ratio raises the risk of copper "
                "deficiency.",
                ("iom_2001", "areds_2002"),
                "zinc_copper_ratio",
            )
        )
    elif copper == 0 and plan.food_mg:
        out.append(
            Finding(
                "warning",
                "copper",
                "Zinc supplements with no copper logged: the copper intake is unknown, and "
                "zinc can lower it.",
                ("iom_2001",),
                "zinc_without_copper",
            )
        )
    return out


def _calcium_with_iron(plan: SafetyInput) -> list[Finding]:
    if plan.taking(Mineral.CALCIUM) and plan.taking(Mineral.IRON):
        return [
            Finding(
                "warning",
                "iron",
                "Calcium and iron: taken together, calcium can halve iron absorption. Take them at "
                "least 2 hours apart.",
                ("hallberg_1991",),
                "calcium_iron_together",
            )
        ]
    return []


def _drug_interactions(plan: SafetyInput) -> list[Finding]:
    out = []
    for drug in plan.medications:
        if drug not in _CHELATORS:
            continue
        minerals, advice, sources = _CHELATORS[drug]
        for mineral in sorted(minerals, key=lambda m: m.value):
            if plan.taking(mineral):
                out.append(
                    Finding(
                        "warning",
                        mineral.value,
                        f"{mineral.value.capitalize()} with {drug.replace('_', ' ')}: the mineral "
                        f"binds the medicine and stops it working fully; {advice}.",
                        sources,
                        f"{drug}_{mineral.value}",
                    )
                )
    return out


def _kidneys_and_potassium(plan: SafetyInput) -> list[Finding]:
    out = []
    risks = [
        label
        for key, label in _POTASSIUM_RISKS.items()
        if key in plan.medications or key in plan.conditions
    ]
    if risks and plan.taking(Mineral.POTASSIUM):
        out.append(
            Finding(
                "warning" if plan.supervised(Mineral.POTASSIUM) else "red_flag",
                "potassium",
                f"Potassium with {', '.join(risks)}: do not take potassium supplements or salt "
                "substitutes without your clinician — potassium can build up to dangerous levels "
                f"(hyperkalemia). {ASK}",
                ("nasem_2019", "statpearls_hypokalemia"),
                "potassium_retention",
            )
        )
    elif risks:
        out.append(
            Finding(
                "info",
                "potassium",
                f"With {', '.join(risks)}, the potassium reference intake does not apply; keep to "
                "ordinary diet advice from your clinician and avoid potassium salt substitutes.",
                ("nasem_2019",),
                "potassium_reference_not_applicable",
            )
        )
    if "ckd" in plan.conditions and plan.taking(Mineral.MAGNESIUM):
        out.append(
            Finding(
                "red_flag",
                "magnesium",
                "Magnesium with kidney disease: the kidneys may not clear it, and it can build up "
                f"(weakness, low blood pressure, heart rhythm problems). {ASK}",
                ("uk_smpc_magnesium", "ods_magnesium"),
                "magnesium_kidney",
            )
        )
    return out


def _iron_overload(plan: SafetyInput) -> list[Finding]:
    if "hemochromatosis" in plan.conditions:
        taking = plan.taking(Mineral.IRON)
        return [
            Finding(
                "red_flag",
                "iron",
                (
                    "Iron with hemochromatosis or iron overload: stop the iron and do not take "
                    f"iron. {ASK}"
                    if taking
                    else "Hemochromatosis or iron overload: do not take iron supplements or "
                    "multivitamins with iron, and avoid vitamin C supplements with meals; "
                    "no iron advice is given."
                ),
                ("easl_2022_hemochromatosis", "ods_iron"),
                IRON_OVERLOAD_CONDITION,
            )
        ]
    overload = iron_overload_hits(plan.labs)
    if overload:
        meanings = "; ".join(f"{h.meaning} ({h.rule})" for h in overload)
        return [
            Finding(
                "red_flag",
                "iron",
                (
                    f"Iron with a blood test suggesting iron overload ({meanings}): stop the "
                    f"iron and do not take it. {ASK}"
                    if plan.taking(Mineral.IRON)
                    else f"A blood test suggests iron overload ({meanings}): see a clinician, "
                    "who may check for hemochromatosis; take no iron supplements or "
                    "multivitamins with iron."
                ),
                tuple(dict.fromkeys(s for h in overload for s in h.sources)),
                IRON_OVERLOAD_LABS,
            )
        ]
    if not plan.taking(Mineral.IRON):
        return []
    if plan.pregnant:
        return []  # iron is routine in pregnancy; the midwife decides on testing
    if not any(lab.test.key in ("ferritin", "transferrin_saturation") for lab in plan.labs):
        return [
            Finding(
                "info",
                "iron",
                "Iron: check ferritin and transferrin saturation before taking iron (a morning "
                "sample, no iron for 24 hours before); iron should be taken for a measured need.",
                ("aasm_2024_rls", "irlssg_2018_iron"),
                "iron_test_first",
            )
        ]
    return []


def _pregnancy(plan: SafetyInput) -> list[Finding]:
    if not plan.pregnant:
        return []
    minerals = ", ".join(sorted({s.mineral.value for s in plan.supplements}))
    if plan.supplements and all(s.supervised for s in plan.supplements):
        return [
            Finding(
                "info",
                None,
                f"Pregnancy: the supplements ({minerals}) are marked as prescribed or monitored "
                "by a clinician; prenatal vitamins already contain some minerals, so tell them "
                "about every product you take.",
                ("iom_2001", "iom_2011"),
                "pregnancy_supplements_supervised",
            )
        ]
    routine = plan.targets is not None and all(
        plan.supplement_mg(s.mineral) <= plan.targets.minerals[s.mineral].target_mg
        for s in plan.supplements
    )
    if plan.supplements and routine:
        # Up to the pregnancy RDA (e.g. 27 mg of iron) is routine prenatal supplementation: a red
        # flag could make someone with anaemia stop it.
        return [
            Finding(
                "info",
                None,
                f"Pregnancy: the supplements ({minerals}) are within the pregnancy reference "
                "intake; tell your midwife or doctor about every product you take, since "
                "prenatal vitamins already contain some minerals.",
                ("iom_2001", "iom_2011"),
                "pregnancy_supplements_routine",
            )
        ]
    if plan.supplements:
        return [
            Finding(
                "red_flag",
                None,
                f"Pregnancy: needs and safe limits change in pregnancy ({minerals}), and these "
                f"amounts are above the pregnancy reference intake. {ASK} Prenatal vitamins "
                "already contain some of these minerals.",
                ("iom_2001", "iom_2011"),
                "pregnancy_supplements",
            )
        ]
    return [
        Finding(
            "info",
            None,
            "Pregnancy: the pregnancy reference intakes are used.",
            ("iom_2001",),
            "pregnancy_targets",
        )
    ]


def iron_overload_hits(labs: tuple[Interpretation, ...]) -> list[Threshold]:
    """Ferritin or transferrin-saturation cut-offs for iron overload that these results meet."""
    return [
        hit
        for lab in labs
        for hit in lab.hits
        if lab.test.key in ("ferritin", "transferrin_saturation")
        and hit.severity == "red_flag"
        and hit.comparison in ("gt", "ge")
    ]


def _wilson(plan: SafetyInput) -> list[Finding]:
    if "wilson_disease" in plan.conditions and plan.taking(Mineral.COPPER):
        return [
            Finding(
                "red_flag",
                "copper",
                f"Copper with Wilson disease: do not take copper. {ASK}",
                ("tavill_wilson_2014",),
                "copper_wilson",
            )
        ]
    return []


def _diuretics_and_ppis(plan: SafetyInput) -> list[Finding]:
    out = []
    if {"loop_or_thiazide_diuretic", "diuretic"} & set(plan.medications):
        out.append(
            Finding(
                "info",
                "magnesium",
                "Loop and thiazide diuretics raise magnesium and potassium losses; ask for blood "
                "levels to be checked rather than guessing.",
                ("ods_magnesium", "statpearls_hypokalemia"),
                "diuretic_losses",
            )
        )
        if plan.taking(Mineral.CALCIUM):
            out.append(
                Finding(
                    "warning",
                    "calcium",
                    "Calcium supplements with a thiazide-type diuretic (hydrochlorothiazide, "
                    "chlortalidone, indapamide) can raise blood calcium too high; loop "
                    "diuretics do not. Check which you take with a clinician.",
                    ("ods_calcium",),
                    "thiazide_calcium",
                )
            )
    if "ppi" in plan.medications:
        out.append(
            Finding(
                "info",
                "magnesium",
                "Long-term proton-pump inhibitors (over a year) can lower magnesium, sometimes "
                "enough that supplements do not correct it; they also reduce iron absorption.",
                ("fda_ppi_2011", "ods_iron"),
                "ppi",
            )
        )
    if "kidney_stones" in plan.conditions and plan.taking(Mineral.CALCIUM):
        out.append(
            Finding(
                "warning",
                "calcium",
                "Calcium supplements with a history of kidney stones: check with a clinician "
                "(food calcium is preferred).",
                ("iom_2011",),
                "calcium_stones",
            )
        )
    return out


def _labs(plan: SafetyInput) -> list[Finding]:
    out = []
    for lab in plan.labs:
        if superseded(lab, plan.labs):
            continue  # the albumin-corrected calcium is the one to judge
        critical = lab.critical
        if critical is not None:
            subject = lab.reading
            out.append(
                Finding(
                    "red_flag",
                    lab.test.mineral or None,
                    f"Get medical care today: {subject} is a critical value — "
                    f"{critical.meaning} ({critical.rule}). Do not wait for an appointment, "
                    "and do not try to correct it with food or supplements.",
                    critical.sources,
                    CRITICAL_LAB,
                    subject,
                )
            )
            continue  # the critical value says it all; milder cut-offs of it would only repeat
        overload = iron_overload_hits((lab,))
        for hit in lab.hits:
            if hit in overload:  # reported as iron_overload_labs
                continue
            # Red flags and warnings; informational cut-offs are shown with the lab only.
            if hit.severity == "info":
                continue
            text = f"{lab.reading}: {hit.meaning} ({hit.rule})."
            if hit.action:
                text += f" {hit.action[0].upper()}{hit.action[1:]}."
            out.append(
                Finding(
                    hit.severity,
                    lab.test.mineral or None,
                    text.replace("..", "."),
                    hit.sources,
                    f"lab_{hit.id}",
                )
            )
    return out


def _palpitations_with_abnormal_potassium(plan: SafetyInput) -> list[Finding]:
    if "palpitations" not in plan.signs:
        return []
    abnormal = [
        lab for lab in plan.labs if lab.test.key == "potassium" and lab.status in ("low", "high")
    ]
    if not abnormal:
        return []
    reading = abnormal[0].reading
    return [
        Finding(
            "red_flag",
            "potassium",
            f"Get medical care today: palpitations with an abnormal potassium ({reading}) can "
            "mean the heart rhythm is affected.",
            ("statpearls_hypokalemia", "rcem_potassium"),
            PALPITATIONS_POTASSIUM,
            f"palpitations with {reading}",
        )
    ]


def _copper_deficiency(plan: SafetyInput) -> list[Finding]:
    """Low copper or ceruloplasmin: with any zinc supplement, stop the zinc; with nerve
    symptoms or anaemia, urgent review whatever the cause. High-dose zinc with nerve symptoms
    counts too. Not in Wilson disease, where low copper is the disease and its treatment."""
    if "wilson_disease" in plan.conditions:
        return []
    zinc = plan.supplement_mg(Mineral.ZINC)
    high_zinc = zinc >= HIGH_ZINC_MG or "high_dose_zinc" in plan.risk_factors
    low_copper = [
        lab
        for lab in plan.labs
        if lab.test.key in ("copper", "ceruloplasmin")
        and (lab.status == "low" or any(h.comparison in ("lt", "le") for h in lab.hits))
    ]
    nerves = "numbness_tingling" in plan.signs
    anaemia = any(lab.test.key == "hemoglobin" and lab.status == "low" for lab in plan.labs)
    evidence = [f"{lab.reading} (low)" for lab in low_copper]
    if nerves:
        evidence.append("numbness or tingling")
    if anaemia:
        evidence.append("anaemia")
    sources = ("duncan_2015_zinc_copper", "yadrick_1989", "iom_2001")
    if (zinc > 0 or high_zinc) and (low_copper or (high_zinc and nerves)):
        amount = f"{mg(zinc)} of zinc a day" if zinc else "high-dose zinc (e.g. zinc denture cream)"
        return [
            Finding(
                "red_flag",
                "copper",
                f"Stop the zinc and get an urgent medical review: {amount} with "
                f"{', '.join(evidence)} is the pattern of zinc-induced copper deficiency, which "
                "causes anaemia, low white cells and nerve damage that may not reverse if "
                "treatment is delayed. Ask for copper, ceruloplasmin and a full blood count; "
                "copper is replaced under medical care, not with food.",
                sources,
                ZINC_COPPER_DEFICIENCY,
                amount,
            )
        ]
    if low_copper and (nerves or anaemia):
        return [
            Finding(
                "red_flag",
                "copper",
                f"Get an urgent medical review: {', '.join(evidence)} can be copper deficiency "
                "(after weight-loss surgery, with malabsorption or from zinc), which damages "
                "nerves and blood cells and may not fully reverse if treatment is delayed. "
                "Copper is replaced under medical care, not with food.",
                ("duncan_2015_zinc_copper", "mayo_copper", "iom_2001"),
                COPPER_DEFICIENCY,
            )
        ]
    return []


def _supplement_with_high_level(plan: SafetyInput) -> list[Finding]:
    """A supplement of a mineral whose blood level is already above its reference interval."""
    out = []
    for lab in plan.labs:
        if not lab.test.mineral or lab.test.key in ("ferritin", "transferrin_saturation"):
            continue  # iron overload has its own rule
        mineral = Mineral(lab.test.mineral)
        if not plan.taking(mineral) or superseded(lab, plan.labs):
            continue
        high = lab.status == "high" or any(
            h.comparison in ("gt", "ge") and h.severity != "info" for h in lab.hits
        )
        if high:
            out.append(
                Finding(
                    "red_flag",
                    mineral.value,
                    f"{mineral.value.capitalize()} supplement with a high blood level "
                    f"({lab.reading}): stop the supplement and see a clinician before taking "
                    "it again.",
                    lab.test.sources,
                    "supplement_with_high_level",
                    lab.reading,
                )
            )
    return out


def _conflicting_results(plan: SafetyInput) -> list[Finding]:
    """The same test given more than once with different values and no dates to order them:
    sleepmin reads every one, so say which to check."""
    out = []
    by_test: dict[str, list[Interpretation]] = {}
    for lab in plan.labs:
        if "calculated" not in (lab.result.source or ""):
            by_test.setdefault(lab.test.key, []).append(lab)
    for results in by_test.values():
        values = {round(r.canonical_value, 6) for r in results}
        dated = len({r.result.date for r in results if r.result.date}) == len(results)
        if len(values) > 1 and not dated:
            readings = "; ".join(r.reading for r in results)
            out.append(
                Finding(
                    "warning",
                    results[0].test.mineral or None,
                    f"{results[0].test.name} is given more than once with different values "
                    f"({readings}) and no dates to tell which is current; every one is read. "
                    "Keep the latest, or give each its date.",
                    results[0].test.sources[:1],
                    "conflicting_results",
                )
            )
    return out


def _lithium(plan: SafetyInput) -> list[Finding]:
    if "lithium" not in plan.medications:
        return []
    text = (
        "Lithium can raise blood calcium (through the parathyroid glands) and affect the "
        "thyroid, and both can disturb sleep: make sure calcium and thyroid tests are part of "
        "your lithium monitoring"
        + (
            ", and ask the prescriber before taking calcium supplements."
            if plan.taking(Mineral.CALCIUM)
            else "."
        )
    )
    return [
        Finding(
            "warning" if plan.taking(Mineral.CALCIUM) else "info",
            "calcium",
            text,
            ("meehan_2018_lithium",),
            "lithium",
        )
    ]


def _sedating_antihistamine_older_adult(plan: SafetyInput) -> list[Finding]:
    age = plan.targets.profile.age_years if plan.targets is not None else None
    if "antihistamine_sedating" not in plan.medications or age is None or age < 65:
        return []
    return [
        Finding(
            "warning",
            None,
            "Sedating antihistamines (diphenhydramine, doxylamine — common in sleep aids) are "
            "best avoided from age 65: they can cause confusion, falls, constipation and "
            "urinary retention. Ask a pharmacist or doctor about safer options; do not stop a "
            "prescribed medicine on your own.",
            ("ags_beers_2023",),
            "sedating_antihistamine_older_adult",
        )
    ]


def _unknown_forms(plan: SafetyInput) -> list[Finding]:
    """How each supplement was read: a salt converted, a form unknown, a frequency applied."""
    return [
        Finding(
            "info",
            s.mineral.value,
            s.note or "",
            IRON_SALT_SOURCES if s.salt_mg is not None else (),
            "elemental_from_salt"
            if s.salt_mg is not None
            else "unknown_form"
            if not s.form_known
            else "supplement_reading",
        )
        for s in plan.supplements
        if s.note
    ]


_RULES = (
    _upper_limits,
    _supplement_for_infant,
    _zinc_and_copper,
    _calcium_with_iron,
    _drug_interactions,
    _kidneys_and_potassium,
    _iron_overload,
    _pregnancy,
    _wilson,
    _diuretics_and_ppis,
    _labs,
    _palpitations_with_abnormal_potassium,
    _copper_deficiency,
    _supplement_with_high_level,
    _conflicting_results,
    _lithium,
    _sedating_antihistamine_older_adult,
    _unknown_forms,
)
