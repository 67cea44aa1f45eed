"""The web rendition of a document body, numbered the same way as the official PDF."""

from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from directives.pdf.context import IMPLEMENTATION_HEADING, number_label
from directives.rendering import reporting_regime_lines

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
        notes = "".join(
            f'<p class="doc-footnote">({i}) {escape(f)}</p>'
            for i, f in enumerate(node.get("footnotes", []), start=1)
        )
        children = _render(node.get("children"), numbering, depth + 1, tasks_html)
        here = tasks_html if node.get("tasks_here") else ""
        out.append(f'<section class="doc-node">{head}{text}{notes}{children}{here}</section>')
    return "".join(out)


@register.simple_tag
def document_body(document, tasks=None):
    """The body, the tasks where a section holds them (else under their own "Tổ chức thực hiện" section, as
    the PDF prints them) and the reporting duties the body does not already state."""
    tasks = list(tasks if tasks is not None else document.tasks.all())
    reporting = reporting_regime_lines(document) if document.pk else []
    tasks_html = format_html_join(
        "",
        '<div class="doc-task"><p><b>{}. {}</b></p><p>{}</p></div>',
        ((i, t.title, t.text) for i, t in enumerate(tasks, start=1)),
    )
    if reporting:
        tasks_html += format_html(
            '<div class="doc-task"><p><b>{}. Chế độ báo cáo</b></p>{}</div>',
            len(tasks) + 1,
            format_html_join("", "<p>{}</p>", ((line,) for line in reporting)),
        )
    body = _render(document.body, document.body_numbering, 0, tasks_html)
    if tasks_html and not any(n.get("tasks_here") for n in document.body or []):
        if document.doc_type != "CV":
            top = sum(1 for n in document.body or [] if n.get("numbered", True))
            label = number_label(_KINDS.get(document.body_numbering, _KINDS["roman"])[0], top + 1)
            body += f'<p class="doc-h doc-h1"><b>{label}</b> {IMPLEMENTATION_HEADING}</p>'
        body += tasks_html
    return mark_safe(body)  # noqa: S308 — nodes were sanitised on save; titles escaped above
