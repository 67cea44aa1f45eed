"""/quan-tri/: the technical back office of a system administrator, in Vietnamese.

What administrators do day to day has pages in the portal (units: rename, merge, close, import; people: add,
roles, set-password links — portal/org). The Django admin stays for the system administrator alone, showing the
portal's own data; the third-party tables that mean nothing to a person (Celery beat's schedules, which the
settings define anyway; django-axes' attempt logs, which expire on their own) are left out.
"""

from django.contrib import admin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Quản trị kỹ thuật Thông Suốt")
admin.site.site_title = _("Quản trị kỹ thuật Thông Suốt")
admin.site.index_title = _("Dữ liệu gốc của hệ thống")
admin.site.site_url = "/"


def _system_administrators_only(request) -> bool:
    """Staff status alone is not enough: the portal's roles are memberships, and only a system administrator
    may see every unit's data at once."""
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _system_administrators_only


def _hide(*models) -> None:
    for model in models:
        if admin.site.is_registered(model):
            admin.site.unregister(model)


_hide(Group)  # the portal grants rights through unit roles, never through Django groups


def _hide_third_party() -> None:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_celery_beat.models import (
        ClockedSchedule,
        CrontabSchedule,
        IntervalSchedule,
        PeriodicTask,
        SolarSchedule,
    )

    _hide(
        AccessAttempt,
        AccessFailureLog,
        AccessLog,
        ClockedSchedule,
        CrontabSchedule,
        IntervalSchedule,
        PeriodicTask,
        SolarSchedule,
    )


_hide_third_party()
