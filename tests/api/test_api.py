"""The REST API: hashed tokens, the same scope as the pages, stable error bodies."""

import pytest
from rest_framework.test import APIClient

from directives.models import Delivery, Document
from directives.services import signing
from portal.core.models import ApiToken
from portal.core.services import api_token_create, api_token_revoke
from tests.directives.test_issue import guidance


def client_for(user):
    _, key = api_token_create(user=user, name="thử")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_tokens_are_stored_hashed_and_shown_once(cast):
    token, key = api_token_create(user=cast.hung, name="Phần mềm văn phòng")
    assert key.startswith("ts_") and key not in token.key_hash and token.key_hash == ApiToken.hash(key)
    assert ApiToken.objects.filter(key_hash__contains=key).count() == 0


def test_a_revoked_token_is_refused_with_a_stable_body(cast):
    _, key = api_token_create(user=cast.hung, name="cũ")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/units/").status_code == 200
    api_token_revoke(user=cast.hung, token_id=ApiToken.objects.get(user=cast.hung).pk)
    response = client.get("/api/v1/units/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    assert "thu hồi" in response.json()["message"]


def test_anonymous_gets_401_not_data(db):
    response = APIClient().get("/api/v1/documents/")
    assert response.status_code in (401, 403) and response.json()["code"] == "not_authenticated"


def test_units_follow_the_scope_rule(cast):
    codes = {u["code"] for u in client_for(cast.hung).get("/api/v1/units/").json()["results"]}
    assert codes == {"bg-ldld", "bg-ldld-yenthe", "bg-ldld-tanyen", "bg-cdcs-thcs-boha"}
    reporter = client_for(cast.tuan)
    assert [u["code"] for u in reporter.get("/api/v1/units/").json()["results"]] == ["bg-cdcs-thcs-boha"]
    assert reporter.get(f"/api/v1/units/{cast.ldld.pk}/").status_code == 404
    assert reporter.get(f"/api/v1/units/{cast.cdcs.pk}/subtree/").status_code == 403


def test_a_grassroots_token_cannot_read_or_change_other_units_documents(cast):
    doc = signing.document_issue(actor=cast.hanh, document=guidance(cast), render=False)
    draft = guidance(cast, subject="Bản nháp khác")
    outsider = client_for(cast.tuan)
    assert doc.pk not in [d["id"] for d in outsider.get("/api/v1/documents/").json()["results"]]
    for url in (f"/api/v1/documents/{doc.pk}/", f"/api/v1/documents/{draft.pk}/"):
        response = outsider.get(url)
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    response = outsider.patch(
        f"/api/v1/documents/{draft.pk}/", {"version": draft.version, "subject": "Sửa"}, format="json"
    )
    assert response.status_code == 404
    assert outsider.post(f"/api/v1/documents/{doc.pk}/acknowledge/").status_code == 404
    assert Document.objects.get(pk=draft.pk).subject == "Bản nháp khác"


def test_the_whole_flow_through_the_api(cast):
    drafter, signer, recipient = client_for(cast.lan), client_for(cast.hanh), client_for(cast.mai)
    draft = guidance(cast)
    response = drafter.patch(
        f"/api/v1/documents/{draft.pk}/",
        {"version": draft.version, "subject": "Hướng dẫn qua API"},
        format="json",
    )
    assert response.status_code == 200 and response.json()["subject"] == "Hướng dẫn qua API"
    stale = drafter.patch(
        f"/api/v1/documents/{draft.pk}/", {"version": draft.version, "subject": "Cũ"}, format="json"
    )
    assert stale.status_code == 409 and stale.json()["code"] == "stale_draft"
    refused = drafter.post(f"/api/v1/documents/{draft.pk}/issue/")
    assert refused.status_code == 403 and refused.json()["code"] == "not_allowed"
    issued = signer.post(f"/api/v1/documents/{draft.pk}/issue/").json()
    assert issued["status"] == "issued" and issued["number_symbol"] == "01-HD/BTGTU"
    edit = drafter.patch(
        f"/api/v1/documents/{draft.pk}/", {"version": issued["version"], "subject": "x"}, format="json"
    )
    assert edit.status_code == 409 and edit.json()["code"] == "document_not_editable"
    assert recipient.post(f"/api/v1/documents/{draft.pk}/acknowledge/").json()["acknowledged_at"]
    plan = recipient.post(f"/api/v1/documents/{draft.pk}/derive/", {"kind": "plan"}, format="json")
    assert plan.status_code == 201 and plan.json()["issuer"] == cast.ldld.pk
    tracking = signer.get(f"/api/v1/documents/{draft.pk}/deliveries/").json()["results"]
    assert [(d["unit_code"], bool(d["acknowledged_at"])) for d in tracking] == [("bg-ldld", True)]
    assert recipient.get(f"/api/v1/documents/{draft.pk}/deliveries/").status_code == 403
    assert Delivery.objects.get(document_id=draft.pk).acknowledged_by_id == cast.mai.pk


def test_validation_errors_name_the_field(cast):
    response = client_for(cast.lan).post(
        "/api/v1/documents/", {"issuer": cast.btgtu.pk, "doc_type": "XX"}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and "doc_type" in body["fields"] and "doc_type" in body["message"]


def test_a_drafter_cannot_create_a_draft_for_another_unit(cast):
    response = client_for(cast.lan).post(
        "/api/v1/documents/", {"issuer": cast.ldld.pk, "doc_type": "KH"}, format="json"
    )
    assert response.status_code == 403 and response.json()["code"] == "not_allowed"


def test_the_schema_and_its_page_are_served(cast, login):
    client = login(cast.hung)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200 and b"/api/v1/documents/" in schema.content
    page = client.get("/api/docs/")
    assert page.status_code == 200 and b"swagger" in page.content.lower()
    assert b"cdn" not in page.content.lower()


@pytest.mark.parametrize("url", ["/tai-khoan/khoa-api/"])
def test_the_token_page_shows_a_new_key_once(cast, login, url):
    client = login(cast.hung)
    body = client.post(url, {"name": "Máy tổng hợp"}).content.decode()
    key = body.split('data-testid="new-key">')[1].split("<")[0]
    assert ApiToken.objects.get(user=cast.hung).key_hash == ApiToken.hash(key)
    assert key not in client.get(url).content.decode()


def test_a_patch_changes_only_the_signature_parts_it_names(cast):
    """The request names the signature's parts signer_*; the draft holds them as one value, so a part left
    out keeps what the draft had (guidance: KT. TRƯỞNG BAN, PHÓ TRƯỞNG BAN, Nguyễn Văn Hạnh)."""
    draft = guidance(cast)
    drafter = client_for(cast.lan)
    response = drafter.patch(
        f"/api/v1/documents/{draft.pk}/",
        {"version": draft.version, "signer_title": "TRƯỞNG BAN", "signer_name": "Lê Thị Lan"},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert [body[f"signer_{part}"] for part in ("authority", "authority_body", "title", "name")] == [
        "KT",
        "TRƯỞNG BAN",
        "TRƯỞNG BAN",
        "Lê Thị Lan",
    ]
    response = drafter.patch(
        f"/api/v1/documents/{draft.pk}/",
        {"version": body["version"], "signer_authority": "", "signer_authority_body": ""},
        format="json",
    )
    assert response.status_code == 200
    draft.refresh_from_db()
    assert (draft.signer_authority, draft.signer_authority_body, draft.signer_title, draft.signer_name) == (
        "",
        "",
        "TRƯỞNG BAN",
        "Lê Thị Lan",
    )
    refused = drafter.patch(
        f"/api/v1/documents/{draft.pk}/", {"version": draft.version, "signer_authority": "XX"}, format="json"
    )
    assert refused.status_code == 400 and "signer_authority" in refused.json()["fields"]
    draft.refresh_from_db()
    assert draft.signer_authority == ""
