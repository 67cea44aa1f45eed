"""Settings of the exchange app's packets, each with its default (portal/settings/ may set any of them).

Where QCVN 102:2016 and the public sample packets leave a detail unconfirmed (the numeric codes of a document type,
a business type, a status, the priority), the value is a setting, not a constant (STANDARDS.md §8).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

NAMESPACE = "http://www.mic.gov.vn/TBT/QCVN_102_2016"


def max_packet_bytes() -> int:
    """The largest packet read at all: anything larger is refused before it is parsed."""
    return int(getattr(settings, "EXCHANGE_MAX_PACKET_BYTES", 30 * 1024 * 1024))


def exchange_dir() -> Path:
    return Path(settings.DATA_DIR) / "exchange"


def signing_key_path() -> Path:
    """The PEM private key this instance signs its packets with (the body's exchange credential)."""
    return Path(getattr(settings, "EXCHANGE_SIGNING_KEY", "") or exchange_dir() / "signing-key.pem")


def signing_cert_path() -> Path:
    """The PEM certificate of that key, followed by its chain (intermediates) if any."""
    return Path(getattr(settings, "EXCHANGE_SIGNING_CERT", "") or exchange_dir() / "signing-cert.pem")


def trusted_cert_paths() -> list[Path]:
    """PEM files of the certificates whose packets are accepted: a sender's own certificate, or a CA that issued it
    directly. The own certificate is always trusted; with the demo PKI, so is the demo issuing CA."""
    value = getattr(settings, "EXCHANGE_TRUSTED_CERTS", [])
    if isinstance(value, str):
        value = [v for v in value.split(",") if v.strip()]
    return [Path(v.strip()) for v in value]


def type_code() -> str:
    """DocumentType/Type: 1 a legal normative document, 2 an administrative one — everything issued here is 2."""
    return str(getattr(settings, "EXCHANGE_DOCUMENT_TYPE", "2"))


#: BussinessDocType as numbers (the samples carry "0" for a new document).
BUSINESS_CODES_DEFAULT = {"new": "0", "recall": "1", "update": "2", "replace": "3"}

#: StatusCode of a status packet (QCVN 102 lists them as two-digit numbers).
STATUS_CODES_DEFAULT = {
    "received": "01",
    "refused": "02",
    "registered": "03",
    "assigned": "04",
    "in_progress": "05",
    "done": "06",
    "recall_requested": "13",
    "recall_accepted": "15",
    "recall_refused": "16",
}


def business_codes() -> dict[str, str]:
    return dict(getattr(settings, "EXCHANGE_BUSINESS_CODES", BUSINESS_CODES_DEFAULT))


def status_codes() -> dict[str, str]:
    return dict(getattr(settings, "EXCHANGE_STATUS_CODES", STATUS_CODES_DEFAULT))


def priority_default() -> str:
    """OtherInfo/Priority of what this instance sends (0 normal; 1 urgent, 2 very urgent …)."""
    return str(getattr(settings, "EXCHANGE_PRIORITY", "0"))


#: OtherInfo/Priority as read on the entry page (độ khẩn).
PRIORITY_LABELS_DEFAULT = {
    "0": "Thường",
    "1": "Khẩn",
    "2": "Thượng khẩn",
    "3": "Hỏa tốc",
    "4": "Hỏa tốc hẹn giờ",
}


def priority_labels() -> dict[str, str]:
    return dict(getattr(settings, "EXCHANGE_PRIORITY_LABELS", PRIORITY_LABELS_DEFAULT))
