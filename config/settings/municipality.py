"""The municipality's legal and casework settings (deadlines, reminders, approval), read
from the environment for config/settings/base.py; the letterhead is in letters.py."""


def read(env) -> dict:
    # A case not decided this many days after it was received is overdue; the KE owes
    # a preliminary reply after one month (fvl. § 11 a).
    KE_CASE_PROCESSING_DAYS = env.int("KE_CASE_PROCESSING_DAYS", default=30)
    # Decisions: days a letter is assumed to take by post, extra days before an unappealed
    # decision is marked final (a complaint posted in time may still be in the post), and
    # whether a KE leader must approve a decision before it is sent.
    KE_POST_DAYS = env.int("KE_POST_DAYS", default=3)
    KE_COMPLAINT_GRACE_DAYS = env.int("KE_COMPLAINT_GRACE_DAYS", default=7)
    KE_DECISION_APPROVAL_REQUIRED = env.bool("KE_DECISION_APPROVAL_REQUIRED", default=False)
    # seed_demo sets this password on the demo users it creates; empty = a random one, printed once.
    KE_DEMO_PASSWORD = env.str("KE_DEMO_PASSWORD", default="")
    # A case waiting for consent longer than this reminds its caseworker.
    KE_CONSENT_WAIT_DAYS = env.int("KE_CONSENT_WAIT_DAYS", default=14)
    # An active plan's coordinator is reminded this many days before the next evaluation.
    KE_EVALUATION_REMINDER_DAYS = env.int("KE_EVALUATION_REMINDER_DAYS", default=14)
    # An active plan with no update, meeting, message or evaluation for this many months is
    # quiet: it shows in Frister and Oversikt, and its coordinator is reminded.
    KE_PLAN_QUIET_MONTHS = env.int("KE_PLAN_QUIET_MONTHS", default=3)
    # Oversikt's figures are worked out every ten minutes (followup.overview_store); a view
    # works them out itself when those it finds are older than this.
    KE_OVERVIEW_FRESH_MINUTES = env.int("KE_OVERVIEW_FRESH_MINUTES", default=30)
    # Days an invitation link to a participant account (school, NAV, the GP office) stays valid.
    KE_INVITATION_DAYS = env.int("KE_INVITATION_DAYS", default=14)
    return {name: value for name, value in locals().items() if name.isupper()}
