"""The municipality's letterhead and its legal and casework settings, read from the
environment for config/settings/base.py (which stays the one place settings are made)."""


def read(env) -> dict:
    MUNICIPALITY_NAME = env.str("KE_MUNICIPALITY_NAME", default="Eksempel kommune")
    KE_UNIT_NAME = env.str("KE_UNIT_NAME", default="Koordinerende enhet")
    KE_ADDRESS = env.str("KE_ADDRESS", default="Rådhusgata 1, 0001 Eksempelby")
    KE_PHONE = env.str("KE_PHONE", default="12 34 56 78")
    KE_EMAIL = env.str("KE_EMAIL", default="koordinerende.enhet@kommune.example")
    KE_COUNTY_GOVERNOR = env.str("KE_COUNTY_GOVERNOR", default="Statsforvalteren i Eksempel")
    # Where a complaint the KE upholds is sent: by email if an address is set, otherwise the
    # forwarding letter goes to the print batch with this postal address.
    KE_COUNTY_GOVERNOR_ADDRESS = env.str(
        "KE_COUNTY_GOVERNOR_ADDRESS", default="Postboks 1, 0002 Eksempelby"
    )
    KE_COUNTY_GOVERNOR_EMAIL = env.str("KE_COUNTY_GOVERNOR_EMAIL", default="")
    # A case not decided this many days after it was received is overdue; the KE owes
    # a preliminary reply after one month (fvl. § 11 a).
    KE_CASE_PROCESSING_DAYS = env.int("KE_CASE_PROCESSING_DAYS", default=30)
    # Decisions: days a letter is assumed to take by post, extra days before an unappealed
    # decision is marked final (a complaint posted in time may still be in the post), and
    # whether a KE leader must approve a decision before it is sent.
    KE_POST_DAYS = env.int("KE_POST_DAYS", default=3)
    KE_COMPLAINT_GRACE_DAYS = env.int("KE_COMPLAINT_GRACE_DAYS", default=7)
    KE_DECISION_APPROVAL_REQUIRED = env.bool("KE_DECISION_APPROVAL_REQUIRED", default=False)
    # Optional logo on letters: a path under the static files, e.g. "img/logo.png".
    KE_LETTER_LOGO = env.str("KE_LETTER_LOGO", default="")
    # seed_demo sets this password on the demo users it creates; empty = a random one, printed once.
    KE_DEMO_PASSWORD = env.str("KE_DEMO_PASSWORD", default="")
    # A case waiting for consent longer than this reminds its caseworker.
    KE_CONSENT_WAIT_DAYS = env.int("KE_CONSENT_WAIT_DAYS", default=14)
    # An active plan's coordinator is reminded this many days before the next evaluation.
    KE_EVALUATION_REMINDER_DAYS = env.int("KE_EVALUATION_REMINDER_DAYS", default=14)
    # An active plan with no update, meeting, message or evaluation for this many months is
    # quiet: it shows in Frister and Oversikt, and its coordinator is reminded.
    KE_PLAN_QUIET_MONTHS = env.int("KE_PLAN_QUIET_MONTHS", default=3)
    # Days an invitation link to a participant account (school, NAV, the GP office) stays valid.
    KE_INVITATION_DAYS = env.int("KE_INVITATION_DAYS", default=14)
    return {name: value for name, value in locals().items() if name.isupper()}
