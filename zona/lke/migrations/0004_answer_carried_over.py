from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("lke", "0003_remove_assessment_prior_wbk_assessment_wbk_decree_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="answer",
            name="carried_over",
            field=models.BooleanField(default=False, verbose_name="carried over, to be confirmed"),
        ),
    ]
