"""Dates in forms are dd/mm/yyyy whatever the browser's language (issue 13, blocker 9): a text input with a
dd/mm/yyyy pattern, parsed on the server day first — never the US month-first order a browser's date picker
follows in English. Son administers LĐLĐ tỉnh; Mai drafts there."""

import datetime as dt
import inspect
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.urls import reverse

from portal.lib.datefields import VnDateField, parse_vn_date
from portal.org.models import UnitNameRecord


@pytest.mark.parametrize("typed", ["06/02/2024", "6/2/2024", "06-02-2024", "06.02.2024", "2024-02-06"])
def test_it_reads_a_date_day_first(typed):
    assert parse_vn_date(typed) == dt.date(2024, 2, 6)


@pytest.mark.parametrize("typed", ["02/30/2024", "13/13/2024", "hôm qua", "2024/02/06"])
def test_it_refuses_what_is_no_date_in_vietnamese(typed):
    with pytest.raises(ValueError, match="ngày/tháng/năm"):
        parse_vn_date(typed)


def test_every_date_field_of_every_form_is_the_vietnamese_one():
    from directives import editor_forms, import_forms
    from directives import forms as directive_forms
    from portal.org import forms as org_forms
    from portal.org import people_forms
    from reporting import forms as reporting_forms

    found = []
    for module in (directive_forms, import_forms, editor_forms, org_forms, people_forms, reporting_forms):
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                for name, field in cls.base_fields.items():
                    if isinstance(field, forms.DateField):
                        found.append(f"{cls.__name__}.{name}")
                        assert isinstance(field, VnDateField), f"{cls.__name__}.{name}"
                        assert field.widget.input_type == "text"
    assert len(found) >= 7, found
    # …and no template asks the browser for its own date picker.
    roots = [Path(settings.BASE_DIR) / d for d in ("templates", "portal", "directives", "reporting")]
    pickers = [
        str(p) for root in roots for p in root.rglob("*.html") if 'type="date"' in p.read_text("utf-8")
    ]
    assert pickers == []


def test_a_rename_takes_its_date_as_typed_in_vietnam(cast, login):
    client = login(cast.son)
    url = reverse("org:unit_rename", args=[cast.yenthe.pk])
    page = client.get(url).content.decode()
    assert 'placeholder="ngày/tháng/năm"' in page and 'type="date"' not in page
    response = client.post(
        url, {"name": "LĐLĐ huyện Yên Thế (mới)", "short_name": "LĐLĐ", "on_date": "01/07/2025"}
    )
    assert response.status_code == 302
    assert UnitNameRecord.objects.get(unit=cast.yenthe).used_until == dt.date(
        2025, 7, 1
    )  # 1 July, not 7 January


def test_a_month_first_date_is_refused_in_vietnamese_and_nothing_is_written(cast, login):
    response = login(cast.son).post(
        reverse("org:unit_rename", args=[cast.yenthe.pk]),
        {"name": "Tên khác", "short_name": "LĐLĐ", "on_date": "07/13/2025"},
    )
    assert response.status_code == 200
    assert "Ngày «07/13/2025» không hợp lệ: hãy nhập theo dạng ngày/tháng/năm" in response.content.decode()
    assert not UnitNameRecord.objects.filter(unit=cast.yenthe).exists()


def test_the_rename_date_is_refused_to_a_member_who_does_not_administer(cast, login):
    response = login(cast.mai).post(
        reverse("org:unit_rename", args=[cast.yenthe.pk]),
        {"name": "Tên khác", "short_name": "LĐLĐ", "on_date": "01/07/2025"},
    )
    assert response.status_code == 404 and not UnitNameRecord.objects.exists()


def test_the_editor_reads_a_task_deadline_day_first():
    from directives.editor import _date

    errors = []
    assert _date("31/12/2024", errors, "Nhiệm vụ 1") == dt.date(2024, 12, 31) and errors == []
    assert _date("12/31/2024", errors, "Nhiệm vụ 1") is None
    assert "Nhiệm vụ 1: Ngày «12/31/2024» không hợp lệ" in str(errors[0])
