"""The web rendition of a document body, numbered the same way as the official PDF."""

from django import template
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe

from directives.pdf.context import number_label

register = template.Library()
_KINDS = {"roman": ("roman", "arabic", "alpha"), "arabic": ("arabic", "alpha")}


def _render(nodes, numbering: str, depth: int, tasks_html: str) -> str:
    kinds = _KINDS.get(numbering, _KINDS["roman"])
    out, n = [], 0
    for node in nodes or []:
        label = ""
        if node.get("numbered", True) and depth < len(kinds):
            n += 1
            label = number_label(kinds[depth], n)
        heading = escape(node.get("heading", ""))
        head = f'<p class="doc-h doc-h{depth + 1}"><b>{label}</b> {heading}</p>' if heading else ""
        text = node.get("text", "")  # sanitised with nh3 when saved
        if not heading and label and text.startswith("<p>"):
            text = f"<p><b>{label}</b> " + text[3:]
        notes = "".join(f'<p class="doc-footnote">({i}) {escape(f)}</p>'
                        for i, f in enumerate(node.get("footnotes", []), start=1))
        children = _render(node.get("children"), numbering, depth + 1, tasks_html)
        here = tasks_html if node.get("tasks_here") else ""
        out.append(f'<section class="doc-node">{head}{text}{notes}{children}{here}</section>')
    return "".join(out)


@register.simple_tag
def document_body(document, tasks=None):
    tasks = list(tasks if tasks is not None else document.tasks.all())
    tasks_html = format_html_join(
        "", '<div class="doc-task"><p><b>{}. {}</b></p><p>{}</p></div>',
        ((i, t.title, t.text) for i, t in enumerate(tasks, start=1)))
    body = _render(document.body, document.body_numbering, 0, tasks_html)
    if tasks and not any(n.get("tasks_here") for n in document.body or []):
        body += tasks_html
    return mark_safe(body)  # noqa: S308 — nodes were sanitised on save; titles escaped above
