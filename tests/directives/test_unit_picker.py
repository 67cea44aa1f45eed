"""Units in the editor are chosen by name (issue 13, blocker 4): the editor's unit endpoint
(directives:unit_lookup) answers within the issuer's reach only, to those who draft the document; a name
typed and not chosen is looked up on saving; a name that matches nothing is refused with the reason and
stays in its box, with everything else entered; "Loại đơn vị" takes only a kind of the list.

Cast: Mai drafts for LĐLĐ tỉnh (ldld); Lan drafts for Ban Tuyên giáo, which addresses ldld across lines;
Hùng signs at ldld; Tuấn reports at a grassroots union; Charlie is the outsider in Lai Châu.
"""

import pytest
from django.urls import reverse

from directives.models import Document, Recipient, Task
from directives.services import compose


@pytest.fixture
def draft(cast):
    return compose.document_create_draft(
        actor=cast.mai, issuer=cast.ldld, doc_type="KH", subject="Kế hoạch thông tin đối ngoại năm 2024"
    )


def _form(draft, **fields):
    data = {"doc_type": "KH", "subject": draft.subject, "version": draft.version, "action": "save"}
    data.update(fields)
    return data


def test_the_unit_endpoint_finds_names_without_diacritics_within_the_reach(cast, login, draft):
    url = reverse("directives:unit_lookup", args=[draft.pk])
    mai = login(cast.mai)
    answer = mai.get(url, {"q": "lien doan lao dong huyen"}).json()
    assert [r["name"] for r in answer["results"]] == [
        "Liên đoàn Lao động huyện Yên Thế",
        "Liên đoàn Lao động huyện Tân Yên",
    ]
    assert (
        answer["results"][0]["detail"] == "LĐLĐ huyện, xã, phường · thuộc Liên đoàn Lao động tỉnh Bắc Giang"
    )
    assert answer["results"][0]["has_children"] is True
    # Lai Châu is in no reach of LĐLĐ tỉnh: never offered, however it is typed
    assert mai.get(url, {"q": "ban lang"}).json()["results"] == []
    assert mai.get(url, {"q": "lc-dangu"}).json()["results"] == []
    # the tree, level by level
    assert [r["name"] for r in mai.get(url, {"cha": cast.yenthe.pk}).json()["results"]] == [
        "Công đoàn Trường THCS Bố Hạ"
    ]
    assert mai.get(url, {"cha": cast.laichau.pk}).json()["results"] == []


def test_across_lines_the_reach_includes_the_addressed_units(cast, login):
    cast.btgtu.addressees.add(cast.ldld)
    draft = compose.document_create_draft(
        actor=cast.lan, issuer=cast.btgtu, doc_type="HD", subject="Hướng dẫn"
    )
    names = [
        r["name"]
        for r in login(cast.lan)
        .get(reverse("directives:unit_lookup", args=[draft.pk]), {"q": "yen the"})
        .json()["results"]
    ]
    assert names == ["Liên đoàn Lao động huyện Yên Thế"]


@pytest.mark.parametrize("who", ["son", "tuan", "charlie", "lan"])
def test_the_unit_endpoint_is_refused_to_whoever_does_not_draft_the_document(cast, login, draft, who):
    # Sơn administers ldld but drafts nothing; Tuấn reports below; Lan drafts elsewhere; Charlie is an outsider.
    response = login(getattr(cast, who)).get(
        reverse("directives:unit_lookup", args=[draft.pk]), {"q": "lien doan"}
    )
    assert response.status_code == 404


def test_a_task_unit_typed_by_name_is_saved(cast, login, draft):
    response = login(cast.mai).post(
        reverse("directives:edit", args=[draft.pk]),
        _form(
            draft,
            **{
                "task-0-title": "LĐLĐ huyện Yên Thế",
                "task-0-text": "Tuyên truyền.",
                "task-0-units_q": "ldld huyen yen the",
            },
        ),
    )
    assert response.status_code == 200
    task = Task.objects.get(document=draft)
    assert list(task.units.all()) == [cast.yenthe]
    page = response.content.decode()
    assert f'name="task-0-units" value="{cast.yenthe.pk}" checked' in page  # now a chosen unit


def test_chosen_and_typed_units_of_a_task_add_up(cast, login, draft):
    login(cast.mai).post(
        reverse("directives:edit", args=[draft.pk]),
        _form(
            draft,
            **{
                "task-0-title": "Các huyện",
                "task-0-text": "Tuyên truyền.",
                "task-0-units": [str(cast.yenthe.pk)],
                "task-0-units_q": "Tân Yên",
            },
        ),
    )
    assert set(Task.objects.get(document=draft).units.all()) == {cast.yenthe, cast.tanyen}


def test_an_unknown_name_is_refused_and_nothing_entered_is_lost(cast, login, draft):
    response = login(cast.mai).post(
        reverse("directives:edit", args=[draft.pk]),
        _form(
            draft,
            **{
                "subject": "Kế hoạch đã sửa",
                "task-0-title": "LĐLĐ huyện Hiệp Hòa",
                "task-0-text": "Tuyên truyền trong đoàn viên.",
                "task-0-units": [str(cast.yenthe.pk)],
                "task-0-units_q": "Hiệp Hòa",
            },
        ),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nhiệm vụ 1: Không tìm thấy đơn vị «Hiệp Hòa»" in page
    assert 'value="Hiệp Hòa"' in page  # the typed name stays in its box
    assert f'name="task-0-units" value="{cast.yenthe.pk}" checked' in page  # the unit chosen before stays
    assert "Tuyên truyền trong đoàn viên." in page and 'value="Kế hoạch đã sửa"' in page
    draft.refresh_from_db()
    assert draft.subject == "Kế hoạch thông tin đối ngoại năm 2024" and not draft.tasks.exists()


def test_adding_a_task_keeps_an_unknown_name_with_its_reason(cast, login, draft):
    # "+ Thêm nhiệm vụ" used to clear a typed name silently and leave the task with no unit.
    response = login(cast.mai).post(
        reverse("directives:edit", args=[draft.pk]),
        _form(
            draft,
            action="add_task",
            **{"task-0-title": "LĐLĐ huyện", "task-0-text": "Tuyên truyền.", "task-0-units_q": "Hiệp Hòa"},
        ),
    )
    page = response.content.decode()
    assert "Không tìm thấy đơn vị «Hiệp Hòa»" in page and 'value="Hiệp Hòa"' in page
    assert 'name="task-1-units_q"' in page  # the new task is there too


def test_a_unit_outside_the_reach_is_refused_even_by_id(cast, login, draft):
    response = login(cast.mai).post(
        reverse("directives:edit", args=[draft.pk]),
        _form(
            draft, **{"task-0-title": "Đảng ủy", "task-0-text": "x", "task-0-units": [str(cast.laichau.pk)]}
        ),
    )
    assert response.status_code == 400
    assert "Nhiệm vụ 1: đơn vị đã chọn không thuộc phạm vi gửi văn bản" in response.content.decode()
    assert not Task.objects.filter(document=draft).exists()


def test_a_recipient_is_chosen_by_name_and_the_kind_from_its_vietnamese_name(cast, login, draft):
    page = login(cast.mai).post(reverse("directives:edit", args=[draft.pk]), _form(draft, action="add_rcp"))
    html = page.content.decode()
    assert '<option value="union_grassroots">Công đoàn cơ sở</option>' in html
    assert 'placeholder="union_district"' not in html and "(mã" not in html
    draft.refresh_from_db()
    response = login(cast.mai).post(
        reverse("directives:edit", args=[draft.pk]),
        _form(
            draft,
            **{
                "rcp-0-label": "Các công đoàn cơ sở",
                "rcp-0-unit_q": "lien doan lao dong tinh bac giang",
                "rcp-0-selection": "kind_below",
                "rcp-0-kind": "union_grassroots",
                "rcp-0-purpose": "thuc_hien",
            },
        ),
    )
    assert response.status_code == 200
    recipient = Recipient.objects.get(document=draft)
    assert (recipient.unit, recipient.selection, recipient.kind) == (
        cast.ldld,
        "kind_below",
        "union_grassroots",
    )


@pytest.mark.parametrize(
    "kind, message",
    [
        ("union_districtt", "Nơi nhận dòng 1: không có loại đơn vị «union_districtt»"),
        ("", "Nơi nhận dòng 1: phạm vi «Mọi đơn vị một loại bên dưới» cần chọn loại đơn vị."),
    ],
)
def test_an_invalid_unit_kind_is_refused_in_vietnamese(cast, login, draft, kind, message):
    response = login(cast.mai).post(
        reverse("directives:edit", args=[draft.pk]),
        _form(
            draft,
            **{
                "rcp-0-label": "Các huyện",
                "rcp-0-unit": str(cast.ldld.pk),
                "rcp-0-selection": "kind_below",
                "rcp-0-kind": kind,
                "rcp-0-purpose": "thuc_hien",
            },
        ),
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not Recipient.objects.filter(document=draft).exists()


def test_autosave_refuses_an_unknown_name_with_the_reason(cast, login, draft):
    response = login(cast.mai).post(
        reverse("directives:autosave", args=[draft.pk]),
        _form(draft, **{"task-0-title": "x", "task-0-text": "y", "task-0-units_q": "Hiệp Hòa"}),
    )
    assert response.status_code == 200 and "data-autosave-refused" in response.content.decode()
    assert "Không tìm thấy đơn vị «Hiệp Hòa»" in response.content.decode()
    assert Document.objects.get(pk=draft.pk).version == draft.version


def test_autosave_of_a_recipient_line_still_without_its_unit_saves_nothing_and_says_why(cast, login, draft):
    # The person has written the line's label and is about to pick its unit: the draft in progress, answered
    # in the status line (200, not an HTTP error the browser would log), nothing saved.
    response = login(cast.mai).post(
        reverse("directives:autosave", args=[draft.pk]),
        _form(draft, **{"subject": "Kế hoạch đang sửa", "rcp-0-label": "Liên đoàn Lao động huyện Tân Yên"}),
    )
    page = response.content.decode()
    assert response.status_code == 200 and "data-autosave-refused" in page
    assert "Nơi nhận dòng 1 («Liên đoàn Lao động huyện Tân Yên»): chọn đơn vị nhận" in page
    assert 'data-field="rcp-0-unit_q"' in page and "Đã tự động lưu" not in page
    draft.refresh_from_db()
    assert draft.subject == "Kế hoạch thông tin đối ngoại năm 2024"
    assert not Recipient.objects.filter(document=draft).exists()


def test_an_older_form_naming_units_by_code_still_saves(cast, login, draft):
    login(cast.mai).post(
        reverse("directives:edit", args=[draft.pk]),
        _form(
            draft,
            **{
                "rcp-0-label": "LĐLĐ huyện Yên Thế",
                "rcp-0-unit": "bg-ldld-yenthe",
                "rcp-0-purpose": "thuc_hien",
                "rcp-0-selection": "unit",
            },
        ),
    )
    assert Recipient.objects.get(document=draft).unit == cast.yenthe


def test_the_editor_costs_the_same_queries_for_one_and_five_tasks(cast, login, draft):
    client = login(cast.mai)
    url = reverse("directives:edit", args=[draft.pk])

    def save(n):
        fields = {}
        for i in range(n):
            fields.update(
                {
                    f"task-{i}-title": f"Nhiệm vụ {i}",
                    f"task-{i}-text": "x",
                    f"task-{i}-units": [str(cast.yenthe.pk), str(cast.tanyen.pk)],
                }
            )
        client.post(url, _form(Document.objects.get(pk=draft.pk), **fields))

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    save(1)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    save(5)
    with CaptureQueriesContext(connection) as five:
        client.get(url)
    assert len(five.captured_queries) == len(one.captured_queries)


@pytest.mark.parametrize("kind", ["union_districtt", ""])
def test_the_service_refuses_an_invalid_kind_from_any_door(cast, draft, kind):
    # The API and derived drafts reach the service without the editor's form: the same refusal, nothing saved.
    from directives.errors import DocumentError
    from directives.services.compose import RecipientLine, content_of

    content = content_of(draft)
    content.recipients = [
        RecipientLine(label="Các huyện", selection="kind_below", unit_id=cast.ldld.pk, kind=kind)
    ]
    with pytest.raises(DocumentError, match="Nơi nhận dòng 1: .*loại đơn vị") as refused:
        compose.document_save_draft(
            actor=cast.mai, document=draft, content=content, expected_version=draft.version
        )
    assert refused.value.field == "recipients.0.kind"
    assert not Recipient.objects.filter(document=draft).exists()


def test_a_unit_named_with_markup_never_comes_back_as_markup(cast, login, draft):
    from portal.org.services import UnitData, unit_create

    unit_create(
        actor=None,
        parent=cast.yenthe,
        data=UnitData(
            code="cd-xss",
            name='<script>window.__xss=1</script> "><svg onload="x">',
            short_name="CĐCS",
            kind="union_grassroots",
            regime="union",
        ),
    )
    response = login(cast.mai).get(reverse("directives:unit_lookup", args=[draft.pk]), {"q": "__xss"})
    assert "<script" not in response.content.decode() and "<svg" not in response.content.decode()
    assert response.json()["results"][0]["name"].startswith("<script>window.__xss=1</script>")  # as text
