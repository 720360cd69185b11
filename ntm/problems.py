"""One error for "a list of problems, by row and column": every import, file reader and multi-value form raises
`Problems`, each `Problem` saying where (Excel row, column or field) and what, in Vietnamese.

    raise Problems([Problem(5, "B (Mã dự án)", "Thiếu mã dự án.")])   # "Dòng 5, cột B (Mã dự án): Thiếu mã dự án."

A caller that raises it has written nothing. Pages list the first `SHOWN` and say how many more (`listing`).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from ntm.formatting import format_number

SHOWN = 200  # problems listed on a page; beyond that the list helps nobody


@dataclass(frozen=True)
class Problem:
    row: int | None  # the Excel row (or a text file's line); None: the file or form as a whole
    column: str | None  # "B (Mã dự án)", or a field's name as the user reads it; None: the whole row
    message: str
    where: str = ""  # a place of another kind, written as it is ("Chỉ tiêu 2.1"), when there is no row

    def __str__(self) -> str:
        places = [self.where] if self.where else []
        if self.row is not None:
            places.append(f"Dòng {self.row}")
        if self.column is not None:
            places.append(f"cột {self.column}")
        return f"{', '.join(places)}: {self.message}" if places else self.message


def at(where: str, message: str) -> Problem:
    """A problem named by a place that is not a row ("Chỉ tiêu 2.1", "Bộ tiêu chí"); "" for the whole input."""
    return Problem(None, None, message, where)


class Problems(Exception):
    """Every problem found; whoever raises it has written nothing. Subclasses name where they come from (a finance
    workbook, a criteria file) so a page can catch its own, and read the same."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))

    @property
    def errors(self) -> list[Problem]:
        """The same list, by the name the import pages used first."""
        return self.problems

    @property
    def messages(self) -> list[str]:
        return [str(p) for p in self.problems]

    def sorted(self) -> "Problems":
        """The same problems in file order (those of the whole file first), as a new error of the same kind."""
        return type(self)(sorted(self.problems, key=lambda p: p.row or 0))

    def listing(self, limit: int = SHOWN) -> dict[str, object]:
        """What a page shows: the first `limit` problems, how many in all, how many more ("… và N lỗi khác")."""
        return listing(self.problems, limit)

    def text(self, limit: int = SHOWN) -> str:
        """One message: the first `limit` problems, one a line, then "… và N lỗi khác." if some were left out."""
        lines = [str(p) for p in self.problems[:limit]]
        hidden = len(self.problems) - limit
        if hidden > 0:
            lines.append(more(hidden))
        return "\n".join(lines)


def listing(problems: list[Problem], limit: int = SHOWN) -> dict[str, object]:
    """The context a page of problems needs (also empty, before anything was uploaded)."""
    return {"errors": problems[:limit], "errors_total": len(problems), "errors_hidden": max(0, len(problems) - limit)}


def more(hidden: int) -> str:
    """ "… và 1.200 lỗi khác." """
    return f"… và {format_number(hidden)} lỗi khác."


def raise_if_any(problems: list[Problem], error: type[Problems] = Problems) -> None:
    """Raises `error` with the problems in file order if there are any."""
    if problems:
        raise error(problems).sorted()
