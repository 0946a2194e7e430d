"""Where a release comes from: a folder, a zip, or a URL downloaded to a zip.

A :class:`SourceTree` hides the difference: it lists file names (posix, relative) and opens them.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, Any

from sleepmin.errors import DownloadFailed, MalformedRelease, SourceNotFound

ProgressCallback = Callable[[str, int, int | None], None]
"""``progress(stage, done, total)``: the library reports, only the CLI draws."""

OFFICIAL_SOURCE_URL = (
    "https://fdc.nal.usda.gov/fdc-datasets/FoodData_Central_sr_legacy_food_csv_2018-04.zip"
)
"""The default download: USDA's SR Legacy release in FoodData Central CSV format (April 2018)."""


class SourceTree:
    """Files of one source, addressed by relative posix path."""

    def __init__(self, label: str, names: list[str]) -> None:
        self.label = label
        self.names = sorted(names)

    def open(self, name: str) -> IO[bytes]:
        raise NotImplementedError

    def size(self, name: str) -> int:
        raise NotImplementedError

    def find(self, basename: str) -> list[str]:
        """Every file whose name (case-insensitive) is ``basename``, shallowest first."""
        wanted = basename.lower()
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
        names = [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()]
        super().__init__(str(root), names)

    def open(self, name: str) -> IO[bytes]:
        return (self.root / name).open("rb")

    def size(self, name: str) -> int:
        return (self.root / name).stat().st_size


class ZipSource(SourceTree):
    def __init__(self, path: Path, label: str | None = None) -> None:
        try:
            self.zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise MalformedRelease(
                path.name,
                f"not a complete zip file ({exc})",
                fix="the download was probably cut short: fetch it again",
            ) from exc
        names = [i.filename for i in self.zip.infolist() if not i.is_dir()]
        super().__init__(label or str(path), names)
        self.path = path

    def open(self, name: str) -> IO[bytes]:
        member = _CheckedZipMember(self.zip.open(name), self.path.name, name)
        return io.BufferedReader(member, buffer_size=1 << 16)

    def size(self, name: str) -> int:
        return self.zip.getinfo(name).file_size

    def close(self) -> None:
        self.zip.close()


class _CheckedZipMember(io.RawIOBase):
    """Turns zip read errors (bad CRC, truncated data) into a clear MalformedRelease."""

    def __init__(self, stream: IO[bytes], zip_name: str, member: str) -> None:
        super().__init__()
        self._stream, self._where = stream, f"{zip_name}:{member}"

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self._stream.read(len(buffer))
        except (zipfile.BadZipFile, EOFError, OSError) as exc:
            raise MalformedRelease(
                self._where,
                f"the zip member is damaged ({exc})",
                fix="the download was probably cut short or corrupted: fetch it again",
            ) from exc
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._stream.close()
        super().close()


@contextmanager
def open_source(
    source: str, cache_dir: Path, progress: ProgressCallback | None = None
) -> Iterator[SourceTree]:
    """Open a folder, a .zip, or an http(s) URL (downloaded into ``cache_dir`` first)."""
    if source.startswith(("https://", "http://")):
        path = download(source, cache_dir, progress)
        tree: SourceTree = ZipSource(path, label=source)
    else:
        path = Path(source).expanduser()
        if path.is_dir():
            tree = FolderSource(path)
        elif path.is_file():
            tree = ZipSource(path)
        else:
            raise SourceNotFound(source)
    try:
        yield tree
    finally:
        tree.close()


def download(url: str, cache_dir: Path, progress: ProgressCallback | None = None) -> Path:
    """Fetch ``url`` into the cache, reusing a complete earlier download."""
    name = PurePosixPath(urllib.parse.urlparse(url).path).name or "download.zip"
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / name
    if target.exists() and zipfile.is_zipfile(target):
        return target
    partial = target.with_name(target.name + f".part-{os.getpid()}")
    request = urllib.request.Request(url, headers={"User-Agent": "sleepmin"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response, partial.open("wb") as out:
            total_header = response.headers.get("Content-Length")
            total = int(total_header) if total_header and total_header.isdigit() else None
            done = 0
            while chunk := response.read(1 << 16):
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress("download", done, total)
        if total is not None and done != total:
            raise DownloadFailed(url, f"got {done:,} of {total:,} bytes")
        shutil.move(partial, target)
    except urllib.error.HTTPError as exc:
        raise DownloadFailed(url, f"HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", None) or str(exc)
        raise DownloadFailed(url, str(reason)) from exc
    finally:
        partial.unlink(missing_ok=True)
    return target
