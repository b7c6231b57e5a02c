"""The code base stays ruff clean, and cxlib stays usable without the app."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


def test_ruff_finds_nothing():
    beside_python = Path(sys.executable).with_name("ruff")
    ruff = str(beside_python) if beside_python.exists() else shutil.which("ruff")
    if ruff is None:
        pytest.fail("ruff is not installed: pip install -r requirements-dev.txt")
    result = subprocess.run([ruff, "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_cxlib_does_not_import_streamlit():
    """Importing cxlib (and loading the sample) must not pull in streamlit."""
    code = "import sys, cxlib; cxlib.load_sample(); print('streamlit' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_no_page_script_has_a_bare_string_streamlit_would_draw():
    """Streamlit's magic draws a page script's bare expressions: a docstring written under a
    constant in pages/surveys.py had appeared at the foot of the page, in English. Only each
    script's own docstring (its first statement) may be a bare string, in the scripts the
    navigation runs (app.py and the pages; not the helpers they import)."""
    import ast

    helpers = {"common.py", "charts.py", "sidebar.py", "workshop.py"}
    scripts = [ROOT / "app.py"] + [
        p for p in sorted((ROOT / "pages").glob("*.py")) if p.name not in helpers | {"__init__.py"}
    ]
    drawn = []
    for script in scripts:
        tree = ast.parse(script.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if not isinstance(body, list) or isinstance(node, ast.FunctionDef | ast.ClassDef):
                continue
            for i, statement in enumerate(body):
                bare = isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
                if (
                    bare
                    and isinstance(statement.value.value, str)
                    and not (node is tree and i == 0)
                ):
                    drawn.append(f"{script.name}:{statement.lineno}")
    assert not drawn, drawn
