"""Where a release comes from: a folder, a zip, a single ABBREV.txt, or a URL downloaded to a zip.

A :class:`SourceTree` hides the difference: it lists file names (posix, relative) and opens them.

Everything read is bounded, so a hostile source fails with one clear error instead of exhausting
memory or disk: a zip may not inflate to more than :data:`MAX_MEMBER_BYTES` per member or
:data:`MAX_TOTAL_BYTES` in all, nor by more than :data:`MAX_RATIO` times its compressed size (a
"zip bomb"); members are streamed, never read whole; a line longer than :data:`MAX_LINE_BYTES`
is refused; a folder may hold at most :data:`MAX_FOLDER_FILES` files; a download at most
:data:`MAX_DOWNLOAD_BYTES`.
"""

from __future__ import annotations

import errno
import hashlib
import io
import lzma
import os
import re
import shutil
import struct
import urllib.error
import urllib.parse
import urllib.request
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from sleepmin.errors import (
    DownloadFailed,
    MalformedRelease,
    OutputError,
    SourceNotFound,
)
from sleepmin.foods.model import ProgressCallback
from sleepmin.paths import OFFICIAL_SOURCE_URL

SUPPORTING_DATA_URL = (
    "https://fdc.nal.usda.gov/fdc-datasets/FoodData_Central_Supporting_Data_csv_2022-10-28.zip"
)
"""FoodData Central's supporting tables (October 2022), which hold the FNDDS 2019–2020 ingredient
list (:data:`FNDDS_INGREDIENT_TABLE`)."""

COMPANION_DOWNLOADS: dict[str, tuple[str, ...]] = {OFFICIAL_SOURCE_URL: (SUPPORTING_DATA_URL,)}
"""Optional downloads fetched beside a URL source: a failed one is a notice, never an error."""

FNDDS_INGREDIENT_TABLE = "fndds_ingredient_nutrient_value.csv"
"""The SR foods FNDDS builds its survey foods from (FoodData Central supporting data)."""

SUPPORTING_ZIP = re.compile(r"FoodData_Central_Supporting_Data_csv_[^/]*\.zip", re.IGNORECASE)
"""The supporting-data download as USDA names it; looked into when it lies in a source folder."""

GIB = 1 << 30
MAX_MEMBER_BYTES = 4 * GIB
"""The most one zip member may inflate to: room for the largest table of FoodData Central's
full download (food_nutrient.csv); SR28's largest file, NUT_DATA.txt, is 36 MB."""
MAX_TOTAL_BYTES = 12 * GIB
"""The most a whole zip may inflate to: several times FoodData Central's full CSV download."""
MAX_RATIO = 200
"""The most a zip member over :data:`RATIO_FLOOR` bytes may inflate relative to its compressed
size. USDA's CSV and text files compress 2 to 25 times; deflate cannot exceed about 1,032."""
RATIO_FLOOR = 1 << 20
MAX_LINE_BYTES = 1 << 20
"""The longest line read (at least the block read at once, ``_BLOCK``). SR28 records are under
1 KB, FoodData Central CSV rows a few KB."""
MAX_FOLDER_FILES = 20_000
"""The most files a source folder may hold (an SR28 or FoodData Central release has under 50)."""
MAX_DOWNLOAD_BYTES = 4 * GIB

RELEASE_FILE_NAMES = frozenset(
    name.lower()
    for name in (
        "FOOD_DES.txt",
        "NUT_DATA.txt",
        "WEIGHT.txt",
        "FD_GROUP.txt",
        "NUTR_DEF.txt",
        "FOOTNOTE.txt",
        "LANGUAL.txt",
        "LANGDESC.txt",
        "SRC_CD.txt",
        "DERIV_CD.txt",
        "DATA_SRC.txt",
        "DATSRCLN.txt",
        "food.csv",
        "food_nutrient.csv",
        "food_portion.csv",
        "nutrient.csv",
        "measure_unit.csv",
        "food_category.csv",
        "sr_legacy_food.csv",
        "foundation_food.csv",
        "survey_fndds_food.csv",
        "wweia_food_category.csv",
    )
)
"""Files that are one part of a multi-file release: given alone, they say what to pass instead."""

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    struct.error,
    NotImplementedError,
    RuntimeError,  # an encrypted member
    UnicodeDecodeError,
    lzma.LZMAError,
)
_NETWORK_ERRORS = (urllib.error.URLError, TimeoutError, ConnectionError, OSError)


class SourceTree:
    """Files of one source, addressed by relative posix path."""

    def __init__(self, label: str, names: list[str]) -> None:
        self.label = label
        self.names = sorted(set(names))
        self.aliases: dict[str, str] = {}  # a release file's usual name (lower) → its real name

    def open(self, name: str) -> IO[bytes]:
        raise NotImplementedError

    def size(self, name: str) -> int:
        raise NotImplementedError

    def find(self, basename: str) -> list[str]:
        """Every file whose name (case-insensitive) is ``basename``, shallowest first."""
        wanted = basename.lower()
        if wanted in self.aliases:
            return [self.aliases[wanted]]
        hits = [n for n in self.names if PurePosixPath(n).name.lower() == wanted]
        return sorted(hits, key=lambda n: (n.count("/"), n))

    def sha256(self, name: str) -> str:
        """The plain checksum of one file, as published checksums are given."""
        digest = hashlib.sha256()
        with self.open(name) as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
        return digest.hexdigest()

    def close(self) -> None:
        pass


class FolderSource(SourceTree):
    def __init__(self, root: Path) -> None:
        self.root = root
        super().__init__(str(root), _walk(root))

    def open(self, name: str) -> IO[bytes]:
        try:
            return (self.root / name).open("rb")
        except OSError as exc:
            raise _unreadable(name, exc) from None

    def size(self, name: str) -> int:
        return (self.root / name).stat().st_size


def _walk(root: Path) -> list[str]:
    """Relative paths of the regular files under ``root`` (symlinked folders are not followed)."""
    names: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for file in files:
            path = Path(folder, file)
            if not path.is_file():
                continue
            names.append(path.relative_to(root).as_posix())
            if len(names) > MAX_FOLDER_FILES:
                raise MalformedRelease(
                    str(root),
                    f"holds more than {MAX_FOLDER_FILES:,} files, so it is not a release folder",
                    fix="install from the folder that holds the USDA files themselves",
                )
    return names


class FileSource(SourceTree):
    """One plain file given directly, e.g. ``--source ABBREV.txt``."""

    def __init__(self, path: Path, role: str | None = None) -> None:
        self.path = path
        super().__init__(str(path), [path.name])
        if role is not None:
            self.aliases[role.lower()] = path.name

    def open(self, name: str) -> IO[bytes]:
        try:
            return self.path.open("rb")
        except OSError as exc:
            raise _unreadable(name, exc) from None

    def size(self, name: str) -> int:
        return self.path.stat().st_size


def _unreadable(name: str, exc: OSError) -> MalformedRelease:
    return MalformedRelease(
        PurePosixPath(name).name,
        f"cannot be read ({exc.strerror or exc})",
        fix="check that the file exists and you may read it",
    )


class ZipSource(SourceTree):
    def __init__(self, path: Path, label: str | None = None) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
            infos = [i for i in self.zip.infolist() if not i.is_dir()]
        except _ZIP_ERRORS as exc:
            raise MalformedRelease(
                path.name,
                f"not a complete zip file ({_reason(exc)})",
                fix="the download was probably cut short: fetch it again",
            ) from None
        try:
            _check_sizes(path.name, infos)
        except MalformedRelease:
            self.zip.close()
            raise
        super().__init__(label or str(path), [i.filename for i in infos])

    def open(self, name: str) -> IO[bytes]:
        where = f"{self.path.name}:{name}"
        try:
            info = self.zip.getinfo(name)
            stream = self.zip.open(info)
        except _ZIP_ERRORS as exc:
            raise _damaged(where, exc) from None
        member = _CheckedZipMember(stream, where, min(info.file_size, MAX_MEMBER_BYTES))
        return io.BufferedReader(member, buffer_size=1 << 16)

    def size(self, name: str) -> int:
        return self.zip.getinfo(name).file_size

    def sha256_of_zip(self) -> str:
        """The checksum of the zip file itself (cheaper than inflating a member to hash it)."""
        digest = hashlib.sha256()
        try:
            with self.path.open("rb") as stream:
                while chunk := stream.read(1 << 20):
                    digest.update(chunk)
        except OSError as exc:
            raise _unreadable(self.path.name, exc) from None
        return digest.hexdigest()

    def close(self) -> None:
        self.zip.close()


def _check_sizes(zip_name: str, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip bomb from its directory, before inflating a byte."""
    total = 0
    for info in infos:
        size, packed = info.file_size, max(info.compress_size, 1)
        where = f"{zip_name}:{info.filename}"
        fix = "this is not a USDA release (a 'zip bomb'?): download the release from USDA"
        if size > MAX_MEMBER_BYTES:
            raise MalformedRelease(
                where,
                f"would inflate to {_size(size)}, more than the {_size(MAX_MEMBER_BYTES)} "
                "any USDA file holds",
                fix=fix,
            )
        if size > RATIO_FLOOR and size / packed > MAX_RATIO:
            raise MalformedRelease(
                where,
                f"would inflate {size // packed:,} times ({_size(packed)} to {_size(size)}); "
                f"USDA files compress at most about 25 times",
                fix=fix,
            )
        total += size
    if total > MAX_TOTAL_BYTES:
        raise MalformedRelease(
            zip_name,
            f"would inflate to {_size(total)}, more than the {_size(MAX_TOTAL_BYTES)} a USDA "
            "release may take",
            fix="this is not a USDA release (a 'zip bomb'?): download the release from USDA",
        )


def _size(n: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:,.1f} {unit}"
    return f"{n:,} bytes"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc):
        return "it is encrypted"
    return str(exc) or type(exc).__name__


def _damaged(where: str, exc: BaseException) -> MalformedRelease:
    return MalformedRelease(
        where,
        f"the zip member is damaged or cannot be read ({_reason(exc)})",
        fix="the download was probably cut short or corrupted: fetch it again",
    )


class _CheckedZipMember(io.RawIOBase):
    """Turns zip read errors (bad CRC, truncated data) into a clear MalformedRelease, and stops
    at the member's declared size."""

    def __init__(self, stream: IO[bytes], where: str, limit: int) -> None:
        super().__init__()
        self._stream, self._where, self._left = stream, where, limit + 1

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self._stream.read(min(len(buffer), self._left))
        except _ZIP_ERRORS as exc:
            raise _damaged(self._where, exc) from None
        self._left -= len(data)
        if self._left <= 0:
            raise _damaged(self._where, ValueError("it inflates beyond its declared size"))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._stream.close()
        super().close()


def iter_lines(
    stream: IO[bytes],
    name: str,
    *,
    keep_ends: bool = False,
    binary: str = "is not text (it has NUL bytes: UTF-16 or binary)",
) -> Iterator[tuple[int, bytes]]:
    """(line number, line) for each line, streamed in blocks, without its line ending unless
    ``keep_ends``. A NUL byte (the problem is ``binary``), a line over :data:`MAX_LINE_BYTES` or
    a last line without its line ending (a file cut mid-record) is an error naming the file and
    line."""
    short = PurePosixPath(name).name
    line_no = 0
    tail = b""
    while True:
        block = stream.read(_BLOCK)
        if not block:
            break
        data = tail + block if tail else block
        if b"\x00" in block:
            at = data.index(b"\x00")
            raise MalformedRelease(
                short,
                binary,
                line=line_no + data.count(b"\n", 0, at) + 1,
                fix="use the file as USDA publishes it",
            )
        lines = data.split(b"\n")
        tail = lines.pop()
        # Only the line carried over from the last block can be longer than a block.
        if lines and len(lines[0]) > MAX_LINE_BYTES:
            raise _long_line(short, line_no + 1)
        if len(tail) > MAX_LINE_BYTES:
            raise _long_line(short, line_no + len(lines) + 1)
        if keep_ends:
            for line in lines:
                line_no += 1
                yield line_no, line + b"\n"
        else:
            for line in lines:
                line_no += 1
                yield line_no, line.rstrip(b"\r")
    if b"\r" in tail.rstrip(b"\r\x1a"):
        raise MalformedRelease(
            short,
            "its lines end in a bare CR (old Mac style), not CRLF or LF",
            line=line_no + 1,
            fix="use the file as USDA publishes it",
        )
    if tail.strip(b"\r\x1a"):  # a trailing Ctrl-Z or stray CR is no record
        raise MalformedRelease(
            short,
            "the last line has no line ending: the file was cut short mid-record",
            line=line_no + 1,
            fix="use the complete file as USDA publishes it (download it again)",
        )


_BLOCK = 1 << 20


def _long_line(short: str, line: int) -> MalformedRelease:
    return MalformedRelease(
        short,
        f"the line is longer than {MAX_LINE_BYTES:,} bytes, so this is not a USDA text file",
        line=line,
        fix="use the file as USDA publishes it",
    )


@contextmanager
def open_source(
    source: str, cache_dir: Path, progress: ProgressCallback | None = None
) -> Iterator[SourceTree]:
    """Open a folder, a .zip, a single ABBREV.txt, or an http(s) URL (downloaded into
    ``cache_dir`` first)."""
    if source.startswith(("https://", "http://")):
        path = download(source, cache_dir, progress)
        tree: SourceTree = _open_file(path)
        tree.label = source
    else:
        path = Path(source).expanduser()
        try:
            is_dir, is_file = path.is_dir(), path.is_file()
        except (OSError, ValueError):  # a name too long, a NUL byte
            is_dir = is_file = False
        if not source.strip():  # not the current folder
            is_dir = is_file = False
        if is_dir:
            tree = FolderSource(path)
        elif is_file:
            tree = _open_file(path)
        else:
            raise SourceNotFound(source)
    try:
        yield tree
    finally:
        tree.close()


def _open_file(path: Path) -> SourceTree:
    """A zip, or one plain file: ABBREV.txt is a whole release; any other file says what to
    pass instead."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise _unreadable(path.name, exc) from None
    if head.startswith(_ZIP_MAGIC) or path.suffix.lower() == ".zip":
        return ZipSource(path)
    name = path.name.lower()
    if name == "abbrev.txt" or _looks_like_abbrev(head):
        return FileSource(path, role="ABBREV.txt")
    if name in RELEASE_FILE_NAMES:
        raise MalformedRelease(
            path.name,
            "this is one file of a release that needs the files beside it",
            fix=f"install from the folder that holds it, {path.parent}",
        )
    raise MalformedRelease(
        path.name,
        "this is neither a zip file nor SR28's ABBREV.txt, the one USDA file that is a release "
        "by itself",
        fix="pass the folder that holds the release files, the .zip as downloaded, or ABBREV.txt",
    )


@dataclass(frozen=True, slots=True)
class SupportingTable:
    """A table found in a source or beside it, read along with the release."""

    tree: SourceTree  # where to open it: the source itself, or a zip in or beside it
    name: str  # its name in ``tree``
    where: str  # where it was found, for messages and ``sleepmin data status``
    digest: str  # sha256 of the file that holds it: the table itself, or the zip around it
    download: Path | None = None  # the cached companion download it came from, if any


@contextmanager
def find_supporting_table(
    tree: SourceTree,
    basename: str,
    source: str,
    cache_dir: Path,
    notices: list[str],
    progress: ProgressCallback | None = None,
) -> Iterator[SupportingTable | None]:
    """The table ``basename``, looked for in this order: anywhere in the source; inside a
    FoodData Central supporting-data zip (:data:`SUPPORTING_ZIP`, newest first) lying in a
    source folder; in the companion downloads of a URL source (:data:`COMPANION_DOWNLOADS`).
    None when it is nowhere. A companion download that fails adds a line to ``notices``
    instead of raising; a broken file the user gave is an error."""
    opened: list[SourceTree] = []
    try:
        yield _find_supporting_table(tree, basename, source, cache_dir, notices, progress, opened)
    finally:
        for inner in opened:
            inner.close()


def _find_supporting_table(
    tree: SourceTree,
    basename: str,
    source: str,
    cache_dir: Path,
    notices: list[str],
    progress: ProgressCallback | None,
    opened: list[SourceTree],
) -> SupportingTable | None:
    hits = tree.find(basename)
    if hits:
        return SupportingTable(tree, hits[0], _where(tree, hits[0]), tree.sha256(hits[0]))
    if isinstance(tree, FolderSource):
        zips = [n for n in tree.names if SUPPORTING_ZIP.fullmatch(PurePosixPath(n).name)]
        for name in sorted(zips, key=lambda n: (PurePosixPath(n).name, n), reverse=True):
            inner = ZipSource(tree.root / name)
            opened.append(inner)
            hits = inner.find(basename)
            if hits:
                where = f"{tree.root / name}:{hits[0]}"
                return SupportingTable(inner, hits[0], where, tree.sha256(name))
    for url in COMPANION_DOWNLOADS.get(source, ()):
        try:
            path = download(url, cache_dir, progress)
            inner = ZipSource(path, label=url)
        except DownloadFailed as exc:
            notices.append(missing_companion(basename, f"could not download {url} ({exc.reason})"))
            continue
        except (MalformedRelease, OutputError) as exc:
            notices.append(missing_companion(basename, str(exc)))
            continue
        opened.append(inner)
        hits = inner.find(basename)
        if hits:
            return SupportingTable(
                inner, hits[0], f"{url}:{hits[0]}", inner.sha256_of_zip(), download=path
            )
        notices.append(missing_companion(basename, f"{url} holds no {basename}"))
    return None


def missing_companion(basename: str, reason: str) -> str:
    """The notice for an optional table that could not be had."""
    return (
        f"installed without {basename} (the FNDDS ingredient list food search uses to prefer "
        f"everyday foods): {reason}; install the food data again to retry"
    )


def _where(tree: SourceTree, name: str) -> str:
    if isinstance(tree, FolderSource):
        return str(tree.root / name)
    return f"{tree.label}:{name}"


def _looks_like_abbrev(head: bytes) -> bool:
    first = head.split(b"\n", 1)[0]
    return first.startswith(b"~") and first.count(b"^") == 52


def download(url: str, cache_dir: Path, progress: ProgressCallback | None = None) -> Path:
    """Fetch ``url`` into the cache, reusing a complete earlier download."""
    name = PurePosixPath(urllib.parse.urlparse(url).path).name or "download.zip"
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cache_error(cache_dir, exc) from None
    target = cache_dir / name
    if target.exists() and zipfile.is_zipfile(target):
        return target
    partial = target.with_name(target.name + f".part-{os.getpid()}")
    request = urllib.request.Request(url, headers={"User-Agent": "sleepmin"})
    try:
        try:
            out = partial.open("wb")
        except OSError as exc:
            raise cache_error(partial, exc) from None
        with out:
            _fetch(url, request, out, partial, progress)
        try:
            shutil.move(partial, target)
        except OSError as exc:
            raise cache_error(target, exc) from None
    finally:
        partial.unlink(missing_ok=True)
    return target


def _fetch(
    url: str,
    request: urllib.request.Request,
    out: IO[bytes],
    partial: Path,
    progress: ProgressCallback | None,
) -> None:
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            total_header = response.headers.get("Content-Length")
            total = int(total_header) if total_header and total_header.isdigit() else None
            done = 0
            while True:
                try:
                    chunk = response.read(1 << 16)
                except _NETWORK_ERRORS as exc:
                    raise _network(url, exc) from None
                if not chunk:
                    break
                try:
                    out.write(chunk)
                except OSError as exc:
                    raise cache_error(partial, exc) from None
                done += len(chunk)
                if done > MAX_DOWNLOAD_BYTES:
                    raise DownloadFailed(
                        url, f"it is larger than {_size(MAX_DOWNLOAD_BYTES)}, so not a USDA release"
                    )
                if progress:
                    progress("download", done, total)
    except urllib.error.HTTPError as exc:
        raise DownloadFailed(url, f"HTTP {exc.code} {exc.reason}") from None
    except (DownloadFailed, OutputError):
        raise
    except _NETWORK_ERRORS as exc:
        raise _network(url, exc) from None
    if total is not None and done != total:
        raise DownloadFailed(url, f"got {done:,} of {total:,} bytes")


def _network(url: str, exc: BaseException) -> DownloadFailed:
    reason = getattr(exc, "reason", None) or str(exc) or type(exc).__name__
    return DownloadFailed(url, str(reason))


def cache_error(path: Path, exc: OSError) -> OutputError:
    """A local write that failed: a full disk, a read-only folder..."""
    return write_error(path, exc)


def write_error(path: Path, exc: OSError) -> OutputError:
    """The one-line error for a failed local write, naming the problem and the fix."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return OutputError(
            str(path),
            "the disk is full (or a file-size limit was reached)",
            "free some space and try again; nothing was changed",
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(
            str(path),
            "permission denied (the folder is read-only or not yours)",
            "choose a data directory you can write to (SLEEPMIN_DATA_DIR)",
        ).with_cli_hint("--data-dir DIR")
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        return OutputError(
            str(path),
            "a file is in the way where a folder should be",
            "choose another data directory (SLEEPMIN_DATA_DIR)",
        ).with_cli_hint("--data-dir DIR")
    return OutputError(
        str(path), exc.strerror or str(exc), "check the path and the disk, then try again"
    )
