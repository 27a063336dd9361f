"""One problem in one cell of a catalog file: the record every catalog check reports."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ValidationIssue:
    """One problem in one cell (or header, or file) of a catalog file.

    ``row`` is the row number a spreadsheet shows (the header is row 1, the first data row is 2);
    ``row`` and ``column`` are None for problems with the whole file.
    """

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"
