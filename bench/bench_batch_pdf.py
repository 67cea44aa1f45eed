"""Batch rendering ("Tải toàn bộ văn bản triển khai") of 100 documents with one and with two Celery workers.

    DATABASE_URL=postgresql://… REDIS_URL=redis://… .venv/bin/python bench/bench_batch_pdf.py [--documents 100]

Works in its own database (``thongsuot_bench_batch`` on the server of DATABASE_URL, dropped and
recreated; the main database is never touched) and its own media folder. It builds a provincial
federation with 99 grassroots unions and issues a Kế hoạch to them, then one implementing plan per
union — 100 issued documents, all issued with ``render=False`` so none has its PDF yet.

Each run asks for the ZIP of the whole cascade through ``render_batch_request`` and times it until the
batch is done, with real ``celery worker --pool=solo`` processes on a queue of their own:

* 1 worker: the ``render_batch`` task renders all 100 PDFs itself, then writes the ZIP;
* 2 workers: one worker runs ``render_batch``, the other a ``render_batch_assist`` message for the same
  batch (PDF_BATCH_ASSISTANTS = workers − 1); each document is rendered under its row lock by
  whichever worker gets it first, so the two share the work and nothing is rendered twice.

Between runs the stored PDFs are cleared (only in this throw-away database), so every run renders
all 100. Worker start-up is not timed; each worker's first render (fonts loaded) is. An in-process
row (no Celery, one Python process, sequential) shows the rendering cost alone.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_tree import bench_database, drop_database  # noqa: E402

BODY = [
    {
        "heading": "MỤC ĐÍCH, YÊU CẦU",
        "text": "<p>Quán triệt sâu rộng chủ trương của Đảng, chính sách, pháp luật của Nhà nước về công tác thông tin "
        "đối ngoại trong đoàn viên, công nhân, viên chức, lao động; nâng cao nhận thức, trách nhiệm của các cấp "
        "công đoàn đối với nhiệm vụ thông tin đối ngoại trong tình hình mới.</p>"
        "<p>Việc triển khai phải bảo đảm thiết thực, hiệu quả, đúng đối tượng, phù hợp với điều kiện của từng "
        "đơn vị; gắn với việc thực hiện các phong trào thi đua do công đoàn phát động.</p>",
    },
    {
        "heading": "NỘI DUNG, NHIỆM VỤ",
        "text": "".join(
            f"<p>{i}. Tuyên truyền về thành tựu đổi mới, hội nhập quốc tế của đất nước; về hình ảnh con "
            f"người, văn hóa Việt Nam; về chủ quyền biển, đảo và đường biên giới quốc gia; đấu tranh phản "
            f"bác các thông tin sai trái, xuyên tạc trên không gian mạng (nội dung {i}).</p>"
            for i in range(1, 9)
        ),
    },
    {
        "heading": "TỔ CHỨC THỰC HIỆN",
        "text": "<p>Các đơn vị xây dựng kế hoạch, báo cáo kết quả định kỳ.</p>",
        "tasks_here": True,
    },
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db-name", default="thongsuot_bench_batch")
    parser.add_argument(
        "--documents", type=int, default=100, help="the root plan and documents − 1 implementing ones"
    )
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database and media folder")
    parser.add_argument("--json", help="also write the rows to this JSON file (bench/run_all.py reads it)")
    return parser.parse_args()


def build(n: int):
    """A federation, its n − 1 grassroots unions, the federation's plan and one implementing plan per union."""
    from django.contrib.auth import get_user_model

    from directives.models import Delivery, Purpose, Selection
    from directives.services import compose, derive, signing
    from directives.services.compose import RecipientLine, TaskLine
    from portal.org.models import Membership, Unit
    from portal.org.services import units_bulk_build

    units_bulk_build(
        roots=[
            {
                "code": "bench-ldld",
                "name": "Liên đoàn Lao động tỉnh Thử nghiệm",
                "short_name": "LĐLĐ",
                "kind": "union_province",
                "regime": "union",
                "parent_line": "TỔNG LĐLĐ VIỆT NAM",
                "place_name": "Bắc Giang",
                "children": [
                    {
                        "code": f"bench-cdcs-{i}",
                        "name": f"Công đoàn cơ sở Trường Tiểu học số {i}",
                        "short_name": "CĐCS",
                        "kind": "union_grassroots",
                        "regime": "union",
                        "parent_line": "LĐLĐ TỈNH THỬ NGHIỆM",
                        "place_name": "Bắc Giang",
                    }
                    for i in range(1, n)
                ],
            }
        ]
    )
    fed = Unit.objects.get(code="bench-ldld")
    User = get_user_model()
    user = User.objects.create_user("bench.signer", "", "x", first_name="Người ký thử")
    Membership.objects.bulk_create(
        [
            Membership(user=user, unit=u, role=role)
            for u in Unit.objects.filter(path__startswith=fed.path)
            for role in ("drafter", "signer")
        ]
    )
    user = User.objects.get(pk=user.pk)
    doc = compose.document_create_draft(actor=user, issuer=fed, doc_type="KH")
    content = compose.content_of(doc)
    content.subject = "Kế hoạch triển khai công tác thông tin đối ngoại năm 2025"
    content.opening = (
        "Thực hiện Hướng dẫn số 132-HD/BTGTW của Ban Tuyên giáo Trung ương, LĐLĐ tỉnh xây dựng kế hoạch:"
    )
    content.body = BODY
    content.signature = dataclasses.replace(
        content.signature,
        authority="TM",
        authority_body="BAN THƯỜNG VỤ",
        title="CHỦ TỊCH",
        name="Nguyễn Văn Thử",
    )
    content.recipients = [
        RecipientLine(
            label="Các CĐCS trực thuộc",
            purpose=Purpose.THUC_HIEN,
            selection=Selection.CHILDREN,
            unit_id=fed.pk,
        )
    ]
    content.tasks = [
        TaskLine(
            title="Các công đoàn cơ sở",
            text="Tổ chức quán triệt, báo cáo kết quả trước 15/12.",
            unit_ids=list(
                Unit.objects.filter(path__startswith=fed.path, depth=fed.depth + 1).values_list(
                    "pk", flat=True
                )
            ),
        )
    ]
    root = signing.document_issue(
        actor=user,
        render=False,
        document=compose.document_save_draft(actor=user, document=doc, content=content),
    )
    for delivery in Delivery.objects.filter(document=root).select_related("unit", "document"):
        draft = derive.document_derive(actor=user, delivery=delivery)
        content = compose.content_of(draft)
        content.body[0]["text"] = BODY[0]["text"]
        content.signature = dataclasses.replace(content.signature, title="CHỦ TỊCH", name="Trần Thị Cơ Sở")
        signing.document_issue(
            actor=user,
            render=False,
            document=compose.document_save_draft(actor=user, document=draft, content=content),
        )
    admin = User.objects.create_superuser("bench.admin", "", "x", first_name="Quản trị thử")
    return root, admin


def clear_pdfs(media: Path) -> None:
    """Throw-away database only: forget the stored PDFs so the next run renders all of them again."""
    from directives.models import Document, RenderBatch

    Document.objects.update(pdf="", pdf_sha256="")
    RenderBatch.objects.all().delete()
    shutil.rmtree(media, ignore_errors=True)


def pages_stored() -> int:
    import pypdf

    from directives.models import Document

    return sum(len(pypdf.PdfReader(d.pdf.path).pages) for d in Document.objects.exclude(pdf=""))


def start_workers(count: int, queue: str, env: dict, logs: Path) -> list[subprocess.Popen]:
    procs = []
    for i in range(count):
        log_path = logs / f"{queue}-w{i + 1}.log"
        with log_path.open("wb") as log:
            procs.append(
                subprocess.Popen(
                    [
                        str(ROOT / ".venv/bin/celery"),
                        "-A",
                        "portal",
                        "worker",
                        "-Q",
                        queue,
                        "--pool=solo",
                        "--concurrency=1",
                        "-n",
                        f"w{i + 1}-{queue}@%h",
                        "--without-gossip",
                        "--without-mingle",
                        "--without-heartbeat",
                        "--loglevel=INFO",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        deadline = time.monotonic() + 60
        while b" ready." not in log_path.read_bytes():
            if procs[-1].poll() is not None or time.monotonic() > deadline:
                sys.exit(f"worker did not start:\n{log_path.read_text(errors='replace')}")
            time.sleep(0.1)
    return procs


def stop_workers(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def process_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def children_cpu() -> float:
    """CPU seconds of the worker processes that have exited (and been waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def forget_queue(queue: str) -> None:
    """Remove the bindings Celery left in Redis for a benchmark queue (the queue itself is empty)."""
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    for key in client.scan_iter(match=f"*{queue}*"):
        client.delete(key)


def main() -> None:
    args = parse_args()
    if not os.environ.get("REDIS_URL"):
        sys.exit("REDIS_URL=redis://… is required: the workers take their tasks from Redis.")
    admin_url, bench_url = bench_database(args)
    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    media = work / "media"
    os.environ.update(
        DATABASE_URL=bench_url,
        THONGSUOT_MEDIA_ROOT=str(media),
        THONGSUOT_DATA_DIR=str(work / "data"),
        DJANGO_SETTINGS_MODULE="portal.settings",
        CELERY_TASK_ALWAYS_EAGER="0",
        # The cascade is issued in one step (no digital signatures): the batch's rendering is what is measured.
        THONGSUOT_SIGNING_REQUIRED="0",
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from directives.cascade import cascade_entries
    from directives.models import RenderBatch
    from directives.services.batch import issued_pdf_ensure, render_batch_request
    from portal.celery import app

    call_command("migrate", verbosity=0, interactive=False)
    start = time.perf_counter()
    # Issuing notifies the recipients and e-mails them through Celery: run those tasks here, in this
    # database, rather than leave 100 messages on the shared default queue.
    app.conf.task_always_eager = True
    root, admin = build(args.documents)
    app.conf.task_always_eager = False
    entries = cascade_entries(root, user=admin)
    print(f"built {len(entries)} issued documents (no PDF yet) in {time.perf_counter() - start:.1f} s")
    assert len(entries) == args.documents, len(entries)

    rows = []  # (mode, seconds, pages, CPU seconds)
    clear_pdfs(media)
    cpu_before, start = process_cpu(), time.perf_counter()
    for entry in entries:
        issued_pdf_ensure(entry["id"], wait=True)
    rows.append(
        (
            "in-process, sequential (no Celery)",
            time.perf_counter() - start,
            pages_stored(),
            process_cpu() - cpu_before,
        )
    )

    worker_env = {k: v for k, v in os.environ.items() if not k.startswith("CELERY_")}
    worker_env["PYTHONUNBUFFERED"] = "1"
    for count in args.workers:
        clear_pdfs(media)
        queue = f"bench-batch-{uuid.uuid4().hex[:8]}"
        settings.PDF_BATCH_QUEUE, settings.PDF_BATCH_ASSISTANTS = queue, count - 1
        cpu_before = children_cpu()
        procs = start_workers(count, queue, worker_env, work)
        try:
            start = time.perf_counter()
            batch = render_batch_request(actor=admin, document=root)  # autocommit: published at once
            deadline = time.monotonic() + 1800
            while (batch := RenderBatch.objects.get(pk=batch.pk)).is_active and time.monotonic() < deadline:
                time.sleep(0.05)
            elapsed = time.perf_counter() - start
        finally:
            stop_workers(procs)
        cpu = children_cpu() - cpu_before
        if batch.status != "done":
            sys.exit(f"batch {batch.status}: {batch.error}")
        helped = sum(
            int(n)
            for log in work.glob(f"{queue}-w*.log")
            for n in re.findall(r"render_batch_assist\[[^]]+\] succeeded in [^:]+: (\d+)", log.read_text())
        )
        forget_queue(queue)
        label = f"Celery, {count} worker{'s' if count > 1 else ''}" + (
            f" ({helped} rendered by the assisting worker)" if count > 1 else ""
        )
        rows.append((label, elapsed, pages_stored(), cpu))

    print()
    print(
        f"{'mode':<40} | {'docs':>4} | {'pages':>5} | {'seconds':>7} | {'pages/s':>7} | {'CPU s':>6} | speed-up"
    )
    print("-" * 96)
    one = next((s for (m, s, _, _) in rows if m == "Celery, 1 worker"), None)
    for mode, seconds, pages, cpu in rows:
        ratio = f"{one / seconds:.2f}×" if one and mode.startswith("Celery") else ""
        print(
            f"{mode:<40} | {args.documents:>4} | {pages:>5} | {seconds:>7.2f} | {pages / seconds:>7.1f} | "
            f"{cpu:>6.1f} | {ratio}"
        )
    print(
        f"\n(speed-up: wall time of 1 worker / wall time of this row. {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f} at the end. Celery rows include each worker's first render with cold fonts and "
        "the ZIP; their CPU s is the workers' whole life, start-up included.)"
    )
    if args.json:
        import json

        Path(args.json).write_text(
            json.dumps(
                [
                    {"mode": m, "documents": args.documents, "seconds": s, "pages": p, "cpu": c}
                    for m, s, p, c in rows
                ],
                ensure_ascii=False,
            )
        )
    if not args.keep:
        from django.db import connections

        connections.close_all()
        drop_database(admin_url, args.db_name)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
