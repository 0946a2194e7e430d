"""Shared fixtures. The real USDA releases are read in place from ../shared/data/fdc
(or $SLEEPMIN_FDC_SOURCE); databases are built in temporary directories, once per run."""

from __future__ import annotations

import os
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from sleepmin.foods.database import FoodDatabase, install

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
FDC_FIXTURES = DATA / "fdc_csv"


def _shared_fdc() -> Path:
    chosen = os.environ.get("SLEEPMIN_FDC_SOURCE")
    path = Path(chosen) if chosen else REPO.parent / "shared" / "data" / "fdc"
    if not (path / "sr28_abbr_2016-05" / "ABBREV.txt").exists():
        pytest.fail(
            f"the USDA releases are not at {path}; put shared/ beside the repo "
            "or set SLEEPMIN_FDC_SOURCE"
        )
    return path


@pytest.fixture(scope="session")
def shared_fdc() -> Path:
    return _shared_fdc()


@pytest.fixture(scope="session")
def real_db_path(tmp_path_factory: pytest.TempPathFactory, shared_fdc: Path) -> Path:
    """The real SR28 releases, imported once for the whole run."""
    path = tmp_path_factory.mktemp("real") / "foods.sqlite"
    install(str(shared_fdc), path, path.parent / "downloads")
    return path


@pytest.fixture(scope="session")
def real_db(real_db_path: Path) -> Iterator[FoodDatabase]:
    with FoodDatabase(real_db_path) as db:
        yield db


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty sleepmin data directory."""
    path = tmp_path / "data"
    path.mkdir()
    return path


def copy_fixture(name: str, dest: Path) -> Path:
    """A writable copy of one FDC CSV mini release, to break on purpose."""
    target = dest / name
    shutil.copytree(FDC_FIXTURES / name, target)
    return target


def zip_folder(folder: Path, zip_path: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.write(file, prefix + file.relative_to(folder).as_posix())
    return zip_path
