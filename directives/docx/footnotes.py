"""Real Word footnotes with python-docx, which has no API for them (python-docx 1.x).

A .docx keeps its footnotes in one package part, ``/word/footnotes.xml`` (content type
``…wordprocessingml.footnotes+xml``), related from the main document part by the relationship type
``…/relationships/footnotes``. The part holds two separator notes (ids -1 and 0: the short rule above the notes
and the rule of a note continued from the previous page) and then one ``<w:footnote w:id="n">`` per note; the body
calls note ``n`` with a run holding ``<w:footnoteReference w:id="n"/>``, and the note's first run holds
``<w:footnoteRef/>``, which Word and LibreOffice print as the note's number.

Writing: :class:`FootnoteWriter` collects the notes while the body is written (``call(paragraph, text)`` appends
the calling run and returns the note's id) and ``attach()`` adds the part through python-docx's OPC layer
(``docx.opc.part.Part`` + ``relate_to``) at the end. Reading: :func:`read_footnotes` finds the part by its
relationship and returns ``{id: text}`` of the real notes.
"""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

# An uploaded file's XML: no entity is ever expanded (an external entity could read a server file into the text)
# and no DTD or network is fetched; the main document part is parsed by python-docx with the same guard.
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARTNAME = "/word/footnotes.xml"
REFERENCE_STYLE_NAME = "footnote reference"
REFERENCE_STYLE_ID = "FootnoteReference"

_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
    "</w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class FootnoteWriter:
    """The notes of one document being written; ``size_pt`` the notes' text size (PDF_FOOTNOTE_FONT_SIZE_PT)."""

    def __init__(self, size_pt: float) -> None:
        self.size_half_points = int(round(size_pt * 2))
        self.notes: list[str] = []

    def call(self, paragraph, text: str) -> int:
        """Append to ``paragraph`` the run calling a new note with ``text``; the note's id."""
        self.notes.append(text)
        number = len(self.notes)
        run = paragraph.add_run()
        rpr = run._r.get_or_add_rPr()
        rpr.append(rpr.makeelement(qn("w:rStyle"), {qn("w:val"): REFERENCE_STYLE_ID}))
        rpr.append(rpr.makeelement(qn("w:vertAlign"), {qn("w:val"): "superscript"}))
        run._r.append(run._r.makeelement(qn("w:footnoteReference"), {qn("w:id"): str(number)}))
        return number

    def xml(self) -> bytes:
        size = self.size_half_points
        # The notes' own line height (1.15 × their size, as the PDF's CSS), not the body's: a note paragraph has no
        # style of its own, so it would inherit Normal's exact body line height and first-line indent.
        line = int(round(size / 2 * 1.15 * 20))
        notes = "".join(
            f'<w:footnote w:id="{n}"><w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="{line}" '
            f'w:lineRule="exact"/><w:ind w:firstLine="0"/><w:jc w:val="both"/></w:pPr>'
            f'<w:r><w:rPr><w:rStyle w:val="{REFERENCE_STYLE_ID}"/><w:sz w:val="{size}"/>'
            '<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:rPr><w:sz w:val="{size}"/></w:rPr><w:t xml:space="preserve"> {_escape(text)}</w:t></w:r>'
            "</w:p></w:footnote>"
            for n, text in enumerate(self.notes, start=1)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:footnotes xmlns:w="{W_NS}">{_SEPARATORS}{notes}</w:footnotes>'
        ).encode()

    def attach(self, document) -> None:
        """Add the footnotes part to ``document`` (a python-docx Document) when any note was called."""
        if not self.notes:
            return
        package = document.part.package
        part = Part(PackURI(PARTNAME), CT.WML_FOOTNOTES, self.xml(), package)
        document.part.relate_to(part, RT.FOOTNOTES)
        _declare_separators(document)
        _reference_style(document)


def _reference_style(document) -> None:
    """Word's built-in character style of note numbers, superscript: LibreOffice prints the number inside a note
    in this style and ignores the run's own properties there."""
    names = {style.name for style in document.styles}
    if REFERENCE_STYLE_NAME not in names:
        style = document.styles.add_style(REFERENCE_STYLE_NAME, WD_STYLE_TYPE.CHARACTER)
        style.font.superscript = True
        style.element.set(qn("w:styleId"), REFERENCE_STYLE_ID)


def _declare_separators(document) -> None:
    """settings.xml names the separator notes (Word expects it when the part exists)."""
    settings = document.settings.element
    if settings.find(qn("w:footnotePr")) is not None:
        return
    footnote_pr = parse_xml(
        f'<w:footnotePr xmlns:w="{W_NS}"><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
    )
    # CT_Settings keeps its children in schema order; footnotePr comes before compat / rsids and after most
    # display settings: insert it before the first element that must follow it.
    followers = (
        "w:endnotePr",
        "w:compat",
        "w:docVars",
        "w:rsids",
        "w:themeFontLang",
        "w:clrSchemeMapping",
        "w:shapeDefaults",
        "w:decimalSymbol",
        "w:listSeparator",
    )
    for child in settings:
        if any(child.tag == qn(tag) for tag in followers):
            child.addprevious(footnote_pr)
            return
    settings.append(footnote_pr)


def read_footnotes(document) -> dict[int, str]:
    """The document's notes, ``{id: text}`` (separators left out); empty when it has none."""
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob, parser=_SAFE_PARSER)
            notes = {}
            for note in root.findall(qn("w:footnote")):
                if note.get(qn("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                try:
                    number = int(note.get(qn("w:id"), ""))
                except ValueError:
                    continue
                text = "".join(t.text or "" for t in note.iter(qn("w:t")))
                notes[number] = " ".join(text.split())
            return notes
    return {}
