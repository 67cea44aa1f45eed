"""A unit's administrator sets how the unit heads its documents (issue 17, item 1): the parent line and the issuer's
lines as printed; the draft PDFs use them at once, issued documents keep theirs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from portal.audit.models import Event
from portal.org.services import UnitError, unit_set_letterhead


def test_the_unit_admin_sets_the_letterhead_and_a_draft_prints_it(cast, login):
    from directives.rendering import letterhead_lines
    from directives.services import compose

    url = reverse("org:unit_letterhead", args=[cast.ldld.pk])
    page = login(cast.son).get(url)
    assert page.status_code == 200 and "Tên cơ quan ban hành như in trên văn bản" in page.content.decode()
    response = login(cast.son).post(
        url,
        {"parent_line": "Tổng LĐLĐ Việt Nam", "header_lines": "Liên đoàn Lao động\r\n\r\ntỉnh Bắc Giang "},
    )
    assert response.status_code == 302
    cast.ldld.refresh_from_db()
    assert (cast.ldld.parent_line, cast.ldld.header_lines) == (
        "TỔNG LĐLĐ VIỆT NAM",
        "LIÊN ĐOÀN LAO ĐỘNG\nTỈNH BẮC GIANG",
    )
    assert Event.objects.filter(action="unit.letterhead_changed", actor=cast.son).count() == 1
    draft = compose.document_create_draft(actor=cast.mai, issuer=cast.ldld, doc_type="KH")
    assert letterhead_lines(draft.issuer) == ("LIÊN ĐOÀN LAO ĐỘNG", "TỈNH BẮC GIANG")


@pytest.mark.parametrize("who", ["mai", "hung", "thu", "charlie", "binh"])
def test_only_an_administrator_of_the_unit_or_above_sets_it(cast, login, who):
    url = reverse("org:unit_letterhead", args=[cast.ldld.pk])
    response = login(cast.users[who]).post(url, {"parent_line": "X", "header_lines": "Y"})
    assert response.status_code == 404
    cast.ldld.refresh_from_db()
    assert (
        cast.ldld.header_lines == "" and not Event.objects.filter(action="unit.letterhead_changed").exists()
    )


def test_too_many_lines_or_a_bidi_control_are_refused_beside_the_field_and_nothing_is_saved(cast, login):
    url = reverse("org:unit_letterhead", args=[cast.ldld.pk])
    response = login(cast.son).post(url, {"parent_line": "", "header_lines": "A\nB\nC\nD\nE"})
    assert response.status_code == 200 and "tối đa 4 dòng" in response.content.decode()
    with pytest.raises(UnitError):
        unit_set_letterhead(actor=cast.son, unit=cast.ldld, parent_line="", header_lines="LĐLĐ\u202eTỈNH")
    cast.ldld.refresh_from_db()
    assert cast.ldld.header_lines == ""
