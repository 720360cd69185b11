"""One way to import an Excel file, all or nothing — the skeleton every importer follows:

1. read: the file's own checks, by the guarded readers of `ntm.workbooks` (size already bounded by
   `ntm.uploads.read_upload`): plain rows, or the importer's `Problems` listing every problem of the file;
2. check every row against the database, locking what decides the write (`select_for_update`): a plan of what to
   write, and every row's problems (all of them, not the first), collected by `RowProblems`;
3. apply the plan only if no row had a problem, in the same transaction, with its audit entries (`run_import`);
4. report: a small result the page turns into one sentence.
"""

from collections.abc import Callable, Sequence
from typing import TypeVar

from django.db import transaction

from ntm.problems import Problem, Problems, raise_if_any

Plan = TypeVar("Plan")
Result = TypeVar("Result")
Value = TypeVar("Value")


class BadCell(ValueError):
    """A cell that cannot be read; the message says why in Vietnamese, `RowProblems.read` adds the row and column."""


class RowProblems:
    """The problems of a file's rows as they are read, each by its Excel row and its column's label."""

    def __init__(self, columns: Sequence[str] = ()):
        self.columns = columns  # "B (Mã dự án)", by the column's position
        self.problems: list[Problem] = []

    def __len__(self) -> int:
        return len(self.problems)

    def add(self, row: int | None, column: int | str | None, message: str) -> None:
        """A problem at `column` (its position in `columns`, or a label as written)."""
        self.problems.append(Problem(row, self.columns[column] if isinstance(column, int) else column, message))

    def read(self, row: int, cells: Sequence[object], column: int, reader: Callable[[object], Value]) -> Value | None:
        """The cell read by `reader`, or None with the reader's BadCell recorded at its row and column."""
        try:
            return reader(cells[column])
        except BadCell as problem:
            self.add(row, column, str(problem))
            return None


@transaction.atomic
def run_import(check: Callable[[], tuple[Plan, list[Problem]]], apply: Callable[[Plan], Result], *,
               error: type[Problems]) -> Result:
    """Checks every row, then writes all or nothing: `error` listing every problem in file order (nothing written),
    or what `apply` returns. One transaction, so the rows `check` locks stay locked until the write is done."""
    plan, problems = check()
    raise_if_any(problems, error)
    return apply(plan)
