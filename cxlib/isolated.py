"""Files that native code reads (XLSX, SPSS) are read in a child process.

A hostile file can make a native reader abort its process (a 2 KB workbook whose one cell sits
at XFD1048576 asks for 550 GB), crash it (a damaged SPSS file), or grow it by gigabytes. In the
server's process that would end every reader's session at once; in a child it ends the child,
and the reader is told why. The child takes the file on stdin (nothing is written to disk) and
gives back the table as Arrow IPC on stdout, after a line of JSON for what is not a table.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import polars as pl

READER_MEMORY = 1_500_000_000
"""Bytes a reading child may hold: a file that needs more is refused (the child and the process
that asked for it stay within 2 GB together)."""
READER_SECONDS = 60.0
"""Seconds a reading child may take."""
_POLL_S = 0.02


class ReaderError(Exception):
    """The child could not read the file. cause: "memory", "time", "broke off" (died without a
    word), or "said" (the reader's own message, in detail)."""

    def __init__(self, cause: str, detail: str = ""):
        super().__init__(f"{cause}: {detail}" if detail else cause)
        self.cause, self.detail = cause, detail


def read_isolated(kind: str, data: bytes, header: bool = True) -> tuple[pl.DataFrame, dict]:
    """Read `data` as `kind` ("xlsx": the first sheet with cells; "sav": an SPSS file) in a
    child process; return the table and what else the reader gave (XLSX: the sheet read, when
    empty ones came first; SPSS: names, labels, value labels)."""
    # This file as a script, not the cxlib package: the child imports only what it reads with;
    # -P keeps cxlib's folder off its path (its modules would shadow others of the same name).
    command = [sys.executable, "-P", __file__, kind, "header" if header else "grid"]
    child = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    output: dict[str, bytes] = {}
    pipes = [
        threading.Thread(target=_feed, args=(child.stdin, data), daemon=True),
        threading.Thread(target=_drain, args=(child.stdout, output, "out"), daemon=True),
        threading.Thread(target=_drain, args=(child.stderr, output, "err"), daemon=True),
    ]
    for pipe in pipes:
        pipe.start()
    started, over = time.monotonic(), None
    while child.poll() is None:
        if _resident(child.pid) > READER_MEMORY:
            over = "memory"
        elif time.monotonic() - started > READER_SECONDS:
            over = "time"
        if over:
            child.kill()
            child.wait()
            break
        time.sleep(_POLL_S)
    for pipe in pipes:
        pipe.join()
    said = output.get("err", b"").decode("utf-8", "replace").strip()
    if "memory allocation" in said:  # a native reader that asked for more than there is
        over = "memory"
    if over:
        raise ReaderError(over)
    if child.returncode != 0:
        if child.returncode > 0 and said:  # the reader's own message: the file is not readable
            raise ReaderError("said", said.splitlines()[-1][:300])
        raise ReaderError("broke off")
    out = output["out"]
    end = out.index(b"\n")
    return pl.read_ipc_stream(io.BytesIO(out[end + 1 :])), json.loads(out[:end])


def _feed(pipe, data: bytes) -> None:
    try:
        pipe.write(data)
        pipe.close()
    except (BrokenPipeError, OSError):  # the child stopped before taking it all
        pass


def _drain(pipe, into: dict[str, bytes], key: str) -> None:
    into[key] = pipe.read()


def _resident(pid: int) -> int:
    """The process's resident memory in bytes (0 where the system does not say)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    line = next((x for x in status.splitlines() if x.startswith("VmRSS:")), "VmRSS: 0 kB")
    return int(line.split()[1]) * 1024


def _read(kind: str, data: bytes, header: bool) -> tuple[pl.DataFrame, dict]:
    """In the child: the native reader itself."""
    if kind == "xlsx":
        return _first_sheet_with_cells(data, header)
    import pyreadstat  # only for .sav files: a C extension most datasets never need

    frame, meta = pyreadstat.read_sav(io.BytesIO(data), output_format="polars")
    labels = {
        name: [[_code(code), str(text)] for code, text in values.items()]
        for name, values in meta.variable_value_labels.items()
    }
    names = dict(zip(meta.column_names, meta.column_labels, strict=True))
    return frame, {"labels": labels, "names": {k: v or "" for k, v in names.items()}}


def _first_sheet_with_cells(data: bytes, header: bool) -> tuple[pl.DataFrame, dict]:
    """The first sheet; if it has no cells at all (a cover sheet left blank, the table on
    the next), the first one that has, named, with the empty ones before it."""
    import fastexcel  # polars' own XLSX reader: the sheets' names without reading them

    names = fastexcel.read_excel(data).sheet_names
    for index, name in enumerate(names):
        frame = pl.read_excel(
            io.BytesIO(data),
            sheet_name=name,
            has_header=header,
            infer_schema_length=0,
            raise_if_empty=False,
            # Kept, so that rows are numbered as the sheet numbers them (an empty row had moved
            # every later row's number up by one); readers.skip_empty_rows says them instead.
            drop_empty_rows=False,
        )
        if frame.width or index == len(names) - 1:
            found = {"sheet": name, "empty": names[:index]} if index else {}
            return frame, found
    return pl.DataFrame(), {}  # a workbook of no sheets


def _code(value) -> str:
    """A value label's code as the text the answers column holds (1.0 → '1')."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _main() -> None:
    kind, header = sys.argv[1], sys.argv[2] == "header"
    try:
        frame, extra = _read(kind, sys.stdin.buffer.read(), header)
    except Exception as error:  # said to the parent, which words it for the reader
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        sys.stderr.write(reason + "\n")
        sys.exit(3)
    sys.stdout.buffer.write(json.dumps(extra).encode() + b"\n")
    frame.write_ipc_stream(sys.stdout.buffer)


if __name__ == "__main__":
    _main()
