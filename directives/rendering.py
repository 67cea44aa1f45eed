"""A Document as the PDF engine sees it (directives.pdf), and the issued file kept once.

The engine knows nothing of models; this module is the only bridge: it reads a document into its content
(directives/content.py, the shape the seed samples are written in too), which ``layout_of`` lays out. Drafts
are rendered on request with the "DỰ THẢO" watermark; an issued document is rendered once, at issue, stored
with its SHA-256 and served from storage ever after (storing it is a write: issued_pdf_store in
directives/services/signing.py). Nothing here writes.
"""

from __future__ import annotations

import dataclasses
import re

from directives.content import DocumentContent, Letterhead, Section, Signature, TaskItem, layout_of
from directives.models import Document, Purpose, Selection
from directives.numbering import symbol_for
from directives.pdf.conf import regime_style
from directives.pdf.layout import OfficialLayout
from directives.pdf.letterhead import issuer_lines
from directives.pdf.render import render_pdf
from directives.pdf.slots import render_pdf_with_slots
from directives.pdf.vn import format_vn_date
from portal.lib.search import fold
from portal.org.models import Regime, Unit
from portal.signing import conf as signing_conf
from portal.signing.pdf import Rect, Slots

_STATE_MARKS = {
    Purpose.BAO_CAO: " (để b/c)",
    Purpose.THUC_HIEN: " (để t/h)",
    Purpose.PHOI_HOP: " (để p/h)",
    Purpose.DE_BIET: " (để biết)",
}
_PARTY_MARKS = {
    Purpose.BAO_CAO: " (b/c)",
    Purpose.THUC_HIEN: " (t/h)",
    Purpose.PHOI_HOP: " (p/h)",
    Purpose.DE_BIET: "",
}


def noi_nhan_lines(document: Document, regime: str) -> list[str]:
    """The distribution list as printed: purposes marked, "Như kính gửi" first, "Lưu" last."""
    marks = _PARTY_MARKS if regime == Regime.PARTY else _STATE_MARKS
    recipients = [r for r in document.recipients.all() if r.printed]
    lines: list[str] = []
    if any(r.in_kinh_gui for r in recipients) and not any(
        r.label.lower().startswith("như kính gửi") for r in recipients
    ):
        lines.append("Như kính gửi")
    store = []
    for r in recipients:
        if r.in_kinh_gui:
            continue
        if r.purpose == Purpose.LUU or r.label.lower().startswith("lưu"):
            store.append(r.label)
            continue
        mark = "" if "(" in r.label else marks.get(r.purpose, "")
        lines.append(f"{r.label}{mark}")
    dept = document.department or ""
    lines.extend(
        store
        or [
            f"Lưu: VT{', ' + dept if dept else ''}"
            if regime != Regime.PARTY
            else f"Lưu {document.issuer.short_name if document.issuer_id else 'VT'}"
        ]
    )
    return lines


_FREQUENCY_PHRASE = {
    "monthly": "hằng tháng",
    "quarterly": "hằng quý",
    "semiannual": "định kỳ 6 tháng",
    "nine_month": "định kỳ 9 tháng",
    "annual": "hằng năm",
}


def _words(html: str) -> str:
    """Words of a fragment, tags, accents and punctuation folded: "is this already written?" compares these."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(html or "")).split())


def _body_words(nodes: list[dict]) -> str:
    return " ".join(
        _words(n.get("heading", ""))
        + " "
        + _words(n.get("text", ""))
        + " "
        + _body_words(n.get("children") or [])
        for n in nodes or []
    )


def requirement_sentence(requirement) -> str:
    """One reporting duty as the document prints it (chế độ báo cáo): the author's own words when the
    composer kept them, else who reports what, how often, to whom (and through whom) and by when. A duty
    carried down from a higher document is said anew: its words name the level above."""
    if requirement.as_written.strip() and requirement.parent_id is None:
        text = requirement.as_written.strip()
        text = text[0].upper() + text[1:]
        return text if text[-1] in ".;:" else text + "."
    who = (
        "Các đơn vị được giao thực hiện"
        if requirement.reporters == "recipients"
        else ", ".join(u.name for u in requirement.named_units.all())
    )
    to = requirement.to_unit.name if requirement.to_unit_id else ""
    via = f" (qua {requirement.via_unit.name})" if requirement.via_unit_id else ""
    title = requirement.title.strip()
    title = title[0].lower() + title[1:] if title[:1].isupper() and title[1:2].islower() else title
    if requirement.frequency in _FREQUENCY_PHRASE:
        when = f"{_FREQUENCY_PHRASE[requirement.frequency]}"
        if requirement.deadline_working_days:
            when += (
                f", chậm nhất {requirement.deadline_working_days} ngày làm việc sau khi kết thúc kỳ báo cáo"
            )
        if requirement.ends_on:
            when += f", đến hết {format_vn_date(requirement.ends_on)}"
    elif requirement.due_date:
        when = (
            "đột xuất" if requirement.frequency == "adhoc" else "một lần"
        ) + f", trước {format_vn_date(requirement.due_date)}"
    else:
        when = "đột xuất khi có yêu cầu"
    return f"{who} {title} {when}, gửi về {to}{via}.".replace("  ", " ")


def reporting_regime_lines(document: Document) -> list[str]:
    """The document's reporting duties that its body does not already state in the author's words, each
    sentence once (a monthly and a quarterly duty written in one sentence are printed once)."""
    written = " ".join(
        [
            _words(document.opening),
            _body_words(document.body),
            _words(document.closing),
            *(_words(t.text) for t in document.tasks.all()),
        ]
    )
    lines: list[str] = []
    for requirement in document.requirements.all():
        own_words = _words(requirement.as_written) if requirement.parent_id is None else ""
        # The author's sentence is in the body when its first words are (a clause may follow differently).
        if own_words and " ".join(own_words.split()[:10]) in written:
            continue
        line = requirement_sentence(requirement)
        if line not in lines:
            lines.append(line)
    return lines


def letterhead_lines(unit: Unit) -> tuple[str, ...]:
    """The unit's issuer lines as its documents and reports print them today (its header data, or derived)."""
    return issuer_lines(
        name=unit.name, parent_line=unit.parent_line, regime=unit.regime, header_lines=unit.header_lines
    )


def content_for(document: Document) -> DocumentContent:
    """The document as it prints: the issuer's head as it stood at issue (its snapshot), the number-symbol,
    the body, the tasks, the reporting duties the text does not state itself, the signature and Nơi nhận."""
    issuer = document.issuer
    regime = issuer.regime
    snapshot = document.issuer_snapshot or {}
    return DocumentContent(
        doc_type=document.doc_type,
        type_name=document.get_doc_type_display().upper(),
        letterhead=Letterhead(
            regime=regime,
            parent_line=snapshot.get("parent_line", issuer.parent_line),
            issuer_lines=(
                tuple(snapshot["header_lines"])
                if snapshot.get("header_lines")
                else issuer_lines(
                    name=snapshot.get("name", issuer.name),
                    parent_line=snapshot.get("parent_line", issuer.parent_line),
                    regime=regime,
                    # Issued before the letterhead was data: derived from the name it was issued under.
                    header_lines="" if snapshot else issuer.header_lines,
                )
            ),
        ),
        subject=document.subject,
        symbol=symbol_for(doc_type=document.doc_type, issuer=issuer, department=document.department),
        place=document.place or issuer.place_name,
        number=document.number,
        issue_date=document.issue_date,
        issue_year=(document.issue_date or document.created_at).year if document.created_at else None,
        department=document.department,
        bases=tuple(document.bases),
        opening=document.opening,
        body=tuple(Section.from_dict(node) for node in document.body or ()),
        body_numbering=document.body_numbering,
        tasks=tuple(TaskItem(title=t.title, text=t.text, due_date=t.due_date) for t in document.tasks.all()),
        reporting=tuple(reporting_regime_lines(document)) if document.pk else (),
        closing=document.closing,
        signer=Signature(
            authority=document.signer_authority,
            authority_body=document.signer_authority_body.upper(),
            title=document.signer_title.upper(),
            name=document.signer_name,
        ),
        kinh_gui=tuple(r.label for r in document.recipients.all() if r.in_kinh_gui and r.printed),
        noi_nhan=tuple(noi_nhan_lines(document, regime)),
    )


def layout_for(document: Document, *, draft: bool | None = None) -> OfficialLayout:
    watermark = "DỰ THẢO" if (draft if draft is not None else not document.is_issued) else None
    return layout_of(content_for(document), watermark=watermark)


def document_pdf_bytes(document: Document, *, draft: bool | None = None) -> bytes:
    return render_pdf(layout_for(document, draft=draft))


def signature_image_height_mm() -> float:
    """The height of a person's signature image on the page (SIGNING_IMAGE_HEIGHT_MM, portal.signing.conf):
    the layout's one reader of it, so the gap it leaves and the image signing draws agree."""
    return signing_conf.image_height_mm()


def document_unsigned_pdf(document: Document) -> tuple[bytes, Slots]:
    """The issued layout a person signs digitally, and where signing writes on it (issue 15).

    The same pages as ``document_pdf_bytes(document, draft=False)`` but: the number-symbol after "Số:" ("Số" in
    the Party regime) and the place-and-date line are left blank, since the register numbers and dates the
    document only after the person's signature, and the gap between the signer's title and name is sized
    for the signature image. The three slots are measured in WeasyPrint's layout, in PDF points.
    """
    layout = dataclasses.replace(
        layout_for(document, draft=False),
        number=None,
        issue_date=None,
        signature_image_mm=signature_image_height_mm(),
    )
    data, places = render_pdf_with_slots(layout)
    return data, Slots(
        number=Rect(*places["slot-number"]),
        date=Rect(*places["slot-date"]),
        signature=Rect(*places["slot-signature"]),
    )


def slot_texts(document: Document) -> tuple[str, str]:
    """(number-symbol, place-and-date line) of a numbered and dated document, as signing fills them into the
    slots: ('76/KH-LĐLĐ', 'Bắc Giang, ngày 06 tháng 02 năm 2024'); the printed layout's own words."""
    layout = layout_for(document, draft=False)
    return layout.number_symbol_text(), layout.place_date_line()


def number_fill(document: Document) -> dict[str, str | float]:
    """The keyword arguments of portal.signing.pdf.fill_number for a numbered and dated document: the texts
    of ``slot_texts`` in the sizes the layout prints the "Số:" line and the date line in (the regime's)."""
    number_text, date_text = slot_texts(document)
    sizes = regime_style(document.issuer.regime).sizes_pt
    return {
        "number_text": number_text,
        "date_text": date_text,
        "number_pt": sizes["number"],
        "date_pt": sizes["date"],
    }


__all__ = [
    "content_for",
    "layout_for",
    "letterhead_lines",
    "document_pdf_bytes",
    "document_unsigned_pdf",
    "signature_image_height_mm",
    "slot_texts",
    "number_fill",
    "noi_nhan_lines",
    "reporting_regime_lines",
    "requirement_sentence",
    "Selection",
]
