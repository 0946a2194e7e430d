"""FoodData Central CSV downloads as USDA publishes them (SR Legacy, Foundation, FNDDS survey).

Tables and columns follow "Download & API Field Descriptions" (FDC, October 2022); see
docs/fdc-csv-layout.md. Columns are found by header name, so the extra columns later releases
added do not matter, but a missing required column is an error naming the file and column.
"""

from __future__ import annotations

import contextlib
import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO

from sleepmin.errors import MalformedRelease
from sleepmin.foods.fields import check_mass, check_nutrient, check_portion, parse_amount
from sleepmin.foods.model import Food, Portion, ProgressCallback, Release, normalise_ndb_number
from sleepmin.foods.sources import SourceTree, iter_lines
from sleepmin.foods.sr28 import PARTIAL_FIX, format_amount
from sleepmin.nutrients import Nutrient

DATA_TYPES = {
    "sr_legacy_food": ("USDA SR Legacy (FoodData Central)", "sr_legacy_food.csv"),
    "foundation_food": ("USDA Foundation Foods (FoodData Central)", "foundation_food.csv"),
    "survey_fndds_food": ("USDA FNDDS survey foods (FoodData Central)", "survey_fndds_food.csv"),
}
"""The data types imported, with the table linking each to its own ids. Branded and experimental
foods are skipped: they are not the generic foods a diet log needs."""

UNDETERMINED_UNIT = "9999"
_UNITS = {"KCAL": "kcal", "G": "g", "MG": "mg", "UG": "ug"}
RECORD_COUNTS = "all_downloaded_table_record_counts.csv"
"""The table of record counts every FoodData Central download carries: where present, each table
read must have exactly the records it states."""
_ID = re.compile(r"[0-9]{1,18}")  # below 2^63, as SQLite stores integers
_NDB_NUMBER = re.compile(r"[0-9]{1,8}")
_SAME_DOWNLOAD = "use the complete FoodData Central CSV download, unchanged"


@dataclass(frozen=True, slots=True)
class FdcFiles:
    folder: str  # prefix inside the tree, "" or "some/dir/"

    def path(self, table: str) -> str:
        return f"{self.folder}{table}"


@dataclass(slots=True)
class _Counts:
    """Records read per table, checked against the download's own record counts."""

    expected: dict[str, int] = field(default_factory=dict)
    source: str = RECORD_COUNTS

    def check(self, path: str, found: int) -> None:
        table = PurePosixPath(path).name.removesuffix(".csv")
        expected = self.expected.get(table)
        if expected is None or found == expected:
            return
        raise MalformedRelease(
            PurePosixPath(path).name,
            f"the file has {found:,} records, but the download's {self.source} says {expected:,}: "
            "the file is cut short, filtered or from another download",
            fix=PARTIAL_FIX,
        )


def find_fdc_releases(tree: SourceTree) -> list[FdcFiles]:
    """Every folder in ``tree`` holding a FoodData Central food.csv and food_nutrient.csv."""
    found = []
    for name in tree.find("food.csv"):
        folder = name[: -len("food.csv")]
        if f"{folder}food_nutrient.csv" in tree.names:
            found.append(FdcFiles(folder))
        else:
            raise MalformedRelease(
                name,
                "food_nutrient.csv is missing beside food.csv",
                fix="use the complete FoodData Central CSV download, unchanged",
            )
    return found


def read_fdc_release(
    tree: SourceTree,
    files: FdcFiles,
    progress: ProgressCallback | None = None,
    *,
    partial: bool = False,
) -> tuple[list[Food], list[Release]]:
    """The foods of one FoodData Central CSV download, checked against its documented shape:
    its own record counts where it states them (unless ``partial``), every food with nutrient
    rows, no food twice, no row for a food the download does not describe, and every value
    within what food can hold."""
    names = set(tree.names)
    for table in ("nutrient.csv", "food_portion.csv"):
        if files.path(table) not in names:
            raise MalformedRelease(
                files.path(table),
                "expected file is missing",
                fix=_SAME_DOWNLOAD,
            )
    counts = _Counts() if partial else _read_record_counts(tree, files)
    nutrient_map = _read_nutrient_map(tree, files.path("nutrient.csv"), counts)
    categories = _lookup(tree, files.path("food_category.csv"), "id", "description", counts)
    units = _lookup(tree, files.path("measure_unit.csv"), "id", "name", counts)

    foods: dict[int, Food] = {}
    dates: dict[str, str] = {}
    food_path = files.path("food.csv")
    first_line: dict[int, int] = {}
    for line, row in _csv_rows(
        tree, food_path, ("fdc_id", "data_type", "description", "food_category_id"), counts
    ):
        data_type = row["data_type"]
        if data_type not in DATA_TYPES:
            continue
        fdc_id = _int(food_path, line, "fdc_id", row["fdc_id"])
        if fdc_id in first_line:
            raise MalformedRelease(
                PurePosixPath(food_path).name,
                f"food {fdc_id} appears twice (first on line {first_line[fdc_id]:,})",
                line=line,
                column="fdc_id",
                fix=_SAME_DOWNLOAD,
            )
        first_line[fdc_id] = line
        description = row["description"].strip()
        if not description:
            raise MalformedRelease(
                PurePosixPath(food_path).name,
                "the food has no description",
                line=line,
                column="description",
                fix=_SAME_DOWNLOAD,
            )
        foods[fdc_id] = Food(
            description=description,
            release=f"fdc-{data_type}",
            fdc_id=fdc_id,
            food_group=categories.get(row["food_category_id"]),
            in_survey=data_type == "survey_fndds_food",
        )
        published = row.get("publication_date") or ""
        dates[data_type] = max(dates.get(data_type, ""), published[:10])
    if not foods:
        raise MalformedRelease(
            files.path("food.csv"),
            f"no foods of the types sleepmin imports ({', '.join(DATA_TYPES)})",
            fix="download the SR Legacy, Foundation or FNDDS CSV release",
        )
    _link_own_ids(tree, files, foods, counts)
    _read_food_nutrients(tree, files, foods, nutrient_map, counts, progress)
    _read_portions(tree, files, foods, units, counts)
    per_release: dict[str, int] = {}
    for food in foods.values():
        per_release[food.release] = per_release.get(food.release, 0) + 1
    releases = [
        Release(f"fdc-{dt}", DATA_TYPES[dt][0], dates[dt] or "unknown", per_release[f"fdc-{dt}"])
        for dt in sorted(dates)
    ]
    return list(foods.values()), releases


FNDDS_INGREDIENT_CODE = "ingredient code"
_INGREDIENT_CODE = re.compile(r"[0-9]{1,8}")
_SUPPORTING_DATA = (
    "use fndds_ingredient_nutrient_value.csv as USDA publishes it in the FoodData Central "
    "supporting data"
)


def read_fndds_ingredient_codes(
    tree: SourceTree, name: str, *, partial: bool = False
) -> frozenset[str]:
    """The distinct ``ingredient code`` values of FNDDS's ingredient table
    (fndds_ingredient_nutrient_value.csv, FoodData Central supporting data): the SR foods, by
    NDB number (``1001`` → ``01001``), that FNDDS builds the foods NHANES participants report
    from. Streamed (the file is 15 MB, one row per ingredient and nutrient); its record count is
    checked against ``all_downloaded_table_record_counts.csv`` beside it, unless ``partial``."""
    folder = name[: -len(PurePosixPath(name).name)]
    counts = _Counts() if partial else _read_record_counts(tree, FdcFiles(folder))
    short = PurePosixPath(name).name
    codes: set[str] = set()
    last = ""
    column = -1
    for line, header, fields in _csv_records(tree, name, (FNDDS_INGREDIENT_CODE,), counts):
        if column < 0:
            column = header.index(FNDDS_INGREDIENT_CODE)
        code = fields[column]
        if code == last:  # rows come grouped by ingredient: most repeat the one before
            continue
        if not _INGREDIENT_CODE.fullmatch(code.strip()):
            raise MalformedRelease(
                short,
                f"{code[:30]!r} is not an ingredient code (an SR NDB number of 1 to 8 digits)",
                line=line,
                column=FNDDS_INGREDIENT_CODE,
                fix=_SUPPORTING_DATA,
            )
        last = code
        codes.add(normalise_ndb_number(code))
    if not codes:
        raise MalformedRelease(
            short, "the table holds no ingredients", line=2, fix=_SUPPORTING_DATA
        )
    return frozenset(codes)


def _read_record_counts(tree: SourceTree, files: FdcFiles) -> _Counts:
    """The download's own table of record counts, if it has one."""
    path = files.path(RECORD_COUNTS)
    if path not in tree.names:
        return _Counts()
    expected: dict[str, int] = {}
    for line, row in _csv_rows(tree, path, ("Table", "Number of Records")):
        expected[row["Table"].strip()] = _int(
            path, line, "Number of Records", row["Number of Records"]
        )
    return _Counts(expected)


def _read_nutrient_map(tree: SourceTree, name: str, counts: _Counts) -> dict[str, Nutrient | None]:
    """nutrient.id → our Nutrient (None for the ones we skip), checking the units we rely on.

    FNDDS survey downloads put the nutrient *number* (208, 304...) in food_nutrient.nutrient_id;
    numbers are below 1000 and ids above, so both are mapped without ambiguity.
    """
    known: dict[str, Nutrient | None] = {}
    wanted = {str(i): n for n in Nutrient for i in n.fdc_ids}
    by_number = {n.sr_number: n for n in Nutrient}
    for line, row in _csv_rows(tree, name, ("id", "name", "unit_name"), counts):
        nutrient = wanted.get(row["id"])
        unit = _UNITS.get(row["unit_name"].upper())
        number = (row.get("nutrient_nbr") or "").strip().split(".")[0]
        if number:
            by_nbr = by_number.get(number)
            known.setdefault(number, by_nbr if by_nbr and by_nbr.unit == unit else None)
        if nutrient is not None and unit != nutrient.unit:
            raise MalformedRelease(
                PurePosixPath(name).name,
                f"nutrient {row['id']} ({row['name']}) is in {row['unit_name']}, expected "
                f"{nutrient.unit}",
                line=line,
                column="unit_name",
            )
        known[row["id"]] = nutrient
    return known


def _lookup(
    tree: SourceTree, path: str, key: str, value: str, counts: _Counts | None = None
) -> dict[str, str]:
    """A two-column code table (category ids, unit ids...) as a dict; empty if absent."""
    if path not in tree.names:
        return {}
    return {row[key]: row[value] for _, row in _csv_rows(tree, path, (key, value), counts)}


def _link_own_ids(
    tree: SourceTree, files: FdcFiles, foods: dict[int, Food], counts: _Counts
) -> None:
    """NDB numbers for SR Legacy and Foundation foods; WWEIA categories for survey foods."""
    for data_type, (_, table) in DATA_TYPES.items():
        path = files.path(table)
        if path not in tree.names:
            if any(f.release == f"fdc-{data_type}" for f in foods.values()):
                raise MalformedRelease(path, "expected file is missing", fix=_SAME_DOWNLOAD)
            continue
        if data_type == "survey_fndds_food":
            wweia = _lookup(
                tree,
                files.path("wweia_food_category.csv"),
                "wweia_food_category",
                "wweia_food_category_description",
                counts,
            )
            for line, row in _csv_rows(tree, path, ("fdc_id", "food_code"), counts):
                food = foods.get(_int(path, line, "fdc_id", row["fdc_id"]))
                if food is not None:
                    food.food_group = wweia.get(
                        row.get("wweia_category_code") or "", food.food_group
                    )
            continue
        for line, row in _csv_rows(tree, path, ("fdc_id", "NDB_number"), counts):
            food = foods.get(_int(path, line, "fdc_id", row["fdc_id"]))
            number = row["NDB_number"].strip()
            if food is None or not number:
                continue
            if not _NDB_NUMBER.fullmatch(number):
                raise MalformedRelease(
                    PurePosixPath(path).name,
                    f"{number[:30]!r} is not an NDB number",
                    line=line,
                    column="NDB_number",
                )
            food.ndb_number = normalise_ndb_number(number)


def _read_food_nutrients(
    tree: SourceTree,
    files: FdcFiles,
    foods: dict[int, Food],
    nutrient_map: dict[str, Nutrient | None],
    counts: _Counts,
    progress: ProgressCallback | None,
) -> None:
    path = files.path("food_nutrient.csv")
    total = tree.size(path)
    # Energy may come under several ids; the most preferred one present wins.
    energy_rank: dict[int, int] = {}
    with_rows: set[int] = set()
    for line, row in _csv_rows(tree, path, ("fdc_id", "nutrient_id", "amount"), counts):
        nutrient_id = row["nutrient_id"]
        if nutrient_id not in nutrient_map:
            raise MalformedRelease(
                PurePosixPath(path).name,
                f"nutrient id {nutrient_id!r} is not in nutrient.csv",
                line=line,
                column="nutrient_id",
                fix="use nutrient.csv from the same release as food_nutrient.csv",
            )
        fdc_id = _int(path, line, "fdc_id", row["fdc_id"])
        with_rows.add(fdc_id)
        nutrient = nutrient_map[nutrient_id]
        if nutrient is None:
            continue
        food = foods.get(fdc_id)
        if food is None:
            continue
        amount = parse_amount(path, line, "amount", row["amount"])
        if amount is None:
            continue
        check_nutrient(path, line, "amount", nutrient, amount)
        if nutrient is Nutrient.ENERGY_KCAL:
            ids = nutrient.fdc_ids
            rank = ids.index(int(nutrient_id)) if int(nutrient_id) in ids else 0  # FNDDS: nbr 208
            if rank > energy_rank.get(food.fdc_id or 0, len(nutrient.fdc_ids)):
                continue
            energy_rank[food.fdc_id or 0] = rank
        food.nutrients[nutrient] = amount
        if progress and line % 50_000 == 0:
            progress("nutrients", min(line * 60, total), total)  # ~60 bytes a row
    bare = [fdc_id for fdc_id in foods if fdc_id not in with_rows]
    if bare:
        raise MalformedRelease(
            PurePosixPath(path).name,
            f"{len(bare):,} of the {len(foods):,} foods in food.csv (such as {bare[0]}) have no "
            "nutrient rows, so the file is cut short or from another download",
            fix=_SAME_DOWNLOAD,
        )
    for fdc_id, food in foods.items():
        check_mass(path, str(fdc_id), food.nutrients, None)


def _read_portions(
    tree: SourceTree,
    files: FdcFiles,
    foods: dict[int, Food],
    units: dict[str, str],
    counts: _Counts,
) -> None:
    path = files.path("food_portion.csv")
    rows = []
    for line, row in _csv_rows(tree, path, ("fdc_id", "gram_weight"), counts):
        food = foods.get(_int(path, line, "fdc_id", row["fdc_id"]))
        grams = parse_amount(path, line, "gram_weight", row["gram_weight"])
        if food is None or not grams:
            continue
        check_portion(path, line, "gram_weight", grams)
        description = portion_description(row, units)
        if not description:
            raise MalformedRelease(
                PurePosixPath(path).name, "a portion has no amount, unit or description", line=line
            )
        seq = parse_amount(path, line, "seq_num", row.get("seq_num") or "") or 0.0
        rows.append((food.fdc_id, seq, line, food, Portion(description, grams)))
    for *_, food, portion in sorted(rows, key=lambda r: r[:3]):
        food.portions.append(portion)


def portion_description(row: dict[str, str], units: dict[str, str]) -> str:
    """A household measure in words, the way the release states it.

    SR Legacy: amount "1" + modifier "cup, chopped" (unit 9999). Foundation: amount + unit name +
    modifier. FNDDS: portion_description "1 cup" says it all.
    """
    described = (row.get("portion_description") or "").strip()
    if described:
        return described
    amount = (row.get("amount") or "").strip()
    with contextlib.suppress(ValueError):
        amount = format_amount(float(amount)) if amount else ""
    unit_id = (row.get("measure_unit_id") or "").strip()
    unit = "" if unit_id == UNDETERMINED_UNIT else units.get(unit_id, "")
    unit = "" if unit == "undetermined" else unit
    modifier = (row.get("modifier") or "").strip()
    if modifier.isdigit():  # FNDDS modifiers are numeric portion codes, not words
        modifier = ""
    measure = f"{unit}, {modifier}" if unit and modifier else unit or modifier
    if not measure:
        return ""
    return f"{amount} {measure}".strip()


def _csv_rows(
    tree: SourceTree, name: str, required: tuple[str, ...], counts: _Counts | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a USDA CSV as dicts, after checking the header has the required columns; when
    read to the end, the number of records is checked against ``counts``."""
    for line, header, fields in _csv_records(tree, name, required, counts):
        yield line, dict(zip(header, fields, strict=True))


def _csv_records(
    tree: SourceTree, name: str, required: tuple[str, ...], counts: _Counts | None = None
) -> Iterator[tuple[int, list[str], list[str]]]:
    """(line, header, fields) for each record of a USDA CSV: :func:`_csv_rows` without building
    a dict per row, for the long tables."""
    short = PurePosixPath(name).name
    records = 0
    with tree.open(name) as raw:
        reader = csv.reader(_utf8_lines(raw, name))
        try:
            header = next(reader, None)
            if header is None:
                raise MalformedRelease(short, "the file is empty", line=1)
            missing = [c for c in required if c not in header]
            if missing:
                raise MalformedRelease(
                    short,
                    f"header lacks column(s) {', '.join(missing)} (found: {', '.join(header[:8])})",
                    line=1,
                    column=missing[0],
                    fix="use the file as USDA publishes it, with its original header row",
                )
            width = len(header)
            for fields in reader:
                if not fields:
                    continue
                if len(fields) != width:
                    raise MalformedRelease(
                        short, f"expected {width} fields, found {len(fields)}", line=reader.line_num
                    )
                records += 1
                yield reader.line_num, header, fields
        except csv.Error as exc:
            raise MalformedRelease(short, f"broken CSV ({exc})", line=reader.line_num) from None
    if counts is not None:
        counts.check(name, records)


def _utf8_lines(raw: IO[bytes], name: str) -> Iterator[str]:
    """Decode line by line, so a bad byte is reported on its own line."""
    short = PurePosixPath(name).name
    for line_no, line in iter_lines(raw, name, keep_ends=True):
        try:
            yield line.decode("utf-8-sig" if line_no == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise MalformedRelease(
                short,
                f"is not UTF-8 text ({exc.reason} at byte {exc.start + 1} of the line)",
                line=line_no,
                fix="use the file as USDA publishes it (UTF-8), not a re-encoded copy",
            ) from exc


def _int(name: str, line: int, column: str, text: str) -> int:
    """A whole number 0 or more, in ASCII digits, small enough to store."""
    text = text.strip()
    if not _ID.fullmatch(text):
        raise MalformedRelease(
            PurePosixPath(name).name,
            f"{text[:30]!r} is not a whole number (0 or more, at most 18 digits)",
            line=line,
            column=column,
        )
    return int(text)
