"""The method behind every verdict, as readers can open it in the app: docs/statistics.md in
its sections (the app's captions point to it)."""

from __future__ import annotations

import re
from pathlib import Path

STATISTICS = Path(__file__).resolve().parent.parent / "docs" / "statistics.md"
_HEADING = re.compile(r"^## (.+)$", re.MULTILINE)


def sections(path: Path = STATISTICS) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The document's opening text, then (heading, text) for each of its ## sections, in order;
    nothing if the file is missing (an installed library without the docs)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return "", ()
    parts = _HEADING.split(text)
    opening = re.sub(r"^# .*\n", "", parts[0]).strip()  # the page sets its own title
    named = tuple(
        (heading.strip(), body.strip())
        for heading, body in zip(parts[1::2], parts[2::2], strict=True)
    )
    return opening, named
