"""The outbox (helper E, issue 18): a packet is queued inside the caller's transaction, once per key; the flush
sends what is due and marks it sent; a hub that is down keeps it queued with a growing wait; a hub that refuses
the packet itself fails it and tells the sender's clerks; two flushes at once never send a packet twice; and a
packet sent again after a crash is answered "already received" by the hub, not delivered twice."""

from __future__ import annotations

import datetime as dt
import json
import threading
import urllib.request

import pytest
from django.db import connection, transaction
from django.utils import timezone

from directives.exchange import outbox
from directives.exchange.models import Packet
from directives.exchange.transports import HttpTransport, Sent, Transport, TransportError
from portal.audit.models import Event
from portal.notifications.models import Notification
from tests.exchange.hub import serve_in_thread

TO = "000.03.24.H02"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.EXCHANGE_RETRY_BASE_SECONDS = 30
    settings.EXCHANGE_RETRY_MAX_SECONDS = 3600


@pytest.fixture
def hub():
    server = serve_in_thread(token="t0ken")
    yield server
    server.shutdown()
    server.server_close()


def hub_stats(hub) -> dict:
    with urllib.request.urlopen(f"{hub.url}/_stats", timeout=5) as r:  # noqa: S310 - the local hub
        return json.loads(r.read())


def enqueue(n: int = 1, **extra) -> Packet:
    return outbox.outbox_enqueue(
        data=f"<edXML><To><OrganId>{TO}</OrganId></To><n>{n}</n></edXML>".encode(),
        key=f"000.01.24.G01,2026/02/06,97-HD/BTGTU|registered|{TO}|{n}",
        to_organ=TO,
        kind="status",
        status_code="registered",
        **extra,
    )


class Recording(Transport):
    """Counts sends; fails the first ``fail`` of them (the hub down)."""

    name = "recording"

    def __init__(self, fail: int = 0):
        self.sent: list[str] = []
        self.fail = fail
        self.lock = threading.Lock()

    def send(self, key, data, *, to_organ=""):
        with self.lock:
            if self.fail:
                self.fail -= 1
                raise TransportError("Không kết nối được trục liên thông: Connection refused")
            self.sent.append(key)
        return Sent("created")


def test_enqueue_is_idempotent_by_key_and_waits_for_the_commit(db, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as kicks:
        first = enqueue()
        again = enqueue()
    assert first.pk == again.pk
    assert Packet.objects.count() == 1
    assert (first.state, first.attempts, first.size) == ("queued", 0, len(first.payload.read()))
    assert len(kicks) == 1  # the flush is published once the caller commits, for the first enqueue only
    assert Event.objects.filter(action="exchange.packet_queued").count() == 1


def test_enqueue_rolls_back_with_the_caller(db, media):
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue()
        raise RuntimeError("the issue failed")
    assert not Packet.objects.exists()


def test_flush_sends_due_packets_through_the_hub_once(db, media, hub):
    packets = [enqueue(n) for n in range(3)]
    transport = HttpTransport(hub.url, "t0ken")
    result = outbox.outbox_flush_run(transport=transport, batch_size=2)  # two batches
    assert (result.sent, result.retried, result.failed) == (3, 0, 0)
    for p in packets:
        p.refresh_from_db()
        assert (p.state, p.attempts, p.last_error) == ("sent", 1, "")
        assert p.sent_at is not None
    assert outbox.outbox_flush_run(transport=transport).handled == 0  # nothing left
    # A crash after the hub took a packet but before our commit: the packet is sent again, the hub says
    # "already received", and it is delivered once.
    Packet.objects.filter(pk=packets[0].pk).update(state="queued", next_attempt_at=timezone.now())
    again = outbox.outbox_flush_run(transport=transport)
    assert (again.sent, again.duplicates) == (0, 1)
    stats = hub_stats(hub)
    assert (stats["received"], stats["duplicates"]) == (3, 1)
    assert [p["to"] for p in stats["packets"]] == [TO] * 3


def test_hub_down_keeps_the_packet_queued_with_backoff_then_catches_up(db, media):
    first, second = enqueue(1), enqueue(2)
    down = Recording(fail=99)
    result = outbox.outbox_flush_run(transport=down)
    assert (result.retried, result.sent) == (1, 0)  # stops at the first failure: the hub is down for all
    first.refresh_from_db()
    assert (first.state, first.attempts) == ("queued", 1)
    assert "Connection refused" in first.last_error
    waited = first.next_attempt_at - timezone.now()
    assert dt.timedelta(seconds=25) < waited <= dt.timedelta(seconds=30)
    # Not due yet: the next tick tries the other packet, and the first waits twice as long after a second failure.
    outbox.outbox_flush_run(transport=down)
    Packet.objects.filter(pk=first.pk).update(next_attempt_at=timezone.now())
    outbox.outbox_flush_run(transport=down)
    first.refresh_from_db()
    assert first.attempts == 2
    assert dt.timedelta(seconds=55) < first.next_attempt_at - timezone.now() <= dt.timedelta(seconds=60)
    # The hub is back: once due, each packet goes once.
    Packet.objects.update(next_attempt_at=timezone.now())
    up = Recording()
    assert outbox.outbox_flush_run(transport=up).sent == 2
    assert sorted(up.sent) == sorted([first.key, second.key])
    assert set(Packet.objects.values_list("state", flat=True)) == {"sent"}


def test_backoff_is_capped(settings):
    settings.EXCHANGE_RETRY_BASE_SECONDS, settings.EXCHANGE_RETRY_MAX_SECONDS = 30, 600
    assert [outbox.retry_delay(n).total_seconds() for n in (1, 2, 3, 5, 40)] == [30, 60, 120, 480, 600]


def test_a_packet_the_hub_refuses_fails_and_the_clerks_are_told(db, media, hub, cast):
    from directives.models import Document

    document = Document.objects.create(
        issuer=cast.btgtu,
        doc_type="HD",
        subject="Hướng dẫn công tác thông tin đối ngoại",
        number_symbol="97-HD/BTGTU",
        signed_by=cast.hanh,
    )
    HttpTransport(hub.url, "t0ken").send(
        enqueue(1).key, b"<other bytes/>", to_organ=TO
    )  # the key, other bytes
    packet = Packet.objects.get()
    Packet.objects.filter(pk=packet.pk).update(document=document)
    result = outbox.outbox_flush_run(transport=HttpTransport(hub.url, "t0ken"))
    assert result.failed == 1
    packet.refresh_from_db()
    assert packet.state == "failed"
    assert "409" in packet.refusal_reason
    assert packet.next_attempt_at is None
    assert outbox.outbox_flush_run(transport=HttpTransport(hub.url, "t0ken")).handled == 0  # never again
    [told] = Notification.objects.filter(kind="exchange.packet_failed")
    assert told.recipient == cast.hanh  # the signer (BTGTU has no clerk in the cast)
    assert told.title == "Trục liên thông từ chối gói tin: 97-HD/BTGTU"
    assert "409" in told.body
    assert Event.objects.filter(action="exchange.packet_failed").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_flushes_at_once_send_each_packet_once(media, settings):
    for n in range(6):
        enqueue(n)
    shared = Recording()
    barrier = threading.Barrier(2)

    def flush():
        try:
            barrier.wait(5)
            outbox.outbox_flush_run(transport=shared, batch_size=2)
        finally:
            connection.close()

    threads = [threading.Thread(target=flush) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(shared.sent) == sorted(Packet.objects.values_list("key", flat=True))  # 6 sends, no repeat
    assert set(Packet.objects.values_list("state", flat=True)) == {"sent"}


class Inbox(Transport):
    name = "folder"

    def __init__(self, items):
        self.items = dict(items)
        self.acked: list[str] = []

    def fetch(self):
        return [(k, v) for k, v in self.items.items() if k not in self.acked]

    def ack(self, name):
        self.acked.append(name)


def test_the_poll_acks_what_it_received_or_refused_and_keeps_what_failed(db, media, monkeypatch):
    from directives.exchange import inbox
    from directives.exchange.services import receive

    transport = Inbox({"bad.xml": b"<not-edxml/>", "boom.xml": b"<edXML/>"})
    real = receive.packet_receive

    def flaky(data, *, via):
        if data == b"<edXML/>":
            raise ConnectionError("the database went away")
        return real(data, via=via)

    monkeypatch.setattr(receive, "packet_receive", flaky)
    result = inbox.inbox_poll_run(transport=transport)
    assert (result.received, result.refused, result.left) == (0, 1, 1)
    assert transport.acked == ["bad.xml"]  # refused: recorded and acked; the failure stays for the next poll
    assert Packet.objects.get(direction="in").state == "refused"
