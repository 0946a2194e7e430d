"""Every error a user can cause, as one tree.

SleepminError                    one clear line: the problem and the fix
├── DataSourceError              a food-data source that cannot be read
│   ├── SourceNotFound           no such folder, zip or URL
│   ├── UnrecognisedSource       readable, but no USDA release inside
│   ├── DownloadFailed           the network fetch did not complete
│   └── MalformedRelease         a file breaks the published layout (names file, line, column)
├── DatabaseError
│   ├── DatabaseMissing          no food database yet: run `sleepmin data install`
│   ├── DatabaseOutdated         built by an older sleepmin: reinstall with --force
│   └── FoodsUnavailable         the web service runs without it: the reason why
├── FoodNotFound                 no food with that NDB number or FDC id
├── InvalidQuery                 an empty or unusable search
├── StoreError                   the store of people's data cannot be opened or written
├── PersonNotFound               no person of that name in the store
└── PersonExists                 a name already taken
(and the input errors below: InvalidProfile, InvalidFoodLog, InvalidAnswers, ...)
"""

from __future__ import annotations

from typing import Self


class SleepminError(Exception):
    """Base of every error a user can cause. ``str(err)`` is the one-line message, in words any
    interface can show; ``cli_hint``, when set, is how to do the fix at the command line, which
    the CLI adds (the web service gives its own way)."""

    status = 400
    cli_hint: str | None = None

    def with_cli_hint(self, hint: str) -> Self:
        self.cli_hint = hint
        return self


class DataSourceError(SleepminError):
    status = 422


class SourceNotFound(DataSourceError, FileNotFoundError):
    def __init__(self, source: str) -> None:
        self.source = source
        super().__init__(
            f"food data source not found: {source!r}; "
            "give an existing folder, a .zip file or an https:// URL"
        )


class UnrecognisedSource(DataSourceError):
    def __init__(self, source: str, looked_for: str) -> None:
        self.source, self.looked_for = source, looked_for
        super().__init__(
            f"no USDA release found in {source!r} (looked for {looked_for}); "
            "install from the folder or zip of the SR28 ASCII/ABBREV files or of a FoodData "
            "Central CSV download"
        )
        self.cli_hint = "sleepmin data install --source PATH"


class DownloadFailed(DataSourceError):
    status = 502

    def __init__(self, url: str, reason: str) -> None:
        self.url, self.reason = url, reason
        super().__init__(
            f"could not download {url}: {reason}; check the network, "
            "or download the file yourself and install from it"
        )
        self.cli_hint = "sleepmin data install --source PATH"


class MalformedRelease(DataSourceError):
    """A file that does not follow the layout USDA publishes."""

    def __init__(
        self,
        file: str,
        problem: str,
        *,
        line: int | None = None,
        column: str | int | None = None,
        fix: str = "re-download the official release and use its files as USDA publishes them",
    ) -> None:
        self.file, self.problem, self.line, self.column, self.fix = file, problem, line, column, fix
        where = file
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column {column}"
        super().__init__(f"{where}: {problem}; {fix}")


class DatabaseError(SleepminError):
    status = 503


class DatabaseMissing(DatabaseError):
    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"no food database at {path}; install the USDA food data "
            "(or set SLEEPMIN_DATA_DIR to where it was installed)"
        )
        self.cli_hint = "sleepmin data install"


class DatabaseOutdated(DatabaseError):
    def __init__(self, path: str, found: int, expected: int) -> None:
        self.path, self.found, self.expected = path, found, expected
        super().__init__(
            f"the food database at {path} has schema version {found}, "
            f"this sleepmin needs {expected}; "
            "install the food data again over it"
        )
        self.cli_hint = "sleepmin data install --force"


class PopulationMissing(DatabaseError):
    def __init__(self) -> None:
        super().__init__(
            "the NHANES population summary is not installed; build it once (it reads the CDC's "
            "NHANES 2017-2018 files, downloaded or from a folder)"
        )
        self.cli_hint = "sleepmin data build-population [--source FOLDER]"


class PopulationDamaged(DatabaseError):
    def __init__(self, path: str, problem: str) -> None:
        self.path, self.problem = path, problem
        super().__init__(f"the population summary at {path} is damaged ({problem}); build it again")
        self.cli_hint = "sleepmin data build-population [--source FOLDER]"


class FoodsUnavailable(DatabaseError):
    """The service runs without its food database (missing, outdated or damaged): the reason
    it could not be opened, as a 503."""


class FoodNotFound(SleepminError, LookupError):
    status = 404

    def __init__(self, food_id: str) -> None:
        self.food_id = food_id
        super().__init__(
            f"no food with id {food_id!r}; give an NDB number such as 11457 or an FDC id, "
            "or find one by searching the foods by name"
        )
        self.cli_hint = "sleepmin foods search NAME"


class InvalidQuery(SleepminError, ValueError):
    status = 422

    def __init__(self, query: str, reason: str) -> None:
        self.query, self.reason = query, reason
        super().__init__(f"cannot search for {query!r}: {reason}")


class InvalidProfile(SleepminError, ValueError):
    """A person profile the DRI tables cannot answer."""

    status = 422

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(problem)


class InvalidFoodLog(SleepminError, ValueError):
    """A food log that cannot be read at all (empty, wrong CSV header)."""

    status = 422

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(problem)


class InvalidSupplement(SleepminError, ValueError):
    status = 422

    def __init__(self, text: str, problem: str) -> None:
        self.text, self.problem = text, problem
        super().__init__(f"cannot read supplement {text!r}: {problem}")


class InvalidPinsFile(SleepminError, ValueError):
    status = 422

    def __init__(self, path: str, problem: str) -> None:
        self.path, self.problem = path, problem
        super().__init__(f"pins file {path} {problem}; write one 'phrase,id' per line")


class UnknownTest(SleepminError, LookupError):
    status = 422

    def __init__(self, name: str, valid: list[str]) -> None:
        self.name, self.valid = name, valid
        super().__init__(f"unknown test {name!r}; use one of: {', '.join(valid)}")


class UnknownUnit(SleepminError, ValueError):
    status = 422

    def __init__(self, unit: str, why: str = "not a unit sleepmin knows") -> None:
        self.unit = unit
        super().__init__(
            f"unknown unit {unit!r} ({why}); use e.g. mg/dL, mmol/L, mEq/L, umol/L, ug/dL, "
            "ng/mL, ug/L, g/L, g/dL or %"
        )


class UnitMismatch(SleepminError, ValueError):
    status = 422

    def __init__(self, test: str, from_unit: str, to_unit: str, why: str) -> None:
        self.test, self.from_unit, self.to_unit = test, from_unit, to_unit
        super().__init__(f"cannot convert {test} from {from_unit} to {to_unit}: {why}")


class InvalidLabFile(SleepminError, ValueError):
    status = 422

    def __init__(
        self,
        name: str,
        problem: str,
        fix: str = "use FHIR R4 JSON (Observation or Bundle) or a CSV test,value,unit",
    ) -> None:
        self.name, self.problem = name, problem
        super().__init__(f"lab file {name or '(input)'} {problem}; {fix}")


class UnknownTerm(SleepminError, ValueError):
    status = 422

    def __init__(self, kind: str, word: str, valid: list[str]) -> None:
        self.kind, self.word, self.valid = kind, word, valid
        super().__init__(f"unknown {kind} {word!r}; use one of: {', '.join(valid)}")


class InvalidAnswers(SleepminError, ValueError):
    """A screening answer that is missing, out of range or not in the vocabulary."""

    status = 422

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(problem)


class ImplausibleValue(SleepminError, ValueError):
    """A number that cannot be what it claims: a negative or non-finite lab value, one outside
    the physiological bounds of its test, a dose no product holds."""

    status = 422

    def __init__(self, what: str, value: object, bound: str, fix: str = "") -> None:
        self.what, self.value, self.bound = what, value, bound
        tail = f"; {fix}" if fix else ""
        super().__init__(f"{what} {value} is not possible ({bound}){tail}")


class InvalidInput(SleepminError, ValueError):
    """Input that is not what the command reads: binary bytes, a file that is not text, a
    document nested too deep, a number too long to be a number."""

    status = 422

    def __init__(self, what: str, problem: str, fix: str) -> None:
        self.what, self.problem, self.fix = what, problem, fix
        super().__init__(f"{what} {problem}; {fix}")


class OutputError(SleepminError, OSError):
    """An output that cannot be written safely (the old file, if any, is left as it was)."""

    status = 500

    def __init__(self, path: str, problem: str, fix: str) -> None:
        self.path, self.problem, self.fix = path, problem, fix
        super().__init__(f"cannot write {path}: {problem}; {fix}")


class StoreError(SleepminError):
    """The store of people's data cannot be opened or written; the message names it (never a
    password) and the fix."""

    status = 503

    def __init__(self, where: str, problem: str, fix: str) -> None:
        self.where, self.problem, self.fix = where, problem, fix
        super().__init__(f"the store {where} {problem}; {fix}")


class PersonNotFound(SleepminError, LookupError):
    status = 404

    def __init__(self, name: str) -> None:
        self.name = name  # never a list of the others: whose data is kept is not said
        super().__init__(
            f"no person named {name[:80]!r} in the store; check the name, or add them first"
        )
        self.cli_hint = "see `sleepmin person list`; add: sleepmin person add NAME --age --sex"


class PersonExists(SleepminError, ValueError):
    status = 409

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"a person named {name!r} is already in the store; choose another name")
        self.cli_hint = f'see them with: sleepmin person show "{name}"'


# -- the web service's accounts ----------------------------------------------------------------


class NotSignedIn(SleepminError):
    """No session, or one that has expired or was ended."""

    status = 401

    def __init__(self) -> None:
        super().__init__("you are not signed in, or your session has ended; sign in again")


class WrongCredentials(SleepminError):
    """The same words whether the e-mail is unknown or the password wrong: who has an account
    is not told."""

    status = 401

    def __init__(self) -> None:
        super().__init__("the e-mail or the password is not right; check both and try again")


class AccountExists(SleepminError, ValueError):
    status = 409

    def __init__(self) -> None:
        super().__init__("an account with this e-mail already exists; sign in instead")


class NotAllowed(SleepminError):
    """A request the signed-in account may not make (a clinician's account has no diary of its
    own; a form without its CSRF token)."""

    status = 403

    def __init__(self, problem: str) -> None:
        super().__init__(problem)


class NotFound(SleepminError, LookupError):
    """An id that is not one of the account's own: the same answer whether it does not exist or
    belongs to someone else."""

    status = 404

    def __init__(self, what: str) -> None:
        super().__init__(f"no {what} with that id among yours")


class TooManyAttempts(SleepminError):
    status = 429

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"too many attempts; wait {retry_after // 60 + 1} minute(s) and try again")
