"""What the web service is configured with: where its data lives and its limits. Read from the
environment, so that every uvicorn worker process builds the same service."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sleepmin.paths import data_dir, foods_db_path

MAX_BODY_BYTES = 2_000_000  # a food log of months or a lab export fits; more is refused (413)


@dataclass(frozen=True, slots=True)
class WebConfig:
    """``data_dir`` holds the food database (and the SQLite store, unless $DATABASE_URL names
    PostgreSQL)."""

    data_dir: Path
    max_body_bytes: int = MAX_BODY_BYTES

    @property
    def foods_path(self) -> Path:
        return foods_db_path(self.data_dir)

    @classmethod
    def from_env(cls) -> WebConfig:
        """$SLEEPMIN_DATA_DIR, else the platform's data directory."""
        return cls(data_dir=data_dir())
