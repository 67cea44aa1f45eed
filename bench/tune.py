"""PostgreSQL settings for the machine, set on the benchmark's OWN instance (scripts/bench.sh starts it; the
shared servers of development and CI are never touched) and printed in RESULTS.md's machine section.

The rules of thumb of the PostgreSQL wiki's "Tuning Your PostgreSQL Server", for a machine that also runs the
application server and the load generator: shared_buffers a quarter of RAM (at most 4 GB), effective_cache_size
half of it, work_mem sized for the load test's connections, maintenance_work_mem for the dataset's index builds,
random_page_cost for an SSD; one parallel worker per core for the national pages' big scans."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

SETTINGS = (
    "shared_buffers",
    "effective_cache_size",
    "work_mem",
    "maintenance_work_mem",
    "random_page_cost",
    "effective_io_concurrency",
    "max_parallel_workers_per_gather",
    "max_wal_size",
    "max_connections",
)


def machine_settings() -> dict[str, str]:
    mem_mb = next(
        int(ln.split()[1]) // 1024
        for ln in Path("/proc/meminfo").read_text().splitlines()
        if ln.startswith("MemTotal")
    )
    cores = os.cpu_count() or 1
    return {
        "shared_buffers": f"{min(mem_mb // 4, 4096)}MB",
        "effective_cache_size": f"{mem_mb // 2}MB",
        "work_mem": "32MB",
        "maintenance_work_mem": f"{min(mem_mb // 16, 1024)}MB",
        "random_page_cost": "1.1",
        "effective_io_concurrency": "200",
        "max_parallel_workers_per_gather": str(max(1, cores // 2 + cores % 2)),
        "max_wal_size": "4GB",
    }


def tune(url: str, log=print) -> dict[str, str]:
    """ALTER SYSTEM the machine's settings on the instance of scripts/services.sh (PG_DATA, PG_BIN in the
    environment) and restart it; without them (a server not the benchmark's own) change nothing."""
    import psycopg

    data, bin_dir = os.environ.get("PG_DATA"), os.environ.get("PG_BIN")
    if not data or not bin_dir:
        log("  PostgreSQL not tuned: not the benchmark's own instance (PG_DATA / PG_BIN unset)")
        return shown(url)
    wanted = machine_settings()
    with psycopg.connect(url, autocommit=True) as conn:
        for name, value in wanted.items():
            conn.execute(f"ALTER SYSTEM SET {name} = '{value}'")
    pg_ctl = [f"{bin_dir}/pg_ctl", "-D", data, "-w", "-m", "fast", "restart", "-l", f"{data}/../pg.log"]
    if os.geteuid() == 0:
        pg_ctl = ["runuser", "-u", "postgres", "--", *pg_ctl]
    subprocess.run(pg_ctl, check=True, capture_output=True)
    values = shown(url)
    log("  PostgreSQL tuned: " + ", ".join(f"{k} {v}" for k, v in values.items()))
    return values


def shown(url: str) -> dict[str, str]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return {name: conn.execute(f"SHOW {name}").fetchone()[0] for name in SETTINGS}
