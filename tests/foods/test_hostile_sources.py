"""Sources a careless or hostile user might pass: a zip bomb, a zip that lies about its sizes, a
single file instead of a folder, a folder holding everything, a line that never ends. Each is one
clear line naming the problem and the fix, in bounded memory; nothing is installed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from sleepmin.errors import MalformedRelease, SourceNotFound
from sleepmin.foods import sources
from sleepmin.foods.database import FoodDatabase
from sleepmin.foods.install import install
from tests.fdc_fixtures import write_bomb

REPO = Path(__file__).resolve().parents[2]
HEADROOM = 160 << 20  # the memory an install may use beyond the interpreter and its imports

# Run the CLI in a child whose address space is capped at what it uses after importing
# everything, plus HEADROOM: reading a 1.5 GB member whole would die of MemoryError.
_CAPPED_CLI = """
import resource, sys
import sleepmin.cli, sleepmin.foods.database, sleepmin.foods.sources as sources
from sleepmin.cli import main
settings = dict(arg.split("=", 1) for arg in sys.argv[1:] if "=" in arg)
if "max_ratio" in settings:  # to prove the member is streamed, let the ratio check pass it
    sources.MAX_RATIO = int(settings["max_ratio"])
with open("/proc/self/status") as status:
    size = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
limit = size + int(settings["headroom"])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
sys.argv = ["sleepmin", *[arg for arg in sys.argv[1:] if "=" not in arg]]
main()
"""


def _capped_install(
    data_dir: Path, source: Path, **settings: int
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SLEEPMIN_DATA_DIR": str(data_dir)}
    env.pop("SLEEPMIN_FDC_SOURCE", None)
    extra = [f"{k}={v}" for k, v in {"headroom": HEADROOM, **settings}.items()]
    return subprocess.run(
        [sys.executable, "-c", _CAPPED_CLI, *extra, "data", "install", "--source", str(source)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
        cwd=REPO,
    )


def _one_line_error(result: subprocess.CompletedProcess[str], pattern: str) -> None:
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert re.match(pattern, result.stderr), result.stderr


needs_linux = pytest.mark.skipif(
    not Path("/proc/self/status").exists(), reason="memory limits are read from /proc"
)


# -- zip bombs ------------------------------------------------------------------------------


@needs_linux
def test_zip_bomb_under_a_memory_limit(tmp_path: Path, data_dir: Path) -> None:
    """The issue's case: 1.5 MB on disk holding 1.5 GB gave a MemoryError."""
    bomb = write_bomb(tmp_path / "sr28abbr.zip", size=1500 << 20)
    assert bomb.stat().st_size < 2_000_000
    start = time.monotonic()
    result = _capped_install(data_dir, bomb)
    _one_line_error(
        result,
        r"Error: sr28abbr\.zip:ABBREV\.txt: would inflate 1,0\d\d times \(1\.\d MB to 1\.6 GB\); "
        r"USDA files compress at most about 25 times; this is not a USDA release \(a 'zip "
        r"bomb'\?\): download the release from USDA\n",
    )
    assert time.monotonic() - start < 30
    assert not (data_dir / "foods.sqlite").exists()


@needs_linux
def test_a_huge_member_is_streamed_not_read_whole(tmp_path: Path, data_dir: Path) -> None:
    """With the ratio check out of the way, 300 MB of one endless line is still read in bounded
    memory: the line is refused, not held."""
    bomb = write_bomb(tmp_path / "endless.zip", size=300 << 20)
    result = _capped_install(data_dir, bomb, max_ratio=10**9, headroom=96 << 20)
    _one_line_error(
        result,
        r"Error: ABBREV\.txt, line 1: the line is longer than 1,048,576 bytes, so this is not a "
        r"USDA text file; use the file as USDA publishes it\n",
    )


def test_a_member_larger_than_any_usda_file(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_MEMBER_BYTES", 2 << 20)
    bomb = write_bomb(tmp_path / "big.zip", size=3 << 20)
    with pytest.raises(
        MalformedRelease,
        match=r"big\.zip:ABBREV\.txt: would inflate to 3\.1 MB, more than the 2\.1 MB any USDA "
        r"file holds",
    ):
        install(str(bomb), data_dir / "foods.sqlite", data_dir / "dl")


def test_a_zip_that_lies_about_its_size(tmp_path: Path, data_dir: Path) -> None:
    """The headers claim 1 kB, the data inflates to 3 MB: only the claimed bytes are read, and
    their checksum gives the lie away."""
    liar = write_bomb(tmp_path / "liar.zip", size=3 << 20, declared=1000)
    with pytest.raises(
        MalformedRelease,
        match=r"liar\.zip:ABBREV\.txt: the zip member is damaged or cannot be read \(Bad CRC-32",
    ):
        install(str(liar), data_dir / "foods.sqlite", data_dir / "dl")


def test_total_inflated_size_is_capped(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_TOTAL_BYTES", 2 << 20)
    monkeypatch.setattr(sources, "MAX_RATIO", 10**6)
    bomb = write_bomb(tmp_path / "many.zip", size=3 << 20)
    with pytest.raises(MalformedRelease, match=r"many\.zip: would inflate to 3\.1 MB, more than"):
        install(str(bomb), data_dir / "foods.sqlite", data_dir / "dl")


@pytest.mark.parametrize(
    "compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]
)
def test_a_damaged_member(
    tmp_path: Path, data_dir: Path, shared_fdc: Path, compression: int
) -> None:
    """Found by tests/fuzz/test_install.py: a corrupt LZMA member raised LZMAError."""
    text = (shared_fdc / "sr28_abbr_2016-05" / "ABBREV.txt").read_bytes()[:20_000]
    archive = tmp_path / "release.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("ABBREV.txt", text, compress_type=compression)
    data = bytearray(archive.read_bytes())
    for offset in range(200, 260):  # inside the member's data, past its header
        data[offset] ^= 0x55
    archive.write_bytes(bytes(data))
    with pytest.raises(
        MalformedRelease, match=r"^release\.zip:ABBREV\.txt: the zip member is damaged"
    ):
        install(str(archive), data_dir / "foods.sqlite", data_dir / "dl", partial=True)


# -- a single file, or the wrong thing -------------------------------------------------------


@pytest.mark.slow
def test_abbrev_given_directly(shared_fdc: Path, data_dir: Path) -> None:
    """`--source ABBREV.txt` said "not a complete zip… download cut short"."""
    path = data_dir / "foods.sqlite"
    result = install(str(shared_fdc / "sr28_abbr_2016-05" / "ABBREV.txt"), path, data_dir / "d")
    assert result.foods == 8790
    assert [(r.key, r.version) for r in result.releases] == [("sr28-abbrev", "2016-05")]
    with FoodDatabase(path) as db:
        assert db.get("11457").food.short_description == "SPINACH,RAW"


def test_abbrev_under_another_name_is_recognised(
    shared_fdc: Path, data_dir: Path, tmp_path: Path
) -> None:
    lines = (shared_fdc / "sr28_abbr_2016-05" / "ABBREV.txt").read_bytes().split(b"\r\n")[:3]
    renamed = tmp_path / "sr28abbr_copy.txt"
    renamed.write_bytes(b"\r\n".join(lines) + b"\r\n")
    result = install(str(renamed), data_dir / "foods.sqlite", data_dir / "d", partial=True)
    assert result.foods == 3
    lines[0] = lines[0].replace(b"^717^", b"^x^")
    renamed.write_bytes(b"\r\n".join(lines) + b"\r\n")
    with pytest.raises(MalformedRelease, match=r"^sr28abbr_copy\.txt, line 1, column Energ_Kcal"):
        install(str(renamed), data_dir / "foods.sqlite", data_dir / "d", partial=True)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "FOOD_DES.txt",
            b"~01001~^~0100~^~Butter~^~~^~~^~~^~~^~~^^~~^^^^\r\n",
            "FOOD_DES.txt: this is one file of a release that needs the files beside it; "
            "install from the folder that holds it, {folder}",
        ),
        (
            "food.csv",
            b'"fdc_id"\n',
            "food.csv: this is one file of a release that needs the files beside it",
        ),
        (
            "notes.md",
            b"# my notes\n",
            "notes.md: this is neither a zip file nor SR28's ABBREV.txt, the one USDA file that "
            "is a release by itself; pass the folder that holds the release files, the .zip as "
            "downloaded, or ABBREV.txt",
        ),
        (
            "release.zip",
            b"this is not a zip",
            "release.zip: not a complete zip file (File is not a zip file); the download was "
            "probably cut short: fetch it again",
        ),
        (
            "download",
            b"PK\x03\x04 cut short",
            "download: not a complete zip file",
        ),
    ],
)
def test_a_single_file_that_is_not_a_release(
    tmp_path: Path, data_dir: Path, name: str, content: bytes, message: str
) -> None:
    folder = tmp_path / "given"
    folder.mkdir()
    (folder / name).write_bytes(content)
    with pytest.raises(MalformedRelease) as caught:
        install(str(folder / name), data_dir / "foods.sqlite", data_dir / "d")
    assert str(caught.value).startswith(message.format(folder=folder))


def test_source_paths_that_cannot_exist(data_dir: Path) -> None:
    for weird in ("x" * 5000, "nul\x00byte", ""):
        with pytest.raises(SourceNotFound):
            install(weird, data_dir / "foods.sqlite", data_dir / "d")


def test_a_folder_holding_everything(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_FOLDER_FILES", 20)
    for i in range(30):
        (tmp_path / f"file{i}.txt").write_text("x")
    with pytest.raises(
        MalformedRelease,
        match=r"holds more than 20 files, so it is not a release folder; install from the "
        r"folder that holds the USDA files themselves",
    ):
        install(str(tmp_path), data_dir / "foods.sqlite", data_dir / "d")


def test_a_line_that_never_ends(tmp_path: Path, data_dir: Path) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "ABBREV.txt").write_bytes(b"~01001~^" + b"9" * (3 << 20) + b"\r\n")
    with pytest.raises(MalformedRelease, match=r"ABBREV\.txt, line 1: the line is longer than"):
        install(str(folder), data_dir / "foods.sqlite", data_dir / "d", partial=True)
