"""The login settings (cases/login, mozilla-django-oidc), read from the environment.

Citizens (the plan's person, parents, guardians, next of kin) log in with ID-porten;
staff may log in with the municipality's own identity provider (e.g. Entra ID) beside
their username and password. Each is off until its client id is set; the endpoints are
the provider's metadata (/.well-known/openid-configuration). Called by base.py, so the
settings package stays the only reader of the environment.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def _oidc_provider(
    name: str, read: dict, *, scopes: str, acr_values: str, callback: str, home: str
):
    """mozilla-django-oidc's settings for one provider, or None when it is not configured."""
    if not read["CLIENT_ID"]:
        return None
    for key in ("ISSUER", "AUTHORIZATION_ENDPOINT", "TOKEN_ENDPOINT", "JWKS_ENDPOINT"):
        if not read[key]:
            raise ImproperlyConfigured(f"{name}_{key} must be set with {name}_CLIENT_ID.")
    return {
        "ISSUER": read["ISSUER"],
        "END_SESSION_ENDPOINT": read["END_SESSION_ENDPOINT"],
        "OIDC_OP_AUTHORIZATION_ENDPOINT": read["AUTHORIZATION_ENDPOINT"],
        "OIDC_OP_TOKEN_ENDPOINT": read["TOKEN_ENDPOINT"],
        "OIDC_OP_JWKS_ENDPOINT": read["JWKS_ENDPOINT"],
        # The claims are read from the verified id_token; userinfo is never asked.
        "OIDC_OP_USER_ENDPOINT": "",
        "OIDC_RP_CLIENT_ID": read["CLIENT_ID"],
        "OIDC_RP_CLIENT_SECRET": read["CLIENT_SECRET"],
        "OIDC_RP_SIGN_ALGO": "RS256",
        "OIDC_RP_SCOPES": scopes,
        "OIDC_USE_PKCE": True,
        "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
        "OIDC_AUTH_REQUEST_EXTRA_PARAMS": {"acr_values": acr_values} if acr_values else {},
        "OIDC_AUTHENTICATION_CALLBACK_URL": callback,
        # The id_token is the hint the provider's end_session_endpoint needs at logout.
        "OIDC_STORE_ID_TOKEN": True,
        "OIDC_TIMEOUT": 10,
        "LOGIN_REDIRECT_URL": home,
    }


def read(env, *, debug: bool) -> dict:
    """Every login setting, by name."""
    IDPORTEN_ACR_VALUES = env.str("IDPORTEN_ACR_VALUES", default="idporten-loa-substantial")
    # The assurance levels a citizen's login may have; anything lower is refused.
    IDPORTEN_ACCEPTED_ACR = env.list(
        "IDPORTEN_ACCEPTED_ACR", default=["idporten-loa-substantial", "idporten-loa-high"]
    )
    STAFF_OIDC_ACR_VALUES = env.str("STAFF_OIDC_ACR_VALUES", default="")
    # Multi-factor is required of staff: the id_token's amr must hold one of these, or its
    # acr be one of the accepted ones (Entra ID: amr "mfa").
    STAFF_OIDC_REQUIRED_AMR = env.list("STAFF_OIDC_REQUIRED_AMR", default=["mfa"])
    STAFF_OIDC_ACCEPTED_ACR = env.list("STAFF_OIDC_ACCEPTED_ACR", default=[])
    # Which claim names the staff member, and which field of our user it must equal.
    STAFF_OIDC_CLAIM = env.str("STAFF_OIDC_CLAIM", default="preferred_username")
    STAFF_OIDC_USER_FIELD = env.str("STAFF_OIDC_USER_FIELD", default="email")
    if STAFF_OIDC_USER_FIELD not in ("email", "username"):
        raise ImproperlyConfigured("STAFF_OIDC_USER_FIELD must be email or username.")
    OIDC_PROVIDERS = {
        "citizen": _oidc_provider(
            "IDPORTEN",
            {
                "CLIENT_ID": env.str("IDPORTEN_CLIENT_ID", default=""),
                "CLIENT_SECRET": env.str("IDPORTEN_CLIENT_SECRET", default=""),
                "ISSUER": env.str("IDPORTEN_ISSUER", default=""),
                "AUTHORIZATION_ENDPOINT": env.str("IDPORTEN_AUTHORIZATION_ENDPOINT", default=""),
                "TOKEN_ENDPOINT": env.str("IDPORTEN_TOKEN_ENDPOINT", default=""),
                "JWKS_ENDPOINT": env.str("IDPORTEN_JWKS_ENDPOINT", default=""),
                "END_SESSION_ENDPOINT": env.str("IDPORTEN_END_SESSION_ENDPOINT", default=""),
            },
            scopes="openid",
            acr_values=IDPORTEN_ACR_VALUES,
            callback="citizen:oidc_callback",
            home="citizen:home",
        ),
        "staff": _oidc_provider(
            "STAFF_OIDC",
            {
                "CLIENT_ID": env.str("STAFF_OIDC_CLIENT_ID", default=""),
                "CLIENT_SECRET": env.str("STAFF_OIDC_CLIENT_SECRET", default=""),
                "ISSUER": env.str("STAFF_OIDC_ISSUER", default=""),
                "AUTHORIZATION_ENDPOINT": env.str("STAFF_OIDC_AUTHORIZATION_ENDPOINT", default=""),
                "TOKEN_ENDPOINT": env.str("STAFF_OIDC_TOKEN_ENDPOINT", default=""),
                "JWKS_ENDPOINT": env.str("STAFF_OIDC_JWKS_ENDPOINT", default=""),
                "END_SESSION_ENDPOINT": env.str("STAFF_OIDC_END_SESSION_ENDPOINT", default=""),
            },
            scopes=env.str("STAFF_OIDC_SCOPES", default="openid profile email"),
            acr_values=STAFF_OIDC_ACR_VALUES,
            callback="staff_oidc_callback",
            home="home",
        ),
    }
    # Logout also ends the provider's session where it has an end_session_endpoint.
    OIDC_OP_LOGOUT_URL_METHOD = "cases.login.views.provider_logout_url"
    # The development login for citizens (pick a demo person, no identity provider): only
    # ever with debug on.
    KE_DEV_CITIZEN_LOGIN = debug and env.bool("KE_DEV_CITIZEN_LOGIN", default=True)
    return {name: value for name, value in locals().items() if name.isupper()}


def logout_origins(providers: dict) -> list[str]:
    """The origins logout sends the browser on to. The logout button is a form, and a
    browser holds a form's redirects to the page's CSP form-action too."""
    origins = []
    for provider in providers.values():
        if provider and provider["END_SESSION_ENDPOINT"]:
            parts = urlsplit(provider["END_SESSION_ENDPOINT"])
            origins.append(f"{parts.scheme}://{parts.netloc}")
    return sorted(set(origins))
