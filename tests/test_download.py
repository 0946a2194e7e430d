"""Installing from a URL, against a real HTTP server on loopback."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from sleepmin.errors import DownloadFailed, MalformedRelease, OutputError
from sleepmin.foods import sources
from sleepmin.foods.database import FoodDatabase
from sleepmin.foods.install import install
from tests.conftest import FDC_FIXTURES, zip_folder


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    served = tmp_path / "served"
    served.mkdir()
    zip_folder(
        FDC_FIXTURES / "sr_legacy", served / "FoodData_Central_sr_legacy_food_csv_2018-04.zip"
    )
    (served / "page.zip").write_text("<html><body>Not found, but status 200</body></html>")
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(_QuietHandler, directory=str(served))
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_install_from_url(server: str, data_dir: Path) -> None:
    url = f"{server}/FoodData_Central_sr_legacy_food_csv_2018-04.zip"
    seen: list[str] = []
    result = install(
        url,
        data_dir / "foods.sqlite",
        data_dir / "downloads",
        progress=lambda stage, done, total: seen.append(stage),
    )
    assert result.installed and result.foods == 5
    assert "download" in seen
    assert (data_dir / "downloads" / "FoodData_Central_sr_legacy_food_csv_2018-04.zip").exists()
    with FoodDatabase(data_dir / "foods.sqlite") as db:
        assert db.status().source == url


def test_missing_url_is_a_clear_error(server: str, data_dir: Path) -> None:
    with pytest.raises(
        DownloadFailed,
        match=r"could not download .*/nothing.zip: HTTP 404 File not found; "
        r"check the network, or download the file yourself",
    ):
        install(f"{server}/nothing.zip", data_dir / "foods.sqlite", data_dir / "downloads")
    assert not list((data_dir / "downloads").glob("*"))


def test_a_download_larger_than_any_release_is_stopped(
    server: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_DOWNLOAD_BYTES", 1000)
    with pytest.raises(
        DownloadFailed,
        match=r"could not download .*\.zip: it is larger than 1\.0 kB, so not a USDA release",
    ):
        install(
            f"{server}/FoodData_Central_sr_legacy_food_csv_2018-04.zip",
            data_dir / "foods.sqlite",
            data_dir / "downloads",
        )
    assert not list((data_dir / "downloads").glob("*"))


def test_a_cache_folder_that_cannot_be_made(server: str, data_dir: Path) -> None:
    (data_dir / "downloads").write_text("a file where the cache folder goes")
    with pytest.raises(
        OutputError,
        match=r"cannot write .*downloads: a file is in the way where a folder should be; choose "
        r"another data directory",
    ):
        install(
            f"{server}/FoodData_Central_sr_legacy_food_csv_2018-04.zip",
            data_dir / "foods.sqlite",
            data_dir / "downloads",
        )


def test_a_page_instead_of_a_zip(server: str, data_dir: Path) -> None:
    """A server that answers with an HTML page: the file is not a zip, said in one line."""
    with pytest.raises(MalformedRelease, match=r"^page\.zip: not a complete zip file"):
        install(f"{server}/page.zip", data_dir / "foods.sqlite", data_dir / "downloads")
