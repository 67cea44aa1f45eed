"""Render layouts to a folder of PDFs and page images, for a person to look at.

    python -m directives.pdf.review out/pdf-review

writes ``<name>.pdf`` and ``<name>-<page>.png`` (80 dpi, through poppler's ``pdftoppm``) for the
five seed samples. Works without Django settings and without a database.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from directives.pdf.layout import OfficialLayout
from directives.pdf.render import render_pdf
from directives.pdf.samples import sample_layouts

REVIEW_DPI = 80


def render_review_folder(layouts: dict[str, OfficialLayout], out_dir: Path) -> list[Path]:
    """Write each layout as ``<name>.pdf`` plus one PNG per page; returns the files written.

    PNGs are skipped (with a note on stderr) when ``pdftoppm`` is not installed.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("pdftoppm not found (Debian: poppler-utils): writing PDFs only", file=sys.stderr)
    written: list[Path] = []
    for name, layout in layouts.items():
        pdf_path = out_dir / f"{name}.pdf"
        pdf_path.write_bytes(render_pdf(layout))
        written.append(pdf_path)
        if pdftoppm:
            for old in out_dir.glob(f"{name}-*.png"):
                old.unlink()
            subprocess.run(
                [pdftoppm, "-r", str(REVIEW_DPI), "-png", str(pdf_path), str(out_dir / name)], check=True
            )
            written.extend(sorted(out_dir.glob(f"{name}-*.png")))
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m directives.pdf.review OUT_DIR", file=sys.stderr)
        return 2
    for path in render_review_folder(sample_layouts(), Path(args[0])):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
