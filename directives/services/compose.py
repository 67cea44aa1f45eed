"""Composing drafts. Nothing here touches an issued document: every write checks the status."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F

from directives import access
from directives.content import Section, Signature, authority_of
from directives.errors import (
    AttachmentRefused,
    DocumentError,
    DocumentNotEditable,
    DraftTooLong,
    NotAllowed,
    RecipientOutOfReach,
    StaleDraft,
)
from directives.models import (
    Attachment,
    DocType,
    Document,
    DocumentRelation,
    Purpose,
    Recipient,
    RelationKind,
    ReportingRequirement,
    Selection,
    Status,
    Task,
)
from directives.numbering import number_symbol_for
from directives.sanitize import clean_body, clean_html, clean_text
from portal.audit.services import event_record
from portal.lib.optimistic import IN_PROCESS, ExpectedVersion, version_refusal
from portal.lib.search import fold
from portal.lib.uploads import safe_upload_name
from portal.org.models import Unit, UnitKind


@dataclass
class RecipientLine:
    label: str
    purpose: str = Purpose.THUC_HIEN
    selection: str = Selection.UNIT
    unit_id: int | None = None
    kind: str = ""
    in_kinh_gui: bool = False
    printed: bool = True


@dataclass
class TaskLine:
    title: str
    text: str
    unit_ids: list[int] = field(default_factory=list)
    due_date: dt.date | None = None


@dataclass
class RequirementLine:
    title: str
    frequency: str
    to_unit_id: int
    via_unit_id: int | None = None
    due_date: dt.date | None = None
    deadline_working_days: int | None = None
    reporters: str = ReportingRequirement.Reporters.RECIPIENTS
    named_unit_ids: list[int] = field(default_factory=list)
    as_written: str = ""
    form_template: dict = field(default_factory=dict)
    parent_id: int | None = None
    lead_days: int = 0
    ends_on: dt.date | None = None  # recurring duties stop after this day (a plan "năm 2024")


@dataclass
class CitationLine:
    target_id: int
    kind: str = RelationKind.IMPLEMENTS


@dataclass
class DraftContent:
    """Everything the editor sends; a save replaces the draft's parts with these.

    ``body``: the sections (directives/content.py Section) as the editor, the importer and derived drafts
    write them, or nodes as stored or posted to the API (dicts the save sanitises into sections).
    ``signature``: the signature block as one value (directives/content.py Signature), the shape the PDF
    prints; the save keeps a known authority mark only and cleans the three texts.
    """

    doc_type: str
    subject: str = ""
    department: str = ""
    place: str = ""
    bases: list[str] = field(default_factory=list)
    opening: str = ""
    body: list[Section | dict] = field(default_factory=list)
    body_numbering: str = "roman"
    closing: str = ""
    signature: Signature = field(default_factory=Signature)
    recipients: list[RecipientLine] = field(default_factory=list)
    tasks: list[TaskLine] = field(default_factory=list)
    requirements: list[RequirementLine] = field(default_factory=list)
    citations: list[CitationLine] = field(default_factory=list)


def search_text_for(document: Document) -> str:
    parts = [document.number_symbol, document.subject, document.issuer_name, document.opening]
    for node in document.body or []:
        stack = [node]
        while stack:
            n = stack.pop()
            parts += [n.get("heading", ""), n.get("text", "")]
            stack.extend(n.get("children") or [])
    return fold(" ".join(p for p in parts if p))[:200_000]


@transaction.atomic
def document_create_draft(*, actor, issuer: Unit, doc_type: str, subject: str = "") -> Document:
    """Start a draft for a unit where the actor drafts (drafter, signer or clerk)."""
    if not access.can_draft_for(actor, issuer):
        raise NotAllowed("Bạn không có quyền soạn văn bản cho đơn vị này.")
    if doc_type not in DocType.values:
        raise NotAllowed("Loại văn bản không hợp lệ.", field="doc_type")
    document = Document.objects.create(
        doc_type=doc_type,
        issuer=issuer,
        subject=clean_text(subject)[:500],
        place=issuer.place_name,
        status=Status.DRAFT,
        created_by=actor,
        body_numbering="arabic" if doc_type == "CV" else "roman",
        number_symbol="",
    )
    document.search_text = search_text_for(document)
    document.save(update_fields=["search_text"])
    event_record(actor=actor, action="document.created", obj=document, unit=issuer)
    return document


def addressed_in(content: DraftContent) -> list[access.Addressed]:
    """Every unit the content names, with what it asks of it (access.addressing_refusals checks them)."""
    lines = []
    for i, r in enumerate(content.recipients, start=1):
        if r.unit_id:
            label = clean_text(r.label)[:60]
            lines.append(
                access.Addressed(
                    where=f"Nơi nhận dòng {i}" + (f" («{label}»)" if label else ""),
                    unit_id=r.unit_id,
                    act=access.recipient_act(r.purpose, r.selection),
                    selection=r.selection,
                    kind=r.kind,
                )
            )
    for i, t in enumerate(content.tasks, start=1):
        title = clean_text(t.title)[:60]
        where = f"Nhiệm vụ {i}" + (f" («{title}»)" if title else "")
        lines += [access.Addressed(where=where, unit_id=u, act=access.ACT) for u in dict.fromkeys(t.unit_ids)]
    for i, q in enumerate(content.requirements, start=1):
        title = clean_text(q.title)[:60]
        where = f"Chế độ báo cáo {i}" + (f" («{title}»)" if title else "")
        if q.to_unit_id:
            lines.append(
                access.Addressed(where=f"{where}, gửi về", unit_id=q.to_unit_id, act=access.REPORT_TO)
            )
        if q.via_unit_id:
            lines.append(access.Addressed(where=f"{where}, qua", unit_id=q.via_unit_id, act=access.REPORT_TO))
        lines += [
            access.Addressed(where=f"{where}, đơn vị báo cáo", unit_id=u, act=access.ACT)
            for u in dict.fromkeys(q.named_unit_ids)
        ]
    return lines


def check_addressing(issuer: Unit, content: DraftContent) -> None:
    """Refuse content that breaks the reach rule (directives/access.py), naming every line at fault."""
    problems = access.addressing_refusals(issuer, addressed_in(content))
    if problems:
        raise RecipientOutOfReach(" ".join(problems[:8]), field="recipients")


def issuing_unit(document: Document) -> Unit:
    """The unit a document written in the portal is issued by. Only the record of a document from outside the
    system has none, and that record never reaches drafting or signing (its status, «external», is refused
    by every step before this is asked): a missing issuer here is a programming error, not a refusal."""
    if document.issuer is None:
        raise ValueError(f"Document {document.pk} has no issuing unit (a record of a document from outside).")
    return document.issuer


CITABLE_STATUSES = (Status.ISSUED, Status.REVOKED, Status.EXTERNAL)


def check_citations(actor, document: Document, content: DraftContent) -> None:
    """Only an issued (or external) document the actor may read can be cited: a citation shows its type,
    number, date and issuer on the draft, its page and the API, and lists the draft on the cited page."""
    ids = {c.target_id for c in content.citations if c.target_id != document.pk}
    if not ids:
        return
    citable = set(
        access.documents_visible_to(actor)
        .filter(pk__in=ids, status__in=CITABLE_STATUSES)
        .values_list("pk", flat=True)
    )
    wrong = [i for i, c in enumerate(content.citations, start=1) if c.target_id in ids - citable]
    if wrong:
        raise NotAllowed(
            f"Trích dẫn {', '.join(map(str, wrong))}: không tìm thấy văn bản đã ban hành để trích dẫn.",
            field="citations",
        )


#: The longest text one section of a draft may hold (its content, the opening, the closing, a task, a duty as
#: written), in characters as typed. 50,000 characters are some fifteen printed pages: a longer part belongs in
#: sub-sections or an attachment, and the bound keeps each autosave post and the PDF rendering small. A longer
#: text is refused with this number, never cut: the drafter must know that what the page says is saved is saved.
SECTION_MAX_CHARS = 50_000


def _excerpt(text: str) -> str:
    text = clean_text(text)
    return f" «{text[:60]}…»" if len(text) > 60 else f" «{text}»" if text else ""


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # 50.000, as Vietnamese readers write it


def _preorder(nodes: list[Section | dict] | list[dict]):
    for node in nodes or []:
        node = node.as_dict() if isinstance(node, Section) else node
        yield node
        yield from _preorder(node.get("children") or [])


def check_recipient_kinds(content: DraftContent) -> None:
    """A recipient line's «Loại đơn vị» is one of the kinds of the list (UnitKind), and «Mọi đơn vị một loại
    bên dưới» names one: any other value is refused in Vietnamese, never stored (the editor, the API, derived
    drafts all come through here)."""
    for i, r in enumerate(content.recipients):
        if r.kind and r.kind not in UnitKind.values:
            raise DocumentError(
                f"Nơi nhận dòng {i + 1}: không có loại đơn vị «{r.kind}»; hãy chọn một loại trong danh sách.",
                field=f"recipients.{i}.kind",
            )
        if r.selection == Selection.KIND_BELOW and not r.kind:
            raise DocumentError(
                f"Nơi nhận dòng {i + 1}: phạm vi «{Selection.KIND_BELOW.label}» cần chọn loại đơn vị.",
                field=f"recipients.{i}.kind",
            )


def check_lengths(content: DraftContent) -> None:
    """Refuse (DraftTooLong, naming the part, its length and the limit) any part longer than its column or
    than SECTION_MAX_CHARS. ``field`` is the part's path in the content ("body.2.text", "tasks.0.title")."""
    parts = [
        ("subject", "Trích yếu", content.subject, 500),
        ("department", "Ban/phòng soạn thảo", content.department, 20),
        ("place", "Địa danh", content.place, 100),
        ("opening", "Phần mở đầu", content.opening, SECTION_MAX_CHARS),
        ("closing", "Phần kết thúc", content.closing, SECTION_MAX_CHARS),
        ("signer_authority_body", "Thay mặt / ký thay cho", content.signature.authority_body, 120),
        ("signer_title", "Chức vụ người ký", content.signature.title, 120),
        ("signer_name", "Họ và tên người ký", content.signature.name, 120),
    ]
    for i, node in enumerate(_preorder(content.body)):
        where = f"Mục {i + 1}{_excerpt(str(node.get('heading', '')))}"
        parts += [
            (f"body.{i}.heading", f"{where}: tiêu đề", node.get("heading", ""), 300),
            (f"body.{i}.text", f"{where}: nội dung", node.get("text", ""), SECTION_MAX_CHARS),
        ]
    for i, r in enumerate(content.recipients):
        parts.append((f"recipients.{i}.label", f"Nơi nhận dòng {i + 1}: tên ghi trên văn bản", r.label, 255))
    for i, t in enumerate(content.tasks):
        where = f"Nhiệm vụ {i + 1}{_excerpt(t.title)}"
        parts += [
            (f"tasks.{i}.title", f"{where}: tiêu đề", t.title, 255),
            (f"tasks.{i}.text", f"{where}: nội dung", t.text, SECTION_MAX_CHARS),
        ]
    for i, q in enumerate(content.requirements):
        where = f"Chế độ báo cáo {i + 1}{_excerpt(q.title)}"
        parts += [
            (f"requirements.{i}.title", f"{where}: tên báo cáo", q.title, 255),
            (f"requirements.{i}.as_written", f"{where}: nguyên văn yêu cầu", q.as_written, SECTION_MAX_CHARS),
        ]
    for path, label, value, limit in parts:
        length = len(clean_text(str(value or "")))
        if length > limit:
            raise DraftTooLong(
                f"{label} dài {_thousands(length)} ký tự, quá giới hạn {_thousands(limit)} ký tự."
                + (
                    " Hãy chia thành các mục con hoặc đưa phần dài vào tệp đính kèm."
                    if limit == SECTION_MAX_CHARS
                    else " Hãy viết ngắn lại."
                )
                + " Bản nháp chưa được lưu.",
                field=path,
            )


@transaction.atomic
def document_save_draft(
    *, actor, document: Document, content: DraftContent, expected_version: ExpectedVersion = IN_PROCESS
) -> Document:
    """Replace the draft's content (the editor and autosave both call this).

    ``expected_version`` is the version the editor was loaded at: every request path passes it (None when the
    request carried none), and a missing or older one is refused (StaleDraft, 409) rather than overwriting a
    newer save. Only flows that created or locked the draft in the same transaction omit it (IN_PROCESS).

    Refuses an issued or submitted document, a stale version (two tabs editing), any recipient, task
    unit or reporting unit that breaks the reach rule (check_addressing), and a citation of a document
    the actor may not read or that is not issued (check_citations), and any part longer than the
    portal keeps (check_lengths: refused, never cut). All-or-nothing.
    """
    document = Document.objects.select_for_update(of=("self",)).select_related("issuer").get(pk=document.pk)
    if not document.is_editable:
        raise DocumentNotEditable(
            "Văn bản đã trình ký hoặc đã ban hành, không thể sửa. "
            "Muốn thay đổi, hãy ban hành văn bản thay thế."
        )
    issuer = issuing_unit(document)
    if not access.can_draft_for(actor, issuer):
        raise NotAllowed("Bạn không có quyền soạn văn bản cho đơn vị này.")
    refusal = version_refusal(expected_version, document.version)
    if refusal:
        raise StaleDraft(refusal, field="version")
    check_addressing(issuer, content)
    check_citations(actor, document, content)
    check_lengths(content)
    check_recipient_kinds(content)
    document.doc_type = content.doc_type
    document.subject = clean_text(content.subject)[:500]
    document.department = clean_text(content.department)[:20]
    document.place = clean_text(content.place)[:100] or issuer.place_name
    document.bases = [clean_text(b) for b in content.bases if clean_text(b)]
    document.opening = clean_html(content.opening)
    document.body = clean_body(content.body)
    document.body_numbering = (
        content.body_numbering if content.body_numbering in ("roman", "arabic") else "roman"
    )
    document.closing = clean_html(content.closing)
    document.signer_authority = authority_of(content.signature.authority)
    document.signer_authority_body = clean_text(content.signature.authority_body)[:120]
    document.signer_title = clean_text(content.signature.title)[:120]
    document.signer_name = clean_text(content.signature.name)[:120]
    document.number_symbol = ""
    document.search_text = search_text_for(document)
    document.version = F("version") + 1
    document.full_clean(exclude=["version", "issuer", "created_by", "signed_by", "pdf"])
    document.save()
    document.refresh_from_db(fields=["version"])
    _replace_parts(document, content)
    event_record(
        actor=actor, action="document.saved", obj=document, unit=issuer, details={"version": document.version}
    )
    return document


def _replace_parts(document: Document, content: DraftContent) -> None:
    document.recipients.all().delete()
    Recipient.objects.bulk_create(
        [
            Recipient(
                document=document,
                order=i,
                label=clean_text(r.label)[:255],
                purpose=r.purpose,
                selection=r.selection,
                unit_id=r.unit_id,
                kind=r.kind,
                in_kinh_gui=r.in_kinh_gui,
                printed=r.printed,
            )
            for i, r in enumerate(content.recipients)
            if clean_text(r.label) or r.unit_id
        ]
    )
    document.tasks.all().delete()
    tasks = Task.objects.bulk_create(
        [
            Task(
                document=document,
                order=i,
                title=clean_text(t.title)[:255],
                text=clean_text(t.text),
                due_date=t.due_date,
            )
            for i, t in enumerate(content.tasks)
            if clean_text(t.title) or clean_text(t.text)
        ]
    )
    through = Task.units.through
    kept = [t for t in content.tasks if clean_text(t.title) or clean_text(t.text)]
    through.objects.bulk_create(
        [
            through(task_id=task.pk, unit_id=u)
            for task, line in zip(tasks, kept, strict=True)
            for u in dict.fromkeys(line.unit_ids)
        ]
    )
    document.requirements.all().delete()
    # Set-wise, like the recipients and tasks: a save costs the same queries however many duties the draft has.
    requirements = ReportingRequirement.objects.bulk_create(
        [
            ReportingRequirement(
                document=document,
                order=i,
                title=clean_text(q.title)[:255] or "Báo cáo kết quả thực hiện",
                frequency=q.frequency,
                due_date=q.due_date,
                deadline_working_days=q.deadline_working_days,
                reporters=q.reporters,
                to_unit_id=q.to_unit_id,
                via_unit_id=q.via_unit_id,
                as_written=clean_text(q.as_written),
                form_template=q.form_template or {},
                parent_id=q.parent_id,
                lead_days=q.lead_days,
                ends_on=q.ends_on,
            )
            for i, q in enumerate(content.requirements)
        ]
    )
    named = ReportingRequirement.named_units.through
    named.objects.bulk_create(
        [
            named(reportingrequirement_id=req.pk, unit_id=u)
            for req, line in zip(requirements, content.requirements, strict=True)
            for u in dict.fromkeys(line.named_unit_ids)
        ]
    )
    document.relations_out.all().delete()
    DocumentRelation.objects.bulk_create(
        [
            DocumentRelation(source=document, target_id=c.target_id, kind=c.kind)
            for c in content.citations
            if c.target_id != document.pk
        ],
        ignore_conflicts=True,
    )


def content_of(document: Document) -> DraftContent:
    """The draft's current content in the editor's shape (for the editor and for derived drafts)."""
    return DraftContent(
        doc_type=document.doc_type,
        subject=document.subject,
        department=document.department,
        place=document.place,
        bases=list(document.bases),
        opening=document.opening,
        body=list(document.body),
        body_numbering=document.body_numbering,
        closing=document.closing,
        signature=Signature(
            authority=authority_of(document.signer_authority),
            authority_body=document.signer_authority_body,
            title=document.signer_title,
            name=document.signer_name,
        ),
        recipients=[
            RecipientLine(
                label=r.label,
                purpose=r.purpose,
                selection=r.selection,
                unit_id=r.unit_id,
                kind=r.kind,
                in_kinh_gui=r.in_kinh_gui,
                printed=r.printed,
            )
            for r in document.recipients.all()
        ],
        tasks=[
            TaskLine(title=t.title, text=t.text, unit_ids=[u.pk for u in t.units.all()], due_date=t.due_date)
            for t in document.tasks.prefetch_related("units")
        ],
        requirements=[
            RequirementLine(
                title=q.title,
                frequency=q.frequency,
                to_unit_id=q.to_unit_id,
                via_unit_id=q.via_unit_id,
                due_date=q.due_date,
                deadline_working_days=q.deadline_working_days,
                reporters=q.reporters,
                named_unit_ids=[u.pk for u in q.named_units.all()],
                as_written=q.as_written,
                form_template=q.form_template,
                parent_id=q.parent_id,
                lead_days=q.lead_days,
                ends_on=q.ends_on,
            )
            for q in document.requirements.prefetch_related("named_units")
        ],
        citations=[CitationLine(target_id=r.target_id, kind=r.kind) for r in document.relations_out.all()],
    )


def attachment_add(*, actor, document: Document, filename: str, data: bytes) -> Attachment:
    """Attach a file to a draft. Refuses issued documents, oversize files and unknown types."""
    if not document.is_editable:
        raise DocumentNotEditable("Văn bản đã trình ký hoặc ban hành, không thể thêm tệp đính kèm.")
    ext = os.path.splitext(filename)[1].lower().lstrip(".")
    if ext not in settings.ATTACHMENT_ALLOWED_EXTENSIONS:
        raise AttachmentRefused(
            f"Không nhận tệp .{ext or '?'}; chỉ nhận: {', '.join(settings.ATTACHMENT_ALLOWED_EXTENSIONS)}.",
            field="file",
        )
    if len(data) > settings.ATTACHMENT_MAX_BYTES:
        raise AttachmentRefused(
            f"Tệp quá lớn ({len(data) / 1048576:.1f} MB); tối đa "
            f"{settings.ATTACHMENT_MAX_BYTES // 1048576} MB.",
            field="file",
        )
    if not data:
        raise AttachmentRefused("Tệp rỗng.", field="file")
    safe_name = safe_upload_name(filename)
    digest = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        attachment = Attachment(
            document=document, original_name=safe_name, size=len(data), sha256=digest, uploaded_by=actor
        )
        attachment.file.save(safe_name, ContentFile(data), save=False)
        attachment.save()
        event_record(
            actor=actor,
            action="document.attachment_added",
            obj=document,
            unit=document.issuer,
            details={"file": safe_name, "sha256": digest},
        )
    return attachment


def preview_number_symbol(document: Document) -> str:
    return number_symbol_for(
        number=None, doc_type=document.doc_type, issuer=issuing_unit(document), department=document.department
    )
