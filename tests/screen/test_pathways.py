"""Clinical pathways (issue 9): the route to care comes before any food or supplement step.

Critical values one by one, their near misses, STOP-Bang and PHQ-2 scoring, the cut-offs that
depend on sex, age, pregnancy, menopause, restless legs and inflammation, and property tests
over any answers: steps in order of urgency, a crisis always first, no iron step with iron
overload, non-specific complaints alone never above "unlikely".
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sleepmin.errors import InvalidAnswers
from sleepmin.intake.targets import load_dri_table, personal_targets
from sleepmin.knowledge.kb import load_knowledge
from sleepmin.labs.catalog import load_catalog
from sleepmin.labs.interpret import Context, LabResult, interpret
from sleepmin.report.assessment import build_assessment, interpret_labs, profile_from
from sleepmin.screen.answers import (
    StopBangAnswers,
    load_answers,
    parse_answers,
)
from sleepmin.screen.pathways import STEP_KINDS, score_stop_bang
from sleepmin.screen.risk import NONSPECIFIC_SIGNS
from sleepmin.vocabulary import RISK_FACTORS, SIGNS

CATALOG = load_catalog()
KB = load_knowledge()


def assess(data: dict[str, Any]) -> dict[str, Any]:
    answers = parse_answers(data)
    profile = profile_from(answers)
    targets = personal_targets(profile, load_dri_table()) if profile else None
    labs = interpret_labs(answers, CATALOG)
    return build_assessment(answers, KB, CATALOG, targets=targets, labs=labs)


def lab(test: str, value: float, unit: str) -> dict[str, Any]:
    return {"test": test, "value": value, "unit": unit}


ADULT = {"age": 44, "sex": "female"}


@pytest.mark.parametrize(
    ("labs", "mineral"),
    [
        ([lab("potassium", 2.9, "mmol/L")], "potassium"),
        ([lab("potassium", 2.4, "mEq/L")], "potassium"),
        ([lab("potassium", 6.1, "mmol/L")], "potassium"),
        ([lab("magnesium", 0.49, "mmol/L")], "magnesium"),
        ([lab("magnesium", 1.1, "mg/dL")], "magnesium"),  # 0.45 mmol/L
        ([lab("calcium", 1.85, "mmol/L")], "calcium"),
        ([lab("calcium", 12.4, "mg/dL")], "calcium"),  # 3.09 mmol/L
        # measured 1.7 mmol/L with albumin 42 g/L: corrected 7.0 mg/dL = 1.75 mmol/L
        ([lab("calcium", 1.7, "mmol/L"), lab("albumin", 42, "g/L")], "calcium"),
        ([lab("hemoglobin", 7.6, "g/dL")], "iron"),
    ],
)
def test_a_critical_value_means_medical_care_today_first(
    labs: list[dict[str, Any]], mineral: str
) -> None:
    report = assess(
        {"profile": ADULT, "signs": ["leg_cramps", "fatigue"], "labs": labs, "isi": [3] * 7}
    )
    first = report["safety"][0]
    assert first["severity"] == "red_flag" and first["rule"] == "critical_lab"
    assert first["mineral"] == mineral
    assert "Get medical care today" in first["message"]
    step = report["next_steps"][0]
    assert step["kind"] == "urgent" and step["pathway"] == "emergency"
    assert report["schedule"] is None or report["schedule"] == []


@pytest.mark.parametrize(
    "labs",
    [
        [lab("potassium", 3.0, "mmol/L")],  # the critical cut-off is < 3.0
        [lab("potassium", 6.0, "mmol/L")],  # and > 6.0
        [lab("magnesium", 0.5, "mmol/L")],
        [lab("calcium", 1.9, "mmol/L")],
        [lab("calcium", 3.0, "mmol/L")],
        [lab("hemoglobin", 8.0, "g/dL")],
        # 1.8 mmol/L measured, but albumin 25 g/L: corrected 2.1 mmol/L is not critical
        [lab("calcium", 1.8, "mmol/L"), lab("albumin", 25, "g/L")],
    ],
)
def test_near_misses_are_not_emergencies(labs: list[dict[str, Any]]) -> None:
    report = assess({"profile": ADULT, "labs": labs})
    assert "critical_lab" not in {f["rule"] for f in report["safety"]}
    assert all(s["kind"] != "urgent" for s in report["next_steps"])


def test_self_harm_comes_before_everything_with_local_numbers_hedged() -> None:
    report = assess(
        {
            "profile": {"age": 30, "sex": "male"},
            "mood": {"phq2": [3, 3], "self_harm_thoughts": True},
            "labs": [lab("potassium", 2.2, "mmol/L")],
            "isi": [4] * 7,
        }
    )
    first = report["safety"][0]
    assert first["rule"] == "self_harm" and first["severity"] == "red_flag"
    assert "988" in first["message"] and "local number may differ" in first["message"]
    assert [s["pathway"] for s in report["next_steps"][:2]] == ["crisis", "emergency"]
    assert report["mood"]["phq2_positive"] is True
    assert any(s["pathway"] == "mood" for s in report["next_steps"])


@pytest.mark.parametrize(
    ("items", "sex", "age", "score", "band"),
    [
        ({}, "female", 30, 0, "low"),
        ({"snoring": True, "tired": True}, "female", 30, 2, "low"),
        ({"snoring": True}, "male", 55, 3, "intermediate"),  # S + age + male, STOP 1
        ({"snoring": True, "tired": True}, "male", 40, 3, "high"),  # STOP 2 + male
        ({"snoring": True, "tired": True}, "female", 60, 3, "intermediate"),
        (
            {"snoring": True, "observed_apnea": True, "high_blood_pressure": True},
            "male",
            60,
            5,
            "high",
        ),
        (dict.fromkeys(StopBangAnswers.model_fields, True), "male", 70, 8, "high"),
    ],
)
def test_stop_bang_bands(
    items: dict[str, bool], sex: str, age: float, score: int, band: str
) -> None:
    """Chung 2008/2012/2016: 0-2 low, 3-4 intermediate, 5-8 high; 3-4 with 2+ STOP items and
    male sex (or BMI > 35, or neck > 40 cm) is high."""
    result = score_stop_bang(StopBangAnswers(**items), Context(sex, age))
    assert (result.score, result.band) == (score, band)


def test_high_apnea_risk_is_a_clinician_step_before_any_mineral_step() -> None:
    report = assess(
        {
            "profile": {"age": 58, "sex": "male"},
            "stop_bang": {"snoring": True, "tired": True, "observed_apnea": True},
            "signs": ["fatigue", "leg_cramps"],
            "risk_factors": ["ppi", "diuretic"],
        }
    )
    kinds = [(s["kind"], s["pathway"]) for s in report["next_steps"]]
    assert kinds[0] == ("clinician", "apnea")
    assert report["stop_bang"]["band"] == "high"
    assert "sleep_apnea_risk" in {f["rule"] for f in report["safety"]}


@pytest.mark.parametrize(("phq2", "positive"), [([1, 1], False), ([2, 0], False), ([2, 1], True)])
def test_phq2_of_three_or_more_is_positive(phq2: list[int], positive: bool) -> None:
    report = assess({"profile": ADULT, "mood": {"phq2": phq2}})
    assert report["mood"]["phq2_positive"] is positive
    assert any(s["pathway"] == "mood" for s in report["next_steps"]) is positive


def test_iron_deficiency_in_a_man_means_find_the_cause_first() -> None:
    report = assess(
        {
            "profile": {"age": 62, "sex": "male"},
            "labs": [lab("ferritin", 22, "ng/mL"), lab("hemoglobin", 12.4, "g/dL")],
        }
    )
    pathways = [s["pathway"] for s in report["next_steps"]]
    assert pathways[0] == "cause_finding"
    assert pathways.index("cause_finding") < pathways.index("food")


def test_heavy_periods_explain_iron_deficiency_before_menopause() -> None:
    data = {
        "profile": {"age": 35, "sex": "female", "menopause": "pre"},
        "labs": [lab("ferritin", 9, "ng/mL")],
    }
    assert any(s["pathway"] == "cause_finding" for s in assess(data)["next_steps"])
    explained = assess({**data, "risk_factors": ["heavy_periods"]})
    assert not any(s["pathway"] == "cause_finding" for s in explained["next_steps"])


def _hits(test: str, value: float, unit: str, context: Context) -> set[str]:
    return {h.id for h in interpret(CATALOG, LabResult(test, value, unit), context).hits}


def test_restless_legs_cut_offs_apply_only_with_restless_legs() -> None:
    without = Context("female", 40, restless_legs=False)
    with_rls = Context("female", 40, restless_legs=True)
    assert "rls_iron_therapy_adults" not in _hits("ferritin", 60, "ng/mL", without)
    assert "rls_iron_therapy_adults" in _hits("ferritin", 60, "ng/mL", with_rls)
    assert "rls_iron_therapy" not in _hits("transferrin_saturation", 15, "%", without)


def test_the_inflammation_cut_off_needs_known_inflammation() -> None:
    assert "iron_deficiency_who_inflammation" not in _hits("ferritin", 40, "ng/mL", Context())
    inflamed = Context("male", 50, inflammation=True)
    assert "iron_deficiency_who_inflammation" in _hits("ferritin", 40, "ng/mL", inflamed)
    assert "iron_deficiency_adults_bsg" not in _hits("ferritin", 20, "ng/mL", inflamed)


@pytest.mark.parametrize(
    ("context", "expected", "not_expected"),
    [
        (Context("female", 63), "iron_overload_risk_nonmenstruating_women", "menstruating"),
        (Context("female", 46, menopause="post"), "nonmenstruating", "risk_menstruating"),
        (Context("female", 52, menopause="peri"), "risk_menstruating", "nonmenstruating"),
        (Context("female", 30), "risk_menstruating", "nonmenstruating"),
    ],
)
def test_menopause_chooses_one_ferritin_overload_cut_off(
    context: Context, expected: str, not_expected: str
) -> None:
    hits = _hits("ferritin", 250, "ng/mL", context)
    assert any(expected in h for h in hits), hits
    assert not any(not_expected in h and expected not in h for h in hits), hits


@pytest.mark.parametrize(
    ("context", "value", "anaemic"),
    [
        (Context("female", 30, pregnant=True), 11.5, False),  # WHO pregnancy: < 11.0
        (Context("female", 30, pregnant=True), 10.8, True),
        (Context("female", 30), 11.5, True),  # non-pregnant women: < 12.0
        (Context("male", 30), 12.6, True),  # men: < 13.0
        (Context("female", 30), 12.6, False),
    ],
)
def test_hemoglobin_reference_follows_sex_and_pregnancy(
    context: Context, value: float, anaemic: bool
) -> None:
    result = interpret(CATALOG, LabResult("hemoglobin", value, "g/dL"), context)
    assert (result.status == "low") is anaemic
    assert result.reference_range[0] is not None  # a reference is always shown


def test_supervised_iron_above_the_ul_is_information() -> None:
    base = {"profile": ADULT, "rls": dict.fromkeys(RLS_KEYS, True)}
    own = assess({**base, "supplements": [{"name": "iron", "mineral": "iron", "amount_mg": 100}]})
    supervised = assess(
        {
            **base,
            "supplements": [
                {"name": "iron", "mineral": "iron", "amount_mg": 100, "supervised": True}
            ],
        }
    )
    assert ("red_flag", "above_upper_limit") in {(f["severity"], f["rule"]) for f in own["safety"]}
    rules = {(f["severity"], f["rule"]) for f in supervised["safety"]}
    assert ("info", "above_upper_limit_supervised") in rules
    assert not any(severity == "red_flag" for severity, _ in rules)


def test_iron_salt_weight_becomes_elemental_iron_in_the_assessment() -> None:
    report = assess(
        {
            "profile": ADULT,
            "supplements": [
                {"name": "ferrous sulfate", "mineral": "iron", "amount_mg": 325},
                {"name": "zinc", "mineral": "zinc", "amount_mg": 25, "elemental": True},
            ],
        }
    )
    intake = {i["mineral"]: i for i in report["supplement_intake"]}
    assert intake["iron"]["amount_mg"] == pytest.approx(65)
    assert intake["iron"]["supplements"][0]["salt_mg"] == 325
    assert "salt's weight" in intake["iron"]["supplements"][0]["note"]
    elemental = assess(
        {
            "profile": ADULT,
            "supplements": [
                {"name": "ferrous sulfate", "mineral": "iron", "amount_mg": 65, "elemental": True}
            ],
        }
    )
    assert elemental["supplement_intake"][0]["amount_mg"] == 65


RLS_KEYS = (
    "urge_to_move",
    "worse_at_rest",
    "relieved_by_movement",
    "worse_evening_night",
    "not_explained_by_other",
)
LAB_VALUES = st.sampled_from(
    [
        lab("ferritin", 8, "ng/mL"),
        lab("ferritin", 60, "ng/mL"),
        lab("ferritin", 900, "ng/mL"),
        lab("transferrin_saturation", 55, "%"),
        lab("hemoglobin", 7.5, "g/dL"),
        lab("hemoglobin", 11.8, "g/dL"),
        lab("potassium", 2.7, "mmol/L"),
        lab("potassium", 6.6, "mmol/L"),
        lab("magnesium", 0.42, "mmol/L"),
        lab("magnesium", 0.7, "mmol/L"),
        lab("calcium", 3.2, "mmol/L"),
        lab("copper", 40, "ug/dL"),
        lab("ceruloplasmin", 10, "mg/dL"),
        lab("crp", 25, "mg/L"),
        lab("zinc", 50, "ug/dL"),
    ]
)
ANSWERS = st.fixed_dictionaries(
    {
        "profile": st.fixed_dictionaries(
            {
                "age": st.integers(18, 95),
                "sex": st.sampled_from(["female", "male"]),
                "diet": st.sampled_from(["omnivore", "vegetarian", "vegan"]),
            }
        ),
        "sleep": st.fixed_dictionaries(
            {k: st.booleans() for k in ("trouble_falling_asleep", "night_waking")}
        ),
        "rls": st.fixed_dictionaries({k: st.booleans() for k in RLS_KEYS}),
        "signs": st.lists(st.sampled_from(sorted(SIGNS)), unique=True, max_size=6),
        "risk_factors": st.lists(
            st.sampled_from(sorted(set(RISK_FACTORS) - {"pregnancy"})), unique=True, max_size=4
        ),
        "conditions": st.lists(
            st.sampled_from(["hemochromatosis", "ckd", "wilson_disease", "inflammation"]),
            unique=True,
            max_size=2,
        ),
        "mood": st.fixed_dictionaries(
            {
                "phq2": st.lists(st.integers(0, 3), min_size=2, max_size=2),
                "self_harm_thoughts": st.booleans(),
            }
        ),
        "stop_bang": st.fixed_dictionaries(
            {k: st.booleans() for k in StopBangAnswers.model_fields}
        ),
        "labs": st.lists(LAB_VALUES, max_size=5),
        "supplements": st.lists(
            st.fixed_dictionaries(
                {
                    "name": st.just("supplement"),
                    "mineral": st.sampled_from(["iron", "zinc", "magnesium", "calcium"]),
                    "amount_mg": st.sampled_from([10, 45, 150, 600]),
                    "supervised": st.booleans(),
                }
            ),
            max_size=3,
        ),
    }
)


def _consistent(data: dict[str, Any]) -> bool:
    """Heavy periods are refused for a man (a contradiction the answers check names)."""
    return not (data["profile"]["sex"] == "male" and "heavy_periods" in data["risk_factors"])


@settings(max_examples=150, deadline=None)
@given(ANSWERS.filter(_consistent))
def test_any_answers_put_care_before_food(data: dict[str, Any]) -> None:
    report = assess(data)
    steps, safety = report["next_steps"], report["safety"]
    ranks = [STEP_KINDS.index(s["kind"]) for s in steps]
    assert ranks == sorted(ranks), steps
    severity = {"red_flag": 0, "warning": 1, "info": 2}
    assert [severity[f["severity"]] for f in safety] == sorted(
        severity[f["severity"]] for f in safety
    )
    if data["mood"]["self_harm_thoughts"]:
        assert safety[0]["rule"] == "self_harm"
        assert steps[0]["pathway"] == "crisis"
    if any(f["rule"] == "critical_lab" for f in safety):
        assert steps[0]["kind"] == "urgent"
    levels = {m["mineral"]: m["level"] for m in report["minerals"]}
    if "hemochromatosis" in data["conditions"] or any(
        f["rule"] in ("iron_overload_condition", "iron_overload_labs") for f in safety
    ):
        assert levels["iron"] == "unlikely"
        assert not any(s["mineral"] == "iron" and s["kind"] in ("test", "food") for s in steps)
    if "wilson_disease" in data["conditions"]:
        assert not any(s["mineral"] == "copper" and s["kind"] in ("test", "food") for s in steps)
        assert "zinc_induced_copper_deficiency" not in {f["rule"] for f in safety}
    if any(f["severity"] == "red_flag" for f in safety):
        assert report["schedule"] is None


@settings(max_examples=150, deadline=None)
@given(
    signs=st.lists(st.sampled_from(sorted(NONSPECIFIC_SIGNS)), unique=True),
    sleep=st.fixed_dictionaries(
        {
            k: st.booleans()
            for k in ("trouble_falling_asleep", "night_waking", "early_waking", "unrefreshing")
        }
    ),
)
def test_non_specific_complaints_alone_never_lift_a_mineral(
    signs: list[str], sleep: dict[str, bool]
) -> None:
    report = assess({"profile": ADULT, "signs": signs, "sleep": sleep})
    assert {m["level"] for m in report["minerals"]} == {"unlikely"}


# -- regressions from the outside clinical review --------------------------------------------


def test_labs_or_supplements_without_a_profile_are_refused_not_skipped() -> None:
    with pytest.raises(InvalidAnswers, match="labs and supplements need the profile"):
        parse_answers({"labs": [lab("potassium", 2.4, "mmol/L")]})


def test_conditions_without_a_profile_still_give_their_red_flag() -> None:
    report = assess({"conditions": ["hemochromatosis"]})
    assert report["safety"][0]["rule"] == "iron_overload_condition"
    assert report["next_steps"][0]["pathway"] == "overload"


@pytest.mark.parametrize(
    ("data", "who"),
    [
        (
            {
                "profile": ADULT,
                "risk_factors": ["heavy_periods"],  # an obvious cause: no cause-finding step
                "labs": [lab("hemoglobin", 8.6, "g/dL"), lab("ferritin", 4, "ng/mL")],
            },
            "a doctor",
        ),
        (
            {
                "profile": {"age": 24, "sex": "female", "pregnant": True, "diet": "vegan"},
                "labs": [lab("hemoglobin", 9.2, "g/dL"), lab("ferritin", 9, "ng/mL")],
            },
            "your midwife or doctor",
        ),
    ],
)
def test_anaemia_below_the_critical_line_still_goes_to_a_clinician_before_food(
    data: dict[str, Any], who: str
) -> None:
    steps = assess(data)["next_steps"]
    results = [i for i, s in enumerate(steps) if s["pathway"] == "results"]
    assert results and steps[results[0]]["text"].startswith(f"See {who}")
    food = [i for i, s in enumerate(steps) if s["kind"] == "food"]
    assert all(results[0] < i for i in food)


def test_a_low_result_of_another_mineral_is_a_clinician_step() -> None:
    steps = assess({"profile": ADULT, "labs": [lab("magnesium", 0.62, "mmol/L")]})["next_steps"]
    assert ("clinician", "results", "magnesium") in {
        (s["kind"], s["pathway"], s["mineral"]) for s in steps
    }


@pytest.mark.parametrize(
    ("labs", "mineral"),
    [
        ([lab("ionized_calcium", 0.72, "mmol/L")], "calcium"),
        ([lab("ionized_calcium", 1.7, "mmol/L")], "calcium"),
        ([lab("magnesium", 2.4, "mmol/L")], "magnesium"),
        ([lab("magnesium", 5.2, "mg/dL")], "magnesium"),
    ],
)
def test_more_critical_values(labs: list[dict[str, Any]], mineral: str) -> None:
    report = assess({"profile": ADULT, "labs": labs})
    assert (report["safety"][0]["rule"], report["safety"][0]["mineral"]) == (
        "critical_lab",
        mineral,
    )
    assert report["next_steps"][0]["pathway"] == "emergency"
    assert not any(s["kind"] == "food" and s["mineral"] == mineral for s in report["next_steps"])


def test_a_supplement_with_a_high_level_is_stopped_and_not_scheduled() -> None:
    report = assess(
        {
            "profile": {"age": 45, "sex": "male"},
            "labs": [lab("potassium", 5.9, "mmol/L")],
            "supplements": [
                {"name": "potassium chloride", "mineral": "potassium", "amount_mg": 99}
            ],
        }
    )
    assert report["safety"][0]["rule"] == "supplement_with_high_level"
    assert report["schedule"] is None
    assert report["next_steps"][0]["kind"] == "clinician"


def test_palpitations_with_abnormal_potassium_mean_care_today() -> None:
    report = assess(
        {
            "profile": {"age": 70, "sex": "female"},
            "signs": ["palpitations"],
            "labs": [lab("potassium", 5.8, "mmol/L")],
        }
    )
    assert report["next_steps"][0]["kind"] == "urgent"
    assert "palpitations" in report["next_steps"][0]["text"]


@pytest.mark.parametrize("where", ["conditions", "risk_factors"])
def test_pregnancy_anywhere_in_the_answers_is_pregnancy_everywhere(where: str) -> None:
    report = assess(
        {
            "profile": {"age": 29, "sex": "female"},
            where: ["pregnancy"],
            "labs": [lab("hemoglobin", 11.5, "g/dL")],
        }
    )
    hemoglobin = report["labs"][0]
    assert (
        hemoglobin["status"] == "within"
        and hemoglobin["reference_interval"]["group"] == "pregnancy"
    )
    assert report["profile"]["pregnant"] is True
    with pytest.raises(InvalidAnswers, match="pregnancy is listed"):
        parse_answers({"profile": {"age": 29, "sex": "male"}, where: ["pregnancy"]})


def test_low_copper_with_any_zinc_stops_the_zinc_and_offers_no_zinc_or_copper_food() -> None:
    report = assess(
        {
            "profile": {"age": 61, "sex": "female", "menopause": "post"},
            "risk_factors": ["bariatric_surgery"],
            "signs": ["numbness_tingling"],
            "labs": [lab("copper", 38, "ug/dL"), lab("ceruloplasmin", 11, "mg/dL")],
            "supplements": [{"name": "zinc picolinate", "mineral": "zinc", "amount_mg": 30}],
        }
    )
    assert report["next_steps"][0]["pathway"] == "stop_zinc"
    assert not any(
        s["kind"] == "food" and s["mineral"] in ("zinc", "copper") for s in report["next_steps"]
    )


def test_low_copper_with_nerve_symptoms_is_urgent_without_zinc_too() -> None:
    report = assess(
        {
            "profile": {"age": 50, "sex": "male"},
            "signs": ["numbness_tingling"],
            "labs": [lab("copper", 40, "ug/dL")],
        }
    )
    assert report["safety"][0]["rule"] == "copper_deficiency_symptoms"
    assert report["next_steps"][0]["pathway"] == "copper_deficiency"


def test_wilson_disease_zinc_is_treatment_not_a_red_flag() -> None:
    report = assess(
        {
            "profile": {"age": 34, "sex": "male"},
            "conditions": ["wilson_disease"],
            "supplements": [
                {"name": "zinc acetate", "mineral": "zinc", "amount_mg": 150, "supervised": True}
            ],
            "labs": [lab("copper", 40, "ug/dL"), lab("ceruloplasmin", 6, "mg/dL")],
        }
    )
    rules = {(f["severity"], f["rule"]) for f in report["safety"]}
    assert ("info", "zinc_wilson_treatment") in rules
    assert not any(severity == "red_flag" for severity, _ in rules)


def test_a_teenager_reporting_self_harm_gets_the_crisis_wording_with_the_refusal() -> None:
    with pytest.raises(InvalidAnswers) as refused:
        parse_answers(
            {"profile": {"age": 17.5, "sex": "female"}, "mood": {"self_harm_thoughts": True}}
        )
    assert str(refused.value).startswith("If you are having thoughts of harming yourself")
    assert "built for adults" in str(refused.value)
    with pytest.raises(InvalidAnswers) as other:  # any error, not only the age
        parse_answers({"isi": [1], "mood": {"self_harm_thoughts": "yes"}})
    assert "988" in str(other.value)


def test_readings_show_the_si_value_when_the_unit_differs() -> None:
    report = assess({"profile": ADULT, "labs": [lab("potassium", 9.4, "mg/dL")]})
    assert "9.4 mg/dL (2.4 mmol/L)" in report["safety"][0]["message"]


def test_food_steps_after_a_cause_finding_step_say_so() -> None:
    report = assess(
        {
            "profile": {"age": 62, "sex": "male"},
            "labs": [lab("ferritin", 12, "ng/mL")],
        }
    )
    food = [s for s in report["next_steps"] if s["kind"] == "food" and s["mineral"] == "iron"]
    assert food and "once you have seen the doctor" in food[0]["text"]


# -- regressions from the second outside review ----------------------------------------------


def _steps(report: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    return [(s["kind"], s["pathway"], s["mineral"]) for s in report["next_steps"]]


@pytest.mark.parametrize(
    ("labs", "mineral"),
    [
        ([lab("potassium", 5.8, "mEq/L")], "potassium"),
        ([lab("calcium", 11.2, "mg/dL"), lab("albumin", 4.1, "g/dL")], "calcium"),
        ([lab("magnesium", 1.8, "mmol/L")], "magnesium"),
    ],
)
def test_a_high_result_goes_to_a_clinician_and_gets_no_food(
    labs: list[dict[str, Any]], mineral: str
) -> None:
    report = assess(
        {
            "profile": {"age": 62, "sex": "male"},
            "signs": ["leg_cramps", "muscle_twitches", "numbness_tingling"],
            "labs": labs,
        }
    )
    steps = _steps(report)
    assert ("clinician", "results", mineral) in steps
    assert not any(kind == "food" and m == mineral for kind, _, m in steps)
    assert all(pathway != "nothing_found" for _, pathway, _ in steps)


def test_potassium_retaining_medicines_withhold_potassium_foods() -> None:
    report = assess(
        {
            "profile": {"age": 66, "sex": "male"},
            "medications": ["ace_inhibitor", "potassium_sparing_diuretic"],
            "risk_factors": ["diuretic"],
            "signs": ["leg_cramps", "muscle_weakness"],
        }
    )
    potassium = [s for s in report["next_steps"] if s["mineral"] == "potassium"]
    assert potassium and all(s["kind"] != "food" for s in potassium)
    assert any("make potassium build up" in s["text"] for s in potassium)


def test_palpitations_without_a_potassium_result_go_to_a_clinician() -> None:
    report = assess({"profile": {"age": 19, "sex": "female"}, "signs": ["palpitations"]})
    assert ("clinician", "palpitations", None) in _steps(report)
    assert "palpitations_check" in {f["rule"] for f in report["safety"]}


def test_two_critical_minerals_get_no_food_and_no_food_may_help() -> None:
    report = assess(
        {
            "profile": ADULT,
            "signs": ["leg_cramps"],
            "labs": [lab("potassium", 2.7, "mmol/L"), lab("magnesium", 1.0, "mg/dL")],
        }
    )
    for kind, pathway, mineral in _steps(report):
        assert not (
            mineral in ("potassium", "magnesium") and (kind == "food" or pathway == "results")
        )


def test_own_iron_is_held_out_of_the_schedule_while_the_cause_is_found() -> None:
    report = assess(
        {
            "profile": {"age": 68, "sex": "male"},
            "labs": [lab("ferritin", 9, "ng/mL"), lab("hemoglobin", 13.5, "g/dL")],
            "supplements": [
                {
                    "name": "iron bisglycinate",
                    "mineral": "iron",
                    "amount_mg": 25,
                    "elemental": True,
                },
                {"name": "magnesium glycinate", "mineral": "magnesium", "amount_mg": 200},
            ],
        }
    )
    assert report["schedule"] and all(d["mineral"] != "iron" for d in report["schedule"])
    assert ("clinician", "hold", "iron") in _steps(report)
    iron = next(m for m in report["minerals"] if m["mineral"] == "iron")
    assert iron["level"] == "likely"  # a supplement does not lower a tested deficiency


def test_copper_deficiency_gets_no_zinc_food_either() -> None:
    report = assess(
        {
            "profile": {"age": 41, "sex": "female", "menopause": "pre"},
            "risk_factors": ["bariatric_surgery"],
            "signs": ["numbness_tingling", "loss_of_taste_smell", "slow_wound_healing"],
            "labs": [lab("copper", 8, "umol/L"), lab("hemoglobin", 10.8, "g/dL")],
        }
    )
    assert not any(kind == "food" and m in ("zinc", "copper") for kind, _, m in _steps(report))


def test_iron_overload_drops_the_restless_legs_iron_treatment_cut_offs() -> None:
    report = assess(
        {
            "profile": {"age": 50, "sex": "male"},
            "conditions": ["hemochromatosis"],
            "rls": dict.fromkeys(RLS_KEYS, True),
            "labs": [lab("ferritin", 60, "ug/L"), lab("transferrin_saturation", 55, "%")],
        }
    )
    hits = {t["id"] for result in report["labs"] for t in result["thresholds_met"]}
    assert not hits & {"rls_iron_therapy_adults", "rls_iron_therapy"}
    assert not any("iron treatment" in f["message"] for f in report["safety"])


def test_high_blood_pressure_in_pregnancy_is_checked_today() -> None:
    report = assess(
        {
            "profile": {"age": 34, "sex": "female", "pregnant": True},
            "signs": ["headaches"],
            "stop_bang": {"snoring": True, "tired": True, "high_blood_pressure": True},
        }
    )
    assert report["next_steps"][0]["pathway"] == "maternity"
    assert report["safety"][0]["rule"] == "pregnancy_blood_pressure"


def test_bleeding_after_menopause_is_checked() -> None:
    report = assess(
        {
            "profile": {"age": 72, "sex": "female", "menopause": "post"},
            "risk_factors": ["heavy_periods"],
        }
    )
    assert ("clinician", "bleeding", None) in _steps(report)


@pytest.mark.parametrize(
    ("condition", "mineral", "excluded"),
    [
        ("kidney_stones", "magnesium", ("spinach", "almond", "cashew")),
        ("wilson_disease", "magnesium", ("almond", "cashew", "pumpkin seed", "peanut")),
    ],
)
def test_conditions_exclude_foods_they_make_unwise(
    condition: str, mineral: str, excluded: tuple[str, ...]
) -> None:
    report = assess(
        {
            "profile": ADULT,
            "conditions": [condition],
            "signs": ["leg_cramps", "muscle_twitches", "palpitations"],
            "risk_factors": ["type2_diabetes", "alcohol_heavy"],
        }
    )
    food = [s["text"].lower() for s in report["next_steps"] if s["kind"] == "food"]
    assert any(mineral.capitalize().lower() in text for text in food)
    for text in food:
        assert not any(word in text for word in excluded), text


def test_food_steps_warn_to_keep_minerals_away_from_binding_medicines() -> None:
    report = assess(
        {
            "profile": ADULT,
            "medications": ["tetracycline"],
            "risk_factors": ["low_dairy", "vegan"],
            "signs": ["leg_cramps", "numbness_tingling", "muscle_twitches"],
        }
    )
    calcium = [s for s in report["next_steps"] if s["kind"] == "food" and s["mineral"] == "calcium"]
    assert calcium and "2 hours away from the tetracycline antibiotic" in calcium[0]["text"]


def test_iron_deficiency_in_a_woman_of_fifty_or_over_means_find_the_cause() -> None:
    report = assess(
        {
            "profile": {"age": 53, "sex": "female", "menopause": "peri"},
            "risk_factors": ["heavy_periods"],
            "labs": [lab("ferritin", 8, "ng/mL"), lab("hemoglobin", 10.9, "g/dL")],
        }
    )
    assert report["next_steps"][0]["pathway"] == "cause_finding"
    assert "coeliac" in report["next_steps"][0]["text"]


def test_sedating_antihistamines_from_sixty_five_go_to_a_prescriber() -> None:
    report = assess(
        {"profile": {"age": 84, "sex": "female"}, "medications": ["antihistamine_sedating"]}
    )
    assert "sedating_antihistamine_older_adult" in {f["rule"] for f in report["safety"]}
    assert ("clinician", "medicines", None) in _steps(report)


def test_ferritin_without_a_sex_is_not_judged_by_one_sex() -> None:
    result = interpret(CATALOG, LabResult("ferritin", 170, "ng/mL"), Context())
    assert result.status != "high"


# -- impossible input in the answers (issue 10) ------------------------------------------------


@pytest.mark.parametrize(
    ("lab_answer", "message"),
    [
        (lab("ferritin", -5, "ng/mL"), "labs item 1: ferritin -5 ng/mL is not possible"),
        (lab("potassium", 20, "mmol/L"), "outside 0.5-15 mmol/L"),
        (lab("magnesium", 1.9, "Mg/dL"), None),  # read as mg/dL, not megagrams
        (lab("tibc", 0, "umol/L"), "labs item 1: tibc 0 umol/L is not possible"),
    ],
)
def test_impossible_lab_values_in_the_answers_are_refused(
    lab_answer: dict[str, Any], message: str | None
) -> None:
    data = {"profile": ADULT, "labs": [lab_answer]}
    if message is None:
        assert assess(data)["labs"][0]["status"] == "within"
        return
    with pytest.raises(InvalidAnswers, match=message):
        parse_answers(data)


def test_a_calculated_result_that_cannot_be_says_which_inputs_to_check() -> None:
    with pytest.raises(InvalidAnswers, match="calculated: iron / TIBC x 100"):
        assess({"profile": ADULT, "labs": [lab("iron", 90, "umol/L"), lab("tibc", 45, "umol/L")]})


def test_an_impossible_supplement_amount_in_the_answers_is_refused() -> None:
    with pytest.raises(InvalidAnswers, match=r"supplements item 1, amount_mg: .*not possible"):
        parse_answers(
            {
                "profile": ADULT,
                "supplements": [{"name": "zinc", "mineral": "zinc", "amount_mg": 5000}],
            }
        )


# -- regressions from the adversarial review (issue 10) ---------------------------------------


@pytest.mark.parametrize("answer", ["Yes, sometimes", "sometimes", "yes!", 2])
def test_any_self_harm_answer_but_no_gets_the_crisis_wording(answer: object) -> None:
    with pytest.raises(InvalidAnswers) as refused:
        parse_answers({"mood": {"self_harm_thoughts": answer}})
    assert str(refused.value).startswith("If you are having thoughts of harming yourself")


@pytest.mark.parametrize("age", ["1:30", "0x2d", "4_5"])
def test_yaml_numbers_only_in_plain_decimals(age: str) -> None:
    with pytest.raises(InvalidAnswers, match=r"profile\.age"):
        load_answers(f"profile: {{age: {age}, sex: female}}\n", "a.yaml")


def test_conflicting_undated_results_are_named() -> None:
    report = assess(
        {"profile": ADULT, "labs": [lab("ferritin", 10, "ng/mL"), lab("ferritin", 500, "ng/mL")]}
    )
    assert "conflicting_results" in {f["rule"] for f in report["safety"]}


@pytest.mark.parametrize(
    ("profile", "extra", "message"),
    [
        ({"age": 30, "sex": "female", "pregnant": True, "lactating": True}, {}, "cannot both"),
        ({"age": 30, "sex": "male"}, {"risk_factors": ["heavy_periods"]}, "female only"),
    ],
)
def test_answers_that_contradict_the_profile(
    profile: dict[str, Any], extra: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidAnswers, match=message):
        parse_answers({"profile": profile, **extra})


def test_a_supplement_named_for_another_mineral_is_refused() -> None:
    with pytest.raises(InvalidAnswers, match="is a magnesium supplement, but mineral is zinc"):
        parse_answers(
            {
                "profile": ADULT,
                "supplements": [
                    {"name": "magnesium glycinate", "mineral": "zinc", "amount_mg": 400}
                ],
            }
        )


@pytest.mark.parametrize("escape", ["\\U99999999", "\\U0011ffff"])
def test_a_yaml_escape_that_is_no_character_is_one_line(escape: str) -> None:
    """Found by the fuzz suite: PyYAML raised ValueError / OverflowError from its scanner."""
    with pytest.raises(InvalidAnswers, match="escape that is not a character"):
        load_answers(f'notes: "{escape}"\n', "a.yaml")
