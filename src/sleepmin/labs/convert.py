"""Lab unit conversion: one pint registry; mass ↔ moles through the analyte's molar mass;
mEq through its valence. Units are parsed at the edge, values kept in the test's SI unit."""

from __future__ import annotations

import functools
import re
from typing import Any

import pint

from sleepmin.errors import UnitMismatch, UnknownUnit
from sleepmin.labs.catalog import LabTest

_PERCENT = {"%", "percent", "pct"}
_MEQ = re.compile(r"^m(?:eq|Eq|EQ)\s*/\s*(l|L|dL|dl)$")


@functools.cache
def registry() -> pint.UnitRegistry[Any]:
    return pint.UnitRegistry()


def canonical_spelling(unit: str) -> str:
    """ "ug/dL", "µg/dL", "μg/dL", "mcg/dL" are one unit; returned as written in catalogs."""
    text = unit.strip().replace("μ", "u").replace("µ", "u").replace("mcg", "ug")
    text = re.sub(r"\s+", "", text)
    return {"mEq/l": "mEq/L", "meq/L": "mEq/L", "meq/l": "mEq/L", "percent": "%"}.get(text, text)


def convert(test: LabTest, value: float, from_unit: str, to_unit: str) -> float:
    """Convert a result of ``test`` between units; UnitMismatch if it cannot be done."""
    source, target = canonical_spelling(from_unit), canonical_spelling(to_unit)
    if source == target:
        _check_unit(test, source)
        return value
    if source in _PERCENT or target in _PERCENT:
        _check_unit(test, source)
        _check_unit(test, target)
        raise UnitMismatch(test.key, from_unit, to_unit, "a percentage converts to nothing else")
    return _from_molar(test, _to_molar_or_mass(test, value, source), target, from_unit, to_unit)


def _check_unit(test: LabTest, unit: str) -> None:
    if unit in _PERCENT:
        if test.kind != "percent":
            raise UnitMismatch(
                test.key, unit, test.canonical_unit, f"{test.key} is not a percentage"
            )
        return
    if test.kind == "percent":
        raise UnitMismatch(test.key, unit, "%", f"{test.key} is reported in %")
    _quantity(unit)


def _quantity(unit: str) -> pint.Quantity[Any]:
    if _MEQ.match(unit):
        return registry().Quantity(1, "mmol/" + unit.split("/")[1])
    try:
        quantity = registry().Quantity(1, unit)
    except (
        pint.errors.UndefinedUnitError,
        pint.errors.DefinitionSyntaxError,
        AttributeError,
        AssertionError,
        TypeError,
        ValueError,
    ) as exc:
        raise UnknownUnit(unit) from exc
    dims = quantity.dimensionality
    if dims not in (
        registry().Quantity(1, "g/L").dimensionality,
        registry().Quantity(1, "mol/L").dimensionality,
    ):
        raise UnknownUnit(unit, "it is not a concentration (mass or amount per volume)")
    return quantity


def _to_molar_or_mass(test: LabTest, value: float, unit: str) -> pint.Quantity[Any]:
    """The value as a pint quantity in g/L or mol/L (mEq resolved through the valence)."""
    if _MEQ.match(unit):
        if not test.valence:
            raise UnitMismatch(
                test.key,
                unit,
                test.canonical_unit,
                f"{test.key} has no valence, so mEq/L does not apply",
            )
        litre = unit.split("/")[1]
        return registry().Quantity(value / test.valence, f"mmol/{litre}")
    _check_unit(test, unit)
    return registry().Quantity(value, unit)


def _from_molar(
    test: LabTest, quantity: pint.Quantity[Any], target: str, from_unit: str, to_unit: str
) -> float:
    registry_ = registry()
    molar = registry_.Quantity(1, "mol/L").dimensionality
    mass = registry_.Quantity(1, "g/L").dimensionality
    if _MEQ.match(target):
        if not test.valence:
            raise UnitMismatch(
                test.key, from_unit, to_unit, f"{test.key} has no valence, so mEq/L does not apply"
            )
        litre = target.split("/")[1]
        mmol = _from_molar(test, quantity, f"mmol/{litre}", from_unit, to_unit)
        return mmol * test.valence
    _check_unit(test, target)
    wanted = registry_.Quantity(1, target).dimensionality
    if quantity.dimensionality != wanted:
        if not test.molar_mass:
            raise UnitMismatch(
                test.key,
                from_unit,
                to_unit,
                f"{test.key} is a protein or a ratio with no molar mass; give it in a mass unit",
            )
        grams_per_mol = registry_.Quantity(test.molar_mass, "g/mol")
        quantity = (
            quantity * grams_per_mol
            if quantity.dimensionality == molar
            else (quantity / grams_per_mol)
        )
        assert quantity.dimensionality in (molar, mass)
    return float(quantity.to(target).magnitude)
