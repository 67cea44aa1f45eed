"""The HTTP load test of bench/run_all.py: accounts and logged-in sessions on the dataset, gunicorn on loopback,
locust headless at each number of users, and its section of bench/RESULTS.md."""

from __future__ import annotations

import csv
import datetime as dt
import json
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

from results import Section, ratio

ROOT = Path(__file__).resolve().parents[1]

# --- HTTP load test -----------------------------------------------------------------------------------------------


def sessions_for(usernames: list[str]) -> dict[str, str]:
    """A logged-in session per account, written in bulk: what a login would leave, without paying the
    password hash (PBKDF2, deliberately slow) once per simulated user."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    expire = timezone.now() + dt.timedelta(hours=8)
    keys, rows = {}, []
    for user in get_user_model().objects.filter(username__in=usernames):
        key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        rows.append(Session(session_key=key, session_data=SessionStore().encode(data), expire_date=expire))
        keys[user.username] = key
    Session.objects.bulk_create(rows, batch_size=5_000)
    return keys


def load_accounts(path: Path, year: int, reporters: int, leaders: int) -> dict:
    from django.conf import settings
    from django.db import connection
    from django.urls import reverse
    from national import PASSWORD

    with connection.cursor() as c:
        c.execute(
            """
            SELECT 'bc.' || u.code, array_agg(o.id ORDER BY o.id)
            FROM reporting_obligation o JOIN org_unit u ON u.id = o.unit_id
            LEFT JOIN reporting_report r ON r.obligation_id = o.id
            WHERE o.status = 'open' AND u.kind = 'union_grassroots' AND r.id IS NULL
            GROUP BY u.code ORDER BY md5(u.code) LIMIT %s""",
            [reporters],
        )
        rep = [{"username": name, "obligations": ids} for name, ids in c.fetchall()]
        c.execute("""
            SELECT DISTINCT ON (u.id) 'ld.' || u.code, u.id, d.id, r.id
            FROM org_unit u JOIN directives_document d ON d.issuer_id = u.id AND d.status = 'issued'
            JOIN reporting_reportingrequirement r ON r.document_id = d.id AND r.frequency = 'semiannual'
            WHERE u.depth IN (2, 3) AND u.kind LIKE 'union_%%'
            ORDER BY u.id, d.issue_date""")
        lead = c.fetchall()
    lead = sorted(lead, key=lambda r: (r[0].count("-"), r[0]))[:leaders]
    sessions = sessions_for([a["username"] for a in rep] + [r[0] for r in lead])
    for a in rep:
        a["session"] = sessions[a["username"]]
    accounts = {
        "password": PASSWORD,
        "cookie": settings.SESSION_COOKIE_NAME,
        "reporters": rep,
        "leaders": [
            {
                "username": name,
                "session": sessions[name],
                "requirement_url": reverse("dashboards:requirement", args=[req, uid]) + f"?ky={year}-S1",
                "directive_url": reverse("dashboards:directive", args=[doc, uid]),
            }
            for name, uid, doc, req in lead
        ],
    }
    path.write_text(json.dumps(accounts))
    return accounts


def load_test(
    accounts_path: Path, env: dict, users: list[int], seconds: int, workers: int, port: int, work: Path, log
) -> tuple[list[list], str]:
    server_env = {**env, "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost", "PYTHONUNBUFFERED": "1"}
    log_path = work / "gunicorn.log"
    with log_path.open("wb") as gl:
        server = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--timeout",
                "120",
            ],
            cwd=ROOT,
            env=server_env,
            stdout=gl,
            stderr=subprocess.STDOUT,
        )
    rows = []
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/suc-khoe/", timeout=5)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        "gunicorn did not start:\n" + log_path.read_text(errors="replace")
                    ) from None
                time.sleep(0.5)
        for n in users:
            prefix = work / f"locust-{n}"
            start = time.perf_counter()
            proc = subprocess.run(
                [
                    str(ROOT / ".venv/bin/locust"),
                    "-f",
                    str(ROOT / "bench/locustfile.py"),
                    "--headless",
                    "-u",
                    str(n),
                    "-r",
                    str(n),
                    "-t",
                    f"{seconds}s",
                    "--stop-timeout",
                    "10",
                    "--csv",
                    str(prefix),
                    "--only-summary",
                    "--host",
                    f"http://127.0.0.1:{port}",
                    "--loglevel",
                    "WARNING",
                ],
                cwd=ROOT,
                env={**env, "BENCH_ACCOUNTS": str(accounts_path)},
                capture_output=True,
                text=True,
                timeout=seconds + 120,
            )
            log(f"  locust {n} users: exit {proc.returncode} in {time.perf_counter() - start:.0f} s")
            stats = Path(f"{prefix}_stats.csv")
            if not stats.exists():
                log(proc.stdout[-2000:] + proc.stderr[-2000:])
                continue
            for r in csv.DictReader(stats.open()):
                name = r["Name"] if r["Name"] != "Aggregated" else "all requests"
                rows.append(
                    [
                        n,
                        name,
                        int(r["Request Count"]),
                        float(r["Requests/s"]),
                        float(r["50%"]),
                        float(r["95%"]),
                        float(r["99%"]),
                        int(r["Failure Count"]),
                    ]
                )
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return rows, f"gunicorn {workers} sync workers"


def load_section(
    rows: list[list], server: str, seconds: int, users: list[int], reporters: int, leaders: int
) -> Section:
    ref = {(r[1]): r for r in rows if r[0] == users[0]}
    out = []
    for r in rows:
        base = ref.get(r[1])
        out.append([*r, ratio(r[3], base[3]) if base and r[0] != users[0] else "reference"])
    return Section(
        "HTTP load test",
        f"{server} on 127.0.0.1 (PostgreSQL of the dataset), locust headless for {seconds} s at "
        f"each of {', '.join(map(str, users))} concurrent users (spawned at once, 0.5–1.5 s think time). Users: 3/5 "
        f"reporters of grassroots unions ({reporters} accounts) reading the inbox and submitting the report form of "
        f"an open obligation (GET with its CSRF token, POST «nộp»), 2/5 leaders of provincial and upper-level "
        f"federations ({leaders} accounts) opening their requirement and directive dashboards and the inbox. Each "
        "simulated user starts with a logged-in session made beforehand (the login page itself, with its "
        "deliberately slow PBKDF2 password check, is not part of the pages measured). "
        f"Reference for the ratio: the same page at {users[0]} users (requests/s).",
        ["users", "page", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "req/s ratio"],
        out,
    )
