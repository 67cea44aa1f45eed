"""Sign → number → seal (Nghị định 30/2020 Art. 13.7, 14.3, 15.3, 17.2, 32; issue 15, item 4), on real SoftHSM2
tokens of the demo PKI (tests/signing/conftest.py), with the refused cases.

The cast (tests/conftest.py, plus the signing people of this module):
  hanh    signer (leader) of Ban Tuyên giáo Tỉnh ủy (BTGTU), holds a person's certificate on a token
  van     clerk (văn thư) of BTGTU, holds the body's token
  thu     clerk of LĐLĐ tỉnh — another body: may not seal BTGTU's documents
  khoa    a second signer of BTGTU, without any certificate
  lan     drafter of BTGTU: may not sign
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from directives.models import Document, Status
from directives.services import signing
from portal.org.services import membership_grant
from tests.conftest import PASSWORD
from tests.directives.test_issue import guidance


def _person(cast, username: str, full_name: str, unit, role: str):
    user = get_user_model().objects.create_user(
        username, f"{username}@thongsuot.test", PASSWORD, first_name=full_name
    )
    membership_grant(actor=None, user=user, unit=unit, role=role)
    cast.users[username] = user
    return user


def _awaiting_seal(cast, n: int = 1) -> list[Document]:
    """Documents of BTGTU signed and numbered (as document_sign leaves them), without a token: for the desk."""
    docs, first = [], Document.objects.filter(status=Status.SEALING).count() + 1
    for i in range(first, first + n):
        doc = signing.document_submit(actor=cast.lan, document=guidance(cast, subject=f"Hướng dẫn số {i}"))
        Document.objects.filter(pk=doc.pk).update(
            status=Status.SEALING,
            number=i,
            number_symbol=f"{i}-HD/BTGTU",
            signed_at=timezone.now(),
            signed_by=cast.hanh,
            issue_date=timezone.localdate(),
        )
        docs.append(doc)
    return docs


# --- the clerk's desk ---------------------------------------------------------------------------------------


def test_the_clerk_sees_the_signed_documents_at_the_desk_in_constant_queries(
    cast, login, django_assert_max_num_queries
):
    van = _person(cast, "van", "Trần Thị Vân", cast.btgtu, "clerk")
    _awaiting_seal(cast, 1)
    client = login(van)
    client.get(reverse("directives:sealing_desk"))  # warm the session
    with django_assert_max_num_queries(12) as one:
        html = client.get(reverse("directives:sealing_desk")).content.decode()
    assert "Văn bản chờ đóng dấu" in html and "1-HD/BTGTU" in html and "Nguyễn Văn Hạnh" in html
    assert 'data-testid="sealing-count">1<' in html  # the menu's count
    _awaiting_seal(cast, 5)
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = client.get(reverse("directives:sealing_desk")).content.decode()
    assert 'data-testid="sealing-count">6<' in html and "5-HD/BTGTU" in html


def test_another_bodys_clerk_sees_none_of_it_and_others_have_no_desk(cast, login):
    _awaiting_seal(cast, 2)
    html = login(cast.thu).get(reverse("directives:sealing_desk")).content.decode()
    assert "Không có văn bản nào chờ đóng dấu." in html and "HD/BTGTU" not in html
    assert 'data-testid="sealing-count"' not in html  # the link is there, with no count
    for user in (cast.hanh, cast.lan, cast.charlie):
        response = login(user).get(reverse("directives:sealing_desk"))
        assert response.status_code == 403
    assert (
        "Chờ đóng dấu"
        not in login(cast.hanh).get(reverse("directives:outgoing")).content.decode().split("<main")[0]
    )


def test_the_outgoing_list_says_chờ_đóng_dấu(cast, login):
    _awaiting_seal(cast, 1)
    html = login(cast.lan).get(reverse("directives:outgoing")).content.decode()
    assert '<span class="status status-sealing">Chờ đóng dấu</span>' in html
