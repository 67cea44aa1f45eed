"""What the portal tells without meaning to (issue 20, finding 13): whether a unit id exists, which server runs
it, which host names it answers to; and the read receipt a document page records (documented in SECURITY.md).

Cast: mai drafts at ldld, tuan reports for cdcs, charlie's unit laichau is outside everyone's scope but his own.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings
from django.urls import reverse
from rest_framework.test import APIClient

from directives.models import Delivery, Document
from directives.services import signing
from portal.core.services import api_token_create
from portal.org.models import Unit
from tests.directives.test_issue import guidance

pytestmark = pytest.mark.security


def api(user) -> APIClient:
    _, key = api_token_create(user=user, name="thử")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _missing_unit_id() -> int:
    return (Unit.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000


# --- unit ids: an out-of-scope one answers as a missing one -------------------------------------------------


def test_the_document_issuer_filter_answers_alike_for_an_unseen_and_a_missing_unit(cast):
    client = api(cast.tuan)
    unseen = client.get("/api/v1/documents/", {"issuer": cast.laichau.pk})
    missing = client.get("/api/v1/documents/", {"issuer": _missing_unit_id()})
    assert unseen.status_code == missing.status_code == 200
    assert unseen.json() == missing.json() == {"count": 0, "next": None, "previous": None, "results": []}
    # An id no database could hold is a format error, the same for everyone.
    assert client.get("/api/v1/documents/", {"issuer": "9" * 30}).status_code == 400


def test_creating_a_draft_for_an_unseen_or_a_missing_unit_answers_alike(cast):
    client = api(cast.mai)
    before = Document.objects.count()
    answers = []
    for unit_id in (
        cast.laichau.pk,
        _missing_unit_id(),
        cast.yenthe.pk,
    ):  # unseen, missing, seen but not hers
        response = client.post("/api/v1/documents/", {"issuer": unit_id, "doc_type": "KH"}, format="json")
        answers.append((response.status_code, response.json()))
    assert answers[0] == answers[1] == answers[2]
    assert answers[0] == (
        403,
        {"code": "not_allowed", "fields": {}, "message": "Bạn không có quyền soạn văn bản cho đơn vị này."},
    )
    assert (
        client.post("/api/v1/documents/", {"issuer": "9" * 30, "doc_type": "KH"}, format="json").json()[
            "code"
        ]
        == "not_allowed"
    )
    assert Document.objects.count() == before
    assert (
        client.post(
            "/api/v1/documents/", {"issuer": cast.ldld.pk, "doc_type": "KH"}, format="json"
        ).status_code
        == 201
    )


# --- the read receipt (documented) ----------------------------------------------------------------------------


def test_opening_a_received_document_records_the_read_receipt(cast, client):
    doc = signing.document_issue(actor=cast.hanh, document=guidance(cast), render=False)
    delivery = Delivery.objects.get(document=doc, unit=cast.ldld)
    assert delivery.read_at is None
    client.force_login(cast.mai)
    assert client.get(reverse("directives:detail", args=[doc.pk])).status_code == 200
    delivery.refresh_from_db()
    assert delivery.read_at is not None
    assert "Opening a received document records its read receipt" in (
        settings.BASE_DIR / "SECURITY.md"
    ).read_text(encoding="utf-8")


# --- deployment defaults ----------------------------------------------------------------------------------------


def _clean_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "THONGSUOT_PRODUCTION"))}
    env.update(DJANGO_SETTINGS_MODULE="portal.settings", **extra)
    return env


def test_allowed_hosts_default_does_not_include_testserver(tmp_path):
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(','.join(settings.ALLOWED_HOSTS))",
        ],
        cwd=settings.BASE_DIR,
        env=_clean_env(THONGSUOT_DATA_DIR=str(tmp_path)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "127.0.0.1,localhost"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_does_not_name_itself(tmp_path):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=settings.BASE_DIR,
        env=_clean_env(THONGSUOT_DATA_DIR=str(tmp_path)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/.well-known/security.txt", timeout=5
                ) as r:
                    headers, status = r.headers, r.status
                break
            except OSError:
                assert proc.poll() is None, "gunicorn exited"
                assert time.monotonic() < deadline, "gunicorn did not answer"
                time.sleep(0.3)
        assert status == 200
        assert "Server" not in headers, headers.get("Server")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
