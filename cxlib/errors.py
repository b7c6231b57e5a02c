"""One error type for bad input, carrying every problem found, each precise enough to fix."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import problems_fi
from .strings import language

MAX_EXAMPLES = 5


@dataclass(frozen=True)
class Frame:
    """The words around a problem's own text, in one language."""

    column: str
    one_row: str
    rows: str
    for_example: str
    row_labels: dict[str, str]
    one_problem: str
    problems: str


ENGLISH = Frame(
    column="column '{column}': {what}",
    one_row="1 row",
    rows="{count} rows",
    for_example=", for example ",
    row_labels={},
    one_problem="The data could not be loaded: 1 problem.",
    problems="The data could not be loaded: {count} problems.",
)
FINNISH = Frame(
    column=problems_fi.COLUMN,
    one_row=problems_fi.ONE_ROW,
    rows=problems_fi.ROWS,
    for_example=problems_fi.FOR_EXAMPLE,
    row_labels=problems_fi.ROW_LABELS,
    one_problem=problems_fi.ONE_PROBLEM,
    problems=problems_fi.PROBLEMS,
)


def _frame() -> Frame:
    return FINNISH if language() == "fi" else ENGLISH


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file (and usually one column)."""

    file: str
    what: str
    column: str | None = None
    rows: tuple[int, ...] = ()
    values: tuple[str, ...] = ()
    count: int = 0
    row_label: str = "row"

    def __str__(self) -> str:
        separator = ": " if self.column is None else ", "
        return self.place() + separator + self.detail()

    def place(self) -> str:
        """The file, in the current language where cxlib names it in words ("mapping")."""
        return problems_fi.file_label(self.file) if language() == "fi" else self.file

    def described(self) -> str:
        """What is wrong, in the current language (values in it kept as they are)."""
        return problems_fi.translate(self.what) if language() == "fi" else self.what

    def detail(self) -> str:
        """The problem without the file name: column, what is wrong, example rows."""
        words = _frame()
        what = self.described()
        text = what if self.column is None else words.column.format(column=self.column, what=what)
        if self.rows:
            label = words.row_labels.get(self.row_label, self.row_label)
            examples = ", ".join(
                f"{label} {r} ({v!r})" if v is not None else f"{label} {r}"
                for r, v in zip(self.rows, self.values or (None,) * len(self.rows), strict=True)
            )
            many = words.rows.format(count=self.count) if self.count != 1 else words.one_row
            more = words.for_example if self.count > len(self.rows) else ": "
            text += f" ({many}{more}{examples})"
        elif self.count:  # counted over every row, none to show (a warehouse build)
            many = words.rows.format(count=self.count) if self.count != 1 else words.one_row
            # With the wrong values, where the build could name them (no row numbers there).
            seen = words.for_example + ", ".join(map(repr, self.values)) if self.values else ""
            text += f" ({many}{seen})"
        return text


@dataclass
class DataError(Exception):
    """Raised when input data breaks the data contract. Nothing is loaded when it is raised."""

    problems: list[Problem] = field(default_factory=list)
    note: str = ""
    """What the list does not cover (a build that read only the first rows), said after it."""

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        n, words = len(self.problems), _frame()
        head = words.one_problem if n == 1 else words.problems.format(count=n)
        return "\n".join(
            [head, *(f"- {p}" for p in self.problems), *([self.note] * bool(self.note))]
        )

    @property
    def files(self) -> list[str]:
        return sorted({p.file for p in self.problems})


def said(note: str) -> str:
    """A note of a load or an import (cxlib writes them in English) in the current language."""
    return problems_fi.note(note) if language() == "fi" else note
