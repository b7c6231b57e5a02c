"""cxlib: how employee experience (EX) shows up in customer experience (CX).

Pure Python and polars; usable from a notebook without the app.
"""

from .dataset import SAMPLE_DIR, Dataset, load_dataset, load_sample
from .drivers import priority_table, relative_weights, theme_drivers
from .errors import DataError, Problem
from .filters import FilterState, Vocabulary, parse_view
from .lags import cross_lagged, trend
from .linkage import Linkage
from .models import Manifest, Settings, Theme, ThemeMap
from .panel import panel_correlation_by, panel_table, panel_touch_gap
from .stats import compare_correlations, correlation
from .summary import Summary, summarize
from .touch import Reclassification

__all__ = [
    "SAMPLE_DIR",
    "DataError",
    "Dataset",
    "FilterState",
    "Linkage",
    "Manifest",
    "Problem",
    "Reclassification",
    "Settings",
    "Summary",
    "Theme",
    "ThemeMap",
    "Vocabulary",
    "compare_correlations",
    "correlation",
    "cross_lagged",
    "load_dataset",
    "load_sample",
    "panel_correlation_by",
    "panel_table",
    "panel_touch_gap",
    "parse_view",
    "priority_table",
    "relative_weights",
    "summarize",
    "theme_drivers",
    "trend",
]
