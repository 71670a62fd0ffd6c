import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("tracking", "0004_status_fill_items")]

    operations = [
        migrations.AlterField(
            model_name="report",
            name="tracked_item",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="reports",
                                    to="tracking.item", verbose_name="tracked item"),
        ),
        migrations.AlterField(
            model_name="itemsetting",
            name="tracked_item",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="settings",
                                    to="tracking.item", verbose_name="tracked item"),
        ),
    ]
