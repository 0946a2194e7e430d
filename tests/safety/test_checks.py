"""A case for every safety rule, and a property: no plan the tool approves exceeds a UL."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sleepmin.errors import UnknownTerm
from sleepmin.intake.supplements import Supplement, parse_supplement
from sleepmin.intake.targets import Profile, Sex, load_dri_table, personal_targets
from sleepmin.labs.catalog import load_catalog
from sleepmin.labs.interpret import Context, LabResult, interpret
from sleepmin.nutrients import Mineral
from sleepmin.safety.checks import SafetyInput, check, counted_toward_ul
from sleepmin.safety.report import safety_report
from sleepmin.safety.schedule import hours_apart, timing_schedule
from sleepmin.vocabulary import CONDITIONS, MEDICATIONS, check_terms

TABLE = load_dri_table()
ADULT = personal_targets(Profile(40, Sex.FEMALE), TABLE)
CATALOG = load_catalog()


def _plan(*supplements: str, **kwargs: object) -> SafetyInput:
    return SafetyInput(ADULT, tuple(parse_supplement(s) for s in supplements), **kwargs)  # type: ignore[arg-type]


def _rules(plan: SafetyInput) -> dict[str, str]:
    return {f.rule: f.severity for f in check(plan)}


def test_magnesium_ul_counts_supplements_only() -> None:
    food_heavy = _plan("magnesium glycinate 300 mg", food_mg={Mineral.MAGNESIUM: 500.0})
    assert "above_upper_limit" not in _rules(food_heavy)
    assert counted_toward_ul(food_heavy, Mineral.MAGNESIUM) == 300
    over = _plan("magnesium citrate 400 mg")
    finding = next(f for f in check(over) if f.rule == "above_upper_limit")
    assert finding.severity == "red_flag" and finding.mineral == "magnesium"
    assert "talk to a clinician before taking this" in finding.message.lower()


def test_iron_ul_counts_food_too() -> None:
    plan = _plan("iron 40 mg", food_mg={Mineral.IRON: 12.0})
    assert _rules(plan)["above_upper_limit"] == "red_flag"  # 52 > 45


def test_iron_salts_count_as_elemental_iron() -> None:
    """Ferrous sulfate 325 mg holds 65 mg of iron (ODS): above the UL of 45 with no food."""
    plan = _plan("ferrous sulfate 325 mg")
    assert plan.supplement_mg(Mineral.IRON) == pytest.approx(65)
    rules = _rules(plan)
    assert rules["above_upper_limit"] == "red_flag"
    assert rules["elemental_from_salt"] == "info"
    assert _plan("ferrous fumarate 324 mg").supplement_mg(Mineral.IRON) == pytest.approx(106.92)
    assert _plan("ferrous gluconate 324 mg").supplement_mg(Mineral.IRON) == pytest.approx(38.88)
    assert _plan("ferrous sulfate 65 mg elemental iron").supplement_mg(Mineral.IRON) == 65


def test_food_alone_above_a_ul_is_a_warning_not_a_plan_problem() -> None:
    plan = _plan(food_mg={Mineral.ZINC: 45.0})
    assert _rules(plan)["above_upper_limit"] == "warning"


def test_high_dose_zinc_and_copper() -> None:
    assert _rules(_plan("zinc gluconate 50 mg"))["high_dose_zinc"] == "red_flag"
    assert _rules(_plan("zinc 40 mg"))["high_dose_zinc"] == "red_flag"  # at the UL: red flag
    review = _rules(_plan("zinc 30 mg", food_mg={Mineral.ZINC: 5.0, Mineral.COPPER: 1.0}))
    assert review["zinc_copper_review"] == "warning"
    assert review["zinc_copper_ratio"] == "warning"  # 35:1
    fine = _rules(_plan("zinc 15 mg", food_mg={Mineral.ZINC: 8.0, Mineral.COPPER: 1.8}))
    assert "zinc_copper_ratio" not in fine and "high_dose_zinc" not in fine


def test_calcium_and_iron_together() -> None:
    plan = _plan("calcium carbonate 500 mg", "ferrous sulfate 65 mg")
    assert _rules(plan)["calcium_iron_together"] == "warning"
    schedule = timing_schedule(plan.supplements)
    gap = hours_apart(schedule, Mineral.CALCIUM, Mineral.IRON)
    assert gap is not None and gap >= 2


@pytest.mark.parametrize("drug", ["bisphosphonate", "tetracycline", "quinolone"])
def test_magnesium_with_binding_medicines(drug: str) -> None:
    rules = _rules(_plan("magnesium glycinate 200 mg", medications=(drug,)))
    assert rules[f"{drug}_magnesium"] == "warning"


def test_levothyroxine_with_iron_and_calcium() -> None:
    rules = _rules(
        _plan("ferrous sulfate 65 mg", "calcium citrate 300 mg", medications=("levothyroxine",))
    )
    assert {"levothyroxine_iron", "levothyroxine_calcium"} <= set(rules)


@pytest.mark.parametrize("risk", ["ckd", "ace_inhibitor", "arb", "potassium_sparing_diuretic"])
def test_potassium_supplements_with_retention_risks(risk: str) -> None:
    kwargs = {"conditions": (risk,)} if risk == "ckd" else {"medications": (risk,)}
    plan = _plan("potassium chloride 99 mg", **kwargs)
    finding = next(f for f in check(plan) if f.rule == "potassium_retention")
    assert finding.severity == "red_flag"
    assert "do not take potassium supplements or salt substitutes without your clinician" in (
        finding.message
    )
    assert not safety_report(plan).passes and safety_report(plan).schedule is None


def test_magnesium_with_kidney_disease() -> None:
    assert _rules(_plan("magnesium 200 mg", conditions=("ckd",)))["magnesium_kidney"] == "red_flag"


def test_iron_with_hemochromatosis_or_overload_labs() -> None:
    assert (
        _rules(_plan("iron 18 mg", conditions=("hemochromatosis",)))["iron_overload_condition"]
        == "red_flag"
    )
    high = interpret(CATALOG, LabResult("ferritin", 400, "ng/mL"), Context("male", 45))
    assert _rules(_plan("iron 18 mg", labs=(high,)))["iron_overload_labs"] == "red_flag"
    low = interpret(CATALOG, LabResult("ferritin", 20, "ng/mL"), Context("female", 40))
    assert "iron_overload_labs" not in _rules(_plan("iron 18 mg", labs=(low,)))
    assert _rules(_plan("iron 18 mg"))["iron_test_first"] == "info"


def test_pregnancy_supplements_above_the_pregnancy_reference_are_a_red_flag() -> None:
    pregnant = personal_targets(Profile(30, Sex.FEMALE, pregnant=True), TABLE)
    high = SafetyInput(pregnant, (parse_supplement("zinc 30 mg"),))  # RDA 11 mg
    assert _rules(high)["pregnancy_supplements"] == "red_flag"
    by_condition = _plan("zinc 10 mg", conditions=("pregnancy",))  # non-pregnant RDA 8 mg
    assert _rules(by_condition)["pregnancy_supplements"] == "red_flag"


def test_routine_prenatal_amounts_are_information_not_a_red_flag() -> None:
    """27 mg of iron is the pregnancy RDA: a red flag could make someone with anaemia stop it."""
    pregnant = personal_targets(Profile(30, Sex.FEMALE, pregnant=True), TABLE)
    plan = SafetyInput(pregnant, (parse_supplement("iron bisglycinate 27 mg"),))
    rules = _rules(plan)
    assert rules["pregnancy_supplements_routine"] == "info"
    assert "red_flag" not in rules.values() and "iron_test_first" not in rules


def test_copper_with_wilson_disease() -> None:
    assert _rules(_plan("copper 2 mg", conditions=("wilson_disease",)))["copper_wilson"] == (
        "red_flag"
    )


def test_diuretics_ppis_and_stones() -> None:
    rules = _rules(
        _plan(
            "calcium carbonate 500 mg",
            medications=("loop_or_thiazide_diuretic", "ppi"),
            conditions=("kidney_stones",),
        )
    )
    assert rules["diuretic_losses"] == "info"
    assert rules["thiazide_calcium"] == "warning"
    assert rules["ppi"] == "info"
    assert rules["calcium_stones"] == "warning"


def test_severe_lab_values_become_red_flags() -> None:
    potassium = interpret(CATALOG, LabResult("potassium", 2.3, "mmol/L"))
    findings = check(_plan(labs=(potassium,)))
    assert findings[0].severity == "red_flag" and findings[0].mineral == "potassium"


def test_red_flags_come_first_and_a_passing_plan_gets_a_cited_schedule() -> None:
    findings = check(_plan("zinc 50 mg", "calcium carbonate 500 mg", "ferrous sulfate 65 mg"))
    severities = [f.severity for f in findings]
    assert severities == sorted(severities, key=["red_flag", "warning", "info"].index)
    report = safety_report(
        _plan(
            "magnesium glycinate 200 mg",
            "zinc 15 mg",
            "ferrous sulfate 27 mg",
            "calcium citrate 500 mg",
        )
    )
    assert report.passes and report.schedule is not None
    slots = {d.mineral: d.slot for d in report.schedule}
    assert slots == {
        "magnesium": "evening",
        "zinc": "lunch",
        "iron": "morning",
        "calcium": "dinner",
    }
    assert all(d.citations for d in report.schedule)
    assert hours_apart(list(report.schedule), Mineral.ZINC, Mineral.IRON) >= 2  # type: ignore[operator]


def test_every_citation_resolves() -> None:
    everything = _plan(
        "zinc 50 mg",
        "iron 18 mg",
        "potassium 99 mg",
        "calcium 600 mg",
        "magnesium 400 mg",
        "copper 2 mg",
        medications=tuple(MEDICATIONS),
        conditions=tuple(CONDITIONS),
    )
    for finding in check(everything):
        for ref in finding.citations:
            assert ref in CATALOG.references, (finding.rule, ref)
    for dose in timing_schedule(everything.supplements, tuple(MEDICATIONS)):
        for ref in dose.citations:
            assert ref in CATALOG.references, ref


def test_vocabulary_errors_list_the_valid_words() -> None:
    assert check_terms("medication", ["ACE-inhibitor", "ppi"]) == ("ace_inhibitor", "ppi")
    with pytest.raises(
        UnknownTerm,
        match="unknown condition 'diabetes'; use one of: ckd, "
        "hemochromatosis, inflammation, kidney_stones, pregnancy, "
        "sleep_apnea, wilson_disease",
    ):
        check_terms("condition", ["diabetes"])


_MINERALS = list(Mineral)


@settings(max_examples=300, deadline=None)
@given(
    amounts=st.dictionaries(st.sampled_from(_MINERALS), st.floats(0.01, 3000), max_size=6),
    food=st.dictionaries(st.sampled_from(_MINERALS), st.floats(0, 5000), max_size=6),
    age=st.floats(1, 100),
    sex=st.sampled_from(list(Sex)),
    medications=st.lists(st.sampled_from(sorted(MEDICATIONS)), max_size=3),
    conditions=st.lists(st.sampled_from(sorted(CONDITIONS)), max_size=2),
)
def test_no_approved_plan_exceeds_an_upper_limit(
    amounts: dict[Mineral, float],
    food: dict[Mineral, float],
    age: float,
    sex: Sex,
    medications: list[str],
    conditions: list[str],
) -> None:
    targets = personal_targets(Profile(age, sex), TABLE)
    supplements = tuple(
        Supplement(f"{m.value} {a:g} mg", m, a, None, True) for m, a in amounts.items()
    )
    plan = SafetyInput(targets, supplements, food, tuple(medications), tuple(conditions))
    report = safety_report(plan)
    if not report.passes:
        assert report.schedule is None
        return
    for mineral, target in targets.minerals.items():
        if target.ul_mg is None:
            continue
        counted = counted_toward_ul(plan, mineral)
        if mineral in amounts:  # anything the plan adds keeps the total within the UL
            assert counted <= target.ul_mg
        elif counted > target.ul_mg:  # food alone over the UL is still said plainly
            assert any(
                f.rule == "above_upper_limit" and f.mineral == mineral.value
                for f in report.findings
            )
    assert report.schedule is not None
    assert {d.mineral for d in report.schedule if d.mineral} == {m.value for m in amounts}


# The schedule's rules (gaps, medicines that bind minerals, calcium doses) are property-tested
# in tests/safety/test_schedule.py.
