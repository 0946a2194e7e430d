"""The typed results of `labs interpret/import/convert`, `safety check` and `assess` describe their
JSON exactly: each real output, validated into its model and dumped again, is the same JSON byte
for byte (keys, key order, values, int or float, nulls). The outputs are real ones — every lab
test at low, normal and high values in each of its units, the FHIR and CSV fixtures, many
supplement plans, and every vignette — not hand-written dicts."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import importlib
import io
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, get_args

import pytest
import yaml
from pydantic import ValidationError

from sleepmin import usecases
from sleepmin.errors import SleepminError
from sleepmin.foods.database import FoodDatabase
from sleepmin.intake.targets import Diet, Profile, Sex
from sleepmin.labs.catalog import SEVERITIES, LabTest, load_catalog
from sleepmin.labs.convert import convert
from sleepmin.labs.interpret import Context, LabResult, interpret
from sleepmin.labs.serialize import interpretation_json
from sleepmin.nutrients import Mineral
from sleepmin.report import assessment as report
from sleepmin.results.assessment import (
    AssessmentReport,
    Condition,
    IsiBand,
    Pathway,
    ReasonKind,
    RlsCriteria,
    StepKind,
)
from sleepmin.results.base import Result
from sleepmin.results.common import MineralName
from sleepmin.results.labs import (
    AppliesTo,
    LabConversion,
    LabImportResult,
    LabInterpretation,
    LabStatus,
    LabTestKey,
    Severity,
)
from sleepmin.results.safety import FixedRule, SafetyFinding, SafetyReportResult, Slot
from sleepmin.safety import checks
from sleepmin.safety.checks import _CHELATORS
from sleepmin.safety.schedule import SLOT_HOURS
from sleepmin.screen import pathways, risk
from sleepmin.screen.answers import parse_answers
from sleepmin.screen.instruments import ISI_BANDS, RLS_CRITERIA
from sleepmin.screen.pathways import STEP_KINDS
from sleepmin.vocabulary import CONDITIONS
from tests.report.test_vignettes import CLINICAL, HOLDOUT, TODAY, VIGNETTES
from tests.report.test_vignettes import assess as assess_vignette

DATA = Path(__file__).parents[1] / "data"
FHIR = DATA / "fhir"
FHIR_FILES = ("observation_ferritin.json", "bundle_panel.json", "bundle_problems.json")
CATALOG = load_catalog()
SAFETY_DAY = dt.date(2026, 11, 26)
RESULT_MODELS: tuple[type[Result], ...] = (
    LabInterpretation,
    LabImportResult,
    LabConversion,
    SafetyReportResult,
    AssessmentReport,
)


def same_json(model: type[Result], data: dict[str, Any]) -> Result:
    """The model of ``data``, after checking that it dumps to the very same JSON (a failure
    shows the text around the first difference)."""
    parsed = model.model_validate(data)
    dumped = json.dumps(parsed.to_json(), ensure_ascii=False)
    expected = json.dumps(data, ensure_ascii=False)
    if dumped != expected:
        at = next(
            (i for i, (a, b) in enumerate(zip(dumped, expected, strict=False)) if a != b),
            min(len(dumped), len(expected)),
        )
        pytest.fail(
            f"{model.__name__} dumps other JSON at character {at}:\n"
            f"  model:  …{dumped[max(0, at - 100) : at + 60]}\n"
            f"  output: …{expected[max(0, at - 100) : at + 60]}"
        )
    return parsed


def refuses_an_extra_key(model: type[Result], data: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        model.model_validate({**data, "unexpected": 1})


# -- the value sets the models spell out are the code's ------------------------------------------


def test_the_literals_are_the_value_sets_of_the_code() -> None:
    assert set(get_args(LabTestKey)) == set(CATALOG.tests)
    assert set(get_args(MineralName)) == {m.value for m in Mineral}
    assert get_args(Severity) == SEVERITIES
    assert get_args(StepKind) == STEP_KINDS
    assert get_args(Slot) == tuple(SLOT_HOURS)
    assert set(get_args(Condition)) == set(CONDITIONS)
    assert get_args(IsiBand) == tuple(band for _, _, band, _ in ISI_BANDS)
    assert tuple(RlsCriteria.model_fields) == tuple(key for key, _ in RLS_CRITERIA)
    whom = {th.applies_to for t in CATALOG.tests.values() for th in t.thresholds}
    whom |= {
        g.applies_to for t in CATALOG.tests.values() if t.reference for g in t.reference.groups
    }
    assert whom <= set(get_args(AppliesTo))
    binding = {
        f"{drug}_{m.value}" for drug, (minerals, _, _) in _CHELATORS.items() for m in minerals
    }
    assert binding <= set(get_args(FixedRule))


def _words_passed(module: ModuleType, call: str, position: int) -> set[str]:
    """Every fixed word the module passes as argument ``position`` (-1: the last) of
    ``call(...)``: string literals, module constants and both sides of a conditional (f-strings
    are families built from parts, checked separately)."""

    def words(node: ast.expr) -> set[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        if isinstance(node, ast.Name) and isinstance(getattr(module, node.id, None), str):
            return {getattr(module, node.id)}
        if isinstance(node, ast.IfExp):
            return words(node.body) | words(node.orelse)
        return set()

    found: set[str] = set()
    tree = ast.parse(Path(str(module.__file__)).read_text("utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and ast.unparse(node.func) == call
            and -len(node.args) <= position < len(node.args)
        ):
            found |= words(node.args[position])
    return found


def test_every_rule_and_pathway_in_the_code_is_in_the_literals() -> None:
    """The closed sets are read from the code that makes the findings, steps and reasons, so a
    new rule, pathway or kind of reason fails here until the model names it."""
    rules = _words_passed(checks, "Finding", 4) | _words_passed(pathways, "Finding", 4)
    assert rules == set(get_args(FixedRule)) - {
        f"{drug}_{m.value}" for drug, (minerals, _, _) in _CHELATORS.items() for m in minerals
    }
    kinds = _words_passed(pathways, "Step", 0) | _words_passed(report, "Step", 0)
    assert kinds == set(get_args(StepKind))
    routes = _words_passed(pathways, "Step", 1) | _words_passed(report, "Step", 1)
    assert routes == set(get_args(Pathway))
    assert _words_passed(risk, "tally.add", -1) == set(get_args(ReasonKind))


def test_every_lab_cut_off_makes_a_rule_the_model_accepts() -> None:
    finding: dict[str, Any] = {
        "severity": "warning",
        "mineral": None,
        "message": "m",
        "citations": [],
    }
    for test in CATALOG.tests.values():
        for threshold in test.thresholds:
            SafetyFinding.model_validate({**finding, "rule": f"lab_{threshold.id}"})
    with pytest.raises(ValidationError):
        SafetyFinding.model_validate({**finding, "rule": "made_up_rule"})


# The modules whose models this file is about (the diet analysis has its own tests).
OWN_MODULES = (
    "sleepmin.results.common",
    "sleepmin.results.labs",
    "sleepmin.results.safety",
    "sleepmin.results.assessment",
)


def _own_models() -> set[str]:
    return {
        value.__name__
        for module in OWN_MODULES
        for value in vars(importlib.import_module(module)).values()
        if isinstance(value, type) and issubclass(value, Result) and value.__module__ == module
    }


@pytest.mark.parametrize("model", RESULT_MODELS, ids=lambda m: m.__name__)
def test_the_schema_generates_and_describes_every_field(model: type[Result]) -> None:
    schema = model.model_json_schema()
    assert schema["additionalProperties"] is False
    own = _own_models()
    for definition in [schema, *schema.get("$defs", {}).values()]:
        if definition.get("title") not in own:
            continue
        for name, field in definition.get("properties", {}).items():
            assert field.get("description"), (definition.get("title"), name)


# -- labs interpret ------------------------------------------------------------------------------

CONTEXTS = (
    (None, None, False),
    (None, None, True),
    ("female", 30.0, False),
    ("female", 30.0, True),
    ("female", 58.0, False),
    ("female", None, False),
    ("male", 45.0, False),
    ("male", 8.0, False),
)


# Units as labs write them, in other spellings too; those that do not fit a test are skipped.
LAB_UNITS = (
    "mg/dL",
    "MG/DL",
    "mg/100 mL",
    "mmol/L",
    "mEq/L",
    "umol/L",
    "µmol/L",
    "µg/dL",
    "mcg/dL",
    "ng/mL",
    "ug/L",
    "mg/L",
    "g/L",
    "g/dL",
    "nmol/L",
    "pmol/L",
    "%",
)


def _units(test: LabTest) -> list[str]:
    """Every unit the catalog names for the test (canonical, conventional, reference, cut-offs,
    LOINC, plausible bounds), as spelled there, then the lab units that fit it."""
    units = [test.canonical_unit, test.conventional_unit, test.plausible_unit or ""]
    units += [test.reference.unit] if test.reference else []
    units += [th.unit for th in test.thresholds] + [x.unit for x in test.loinc]
    for unit in LAB_UNITS:
        try:
            convert(test, 1.0, test.canonical_unit, unit)
        except SleepminError:
            continue
        units.append(unit)
    return list(dict.fromkeys(u for u in units if u))


def _values(test: LabTest) -> list[float]:
    """Low, normal and high values, in the plausible unit: the plausible bounds, around the
    reference interval, and just either side of every cut-off."""
    unit = test.plausible_unit or test.canonical_unit
    assert test.plausible is not None
    low, high = test.plausible
    values = [low, high, low + (high - low) / 2]
    ref = test.reference
    if ref is not None:
        limits = [x for x in (ref.low, ref.high) if x is not None]
        limits += [x for g in ref.groups for x in (g.low, g.high) if x is not None]
        for limit in limits:
            in_unit = convert(test, limit, ref.unit, unit)
            values += [in_unit * 0.8, in_unit, in_unit * 1.2]
        if ref.low is not None and ref.high is not None:
            values.append(convert(test, (ref.low + ref.high) / 2, ref.unit, unit))
    for threshold in test.thresholds:
        at = convert(test, threshold.value, threshold.unit, unit)
        values += [at * 0.99, at, at * 1.01]
    return [v for v in dict.fromkeys(values) if low <= v <= high]


def _interpretation(test: str, value: float, unit: str, context: Context) -> dict[str, Any]:
    """One result as the labs serialiser gives it, before any model."""
    result = LabResult(CATALOG.test(test).key, value + 0.0, unit)
    return interpretation_json(interpret(CATALOG, result, context), CATALOG)


def _interpretations() -> Iterator[dict[str, Any]]:
    for test in CATALOG.tests.values():
        source_unit = test.plausible_unit or test.canonical_unit
        for value in _values(test):
            for unit in _units(test):
                shown = convert(test, value, source_unit, unit)
                for sex, age, pregnant in CONTEXTS:
                    context = usecases.person_context(sex, age, pregnant)
                    try:
                        yield _interpretation(test.key, shown, unit, context)
                    except (
                        SleepminError
                    ):  # a bound crossed by rounding, or a unit that does not fit
                        continue


def test_every_lab_interpretation_is_its_model() -> None:
    statuses: set[str] = set()
    severities: set[str] = set()
    tests: set[str] = set()
    count = 0
    for data in _interpretations():
        same_json(LabInterpretation, data)
        count += 1
        statuses.add(data["status"])
        tests.add(data["test"])
        severities |= {t["severity"] for t in data["thresholds_met"]}
    assert count > 5000
    assert tests == set(CATALOG.tests)
    assert statuses == set(get_args(LabStatus))
    assert severities == set(get_args(Severity))


def test_an_interpretation_with_an_extra_key_is_refused() -> None:
    data = _interpretation("ferritin", 28, "ng/mL", usecases.person_context(None, None, False))
    refuses_an_extra_key(LabInterpretation, data)
    nested = json.loads(json.dumps(data))
    nested["reference_interval"]["extra"] = True
    with pytest.raises(ValidationError):
        LabInterpretation.model_validate(nested)


# -- labs import ---------------------------------------------------------------------------------

# One line per test (by name or LOINC), with the derived results (saturation from iron and
# TIBC, albumin-corrected calcium), a raised CRP (the "with inflammation" cut-offs) and every
# kind of row that is a problem.
CSV_PANEL = """test,value,unit,date
ferritin,45,ng/mL,2026-11-01
2276-4,12,ng/mL,2026-10-01
iron,40,ug/dL,2026-11-01
tibc,450,ug/dL,2026-11-01
magnesium,0.6,mmol/L,
rbc_magnesium,1.2,mmol/L,
hemoglobin,10.5,g/dL,2026-11-01
zinc,55,ug/dL,
copper,60,ug/dL,
ceruloplasmin,0.15,g/L,
calcium,7.9,mg/dL,2026-11-01
albumin,3.0,g/dL,2026-11-01
ionized_calcium,1.0,mmol/L,
potassium,2.8,mmol/L,
crp,12,mg/L,2026-11-01
vitamin_d,30,ng/mL,
zinc,abc,ug/dL,
zinc,70,kg,
ferritin,<5,ng/mL,
ferritin,"1,000",ng/mL,
transferrin_saturation,150,%,
tibc,0,ug/dL,
"""
CSV_OVERLOAD = """test,value,unit
ferritin,900,ug/L
transferrin_saturation,70,%
potassium,6.8,mEq/L
magnesium,2.6,mmol/L
calcium,13.5,mg/dL
"""
# Iron above TIBC gives a saturation over 100 %: a problem naming the calculation.
CSV_IMPOSSIBLE_DERIVED = "test,value,unit\niron,300,ug/dL\ntibc,200,ug/dL\n"
CSV_FILES = {
    "panel.csv": CSV_PANEL,
    "overload.csv": CSV_OVERLOAD,
    "impossible.csv": CSV_IMPOSSIBLE_DERIVED,
}
IMPORT_CONTEXTS = ((None, None, False), ("female", 35.0, False), ("male", 70.0, False))


@pytest.fixture
def csv_labs(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name, text in CSV_FILES.items():
        paths[name] = tmp_path / name
        paths[name].write_text(text, encoding="utf-8")
    return paths


def _imports(csv_labs: dict[str, Path]) -> Iterator[dict[str, Any]]:
    for sex, age, pregnant in IMPORT_CONTEXTS:
        context = usecases.person_context(sex, age, pregnant)
        for name in FHIR_FILES:
            yield usecases.import_labs(FHIR / name, context).to_json()
        for path in csv_labs.values():
            yield usecases.import_labs(path, context).to_json()
        for name, text in CSV_FILES.items():  # an upload: a stream with its file name
            yield usecases.import_labs(io.StringIO(text), context, name=name).to_json()


def test_every_lab_import_is_its_model(csv_labs: dict[str, Path]) -> None:
    problems = skipped = results = 0
    sources: set[str] = set()
    for data in _imports(csv_labs):
        same_json(LabImportResult, data)
        problems += len(data["problems"])
        skipped += len(data["skipped"])
        results += len(data["results"])
        sources |= {r["source"] or "" for r in data["results"]}
    assert problems and skipped and results
    assert any(s.startswith("calculated") for s in sources)
    assert any("panel.csv: line" in s for s in sources)


def test_an_import_with_an_extra_key_is_refused() -> None:
    data = usecases.import_labs(
        FHIR / "bundle_problems.json", usecases.person_context(None, None, False)
    ).to_json()
    refuses_an_extra_key(LabImportResult, data)
    data["problems"][0]["extra"] = 1
    with pytest.raises(ValidationError):
        LabImportResult.model_validate(data)


# -- labs convert --------------------------------------------------------------------------------


def _conversions() -> Iterator[dict[str, Any]]:
    with (DATA / "lab_conversions.csv").open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            try:
                converted = usecases.convert_lab(
                    row["test"], float(row["value"]), row["from_unit"], row["to_unit"]
                )
            except SleepminError:  # the rows that document an error
                continue
            yield converted.to_json()
    for test in CATALOG.tests.values():  # every unit to every other, tiny values too
        units = _units(test)
        for value in _values(test):
            for from_unit in units:
                for to_unit in units:
                    try:
                        yield usecases.convert_lab(test.key, value, from_unit, to_unit).to_json()
                    except SleepminError:
                        continue


def test_every_conversion_is_its_model() -> None:
    values = [same_json(LabConversion, data).to_json()["value"] for data in _conversions()]
    assert len(values) > 1000
    assert any(0 < abs(v) < 1e-3 for v in values)  # the significant-figures branch


def test_a_conversion_with_an_extra_key_is_refused() -> None:
    refuses_an_extra_key(
        LabConversion, usecases.convert_lab("magnesium", 0.7, "mmol/L", "mg/dL").to_json()
    )


# -- safety check --------------------------------------------------------------------------------

WOMAN = Profile(35, Sex.FEMALE)
MAN = Profile(60, Sex.MALE)
OLDER = Profile(72, Sex.FEMALE)
PREGNANT = Profile(30, Sex.FEMALE, pregnant=True)
VEGAN = Profile(28, Sex.FEMALE, diet=Diet.VEGAN)
INFANT = Profile(0.5, Sex.MALE)
# (who, supplements, medications, conditions, lab file): plans that pass, plans a red flag
# stops (schedule null), no supplements (schedule empty), binding medicines (medicine entries
# with mineral and amount_mg null), split calcium and timing conflicts.
PLANS: tuple[tuple[Profile, tuple[str, ...], tuple[str, ...], tuple[str, ...], str | None], ...] = (
    (WOMAN, (), (), (), None),
    (WOMAN, ("magnesium glycinate 200 mg",), (), (), None),
    (WOMAN, ("zinc gluconate 50 mg",), (), (), None),
    (WOMAN, ("zinc 30 mg", "copper 1 mg"), (), (), None),
    (WOMAN, ("zinc 25 mg twice daily",), (), (), None),
    (WOMAN, ("iron bisglycinate 25 mg", "calcium carbonate 600 mg"), (), (), None),
    (WOMAN, ("ferrous sulfate 325 mg", "calcium citrate 1200 mg", "zinc 15 mg"), (), (), None),
    (WOMAN, ("potassium citrate 99 mg",), (), ("ckd",), None),
    (MAN, ("potassium chloride 99 mg",), ("ace_inhibitor", "arb"), (), None),
    (MAN, (), ("potassium_sparing_diuretic",), (), None),
    (WOMAN, ("magnesium oxide 400 mg",), (), ("ckd",), None),
    (WOMAN, ("magnesium citrate 300 mg", "iron 18 mg"), ("levothyroxine",), (), None),
    (
        WOMAN,
        ("calcium citrate 1200 mg", "iron 65 mg", "magnesium 200 mg", "zinc 15 mg"),
        ("levothyroxine", "bisphosphonate"),
        (),
        None,
    ),
    (WOMAN, ("iron 18 mg", "calcium carbonate 1200 mg"), ("levothyroxine",), (), None),
    (MAN, ("magnesium 250 mg", "zinc 10 mg", "copper 2 mg"), ("quinolone",), (), None),
    (MAN, ("iron 50 mg", "calcium 500 mg"), ("tetracycline", "levodopa"), (), None),
    (PREGNANT, ("iron 27 mg",), (), (), None),
    (PREGNANT, ("zinc 50 mg", "iron 60 mg"), (), (), None),
    (PREGNANT, (), (), (), None),
    (WOMAN, ("iron 30 mg",), (), ("pregnancy",), None),
    (WOMAN, ("iron 65 mg",), (), ("hemochromatosis",), None),
    (WOMAN, (), (), ("hemochromatosis",), None),
    (WOMAN, ("zinc 50 mg", "copper 2 mg"), (), ("wilson_disease",), None),
    (OLDER, ("calcium carbonate 1000 mg",), ("lithium", "antihistamine_sedating"), (), None),
    (MAN, ("calcium 600 mg",), ("loop_or_thiazide_diuretic", "ppi"), ("kidney_stones",), None),
    (MAN, (), ("diuretic",), ("inflammation", "sleep_apnea"), None),
    (INFANT, ("magnesium 50 mg", "iron 10 mg"), (), (), None),
    (VEGAN, ("iron 1/2 tablet of 65 mg every other day", "magnesium 100 mg weekly"), (), (), None),
    (WOMAN, ("calcium 2 tablets of 600 mg", "mystery-form zinc 10 mg"), (), (), None),
    (WOMAN, ("magnesium 150 mg",), (), (), "panel.csv"),
    (MAN, ("iron 65 mg", "magnesium 300 mg", "potassium 99 mg"), (), (), "overload.csv"),
    (WOMAN, ("zinc 40 mg",), (), (), "bundle_panel.json"),
    (MAN, ("potassium 99 mg",), ("ace_inhibitor",), ("ckd",), "bundle_problems.json"),
)


def _safety_reports(csv_labs: dict[str, Path]) -> Iterator[dict[str, Any]]:
    for who, supplements, medications, conditions, labs in PLANS:
        path = None if labs is None else csv_labs.get(labs, FHIR / labs)
        yield usecases.check_safety(
            who,
            today=SAFETY_DAY,
            supplements=supplements,
            medications=medications,
            conditions=conditions,
            labs=None if path is None else usecases.LabsSource(path),
        ).to_json()


def test_every_safety_report_is_its_model(csv_labs: dict[str, Path]) -> None:
    rules: set[str] = set()
    schedules: set[str] = set()
    for data in _safety_reports(csv_labs):
        same_json(SafetyReportResult, data)
        rules |= {f["rule"] for f in data["findings"]}
        schedule = data["schedule"]
        schedules.add("null" if schedule is None else "empty" if not schedule else "doses")
        for dose in schedule or ():
            if dose["mineral"] is None:
                schedules.add("medicine")
            if dose["conflict"]:
                schedules.add("conflict")
    assert schedules == {"null", "empty", "doses", "medicine", "conflict"}
    assert {
        "high_dose_zinc",
        "calcium_iron_together",
        "potassium_retention",
        "magnesium_kidney",
        "levothyroxine_iron",
        "pregnancy_supplements",
        "pregnancy_supplements_routine",
        "iron_overload_condition",
        "iron_overload_labs",
        "critical_lab",
        "supplement_for_infant",
        "elemental_from_salt",
        "lithium",
    } <= rules
    assert any(rule.startswith("lab_") for rule in rules)


def test_a_safety_report_with_an_extra_key_is_refused() -> None:
    data = usecases.check_safety(
        WOMAN, today=SAFETY_DAY, supplements=("iron 25 mg", "calcium 600 mg")
    ).to_json()
    refuses_an_extra_key(SafetyReportResult, data)
    data["schedule"][0]["extra"] = None
    with pytest.raises(ValidationError):
        SafetyReportResult.model_validate(data)


# -- assess --------------------------------------------------------------------------------------


def _vignette(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    return data


# Every vignette but those the assessment refuses (children: the screening is for adults).
ASSESSED = [p for p in VIGNETTES + CLINICAL + HOLDOUT if "refused" not in _vignette(p)["expect"]]


def _assessed(path: Path, db: FoodDatabase, labs: usecases.LabsSource | None) -> dict[str, Any]:
    """As the vignette test runs it (tests/report/test_vignettes.py), with a lab file added."""
    raw = dict(_vignette(path)["answers"])
    food_log = raw.pop("food_log", None)
    return usecases.assess(
        parse_answers(raw),
        today=TODAY,
        foods=db,
        log=usecases.FoodLog(food_log) if food_log else None,
        labs=labs,
    ).to_json()


@pytest.mark.slow
@pytest.mark.parametrize("path", ASSESSED, ids=[f"{p.parent.name}/{p.stem}" for p in ASSESSED])
def test_every_vignette_assessment_is_its_model(path: Path, real_db: FoodDatabase) -> None:
    same_json(AssessmentReport, assess_vignette(_vignette(path), real_db))


# Vignettes with a profile (lab files need one), each with a lab file added: FHIR and CSV, with
# derived results, inflammation, critical and overload values.
WITH_LABS = (
    ("vignettes/01_iron_rls_low_ferritin.yaml", "bundle_panel.json"),
    ("vignettes/12_magnesium_t2d_poor_diet_foodlog.yaml", "panel.csv"),
    ("vignettes/29_healthy_sleeper_normal_labs.yaml", "observation_ferritin.json"),
    ("vignettes/35_adequate_diet_foodlog.yaml", "bundle_problems.json"),
    ("vignettes_clinical/01_cause_finding_man62_ferritin22_hb124.yaml", "overload.csv"),
)


@pytest.mark.slow
@pytest.mark.parametrize(("vignette", "labs"), WITH_LABS)
def test_an_assessment_with_a_lab_file_is_its_model(
    vignette: str, labs: str, csv_labs: dict[str, Path], real_db: FoodDatabase
) -> None:
    path = csv_labs.get(labs, FHIR / labs)
    data = _assessed(DATA / vignette, real_db, usecases.LabsSource(path))
    assert data["labs"]
    same_json(AssessmentReport, data)


@pytest.mark.slow
def test_an_assessment_with_an_extra_key_is_refused(real_db: FoodDatabase) -> None:
    data = _assessed(DATA / "vignettes/12_magnesium_t2d_poor_diet_foodlog.yaml", real_db, None)
    refuses_an_extra_key(AssessmentReport, data)
    for key, index in (("minerals", 0), ("next_steps", 0), ("supplement_intake", 0)):
        if data[key]:
            changed = json.loads(json.dumps(data))
            changed[key][index]["extra"] = 1
            with pytest.raises(ValidationError):
                AssessmentReport.model_validate(changed)


# Answers for what no vignette shows, each through the same use case: no profile (and so no
# schedule, unanswered STOP-Bang items and PHQ-2), the pathways the vignettes do not reach, a
# timing conflict, a log with little or no food understood.
EXTRA_ANSWERS: dict[str, tuple[dict[str, Any], str]] = {
    "no_profile": (
        {
            "sleep": {"night_waking": True},
            "signs": ["fatigue"],
            "conditions": ["sleep_apnea"],
            "stop_bang": {"snoring": True},
            "mood": {"self_harm_thoughts": False},
        },
        "apnea",
    ),
    "pregnancy_blood_pressure": (
        {
            "profile": {"age": 31, "sex": "female", "pregnant": True},
            "stop_bang": {"high_blood_pressure": True, "snoring": True, "tired": True},
        },
        "maternity",
    ),
    "bleeding_after_menopause": (
        {
            "profile": {"age": 61, "sex": "female", "menopause": "post"},
            "risk_factors": ["heavy_periods"],
        },
        "bleeding",
    ),
    "palpitations": (
        {"profile": {"age": 44, "sex": "male"}, "signs": ["palpitations", "leg_cramps"]},
        "palpitations",
    ),
    "timing_conflict": (
        {
            "profile": {"age": 52, "sex": "female", "menopause": "post"},
            "medications": ["levothyroxine"],
            "supplements": [
                {"name": "iron bisglycinate", "mineral": "iron", "amount_mg": 18},
                {"name": "calcium citrate", "mineral": "calcium", "amount_mg": 1200},
            ],
            "labs": [{"test": "ferritin", "value": 80, "unit": "ng/mL"}],
        },
        "schedule",
    ),
    "copper_deficiency": (
        {
            "profile": {"age": 48, "sex": "female"},
            "signs": ["numbness_tingling"],
            "risk_factors": ["bariatric_surgery"],
            "labs": [{"test": "copper", "value": 40, "unit": "ug/dL"}],
        },
        "copper_deficiency",
    ),
    "little_food": (
        {
            "profile": {"age": 30, "sex": "female"},
            "mood": {"phq2": [2, 2]},
            "food_log": "1 apple\n1 banana\n",
        },
        "eating",
    ),
    "no_food_understood": (
        {"profile": {"age": 40, "sex": "female"}, "food_log": "xyzzy\nqwerty\n"},
        "nothing_found",
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", EXTRA_ANSWERS)
def test_assessments_the_vignettes_do_not_show_are_their_model(
    name: str, real_db: FoodDatabase
) -> None:
    answers, pathway = EXTRA_ANSWERS[name]
    data = assess_vignette({"answers": answers}, real_db)
    assert pathway in {step["pathway"] for step in data["next_steps"]}, data["next_steps"]
    same_json(AssessmentReport, data)
