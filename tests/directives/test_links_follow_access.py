"""Links to documents follow the rule of the page they lead to (the crawler, tests/browser/test_crawl.py, found
them dead): what a unit below issued to carry a directive out is linked only where the viewer may read it and
otherwise named without a link; a draft's editor is offered only to whom the editor opens (the issuing unit's
drafting roles — not a leader above it, not the system administrator). And the cascade: the issuing unit's
leaders follow all of it, everyone else only the rows in their own visibility."""

from __future__ import annotations

import pytest
from django.urls import reverse

from directives.models import Delivery, Document
from tests.reporting.conftest import make_document


@pytest.fixture
def chain(cast):
    """Ban Tuyên giáo's guidance to LĐLĐ tỉnh, carried out by LĐLĐ tỉnh's plan to Yên Thế and Tân Yên, which
    Yên Thế carried out by a plan of its own to CĐCS Bố Hạ."""
    guidance = make_document(issuer=cast.btgtu, recipients=[cast.ldld], subject="Hướng dẫn của Ban")
    plan = make_document(issuer=cast.ldld, recipients=[cast.yenthe, cast.tanyen], subject="Kế hoạch tỉnh")
    district = make_document(issuer=cast.yenthe, recipients=[cast.cdcs], subject="Kế hoạch Yên Thế")
    Delivery.objects.filter(document=guidance, unit=cast.ldld).update(implemented_by=plan)
    Delivery.objects.filter(document=plan, unit=cast.yenthe).update(implemented_by=district)
    return guidance, plan, district


def _link(doc) -> str:
    return f'href="{reverse("directives:detail", args=[doc.pk])}"'


def _rows(response) -> set[str]:
    return {row.delivery.unit.code for level in response.context["levels"] for row in level.rows}


def test_the_issuing_bodys_leader_follows_the_whole_cascade_and_others_only_their_rows(cast, login, chain):
    guidance, plan, district = chain
    url = reverse("directives:cascade", args=[guidance.pk])
    everything = {"bg-ldld", "bg-ldld-yenthe", "bg-ldld-tanyen", "bg-cdcs-thcs-boha"}
    # Hạnh signs for Ban Tuyên giáo: every level below her guidance, though the plans are not hers to read.
    response = login(cast.hanh).get(url)
    assert response.status_code == 200 and _rows(response) == everything
    body = response.content.decode()
    assert plan.number_symbol in body and _link(plan) not in body
    assert district.number_symbol in body and _link(district) not in body
    # Lan drafts at Ban Tuyên giáo without leading it: her document's own deliveries only.
    assert _rows(login(cast.lan).get(url)) == {"bg-ldld"}
    # Bình leads Yên Thế, which the guidance never reached (404); on LĐLĐ tỉnh's plan he follows his district
    # and what it sent on, never Tân Yên's progress, and his own plan is linked.
    assert login(cast.binh).get(url).status_code == 404
    response = login(cast.binh).get(reverse("directives:cascade", args=[plan.pk]))
    assert _rows(response) == {"bg-ldld-yenthe", "bg-cdcs-thcs-boha"}
    assert "Tân Yên" not in response.content.decode() and _link(district) in response.content.decode()
    # Neither a reporter nor a drafter of a receiving unit follows it.
    assert login(cast.tuan).get(url).status_code == 404
    assert login(cast.mai).get(url).status_code == 404


def test_the_tracking_table_links_an_implementing_document_only_for_whom_may_read_it(cast, login, chain):
    guidance, plan, district = chain
    body = login(cast.hanh).get(reverse("directives:detail", args=[guidance.pk])).content.decode()
    assert plan.number_symbol in body and _link(plan) not in body
    assert login(cast.hanh).get(reverse("directives:detail", args=[plan.pk])).status_code == 404
    body = login(cast.hung).get(reverse("directives:detail", args=[plan.pk])).content.decode()
    assert _link(district) in body
    assert login(cast.hung).get(reverse("directives:detail", args=[district.pk])).status_code == 200


def test_the_dashboard_listing_links_an_implementing_document_only_for_whom_may_read_it(cast, login, chain):
    guidance, plan, district = chain
    url = reverse("dashboards:directive", args=[guidance.pk, cast.btgtu.pk])
    response = login(cast.hanh).get(url, {"ds": "da-nhan"})
    body = response.content.decode()
    assert response.status_code == 200 and plan.number_symbol in body and _link(plan) not in body
    response = login(cast.hung).get(
        reverse("dashboards:directive", args=[plan.pk, cast.ldld.pk]), {"ds": "da-trien-khai"}
    )
    assert (
        district.number_symbol in response.content.decode() and _link(district) in response.content.decode()
    )


def test_a_draft_is_offered_for_editing_only_to_whom_the_editor_opens(cast, login):
    draft = Document.objects.create(
        doc_type="KH", issuer=cast.yenthe, status="draft", subject="Kế hoạch dự thảo"
    )
    detail, edit = reverse("directives:detail", args=[draft.pk]), reverse("directives:edit", args=[draft.pk])
    binh = login(cast.binh)  # signs for Yên Thế: offered, and it opens
    assert f'href="{edit}"' in binh.get(detail).content.decode() and binh.get(edit).status_code == 200
    assert f'href="{edit}"' in binh.get(reverse("home")).content.decode()
    # Hùng leads LĐLĐ tỉnh above it and the administrator sees everything: both read the draft, neither edits it.
    for user in (cast.hung, cast.admin):
        client = login(user)
        response = client.get(detail)
        assert response.status_code == 200 and f'href="{edit}"' not in response.content.decode()
        assert client.get(edit).status_code == 404
        assert f'href="{edit}"' not in client.get(reverse("home")).content.decode()
