"""Installing from a URL, against a real HTTP server on loopback."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from sleepmin.errors import DownloadFailed
from sleepmin.foods.database import FoodDatabase, install
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
