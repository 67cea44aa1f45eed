"""The cascade page and the dashboard's directive page count a document's cascade the same way
(directives.cascade): the same units, each once, in the same state — on the demo and on the national
benchmark data. Before they shared one way of counting, the page counted deliveries level by level (a
grassroots union that got the province's directive and its district's plan counted twice) while the dashboard
counted distinct units; the planted double delivery below is that case, and the comparison catches it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from directives.cascade import CASCADE_PURPOSES, DeliveryCounts, cascade_of, unit_state
from directives.models import Delivery, Document, Status
from reporting.dashboard import pages
from tests.reporting.conftest import local

ROOT = Path(__file__).resolve().parents[2]
ROW = re.compile(r'<tr data-unit="([^"]+)" data-state="([^"]+)"')
FURTHEST = [
    "none",
    "read",
    "acknowledged",
    "drafting",
    "implemented",
]  # directives.cascade.unit_state's order
SEEN_ON = local(2025, 11, 20)  # the demo's day (tests/dashboards/test_demo.py)


def _with_cascade() -> list[Document]:
    return list(
        Document.objects.filter(
            status=Status.ISSUED,
            is_external=False,
            issuer__isnull=False,
            deliveries__purpose__in=CASCADE_PURPOSES,
        )
        .distinct()
        .order_by("pk")
    )


def _page_units(document: Document, viewer) -> dict[int, str]:
    """{unit id: state} as the cascade page lists them: a unit on several levels (or with several copies)
    in the furthest state it reached on any of them."""
    flags: dict[int, dict[str, bool]] = {}
    for level in cascade_of(document, user=viewer, rows_per_level=100_000).levels:
        for row in level.rows:
            d, f = (
                row.delivery,
                flags.setdefault(
                    row.delivery.unit_id,
                    dict.fromkeys(("implemented", "drafting", "acknowledged", "read"), False),
                ),
            )
            f["implemented"] |= bool(d.implemented_by_id)
            f["drafting"] |= bool(row.draft)
            f["acknowledged"] |= bool(d.acknowledged_at)
            f["read"] |= bool(d.read_at)
    return {unit: unit_state(**f) for unit, f in flags.items()}


def _dashboard(document: Document) -> tuple[DeliveryCounts, dict[int, str]]:
    """The issuer's directive page for the document: its total and {unit id: state} from its own lists."""
    unit = document.issuer
    view = pages.directive_page(unit=unit, document=document, listing="da-nhan", per_page=None)
    drafting = {
        r["unit_id"]
        for r in pages.directive_page(
            unit=unit, document=document, listing="dang-soan", per_page=None
        ).listing.object_list
    }
    states = {
        r["unit_id"]: unit_state(
            implemented=bool(r["implemented"]),
            drafting=r["unit_id"] in drafting,
            acknowledged=bool(r["acknowledged"]),
            read=bool(r["read"]),
        )
        for r in view.listing.object_list
    }
    return view.total, states


def assert_they_agree(document: Document, viewer) -> DeliveryCounts:
    total, states = _dashboard(document)
    assert cascade_of(document, user=viewer).total == total, document.number_symbol
    assert _page_units(document, viewer) == states, document.number_symbol
    return total


@pytest.fixture
def demo(db, settings):
    from directives.demo.load import demo_documents_build
    from portal.org.demo import demo_org_build

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with time_machine.travel(SEEN_ON, tick=False):
        demo_org_build()
        demo_documents_build()
        yield


@pytest.fixture
def admin(db):
    # The system administrator leads every unit: the cascade page shows it the whole cascade, as the issuer's
    # leaders see theirs (directives.access.cascade_visible_q).
    return get_user_model().objects.create_superuser("quantri-cascade", "qt@example.vn", "x")


def test_it_shows_the_dashboards_figures_for_every_demo_document(demo, admin, client):
    documents = _with_cascade()
    assert len(documents) >= 3
    deep = []
    for document in documents:
        total = assert_they_agree(document, admin)
        assert total.received > 0
        if len(cascade_of(document).levels) > 1:
            deep.append(document)
    assert deep  # at least one demo cascade goes further than the first level

    # The page itself shows those figures, named as the dashboard names them.
    client.force_login(admin)
    document = deep[0]
    response = client.get(reverse("directives:cascade", args=[document.pk]))
    assert response.status_code == 200
    total, _ = _dashboard(document)
    assert response.context["total"] == total
    body = response.content.decode()
    assert f'data-testid="received">{total.received}<' in body
    assert (
        "Đã nhận" in body
        and "Đang soạn văn bản triển khai" in body
        and "Chưa xử lý (chưa mở văn bản)" in body
    )

    # Unit by unit, the two pages as drawn: the cascade's rows, and the dashboard's lists of recipients and of
    # units drafting (a unit counts as drafting there unless it already issued its document).
    shown: dict[str, str] = {}
    for unit, state in ROW.findall(body):
        shown[unit] = max(shown.get(unit, "none"), state, key=FURTHEST.index)
    url = reverse("dashboards:directive", args=[document.pk, document.issuer_id])
    listed = dict(ROW.findall(client.get(url, {"ds": "da-nhan"}).content.decode()))
    for unit, _ in ROW.findall(client.get(url, {"ds": "dang-soan"}).content.decode()):
        listed[unit] = listed[unit] if listed.get(unit) == "implemented" else "drafting"
    assert shown == listed and len(shown) == total.received


def test_a_unit_reached_twice_counts_once_on_both(demo, admin):
    """Planted: a unit of the second level also gets the root document itself. Counted per delivery, the page's
    levels add up to one more unit than the dashboard; counted per unit, both say the same."""
    document = next(d for d in _with_cascade() if len(cascade_of(d).levels) > 1)
    before = cascade_of(document).levels
    second = before[1].rows[0].delivery.unit
    assert not Delivery.objects.filter(document=document, unit=second).exists()
    Delivery.objects.create(
        document=document, unit=second, purpose=CASCADE_PURPOSES[0], delivered_at=timezone.now()
    )

    total = assert_they_agree(document, admin)
    levels = cascade_of(document, user=admin).levels
    per_delivery = sum(level.counts["received"] for level in levels)
    assert per_delivery == total.received + 1  # the old way of counting disagrees by exactly that unit


def test_the_cascade_page_costs_the_same_queries_however_wide(
    cast, login, settings, tmp_path, django_assert_max_num_queries
):
    from tests.pdf.test_batch import issued_cascade

    settings.MEDIA_ROOT = str(tmp_path / "media")
    narrow, _, _ = issued_cascade(cast, grassroots=2, root_pdf=False)
    client = login(cast.hanh)  # she signs for the guidance's issuer: the whole cascade is hers to follow
    with django_assert_max_num_queries(60) as few:
        assert client.get(reverse("directives:cascade", args=[narrow.pk])).status_code == 200
    wide, plan, _ = issued_cascade(cast, grassroots=30, root_pdf=False)  # fifteen times wider, same cost
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("directives:cascade", args=[wide.pk]))
    plain = Delivery.objects.filter(document__in=[wide, plan], purpose__in=CASCADE_PURPOSES).values("unit")
    assert response.context["total"].received == plain.distinct().count() > 30


def test_it_shows_the_dashboards_figures_on_the_national_data(db, settings, tmp_path, admin):
    sys.path.insert(0, str(ROOT / "bench"))
    import national

    settings.MEDIA_ROOT = str(tmp_path / "media")
    with time_machine.travel(national.REFERENCE_NOW, tick=True):
        national.generate(scale=0.001, directives=2, reporting=1, vacuum=False, log=lambda *_: None)
        documents = _with_cascade()
        assert documents
        top = [d for d in documents if d.issuer.code in ("btgdv-tw", "tld")]
        assert top and all(len(cascade_of(d).levels) >= 2 for d in top)
        for document in documents[:12]:
            assert_they_agree(document, admin)
        for document in top:
            assert_they_agree(document, admin)
