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
from sleepmin.foods.fields import (
    HOUSEHOLD_AMOUNT_CEILING,
    MASS_ALLOWANCE_G,
    NUTRIENT_CEILINGS,
    PORTION_GRAMS_CEILING,
    check_mass,
    check_nutrient,
    check_portion,
    parse_amount,
    shown_number,
)
from sleepmin.foods.model import Food, Portion, Release, normalise_ndb_number
from sleepmin.foods.sources import SourceTree, iter_lines
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

# Record counts USDA documents (SR28 documentation, Table 3, September 2015; the May 2016
# ABBREV.txt adds food 33879). A food list of any other length is cut short or filtered.
FOOD_COUNTS = {
    8790: "8,790 (SR28, May 2016 revision)",
    8789: "8,789 (SR28, September 2015)",
}
SEPTEMBER_2015_COUNTS = {
    "WEIGHT.txt": 15_438,
    "FD_GROUP.txt": 25,
    "NUTR_DEF.txt": 150,
    "NUT_DATA.txt": 679_045,
}
"""The other files of the September 2015 ASCII set, known by its FOOD_DES.txt checksum."""


PARTIAL_FIX = (
    "use the complete file as USDA publishes it (or import a part on purpose, with --partial)"
)
_SAME_RELEASE = "use complete files from one SR28 release, as USDA publishes them"
_NDB = re.compile(r"[0-9]{4,6}")
_GRAMS = {"g": 1.0, "mg": 1e-3, "ug": 1e-6}


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
    tree: SourceTree, files: SR28Files, revisions: dict[str, str], *, partial: bool = False
) -> tuple[list[Food], list[Release]]:
    """Join ABBREV with FOOD_DES/WEIGHT/FD_GROUP (and NUT_DATA) by NDB number.

    Where the May 2016 ABBREV revision and the 2015 ASCII files differ, ABBREV wins: its nutrient
    values, its short description and its two gram weights. ``revisions`` maps file name to the
    revision found from its checksum.

    The release is checked against its documented shape: the record counts USDA gives (unless
    ``partial``: a part of a release imported on purpose), every food with nutrient values, no
    row for a food the release does not describe, no food twice, and every value within what
    food can hold. Anything else is a :class:`MalformedRelease` naming the file.
    """
    counts = _Counts(files, revisions, partial)
    groups = _read_groups(tree, files.fd_group, counts) if files.fd_group else {}
    foods: dict[str, Food] = {}
    releases: list[Release] = []
    with_values: set[str] = set()  # foods some file gives nutrient values for

    if files.food_des:
        for line_no, food in _read_food_des(tree, files.food_des, groups):
            ndb = food.ndb_number or ""
            if ndb in foods:
                raise _twice(files.food_des, f"food {ndb}", line_no)
            foods[ndb] = food
        if not foods:
            raise _empty(files.food_des)
        counts.check(files.food_des, len(foods), FOOD_COUNTS)
        releases.append(
            Release(
                "sr28-ascii",
                "USDA SR28 full ASCII release",
                revisions.get(files.food_des, "unknown"),
                len(foods),
            )
        )
    if files.weight:
        seen: set[tuple[str, str]] = set()
        rows = 0
        for line_no, ndb, seq, portion in _read_weights(tree, files.weight):
            rows += 1
            if (ndb, seq) in seen:
                raise _twice(files.weight, f"household measure {ndb} #{seq}", line_no)
            seen.add((ndb, seq))
            described = foods.get(ndb)
            if described is not None:
                described.portions.append(portion)
            elif not partial:
                raise _stranger(files.weight, ndb, line_no)
        counts.check_documented(files.weight, rows)
    if files.nut_data:
        defined = _read_nutrient_numbers(tree, files.nutr_def, counts) if files.nutr_def else None
        seen_values: set[tuple[str, str]] = set()
        rows = 0
        for line_no, ndb, number, nutrient, value in _read_nut_data(tree, files.nut_data, defined):
            rows += 1
            if (ndb, number) in seen_values:
                raise _twice(files.nut_data, f"nutrient {number} of food {ndb}", line_no)
            seen_values.add((ndb, number))
            valued = foods.get(ndb)
            if valued is None:
                if partial:
                    continue
                raise _stranger(files.nut_data, ndb, line_no)
            with_values.add(ndb)
            if nutrient is not None and value is not None:
                valued.nutrients[nutrient] = value
        counts.check_documented(files.nut_data, rows)
        for ndb in with_values:
            check_mass(files.nut_data, ndb, foods[ndb].nutrients, None)
    if files.abbrev:
        in_abbrev: set[str] = set()
        for line_no, row in _read_abbrev(tree, files.abbrev):
            if row.ndb_number in in_abbrev:
                raise _twice(files.abbrev, f"food {row.ndb_number}", line_no)
            in_abbrev.add(row.ndb_number)
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
        with_values |= in_abbrev
        abbrev_rows = len(in_abbrev)
        if not abbrev_rows:
            raise _empty(files.abbrev)
        counts.check(files.abbrev, abbrev_rows, FOOD_COUNTS)
        releases.append(
            Release(
                "sr28-abbrev",
                "USDA SR28 abbreviated file",
                revisions.get(files.abbrev, "unknown"),
                abbrev_rows,
            )
        )
    _check_every_food_has_values(files, foods, with_values)
    return list(foods.values()), releases


class _Counts:
    """The record counts a file must have: USDA's documented ones, unless the file is exactly
    the published one (its checksum is known) or a part is imported on purpose."""

    def __init__(self, files: SR28Files, revisions: dict[str, str], partial: bool) -> None:
        self.revisions, self.partial = revisions, partial
        self.september_2015 = revisions.get(files.food_des or "") == "2015-09"

    def check(self, name: str, found: int, allowed: dict[int, str]) -> None:
        if self.partial or found in allowed or self.revisions.get(name, "unknown") != "unknown":
            return
        documented = " or ".join(allowed.values())
        raise MalformedRelease(
            PurePosixPath(name).name,
            f"the file has {found:,} foods, but USDA's release has {documented}: "
            "the file is cut short or filtered",
            fix=PARTIAL_FIX,
        )

    def check_documented(self, name: str, found: int) -> None:
        """The September 2015 set's other files, when its FOOD_DES.txt is the published one."""
        short = PurePosixPath(name).name
        expected = SEPTEMBER_2015_COUNTS.get(short.upper().replace(".TXT", ".txt"))
        if self.partial or not self.september_2015 or expected is None or found == expected:
            return
        raise MalformedRelease(
            short,
            f"the file has {found:,} records, but the September 2015 SR28 release it comes "
            f"with has {expected:,}: the file is cut short, filtered or from another release",
            fix=PARTIAL_FIX,
        )


def _check_every_food_has_values(
    files: SR28Files, foods: dict[str, Food], with_values: set[str]
) -> None:
    bare = [ndb for ndb in foods if ndb not in with_values]
    if not bare:
        return
    sources = " or ".join(PurePosixPath(n).name for n in (files.abbrev, files.nut_data) if n)
    raise MalformedRelease(
        PurePosixPath(files.food_des or files.abbrev or "").name,
        f"{len(bare):,} of its {len(foods):,} foods (such as {bare[0]}) have no nutrient values "
        f"in {sources}, so that file is cut short or from another release",
        fix=_SAME_RELEASE,
    )


def _empty(name: str) -> MalformedRelease:
    return MalformedRelease(
        PurePosixPath(name).name,
        "the file holds no foods",
        fix="use the complete file as USDA publishes it (download it again)",
    )


def _twice(name: str, what: str, line: int) -> MalformedRelease:
    return MalformedRelease(
        PurePosixPath(name).name,
        f"{what} appears twice",
        line=line,
        fix="the file is damaged or was edited: use it as USDA publishes it",
    )


def _stranger(name: str, ndb: str, line: int) -> MalformedRelease:
    return MalformedRelease(
        PurePosixPath(name).name,
        f"food {ndb} is not in FOOD_DES.txt, so the files are from different releases",
        line=line,
        column="NDB_No",
        fix=_SAME_RELEASE + " (or import a part on purpose, with --partial)",
    )


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


# (nutrient, field index, column name, ceiling, grams per unit), read in this order
_ABBREV_READ = [
    (nutrient, index, column, NUTRIENT_CEILINGS[nutrient], _GRAMS.get(nutrient.unit, 0.0))
    for nutrient, (index, column) in ABBREV_COLUMNS.items()
]
_MASS_LIMIT = 100.0 + MASS_ALLOWANCE_G


def _read_abbrev(tree: SourceTree, name: str) -> Iterator[tuple[int, _AbbrevRow]]:
    for line_no, fields in _caret_records(tree, name, ABBREV_FIELDS):
        ndb = _ndb(name, line_no, fields[0], "NDB_No")
        description = _text(fields[1])
        if not description:
            raise MalformedRelease(
                PurePosixPath(name).name,
                "the food has no description",
                line=line_no,
                column="Shrt_Desc",
            )
        nutrients: dict[Nutrient, float] = {}
        grams = 0.0
        for nutrient, index, column, ceiling, per_unit in _ABBREV_READ:
            value = parse_amount(name, line_no, column, fields[index])
            if value is not None:
                if value > ceiling:
                    check_nutrient(name, line_no, column, nutrient, value)
                nutrients[nutrient] = value
                grams += value * per_unit
        if grams > _MASS_LIMIT:
            check_mass(name, ndb, nutrients, line_no)
        portions: list[Portion | None] = []
        for grams_at, desc_at, column in ABBREV_WEIGHTS:
            weight = parse_amount(name, line_no, column, fields[grams_at])
            measure = _clean_text(fields[desc_at])
            if weight and measure:
                if weight > PORTION_GRAMS_CEILING:
                    check_portion(name, line_no, column, weight)
                portions.append(Portion(measure, weight))
            else:
                portions.append(None)
        yield line_no, _AbbrevRow(ndb, description, nutrients, portions)


def _read_food_des(
    tree: SourceTree, name: str, groups: dict[str, str]
) -> Iterator[tuple[int, Food]]:
    for line_no, f in _caret_records(tree, name, FOOD_DES_FIELDS):
        group_code = _text(f[1])
        if groups and group_code not in groups:
            raise MalformedRelease(
                PurePosixPath(name).name,
                f"food group {group_code!r} is not in FD_GROUP.txt",
                line=line_no,
                column="FdGrp_Cd",
            )
        description = _text(f[2])
        if not description:
            raise MalformedRelease(
                PurePosixPath(name).name,
                "the food has no description",
                line=line_no,
                column="Long_Desc",
            )
        yield (
            line_no,
            Food(
                description=description,
                release="sr28-ascii",
                ndb_number=_ndb(name, line_no, f[0], "NDB_No"),
                short_description=_text(f[3]) or None,
                common_names=_text(f[4]) or None,
                manufacturer=_text(f[5]) or None,
                in_survey=_text(f[6]) == "Y",
                food_group=groups.get(group_code),
            ),
        )


def _read_nutrient_numbers(tree: SourceTree, name: str, counts: _Counts) -> set[str]:
    numbers: set[str] = set()
    rows = 0
    for _, f in _caret_records(tree, name, NUTR_DEF_FIELDS):
        rows += 1
        numbers.add(_text(f[0]))
    counts.check_documented(name, rows)
    return numbers


def _read_groups(tree: SourceTree, name: str, counts: _Counts) -> dict[str, str]:
    groups = {_text(f[0]): _text(f[1]) for _, f in _caret_records(tree, name, FD_GROUP_FIELDS)}
    counts.check_documented(name, len(groups))
    return groups


def _read_weights(tree: SourceTree, name: str) -> Iterator[tuple[int, str, str, Portion]]:
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
        if not 0 < amount <= HOUSEHOLD_AMOUNT_CEILING:
            raise MalformedRelease(
                PurePosixPath(name).name,
                f"a household amount of {shown_number(amount)} is not possible (it must be more "
                f"than 0 and at most {HOUSEHOLD_AMOUNT_CEILING:,.0f})",
                line=line_no,
                column="Amount",
                fix="the file is damaged or was edited: use it as USDA publishes it",
            )
        if not 0 < grams <= PORTION_GRAMS_CEILING:
            check_portion(name, line_no, "Gm_Wgt", grams)
        yield (
            line_no,
            _ndb(name, line_no, f[0], "NDB_No"),
            _text(f[1]),
            Portion(f"{format_amount(amount)} {measure}", grams),
        )


def _read_nut_data(
    tree: SourceTree, name: str, defined: set[str] | None
) -> Iterator[tuple[int, str, str, Nutrient | None, float | None]]:
    """Every row as (line, NDB number, Nutr_No, our nutrient or None, value): the values of the
    nutrients we store are checked; ``defined`` (NUTR_DEF's numbers) catches unknown ones."""
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
        ndb = _ndb(name, line_no, f[0], "NDB_No")
        nutrient = by_number.get(number)
        value = None
        if nutrient is not None:
            value = parse_amount(name, line_no, "Nutr_Val", f[2])
            if value is not None:
                check_nutrient(name, line_no, "Nutr_Val", nutrient, value)
        yield line_no, ndb, number, nutrient, value


def format_amount(amount: float) -> str:
    """1.0 → "1", 0.5 → "0.5": household amounts as a person writes them."""
    return f"{amount:g}"


def _caret_records(tree: SourceTree, name: str, n_fields: int) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, fields) for each record, checking encoding and field count. The file
    is streamed: a damaged or hostile one fails at its first bad line, in bounded memory."""
    short = PurePosixPath(name).name
    with tree.open(name) as stream:
        lines = iter_lines(stream, name, binary=_NOT_LATIN1)
        for line_no, raw_line in lines:
            if line_no == 1 and raw_line.startswith(_BOMS):
                raise MalformedRelease(
                    short, _NOT_LATIN1, line=1, fix="use the file as USDA publishes it"
                )
            if not raw_line.strip():
                continue
            fields = _decode(raw_line).split("^")
            if len(fields) != n_fields:
                raise MalformedRelease(
                    short,
                    f"expected {n_fields} ^-separated fields, found {len(fields)}",
                    line=line_no,
                )
            yield line_no, fields


_NOT_LATIN1 = "is not Latin-1 text (it has NUL bytes: UTF-16 or binary)"
_BOMS = (b"\xff\xfe", b"\xfe\xff")


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
            PurePosixPath(name).name,
            f"{text[:30]!r} is not an NDB number",
            line=line_no,
            column=column,
        )
    return normalise_ndb_number(text)
