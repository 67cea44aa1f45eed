"""Backup and restore (issue 8): scripts/backup.sh then scripts/restore.sh into an empty database.

Committed data (transactional test): an issued document with its stored official PDF and an
attachment, a report submitted with an attachment, and reminder ledger rows written by the chase
sweep. backup.sh runs as a subprocess against the test database; restore.sh restores into a new,
empty database on the same server and a fresh media folder. The restored database is read with
psycopg directly (not through Django) and every row and file is compared with the original.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from directives.models import Attachment, Document
from directives.services import compose, signing
from reporting.models import Obligation, Reminder, Report, ReportAttachment
from reporting.services import (
    chase_sweep_run,
    obligations_create_for_document,
    report_attachment_add,
    report_submit,
)
from tests.directives.test_issue import guidance
from tests.reporting.conftest import add_requirement, local, make_document

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

SCRIPTS = Path(settings.BASE_DIR) / "scripts"
REPORT = {
    "sections": {"ket_qua_tuyen_truyen": "Đã tổ chức tuyên truyền."},
    "indicators": {"so_buoi_tuyen_truyen": "2"},
}


def _url(dbname: str) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgresql://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{dbname}"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _script_env(database_url: str, media: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("THONGSUOT_DATA_DIR", "PG_BIN")}
    env.update(DATABASE_URL=database_url, THONGSUOT_MEDIA_ROOT=str(media))
    return env


def run(script: str, *args, database_url: str, media: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(SCRIPTS / script), *map(str, args)],
        env=_script_env(database_url, media),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def media(settings, tmp_path):
    from portal.celery import app

    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True  # notification e-mails in-process, nothing left in the broker
    yield Path(settings.MEDIA_ROOT)
    app.conf.task_always_eager = eager


@pytest.fixture
def empty_database():
    """A new, empty database on the same server; dropped afterwards whatever happens."""
    if connection.vendor != "postgresql":
        pytest.skip("Sao lưu/phục hồi dùng pg_dump/pg_restore: cần PostgreSQL (DATABASE_URL).")
    name = f"{connection.settings_dict['NAME']}_phuchoi_{secrets.token_hex(4)}"
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with psycopg.connect(_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _table_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "select tablename from pg_tables where schemaname = 'public' order by tablename"
            )
        ]
        return {t: conn.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables}


def _the_cascade(cast):
    """Issued document (PDF + attachment); a report submitted with an attachment; reminder rows."""
    draft = guidance(cast)
    doc_attachment = compose.attachment_add(
        actor=cast.lan,
        document=draft,
        filename="phu-luc-ke-hoach.pdf",
        data=b"%PDF-1.4 phu luc " + secrets.token_bytes(2000),
    )
    issued = signing.document_issue(
        actor=cast.hanh, document=signing.document_submit(actor=cast.lan, document=draft)
    )
    with time_machine.travel(local(2024, 1, 29, 9), tick=False):
        plan = make_document(issuer=cast.ldld, recipients=[cast.yenthe, cast.tanyen])
        add_requirement(plan, frequency="semiannual", to_unit=cast.ldld)
        obligations_create_for_document(document=plan, actor=cast.hung)
    yenthe = Obligation.objects.get(unit=cast.yenthe, requirement__document=plan, period_key="2024-S1")
    with time_machine.travel(local(2024, 6, 20, 10), tick=False):
        chase_sweep_run()  # the deadline has passed: Yên Thế and Tân Yên are reminded
        upload = SimpleUploadedFile(
            "bao-cao-6-thang.docx",
            b"PK\x03\x04 bao cao " + secrets.token_bytes(3000),
            content_type="application/vnd.openxmlformats-officedocument",
        )
        report_attachment_add(actor=cast.binh, obligation=yenthe, upload=upload)
        report_submit(actor=cast.binh, obligation=yenthe, data=REPORT)
    return issued, doc_attachment


def test_a_backup_restores_into_an_empty_database_with_every_row_and_file(
    tcast, media, empty_database, tmp_path
):
    issued, doc_attachment = _the_cascade(tcast)
    documents = {d.pk: (d.number_symbol, d.pdf.name, d.pdf_sha256) for d in Document.objects.all()}
    pdfs = {d.pdf.name: d.pdf_sha256 for d in Document.objects.exclude(pdf="")}
    attachments = {a.pk: (a.file.name, a.sha256) for a in Attachment.objects.all()}
    reports = {r.pk: (r.obligation_id, r.state, r.data) for r in Report.objects.all()}
    report_files = {a.pk: (a.file.name, a.sha256) for a in ReportAttachment.objects.all()}
    reminders = {r.pk: (r.obligation_id, r.recipient_id, r.stage, r.outcome) for r in Reminder.objects.all()}
    # The cascade really holds what the backup must carry.
    assert issued.pdf and len(issued.pdf_sha256) == 64 and doc_attachment.pk in attachments
    assert _sha(media / issued.pdf.name) == issued.pdf_sha256
    assert len(report_files) == 1 and [s for (_, s, _) in reports.values()] == ["submitted"]
    assert len(reminders) >= 2
    source = _url(connection.settings_dict["NAME"])
    source_counts = _table_counts(source)

    backups = tmp_path / "backups"
    made = run("backup.sh", backups, database_url=source, media=media)
    assert made.returncode == 0, made.stdout + made.stderr
    (folder,) = [p for p in backups.iterdir()]
    assert folder.name.startswith("thongsuot-")
    assert sorted(p.name for p in folder.iterdir()) == [
        "db.dump",
        "info.txt",
        "manifest.sha256",
        "media.tar.gz",
    ]
    manifest = dict(
        reversed(line.split("  ")) for line in (folder / "manifest.sha256").read_text().splitlines()
    )
    assert manifest == {"db.dump": _sha(folder / "db.dump"), "media.tar.gz": _sha(folder / "media.tar.gz")}
    assert (folder / "db.dump").read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    assert f"media_root: {media}" in (folder / "info.txt").read_text()

    restored_media = tmp_path / "restored-media"
    target = _url(empty_database)
    restored = run("restore.sh", folder, database_url=target, media=restored_media)
    assert restored.returncode == 0, restored.stdout + restored.stderr

    assert _table_counts(target) == source_counts
    with psycopg.connect(target) as db:
        got_documents = {
            pk: (sym, pdf, sha)
            for pk, sym, pdf, sha in db.execute(
                "select id, number_symbol, pdf, pdf_sha256 from directives_document"
            )
        }
        got_attachments = {
            pk: (f, s) for pk, f, s in db.execute("select id, file, sha256 from directives_attachment")
        }
        got_reports = {
            pk: (ob, st, data)
            for pk, ob, st, data in db.execute("select id, obligation_id, state, data from reporting_report")
        }
        got_report_files = {
            pk: (f, s) for pk, f, s in db.execute("select id, file, sha256 from reporting_reportattachment")
        }
        got_reminders = {
            pk: (ob, rec, stage, out)
            for pk, ob, rec, stage, out in db.execute(
                "select id, obligation_id, recipient_id, stage, outcome from reporting_reminder"
            )
        }
    assert got_documents == documents
    assert got_attachments == attachments
    assert got_reports == reports
    assert got_report_files == report_files
    assert got_reminders == reminders
    # Every file the restored rows name is in the restored media folder, byte for byte.
    for name, sha in [*pdfs.items(), *attachments.values(), *report_files.values()]:
        assert _sha(restored_media / name) == sha, name
        assert _sha(restored_media / name) == _sha(media / name), name
    assert sorted(
        str(p.relative_to(restored_media)) for p in restored_media.rglob("*") if p.is_file()
    ) == sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())

    # A second restore over the now-filled database is refused, saying why, and changes nothing.
    again = run("restore.sh", folder, database_url=target, media=tmp_path / "other-media")
    assert again.returncode != 0
    assert "không trống" in again.stderr and "createdb" in again.stderr
    assert not (tmp_path / "other-media").exists()
    assert _table_counts(target) == source_counts


def test_a_damaged_backup_or_a_used_media_folder_is_refused_before_anything_is_written(
    tcast, media, empty_database, tmp_path
):
    signing.document_issue(actor=tcast.hanh, document=guidance(tcast))
    source = _url(connection.settings_dict["NAME"])
    backups = tmp_path / "backups"
    assert run("backup.sh", backups, database_url=source, media=media).returncode == 0
    (folder,) = list(backups.iterdir())
    target = _url(empty_database)

    used = tmp_path / "used-media"
    used.mkdir()
    (used / "cu.pdf").write_bytes(b"%PDF old")
    refused = run("restore.sh", folder, database_url=target, media=used)
    assert (
        refused.returncode != 0 and "thư mục media đích" in refused.stderr and "không trống" in refused.stderr
    )
    assert _table_counts(target) == {}

    tar = folder / "media.tar.gz"
    data = bytearray(tar.read_bytes())
    data[len(data) // 2] ^= 0xFF
    tar.write_bytes(bytes(data))
    damaged = run("restore.sh", folder, database_url=target, media=tmp_path / "fresh")
    assert damaged.returncode != 0 and "mã băm không khớp" in damaged.stderr
    assert _table_counts(target) == {} and not (tmp_path / "fresh").exists()


def test_backup_finds_the_media_folder_the_way_the_settings_do(tmp_path):
    """THONGSUOT_MEDIA_ROOT wins; otherwise THONGSUOT_DATA_DIR/media — as portal/settings/ computes it."""
    probe = "source scripts/backup_lib.sh; media_root"
    base = {k: v for k, v in os.environ.items() if k not in ("THONGSUOT_MEDIA_ROOT", "THONGSUOT_DATA_DIR")}
    for extra, expected in [
        (
            {"THONGSUOT_MEDIA_ROOT": str(tmp_path / "m"), "THONGSUOT_DATA_DIR": str(tmp_path / "d")},
            tmp_path / "m",
        ),
        ({"THONGSUOT_DATA_DIR": str(tmp_path / "d")}, tmp_path / "d" / "media"),
        ({}, Path(settings.BASE_DIR) / "data" / "media"),
    ]:
        out = subprocess.run(
            ["bash", "-c", probe],
            cwd=settings.BASE_DIR,
            env={**base, **extra},
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        assert out.stdout.strip() == str(expected)
        django = subprocess.run(
            [
                sys.executable,
                "manage.py",
                "shell",
                "-c",
                "from django.conf import settings; print(settings.MEDIA_ROOT)",
            ],
            cwd=settings.BASE_DIR,
            env={**base, **extra, "DJANGO_SETTINGS_MODULE": "portal.settings"},
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        assert django.stdout.strip().splitlines()[-1] == str(expected)
