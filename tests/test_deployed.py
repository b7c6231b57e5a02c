"""The app serving a deployment's own cube folder: every page, no raw responses, clear failures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cxlib.cubefile import META, stored_cube, write_cube
from cxlib.scope import PAGES
from cxlib.strings import TEXT

from .conftest import open_app


@pytest.fixture(scope="module")
def cube(tmp_path_factory, sample) -> Path:
    return write_cube(stored_cube(sample), tmp_path_factory.mktemp("deployed") / "cube")


def deployed(folder: Path, **more) -> dict:
    return {"data": {"cube": str(folder)}, **more}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_deployed_cube(cube, page):
    at = open_app(page, secrets=deployed(cube))
    assert at.title, page
    assert not at.error, [e.value for e in at.error]
    assert at.sidebar.radio[0].options[0] == TEXT["source_deployed"]


def test_the_deployed_cube_shows_the_numbers_of_its_data(cube, sample):
    """The same study, opened from its files and from its cube: the same headline, and the
    sidebar says which data it is and what it never shows."""
    choice = {"channel": ["in-person", "phone"], "role": ["customer-facing"]}
    from_cube = open_app(secrets=deployed(cube), **choice)
    from_files = open_app(**choice)
    assert [m.value for m in from_cube.metric] == [m.value for m in from_files.metric]
    said = " ".join(c.value for c in from_cube.sidebar.caption)
    assert sample.manifest.name.split()[0] in said
    assert f"{sample.customer.height:,}" in said and "fewer than 5 people" in said


def test_a_broken_cube_folder_stops_the_app_with_the_reason(cube, tmp_path):
    broken = Path(shutil.copytree(cube, tmp_path / "broken"))
    (broken / "units.parquet").unlink()
    at = open_app(secrets=deployed(broken), stops=True)
    assert any(TEXT["deployed_broken"] in e.value for e in at.error)
    assert any("units.parquet" in t.value for t in at.text)
    assert not at.metric  # nothing else, and never the sample in its place


def test_a_deployment_stricter_than_its_cube_is_refused_not_weakened(cube):
    at = open_app(secrets=deployed(cube, privacy={"min_group_size": 8}), stops=True)
    assert any(TEXT["deployed_broken"] in e.value for e in at.error)
    assert any("build the cube again" in t.value for t in at.text)
    assert not at.metric


def test_a_new_cube_in_the_same_folder_is_opened_again(cube, tmp_path):
    """The bundle is cached by the folder and cube.json's time: replaced files are read."""
    folder = Path(shutil.copytree(cube, tmp_path / "moving"))
    first = open_app(secrets=deployed(folder))
    meta = json.loads((folder / META).read_text())
    meta["manifest"]["name"] = "Renamed study"
    (folder / META).write_text(json.dumps(meta))
    again = open_app(secrets=deployed(folder))
    assert "Renamed study" in " ".join(c.value for c in again.sidebar.caption)
    assert "Renamed study" not in " ".join(c.value for c in first.sidebar.caption)
