"""cxlib: how employee experience (EX) shows up in customer experience (CX).

Pure Python and polars; usable from a notebook without the app.
"""

from .dataset import SAMPLE_DIR, Dataset, load_dataset, load_sample
from .errors import DataError, Problem
from .models import Manifest, Settings, Theme, ThemeMap
from .summary import Summary, summarize

__all__ = [
    "SAMPLE_DIR",
    "DataError",
    "Dataset",
    "Manifest",
    "Problem",
    "Settings",
    "Theme",
    "ThemeMap",
    "load_dataset",
    "load_sample",
    "Summary",
    "summarize",
]
