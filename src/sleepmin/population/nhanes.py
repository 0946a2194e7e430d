"""The CDC NHANES 2017-2018 files sleepmin reads, joined on SEQN into one row per respondent.

Read at run time from a folder (the CDC's SAS transport files, ``NAME.XPT``, as the CDC
publishes them; or a CSV copy ``NAME.csv`` with the same columns where no XPT is at hand), or
downloaded from the CDC on request. Nothing from them is shipped with sleepmin.

XPT files are read with pyreadstat, which decodes exact zeros as 0.0 (pandas' reader turns them
into 5.4e-79, so "never sleepy" or a zero weight would not compare equal to 0).
"""

from __future__ import annotations

import csv
import hashlib
import math
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from sleepmin.errors import DownloadFailed, InvalidInput, MalformedRelease
from sleepmin.nutrients import Mineral

Array = npt.NDArray[np.float64]

CYCLE = "NHANES 2017-2018"
CDC_URL = "https://wwwn.cdc.gov/Nchs/Data/Nhanes/Public/2017/DataFiles/{name}.XPT"
CDC_PAGE = "https://wwwn.cdc.gov/nchs/nhanes/continuousnhanes/default.aspx?BeginYear=2017"
MAX_FILE_BYTES = 200 << 20  # the largest of these files, DR1TOT_J.XPT, is about 14 MB

# Day-1 and day-2 total nutrient intake columns (food only: NHANES keeps supplements apart).
MINERAL_CODE = {
    Mineral.MAGNESIUM: "MAGN",
    Mineral.IRON: "IRON",
    Mineral.ZINC: "ZINC",
    Mineral.CALCIUM: "CALC",
    Mineral.POTASSIUM: "POTA",
    Mineral.COPPER: "COPP",
}
COLUMNS: dict[str, tuple[str, ...]] = {
    "DEMO_J": ("SEQN", "RIAGENDR", "RIDAGEYR", "RIDEXPRG", "SDMVPSU", "SDMVSTRA", "WTINT2YR"),
    "DR1TOT_J": (
        "SEQN",
        "WTDRD1",
        "WTDR2D",
        "DR1DRSTZ",
        "DR1TKCAL",
        *(f"DR1T{code}" for code in MINERAL_CODE.values()),
    ),
    "DR2TOT_J": (
        "SEQN",
        "DR2DRSTZ",
        "DR2TKCAL",
        *(f"DR2T{code}" for code in MINERAL_CODE.values()),
    ),
    "SLQ_J": ("SEQN", "SLQ050", "SLD012", "SLQ120"),
}
FILES = tuple(COLUMNS)


@dataclass(frozen=True)
class Respondents:
    """Every respondent of DEMO_J (the design variables and weights live there), with the other
    files' columns joined on SEQN; a respondent missing from a file has NaN in its columns."""

    columns: dict[str, Array]
    inputs: dict[str, str]  # file name → sha256, so a build says exactly what it read

    def __getitem__(self, name: str) -> Array:
        return self.columns[name]

    def __len__(self) -> int:
        return len(self.columns["SEQN"])


def read_folder(folder: Path) -> Respondents:
    """The four files from ``folder``, joined; each checked against the CDC's (its number of
    rows, one row a respondent, weights not negative). What is wrong is named with the fix."""
    if not folder.is_dir():
        raise InvalidInput(
            f"--source {folder}",
            "is not a folder" if folder.exists() else "does not exist",
            "give the folder holding the NHANES files, or leave --source out to download them",
        )
    tables = {name: _read_table(folder, name) for name in FILES}
    inputs = {file_name: digest for _, digest, file_name in tables.values()}
    for name, (table, _, file_name) in tables.items():
        _check_table(name, file_name, table)
    demo = tables["DEMO_J"][0]
    order = {seqn: i for i, seqn in enumerate(demo["SEQN"].tolist())}
    joined = dict(demo)
    for name in FILES[1:]:
        table, _, file_name = tables[name]
        rows = np.array([order.get(seqn, -1) for seqn in table["SEQN"].tolist()], dtype=np.intp)
        if (rows < 0).any():
            raise MalformedRelease(
                file_name, "has respondents that DEMO_J does not", fix=_REDOWNLOAD
            )
        for column, values in table.items():
            if column == "SEQN":
                continue
            full = np.full(len(demo["SEQN"]), np.nan)
            full[rows] = values
            joined[column] = full
    return Respondents(joined, inputs)


def download(folder: Path, names: Sequence[str] = FILES, *, url: str = CDC_URL) -> list[Path]:
    """Fetch the CDC's XPT files into ``folder`` (kept: a second build reads them again).
    ``url`` has ``{name}`` where the file's name goes (a mirror may be given instead)."""
    if not url.startswith(("https://", "http://")) or "{name}" not in url:
        raise DownloadFailed(url, "the address must be http(s) and hold {name}")
    folder.mkdir(parents=True, exist_ok=True)
    fetched = []
    for name in names:
        target = folder / f"{name}.XPT"
        if not target.exists():
            address = url.format(name=name)
            partial = target.with_suffix(".XPT.part")
            try:
                request = urllib.request.Request(address, headers={"User-Agent": "sleepmin"})
                with (
                    urllib.request.urlopen(request, timeout=60) as response,
                    partial.open("wb") as out,
                ):
                    size = 0
                    while chunk := response.read(1 << 16):
                        size += len(chunk)
                        if size > MAX_FILE_BYTES:
                            raise DownloadFailed(address, "the file is far larger than the CDC's")
                        out.write(chunk)
            except DownloadFailed:
                partial.unlink(missing_ok=True)
                raise
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
                partial.unlink(missing_ok=True)
                raise DownloadFailed(address, str(exc)).with_cli_hint(
                    "sleepmin data build-population --source FOLDER"
                ) from exc
            partial.replace(target)
        fetched.append(target)
    return fetched


_REDOWNLOAD = f"use the CDC's files as published ({CDC_PAGE})"
# The CDC's files of cycle J: a file with another number of rows is cut short or another one.
ROWS = {"DEMO_J": 9254, "DR1TOT_J": 8704, "DR2TOT_J": 8704, "SLQ_J": 6161}
WEIGHTS = ("WTINT2YR", "WTDRD1", "WTDR2D")


def _check_table(name: str, file_name: str, table: dict[str, Array]) -> None:
    seqn = table["SEQN"]
    if len(seqn) != ROWS[name]:
        raise MalformedRelease(
            file_name,
            f"has {len(seqn):,} rows; the CDC's {name} has {ROWS[name]:,}, so it is cut short "
            "or another file",
            fix=_REDOWNLOAD,
        )
    if not np.isfinite(seqn).all() or len(np.unique(seqn)) != len(seqn):
        raise MalformedRelease(file_name, "repeats a SEQN or lacks one", fix=_REDOWNLOAD)
    for column, values in table.items():
        if np.isinf(values).any():
            raise MalformedRelease(file_name, "holds an infinite number", column=column)
        if column in WEIGHTS and (values < 0).any():
            raise MalformedRelease(file_name, "holds a negative weight", column=column)


def _read_table(folder: Path, name: str) -> tuple[dict[str, Array], str, str]:
    found = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    xpt, text = found.get(f"{name.lower()}.xpt"), found.get(f"{name.lower()}.csv")
    path = xpt or text
    if path is None:
        raise MalformedRelease(
            str(folder / f"{name}.XPT"),
            "is missing",
            fix=f"put the CDC's {name}.XPT there (or its CSV copy), or build without --source "
            "to download it",
        )
    wanted = COLUMNS[name]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    table = _read_xpt(path, wanted) if path is xpt else _read_csv(path, wanted)
    return table, digest, path.name


def _read_xpt(path: Path, wanted: Sequence[str]) -> dict[str, Array]:
    import pyreadstat  # noqa: PLC0415 - only a population build needs it

    try:
        raw, _ = pyreadstat.read_xport(str(path), output_format="dict")
    except Exception as exc:  # pyreadstat raises its own error types for a damaged file
        raise MalformedRelease(
            str(path), f"is not a readable SAS transport file ({exc})", fix=_REDOWNLOAD
        ) from exc
    missing = [c for c in wanted if c not in raw]
    if missing:
        raise MalformedRelease(
            str(path), f"lacks the column(s) {', '.join(missing)}", fix=_REDOWNLOAD
        )
    return {c: np.array([_number(v) for v in raw[c]], dtype=np.float64) for c in wanted}


def _read_csv(path: Path, wanted: Sequence[str]) -> dict[str, Array]:
    try:
        return _read_csv_rows(path, wanted)
    except (csv.Error, UnicodeDecodeError) as exc:
        raise MalformedRelease(
            str(path), f"is not a readable CSV file ({exc})", fix=_REDOWNLOAD
        ) from None


def _read_csv_rows(path: Path, wanted: Sequence[str]) -> dict[str, Array]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [c for c in wanted if c not in header]
        if missing:
            raise MalformedRelease(
                str(path), f"lacks the column(s) {', '.join(missing)}", fix=_REDOWNLOAD
            )
        values: dict[str, list[float]] = {c: [] for c in wanted}
        for line, row in enumerate(reader, start=2):
            for c in wanted:
                text = (row.get(c) or "").strip()
                try:
                    values[c].append(float(text) if text and text.upper() != "NA" else math.nan)
                except ValueError:
                    raise MalformedRelease(
                        str(path),
                        f"holds {text[:20]!r}, not a number",
                        line=line,
                        column=c,
                        fix=_REDOWNLOAD,
                    ) from None
    return {c: np.array(v, dtype=np.float64) for c, v in values.items()}


def _number(value: object) -> float:
    if value is None:
        return math.nan
    if isinstance(value, (int, float)):
        return float(value)
    return math.nan  # a string in a numeric column: treated as missing
