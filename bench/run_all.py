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
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

# One module per part of RESULTS.md: results (tables, machine, dataset), measure_dataset and measure_writes (in-process
# reads and writes on the dataset), measure_pdf, load_http (gunicorn + locust).
from load_accounts import load_accounts  # noqa: E402
from load_http import load_test  # noqa: E402
from load_results import load_section, pool_choice, worker_choice  # noqa: E402
from measure_dataset import dashboards_section, search_section, tree_section  # noqa: E402
from measure_pdf import batch_section, pdf_section  # noqa: E402
from measure_writes import chase_national, chase_section, issue_section  # noqa: E402
from results import Section, dataset_section, machine_section, run_json, write_results  # noqa: E402

# --- the run ---------------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale", type=float, default=None, help="dataset scale (1.0 national; --quick: 0.02)"
    )
    parser.add_argument("--quick", action="store_true", help="a fast smoke run: small scale, short load test")
    parser.add_argument("--db-name", default="thongsuot_national")
    parser.add_argument("--out", default=str(ROOT / "bench/RESULTS.md"))
    parser.add_argument("--load-seconds", type=int, default=None)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    quick = args.quick
    scale = args.scale if args.scale is not None else (0.02 if quick else 1.0)
    # People pause 5–15 s between actions (bench/locustfile.py THINK): two minutes a level gives each page enough
    # requests for its p95.
    load_seconds = args.load_seconds or (15 if quick else 120)
    due = 1_000 if quick else 10_000
    log = lambda msg: print(msg, flush=True)  # noqa: E731
    started = time.perf_counter()

    main_url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(main_url)
    if parts.scheme not in ("postgres", "postgresql") or not os.environ.get("REDIS_URL"):
        sys.exit(
            "DATABASE_URL=postgresql://… and REDIS_URL=redis://… are required (scripts/bench.sh sets them)."
        )
    import bench_tree
    import tune

    log("Tuning PostgreSQL for the machine …")
    pg_settings = tune.tune(main_url, log)
    admin_url, bench_url = bench_tree.bench_database(args)
    work = Path(tempfile.mkdtemp(prefix="bench-all-"))
    env = {
        **os.environ,
        "THONGSUOT_DATA_DIR": str(work / "data"),
        "THONGSUOT_MEDIA_ROOT": str(work / "media"),
        "CELERY_TASK_ALWAYS_EAGER": "0",
    }
    os.environ.update(
        DATABASE_URL=bench_url,
        DJANGO_SETTINGS_MODULE="portal.settings",
        THONGSUOT_DATA_DIR=env["THONGSUOT_DATA_DIR"],
        THONGSUOT_MEDIA_ROOT=env["THONGSUOT_MEDIA_ROOT"],
        CELERY_TASK_ALWAYS_EAGER="0",
        # measure_writes times the one-step issue (numbering + dispatch); bench/signing.py times the signatures.
        THONGSUOT_SIGNING_REQUIRED="0",
    )
    import django

    django.setup()
    import national
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    settings.ALLOWED_HOSTS = ["*"]
    sections = [machine_section(scale, pg_settings)]
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
    users = [10, 50, 200]
    server_env = {**env, "DATABASE_URL": bench_url}

    def run_load(environ, at_users, seconds, workers, worker_class, threads, background=False):
        return load_test(
            accounts_path,
            environ,
            at_users,
            seconds,
            workers,
            args.port,
            work,
            log,
            worker_class=worker_class,
            threads=threads,
            background=background,
            db_name=args.db_name,
        )

    choice_seconds = 10 if quick else 60
    try:
        # The server configuration is chosen by measurement: the same profile at 50 users on each.
        tried, tried_specs = {}, {}
        for worker_class, workers, threads in (("sync", 4, 1), ("gthread", 2, 8)):
            rows, desc, runs = run_load(server_env, [50], choice_seconds, workers, worker_class, threads)
            tried[desc] = (rows, runs)
            tried_specs[desc] = (worker_class, workers, threads)
        best, why = worker_choice(tried, 50)
        worker_class, workers, threads = tried_specs.get(best, ("sync", 4, 1))
        # Then the chosen server with Django's psycopg pool, the same load: as many connections per worker as it
        # has threads (at least 2), so no thread waits for one and what is compared is the pool itself (a
        # connection handed back after each request) against each thread keeping its own. A pool of half the
        # threads lost to none by a third of its p95 (scale 0.1, 2026-12-03): threads queued for connections.
        pool_env = {**server_env, "DB_POOL_MAX_SIZE": str(max(2, threads))}
        pool_rows, pool_desc, pool_runs = run_load(
            pool_env, [50], choice_seconds, workers, worker_class, threads
        )
        pooled, pool_why = pool_choice((best, *tried[best]), (pool_desc, pool_rows, pool_runs))
        why = f"{why}\n\n{pool_why}"
        rows, server, runs = run_load(
            pool_env if pooled else server_env,
            users,
            load_seconds,
            workers,
            worker_class,
            threads,
            background=True,
        )
        sections.append(
            load_section(
                rows,
                server,
                load_seconds,
                users,
                len(accounts["reporters"]),
                len(accounts["leaders"]),
                runs,
                why,
                len(accounts["signers"]),
                len(accounts["clerks"]),
                len(accounts["issuers"]),
                os.environ.get("BENCH_THINK", "5,15"),
            )
        )
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        sections.append(Section("HTTP load test", f"Failed in this run: {exc}", []))

    log("Chase sweep …")
    national_chase = chase_national(due)
    sub_env = {**env, "DATABASE_URL": main_url}
    sizes = [100_000, 10_000] if quick else [1_000_000, 100_000]
    chase_rows = run_json(
        ["bench/bench_chase.py", "--units", str(due), "--due", str(due), "--sizes", *map(str, sizes)],
        sub_env,
        3600,
        log,
    )
    sections.append(chase_section(national_chase, chase_rows, due))

    log("Issue fan-out …")
    sections.append(issue_section(1_000 if quick else 5_000))
    connections.close_all()

    log("PDF …")
    sections.append(
        pdf_section(run_json(["bench/bench_pdf.py", "--warm-runs", "3" if quick else "5"], sub_env, 900, log))
    )
    log("Batch PDF …")
    sections.append(
        batch_section(
            run_json(
                ["bench/bench_batch_pdf.py", "--documents", "20" if quick else "100"], sub_env, 3600, log
            )
        )
    )

    bench_tree.drop_database(admin_url, args.db_name)
    total = time.perf_counter() - started
    write_results(
        Path(args.out),
        sections,
        title="Benchmark results",
        preface=f"Produced by `scripts/bench.sh{' --quick' if quick else ''}"
        f"{f' --scale {args.scale}' if args.scale is not None else ''}` in {total / 60:.1f} min "
        f"(dataset scale {scale}). Every figure is next to its reference, measured in the same run.",
    )
    log(f"Wrote {args.out} in {total / 60:.1f} min.")


if __name__ == "__main__":
    main()
