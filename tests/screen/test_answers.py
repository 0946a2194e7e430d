from __future__ import annotations

import pytest

from sleepmin.errors import InvalidAnswers, SleepminError
from sleepmin.screen.answers import dump_answers, load_answers, parse_answers
from sleepmin.screen.crisis import CRISIS_TEXT

FULL = """
profile: {age: 32, sex: female, pregnant: false, lactating: false, diet: omnivore}
sleep: {trouble_falling_asleep: true, night_waking: true, early_waking: false,
        unrefreshing: true}
rls: {urge_to_move: true, worse_at_rest: true, relieved_by_movement: true,
      worse_evening_night: true, not_explained_by_other: true}
isi: [3, 2, 1, 2, 2, 2, 3]
signs: [leg_cramps, muscle_twitches, fatigue]
risk_factors: [heavy_periods]
medications: [ppi]
labs: [{test: ferritin, value: 28, unit: ng/mL},
       {test: transferrin_saturation, value: 14, unit: "%"}]
supplements: [{name: zinc gluconate, mineral: zinc, amount_mg: 50}]
"""


def test_the_documented_format_parses_and_round_trips() -> None:
    answers = load_answers(FULL, "answers.yaml")
    assert answers.profile is not None and answers.profile.age == 32
    assert answers.labs[0].test == "ferritin" and answers.supplements[0].amount_mg == 50
    assert load_answers(dump_answers(answers), "again.yaml") == answers


def test_any_subset_is_fine() -> None:
    assert parse_answers({"signs": ["fatigue"]}).signs == ["fatigue"]
    assert parse_answers(None).signs == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"signs": ["sleepy_toes"]}, "unknown sign 'sleepy_toes'; use one of: anxiety, "),
        ({"risk_factors": ["smoking"]}, "unknown risk factor 'smoking'; use one of: "),
        ({"medications": ["aspirin"]}, "unknown medication 'aspirin'; use one of: "),
        (
            {"sleep": {"snoring": True}},
            "unknown answer key 'snoring' in sleep; valid keys: "
            "trouble_falling_asleep, night_waking, early_waking, "
            "unrefreshing",
        ),
        ({"moods": 3}, "unknown answer key 'moods' in the answers; valid keys: profile, sleep, "),
        ({"mood": {"phq2": [1, 5]}}, "mood.phq2 is [1, 5]; give the two PHQ-2 item scores"),
        ({"mood": {"phq2": [1]}}, "mood.phq2 is [1]; give the two PHQ-2 item scores"),
        ({"conditions": ["diabetes"]}, "unknown condition 'diabetes'; use one of: ckd, "),
        ({"stop_bang": {"snores": True}}, "unknown answer key 'snores' in stop_bang; valid"),
        ({"profile": {"age": 3, "sex": "female"}}, "age 3: the sleepmin screening is built"),
        (
            {"profile": {"age": 17.9, "sex": "male"}},
            "age 17.9: the sleepmin screening is built for adults (18 and over)",
        ),
        (
            {"profile": {"age": 40, "sex": "male", "menopause": "post"}},
            "profile: pregnant, lactating and menopause apply to sex: female only",
        ),
        (
            {"profile": {"age": 40, "sex": "female", "menopause": "late"}},
            "profile.menopause is 'late'; write pre, peri or post, or leave it out",
        ),
        (
            {"supplements": [{"name": "x", "mineral": "zinc", "amount_mg": float("nan")}]},
            "supplements item 1, amount_mg is not a number; give the daily amount in mg, a "
            "number above 0, e.g. 50",
        ),
        ({"profile": {"age": 30, "sex": "other"}}, "profile.sex is 'other'; write female or male"),
        ({"isi": [1, 2, 3]}, "the ISI needs exactly 7 item scores, got 3"),
        (
            {"supplements": [{"name": "x", "mineral": "zinc", "amount_mg": -5}]},
            "supplements item 1, amount_mg is -5; give the daily amount in mg, a number above "
            "0, e.g. 50",
        ),
        ([1, 2], "the answers file must be a mapping of sections"),
    ],
)
def test_invalid_answers_name_the_problem(data: object, message: str) -> None:
    with pytest.raises(InvalidAnswers) as raised:
        parse_answers(data)
    assert str(raised.value).startswith(message)


# -- issue 10: every class of bad answers file is a one-line error naming the fix ------------


def refused(text: str | bytes, name: str = "answers.yaml") -> str:
    with pytest.raises(SleepminError) as raised:
        load_answers(text, name)
    message = str(raised.value)
    assert "\n" not in message
    for jargon in ("Input should", "instance of", "pydantic", "Traceback", "<unicode string>"):
        assert jargon not in message
    return message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        # `age: true` was read as 1 (and then refused as a child); numbers are numbers
        (
            {"profile": {"age": True, "sex": "female"}},
            "profile.age is true; give a number of years, e.g. 45",
        ),
        (
            {"profile": {"age": "45 years", "sex": "female"}},
            "profile.age is '45 years'; give a number of years, e.g. 45",
        ),
        ({"profile": {"sex": "female"}}, "profile.age is missing; give a number of years, e.g. 45"),
        ({"profile": 5}, "profile is 5; give the profile as keys, e.g. profile: {age: 45, sex: "),
        ({"isi": [True, 2, 2, 2, 2, 2, 2]}, "isi item 1 is true; give the seven ISI item scores"),
        ({"isi": "3,2,2,2,2,2,2"}, "isi is '3,2,2,2,2,2,2'; give the seven ISI item scores, each"),
        ({"mood": {"phq2": [True, 0]}}, "mood.phq2 item 1 is true; give the two PHQ-2 item"),
        (
            {"profile": {"age": 40, "sex": "male"}, "labs": [{"test": "ferritin", "unit": "x"}]},
            "labs item 1, value is missing; give the result as a number, e.g. 28",
        ),
        (
            {
                "profile": {"age": 40, "sex": "male"},
                "labs": [{"test": "a", "value": True, "unit": "x"}],
            },
            "labs item 1, value is true; give the result as a number, e.g. 28",
        ),
        (
            {
                "profile": {"age": 40, "sex": "male"},
                "labs": [{"test": "a", "value": 1e999, "unit": "x"}],
            },
            "labs item 1, value is infinite; give the result as a number, e.g. 28",
        ),
        (
            {"supplements": [{"name": "x", "mineral": "zinc", "amount_mg": True}]},
            "supplements item 1, amount_mg is true; give the daily amount in mg",
        ),
        ({"notes": 12}, "notes is 12; write the notes as text in quotes, at most 5,000 characters"),
        (
            {"notes": "x" * 6000},
            "notes is 6,000 characters long; write the notes as text in quotes",
        ),
        (
            {"sleep": {"night_waking": "maybe"}},
            "sleep.night_waking is 'maybe'; write true or false",
        ),
        ({"stop_bang": {"snoring": 3}}, "stop_bang.snoring is 3; write true or false, or leave it"),
        ({"signs": "fatigue"}, "signs is 'fatigue'; give a list of words, e.g. signs: [fatigue,"),
        (
            {"labs": [{"test": "ferritin", "value": 1, "unit": "x", "when": 1}]},
            "unknown answer key 'when' in labs item 1; valid keys: test, value, unit, date",
        ),
    ],
)
def test_validation_errors_are_plain_words(data: object, message: str) -> None:
    with pytest.raises(InvalidAnswers) as raised:
        parse_answers(data)
    text = str(raised.value)
    assert text.startswith(message), text
    assert "Input should" not in text and "instance of" not in text


def test_a_duplicated_key_is_an_error_naming_the_key_and_line() -> None:
    text = (
        "profile: {age: 30, sex: female}\nsleep: {night_waking: true}\n"
        "profile: {age: 80, sex: male}\n"
    )
    assert refused(text) == (
        "answers.yaml, line 3: the key 'profile' appears twice (first on line 1); keep one of "
        "them (only one answer per key is read)"
    )
    nested = "profile:\n  age: 30\n  sex: female\n  age: 31\n"
    assert refused(nested).startswith("answers.yaml, line 4: the key 'age' appears twice (first")


def test_a_duplicated_json_key_names_its_line() -> None:
    text = (
        '{\n  "labs": [\n    {"test": "ferritin", "value": 28, "unit": "ng/mL"},\n'
        '    {"test": "tsat", "value": 14, "unit": "%", "value": 15}\n  ]\n}\n'
    )
    assert refused(text, "a.json").startswith(
        "a.json, line 4: the key 'value' appears twice (first on line 4)"
    )
    top = '{"profile": {"age": 30, "sex": "female"},\n"profile": {"age": 31, "sex": "male"}}'
    assert refused(top, "a.json").startswith("a.json, line 2: the key 'profile' appears twice")


def test_true_and_1_are_the_same_key() -> None:
    assert "appears twice" in refused("isi: [1, 2]\n1: a\ntrue: b\n")


def test_yaml_tags_and_aliases_stay_refused() -> None:
    assert refused("profile: !!python/object/apply:os.system ['echo hi']\n") == (
        "answers.yaml, line 1, column 10: the YAML tag '!!python/object/apply:os.system' is not "
        "read; remove it: answers are plain words, numbers, true/false, lists and keys"
    )
    assert "the YAML tag '!!binary' is not read" in refused("notes: !!binary aGk=\n")
    bomb = 'a: &a ["lol","lol","lol"]\nb: &b [*a,*a,*a]\nc: &c [*b,*b,*b]\nsigns: *c\n'
    assert refused(bomb).startswith("answers.yaml, line 2, column 8: the YAML alias *a is not read")


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "null\n", "{}\n"])
def test_an_empty_answers_file_says_what_to_write(text: str) -> None:
    assert refused(text).startswith(
        "answers.yaml is empty (or holds only comments); write the answers, e.g. `profile: "
        "{age: 45, sex: female}`"
    )


def test_answers_that_answer_nothing_are_refused() -> None:
    assert refused("signs: []\nsleep: {}\n").startswith(
        "answers.yaml gives no answers: every section in it is empty or left at its default"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "signs: [fatigue\n",
            "answers.yaml, line 1, column 8: not valid YAML: a list opened with [ here is not "
            "closed, or its items are not separated by commas; close the list with ] and put a "
            "comma between items",
        ),
        (
            "profile: {age: 30, sex: female\n",
            "answers.yaml, line 1, column 10: not valid YAML: a set",
        ),
        (
            "profile:\n\tage: 30\n",
            "answers.yaml, line 2, column 1: not valid YAML: a tab character",
        ),
        (
            "notes: 'night shifts\n",
            "answers.yaml, line 1, column 8: not valid YAML: a text in quotes",
        ),
        ("profile: age: 30\n", "answers.yaml, line 1, column 13: not valid YAML: a colon where"),
        (
            "signs: [fatigue]\n---\nsigns: []\n",
            "answers.yaml, line 2, column 1: not valid YAML: the file holds more than one YAML "
            "document",
        ),
        (
            "notes: ok\x07\n",
            "answers.yaml, line 1: a control character (0x0007) YAML does not allow",
        ),
    ],
)
def test_a_yaml_syntax_error_is_one_line_with_the_place_and_a_fix(text: str, message: str) -> None:
    assert refused(text).startswith(message)


def test_a_json_syntax_error_is_one_line_with_the_place_and_a_fix() -> None:
    assert refused('{"signs": ["fatigue" "leg_cramps"]}', "a.json") == (
        "a.json, line 1, column 22: not valid JSON (Expecting ',' delimiter); put a comma "
        "between items, and close every [ and {"
    )
    assert refused('{"signs": ["fatigue"],}', "A.JSON").startswith("A.JSON, line 1, column 23: not")


@pytest.mark.parametrize("name", ["deep.json", "deep.yaml"])
def test_deep_nesting_is_a_one_line_error(name: str) -> None:
    text = "[" * 100_000 + "]" * 100_000
    assert f"{name}, line 1" in refused(text, name)
    assert "nested more than 20 levels deep" in refused(text, name)
    assert "nested more than 20 levels deep" in refused(
        "a:\n" + "".join(" " * i + "- \n" for i in range(1, 200)), name.replace("json", "yaml")
    )


@pytest.mark.parametrize("name", ["n.json", "n.yaml"])
def test_a_5000_digit_number_is_a_one_line_error(name: str) -> None:
    digits = "9" * 5000
    text = f'{{"profile": {{"age": {digits}, "sex": "male"}}}}'
    assert "a number 5,000 characters long (999999999999…) cannot be an answer" in refused(
        text, name
    )
    assert "5,002 characters long" in refused(f'{{"notes": 1.{digits}}}', name)


def test_binary_and_non_utf8_files_are_refused() -> None:
    assert refused(b"\x89PNG\r\n\x1a\n\x00\x00") == (
        "answers file answers.yaml is not text (it holds binary bytes); give the YAML or JSON "
        "answers file, saved as UTF-8 text (docs/assessment.md)"
    )
    assert refused("profile: {age: 30}\x00").startswith("answers file answers.yaml is not text")
    assert refused("notes: caf\xe9\n".encode("latin-1")).startswith(
        "answers file answers.yaml is not UTF-8 text (byte 0xe9 on line 1 cannot be read); save "
        "it as UTF-8"
    )
    assert "far more than an answers file holds" in refused(b"#" * 2_000_000)


def test_utf8_bom_and_utf16_files_are_read() -> None:
    text = "profile: {age: 30, sex: female}\nsleep: {night_waking: true}\n"
    expected = load_answers(text, "a.yaml")
    assert load_answers(b"\xef\xbb\xbf" + text.encode(), "a.yaml") == expected
    assert load_answers(text.encode("utf-16"), "a.yaml") == expected
    assert load_answers("\ufeff" + '{"sleep": {"night_waking": true}}', "a.json").sleep.night_waking


def test_dates_stay_text() -> None:
    text = (
        "profile: {age: 40, sex: male}\n"
        "labs: [{test: ferritin, value: 28, unit: ng/mL, date: 2024-05-01}]\n"
    )
    assert load_answers(text).labs[0].date == "2024-05-01"


def test_lone_surrogates_are_refused() -> None:
    assert "not a character" in refused('{"notes": "a\\ud800b"}', "a.json")
    assert "not a character" in refused('notes: "a\\ud800b"\n')


def test_an_unreadable_file_still_carries_the_crisis_wording() -> None:
    text = "mood: {self_harm_thoughts: yes}\nsigns: [fatigue\n"
    message = refused(text)
    assert message.startswith(CRISIS_TEXT)
    assert "line 2" in message
    dup = '{"mood": {"self_harm_thoughts": true}, "mood": {}}'
    assert refused(dup, "a.json").startswith(CRISIS_TEXT)
    latin1 = "notes: caf\xe9\nmood: {self_harm_thoughts: true}\n".encode("latin-1")
    assert refused(latin1).startswith(f"{CRISIS_TEXT} — answers file answers.yaml is not UTF-8")
