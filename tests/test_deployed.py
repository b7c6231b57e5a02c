"""The app serving a deployment's own cube folder: every page, no raw responses, clear failures."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

import cxlib
from cxlib.cubefile import META, open_cube, stored_cube, write_cube
from cxlib.scope import PAGES
from cxlib.strings import TEXT

from .conftest import in_groups_of, open_app
from .crafted import SMALL_TEAM, one_small_team


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
    assert f"{in_groups_of(5, sample)[1]:,}" in said and "groups of at least 5" in said


def test_the_caption_counts_no_one_a_view_may_not_show(tmp_path):
    """One team of 3 in a study of healthy groups. A caption that totalled everyone would give
    them away: the total less the staff the widest view shows (the Data page's rows) would be 3.
    It totals the people in groups of at least 5, and so does the cube's own file."""
    data = one_small_team()
    folder = write_cube(stored_cube(data), tmp_path / "cube")
    at = open_app("data", secrets=deployed(folder))
    said = next(c.value for c in at.sidebar.caption if "served from its cube" in c.value)
    counts = re.search(r"([\d,]+) staff and ([\d,]+) customer", said).groups()
    staff, customers = (int(n.replace(",", "")) for n in counts)
    assert (staff, customers) == in_groups_of(5, data)
    assert data.employee.height - staff == SMALL_TEAM[2]  # they are all that is left out
    widest = cxlib.view_aggregates(open_cube(folder).linkage(), cxlib.FilterState())
    for total, side in ((staff, "n_staff"), (customers, "n_customers")):
        # what no view shows is nobody, or whole groups of at least 5 (here the small team's
        # customers, left out of the views with their staff)
        assert total - widest[side].sum() not in range(1, 5), side
    held = json.loads((folder / META).read_text())["responses"]
    assert (held["staff"], held["customers"]) == (staff, customers)


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


def test_a_cube_sealed_again_at_a_higher_floor_is_never_served_from_the_old_ones_results(
    sample, tmp_path
):
    """The deployer builds the cube again from the same data with a higher customer floor, into
    the folder the app serves. The app opens the new folder; its analyses must be the new
    floor's too. They were cached by the data's fingerprint and the view alone, so the Drivers
    page went on weighing 373 units, some with 5-11 customers, where the new floor leaves 44."""
    folder = tmp_path / "cube"
    narrow = {"period": [sample.periods[0]], "segment": [sample.segments[0]]}

    def drivers_page() -> list[str]:
        at = open_app("drivers", secrets=deployed(folder), **narrow)
        return sorted(c.value for c in at.caption if "units (R" in c.value)

    write_cube(stored_cube(sample), folder)
    at_five = drivers_page()
    raised = cxlib.Settings(min_customers=12)
    write_cube(stored_cube(sample, raised), folder)
    meta = folder / META  # a new stamp, however coarse the file system's clock
    os.utime(meta, ns=(meta.stat().st_mtime_ns + 10**9,) * 2)
    at_twelve = drivers_page()
    units_at_twelve = in_view_units(open_cube(folder).linkage(), narrow)
    assert at_twelve != at_five
    assert f"across {units_at_twelve} units" in " ".join(at_twelve)


def in_view_units(engine: cxlib.Linkage, narrow: dict) -> int:
    """Units the engine shows in the view: the count the Drivers page weighs, recounted."""
    view = cxlib.FilterState(periods=tuple(narrow["period"]), segments=tuple(narrow["segment"]))
    return engine.unit_table(view, full=False).table.height
