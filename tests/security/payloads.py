"""Hostile strings the security suite stores in every text field.

Each XSS payload, if it ever ran, sets ``window.__xss`` (or opens a dialog): the browser test checks
neither happened and that the payload is on the page as text. The formula payloads are what a
spreadsheet would evaluate if an export wrote them as they are.
"""

from __future__ import annotations

XSS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    '"><svg onload="window.__xss=1">',
    "javascript:window.__xss=1",
    "' onmouseover='window.__xss=1",
    "{{7*7}}",
    '<div hx-get="/x" hx-trigger="load" hx-on::load="window.__xss=1">hx</div>',
    "</textarea><script>window.__xss=1</script>",
]

#: Everything in one line: what a single short field holds (a unit name, a subject).
XSS_ALL = " ".join(XSS)

#: What the PDF engine must neither fetch nor interpret.
PDF_EXTRA = [
    '<img src="file:///etc/passwd">',
    '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">',
    '<img src="http://127.0.0.1:9/beacon.png">',
    "<style>@import url(file:///etc/passwd);</style>",
]

#: A CSV/Excel cell that starts with one of these is a formula (or DDE) to a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

FORMULAS = [
    '=HYPERLINK("http://x.example","bấm")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
]

#: Upload names a browser or a hostile client can send.
TRAVERSAL_NAMES = [
    "../../etc/passwd.pdf",
    "..\\..\\x.pdf",
    "/etc/x.pdf",
    "bao\x00cao.pdf",
    ("a" * 400) + ".pdf",
]

#: What the hostile-input sweep (test_hostile_sweep.py) puts in every query parameter and form field: numbers no
#: database column holds, a float overflow, a bidi override, header/line injection, a huge string, JSON nested
#: far deeper than any parser should follow, a negative and an empty value, non-ASCII digits. None may give a 5xx.
HOSTILE_VALUES = [
    "9" * 30,
    "1e400",
    "-1",
    "",
    "١٢٣",
    "\u202egnp.exe\u202c",
    "a\r\nSet-Cookie: x=1\r\n",
    "x\x00y",
    "ê" * 20_000,
    "[" * 5_000 + "]" * 5_000,
    "9999-12-31",
    "0:x",
]

#: JSON bodies for the API: the same values in every property, and nesting 50,000 deep.
DEEP_JSON = "[" * 50_000 + "]" * 50_000
