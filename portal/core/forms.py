"""The account's own forms."""

from __future__ import annotations

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """/doi-mat-khau/: the old password is checked through the authentication backends, so django-axes
    counts a wrong one as a failed login (same locks as the login page) and refuses a locked account+address.
    A stolen session cannot be used to guess the password there without limit."""

    def __init__(self, user, *args, request=None, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        if authenticate(self.request, username=self.user.get_username(), password=old_password) is None:
            raise ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
        return old_password


class OtpTokenForm(forms.Form):
    """The 6-digit code from the authenticator app (spaces, as some apps show «123 456», are ignored)."""

    otp_token = forms.CharField(
        label="Mã xác thực",
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "autofocus": True,
                "pattern": "[0-9 ]*",
                "size": 8,
            }
        ),
        error_messages={"required": "Hãy nhập mã 6 số đang hiện trong ứng dụng xác thực."},
    )

    def clean_otp_token(self) -> str:
        token = "".join(self.cleaned_data["otp_token"].split())
        if not (token.isascii() and token.isdigit() and len(token) == 6):
            raise ValidationError("Mã xác thực gồm 6 chữ số, lấy từ ứng dụng xác thực trên điện thoại.")
        return token
