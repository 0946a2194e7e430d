"""USDA SR28 as published: ABBREV.txt and the full ASCII set (FOOD_DES, WEIGHT, FD_GROUP, NUT_DATA).

Format (SR28 documentation, "Relational files"): ISO-8859-1 text, CRLF lines, fields separated by
``^``, text fields wrapped in ``~``. An empty numeric field means "not analysed", so it is kept as
missing, never as zero.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from sleepmin.errors import MalformedRelease
from sleepmin.foods.fields import parse_amount
from sleepmin.foods.model import Food, Portion, Release, normalise_ndb_number
from sleepmin.foods.sources import SourceTree
from sleepmin.nutrients import Nutrient

# Field counts and the columns we read, per file (SR28 documentation, Tables 2-16).
ABBREV_FIELDS = 53
ABBREV_COLUMNS: dict[Nutrient, tuple[int, str]] = {
    Nutrient.ENERGY_KCAL: (3, "Energ_Kcal"),
    Nutrient.PROTEIN_G: (4, "Protein_(g)"),
    Nutrient.FIBER_G: (8, "Fiber_TD_(g)"),
    Nutrient.CALCIUM_MG: (10, "Calcium_(mg)"),
    Nutrient.IRON_MG: (11, "Iron_(mg)"),
    Nutrient.MAGNESIUM_MG: (12, "Magnesium_(mg)"),
    Nutrient.PHOSPHORUS_MG: (13, "Phosphorus_(mg)"),
    Nutrient.POTASSIUM_MG: (14, "Potassium_(mg)"),
    Nutrient.SODIUM_MG: (15, "Sodium_(mg)"),
    Nutrient.ZINC_MG: (16, "Zinc_(mg)"),
    Nutrient.COPPER_MG: (17, "Copper_mg)"),
    Nutrient.RETINOL_UG: (34, "Retinol_(µg)"),
}
ABBREV_WEIGHTS = ((48, 49, "GmWt_1"), (50, 51, "GmWt_2"))
FOOD_DES_FIELDS = 14
WEIGHT_FIELDS = 7
FD_GROUP_FIELDS = 2
NUT_DATA_FIELDS = 18
NUTR_DEF_FIELDS = 6

# Published checksums (shared/data/fdc/PROVENANCE.md) tell which revision a file is.
KNOWN_REVISIONS = {
    "69d972d4ff4572a868987af4b147e88e3683435ec35366256003e4cadb944ada": "2016-05",
    "bb2047218cdad1d830da69e760386409fde3b7afabceae604c5479f280d4fa2e": "2015-09",
}

_NDB = re.compile(r"\d{4,6}")


@dataclass(frozen=True, slots=True)
class SR28Files:
    abbrev: str | None
    food_des: str | None
    weight: str | None
    fd_group: str | None
    nut_data: str | None
    nutr_def: str | None = None

    @property
    def all(self) -> list[str]:
        names = (
            self.abbrev,
            self.food_des,
            self.weight,
            self.fd_group,
            self.nut_data,
            self.nutr_def,
        )
        return [n for n in names if n]


def find_sr28(tree: SourceTree) -> SR28Files | None:
    """The SR28 files in ``tree``, or None if it holds no SR28 release."""

    def first(name: str) -> str | None:
        hits = tree.find(name)
        return hits[0] if hits else None

    files = SR28Files(
        abbrev=first("ABBREV.txt"),
        food_des=first("FOOD_DES.txt"),
        weight=first("WEIGHT.txt"),
        fd_group=first("FD_GROUP.txt"),
        nut_data=first("NUT_DATA.txt"),
        nutr_def=first("NUTR_DEF.txt"),
    )
    if not (files.abbrev or files.food_des or files.nut_data):
        return None
    if not (files.abbrev or files.nut_data):
        raise MalformedRelease(
            PurePosixPath(files.food_des or "").name,
            "the SR28 ASCII set has no NUT_DATA.txt and there is no ABBREV.txt, so there are no "
            "nutrient values to import",
            fix="add ABBREV.txt (sr28abbr) or NUT_DATA.txt (the full sr28asc release)",
        )
    if files.nut_data and not files.food_des:
        raise MalformedRelease(
            PurePosixPath(files.nut_data).name,
            "NUT_DATA.txt needs FOOD_DES.txt beside it for the food descriptions",
            fix="use the complete sr28asc release",
        )
    return files


def read_sr28(
    tree: SourceTree, files: SR28Files, revisions: dict[str, str]
) -> tuple[list[Food], list[Release]]:
    """Join ABBREV with FOOD_DES/WEIGHT/FD_GROUP (and NUT_DATA) by NDB number.

    Where the May 2016 ABBREV revision and the 2015 ASCII files differ, ABBREV wins: its nutrient
    values, its short description and its two gram weights. ``revisions`` maps file name to the
    revision found from its checksum.
    """
    groups = _read_groups(tree, files.fd_group) if files.fd_group else {}
    foods: dict[str, Food] = {}
    releases: list[Release] = []

    if files.food_des:
        for food in _read_food_des(tree, files.food_des, groups):
            foods[food.ndb_number or ""] = food
        releases.append(
            Release(
                "sr28-ascii",
                "USDA SR28 full ASCII release",
                revisions.get(files.food_des, "unknown"),
                len(foods),
            )
        )
    if files.weight:
        for ndb, portion in _read_weights(tree, files.weight):
            if ndb in foods:
                foods[ndb].portions.append(portion)
    if files.nut_data:
        defined = _read_nutrient_numbers(tree, files.nutr_def) if files.nutr_def else None
        for ndb, nutrient, value in _read_nut_data(tree, files.nut_data, defined):
            if ndb in foods:
                foods[ndb].nutrients[nutrient] = value
    if files.abbrev:
        abbrev_rows = 0
        for row in _read_abbrev(tree, files.abbrev):
            abbrev_rows += 1
            existing = foods.get(row.ndb_number)
            if existing is None:  # in ABBREV alone: keeps its short description
                food = Food(
                    description=row.short_description,
                    release="sr28-abbrev",
                    ndb_number=row.ndb_number,
                )
                foods[row.ndb_number] = food
            else:
                food = existing
                food.release = "sr28-abbrev"
            food.short_description = row.short_description
            food.nutrients.update(row.nutrients)
            food.portions = _merge_abbrev_weights(food.portions, row.portions)
        releases.append(
            Release(
                "sr28-abbrev",
                "USDA SR28 abbreviated file",
                revisions.get(files.abbrev, "unknown"),
                abbrev_rows,
            )
        )
    return list(foods.values()), releases


@dataclass(slots=True)
class _AbbrevRow:
    ndb_number: str
    short_description: str
    nutrients: dict[Nutrient, float]
    portions: list[Portion | None]


def _merge_abbrev_weights(portions: list[Portion], abbrev: list[Portion | None]) -> list[Portion]:
    """ABBREV's GmWt_1/GmWt_2 are WEIGHT.txt's Seq 1 and 2, in their newer (2016) revision."""
    merged = list(portions)
    for seq, portion in enumerate(abbrev):
        if portion is None:
            continue
        if seq < len(merged):
            same_measure = _squash(merged[seq].description) == _squash(portion.description)
            # Keep WEIGHT.txt's tidier wording when it is the same measure; take ABBREV's grams.
            description = merged[seq].description if same_measure else portion.description
            merged[seq] = Portion(description, portion.grams)
        else:
            merged.append(portion)
    return merged


def _squash(text: str) -> str:
    return re.sub(r"[\s,]", "", text.lower())


def _read_abbrev(tree: SourceTree, name: str) -> Iterator[_AbbrevRow]:
    for line_no, fields in _caret_records(tree, name, ABBREV_FIELDS):
        ndb = _ndb(name, line_no, fields[0], "NDB_No")
        nutrients: dict[Nutrient, float] = {}
        for nutrient, (index, column) in ABBREV_COLUMNS.items():
            value = parse_amount(name, line_no, column, fields[index])
            if value is not None:
                nutrients[nutrient] = value
        portions: list[Portion | None] = []
        for grams_at, desc_at, column in ABBREV_WEIGHTS:
            grams = parse_amount(name, line_no, column, fields[grams_at])
            description = _clean_text(fields[desc_at])
            portions.append(Portion(description, grams) if grams and description else None)
        yield _AbbrevRow(ndb, _text(fields[1]), nutrients, portions)


def _read_food_des(tree: SourceTree, name: str, groups: dict[str, str]) -> Iterator[Food]:
    for line_no, f in _caret_records(tree, name, FOOD_DES_FIELDS):
        group_code = _text(f[1])
        if groups and group_code not in groups:
            raise MalformedRelease(
                PurePosixPath(name).name,
                f"food group {group_code!r} is not in FD_GROUP.txt",
                line=line_no,
                column="FdGrp_Cd",
            )
        yield Food(
            description=_text(f[2]),
            release="sr28-ascii",
            ndb_number=_ndb(name, line_no, f[0], "NDB_No"),
            short_description=_text(f[3]) or None,
            common_names=_text(f[4]) or None,
            manufacturer=_text(f[5]) or None,
            in_survey=_text(f[6]) == "Y",
            food_group=groups.get(group_code),
        )


def _read_nutrient_numbers(tree: SourceTree, name: str) -> set[str]:
    return {_text(f[0]) for _, f in _caret_records(tree, name, NUTR_DEF_FIELDS)}


def _read_groups(tree: SourceTree, name: str) -> dict[str, str]:
    return {_text(f[0]): _text(f[1]) for _, f in _caret_records(tree, name, FD_GROUP_FIELDS)}


def _read_weights(tree: SourceTree, name: str) -> Iterator[tuple[str, Portion]]:
    for line_no, f in _caret_records(tree, name, WEIGHT_FIELDS):
        amount = parse_amount(name, line_no, "Amount", f[2])
        grams = parse_amount(name, line_no, "Gm_Wgt", f[4])
        measure = _clean_text(f[3])
        if amount is None or grams is None or not measure:
            raise MalformedRelease(
                PurePosixPath(name).name,
                "a household measure needs Amount, Msre_Desc and Gm_Wgt",
                line=line_no,
            )
        yield (
            _ndb(name, line_no, f[0], "NDB_No"),
            Portion(f"{format_amount(amount)} {measure}", grams),
        )


def _read_nut_data(
    tree: SourceTree, name: str, defined: set[str] | None
) -> Iterator[tuple[str, Nutrient, float]]:
    """Values of the nutrients we store; ``defined`` (NUTR_DEF's numbers) catches unknown ones."""
    by_number = {n.sr_number: n for n in Nutrient}
    for line_no, f in _caret_records(tree, name, NUT_DATA_FIELDS):
        number = _text(f[1])
        if defined is not None and number not in defined:
            raise MalformedRelease(
                PurePosixPath(name).name,
                f"nutrient number {number!r} is not defined in NUTR_DEF.txt",
                line=line_no,
                column="Nutr_No",
                fix="use NUT_DATA.txt and NUTR_DEF.txt from the same SR28 release",
            )
        nutrient = by_number.get(number)
        if nutrient is None:
            continue
        value = parse_amount(name, line_no, "Nutr_Val", f[2])
        if value is not None:
            yield _ndb(name, line_no, f[0], "NDB_No"), nutrient, value


def format_amount(amount: float) -> str:
    """1.0 → "1", 0.5 → "0.5": household amounts as a person writes them."""
    return f"{amount:g}"


def _caret_records(tree: SourceTree, name: str, n_fields: int) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, fields) for each record, checking encoding and field count."""
    with tree.open(name) as stream:
        raw = stream.read()
    short = PurePosixPath(name).name
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4096]:
        raise MalformedRelease(
            short,
            "is not Latin-1 text (it has NUL bytes: UTF-16 or binary)",
            fix="use the file as USDA publishes it",
        )
    for line_no, raw_line in enumerate(raw.splitlines(), start=1):
        if not raw_line.strip():
            continue
        line = _decode(raw_line)
        fields = line.split("^")
        if len(fields) != n_fields:
            raise MalformedRelease(
                short, f"expected {n_fields} ^-separated fields, found {len(fields)}", line=line_no
            )
        yield line_no, fields


def _decode(raw_line: bytes) -> str:
    """Latin-1, as documented; but USDA's own May 2016 ABBREV.txt has one UTF-8 line ("Entrée"),
    so a line that is valid UTF-8 with non-ASCII bytes is read as UTF-8."""
    if raw_line.isascii():
        return raw_line.decode("ascii")
    try:
        return raw_line.decode("utf-8")
    except UnicodeDecodeError:
        return raw_line.decode("latin-1")


def _text(field: str) -> str:
    return field.strip().strip("~").strip()


def _clean_text(field: str) -> str:
    return " ".join(_text(field).split())


def _ndb(name: str, line_no: int, field: str, column: str) -> str:
    text = _text(field)
    if not _NDB.fullmatch(text):
        raise MalformedRelease(
            PurePosixPath(name).name, f"{text!r} is not an NDB number", line=line_no, column=column
        )
    return normalise_ndb_number(text)
