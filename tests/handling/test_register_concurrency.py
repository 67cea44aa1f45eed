"""The incoming register's numbers: 01 on 1 January each year per unit, consecutive and unique when fifty clerks'
registrations race (PostgreSQL row locks, threads with their own connections), and a refused registration gives its
number back."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from directives.handling.models import IncomingEntry
from directives.handling.services import incoming
from directives.models import Delivery, DocType, Document, Purpose, RegisterCounter, Status

VN = dt.timezone(dt.timedelta(hours=7))


def arrivals(cast, n: int, *, start: int = 1) -> list[Delivery]:
    """n documents BTG Tỉnh ủy issued to LĐLĐ tỉnh, written directly (the issue flow is tested elsewhere; what is
    tested here is the register's numbering)."""
    now = timezone.now()
    docs = Document.objects.bulk_create(
        [
            Document(
                doc_type=DocType.HD,
                issuer=cast.btgtu,
                number=i,
                number_symbol=f"{i}-HD/BTGTU",
                issue_date=timezone.localdate(),
                subject=f"Hướng dẫn số {i} về công tác tuyên truyền",
                status=Status.ISSUED,
                issued_at=now,
                signer_name="Nguyễn Văn Hạnh",
                created_by=cast.lan,
            )
            for i in range(start, start + n)
        ]
    )
    return Delivery.objects.bulk_create(
        [Delivery(document=d, unit=cast.ldld, purpose=Purpose.THUC_HIEN, delivered_at=now) for d in docs]
    )


@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_registrations_get_fifty_consecutive_numbers(tcast):
    cast = tcast
    deliveries = arrivals(cast, 50)
    errors: list[Exception] = []
    barrier = threading.Barrier(10)

    def register(batch):
        try:
            barrier.wait()
            for delivery in batch:
                incoming.entry_register_delivery(actor=cast.thu, delivery=delivery)
        except Exception as exc:  # noqa: BLE001 — collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(deliveries[i::10],)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    year = timezone.localdate().year
    numbers = sorted(IncomingEntry.objects.filter(unit=cast.ldld, year=year).values_list("number", flat=True))
    assert numbers == list(range(1, 51))
    assert RegisterCounter.objects.get(book__unit=cast.ldld, series_key=f"den-{year}").last_number == 50
    assert Delivery.objects.filter(unit=cast.ldld, acknowledged_at__isnull=False).count() == 50


@pytest.mark.django_db(transaction=True)
def test_the_same_delivery_registered_twice_at_once_gets_one_entry(tcast):
    cast = tcast
    (delivery,) = arrivals(cast, 1)
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def register():
        try:
            barrier.wait()
            incoming.entry_register_delivery(actor=cast.thu, delivery=delivery)
            outcomes.append("registered")
        except Exception as exc:  # noqa: BLE001 — collected and asserted below
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=register) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["AlreadyDone", "registered"]
    assert IncomingEntry.objects.get().number == 1
    # The loser took no number: the next registration is 02.
    (second,) = arrivals(cast, 1, start=2)
    assert incoming.entry_register_delivery(actor=cast.thu, delivery=second).number == 2


def test_a_registration_that_fails_after_numbering_gives_its_number_back(cast, monkeypatch):
    first, second = arrivals(cast, 2)

    def broken(**kwargs):
        raise RuntimeError("the audit store is down")

    monkeypatch.setattr(incoming, "event_record", broken)
    with pytest.raises(RuntimeError):
        incoming.entry_register_delivery(actor=cast.thu, delivery=first)
    monkeypatch.undo()
    assert not IncomingEntry.objects.exists()
    assert Delivery.objects.get(pk=first.pk).acknowledged_at is None
    assert incoming.entry_register_delivery(actor=cast.thu, delivery=second).number == 1


def test_the_register_starts_again_from_01_on_1_january(cast):
    # Another unit's register is a series of its own.
    cast.btgtu.addressees.add(cast.yenthe)
    with time_machine.travel(dt.datetime(2025, 12, 31, 23, 50, tzinfo=VN), tick=False):
        late = arrivals(cast, 3)
        entries = [incoming.entry_register_delivery(actor=cast.thu, delivery=d) for d in late[:2]]
        assert [(e.year, e.number) for e in entries] == [(2025, 1), (2025, 2)]
    with time_machine.travel(dt.datetime(2026, 1, 1, 0, 10, tzinfo=VN), tick=False):
        # Arrived on 31 December, registered on 1 January: the new year's book, number 01; its arrival is kept.
        carried = incoming.entry_register_delivery(actor=cast.thu, delivery=late[2])
        assert (carried.year, carried.number) == (2026, 1)
        assert timezone.localtime(carried.arrived_at).date() == dt.date(2025, 12, 31)
        fresh = arrivals(cast, 1, start=10)[0]
        assert incoming.entry_register_delivery(actor=cast.thu, delivery=fresh).number == 2
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False):
        delivery = Delivery.objects.create(
            document=Document.objects.get(number_symbol="10-HD/BTGTU"),
            unit=cast.yenthe,
            purpose=Purpose.DE_BIET,
            delivered_at=timezone.now(),
        )
        from portal.org.services import membership_grant

        membership_grant(actor=None, user=cast.tuan, unit=cast.yenthe, role="clerk")
        assert incoming.entry_register_delivery(actor=cast.tuan, delivery=delivery).number == 1
