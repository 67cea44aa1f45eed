"""A unit's departments are Department rows (0003, filled from the codes by 0004): the JSON list of codes goes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("org", "0004_departments_from_codes")]
    operations = [migrations.RemoveField(model_name="unit", name="departments")]
