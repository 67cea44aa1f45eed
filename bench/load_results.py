"""The load test's section of bench/RESULTS.md from locust's CSV files, and the choices it makes by measurement:
the gunicorn server (sync or gthread) and the connection pool (psycopg's or none)."""

from __future__ import annotations

from results import Section, ratio


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
    desks: int = 0,
    think: str = "5,15",
) -> Section:
    low, high = think.split(",")
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
        f"each of {', '.join(map(str, users))} concurrent users (spawned at once), each pausing {low}–{high} s "
        "between two actions as a person reading a page or filling a form does (BENCH_THINK). Users (accounts "
        "from the stored statuses of the dataset's fixed reference day, so present whatever the run date), by "
        "weight: 5/11 reporters of grassroots unions on phones "
        f"({reporters} accounts, a mobile User-Agent) reading the inbox and preparing the report of an open "
        "obligation through its form, handed to the union's chair («Trình ký»); 1/11 chairs of grassroots unions "
        f"({signers} accounts) opening «Báo cáo chờ ký» and signing and sending a report («Ký và gửi»); 3/11 "
        f"leaders of provincial and upper-level federations ({leaders} accounts) on their requirement and "
        "directive dashboards, the document search (a number-symbol prefix, a phrase without diacritics) and the "
        f"inbox; 1/11 clerks of those federations ({clerks} accounts) on the incoming register, registering a "
        f"delivery that waits («Vào sổ»); 1/11 issuing desks of upper-level unions ({desks} desks), where the "
        "leader signs a plan handed to them («Ký số»: WeasyPrint renders it, a PKCS#12 key signs it, PAdES with "
        "a timestamp) and the clerk seals it («Chờ đóng dấu», «Đóng dấu»), which numbers it and sends it to the "
        "union's grassroots unions. Forms are posted with their CSRF token; a refusal counts as an error. "
        "Beside them, in another process, the chase sweep every 15 s and a batch PDF job every 20 s (a "
        "district-level union's plan and its cascade, rendered and zipped). Each "
        "simulated user starts with a logged-in session made beforehand (the login page itself, with its "
        "deliberately slow PBKDF2 password check, is not part of the pages measured). "
        f"Reference for the ratio: the same page at {users[0]} users (requests/s).",
        ["users", "page", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "req/s ratio"],
        out,
        "\n\n".join(notes),
    )


#: Below this difference between two p95s the choice between two servers is the run's noise, not a finding: the
#: same pair measured in successive full runs swapped places by more (bench/RESULTS.md history: 770 against 920 ms,
#: then 790 against 980 the other way).
NOISE = 0.10


def _margin(best_p95: float, next_p95: float) -> str:
    """How much lower the chosen p95 is than the next one, and whether that exceeds the noise."""
    if not next_p95:
        return ""
    lower = 1 - best_p95 / next_p95
    verdict = (
        "beyond the run-to-run noise"
        if lower >= NOISE
        else f"under {NOISE:.0%}, within the run-to-run noise of a p95: either would serve as well"
    )
    return f" ({best_p95:.0f} against {next_p95:.0f} ms, {lower:.0%} lower: {verdict})"


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
        + f". Chosen: {best} — the lowest p95"
        + (_margin(scored[0][0], scored[1][0]) if len(scored) > 1 else "")
        + ". "
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
            ". Chosen: the pool — the lower p95"
            + _margin(scored[0][0], scored[1][0])
            + ". Each worker process keeps its own pool and hands its connection back after each request: a "
            "gthread worker's threads then share fewer PostgreSQL backends; a sync worker uses one connection "
            "at a time either way."
            if pooled
            else ". Chosen: no pool (DB_POOL_MAX_SIZE=0, the default) — the lower p95"
            + _margin(scored[0][0], scored[1][0])
            + ". Without it each thread "
            "keeps its own connection for DB_CONN_MAX_AGE, so no request pays a connection's setup either, and "
            "no thread waits for a pooled connection another thread holds."
        )
    )
