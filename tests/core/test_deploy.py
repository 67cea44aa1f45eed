"""`manage.py check --deploy` with production settings gives no warnings (issue 2, "What it must show")."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

STRIPPED = ("DATABASE_URL", "REDIS_URL", "DJANGO_", "THONGSUOT_", "EMAIL_", "CELERY_", "SECURE_", "SESSION_")


def check_deploy(tmp_path, **env) -> subprocess.CompletedProcess:
    for name in ("DATABASE_URL", "REDIS_URL"):
        if not os.environ.get(name):
            pytest.skip(
                f"{name} chưa đặt: kiểm tra triển khai cần PostgreSQL và Redis (scripts/test.sh khởi động cả hai)."
            )
    production = {k: v for k, v in os.environ.items() if not k.startswith(STRIPPED)}
    production.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        THONGSUOT_PRODUCTION="1",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL=os.environ["DATABASE_URL"],
        REDIS_URL=os.environ["REDIS_URL"],
        DJANGO_ALLOWED_HOSTS="portal.example.vn",
        THONGSUOT_DATA_DIR=str(tmp_path / "data"),
        EMAIL_HOST="mailpit",
        EMAIL_PORT="1025",
    )
    production.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=production,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_passes_the_deployment_checklist_without_a_single_warning(tmp_path):
    proc = check_deploy(tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "System check identified no issues (0 silenced)." in proc.stdout
    assert "WARNING" not in proc.stderr.upper()


def test_it_fails_the_checklist_with_a_weak_secret_key(tmp_path):
    """The same command is not a rubber stamp: a short key is reported."""
    proc = check_deploy(tmp_path, DJANGO_SECRET_KEY="ngan-qua")
    assert proc.returncode != 0
    assert "security.W009" in proc.stderr


def test_it_fails_the_checklist_when_https_redirect_is_turned_off(tmp_path):
    proc = check_deploy(tmp_path, SECURE_SSL_REDIRECT="0")
    assert proc.returncode != 0
    assert "security.W008" in proc.stderr
