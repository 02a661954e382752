from django.db import migrations

from cases.catalogue import ensure_catalogue

def seed(apps, schema_editor):
    ensure_catalogue(apps.get_model("cases", "Service"), apps.get_model("coordinators", "ServiceArea"))


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_accesslog_append_only"), ("coordinators", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
