"""Settings for Thông Suốt: one module, driven by the environment.

With no environment at all the portal runs the embedded way: SQLite and a
file-system Celery broker under ./data. DATABASE_URL (PostgreSQL) and
REDIS_URL switch to the production stack. Values the official rules leave
unconfirmed (STANDARDS.md) are settings here, never constants in code.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from portal.env import env_bool, env_int, env_list, env_secret, env_str, env_url

BASE_DIR = Path(__file__).resolve().parents[2]
DATA_DIR = Path(env_str("THONGSUOT_DATA_DIR", str(BASE_DIR / "data"))).resolve()

DEBUG = env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env_secret("DJANGO_SECRET_KEY")
PRODUCTION = env_bool("THONGSUOT_PRODUCTION", default=False)
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) is required in production.")
    # Embedded default only: a stable, clearly non-production key.
    SECRET_KEY = "embedded-only-not-for-production-" + "x" * 40
# "testserver" is not a default: Django's test set-up adds it for the tests only.
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "treebeard",
    "axes",
    "portal.core",
    "portal.org",
    "portal.audit",
    "portal.notifications",
    "portal.signing",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "directives",
    "directives.handling",
    "directives.exchange",
    "reporting",
    "reporting.dashboard",  # no models: wires the dashboards' cache invalidation (reporting/dashboard/apps.py)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.core.middleware.DatabaseUnavailableMiddleware",  # PostgreSQL out of reach: a clean 503
    "portal.core.middleware.BadParameterMiddleware",  # a parameter portal.lib.params refuses: a clear 400
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified() for the two-factor rule (portal.core)
    "portal.core.middleware.SecondFactorMiddleware",  # signers and clerks: the TOTP code before any page
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "portal.core.middleware.SecurityHeadersMiddleware",
    # Last, as django-axes requires: it turns a lockout into the Vietnamese lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "portal.core.context_processors.shell",
            ],
            # The dashboards' filters live with the dashboards (above reporting), not in an app's templatetags.
            "libraries": {"dashboard_tags": "reporting.dashboard.templatetags"},
        },
    }
]

# --- Database -------------------------------------------------------------------------------------
DATABASE_URL = env_url("DATABASE_URL", schemes=("postgres", "postgresql", "sqlite"))
if DATABASE_URL:
    # DB_POOL_MAX_SIZE > 0: Django's psycopg pool, that many connections per process (a gthread worker's
    # threads share them); 0, the default: a connection per thread kept DB_CONN_MAX_AGE seconds. Pooled
    # connections are returned to the pool after each request, so CONN_MAX_AGE must be 0 (Django refuses both).
    DB_POOL_MAX_SIZE = env_int("DB_POOL_MAX_SIZE", 0, minimum=0)
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=0 if DB_POOL_MAX_SIZE else env_int("DB_CONN_MAX_AGE", 60)
        )
    }
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if DB_POOL_MAX_SIZE:
        if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
            raise ImproperlyConfigured(
                "DB_POOL_MAX_SIZE: the connection pool needs PostgreSQL (DATABASE_URL)."
            )
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": min(2, DB_POOL_MAX_SIZE),
            "max_size": DB_POOL_MAX_SIZE,
            "timeout": 30,  # seconds a request waits for a free connection before failing
        }
else:
    # Embedded default: everything lives in one local folder, created on first start.
    with contextlib.suppress(OSError):  # an unusable folder is reported by the system checks
        DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "thongsuot.sqlite3",
            # Web, worker and beat share one file: wait for the writer instead of failing.
            "OPTIONS": {
                "timeout": 30,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -----------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=300)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out client is refused before its password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes, portal/core/lockout.py), three locks, each for AXES_COOLOFF_TIME after the
# last failure it counted:
# - account + address: AXES_FAILURE_LIMIT failures lock that pair (a colleague on the same office IP is not
#   locked out);
# - account, across addresses: AXES_ACCOUNT_FAILURE_LIMIT failures lock the account from every address its
#   owner has not logged in from within AXES_KNOWN_ADDRESS_DAYS (guessing spread over many IPs);
# - address, across accounts: AXES_ADDRESS_FAILURE_LIMIT failures lock the address for every account that
#   has not logged in from it within AXES_KNOWN_ADDRESS_DAYS (password spraying).
# Attempts while locked are refused without being counted, so they never extend the lock; a password
# reset (or change) lifts every lock of the account. Counts reset on a successful login.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_ACCOUNT_FAILURE_LIMIT = env_int("AXES_ACCOUNT_FAILURE_LIMIT", 20, minimum=1)
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 20, minimum=1)
AXES_KNOWN_ADDRESS_DAYS = env_int("AXES_KNOWN_ADDRESS_DAYS", 30, minimum=0)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HANDLER = "portal.core.lockout.ThrottleHandler"
AXES_LOCKOUT_CALLABLE = "portal.core.lockout.lockout_response"
# Behind N reverse proxies set AXES_PROXY_COUNT=N so the client IP is read from X-Forwarded-For;
# by default only REMOTE_ADDR counts (a client cannot forge it).
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0, minimum=0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if AXES_IPWARE_PROXY_COUNT else ("REMOTE_ADDR",)
)
# The second factor's code is masked like the password in axes' attempt log (a wrong code counts there too).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token"]
# Two-factor login (portal/core/twofactor.py): whoever holds a signer or clerk role passes a TOTP code from an
# authenticator app after the password. On by default in production, off in the embedded default and the tests.
OTP_REQUIRED = env_bool("THONGSUOT_OTP_REQUIRED", default=PRODUCTION)
# The name the authenticator app shows beside the account (one per deployment, so two portals are told apart).
OTP_TOTP_ISSUER = env_str("THONGSUOT_OTP_ISSUER", "Thông Suốt")
# /quan-tri/ lists the devices but never shows their secrets (a system administrator could make anyone's codes).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# --- Language and time ----------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "staticfiles"
MEDIA_ROOT = Path(env_str("THONGSUOT_MEDIA_ROOT", str(DATA_DIR / "media"))).resolve()
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# --- Celery ---------------------------------------------------------------------------------------
REDIS_URL = env_url("REDIS_URL", schemes=("redis", "rediss"))

# --- Cache ----------------------------------------------------------------------------------------
# The dashboards' figures (reporting/dashboard/cache.py), invalidated by the services' audit events, in a cache
# of their own that every process which writes shares: Redis in production (CACHE_URL, default REDIS_URL; the
# keys carry a prefix, apart from the broker's), files under the data folder in the embedded default, whose two
# gunicorn workers and Celery worker each have their own memory (a local-memory cache would let a leader who
# accepted a report on one worker see the old figures from the other). The default cache stays Django's.
CACHE_URL = env_url("CACHE_URL", schemes=("redis", "rediss")) or REDIS_URL
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "dashboards": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_URL,
        "KEY_PREFIX": "thongsuot",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    if CACHE_URL
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache" / "dashboards"),
        # a generation counter per unit whose pages were viewed or changed, and the pages' figures
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
# How long a dashboard page's figures are kept (0: not cached). Staleness beyond an event is bounded by it.
DASHBOARD_CACHE_SECONDS = env_int("DASHBOARD_CACHE_SECONDS", 60, minimum=0)
CELERY_BROKER_DIR = DATA_DIR / "broker"
# A broker that is down or hung must not hold a web request (portal/lib/queue.py): connecting and each
# socket operation are bounded, and a publish is retried briefly, then given up and left to the outbox
# sweeps below, which enqueue the work again from the database once the broker is back.
BROKER_TIMEOUT_SECONDS = env_int("BROKER_TIMEOUT_SECONDS", 3, minimum=1)
CELERY_BROKER_CONNECTION_TIMEOUT = BROKER_TIMEOUT_SECONDS
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict = {
        "visibility_timeout": 3600,
        "socket_connect_timeout": BROKER_TIMEOUT_SECONDS,
        # Above the worker's BRPOP timeout (1 s), so an idle consumer is never cut off.
        "socket_timeout": max(BROKER_TIMEOUT_SECONDS, 5),
    }
else:
    # Created here so a worker finds them on a fresh machine; when that is impossible the
    # thongsuot.E003 system check names the folder and the fix, instead of a traceback here.
    for _sub in ("queue", "processed", "control"):
        with contextlib.suppress(OSError):
            (CELERY_BROKER_DIR / _sub).mkdir(parents=True, exist_ok=True)
    # The transport ignores the host (its folders are the options below), but kombu warns "No hostname was
    # supplied" on every connection when the URL names none: name one.
    CELERY_BROKER_URL = "filesystem://localhost/"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_ACKS_LATE = True  # a worker killed mid-task leaves the message for another worker
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# How often beat sweeps: reminders due (each stage sent once, even with two beats running), and the outboxes
# (notification e-mails never sent, render batches never started) whose message the broker did not take.
# An unsent e-mail younger than OUTBOX_GRACE_SECONDS is still in flight and is left to its own message.
CHASE_SWEEP_SECONDS = env_int("CHASE_SWEEP_SECONDS", 300, minimum=1)
# Tasks (directives.handling.services.chase): a reminder this many days before the due date, escalation to the
# unit's leaders and the assigner this many days after it.
TASK_REMIND_DAYS_BEFORE = env_int("TASK_REMIND_DAYS_BEFORE", 3, minimum=0)
TASK_ESCALATE_DAYS_AFTER = env_int("TASK_ESCALATE_DAYS_AFTER", 7, minimum=1)
OUTBOX_SWEEP_SECONDS = env_int("OUTBOX_SWEEP_SECONDS", 60, minimum=1)
OUTBOX_GRACE_SECONDS = env_int("OUTBOX_GRACE_SECONDS", 60, minimum=0)
PDF_BATCH_STALE_SECONDS = env_int("PDF_BATCH_STALE_SECONDS", 120, minimum=1)
CELERY_BEAT_SCHEDULE = {
    "reporting-chase-sweep": {"task": "reporting.chase_sweep", "schedule": float(CHASE_SWEEP_SECONDS)},
    # Tasks (issue 16) are chased on the same beat: reminders before/on/after the due date, then escalation.
    "handling-task-chase-sweep": {
        "task": "handling.task_chase_sweep",
        "schedule": float(CHASE_SWEEP_SECONDS),
    },
    "notifications-outbox": {"task": "notifications.outbox_sweep", "schedule": float(OUTBOX_SWEEP_SECONDS)},
    "directives-render-batch-sweep": {
        "task": "directives.render_batch_sweep",
        "schedule": float(OUTBOX_SWEEP_SECONDS),
    },
    "reporting-open-periods": {"task": "reporting.open_periods", "schedule": crontab(hour=0, minute=10)},
}

# --- E-mail ---------------------------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30, minimum=1)  # a hung SMTP server must not block a worker forever
if EMAIL_FILE_PATH:
    # Mail captured as files (tests with a real worker, local inspection): real sending code, no SMTP.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
elif EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 25)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
elif PRODUCTION:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    # Embedded default: each e-mail (notifications, set-password links) is a file under data/mail/, where whoever
    # tries the demo finds it — not a page of headers in the worker's console.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(DATA_DIR / "mail")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Thông Suốt <khong-tra-loi@thongsuot.local>")
# E-mails carry absolute links: the address people open the portal at (a worker has no request to take it from).
PORTAL_BASE_URL = (env_url("PORTAL_BASE_URL", schemes=("http", "https")) or "http://127.0.0.1:8000").rstrip(
    "/"
)
# Where a security problem is reported (SECURITY.md): shown on the login page and served as
# /.well-known/security.txt (RFC 9116). Each deployment sets its own operators' address.
SECURITY_CONTACT_EMAIL = env_str("SECURITY_CONTACT_EMAIL", "bao-mat@thongsuot.local")
NOTIFICATION_EMAIL_MAX_RETRIES = env_int("NOTIFICATION_EMAIL_MAX_RETRIES", 5, minimum=0)

# --- Security -------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)

# --- Uploads --------------------------------------------------------------------------------------
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024  # above IMPORT_MAX_BYTES, so pasted text gets our own message
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)
ATTACHMENT_ALLOWED_EXTENSIONS = env_list(
    "ATTACHMENT_ALLOWED_EXTENSIONS", ["pdf", "docx", "doc", "xlsx", "xls", "odt", "ods", "jpg", "jpeg", "png"]
)
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)

# --- REST API -------------------------------------------------------------------------------------
# Tokens (API keys and the calendar-feed secret) are stored hashed, end with a password change, are
# revocable by their owner and expire after these many days.
API_TOKEN_TTL_DAYS = env_int("API_TOKEN_TTL_DAYS", 90, minimum=1)
CALENDAR_TOKEN_TTL_DAYS = env_int("CALENDAR_TOKEN_TTL_DAYS", 365, minimum=1)
# A JSON body nested deeper than this is refused with 400 before the parser reads it.
API_JSON_MAX_DEPTH = env_int("API_JSON_MAX_DEPTH", 32, minimum=4)
REST_FRAMEWORK = {
    "DEFAULT_PARSER_CLASSES": [
        "portal.api.parsers.DepthLimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "portal.api.auth.HashedTokenAuthentication",
        "portal.api.auth.CsrfSessionAuthentication",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "portal.api.errors.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Thông Suốt API",
    "DESCRIPTION": "Đơn vị, văn bản, tình hình nhận và triển khai. Xác thực: «Authorization: Token ts_…».",
    "VERSION": "1.0.0",
    # Swagger UI is served from the installed sidecar package: no CDN, nothing fetched from outside.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "portal.org.models.UnitKind",
        "DocumentStatusEnum": "directives.models.Status",
        "ObligationStatusEnum": "reporting.models.ObligationStatus",
        "AssignmentStateEnum": "directives.handling.models.AssignmentState",
        "ExtensionStateEnum": "directives.handling.models.ExtensionState",
    },
}

DEMO_PASSWORD = env_str("THONGSUOT_DEMO_PASSWORD", "ThongSuot@2024")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Signing (issue 15) prints, for every signature, two lines that are not problems:
        # - fontTools.subset "FFTM NOT subset; don't know how to subset; dropped": when pyHanko embeds the
        #   signature appearance's font it drops FontForge's timestamp table, which no glyph needs. It is the
        #   subsetter's only WARNING, so the logger goes to ERROR.
        # - pyHanko's "Validation/revocation info will be embedded, but fetching is not allowed": the demo PKI
        #   (and a deployment with THONGSUOT_SIGNING_ALLOW_FETCHING=0) hands the validator its CRLs in-process,
        #   on purpose. Only that message is dropped: the same logger warns when a DocMDP policy is downgraded.
        # A failed verification is never a log line: verify() reports it in its result (and verify_pdf prints it).
        "fontTools.subset": {"level": "ERROR"},
        "pyhanko.sign.signers.pdf_signer": {"filters": ["signing_no_fetching_notice"]},
    },
    "filters": {
        "signing_no_fetching_notice": {
            "()": "portal.signing.logfilters.DropMessage",
            "starts": "Validation/revocation info will be embedded, but fetching is not allowed.",
        },
    },
}
