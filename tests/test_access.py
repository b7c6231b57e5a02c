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
    """The domain after the one @ must be on the list, exactly (a verified address)."""
    assert may_view({"email": email, "email_verified": True}, ALLOWED) is verdict


@pytest.mark.parametrize("verified", [False, "false", None, "yes", 1])
def test_an_address_not_verified_never_counts(verified):
    """Unverified, or a provider that does not say: no entry, whatever the domain."""
    claims = {"email": "anna@example.fi"} | (
        {} if verified is None else {"email_verified": verified}
    )
    assert not may_view(claims, ALLOWED)


def test_a_deployment_can_trust_a_provider_that_never_says():
    """[access] trust_unverified_email = true: a provider that signs in only its own accounts."""
    assert may_view({"email": "anna@example.fi"}, ALLOWED, trust_unverified=True)
    assert not may_view({"email": "eve@evil.com"}, ALLOWED, trust_unverified=True)
    assert may_view({"email": "anna@example.fi", "email_verified": "true"}, ALLOWED)


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
