"""«Gói tin liên thông» (/lien-thong/goi-tin/): a clerk sees the packets of the units they keep — a document sent
through the hub with its recipient and state, a packet received and registered, a packet refused with its reason
— and nothing of another unit's; the page costs the same queries for 3 packets and 60; others are refused.

Cast: thu (clerk, LĐLĐ tỉnh) keeps ldld's packets; hung (signer, no clerk role) and charlie (outsider) are refused.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directives.exchange.models import Direction, Kind, Packet, PacketState
from portal.org.models import UnitIdentifier

URL = "/lien-thong/goi-tin/"


@pytest.fixture
def codes(cast):
    for unit, code in ((cast.ldld, "000.00.10.C01"), (cast.laichau, "000.00.40.H12")):
        UnitIdentifier.objects.create(unit=unit, code=code, valid_from="2020-01-01")


def _refused(to_organ: str, reason: str, n: int = 0) -> Packet:
    return Packet.objects.create(
        direction=Direction.IN,
        kind=Kind.DOCUMENT,
        key=f"000.00.00.G22,2024/01/15,{n}/BNV|new|{to_organ}",
        edxml_id=f"000.00.00.G22,2024/01/15,{n}/BNV",
        from_organ="000.00.00.G22",
        to_organ=to_organ,
        state=PacketState.REFUSED,
        refusal_reason=reason,
    )


def test_a_clerk_sees_their_units_packets_with_the_reason_of_a_refusal(cast, codes, login):
    _refused("000.00.10.C01", "Chữ ký số của gói tin không hợp lệ: nội dung đã bị thay đổi sau khi ký.")
    _refused("000.00.40.H12", "Gói tin gửi cho đơn vị khác.", n=1)
    Packet.objects.create(
        direction=Direction.OUT,
        kind=Kind.DOCUMENT,
        key="x|new|000.00.12.H10",
        to_organ="000.00.12.H10",
        state=PacketState.QUEUED,
        attempts=2,
        last_error="Không kết nối được trục liên thông.",
    )  # a packet of no unit of theirs: not shown
    page = login(cast.thu).get(URL).content.decode()
    assert "Đã từ chối" in page and "nội dung đã bị thay đổi sau khi ký" in page
    assert "Gói tin gửi cho đơn vị khác." not in page and "Không kết nối được trục" not in page
    only_out = login(cast.thu).get(URL, {"huong": "di"}).content.decode()
    assert "nội dung đã bị thay đổi" not in only_out and "Chưa có gói tin liên thông nào" in only_out


def test_the_page_costs_the_same_queries_for_3_and_60_packets(cast, codes, login):
    client = login(cast.thu)

    def count() -> int:
        client.get(URL)  # warm: session, scope
        with CaptureQueriesContext(connection) as ctx:
            client.get(URL)
        return len(ctx.captured_queries)

    for n in range(3):
        _refused("000.00.10.C01", "Gói tin hỏng.", n=n)
    small = count()
    for n in range(3, 60):
        _refused("000.00.10.C01", "Gói tin hỏng.", n=n)
    assert count() == small


def test_people_who_keep_no_units_register_are_refused(cast, login):
    assert login(cast.hung).get(URL).status_code == 403
    assert login(cast.charlie).get(URL).status_code == 403
