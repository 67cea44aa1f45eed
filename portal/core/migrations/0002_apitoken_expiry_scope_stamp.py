"""API keys expire, can be limited to reading, and are bound to their owner's password.

Keys made before this migration get the full lifetime from now (their software keeps working until then) and
the stamp of the owner's current password (a later password change ends them).
"""

import datetime as dt

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def stamp_existing(apps, schema_editor):
    from portal.lib.tokens import password_stamp

    ApiToken = apps.get_model("core", "ApiToken")
    expires = timezone.now() + dt.timedelta(days=settings.API_TOKEN_TTL_DAYS)
    for token in ApiToken.objects.select_related("user"):
        token.password_stamp = password_stamp(token.user)
        token.expires_at = expires
        token.save(update_fields=["password_stamp", "expires_at"])


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="read_only",
            field=models.BooleanField(default=False, help_text="Chỉ cho phép GET, HEAD, OPTIONS.",
                                      verbose_name="chỉ đọc"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="hết hạn"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="password_stamp",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(stamp_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="hết hạn"),
        ),
    ]
