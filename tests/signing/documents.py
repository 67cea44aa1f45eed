"""Documents of each format regime as a person signs them (issue 15): shared by the slot tests
(tests/directives/test_signature_slots.py) and the golden geometry (tests/signing/test_geometry.py).

Cast (tests/conftest.py, plus Vy): Lan drafts for the Ban Tuyên giáo Tỉnh ủy (party), Mai for the LĐLĐ tỉnh
(union: a plan, and a letter with its "V/v" under the number), Vy for the Sở Thông tin và Truyền thông (state,
created here: the shared cast has no state body). Each draft is sent to one unit within its issuer's reach.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from directives.content import Signature
from directives.models import Purpose, Selection
from directives.services import compose
from directives.services.compose import DraftContent, RecipientLine
from portal.org.services import UnitData, membership_grant, unit_create


def state_office(cast):
    """Sở Thông tin và Truyền thông tỉnh Bắc Giang (state) and Vy, its drafter."""
    office = unit_create(
        actor=None,
        parent=None,
        data=UnitData(
            code="bg-stttt",
            name="Sở Thông tin và Truyền thông tỉnh Bắc Giang",
            short_name="STTTT",
            kind="state_agency",
            regime="state",
            parent_line="UBND TỈNH BẮC GIANG",
            place_name="Bắc Giang",
        ),
    )
    vy = get_user_model().objects.create_user("vy", "vy@thongsuot.test", "Mat-khau-thu-2024")
    membership_grant(actor=None, user=vy, unit=office, role="drafter")
    return office, vy


# regime → (issuer, drafter, doc type, signature) as the cast holds them.
CASES = {
    "party": (
        "btgtu",
        "lan",
        "HD",
        Signature(
            authority="KT", authority_body="TRƯỞNG BAN", title="PHÓ TRƯỞNG BAN", name="Nguyễn Văn Hạnh"
        ),
    ),
    "union": (
        "ldld",
        "mai",
        "KH",
        Signature(
            authority="TM", authority_body="BAN THƯỜNG VỤ", title="PHÓ CHỦ TỊCH", name="Nguyễn Mạnh Hùng"
        ),
    ),
    "union-letter": (
        "ldld",
        "mai",
        "CV",
        Signature(authority="TM", authority_body="BAN THƯỜNG VỤ", title="CHỦ TỊCH", name="Nguyễn Mạnh Hùng"),
    ),
    "state": (
        None,
        None,
        "KH",
        # A title on two lines: the gap starts under the last one.
        Signature(
            authority="KT", authority_body="GIÁM ĐỐC", title="PHÓ GIÁM ĐỐC\nTHƯỜNG TRỰC", name="Lê Văn Vy"
        ),
    ),
}


def draft(cast, case: str):
    issuer_name, drafter_name, doc_type, signature = CASES[case]
    if issuer_name is None:
        issuer, drafter = state_office(cast)
    else:
        issuer, drafter = getattr(cast, issuer_name), getattr(cast, drafter_name)
    doc = compose.document_create_draft(actor=drafter, issuer=issuer, doc_type=doc_type)
    # One unit the document is sent to, within the issuer's reach (the party board addresses the LĐLĐ tỉnh).
    reached = []
    if issuer_name is not None:
        unit = cast.ldld if issuer == cast.btgtu else cast.yenthe
        issuer.addressees.add(unit)
        reached = [
            RecipientLine(
                label=unit.name, purpose=Purpose.THUC_HIEN, selection=Selection.UNIT, unit_id=unit.pk
            )
        ]
    content = DraftContent(
        doc_type=doc_type,
        subject="Triển khai công tác thông tin đối ngoại năm 2024",
        department="TG&NC" if doc_type == "CV" else "",
        opening="Để nâng cao hiệu quả công tác thông tin đối ngoại, cơ quan hướng dẫn như sau.",
        body=[{"heading": "MỤC ĐÍCH, YÊU CẦU", "text": "Nâng cao nhận thức."}],
        signature=signature,
        recipients=[
            RecipientLine(label="Ban Thường vụ Tỉnh ủy", purpose=Purpose.BAO_CAO, selection=Selection.NONE),
            *reached,
            RecipientLine(label="Lưu VT", purpose=Purpose.LUU, selection=Selection.NONE),
        ],
    )
    return compose.document_save_draft(actor=drafter, document=doc, content=content)
