"""Private deployments: only signed-in people whose e-mail domain is on the allow-list view the
data; the sample deployment needs no sign-in at all."""

import pytest

from cxlib.access import may_view

from .conftest import open_app

ALLOWED = ["example.fi", "Partner.COM"]


@pytest.mark.parametrize(
    ("email", "verdict"),
    [
        ("anna@example.fi", True),
        ("Anna@EXAMPLE.FI", True),
        ("olli@partner.com", True),
        ("eve@mail.example.fi", False),  # a subdomain is another domain
        ("eve@example.fi.evil.com", False),
        ("eve@evil.com", False),
        ("eve@example.fi@evil.com", False),
        ("example.fi", False),
        ("", False),
        (None, False),
    ],
)
def test_only_listed_domains_may_view(email, verdict):
    """The domain after the one @ must be on the list, exactly."""
    assert may_view({"email": email}, ALLOWED) is verdict


def test_an_unverified_email_never_counts():
    """A provider that says the address is unverified: no entry, whatever the domain."""
    assert not may_view({"email": "anna@example.fi", "email_verified": False}, ALLOWED)
    assert may_view({"email": "anna@example.fi", "email_verified": True}, ALLOWED)


def test_without_a_list_anyone_signed_in_may_view():
    assert may_view({"email": "anyone@anywhere.org"}, [])


def test_with_sign_in_switched_on_nothing_shows_before_signing_in():
    """An [auth] section in secrets: the page asks to sign in and shows no data or filters."""
    from streamlit.testing.v1 import AppTest

    from .conftest import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "id",
        "client_secret": "secret",
        "server_metadata_url": "https://accounts.example/.well-known/openid-configuration",
    }
    at.run()
    assert not at.exception
    assert any(b.label == "Sign in" for b in at.button)
    assert not at.metric and not at.get("plotly_chart") and not at.sidebar.multiselect


def test_the_sample_needs_no_sign_in():
    """No [auth] section: the Overview shows its numbers straight away."""
    assert open_app("overview").metric
