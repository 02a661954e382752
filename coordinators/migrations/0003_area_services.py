from django.db import migrations

from coordinators.catalogue import ensure_area_services


def seed(apps, schema_editor):
    ensure_area_services(
        apps.get_model("cases", "Service"), apps.get_model("coordinators", "ServiceArea")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_service_catalogue"),
        ("coordinators", "0002_training_wishes_and_area_services"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
