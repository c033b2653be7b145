"""Notifications moved from monev to their own app: copy the rows already sent."""

from django.db import migrations


def copy(apps, schema_editor):
    Old = apps.get_model("monev", "Notification")
    New = apps.get_model("notifications", "Notification")
    New.objects.bulk_create(
        [
            New(
                id=o.id,
                user_id=o.user_id,
                key=o.key,
                text=o.text,
                url=o.url,
                created_at=o.created_at,
                emailed=o.emailed,
                read_at=o.read_at,
            )
            for o in Old.objects.all().iterator()
        ],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial"), ("monev", "0001_initial")]
    operations = [migrations.RunPython(copy, migrations.RunPython.noop)]
