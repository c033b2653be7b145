from django.db import migrations, models
from django.utils import timezone


def completion_from_the_timeline(apps, schema_editor):
    """A complaint closed by the officer's "complete" step (the old workflow closed it there) was
    completed that day. One closed only because the reporter stayed silent after the first
    response keeps no completion date: the statistics show it as closed without a recorded
    completion, never as completed."""
    Complaint = apps.get_model("complaints", "Complaint")
    CaseEvent = apps.get_model("cases", "CaseEvent")
    for complaint in Complaint.objects.filter(case__state="selesai", completed_on__isnull=True):
        event = CaseEvent.objects.filter(case_id=complaint.pk, action="complete").order_by("-created_at").first()
        if event is not None:
            complaint.completed_on = timezone.localtime(event.created_at).date()
            complaint.save(update_fields=["completed_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0002_complaint_forwarded_on_complaint_forwarded_to_and_more"),
        ("cases", "0002_case_submission_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="complaint",
            name="completed_on",
            field=models.DateField(blank=True, null=True, verbose_name="follow-up completed on"),
        ),
        migrations.RunPython(completion_from_the_timeline, migrations.RunPython.noop),
    ]
