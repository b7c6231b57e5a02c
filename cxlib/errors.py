"""One error type for bad input, carrying every problem found, each precise enough to fix."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_EXAMPLES = 5


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
        return self.file + separator + self.detail()

    def detail(self) -> str:
        """The problem without the file name: column, what is wrong, example rows."""
        text = self.what if self.column is None else f"column '{self.column}': {self.what}"
        if self.rows:
            examples = ", ".join(
                f"{self.row_label} {r} ({v!r})" if v is not None else f"{self.row_label} {r}"
                for r, v in zip(self.rows, self.values or (None,) * len(self.rows), strict=True)
            )
            many = f"{self.count} rows" if self.count != 1 else "1 row"
            more = ", for example " if self.count > len(self.rows) else ": "
            text += f" ({many}{more}{examples})"
        return text


@dataclass
class DataError(Exception):
    """Raised when input data breaks the data contract. Nothing is loaded when it is raised."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        n = len(self.problems)
        head = (
            "The data could not be loaded: 1 problem."
            if n == 1
            else (f"The data could not be loaded: {n} problems.")
        )
        return "\n".join([head, *(f"- {p}" for p in self.problems)])

    @property
    def files(self) -> list[str]:
        return sorted({p.file for p in self.problems})
