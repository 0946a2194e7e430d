"""Installs are atomic and repeatable: a killed import leaves the previous database usable."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sleepmin.errors import DatabaseOutdated, MalformedRelease
from sleepmin.foods.database import SCHEMA_VERSION, FoodDatabase
from sleepmin.foods.install import install
from sleepmin.nutrients import Nutrient
from tests.conftest import FDC_FIXTURES


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_same_release_again_is_a_no_op(data_dir: Path) -> None:
    path = data_dir / "foods.sqlite"
    first = install(str(FDC_FIXTURES / "sr_legacy"), path, data_dir / "dl")
    assert first.installed
    stamp = path.stat().st_mtime_ns
    again = install(str(FDC_FIXTURES / "sr_legacy"), path, data_dir / "dl")
    assert not again.installed
    assert (again.foods, again.fingerprint) == (first.foods, first.fingerprint)
    assert path.stat().st_mtime_ns == stamp
    forced = install(str(FDC_FIXTURES / "sr_legacy"), path, data_dir / "dl", force=True)
    assert forced.installed
    assert path.stat().st_mtime_ns != stamp


def test_a_different_release_replaces_the_old_one(data_dir: Path) -> None:
    path = data_dir / "foods.sqlite"
    install(str(FDC_FIXTURES / "sr_legacy"), path, data_dir / "dl")
    result = install(str(FDC_FIXTURES / "foundation"), path, data_dir / "dl")
    assert result.installed
    with FoodDatabase(path) as db:
        assert [r.key for r, _ in db.status().releases] == ["fdc-foundation_food"]


@pytest.mark.slow
def test_killed_import_leaves_previous_database_intact(data_dir: Path, shared_fdc: Path) -> None:
    path = data_dir / "foods.sqlite"
    install(str(FDC_FIXTURES / "sr_legacy"), path, data_dir / "dl")
    before = _digest(path)
    env = {**os.environ, "SLEEPMIN_DATA_DIR": str(data_dir)}
    command = [
        sys.executable,
        "-m",
        "sleepmin.cli",
        "data",
        "install",
        "--force",
        "--source",
        str(shared_fdc),
    ]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    # Kill it while the new database is being written.
    while not list(data_dir.glob("foods.sqlite.building-*")):
        assert process.poll() is None, "the import finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.001)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert _digest(path) == before
    with FoodDatabase(path) as db:
        assert db.status().foods == 5
        assert db.search("spinach", 1)
    # The next install cleans up what the killed one left behind and completes.
    result = install(str(shared_fdc), path, data_dir / "dl")
    assert result.installed and result.foods == 8790
    assert not list(data_dir.glob("foods.sqlite.building-*"))


def test_a_failed_import_keeps_the_previous_database(data_dir: Path, tmp_path: Path) -> None:
    path = data_dir / "foods.sqlite"
    install(str(FDC_FIXTURES / "sr_legacy"), path, data_dir / "dl")
    before = _digest(path)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "ABBREV.txt").write_text("~01001~^only two fields\r\n", encoding="latin-1")
    with pytest.raises(MalformedRelease, match=r"ABBREV\.txt, line 1: expected 53"):
        install(str(broken), path, data_dir / "dl")
    assert _digest(path) == before


def test_a_database_from_before_retinol_asks_for_a_reinstall(data_dir: Path) -> None:
    """Schema 1 had no retinol column: opening it says what to run; installing rebuilds it."""
    path = data_dir / "foods.sqlite"
    install(str(FDC_FIXTURES / "sr_legacy"), path, data_dir / "dl")
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE foods DROP COLUMN retinol_ug")
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.close()
    with pytest.raises(
        DatabaseOutdated, match=r"schema version 1.*install the food data again"
    ) as e:
        FoodDatabase(path)
    assert e.value.cli_hint == "sleepmin data install --force"  # the CLI adds how
    again = install(str(FDC_FIXTURES / "sr_legacy"), path, data_dir / "dl")  # no --force needed
    assert again.installed
    with FoodDatabase(path) as db:
        assert db.status().schema_version == SCHEMA_VERSION
        assert db.get("11457").food.nutrients[Nutrient.RETINOL_UG] == 0.0


# -- a full disk, a read-only folder --------------------------------------------------------

_LIMITED_CLI = """
import resource, signal, sys
from sleepmin.cli import main
limit = int(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.argv = ["sleepmin", *sys.argv[2:]]
main()
"""


def _cli(
    data_dir: Path, *args: str, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SLEEPMIN_DATA_DIR": str(data_dir)}
    env.pop("SLEEPMIN_FDC_SOURCE", None)
    return subprocess.run(
        [*prefix, sys.executable, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs POSIX file-size limits")
def test_a_full_disk_during_install_keeps_the_old_database(
    data_dir: Path, shared_fdc: Path
) -> None:
    """The disk fills while the new database is written (a file-size limit of 256 kB stands in
    for the full disk): one line, exit status 1, and the old database still open and correct."""
    path = data_dir / "foods.sqlite"
    install(str(FDC_FIXTURES / "sr_legacy"), path, data_dir / "dl")
    before = _digest(path)
    with FoodDatabase(path) as db:  # a reader that has the old database open throughout
        result = _cli(
            data_dir,
            "-c",
            _LIMITED_CLI,
            str(256 << 10),
            "data",
            "install",
            "--force",
            "--source",
            str(shared_fdc),
        )
        assert result.returncode == 1, result.stderr
        assert result.stderr == (
            f"Error: cannot write {path}: writing failed (a disk error, a full disk or a "
            "file-size limit); check that the disk has free space and works, then try again; "
            "the previous database is unchanged\n"
        )
        assert db.get("11457").food.description == "Spinach, raw"
        assert db.status().foods == 5
    assert _digest(path) == before
    assert not list(data_dir.glob("foods.sqlite.building-*"))
    with FoodDatabase(path) as db:
        assert [hit.food.description for _, hit in db.search("banana", 1)] == ["Bananas, raw"]


def _read_only_prefix() -> tuple[str, ...]:
    """How to run a process that file permissions apply to: as root, without the capabilities
    that override them."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    return (setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", "--")


def test_a_read_only_data_directory(data_dir: Path) -> None:
    prefix = _read_only_prefix()
    path = data_dir / "foods.sqlite"
    install(str(FDC_FIXTURES / "sr_legacy"), path, data_dir / "dl")
    before = _digest(path)
    data_dir.chmod(0o555)
    try:
        args = ("-m", "sleepmin.cli", "data", "install", "--force", "--source")
        result = _cli(data_dir, *args, str(FDC_FIXTURES / "foundation"), prefix=prefix)
        assert result.returncode == 1, result.stderr
        assert result.stderr == (
            f"Error: cannot write {path}: permission denied (the folder is read-only or not "
            "yours); choose a data directory you can write to (SLEEPMIN_DATA_DIR) "
            "(--data-dir DIR)\n"
        )
        fresh = _cli(data_dir / "sub", *args, str(FDC_FIXTURES / "foundation"), prefix=prefix)
        assert fresh.returncode == 1
        assert fresh.stderr.startswith(f"Error: cannot write {data_dir / 'sub'}: permission")
        # Reading works as before.
        show = _cli(data_dir, "-m", "sleepmin.cli", "foods", "show", "11457", prefix=prefix)
        assert show.returncode == 0, show.stderr
        assert "Spinach, raw" in show.stdout
    finally:
        data_dir.chmod(0o755)
    assert _digest(path) == before
