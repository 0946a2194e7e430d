"""Writing files so that nothing is lost: a new file appears whole or not at all.

``write_atomic`` writes to a temporary file in the same folder, flushes it to disk, then
renames it over the target — so a crash, a kill or a full disk leaves the old file (or no file)
intact, never a truncated one. Every failure is an ``OutputError`` that names the path, the
problem and the fix.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from sleepmin.errors import InvalidInput, OutputError


def write_atomic(path: Path, text: str, *, protect: tuple[Path, ...] = ()) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically; refuse to write over any of ``protect``
    (the command's inputs)."""
    target = Path(path)
    for kept in protect:
        if _same_file(target, Path(kept)):
            raise OutputError(
                str(target), "it is one of this command's input files", "choose another output path"
            )
    folder = target.parent if str(target.parent) else Path()
    if target.is_dir():
        raise OutputError(str(target), "it is a folder", "give a file name, e.g. report.html")
    if target.exists() and not target.is_file():
        raise OutputError(
            str(target),
            "it is not a regular file (a device or a pipe)",
            "give a file name, e.g. report.html",
        )
    if not folder.is_dir():
        raise OutputError(
            str(target), f"the folder {folder} does not exist", "create it or choose another path"
        )
    data = text.encode("utf-8")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    except OSError as exc:
        raise _explain(target, exc) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        # mkstemp makes the file private (0600): keep the old file's mode, or the usual one.
        Path(temporary).chmod(_mode(target))
        os.replace(temporary, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise _explain(target, exc) from None


def check_input_file(path: Path, what: str) -> None:
    """Refuse an input that is not a regular file: reading a pipe or a device would wait
    forever or never end (a missing file is left to the caller's own message)."""
    try:
        mode = Path(path).stat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InvalidInput(
            what, f"{path} cannot be used ({exc.strerror})", "check the path"
        ) from None
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):  # callers name a folder themselves
        raise InvalidInput(
            what, f"{path} is not a regular file (a pipe or a device)", "give the file itself"
        )


def _mode(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def _explain(target: Path, exc: OSError) -> OutputError:
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return OutputError(str(target), "the disk is full", "free some space and try again")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(
            str(target), "permission denied (read-only?)", "choose a folder you can write to"
        )
    return OutputError(str(target), exc.strerror or str(exc), "check the path and try again")
