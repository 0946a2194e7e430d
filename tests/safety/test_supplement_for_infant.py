"""Under 12 months, where the DRIs set no UL because intake should come from breast milk, formula
and food only (magnesium, copper, potassium), any supplement is a red flag; a prescribed one is a
warning. Iron, zinc and calcium have infant ULs; unprescribed they are a warning."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from sleepmin.intake.supplements import parse_supplement
from sleepmin.intake.targets import Profile, Sex, Targets, load_dri_table, personal_targets
from sleepmin.nutrients import Mineral
from sleepmin.safety.checks import Finding, SafetyInput, check
from sleepmin.safety.report import safety_report
from tests.cli_helpers import run_cli

TABLE = load_dri_table()
TWO_MONTHS = personal_targets(Profile(0.17, Sex.FEMALE), TABLE)
NINE_MONTHS = personal_targets(Profile(0.75, Sex.MALE), TABLE)
TODDLER = personal_targets(Profile(2, Sex.MALE), TABLE)


def _infant_findings(targets: Targets, *texts: str, supervised: bool = False) -> list[Finding]:
    supplements = tuple(replace(parse_supplement(t), supervised=supervised) for t in texts)
    plan = SafetyInput(targets, supplements)
    return [f for f in check(plan) if f.rule == "supplement_for_infant"]


def test_the_dri_table_sets_no_infant_ul_for_exactly_these_minerals() -> None:
    for targets in (TWO_MONTHS, NINE_MONTHS):
        no_ul = {m for m, t in targets.minerals.items() if t.ul_mg is None}
        assert no_ul == {Mineral.MAGNESIUM, Mineral.COPPER, Mineral.POTASSIUM}


@pytest.mark.parametrize(
    "text", ["magnesium 500 mg", "potassium 2,000 mg", "copper 200 mcg", "magnesium 1 mg"]
)
@pytest.mark.parametrize("targets", [TWO_MONTHS, NINE_MONTHS], ids=["2 months", "9 months"])
def test_any_supplement_without_an_infant_ul_is_a_red_flag(targets: Targets, text: str) -> None:
    """The issue: magnesium 500 mg for a 2-month-old gave no findings and a bedtime schedule."""
    (finding,) = _infant_findings(targets, text)
    assert finding.severity == "red_flag"
    message = finding.message
    assert "baby under 12 months" in message
    assert "breast milk or formula" in message
    assert "only as the baby's doctor prescribes" in message
    report = safety_report(SafetyInput(targets, (parse_supplement(text),)))
    assert not report.passes and report.schedule is None


def test_the_issue_example_in_full() -> None:
    (finding,) = _infant_findings(TWO_MONTHS, "magnesium 500 mg")
    assert finding.message == (
        "Magnesium 500 mg a day as a supplement for a baby under 12 months: a baby's minerals "
        "come from breast milk or formula (and, from about 6 months, food), and no safe "
        "supplement amount is set at this age. Give supplements only as the baby's doctor "
        "prescribes."
    )
    assert finding.citations == ("iom_1997",)


def test_a_prescribed_supplement_is_a_warning() -> None:
    (finding,) = _infant_findings(TWO_MONTHS, "potassium 100 mg", supervised=True)
    assert finding.severity == "warning"
    assert "give exactly the prescribed dose" in finding.message


@pytest.mark.parametrize("text", ["iron 10 mg", "zinc 2 mg", "calcium 100 mg"])
def test_minerals_with_an_infant_ul_are_a_warning_unless_prescribed(text: str) -> None:
    (finding,) = _infant_findings(NINE_MONTHS, text)
    assert finding.severity == "warning"
    assert "only as the baby's doctor prescribes" in finding.message
    assert _infant_findings(NINE_MONTHS, text, supervised=True) == []


def test_the_iron_message_says_an_overdose_is_dangerous() -> None:
    (finding,) = _infant_findings(NINE_MONTHS, "iron 10 mg")
    assert "an overdose of iron is dangerous for young children" in finding.message
    assert "ods_iron" in finding.citations


def test_an_infant_iron_dose_above_the_ul_is_still_a_red_flag() -> None:
    plan = SafetyInput(NINE_MONTHS, (parse_supplement("iron 45 mg"),))
    rules = {f.rule: f.severity for f in check(plan)}
    assert rules["above_upper_limit"] == "red_flag"
    assert rules["supplement_for_infant"] == "warning"


def test_no_infant_finding_from_age_one_or_without_supplements() -> None:
    assert _infant_findings(TODDLER, "magnesium 50 mg") == []
    assert _infant_findings(TWO_MONTHS) == []
    without_profile = check(SafetyInput(None, (parse_supplement("magnesium 500 mg"),)))
    assert not any(f.rule == "supplement_for_infant" for f in without_profile)


def test_the_cli_refuses_a_schedule_for_a_baby() -> None:
    result = run_cli(
        "safety", "check", "--age", "0.17", "--sex", "female",
        "--supplement", "magnesium 500 mg", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["passes"] is False and body["schedule"] is None
    assert body["findings"][0]["rule"] == "supplement_for_infant"
    assert body["findings"][0]["severity"] == "red_flag"
