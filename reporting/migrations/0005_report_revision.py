from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("reporting", "0004_calendar_token_hashed"),
    ]

    operations = [
        migrations.AddField(model_name="report", name="revision", field=models.PositiveIntegerField(default=0)),
    ]
