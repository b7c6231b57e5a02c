"""Hostile files, built by code (nothing large is stored), and a child-process runner that
loads one case, builds the engine and runs a first query, and reports how it ended, how long
it took and the peak memory (not a test module; tests/test_hostile.py runs it).

    python -m tests.hostile write CASE FOLDER    builds the case's files
    python -m tests.hostile load FOLDER          prints one JSON line: outcome, message,
                                                 seconds, peak_mb
"""

from __future__ import annotations

import io
import json
import os
import resource
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import polars as pl

from cxlib.dataset import SAMPLE_DIR
from cxlib.readers import COMPOUND_FILE

EXAMPLES = SAMPLE_DIR.parent / "docs" / "examples"
CHILDREN = resource.RUSAGE_CHILDREN


def examples() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(EXAMPLES.glob("*.csv"))}


def parquet(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    return buffer.getvalue()


def csv(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_csv(buffer)
    return buffer.getvalue()


def swap(files: dict[str, bytes], name: str, data: bytes) -> dict[str, bytes]:
    kept = {k: v for k, v in files.items() if k.split(".")[0] != name.split(".")[0]}
    return kept | {name: data}


def study(units: int, periods: int, segments: int, customers: int, staff: int, seed: int = 1):
    """A valid linkage study of the given size (theme map and industries of the examples)."""
    rng = np.random.default_rng(seed)
    unit_ids = [f"U{i:05d}" for i in range(units)]
    labels = [f"P{i:05d}" for i in range(periods)]
    names = [f"S{i:05d}" for i in range(segments)]
    files = examples()
    themes = pl.read_csv(io.BytesIO(files["theme_map.csv"]))
    ex_items = themes.filter(pl.col("side") == "employee")["item"].to_list()
    cx_items = themes.filter(pl.col("side") == "customer")["item"].to_list()
    files["units.csv"] = csv(
        pl.DataFrame(
            {
                "unit_id": unit_ids,
                "company": ["Acme"] * units,
                "industry": ["Hotels"] * units,
                "region": ["North"] * units,
            }
        )
    )
    staff_frame = pl.DataFrame(
        {
            "respondent_id": [f"E{i}" for i in range(staff)],
            "unit_id": pl.Series(unit_ids).sample(staff, with_replacement=True, seed=seed),
            "period": pl.Series(labels).sample(staff, with_replacement=True, seed=seed + 1),
            "role": ["customer-facing"] * staff,
            **{item: rng.integers(1, 6, staff) for item in ex_items},
        }
    )
    customer_frame = pl.DataFrame(
        {
            "response_id": [f"C{i}" for i in range(customers)],
            "unit_id": pl.Series(unit_ids).sample(customers, with_replacement=True, seed=seed),
            "period": pl.Series(labels).sample(customers, with_replacement=True, seed=seed + 2),
            "segment": pl.Series(names).sample(customers, with_replacement=True, seed=seed + 3),
            "channel": ["phone"] * customers,
            **{item: rng.integers(1, 6, customers) for item in cx_items},
            "satisfaction": rng.integers(0, 11, customers),
            "recommend": rng.integers(0, 11, customers),
        }
    )
    files["employee_responses.parquet"] = parquet(staff_frame)
    files["customer_responses.parquet"] = parquet(customer_frame)
    del files["employee_responses.csv"], files["customer_responses.csv"]
    return files


def as_csv(files: dict[str, bytes]) -> dict[str, bytes]:
    """The same study with its Parquet files written as CSV (what most exports are)."""
    out = {}
    for name, data in files.items():
        if name.endswith(".parquet"):
            out[name.replace(".parquet", ".csv")] = csv(pl.read_parquet(io.BytesIO(data)))
        else:
            out[name] = data
    return out


def zip_bomb(size: int = 300_000_000) -> bytes:
    """An XLSX-shaped zip whose one sheet inflates from about 300 KB to `size` bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            chunk = b"0" * 1_000_000
            for _ in range(size // len(chunk)):
                sheet.write(chunk)
    return buffer.getvalue()


SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RELATIONS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORKBOOK_PARTS = {
    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    "_rels/.rels": f'<Relationships xmlns="{RELATIONS}"><Relationship Id="rId1" '
    f'Type="{OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<workbook {SHEET_NS} xmlns:r="{OFFICE}"><sheets><sheet name="Sheet1" '
    'sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{RELATIONS}"><Relationship '
    f'Id="rId1" Type="{OFFICE}/worksheet" Target="worksheets/sheet1.xml"/><Relationship '
    f'Id="rId2" Type="{OFFICE}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
}


def workbook(rows: str, strings: list[str]) -> bytes:
    """A minimal XLSX: one sheet of these rows (sheetData XML) over these shared strings."""
    shared = "".join(f"<si><t>{s}</t></si>" for s in strings)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, part in WORKBOOK_PARTS.items():
            archive.writestr(name, part)
        archive.writestr("xl/sharedStrings.xml", f"<sst {SHEET_NS}>{shared}</sst>")
        sheet = f"<worksheet {SHEET_NS}><sheetData>{rows}</sheetData></worksheet>"
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def far_cell() -> bytes:
    """2 KB: a cell at A1 and one at the sheet's far corner, XFD1048576 (a dense reader asks
    for the whole range: 550 GB)."""
    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    rows += '<row r="1048576"><c r="XFD1048576" t="s"><v>0</v></c></row>'
    return workbook(rows, ["unit_id"])


def shared_string_bomb(rows: int = 1_000, columns: int = 10) -> bytes:
    """25 KB that unpacks to 2 MB, within the zip budget: every cell is the same 2 MB shared
    string, which the reader copies into each cell (gigabytes)."""
    letters = [chr(65 + j) for j in range(columns)]
    header = "".join(f'<c r="{c}1" t="s"><v>{j + 1}</v></c>' for j, c in enumerate(letters))
    body = "".join(
        f'<row r="{i}">' + "".join(f'<c r="{c}{i}" t="s"><v>0</v></c>' for c in letters) + "</row>"
        for i in range(2, rows + 2)
    )
    return workbook(f'<row r="1">{header}</row>{body}', ["A" * 2_000_000, *letters])


def nested_json(depth: int = 30_000) -> bytes:
    """Nested deeper than Python's parser recurses, yet under the manifest's size limit."""
    return b'{"name": ' + b"[" * depth + b"]" * depth + b"}"


def parquet_types() -> bytes:
    units = pl.read_csv(EXAMPLES / "units.csv")
    return parquet(
        units.with_columns(
            pl.lit(b"\x00\x01").alias("blob"),
            pl.duration(days=1).alias("how_long"),
            pl.concat_list(pl.lit(1), pl.lit(2)).alias("numbers"),
            pl.struct(pl.lit(1).alias("a")).alias("nested"),
            pl.col("region").cast(pl.Binary).alias("region"),
        )
    )


def parquet_nested() -> bytes:
    """Contract columns stored as a struct, a list and a duration."""
    units = pl.read_csv(EXAMPLES / "units.csv")
    return parquet(
        units.with_columns(
            pl.struct(pl.col("company")).alias("company"),
            pl.concat_list(pl.col("industry")).alias("industry"),
            pl.duration(days=1).alias("region"),
        )
    )


def mixed_encoding() -> bytes:
    """UTF-8 "Nörth" and a Windows-1252 "Pöri" in one file (a file pasted together)."""
    text = (EXAMPLES / "units.csv").read_bytes()
    return text.replace(b",North,", b",N\xc3\xb6rth,", 1).replace(b",North,", b",P\xf6ri,", 1)


CASES = {
    "empty_files": lambda: {name: b"" for name in examples()},
    "binary_csv": lambda: swap(examples(), "units.csv", bytes(range(256)) * 40),
    "truncated_parquet": lambda: swap(
        examples(), "units.parquet", parquet(pl.read_csv(EXAMPLES / "units.csv"))[:200]
    ),
    "zip_bomb_xlsx": lambda: swap(examples(), "units.xlsx", zip_bomb()),
    "far_cell_xlsx": lambda: swap(examples(), "units.xlsx", far_cell()),
    # the signature every encrypted workbook and .xls file begins with, then a blank sector
    "locked_xlsx": lambda: swap(examples(), "units.xlsx", COMPOUND_FILE + bytes(504)),
    "shared_string_xlsx": lambda: swap(examples(), "units.xlsx", shared_string_bomb()),
    "nul_bytes": lambda: swap(
        examples(),
        "units.csv",
        (EXAMPLES / "units.csv").read_bytes().replace(b"North", b"No\x00rth"),
    ),
    "utf16": lambda: swap(
        examples(),
        "units.csv",
        (EXAMPLES / "units.csv").read_text(encoding="utf-8").encode("utf-16"),
    ),
    "random_50mb": lambda: swap(examples(), "customer_responses.csv", os.urandom(50_000_000)),
    "rows_3m": lambda: study(
        units=3_000, periods=8, segments=4, customers=3_000_000, staff=300_000
    ),
    "rows_3m_csv": lambda: as_csv(
        study(units=3_000, periods=8, segments=4, customers=3_000_000, staff=300_000)
    ),
    "wide_header": lambda: swap(
        examples(),
        "units.csv",
        (
            ",".join(f"c{i}" for i in range(100_000)) + "\n" + ",".join("1" * 100_000) + "\n"
        ).encode(),
    ),
    "huge_grid": lambda: study(
        units=2_000, periods=20_000, segments=2, customers=40_000, staff=40_000
    ),
    "many_segments": lambda: study(
        units=100, periods=4, segments=20_000, customers=40_000, staff=4_000
    ),
    "nested_json": lambda: examples() | {"manifest.json": nested_json()},
    "many_industries": lambda: swap(
        examples(),
        "industries.csv",
        ("industry,touch\n" + "".join(f"Industry {i},high\n" for i in range(20_000))).encode(),
    ),
    "parquet_types": lambda: swap(examples(), "units.parquet", parquet_types()),
    "mixed_encoding": lambda: swap(examples(), "units.csv", mixed_encoding()),
    "parquet_nested": lambda: swap(examples(), "units.parquet", parquet_nested()),
}


def write(case: str, folder: Path) -> None:
    """Build a case's files into a folder (the test does this before timing the load)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in CASES[case]().items():
        (folder / name).write_bytes(data)


def load(folder: Path) -> dict:
    """Load a folder's files as an upload, build the engine, run a first query; report."""
    import cxlib

    files = {path.name: path.read_bytes() for path in sorted(folder.iterdir())}
    start = time.perf_counter()
    try:
        data = cxlib.load_dataset(files)
        if data.has_linkage:
            engine = cxlib.Linkage(data)
            cxlib.touch_gap(engine.unit_table(cxlib.FilterState()))
        outcome, message = "loaded", ""
    except cxlib.DataError as error:
        outcome, message = "DataError", str(error)
    except Exception as error:  # the test fails on this: every end must be one of the two above
        outcome, message = type(error).__name__, str(error)[:500]
    seconds = time.perf_counter() - start
    # The loader's own peak (VmHWM: ru_maxrss would carry over pytest's, across fork and
    # exec), or a reading child's (isolated.py; its ru_maxrss starts at this process's size
    # when it was started, so it is never less than the truth), whichever is larger.
    peak = max(_own_peak_kb(), resource.getrusage(CHILDREN).ru_maxrss) / 1024
    return {"outcome": outcome, "message": message[:2000], "seconds": seconds, "peak_mb": peak}


def _own_peak_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # not Linux: an upper bound


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2], Path(sys.argv[3]))
    else:
        print(json.dumps(load(Path(sys.argv[2]))), flush=True)
