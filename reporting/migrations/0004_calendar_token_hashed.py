"""The calendar-feed secret is stored hashed, expires and is bound to its owner's password.

Secrets issued before keep working (their hash is what they are checked against now) until the new expiry or
their owner's next password change.
"""

import datetime as dt

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def hash_existing(apps, schema_editor):
    from portal.lib.tokens import password_stamp, secret_hash

    CalendarToken = apps.get_model("reporting", "CalendarToken")
    expires = timezone.now() + dt.timedelta(days=settings.CALENDAR_TOKEN_TTL_DAYS)
    for row in CalendarToken.objects.select_related("user"):
        row.key_hash = secret_hash(row.token)
        row.password_stamp = password_stamp(row.user)
        row.expires_at = expires
        row.save(update_fields=["key_hash", "password_stamp", "expires_at"])


class Migration(migrations.Migration):

    dependencies = [
        ("reporting", "0003_report_search_text"),
    ]

    operations = [
        migrations.AddField(model_name="calendartoken", name="key_hash",
                            field=models.CharField(max_length=64, null=True)),
        migrations.AddField(model_name="calendartoken", name="password_stamp",
                            field=models.CharField(default="", max_length=64), preserve_default=False),
        migrations.AddField(model_name="calendartoken", name="expires_at", field=models.DateTimeField(null=True)),
        migrations.RunPython(hash_existing, migrations.RunPython.noop),
        migrations.RemoveField(model_name="calendartoken", name="token"),
        migrations.AlterField(model_name="calendartoken", name="key_hash",
                              field=models.CharField(max_length=64, unique=True)),
        migrations.AlterField(model_name="calendartoken", name="expires_at", field=models.DateTimeField()),
    ]
