"""Shared fixtures. The real USDA releases are read in place from ../shared/data/fdc
(or $SLEEPMIN_FDC_SOURCE); databases are built in temporary directories, once per run."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from sleepmin.foods.database import FoodDatabase
from sleepmin.foods.install import install
from tests.fdc_fixtures import TABLES, build_release
from tests.postgres_fixtures import postgres_server, store_url_postgresql  # noqa: F401

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def _find_shared_fdc() -> Path:
    chosen = os.environ.get("SLEEPMIN_FDC_SOURCE")
    return Path(chosen) if chosen else REPO.parent / "shared" / "data" / "fdc"


def _shared_fdc() -> Path:
    path = _find_shared_fdc()
    if not (path / "sr28_abbr_2016-05" / "ABBREV.txt").exists():
        pytest.fail(
            f"the USDA releases are not at {path}; put shared/ beside the repo "
            "or set SLEEPMIN_FDC_SOURCE"
        )
    return path


def _build_fdc_fixtures() -> Path:
    """The three mini FDC CSV releases (tests/fdc_fixtures.py), built once per test run."""
    root = Path(tempfile.mkdtemp(prefix="sleepmin-fdc-fixtures-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    for release in TABLES:
        build_release(release, root, _find_shared_fdc())
    return root


FDC_FIXTURES = _build_fdc_fixtures()


@pytest.fixture(scope="session")
def shared_fdc() -> Path:
    return _shared_fdc()


@pytest.fixture(scope="session")
def shared_nhanes() -> Path:
    """The CDC NHANES 2017-2018 files, read in place (../shared, or $SLEEPMIN_NHANES_SOURCE)."""
    chosen = os.environ.get("SLEEPMIN_NHANES_SOURCE")
    path = Path(chosen) if chosen else REPO.parent / "shared" / "data" / "nhanes" / "2017-2018"
    if not (path / "DEMO_J.XPT").exists():
        pytest.fail(f"the NHANES files are not at {path}; put shared/ beside the repo")
    return path


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
