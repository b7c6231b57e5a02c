"""Every code cxlib can hand out has words, and every word a page asks for exists."""

import re

import pytest

from cxlib.codes import Caveat, Inactive, Notice, Quadrant
from cxlib.strings import CAVEATS, INACTIVE, NOTICES, QUADRANTS, TEXT

from .conftest import ROOT


@pytest.mark.parametrize(
    ("codes", "words"),
    [(Caveat, CAVEATS), (Quadrant, QUADRANTS), (Notice, NOTICES), (Inactive, INACTIVE)],
    ids=["caveats", "quadrants", "notices", "inactive"],
)
def test_every_code_has_its_words(codes, words):
    assert set(words) == set(codes)
    assert all(isinstance(text, str) and text.strip() for text in words.values())


def test_every_code_cxlib_emits_is_a_member_of_its_enum():
    """No string literal stands in for a code: cxlib emits the enums' members only."""
    for path in sorted((ROOT / "cxlib").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        for literal in re.findall(r'\.append\("([a-z_]+)"\)|warnings=\("([a-z_]+)"', source):
            assert not any(literal), f"{path.name} emits a bare code {literal}"


def test_every_text_key_the_app_uses_exists():
    used = set()
    for path in [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]:
        used |= set(re.findall(r'TEXT\["([a-z_0-9]+)"\]', path.read_text(encoding="utf-8")))
    assert used and used <= set(TEXT), sorted(used - set(TEXT))


def test_notices_fill_in_their_subject_and_value():
    for text in NOTICES.values():
        assert text.format(subject="S", value="V")
    for text in INACTIVE.values():
        assert text.format(level="units")
