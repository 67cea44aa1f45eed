"""Forms of the leader's instruction: assign (or reassign) the handling, return to the clerk or file, hand to another
leader. Assignees are picked by name from the unit's departments and people (selectors.instruction)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from directives.handling.models import IncomingEntry
from directives.handling.selectors import instruction as selectors
from directives.handling.selectors.instruction import AssigneeChoices
from directives.handling.services.instruction import Assignee
from portal.lib.datefields import VnDateField
from portal.lib.dates import vn_short

OTHER_PREFIX = "khac"
DELEGATE_PREFIX = "chuyen"


class InstructionForm(forms.Form):
    text = forms.CharField(
        label="Ý kiến chỉ đạo",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Bút phê của lãnh đạo: giao ai, làm gì, báo cáo thế nào.",
    )
    lead = forms.ChoiceField(label="Chủ trì xử lý")
    due_date = VnDateField(label="Hạn xử lý")
    supports = forms.MultipleChoiceField(
        label="Phối hợp", required=False, widget=forms.CheckboxSelectMultiple
    )
    support_due = VnDateField(
        label="Hạn phối hợp", required=False, help_text="Để trống: cùng hạn xử lý của đơn vị chủ trì."
    )
    informs = forms.MultipleChoiceField(label="Để biết", required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, choices: AssigneeChoices, today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.assignee_choices = choices
        self.today = today or timezone.localdate()
        flat = choices.flat()
        lead_field = self.fields["lead"]
        assert isinstance(lead_field, forms.ChoiceField)
        lead_field.choices = [("", "— Chọn ban, phòng hoặc người chủ trì —"), *choices.as_choices()]
        for name in ("supports", "informs"):
            field = self.fields[name]
            assert isinstance(field, forms.MultipleChoiceField)
            field.choices = flat

    def _not_past(self, name: str) -> dt.date | None:
        value = self.cleaned_data.get(name)
        if value is not None and value < self.today:
            raise forms.ValidationError(f"Hạn không được trước hôm nay ({vn_short(self.today)}).")
        return value

    def clean_due_date(self):
        return self._not_past("due_date")

    def clean_support_due(self):
        return self._not_past("support_due")

    def clean(self):
        data = super().clean()
        lead = data.get("lead")
        supports = set(data.get("supports") or [])
        informs = set(data.get("informs") or [])
        if lead and lead in supports:
            self.add_error("supports", "Đơn vị chủ trì không đồng thời là đơn vị phối hợp.")
        if lead and lead in informs:
            self.add_error("informs", "Đơn vị chủ trì không đồng thời là đơn vị để biết.")
        if supports & informs:
            self.add_error("informs", "Một nơi không vừa phối hợp vừa để biết.")
        return data

    def _assignee(self, value: str) -> Assignee:
        kind, _, pk = value.partition(":")
        if kind == "d":
            department = next(d for d in self.assignee_choices.departments if d.pk == int(pk))
            return Assignee(department=department)
        return Assignee(person=self.assignee_choices.users[int(pk)])

    def service_kwargs(self) -> dict:
        """The keyword arguments of entry_instruct / entry_reassign."""
        data = self.cleaned_data
        supports = [self._assignee(v) for v in data.get("supports") or []]
        due_dates = {a: data["support_due"] for a in supports} if data.get("support_due") else None
        return {
            "text": data["text"],
            "lead": self._assignee(data["lead"]),
            "supports": supports,
            "informs": [self._assignee(v) for v in data.get("informs") or []],
            "due_date": data["due_date"],
            "due_dates": due_dates,
        }

    @classmethod
    def initial_from(cls, assignments) -> dict:
        """The open assignments as the reassignment form's starting point."""

        def key(a) -> str:
            return f"d:{a.department_id}" if a.department_id else f"p:{a.person_id}"

        initial: dict = {"supports": [], "informs": []}
        for a in assignments:
            if a.role == "lead":
                initial["lead"], initial["due_date"] = key(a), a.due_date
            elif a.role == "support":
                initial["supports"].append(key(a))
            else:
                initial["informs"].append(key(a))
        return initial


class OtherDecisionForm(forms.Form):
    """«Trả lại văn thư» (with what to correct) or «Lưu, không xử lý»."""

    text = forms.CharField(
        label="Ý kiến",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Trả lại văn thư: ghi rõ cần sửa gì.",
    )


class DelegateForm(forms.Form):
    to_user = forms.TypedChoiceField(label="Lãnh đạo cho ý kiến", coerce=int)
    text = forms.CharField(label="Lời nhắn", required=False, max_length=2000)

    def __init__(self, *args, choices: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["to_user"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "— Chọn lãnh đạo —"), *choices]


def forms_for(entry: IncomingEntry, user, data=None, *, which: str = "") -> dict:
    """The three decision forms of an entry awaiting the instruction; only ``which`` is bound to ``data``."""
    choices = selectors.assignee_choices(entry.unit)
    return {
        "instruction_form": InstructionForm(data if which == "instruct" else None, choices=choices),
        "other_form": OtherDecisionForm(data if which == "other" else None, prefix=OTHER_PREFIX),
        "delegate_form": DelegateForm(
            data if which == "delegate" else None,
            choices=selectors.delegate_choices(entry, user),
            prefix=DELEGATE_PREFIX,
        ),
    }
