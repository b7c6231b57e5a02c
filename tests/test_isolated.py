"""Native readers (XLSX, SPSS) run in a child process: a file that crashes or bloats them ends in
a message, and the process that asked (the server, for every session) lives on."""

from __future__ import annotations

import io
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import polars as pl

from cxlib.isolated import read_isolated
from cxlib.readers import read_table

from .conftest import ROOT
from .hostile import far_cell, workbook


def spss_file() -> bytes:
    """A small SPSS file as its own tool writes it: 60 answers, labels, value labels."""
    import pandas as pd
    import pyreadstat

    answers = [1.0, 2.0, 3.0, 4.0, 5.0, 3.0] * 10
    frame = pd.DataFrame({"unit": ["U1", "U2", "U3"] * 20, "q1": answers})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "base.sav"
        labels = {"q1": {1.0: "No", 5.0: "Yes"}}
        pyreadstat.write_sav(
            frame, path, column_labels=["Unit", "I like my job"], variable_value_labels=labels
        )
        return path.read_bytes()


EXTREMES = (b"\xff\xff\xff\x7f", b"\x00\x00\x00\x80", b"\xff\xff\xff\xff", b"\x00\x00\x00\x00")
"""32-bit fields set to an end of their range."""


def damaged(data: bytes, seed: int) -> bytes:
    """A few bytes overwritten, cut out or put in, as a broken download or disk would."""
    rng, data = random.Random(seed), bytearray(data)
    for _ in range(rng.randint(1, 8)):
        kind, at = rng.random(), rng.randrange(len(data))
        if kind < 0.5:
            data[at] = rng.randrange(256)
        elif kind < 0.7:
            data[at : at + 4] = rng.choice(EXTREMES)
        elif kind < 0.85:
            del data[at : at + rng.randint(1, 64)]
        else:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    return bytes(data)


def test_a_damaged_spss_file_that_crashes_its_reader_is_said_and_the_caller_lives():
    """pyreadstat 1.3.7 dies of a segmentation fault on these two damaged files (found by
    fuzzing): in the server's process that ended every session. Read in a process of its
    own here, so that a regression cannot take the test run down with it."""
    script = (
        "import sys; from cxlib.errors import DataError; from cxlib.exports import read_export\n"
        "try:\n    read_export('staff.sav', sys.stdin.buffer.read()); print('loaded')\n"
        "except DataError as error:\n    print(error.problems[0])\n"
    )
    for seed in (41, 175):
        done = subprocess.run(
            [sys.executable, "-c", script],
            input=damaged(spss_file(), seed),
            capture_output=True,
            cwd=ROOT,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr.decode()[-500:]
        said = done.stdout.decode()
        assert said.startswith("staff.sav: could not be read as SPSS: the reader broke off"), said


def test_a_workbook_asking_for_550_gb_is_refused_in_seconds():
    """One cell at XFD1048576: the spreadsheet reader asks for the whole range and aborts."""
    problem = read_table("units.xlsx", far_cell())
    assert "could not be read as XLSX: reading it needs more than 1,500 MB" in str(problem), problem


def test_the_child_reads_what_the_readers_themselves_read():
    """The same table and labels as polars and pyreadstat give when called directly."""
    import pyreadstat

    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
    rows += '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>4</v></c></row>'
    book = workbook(rows, ["unit_id", "Kuinka tyytyväinen olet?", "U1"])
    frame, _ = read_isolated("xlsx", book, header=False)
    direct = pl.read_excel(io.BytesIO(book), has_header=False, infer_schema_length=0)
    assert frame.equals(direct) and frame.row(0) == ("unit_id", "Kuinka tyytyväinen olet?")
    data = spss_file()
    frame, meta = read_isolated("sav", data)
    direct, info = pyreadstat.read_sav(io.BytesIO(data), output_format="polars")
    assert frame.equals(direct)
    assert meta["names"] == {"unit": "Unit", "q1": "I like my job"}
    assert meta["labels"] == {"q1": [["1", "No"], ["5", "Yes"]]}
    assert info.variable_value_labels == {"q1": {1.0: "No", 5.0: "Yes"}}
