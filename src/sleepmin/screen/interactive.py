"""Ask the screening questions in the terminal (paraphrased prompts) and return the answers."""

from __future__ import annotations

from typing import Any

import click

from sleepmin.safety.vocabulary import MEDICATIONS
from sleepmin.screen.answers import RISK_FACTORS, SIGNS, Answers, parse_answers
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


def ask_answers() -> Answers:
    data: dict[str, Any] = {}
    click.echo("sleepmin screening: answer what you can; press Enter to skip a question.", err=True)
    age = _prompt("Age in years", type=click.FloatRange(0, 125))
    sex = _prompt("Sex", type=click.Choice(["female", "male"]))
    profile: dict[str, Any] = {"age": age, "sex": sex}
    if sex == "female" and age >= 12:
        profile["pregnant"] = _confirm("Pregnant?", default=False)
        if not profile["pregnant"]:
            profile["lactating"] = _confirm("Breastfeeding?", default=False)
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
