"""The editor's row formsets (directives/editor.py): rows read by the indices the page posts."""

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT, ManagementForm
from django.utils.functional import cached_property

from directives.models import RelationKind
from portal.lib.params import is_count


class TypedText(forms.CharField):
    """Text exactly as typed: not stripped, never required, and a NUL character is left for the draft save to
    clean (directives/sanitize.py) instead of refusing the whole page, as the editor always did."""

    def __init__(self, **kwargs):
        super().__init__(strip=False, required=False, **kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)]


class _TickedBox(forms.CheckboxInput):
    def value_from_datadict(self, data, files, name) -> bool:
        return data.get(name) == "on"


class Ticked(forms.Field):
    """A checkbox the page posts as "on"; any other value (a hand-made post) is unticked."""

    widget = _TickedBox

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)


class PostedRows(forms.BaseFormSet):
    """The rows posted under the formset's prefix, by their own index ("node-3-text" is row 3).

    The editor page adds and removes rows with buttons, without JavaScript, and posts no management form; a
    removed row leaves a gap in the indices. So the rows are the indices found in the post (``indices``, in
    order) and the management data is taken from them; every row is kept, even an empty one.
    """

    def __init__(self, data, *, prefix: str, indices: list[int], **kwargs):
        self.indices = indices
        super().__init__(data, prefix=prefix, form_kwargs={"empty_permitted": False}, **kwargs)

    def add_prefix(self, index):
        return f"{self.prefix}-{self.indices[index]}" if isinstance(index, int) else super().add_prefix(index)

    def total_form_count(self) -> int:
        return len(self.indices)

    def initial_form_count(self) -> int:
        return 0

    @cached_property
    def management_form(self):
        form = ManagementForm(
            {
                f"{self.prefix}-{TOTAL_FORM_COUNT}": len(self.indices),
                f"{self.prefix}-{INITIAL_FORM_COUNT}": 0,
            },
            prefix=self.prefix,
            renderer=self.renderer,
        )
        form.full_clean()
        return form


class SectionRowForm(forms.Form):
    """One section row of the editor ("node-3-…"): its depth (1 = Mục), heading, text, footnotes (one a line)
    and whether the tasks are printed under it. A depth that is not a number is 1, as the page shows it."""

    depth = TypedText()
    heading = TypedText()
    text = TypedText()
    footnotes = TypedText()
    tasks_here = Ticked()

    def row(self) -> dict:
        """The row as the editor's flat list of sections holds it (directives/editor.py build_tree)."""
        data = self.cleaned_data
        depth = data["depth"]
        return {
            "depth": int(depth) if is_count(depth) else 1,
            "heading": data["heading"],
            "text": data["text"],
            "footnotes": data["footnotes"],
            "tasks_here": data["tasks_here"],
        }


class TaskRowForm(forms.Form):
    """One task row ("task-3-…"); its units come from the row's unit picker and its due date is read with the
    page's date rule (directives/editor.py), which names the row in a refusal."""

    title = TypedText()
    text = TypedText()
    due = TypedText()


class CitationRowForm(forms.Form):
    """One cited document ("cite-3-…"): a row without a document id is dropped, an unknown relation is
    "implements" (the service checks the document may be cited)."""

    target = TypedText()
    kind = TypedText()

    def line(self) -> tuple[int, str] | None:
        data = self.cleaned_data
        if not is_count(data["target"]):
            return None
        kind = data["kind"] if data["kind"] in RelationKind.values else RelationKind.IMPLEMENTS
        return int(data["target"]), kind


class RecipientRowForm(forms.Form):
    """One Kính gửi / Nơi nhận row ("rcp-3-…"); its unit comes from the row's unit picker. The editor checks
    the row (directives/editor.py) and falls back silently to "một đơn vị" and "để thực hiện" for a scope or
    purpose the page does not offer."""

    label = TypedText()
    selection = TypedText()
    purpose = TypedText()
    kind = TypedText()
    kinh_gui = Ticked()


class RequirementRowForm(forms.Form):
    """One reporting duty row ("req-3-…"); its units come from the row's pickers, its dates are read with the
    page's date rule and its numbers fall back as the page shows them (directives/editor.py)."""

    title = TypedText()
    frequency = TypedText()
    due = TypedText()
    days = TypedText()
    as_written = TypedText()
    parent = TypedText()
    lead = TypedText()
    ends = TypedText()


SectionRows = forms.formset_factory(SectionRowForm, formset=PostedRows)
RecipientRows = forms.formset_factory(RecipientRowForm, formset=PostedRows)
RequirementRows = forms.formset_factory(RequirementRowForm, formset=PostedRows)
TaskRows = forms.formset_factory(TaskRowForm, formset=PostedRows)
CitationRows = forms.formset_factory(CitationRowForm, formset=PostedRows)
