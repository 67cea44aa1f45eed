"""Forms of the people pages (portal/org/people_views.py) and of «Quên mật khẩu?»."""

import logging

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from portal.org.forms import PersonPickerField
from portal.org.models import Department, Role
from portal.org.services.people import password_link_send

log = logging.getLogger(__name__)


class PersonAddForm(forms.Form):
    person = PersonPickerField(
        label=_("Người đã có tài khoản"),
        required=False,
        help_text=_("Để trống khi thêm người mới (điền các ô dưới)."),
    )
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        required=False,
        help_text=_("Chữ không dấu, số và . _ -; ví dụ: yenthe.chuyenvien"),
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("Thư điện tử"), required=False, help_text=_("Liên kết đặt mật khẩu được gửi tới địa chỉ này.")
    )
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    title = forms.CharField(label=_("Chức vụ"), max_length=120, required=False)
    department = forms.ModelChoiceField(
        label=_("Ban, phòng"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("— Lãnh đạo đơn vị / chưa xếp —"),
    )
    send_link = forms.BooleanField(label=_("Gửi ngay thư mời đặt mật khẩu"), required=False, initial=True)

    def __init__(self, *args, people, url: str, unit=None, **kwargs):
        """``people``: those the administrator may pick (selectors.addable_people); ``url``: their endpoint;
        ``unit``: the unit whose departments are offered (none: the field is left out)."""
        super().__init__(*args, **kwargs)
        self.fields["person"].configure(queryset=people, url=url)
        departments = Department.objects.filter(unit=unit, active=True) if unit is not None else None
        if departments is not None and departments.exists():
            self.fields["department"].queryset = departments
        else:
            del self.fields["department"]

    def clean(self):
        data = super().clean()
        person = data.get("person")
        if person is not None:
            data["username"] = person.get_username()
            data["full_name"] = person.get_full_name() or person.get_username()
        elif "person" in data:
            for name, message in (
                ("username", _("Hãy nhập tên đăng nhập, hoặc chọn một người đã có tài khoản.")),
                ("full_name", _("Hãy nhập họ và tên.")),
            ):
                if not data.get(name):
                    self.add_error(name, message)
        return data


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    roles = forms.MultipleChoiceField(
        label=_("Vai trò trong đơn vị"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Bỏ hết vai trò là đưa người này ra khỏi đơn vị."),
    )
    title = forms.CharField(label=_("Chức vụ"), max_length=120, required=False)


class PasswordLinkRequestForm(PasswordResetForm):
    """«Quên mật khẩu?»: the same e-mail and link an administrator sends (portal.org.services.people.password_link_send).

    Unlike Django's form it also answers people who have no password yet (added or imported without one), so
    they can ask for their first-login link themselves; the page never says whether the address is known."""

    email = forms.EmailField(
        label=_("Thư điện tử của tài khoản"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email):
        return get_user_model().objects.filter(email__iexact=email.strip(), is_active=True)

    def save(self, *, request, **kwargs):
        for person in self.get_users(self.cleaned_data["email"]):
            try:
                password_link_send(actor=None, person=person, base_url=request.build_absolute_uri("/"))
            except OSError:  # an unreachable mail server must not tell the asker whether the address exists
                log.exception("password link to user %s not sent", person.pk)
