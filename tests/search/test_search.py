"""Tìm kiếm: diacritic-free matching, number-symbol ranking, filters, scope and a fixed query count."""

import datetime as dt

import pytest
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext

from directives import search
from directives.models import Document, Status
from directives.services import compose, signing
from directives.services import external as external_documents
from portal.lib.search import fold
from tests.directives.test_issue import guidance

URL = "/van-ban/tim-kiem/"


def external(cast, number_symbol, day, issuer="Ban Tuyên giáo Tỉnh ủy Bắc Giang", subject="", doc_type=""):
    return external_documents.external_document_register(
        actor=cast.lan,
        number_symbol=number_symbol,
        issue_date=day,
        issuer_name=issuer,
        subject=subject,
        doc_type=doc_type,
    )


def draft(actor, issuer, subject, doc_type="KH"):
    """A draft as the editor leaves it (the first save writes its search_text)."""
    document = compose.document_create_draft(actor=actor, issuer=issuer, doc_type=doc_type, subject=subject)
    return compose.document_save_draft(actor=actor, document=document, content=compose.content_of(document))


def found(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return [doc.pk for doc in response.context["page"]]


@pytest.fixture
def issued(cast):
    """Lan's guidance on thông tin đối ngoại, signed by Hạnh and delivered to LĐLĐ tỉnh."""
    return signing.document_issue(actor=cast.hanh, document=guidance(cast))


def test_it_finds_thong_tin_doi_ngoai_without_diacritics(cast, issued, login):
    client = login(cast.hung)  # LĐLĐ tỉnh received the guidance
    assert issued.pk in found(client, q="thong tin doi ngoai")
    assert issued.pk in found(client, q="THÔNG TIN ĐỐI NGOẠI")
    assert issued.pk in found(client, q="  Thong   tin  doi ngoai ")
    assert issued.pk not in found(client, q="thong tin doi noi")
    page = client.get(URL, {"q": "thong tin doi ngoai"}).content.decode()
    assert "Hướng dẫn công tác thông tin đối ngoại năm 2024" in page


def test_every_word_must_match_not_the_phrase(cast, issued, login):
    assert issued.pk in found(login(cast.hung), q="doi ngoai thong tin")


def test_it_finds_words_in_the_body(cast, issued, login):
    assert issued.pk in found(login(cast.hung), q="nang cao nhan thuc")  # "Nâng cao nhận thức." in the body


def test_exact_number_symbol_comes_first_in_every_spelling(cast, login):
    exact = external(
        cast, "97-HD/BTGTU", dt.date(2024, 2, 6), subject="Công tác thông tin đối ngoại năm 2024"
    )
    longer = external(cast, "197-HD/BTGTU", dt.date(2024, 5, 1), subject="Tuyên truyền biển đảo")
    citing = external(
        cast,
        "15/LĐLĐ-TG&NC",
        dt.date(2024, 12, 1),
        issuer="LĐLĐ tỉnh Bắc Giang",
        subject="Triển khai Hướng dẫn 97-HD/BTGTU",
    )
    client = login(cast.mai)
    for spelling in ("97-HD/BTGTU", "Số 97- HD/BTGTU", "số: 97 - HD/BTGTU", "97-hd/btgtu", "97 HD BTGTU"):
        result = found(client, q=spelling)
        assert result[0] == exact.pk, spelling
        assert citing.pk in result, spelling  # the text mentioning it, newer, still comes after
    # "197-HD/BTGTU" contains the typed text too: a text match, newest first after the exact one.
    assert found(client, q="97-HD/BTGTU") == [exact.pk, citing.pk, longer.pk]


def test_number_symbol_prefix_comes_before_text_matches(cast, login):
    older_prefix = external(cast, "97-HD/BTGTU", dt.date(2020, 2, 6), subject="Kế hoạch năm 2020")
    newer_text = external(cast, "197-HD/BTGTU", dt.date(2024, 5, 1), subject="Tuyên truyền biển đảo")
    result = found(login(cast.mai), q="97-HD")
    assert result.index(older_prefix.pk) < result.index(newer_text.pk)
    ranks = {d.pk: d.match_rank for d in search.documents_search(cast.mai, "97-HD")}
    assert ranks[older_prefix.pk] == search.RANK_PREFIX and ranks[newer_text.pk] == search.RANK_TEXT


def test_a_number_symbol_typed_without_its_d_with_stroke_is_exact(cast, login):
    plan = external(
        cast,
        "84-KH/BCĐTTĐN",
        dt.date(2024, 1, 29),
        issuer="Ban Chỉ đạo công tác TTĐN tỉnh Hưng Yên",
        subject="Hoạt động thông tin đối ngoại tỉnh Hưng Yên năm 2024",
    )
    results = list(search.documents_search(cast.mai, "84-KH/BCDTTDN"))
    assert results[0].pk == plan.pk and results[0].match_rank == search.RANK_EXACT
    assert found(login(cast.mai), q="so 84-kh/bcdttdn")[0] == plan.pk


def test_filters_by_type_issuer_year_and_status(cast, issued, login):
    hd_2023 = external(
        cast,
        "130-HD/BTGTW",
        dt.date(2023, 12, 20),
        issuer="Ban Tuyên giáo Trung ương",
        subject="Công tác thông tin đối ngoại năm 2024",
    )
    kl = external(
        cast,
        "57-KL/TW",
        dt.date(2023, 6, 15),
        issuer="Bộ Chính trị",
        subject="Nâng cao hiệu quả công tác thông tin đối ngoại",
    )
    client = login(cast.lan)
    everything = found(client, q="thong tin doi ngoai")
    assert {issued.pk, hd_2023.pk, kl.pk} <= set(everything)
    assert set(found(client, q="thong tin doi ngoai", loai="KL")) == {kl.pk}
    assert set(found(client, q="thong tin doi ngoai", nam=2023)) == {hd_2023.pk, kl.pk}
    assert set(found(client, q="thong tin doi ngoai", trang_thai="issued")) == {issued.pk}
    assert set(found(client, q="thong tin doi ngoai", co_quan=cast.btgtu.pk)) == {issued.pk}
    assert found(client, q="thong tin doi ngoai", loai="KL", nam=2024) == []
    # Filters alone list the documents; no query and no filter lists nothing.
    assert set(found(client, loai="KL")) == {kl.pk}
    assert found(client) == []
    # The issuer filter offers the issuing units of the matches.
    form = client.get(URL, {"q": "thong tin doi ngoai"}).context["form"]
    assert (str(cast.btgtu.pk), cast.btgtu.name) in form.fields["co_quan"].choices


def test_a_bad_filter_value_is_ignored_not_an_error(cast, issued, login):
    client = login(cast.hung)
    assert issued.pk in found(client, q="thong tin", nam="hai nghin", loai="XYZ")


def test_an_impossible_issuer_id_is_refused_in_vietnamese(cast, issued, login):
    """The issuer filter is an id from the picker: anything else is a hand-made address, answered with a
    clear 400 (issue 20, finding 11) rather than a page that silently drops the filter."""
    response = login(cast.hung).get(URL, {"q": "thong tin", "co_quan": "abc"})
    assert response.status_code == 400 and "Tham số «co_quan» phải là một mã số" in response.content.decode()


def test_an_outsider_sees_nothing_of_bac_giang(cast, issued, login):
    ldld_draft = draft(cast.mai, cast.ldld, "Kế hoạch thông tin đối ngoại của LĐLĐ tỉnh")
    client = login(cast.charlie)
    results = found(client, q="thong tin doi ngoai")
    assert issued.pk not in results and ldld_draft.pk not in results
    assert ldld_draft.pk in found(login(cast.mai), q="thong tin doi ngoai")
    client = login(cast.charlie)
    # Only documents outside the system (visible to every member) may show; nothing issued in Bắc Giang.
    assert not Document.objects.filter(pk__in=results, is_external=False).exists()
    assert found(client, q=issued.number_symbol) == []
    response = client.get(URL, {"q": "bac giang"})
    assert response.status_code == 200 and response.context["units"] == []
    assert "Bắc Giang" not in "".join(u.name for u in search.units_search(cast.charlie, "lien doan lao dong"))


def test_drafts_are_invisible_to_recipients(cast, issued, login):
    btgtu_draft = draft(cast.lan, cast.btgtu, "Kế hoạch tuyên truyền biển đảo dự thảo")
    assert btgtu_draft.pk in found(login(cast.lan), q="bien dao")
    assert btgtu_draft.pk in found(login(cast.hanh), q="bien dao")  # the signer of the issuing unit
    assert btgtu_draft.pk not in found(
        login(cast.hung), q="bien dao"
    )  # LĐLĐ tỉnh only receives issued documents
    assert issued.pk in found(login(cast.hung), q="thong tin doi ngoai")


def test_it_finds_units_by_folded_name_and_code_within_scope(cast, login):
    client = login(cast.hung)  # signer at LĐLĐ tỉnh: sees its subtree
    names = {u.name for u in client.get(URL, {"q": "lien doan lao dong huyen"}).context["units"]}
    assert names == {"Liên đoàn Lao động huyện Tân Yên", "Liên đoàn Lao động huyện Yên Thế"}
    assert [u.code for u in search.units_search(cast.hung, "yen the")] == ["bg-ldld-yenthe"]
    assert [u.code for u in search.units_search(cast.hung, "bg-cdcs")] == ["bg-cdcs-thcs-boha"]
    assert search.units_search(cast.hung, "ban tuyen giao") == []  # another line: not in scope
    assert [u.code for u in search.units_search(cast.lan, "BAN TUYÊN GIÁO")] == ["bg-btgtu"]


def test_the_page_costs_the_same_queries_for_10_and_1000_documents(cast, login):
    client = login(cast.hung)

    def load(n):
        Document.objects.bulk_create(
            [
                Document(
                    doc_type="CV",
                    is_external=True,
                    external_issuer="Sở Ngoại vụ",
                    status=Status.EXTERNAL,
                    number_symbol=f"{i}/SNV-TTĐN",
                    issue_date=dt.date(2024, 1, 1) + dt.timedelta(days=i % 300),
                    subject=f"Về công tác thông tin đối ngoại đợt {i}",
                    search_text=fold(f"{i}/SNV-TTĐN Về công tác thông tin đối ngoại đợt {i} Sở Ngoại vụ"),
                )
                for i in range(Document.objects.count(), Document.objects.count() + n)
            ]
        )

    def count():
        client.get(URL, {"q": "thong tin doi ngoai"})  # warm: session, scope
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(URL, {"q": "thong tin doi ngoai", "trang": 2})
        return len(ctx.captured_queries), response.context["page"].paginator.count

    load(30)
    small, total_small = count()
    load(1000)
    big, total_big = count()
    assert total_small == 30 and total_big == 1030
    assert small == big
    assert big <= 11  # the menu's counts for a signer (documents and reports awaiting a signature) included


def test_the_first_page_costs_a_fixed_number_of_queries(cast, issued, login, django_assert_max_num_queries):
    client = login(cast.hung)
    with django_assert_max_num_queries(13):  # 12 + the menu's «Báo cáo chờ ký» count for a signer
        client.get(URL, {"q": "thong tin doi ngoai"})


def test_search_needs_a_login(client):
    response = client.get(URL, {"q": "thong tin"})
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_the_nav_links_to_search(cast, login):
    assert (
        '<a href="/van-ban/tim-kiem/">Tìm kiếm</a>' in login(cast.tuan).get("/van-ban/den/").content.decode()
    )


@pytest.mark.parametrize(
    ("typed", "symbols", "words"),
    [
        ("Số 97- HD/BTGTU", ("97-HD/BTGTU",), ("97-hd/btgtu",)),
        ("97 HD BTGTU", ("97-HD/BTGTU", "97/HD-BTGTU", "97/HD-BTGTU"), ("97", "hd", "btgtu")),
        ("01 LĐLĐ TG&NC", ("01-LĐLĐ/TG&NC", "01/LĐLĐ-TG&NC"), ("01", "ldld", "tg&nc")),
        ("thong tin doi ngoai", (), ("thong", "tin", "doi", "ngoai")),
        ("số liệu báo cáo", (), ("so", "lieu", "bao", "cao")),
    ],
)
def test_the_query_is_read_as_words_and_number_symbols(typed, symbols, words):
    parsed = search.parse_query(typed)
    assert set(parsed.symbols) == set(symbols) and parsed.words == words


def test_the_trigram_indexes_exist_on_postgresql(db):
    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes are PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'directives_document'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"doc_search_text_trgm", "doc_number_symbol_upper_trgm"} <= names


def test_other_apps_add_their_results_through_a_registered_section(cast, login, monkeypatch):
    monkeypatch.setattr(search, "_SECTIONS", {})
    seen = []

    def reports(user, parsed):
        seen.append((user.username, parsed.words))
        return ["Báo cáo 6 tháng về thông tin đối ngoại"]

    template = engines["django"].from_string("{% for item in items %}<p>{{ item }}</p>{% endfor %}")
    search.search_section_register(
        search.SearchSection(key="reports", label="Báo cáo", search=reports, template=template)
    )
    response = login(cast.hung).get(URL, {"q": "thong tin doi ngoai"})
    assert [r.section.key for r in response.context["sections"]] == ["reports"]
    assert seen == [("hung", ("thong", "tin", "doi", "ngoai"))]
    page = response.content.decode()
    assert 'data-testid="reports-results"' in page and "<p>Báo cáo 6 tháng về thông tin đối ngoại</p>" in page


def test_drafters_are_offered_the_import_from_the_search_page(cast, login):
    assert "/van-ban/nhap/" in login(cast.mai).get(URL).content.decode()
    assert "/van-ban/nhap/" not in login(cast.tuan).get(URL).content.decode()
