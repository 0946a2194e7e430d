"""What the web service is configured with: where its data lives and its limits. Read from the
environment, so that every uvicorn worker process builds the same service."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sleepmin.paths import data_dir, foods_db_path

MAX_BODY_BYTES = 2_000_000  # a food log of months or a lab export fits; more is refused (413)
LIMIT_ENV = "SLEEPMIN_SIGN_UP_LIMIT"  # sign-ups per address per 15 minutes (a clinic's shared
# address may need more than the default)


@dataclass(frozen=True, slots=True)
class WebConfig:
    """``data_dir`` holds the food database (and the SQLite store, unless $DATABASE_URL names
    PostgreSQL)."""

    data_dir: Path
    max_body_bytes: int = MAX_BODY_BYTES
    sign_up_limit: int = 10  # per address per 15 minutes
    demo: bool = False  # `serve --demo`: the landing page opens the sample person

    @property
    def foods_path(self) -> Path:
        return foods_db_path(self.data_dir)

    @classmethod
    def from_env(cls) -> WebConfig:
        """$SLEEPMIN_DATA_DIR, else the platform's data directory; $SLEEPMIN_SIGN_UP_LIMIT."""
        limit = os.environ.get(LIMIT_ENV, "")
        return cls(
            data_dir=data_dir(),
            sign_up_limit=int(limit) if limit.isdigit() else 10,
            demo=os.environ.get("SLEEPMIN_DEMO") == "1",
        )
