"""Official PDF rendering speed: pages per second, cold and warm.

    .venv/bin/python bench/bench_pdf.py [--warm-runs N]

Two documents: the long seed-004 Kế hoạch (party regime, ~15 pages, footnote, 14 task blocks) and
a one-page công văn (seed 000 cut to two items). "cold" is the first render in a fresh Python
process, fonts loaded from scratch (the time to import the modules is shown apart); "warm" is the
median of repeated renders in one process, as a web or Celery worker sees them.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def one_page_cong_van():
    from directives.pdf.samples import sample_layouts

    layout = sample_layouts()["000-cong-van-ldld-bac-giang"]
    layout.body = layout.body[1:3]
    layout.closing = layout.closing.split("</p>", 1)[1]
    return layout


def documents():
    from directives.pdf.samples import sample_layouts

    return {
        "004 Kế hoạch (long)": sample_layouts()["004-ke-hoach-84-bcdttdn"],
        "công văn (1 page)": one_page_cong_van(),
    }


def page_count(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def cold(name: str) -> dict:
    """Render ``name`` once in a fresh interpreter; returns import and render seconds."""
    code = (
        "import json, sys, time\n"
        f"sys.path.insert(0, {str(ROOT)!r}); sys.path.insert(0, {str(ROOT / 'bench')!r})\n"
        "t0 = time.perf_counter()\n"
        "import bench_pdf\n"
        "from directives.pdf.render import render_pdf\n"
        f"layout = bench_pdf.documents()[{name!r}]\n"
        "t1 = time.perf_counter()\n"
        "pdf = render_pdf(layout)\n"
        "t2 = time.perf_counter()\n"
        "print(json.dumps({'import': t1 - t0, 'render': t2 - t1, 'pages': bench_pdf.page_count(pdf)}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def warm(layout, runs: int) -> tuple[float, int]:
    from directives.pdf.render import render_pdf

    pages = page_count(render_pdf(layout))  # loads the fonts once
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render_pdf(layout)
        times.append(time.perf_counter() - start)
    return statistics.median(times), pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm-runs", type=int, default=5)
    parser.add_argument("--json", help="also write the rows to this JSON file (bench/run_all.py reads it)")
    args = parser.parse_args()
    rows = []
    for name, layout in documents().items():
        c = cold(name)
        w, pages = warm(layout, args.warm_runs)
        rows.append((name, pages, c["import"], c["render"], pages / c["render"], w, pages / w))
    header = f"{'document':<22}{'pages':>6}{'import s':>10}{'cold s':>9}{'cold p/s':>10}{'warm s':>9}{'warm p/s':>10}"
    print(header)
    print("-" * len(header))
    for name, pages, imp, c_s, c_pps, w_s, w_pps in rows:
        print(f"{name:<22}{pages:>6}{imp:>10.2f}{c_s:>9.2f}{c_pps:>10.1f}{w_s:>9.2f}{w_pps:>10.1f}")
    print(f"\nwarm = median of {args.warm_runs} renders after one warm-up; Python {sys.version.split()[0]}")
    if args.json:
        keys = ("document", "pages", "import_s", "cold_s", "cold_pps", "warm_s", "warm_pps")
        Path(args.json).write_text(
            json.dumps([dict(zip(keys, r, strict=True)) for r in rows], ensure_ascii=False)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
