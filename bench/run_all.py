"""Every benchmark on the national dataset, in one run, written to bench/RESULTS.md.

    DATABASE_URL=postgresql://… REDIS_URL=redis://… .venv/bin/python bench/run_all.py [--scale 1.0] [--quick]

Normally started by ``scripts/bench.sh``, which gives it its own PostgreSQL and Redis. It loads the national
dataset (bench/national.py) into its own database, then measures on it, each figure next to a reference
measured in the same run:

* the compliance dashboards (national and provincial pages): selector vs hand-written SQL (bench_dashboard);
* search over the dataset's documents: with the trigram indexes vs without (bench_search);
* the tree: bulk build vs add_child per unit, a province's first page as-is vs with a path range (bench_tree);
* the chase sweep over the national obligations vs the same number due among 100,000 stored, and the sweep
  at two sizes in its own database (bench_chase);
* issuing to every grassroots union of a province and of the country (``document_issue``) vs one INSERT
  per delivery (bench_issue's baseline);
* PDF pages per second cold and warm (bench_pdf), the batch ZIP with one and two Celery workers (bench_batch_pdf);
* an HTTP load test on loopback: gunicorn on the dataset, locust headless at 10 and 50 users over the inbox,
  report submission and the dashboards.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PY = str(ROOT / ".venv/bin/python")


@dataclass
class Section:
    title: str
    intro: str
    header: list[str]
    rows: list[list] = field(default_factory=list)
    notes: str = ""


def fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "—"


def write_results(path: Path, sections: list[Section], *, title: str, preface: str) -> None:
    out = [f"# {title}", "", preface, ""]
    for s in sections:
        out += [f"## {s.title}", "", s.intro, ""]
        if s.header:
            out.append("| " + " | ".join(s.header) + " |")
            out.append("|" + "|".join("---" if i == 0 else "---:" for i in range(len(s.header))) + "|")
            for row in s.rows:
                out.append("| " + " | ".join(fmt(v).replace("|", "\\|") for v in row) + " |")
            out.append("")
        if s.notes:
            out += [s.notes, ""]
    path.write_text("\n".join(out))


# --- machine ---------------------------------------------------------------------------------------------------

def machine_section(scale: float) -> Section:
    import django
    from django.db import connection

    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    mem = next((int(ln.split()[1]) for ln in Path("/proc/meminfo").read_text().splitlines()
                if ln.startswith("MemTotal")), 0)
    with connection.cursor() as c:
        c.execute("SHOW server_version")
        pg = c.fetchone()[0]
        c.execute("SHOW shared_buffers")
        buffers = c.fetchone()[0]
    load = os.getloadavg()
    rows = [["CPU", cpu], ["cores", os.cpu_count()], ["RAM", f"{mem / 1024 / 1024:.1f} GiB"],
            ["PostgreSQL", f"{pg} (own instance, shared_buffers {buffers}, fsync off)"],
            ["Python", platform.python_version()], ["Django", django.get_version()],
            ["OS", f"{platform.system()} {platform.release()}"],
            ["date", dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")],
            ["load average at start", f"{load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} (1 / 5 / 15 min)"],
            ["dataset scale", f"{scale} (1.0 = national)"]]
    return Section("Machine", "Where and when this file was produced.", ["", "value"], rows,
                   "The load average is that of the whole machine: other processes (other test suites) may have "
                   "been running during the measurements; every ratio compares figures taken in the same run.")


# --- the dataset ------------------------------------------------------------------------------------------------

def dataset_section(result: dict) -> Section:
    rows = [[label, n, round(s, 1)] for label, n, s in result["stages"]]
    rows.append(["total", sum(r[1] for r in result["stages"]), round(result["seconds"], 1)])
    counts = result["counts"]
    mix = ", ".join(f"{k} {v:,}" for k, v in counts["by_status"].items())
    return Section(
        "National dataset", f"`bench/national.py` at scale {result['scale']}: {result['provinces']} provinces × "
        f"{result['uppers_per_province']} upper-level unions, {result['grassroots']:,} grassroots unions; "
        f"directives of {result['year']}. Loaded with bulk_create, COPY and INSERT … SELECT.",
        ["stage", "rows", "seconds"], rows,
        "Totals: " + ", ".join(f"{k} {v:,}" for k, v in counts.items() if isinstance(v, int))
        + f". Obligations by status: {mix}.")


# --- dashboards -------------------------------------------------------------------------------------------------

def dashboards_section(year: int, repeat: int) -> Section:
    import bench_dashboard

    from directives.models import Document
    from portal.org.models import Unit
    from reporting.models import ReportingRequirement

    tld = Unit.objects.get(code="tld")
    province = Unit.objects.filter(depth=2, path__startswith=tld.path).order_by("path")[
        Unit.objects.filter(depth=2, path__startswith=tld.path).count() // 2]
    plan = Document.objects.filter(issuer=tld, requirements__isnull=False).order_by("issue_date").first()
    requirement = ReportingRequirement.objects.get(document=plan, frequency="semiannual")
    rows = bench_dashboard.measure([tld, province], plan, requirement, f"{year}-S1", repeat)
    return Section(
        "Compliance dashboards", f"TLĐ's plan for the first directive and its 6-month report ({year}-S1), on the "
        "national page and one province's page. Median of "
        f"{repeat} runs after a warm-up. Reference: one hand-written SQL statement for the same figures (checked "
        "equal); ratio = selector ÷ hand SQL.",
        ["page", "units", "selector ms", "whole page ms", "queries", "hand SQL ms (reference)", "ratio"],
        [[label, units, sel, page, q, sql, ratio(sel, sql)] for label, units, sel, page, q, sql in rows])


# --- search ----------------------------------------------------------------------------------------------------

def search_section(quick: bool) -> Section:
    import bench_search
    from django.contrib.auth import get_user_model
    from django.db import connection

    from directives.models import Document
    from portal.org.models import Unit

    User = get_user_model()
    tld = Unit.objects.get(code="tld")
    province = Unit.objects.filter(depth=2, path__startswith=tld.path).order_by("path").first()
    users = [("system admin", User.objects.get(username="bench.admin")),
             (f"leader of {province.short_name} {province.code}", User.objects.get(username=f"ld.{province.code}"))]
    directive = Document.objects.filter(issuer__code="btgdv-tw").order_by("issue_date").first()
    number = directive.number_symbol.split("-")[0]
    queries = ["thong tin doi ngoai", directive.number_symbol, f"Số {number}- HD/BTGDVTW", "1/KH-LDLD"]
    if quick:
        bench_search.REPEAT = 5
    indexed = bench_search.measure(users, queries)
    with connection.cursor() as c:
        c.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'directives_document' "
                  "AND indexdef LIKE '%%gin_trgm_ops%%'")
        definitions = c.fetchall()
        if connection.in_atomic_block:  # a test's transaction: DDL waits for no deferred FK check
            c.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for name, _ in definitions:
            c.execute(f'DROP INDEX "{name}"')
        c.execute("ANALYZE directives_document")
    try:
        plain = bench_search.measure(users, queries)
    finally:
        with connection.cursor() as c:
            if connection.in_atomic_block:
                c.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for _, definition in definitions:
                c.execute(definition)
            c.execute("ANALYZE directives_document")
    count = Document.objects.count()
    rows = []
    for (label, query, ms, total, first, _, index), (_, _, plain_ms, _, _, _, _) in zip(indexed, plain, strict=True):
        rows.append([label, f"`{query}`", total, first, ms, plain_ms, ratio(plain_ms, ms), index[:70]])
    return Section(
        "Search", f"`directives.search.documents_search` over the dataset's {count:,} documents as the search page "
        f"calls it (COUNT + first 25), median of {bench_search.REPEAT} runs. Reference: the same query with the "
        f"{len(definitions)} trigram indexes dropped; ratio = without ÷ with.",
        ["user", "query", "matches", "first", "ms", "without indexes ms (reference)", "ratio", "index used"], rows)


# --- tree -------------------------------------------------------------------------------------------------------

def tree_section(dataset: dict, baseline: int) -> Section:
    import bench_tree
    from django.db import transaction

    from portal.org import selectors
    from portal.org.models import Unit

    build_s, units = next((s, n) for label, n, s in dataset["stages"] if label.startswith("units"))
    tld = Unit.objects.get(code="tld")
    provinces = list(Unit.objects.filter(depth=2, path__startswith=tld.path).order_by("path"))
    province, last = provinces[len(provinces) // 2], provinces[-1]
    leaf = Unit.objects.filter(kind="union_grassroots", path__startswith=province.path).order_by("-path").first()

    def subtree_query():
        qs = selectors.unit_subtree(province)
        return qs.count(), list(qs[:200])

    subtree_ms = bench_tree.median_ms(subtree_query)
    ancestors_ms = bench_tree.median_ms(lambda: selectors.unit_ancestors(leaf))
    last_ms = bench_tree.median_ms(lambda: list(selectors.unit_subtree(last)[:200]))
    bounded = selectors.unit_subtree(last).filter(path__gte=last.path, path__lt=last._inc_path())
    bounded_ms = bench_tree.median_ms(lambda: list(bounded[:200]))

    parent = Unit.objects.filter(depth=3, path__startswith=province.path).order_by("-path").first()
    start = time.perf_counter()
    for i in range(baseline):
        with transaction.atomic():
            Unit.objects.add_child(parent, instance=Unit(
                code=f"baseline-{i:05}", name=f"Công đoàn cơ sở thêm từng dòng {i}", short_name="CĐCS",
                kind="union_grassroots", regime="union"))
    row_s = time.perf_counter() - start
    Unit.objects.filter(code__startswith="baseline-").delete()  # treebeard keeps numchild right
    bulk_us, row_us = build_s / units * 1e6, row_s / baseline * 1e6
    rows = [
        [f"build {units:,} units with units_bulk_build, per unit (µs)", bulk_us,
         f"{baseline:,} × add_child, per unit: {row_us:.1f}", ratio(row_us, bulk_us)],
        [f"first 200 of {last.name} (last in path order), ms", last_ms,
         f"same with a path range: {bounded_ms:.2f}", ratio(last_ms, bounded_ms)],
        [f"subtree of {province.name}: COUNT + first 200, ms", subtree_ms, "—", ""],
        ["ancestors of a grassroots unit, ms", ancestors_ms, "—", ""],
    ]
    return Section(
        "Organisation tree", "bench_tree's measures on the national tree (median of 20 after a warm-up). The add_child "
        "units are removed again afterwards.", ["figure", "value", "reference", "ratio"], rows)


# --- chase sweep --------------------------------------------------------------------------------------------------

@contextlib.contextmanager
def email_messages_dropped():
    """The e-mails are not what is measured: while inside, their messages are not published
    (portal.core.queue calls apply_async). Restored on the way out, so a caller — the smoke test in the
    test suite — keeps working tasks afterwards."""
    import portal.notifications.tasks as notification_tasks

    tasks = (notification_tasks.send_notification_emails, notification_tasks.send_notification_batch)
    for task in tasks:
        task.apply_async = lambda *args, **kwargs: None
    try:
        yield
    finally:
        for task in tasks:
            del task.apply_async  # the instance attribute: the task's own method shows through again


def chase_national(due: int) -> dict:
    """Put `due` missing grassroots reports (overdue) at their latest reminder stage, and time one sweep."""
    import bench_tree
    from django.db import connection
    from django.utils import timezone

    from reporting.models import Obligation
    from reporting.services import chase_sweep_run
    from reporting.services.policy import ReminderPolicy

    now = timezone.now()
    sample = list(Obligation.objects.filter(status="overdue", unit__kind="union_grassroots")
                  .order_by("id").values_list("id", "due_date")[:due])
    policy = ReminderPolicy()
    by_due: dict = {}
    for pk, due_date in sample:
        by_due.setdefault(due_date, []).append(pk)
    with connection.cursor() as c:
        for due_date, ids in by_due.items():
            # The latest stage already passed: the sweep at `now` owes it (due_between is inclusive).
            stage = [s for s in policy.due_between(due_date, dt.datetime.min.replace(tzinfo=dt.UTC), now)][-1]
            c.execute("UPDATE reporting_obligation SET next_action_at = %s, next_stage = %s WHERE id = ANY(%s)",
                      [stage.at, stage.key, ids])
        c.execute("ANALYZE reporting_obligation")
    stored = Obligation.objects.count()
    with email_messages_dropped(), bench_tree.statement_counter() as counted:
        start = time.perf_counter()
        result = chase_sweep_run(now=now)
        sweep_s = time.perf_counter() - start
    return {"stored": stored, "due": result.obligations, "sweep_s": sweep_s, "statements": counted["all"],
            "digests": result.digests, "ledger": result.ledger_rows}


def run_json(args: list[str], env: dict, timeout: int, log) -> list | None:
    out = Path(tempfile.mkstemp(suffix=".json")[1])
    start = time.perf_counter()
    proc = subprocess.run([PY, *args, "--json", str(out)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)
    log(f"  {args[0]}: exit {proc.returncode} in {time.perf_counter() - start:.0f} s")
    if proc.returncode != 0:
        log(proc.stdout[-3000:] + proc.stderr[-3000:])
        return None
    data = json.loads(out.read_text())
    out.unlink()
    return data


def chase_section(national: dict, sizes: list[dict] | None, due: int) -> Section:
    rows = [["national dataset", national["stored"], national["due"], national["sweep_s"], national["statements"],
             national["digests"]]]
    notes = ""
    small = None
    for r in sizes or []:
        rows.append(["bench_chase's own database", r["stored"], r["due"], r["sweep_s"], r["statements"],
                     r["digests"]])
        if small is None or r["stored"] < small["stored"]:
            small = r
    if small:
        big = max(sizes, key=lambda r: r["stored"])
        notes = (f"Ratios: national ({national['stored']:,} stored) ÷ {small['stored']:,} stored, same {due:,} due: "
                 f"time {ratio(national['sweep_s'], small['sweep_s'])}, statements "
                 f"{ratio(national['statements'], small['statements'])}. Sweep at two sizes ({big['stored']:,} ÷ "
                 f"{small['stored']:,} stored): time {ratio(big['sweep_s'], small['sweep_s'])}, statements "
                 f"{ratio(big['statements'], small['statements'])}. The cost must follow the number due, "
                 "not the number stored.")
    else:
        notes = "bench_chase's two-size run failed; see the log."
    return Section("Chase sweep", f"One `chase_sweep_run` with {due:,} obligations due (their next stage put one hour "
                   "ago) among everything stored. Reference: the same number due among fewer stored, in "
                   "bench_chase's own database (COPY-loaded, one reporter per unit).",
                   ["where", "stored", "due", "sweep s", "statements", "digests"], rows, notes)


# --- issue fan-out -------------------------------------------------------------------------------------------------

def issue_section(baseline_rows: int) -> Section:
    import bench_tree
    from bench_issue import per_row_baseline_seconds
    from django.contrib.auth import get_user_model

    from directives.models import Delivery, Purpose, Selection
    from directives.services import compose, signing
    from directives.services.compose import RecipientLine
    from portal.org.models import Unit

    User = get_user_model()
    tld = Unit.objects.get(code="tld")
    province = Unit.objects.filter(depth=2, path__startswith=tld.path).order_by("path").first()
    rows = []
    for issuer in (province, tld):
        user = User.objects.get(username=f"ld.{issuer.code}")
        doc = compose.document_create_draft(actor=user, issuer=issuer, doc_type="KH")
        content = compose.content_of(doc)
        content.subject, content.opening = "Kế hoạch thử tải gửi mọi công đoàn cơ sở", "Thực hiện …"
        content.signer_title, content.signer_name = "CHỦ TỊCH", "Người ký"
        content.recipients = [RecipientLine(label="Các công đoàn cơ sở", purpose=Purpose.THUC_HIEN,
                                            selection=Selection.KIND_BELOW, unit_id=issuer.pk,
                                            kind="union_grassroots")]
        doc = compose.document_save_draft(actor=user, document=doc, content=content)
        with email_messages_dropped(), bench_tree.statement_counter() as counted:
            start = time.perf_counter()
            signing.document_issue(actor=user, document=doc, render=False)
            issue_s = time.perf_counter() - start
        n = Delivery.objects.filter(document=doc).count()
        sample = list(Delivery.objects.filter(document=doc).values_list("unit_id", flat=True)[:baseline_rows])
        per_row_s = per_row_baseline_seconds(doc, sample, n)
        rows.append([f"{issuer.name} → every grassroots union below", n, issue_s, counted["all"], per_row_s,
                     ratio(per_row_s, issue_s)])
    return Section(
        "Issuing (fan-out writes)", "`signing.document_issue` of a plan to every grassroots union of a province and "
        "of the whole country (one INSERT … SELECT per Nơi nhận line, notifications to every member set-based). "
        f"Reference: one `Delivery.objects.create` per recipient, timed on {baseline_rows:,} rows and scaled to N "
        "(dispatch only); ratio = per-row ÷ set-based.",
        ["issue", "recipients", "document_issue s", "statements", "per-row baseline s (reference)", "ratio"], rows)


# --- PDF ------------------------------------------------------------------------------------------------------------

def pdf_section(rows: list | None) -> Section:
    s = Section("PDF rendering", "bench_pdf: cold = first render in a fresh Python process; warm = median of "
                "repeated renders in one process. Reference: the cold render; ratio = warm pages/s ÷ cold pages/s.",
                ["document", "pages", "import s", "cold s", "cold pages/s (reference)", "warm s", "warm pages/s",
                 "ratio"])
    for r in rows or []:
        s.rows.append([r["document"], r["pages"], r["import_s"], r["cold_s"], r["cold_pps"], r["warm_s"],
                       r["warm_pps"], ratio(r["warm_pps"], r["cold_pps"])])
    if rows is None:
        s.notes = "bench_pdf failed in this run; see the log."
    return s


def batch_section(rows: list | None) -> Section:
    s = Section("Batch PDF (ZIP of a cascade)", "bench_batch_pdf in its own database: the ZIP of a plan and its "
                "implementing plans, rendered by real Celery workers. Reference: one worker; ratio = speed-up "
                "(1 worker's seconds ÷ this row's).", ["mode", "documents", "pages", "seconds", "pages/s", "CPU s",
                                                       "ratio"])
    one = next((r["seconds"] for r in rows or [] if r["mode"] == "Celery, 1 worker"), None)
    for r in rows or []:
        s.rows.append([r["mode"], r["documents"], r["pages"], r["seconds"], r["pages"] / r["seconds"], r["cpu"],
                       ratio(one, r["seconds"]) if one and r["mode"].startswith("Celery") else ""])
    if rows is None:
        s.notes = "bench_batch_pdf failed in this run; see the log."
    return s


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
        data = {SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                HASH_SESSION_KEY: user.get_session_auth_hash()}
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
        c.execute("""
            SELECT 'bc.' || u.code, array_agg(o.id ORDER BY o.id)
            FROM reporting_obligation o JOIN org_unit u ON u.id = o.unit_id
            LEFT JOIN reporting_report r ON r.obligation_id = o.id
            WHERE o.status = 'open' AND u.kind = 'union_grassroots' AND r.id IS NULL
            GROUP BY u.code ORDER BY md5(u.code) LIMIT %s""", [reporters])
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
    accounts = {"password": PASSWORD, "cookie": settings.SESSION_COOKIE_NAME, "reporters": rep, "leaders": [
        {"username": name, "session": sessions[name], "requirement_url": reverse("dashboards:requirement", args=[req, uid]) + f"?ky={year}-S1",
         "directive_url": reverse("dashboards:directive", args=[doc, uid])} for name, uid, doc, req in lead]}
    path.write_text(json.dumps(accounts))
    return accounts


def load_test(accounts_path: Path, env: dict, users: list[int], seconds: int, workers: int, port: int,
              work: Path, log) -> tuple[list[list], str]:
    server_env = {**env, "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost", "PYTHONUNBUFFERED": "1"}
    log_path = work / "gunicorn.log"
    with log_path.open("wb") as gl:
        server = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "portal.wsgi", "--bind", f"127.0.0.1:{port}",
                                   "--workers", str(workers), "--timeout", "120"], cwd=ROOT, env=server_env,
                                  stdout=gl, stderr=subprocess.STDOUT)
    rows = []
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/suc-khoe/", timeout=5)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start:\n" + log_path.read_text(errors="replace")) from None
                time.sleep(0.5)
        for n in users:
            prefix = work / f"locust-{n}"
            start = time.perf_counter()
            proc = subprocess.run(
                [str(ROOT / ".venv/bin/locust"), "-f", str(ROOT / "bench/locustfile.py"), "--headless", "-u", str(n),
                 "-r", str(n), "-t", f"{seconds}s", "--stop-timeout", "10", "--csv", str(prefix), "--only-summary",
                 "--host", f"http://127.0.0.1:{port}", "--loglevel", "WARNING"],
                cwd=ROOT, env={**env, "BENCH_ACCOUNTS": str(accounts_path)}, capture_output=True, text=True,
                timeout=seconds + 120)
            log(f"  locust {n} users: exit {proc.returncode} in {time.perf_counter() - start:.0f} s")
            stats = Path(f"{prefix}_stats.csv")
            if not stats.exists():
                log(proc.stdout[-2000:] + proc.stderr[-2000:])
                continue
            for r in csv.DictReader(stats.open()):
                name = r["Name"] if r["Name"] != "Aggregated" else "all requests"
                rows.append([n, name, int(r["Request Count"]), float(r["Requests/s"]), float(r["50%"]),
                             float(r["95%"]), float(r["99%"]), int(r["Failure Count"])])
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return rows, f"gunicorn {workers} sync workers"


def load_section(rows: list[list], server: str, seconds: int, users: list[int], reporters: int, leaders: int) -> Section:
    ref = {(r[1]): r for r in rows if r[0] == users[0]}
    out = []
    for r in rows:
        base = ref.get(r[1])
        out.append([*r, ratio(r[3], base[3]) if base and r[0] != users[0] else "reference"])
    return Section(
        "HTTP load test", f"{server} on 127.0.0.1 (PostgreSQL of the dataset), locust headless for {seconds} s at "
        f"each of {', '.join(map(str, users))} concurrent users (spawned at once, 0.5–1.5 s think time). Users: 3/5 "
        f"reporters of grassroots unions ({reporters} accounts) reading the inbox and submitting the report form of "
        f"an open obligation (GET with its CSRF token, POST «nộp»), 2/5 leaders of provincial and upper-level "
        f"federations ({leaders} accounts) opening their requirement and directive dashboards and the inbox. Each "
        "simulated user starts with a logged-in session made beforehand (the login page itself, with its "
        "deliberately slow PBKDF2 password check, is not part of the pages measured). "
        f"Reference for the ratio: the same page at {users[0]} users (requests/s).",
        ["users", "page", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "req/s ratio"], out)


# --- the run ---------------------------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=None, help="dataset scale (1.0 national; --quick: 0.02)")
    parser.add_argument("--quick", action="store_true", help="a fast smoke run: small scale, short load test")
    parser.add_argument("--db-name", default="thongsuot_national")
    parser.add_argument("--out", default=str(ROOT / "bench/RESULTS.md"))
    parser.add_argument("--load-seconds", type=int, default=None)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    quick = args.quick
    scale = args.scale if args.scale is not None else (0.02 if quick else 1.0)
    load_seconds = args.load_seconds or (15 if quick else 60)
    due = 1_000 if quick else 10_000
    log = lambda msg: print(msg, flush=True)  # noqa: E731
    started = time.perf_counter()

    main_url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(main_url)
    if parts.scheme not in ("postgres", "postgresql") or not os.environ.get("REDIS_URL"):
        sys.exit("DATABASE_URL=postgresql://… and REDIS_URL=redis://… are required (scripts/bench.sh sets them).")
    import bench_tree

    admin_url, bench_url = bench_tree.bench_database(args)
    work = Path(tempfile.mkdtemp(prefix="bench-all-"))
    env = {**os.environ, "THONGSUOT_DATA_DIR": str(work / "data"), "THONGSUOT_MEDIA_ROOT": str(work / "media"),
           "CELERY_TASK_ALWAYS_EAGER": "0"}
    os.environ.update(DATABASE_URL=bench_url, DJANGO_SETTINGS_MODULE="portal.settings",
                      THONGSUOT_DATA_DIR=env["THONGSUOT_DATA_DIR"], THONGSUOT_MEDIA_ROOT=env["THONGSUOT_MEDIA_ROOT"],
                      CELERY_TASK_ALWAYS_EAGER="0")
    import django

    django.setup()
    import national
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    settings.ALLOWED_HOSTS = ["*"]
    sections = [machine_section(scale)]
    call_command("migrate", verbosity=0, interactive=False)
    log("Loading the national dataset …")
    dataset = national.generate(scale=scale, log=log)
    sections.append(dataset_section(dataset))
    year = dataset["year"]

    log("Dashboards …")
    sections.append(dashboards_section(year, 5 if quick else 9))
    log("Search …")
    sections.append(search_section(quick))
    log("Tree …")
    sections.append(tree_section(dataset, 200 if quick else 1_000))

    log("HTTP load test …")
    accounts_path = work / "accounts.json"
    accounts = load_accounts(accounts_path, year, 3_000, 300)
    connections.close_all()
    users = [10, 50]
    try:
        rows, server = load_test(accounts_path, {**env, "DATABASE_URL": bench_url}, users, load_seconds, 4,
                                 args.port, work, log)
        sections.append(load_section(rows, server, load_seconds, users, len(accounts["reporters"]),
                                     len(accounts["leaders"])))
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        sections.append(Section("HTTP load test", f"Failed in this run: {exc}", []))

    log("Chase sweep …")
    national_chase = chase_national(due)
    sub_env = {**env, "DATABASE_URL": main_url}
    sizes = [100_000, 10_000] if quick else [1_000_000, 100_000]
    chase_rows = run_json(["bench/bench_chase.py", "--units", str(due), "--due", str(due), "--sizes",
                           *map(str, sizes)], sub_env, 3600, log)
    sections.append(chase_section(national_chase, chase_rows, due))

    log("Issue fan-out …")
    sections.append(issue_section(1_000 if quick else 5_000))
    connections.close_all()

    log("PDF …")
    sections.append(pdf_section(run_json(["bench/bench_pdf.py", "--warm-runs", "3" if quick else "5"], sub_env, 900,
                                         log)))
    log("Batch PDF …")
    sections.append(batch_section(run_json(["bench/bench_batch_pdf.py", "--documents", "20" if quick else "100"],
                                           sub_env, 3600, log)))

    bench_tree.drop_database(admin_url, args.db_name)
    total = time.perf_counter() - started
    write_results(Path(args.out), sections, title="Benchmark results",
                  preface=f"Produced by `scripts/bench.sh{' --quick' if quick else ''}"
                          f"{f' --scale {args.scale}' if args.scale is not None else ''}` in {total / 60:.1f} min "
                          f"(dataset scale {scale}). Every figure is next to its reference, measured in the same run.")
    log(f"Wrote {args.out} in {total / 60:.1f} min.")


if __name__ == "__main__":
    main()
