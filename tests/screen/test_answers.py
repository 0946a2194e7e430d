from __future__ import annotations

import pytest

from sleepmin.errors import InvalidAnswers
from sleepmin.screen.answers import dump_answers, load_answers, parse_answers

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
            "profile.menopause: input should be 'pre', 'peri' or 'post'",
        ),
        (
            {"supplements": [{"name": "x", "mineral": "zinc", "amount_mg": float("nan")}]},
            "supplements.0.amount_mg: Input should be a finite number",
        ),
        ({"profile": {"age": 30, "sex": "other"}}, "profile.sex: input should be 'female' or "),
        ({"isi": [1, 2, 3]}, "the ISI needs exactly 7 item scores, got 3"),
        (
            {"supplements": [{"name": "x", "mineral": "zinc", "amount_mg": -5}]},
            "supplements.0.amount_mg: Input should be greater than 0",
        ),
        ([1, 2], "the answers file must be a mapping of sections"),
    ],
)
def test_invalid_answers_name_the_problem(data: object, message: str) -> None:
    with pytest.raises(InvalidAnswers) as raised:
        parse_answers(data)
    assert str(raised.value).startswith(message)


def test_broken_yaml() -> None:
    with pytest.raises(InvalidAnswers, match=r"answers\.yaml is not valid YAML/JSON"):
        load_answers("signs: [fatigue", "answers.yaml")
