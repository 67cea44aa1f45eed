"""The editor's save costs the same number of queries however long the draft is: sections, recipient lines
(named by their unit only), tasks and reporting duties are read and written set-wise.

Cast: Mai drafts for LĐLĐ tỉnh (ldld), whose district federations (Yên Thế, Tân Yên) and grassroots union are
within its reach; Charlie, an outsider, is refused.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directives.models import Document, ReportingRequirement
from directives.services import compose


def _form(cast, doc, rows: int) -> dict:
    """The editor form of a draft with ``rows`` sections, recipient lines, tasks and reporting duties."""
    units = [cast.yenthe, cast.tanyen, cast.cdcs]
    form = {
        "doc_type": "KH",
        "subject": "Kế hoạch tuyên truyền",
        "version": doc.version,
        "action": "save",
        "signer_name": "Nguyễn Mạnh Hùng",
    }
    for i in range(rows):
        unit = units[i % len(units)]
        form |= {
            f"node-{i}-depth": "1",
            f"node-{i}-heading": f"Mục {i + 1}",
            f"node-{i}-text": f"Nội dung {i + 1}.",
            # A line named by its unit only: the page prints the unit's name.
            f"rcp-{i}-unit": str(unit.pk),
            f"rcp-{i}-label": "",
            f"rcp-{i}-purpose": "thuc_hien",
            f"rcp-{i}-selection": "unit",
            f"task-{i}-title": unit.name,
            f"task-{i}-text": "Tuyên truyền.",
            f"task-{i}-units": str(unit.pk),
            f"req-{i}-title": f"Báo cáo {i + 1}",
            f"req-{i}-frequency": "quarterly",
            f"req-{i}-to": str(cast.ldld.pk),
            f"req-{i}-days": "5",
        }
    return form


def _saved_with(cast, client, rows: int) -> tuple[Document, int]:
    doc = compose.document_create_draft(actor=cast.mai, issuer=cast.ldld, doc_type="KH")
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("directives:edit", args=[doc.pk]), _form(cast, doc, rows))
    assert response.status_code == 200, response.content.decode()[:2000]
    return Document.objects.get(pk=doc.pk), len(queries)


def test_it_saves_a_long_draft_in_as_many_queries_as_a_short_one(cast, login, django_assert_max_num_queries):
    client = login(cast.mai)
    short, short_queries = _saved_with(cast, client, 2)
    long_doc = compose.document_create_draft(actor=cast.mai, issuer=cast.ldld, doc_type="KH")
    with django_assert_max_num_queries(short_queries):
        response = client.post(reverse("directives:edit", args=[long_doc.pk]), _form(cast, long_doc, 12))
    assert response.status_code == 200
    long_doc.refresh_from_db()
    assert len(long_doc.body) == 12 and long_doc.tasks.count() == 12
    assert [r.label for r in long_doc.recipients.order_by("order")][:3] == [
        cast.yenthe.name,
        cast.tanyen.name,
        cast.cdcs.name,
    ]
    assert ReportingRequirement.objects.filter(document=long_doc).count() == 12
    assert short.recipients.count() == 2


def test_an_outsider_cannot_save_the_draft(cast, login):
    doc = compose.document_create_draft(actor=cast.mai, issuer=cast.ldld, doc_type="KH")
    response = login(cast.charlie).post(reverse("directives:edit", args=[doc.pk]), _form(cast, doc, 2))
    assert response.status_code in (403, 404)
    doc.refresh_from_db()
    assert doc.version == 1 and doc.body == []


def test_it_keeps_the_signature_block_as_one_value_from_the_form_to_the_page(cast, login):
    """The four signature fields of the page go into the draft's Signature and come back into the same fields;
    a mark the formats do not know (a hand-made post) is saved as no mark."""
    client = login(cast.mai)
    doc = compose.document_create_draft(actor=cast.mai, issuer=cast.ldld, doc_type="KH")
    form = _form(cast, doc, 1) | {
        "signer_authority": "KT",
        "signer_authority_body": "BAN THƯỜNG VỤ",
        "signer_title": "PHÓ CHỦ TỊCH",
        "signer_name": "Nguyễn Mạnh Hùng",
    }
    assert client.post(reverse("directives:edit", args=[doc.pk]), form).status_code == 200
    doc.refresh_from_db()
    assert (doc.signer_authority, doc.signer_authority_body, doc.signer_title, doc.signer_name) == (
        "KT",
        "BAN THƯỜNG VỤ",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Mạnh Hùng",
    )
    page = client.get(reverse("directives:edit", args=[doc.pk])).content.decode()
    assert '<option value="KT" selected>' in page and '<option value="TM" selected>' not in page
    assert 'name="signer_authority_body" value="BAN THƯỜNG VỤ"' in page
    assert 'name="signer_title" value="PHÓ CHỦ TỊCH"' in page
    assert 'name="signer_name" value="Nguyễn Mạnh Hùng"' in page

    form = _form(cast, doc, 1) | {"signer_authority": "XX", "signer_name": "Nguyễn Mạnh Hùng"}
    assert client.post(reverse("directives:edit", args=[doc.pk]), form).status_code == 200
    doc.refresh_from_db()
    assert doc.signer_authority == "" and doc.signer_title == ""
