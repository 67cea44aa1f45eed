"""The production stack on paper (issue 2, item 9): no Docker engine runs here, so test what can be tested.

docker-compose.yml parses, names every service the README names, and only runs entry
points that exist; its environment is accepted by our strict settings; the Dockerfile
installs the locked dependencies and WeasyPrint's system libraries.
"""

from __future__ import annotations

import importlib
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import get_commands

ROOT = Path(settings.BASE_DIR)
SERVICES = {"db", "redis", "web", "worker", "beat", "mailpit"}
APP_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text(encoding="utf-8")


def command_line(service: dict) -> str:
    command = service["command"]
    return " ".join(command) if isinstance(command, list) else command


def with_defaults(value: str) -> str:
    """Resolve ${NAME:-default} the way compose does when NAME is unset."""
    return re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", str(value))


def test_it_names_every_service_of_the_production_stack(compose):
    assert set(compose["services"]) >= SERVICES
    services = compose["services"]
    assert services["db"]["image"] == "postgres:15"
    assert services["redis"]["image"] == "redis:7"
    assert services["mailpit"]["image"].startswith("axllent/mailpit")
    assert "8025:8025" in services["mailpit"]["ports"]
    assert "1025" in [str(p) for p in services["mailpit"].get("expose", [])] + services["mailpit"]["ports"]


def test_it_configures_the_app_services_the_production_way(compose):
    for name in APP_SERVICES:
        service = compose["services"][name]
        env = {k: with_defaults(v) for k, v in service["environment"].items()}
        assert env["DATABASE_URL"].startswith("postgresql://") and "@db:5432/" in env["DATABASE_URL"], name
        assert env["REDIS_URL"] == "redis://redis:6379/0", name
        assert (env["EMAIL_HOST"], env["EMAIL_PORT"]) == ("mailpit", "1025"), name
        assert env["THONGSUOT_PRODUCTION"] == "1", name
        assert "DJANGO_SECRET_KEY_FILE" in env or "DJANGO_SECRET_KEY" in env, name
        assert env["DJANGO_ALLOWED_HOSTS"], name
        assert f"media:{env['THONGSUOT_MEDIA_ROOT']}" in service["volumes"], name
    assert "media" in compose["volumes"]


def test_it_starts_web_worker_and_beat_after_their_dependencies(compose):
    services = compose["services"]
    assert services["web"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["web"]["depends_on"]["redis"]["condition"] == "service_healthy"
    for name in ("worker", "beat"):  # they wait for web, which migrates first
        assert services[name]["depends_on"]["web"]["condition"] == "service_healthy"
    web = command_line(services["web"])
    assert web.index("manage.py migrate") < web.index("gunicorn portal.wsgi")


def test_it_runs_only_entry_points_that_exist(compose):
    commands = get_commands()
    seen = set()
    for name in APP_SERVICES:
        words = shlex.split(command_line(compose["services"][name]).replace("&&", " && "))
        for i, word in enumerate(words):
            if word == "gunicorn":
                module, _, attr = words[i + 1].partition(":")
                assert callable(getattr(importlib.import_module(module), attr or "application"))
                seen.add("gunicorn")
            elif word == "celery":
                assert words[i + 1 : i + 3] == ["-A", "portal"]
                assert words[i + 3] in ("worker", "beat")
                from portal import celery_app

                assert celery_app.main == "portal"
                seen.add(f"celery {words[i + 3]}")
            elif word == "manage.py":
                assert words[i + 1] in commands, f"{name}: manage.py {words[i + 1]} does not exist"
                seen.add(f"manage.py {words[i + 1]}")
    assert seen == {"gunicorn", "celery worker", "celery beat", "manage.py migrate"}
    # What a worker does at start-up: autodiscover every app's tasks module.
    from portal import celery_app

    celery_app.loader.import_default_modules()
    assert "portal.notifications.tasks.send_notification_emails" in celery_app.tasks


def test_it_passes_an_environment_our_strict_settings_accept(compose, tmp_path):
    env = {k: with_defaults(v) for k, v in compose["services"]["web"]["environment"].items()}
    secret = tmp_path / "django_secret_key"
    secret.write_text("s" * 64)
    env.update(
        DJANGO_SECRET_KEY_FILE=str(secret),
        THONGSUOT_MEDIA_ROOT=str(tmp_path / "media"),
        THONGSUOT_DATA_DIR=str(tmp_path / "data"),
        DJANGO_SETTINGS_MODULE="portal.settings",
        PATH=os.environ["PATH"],
    )
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['HOST'], s.CELERY_BROKER_URL, s.EMAIL_BACKEND, s.EMAIL_PORT)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == [
        "db",
        "redis://redis:6379/0",
        "django.core.mail.backends.smtp.EmailBackend",
        "1025",
    ]


def test_it_keeps_the_secret_key_out_of_the_file(compose):
    assert compose["secrets"]["django_secret_key"]["file"].startswith("./secrets/")
    for name in APP_SERVICES:
        assert "DJANGO_SECRET_KEY" not in compose["services"][name]["environment"]
        assert "django_secret_key" in compose["services"][name]["secrets"]
    assert "secrets" in (ROOT / ".dockerignore").read_text().split()


def test_it_builds_the_image_from_the_lock_file(dockerfile):
    copies = [line for line in dockerfile.splitlines() if line.startswith("COPY ")]
    assert any("pyproject.toml" in line and "uv.lock" in line for line in copies)
    assert "uv sync --frozen --no-dev" in dockerfile
    assert re.search(r"^FROM python:3\.11", dockerfile, re.M), "the image's Python must match requires-python"
    uv_version = re.search(r"UV_VERSION=([\d.]+)", (ROOT / "scripts/bootstrap.sh").read_text()).group(1)
    assert f"astral-sh/uv:{uv_version}" in dockerfile, (
        "the image uses the same uv as the run and test commands"
    )


def test_it_installs_weasyprints_system_libraries(dockerfile):
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "fonts-liberation2"):
        assert re.search(rf"apt-get install [^\n]*\b{re.escape(package)}\b", dockerfile), package


def test_it_serves_gunicorn_by_default_as_an_unprivileged_user(dockerfile):
    assert re.search(r"^USER (?!root)\w+", dockerfile, re.M)
    assert 'CMD ["gunicorn", "portal.wsgi"' in dockerfile
    assert "collectstatic --noinput" in dockerfile
