"""The cube as a folder: written sealed, opened without raw responses, refused when damaged."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import polars as pl
import pytest

import cxlib
from cxlib.cube import SUMSQ
from cxlib.cubefile import CELLS, META, open_cube, stored_cube, writable_folder, write_cube
from cxlib.filters import FilterState
from cxlib.metrics import ex_metrics
from cxlib.models import Settings
from cxlib.reliability import staff_reliability
from cxlib.sealing import BLOCK, Sealed

from .conftest import in_groups_of
from .test_privacy import FLOOR


@pytest.fixture(scope="module")
def folder(tmp_path_factory, sample) -> Path:
    return write_cube(stored_cube(sample), tmp_path_factory.mktemp("cube") / "sample")


@pytest.fixture
def copy(folder, tmp_path) -> Path:
    return Path(shutil.copytree(folder, tmp_path / "copy"))


@pytest.mark.parametrize("lean", [False, True])
def test_an_opened_cube_answers_every_page_s_query_like_the_raw_data(folder, sample, engine, lean):
    """Lean or whole, the served engine is the one built from the responses, reliability
    (the staff theme scores' squares) included."""
    opened = open_cube(folder, lean=lean)
    served = opened.linkage()
    for view in (
        FilterState(),
        FilterState(segments=("Consumer", "Small business"), channels=("in-person", "phone")),
        FilterState(roles=("customer-facing",), lag=1, periods=sample.periods[2:]),
        FilterState(touch=("high",), ex_metric="ex:Enablement", cx_metric="cx:recommend"),
    ):
        for by in (None, "channel", "industry"):
            assert served.unit_table(view, by=by).table.equals(engine.unit_table(view, by=by).table)
    assert served.unit_table(FilterState(), per_period=True).table.equals(
        engine.unit_table(FilterState(), per_period=True).table
    )
    for view in (FilterState(), FilterState(roles=("customer-facing",))):
        assert staff_reliability(served, view).equals(staff_reliability(engine, view))


def test_a_lean_cube_holds_no_sums_of_squares_but_the_scores_and_is_not_written(folder, tmp_path):
    lean, whole = open_cube(folder, lean=True), open_cube(folder)
    assert not any(c.endswith(SUMSQ) for c in lean.cube.customer.columns)
    assert {c for c in lean.cube.employee.columns if c.endswith(SUMSQ)} == {
        m + SUMSQ for m in ex_metrics(whole.theme_map)
    }
    assert lean.cube.customer.estimated_size() < whole.cube.customer.estimated_size() * 0.6
    with pytest.raises(ValueError, match="open it whole"):
        write_cube(lean, tmp_path / "again")
    assert not (tmp_path / "again").exists()


def test_the_folder_keeps_what_the_app_needs_and_where_it_came_from(folder, sample):
    opened = open_cube(folder)
    assert opened.fingerprint == sample.fingerprint
    assert opened.manifest == sample.manifest
    assert opened.theme_map == sample.theme_map
    assert opened.industries.equals(sample.industries)
    assert opened.companies.equals(sample.companies)
    assert opened.cube.dimensions.periods == sample.periods
    meta = json.loads((folder / META).read_text())
    assert meta["floors"] == {"staff": FLOOR, "customers": FLOOR}
    assert meta["cells"]["customers"] == opened.cube.customer.height


def test_no_file_of_the_folder_holds_a_response_or_a_group_under_the_floor(folder, sample):
    """Read as an outsider would: every Parquet file, every column."""
    for path in folder.glob("*.parquet"):
        frame = pl.read_parquet(path)
        assert not {"respondent_id", "response_id"} & set(frame.columns), path.name
        assert frame.height < sample.customer.height / 5, path.name
        if "n" in frame.columns:
            assert frame.filter((pl.col("n") > 0) & (pl.col("n") < FLOOR)).height == 0, path.name


def test_a_deployment_stricter_than_the_cube_cannot_serve_it(folder):
    with pytest.raises(ValueError, match="build the cube again"):
        open_cube(folder).linkage(Settings(min_group_size=8))


def test_only_sealed_cubes_are_written(sample, cube, tmp_path):
    stored = stored_cube(sample)
    unsealed = dataclasses.replace(stored, sealed=Sealed(cube, stored.sealed.floors))
    with pytest.raises(ValueError, match="only sealed cubes"):
        write_cube(unsealed, tmp_path)
    assert not any(tmp_path.iterdir())


def damage(copy: Path, name: str, change) -> None:
    path = copy / name
    if name.endswith(".json"):
        meta = json.loads(path.read_text())
        change(meta)
        path.write_text(json.dumps(meta))
    else:
        change(pl.read_parquet(path)).write_parquet(path)


@pytest.mark.parametrize(
    ("name", "change", "said"),
    [
        (META, lambda m: m.update(format="something else"), "not a cube description"),
        (META, lambda m: m.update(version=99), "version 99"),
        (META, lambda m: m.pop("floors"), "not a valid cube description"),
        (META, lambda m: m["theme_map"].update(themes=[]), "not a valid cube description"),
        (META, lambda m: m.update(roles=["only-one"]), "vocabulary"),
        (CELLS["staff"], lambda f: f.drop(BLOCK), "missing columns: block"),
        (CELLS["staff"], lambda f: f.with_columns(pl.col("n").clip(upper_bound=1)), "fewer than 5"),
        (
            CELLS["customers"],
            lambda f: f.with_columns(pl.lit(1 << 40, dtype=pl.UInt64).alias(BLOCK)),
            "own atom",
        ),
        (CELLS["customers"], lambda f: f.with_columns(pl.col("unit") + 10_000), "units or periods"),
        ("units.parquet", lambda f: f.reverse(), "unit codes"),
        # found by a review attacking the folder: each had failed on a page, or served quietly
        (META, lambda m: m["floors"].update(staff=float("inf")), "not a valid cube description"),
        (META, lambda m: m.update(employee_items=[]), "a side has no items"),
        (
            "units.parquet",
            lambda f: f.with_columns(pl.lit(None, dtype=pl.String).alias("company")),
            "empty values in: company",
        ),
        (
            "industries.parquet",
            lambda f: f.with_columns(pl.lit("medium").alias("touch")),
            "touch high or low",
        ),
        ("industries.parquet", lambda f: f.head(0), "every unit's industry needs one row"),
        ("units.parquet", lambda f: f.drop("unit"), "missing columns: unit"),
        (CELLS["staff"], lambda f: pl.concat([f, f.head(1)]), "cells repeat a key"),
        (CELLS["staff"], lambda f: f.with_columns(pl.col("n") * -1), "fewer than 5"),
        (
            CELLS["staff"],
            lambda f: f.with_columns(
                pl.when(pl.int_range(pl.len()) == 0).then(0).otherwise("n").alias("n")
            ),
            "sums without people",
        ),
    ],
)
@pytest.mark.parametrize("lean", [False, True])
def test_a_damaged_or_hand_made_folder_is_refused_with_the_reason(copy, name, change, said, lean):
    damage(copy, name, change)
    with pytest.raises(cxlib.DataError, match=said):
        open_cube(copy, lean=lean)


def test_a_lean_open_still_checks_the_columns_it_does_not_read(copy):
    """An item's sum of squares where a block is under the floor (n = 0) would be a small
    group's numbers on disk: refused though a lean open never loads that column."""
    column = "ex_enablement_1" + SUMSQ
    damage(
        copy,
        CELLS["staff"],
        lambda f: f.with_columns(pl.when(pl.col("n") == 0).then(7).otherwise(column).alias(column)),
    )
    with pytest.raises(cxlib.DataError, match="sums without people"):
        open_cube(copy, lean=True)


def test_missing_or_unreadable_files_are_named(copy):
    (copy / "units.parquet").unlink()
    with pytest.raises(cxlib.DataError, match="units.parquet"):
        open_cube(copy)
    (copy / CELLS["staff"]).write_bytes(b"PAR1 truncated")
    (copy / "units.parquet").write_bytes(b"")
    with pytest.raises(cxlib.DataError, match="not a readable Parquet file"):
        open_cube(copy)
    (copy / META).unlink()
    with pytest.raises(cxlib.DataError, match="not a cube folder"):
        open_cube(copy)
    (copy / META).write_text("{" * 100_000)
    with pytest.raises(cxlib.DataError, match="not valid JSON"):
        open_cube(copy)


def test_a_lost_company_panel_or_dropped_cells_are_refused_not_served(copy):
    """A cube whose companies file was lost had opened as a dataset without a company panel
    (Industries said so), and a cells file with 500 rows cut out opened too: cube.json said
    how many cells there were and nobody checked."""
    meta = json.loads((copy / META).read_text(encoding="utf-8"))
    assert meta["company_panel"] is True
    (copy / "companies.parquet").unlink()
    with pytest.raises(cxlib.DataError, match="companies.parquet"):
        open_cube(copy)


def test_cells_cut_from_a_file_are_refused_by_their_count(folder, tmp_path):
    copy = Path(shutil.copytree(folder, tmp_path / "cut"))
    cells = pl.read_parquet(copy / CELLS["customers"])
    cut = cells.filter(pl.col("block") != cells["block"][0])  # whole blocks: still sealed
    assert cells.height > cut.height
    cut.write_parquet(copy / CELLS["customers"])
    with pytest.raises(cxlib.DataError, match=f"{cut.height:,} cells where cube.json says"):
        open_cube(copy)


def test_a_cube_is_written_whole_or_the_earlier_one_stays(folder, sample, tmp_path, monkeypatch):
    """Interrupted while writing over an earlier cube (Ctrl-C at step 6), the build had left
    a new units file beside the old cells (or a truncated file): the earlier cube was lost.
    Files are written beside the folder and renamed into place at the end."""
    from cxlib import cubefile

    target = Path(shutil.copytree(folder, tmp_path / "cube"))
    before = {f.name: f.read_bytes() for f in target.iterdir()}
    real = cubefile._narrowed

    def interrupted(cells, keys):
        if "segment" in keys:  # after the small tables and the staff cells were written
            raise KeyboardInterrupt
        return real(cells, keys)

    monkeypatch.setattr(cubefile, "_narrowed", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_cube(stored_cube(sample, Settings(min_group_size=7)), target)
    assert {f.name: f.read_bytes() for f in target.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cube"]  # no partial folder left
    monkeypatch.setattr(cubefile, "_narrowed", real)
    write_cube(stored_cube(sample, Settings(min_group_size=7)), target)
    assert open_cube(target).sealed.floors.staff == 7
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cube"]


def test_a_written_cube_can_be_read_by_the_app_s_user(sample, tmp_path):
    """The cube folder had its owner's permissions alone (0700, as a temporary folder gets):
    an app serving it as another user could not open it. It gets a folder's usual ones
    (0755 under the usual umask 022), as mkdir would give it."""
    import os

    mask = os.umask(0o022)
    try:
        target = write_cube(stored_cube(sample), tmp_path / "cube")
    finally:
        os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o755
    assert all(f.stat().st_mode & 0o044 == 0o044 for f in target.iterdir())


@pytest.mark.parametrize("inside", ["the study", "other files"])
def test_a_cube_is_never_written_over_other_files(inside, sample, tmp_path):
    """`-o` the study's own folder replaced its units file with the cube's; a folder of
    other files had one of them overwritten. Both are refused and left as they were."""
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "units.parquet").write_bytes(b"mine")
    (folder / "notes.txt").write_text("mine")
    source = folder if inside == "the study" else None
    with pytest.raises(ValueError, match="write elsewhere|not a cube folder"):
        writable_folder(folder, source)
    with pytest.raises(ValueError, match="not a cube folder"):
        write_cube(stored_cube(sample), folder)
    assert (folder / "units.parquet").read_bytes() == b"mine"
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt", "units.parquet"]
    assert writable_folder(tmp_path / "new") == tmp_path / "new"
    with pytest.raises(ValueError, match="write elsewhere"):
        writable_folder(tmp_path, folder)  # a folder holding the study


def test_the_folder_gives_the_pages_the_same_controls_and_summary(folder, sample):
    """What pages read besides the engine (filters, periods, segments, counts) is the same
    from the folder as from the responses, but for the response counts: the folder keeps only
    those in groups some view may show (counted here from the answers)."""
    from dataclasses import replace

    from cxlib.controls import controls

    served = open_cube(folder).dataset()
    assert served.employee is None and served.customer is None
    assert served.periods == sample.periods and served.segments == sample.segments
    staff, customers = in_groups_of(5, sample)
    assert staff < sample.employee.height and customers <= sample.customer.height
    whole = cxlib.summarize(sample)
    kept = replace(whole.linkage, employee_responses=staff, customer_responses=customers)
    assert cxlib.summarize(served) == replace(whole, linkage=kept)
    assert controls(served) == controls(sample)


def test_files_keep_the_narrowest_integers_and_a_whole_open_gives_int64_back(folder, sample):
    """The sample's counts and sums fit 16 bits on disk (a quarter of the bytes to read);
    opened whole, the cells are the sealed cube's as built, Int64 and all."""
    on_disk = pl.read_parquet_schema(folder / CELLS["customers"])
    assert on_disk["n"] == pl.Int16 and on_disk["satisfaction" + SUMSQ] in (pl.Int16, pl.Int32)
    built = stored_cube(sample).cube
    opened = open_cube(folder).cube
    assert opened.customer.schema["n"] == pl.Int64
    assert opened.customer.equals(built.customer) and opened.employee.equals(built.employee)


def test_narrowing_picks_a_type_that_holds_every_value():
    from cxlib.cubefile import _narrowed

    cells = pl.DataFrame(
        {"unit": [0, 1], "n": [3, 40_000], "a__sum": [-5, 7], "b__sum": [1, 2**40], BLOCK: [1, 1]}
    )
    narrow = _narrowed(cells, ("unit",))
    assert narrow.schema["n"] == pl.Int32 and narrow.schema["a__sum"] == pl.Int16
    assert narrow.schema["b__sum"] == pl.Int64
    assert narrow.cast(cells.schema).equals(cells)
    assert _narrowed(cells.clear(), ("unit",)).equals(cells.clear())
