"""Ask the screening questions in the terminal (paraphrased prompts) and return the answers."""

from __future__ import annotations

from typing import Any

import click

from sleepmin.errors import InvalidAnswers
from sleepmin.safety.vocabulary import CONDITIONS, MEDICATIONS
from sleepmin.screen.answers import ADULT_AGE, RISK_FACTORS, SIGNS, Answers, parse_answers
from sleepmin.screen.instruments import ISI_PROMPTS, RLS_CRITERIA


# Questions go to stderr, so `assess --interactive --json` prints only JSON on stdout.
def _prompt(text: str, **options: Any) -> Any:
    return click.prompt(text, err=True, **options)


def _confirm(text: str, *, default: bool = False) -> bool:
    return click.confirm(text, default=default, err=True)


_SLEEP = (
    ("trouble_falling_asleep", "Do you have trouble falling asleep?"),
    ("night_waking", "Do you wake during the night and struggle to get back to sleep?"),
    ("early_waking", "Do you wake too early?"),
    ("unrefreshing", "Is your sleep unrefreshing?"),
)


_STOP_BANG = (  # paraphrased STOP-Bang items (Chung 2008); age and sex come from the profile
    ("snoring", "Do you snore loudly (heard through a closed door, or others complain)?"),
    ("tired", "Do you often feel tired, fatigued or sleepy during the day?"),
    ("observed_apnea", "Has anyone seen you stop breathing or choke/gasp in your sleep?"),
    ("high_blood_pressure", "Do you have, or are you treated for, high blood pressure?"),
    ("bmi_over_35", "Is your body mass index over 35 kg/m²?"),
    ("neck_over_40cm", "Is your neck (shirt collar) size over 40 cm (16 inches)?"),
)
_PHQ2 = (  # paraphrased PHQ-2 items (Kroenke 2003), over the last two weeks
    "Little interest or pleasure in doing things",
    "Feeling down, depressed or hopeless",
)


def ask_answers() -> Answers:
    data: dict[str, Any] = {}
    click.echo("sleepmin screening: answer what you can; press Enter to skip a question.", err=True)
    age = _prompt("Age in years", type=click.FloatRange(0, 125))
    if age < ADULT_AGE:
        parse_answers({"profile": {"age": age, "sex": "female"}})  # the adults-only message
        raise InvalidAnswers(f"the screening is for adults ({ADULT_AGE} and over)")
    sex = _prompt("Sex", type=click.Choice(["female", "male"]))
    profile: dict[str, Any] = {"age": age, "sex": sex}
    if sex == "female":
        profile["pregnant"] = _confirm("Pregnant?", default=False)
        if not profile["pregnant"]:
            profile["lactating"] = _confirm("Breastfeeding?", default=False)
        if not profile["pregnant"] and age >= 40:
            stage = _prompt(
                "Menopause: pre (regular periods), peri (irregular), post (none for 12 months)",
                type=click.Choice(["pre", "peri", "post", "skip"]),
                default="skip",
            )
            if stage != "skip":
                profile["menopause"] = stage
    profile["diet"] = _prompt(
        "Diet", type=click.Choice(["omnivore", "vegetarian", "vegan"]), default="omnivore"
    )
    data["profile"] = profile
    data["sleep"] = {key: _confirm(question, default=False) for key, question in _SLEEP}
    click.echo("Restless legs (think of the last few months):", err=True)
    data["rls"] = {
        key: _confirm(f"  Is there {text}?", default=False) for key, text in RLS_CRITERIA
    }
    if _confirm(
        "Do you have Insomnia Severity Index item scores from your own form?", default=False
    ):
        data["isi"] = [
            _prompt(f"  Item {n} ({prompt}), 0-4", type=click.IntRange(0, 4))
            for n, prompt in enumerate(ISI_PROMPTS, start=1)
        ]
    data["signs"] = _choose("Signs you notice", SIGNS)
    data["risk_factors"] = _choose("Risk factors that apply", RISK_FACTORS)
    data["medications"] = _choose("Medicines you take", MEDICATIONS)
    data["conditions"] = _choose("Conditions you have been diagnosed with", CONDITIONS)
    click.echo("Breathing in sleep (STOP-Bang):", err=True)
    data["stop_bang"] = {key: _confirm(f"  {question}") for key, question in _STOP_BANG}
    click.echo("Over the last two weeks, how often have you been bothered by", err=True)
    click.echo(
        "  (0 not at all, 1 several days, 2 more than half the days, 3 nearly every day):", err=True
    )
    phq2 = [_prompt(f"  {item}, 0-3", type=click.IntRange(0, 3)) for item in _PHQ2]
    self_harm = _confirm(
        "Have you had thoughts that you would be better off dead, or of hurting yourself?"
    )
    data["mood"] = {"phq2": phq2, "self_harm_thoughts": self_harm}
    notes = _prompt(
        "Anything else for your clinician (Enter to skip)", default="", show_default=False
    )
    if notes.strip():
        data["notes"] = notes.strip()
    return parse_answers(data)


def _choose(title: str, vocabulary: dict[str, str]) -> list[str]:
    click.echo(f"{title} — type the numbers, separated by commas (Enter for none):", err=True)
    keys = sorted(vocabulary)
    for number, key in enumerate(keys, start=1):
        click.echo(f"  {number:2}. {key}: {vocabulary[key]}", err=True)
    while True:
        raw = _prompt("  Numbers", default="", show_default=False)
        try:
            picked = [keys[int(x) - 1] for x in raw.replace(" ", "").split(",") if x]
        except (ValueError, IndexError):
            click.echo(f"  Use numbers from 1 to {len(keys)}, separated by commas.", err=True)
            continue
        return list(dict.fromkeys(picked))
