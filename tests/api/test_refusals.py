"""One refusal hierarchy (portal.lib.errors.Refused): every service refusal in the portal is a subclass, its
class names the HTTP status, and the API answers it with the same problem body
{"code", "message", "fields": {field: [message]}} whatever app raised it.

STATUSES is the contract the API's clients rely on, written out by hand: a refusal added anywhere without
an entry here fails the walk, and a status changed by accident fails the comparison.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from django import forms
from rest_framework.renderers import JSONRenderer

from directives.importing.errors import REFUSAL_CODES
from portal.api.errors import api_exception_handler
from portal.lib.errors import AttachmentRefused, NotAllowed, Refused, show_on_form
from portal.signing.errors import MESSAGES as SIGNING_MESSAGES
from portal.signing.errors import PIN_CODES

ROOT = Path(__file__).resolve().parents[2]

STATUSES = {
    # portal.lib.errors: the shared ones
    "refused": 400,
    "not_allowed": 403,
    "conflict": 409,
    "attachment_refused": 400,
    # directives
    "document_refused": 400,
    "document_not_editable": 409,
    "document_incomplete": 400,
    "recipient_out_of_reach": 400,
    "stale_draft": 409,
    "draft_too_long": 400,
    "citation_conflict": 400,
    "docx_refused": 400,  # directives.docx: an uploaded Word file that is not a sound .docx (helper B)
    "batch_refused": 400,
    # reporting
    "reporting_refused": 400,
    "obligation_excused": 409,
    "report_not_editable": 409,
    "report_already_accepted": 409,
    "report_stale": 409,
    "report_invalid": 400,
    "request_invalid": 400,
    "rollup_unavailable": 400,
    "draft_changed": 400,
    # reporting: sending a report is its unit's signer's act (issue 17, helper A)
    "report_not_signer": 403,
    # the receiving clerk's return of a delivery (directives)
    "delivery_refused": 400,
    "delivery_returned": 409,
    # the receiving clerk's confirmation of a recall (directives, issue 16)
    "recall_already_confirmed": 409,
    # the incoming register and tasks (directives.handling, issue 16): the family's shared ones
    "handling_refused": 400,
    "handling_incomplete": 400,
    "handling_already_done": 409,
    # the leader's instruction: an assignee outside the entry's unit
    "handling_outside_unit": 403,
    # the portal floor's own
    "otp_refused": 400,
    "otp_wrong_code": 400,
    "otp_throttled": 429,
    "signing_refused": 400,
    "credential_refused": 400,
    "unit_refused": 400,
    "person_refused": 400,
    # a unit's departments (portal.org.services.departments, issue 16)
    "department_refused": 400,
    "department_not_allowed": 403,
    # portal.org.services.identifiers (issue 18): a unit's identifier code
    "identifier_refused": 400,
    "identifier_not_allowed": 403,
    "token_refused": 400,
    "unsafe_archive": 400,
    # the document import: the class's default, then the causes named at the raise
    "import_refused": 400,
    # edXML packets (directives.exchange, issue 18, helper D): read but not taken 422, too large 413, twice 409
    "exchange_refused": 422,
    "packet_malformed": 422,
    "packet_too_large": 413,
    "packet_schema_invalid": 422,
    "packet_signature_invalid": 422,
    "packet_recipient_unknown": 422,
    "packet_unsupported": 422,
    "packet_duplicate": 409,
}
INSTANCE_CODES = {
    "ImportRefused": REFUSAL_CODES,
    "UnsafeArchive": {"corrupt_file", "too_large"},
    # A signature refused names its cause (the PIN's causes also name the field "pin": checked in tests/signing).
    "SigningRefused": set(SIGNING_MESSAGES) - PIN_CODES,
}
#: Refusals whose message is fixed where they are defined (their constructor takes no message): the API's answer
#: is checked on an instance made through the base class's constructor.
FIXED_MESSAGE = {"SecondFactorWrongCode", "SecondFactorThrottled"}


def _every_refusal() -> list[type[Refused]]:
    """Every subclass of Refused in the project: each module of the three packages is imported first, so a
    refusal defined anywhere (a service module, a view module) is found, not only those of *errors.py."""
    for package in ("portal", "directives", "reporting"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            importlib.import_module(module)
    found: list[type[Refused]] = []
    todo = [Refused]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


REFUSALS = _every_refusal()


MESSAGE = "Không được: lý do bằng tiếng Việt."


def _instance(cls: type[Refused], field: str | None = None) -> Refused:
    if cls.__name__ in INSTANCE_CODES:  # (code, message): the cause is named where it is raised, no field
        refusal = cls(sorted(INSTANCE_CODES[cls.__name__])[0], MESSAGE)  # type: ignore[call-arg]
        refusal.errors = {field: MESSAGE} if field else {}
        return refusal
    if cls.__name__ in FIXED_MESSAGE:
        refusal = cls.__new__(cls)
        Refused.__init__(refusal, MESSAGE, field=field)
        return refusal
    return cls(MESSAGE, field=field)


def test_every_refusal_has_one_code_of_its_own_and_a_declared_status():
    codes = {}
    for cls in REFUSALS:
        assert cls.code in STATUSES, (
            f"{cls.__module__}.{cls.__qualname__}: code {cls.code!r} missing from STATUSES"
        )
        assert cls.code not in codes, f"{cls.__qualname__} reuses the code of {codes[cls.code].__qualname__}"
        codes[cls.code] = cls
    assert set(codes) == set(STATUSES), "STATUSES names a code no refusal has any more"


def test_one_definition_of_the_refusals_both_apps_raise():
    from directives import errors as directive_errors
    from reporting import errors as reporting_errors

    assert directive_errors.NotAllowed is reporting_errors.NotAllowed is NotAllowed
    assert directive_errors.AttachmentRefused is reporting_errors.AttachmentRefused is AttachmentRefused
    assert [cls for cls in REFUSALS if cls.__name__ in ("NotAllowed", "AttachmentRefused")] == [
        AttachmentRefused,
        NotAllowed,
    ]


@pytest.mark.parametrize("cls", REFUSALS, ids=lambda cls: cls.__qualname__)
def test_the_api_answers_each_refusal_with_its_class_status_and_the_stable_body(cls):
    refusal = _instance(cls, field="due_date")
    response = api_exception_handler(refusal, {})
    assert response.status_code == STATUSES[cls.code] == cls.status
    assert response.data == {"code": refusal.code, "message": MESSAGE, "fields": {"due_date": [MESSAGE]}}

    refusal = _instance(cls)
    response = api_exception_handler(refusal, {})
    assert response.status_code == cls.status
    # Byte for byte what the clients read: the three keys in this order, Vietnamese left unescaped.
    assert (
        JSONRenderer().render(response.data)
        == json.dumps(
            {"code": refusal.code, "message": MESSAGE, "fields": {}},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()
    )


@pytest.mark.parametrize("name", sorted(INSTANCE_CODES))
def test_a_code_named_at_the_raise_is_answered_as_its_class_says(name):
    cls = next(cls for cls in REFUSALS if cls.__name__ == name)
    for code in sorted(INSTANCE_CODES[name]):
        response = api_exception_handler(cls(code, MESSAGE), {})  # type: ignore[call-arg]
        assert (response.status_code, response.data) == (
            cls.status,
            {"code": code, "message": MESSAGE, "fields": {}},
        )
        assert cls.code != code  # the instance's code did not replace the class's default


def test_several_fields_at_once_and_a_code_named_at_the_raise():
    refusal = Refused(
        "Hai chỉ tiêu chưa hợp lệ.",
        errors={"so_lop": "Phải là số.", "so_hoc_vien": "Phải ≥ 0."},
        code="report_invalid",
    )
    response = api_exception_handler(refusal, {})
    assert response.status_code == 400
    assert response.data == {
        "code": "report_invalid",
        "message": "Hai chỉ tiêu chưa hợp lệ.",
        "fields": {"so_lop": ["Phải là số."], "so_hoc_vien": ["Phải ≥ 0."]},
    }
    assert Refused.code == "refused"  # the instance's code did not leak to the class


class _ReturnForm(forms.Form):
    comment = forms.CharField(required=False)


def test_a_page_shows_a_refusal_beside_its_field_or_above_the_form():
    form = _ReturnForm({"comment": "x"})
    assert form.is_valid()
    show_on_form(form, Refused("Lý do quá ngắn.", field="comment"))
    assert form.errors == {"comment": ["Lý do quá ngắn."]}

    form = _ReturnForm({"comment": "x"})
    form.is_valid()
    show_on_form(form, NotAllowed("Bạn không phụ trách đơn vị này.", field="unit"))  # a field this form lacks
    assert form.non_field_errors() == ["Bạn không phụ trách đơn vị này."]

    form = _ReturnForm({"comment": "x"})
    form.is_valid()
    show_on_form(form, Refused("Báo cáo đã được tiếp nhận."))
    assert form.non_field_errors() == ["Báo cáo đã được tiếp nhận."] and "comment" not in form.errors
