"""How the report writes numbers, levels, next-step kinds and sources, the same way in the
terminal and in the HTML: "1,200 mg", "2.2 mg", "0.9 mg" (never "1.2e+03"); "Calcium — low
status unlikely"; "Abbasi 2012, Journal of Research in Medical Sciences"."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

from sleepmin import numbers

# The one number formatter, shared with the domain core (sleepmin.numbers).
number = numbers.number
mg = numbers.mg


LEVEL_WORDS = {
    "likely": "low status likely",
    "possible": "low status possible",
    "unlikely": "low status unlikely",
}
SEVERITY_WORDS = {"red_flag": "Red flag", "warning": "Warning", "info": "Note"}
SEVERITY_ORDER = {"red_flag": 0, "warning": 1, "info": 2}
STEP_WORDS = {
    "urgent": "Today",
    "clinician": "See a clinician",
    "test": "Ask for a test",
    "food": "Food",
    "info": "Good to know",
}
STEP_ORDER = {"urgent": 0, "clinician": 1, "test": 2, "food": 3, "info": 4}
LAB_STATUS_WORDS = {
    "low": "below the reference interval",
    "high": "above the reference interval",
    "within": "within the reference interval",
    "no_reference": "no single reference interval",
}
LAB_OWN_RANGE = "the lab's own reference range applies"

# NLM abbreviations of the journals in references.toml, written out for a reader.
JOURNALS = {
    "Adv Nutr": "Advances in Nutrition",
    "Alcohol Clin Exp Res": "Alcoholism: Clinical and Experimental Research",
    "Am J Clin Nutr": "American Journal of Clinical Nutrition",
    "Am J Hematol": "American Journal of Hematology",
    "BMC Complement Med Ther": "BMC Complementary Medicine and Therapies",
    "Br Med J": "British Medical Journal",
    "BMJ": "British Medical Journal",
    "Anesthesiology": "Anesthesiology",
    "Ann Intern Med": "Annals of Internal Medicine",
    "Atherosclerosis": "Atherosclerosis",
    "Br J Anaesth": "British Journal of Anaesthesia",
    "Br J Psychiatry": "British Journal of Psychiatry",
    "Cell Tissue Res": "Cell and Tissue Research",
    "Chest": "Chest",
    "Clin Chem": "Clinical Chemistry",
    "Clin Chem Lab Med": "Clinical Chemistry and Laboratory Medicine",
    "Cochrane Database Syst Rev": "Cochrane Database of Systematic Reviews",
    "Endocr Connect": "Endocrine Connections",
    "Eur J Clin Nutr": "European Journal of Clinical Nutrition",
    "Food Nutr Bull": "Food and Nutrition Bulletin",
    "Gastroenterology": "Gastroenterology",
    "Gut": "Gut",
    "Health Sci Rep": "Health Science Reports",
    "Int J Mol Sci": "International Journal of Molecular Sciences",
    "J Biol Inorg Chem": "Journal of Biological Inorganic Chemistry",
    "J Clin Pathol": "Journal of Clinical Pathology",
    "J Clin Sleep Med": "Journal of Clinical Sleep Medicine",
    "J Hepatol": "Journal of Hepatology",
    "J Nutr": "Journal of Nutrition",
    "J Res Med Sci": "Journal of Research in Medical Sciences",
    "J Sleep Res": "Journal of Sleep Research",
    "JAMA": "JAMA",
    "Lancet": "The Lancet",
    "Mayo Clin Proc": "Mayo Clinic Proceedings",
    "Med Care": "Medical Care",
    "Med J Aust": "Medical Journal of Australia",
    "N Engl J Med": "New England Journal of Medicine",
    "Nat Sci Sleep": "Nature and Science of Sleep",
    "Neurology": "Neurology",
    "Nutrients": "Nutrients",
    "Public Health Nutr": "Public Health Nutrition",
    "Sleep": "Sleep",
    "Sleep Med": "Sleep Medicine",
    "Sleep Med Rev": "Sleep Medicine Reviews",
    "Tremor Other Hyperkinet Mov (N Y)": "Tremor and Other Hyperkinetic Movements",
    "World J Biol Psychiatry": "World Journal of Biological Psychiatry",
    "World J Surg": "World Journal of Surgery",
}

_PERSON = re.compile(r"^(?P<surname>[^\W\d][\w'’\- ]*?) (?P<initials>[A-Z]{1,4})$")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")


# -- numbers ----------------------------------------------------------------------------------


def percent(value: float) -> str:
    """A percentage: "114%", "32%", "5.4%"."""
    return f"{number(value)}%"


def lab_number(value: float) -> str:
    """A lab value keeps three significant digits ("4.25", "0.78", "11.2", "1,234")."""
    return number(value, digits=3)


def weight(value: float) -> str:
    """A reason's weight with its sign: "+2", "+0.5", "−1.5", "0"."""
    text = number(value, digits=2)
    if value > 0 and text != "0":
        return f"+{text}"
    return text.replace("-", "−")


def probability(value: float | None) -> str:
    """A probability as a whole percentage ("27%"), "-" when none applies."""
    if value is None or not math.isfinite(value):
        return "-"
    return f"{value * 100:.0f}%"


# -- words ----------------------------------------------------------------------------------


def mineral_name(mineral: str) -> str:
    return mineral.replace("_", " ").capitalize()


def level_words(level: str) -> str:
    """ "low status likely" / "possible" / "unlikely": never a bare "low"."""
    return LEVEL_WORDS.get(level, f"low status {level}")


def level_label(mineral: str, level: str) -> str:
    """ "Calcium — low status unlikely": the level cannot be read as the mineral's value."""
    return f"{mineral_name(mineral)} — {level_words(level)}"


def step_label(kind: str) -> str:
    return STEP_WORDS.get(kind, kind.replace("_", " ").capitalize())


def ordered_steps(steps: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Next steps by kind (urgent first), keeping the given order within a kind."""
    return sorted(steps, key=lambda s: STEP_ORDER.get(str(s.get("kind")), len(STEP_ORDER)))


def ordered_findings(findings: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Safety findings, red flags first, keeping the given order within a severity."""
    return sorted(
        findings, key=lambda f: SEVERITY_ORDER.get(str(f.get("severity")), len(SEVERITY_ORDER))
    )


def severity_label(severity: str) -> str:
    return SEVERITY_WORDS.get(severity, severity.replace("_", " ").capitalize())


def lab_status(status: str) -> str:
    return LAB_STATUS_WORDS.get(status, status.replace("_", " "))


def lab_reading_words(lab: Mapping[str, Any]) -> str:
    """ "below the reference interval" etc., only when the report shows an interval with a bound
    (a status against an interval the reader cannot see would not be checkable)."""
    interval = lab.get("reference_interval") or {}
    if interval.get("low") is None and interval.get("high") is None:
        return ""
    status = str(lab.get("status", ""))
    return "" if status in ("", "no_reference") else lab_status(status)


def reference_interval(interval: Mapping[str, Any] | None) -> str:
    """A lab's reference interval as text ("20-50 %", "below 5 mg/L", "above 0.75 mmol/L"),
    or the plain statement that the lab's own range applies."""
    if not interval:
        return LAB_OWN_RANGE
    low, high, unit = interval.get("low"), interval.get("high"), interval.get("unit") or ""
    if low is not None and high is not None:
        return _with_unit(f"{lab_number(low)}–{lab_number(high)}", unit)
    if low is not None:
        return f"{_with_unit(lab_number(low), unit)} or more"
    if high is not None:
        return f"up to {_with_unit(lab_number(high), unit)}"
    return LAB_OWN_RANGE


# -- sources ---------------------------------------------------------------------------------


def journal_name(journal: str | None) -> str:
    if not journal:
        return ""
    return JOURNALS.get(journal.strip(), journal.strip())


def first_author(authors: str) -> tuple[str, bool]:
    """The first author's surname (True) or an organisation's name (False)."""
    plain = _PARENTHESES.sub("", authors).split(";", maxsplit=1)[0].strip()
    first = plain.split(",", maxsplit=1)[0].strip().removesuffix(" et al.").strip()
    match = _PERSON.match(first)
    if match:
        return match.group("surname"), True
    plain = plain.strip(" .,")
    if len(plain) > 60 and "," in plain:
        plain = plain.split(",", maxsplit=1)[0]
    return plain, False


def source_name(citation: Mapping[str, Any]) -> str:
    """A source as a reader names it: "Abbasi 2012, Journal of Research in Medical Sciences"
    for an article; "NIH Office of Dietary Supplements, Magnesium: Fact Sheet for Health
    Professionals" for an organisation's web page; "Institute of Medicine 2001, Dietary
    Reference Intakes for Vitamin A, Vitamin K, …" for a report."""
    authors = str(citation.get("authors") or "")
    title = short_title(str(citation.get("title") or ""))
    year = citation.get("year")
    where = journal_name(citation.get("journal"))
    who, person = first_author(authors) if authors else ("", False)
    if person:
        head = f"{who} {year}" if year else who
        return f"{head}, {where}" if where else head
    if not who or who.lower() == "various":
        who = where
    if who and year and not citation.get("url"):
        who = f"{who} {year}"
    if title:
        return f"{who}, {title}" if who and not title.startswith(who) else title
    return who or str(citation.get("id", "source"))


def short_title(title: str, limit: int = 60) -> str:
    """A title without its trailing code in parentheses, cut at a word before `limit`."""
    title = _PARENTHESES.sub("", title).strip()
    if len(title) <= limit:
        return title
    return title[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def full_reference(citation: Mapping[str, Any]) -> str:
    """The whole reference without its identifiers: authors. title. journal year."""
    parts = [
        str(citation.get("authors") or "").strip().rstrip("."),
        str(citation.get("title") or "").strip().rstrip("."),
        " ".join(
            str(p) for p in (citation.get("journal"), citation.get("year")) if p not in (None, "")
        ),
    ]
    return " ".join(f"{p}." for p in parts if p)


def reference_links(citation: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(label, address) pairs for the DOI, PMID and URL a reference has."""
    links = []
    if citation.get("doi"):
        links.append((f"doi:{citation['doi']}", f"https://doi.org/{citation['doi']}"))
    if citation.get("pmid"):
        links.append(
            (f"PMID {citation['pmid']}", f"https://pubmed.ncbi.nlm.nih.gov/{citation['pmid']}/")
        )
    if citation.get("url"):
        links.append((str(citation["url"]), str(citation["url"])))
    return links


def collect_citations(report: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Every source the report cites, once each, in order of first appearance."""
    seen: dict[str, Mapping[str, Any]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, Mapping):
            for key, value in node.items():
                if key == "citations" and isinstance(value, list):
                    for c in value:
                        if isinstance(c, Mapping) and "id" in c:
                            seen.setdefault(str(c["id"]), c)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(report)
    return list(seen.values())


def lab_reading(lab: Mapping[str, Any]) -> str:
    """The value as given, with the value in the reference interval's unit beside it when that
    differs ("11.2 g/dL (112 g/L)")."""
    unit = str(lab.get("unit") or "")
    text = _with_unit(lab_number(float(lab["value"])), unit)
    interval = lab.get("reference_interval") or {}
    ref_unit = interval.get("unit")
    if ref_unit and not _same_unit(ref_unit, unit):
        for key in ("si", "conventional"):
            other = lab.get(key) or {}
            if other.get("unit") and _same_unit(other["unit"], ref_unit):
                text += f" ({_with_unit(lab_number(float(other['value'])), ref_unit)})"
                break
    return text


def lab_reference(lab: Mapping[str, Any]) -> str:
    """The reference interval of a lab result, or why there is none and which range applies:
    "20–50%"; "no single interval; the lab's own reference range applies (sex- and
    pregnancy-specific ...)"; "none known to sleepmin; the lab's own reference range applies"."""
    interval = lab.get("reference_interval")
    if not interval:
        return f"none known to sleepmin; {LAB_OWN_RANGE}"
    text = reference_interval(interval)
    if text != LAB_OWN_RANGE:
        unit, ref_unit = str(lab.get("unit") or ""), str(interval.get("unit") or "")
        if unit and ref_unit and unit != ref_unit and _same_unit(unit, ref_unit):
            text += f" (= {unit})"
        if interval.get("group"):
            text += f", for {interval['group']}"
        return text
    note = str(interval.get("note") or "").strip().rstrip(".")
    return f"no single interval; {LAB_OWN_RANGE}" + (f" ({note})" if note else "")


def _with_unit(value: str, unit: str) -> str:
    if not unit:
        return value
    return f"{value}{unit}" if unit == "%" else f"{value} {unit}"


def _same_unit(a: str, b: str) -> bool:
    def norm(u: str) -> str:
        return u.replace("µ", "u").replace("μ", "u").replace(" ", "").lower()

    same = {"ug/l": "ng/ml"}
    return same.get(norm(a), norm(a)) == same.get(norm(b), norm(b))


# -- screens and supplements --------------------------------------------------------------------

STOP_BANG_ITEMS = {
    "snoring": "loud snoring",
    "tired": "daytime tiredness",
    "observed_apnea": "breathing pauses seen by someone",
    "high_blood_pressure": "high blood pressure",
    "bmi_over_35": "BMI over 35",
    "age_over_50": "age over 50",
    "neck_over_40cm": "neck over 40 cm",
    "male": "male sex",
}


def stop_bang_text(result: Mapping[str, Any]) -> str:
    """The STOP-Bang result in words, e.g. "STOP-Bang 7 of 8: high risk of obstructive sleep
    apnoea. Yes: loud snoring, ..."."""
    score, band = result.get("score"), result.get("band")
    text = "STOP-Bang" + (f" {score} of 8" if score is not None else "")
    if band:
        text += f": {str(band).replace('_', ' ')} risk of obstructive sleep apnoea"
    answered = result.get("answered")
    if isinstance(answered, int) and answered < 8:
        text += f" ({answered} of 8 items answered)"
    items = result.get("items")
    if isinstance(items, Mapping):
        yes = [STOP_BANG_ITEMS.get(k, k.replace("_", " ")) for k, v in items.items() if v]
        if yes:
            text += ". Yes: " + ", ".join(yes)
    return text + "."


def mood_lines(result: Mapping[str, Any]) -> list[str]:
    """The PHQ-2 total and what it means, and the self-harm answer, as short lines."""
    lines = []
    total = result.get("phq2_total")
    if total is not None:
        positive = result.get("phq2_positive")
        meaning = (
            ": a positive screen (3 or more); talk to a clinician about mood"
            if positive
            else ": below the screening cut-off of 3"
            if positive is False
            else ""
        )
        lines.append(f"PHQ-2 {total} of 6{meaning}.")
    harm = result.get("self_harm_thoughts")
    if harm:
        lines.append("Thoughts of self-harm: yes. Get help now; see the first safety finding.")
    elif harm is False:
        lines.append("Thoughts of self-harm: no.")
    return lines or [str(result.get("summary") or result.get("label") or "answered")]


def supplement_lines(row: Mapping[str, Any]) -> list[str]:
    """Each supplement of one mineral with its elemental amount, the salt it was read from,
    clinician supervision and any note."""
    lines = []
    for s in row.get("supplements") or []:
        text = str(s.get("text", ""))
        if s.get("amount_mg") is not None:
            text += f": {mg(float(s['amount_mg']))} elemental"
        if s.get("salt_mg") is not None:
            text += f" (from {mg(float(s['salt_mg']))} of the salt)"
        if s.get("supervised"):
            text += "; supervised by a clinician"
        if s.get("note"):
            text += f". {s['note']}"
        lines.append(text)
    return lines
