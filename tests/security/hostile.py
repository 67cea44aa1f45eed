"""A world where every text a person can type holds the hostile payloads of ``payloads.py``.

Built through the services (compose → submit → return → issue → revoke; receipt, derive; report submit →
return; đột xuất request → excuse; unit rename), so each text travels the same way it does in production.
Shared by test_xss.py (pages in Chromium and raw HTML) and test_pdf_hostile.py (the PDFs).

    btgtu  "Ban Tuyên giáo <payloads>"   issues ``issued`` (to ldld), ``revoked`` and keeps ``draft``
    ldld   "LĐLĐ tỉnh <payloads>"        received ``issued``, acknowledged it, derived ``plan`` (a draft);
                                          submitted the report ``obligation``, which hanh returned
    yenthe  its name is XSS_UNIT          owes ldld the đột xuất report ``adhoc`` (excused by hung)
    mai, hanh, tuan carry payloads in their full names
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from tests.security.payloads import XSS, XSS_ALL

#: The payloads that fit a 255-character name (all but the last, which repeats the first's script).
XSS_UNIT = " ".join(XSS[:7])
#: A person's name (150 characters at most).
XSS_PERSON = f"{XSS[0]} {XSS[1]} {XSS[2]}"
#: Every payload on its own line: a textarea's worth (section text, task text, report narrative).
XSS_LINES = "\n".join(XSS)


def build_hostile_world(cast, *, render: bool = False) -> SimpleNamespace:
    from directives.content import Signature
    from directives.models import Delivery, Document
    from directives.services.compose import (
        DraftContent,
        RecipientLine,
        RequirementLine,
        TaskLine,
        document_create_draft,
        document_save_draft,
    )
    from directives.services.derive import document_derive
    from directives.services.receipt import delivery_acknowledge, delivery_mark_read
    from directives.services.signing import document_issue, document_return, document_revoke, document_submit
    from portal.org.services import unit_rename
    from reporting.models import Obligation
    from reporting.services import report_return, report_submit
    from reporting.services.obligations import adhoc_request_create, obligation_excuse

    today = timezone.localdate()
    # Names: units through the org service (a rename keeps the former name), people through the ORM (the
    # portal has no service for a user's own name: the import and the admin write it).
    btgtu = unit_rename(
        actor=cast.admin,
        unit=cast.btgtu,
        name=f"Ban Tuyên giáo {XSS_UNIT}"[:255],
        short_name="BTGTU",
        on_date=today,
    )
    ldld = unit_rename(
        actor=cast.admin,
        unit=cast.ldld,
        name=f"LĐLĐ tỉnh {XSS[1]} {XSS[4]} {XSS[6]}",
        short_name="LĐLĐ",
        on_date=today,
    )
    yenthe = unit_rename(actor=cast.admin, unit=cast.yenthe, name=XSS_UNIT, short_name="LĐLĐ", on_date=today)
    for user, name in (
        (cast.mai, f"Trần Thị Mai {XSS_PERSON}"),
        (cast.hanh, f"Hạnh {XSS[2]} {XSS[4]}"),
        (cast.tuan, XSS_PERSON),
    ):
        user.first_name = name[:150]
        user.save(update_fields=["first_name"])
    btgtu.addressees.add(ldld)

    form = {
        "name": XSS_ALL,
        "sections": [
            {"key": "ket_qua", "title": f"Kết quả {XSS[0]}", "help": XSS_ALL},
            {"key": "de_xuat", "title": f"Đề xuất {XSS[1]}", "help": XSS[6]},
        ],
        "indicators": [{"key": "so_buoi", "label": f"Số buổi {XSS[2]}", "unit": XSS[4], "type": "integer"}],
    }

    def content(*, subject: str, requirement: bool = True) -> DraftContent:
        return DraftContent(
            doc_type="HD",
            subject=subject,
            opening=f"Căn cứ {XSS_LINES}",
            closing=XSS_ALL,
            bases=[XSS_ALL],
            body=[
                # Plain text: every payload must come out as text.
                {"heading": f"MỤC ĐÍCH {XSS_ALL}"[:300], "text": XSS_LINES, "footnotes": [XSS_ALL]},
                # Rich text: nh3 keeps the allowed tags; what survives of the payloads must be inert.
                {
                    "heading": "NỘI DUNG",
                    "text": "<p><b>Đậm</b> " + " ".join(XSS) + "</p><ul><li>" + XSS[1] + "</li></ul>",
                    "children": [{"heading": XSS[0], "text": XSS[7]}],
                },
                {"heading": "TỔ CHỨC THỰC HIỆN", "text": "", "tasks_here": True},
            ],
            tasks=[
                TaskLine(
                    title=f"Nhiệm vụ {XSS[0]}",
                    text=XSS_LINES,
                    unit_ids=[ldld.pk],
                    due_date=today + dt.timedelta(days=30),
                )
            ],
            requirements=[
                RequirementLine(
                    title=f"Báo cáo {XSS_ALL}"[:255],
                    frequency="once",
                    to_unit_id=btgtu.pk,
                    due_date=today + dt.timedelta(days=20),
                    as_written=XSS_ALL,
                    form_template=form,
                )
            ]
            if requirement
            else [],
            recipients=[
                RecipientLine(label=f"LĐLĐ tỉnh {XSS[0]}", unit_id=ldld.pk),
                RecipientLine(label=f"Lưu VT {XSS[2]}", purpose="luu", selection="none"),
            ],
            signature=Signature(title=f"PHÓ TRƯỞNG BAN {XSS[1]}", name=f"Nguyễn Văn Hạnh {XSS[0]}"),
        )

    lan, hanh, mai, hung = cast.lan, cast.hanh, cast.mai, cast.hung
    # 1. The guidance: composed, submitted, returned with a hostile comment, resubmitted, issued.
    issued = document_create_draft(actor=lan, issuer=btgtu, doc_type="HD", subject=XSS_ALL)
    document_save_draft(actor=lan, document=issued, content=content(subject=XSS_ALL))
    document_submit(actor=lan, document=issued)
    document_return(actor=hanh, document=issued, comment=XSS_ALL)
    document_submit(actor=lan, document=issued)
    issued = document_issue(actor=hanh, document=issued, render=render)
    # 2. A second one, issued then revoked with a hostile reason.
    revoked = document_create_draft(actor=lan, issuer=btgtu, doc_type="HD", subject=f"Thu hồi {XSS_ALL}")
    document_save_draft(
        actor=lan, document=revoked, content=content(subject=f"Thu hồi {XSS_ALL}", requirement=False)
    )
    document_issue(actor=hanh, document=revoked, render=False)
    revoked = document_revoke(actor=hanh, document=revoked, reason=XSS_ALL)
    # 3. A draft that stays a draft (its editor shows every field).
    draft = document_create_draft(actor=lan, issuer=btgtu, doc_type="HD", subject=XSS_ALL)
    document_save_draft(actor=lan, document=draft, content=content(subject=XSS_ALL))
    # LĐLĐ tỉnh receives, acknowledges and derives its plan (a draft pre-filled from the hostile texts).
    delivery = Delivery.objects.get(document=issued, unit=ldld)
    delivery_mark_read(actor=mai, delivery=delivery)
    delivery_acknowledge(actor=mai, delivery=delivery)
    plan = document_derive(actor=mai, delivery=delivery)
    # The report: narrative and indicator carry payloads; the receiver returns it with a hostile comment.
    obligation = Obligation.objects.get(requirement__document=issued, unit=ldld)
    report_submit(
        actor=hung,
        obligation=obligation,
        data={"sections": {"ket_qua": XSS_LINES, "de_xuat": XSS_ALL}, "indicators": {"so_buoi": "3"}},
    )
    report_return(actor=hanh, obligation=obligation, comment=XSS_ALL)
    # A đột xuất request down to Yên Thế, then excused with a hostile reason.
    adhoc = adhoc_request_create(
        actor=hung,
        from_unit=ldld,
        to_units=[yenthe],
        title=f"Đột xuất {XSS_ALL}"[:255],
        due_date=today + dt.timedelta(days=10),
        instructions=XSS_ALL,
    )
    adhoc_obligation = Obligation.objects.get(requirement=adhoc, unit=yenthe)
    obligation_excuse(actor=hung, obligation=adhoc_obligation, reason=XSS_ALL)
    return SimpleNamespace(
        issued=Document.objects.get(pk=issued.pk),
        revoked=Document.objects.get(pk=revoked.pk),
        draft=Document.objects.get(pk=draft.pk),
        plan=Document.objects.get(pk=plan.pk),
        obligation=Obligation.objects.get(pk=obligation.pk),
        adhoc=adhoc,
        adhoc_obligation=adhoc_obligation,
        requirement=obligation.requirement,
        btgtu=btgtu,
        ldld=ldld,
        yenthe=yenthe,
    )


def build_sweep_world(cast, media_root) -> dict:
    """One object for each kind of id a URL names (the hostile-input sweep fills every URL with them): a draft of
    btgtu, a document of ldld received by yenthe and tanyen, an obligation of cdcs with an attachment and a
    submitted report, a notification, an API token. Returns {URL kwarg: id}."""
    import time_machine
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import override_settings

    from directives.services import compose
    from portal.core.services import api_token_create
    from portal.notifications.models import Notification
    from reporting.models import Obligation
    from reporting.services import obligations_create_for_document, report_attachment_add, report_submit
    from tests.reporting.conftest import add_requirement, local, make_document

    draft = compose.document_create_draft(actor=cast.lan, issuer=cast.btgtu, doc_type="HD", subject="Dự thảo")
    received = make_document(issuer=cast.ldld, recipients=[cast.yenthe, cast.tanyen])
    with time_machine.travel(local(2024, 2, 10), tick=False):
        plan = make_document(issuer=cast.yenthe, recipients=[cast.cdcs])
        requirement = add_requirement(plan, frequency="semiannual", to_unit=cast.yenthe)
        obligations_create_for_document(document=plan, actor=cast.binh)
    obligation = Obligation.objects.get(unit=cast.cdcs, period_key="2024-S1")
    with time_machine.travel(local(2024, 6, 3), tick=False), override_settings(MEDIA_ROOT=str(media_root)):
        attachment = report_attachment_add(
            actor=cast.tuan, obligation=obligation, upload=SimpleUploadedFile("phu-luc.pdf", b"%PDF-1.4 ok")
        )
        report_submit(
            actor=cast.khanh,
            obligation=obligation,
            data={"sections": {"ket_qua_tuyen_truyen": "Ba buổi."}, "indicators": {}},
        )
    token, _ = api_token_create(user=cast.hung, name="Quét")
    notification = Notification.objects.filter(recipient=cast.binh).first()
    return {
        "document_id": received.pk,
        "draft_id": draft.pk,
        "unit_id": cast.yenthe.pk,
        "obligation_id": obligation.pk,
        "attachment_id": attachment.pk,
        "batch_id": 1,
        "notification_id": notification.pk if notification else 1,
        "person_id": cast.tuan.pk,
        "requirement_id": requirement.pk,
        "token_id": token.pk,
        "fmt": "xlsx",
    }
