"""Fuzzing lab values, units and the lab importers (issue 10).

Whatever the value (NaN, infinities, huge, negative, strings), the unit (any case, any text) or
the file (random CSV and FHIR text, truncated or mutated real exports), the result is either a
SleepminError with a one-line message, or results whose numbers are finite, non-negative and
inside the test's plausible range — never another exception. Failures hypothesis found are kept
as ``@example``s.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sleepmin.errors import SleepminError
from sleepmin.labs import importing
from sleepmin.labs.catalog import LabTest, load_catalog
from sleepmin.labs.convert import UNITS, convert, parse_unit
from sleepmin.labs.importing import LabImport, import_lab_text
from sleepmin.labs.interpret import Context, LabResult, check_plausible, derive, interpret

FUZZ = settings(
    max_examples=int(os.environ.get("SLEEPMIN_FUZZ_EXAMPLES", "600")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
CATALOG = load_catalog()
TESTS = sorted(CATALOG.tests)
FHIR = Path(__file__).parents[1] / "data" / "fhir"
LAB_UNITS = sorted({unit.spelling for unit in UNITS.values()} | {"µg/dL", "mcg/L", "mEq/l"})
JARGON = ("Traceback", "pydantic", "Input should", "<unicode string>", "errors.")

numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=0, max_value=1e4),
    st.sampled_from([0.0, -0.0, 1e-320, 1e308, -1e-9, 5e-324]),
    st.integers(min_value=-(10**30), max_value=10**30),
)


@st.composite
def random_case(draw: st.DrawFn, text: str) -> str:
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(c.upper() if flip else c.lower() for c, flip in zip(text, flips, strict=True))


units = st.one_of(
    st.sampled_from(LAB_UNITS).flatmap(random_case),
    st.sampled_from(LAB_UNITS).map(lambda u: u.replace("/", " / ")),
    st.text(max_size=12),
    st.text(alphabet="mgunpcMGUNPCldLD/%µμ0123456789 ", max_size=10),
)


def _one_line_error(exc: SleepminError) -> None:
    message = str(exc)
    assert message and "\n" not in message and len(message) < 600, message
    assert not any(word in message for word in JARGON), message


def _in_bounds(test: LabTest, value: float, unit: str) -> None:
    assert test.plausible is not None and test.plausible_unit is not None
    low, high = test.plausible
    in_bound_unit = convert(test, value, unit, test.plausible_unit)
    assert math.isfinite(in_bound_unit) and low <= in_bound_unit <= high


@FUZZ
@given(st.sampled_from(TESTS), numbers, units, units)
@example("ferritin", math.nan, "ng/mL", "ug/L")
@example("magnesium", 1.9, "Mg/dL", "mmol/L")
@example("ferritin", 1e300, "g/mL", "pg/L")
@example("magnesium", 10**30, "mg/dL", "mmol/L")
def test_convert(test: str, value: float, from_unit: str, to_unit: str) -> None:
    lab = CATALOG.test(test)
    try:
        got = convert(lab, value, from_unit, to_unit)
    except SleepminError as exc:
        _one_line_error(exc)
        return
    assert math.isfinite(got) and got >= 0
    assert math.isfinite(value) and value >= 0


@FUZZ
@given(st.sampled_from(TESTS), st.sampled_from(LAB_UNITS), st.data())
def test_units_in_any_case_mean_the_same(test: str, unit: str, data: st.DataObject) -> None:
    typed = data.draw(random_case(unit))
    assert parse_unit(typed) == parse_unit(unit)
    lab = CATALOG.test(test)
    try:
        expected = convert(lab, 1.0, unit, lab.canonical_unit)
    except SleepminError:
        with pytest.raises(SleepminError):
            convert(lab, 1.0, typed, lab.canonical_unit)
        return
    assert convert(lab, 1.0, typed, lab.canonical_unit) == expected


@FUZZ
@given(
    st.sampled_from(TESTS),
    numbers,
    units,
    st.sampled_from(["female", "male", None]),
    st.one_of(st.none(), st.floats(min_value=0, max_value=110)),
)
@example("transferrin_saturation", 150.0, "%", None, None)
@example("tibc", 0.0, "ug/dL", None, None)
@example("ferritin", -5.0, "ng/mL", "female", 30.0)
def test_interpret(test: str, value: float, unit: str, sex: str | None, age: float | None) -> None:
    try:
        item = interpret(CATALOG, LabResult(test, value, unit), Context(sex, age))
    except SleepminError as exc:
        _one_line_error(exc)
        return
    lab = CATALOG.test(test)
    assert math.isfinite(item.canonical_value) and item.canonical_value >= 0
    assert math.isfinite(item.conventional_value) and item.conventional_value >= 0
    _in_bounds(lab, value, unit)
    assert item.status in ("low", "within", "high", "no_reference")


def _check_import(imported: LabImport) -> None:
    for result in imported.results:
        lab = CATALOG.test(result.test)
        assert math.isfinite(result.value) and result.value >= 0
        _in_bounds(lab, result.value, result.unit)
        check_plausible(lab, result.value, result.unit)
    for problem in imported.problems:
        assert "\n" not in problem.reason and "\n" not in problem.where
    # What the CLI does next must not fail either: derive (TSAT, corrected calcium), interpret.
    for derived in derive(imported.results, CATALOG):
        assert math.isfinite(derived.value)
    for result in imported.results:
        interpret(CATALOG, result)


def _import(text: str, name: str) -> None:
    try:
        imported = import_lab_text(text, CATALOG, name)
    except SleepminError as exc:
        _one_line_error(exc)
        return
    _check_import(imported)


cells = st.one_of(
    st.text(max_size=15),
    st.sampled_from([*TESTS, "2276-4", "FERRITIN", "Magnesium", "vitamin_d", ""]),
    numbers.map(str),
    st.sampled_from(["nan", "inf", "-0", "1e999", "1,000", "<5", " 40 ", "4O", "0x10", "1_0"]),
    units,
)


@st.composite
def likely_results(draw: st.DrawFn) -> tuple[str, float, str]:
    """A test, a value and a unit that are often a real result, and sometimes just outside."""
    test = CATALOG.test(draw(st.sampled_from(TESTS)))
    assert test.plausible is not None and test.plausible_unit is not None
    unit = draw(st.sampled_from([test.plausible_unit, test.canonical_unit, test.conventional_unit]))
    high = convert(test, test.plausible[1], test.plausible_unit, unit)
    value = draw(st.floats(min_value=0, max_value=high * 1.05))
    return test.key, value, draw(random_case(unit))


@st.composite
def csv_rows(draw: st.DrawFn) -> list[str]:
    if draw(st.booleans()):
        test, value, unit = draw(likely_results())
        return [test, repr(value), unit, *draw(st.lists(cells, max_size=1))]
    return draw(st.lists(cells, min_size=0, max_size=5))


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    header = draw(st.sampled_from(["test,value,unit", "test,value,unit,date", "TEST,Value,unit"]))
    rows = draw(st.lists(csv_rows(), max_size=8))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    lines = [header] + [
        ",".join(
            '"' + c.replace('"', '""') + '"' if any(x in c for x in ',"\r\n') else c for c in row
        )
        for row in rows
    ]
    return newline.join(lines) + draw(st.sampled_from(["", newline]))


@FUZZ
@given(st.one_of(csv_texts(), st.text(max_size=200)))
@example("test,value,unit\ntibc,0,ug/dL\niron,100,ug/dL\n")
@example("test,value,unit\niron,300,ug/dL\ntibc,100,ug/dL\n")
@example("test,value,unit\ncalcium,7.5,mmol/L\nalbumin,0.1,g/L\n")
@example("test,value,unit\n\x00")
@example("\r")
def test_csv_import(text: str) -> None:
    _import(text, "labs.csv")


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        numbers.filter(lambda x: not isinstance(x, float) or math.isfinite(x)),
        st.text(max_size=10),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def observations(draw: st.DrawFn) -> dict[str, Any]:
    key, likely_value, likely_unit = draw(likely_results())
    test = CATALOG.test(key)
    code = draw(st.one_of(st.sampled_from([x.code for x in test.loinc]), json_values))
    if draw(st.integers(0, 3)):
        quantity: Any = {"value": likely_value, "code": likely_unit}
        return {
            "resourceType": "Observation",
            "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
            "valueQuantity": quantity,
        }
    quantity = {
        "value": draw(
            st.one_of(
                numbers.filter(lambda x: not isinstance(x, float) or math.isfinite(x)), json_values
            )
        ),
        draw(st.sampled_from(["code", "unit"])): draw(st.one_of(units, json_values)),
    }
    if draw(st.booleans()):
        quantity["comparator"] = draw(st.sampled_from(["<", ">=", ""]))
    observation: dict[str, Any] = {
        "resourceType": "Observation",
        "id": draw(st.text(max_size=10)),
        "code": {
            "coding": [{"system": draw(st.sampled_from(["http://loinc.org", "x"])), "code": code}]
        },
        "valueQuantity": draw(st.one_of(st.just(quantity), json_values)),
    }
    for key in draw(
        st.lists(
            st.sampled_from(
                ["effectiveDateTime", "issued", "code", "dataAbsentReason", "valueString"]
            ),
            max_size=2,
        )
    ):
        observation[key] = draw(json_values)
    return observation


@FUZZ
@given(st.lists(st.one_of(observations(), json_values), max_size=5), st.integers(1, 40))
def test_fhir_import(entries: list[Any], chunk: int) -> None:
    text = json.dumps(
        {
            "resourceType": "Bundle",
            "type": "collection",
            "entry": [{"resource": e} for e in entries],
        }
    )
    whole = None
    try:
        whole = import_lab_text(text, CATALOG, "b.json")
    except SleepminError as exc:
        _one_line_error(exc)
    else:
        _check_import(whole)
    # The same file read in small chunks gives the same answer.
    saved = importing.CHUNK
    importing.CHUNK = chunk
    try:
        again = import_lab_text(text, CATALOG, "b.json")
    except SleepminError:
        assert whole is None
    else:
        assert again == whole
    finally:
        importing.CHUNK = saved


REAL = [
    (FHIR / name).read_text("utf-8")
    for name in ("bundle_panel.json", "bundle_problems.json", "observation_ferritin.json")
]


@FUZZ
@given(st.sampled_from(REAL), st.integers(0, 60_000), st.text(max_size=6), st.integers(0, 3))
@example(REAL[0], 10, "[" * 6, 0)
def test_mutated_real_exports(text: str, at: int, insert: str, mode: int) -> None:
    """A real export cut short, or with characters put in or taken out at any place."""
    at %= len(text) + 1
    mutated = (
        text[:at],
        text[:at] + insert + text[at:],
        text[:at] + text[at + len(insert) + 1 :],
        text[:at] + insert + text[at + len(insert) :],
    )[mode]
    _import(mutated, "export.json")


@FUZZ
@given(st.text(max_size=300))
@example('{"resourceType": "Bundle", "entry": [')
@example('{"resourceType":"Observation","valueQuantity":{"value":' + "9" * 5000 + "}}")
def test_any_text_as_json(text: str) -> None:
    _import(text, "any.json")
