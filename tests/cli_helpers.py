"""Run the real `sleepmin` command in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path


def run_cli(
    *args: str,
    data_dir: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """``sleepmin ARGS``; the data directory is a fresh temporary one unless given, so a test
    never touches the user's own, and $SLEEPMIN_FDC_SOURCE only reaches it through ``env``."""
    full_env = {k: v for k, v in os.environ.items() if k != "SLEEPMIN_FDC_SOURCE"}
    full_env["SLEEPMIN_DATA_DIR"] = str(data_dir or tempfile.mkdtemp(prefix="sleepmin-cli-"))
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "sleepmin.cli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
        check=False,
        input=stdin,
    )


def installed_data_dir(data_dir: Path, source: Path) -> Path:
    """A data directory with the USDA release at ``source`` installed by the CLI."""
    result = run_cli("data", "install", "--source", str(source), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return data_dir
