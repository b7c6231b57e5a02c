"""Regenerate the shipped sample: `python -m cxlib.sample [folder]` (default: sample_data/).

`python -m cxlib.sample --examples [folder]` writes the small example files (docs/examples/).
"""

import sys
from pathlib import Path

from ..dataset import SAMPLE_DIR
from . import write_examples, write_sample

if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--examples"]:
        target = Path(args[1]) if len(args) > 1 else SAMPLE_DIR.parent / "docs" / "examples"
        written = write_examples(target)
    else:
        written = write_sample(Path(args[0]) if args else SAMPLE_DIR)
    for path in written:
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
