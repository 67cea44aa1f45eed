"""Rendered seed samples, shared by the PDF golden checks (each sample is rendered once)."""

from __future__ import annotations

import pytest

from directives.pdf.render import render_pdf
from directives.pdf.samples import sample_layouts
from tests.pdf.pdftext import open_pdf

SAMPLE_NAMES = list(sample_layouts())


@pytest.fixture(scope="session")
def rendered() -> dict:
    """name → (layout, pdfplumber document); rendered lazily, once per test session."""
    cache: dict = {}

    class Rendered:
        def __getitem__(self, name):
            if name not in cache:
                layout = sample_layouts()[name]
                cache[name] = (layout, open_pdf(render_pdf(layout)))
            return cache[name]

    return Rendered()
