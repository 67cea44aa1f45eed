"""Optimistic lock (issue 20, finding 10): an autosave or save that names no version, or an older one, never
overwrites a newer save — documents and reports, pages, autosave and API alike. Refused with 409 and a
Vietnamese reason; nothing written.

Cast: lan drafts at btgtu (the guidance draft), tuan reports for cdcs.
"""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from directives.models import Document
from directives.services import compose
from portal.lib.optimistic import MISSING_MESSAGE, STALE_MESSAGE
from reporting.models import Report
from tests.clients import token_client
from tests.directives.test_issue import guidance
from tests.reporting.conftest import local, semiannual_obligation

pytestmark = pytest.mark.security

REPORT_FORM = {
    "section_ket_qua_tuyen_truyen": "Tổ chức 2 buổi tuyên truyền.",
    "indicator_so_buoi_tuyen_truyen": "2",
}


# --- documents ----------------------------------------------------------------------------------------


def _newer_save(cast, doc) -> Document:
    """Another tab saves first: the draft moves on to a newer version with a new subject."""
    content = compose.content_of(doc)
    content.subject = "Bản mới hơn, lưu từ tab khác"
    return compose.document_save_draft(
        actor=cast.lan, document=doc, content=content, expected_version=doc.version
    )


@pytest.mark.parametrize("version", [None, "old"])
def test_a_document_autosave_without_or_with_an_old_version_is_refused(cast, client, version):
    doc = guidance(cast)
    loaded_at = doc.version
    doc = _newer_save(cast, doc)
    client.force_login(cast.lan)
    form = {
        "doc_type": "HD",
        "subject": "Ghi đè",
        "node-0-depth": "1",
        "node-0-heading": "MỤC",
        "node-0-text": "x",
    }
    if version == "old":
        form["version"] = loaded_at
    response = client.post(reverse("directives:autosave", args=[doc.pk]), form)
    assert response.status_code == 409
    assert (MISSING_MESSAGE if version is None else STALE_MESSAGE) in response.content.decode()
    fresh = Document.objects.get(pk=doc.pk)
    assert fresh.subject == "Bản mới hơn, lưu từ tab khác" and fresh.version == doc.version


def test_a_document_save_without_a_version_is_refused_on_the_page(cast, client):
    doc = _newer_save(cast, guidance(cast))
    client.force_login(cast.lan)
    response = client.post(
        reverse("directives:edit", args=[doc.pk]), {"doc_type": "HD", "subject": "Ghi đè", "action": "save"}
    )
    assert response.status_code == 400
    assert "Thiếu số phiên bản của bản nháp" in response.content.decode()
    assert Document.objects.get(pk=doc.pk).subject == "Bản mới hơn, lưu từ tab khác"


def test_the_service_refuses_an_explicit_none(cast):
    from directives.errors import StaleDraft

    doc = guidance(cast)
    with pytest.raises(StaleDraft) as refused:
        compose.document_save_draft(
            actor=cast.lan, document=doc, content=compose.content_of(doc), expected_version=None
        )
    assert refused.value.message == MISSING_MESSAGE


def test_a_document_api_patch_needs_the_version(cast):
    doc = guidance(cast)
    client = token_client(cast.lan)
    missing = client.patch(f"/api/v1/documents/{doc.pk}/", {"subject": "Ghi đè"}, format="json")
    assert missing.status_code == 400 and "version" in missing.json()["fields"]
    doc = _newer_save(cast, doc)
    stale = client.patch(
        f"/api/v1/documents/{doc.pk}/", {"subject": "Ghi đè", "version": doc.version - 1}, format="json"
    )
    assert stale.status_code == 409 and stale.json()["code"] == "stale_draft"
    assert Document.objects.get(pk=doc.pk).subject == "Bản mới hơn, lưu từ tab khác"


# --- reports ------------------------------------------------------------------------------------------


def test_a_report_autosave_carries_the_revision_forward(cast, client):
    ob = semiannual_obligation(cast)
    client.force_login(cast.tuan)
    url = reverse("reporting:report_autosave", args=[ob.pk])
    with time_machine.travel(local(2024, 6, 3, 9, 41), tick=False):
        assert (
            'name="version" id="report-version" value="0"'
            in client.get(reverse("reporting:report_edit", args=[ob.pk])).content.decode()
        )
        first = client.post(url, {**REPORT_FORM, "version": 0}, HTTP_HX_REQUEST="true")
        assert first.status_code == 200
        # The answer hands the page its new revision (an out-of-band swap of the hidden field).
        assert 'id="report-version" value="1" hx-swap-oob="true"' in first.content.decode()
        second = client.post(
            url, {**REPORT_FORM, "indicator_so_buoi_tuyen_truyen": "3", "version": 1}, HTTP_HX_REQUEST="true"
        )
    assert second.status_code == 200
    report = Report.objects.get(obligation=ob)
    assert report.revision == 2 and report.data["indicators"]["so_buoi_tuyen_truyen"] == "3"


@pytest.mark.parametrize("version", [None, 0])
def test_a_report_autosave_without_or_with_an_old_revision_is_refused(cast, client, version):
    ob = semiannual_obligation(cast)
    client.force_login(cast.tuan)
    url = reverse("reporting:report_autosave", args=[ob.pk])
    with time_machine.travel(local(2024, 6, 3), tick=False):
        assert client.post(url, {**REPORT_FORM, "version": 0}, HTTP_HX_REQUEST="true").status_code == 200
        stale = {**REPORT_FORM, "section_ket_qua_tuyen_truyen": "Bản cũ từ tab khác"}
        if version is not None:
            stale["version"] = version
        response = client.post(url, stale, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert (MISSING_MESSAGE if version is None else STALE_MESSAGE) in response.content.decode()
    assert 'role="alert"' in response.content.decode()  # portal.js shows this reason, not "Conflict"
    report = Report.objects.get(obligation=ob)
    assert (
        report.revision == 1
        and report.data["sections"]["ket_qua_tuyen_truyen"] == "Tổ chức 2 buổi tuyên truyền."
    )


def test_a_report_submitted_from_an_old_form_is_refused(cast, client):
    ob = semiannual_obligation(cast)
    client.force_login(cast.khanh)  # the chairman, who signs and sends the unit's reports
    edit = reverse("reporting:report_edit", args=[ob.pk])
    with time_machine.travel(local(2024, 6, 3), tick=False):
        client.post(
            reverse("reporting:report_autosave", args=[ob.pk]),
            {**REPORT_FORM, "version": 0},
            HTTP_HX_REQUEST="true",
        )
        response = client.post(
            edit, {**REPORT_FORM, "section_ket_qua_tuyen_truyen": "Cũ", "action": "nop", "version": 0}
        )
    assert response.status_code == 200 and STALE_MESSAGE in response.content.decode()
    report = Report.objects.get(obligation=ob)
    assert report.state == "draft" and report.version_count == 0


def test_the_report_api_needs_the_revision(cast):
    ob = semiannual_obligation(cast)
    client = token_client(cast.khanh)  # submitting is the signer's act (issue 17)
    body = {"data": {"sections": {"ket_qua_tuyen_truyen": "Ba buổi."}, "indicators": {}}}
    with time_machine.travel(local(2024, 6, 3), tick=False):
        missing = client.post(f"/api/v1/obligations/{ob.pk}/draft/", body, format="json")
        assert missing.status_code == 409
        assert missing.json()["code"] == "report_stale" and missing.json()["message"] == MISSING_MESSAGE
        assert not Report.objects.filter(obligation=ob).exists()
        saved = client.post(f"/api/v1/obligations/{ob.pk}/draft/", {**body, "version": 0}, format="json")
        assert saved.status_code == 200 and saved.json()["report"]["revision"] == 1
        stale = client.post(f"/api/v1/obligations/{ob.pk}/submit/", {**body, "version": 0}, format="json")
        assert stale.status_code == 409 and stale.json()["code"] == "report_stale"
        submitted = client.post(f"/api/v1/obligations/{ob.pk}/submit/", {**body, "version": 1}, format="json")
    assert submitted.status_code == 200 and submitted.json()["report"]["state"] == "submitted"
