"""Regenerate the shipped sample: `python -m cxlib.sample [folder]` (default: sample_data/)."""

import sys
from pathlib import Path

from ..dataset import SAMPLE_DIR
from . import write_sample

if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE_DIR
    for path in write_sample(target):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
