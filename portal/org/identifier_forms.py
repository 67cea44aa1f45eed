"""The form of «Mã định danh điện tử» on a unit's administration (issue 18 item 1)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.lib.datefields import VnDateField


class UnitIdentifierForm(forms.Form):
    # The service checks the form against settings.ORGAN_ID_PATTERN and the other units' codes, so a refusal
    # is worded once (portal.org.services.identifiers) and shown beside the field it names.
    code = forms.CharField(
        label=_("Mã định danh mới"),
        max_length=64,
        required=False,
        help_text=_("Mã do cơ quan có thẩm quyền cấp, ví dụ: 000.00.12.H10."),
    )
    valid_from = VnDateField(label=_("Có hiệu lực từ ngày"))
    note = forms.CharField(
        label=_("Ghi chú"),
        max_length=255,
        required=False,
        help_text=_("Ví dụ: theo Quyết định số …, hoặc: mã mới sau khi sáp nhập."),
    )


class UnitExchangeHubForm(forms.Form):
    exchange_hub = forms.BooleanField(
        label=_("Đơn vị nhận văn bản qua trục liên thông quốc gia"),
        required=False,
        help_text=_(
            "Chọn khi đơn vị không dùng hệ thống này (ví dụ một sở, ngành dùng phần mềm khác): văn bản ban hành "
            "gửi đơn vị được chuyển thành gói tin edXML theo mã định danh của đơn vị."
        ),
    )
