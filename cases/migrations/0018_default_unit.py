"""The default unit, from the letterhead settings, and every existing case in it: an
installation with one KE goes on as before."""

from django.conf import settings
from django.db import migrations


def create_default_unit(apps, schema_editor):
    Unit = apps.get_model("cases", "Unit")
    Case = apps.get_model("cases", "Case")
    unit = Unit.objects.filter(is_default=True).first()
    if unit is None:
        unit = Unit.objects.create(
            name=settings.KE_UNIT_NAME,
            kind="municipality",
            is_default=True,
        )
    Case.objects.filter(unit__isnull=True).update(unit=unit)


class Migration(migrations.Migration):
    dependencies = [("cases", "0017_units")]

    operations = [migrations.RunPython(create_default_unit, migrations.RunPython.noop)]
