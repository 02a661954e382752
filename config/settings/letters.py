"""The letterhead and the letter transport (KS Fiks SvarUt with Maskinporten, the local
outbox or our own print batch), and where a forwarded complaint goes, from the environment.

Called by base.py, so the settings package stays the only reader of the environment.
"""

from django.core.exceptions import ImproperlyConfigured

MASKINPORTEN_TEST = "https://test.maskinporten.no/"


def read(env, *, var_dir) -> dict:
    """The settings, by name."""
    base_url = env.str("SVARUT_BASE_URL", default="")
    channel = env.str("KE_LETTER_CHANNEL", default="svarut" if base_url else "outbox")
    if channel not in ("outbox", "post", *(("svarut",) if base_url else ())):
        raise ImproperlyConfigured(
            "KE_LETTER_CHANNEL: svarut (needs SVARUT_BASE_URL), outbox or post"
        )
    return {
        "MUNICIPALITY_NAME": env.str("KE_MUNICIPALITY_NAME", default="Eksempel kommune"),
        "KE_UNIT_NAME": env.str("KE_UNIT_NAME", default="Koordinerende enhet"),
        "KE_ADDRESS": env.str("KE_ADDRESS", default="Rådhusgata 1, 0001 Eksempelby"),
        "KE_PHONE": env.str("KE_PHONE", default="12 34 56 78"),
        "KE_EMAIL": env.str("KE_EMAIL", default="koordinerende.enhet@kommune.example"),
        # Optional logo on letters: a path under the static files, e.g. "img/logo.png".
        "KE_LETTER_LOGO": env.str("KE_LETTER_LOGO", default=""),
        "SVARUT_BASE_URL": base_url,
        "SVARUT_ACCOUNT_ID": env.str("SVARUT_ACCOUNT_ID", default=""),
        "SVARUT_INTEGRATION_ID": env.str("SVARUT_INTEGRATION_ID", default=""),
        "SVARUT_INTEGRATION_PASSWORD": env.str("SVARUT_INTEGRATION_PASSWORD", default=""),
        "SVARUT_TIMEOUT_SECONDS": env.int("SVARUT_TIMEOUT_SECONDS", default=16 * 60),
        "SVARUT_KONTERINGSKODE": env.str("SVARUT_KONTERINGSKODE", default=""),
        "MASKINPORTEN_TOKEN_URL": env.str(
            "MASKINPORTEN_TOKEN_URL", default=MASKINPORTEN_TEST + "token"
        ),
        "MASKINPORTEN_AUDIENCE": env.str("MASKINPORTEN_AUDIENCE", default=MASKINPORTEN_TEST),
        "MASKINPORTEN_CLIENT_ID": env.str("MASKINPORTEN_CLIENT_ID", default=""),
        "MASKINPORTEN_SCOPE": env.str("MASKINPORTEN_SCOPE", default="ks:fiks"),
        "MASKINPORTEN_CERTIFICATE_FILE": env.str("MASKINPORTEN_CERTIFICATE_FILE", default=""),
        "MASKINPORTEN_KEY_FILE": env.str("MASKINPORTEN_KEY_FILE", default=""),
        "MASKINPORTEN_KEY_PASSWORD": env.str("MASKINPORTEN_KEY_PASSWORD", default=""),
        "KE_LETTER_CHANNEL": channel,
        "KE_OUTBOX_DIR": env.path("KE_OUTBOX_DIR", default=var_dir / "outbox"),
        "KE_COUNTY_GOVERNOR": env.str("KE_COUNTY_GOVERNOR", default="Statsforvalteren i Eksempel"),
        # Statsforvalteren is an organisation: a forwarded complaint goes the way letters
        # go (KE_LETTER_CHANNEL), through SvarUt by this organisation number where it is
        # set (else by the postal address, which SvarUt prints to), or by our print batch
        # to the postal address. Never by email.
        "KE_COUNTY_GOVERNOR_ORGNR": env.str("KE_COUNTY_GOVERNOR_ORGNR", default=""),
        "KE_COUNTY_GOVERNOR_ADDRESS": env.str(
            "KE_COUNTY_GOVERNOR_ADDRESS", default="Postboks 1, 0002 Eksempelby"
        ),
    }
