"""bench/RESULTS.md: the table of one section, number formatting, the machine and dataset sections, and
running a sub-benchmark in its own process for the rows it writes as JSON."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
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


def machine_section(scale: float, pg_settings: dict[str, str] | None = None) -> Section:
    import django
    from django.db import connection

    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        (
            int(ln.split()[1])
            for ln in Path("/proc/meminfo").read_text().splitlines()
            if ln.startswith("MemTotal")
        ),
        0,
    )
    with connection.cursor() as c:
        c.execute("SHOW server_version")
        pg = c.fetchone()[0]
        c.execute("SHOW shared_buffers")
        buffers = c.fetchone()[0]
    load = os.getloadavg()
    rows = [
        ["CPU", cpu],
        ["cores", os.cpu_count()],
        ["RAM", f"{mem / 1024 / 1024:.1f} GiB"],
        ["PostgreSQL", f"{pg} (own instance, shared_buffers {buffers}, fsync off)"],
        ["Python", platform.python_version()],
        ["Django", django.get_version()],
        ["OS", f"{platform.system()} {platform.release()}"],
        ["date", dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")],
        ["load average at start", f"{load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} (1 / 5 / 15 min)"],
        ["dataset scale", f"{scale} (1.0 = national)"],
    ]
    if pg_settings:  # set for this machine on the benchmark's own instance (bench/tune.py)
        rows.append(["PostgreSQL settings", ", ".join(f"{k} {v}" for k, v in pg_settings.items())])
    return Section(
        "Machine",
        "Where and when this file was produced.",
        ["", "value"],
        rows,
        "The load average is that of the whole machine: other processes (other test suites) may have "
        "been running during the measurements; every ratio compares figures taken in the same run.",
    )


# --- the dataset ------------------------------------------------------------------------------------------------


def dataset_section(result: dict) -> Section:
    rows = [[label, n, round(s, 1)] for label, n, s in result["stages"]]
    rows.append(["total", sum(r[1] for r in result["stages"]), round(result["seconds"], 1)])
    counts = result["counts"]
    mix = ", ".join(f"{k} {v:,}" for k, v in counts["by_status"].items())
    return Section(
        "National dataset",
        f"`bench/national.py` at scale {result['scale']}: {result['provinces']} provinces × "
        f"{result['uppers_per_province']} upper-level unions, {result['grassroots']:,} grassroots unions; "
        f"directives of {result['year']}. Loaded with bulk_create, COPY and INSERT … SELECT.",
        ["stage", "rows", "seconds"],
        rows,
        "Totals: "
        + ", ".join(f"{k} {v:,}" for k, v in counts.items() if isinstance(v, int))
        + f". Obligations by status: {mix}.",
    )


def run_json(args: list[str], env: dict, timeout: int, log) -> list | None:
    out = Path(tempfile.mkstemp(suffix=".json")[1])
    start = time.perf_counter()
    proc = subprocess.run(
        [PY, *args, "--json", str(out)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    log(f"  {args[0]}: exit {proc.returncode} in {time.perf_counter() - start:.0f} s")
    if proc.returncode != 0:
        log(proc.stdout[-3000:] + proc.stderr[-3000:])
        return None
    data = json.loads(out.read_text())
    out.unlink()
    return data
