"""The screening answers file (YAML or JSON): validated, with errors that list the valid words.

Format (any subset; docs/assessment.md describes every word):

    profile: {age: 32, sex: female, pregnant: false, lactating: false, diet: omnivore,
              menopause: pre}
    sleep: {trouble_falling_asleep: true, night_waking: true, early_waking: false,
            unrefreshing: true}
    rls: {urge_to_move: true, worse_at_rest: true, relieved_by_movement: true,
          worse_evening_night: true, not_explained_by_other: true}
    isi: [3, 2, 1, 2, 2, 2, 3]
    signs: [leg_cramps, fatigue]
    risk_factors: [heavy_periods]
    medications: [ppi]
    conditions: [kidney_stones]
    stop_bang: {snoring: true, tired: true, observed_apnea: false, high_blood_pressure: false,
                bmi_over_35: false, neck_over_40cm: false}
    mood: {phq2: [1, 0], self_harm_thoughts: false}
    notes: free text for the clinician, never scored
    labs: [{test: ferritin, value: 28, unit: ng/mL}]
    supplements: [{name: zinc gluconate, mineral: zinc, amount_mg: 50, supervised: false}]
"""

from __future__ import annotations

import codecs
import json
import math
import re
from collections.abc import Hashable
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode

from sleepmin.errors import InvalidAnswers, InvalidInput, SleepminError
from sleepmin.intake.supplements import Supplement, elemental_supplement
from sleepmin.labs.catalog import load_catalog
from sleepmin.labs.interpret import check_plausible
from sleepmin.nutrients import Mineral
from sleepmin.screen.crisis import CRISIS_TEXT
from sleepmin.vocabulary import CONDITIONS, MEDICATIONS, RISK_FACTORS, SIGNS

# The screening is validated for adults: the ISI, the adult RLS criteria and the lab cut-offs it
# applies are adult ones, so younger ages are refused rather than scored with adult rules.
ADULT_AGE = 18

SLEEP_KEYS = ("trouble_falling_asleep", "night_waking", "early_waking", "unrefreshing")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProfileAnswers(_Strict):
    age: float = Field(ge=0, le=125, strict=True)  # strict: `age: true` is not 1
    sex: Literal["female", "male"]
    pregnant: bool = False
    lactating: bool = False
    diet: Literal["omnivore", "vegetarian", "vegan"] = "omnivore"
    menopause: Literal["pre", "peri", "post"] | None = None


class SleepAnswers(_Strict):
    trouble_falling_asleep: bool = False
    night_waking: bool = False
    early_waking: bool = False
    unrefreshing: bool = False


class RlsAnswers(_Strict):
    urge_to_move: bool = False
    worse_at_rest: bool = False
    relieved_by_movement: bool = False
    worse_evening_night: bool = False
    not_explained_by_other: bool = False


class LabAnswer(_Strict):
    test: str
    value: float = Field(allow_inf_nan=False, strict=True)
    unit: str
    date: str | None = None


class SupplementAnswer(_Strict):
    name: str
    mineral: Literal["magnesium", "iron", "zinc", "calcium", "potassium", "copper"]
    amount_mg: float = Field(gt=0, allow_inf_nan=False, strict=True)
    # None: decided by the name (a named iron salt is read as the salt's weight); True: the
    # amount is already elemental; False: it is the salt's weight.
    elemental: bool | None = None
    supervised: bool = False  # prescribed or monitored by a clinician


class StopBangAnswers(_Strict):
    """The STOP-Bang items a person answers; age over 50 and male sex come from the profile."""

    snoring: bool | None = None
    tired: bool | None = None
    observed_apnea: bool | None = None
    high_blood_pressure: bool | None = None
    bmi_over_35: bool | None = None
    neck_over_40cm: bool | None = None


class MoodAnswers(_Strict):
    phq2: list[StrictInt] | None = None  # two PHQ-2 item scores, 0-3 each
    self_harm_thoughts: bool | None = None


class Answers(_Strict):
    profile: ProfileAnswers | None = None
    sleep: SleepAnswers = SleepAnswers()
    rls: RlsAnswers | None = None
    isi: list[StrictInt] | None = None
    signs: list[str] = []
    risk_factors: list[str] = []
    medications: list[str] = []
    conditions: list[str] = []
    stop_bang: StopBangAnswers | None = None
    mood: MoodAnswers | None = None
    notes: str | None = Field(default=None, max_length=5000)
    labs: list[LabAnswer] = []
    supplements: list[SupplementAnswer] = []


_SECTIONS: dict[str, type[BaseModel]] = {
    "profile": ProfileAnswers,
    "sleep": SleepAnswers,
    "rls": RlsAnswers,
    "stop_bang": StopBangAnswers,
    "mood": MoodAnswers,
    "labs": LabAnswer,
    "supplements": SupplementAnswer,
}


def parse_answers(data: Any) -> Answers:
    """Validate answers (already parsed from YAML/JSON); errors name the key and the choices.
    When the answers report thoughts of self-harm, any error starts with the crisis wording:
    that must reach the person even when the rest cannot be assessed."""
    try:
        return _parse(data)
    except InvalidAnswers as error:
        if _reports_self_harm(data):
            raise InvalidAnswers(f"{CRISIS_TEXT} — {error.problem}") from None
        raise


def _reports_self_harm(data: Any) -> bool:
    mood = data.get("mood") if isinstance(data, dict) else None
    answer = mood.get("self_harm_thoughts") if isinstance(mood, dict) else None
    # Anything but a clear "no" counts: "sometimes" or "yes, at night" must reach crisis help.
    if answer is None or answer is False or answer == 0:
        return False
    if isinstance(answer, str):
        return answer.strip().lower() not in ("", "no", "n", "false", "0", "never", "none")
    return True


def _parse(data: Any) -> Answers:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InvalidAnswers(
            "the answers file must be a mapping of sections (profile, sleep, rls, isi, "
            "signs, risk_factors, medications, conditions, stop_bang, mood, notes, labs, "
            "supplements)"
        )
    try:
        answers = Answers.model_validate(data)
    except ValidationError as exc:
        raise InvalidAnswers(_explain(exc)) from None
    for key, vocabulary, name in (
        ("signs", SIGNS, "sign"),
        ("risk_factors", RISK_FACTORS, "risk factor"),
        ("medications", MEDICATIONS, "medication"),
        ("conditions", CONDITIONS, "condition"),
    ):
        for word in getattr(answers, key):
            if word not in vocabulary:
                raise InvalidAnswers(
                    f"unknown {name} {word!r}; use one of: {', '.join(sorted(vocabulary))}"
                )
    if answers.isi is not None:
        from sleepmin.screen.instruments import score_isi  # noqa: PLC0415 - avoid a cycle

        score_isi(answers.isi)
    if answers.mood is not None and answers.mood.phq2 is not None:
        _check_phq2(answers.mood.phq2)
    profile = answers.profile
    if profile is not None and profile.age < ADULT_AGE:
        raise InvalidAnswers(
            f"age {profile.age:g}: the sleepmin screening is built for adults "
            f"({ADULT_AGE} and over) — its insomnia and restless-legs questions and lab cut-offs "
            "are adult ones. For a child or teenager, talk to their paediatrician or family "
            "doctor; the diet analysis still compares a food log with a child's reference "
            "intakes"
        )
    if profile is None and (answers.labs or answers.supplements):
        raise InvalidAnswers(
            "labs and supplements need the profile (at least age and sex) to choose the right "
            "cut-offs and upper limits; add e.g. `profile: {age: 45, sex: female}`"
        )
    pregnant_elsewhere = "pregnancy" in answers.conditions or "pregnancy" in answers.risk_factors
    if profile is not None and pregnant_elsewhere and not profile.pregnant:
        if profile.sex == "male":
            raise InvalidAnswers("pregnancy is listed, but the profile says sex: male")
        # One answer for pregnancy everywhere: targets, lab cut-offs, safety, foods.
        answers = answers.model_copy(
            update={"profile": profile.model_copy(update={"pregnant": True})}
        )
        profile = answers.profile
    if (
        profile is not None
        and profile.sex == "male"
        and (profile.pregnant or profile.lactating or profile.menopause is not None)
    ):
        raise InvalidAnswers(
            "profile: pregnant, lactating and menopause apply to sex: female only; "
            "remove them or correct the sex"
        )
    if profile is not None and profile.pregnant and profile.lactating:
        raise InvalidAnswers(
            "profile: pregnant and lactating cannot both be true; keep the one that applies now"
        )
    if profile is not None and profile.sex == "male" and "heavy_periods" in answers.risk_factors:
        raise InvalidAnswers(
            "risk_factors: heavy_periods applies to sex: female only; remove it or correct the sex"
        )
    if profile is not None and profile.pregnant and profile.menopause == "post":
        raise InvalidAnswers("profile: pregnant and menopause: post cannot both be true")
    _check_labs(answers)
    for number, supplement in enumerate(answers.supplements, start=1):
        named = _minerals_named(supplement.name)
        if named and supplement.mineral not in named:
            raise InvalidAnswers(
                f"supplements item {number}: the name {supplement.name!r} is a "
                f"{' and '.join(sorted(named))} supplement, but mineral is "
                f"{supplement.mineral}; correct one of them (give each mineral as its own item)"
            )
    for number, supplement in enumerate(answers.supplements):
        try:  # the elemental daily amount must be a possible dose
            supplements_from(answers.model_copy(update={"supplements": [supplement]}))
        except SleepminError as error:
            raise InvalidAnswers(f"supplements item {number + 1}, amount_mg: {error}") from None
    return answers


_NAMED_MINERALS = {
    "magnesium": "magnesium",
    "iron": "iron",
    "ferrous": "iron",
    "ferric": "iron",
    "zinc": "zinc",
    "calcium": "calcium",
    "potassium": "potassium",
    "copper": "copper",
    "cupric": "copper",
}


def _minerals_named(name: str) -> set[str]:
    return {_NAMED_MINERALS[w] for w in re.findall(r"[a-z]+", name.lower()) if w in _NAMED_MINERALS}


def _check_labs(answers: Answers) -> None:
    """Every lab result names a known test, in a unit of that test, with a possible value."""
    catalog = load_catalog()
    for number, lab in enumerate(answers.labs, start=1):
        try:
            check_plausible(catalog.test(lab.test), lab.value, lab.unit)
        except SleepminError as error:
            raise InvalidAnswers(f"labs item {number}: {error}") from None


def _check_phq2(items: list[int]) -> None:
    if len(items) != 2 or any(
        isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 3 for v in items
    ):
        raise InvalidAnswers(
            f"mood.phq2 is [{', '.join(_short(v) for v in items[:3])}"
            f"{', ...' if len(items) > 3 else ''}]; give the two PHQ-2 item scores, each a whole "
            "number "
            "from 0 to 3, e.g. [1, 2]"
        )


def supplements_from(answers: Answers) -> tuple[Supplement, ...]:
    """The answers' supplements as elemental amounts (a named iron salt's weight converted)."""
    return tuple(
        elemental_supplement(
            f"{s.name} {s.amount_mg:g} mg",
            Mineral(s.mineral),
            s.amount_mg,
            elemental=s.elemental,
            supervised=s.supervised,
        )
        for s in answers.supplements
    )


# -- reading the answers file ----------------------------------------------------------------

MAX_ANSWERS_BYTES = 1_000_000  # an answers file is a few kilobytes (notes hold 5,000 characters)
MAX_DEPTH = 20  # the format itself needs four levels: labs → one lab → its keys → a value
_MAX_NUMBER_CHARS = 30  # no answer (an age, a lab value, mg) is written with more characters
_CORE_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")
)
_SELF_HARM_TEXT = re.compile(
    r"""self_harm_thoughts['"]?\s*:\s*['"]?(?:true|yes|y|1|on)\b""", re.IGNORECASE
)
_SURROGATE = re.compile("[\ud800-\udfff]")
# Control bytes no text file holds (tab, line breaks, form feed and escape are text).
_BINARY = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_EXAMPLE = "e.g. `profile: {age: 45, sex: female}` and the sleep questions (docs/assessment.md)"


class _Refused(Exception):
    """A problem found while reading the text, with where it is and how to fix it."""

    def __init__(self, line: int | None, column: int | None, problem: str, fix: str) -> None:
        super().__init__(problem)
        self.line, self.column, self.problem, self.fix = line, column, problem, fix

    def message(self, name: str) -> str:
        where = name
        if self.line is not None:
            where += f", line {self.line}"
            if self.column is not None:
                where += f", column {self.column}"
        return _one_line(f"{where}: {self.problem}; {self.fix}")


def load_answers(text: str | bytes, name: str = "answers") -> Answers:
    """Read an answers file: JSON when ``name`` ends in .json, YAML otherwise.

    Everything a person can get wrong is a one-line InvalidAnswers (or InvalidInput for bytes
    that are not text) naming the line and the fix: a duplicated key, a YAML tag or alias, a
    syntax error, a document nested too deep, a number too long to be an answer, an empty file.
    When the text reports thoughts of self-harm, any error starts with the crisis wording."""
    if isinstance(text, bytes):
        data = text
        try:
            text = _decode(data, name)
        except InvalidInput as error:
            readable = data[:MAX_ANSWERS_BYTES].decode("utf-8", errors="replace")
            if _SELF_HARM_TEXT.search(readable):
                raise _with_crisis(readable, str(error)) from None
            raise
    elif "\x00" in text:
        raise _not_text(name)
    if len(text) > MAX_ANSWERS_BYTES:
        raise InvalidInput(
            f"answers file {name}",
            f"is {len(text):,} characters long, far more than an answers file holds",
            "an answers file is a few kilobytes; check that you gave the right file",
        )
    text = text.removeprefix("\ufeff")
    try:
        data = _load_json(text) if name.lower().endswith(".json") else _load_yaml(text)
    except _Refused as refused:
        raise _with_crisis(text, refused.message(name)) from None
    if data is None or data == {}:
        raise InvalidAnswers(
            f"{name} is empty (or holds only comments); write the answers, {_EXAMPLE}, "
            "or answer the questions one by one"
        ).with_cli_hint("sleepmin assess --interactive FILE")
    answers = parse_answers(data)
    if answers == Answers():
        raise InvalidAnswers(
            f"{name} gives no answers: every section in it is empty or left at its default; "
            f"write the answers, {_EXAMPLE}"
        )
    return answers


def dump_answers(answers: Answers) -> str:
    return yaml.safe_dump(answers.model_dump(exclude_defaults=True), sort_keys=False)


def _decode(data: bytes, name: str) -> str:
    if len(data) > MAX_ANSWERS_BYTES:
        raise InvalidInput(
            f"answers file {name}",
            f"is {len(data):,} bytes, far more than an answers file holds",
            "an answers file is a few kilobytes; check that you gave the right file",
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _not_text(name) from None
    if _BINARY.search(data):
        raise _not_text(name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InvalidInput(
            f"answers file {name}",
            f"is not UTF-8 text (byte {data[exc.start]:#04x} on line {line} cannot be read)",
            "save it as UTF-8 text (any text editor can), or give the YAML or JSON answers file",
        ) from None


def _not_text(name: str) -> InvalidInput:
    return InvalidInput(
        f"answers file {name}",
        "is not text (it holds binary bytes)",
        "give the YAML or JSON answers file, saved as UTF-8 text (docs/assessment.md)",
    )


def _with_crisis(text: str, message: str) -> InvalidAnswers:
    """The crisis wording must reach a person who reports thoughts of self-harm, even when the
    file cannot be read."""
    if _SELF_HARM_TEXT.search(text):
        return InvalidAnswers(f"{CRISIS_TEXT} — {message}")
    return InvalidAnswers(message)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _short(value: object, limit: int = 40) -> str:
    """A value as the person wrote it, short and on one line."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a set of keys"
    if isinstance(value, list | tuple | set):
        return "a list"
    if isinstance(value, float) and not math.isfinite(value):
        return "not a number" if math.isnan(value) else "infinite"
    if isinstance(value, int) and abs(value) >= 10**_MAX_NUMBER_CHARS:
        return "a number too long to be an answer"
    shown = repr(value) if isinstance(value, str) else str(value)
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return shown


# -- YAML -------------------------------------------------------------------------------------


class _YamlLoader(yaml.SafeLoader):
    """The safe loader, stricter: a duplicated key, an alias, a tag other than the plain ones, a
    document nested deeper than MAX_DEPTH and a number too long to be an answer are refused,
    naming the line; dates stay text."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        line, column = event.start_mark.line + 1, event.start_mark.column + 1
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(
                line,
                column,
                f"the YAML alias *{event.anchor} is not read",
                "write the value out in full (answers files do not use anchors and aliases)",
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!" and tag not in _CORE_TAGS:
            shown = str(tag).replace("tag:yaml.org,2002:", "!!")
            raise _Refused(
                line,
                column,
                f"the YAML tag {_short(shown)} is not read",
                "remove it: answers are plain words, numbers, true/false, lists and keys",
            )
        if self._depth >= MAX_DEPTH:
            raise _too_deep(line, column)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                first = seen.get(key)
            except TypeError:  # a list or a mapping as a key: the constructor explains
                continue
            if first is not None:
                raise _Refused(
                    line,
                    None,
                    f"the key {_short(key)} appears twice (first on line {first})",
                    "keep one of them (only one answer per key is read)",
                )
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


_PLAIN_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def _yaml_number(loader: _YamlLoader, node: ScalarNode) -> int | float | str:
    text = str(node.value)
    if len(text) > _MAX_NUMBER_CHARS:
        raise _too_long(node.start_mark.line + 1, node.start_mark.column + 1, text)
    if not _PLAIN_NUMBER.fullmatch(text):
        # YAML 1.1 also reads 1:30 (base 60: 90), 0x2d and 4_5 as numbers; a person means none
        # of those, so they stay text and the field's check says what to write.
        return text
    if node.tag.endswith(":int"):
        return loader.construct_yaml_int(node)
    return loader.construct_yaml_float(node)


def _yaml_text(loader: _YamlLoader, node: ScalarNode) -> str:
    """Text as written; a date (2024-05-01) stays text, as the answers keep dates."""
    text = loader.construct_scalar(node)
    if _SURROGATE.search(text):
        raise _Refused(
            node.start_mark.line + 1,
            node.start_mark.column + 1,
            "the text holds an escape (\\ud800-\\udfff) that is not a character",
            "write the character itself, or remove the escape",
        )
    return text


_YamlLoader.add_constructor("tag:yaml.org,2002:int", _yaml_number)
_YamlLoader.add_constructor("tag:yaml.org,2002:float", _yaml_number)
_YamlLoader.add_constructor("tag:yaml.org,2002:str", _yaml_text)
_YamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _yaml_text)


def _too_deep(line: int | None, column: int | None) -> _Refused:
    return _Refused(
        line,
        column,
        f"the document is nested more than {MAX_DEPTH} levels deep",
        "an answers file needs at most four levels (docs/assessment.md shows the format)",
    )


def _too_long(line: int | None, column: int | None, text: str) -> _Refused:
    return _Refused(
        line,
        column,
        f"a number {len(text):,} characters long ({text[:12]}…) cannot be an answer",
        "check the number (ages, lab values and amounts need a few digits)",
    )


# Plain words for the YAML errors people make: (what the parser says, the problem, the fix).
_YAML_PROBLEMS = (
    (
        "expected ',' or ']'",
        "a list opened with [ here is not closed, or its items are not separated by commas",
        "close the list with ] and put a comma between items",
    ),
    (
        "expected ',' or '}'",
        "a set of keys opened with { here is not closed, or its entries are not separated by "
        "commas",
        "close it with } and put a comma between entries",
    ),
    (
        "mapping values are not allowed here",
        "a colon where YAML does not expect one",
        "put a space after each key's colon, start a section's keys on a new indented line, "
        "and put text that holds ': ' in quotes",
    ),
    (
        "found character '\\t'",
        "a tab character",
        "indent with spaces, not tabs",
    ),
    (
        "could not find expected ':'",
        "a key without its colon",
        "write each answer as key: value",
    ),
    (
        "found unexpected end of stream",
        "a text in quotes that starts here is not closed",
        "add the closing quote",
    ),
    (
        "expected <block end>",
        "the indentation does not line up",
        "indent the keys of one section by the same number of spaces",
    ),
    (
        "did not find expected key",
        "the indentation does not line up",
        "indent the keys of one section by the same number of spaces",
    ),
    (
        "did not find expected '-' indicator",
        "the items of a list do not line up",
        "start each item with '- ' at the same indentation",
    ),
    (
        "found unhashable key",
        "a list or a set of keys used as a key",
        "keys are plain words such as profile or age",
    ),
    (
        "expected a single document",
        "the file holds more than one YAML document (---)",
        "keep one document",
    ),
    (
        "that cannot start any token",
        "a character YAML reserves (such as @, ` or %) starts a value",
        "put the value in quotes",
    ),
)


def _load_yaml(text: str) -> Any:
    loader: _YamlLoader | None = None
    try:
        loader = _YamlLoader(text)  # the reader refuses control characters here
        return loader.get_single_data()
    except yaml.reader.ReaderError as exc:
        character = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise _Refused(
            text.count("\n", 0, exc.position) + 1,
            None,
            f"a control character ({character:#06x}) YAML does not allow",
            "remove it (the answers file is plain text)",
        ) from None
    except (ValueError, OverflowError):
        # PyYAML's scanner raises these for an escape such as "\U99999999" that names no
        # character; the loader's position is where it stopped.
        line = loader.line + 1 if loader is not None else None
        raise _Refused(
            line,
            None,
            "a \\U or \\x escape that is not a character",
            "write the character itself, or remove the escape",
        ) from None
    except yaml.MarkedYAMLError as exc:
        said = f"{exc.context or ''} {exc.problem or ''}"
        known = next((entry for entry in _YAML_PROBLEMS if entry[0] in said), None)
        if known is None:
            problem = f"YAML cannot read it ({_one_line(said.strip())})"
            fix = "check the brackets, quotes, colons and indentation there (docs/assessment.md)"
            mark = exc.problem_mark or exc.context_mark
        else:
            _, problem, fix = known
            # Where a bracket or quote was opened says more than where the file ended.
            opened = "opened" in problem or "starts here" in problem
            mark = exc.context_mark if opened and exc.context_mark else exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        raise _Refused(line, column, f"not valid YAML: {problem}", fix) from None
    except yaml.YAMLError as exc:
        raise _Refused(
            None,
            None,
            f"not valid YAML ({_one_line(str(exc))})",
            "check the brackets, quotes, colons and indentation (docs/assessment.md)",
        ) from None
    except RecursionError:  # guarded by MAX_DEPTH; kept so no traceback can ever escape
        raise _too_deep(None, None) from None
    finally:
        if loader is not None:
            loader.dispose()


# -- JSON -------------------------------------------------------------------------------------

_JSON_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_JSON_FIXES = (
    ("Expecting ',' delimiter", "put a comma between items, and close every [ and {"),
    ("Expecting ':' delimiter", 'write each entry as "key": value'),
    (
        "Expecting property name",
        "put keys in double quotes, and remove a comma before } or ]",
    ),
    ("Expecting value", "write a value there: text in double quotes, a number, true or false"),
    ("Unterminated string", "close the text with a double quote"),
    ("Invalid control character", "write a line break inside text as \\n"),
    ("Invalid \\escape", "write a backslash inside text as \\\\"),
    ("Extra data", "the file holds more than one JSON value; keep everything in one {...}"),
)


class _JsonDecoder(json.JSONDecoder):
    """The standard decoder on the pure-Python scanner, so that a duplicated key can name its
    line; numbers too long to be an answer and lone surrogates are refused."""

    def __init__(self, text: str) -> None:
        super().__init__(parse_int=self._number, parse_float=self._number)
        self.text = text
        self.parse_object = self._object
        self.parse_string = self._string
        self.scan_once = json.scanner.py_make_scanner(self)  # type: ignore[attr-defined]

    def _number(self, literal: str) -> int | float:
        if len(literal) > _MAX_NUMBER_CHARS:
            position = self.text.find(literal)
            raise _too_long(*_json_position(self.text, max(position, 0)), literal)
        return int(literal) if literal.lstrip("-").isdigit() else float(literal)

    def _string(self, text: str, end: int, strict: bool = True) -> tuple[str, int]:
        value, after = json.decoder.scanstring(text, end, strict)  # type: ignore[attr-defined]
        if _SURROGATE.search(value):
            raise _Refused(
                *_json_position(text, end - 1),
                "the text holds an escape (\\ud800-\\udfff) that is not a character",
                "write the character itself, or remove the escape",
            )
        return value, after

    def _object(
        self,
        s_and_end: tuple[str, int],
        strict: bool,
        scan_once: Any,
        object_hook: Any,
        object_pairs_hook: Any,
        memo: Any = None,
    ) -> tuple[dict[str, Any], int]:
        pairs, end = json.decoder.JSONObject(  # type: ignore[attr-defined]
            s_and_end, strict, scan_once, None, list, memo
        )
        keys = [key for key, _ in pairs]
        if len(set(keys)) != len(keys):
            text, start = s_and_end
            seen: dict[str, int] = {}
            for key, position in _json_keys(text, start, scan_once):
                line = _json_position(text, position)[0]
                if key in seen:
                    raise _Refused(
                        line,
                        None,
                        f"the key {_short(key)} appears twice (first on line {seen[key]})",
                        "keep one of them (only one answer per key is read)",
                    )
                seen[key] = line
        return dict(pairs), end


def _json_keys(text: str, start: int, scan_once: Any) -> list[tuple[str, int]]:
    """The keys of the (valid) JSON object whose body starts at ``start``, with positions."""
    blank = json.decoder.WHITESPACE.match  # type: ignore[attr-defined]
    keys: list[tuple[str, int]] = []
    position = blank(text, start).end()
    while text[position] != "}":
        key, after = json.decoder.scanstring(text, position + 1, True)  # type: ignore[attr-defined]
        keys.append((key, position))
        position = blank(text, blank(text, after).end() + 1).end()  # past the colon
        _, position = scan_once(text, position)
        position = blank(text, position).end()
        if text[position] == ",":
            position = blank(text, position + 1).end()
    return keys


def _json_position(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def _load_json(text: str) -> Any:
    _check_json_depth(text)
    try:
        return _JsonDecoder(text).decode(text)
    except json.JSONDecodeError as exc:
        fix = next(
            (fix for said, fix in _JSON_FIXES if exc.msg.startswith(said)),
            "check the brackets, quotes and commas there (docs/assessment.md)",
        )
        raise _Refused(exc.lineno, exc.colno, f"not valid JSON ({exc.msg})", fix) from None
    except RecursionError:  # guarded by _check_json_depth; kept so no traceback escapes
        raise _too_deep(None, None) from None


def _check_json_depth(text: str) -> None:
    """Refuse JSON nested deeper than MAX_DEPTH before parsing it (the parser recurses)."""
    body = _JSON_STRING.sub('""', text)  # brackets inside text do not count
    if body.count("[") + body.count("{") <= MAX_DEPTH:
        return
    depth, line = 0, 1
    for match in re.finditer(r"[\[\]{}\n]", body):
        character = match.group()
        if character == "\n":
            line += 1
        elif character in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep(line, None)
        else:
            depth -= 1


# -- validation messages ----------------------------------------------------------------------

_YES_NO = "write true or false"
# What to write for each answer, by its place (list positions left out).
_FIXES: dict[str, str] = {
    "profile": "give the profile as keys, e.g. profile: {age: 45, sex: female}",
    "profile.age": "give a number of years, e.g. 45",
    "profile.sex": "write female or male",
    "profile.pregnant": _YES_NO,
    "profile.lactating": _YES_NO,
    "profile.diet": "write omnivore, vegetarian or vegan",
    "profile.menopause": "write pre, peri or post, or leave it out",
    "sleep": "give the sleep answers as keys, e.g. sleep: {trouble_falling_asleep: true}",
    "rls": "give the restless-legs answers as keys, e.g. rls: {urge_to_move: true}",
    "stop_bang": "give the STOP-Bang answers as keys, e.g. stop_bang: {snoring: true}",
    "mood": "give the mood answers as keys, e.g. mood: {phq2: [1, 0], self_harm_thoughts: false}",
    "mood.phq2": "give the two PHQ-2 item scores, each a whole number from 0 to 3, e.g. [1, 2]",
    "mood.self_harm_thoughts": "write true or false, or leave it out",
    "isi": "give the seven ISI item scores, each a whole number from 0 to 4, "
    "e.g. [3, 2, 2, 2, 2, 2, 2]",
    "signs": "give a list of words, e.g. signs: [fatigue, leg_cramps]",
    "risk_factors": "give a list of words, e.g. risk_factors: [heavy_periods]",
    "medications": "give a list of words, e.g. medications: [ppi]",
    "conditions": "give a list of words, e.g. conditions: [kidney_stones]",
    "notes": "write the notes as text in quotes, at most 5,000 characters, "
    'e.g. notes: "night shifts"',
    "labs": "give a list of results, e.g. labs: [{test: ferritin, value: 28, unit: ng/mL}]",
    "labs.test": "give the test's name, e.g. ferritin",
    "labs.value": "give the result as a number, e.g. 28",
    "labs.unit": "give the unit as text, e.g. ng/mL",
    "labs.date": "give the date as text, e.g. 2024-05-01",
    "supplements": "give a list of supplements, "
    "e.g. supplements: [{name: zinc gluconate, mineral: zinc, amount_mg: 50}]",
    "supplements.name": "give the product's name as text, e.g. zinc gluconate",
    "supplements.mineral": "write magnesium, iron, zinc, calcium, potassium or copper",
    "supplements.amount_mg": "give the daily amount in mg, a number above 0, e.g. 50",
    "supplements.elemental": _YES_NO,
    "supplements.supervised": _YES_NO,
}


def _fix_for(key: str) -> str:
    if key in _FIXES:
        return _FIXES[key]
    if key.startswith(("sleep.", "rls.")):
        return _YES_NO
    if key.startswith("stop_bang."):
        return "write true or false, or leave it out if you do not know"
    return "see docs/assessment.md for what to write there"


def _explain(exc: ValidationError) -> str:
    """The first validation error in plain words: where, what was given, what to write."""
    error = exc.errors()[0]
    location = tuple(error.get("loc", ()))
    key = ".".join(str(part) for part in location if not isinstance(part, int))
    where = _place(location)
    if error["type"] in ("extra_forbidden", "invalid_key"):
        section = str(location[0]) if len(location) > 1 else None
        model: type[BaseModel] = _SECTIONS.get(section or "", Answers)
        valid = ", ".join(model.model_fields)
        place = _place(location[:-1]) if section else "the answers"
        if error["type"] == "invalid_key":
            return _one_line(
                f"a key ({_short(error.get('input'))}) in {place} is not a word; "
                f"valid keys: {valid}"
            )
        return _one_line(
            f"unknown answer key {_short(location[-1])} in {place}; valid keys: {valid}"
        )
    fix = _fix_for(key)
    if error["type"] == "missing":
        return f"{where} is missing; {fix}"
    given = error.get("input")
    if error["type"] == "string_too_long" and isinstance(given, str):
        return f"{where} is {len(given):,} characters long; {fix}"
    return _one_line(f"{where} is {_short(given)}; {fix}")


def _place(location: tuple[Any, ...]) -> str:
    """('supplements', 0, 'amount_mg') → 'supplements item 1, amount_mg'."""
    words: list[str] = []
    for part in location:
        if isinstance(part, int):
            words.append(f"item {part + 1}")
        elif words and words[-1].startswith("item "):
            words[-1] += ","
            words.append(str(part))
        elif words:
            words[-1] += f".{part}"
        else:
            words.append(str(part))
    return _one_line(" ".join(words)) or "the answers"
