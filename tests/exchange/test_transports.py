"""The transports against the local test hub (in this process) and a pair of folders: a packet sent twice under
one key arrives once, a hub that is down or refuses our token is a transient failure, a packet the hub refuses is
a permanent one, and the folder drop writes whole files only."""

from __future__ import annotations

import json
import urllib.request

import pytest

from directives.exchange.transports import FolderTransport, HttpTransport, TransportError, TransportRefused
from directives.exchange.transports.base import key_name
from tests.exchange.hub import recipient_of, serve_in_thread

KEY = "000.00.00.G01,2026/02/06,97-HD/BTGTU|new|000.00.12.H06"
PACKET = (
    b'<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader><MessageHeader>'
    b"<From><OrganId>000.00.00.G01</OrganId></From><To><OrganId>000.00.12.H06</OrganId></To>"
    b"</MessageHeader></edXMLHeader></edXMLEnvelope></edXML>"
)


@pytest.fixture
def hub():
    server = serve_in_thread(token="t0ken")
    yield server
    server.shutdown()
    server.server_close()


def stats(hub) -> dict:
    with urllib.request.urlopen(f"{hub.url}/_stats", timeout=5) as r:  # noqa: S310 - the local hub
        return json.loads(r.read())


def test_http_send_twice_is_received_once_then_fetched_and_acked(hub):
    sender = HttpTransport(hub.url, "t0ken")
    first = sender.send(KEY, PACKET, to_organ="000.00.12.H06")
    again = sender.send(KEY, PACKET, to_organ="000.00.12.H06")
    assert (first.outcome, again.outcome) == ("created", "duplicate")
    assert first.reference == again.reference
    receiver = HttpTransport(hub.url, "t0ken", organ_ids=["000.00.12.H06"])
    assert HttpTransport(hub.url, "t0ken", organ_ids=["000.00.00.G01"]).fetch() == []
    [(name, data)] = receiver.fetch()
    assert data == PACKET
    receiver.ack(name)
    assert receiver.fetch() == []
    assert {k: stats(hub)[k] for k in ("received", "duplicates", "acks")} == {
        "received": 1,
        "duplicates": 1,
        "acks": 1,
    }


def test_the_hub_reads_the_recipient_from_the_packet_when_not_told(hub):
    assert recipient_of(PACKET) == "000.00.12.H06"
    HttpTransport(hub.url, "t0ken").send(KEY, PACKET)
    assert stats(hub)["packets"] == [{"key": KEY, "to": "000.00.12.H06", "acked": False}]


def test_failures_transient_and_permanent(hub):
    with pytest.raises(TransportError) as wrong_token:
        HttpTransport(hub.url, "other").send(KEY, PACKET)
    assert not isinstance(wrong_token.value, TransportRefused)  # our configuration, not the packet
    HttpTransport(hub.url, "t0ken").send(KEY, PACKET)
    with pytest.raises(TransportRefused, match="409"):  # the same key with other bytes
        HttpTransport(hub.url, "t0ken").send(KEY, PACKET + b" ")
    with pytest.raises(TransportRefused, match="400"):  # no recipient anywhere
        HttpTransport(hub.url, "t0ken").send("k2", b"<edXML/>")
    urllib.request.urlopen(urllib.request.Request(f"{hub.url}/_down", data=b"", method="POST"), timeout=5)  # noqa: S310
    with pytest.raises(TransportError, match="503") as down:
        HttpTransport(hub.url, "t0ken").send("k3", PACKET)
    assert not isinstance(down.value, TransportRefused)
    url = hub.url
    hub.shutdown()
    hub.server_close()
    with pytest.raises(TransportError, match="Không kết nối được") as gone:
        HttpTransport(url, "t0ken", timeout=2).send("k3", PACKET)
    assert not isinstance(gone.value, TransportRefused)


def test_folder_drop_writes_whole_files_named_by_the_key(tmp_path):
    out, inbox = tmp_path / "out", tmp_path / "in"
    transport = FolderTransport(out, inbox)
    assert transport.send(KEY, PACKET).outcome == "created"
    assert transport.send(KEY, PACKET).outcome == "duplicate"
    assert [p.name for p in out.iterdir()] == [f"{key_name(KEY)}.xml"]  # no temporary file left behind
    assert (out / f"{key_name(KEY)}.xml").read_bytes() == PACKET
    # The gateway agent drops what arrives into the in folder; a half-written hidden file is not taken.
    inbox.mkdir()
    (inbox / "a.xml").write_bytes(PACKET)
    (inbox / ".tmp-b.xml").write_bytes(b"<edX")
    assert transport.fetch() == [("a.xml", PACKET)]
    transport.ack("a.xml")
    transport.ack("a.xml")  # a second ack (another poller) changes nothing
    assert transport.fetch() == []
    assert (inbox / "processed" / "a.xml").exists()
    with pytest.raises(TransportError):
        transport.ack("../escape.xml")


def test_folder_unwritable_is_transient(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(TransportError) as failed:
        FolderTransport(blocker / "out", tmp_path / "in").send(KEY, PACKET)
    assert not isinstance(failed.value, TransportRefused)
