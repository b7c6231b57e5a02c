"""cxlib: how employee experience (EX) shows up in customer experience (CX).

Pure Python and polars; usable from a notebook without the app. Data walks one way:
files → Dataset → cube → unit table (engine) → analyses (groups, themes, drivers, lags).
"""

from .bootstrap import bca_interval, percentile_interval
from .breaks import channel_mix, pattern_breaks
from .codes import Caveat, Quadrant
from .companies import CompanyTest, compare_companies
from .confounding import ChannelGaps, channel_gaps
from .dataset import SAMPLE_DIR, Dataset, load_dataset, load_sample
from .dominance import dominance_weights, general_dominance
from .drivers import priority_table, relative_weights, theme_drivers
from .engine import Linkage, UnitTable
from .errors import DataError, Problem
from .export import view_aggregates
from .exports import Export, read_export
from .filters import FilterState
from .groups import TouchGap, correlation_by, touch_gap
from .importer import import_exports
from .lags import any_in_a_row, cross_lagged, trend
from .mapping import ImportMapping, suggest
from .models import Manifest, Settings, Theme, ThemeMap
from .panel import PanelTable, panel_table
from .reliability import Reliability, disattenuate, icc, icc_from_sums, staff_reliability
from .splits import adjust_together, split_differences
from .stats import Comparison, Correlation, adjust_p_values, compare_correlations, correlation
from .summary import Summary, summarize
from .themes import theme_correlations, theme_levels, theme_matrix
from .touch import Reclassification

__all__ = [
    "SAMPLE_DIR",
    "Caveat",
    "ChannelGaps",
    "CompanyTest",
    "Comparison",
    "Correlation",
    "DataError",
    "Dataset",
    "Export",
    "FilterState",
    "ImportMapping",
    "Linkage",
    "Manifest",
    "PanelTable",
    "Problem",
    "Quadrant",
    "Reclassification",
    "Reliability",
    "Settings",
    "Summary",
    "Theme",
    "ThemeMap",
    "TouchGap",
    "UnitTable",
    "adjust_p_values",
    "adjust_together",
    "any_in_a_row",
    "bca_interval",
    "channel_gaps",
    "channel_mix",
    "compare_companies",
    "compare_correlations",
    "correlation",
    "correlation_by",
    "cross_lagged",
    "disattenuate",
    "dominance_weights",
    "general_dominance",
    "icc",
    "icc_from_sums",
    "import_exports",
    "load_dataset",
    "load_sample",
    "panel_table",
    "pattern_breaks",
    "percentile_interval",
    "priority_table",
    "read_export",
    "relative_weights",
    "split_differences",
    "staff_reliability",
    "suggest",
    "summarize",
    "theme_correlations",
    "theme_drivers",
    "theme_levels",
    "theme_matrix",
    "touch_gap",
    "trend",
    "view_aggregates",
]
