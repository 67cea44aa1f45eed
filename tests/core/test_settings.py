"""Settings read the environment strictly (issue 2, item 1).

Each case starts a fresh Python process, because settings are read once at start-up:
a malformed value must stop it with a message naming the variable; no environment at
all gives the embedded default; system checks name what is unusable and how to fix it.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest
from django.conf import settings

# Everything the settings module reads: stripped so each case states its whole environment.
READ_BY_SETTINGS = (
    "DATABASE_URL",
    "REDIS_URL",
    "DJANGO_",
    "THONGSUOT_",
    "EMAIL_",
    "DB_CONN_MAX_AGE",
    "CELERY_",
    "SESSION_COOKIE_AGE",
    "SECURE_",
    "DEFAULT_FROM_EMAIL",
)
SETUP = "import django; django.setup()"
DUMP = (
    SETUP
    + """
import json
from django.conf import settings as s
db = s.DATABASES["default"]
print(json.dumps({"engine": db["ENGINE"], "name": str(db["NAME"]), "broker": s.CELERY_BROKER_URL,
                  "broker_in": s.CELERY_BROKER_TRANSPORT_OPTIONS.get("data_folder_in"),
                  "media": str(s.MEDIA_ROOT), "email": s.EMAIL_BACKEND, "email_port": getattr(s, "EMAIL_PORT", None),
                  "debug": s.DEBUG, "production": s.PRODUCTION, "secret": s.SECRET_KEY}))
"""
)


def start(code_or_args, tmp_path, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(READ_BY_SETTINGS)}
    clean.update({"DJANGO_SETTINGS_MODULE": "portal.settings", "THONGSUOT_DATA_DIR": str(tmp_path / "data")})
    clean.update(env)
    args = (
        [sys.executable, "-c", code_or_args]
        if isinstance(code_or_args, str)
        else [sys.executable, *code_or_args]
    )
    return subprocess.run(args, cwd=settings.BASE_DIR, env=clean, capture_output=True, text=True, timeout=120)


def dump(tmp_path, **env) -> dict:
    proc = start(DUMP, tmp_path, **env)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "env, expected",
    [
        ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG='maybe': expected one of 1/0"),
        (
            {"DATABASE_URL": "postgresql://u@127.0.0.1/x", "DB_CONN_MAX_AGE": "abc"},
            "DB_CONN_MAX_AGE='abc': expected an integer",
        ),
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL='mysql://x': expected a URL starting with postgres"),
        ({"REDIS_URL": "localhost:6379"}, "REDIS_URL='localhost:6379': expected a URL starting with redis"),
        ({"SESSION_COOKIE_AGE": "10"}, "SESSION_COOKIE_AGE=10: must be at least 300"),
        ({"THONGSUOT_PRODUCTION": "có"}, "THONGSUOT_PRODUCTION='có'"),
        ({"DJANGO_SECRET_KEY_FILE": "/khong/co/tep"}, "DJANGO_SECRET_KEY_FILE='/khong/co/tep': no such file"),
    ],
)
def test_it_stops_start_up_on_a_malformed_value_naming_the_variable(tmp_path, env, expected):
    proc = start(SETUP, tmp_path, **env)
    assert proc.returncode != 0
    assert "ImproperlyConfigured" in proc.stderr
    assert expected in proc.stderr


def test_it_refuses_production_without_a_secret_key(tmp_path):
    proc = start(SETUP, tmp_path, THONGSUOT_PRODUCTION="1")
    assert proc.returncode != 0
    assert "DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) is required in production." in proc.stderr


def test_it_reads_the_secret_key_from_a_file_in_production(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("k" * 60 + "\n")
    values = dump(tmp_path, THONGSUOT_PRODUCTION="1", DJANGO_SECRET_KEY_FILE=str(secret))
    assert values["production"] is True and values["secret"] == "k" * 60


def test_it_runs_embedded_with_no_environment_at_all(tmp_path):
    values = dump(tmp_path)

    data = tmp_path / "data"
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(data / "thongsuot.sqlite3")
    assert values["broker"] == "filesystem://localhost/"
    assert values["broker_in"] == str(data / "broker" / "queue")
    assert values["media"] == str(data / "media")
    assert values["email"] == "django.core.mail.backends.filebased.EmailBackend"  # files under data/mail/
    assert (values["debug"], values["production"]) == (False, False)


def test_it_runs_the_production_way_with_postgresql_and_redis(tmp_path):
    values = dump(
        tmp_path,
        DATABASE_URL="postgresql://u:p@db:5432/thongsuot",
        REDIS_URL="redis://redis:6379/0",
        EMAIL_HOST="mailpit",
        EMAIL_PORT="1025",
    )
    assert (values["engine"], values["name"]) == ("django.db.backends.postgresql", "thongsuot")
    assert values["broker"] == "redis://redis:6379/0"
    assert (values["email"], values["email_port"]) == ("django.core.mail.backends.smtp.EmailBackend", 1025)


def test_it_captures_mail_in_files_when_asked(tmp_path):
    values = dump(tmp_path, EMAIL_FILE_PATH=str(tmp_path / "mail"), EMAIL_HOST="mailpit")
    assert values["email"] == "django.core.mail.backends.filebased.EmailBackend"


# --- system checks --------------------------------------------------------------------------------------


def test_it_reports_an_unusable_media_folder_with_a_hint(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")

    proc = start(["manage.py", "check"], tmp_path, THONGSUOT_MEDIA_ROOT=str(blocker / "media"))

    assert proc.returncode != 0
    assert "thongsuot.E001" in proc.stderr
    assert f"Thư mục tệp đính kèm {blocker / 'media'} không tạo được" in proc.stderr
    assert "HINT: Đặt THONGSUOT_MEDIA_ROOT tới một thư mục có quyền ghi." in proc.stderr


def test_it_reports_an_unusable_broker_folder_with_a_hint(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "broker").write_text("a file where the file-system broker wants its folders")

    proc = start(["manage.py", "check"], tmp_path, THONGSUOT_DATA_DIR=str(data))

    assert proc.returncode != 0
    assert "thongsuot.E003" in proc.stderr
    assert "Đặt THONGSUOT_DATA_DIR tới thư mục có quyền ghi, hoặc đặt REDIS_URL." in proc.stderr


def test_it_warns_when_production_runs_on_the_embedded_stack(tmp_path):
    proc = start(
        ["manage.py", "check", "--fail-level", "WARNING"],
        tmp_path,
        THONGSUOT_PRODUCTION="1",
        DJANGO_SECRET_KEY="s" * 60,
    )
    assert proc.returncode != 0
    assert "thongsuot.W001" in proc.stderr and "Đặt REDIS_URL=redis://" in proc.stderr
    assert "thongsuot.W003" in proc.stderr and "Đặt DATABASE_URL=postgresql://" in proc.stderr


def test_it_warns_when_redis_cannot_be_reached_in_production(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = start(
        ["manage.py", "check", "--fail-level", "WARNING"],
        tmp_path,
        THONGSUOT_PRODUCTION="1",
        DJANGO_SECRET_KEY="s" * 60,
        DATABASE_URL="postgresql://u@127.0.0.1:1/x",
        REDIS_URL=f"redis://127.0.0.1:{port}/0",
    )
    assert proc.returncode != 0
    assert "thongsuot.W002" in proc.stderr and "Kiểm tra REDIS_URL và dịch vụ Redis." in proc.stderr
