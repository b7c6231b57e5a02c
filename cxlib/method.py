"""The app's own method documents as readers open them in the app, in their sections:
docs/statistics.md (the verdicts; the method notes point to it) and docs/survey-design.md (the
research behind the design kit's rules), and each one's summary in Finnish (docs/*.fi.md), in
plain words, section for section."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"
STATISTICS, SURVEY_DESIGN = DOCS / "statistics.md", DOCS / "survey-design.md"
PLAIN = {
    (STATISTICS, "fi"): DOCS / "statistics.fi.md",
    (SURVEY_DESIGN, "fi"): DOCS / "survey-design.fi.md",
}
"""A document's plain-language summary in a reader's language: the same sections, in order."""
_HEADING = re.compile(r"^## (.+)$", re.MULTILINE)
FOR_DEVELOPERS = "*For developers:*"
"""Opens a paragraph that names the code and tests behind a section: kept in the document (an
open-source methods appendix to check against the code), left out where readers open it."""
_DEVELOPER_NOTE = re.compile(r"^" + re.escape(FOR_DEVELOPERS) + r".*?(?:\n\n|\Z)", re.M | re.S)


@cache  # read once per process: the pages that show a document draw it on every rerun
def sections(path: Path = STATISTICS) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The document's opening text, then (heading, text) for each of its ## sections, in order,
    as readers see them (no paragraph for developers); nothing if the file is missing (an
    installed library without the docs)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return "", ()
    parts = _HEADING.split(_DEVELOPER_NOTE.sub("", text))
    opening = re.sub(r"^# .*\n", "", parts[0]).strip()  # the page sets its own title
    named = tuple(
        (heading.strip(), body.strip())
        for heading, body in zip(parts[1::2], parts[2::2], strict=True)
    )
    return opening, named


def plain(path: Path, language: str) -> Path | None:
    """The document's summary in `language` (its sections match the document's one for one),
    or None: readers of that language get the document itself."""
    return PLAIN.get((path, language))
