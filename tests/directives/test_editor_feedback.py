"""The editor's citations and feedback: a cited document is never recorded twice, a refusal says why beside the
field and saves nothing, nothing is cut silently, and the add / remove buttons keep what was typed.

Cast: Lan drafts for Ban Tuyên giáo Tỉnh ủy (btgtu); Mai drafts for LĐLĐ tỉnh (ldld); Charlie is an outsider.
"""

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from directives.content import Citation
from directives.errors import CitationConflict, DraftTooLong
from directives.models import Document, DocumentRelation
from directives.services import compose, external, imported, signing
from directives.services.compose import SECTION_MAX_CHARS
from reporting.errors import ReportInvalid
from reporting.services import form_template
from tests.directives.test_issue import guidance

BTGTW = "Ban Tuyên giáo Trung ương"


def _register(cast, day, **kwargs):
    return external.external_document_register(
        actor=cast.lan,
        number_symbol="132-HD/BTGTW",
        issue_date=day,
        issuer_name=kwargs.pop("issuer", BTGTW),
        **kwargs,
    )


def _copies():
    return Document.objects.filter(number_symbol__iexact="132-HD/BTGTW").count()


class _EditorForm(HTMLParser):
    """The fields of the editor form as the page draws them (what a browser would post, buttons aside)."""

    def __init__(self):
        super().__init__()
        self.data, self._in_form, self._textarea, self._select = {}, False, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._in_form = a.get("id") == "editor"
        if not self._in_form or not a.get("name"):
            if tag == "option" and self._select and ("selected" in a or self._select not in self.data):
                self.data[self._select] = a.get("value", "")
            return
        if tag == "input" and a.get("type") not in ("checkbox", "radio", "submit", "button"):
            self.data[a["name"]] = a.get("value") or ""
        elif tag == "input" and "checked" in a:
            self.data[a["name"]] = a.get("value") or "on"
        elif tag == "textarea":
            self._textarea, self.data[a["name"]] = a["name"], ""
        elif tag == "select":
            self._select = a["name"]

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data.removeprefix("\n") if not self.data[self._textarea] else data


def _form(client, doc, **fields):
    """The editor form as the page posts it: what the page shows now, with ``fields`` changed."""
    parser = _EditorForm()
    parser.feed(client.get(reverse("directives:edit", args=[doc.pk])).content.decode())
    return {**parser.data, **fields}


# --- a cited document is never recorded twice --------------------------------------------------------------
def test_it_returns_the_recorded_document_however_the_number_is_written(cast):
    recorded = _register(cast, dt.date(2023, 12, 29))
    assert _register(cast, dt.date(2023, 12, 29), issuer="ban tuyen giao trung uong").pk == recorded.pk
    assert _register(cast, None, issuer="").pk == recorded.pk  # no date: the only one with that number
    assert (
        external.external_document_register(
            actor=cast.mai,
            number_symbol="Số 132 - hd/btgtw",
            issue_date=dt.date(2023, 12, 29),
            issuer_name="",
        ).pk
        == recorded.pk
    )
    assert _copies() == 1


def test_another_issuer_with_the_same_number_is_offered_and_recorded_only_once_confirmed(cast):
    """Every provincial LĐLĐ numbers "…/LĐLĐ-TG&NC": the issuer's name tells them apart, after asking."""
    recorded = external.external_document_register(
        actor=cast.lan,
        number_symbol="15/LĐLĐ-TG&NC",
        issue_date=dt.date(2024, 2, 20),
        issuer_name="LĐLĐ tỉnh Bắc Giang",
    )
    with pytest.raises(CitationConflict, match="hãy xác nhận ghi nhận văn bản mới") as asked:
        external.external_document_register(
            actor=cast.lan,
            number_symbol="15/LĐLĐ-TG&NC",
            issue_date=dt.date(2024, 3, 1),
            issuer_name="LĐLĐ tỉnh Lai Châu",
        )
    assert asked.value.candidates == [recorded] and asked.value.may_confirm is True
    other = external.external_document_register(
        actor=cast.lan,
        number_symbol="15/LĐLĐ-TG&NC",
        issue_date=dt.date(2024, 3, 1),
        issuer_name="LĐLĐ tỉnh Lai Châu",
        confirm_distinct=True,
    )
    assert other.pk != recorded.pk
    assert Document.objects.filter(number_symbol="15/LĐLĐ-TG&NC").count() == 2


def test_it_refuses_another_date_of_the_same_year_even_when_told_it_is_another_document(cast):
    recorded = _register(cast, dt.date(2023, 12, 29))
    for confirm in (False, True):
        with pytest.raises(CitationConflict, match="ngày 29 tháng 12 năm 2023") as refused:
            _register(cast, dt.date(2023, 12, 30), confirm_distinct=confirm)
        assert refused.value.candidates == [recorded] and refused.value.may_confirm is False
        assert "sửa lại ngày" in refused.value.message
    assert _copies() == 1


def test_a_document_of_another_year_is_recorded_only_once_the_person_confirms(cast):
    recorded = _register(cast, dt.date(2023, 12, 29))
    with pytest.raises(CitationConflict) as refused:
        _register(cast, dt.date(2024, 3, 1))
    assert refused.value.candidates == [recorded] and refused.value.may_confirm is True
    assert _copies() == 1
    other = _register(cast, dt.date(2024, 3, 1), confirm_distinct=True)
    assert other.pk != recorded.pk and _copies() == 2
    # Two of them now: without a date the person must pick one.
    with pytest.raises(CitationConflict, match="Đã có 2 văn bản"):
        _register(cast, None, issuer="")


# --- the editor: pick, conflict, refusal ----------------------------------------------------------------
def test_a_suggestion_cites_the_recorded_document_and_saves_what_was_typed(cast, login):
    doc = guidance(cast)
    recorded = Document.objects.get(number_symbol="132-HD/BTGTW")
    DocumentRelation.objects.filter(source=doc).delete()
    client = login(cast.lan)
    lookup = client.get(
        reverse("directives:cite_lookup"), {"cite_new-number_symbol": "132-HD"}
    ).content.decode()
    assert f'value="cite-{recorded.pk}"' in lookup and 'role="option"' in lookup
    response = client.post(
        reverse("directives:edit", args=[doc.pk]),
        _form(client, doc, subject="Trích yếu gõ trước khi chọn", action=f"cite-{recorded.pk}"),
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Đã trích dẫn Hướng dẫn số 132-HD/BTGTW." in page
    doc.refresh_from_db()
    assert doc.subject == "Trích yếu gõ trước khi chọn"
    assert list(doc.relations_out.values_list("target_id", flat=True)) == [recorded.pk]
    assert _copies() == 1


def test_a_typed_citation_with_another_date_offers_the_recorded_one_and_writes_nothing(cast, login):
    doc = guidance(cast)
    recorded = Document.objects.get(number_symbol="132-HD/BTGTW")
    DocumentRelation.objects.filter(source=doc).delete()
    version = doc.version
    client = login(cast.lan)
    response = client.post(
        reverse("directives:edit", args=[doc.pk]),
        _form(
            client,
            doc,
            subject="Không được lưu",
            action="cite_new",
            **{
                "cite_new-number_symbol": "132-HD/BTGTW",
                "cite_new-issue_date": "2023-12-30",
                "cite_new-issuer": BTGTW,
                "cite_new-kind": "implements",
            },
        ),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "đã có trong hệ thống, khác với ngày 30 tháng 12 năm 2023 bạn ghi" in page
    assert f'value="cite-{recorded.pk}"' in page and "Ghi nhận là văn bản khác" not in page
    assert 'value="2023-12-30"' in page  # what was typed stays in the search
    doc.refresh_from_db()
    assert _copies() == 1 and doc.version == version and doc.subject != "Không được lưu"
    assert not doc.relations_out.exists()


def test_an_outsider_cannot_cite_into_the_draft_nor_cite_an_unissued_document(cast, login):
    doc = guidance(cast)
    other = compose.document_create_draft(
        actor=cast.mai, issuer=cast.ldld, doc_type="KH", subject="Dự thảo của LĐLĐ"
    )
    url = reverse("directives:edit", args=[doc.pk])
    lan = login(cast.lan)
    form = _form(lan, doc, action=f"cite-{other.pk}")
    assert login(cast.charlie).post(url, form).status_code == 404
    version = doc.version
    response = login(cast.lan).post(url, form)
    assert response.status_code == 400 and "không tìm thấy văn bản đã ban hành" in response.content.decode()
    doc.refresh_from_db()
    assert doc.version == version and not doc.relations_out.filter(target=other).exists()


# --- nothing cut, every refusal in Vietnamese beside its field ---------------------------------------------
def test_the_service_refuses_a_section_over_the_limit_instead_of_cutting_it(cast):
    doc = guidance(cast)
    content = compose.content_of(doc)
    content.body[1]["text"] = "x" * (SECTION_MAX_CHARS + 1)
    with pytest.raises(DraftTooLong) as refused:
        compose.document_save_draft(actor=cast.lan, document=doc, content=content)
    assert refused.value.field == "body.1.text"
    assert (
        "Mục 2 «TỔ CHỨC THỰC HIỆN»: nội dung dài 50.001 ký tự, quá giới hạn 50.000 ký tự"
        in refused.value.message
    )
    content.body[1]["text"] = "x" * SECTION_MAX_CHARS  # the limit itself is kept whole
    saved = compose.document_save_draft(actor=cast.lan, document=doc, content=content)
    assert len(saved.body[1]["text"]) == SECTION_MAX_CHARS + len("<p></p>")


def test_autosave_refuses_a_long_section_in_vietnamese_beside_the_field(cast, login):
    doc = guidance(cast)
    version = doc.version
    client = login(cast.lan)
    url = reverse("directives:autosave", args=[doc.pk])
    form = _form(client, doc)
    response = client.post(url, {**form, "node-1-text": "y" * (SECTION_MAX_CHARS + 5)})
    page = response.content.decode()
    assert response.status_code == 200 and "Bad Request" not in page  # the status line's place, not an error
    assert "data-autosave-refused" in page and "Chưa lưu được:" in page
    assert "quá giới hạn 50.000 ký tự" in page and "Mục 2" in page
    assert 'data-field="node-1-text"' in page and "Đã tự động lưu" not in page
    doc.refresh_from_db()
    assert doc.version == version and len(doc.body[1]["text"]) < 100
    # The status follows the refusal's type: an outdated page is a conflict (409), not a bad request.
    stale = client.post(url, {**form, "version": str(version - 1)})
    assert stale.status_code == 409 and "nơi khác" in stale.content.decode()
    # Someone without the draft gets nothing at all.
    assert login(cast.charlie).post(url, form).status_code == 404
    # Submitted for signing from another tab: a conflict too, said in Vietnamese, nothing written.
    signing.document_submit(actor=cast.lan, document=doc)
    doc.refresh_from_db()
    late = login(cast.lan).post(url, {**form, "version": str(doc.version)})
    assert late.status_code == 409 and "không thể sửa" in late.content.decode()
    doc.refresh_from_db()
    assert doc.status == "submitted" and len(doc.body[1]["text"]) < 100


def test_a_report_section_over_the_limit_is_refused_naming_it(cast):
    template = form_template.DEFAULT_TEMPLATE
    with pytest.raises(ReportInvalid) as refused:
        form_template.clean_draft(
            template, {"sections": {"kho_khan": "z" * (form_template.SECTION_MAX_CHARS + 1)}}
        )
    assert refused.value.field == "section_kho_khan"
    assert "Mục «Khó khăn, vướng mắc» dài 50.001 ký tự, quá giới hạn 50.000 ký tự" in refused.value.message
    kept = form_template.clean_draft(
        template, {"sections": {"kho_khan": "z" * form_template.SECTION_MAX_CHARS}}
    )
    assert len(kept["sections"]["kho_khan"]) == form_template.SECTION_MAX_CHARS


# --- the add / remove buttons save what was typed and come back to the row -------------------------------
@pytest.mark.parametrize(
    ("action", "anchor", "first_field"),
    [
        ("add_node", "muc-3", "n2h"),
        ("add_task", "nhiem-vu-2", "t1title"),
        ("add_rcp", "noi-nhan-3", "r2label"),
        ("add_req", "bao-cao-3", "q2title"),
    ],
)
def test_an_add_button_saves_what_was_typed_and_returns_to_the_new_row(
    cast, login, action, anchor, first_field
):
    doc = guidance(cast)
    parts = (doc.tasks.count(), doc.recipients.count(), doc.requirements.count())
    client = login(cast.lan)
    response = client.post(
        reverse("directives:edit", args=[doc.pk]),
        _form(client, doc, subject="Gõ rồi bấm thêm", action=action),
    )
    page = response.content.decode()
    assert response.status_code == 200 and f'id="{anchor}"' in page
    assert f'id="{first_field}"' in page
    assert page.index("autofocus") > page.index(f'id="{anchor}"') > page.index('id="trich-dan"')
    doc.refresh_from_db()
    assert doc.subject == "Gõ rồi bấm thêm"
    # The new row is on the page for the person to fill; an empty one is not kept until it is filled in.
    assert (doc.tasks.count(), doc.recipients.count(), doc.requirements.count()) == parts
    assert len(doc.body) == 2 + (action == "add_node")


def test_removing_a_row_saves_and_a_refused_row_edit_writes_nothing(cast, login):
    doc = guidance(cast)
    client = login(cast.lan)
    url = reverse("directives:edit", args=[doc.pk])
    response = client.post(url, _form(client, doc, action="del_task-0"))
    assert response.status_code == 200 and 'id="them-nhiem-vu" autofocus' in response.content.decode()
    doc.refresh_from_db()
    assert doc.tasks.count() == 0
    version = doc.version
    refused = client.post(
        url, _form(client, doc, action="add_node", **{"node-0-text": "x" * (SECTION_MAX_CHARS + 1)})
    )
    assert refused.status_code == 400 and "quá giới hạn 50.000 ký tự" in refused.content.decode()
    doc.refresh_from_db()
    assert doc.version == version and len(doc.body) == 2


# --- imports: the text's citation is matched the same way -------------------------------------------------
def test_an_import_citing_a_recorded_number_with_another_date_is_refused_whole(cast):
    recorded = _register(cast, dt.date(2023, 12, 29))
    drafts = Document.objects.filter(issuer=cast.btgtu).count()
    data = imported.ImportedDocument(
        doc_type="KH",
        subject="Kế hoạch thông tin đối ngoại",
        citations=[Citation(number_symbol="132-HD/BTGTW", issue_date=dt.date(2023, 12, 30), issuer=BTGTW)],
    )
    with pytest.raises(
        CitationConflict, match="^Văn bản được trích dẫn số 132-HD/BTGTW: .*ngày 29 tháng 12"
    ) as no:
        imported.imported_draft_create(actor=cast.lan, issuer=cast.btgtu, data=data)
    assert no.value.candidates == [recorded]
    assert Document.objects.filter(issuer=cast.btgtu).count() == drafts and _copies() == 1
    # The same number of another year is another document (numbers restart each year): recorded once.
    data.citations[0].issue_date = dt.date(2024, 12, 30)
    draft = imported.imported_draft_create(actor=cast.lan, issuer=cast.btgtu, data=data)
    assert _copies() == 2 and draft.relations_out.get().target.issue_date == dt.date(2024, 12, 30)


def test_the_issuer_may_be_written_shorter_than_recorded(cast):
    recorded = external.external_document_register(
        actor=cast.lan,
        number_symbol="57-KL/TW",
        issue_date=dt.date(2023, 6, 15),
        issuer_name="Bộ Chính trị khóa XIII",
    )
    assert (
        external.external_document_register(
            actor=cast.mai,
            number_symbol="57-KL/TW",
            issue_date=dt.date(2023, 6, 15),
            issuer_name="Bộ Chính trị",
        ).pk
        == recorded.pk
    )
    with pytest.raises(CitationConflict, match="sửa lại ngày"):
        external.external_document_register(
            actor=cast.mai,
            number_symbol="57-KL/TW",
            issue_date=dt.date(2023, 6, 16),
            issuer_name="bo chinh tri",
        )
    assert Document.objects.filter(number_symbol="57-KL/TW").count() == 1
