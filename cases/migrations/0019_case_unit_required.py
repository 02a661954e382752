import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0018_default_unit")]

    operations = [
        migrations.AlterField(
            model_name="case",
            name="unit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="cases",
                to="cases.unit",
                verbose_name="enhet",
            ),
        ),
    ]
