"""The layers point one way (docs/architecture.md): interfaces call the use cases, the use cases
call the domain and the store, the domain calls only the base modules. Checked on the source's
import statements, so a shortcut fails here before it spreads."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "sleepmin"

# Modules everything may import: no domain logic, no I/O of a person's data.
BASE = {
    "sleepmin.errors",
    "sleepmin.nutrients",
    "sleepmin.numbers",
    "sleepmin.paths",
    "sleepmin.version",
    "sleepmin.vocabulary",
    "sleepmin.references",
    "sleepmin.fileio",
    "sleepmin.lazy",
}
# The types an interface builds its inputs from and reads its results with (the "models"),
# besides the use cases' own: a profile, a mineral, the answers model and the questionnaire's
# wording, and the one number formatter the terminal and the HTML report share.
MODELS = {
    "sleepmin.intake.targets",  # Profile, Sex, Diet
    "sleepmin.screen.answers",  # Answers, the questionnaire's model
    "sleepmin.screen.crisis",  # the crisis wording, shown first
    "sleepmin.screen.instruments",  # ISI and RLS item wording for the questionnaire
    "sleepmin.screen.questions",  # the other questions' plain wording
    "sleepmin.report.format",  # one formatter for numbers and labels
}
DOMAIN = (
    "diary",
    "foods",
    "intake",
    "knowledge",
    "labs",
    "plan",
    "population",
    "safety",
    "screen",
    "report",
)


def _modules(package: str) -> list[Path]:
    return sorted((SRC / package).rglob("*.py"))


def _imports(path: Path) -> set[str]:
    """The sleepmin modules ``path`` imports (``from sleepmin.x import y`` gives sleepmin.x,
    and sleepmin.x.y when y is a module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("sleepmin")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sleepmin"):
            module = str(node.module)
            submodules = {f"{module}.{a.name}" for a in node.names}
            submodules = {m for m in submodules if _is_module(m)}
            # `from sleepmin import numbers` imports the module, not the package's own names
            found |= submodules if submodules and module == "sleepmin" else {module, *submodules}
    return found


def _is_module(name: str) -> bool:
    where = SRC.parent / name.replace(".", "/")
    return where.with_suffix(".py").exists() or where.is_dir()


def _name(path: Path) -> str:
    return ".".join(path.relative_to(SRC.parent).with_suffix("").parts).removesuffix(".__init__")


def _within(module: str, allowed: set[str] | tuple[str, ...]) -> bool:
    return any(module == a or module.startswith(a + ".") for a in allowed)


@pytest.mark.parametrize("path", _modules("cli"), ids=_name)
def test_the_cli_reaches_the_core_only_through_the_use_cases(path: Path) -> None:
    allowed = {"sleepmin", "sleepmin.cli", "sleepmin.usecases", "sleepmin.store"} | BASE | MODELS
    stray = {m for m in _imports(path) if not (m == "sleepmin" or _within(m, allowed))}
    assert not stray, f"{_name(path)} imports domain internals: {sorted(stray)}"


@pytest.mark.parametrize("path", _modules("web"), ids=_name)
def test_the_web_service_reaches_the_core_only_through_the_use_cases(path: Path) -> None:
    """The REST API is an interface like the CLI: its routes call use cases and return their
    typed results; no domain logic of its own."""
    allowed = {"sleepmin.web", "sleepmin.usecases", "sleepmin.results"} | BASE | MODELS
    stray = {m for m in _imports(path) if m == "sleepmin" or not _within(m, allowed)}
    assert not stray, f"{_name(path)} imports domain internals: {sorted(stray)}"


@pytest.mark.parametrize("package", DOMAIN)
def test_the_domain_never_imports_an_interface_the_use_cases_or_the_store(package: str) -> None:
    for path in _modules(package):
        upward = {
            m
            for m in _imports(path)
            if _within(m, ("sleepmin.cli", "sleepmin.web", "sleepmin.usecases", "sleepmin.store"))
            or m == "sleepmin"
        }
        assert not upward, f"{_name(path)} imports {sorted(upward)}"


def test_base_modules_import_nothing_above_them() -> None:
    for name in BASE:
        path = SRC.parent / (name.replace(".", "/") + ".py")
        above = {m for m in _imports(path) if not _within(m, BASE)}
        assert not above, f"{name} imports {sorted(above)}"


def test_the_use_cases_never_import_an_interface() -> None:
    for path in _modules("usecases"):
        interfaces = ("sleepmin.cli", "sleepmin.web")
        assert not {m for m in _imports(path) if _within(m, interfaces)}, _name(path)
    # nor, through anything they import, a terminal library: run in a fresh interpreter
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, sleepmin.usecases as u; [getattr(u, n) for n in u.__all__]; "
            "print(' '.join(sorted(m for m in ('click', 'rich', 'fastapi', 'uvicorn') "
            "if m in sys.modules)))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert loaded == "", f"the use cases load {loaded}"


def test_the_import_check_sees_imports() -> None:
    """The checks above would pass vacuously if the parser found nothing."""
    assert "sleepmin.usecases" in _imports(SRC / "cli" / "diet.py")
    assert "sleepmin.intake.diet" in _imports(SRC / "usecases" / "diet.py")
    assert "sleepmin.usecases" in _imports(SRC / "web" / "api.py")


def test_every_command_loads_from_the_module_that_defines_it() -> None:
    """The CLI imports a command's module only when the command is used: the map must name
    every command and its true module, or a command would vanish or load the wrong code."""
    import importlib

    from sleepmin.cli._shared import COMMAND_MODULES, cli

    for module in sorted({*COMMAND_MODULES.values()}):
        importlib.import_module(module)
    assert set(cli.commands) == set(COMMAND_MODULES)
    for name, command in cli.commands.items():
        assert command.callback is not None
        assert command.callback.__module__ == COMMAND_MODULES[name], name


def test_a_command_loads_only_what_it_uses() -> None:
    """`foods search --json` never loads the assessment, the food-log reader or rich."""
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from sleepmin.cli import cli; cli.get_command(None, 'foods'); "
            "print(' '.join(sorted(m for m in sys.modules if m.startswith(('sleepmin', 'rich')))))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "sleepmin.cli.foods" in loaded
    for heavy in ("sleepmin.cli.assess", "sleepmin.intake.matching", "sleepmin.knowledge.kb"):
        assert heavy not in loaded, loaded
    assert not [m for m in loaded if m.startswith("rich")], loaded
