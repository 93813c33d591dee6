"""One exception tree for all of scamnet.

The CLI turns any ``ScamnetError`` into one line and an exit code; the API into one JSON shape.
Every error carries a ``hint``: what the user can do about it.
"""

from __future__ import annotations

from dataclasses import dataclass


class ScamnetError(Exception):
    """Base of every error scamnet raises on purpose."""

    exit_code = 1
    http_status = 400

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def to_dict(self) -> dict[str, object]:
        return {"error": type(self).__name__, "message": self.message, "hint": self.hint}


class ConfigError(ScamnetError):
    """A setting, scenario or mapping file is wrong."""

    exit_code = 2


class NotFoundError(ScamnetError):
    """A store, table, report, gang or entity that was asked for does not exist."""

    exit_code = 3
    http_status = 404


class StoreError(ScamnetError):
    """The store cannot be opened, migrated or written."""

    exit_code = 4
    http_status = 503


@dataclass(frozen=True)
class Problem:
    """One bad value in an input: where it is and what was expected."""

    source: str
    row: int | None
    column: str | None
    value: object
    expected: str
    row_label: str = "line"

    def __str__(self) -> str:
        where = self.source
        if self.row is not None:
            where += f", {self.row_label} {self.row}"
        if self.column:
            where += f", column {self.column!r}"
        shown = repr(self.value)
        if len(shown) > 60:
            shown = shown[:57] + "...'"
        return f"{where}: got {shown}, expected {self.expected}"


class InputError(ScamnetError):
    """Input rows failed validation; nothing was written.

    Holds the first problems found (with file, row, column, value and what was expected) and the
    total count, so a user sees enough to fix the input without a flood.
    """

    exit_code = 5
    http_status = 422
    shown_limit = 20

    def __init__(self, problems: list[Problem], *, total: int | None = None, hint: str = "") -> None:
        self.problems = list(problems)
        self.total = max(total or 0, len(self.problems))
        lines = [str(p) for p in self.problems[: self.shown_limit]]
        if self.total > len(lines):
            lines.append(f"... and {self.total - len(lines)} more")
        head = f"{self.total} invalid value{'s' if self.total != 1 else ''}; nothing was written"
        super().__init__(
            head + ":\n  " + "\n  ".join(lines),
            hint=hint or "fix the input (or the --mapping file) and run again",
        )

    def to_dict(self) -> dict[str, object]:
        data = super().to_dict()
        data["problems"] = [p.__dict__ for p in self.problems[: self.shown_limit]]
        data["total"] = self.total
        return data


class ConflictError(ScamnetError):
    """A row arrived under a key the store already holds, with different content."""

    exit_code = 6
    http_status = 409
