"""Tải toàn bộ văn bản triển khai: the issued PDFs of a document and its cascade as one ZIP.

The request (`render_batch_request`) fixes the list of documents and enqueues the work after
commit. A worker runs `render_batch_run`: it claims the batch with a conditional UPDATE, makes
sure every document has its stored PDF, then writes the ZIP. Other workers may help with
`render_batch_assist`, which renders documents of the same batch without claiming it.

The issued file is produced once (SPEC capability 6): a document that has its PDF is never rendered
again, and a document without one is rendered under its row lock, so two workers never both store it.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
import uuid
import zipfile
from enum import Enum

from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.functions import Greatest
from django.utils import timezone

from directives import conf
from directives.access import documents_visible_to
from directives.cascade import ISSUED_STATUSES, cascade_entries
from directives.errors import BatchRefused
from directives.models import Document, RenderBatch, Status
from directives.services.signing import issued_pdf_store
from portal.audit.services import event_record
from portal.lib.dates import vn_short
from portal.lib.queue import enqueue

log = logging.getLogger(__name__)


# --- the request --------------------------------------------------------------------------------------


def render_batch_request(*, actor, document: Document) -> RenderBatch:
    """Ask for the ZIP of the document and every implementing document of its cascade the actor may see.

    Refuses (BatchRefused) a document the actor cannot see, one that is not issued, and a cascade
    larger than PDF_BATCH_MAX_DOCUMENTS. While the actor's previous batch for the same document is
    still being made, that batch is returned instead of a new one. The work starts after commit.
    """
    if not documents_visible_to(actor).filter(pk=document.pk).exists():
        raise BatchRefused("Bạn không có quyền xem văn bản này.")
    if document.is_external or document.status not in ISSUED_STATUSES:
        raise BatchRefused("Chỉ tải được văn bản đã ban hành trên hệ thống.")
    entries = cascade_entries(document, user=actor)
    if len(entries) > (limit := conf.batch_max_documents()):
        raise BatchRefused(
            f"Cây triển khai có {len(entries)} văn bản, vượt giới hạn {limit} "
            "văn bản cho một lần tải. Hãy tải từ văn bản triển khai của cấp dưới."
        )
    active = RenderBatch.objects.filter(
        requested_by=actor,
        document=document,
        status__in=[RenderBatch.Status.QUEUED, RenderBatch.Status.RUNNING],
    )
    try:
        with transaction.atomic():
            if (existing := active.first()) is not None:
                if _abandoned(existing):  # its message was lost (broker down at enqueue) or its worker died
                    transaction.on_commit(lambda: _enqueue(existing.pk))
                return existing
            batch = RenderBatch(requested_by=actor, document=document, entries=entries, total=len(entries))
            batch.full_clean(validate_constraints=False)
            batch.save()
            event_record(
                actor=actor,
                action="render_batch.requested",
                obj=batch,
                unit=document.issuer,
                details={"document": document.pk, "total": len(entries)},
            )
            transaction.on_commit(lambda: _enqueue(batch.pk))
    except IntegrityError:  # a second request raced this one: follow the batch it made
        return active.get()
    return batch


def _abandoned(batch: RenderBatch) -> bool:
    since = timezone.now() - conf.batch_stale_after()
    if batch.status == RenderBatch.Status.QUEUED:
        return batch.created_at < since
    return batch.heartbeat_at is None or batch.heartbeat_at < since


def _enqueue(batch_id: int) -> bool:
    """Publish the batch's messages. With the broker down nothing is raised (the request that asked for
    the batch has committed): the batch stays queued and `render_batch_requeue_abandoned` publishes it again."""
    # directives.tasks imports this module (its tasks call these services): imported here to break the cycle.
    from directives.tasks import render_batch, render_batch_assist

    queue = conf.batch_queue()
    if not enqueue(render_batch, batch_id, queue=queue):
        return False
    for _ in range(conf.batch_assistants()):
        enqueue(render_batch_assist, batch_id, queue=queue)
    return True


def render_batch_requeue_abandoned(*, limit: int = 500) -> int:
    """Beat's sweep: publish again every batch whose message was lost or whose worker died.

    A batch is abandoned when it is still queued PDF_BATCH_STALE_SECONDS after it was requested (the
    broker was down when it was enqueued, or lost the message) or running with a stale heartbeat. The
    worker's claim makes a batch published twice harmless. Returns how many batches were enqueued.
    """
    since = timezone.now() - conf.batch_stale_after()
    abandoned = (
        Q(status=RenderBatch.Status.QUEUED, created_at__lt=since)
        | Q(status=RenderBatch.Status.RUNNING, heartbeat_at__lt=since)
        | Q(status=RenderBatch.Status.RUNNING, heartbeat_at__isnull=True)
    )
    ids = list(RenderBatch.objects.filter(abandoned).order_by("pk").values_list("pk", flat=True)[:limit])
    queued = 0
    for batch_id in ids:
        if not _enqueue(batch_id):
            break  # the broker is still down: the next sweep tries again
        queued += 1
    if ids:
        log.info("render batches: %s of %s abandoned batches enqueued again", queued, len(ids))
    return queued


# --- one document, produced once -------------------------------------------------------------------


class Outcome(Enum):
    READY = "ready"  # already stored
    RENDERED = "rendered"  # rendered and stored just now
    BUSY = "busy"  # another worker holds it (and is rendering it)
    MISSING = "missing"  # gone, or not an issued document


def issued_pdf_ensure(document_id: int, *, wait: bool) -> Outcome:
    """Make sure an issued document has its stored PDF, rendering it only when it has none.

    The render happens under the document's row lock, so a second worker either waits for it
    (wait=True) or is told BUSY (wait=False) — it never renders and stores the file a second time.
    """
    if Document.objects.filter(pk=document_id).exclude(pdf="").exists():
        return Outcome.READY
    with transaction.atomic():
        document = (
            Document.objects.select_for_update(of=("self",), skip_locked=not wait)
            .select_related("issuer")
            .filter(pk=document_id)
            .first()
        )
        if document is None:
            return (
                Outcome.BUSY
                if not wait and Document.objects.filter(pk=document_id).exists()
                else Outcome.MISSING
            )
        if document.pdf:
            return Outcome.READY
        if document.status not in ISSUED_STATUSES or document.is_external:
            return Outcome.MISSING
        issued_pdf_store(document)
    return Outcome.RENDERED


# --- the worker's side ---------------------------------------------------------------------------------


class _LostClaim(Exception):
    """Another worker took the batch over (ours looked dead): stop without touching it."""


def _claim(batch_id: int) -> str | None:
    now = timezone.now()
    token = uuid.uuid4().hex
    claimable = Q(status=RenderBatch.Status.QUEUED) | Q(
        status=RenderBatch.Status.RUNNING, heartbeat_at__lt=now - conf.batch_stale_after()
    )
    claimed = RenderBatch.objects.filter(claimable, pk=batch_id).update(
        status=RenderBatch.Status.RUNNING, claim_token=token, heartbeat_at=now, attempts=F("attempts") + 1
    )
    return token if claimed else None


def _ids(batch: RenderBatch) -> list[int]:
    return [e["id"] for e in batch.entries]


def _progress(batch: RenderBatch, *, token: str | None) -> None:
    """Count the batch's stored PDFs into `done`; the owner's call is also its heartbeat."""
    ready = Document.objects.filter(pk__in=_ids(batch)).exclude(pdf="").count()
    rows = RenderBatch.objects.filter(pk=batch.pk)
    if token is None:
        rows.filter(status__in=[RenderBatch.Status.QUEUED, RenderBatch.Status.RUNNING]).update(
            done=Greatest("done", ready)
        )
    elif not rows.filter(claim_token=token, status=RenderBatch.Status.RUNNING).update(
        done=Greatest("done", ready), heartbeat_at=timezone.now()
    ):
        raise _LostClaim


def render_batch_run(*, batch_id: int) -> str:
    """Claim the batch and produce its ZIP. Returns what happened: "done", "failed", "finished"
    (nothing to do: already done or failed) or "busy" (a live worker holds it; try again later)."""
    token = _claim(batch_id)
    if token is None:
        status = RenderBatch.objects.filter(pk=batch_id).values_list("status", flat=True).first()
        return "busy" if status in (RenderBatch.Status.QUEUED, RenderBatch.Status.RUNNING) else "finished"
    batch = RenderBatch.objects.select_related("document", "document__issuer", "requested_by").get(
        pk=batch_id
    )
    current = None
    try:
        deferred = []
        for current in _ids(batch):
            if issued_pdf_ensure(current, wait=False) is Outcome.BUSY:
                deferred.append(current)  # a helper is rendering it: come back when it is stored
            _progress(batch, token=token)
        for current in deferred:
            issued_pdf_ensure(current, wait=True)
            _progress(batch, token=token)
        current = None
        _write_zip(batch, token)
    except _LostClaim:
        log.warning("render batch %s was taken over by another worker", batch_id)
        return "finished"
    except Exception as exc:  # a batch is never left "running" by an error: the requester sees it failed
        return _fail(batch, token, current, exc)
    return "done"


def render_batch_assist(*, batch_id: int) -> int:
    """Render documents of an unfinished batch that no other worker holds; returns how many."""
    batch = RenderBatch.objects.filter(
        pk=batch_id, status__in=[RenderBatch.Status.QUEUED, RenderBatch.Status.RUNNING]
    ).first()
    if batch is None:
        return 0
    rendered = 0
    for doc_id in _ids(batch):
        try:
            outcome = issued_pdf_ensure(doc_id, wait=False)
        except Exception:  # the owner meets the same error and reports it on the batch
            log.exception("render batch %s: document %s failed in an assistant", batch_id, doc_id)
            continue
        if outcome is Outcome.RENDERED:
            rendered += 1
            _progress(batch, token=None)
    return rendered


def _fail(batch: RenderBatch, token: str, doc_id: int | None, exc: Exception) -> str:
    log.exception("render batch %s failed (document %s)", batch.pk, doc_id)
    if doc_id is None:
        error = f"Không ghi được tệp ZIP: {exc}"
    else:
        symbol = (
            Document.objects.filter(pk=doc_id).values_list("number_symbol", flat=True).first() or f"#{doc_id}"
        )
        error = f"Không tạo được tệp PDF của văn bản {symbol}: {exc}"
    with transaction.atomic():
        if RenderBatch.objects.filter(
            pk=batch.pk, claim_token=token, status=RenderBatch.Status.RUNNING
        ).update(status=RenderBatch.Status.FAILED, error=error[:2000], finished_at=timezone.now()):
            event_record(
                actor=None,
                action="render_batch.failed",
                obj=batch,
                unit=batch.document.issuer,
                details={"document": doc_id, "error": error[:500]},
            )
    return "failed"


# --- the ZIP -------------------------------------------------------------------------------------------


def _file_name(document: Document, taken: set[str]) -> str:
    base = (document.number_symbol or f"van-ban-{document.pk}").replace("/", "_").replace("\\", "_")
    name = f"{base}.pdf"
    if name in taken:  # two district unions both issue "01/KH-LĐLĐ": tell them apart by unit
        issuer = document.issuer  # loaded with the document (select_related): None for no issuer, no query
        name = f"{base} ({issuer.code if issuer is not None else document.pk}).pdf"
    if name in taken:
        name = f"{base} ({document.pk}).pdf"
    taken.add(name)
    return name


def _index_text(batch: RenderBatch, rows: list[tuple[str, Document, int]]) -> str:
    root = batch.document
    who = batch.requested_by.get_full_name() or batch.requested_by.get_username()
    made = timezone.localtime()
    lines = [
        "TẢI TOÀN BỘ VĂN BẢN TRIỂN KHAI",
        f"Văn bản gốc: {root.get_doc_type_display()} số {root.number_symbol} ngày {vn_short(root.issue_date)} "
        f"của {root.issuer_name}",
        f"Trích yếu: {root.subject}",
        f"Người yêu cầu: {who}",
        f"Thời điểm tạo: {made:%H:%M} ngày {made:%d/%m/%Y}",
        f"Số văn bản: {len(rows)}",
        "",
    ]
    for i, (name, doc, depth) in enumerate(rows, 1):
        level = "Văn bản gốc" if depth == 0 else f"Cấp {depth}"
        revoked = " (đã thu hồi)" if doc.status == Status.REVOKED else ""
        lines += [
            f"{i}. [{level}] {name}",
            f"   {doc.get_doc_type_display()} số {doc.number_symbol} ngày {vn_short(doc.issue_date)} "
            f"của {doc.issuer_name}{revoked}",
            f"   Trích yếu: {doc.subject}",
            f"   SHA-256: {doc.pdf_sha256}",
        ]
    return "\ufeff" + "\r\n".join(lines) + "\r\n"  # BOM and CRLF: opens correctly in Windows Notepad


def _write_zip(batch: RenderBatch, token: str) -> None:
    depth = {e["id"]: e["depth"] for e in batch.entries}
    documents = Document.objects.select_related("issuer").in_bulk(list(depth))
    taken: set[str] = set()
    rows = [
        (_file_name(documents[pk], taken), documents[pk], depth[pk])
        for pk in depth
        if pk in documents and documents[pk].pdf
    ]
    symbol = (batch.document.number_symbol or str(batch.document.pk)).replace("/", "_")
    with tempfile.TemporaryFile() as tmp:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("index.txt", _index_text(batch, rows).encode("utf-8"))
            for name, doc, _ in rows:
                with doc.pdf.open("rb") as pdf:
                    data = pdf.read()
                if hashlib.sha256(data).hexdigest() != doc.pdf_sha256:
                    raise RuntimeError(f"Tệp PDF của văn bản {doc.number_symbol} không khớp SHA-256 đã lưu.")
                archive.writestr(name, data)
        tmp.seek(0)
        batch.zip_file.save(f"van-ban-trien-khai-{symbol}-{batch.pk}.zip", File(tmp), save=False)
    with transaction.atomic():
        finished = RenderBatch.objects.filter(
            pk=batch.pk, claim_token=token, status=RenderBatch.Status.RUNNING
        ).update(
            status=RenderBatch.Status.DONE,
            zip_file=batch.zip_file.name,
            done=batch.total,
            finished_at=timezone.now(),
            heartbeat_at=timezone.now(),
        )
        if not finished:
            batch.zip_file.delete(save=False)
            raise _LostClaim
        event_record(
            actor=None,
            action="render_batch.done",
            obj=batch,
            unit=batch.document.issuer,
            details={"documents": len(rows)},
        )
