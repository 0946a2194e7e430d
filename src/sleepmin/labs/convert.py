"""Lab unit conversion from an explicit table of the units laboratories report.

A lab result is a mass, an amount of substance or an amount of charge per volume (g, mol or Eq
per L, dL or mL, at the prefixes labs use: m, µ, n, p), or a percentage. Units are matched
case-insensitively, because no lab unit needs the case to tell it apart (``MG/DL``, ``mg/dl``
and ``Mg/dL`` are all mg/dL; no lab reports megagrams), and ``µ``, ``μ``, ``u`` and ``mc`` are
the same prefix. Anything else — a mass without a volume, molar ``mM``, an enzyme unit — is
refused with the list of units sleepmin reads, rather than guessed at. Mass ↔ moles goes through
the analyte's molar mass, mEq through its valence; the arithmetic is by hand, with exact powers
of ten.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from sleepmin.errors import ImplausibleValue, UnitMismatch, UnknownUnit
from sleepmin.labs.catalog import LabTest
from sleepmin.numbers import number


@dataclass(frozen=True, slots=True)
class Unit:
    """One lab unit: ``10**exponent`` grams (mass), moles (amount) or equivalents (eq) per
    litre, or a percentage."""

    spelling: str  # as catalogs write it: "mg/dL", "umol/L", "mEq/L", "%"
    kind: str  # "mass", "amount", "eq" or "percent"
    exponent: int = 0


_PREFIXES = {"": 0, "m": -3, "u": -6, "n": -9, "p": -12}
_BASES = {"g": ("g", "mass"), "mol": ("mol", "amount"), "eq": ("Eq", "eq")}
_VOLUMES = {"l": ("L", 0), "dl": ("dL", -1), "ml": ("mL", -3), "100ml": ("dL", -1)}
_PERCENT = Unit("%", "percent")


def _table() -> dict[str, Unit]:
    units = {"%": _PERCENT, "percent": _PERCENT, "pct": _PERCENT}
    for prefix, power in _PREFIXES.items():
        for base, (shown, kind) in _BASES.items():
            if kind == "eq" and prefix not in ("", "m", "u"):
                continue
            for volume, (litres, volume_power) in _VOLUMES.items():
                spelling = f"{prefix}{shown}/{litres}"
                units[f"{prefix}{base}/{volume}"] = Unit(spelling, kind, power - volume_power)
    return units


UNITS = _table()
_SPACES = re.compile(r"\s+")
_MICRO = re.compile(r"(?<![a-z])mc(?=g|mol|eq)")


def _key(unit: str) -> str:
    text = _SPACES.sub("", unit).lower().replace("µ", "u").replace("μ", "u")
    return _MICRO.sub("u", text)


def parse_unit(unit: str) -> Unit:
    """The lab unit ``unit`` names; UnknownUnit (listing the units sleepmin reads) if none."""
    found = UNITS.get(_key(unit)) if len(unit) <= 40 else None
    if found is None:
        raise UnknownUnit(
            _shown(unit),
            "not a concentration sleepmin reads: a mass, moles or mEq per L, dL or mL",
        )
    return found


def canonical_spelling(unit: str) -> str:
    """ "ug/dL", "µg/dL", "mcg/dl", "UG/DL" are one unit; returned as written in catalogs
    (text that is not a unit comes back stripped)."""
    found = UNITS.get(_key(unit)) if len(unit) <= 40 else None
    return found.spelling if found is not None else unit.strip()


def check_number(test: LabTest, value: float, unit: str) -> None:
    """ImplausibleValue unless ``value`` is a finite number that is not negative."""
    what = test.key.replace("_", " ")
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ImplausibleValue(what, repr(value), "a result is a number", "give the number alone")
    if not math.isfinite(value):
        raise ImplausibleValue(
            what,
            f"{shown_number(value)} {_shown(unit)}",
            "a result is a finite number",
            "give the number printed on the lab report",
        )
    if value < 0:
        raise ImplausibleValue(
            what,
            f"{shown_number(value)} {_shown(unit)}",
            "a concentration cannot be negative",
            "give the number printed on the lab report, without a minus sign",
        )


def convert(test: LabTest, value: float, from_unit: str, to_unit: str) -> float:
    """Convert a result of ``test`` between units. UnknownUnit for a unit sleepmin does not
    read, UnitMismatch (naming the units as given) for one that does not fit the test,
    ImplausibleValue for a value that is not finite, is negative, or overflows."""
    source, target = parse_unit(from_unit), parse_unit(to_unit)
    check_number(test, value, from_unit)
    for unit, is_target in ((source, False), (target, True)):
        _check_fits(test, unit, from_unit, to_unit, is_target)
    value = float(value) + 0.0  # -0.0 is 0
    if source.kind == target.kind:
        result = _scale(value, source.exponent - target.exponent)
    else:
        # To an amount (moles) at the source's power of ten, then to the target.
        amount = value
        if source.kind == "mass":
            amount /= _molar_mass(test)
        elif source.kind == "eq":
            amount /= _valence(test)
        result = _scale(amount, source.exponent - target.exponent)
        if target.kind == "mass":
            result *= _molar_mass(test)
        elif target.kind == "eq":
            result *= _valence(test)
    if not math.isfinite(result):
        raise ImplausibleValue(
            test.key.replace("_", " "),
            f"{shown_number(value)} {_shown(from_unit)}",
            f"too large to be expressed in {_shown(to_unit)}",
            "give the number printed on the lab report",
        )
    return result


def _check_fits(test: LabTest, unit: Unit, from_unit: str, to_unit: str, is_target: bool) -> None:
    def mismatch(why: str) -> UnitMismatch:
        return UnitMismatch(test.key, _shown(from_unit), _shown(to_unit), why)

    if unit.kind == "percent":
        if test.kind != "percent":
            raise mismatch(f"{test.key} is a concentration, not a percentage")
        return
    if test.kind == "percent":
        if is_target:
            raise mismatch(f"{test.key} is a percentage, which converts to no other unit")
        raise mismatch(f"{test.key} is a percentage: give it in %")
    if unit.kind == "eq" and not test.valence:
        raise mismatch(f"{test.key} has no valence, so mEq/L does not apply")
    if unit.kind in ("amount", "eq") and not test.molar_mass:
        raise mismatch(
            f"{test.key} is a protein or a ratio with no molar mass; give it in a mass unit"
        )


def _molar_mass(test: LabTest) -> float:
    assert test.molar_mass  # _check_fits refuses molar units for tests without one
    return float(test.molar_mass)


def _valence(test: LabTest) -> float:
    assert test.valence  # _check_fits refuses mEq for tests without one
    return float(test.valence)


def _scale(value: float, exponent: int) -> float:
    """``value * 10**exponent`` with an exact power of ten (0.1 is not exact; 10 is)."""
    power: int = 10 ** abs(exponent)
    return value * power if exponent >= 0 else value / power


def _shown(unit: str) -> str:
    """A unit as the user gave it, cut short and without control characters, for messages."""
    text = "".join(c if c.isprintable() else "?" for c in unit.strip())
    return text if len(text) <= 40 else text[:37] + "..."


def shown_number(value: float, digits: int = 6) -> str:
    """A number for an error message: "nan", "infinity", "-5", "1,500", "1.5e+300"."""
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "infinity" if value > 0 else "-infinity"
    if value != 0 and not 1e-4 <= abs(value) < 1e9:
        return f"{value:.3g}"
    return number(value, digits)
