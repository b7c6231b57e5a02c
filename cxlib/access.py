"""Who may view a private deployment: a signed-in person whose e-mail domain is allowed.

Sign-in itself is the identity provider's (OpenID Connect through Streamlit); this module only
decides, from the claims it returns, whether that person may see the data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def may_view(
    claims: Mapping[str, object], allowed_domains: Sequence[str], trust_unverified: bool = False
) -> bool:
    """Whether a signed-in person may view. With an allow-list, the e-mail's domain must be on
    it exactly (case aside: a listed example.fi does not admit mail.example.fi, nor
    example.fi.evil.com), and the provider must say the address is verified: some providers
    let anyone type any address. `trust_unverified` is for a provider that never says but
    only signs in its own organisation's accounts. Without an allow-list, anyone the identity
    provider signs in may view."""
    if not allowed_domains:
        return True
    email = claims.get("email")
    said = claims.get("email_verified")
    verified = said is True or said == "true" or trust_unverified
    if not isinstance(email, str) or email.count("@") != 1 or not verified:
        return False
    domain = email.rsplit("@", 1)[1].strip().lower()
    return domain in {d.strip().lower().lstrip("@") for d in allowed_domains if d.strip()}
