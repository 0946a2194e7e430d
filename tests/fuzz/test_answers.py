"""Fuzzing the answers file, the interactive questions and `isi score --items` (issue 10).

Whatever a person (or a hostile file) gives, the result is either a SleepminError with a
one-line message in plain words, or answers whose numbers are finite and within the documented
bounds — never another exception, never a hang. Failures hypothesis found are kept as
``@example``s.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import math
import sys
from collections.abc import Callable
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sleepmin.cli.interactive import ask_answers
from sleepmin.errors import SleepminError
from sleepmin.screen.answers import (
    Answers,
    LabAnswer,
    MoodAnswers,
    ProfileAnswers,
    RlsAnswers,
    SleepAnswers,
    StopBangAnswers,
    SupplementAnswer,
    dump_answers,
    load_answers,
    parse_answers,
)
from sleepmin.screen.instruments import parse_isi_items, score_isi
from sleepmin.vocabulary import RISK_FACTORS, SIGNS

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
JARGON = ("Input should", "instance of", "pydantic", "Traceback", "<unicode string>", "errors.")

FIELDS = sorted(
    {
        name
        for model in (
            Answers,
            ProfileAnswers,
            SleepAnswers,
            RlsAnswers,
            StopBangAnswers,
            MoodAnswers,
            LabAnswer,
            SupplementAnswer,
        )
        for name in model.model_fields
    }
)
WORDS = [
    *sorted(SIGNS)[:5],
    *sorted(RISK_FACTORS)[:5],
    "female",
    "male",
    "pre",
    "post",
    "vegan",
    "zinc",
    "iron",
    "ferritin",
    "ng/mL",
    "yes",
    "2024-05-01",
]
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=0, max_value=130)
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(WORDS)
)
KEYS = st.sampled_from(FIELDS) | st.text(max_size=6) | st.integers(-2, 2) | st.none()
NESTED = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=24,
)
ANSWERS_LIKE = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=5), NESTED, max_size=6)


def mostly(good: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``good`` nine times in ten, anything the other time."""
    return st.integers(0, 9).flatmap(lambda n: NESTED if n == 0 else good)


BOOLISH = mostly(st.booleans()) | st.none()
PROFILE = st.fixed_dictionaries(
    {
        "age": mostly(st.integers(10, 130) | st.floats(0, 200)),
        "sex": mostly(st.sampled_from(["female", "male"])),
    },
    optional={
        "pregnant": BOOLISH,
        "lactating": BOOLISH,
        "diet": mostly(st.sampled_from(["omnivore", "vegetarian", "vegan"])),
        "menopause": mostly(st.sampled_from(["pre", "peri", "post"])),
    },
)


def yes_no_section(model: type[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=dict.fromkeys(model.model_fields, BOOLISH))


LAB = st.fixed_dictionaries(
    {
        "test": mostly(st.sampled_from(["ferritin", "magnesium", "hemoglobin", "zinc", "x"])),
        "value": mostly(st.floats() | st.integers()),
        "unit": mostly(st.sampled_from(["ng/mL", "mg/dL", "mmol/L", "%", "g/dL", "x"])),
    },
    optional={"date": mostly(st.sampled_from(["2024-05-01", "yesterday"]))},
)
SUPPLEMENT = st.fixed_dictionaries(
    {
        "name": mostly(st.text(max_size=12)),
        "mineral": mostly(st.sampled_from(["magnesium", "iron", "zinc", "calcium", "copper"])),
        "amount_mg": mostly(st.floats() | st.integers()),
    },
    optional={"elemental": BOOLISH, "supervised": BOOLISH},
)
STRUCTURED = st.fixed_dictionaries(
    {},
    optional={
        "profile": mostly(PROFILE),
        "sleep": mostly(yes_no_section(SleepAnswers)),
        "rls": mostly(yes_no_section(RlsAnswers)),
        "stop_bang": mostly(yes_no_section(StopBangAnswers)),
        "isi": mostly(st.lists(st.integers(-1, 5), min_size=6, max_size=8)),
        "signs": mostly(st.lists(st.sampled_from(sorted(SIGNS)), max_size=3)),
        "risk_factors": mostly(st.lists(st.sampled_from(sorted(RISK_FACTORS)), max_size=3)),
        "medications": mostly(st.lists(st.sampled_from(["ppi", "lithium", "aspirin"]))),
        "conditions": mostly(st.lists(st.sampled_from(["ckd", "pregnancy", "gout"]))),
        "mood": mostly(
            st.fixed_dictionaries(
                {},
                optional={
                    "phq2": mostly(st.lists(st.integers(-1, 4), min_size=1, max_size=3)),
                    "self_harm_thoughts": BOOLISH,
                },
            )
        ),
        "notes": mostly(st.text(max_size=30)),
        "labs": mostly(st.lists(LAB, max_size=3)),
        "supplements": mostly(st.lists(SUPPLEMENT, max_size=3)),
    },
)
YAML_ALPHABET = st.sampled_from(list("{}[],:-#&*!|>'\"%@`? \n\t0123456789.eE+_aflnrstuy\\"))


def one_line_error_or_valid(call: Callable[[], Answers]) -> None:
    try:
        answers = call()
    except SleepminError as error:
        message = str(error)
        assert message.strip(), "an empty error message"
        assert "\n" not in message and "\r" not in message, message
        assert not any(word in message for word in JARGON), message
        return
    assert_within_bounds(answers)


def assert_within_bounds(answers: Answers) -> None:
    profile = answers.profile
    if profile is not None:
        assert math.isfinite(profile.age) and 18 <= profile.age <= 125
    if answers.isi is not None:
        assert len(answers.isi) == 7 and all(0 <= v <= 4 for v in answers.isi)
    if answers.mood is not None and answers.mood.phq2 is not None:
        assert len(answers.mood.phq2) == 2 and all(0 <= v <= 3 for v in answers.mood.phq2)
    for lab in answers.labs:
        assert math.isfinite(lab.value)
    for supplement in answers.supplements:
        assert math.isfinite(supplement.amount_mg) and supplement.amount_mg > 0
    assert answers.notes is None or len(answers.notes) <= 5000
    for word in (*answers.signs, *answers.risk_factors, *answers.medications, *answers.conditions):
        assert isinstance(word, str)


@FUZZ
@given(STRUCTURED | ANSWERS_LIKE | NESTED)
@example({"sleep": {1: True}})  # a key that is not a word reached pydantic's wording
@example({"profile": {"age": True, "sex": "female"}})  # read as 1, then refused as a child
@example({"isi": [True, 2, 2, 2, 2, 2, 2]})
@example({"labs": [{"test": "x", "value": float("nan"), "unit": "x"}], "profile": None})
def test_parse_answers(data: Any) -> None:
    one_line_error_or_valid(lambda: parse_answers(data))


@FUZZ
@given(STRUCTURED | ANSWERS_LIKE)
def test_answers_as_yaml_and_json_text(data: dict[Any, Any]) -> None:
    try:
        as_yaml = yaml.safe_dump(data, allow_unicode=True)
    except yaml.YAMLError:
        as_yaml = None
    if as_yaml is not None:
        one_line_error_or_valid(lambda: load_answers(as_yaml, "answers.yaml"))
    try:
        as_json = json.dumps(data)
    except (TypeError, ValueError):
        return
    one_line_error_or_valid(lambda: load_answers(as_json, "answers.json"))


@FUZZ
@given(st.text(alphabet=YAML_ALPHABET, max_size=120) | st.text(max_size=120))
@example("a: &a [1]\nb: *a\n")
@example("profile:\n\tage: 3\n")
@example("notes: ok\x07\n")  # the YAML reader's error escaped as a traceback
@example("[" * 5000)
@example("a: " + "9" * 5000)
@example('{"a": 1, "a": 2}')
@example("? [a]\n: 1\n")
def test_random_text(text: str) -> None:
    one_line_error_or_valid(lambda: load_answers(text, "answers.yaml"))
    one_line_error_or_valid(lambda: load_answers(text, "answers.json"))


@FUZZ
@given(STRUCTURED, st.data())
def test_mutated_documents(data: dict[Any, Any], draw: st.DataObject) -> None:
    """Valid-looking YAML and JSON with a few characters inserted, deleted or replaced."""
    for original, name in (
        (yaml.safe_dump(data, default_flow_style=draw.draw(st.booleans())), "a.yaml"),
        (json.dumps(data, indent=draw.draw(st.sampled_from([None, 2]))), "a.json"),
    ):
        text = original
        for _ in range(draw.draw(st.integers(1, 3))):
            at = draw.draw(st.integers(0, len(text)))
            junk = draw.draw(st.text(alphabet=YAML_ALPHABET, max_size=3))
            cut = draw.draw(st.integers(0, 2))
            text = text[:at] + junk + text[at + cut :]
        one_line_error_or_valid(functools.partial(load_answers, text, name))


@FUZZ
@given(st.binary(max_size=300))
@example(b"\x89PNG\r\n\x1a\n\x00\x00")
@example(b"\xff\xfe\x00\xd8")  # a UTF-16 BOM with a lone surrogate
@example("notes: caf\xe9\n".encode("latin-1"))
def test_random_bytes(data: bytes) -> None:
    one_line_error_or_valid(lambda: load_answers(data, "answers.yaml"))
    one_line_error_or_valid(lambda: load_answers(data, "answers.json"))


@FUZZ
@given(STRUCTURED)
def test_valid_answers_survive_a_round_trip(data: dict[Any, Any]) -> None:
    try:
        answers = parse_answers(data)
    except SleepminError:
        return
    if answers == Answers():
        return
    assert load_answers(dump_answers(answers), "again.yaml") == answers


# -- isi score --items -------------------------------------------------------------------------

SEPARATORS = st.sampled_from([",", ", ", ";", " ; ", " ", "  ", "\t", ",\t"])


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40) | st.text(alphabet="0123456789 ,;-.x\t", max_size=40))
@example("3, 2, 2, 2, 2, 2, 2")
@example("1" * 5000)
@example("٣,2,2,2,2,2,2")  # an Arabic-Indic digit: int() reads it, the form does not
def test_isi_items_any_text(text: str) -> None:
    try:
        result = score_isi(parse_isi_items(text))
    except SleepminError as error:
        assert "\n" not in str(error)
        return
    assert 0 <= result.total <= 28 and len(result.items) == 7


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 4), min_size=7, max_size=7),
    st.lists(SEPARATORS, min_size=6, max_size=6),
)
def test_isi_items_with_any_separator(items: list[int], separators: list[str]) -> None:
    text = str(items[0]) + "".join(s + str(v) for s, v in zip(separators, items[1:], strict=True))
    assert parse_isi_items(f" {text} ") == items
    assert score_isi(parse_isi_items(text)).total == sum(items)


# -- the interactive questions ------------------------------------------------------------------

KEYSTROKES = st.lists(
    st.sampled_from(["", "y", "n", "41", "12", "female", "male", "3", "0", "1,2", "x", "peri"])
    | st.text(max_size=8),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(KEYSTROKES, st.booleans())
@example(["41", "female", "n", "n", "", "", ""], False)
@example([""] * 60, True)  # Enter everywhere: skips, never repeats forever
def test_interactive_never_hangs_or_crashes(lines: list[str], newline_at_end: bool) -> None:
    text = "\n".join(lines) + ("\n" if newline_at_end else "")
    stdin = io.TextIOWrapper(io.BytesIO(text.encode("utf-8", errors="replace")), encoding="utf-8")
    saved = sys.stdin
    sys.stdin = stdin
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            one_line_error_or_valid(ask_answers)
    finally:
        sys.stdin = saved
