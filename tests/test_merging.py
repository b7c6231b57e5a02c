"""Sealed cubes of a study's parts, built apart, merge into the study's own sealed cube; parts
that cannot (a unit-period split between them, other floors, a unit told two ways) are refused."""

from __future__ import annotations

import dataclasses
import subprocess

import polars as pl
import pytest

import cxlib
from cxlib.cubefile import open_cube, stored_cube, write_cube
from cxlib.filters import FilterState
from cxlib.merging import merge_stored
from cxlib.models import Settings

from .conftest import ROOT, cxlib_command


def part(data, units: pl.Expr | None = None, rows: pl.Expr | None = None):
    """The study restricted to some units (its units table too) and/or some response rows."""
    kept = data.units.filter(units) if units is not None else data.units
    ids = kept.get_column("unit_id").implode()
    keep = pl.col("unit_id").is_in(ids) & (rows if rows is not None else pl.lit(True))
    return dataclasses.replace(
        data,
        units=kept,
        employee=data.employee.filter(keep),
        customer=data.customer.filter(keep),
    )


@pytest.fixture(scope="module")
def study(sample):
    """The sample less one segment's customers in half the companies: a part built from
    those companies has a vocabulary without the segment (its blocks' bits sit elsewhere)."""
    companies = sample.units.get_column("company").unique().sort().to_list()
    half = pl.col("company").is_in(companies[::2])
    ids = sample.units.filter(half).get_column("unit_id").implode()
    dropped = pl.col("unit_id").is_in(ids) & (pl.col("segment") == "Public sector")
    whole = dataclasses.replace(sample, customer=sample.customer.filter(~dropped))
    return whole, half


def split_by(study, how: str):
    whole, half = study
    if how == "company":
        return [part(whole, units=half), part(whole, units=~half)]
    periods = whole.periods
    early = pl.col("period").is_in(list(periods[:3]))
    return [part(whole, rows=early), part(whole, rows=~early)]


@pytest.mark.parametrize("how", ["company", "period"])
def test_parts_sealed_apart_merge_into_the_whole_s_sealed_cube(study, how):
    whole, _ = study
    parts = [stored_cube(p) for p in split_by(study, how)]
    own = [p.cube.dimensions for p in parts]
    assert any(d.segments != parts[0].cube.dimensions.segments for d in own) or how == "period"
    merged, expected = merge_stored(parts), stored_cube(whole)
    assert merged.cube.dimensions.same_as(expected.cube.dimensions)
    assert merged.cube.employee.equals(expected.cube.employee)
    assert merged.cube.customer.equals(expected.cube.customer)
    assert merged.responses == expected.responses
    served, built = merged.linkage(), expected.linkage()
    for view in (
        FilterState(),
        FilterState(segments=("Public sector",), channels=("phone",)),
        FilterState(roles=("customer-facing",), periods=whole.periods[2:5]),
    ):
        assert served.unit_table(view).table.equals(built.unit_table(view).table)


def test_a_merged_folder_opens_as_the_whole_s(study, tmp_path):
    whole, _ = study
    folders = [
        write_cube(stored_cube(p), tmp_path / f"part{i}")
        for i, p in enumerate(split_by(study, "company"))
    ]
    merged = merge_stored([open_cube(f) for f in folders])
    opened = open_cube(write_cube(merged, tmp_path / "whole"))
    assert opened.cube.customer.equals(stored_cube(whole).cube.customer)
    assert opened.fingerprint.startswith("merged-")


def test_parts_that_split_a_unit_period_are_refused(study):
    """By channel, each unit-period's customers fall in two parts: their blocks were formed
    apart, and no merge of sealed cells can form the whole's again."""
    whole, _ = study
    phone = pl.col("channel") == "phone"
    parts = [
        stored_cube(dataclasses.replace(whole, customer=whole.customer.filter(keep)))
        for keep in (phone, ~phone)
    ]
    with pytest.raises(cxlib.DataError, match="share unit-periods"):
        merge_stored(parts)


def test_parts_sealed_at_other_floors_or_telling_a_unit_two_ways_are_refused(study):
    whole, half = study
    first, second = split_by(study, "company")
    with pytest.raises(cxlib.DataError, match="floors"):
        merge_stored([stored_cube(first), stored_cube(second, Settings(min_group_size=7))])
    moved = second.units.with_columns(
        pl.when(pl.int_range(pl.len()) == 0)
        .then(pl.lit("Elsewhere"))
        .otherwise("company")
        .alias("company")
    )
    told = dataclasses.replace(first, units=pl.concat([first.units, moved.head(1)]))
    with pytest.raises(cxlib.DataError, match="units described differently by two parts"):
        merge_stored([stored_cube(told), stored_cube(second)])


def merge_command(*args: str) -> subprocess.CompletedProcess:
    """python -m cxlib merge-cubes ARGS, as a data team runs it."""
    return cxlib_command("merge-cubes", *args)


def test_the_command_merges_part_folders_and_refuses_to_write_over_a_part(study, tmp_path):
    whole, _ = study
    folders = [
        str(write_cube(stored_cube(p), tmp_path / f"part{i}"))
        for i, p in enumerate(split_by(study, "period"))
    ]
    done = merge_command(*folders, "-o", str(tmp_path / "whole"))
    assert done.returncode == 0, done.stderr
    assert "done:" in done.stderr and "2 parts" in done.stderr
    assert open_cube(tmp_path / "whole").cube.employee.equals(stored_cube(whole).cube.employee)
    over = merge_command(*folders, "-o", folders[0])
    assert over.returncode == 2 and "write elsewhere" in over.stderr
    (tmp_path / "part1" / "units.parquet").unlink()
    broken = merge_command(*folders, "-o", str(tmp_path / "again"))
    assert broken.returncode == 2 and "Traceback" not in broken.stderr
    assert f"{folders[1]}: units.parquet" in broken.stderr and not (tmp_path / "again").exists()
    study = merge_command(str(ROOT / "sample_data"), folders[0], "-o", str(tmp_path / "again"))
    said = study.stderr.splitlines()[-1]  # a study's folder, not a cube's: named once
    assert study.returncode == 2 and said.endswith("sample_data: not a cube folder: no cube.json")
    assert said.count("sample_data") == 1
