"""Hostile text in the PDFs (issue 8): the issued document, the report and the dashboard exports are
rendered with payloads in the subject, body, tasks, narrative and unit names, plus ``PDF_EXTRA`` (markup that
would make the engine read a local file or call a server).

Read back with pdfplumber: each payload is there as text (compared without whitespace, since lines
wrap), nothing of /etc/passwd is, and the listening socket that ``PDF_EXTRA`` points at (in place of
port 9) is never connected to. A document whose body bypassed the sanitiser (data written straight to
the table) shows the engine's own fence: the local-only fetcher is asked for those URLs and refuses them.
"""

from __future__ import annotations

import io
import select
import socket
from types import SimpleNamespace

import pdfplumber
import pytest
from django.urls import reverse

from directives.models import Document
from directives.pdf.conf import local_roots
from directives.pdf.render import LocalOnlyFetcher, URLRefused, render_pdf
from directives.rendering import document_pdf_bytes, layout_for
from tests.security.hostile import XSS_LINES, XSS_UNIT, build_hostile_world
from tests.security.payloads import PDF_EXTRA, XSS, XSS_ALL

pytestmark = [pytest.mark.security, pytest.mark.usefixtures("eager_media")]


@pytest.fixture
def listener():
    """A socket listening on a free local port; ``connected()`` says whether anything knocked."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(8)

    def connected() -> bool:
        # A connection attempt waits in the backlog even when nobody accepts it.
        return bool(select.select([server], [], [], 0.5)[0])

    try:
        yield SimpleNamespace(port=server.getsockname()[1], connected=connected)
    finally:
        server.close()


def _extra(port: int) -> list[str]:
    return [p.replace("127.0.0.1:9", f"127.0.0.1:{port}") for p in PDF_EXTRA]


def _text(data: bytes) -> str:
    assert data.startswith(b"%PDF"), data[:20]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _squash(text: str) -> str:
    """Lines wrap and headers are upper-cased: compare without whitespace and case."""
    return "".join(text.split()).casefold()


def _passwd_leaks(text: str) -> list[str]:
    with open("/etc/passwd", encoding="utf-8", errors="replace") as f:
        entries = [line.split(":")[0] + ":x:" for line in f if line.count(":") >= 6]
    return [e for e in entries if e in text] + [s for s in ("/usr/sbin/nologin", "/bin/bash") if s in text]


def _missing(text: str, payloads) -> list[str]:
    squashed = _squash(text)
    return [p for p in payloads if _squash(p) not in squashed]


def test_the_issued_document_pdf_shows_every_payload_as_text(cast, listener):
    from directives.services.compose import content_of, document_save_draft
    from directives.services.signing import document_issue

    extra = _extra(listener.port)
    world = build_hostile_world(cast, render=True)
    # The issued guidance was rendered at issue (the stored file, the production path).
    issued = Document.objects.get(pk=world.issued.pk)
    text = _text(issued.pdf.read())
    assert not _missing(text, [XSS_ALL, *XSS, "Ban Tuyên giáo " + XSS_UNIT]), _missing(text, [XSS_ALL, *XSS])
    assert not _passwd_leaks(text)
    # The draft, rewritten with PDF_EXTRA in every field, issued and rendered.
    draft = world.draft
    content = content_of(draft)
    content.subject = " ".join(extra)
    content.body = [
        {"heading": extra[0], "text": "\n".join(extra), "footnotes": [extra[1]]},
        {"heading": "NỘI DUNG", "text": "<p><b>Đậm</b> " + " ".join(extra) + "</p>", "tasks_here": True},
    ]
    content.opening = "\n".join(extra)
    content.tasks[0].text = "\n".join(extra)
    content.recipients[0].label = extra[2]
    document_save_draft(actor=cast.lan, document=draft, content=content)
    issued = document_issue(actor=cast.hanh, document=draft)
    text = _text(Document.objects.get(pk=issued.pk).pdf.read())
    assert not _missing(text, extra), _missing(text, extra)
    assert "Đậm" in text
    assert not _passwd_leaks(text)
    assert not listener.connected(), "the PDF engine connected to the local listener"


def test_markup_that_bypassed_the_sanitiser_still_fetches_nothing(cast, listener):
    """Rows written without the services (an old import, a bug): raw tags reach WeasyPrint, the fetcher refuses."""
    extra = _extra(listener.port)
    world = build_hostile_world(cast)
    raw = "".join(extra) + f"<p>{XSS[0]}</p>"
    Document.objects.filter(pk=world.draft.pk).update(
        opening=raw, closing=raw, body=[{"heading": "I", "text": raw, "children": []}]
    )
    asked, refused = [], []

    class Spy(LocalOnlyFetcher):
        def fetch(self, url, headers=None):
            asked.append(url)
            try:
                return super().fetch(url, headers)
            except URLRefused:
                refused.append(url)
                raise

    document = Document.objects.get(pk=world.draft.pk)
    text = _text(render_pdf(layout_for(document), url_fetcher=Spy(local_roots())))
    port = str(listener.port)
    # The tags did reach the engine (the test is not vacuous), and every such URL was refused.
    assert any("/etc/passwd" in u for u in asked) and any(port in u for u in asked), asked
    assert [u for u in asked if "/etc/passwd" in u or port in u] == [
        u for u in refused if "/etc/passwd" in u or port in u
    ]
    assert not _passwd_leaks(text)
    # The production fetcher, on the same document: the PDF renders and nothing is fetched.
    text = _text(document_pdf_bytes(document))
    assert _squash("Ban Tuyên giáo") in _squash(text)  # it rendered, with the issuer's header
    assert not _passwd_leaks(text)
    assert not listener.connected(), "the PDF engine connected to the local listener"


def test_the_report_pdf_shows_the_narrative_as_text(cast, login, listener):
    from reporting.services import report_submit

    extra = _extra(listener.port)
    world = build_hostile_world(cast)
    # The returned report, corrected and submitted again with PDF_EXTRA in the narrative.
    report_submit(
        actor=cast.hung,
        obligation=world.obligation,
        data={
            "sections": {"ket_qua": XSS_LINES + "\n" + "\n".join(extra), "de_xuat": XSS_ALL},
            "indicators": {"so_buoi": "3"},
        },
    )
    response = login(cast.hanh).get(reverse("reporting:report_pdf", args=[world.obligation.pk]))
    assert response.status_code == 200, response.status_code
    text = _text(response.content)
    payloads = [*XSS, XSS_ALL, *extra, f"Kết quả {XSS[0]}", world.ldld.name]
    assert not _missing(text, payloads), _missing(text, payloads)
    # The figures are a ruled table (issue 17): the indicator's label wraps inside its cell, so it is read there.
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        cells = [
            cell or ""
            for page in pdf.pages
            for table in page.extract_tables()
            for row in table
            for cell in row
        ]
    assert any(_squash(f"Số buổi {XSS[2]}") in _squash(cell) for cell in cells), cells
    assert not _passwd_leaks(text)
    assert not listener.connected(), "the PDF engine connected to the local listener"


def test_the_dashboard_pdfs_show_hostile_names_as_text(cast, login, listener):
    world = build_hostile_world(cast)
    client = login(cast.hung)
    url = reverse("dashboards:requirement_export", args=[world.adhoc.pk, world.ldld.pk, "pdf"])
    response = client.get(url, {"ky": world.adhoc_obligation.period_key, "ds": "duoc-mien"})
    assert response.status_code == 200, response.status_code
    text = _text(response.content)
    # Yên Thế's name is every payload but the last; the title carries them all (the first is enough to see).
    assert not _missing(text, [XSS[0], XSS[1]]), text[:2000]
    assert _squash(XSS_UNIT) in _squash(text) or _squash(XSS_UNIT[:40]) in _squash(text)
    assert not _passwd_leaks(text)
    client = login(cast.hanh)
    url = reverse("dashboards:directive_export", args=[world.issued.pk, world.btgtu.pk, "pdf"])
    response = client.get(url, {"ds": "da-nhan"})
    assert response.status_code == 200, response.status_code
    text = _text(response.content)
    assert not _missing(text, [XSS[0], XSS[1]]), text[:2000]
    assert not listener.connected()
