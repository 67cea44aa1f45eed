"""The editor's row formsets (directives/editor_forms.py PostedRows): the rows are the indices the page posts.

The editor page adds and removes rows with buttons and works without JavaScript, so it posts no management
form and a removed row leaves a gap; the rows are read by their own index, every text as typed (the draft save
cleans it), so a hostile post is refused by the save naming the field, never by the formset.
"""

from django.http import QueryDict

from directives.editor import _indices
from directives.editor_forms import CitationRows, SectionRows, TaskRows
from directives.models import RelationKind


def _post(**fields: str) -> QueryDict:
    post = QueryDict(mutable=True)
    for name, value in fields.items():
        post[name.replace("_", "-", 2)] = value
    return post


def test_it_reads_the_rows_by_their_posted_index_without_a_management_form() -> None:
    post = _post(
        node_0_heading="MỤC ĐÍCH, YÊU CẦU",
        node_0_depth="1",
        node_3_text="Nâng cao nhận thức.",
        node_3_depth="2",
        node_3_tasks_here="on",
    )
    rows = SectionRows(post, prefix="node", indices=_indices(post, "node"))
    assert rows.is_valid(), rows.non_form_errors()
    assert [form.prefix for form in rows.forms] == ["node-0", "node-3"]
    assert [form.row() for form in rows.forms] == [
        {"depth": 1, "heading": "MỤC ĐÍCH, YÊU CẦU", "text": "", "footnotes": "", "tasks_here": False},
        {"depth": 2, "heading": "", "text": "Nâng cao nhận thức.", "footnotes": "", "tasks_here": True},
    ]


def test_it_keeps_an_empty_row_and_text_as_typed() -> None:
    post = _post(node_1_heading=" Tiêu đề\x00 ", node_2_depth="", task_4_title="", task_4_due=" 30/6/2024 ")
    sections = SectionRows(post, prefix="node", indices=_indices(post, "node"))
    tasks = TaskRows(post, prefix="task", indices=_indices(post, "task"))
    assert sections.is_valid() and tasks.is_valid()
    assert [form.row()["heading"] for form in sections.forms] == [" Tiêu đề\x00 ", ""]
    assert tasks.forms[0].cleaned_data == {"title": "", "text": "", "due": " 30/6/2024 "}


def test_a_hand_made_value_falls_back_as_the_page_shows_it() -> None:
    post = _post(
        node_0_depth="ba",
        node_0_tasks_here="off",
        cite_0_target="12",
        cite_0_kind="khác",
        cite_2_target="",
        cite_5_target="7",
        cite_5_kind=RelationKind.BASED_ON,
    )
    [section] = SectionRows(post, prefix="node", indices=_indices(post, "node")).forms
    assert section.is_valid() and (section.row()["depth"], section.row()["tasks_here"]) == (1, False)
    cited = CitationRows(post, prefix="cite", indices=_indices(post, "cite"))
    assert cited.is_valid()
    assert [form.line() for form in cited.forms] == [
        (12, RelationKind.IMPLEMENTS),
        None,
        (7, RelationKind.BASED_ON),
    ]


def test_digits_int_cannot_read_fall_back_instead_of_failing() -> None:
    # "²" and "١" pass str.isdigit(); int() raises on the first, and on thousands of digits (Python's limit).
    post = _post(
        node_0_depth="²",
        node_1_depth="9" * 5000,
        cite_0_target="²",
        cite_0_kind=RelationKind.BASED_ON,
        node_2_depth="٣",
    )
    sections = SectionRows(post, prefix="node", indices=_indices(post, "node"))
    assert sections.is_valid()
    assert [form.row()["depth"] for form in sections.forms] == [1, 1, 1]
    cited = CitationRows(post, prefix="cite", indices=_indices(post, "cite"))
    assert cited.is_valid() and [form.line() for form in cited.forms] == [None]
    assert _indices(_post(**{"node_²_text": "x", "node_4_text": "y"}), "node") == [4]
