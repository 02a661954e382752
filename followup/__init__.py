"""Follow-up across the apps: the top layer.

Owns what spans several apps: the start page and "Mine saker", "Frister", "Oversikt"
and its CSV, reminders and the daily scans with their Celery tasks, the menu, the demo
data (`seed_demo`), and the use cases that cascade across apps (closing a case,
withdrawing consent).

May import every app below it (core, cases, eligibility, decisions, coordinators, plans);
nothing imports it except config.
"""
