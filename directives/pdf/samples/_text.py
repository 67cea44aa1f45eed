"""Small helpers to write sample bodies: paragraphs in, sanitised-style HTML out."""

from __future__ import annotations

from django.utils.html import escape


def _html(*paragraphs: str) -> str:
    """One ``<p>`` per paragraph; footnote calls ``[^n]`` pass through as text."""
    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs)


def _lines(*lines: str) -> str:
    """Task text: one paragraph per line."""
    return "\n".join(lines)
