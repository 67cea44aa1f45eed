"""DB_POOL_MAX_SIZE: Django's psycopg pool behind a setting, off by default (issue 19, connection pooling).

The settings module is read once per process, so each case reads it in a fresh interpreter with its own
environment: what the production container would get from docker-compose.yml.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
READ = (
    "import json, portal.settings as s; d = s.DATABASES['default']; "
    "print(json.dumps({'age': d['CONN_MAX_AGE'], 'pool': d.get('OPTIONS', {}).get('pool')}))"
)


def _settings(**env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DB_", "DJANGO_SETTINGS"))}
    return subprocess.run(
        [sys.executable, "-c", READ],
        cwd=ROOT,
        env={**base, "DATABASE_URL": "postgresql://u@127.0.0.1:5432/x", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "age", "pool"),
    [
        ({}, 60, None),  # the default: no pool, connections kept a minute
        ({"DB_POOL_MAX_SIZE": "0", "DB_CONN_MAX_AGE": "30"}, 30, None),
        (
            {"DB_POOL_MAX_SIZE": "8", "DB_CONN_MAX_AGE": "60"},
            0,
            {"min_size": 2, "max_size": 8, "timeout": 30},
        ),
        ({"DB_POOL_MAX_SIZE": "1"}, 0, {"min_size": 1, "max_size": 1, "timeout": 30}),
    ],
)
def test_pool_setting_parses_and_sets_conn_max_age_0(env, age, pool):
    out = _settings(**env)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"age": age, "pool": pool}


@pytest.mark.parametrize("raw", ["-1", "eight"])
def test_a_malformed_pool_size_stops_start_up(raw):
    out = _settings(DB_POOL_MAX_SIZE=raw)
    assert out.returncode != 0
    assert "DB_POOL_MAX_SIZE" in out.stderr
