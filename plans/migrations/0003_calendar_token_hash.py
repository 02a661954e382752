"""Calendar tokens are kept as their SHA-256 only; existing tokens are hashed in place, so
the feed addresses users already subscribe to keep working."""

import hashlib

from django.db import migrations, models
from django.utils import timezone


def hash_tokens(apps, schema_editor):
    CalendarFeed = apps.get_model("plans", "CalendarFeed")
    for feed in CalendarFeed.objects.only("pk", "token_hash"):
        # Written out here, not imported from plans.calendar: a migration keeps working
        # whatever later happens to the app's code.
        feed.token_hash = hashlib.sha256(feed.token_hash.encode()).hexdigest()
        feed.save(update_fields=["token_hash"])


def revoke_feeds(apps, schema_editor):
    # The tokens cannot be got back from their hashes. Going back, the old code would take
    # each hash for a token, so a copy of the table would open the feeds: stop them instead.
    CalendarFeed = apps.get_model("plans", "CalendarFeed")
    CalendarFeed.objects.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0002_scans_and_calendar"),
    ]

    operations = [
        migrations.RenameField(model_name="calendarfeed", old_name="token", new_name="token_hash"),
        migrations.AlterField(
            model_name="calendarfeed",
            name="token_hash",
            field=models.CharField(max_length=64, unique=True, verbose_name="SHA-256 av nøkkelen"),
        ),
        migrations.RunPython(hash_tokens, revoke_feeds, elidable=False),
    ]
