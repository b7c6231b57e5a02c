"""Touch classes: industry default, company strategy, and a user's reclassification on top."""

import polars as pl

from cxlib.touch import NO_RECLASSIFICATION, Reclassification, companies_with_touch, touch_expr

INDUSTRIES = pl.DataFrame({"industry": ["Hotels", "Energy"], "touch": ["high", "low"]})
FIRMS = pl.DataFrame(
    {
        "company": ["Inn", "Boreal", "Grid"],
        "industry": ["Hotels", "Energy", "Energy"],
        "strategy": [None, "high", None],
    },
    schema={"company": pl.String, "industry": pl.String, "strategy": pl.String},
)


def touch_of(reclassify=NO_RECLASSIFICATION) -> dict[str, str]:
    out = FIRMS.with_columns(touch_expr(INDUSTRIES, reclassify))
    return dict(zip(out["company"], out["touch"], strict=True))


def test_industry_default_unless_the_company_has_a_strategy():
    assert touch_of() == {"Inn": "high", "Boreal": "high", "Grid": "low"}


def test_reclassifying_an_industry_moves_its_companies_but_not_strategies():
    moved = touch_of(Reclassification(industries=(("Energy", "high"), ("Hotels", "low"))))
    assert moved == {"Inn": "low", "Boreal": "high", "Grid": "high"}


def test_a_company_mapping_overrides_everything():
    moved = touch_of(
        Reclassification(
            industries=(("Hotels", "low"),), companies=(("Inn", "high"), ("Boreal", "low"))
        )
    )
    assert moved == {"Inn": "high", "Boreal": "low", "Grid": "low"}


def test_reclassification_is_order_insensitive_and_hashable():
    """Equal mappings are equal cache keys, whatever order a workshop made them in."""
    a = Reclassification(companies=(("B", "low"), ("A", "high")))
    b = Reclassification(companies=(("A", "high"), ("B", "low")))
    assert a == b and hash(a) == hash(b)
    assert Reclassification(companies=(("A", "high"), ("A", "low"))).companies == (("A", "low"),)


def test_companies_with_touch_leaves_the_data_as_it_was(sample):
    """Only two columns are added; every original column is unchanged."""
    moved = companies_with_touch(sample, Reclassification(industries=(("Hotels", "low"),)))
    assert moved.select(sample.companies.columns).equals(sample.companies)
    assert set(moved.filter(pl.col("industry") == "Hotels")["touch"]) == {"low"}
    assert set(moved.filter(pl.col("industry") == "Hotels")["industry_touch"]) == {"high"}
