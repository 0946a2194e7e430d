"""Names a package offers that load on first use (PEP 562): `import sleepmin` and each command
pay only for the modules they use. One helper for every package that does this."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any


def lazy_names(
    package: str,
    namespace: MutableMapping[str, Any],
    homes: Mapping[str, str],
    names: list[str],
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of a package whose ``names`` live in the modules
    ``homes`` gives; once loaded, a name is an ordinary attribute of the package."""

    def __getattr__(name: str) -> Any:  # noqa: N807 - the module hook's own name
        home = homes.get(name)
        if home is None or name not in names:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:  # noqa: N807
        return sorted(names)

    return __getattr__, __dir__
