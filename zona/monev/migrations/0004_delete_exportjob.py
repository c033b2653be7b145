# The Lembar Monev exports join the shared export jobs (evidence.ExportJob): each job is copied
# there, its file kept, before the old table goes.

from django.db import migrations


def copy_jobs(apps, schema_editor):
    Old = apps.get_model("monev", "ExportJob")
    New = apps.get_model("evidence", "ExportJob")
    for job in Old.objects.select_related("cycle__plan__unit").iterator():
        plan = job.cycle.plan
        copy = New.objects.create(
            kind="monev.lembar", fmt=job.fmt, unit_id=plan.unit_id, object_id=job.cycle_id,
            title=f"Lembar Monev ZI {plan.unit.code} {plan.year} TW {job.cycle.quarter}",
            status=job.status, progress=job.progress, file=job.file.name, error=job.error,
            requested_by_id=job.requested_by_id, finished_at=job.finished_at,
        )  # fmt: skip
        New.objects.filter(pk=copy.pk).update(created_at=job.created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("monev", "0003_meeting_leader_name_meeting_leader_present_and_more"),
        ("evidence", "0004_exportjob"),
    ]

    operations = [
        migrations.RunPython(copy_jobs, migrations.RunPython.noop),
        migrations.DeleteModel(name="ExportJob"),
    ]
