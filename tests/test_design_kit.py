"""The paired surveys: at least ten common themes, each asked of staff (2–3 items) and of
customers (1–2), in English and Finnish, with column ids the importer knows again."""

import io

import polars as pl

from cxlib import design_kit
from cxlib.mapping import theme_of


def test_at_least_ten_themes_worded_for_both_sides_in_both_languages():
    assert len(design_kit.THEMES) >= 10
    for theme in design_kit.THEMES:
        assert 2 <= len(theme.staff) <= 3 and 1 <= len(theme.customers) <= 2
        for item in (*theme.staff, *theme.customers):
            assert item.en.strip() and item.fi.strip() and item.en != item.fi
    ids = [i.id for t in design_kit.THEMES for i in (*t.staff, *t.customers)]
    assert len(ids) == len(set(ids))


def test_the_samples_questions_are_the_kits():
    """Every question of the sample is the kit's, under the same id and theme."""
    sample = pl.read_csv("sample_data/theme_map.csv")
    kit = design_kit.theme_map()
    assert set(sample.rows()) <= set(kit.rows())
    assert [t.name for t in design_kit.THEMES[:6]] == list(
        sample["theme"].unique(maintain_order=True)
    )


def test_importer_knows_every_question_by_id_and_by_either_wording():
    for theme in design_kit.THEMES:
        for side, items in (("staff", theme.staff), ("customers", theme.customers)):
            for item in items:
                assert theme_of(item.id, "", side) == theme.name
                assert theme_of("Q7", item.en, side) == theme.name
                assert theme_of("Q7", item.fi, side) == theme.name


def test_downloads():
    book = design_kit.xlsx()
    sheets = pl.read_excel(io.BytesIO(book), sheet_id=0)
    assert set(sheets) == {"questionnaire", "theme map"}
    assert sheets["questionnaire"].height == design_kit.questionnaire().height
    text = design_kit.qualtrics_txt("staff", "fi")
    assert text.startswith("[[AdvancedFormat]]")
    assert "[[ID:ex_empowerment]]" in text and "Täysin samaa mieltä" in text
    assert text.count("[[Question:Matrix]]") == len(design_kit.THEMES)
