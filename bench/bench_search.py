"""Search over 100,000 documents on PostgreSQL: a diacritic-free query and a number-symbol query.

    DATABASE_URL=postgresql://… .venv/bin/python bench/bench_search.py [--documents 100000] [--keep]

Works in its own database (``thongsuot_bench_search`` on the server of DATABASE_URL, dropped and
recreated; the main database is never touched). It builds a province's units (Party, state and
trade-union lines), bulk-loads N documents with realistic Vietnamese subjects, number-symbols in
the three styles (97-HD/BTGTU, 12/KH-UBND, 01/LĐLĐ-TG&NC), short bodies and the folded
``search_text`` that ``compose.search_text_for`` writes, then times ``directives.search`` the way
the search page calls it (COUNT + the first 25 rows) for

* "thong tin doi ngoai" — one topic among many, typed without diacritics;
* "97-HD/BTGTU" — one exact number-symbol;
* "Số 97- HD/BTGTU" — the same, as clerks type it;
* "15/LDLD-TG&NC" — a number-symbol typed without its Đ;

as a system administrator and as a provincial federation's leader (the scope filter applies),
printing the median of 20 runs and EXPLAIN's first line with the index it uses. Then it drops the
trigram indexes and measures again: the ratio is what the indexes buy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_tree import bench_database, drop_database  # noqa: E402

REPEAT = 20
TOPICS = [
    "công tác thông tin đối ngoại",
    "tuyên truyền biển, đảo Việt Nam",
    "phòng, chống tác hại của thuốc lá",
    "thực hiện dân chủ ở cơ sở",
    "chuyển đổi số trong hoạt động công đoàn",
    "phát triển đoàn viên, thành lập công đoàn cơ sở",
    "Tháng Công nhân",
    "an toàn, vệ sinh lao động",
    "bảo vệ nền tảng tư tưởng của Đảng",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "phòng, chống tham nhũng, tiêu cực",
    "cải cách hành chính",
    "phòng, chống thiên tai và tìm kiếm cứu nạn",
    "xây dựng nông thôn mới",
    "chăm lo Tết cho đoàn viên, người lao động",
    "kiểm tra, giám sát và thi hành kỷ luật đảng",
    "bình đẳng giới và vì sự tiến bộ của phụ nữ",
    "phòng cháy, chữa cháy",
    "an ninh mạng và bảo vệ bí mật nhà nước",
    "tổ chức Đại hội công đoàn các cấp",
    "công tác dân vận",
    "thi đua, khen thưởng",
    "quốc phòng, an ninh",
    "phổ biến, giáo dục pháp luật",
    "bảo hiểm xã hội, bảo hiểm y tế",
    "phát triển văn hóa đọc",
    "tổng kết 10 năm thực hiện Nghị quyết",
    "tuyên truyền kỷ niệm các ngày lễ lớn",
    "công tác nữ công",
    "xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh",
    "phòng, chống ma túy",
    "đấu tranh phản bác quan điểm sai trái",
    "bảo vệ môi trường",
    "công tác người có uy tín trong đồng bào dân tộc thiểu số",
    "hội nhập quốc tế",
    "thực hành tiết kiệm, chống lãng phí",
    "giảm nghèo bền vững",
    "đào tạo, bồi dưỡng cán bộ",
    "tài chính công đoàn",
    "chương trình mục tiêu quốc gia",
]
VERBS = {
    "HD": "Hướng dẫn",
    "KH": "Kế hoạch",
    "CV": "V/v",
    "BC": "Báo cáo",
    "TB": "Thông báo",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "NQ": "Nghị quyết",
    "QD": "Quyết định",
    "CTR": "Chương trình",
}
BODY = [
    "Nâng cao nhận thức của cán bộ, đảng viên, đoàn viên và người lao động về {topic}.",
    "Các cơ quan, đơn vị chủ động xây dựng kế hoạch, bố trí nguồn lực và tổ chức thực hiện nghiêm túc, hiệu quả.",
    "Định kỳ 6 tháng, 1 năm báo cáo kết quả thực hiện về cơ quan thường trực trước ngày 15/6 và 15/12.",
    "Tăng cường kiểm tra, đôn đốc; kịp thời biểu dương, khen thưởng các tập thể, cá nhân có thành tích xuất sắc.",
    "Phối hợp chặt chẽ với Mặt trận Tổ quốc và các tổ chức chính trị - xã hội trong tuyên truyền, vận động.",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db-name", default="thongsuot_bench_search", help="the benchmark's own database")
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    return parser.parse_args()


def median_ms(fn) -> float:
    fn()  # warm the plan cache and the buffer pool: the steady state a page sees
    runs = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def explain(qs) -> tuple[str, str]:
    """EXPLAIN ANALYZE's first line, and the index lines (or a loud NO INDEX)."""
    lines = qs.explain(analyze=True).splitlines()
    indexes = [ln.strip().lstrip("-> ").split("  (")[0] for ln in lines if "Index" in ln and " on " in ln]
    first = re.sub(r"\s*\(cost=[^)]*\)", "", lines[0].strip())
    return first, "; ".join(dict.fromkeys(indexes)) or "NO INDEX USED (sequential scan)"


def build(n: int):
    """A province's units and n documents, bulk-inserted; returns (admin, leader)."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from directives.models import Document, Status
    from portal.lib.search import fold
    from portal.org.models import Membership, Unit
    from portal.org.services import units_bulk_build

    districts = [
        "Yên Thế",
        "Tân Yên",
        "Lạng Giang",
        "Lục Nam",
        "Lục Ngạn",
        "Sơn Động",
        "Yên Dũng",
        "Việt Yên",
        "Hiệp Hòa",
        "Bắc Giang",
    ]
    units_bulk_build(
        roots=[
            {
                "code": "tu",
                "name": "Tỉnh ủy Bắc Giang",
                "short_name": "TU",
                "kind": "party_committee",
                "regime": "party",
                "children": [
                    {
                        "code": "btgtu",
                        "name": "Ban Tuyên giáo Tỉnh ủy",
                        "short_name": "BTGTU",
                        "kind": "party_board",
                        "regime": "party",
                    },
                    *(
                        {
                            "code": f"hu{i}",
                            "name": f"Huyện ủy {d}",
                            "short_name": "HU",
                            "kind": "party_committee",
                            "regime": "party",
                        }
                        for i, d in enumerate(districts)
                    ),
                ],
            },
            {
                "code": "ubnd",
                "name": "Ủy ban nhân dân tỉnh Bắc Giang",
                "short_name": "UBND",
                "kind": "state_province",
                "regime": "state",
                "children": [
                    {
                        "code": f"ubnd{i}",
                        "name": f"UBND huyện {d}",
                        "short_name": "UBND",
                        "kind": "state_district",
                        "regime": "state",
                    }
                    for i, d in enumerate(districts)
                ],
            },
            {
                "code": "ldld",
                "name": "Liên đoàn Lao động tỉnh Bắc Giang",
                "short_name": "LĐLĐ",
                "kind": "union_province",
                "regime": "union",
                "children": [
                    {
                        "code": f"ldld{i}",
                        "name": f"LĐLĐ huyện {d}",
                        "short_name": "LĐLĐ",
                        "kind": "union_district",
                        "regime": "union",
                    }
                    for i, d in enumerate(districts)
                ],
            },
        ]
    )
    units = list(Unit.objects.all())
    symbols = {"party": "{n}-{t}/{s}", "state": "{n}/{t}-{s}", "union": "{n}/{t}-{s}"}
    rng = random.Random(2024)
    rows = []
    for i in range(n):
        unit = units[i % len(units)]
        external = i % 10 == 9
        doc_type = rng.choice(list(VERBS))
        topic = rng.choice(TOPICS)
        year = rng.randint(2012, 2025)
        day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        number = i // len(units) + 1  # unique per unit: no clash with the issued-number constraint
        if doc_type == "CV" and unit.regime != "party":
            symbol = f"{number:02}/{unit.short_name}-VP"
        else:
            symbol = symbols[unit.regime].format(n=number, t=doc_type.replace("QD", "QĐ"), s=unit.short_name)
        status = Status.EXTERNAL if external else (Status.DRAFT if i % 25 == 0 else Status.ISSUED)
        if status == Status.DRAFT:
            symbol = ""
        if external:
            symbol = f"{symbol}-{i}"  # keep (number_symbol, date, issuer) unique for external rows
        subject = f"{VERBS[doc_type]} {topic} năm {year}" if doc_type != "CV" else f"V/v triển khai {topic}"
        body = " ".join(rng.sample(BODY, 3)).format(topic=topic)
        issuer_name = f"Cơ quan ngoài tỉnh {i % 50}" if external else unit.name
        rows.append(
            Document(
                doc_type=doc_type,
                issuer=None if external else unit,
                is_external=external,
                external_issuer=issuer_name if external else "",
                number_symbol=symbol,
                number=number,
                issue_date=None if status == Status.DRAFT else day,
                subject=subject,
                status=status,
                body=[{"heading": "", "text": body}],
                search_text=fold(" ".join(p for p in (symbol, subject, issuer_name, body) if p)),
            )
        )
    # The one the number-symbol query looks for, among its neighbours "97-HD/…", "197-HD/…", "97-KH/…".
    btgtu = Unit.objects.get(code="btgtu")
    rows.append(
        Document(
            doc_type="HD",
            issuer=btgtu,
            number_symbol="97-HD/BTGTU",
            number=97,
            issue_date=dt.date(2024, 2, 6),
            status=Status.ISSUED,
            subject="Công tác thông tin đối ngoại năm 2024",
            search_text=fold("97-HD/BTGTU Công tác thông tin đối ngoại năm 2024 Ban Tuyên giáo Tỉnh ủy"),
        )
    )
    # And a công văn of the federation, looked for without its diacritics ("15/LDLD-TG&NC").
    ldld = Unit.objects.get(code="ldld")
    rows.append(
        Document(
            doc_type="CV",
            issuer=ldld,
            number_symbol="15/LĐLĐ-TG&NC",
            number=15,
            issue_date=dt.date(2024, 2, 20),
            status=Status.ISSUED,
            subject="V/v triển khai công tác thông tin đối ngoại năm 2024",
            search_text=fold(
                "15/LĐLĐ-TG&NC V/v triển khai công tác thông tin đối ngoại năm 2024 "
                "Liên đoàn Lao động tỉnh Bắc Giang"
            ),
        )
    )
    start = time.perf_counter()
    Document.objects.bulk_create(rows, batch_size=5000)
    load_s = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE directives_document")  # the steady state, not a freshly loaded heap
    User = get_user_model()
    admin = User.objects.create_superuser("bench.admin", "", "x")
    leader = User.objects.create_user("bench.leader", "", "x")
    Membership.objects.create(user=leader, unit=Unit.objects.get(code="ldld"), role="signer")
    return admin, leader, load_s


# The provincial leader's scoped search written by hand, as the yardstick of documents_search below the national
# level: the scope's units on the path index (own units, subtree ranges), the documents they issued, the external
# ones, and the issued ones delivered into the scope — its deliveries reached from its units, hashed once — over
# the trigram-indexed match; COUNT, then the first 25 newest first.
HAND_SCOPE = """
    (d.issuer_id IN (SELECT id FROM scope) OR d.is_external
     OR (d.status IN ('issued', 'revoked')
         AND d.id IN (SELECT document_id FROM directives_delivery WHERE unit_id IN (SELECT id FROM scope))))"""
HAND_UNITS = "WITH scope AS (SELECT id FROM org_unit WHERE id = ANY(%(own)s) OR {ranges})"


def hand_scoped_sql(user, query: str) -> tuple[str, str, dict]:
    """(COUNT statement, first-page statement, params) of the scoped search typed by hand for `query`: a
    number-symbol prefix matches the folded text or the upper-cased number-symbol, a phrase each folded word."""
    from directives.search import parse_query
    from portal.lib.search import fold
    from portal.org.access import scope_for
    from portal.org.models import Unit

    scope = scope_for(user)
    params: dict = {"own": sorted(scope.own_unit_ids)}
    ranges = []
    for i, path in enumerate(scope.subtree_paths):
        params[f"lo{i}"], params[f"hi{i}"] = path, Unit(path=path)._inc_path()
        ranges.append(f"(path >= %(lo{i})s AND path < %(hi{i})s)")
    parsed = parse_query(query)
    if parsed.symbol_prefix:
        params["like"] = f"%{fold(parsed.symbol_prefix)}%"
        params["prefix"] = f"{parsed.symbol_prefix}%"
        match = "(d.search_text LIKE %(like)s OR upper(d.number_symbol) LIKE %(prefix)s)"
    else:
        match = " AND ".join(f"d.search_text LIKE %(w{i})s" for i in range(len(parsed.words)))
        params.update({f"w{i}": f"%{w}%" for i, w in enumerate(parsed.words)})
    head = HAND_UNITS.format(ranges=" OR ".join(ranges) or "false")
    where = f"WHERE {match} AND {HAND_SCOPE}"
    count = f"{head} SELECT count(*) FROM directives_document d {where}"
    first = (
        f"{head} SELECT d.id, d.number_symbol, d.subject, d.issue_date, u.name FROM directives_document d "
        f"LEFT JOIN org_unit u ON u.id = d.issuer_id {where} "
        "ORDER BY d.issue_date DESC NULLS LAST, d.id DESC LIMIT 25"
    )
    return count, first, params


def hand_scoped(user, query: str) -> tuple[float, int, str]:
    """(median ms, matches, EXPLAIN (ANALYZE, BUFFERS) of the COUNT) of hand_scoped_sql."""
    from django.db import connection

    count_sql, first_sql, params = hand_scoped_sql(user, query)

    def run():
        with connection.cursor() as c:
            c.execute(count_sql, params)
            total = c.fetchone()[0]
            c.execute(first_sql, params)
            c.fetchall()
        return total

    total = run()
    ms = median_ms(run)
    with connection.cursor() as c:
        c.execute("EXPLAIN (ANALYZE, BUFFERS) " + count_sql, params)
        text = "\n".join(r[0][:160] for r in c.fetchall())
    return ms, total, text


def measure(users, queries):
    from django.core.paginator import Paginator

    from directives import search

    rows = []
    for label, user in users:
        for query in queries:
            qs = search.documents_search(user, query)

            def page(qs=qs):
                paginator = Paginator(qs, 25)
                return paginator.count, list(paginator.page(1))

            total, first = page()
            ms = median_ms(page)
            first_line, index = explain(qs[:25])
            rows.append(
                (label, query, ms, total, first[0].number_symbol if first else "-", first_line, index)
            )
    return rows


def main() -> None:
    args = parse_args()
    admin_url, bench_url = bench_database(args)
    os.environ["DATABASE_URL"] = bench_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    print(
        f"Database: {connection.settings_dict['NAME']} (PostgreSQL {connection.pg_version // 10000}); "
        f"main database untouched."
    )
    call_command("migrate", verbosity=0, interactive=False)
    admin, leader, load_s = build(args.documents)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_size_pretty(pg_total_relation_size('directives_document')), "
            "pg_size_pretty(pg_relation_size('doc_search_text_trgm')), "
            "pg_size_pretty(pg_relation_size('doc_number_symbol_upper_trgm'))"
        )
        table_size, text_index, symbol_index = cursor.fetchone()
    print(
        f"Loaded {args.documents + 2:,} documents with bulk_create in {load_s:.1f} s "
        f"(table with indexes {table_size}; search_text trigram index {text_index}, "
        f"UPPER(number_symbol) trigram index {symbol_index}).\n"
    )

    users = [("system admin", admin), ("LĐLĐ tỉnh leader", leader)]
    queries = ["thong tin doi ngoai", "97-HD/BTGTU", "Số 97- HD/BTGTU", "15/LDLD-TG&NC"]
    indexed = measure(users, queries)
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX doc_search_text_trgm; DROP INDEX doc_number_symbol_upper_trgm")
        cursor.execute("VACUUM ANALYZE directives_document")
    plain = measure(users, queries)

    print(f"Median of {REPEAT} runs of the search page's queries (COUNT + first 25 rows):\n")
    for (label, query, ms, total, first, first_line, index), (
        _,
        _,
        plain_ms,
        _,
        _,
        plain_line,
        plain_index,
    ) in zip(indexed, plain, strict=True):
        print(f"{label:18} {query!r:22} {ms:8.2f} ms  {total:6,} matches, first {first!r}")
        print(f"{'':18}   EXPLAIN  {first_line}")
        print(f"{'':18}   index    {index}")
        print(f"{'':18}   without the trigram indexes: {plain_ms:8.2f} ms  ({plain_ms / ms:.1f}× slower)")
        print(f"{'':18}   EXPLAIN  {plain_line}")
        print(f"{'':18}   index    {plain_index}\n")

    connection.close()
    if not args.keep:
        drop_database(admin_url, args.db_name)


if __name__ == "__main__":
    main()
