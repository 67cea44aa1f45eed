"""The run command's first steps on the embedded default: a fresh SQLite database migrates, the demo loads and
every demo account is listed — in a process of its own, without DATABASE_URL, as scripts/run.sh does it.

The rest of the suite runs on PostgreSQL; this is the one place where a PostgreSQL-only statement on the
demo's path (an advisory lock, a trigram function …) would break the first day of a new user.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_demo_loads_on_a_fresh_sqlite_database(tmp_path):
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "THONGSUOT_TEST_TODAY")
    }
    env.update(THONGSUOT_DATA_DIR=str(tmp_path / "data"), DJANGO_SETTINGS_MODULE="portal.settings")

    def manage(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, f"manage.py {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    manage("migrate", "--no-input")
    assert "Đã nạp" in manage("load_demo", "--once")
    assert "bỏ qua" in manage(
        "load_demo", "--once"
    )  # run twice (every start): nothing happens the second time
    # The demo PKI and a SoftHSM2 token per demo signer and body (issue 15), made once as run.sh makes them.
    assert "Đã cấp" in manage("signing_demo_pki")
    assert "đã có sẵn" in manage("signing_demo_pki")
    assert (tmp_path / "data" / "pki" / "root.cert.pem").exists()
    listing = manage("demo_accounts")
    assert "bg.phochutich" in listing and "cdcs.bichdong" in listing
    assert (tmp_path / "data" / "db.sqlite3").exists() or any((tmp_path / "data").glob("*.sqlite3"))
