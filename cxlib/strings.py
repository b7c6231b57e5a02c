"""Every text the app shows, in one place (English); a translation replaces this dict."""

TEXT: dict[str, str] = {
    "app_title": "CX–EX Explorer",
    "tagline": (
        "Where, and through which parts of the employee experience, does the staff's "
        "experience show up in what customers experience?"
    ),
    "page_overview": "Overview",
    "loading_sample": "Loading the sample data…",
    "synthetic_notice": "**Synthetic data.** {description}",
    "panel_heading": "Company panel",
    "panel_caption": (
        "Benchmark level: one row per company and year, employer-review rating (1–5) and "
        "ACSI-style customer score (0–100). Touch counts use each industry's default; "
        "{overrides} companies run a different touch strategy."
    ),
    "linkage_heading": "Linkage study",
    "linkage_caption": (
        "Unit level: employee and customer surveys joined by business unit and period over "
        "{periods} periods ({first}–{last}), on {themes} common themes: {theme_list}."
    ),
    "metric_companies": "Companies",
    "metric_industries": "Industries",
    "metric_years": "Years",
    "metric_high_touch": "High-touch industry",
    "metric_low_touch": "Low-touch industry",
    "metric_mean_rating": "Mean employee rating ({year})",
    "metric_mean_score": "Mean customer score ({year})",
    "metric_units": "Business units",
    "metric_periods": "Periods",
    "metric_employee_responses": "Employee responses",
    "metric_customer_responses": "Customer responses",
    "no_data": "The dataset has neither a company panel nor a linkage study.",
    "load_notes": "Notes from loading the data",
}
