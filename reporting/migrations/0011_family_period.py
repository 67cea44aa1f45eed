"""The periods of each requirement's family, kept as periods are marked (reporting/services/family_periods.py),
so a dashboard reads a family's few periods instead of walking every requirement carried down from it. Filled
here from the periods already marked."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    from reporting.services.family_periods import family_periods_rebuild

    family_periods_rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("directives", "0010_f_delivery_unit_document"),
        ("reporting", "0010_report_search_trgm"),
    ]

    operations = [
        migrations.CreateModel(
            name="FamilyPeriod",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("period_key", models.CharField(max_length=16)),
                ("period_label", models.CharField(max_length=80)),
                ("window_start", models.DateField(blank=True, null=True)),
                ("window_end", models.DateField(blank=True, null=True)),
                ("due_date", models.DateField()),
                (
                    "requirement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="family_periods",
                        to="directives.reportingrequirement",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("requirement", "period_key"), name="familyperiod_unique")
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
