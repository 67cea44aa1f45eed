"""Settings for the Celery worker processes the worker tests start: the portal's, plus the reporting
URLs (until portal/urls.py includes them) and e-mail kept in memory."""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "tests.reporting.urls"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
