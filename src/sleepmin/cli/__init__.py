"""The command line: parse, call one library function, print a table or --json.

Every error a user can cause is a SleepminError, printed as one line (no traceback unless
--debug) with a non-zero exit status.
"""

from sleepmin.cli._shared import cli  # its commands load on first use (COMMAND_MODULES)

__all__ = ["cli", "main"]


def main() -> None:
    cli(prog_name="sleepmin")
