"""docs/data.md describes the contract that cxlib enforces, column for column."""

import re

import pytest

from cxlib.contract import TABLES

from .conftest import ROOT

DATA_MD = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")


def documented_columns(table: str) -> set[str]:
    section = DATA_MD.split(f"### {table} ")[1].split("###")[0]
    return set(re.findall(r"^\| (\w+) \|", section, flags=re.MULTILINE)) - {"column"}


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_every_contract_column_is_documented(table):
    assert documented_columns(table.name) == {c.name for c in table.columns}


def test_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme.split("---")[0]
    assert "pip install -r requirements.txt && streamlit run app.py" in head
    assert "pip install -r requirements-dev.txt && pytest" in head
    assert "pip install -r requirements-dev.txt && pytest" in (ROOT / ".ci" / "run").read_text()


def test_readme_python_example_runs(capsys):
    """The README's "Using cxlib from Python" block runs as written."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Using cxlib from Python")[1].split("```python")[1].split("```")[0]
    exec(compile(block, "README.md", "exec"), {})
    assert "The data could not be loaded" in capsys.readouterr().out
