"""The timing schedule: medicines that bind minerals never share a slot with them and keep their
gap (or the entry says it cannot), calcium comes in doses of at most 500 mg, and every milligram
of every supplement is placed.

The rules are written out here again, from the sources, rather than read from the schedule
module, so that a wrong table there fails these tests.
"""

from __future__ import annotations

import math
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sleepmin.intake.supplements import Supplement, parse_supplement
from sleepmin.labs.catalog import load_catalog
from sleepmin.nutrients import Mineral
from sleepmin.safety.report import SafetyReport, report_json
from sleepmin.safety.schedule import SLOT_HOURS, Dose, hours_apart, timing_schedule

CATALOG = load_catalog()
BINDING_MEDICINES = ["bisphosphonate", "tetracycline", "quinolone", "levothyroxine", "levodopa"]
DIVALENT = {"magnesium", "calcium", "iron", "zinc", "copper"}
MG, CA, FE, ZN = "magnesium", "calcium", "iron", "zinc"


def _supplement(mineral: Mineral, amount: float, tag: str = "") -> Supplement:
    return Supplement(f"{mineral.value}{tag} {amount:g} mg", mineral, amount, None, True)


def _hour(dose: Dose) -> int:
    return SLOT_HOURS[dose.slot]


def _after(later: Dose, earlier: Dose) -> int:
    """Hours from `earlier` to the next `later` dose (both repeat every day)."""
    return (_hour(later) - _hour(earlier)) % 24


def _apart(a: Dose, b: Dose) -> int:
    return min(_after(a, b), _after(b, a))


def _required(medicine: str, mineral: str) -> tuple[int, int] | None:
    """(hours the mineral must follow the medicine, hours it must precede it), or None."""
    if medicine in ("quinolone", "tetracycline") and mineral in DIVALENT:
        return (2, 6)  # the antibiotic >= 2 h before or >= 6 h after (4-6 h: the longer kept)
    if medicine == "levothyroxine":
        return (4, 4) if mineral in (FE, CA) else (1, 1)  # 4 h; other minerals not in its slot
    if medicine == "bisphosphonate":
        return (4, 4) if mineral == MG else (2, 2)  # magnesium: UK SmPC 3-4 h
    if medicine == "levodopa" and mineral == FE:
        return (2, 2)
    return None


def _broken_rules(schedule: list[Dose]) -> list[tuple[Dose, Dose, str]]:
    """Every pair of entries that breaks a rule, with the rule."""
    broken = []
    medicines = [d for d in schedule if not d.mineral]
    minerals = [d for d in schedule if d.mineral]
    for med in medicines:
        for dose in minerals:
            need = _required(med.supplement, dose.mineral)
            if need and (_after(dose, med) < need[0] or _after(med, dose) < need[1]):
                broken.append((med, dose, f"{med.supplement}-{dose.mineral}"))
        if med.supplement == "bisphosphonate":
            broken += [(med, d, "alone") for d in schedule if d is not med and d.slot == med.slot]
    for i, a in enumerate(minerals):
        for b in minerals[i + 1 :]:
            if {a.mineral, b.mineral} in ({FE, CA}, {FE, ZN}) and _apart(a, b) < 2:
                broken.append((a, b, f"{a.mineral}-{b.mineral}"))
    calcium_by_slot: dict[str, list[Dose]] = defaultdict(list)
    for dose in minerals:
        if dose.mineral == CA:
            calcium_by_slot[dose.slot].append(dose)
    for doses in calcium_by_slot.values():
        if sum(d.amount_mg or 0 for d in doses) > 500 + 1e-6:
            broken += [(a, b, "calcium at once") for a in doses for b in doses if a is not b]
    return broken


def _check_invariants(supplements: list[Supplement], medications: list[str]) -> list[Dose]:
    schedule = timing_schedule(supplements, tuple(medications))
    minerals = [d for d in schedule if d.mineral]
    medicines = [d for d in schedule if not d.mineral]
    # every supplement appears, and its doses add up to its daily amount
    for supplement in supplements:
        doses = [d for d in minerals if d.supplement == supplement.text]
        assert doses, supplement
        assert all(d.mineral == supplement.mineral.value for d in doses)
        assert math.isclose(
            sum(d.amount_mg or 0 for d in doses), supplement.amount_mg, rel_tol=1e-9, abs_tol=1e-6
        )
    for mineral in Mineral:
        daily = sum(s.amount_mg for s in supplements if s.mineral is mineral)
        placed = sum(d.amount_mg or 0 for d in minerals if d.mineral == mineral.value)
        assert math.isclose(placed, daily, rel_tol=1e-9, abs_tol=1e-6), mineral
    # no calcium dose above 500 mg
    assert all((d.amount_mg or 0) <= 500 + 1e-6 for d in minerals if d.mineral == CA)
    # supplements carry their amount, medicines none; everything has instructions and sources
    assert all(d.amount_mg is not None and d.amount_mg > 0 for d in minerals)
    assert all(d.amount_mg is None for d in medicines)
    for dose in schedule:
        assert dose.slot in SLOT_HOURS and dose.instructions and dose.citations
        assert all(ref in CATALOG.references for ref in dose.citations), dose.citations
    # each binding medicine appears once, when the plan holds a mineral it binds
    taken = {s.mineral.value for s in supplements}
    for medicine in set(medications):
        expected = any(_required(medicine, m) for m in taken)
        assert [d.supplement for d in medicines].count(medicine) == (1 if expected else 0)
    bisphosphonate = [d for d in medicines if d.supplement == "bisphosphonate"]
    assert all(d.slot == "waking" for d in bisphosphonate)  # first thing on waking
    # no binding medicine ever shares a slot with a mineral it binds
    for med in medicines:
        for dose in minerals:
            if _required(med.supplement, dose.mineral):
                assert med.slot != dose.slot, (med.supplement, dose.mineral, dose.slot)
    # every rule is kept, or both entries say plainly that it is not
    for a, b, rule in _broken_rules(schedule):
        assert a.conflict and b.conflict, (rule, a, b)
    assert all(d.conflict is None or d.conflict.startswith("No arrangement") for d in schedule)
    return schedule


@settings(max_examples=300, deadline=None)
@given(
    plan=st.lists(
        st.tuples(st.sampled_from(list(Mineral)), st.floats(1, 3000)), min_size=1, max_size=8
    ),
    medications=st.lists(st.sampled_from(BINDING_MEDICINES), max_size=5, unique=True),
)
def test_the_schedule_keeps_every_rule_or_says_so(
    plan: list[tuple[Mineral, float]], medications: list[str]
) -> None:
    supplements = [_supplement(m, a, f" #{i}") for i, (m, a) in enumerate(plan)]
    _check_invariants(supplements, medications)


@settings(max_examples=200, deadline=None)
@given(
    minerals=st.sets(st.sampled_from(list(Mineral)), min_size=1),
    medications=st.lists(st.sampled_from(BINDING_MEDICINES), max_size=5, unique=True),
)
def test_everyday_plans_need_no_conflict(minerals: set[Mineral], medications: list[str]) -> None:
    """One supplement per mineral at an everyday dose (calcium 500 mg) always fits, whatever
    binding medicines are taken."""
    amounts = {Mineral.CALCIUM: 500.0, Mineral.MAGNESIUM: 200.0, Mineral.POTASSIUM: 99.0}
    supplements = [_supplement(m, amounts.get(m, 10.0)) for m in minerals]
    schedule = _check_invariants(supplements, medications)
    assert not [d for d in schedule if d.conflict]


def test_quinolone_and_zinc_keep_their_gap() -> None:
    schedule = timing_schedule([_supplement(Mineral.ZINC, 15)], ("quinolone",))
    antibiotic = next(d for d in schedule if d.supplement == "quinolone")
    zinc = next(d for d in schedule if d.mineral == ZN)
    assert antibiotic.slot != zinc.slot
    assert _after(zinc, antibiotic) >= 2  # the antibiotic at least 2 h before the zinc
    assert _after(antibiotic, zinc) >= 6  # and at least 6 h after the previous zinc
    assert antibiotic.amount_mg is None and antibiotic.mineral == ""
    assert "2 hours before or 6 hours after" in antibiotic.instructions
    assert "2 hours after or 6 hours before the quinolone" in zinc.instructions
    assert not antibiotic.conflict and not zinc.conflict


@pytest.mark.parametrize("drug", ["quinolone", "tetracycline"])
def test_antibiotics_keep_6_hours_from_every_binding_mineral(drug: str) -> None:
    supplements = [_supplement(m, 200 if m is Mineral.MAGNESIUM else 10) for m in Mineral]
    schedule = _check_invariants(supplements, [drug])
    antibiotic = next(d for d in schedule if d.supplement == drug)
    for dose in schedule:
        if dose.mineral in DIVALENT:
            assert _after(dose, antibiotic) >= 2 and _after(antibiotic, dose) >= 6, dose
    assert not [d for d in schedule if d.conflict]


def test_calcium_1200_mg_comes_in_three_doses_apart_from_iron() -> None:
    schedule = timing_schedule(
        [_supplement(Mineral.CALCIUM, 1200), _supplement(Mineral.IRON, 18)], ()
    )
    calcium = [d for d in schedule if d.mineral == CA]
    assert [d.amount_mg for d in calcium] == [400, 400, 400]
    assert len({d.slot for d in calcium}) == 3
    assert hours_apart(schedule, Mineral.CALCIUM, Mineral.IRON) >= 2  # type: ignore[operator]
    assert all(
        "is 400 mg: the 1,200 mg of calcium a day is split into 3 doses" in d.instructions
        for d in calcium
    )
    assert not [d for d in schedule if d.conflict]


def test_calcium_600_mg_is_split_and_500_mg_is_not() -> None:
    split = timing_schedule([_supplement(Mineral.CALCIUM, 600)])
    assert sorted(d.amount_mg for d in split) == [300, 300]  # type: ignore[type-var]
    assert len({d.slot for d in split}) == 2
    whole = timing_schedule([_supplement(Mineral.CALCIUM, 500)])
    assert [(d.slot, d.amount_mg) for d in whole] == [("dinner", 500)]


def test_two_calcium_supplements_share_no_slot_above_500_mg() -> None:
    schedule = _check_invariants(
        [_supplement(Mineral.CALCIUM, 300, " citrate"), _supplement(Mineral.CALCIUM, 400)], []
    )
    assert len({d.slot for d in schedule}) == 2


def test_the_everyday_plan_keeps_its_slots() -> None:
    schedule = timing_schedule(
        [
            _supplement(Mineral.MAGNESIUM, 200),
            _supplement(Mineral.ZINC, 15),
            _supplement(Mineral.IRON, 27),
            _supplement(Mineral.CALCIUM, 500),
        ]
    )
    assert {d.mineral: d.slot for d in schedule} == {
        MG: "evening",
        ZN: "lunch",
        FE: "morning",
        CA: "dinner",
    }
    assert all(d.amount_mg is not None for d in schedule)


def test_levothyroxine_on_waking_moves_iron_to_lunch_and_zinc_to_dinner() -> None:
    schedule = _check_invariants(
        [
            _supplement(Mineral.IRON, 18),
            _supplement(Mineral.ZINC, 15),
            _supplement(Mineral.MAGNESIUM, 200),
        ],
        ["levothyroxine"],
    )
    slots = {d.mineral or d.supplement: d.slot for d in schedule}
    assert slots == {"levothyroxine": "waking", FE: "lunch", ZN: "dinner", MG: "evening"}
    iron = next(d for d in schedule if d.mineral == FE)
    assert "moved from morning to lunch" in iron.instructions


def test_a_bisphosphonate_is_alone_on_waking() -> None:
    schedule = _check_invariants(
        [_supplement(Mineral.IRON, 18), _supplement(Mineral.MAGNESIUM, 200)],
        ["bisphosphonate", "levothyroxine"],
    )
    waking = [d for d in schedule if d.slot == "waking"]
    assert [d.supplement for d in waking] == ["bisphosphonate"]
    levothyroxine = next(d for d in schedule if d.supplement == "levothyroxine")
    assert levothyroxine.slot == "evening" and "bedtime" in levothyroxine.instructions
    assert "agree this change with your clinician" in levothyroxine.instructions
    assert not [d for d in schedule if d.conflict]


def test_levodopa_appears_only_with_iron() -> None:
    assert [
        d.supplement for d in timing_schedule([_supplement(Mineral.ZINC, 15)], ("levodopa",))
    ] == ["zinc 15 mg"]
    schedule = _check_invariants([_supplement(Mineral.IRON, 18)], ["levodopa"])
    assert {d.supplement for d in schedule} == {"levodopa", "iron 18 mg"}
    assert (
        "several times a day"
        in next(d for d in schedule if d.supplement == "levodopa").instructions
    )


def test_no_supplements_no_schedule() -> None:
    assert timing_schedule([], ("quinolone", "levothyroxine")) == []


def test_an_impossible_plan_says_so_on_each_entry() -> None:
    # Levothyroxine (4 h from iron and calcium) leaves too few slots for iron and three calcium
    # doses: the schedule marks the entries it cannot fit rather than breaking a rule silently.
    schedule = _check_invariants(
        [_supplement(Mineral.IRON, 18), _supplement(Mineral.CALCIUM, 1200)], ["levothyroxine"]
    )
    conflicts = [d for d in schedule if d.conflict]
    assert conflicts
    assert all("ask a pharmacist or clinician" in (d.conflict or "") for d in conflicts)
    levothyroxine = next(d for d in schedule if d.supplement == "levothyroxine")
    assert all(d.slot != levothyroxine.slot for d in schedule if d.mineral)


def test_the_json_entry_carries_the_amount_and_the_conflict() -> None:
    schedule = timing_schedule(
        [_supplement(Mineral.IRON, 18), _supplement(Mineral.CALCIUM, 1200)], ("levothyroxine",)
    )
    body = report_json(SafetyReport((), tuple(schedule)), CATALOG)
    entries = body["schedule"]
    assert all(
        set(e)
        == {
            "slot",
            "supplement",
            "mineral",
            "amount_mg",
            "instructions",
            "citations",
            "conflict",
            "conflict_message",
        }
        for e in entries
    )
    medicine = next(e for e in entries if e["supplement"] == "levothyroxine")
    assert medicine["mineral"] is None and medicine["amount_mg"] is None
    assert sum(e["amount_mg"] for e in entries if e["mineral"] == "calcium") == 1200
    assert any(e["conflict"] for e in entries)
    for e in entries:
        assert (e["conflict_message"] is not None) == e["conflict"]
        assert all(c["id"] for c in e["citations"])


@pytest.mark.parametrize("medicine", BINDING_MEDICINES)
def test_the_gap_table_matches_the_sources(medicine: str) -> None:
    from sleepmin.safety.schedule import MEDICINE_GAPS

    for mineral in Mineral:
        gap = MEDICINE_GAPS[medicine].get(mineral)
        expected = _required(medicine, mineral.value)
        assert (None if gap is None else (gap.before, gap.after)) == expected, mineral


def test_a_supplement_taken_twice_a_day_gets_two_slots_and_every_other_day_says_so() -> None:
    schedule = timing_schedule(
        [parse_supplement("zinc 25 mg twice daily"), parse_supplement("iron 65 mg every other day")]
    )
    zinc = [d for d in schedule if d.mineral == "zinc"]
    assert [d.amount_mg for d in zinc] == [25.0, 25.0]
    assert len({d.slot for d in zinc}) == 2
    iron = [d for d in schedule if d.mineral == "iron"]
    assert iron[0].amount_mg == 65.0 and "every other day, not daily" in iron[0].instructions
