"""The second half of directives/0006: obligations and periods point at directives.ReportingRequirement
and reporting forgets the model. State only: the foreign keys already reference the same table, which
keeps its name."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("directives", "0006_reportingrequirement_moved"),
        ("reporting", "0005_report_revision"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="obligation",
                    name="requirement",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="obligations",
                                            to="directives.reportingrequirement"),
                ),
                migrations.AlterField(
                    model_name="requirementperiod",
                    name="requirement",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="periods",
                                            to="directives.reportingrequirement"),
                ),
                migrations.DeleteModel(name="ReportingRequirement"),
            ],
        ),
    ]
