"""The PDF sections of bench/RESULTS.md, from the rows bench_pdf.py and bench_batch_pdf.py write as JSON."""

from __future__ import annotations

from results import Section, ratio

# --- PDF ------------------------------------------------------------------------------------------------------------


def pdf_section(rows: list | None) -> Section:
    s = Section(
        "PDF rendering",
        "bench_pdf: cold = first render in a fresh Python process; warm = median of "
        "repeated renders in one process. Reference: the cold render; ratio = warm pages/s ÷ cold pages/s.",
        [
            "document",
            "pages",
            "import s",
            "cold s",
            "cold pages/s (reference)",
            "warm s",
            "warm pages/s",
            "ratio",
        ],
    )
    for r in rows or []:
        s.rows.append(
            [
                r["document"],
                r["pages"],
                r["import_s"],
                r["cold_s"],
                r["cold_pps"],
                r["warm_s"],
                r["warm_pps"],
                ratio(r["warm_pps"], r["cold_pps"]),
            ]
        )
    if rows is None:
        s.notes = "bench_pdf failed in this run; see the log."
    return s


def batch_section(rows: list | None) -> Section:
    s = Section(
        "Batch PDF (ZIP of a cascade)",
        "bench_batch_pdf in its own database: the ZIP of a plan and its "
        "implementing plans, rendered by real Celery workers. Reference: one worker; ratio = speed-up "
        "(1 worker's seconds ÷ this row's).",
        ["mode", "documents", "pages", "seconds", "pages/s", "CPU s", "ratio"],
    )
    one = next((r["seconds"] for r in rows or [] if r["mode"] == "Celery, 1 worker"), None)
    for r in rows or []:
        s.rows.append(
            [
                r["mode"],
                r["documents"],
                r["pages"],
                r["seconds"],
                r["pages"] / r["seconds"],
                r["cpu"],
                ratio(one, r["seconds"]) if one and r["mode"].startswith("Celery") else "",
            ]
        )
    if rows is None:
        s.notes = "bench_batch_pdf failed in this run; see the log."
    return s
