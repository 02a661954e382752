"""Celery beat's schedule, for config/settings/base.py: the scans and when they run."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # One task runs every scan (followup.scans.SCANS): consent waits, evaluations,
    # action points, training, complaint deadlines and stuck letters. Twice a day,
    # so a missed morning run is made up by noon; reminders are never doubled.
    "daily-scans-morning": {
        "task": "followup.tasks.daily_scans_task",
        "schedule": crontab(hour=6, minute=15),
    },
    "daily-scans-noon": {
        "task": "followup.tasks.daily_scans_task",
        "schedule": crontab(hour=12, minute=15),
    },
    # Within the quarter: a lost letter goes out, SvarUt's receipts move the deadlines.
    "resend-lost-letters": {
        "task": "followup.tasks.scan_task",
        "schedule": crontab(minute="*/15"),
        "args": ["dispatches_resend"],
    },
    "letter-receipts": {
        "task": "followup.tasks.scan_task",
        "schedule": crontab(minute="7-59/15"),
        "args": ["dispatch_receipts"],
    },
    # Oversikt's figures, so that a view reads them, not every active plan.
    "overview-figures": {
        "task": "followup.tasks.scan_task",
        "schedule": crontab(minute="*/10"),
        "args": ["overview_figures"],
    },
}
