"""cxlib: how employee experience (EX) shows up in customer experience (CX).

Pure Python and polars; usable from a notebook without the app. Data walks one way:
files → Dataset → cube → unit table (engine) → analyses (groups, themes, drivers, lags).
"""

from .codes import Caveat, Quadrant
from .dataset import SAMPLE_DIR, Dataset, load_dataset, load_sample
from .drivers import priority_table, relative_weights, theme_drivers
from .engine import Linkage, UnitTable
from .errors import DataError, Problem
from .export import view_aggregates
from .filters import FilterState
from .groups import TouchGap, correlation_by, touch_gap
from .lags import cross_lagged, trend
from .models import Manifest, Settings, Theme, ThemeMap
from .panel import PanelTable, panel_table
from .stats import Comparison, Correlation, compare_correlations, correlation
from .summary import Summary, summarize
from .themes import theme_correlations, theme_levels, theme_matrix
from .touch import Reclassification

__all__ = [
    "SAMPLE_DIR",
    "Caveat",
    "Comparison",
    "Correlation",
    "DataError",
    "Dataset",
    "FilterState",
    "Linkage",
    "Manifest",
    "PanelTable",
    "Problem",
    "Quadrant",
    "Reclassification",
    "Settings",
    "Summary",
    "Theme",
    "ThemeMap",
    "TouchGap",
    "UnitTable",
    "compare_correlations",
    "correlation",
    "correlation_by",
    "cross_lagged",
    "load_dataset",
    "load_sample",
    "panel_table",
    "priority_table",
    "relative_weights",
    "summarize",
    "theme_correlations",
    "theme_drivers",
    "theme_levels",
    "theme_matrix",
    "touch_gap",
    "trend",
    "view_aggregates",
]
