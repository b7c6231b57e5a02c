"""pydantic models: the theme map's rules, settings' bounds, the manifest."""

import pytest
from pydantic import ValidationError

from cxlib import Manifest, Settings, Theme, ThemeMap


def theme(name, employee=("e1",), customer=("c1",)):
    return Theme(name=name, employee_items=employee, customer_items=customer)


def test_theme_map_lists_items_per_side_in_order():
    themes = ThemeMap(themes=(theme("A", ("e1", "e2"), ("c1",)), theme("B", ("e3",), ())))
    assert themes.employee_items == ("e1", "e2", "e3")
    assert themes.customer_items == ("c1",)
    assert themes.common_themes == ("A",)


def test_an_item_cannot_belong_to_two_themes():
    with pytest.raises(ValidationError, match="more than one theme: e1"):
        ThemeMap(themes=(theme("A"), theme("B", ("e1",), ("c2",))))


def test_theme_names_are_unique():
    with pytest.raises(ValidationError, match="unique"):
        ThemeMap(themes=(theme("A"), theme("A", ("e2",), ("c2",))))


def test_theme_map_is_hashable_for_caching():
    first = ThemeMap(themes=(theme("A"),))
    assert hash(first) == hash(ThemeMap(themes=(theme("A"),)))


def test_settings_default_to_the_industry_norm_and_reject_unsafe_values():
    assert Settings().min_group_size == 5
    with pytest.raises(ValidationError):
        Settings(min_group_size=2)  # groups this small would expose individuals
    with pytest.raises(ValidationError):
        Settings(confidence=1.0)


def test_manifest_rejects_unknown_fields():
    with pytest.raises(ValidationError):
        Manifest(name="x", colour="blue")


def test_a_manifest_s_finnish_names_are_words_kept_hashable_and_read_back():
    """names_fi is written as an object in manifest.json; an empty or non-text word is refused
    (a theme must not vanish from a Finnish page), and the manifest stays hashable and reads
    back the same from its own JSON (a cube folder stores it that way)."""
    manifest = Manifest(name="x", names_fi={"Engagement": "Työn imu", "Wellbeing": "Hyvinvointi"})
    assert manifest.finnish_names == {"Engagement": "Työn imu", "Wellbeing": "Hyvinvointi"}
    assert hash(manifest) == hash(Manifest.model_validate_json(manifest.model_dump_json()))
    bad = ({"Engagement": ""}, {"Engagement": 3}, {"Engagement": "x" * 201}, "Työn imu", None)
    for value in (*bad, ["Engagement"]):
        with pytest.raises(ValidationError, match="names_fi( must be an object|: the word for)"):
            Manifest(name="x", names_fi=value)
