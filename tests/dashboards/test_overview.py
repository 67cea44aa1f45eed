"""The leader's overview (home page and unit dashboard), issue 13: only periods already due under "kỳ gần nhất
đã đến hạn", only issued documents' duties, subjects cut at a word, and what an issuer sent counted wherever
its recipients sit in the tree."""

import time_machine
from django.urls import reverse
from django.utils import timezone

from directives.models import Delivery, Document
from reporting.dashboard import pages
from reporting.dashboard.templatetags import clip
from reporting.models import Obligation
from reporting.services import obligations_create_for_document
from tests.dashboards.conftest import AFTER, BEFORE, PERIOD
from tests.reporting.conftest import add_requirement, local, make_document


def _overview_card(html: str) -> str:
    return html.split('data-testid="overview-requirements"')[1].split("</section>")[0]


def test_before_any_deadline_no_period_is_shown_as_due(cast, scene, login):
    requirements, _ = pages.unit_overview(cast.ldld, now=BEFORE)
    (summary,) = requirements
    assert summary.period is None and summary.upcoming.key == PERIOD
    assert summary.counts.expected == 0
    with time_machine.travel(BEFORE, tick=False):
        card = _overview_card(login(cast.hung).get(reverse("home")).content.decode())
    assert "6 tháng đầu năm 2024" in card.split("Chưa đến hạn kỳ nào")[1]  # as the first period to come
    assert "<table" not in card and "Chưa có kỳ báo cáo nào đến hạn." in card
    with time_machine.travel(AFTER, tick=False):
        card = _overview_card(login(cast.hung).get(reverse("home")).content.decode())
    assert "Chưa đến hạn kỳ nào" not in card and "6 tháng đầu năm 2024" in card.split("<table")[1]


def test_a_drafts_reporting_duty_is_not_on_the_signers_home(cast, scene, login):
    draft = Document.objects.create(
        doc_type="HD", issuer=cast.ldld, status="draft", subject="Hướng dẫn đang soạn"
    )
    add_requirement(draft, frequency="quarterly", to_unit=cast.ldld, title="Báo cáo quý của dự thảo")
    requirements, _ = pages.unit_overview(cast.ldld, now=AFTER)
    assert [s.requirement.pk for s in requirements] == [scene.upward.pk]
    with time_machine.travel(AFTER, tick=False):
        home = login(cast.hung).get(reverse("home")).content.decode()
    assert "Báo cáo quý của dự thảo" not in home


def test_subjects_are_cut_at_a_word_with_an_ellipsis(cast, scene, login):
    long = (
        "Kế hoạch tuyên truyền kỷ niệm 95 năm Ngày thành lập Công đoàn Việt Nam và thực hiện Kết luận "
        "57-KL/TW của Bộ Chính trị về công tác thông tin đối ngoại trong tình hình mới"
    )
    assert clip(long, 110) == (
        "Kế hoạch tuyên truyền kỷ niệm 95 năm Ngày thành lập Công đoàn Việt Nam và thực hiện "
        "Kết luận 57-KL/TW của Bộ…"
    )
    assert clip("Ngắn gọn", 110) == "Ngắn gọn" and clip("", 10) == ""
    Document.objects.filter(pk=scene.plan.pk).update(subject=long)
    with time_machine.travel(AFTER, tick=False):
        home = login(cast.hung).get(reverse("home")).content.decode()
    assert "Kết luận 57-KL/TW của Bộ…" in home and "của Bộ Ch" not in home


def test_the_issuer_counts_what_it_sent_outside_its_own_subtree(cast, scene, login):
    """A Party board instructs the provincial union federation, which is not below it (SPEC §3)."""
    with time_machine.travel(local(2024, 2, 10), tick=False):
        guidance = make_document(
            issuer=cast.btgtu, recipients=[cast.ldld], subject="Công tác thông tin đối ngoại"
        )
        add_requirement(
            guidance, frequency="semiannual", to_unit=cast.btgtu, title="Báo cáo gửi Ban Tuyên giáo"
        )
        obligations_create_for_document(document=guidance, actor=cast.hanh)
    Delivery.objects.filter(document=guidance, unit=cast.ldld).update(
        read_at=timezone.now(), acknowledged_at=timezone.now()
    )
    Obligation.objects.filter(unit=cast.ldld, requirement__document=guidance, period_key=PERIOD).update(
        status="submitted_on_time", submitted_at=local(2024, 7, 1)
    )
    requirements, documents = pages.unit_overview(cast.btgtu, now=AFTER)
    (doc,) = [d for d in documents if d.document.pk == guidance.pk]
    assert (doc.counts.received, doc.counts.acknowledged) == (1, 1)
    (req,) = requirements
    assert (req.period.key, req.counts.expected, req.counts.on_time) == (PERIOD, 1, 1)
    # The receiving federation counts over its own subtree only (itself: it did not send the guidance on).
    _, ldld_docs = pages.unit_overview(cast.ldld, now=AFTER)
    assert [(d.counts.received, d.counts.implemented) for d in ldld_docs if d.document.pk == guidance.pk] == [
        (1, 0)
    ]
    with time_machine.travel(AFTER, tick=False):
        home = login(cast.hanh).get(reverse("home")).content.decode()
    row = home.split(guidance.number_symbol)[1].split("</tr>")[0]
    assert '<td class="num">1</td><td class="num">1</td>' in row  # Đã nhận 1, Đã tiếp nhận 1
    assert login(cast.charlie).get(reverse("dashboards:unit", args=[cast.btgtu.pk])).status_code == 404
    # The board's page of that requirement agrees with its overview: the federation on a line of its own.
    figures = pages.requirement_page(
        unit=cast.btgtu, requirement=req.requirement, period_key=PERIOD, now=AFTER, listing="dung-han"
    )
    assert [r.unit.pk for r in figures.outside] == [cast.ldld.pk] and figures.rows == []
    assert (figures.total.expected, figures.total.on_time) == (1, 1)
    assert [ob.unit_id for ob in figures.listing] == [cast.ldld.pk]
    with time_machine.travel(AFTER, tick=False):
        html = (
            login(cast.hanh)
            .get(reverse("dashboards:requirement", args=[req.requirement.pk, cast.btgtu.pk]), {"ky": PERIOD})
            .content.decode()
        )
    assert "Đơn vị báo cáo ngoài đơn vị trực thuộc" in html and '<dd data-testid="expected">' in html
    # The issuer's page of the guidance: the federation, not below the board, on a line of its own.
    view = pages.directive_page(unit=cast.btgtu, document=guidance, listing="da-tiep-nhan")
    assert [r.unit.pk for r in view.outside] == [cast.ldld.pk] and view.rows == []
    assert (view.total.received, view.total.acknowledged) == (1, 1)
    assert [r["unit_id"] for r in view.listing] == [cast.ldld.pk]
    page = login(cast.hanh).get(reverse("dashboards:directive", args=[guidance.pk, cast.btgtu.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "Nơi nhận ngoài đơn vị trực thuộc" in html
    assert (
        '<dd data-testid="received">' in html
        and "Liên đoàn Lao động tỉnh Bắc Giang" in html.split('data-testid="outside"')[1]
    )
    # The federation's own page of the same guidance has no such line: it did not issue it.
    assert pages.directive_page(unit=cast.ldld, document=guidance).outside == []
