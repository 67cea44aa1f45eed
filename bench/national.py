"""A national-scale dataset: the trade-union tree, a year of directives cascaded through it, and the reports.

    DATABASE_URL=postgresql://… .venv/bin/python bench/national.py [--scale 0.02] [--db-name thongsuot_national]

Builds, in its OWN database (dropped and recreated next to DATABASE_URL's; the main database is never
touched, ``--keep`` leaves it for inspection):

* the tree of bench_tree.py — Tổng LĐLĐ Việt Nam → 34 provincial federations → ~3,500 upper-level unions
  (commune/ward federations, sectoral and industrial-zone unions) → ~130,000 grassroots unions — with the
  Party/propaganda line of the demo seeds on top (Ban Chấp hành Trung ương → Ban Tuyên giáo và Dân vận TW);
* ~20 directives of the year issued by the central propaganda board to TLĐ and cascaded: TLĐ's plan to
  the provinces, each province's plan to its upper-level unions, each upper-level union's plan to its
  grassroots unions (92 % issued, 4 % still drafting, 4 % not started), with the Delivery rows (read,
  acknowledged, ``implemented_by``), the ``implements`` relations and a number-symbol per plan;
* on half of the directives a 6-month and an annual reporting requirement carried down every level
  (``parent``, ``lead_days`` +5 a level), their RequirementPeriod rows and one Obligation per recipient
  and period — millions at full scale — with the mix the services would have left: the 6-month period
  past due (mostly on time, some late, ~15 % missing and overdue, a few excused), the annual one open
  (a few submitted early, some drafts); a Report (and one or two ReportVersion rows) for every
  submission, the chaser's next stage on every pending obligation;
* accounts with memberships: a leader (signer + drafter) for every unit down to the upper-level unions
  and a reporter for every unit, password ``ThongSuot@2024`` (``bench.admin`` is a superuser).

The reporting half (requirements down to report versions) lives in bench/national_reporting.py.

Everything is written set-based (INSERT … SELECT, COPY, bulk_create in batches of 10,000); each stage
prints its row count and seconds. ``--scale 0.02`` makes a small run (~2,600 grassroots unions).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_tree import PROVINCES, bench_database, drop_database, national_tree  # noqa: E402

PASSWORD = "ThongSuot@2024"
DIRECTIVES = 20
REPORTING_DIRECTIVES = 10
LEAD = 5  # CASCADE_DEADLINE_LEAD_DAYS: each level reports this much earlier
# The dataset's "now": fixed, so the data are the same whatever day they are generated. On this day the
# 6-month period of 2025 is past due at every level and the annual one is open at every level (the
# grassroots deadline, 15 days before the federation's, falls in early December).
REFERENCE_NOW = dt.datetime(2025, 10, 20, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
TOPICS = [
    "công tác thông tin đối ngoại",
    "tuyên truyền biển, đảo Việt Nam",
    "chuyển đổi số trong hoạt động công đoàn",
    "phát triển đoàn viên, thành lập công đoàn cơ sở",
    "Tháng Công nhân",
    "an toàn, vệ sinh lao động",
    "bảo vệ nền tảng tư tưởng của Đảng",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "phòng, chống tham nhũng, tiêu cực",
    "thực hành dân chủ ở cơ sở",
    "chăm lo Tết cho đoàn viên, người lao động",
    "phòng, chống tác hại của thuốc lá",
    "bình đẳng giới",
    "phòng cháy, chữa cháy",
    "an ninh mạng",
    "tổ chức Đại hội công đoàn các cấp",
    "công tác dân vận",
    "thi đua, khen thưởng",
    "phổ biến, giáo dục pháp luật",
    "bảo hiểm xã hội, bảo hiểm y tế",
    "phát triển văn hóa đọc",
    "thực hành tiết kiệm, chống lãng phí",
]
SECTIONS = {
    "ket_qua_tuyen_truyen": "Đã tổ chức quán triệt, tuyên truyền đến toàn thể đoàn viên, người lao động.",
    "hoat_dong_doi_ngoai": "Phối hợp với chuyên môn tổ chức các hoạt động theo kế hoạch.",
    "kho_khan": "",
    "de_xuat": "",
}


def shape(scale: float) -> tuple[int, int, int]:
    """(provinces, upper-level unions per province, grassroots unions) for a scale (1.0 = national)."""
    provinces = max(2, min(len(PROVINCES), round(len(PROVINCES) * math.sqrt(scale))))
    uppers = max(2, round(3_502 * scale / provinces))
    grassroots = max(provinces * uppers * 2, round(130_000 * scale))
    return provinces, uppers, grassroots


class Stages:
    """Prints and keeps (stage, rows, seconds)."""

    def __init__(self, log=print):
        self.rows: list[tuple[str, int, float]] = []
        self.log = log

    def run(self, label: str, fn):
        start = time.perf_counter()
        rows = fn()
        seconds = time.perf_counter() - start
        self.rows.append((label, rows, seconds))
        self.log(f"  {label:<58} {rows:>11,} rows {seconds:>8.1f} s")
        return rows


def _execute(sql: str, params=None) -> int:
    from django.db import connection

    with connection.cursor() as c:
        c.execute(sql, params or {})
        return max(c.rowcount, 0)


def _copy(table: str, columns: tuple[str, ...], rows) -> int:
    from django.db import connection

    n = 0
    with connection.cursor() as c, c.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            n += 1
    return n


def generate(
    *,
    scale: float = 1.0,
    directives: int = DIRECTIVES,
    reporting: int = REPORTING_DIRECTIVES,
    now: dt.datetime | None = None,
    vacuum: bool = True,
    log=print,
) -> dict:
    """Load the national dataset into the (migrated, empty) current database; returns counts and stages."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from directives.models import Document, DocumentRelation
    from portal.lib.search import fold
    from portal.org.models import Membership, Unit
    from portal.org.services import units_bulk_build

    now = now or REFERENCE_NOW
    year = (
        timezone.localdate(now).year
        if timezone.localdate(now) >= dt.date(timezone.localdate(now).year, 7, 20)
        else timezone.localdate(now).year - 1
    )  # the 6-month period of the year must be past due
    n_prov, n_upper, n_grass = shape(scale)
    stages = Stages(log)
    t_all = time.perf_counter()
    log(
        f"National dataset, scale {scale}: {n_prov} provinces × {n_upper} upper-level unions, {n_grass:,} grassroots "
        f"unions; {directives} directives of {year}, {reporting} with 6-month and annual reports."
    )

    # --- the tree -------------------------------------------------------------------------------------------
    party = {
        "code": "bch-tw",
        "name": "Ban Chấp hành Trung ương Đảng",
        "short_name": "BCHTW",
        "kind": "party_central",
        "regime": "party",
        "place_name": "Hà Nội",
        "children": [
            {
                "code": "btgdv-tw",
                "name": "Ban Tuyên giáo và Dân vận Trung ương",
                "short_name": "BTGDVTW",
                "kind": "party_board",
                "regime": "party",
                "parent_line": "BAN CHẤP HÀNH TRUNG ƯƠNG",
                "place_name": "Hà Nội",
            }
        ],
    }
    tree = national_tree(n_prov, n_upper, n_grass)
    stages.run("units (units_bulk_build)", lambda: units_bulk_build(roots=[party, tree], batch_size=10_000))
    _execute("ANALYZE org_unit")
    units = list(
        Unit.objects.filter(path__startswith=Unit.objects.get(code="tld").path).values_list(
            "id", "path", "depth", "code", "short_name", "name"
        )
    )
    top = Unit.objects.get(code="btgdv-tw")
    by_path = {u[1]: u for u in units}
    parent_of = {u[0]: by_path.get(u[1][: -Unit.steplen]) for u in units}

    # --- accounts --------------------------------------------------------------------------------------------
    User = get_user_model()
    hashed = make_password(PASSWORD)

    def accounts() -> int:
        rows = [
            User(
                username="bench.admin",
                password=hashed,
                is_superuser=True,
                is_staff=True,
                first_name="Quản trị hệ thống",
            ),
            User(username="btgtw.lanhdao", password=hashed, first_name="Lãnh đạo Ban Tuyên giáo TW"),
        ]
        rows += [
            User(username=f"ld.{code}", password=hashed, first_name=f"Lãnh đạo {short}")
            for _, _, depth, code, short, _ in units
            if depth <= 3
        ]
        rows += [
            User(username=f"bc.{code}", password=hashed, first_name=f"Người báo cáo {short}")
            for _, _, _, code, short, _ in units
        ]
        User.objects.bulk_create(rows, batch_size=10_000)
        ids = dict(User.objects.values_list("username", "id"))
        members = [
            Membership(user_id=ids["btgtw.lanhdao"], unit_id=top.pk, role=r) for r in ("signer", "drafter")
        ]
        for uid, _, depth, code, _, _ in units:
            if depth <= 3:
                members += [
                    Membership(user_id=ids[f"ld.{code}"], unit_id=uid, role=r) for r in ("signer", "drafter")
                ]
            members.append(Membership(user_id=ids[f"bc.{code}"], unit_id=uid, role="reporter"))
        Membership.objects.bulk_create(members, batch_size=10_000)
        return len(rows) + len(members)

    stages.run("users and memberships (bulk_create)", accounts)
    _execute("ANALYZE auth_user; ANALYZE org_membership")

    # --- documents: the directives and every level's plan ---------------------------------------------------
    def hx(*parts) -> int:  # a stable pseudo-random 0..99
        import zlib

        return zlib.crc32("|".join(map(str, parts)).encode()) % 100

    def day(d: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(d, dt.time(9, 0)))

    plans: dict[tuple[int, int], tuple[int, str]] = {}  # (directive, unit id) → (doc id, status)

    def documents() -> int:
        created = 0
        issue_dates = [dt.date(year, 1, 6) + dt.timedelta(days=14 * k) for k in range(directives)]
        rows = []
        for k in range(directives):
            topic = TOPICS[k % len(TOPICS)]
            symbol = f"{10 + k}-HD/BTGDVTW"
            subject = f"Hướng dẫn {topic} năm {year}"
            rows.append(
                Document(
                    doc_type="HD",
                    issuer=top,
                    number=10 + k,
                    number_symbol=symbol,
                    issue_date=issue_dates[k],
                    subject=subject,
                    status="issued",
                    issued_at=day(issue_dates[k]),
                    place="Hà Nội",
                    signer_title="PHÓ TRƯỞNG BAN",
                    signer_name="Nguyễn Văn Trung Ương",
                    issuer_snapshot={"name": top.name, "short_name": top.short_name},
                    body=[
                        {
                            "heading": "MỤC ĐÍCH, YÊU CẦU",
                            "text": f"<p>Triển khai {topic} trong toàn hệ thống.</p>",
                        }
                    ],
                    search_text=fold(f"{symbol} {subject} {top.name}"),
                )
            )
        for doc in Document.objects.bulk_create(rows):
            plans[(issue_dates.index(doc.issue_date), top.pk)] = (doc.pk, "issued")
        created += len(rows)
        # Each level derives its plan some days after the level above; 4 % of upper-level unions are still
        # drafting theirs, 4 % have not started.
        for depth, delay in ((1, 5), (2, 12), (3, 20)):
            rows, keys = [], []
            for uid, _, d, code, short, name in units:
                if d != depth:
                    continue
                for k in range(directives):
                    x = hx("plan", k, code)
                    if depth == 3 and x >= 96:
                        continue
                    status = "draft" if depth == 3 and x >= 92 else "issued"
                    issued = issue_dates[k] + dt.timedelta(days=delay + x % 5)
                    topic = TOPICS[k % len(TOPICS)]
                    symbol = f"{k + 1}/KH-{short}" if status == "issued" else ""
                    subject = f"Kế hoạch triển khai {topic} năm {year}"
                    rows.append(
                        Document(
                            doc_type="KH",
                            issuer_id=uid,
                            number=k + 1 if status == "issued" else None,
                            number_symbol=symbol,
                            issue_date=issued if status == "issued" else None,
                            subject=subject,
                            status=status,
                            issued_at=day(issued) if status == "issued" else None,
                            signer_title="CHỦ TỊCH",
                            signer_name="Trần Văn Chủ Tịch",
                            issuer_snapshot={"name": name, "short_name": short},
                            search_text=fold(f"{symbol} {subject} {name}"),
                        )
                    )
                    keys.append((k, uid, status))
            for doc, (k, uid, status) in zip(
                Document.objects.bulk_create(rows, batch_size=10_000), keys, strict=True
            ):
                plans[(k, uid)] = (doc.pk, status)
            created += len(rows)
        return created

    stages.run("documents: directives and implementing plans (bulk_create)", documents)

    def relations() -> int:
        rows = []
        for (k, uid), (doc_id, _) in plans.items():
            if uid == top.pk:
                continue
            parent = parent_of[uid]
            source = plans[(k, parent[0] if parent else top.pk)][0]
            rows.append(DocumentRelation(source_id=doc_id, target_id=source, kind="implements"))
        DocumentRelation.objects.bulk_create(rows, batch_size=10_000)
        return len(rows)

    stages.run("implements relations (bulk_create)", relations)

    # --- deliveries: every issued document to the next level, set-based -------------------------------------
    _execute("CREATE TEMP TABLE bench_plan (k int, unit_id int, doc_id int, status text)")
    _copy(
        "bench_plan",
        ("k", "unit_id", "doc_id", "status"),
        ((k, uid, doc_id, status) for (k, uid), (doc_id, status) in plans.items()),
    )
    _execute("CREATE INDEX ON bench_plan (unit_id, k); ANALYZE bench_plan")

    def deliveries() -> int:
        n = _execute(
            """
            INSERT INTO directives_delivery (document_id, unit_id, purpose, delivered_at, read_at, acknowledged_at,
                                             implemented_by_id)
            SELECT p.doc_id, t.id, 'thuc_hien', d.issued_at, d.issued_at + interval '1 day',
                   d.issued_at + interval '2 days', c.doc_id
            FROM bench_plan p JOIN directives_document d ON d.id = p.doc_id JOIN org_unit t ON t.code = 'tld'
            LEFT JOIN bench_plan c ON c.unit_id = t.id AND c.k = p.k AND c.status = 'issued'
            WHERE p.unit_id = %(top)s""",
            {"top": top.pk},
        )
        # Each issued plan to the issuer's children; a child that issued its own plan has read and
        # acknowledged it (implemented_by), the others read 60 %, acknowledged 40 %.
        n += _execute(
            """
            INSERT INTO directives_delivery (document_id, unit_id, purpose, delivered_at, read_at, acknowledged_at,
                                             implemented_by_id)
            SELECT p.doc_id, u.id, 'thuc_hien', d.issued_at,
                   CASE WHEN c.doc_id IS NOT NULL OR x < 60 THEN d.issued_at + interval '1 day' END,
                   CASE WHEN c.doc_id IS NOT NULL OR x < 40 THEN d.issued_at + interval '2 days' END,
                   c.doc_id
            FROM bench_plan p
            JOIN directives_document d ON d.id = p.doc_id
            JOIN org_unit i ON i.id = p.unit_id
            JOIN org_unit u ON substring(u.path, 1, length(u.path) - 4) = i.path
            LEFT JOIN bench_plan c ON c.unit_id = u.id AND c.k = p.k AND c.status = 'issued'
            CROSS JOIN LATERAL (SELECT abs(hashtext(u.code || p.k::text)) %% 100 AS x) h
            WHERE p.status = 'issued' AND p.unit_id <> %(top)s""",
            {"top": top.pk},
        )
        return n

    stages.run("deliveries (INSERT … SELECT)", deliveries)
    _execute("ANALYZE directives_delivery; ANALYZE directives_document")

    # --- reporting: requirements, periods, obligations, reports (bench/national_reporting.py) ---------------
    from national_reporting import generate_reporting

    generate_reporting(
        stages=stages,
        units=units,
        top=top,
        parent_of=parent_of,
        plans=plans,
        reporting=reporting,
        year=year,
        now=now,
    )
    _execute("DROP TABLE bench_plan")
    if vacuum:  # not inside a transaction (a test's): ANALYZE alone there
        stages.run("VACUUM ANALYZE", _vacuum)
    else:
        _execute("ANALYZE")
    total = time.perf_counter() - t_all
    log(f"  {'total':<58} {'':>16} {total:>8.1f} s")
    return {
        "scale": scale,
        "year": year,
        "provinces": n_prov,
        "uppers_per_province": n_upper,
        "grassroots": n_grass,
        "stages": stages.rows,
        "seconds": total,
        "counts": counts(),
    }


def _vacuum() -> int:
    from django.db import connection

    with connection.cursor() as c:
        c.execute("VACUUM ANALYZE")
    return 0


def counts() -> dict:
    from django.db import connection

    tables = {
        "units": "org_unit",
        "users": "auth_user",
        "memberships": "org_membership",
        "documents": "directives_document",
        "relations": "directives_documentrelation",
        "deliveries": "directives_delivery",
        "requirements": "reporting_reportingrequirement",
        "periods": "reporting_requirementperiod",
        "obligations": "reporting_obligation",
        "reports": "reporting_report",
        "versions": "reporting_reportversion",
    }
    out = {}
    with connection.cursor() as c:
        for key, table in tables.items():
            c.execute(f"SELECT count(*) FROM {table}")
            out[key] = c.fetchone()[0]
        c.execute("SELECT status, count(*) FROM reporting_obligation GROUP BY 1 ORDER BY 1")
        out["by_status"] = dict(c.fetchall())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db-name", default="thongsuot_national")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="1.0 = national (~130,000 grassroots unions)"
    )
    parser.add_argument("--directives", type=int, default=DIRECTIVES)
    parser.add_argument(
        "--reporting",
        type=int,
        default=REPORTING_DIRECTIVES,
        help="how many of the directives carry 6-month and annual reports",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    admin_url, bench_url = bench_database(args)
    os.environ["DATABASE_URL"] = bench_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    start = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    print(f"migrated {args.db_name} in {time.perf_counter() - start:.1f} s")
    result = generate(scale=args.scale, directives=args.directives, reporting=args.reporting)
    for key, value in result["counts"].items():
        print(f"  {key:<14} {value:,}" if isinstance(value, int) else f"  {key:<14} {value}")
    connections.close_all()
    if not args.keep:
        drop_database(admin_url, args.db_name)
        print(f"Dropped {args.db_name} (use --keep to inspect it).")


if __name__ == "__main__":
    main()
