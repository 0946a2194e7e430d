"""Ask the screening questions in the terminal (paraphrased prompts) and return the answers.

Enter skips a question, and skipping means what it says: a skipped yes/no question is not
answered (the sleep and restless-legs questions then count as no, STOP-Bang and self-harm stay
unanswered), a skipped ISI item skips the ISI (missing items are not prorated), a skipped age or
sex skips the profile (said once). An answer that cannot be read is asked again, at most
``MAX_TRIES`` times; input that ends (stdin closed) is a one-line error, never a loop.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from sleepmin.errors import InvalidAnswers
from sleepmin.screen.answers import ADULT_AGE, Answers, parse_answers
from sleepmin.screen.crisis import CRISIS_TEXT
from sleepmin.screen.instruments import ISI_PROMPTS, RLS_CRITERIA
from sleepmin.screen.questions import (
    PHQ2_ITEMS,
    SELF_HARM_QUESTION,
    SLEEP_QUESTIONS,
    STOP_BANG_QUESTIONS,
)
from sleepmin.vocabulary import CONDITIONS, MEDICATIONS, RISK_FACTORS, SIGNS

T = TypeVar("T")

MAX_TRIES = 5
_MAX_LINE = 10_000  # characters read from one answer; notes hold at most 5,000
_ENDED = (
    "the questions stopped: the input ended (stdin closed) before every question was "
    "answered, and nothing was written; run `sleepmin assess --interactive FILE` in a terminal, "
    "or write the answers file yourself (docs/assessment.md)"
)
_YES_NO_HINT = "[y/n, Enter to skip]"


class _Retry(Exception):
    """An answer that cannot be read; the message says what to type."""


def ask_answers() -> Answers:
    data: dict[str, Any] = {}
    _say("sleepmin screening: answer what you can; press Enter to skip a question.")
    profile = _ask_profile()
    if profile is not None:
        data["profile"] = profile
    data["sleep"] = _yes_no_section(SLEEP_QUESTIONS)
    _say("Restless legs (think of the last few months):")
    rls = _yes_no_section((key, f"  {text[0].upper()}{text[1:]}?") for key, text in RLS_CRITERIA)
    if rls:
        data["rls"] = rls
    isi = _ask_isi()
    if isi is not None:
        data["isi"] = isi
    data["signs"] = _choose("Signs you notice", SIGNS)
    data["risk_factors"] = _choose("Risk factors that apply", RISK_FACTORS)
    data["medications"] = _choose("Medicines you take", MEDICATIONS)
    data["conditions"] = _choose("Conditions you have been diagnosed with", CONDITIONS)
    _say("Breathing in sleep (STOP-Bang):")
    stop_bang = _yes_no_section((key, f"  {question}") for key, question in STOP_BANG_QUESTIONS)
    if stop_bang:
        data["stop_bang"] = stop_bang
    _say("Over the last two weeks, how often have you been bothered by")
    _say("  (0 not at all, 1 several days, 2 more than half the days, 3 nearly every day):")
    mood: dict[str, Any] = {}
    phq2 = _ask_phq2()
    if phq2 is not None:
        mood["phq2"] = phq2
    self_harm = _ask(
        SELF_HARM_QUESTION,
        _self_harm_value,
        hint=_YES_NO_HINT,
    )
    if self_harm is not None:
        mood["self_harm_thoughts"] = self_harm
    if mood:
        data["mood"] = mood
    try:
        notes = _ask("Anything else for your clinician", _notes, hint="(Enter to skip)")
    except InvalidAnswers as error:
        if self_harm:  # the crisis wording reaches the person whatever else happens
            raise InvalidAnswers(f"{CRISIS_TEXT} — {error.problem}") from None
        raise
    if notes:
        data["notes"] = notes
    answers = parse_answers(data)
    if answers == Answers():
        raise InvalidAnswers(
            "no question was answered, so there is nothing to assess and nothing was written; "
            "run the questions again and answer at least age, sex and the sleep questions"
        )
    return answers


def confirm_replace(path: Path) -> bool:
    """Ask before replacing an answers file a person wrote; Enter (and end of input) keep it."""
    answer = _ask(f"{path} already exists. Replace it", _yes_no_value, hint="[y/N]")
    return answer is True


def _ask_profile() -> dict[str, Any] | None:
    age = _ask("Age in years", _number(0, 125), hint="(Enter to skip)")
    if age is None:
        _skip_profile()
        return None
    if age < ADULT_AGE:
        parse_answers({"profile": {"age": age, "sex": "female"}})  # the adults-only message
        raise InvalidAnswers(f"the screening is for adults ({ADULT_AGE} and over)")
    sex = _ask("Sex", _choice("female", "male"), hint="(female or male; Enter to skip)")
    if sex is None:
        _skip_profile()
        return None
    profile: dict[str, Any] = {"age": age, "sex": sex}
    if sex == "female":
        pregnant = _yes_no("Pregnant?")
        if pregnant is not None:
            profile["pregnant"] = pregnant
        if not pregnant:
            lactating = _yes_no("Breastfeeding?")
            if lactating is not None:
                profile["lactating"] = lactating
        if not pregnant and age >= 40:
            stage = _ask(
                "Menopause: pre (regular periods), peri (irregular), post (none for 12 months)",
                _choice("pre", "peri", "post"),
                hint="(Enter to skip)",
            )
            if stage is not None:
                profile["menopause"] = stage
    diet = _ask(
        "Diet",
        _choice("omnivore", "vegetarian", "vegan"),
        hint="(omnivore, vegetarian or vegan; Enter: omnivore)",
    )
    profile["diet"] = diet or "omnivore"
    return profile


def _skip_profile() -> None:
    _say(
        "  Age and sex are needed for the profile, so it is skipped: the report will not "
        "compare intake with reference values, choose lab cut-offs or check upper limits. "
        "Add it to the answers file later, e.g. profile: {age: 45, sex: female}."
    )


def _ask_isi() -> list[int] | None:
    if not _yes_no("Do you have Insomnia Severity Index item scores from your own form?"):
        return None
    items: list[int] = []
    for number, prompt in enumerate(ISI_PROMPTS, start=1):
        value = _ask(
            f"  Item {number} ({prompt}), 0-4",
            _number(0, 4, whole=True),
            hint="(Enter skips the ISI)",
        )
        if value is None:
            _say("  ISI skipped: it needs all seven item scores (missing items are not prorated).")
            return None
        items.append(int(value))
    return items


def _ask_phq2() -> list[int] | None:
    items: list[int] = []
    for item in PHQ2_ITEMS:
        value = _ask(f"  {item}, 0-3", _number(0, 3, whole=True), hint="(Enter to skip)")
        if value is None:
            _say("  Mood questions skipped: the PHQ-2 needs both answers.")
            return None
        items.append(int(value))
    return items


def _yes_no_section(questions: Iterable[tuple[str, str]]) -> dict[str, bool]:
    answered: dict[str, bool] = {}
    for key, question in questions:
        answer = _yes_no(question)
        if answer is not None:
            answered[key] = answer
    return answered


def _yes_no(question: str) -> bool | None:
    return _ask(question, _yes_no_value, hint=_YES_NO_HINT)


def _choose(title: str, vocabulary: dict[str, str]) -> list[str]:
    _say(f"{title} — type the numbers, separated by commas (Enter for none):")
    keys = sorted(vocabulary)
    for number, key in enumerate(keys, start=1):
        _say(f"  {number:2}. {key}: {vocabulary[key]}")

    def pick(raw: str) -> list[str]:
        words = [w for w in re.split(r"[\s,;]+", raw) if w]
        if not all(re.fullmatch(r"[0-9]{1,3}", w) and 1 <= int(w) <= len(keys) for w in words):
            raise _Retry(f"Use numbers from 1 to {len(keys)}, separated by commas.")
        return list(dict.fromkeys(keys[int(w) - 1] for w in words))

    return _ask("  Numbers", pick, hint="") or []


# -- reading one answer ----------------------------------------------------------------------


def _ask(question: str, parse: Callable[[str], T], *, hint: str) -> T | None:
    """Ask until an answer can be read (at most MAX_TRIES times); Enter returns None."""
    for _ in range(MAX_TRIES):
        raw = _read_answer(f"{question} {hint}".rstrip())
        if raw == "":
            return None
        try:
            return parse(raw)
        except _Retry as retry:
            _say(f"  {retry}")
    raise InvalidAnswers(
        f"no answer to {question.strip()!r} could be read after {MAX_TRIES} tries, and "
        "nothing was written; run the questions again, or write the answers file yourself "
        "(docs/assessment.md)"
    )


def _read_answer(prompt: str) -> str:
    # Questions go to stderr, so `assess --interactive --json` prints only JSON on stdout.
    click.echo(f"{prompt}: ", nl=False, err=True)
    line = _read_line()
    if line is None or not _is_terminal():
        click.echo(err=True)  # a terminal echoes the Enter; piped input does not
    if line is None:
        raise InvalidAnswers(_ENDED)
    return line.strip()


def _is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):  # a closed stream
        return False


def _read_line() -> str | None:
    """One line of stdin (None when it has ended); bytes that are not UTF-8 become U+FFFD, and
    a line longer than _MAX_LINE is cut (the rest of it is read and dropped)."""
    stream = sys.stdin
    if stream is None:
        return None
    source = getattr(stream, "buffer", None)

    def read() -> str | bytes:
        return source.readline(_MAX_LINE) if source is not None else stream.readline(_MAX_LINE)

    chunk = read()
    if not chunk:
        return None
    text = chunk.decode("utf-8", errors="replace") if isinstance(chunk, bytes) else chunk
    while len(chunk) == _MAX_LINE and chunk[-1:] not in ("\n", b"\n"):  # drop a long line's rest
        chunk = read()
    return text


def _say(text: str) -> None:
    click.echo(text, err=True)


def _yes_no_value(raw: str) -> bool:
    word = raw.lower()
    if word in ("y", "yes"):
        return True
    if word in ("n", "no"):
        return False
    raise _Retry("Answer y or n (or press Enter to skip).")


def _self_harm_value(raw: str) -> bool:
    """Anything but a clear no ("sometimes", "at night", "yes") counts as yes: crisis help must
    never hang on the exact word."""
    return raw.strip().lower() not in ("n", "no", "never", "none", "0", "false")


def _number(low: int, high: int, *, whole: bool = False) -> Callable[[str], float]:
    pattern = r"[0-9]{1,3}" if whole else r"[0-9]{1,3}(?:\.[0-9]{1,3})?"
    kind = "a whole number" if whole else "a number"

    def parse(raw: str) -> float:
        if re.fullmatch(pattern, raw) is None or not low <= float(raw) <= high:
            raise _Retry(f"Give {kind} from {low} to {high} (or press Enter to skip).")
        return int(raw) if whole else float(raw)

    return parse


def _choice(*options: str) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        word = raw.lower()
        if word not in options:
            raise _Retry(f"Answer {', '.join(options[:-1])} or {options[-1]}.")
        return word

    return parse


def _notes(raw: str) -> str:
    if len(raw) > 5000:
        raise _Retry("Keep the notes to 5,000 characters.")
    return raw
