"""What a use case needs from storage, as protocols: the store behind them (a file today, a
database per person later) can change without any use case or interface changing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol


class PinStore(Protocol):
    """Where a person's pins ("this phrase means that food") are kept between logs."""

    def pins(self) -> dict[str, str]:
        """The saved pins, phrase key → food id ({} when there are none)."""
        ...

    def remember(self, new: Mapping[str, str]) -> None:
        """Add or replace pins; an OutputError (naming the fix) if they cannot be kept."""
        ...


class NoPins:
    """A store that keeps nothing: a library call or a one-off analysis."""

    def pins(self) -> dict[str, str]:
        return {}

    def remember(self, new: Mapping[str, str]) -> None:
        return None
