"""Respondent tallies per period instead of per day.

Nothing read the day, and it made the rows grow with the volume of responses. The existing rows are
summed over their days (integer sums, so nothing changes in any figure), then the day goes.
"""

from django.db import migrations, models
from django.db.models import Sum

KEY = ("period_id", "version_id", "unit_id", "service_key", "status")


def sum_over_days(apps, schema_editor):
    tally = apps.get_model("indices", "RespondentTally")
    rows = list(
        tally.objects.values(*KEY).annotate(
            n_=Sum("n"), complete_=Sum("complete"), sum_=Sum("total_sum"), sumsq_=Sum("total_sumsq")
        )
    )
    tally.objects.all().delete()
    tally.objects.bulk_create(
        [
            tally(
                **{k: row[k] for k in KEY},
                day="2000-01-01",  # the column is dropped next; every row gets the same placeholder
                n=row["n_"],
                complete=row["complete_"],
                total_sum=row["sum_"],
                total_sumsq=row["sumsq_"],
            )
            for row in rows
        ],
        batch_size=2000,
    )
    if schema_editor.connection.vendor == "postgresql":
        # Check the deferred foreign keys now: PostgreSQL refuses ALTER TABLE with pending trigger events.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [("indices", "0002_national_holidays")]

    operations = [
        migrations.RemoveConstraint(model_name="respondenttally", name="respondent_tally_key"),
        migrations.RunPython(sum_over_days, migrations.RunPython.noop),
        migrations.RemoveField(model_name="respondenttally", name="day"),
        migrations.AddConstraint(
            model_name="respondenttally",
            constraint=models.UniqueConstraint(
                fields=("period", "version", "unit", "service_key", "status"), name="respondent_tally_key"
            ),
        ),
    ]
