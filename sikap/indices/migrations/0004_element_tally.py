"""Element tallies: the answer tallies summed over service and value, filled from them for existing data."""

import django.db.models.deletion
from django.db import migrations, models


# The SQL of `tallies._element_sql` as it was when this migration was written (same on both databases).
FILL = """
    INSERT INTO indices_elementtally (period_id, version_id, unit_id, status, element_id, n, total, sumsq,
                                      paired_n, paired_total, importance_total)
    SELECT period_id, version_id, unit_id, status, element_id, SUM(n), SUM(value * n), SUM(value * value * n),
           SUM(CASE WHEN importance > 0 THEN n ELSE 0 END),
           SUM(value * CASE WHEN importance > 0 THEN n ELSE 0 END), SUM(importance * n)
    FROM indices_answertally
    GROUP BY period_id, version_id, unit_id, status, element_id"""


def fill_from_answer_tallies(apps, schema_editor):
    schema_editor.execute(FILL)


class Migration(migrations.Migration):

    dependencies = [
        ('indices', '0003_respondent_tally_per_period'),
        ('instruments', '0002_standard_instruments'),
        ('organisation', '0002_unit_closes_at_unit_opens_at'),
    ]

    operations = [
        migrations.CreateModel(
            name='ElementTally',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(max_length=10)),
                ('n', models.BigIntegerField(default=0)),
                ('total', models.BigIntegerField(default=0)),
                ('sumsq', models.BigIntegerField(default=0)),
                ('paired_n', models.BigIntegerField(default=0)),
                ('paired_total', models.BigIntegerField(default=0)),
                ('importance_total', models.BigIntegerField(default=0)),
                ('element', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='instruments.element')),
                ('period', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisation.period')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisation.unit')),
                ('version', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='instruments.instrumentversion')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('period', 'version', 'unit', 'status', 'element'), name='element_tally_key')],
            },
        ),
        migrations.RunPython(fill_from_answer_tallies, migrations.RunPython.noop),
    ]
