"""The HTTP load test of bench/run_all.py: accounts and logged-in sessions on the dataset, gunicorn on loopback,
locust headless at each number of users, and its section of bench/RESULTS.md."""

from __future__ import annotations

import contextlib
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


def _people(prefix: str, role: str, units: list[tuple[int, str]], title: str) -> dict[str, int]:
    """A person with `role` in each unit ({prefix}.{code}, the dataset's password), bulk-created once (a second
    call finds them): {username: user id}."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from national import PASSWORD

    from portal.org.models import Membership

    User = get_user_model()
    hashed = make_password(PASSWORD)
    User.objects.bulk_create(
        [
            User(username=f"{prefix}.{code}", password=hashed, first_name=f"{title} {code}")
            for _, code in units
        ],
        batch_size=5_000,
        ignore_conflicts=True,
    )
    ids = dict(
        User.objects.filter(username__in=[f"{prefix}.{c}" for _, c in units]).values_list("username", "id")
    )
    Membership.objects.bulk_create(
        [Membership(user_id=ids[f"{prefix}.{code}"], unit_id=uid, role=role) for uid, code in units],
        batch_size=5_000,
        ignore_conflicts=True,
    )
    return ids


def load_accounts(
    path: Path, year: int, reporters: int, leaders: int, signers: int = 300, clerks: int = 200
) -> dict:
    """The accounts of the working day, from the national dataset as stored (statuses of its fixed reference day,
    so the same whatever the run date), with a logged-in session each:

    * reporters of grassroots unions holding open obligations with no report yet (each prepared once and handed
      to the unit's leader, «Trình ký»). The dataset gives leaders only down to the upper-level unions, so each
      of these unions gets its chair here (ky.<code>, a signer), as the demo gives every reporting unit one;
    * signers of other grassroots unions (ky.<code>) whose open obligations their reporter has already handed
      over (reports awaiting signature, written here set-based), each signed and sent once («Ký và gửi»);
    * leaders of provincial and upper-level federations: their dashboards and the document search;
    * clerks (vt.<code>) of provincial and upper-level federations with deliveries waiting to be registered.
    """
    from django.conf import settings
    from django.db import connection
    from django.urls import reverse
    from django.utils import timezone
    from national import PASSWORD

    with connection.cursor() as c:
        c.execute(
            """
            SELECT u.id, u.code, array_agg(o.id ORDER BY o.id)
            FROM reporting_obligation o JOIN org_unit u ON u.id = o.unit_id
            LEFT JOIN reporting_report r ON r.obligation_id = o.id
            WHERE o.status = 'open' AND u.kind = 'union_grassroots' AND r.id IS NULL
            GROUP BY u.id, u.code ORDER BY md5(u.code) LIMIT %s""",
            [reporters + signers],
        )
        units = c.fetchall()
        c.execute("""
            SELECT DISTINCT ON (u.id) 'ld.' || u.code, u.id, d.id, r.id
            FROM org_unit u JOIN directives_document d ON d.issuer_id = u.id AND d.status = 'issued'
            JOIN reporting_reportingrequirement r ON r.document_id = d.id AND r.frequency = 'semiannual'
            WHERE u.depth IN (2, 3) AND u.kind LIKE 'union_%%'
            ORDER BY u.id, d.issue_date""")
        lead = c.fetchall()
        c.execute(
            """
            SELECT u.id, u.code FROM org_unit u
            WHERE u.depth IN (2, 3) AND u.kind LIKE 'union_%%' AND EXISTS (
                SELECT 1 FROM directives_delivery dl
                LEFT JOIN handling_incomingentry e ON e.delivery_id = dl.id
                WHERE dl.unit_id = u.id AND e.id IS NULL AND dl.returned_at IS NULL)
            ORDER BY md5(u.code) LIMIT %s""",
            [clerks],
        )
        clerk_units = c.fetchall()
    chairs = _people("ky", "signer", [(uid, code) for uid, code, _ in units], "Chủ tịch")
    clerk_ids = _people("vt", "clerk", clerk_units, "Văn thư")
    rep_units, sign_units = units[:reporters], units[reporters:]
    # What the signers' reporters handed over before the day: every open obligation of their unions, awaiting
    # the chair's signature, with the data a reporter types (the dataset's report text and figures).
    with connection.cursor() as c:
        c.execute(
            """
            INSERT INTO reporting_report (obligation_id, state, data, created_by_id, updated_by_id, created_at,
                updated_at, is_late, version_count, return_comment, search_text, revision, number_symbol,
                sign_comment, signature, sign_requested_to_id, sign_requested_by_id, sign_requested_at)
            SELECT o.id, 'signing', s.data, m.user_id, m.user_id, %(now)s, %(now)s, false, 0, '', s.search_text, 1,
                   '', '', '{}'::jsonb, k.id, m.user_id, %(now)s
            FROM reporting_obligation o
            JOIN org_unit u ON u.id = o.unit_id
            JOIN auth_user k ON k.username = 'ky.' || u.code
            JOIN org_membership m ON m.unit_id = o.unit_id AND m.role = 'reporter'
            CROSS JOIN LATERAL (SELECT data, search_text FROM reporting_report WHERE state = 'accepted' LIMIT 1) s
            WHERE o.id = ANY(%(ids)s) AND NOT EXISTS (SELECT 1 FROM reporting_report r WHERE r.obligation_id = o.id)
            """,
            {"now": timezone.now(), "ids": [i for _, _, ids in sign_units for i in ids]},
        )
    lead = sorted(lead, key=lambda r: (r[0].count("-"), r[0]))[:leaders]
    rep_names = [f"bc.{code}" for _, code, _ in rep_units]
    sign_names = [f"ky.{code}" for _, code, _ in sign_units]
    sessions = sessions_for(rep_names + sign_names + [r[0] for r in lead] + list(clerk_ids))
    accounts = {
        "password": PASSWORD,
        "cookie": settings.SESSION_COOKIE_NAME,
        "reporters": [
            {
                "username": f"bc.{code}",
                "session": sessions[f"bc.{code}"],
                "obligations": ids,
                "signer": chairs[f"ky.{code}"],
            }
            for _, code, ids in rep_units
        ],
        "signers": [{"username": name, "session": sessions[name]} for name in sign_names],
        "leaders": [
            {
                "username": name,
                "session": sessions[name],
                "requirement_url": reverse("dashboards:requirement", args=[req, uid]) + f"?ky={year}-S1",
                "directive_url": reverse("dashboards:directive", args=[doc, uid]),
            }
            for name, uid, doc, req in lead
        ],
        "clerks": [{"username": name, "session": sessions[name]} for name in clerk_ids],
    }
    path.write_text(json.dumps(accounts))
    return accounts


def _warm(accounts: dict, port: int, requests: int) -> None:
    """Untimed: each page type requested a few times, so every worker has compiled its templates and opened its
    database connection before the first timed run (a cold worker's first requests are not a working day)."""

    leaders = accounts["leaders"] or [{}]
    for i in range(requests):
        leader = leaders[i % len(leaders)]
        for path in (leader.get("requirement_url"), leader.get("directive_url"), "/van-ban/den/"):
            if not path:
                continue
            req = urllib.request.Request(
                f"http://127.0.0.1:{port}{path}",
                headers={"Cookie": f"{accounts['cookie']}={leader.get('session', '')}"},
            )
            with contextlib.suppress(OSError):
                urllib.request.urlopen(req, timeout=60).read()


_RUNS = 0  # locust runs so far in this process: each takes the next eighth of the accounts that act once


def _cpu_seconds(pids: list[int], db_name: str) -> dict[int, float]:
    """CPU seconds so far of the given processes and their children, and of the PostgreSQL backends serving
    the benchmark's database (their command line names it): {pid: user + system}."""
    import psutil

    out: dict[int, float] = {}
    procs = []
    for pid in pids:
        try:
            p = psutil.Process(pid)
            procs += [p, *p.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
    for p in psutil.process_iter(["cmdline"]):
        cmd = " ".join(p.info["cmdline"] or [])
        if cmd.startswith("postgres:") and f" {db_name} " in f"{cmd} ":
            procs.append(p)
    for p in procs:
        try:
            t = p.cpu_times()
            out[p.pid] = t.user + t.system
        except psutil.NoSuchProcess:
            continue
    return out


def _spent(before: dict[int, float], after: dict[int, float]) -> float:
    return sum(v - before.get(pid, 0.0) for pid, v in after.items())


def load_test(
    accounts_path: Path,
    env: dict,
    users: list[int],
    seconds: int,
    workers: int,
    port: int,
    work: Path,
    log,
    *,
    worker_class: str = "sync",
    threads: int = 1,
    background: bool = False,
    db_name: str = "",
) -> tuple[list[list], str, list[dict]]:
    """gunicorn with the given worker class on the dataset, locust at each number of users in turn; with
    `background`, bench/day_background.py (chase sweep, batch PDF) runs during each. Returns the CSV rows, the
    server's description and, per number of users, {users, requests, seconds, cpu_s, background}."""
    server_env = {**env, "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost", "PYTHONUNBUFFERED": "1"}
    log_path = work / f"gunicorn-{worker_class}.log"
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "portal.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        worker_class,
        "--timeout",
        "120",
        "--preload",  # the application loaded once before the fork: every worker is ready when the server is
    ]
    if worker_class == "gthread":
        # gthread keeps a client's connection open between requests, 2 s by default: shorter than a simulated
        # user's think time plus a slow page under load, so the client's next request raced the server's close
        # ("Connection reset by peer" in the first full run). A browser keeps it longer; so does the test.
        command += ["--threads", str(threads), "--keep-alive", "75"]
    with log_path.open("wb") as gl:
        server = subprocess.Popen(command, cwd=ROOT, env=server_env, stdout=gl, stderr=subprocess.STDOUT)
    rows, runs = [], []
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
        accounts = json.loads(accounts_path.read_text())
        _warm(accounts, port, workers * threads * 4)
        for n in users:
            tag = (
                f"{worker_class}-pool" if env.get("DB_POOL_MAX_SIZE", "0") not in ("", "0") else worker_class
            )
            prefix = work / f"locust-{tag}-{n}"
            # Each run its own reporters: an obligation prepared in one run is not offered to the next.
            global _RUNS
            share = max(1, len(accounts["reporters"]) // 8)
            first = (_RUNS % 8) * share
            _RUNS += 1
            run_accounts = work / f"accounts-{tag}-{n}.json"
            # So are the chairs' reports awaiting signature and the clerks' units.
            part = {}
            for role in ("reporters", "signers", "clerks"):
                people = accounts.get(role, [])
                size = max(1, len(people) // 8)
                part[role] = people[(first // share) * size : (first // share + 1) * size]
            run_accounts.write_text(json.dumps({**accounts, **part}))
            side = None
            if background:
                side = subprocess.Popen(
                    [str(ROOT / ".venv/bin/python"), str(ROOT / "bench/day_background.py")],
                    cwd=ROOT,
                    env=server_env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
            before = _cpu_seconds([server.pid], db_name)
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
                env={**env, "BENCH_ACCOUNTS": str(run_accounts)},
                capture_output=True,
                text=True,
                timeout=seconds + 120,
            )
            elapsed = time.perf_counter() - start
            cpu_s = _spent(before, _cpu_seconds([server.pid], db_name))
            side_result: dict = {}
            if side is not None:
                side.send_signal(signal.SIGTERM)  # it stops after the piece of work in hand …
                try:
                    out, err = side.communicate(timeout=60)
                except subprocess.TimeoutExpired:  # … or is stopped: its last line has the figures so far
                    side.kill()
                    out, err = side.communicate()
                lines = [ln for ln in out.strip().splitlines() if ln.startswith("{")]
                side_result = json.loads(lines[-1]) if lines else {}
                if "Error" in err or "Traceback" in err:
                    log("  background: " + err.strip()[-500:])
            log(
                f"  locust {n} users ({worker_class}): exit {proc.returncode} in {elapsed:.0f} s, {cpu_s:.0f} CPU s"
            )
            stats = Path(f"{prefix}_stats.csv")
            if not stats.exists():
                log(proc.stdout[-2000:] + proc.stderr[-2000:])
                continue
            total = 0
            for r in csv.DictReader(stats.open()):
                name = r["Name"] if r["Name"] != "Aggregated" else "all requests"
                if name == "all requests":
                    total = int(r["Request Count"])
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
            runs.append(
                {"users": n, "requests": total, "seconds": elapsed, "cpu_s": cpu_s, "background": side_result}
            )
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    desc = f"gunicorn {workers} {worker_class} workers" + (
        f" × {threads} threads" if worker_class == "gthread" else ""
    )
    pool = int(env.get("DB_POOL_MAX_SIZE") or 0)
    desc += f", psycopg pool of {pool} connections per worker" if pool else ", no connection pool"
    return rows, desc, runs


def load_section(
    rows: list[list],
    server: str,
    seconds: int,
    users: list[int],
    reporters: int,
    leaders: int,
    runs: list[dict] | None = None,
    choice: str = "",
    signers: int = 0,
    clerks: int = 0,
) -> Section:
    ref = {(r[1]): r for r in rows if r[0] == users[0]}
    out = []
    for r in rows:
        base = ref.get(r[1])
        out.append([*r, ratio(r[3], base[3]) if base and r[0] != users[0] else "reference"])
    notes = []
    p95 = {r[0]: r[5] for r in rows if r[1] == "all requests"}
    errors = {r[0]: r[7] for r in rows if r[1] == "all requests"}
    if len(users) > 1 and users[0] in p95 and users[1] in p95:
        notes.append(
            f"p95 at {users[1]} users ÷ p95 at {users[0]} users (all requests): "
            f"{ratio(p95[users[1]], p95[users[0]])} (≤ 2). Errors at {users[-1]} users: {errors.get(users[-1], '—')}."
        )
    for run in runs or []:
        side = run.get("background") or {}
        per_cpu = run["requests"] / run["cpu_s"] if run["cpu_s"] else 0.0
        notes.append(
            f"{run['users']} users: {run['requests']:,} requests in {run['seconds']:.0f} s, "
            f"{run['cpu_s']:.0f} CPU s (gunicorn and the database's backends) — {per_cpu:.1f} requests per "
            "CPU-second"
            + (
                f"; beside them {side.get('sweeps', 0)} chase sweeps ({side.get('obligations', 0):,} obligations "
                f"advanced) and {side.get('batches', 0)} batch ZIPs ({side.get('documents', 0):,} documents), "
                f"{side.get('errors', 0)} background errors"
                if side
                else ""
            )
            + "."
        )
    if choice:
        notes.append(choice)
    return Section(
        "HTTP load test",
        f"{server} on 127.0.0.1 (PostgreSQL of the dataset), locust headless for {seconds} s at "
        f"each of {', '.join(map(str, users))} concurrent users (spawned at once, 0.5–1.5 s think time). Users (accounts from "
        "the stored statuses of the dataset's fixed reference day, so present whatever the run date): 5/10 reporters "
        f"of grassroots unions on phones ({reporters} accounts, a mobile User-Agent) reading the inbox and preparing "
        "the report of an open obligation through its form, handed to the union's chair («Trình ký»); 1/10 chairs "
        f"of grassroots unions ({signers} accounts) opening «Báo cáo chờ ký» and signing and sending a report "
        "(«Ký và gửi», no PIN: the dataset holds no signing credential); 3/10 leaders of provincial and "
        f"upper-level federations ({leaders} accounts) on their requirement and directive dashboards, the "
        "document search (a number-symbol prefix, a phrase without diacritics) and the inbox; 1/10 clerks of "
        f"those federations ({clerks} accounts) on the incoming register, registering a delivery that waits "
        "(«Vào sổ»). Issuing (the clerk's «Chờ đóng dấu») is not in the profile. Forms are posted with their "
        "CSRF token; a refusal counts as an error. "
        "Beside them, in another process, the chase sweep every 15 s and a batch PDF job (a district-level "
        "union's plan and its cascade, rendered and zipped) one after the other. Each "
        "simulated user starts with a logged-in session made beforehand (the login page itself, with its "
        "deliberately slow PBKDF2 password check, is not part of the pages measured). "
        f"Reference for the ratio: the same page at {users[0]} users (requests/s).",
        ["users", "page", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "req/s ratio"],
        out,
        "\n\n".join(notes),
    )


def worker_choice(results: dict[str, tuple[list[list], list[dict]]], users: int) -> tuple[str, str]:
    """Of the servers tried at the same load, the one with the lowest p95 over all requests (ties: more
    requests per CPU-second); returns its description and the sentence saying why."""
    scored = []
    for desc, (rows, runs) in results.items():
        agg = next((r for r in rows if r[1] == "all requests"), None)
        if agg is None:
            continue
        run = runs[0] if runs else {"requests": 0, "cpu_s": 0}
        per_cpu = run["requests"] / run["cpu_s"] if run["cpu_s"] else 0.0
        scored.append((agg[5], -per_cpu, desc, agg, per_cpu))
    if not scored:
        return "", "No server configuration completed the comparison."
    scored.sort()
    lines = [
        f"{desc}: p95 {agg[5]:.0f} ms, p99 {agg[6]:.0f} ms, {agg[3]:.1f} req/s, {per_cpu:.1f} requests per CPU-second, "
        f"{agg[7]} errors"
        for _, _, desc, agg, per_cpu in scored
    ]
    best = scored[0][2]
    return best, (
        f"Server chosen by measurement ({users} users, same profile): "
        + "; ".join(lines)
        + f". Chosen: {best} — the lowest p95. "
        + (
            "Threads let a worker serve another request while one waits on PostgreSQL, so a slow dashboard does "
            "not hold a whole process; the Python work itself still runs one thread at a time per process."
            if "gthread" in best
            else "The request time here is mostly Python (templates, ORM), which a process's threads do not run "
            "in parallel: separate processes use both cores, and threads only add switching."
        )
    )


def pool_choice(
    without: tuple[str, list[list], list[dict]], with_pool: tuple[str, list[list], list[dict]]
) -> tuple[bool, str]:
    """The chosen server at the same load without and with the psycopg pool: the pool is kept when its p95 over
    all requests is lower (ties: more requests per CPU-second). Returns (pool chosen, the sentence saying why)."""
    scored = []
    for pooled, (desc, rows, runs) in ((False, without), (True, with_pool)):
        agg = next((r for r in rows if r[1] == "all requests"), None)
        if agg is None:
            continue
        run = runs[0] if runs else {"requests": 0, "cpu_s": 0}
        per_cpu = run["requests"] / run["cpu_s"] if run["cpu_s"] else 0.0
        scored.append((agg[5], -per_cpu, pooled, desc, agg, per_cpu))
    if len(scored) < 2:
        return False, "Connection pooling: the comparison did not complete; no pool."
    scored.sort()
    lines = [
        f"{desc}: p95 {agg[5]:.0f} ms, p99 {agg[6]:.0f} ms, {agg[3]:.1f} req/s, {per_cpu:.1f} requests per "
        f"CPU-second, {agg[7]} errors"
        for _, _, _, desc, agg, per_cpu in scored
    ]
    pooled = scored[0][2]
    return pooled, (
        "Connection pooling measured against none (50 users, same profile, DB_POOL_MAX_SIZE): "
        + "; ".join(lines)
        + (
            ". Chosen: the pool — the lower p95. A pool shares fewer PostgreSQL backends among a worker's "
            "threads and hands a connection back after each request."
            if pooled
            else ". Chosen: no pool (DB_POOL_MAX_SIZE=0, the default) — the lower p95. Without it each thread "
            "keeps its own connection for DB_CONN_MAX_AGE, so no request pays a connection's setup either, and "
            "no thread waits for a pooled connection another thread holds."
        )
    )
