"""The HTTP load test of bench/run_all.py: gunicorn on loopback, locust headless at each number of users, the CPU
they spent. Its accounts are bench/load_accounts.py, its section of RESULTS.md bench/load_results.py."""

from __future__ import annotations

import contextlib
import csv
import json
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# --- HTTP load test -----------------------------------------------------------------------------------------------


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
            # So are the chairs' reports awaiting signature, the clerks' units and the issuing desks' plans.
            part = {}
            for role in ("reporters", "signers", "clerks", "issuers"):
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
