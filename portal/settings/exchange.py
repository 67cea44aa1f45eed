"""Settings of the exchange with other systems: the units' identifier codes, the hub's transport and outbox, the
edXML packets' key and limits (directives/exchange/conf.py gives each its default)."""

from __future__ import annotations

from portal.env import env_int, env_list, env_secret, env_str, env_url
from portal.settings.base import CELERY_BEAT_SCHEDULE, DATA_DIR

# --- Organisation identifier codes (issue 18, helper C: portal/org/identifiers.py) ------------------------------
# The accepted form of a unit's mã định danh điện tử. The default is the shape of the codes the government's coding
# decisions assign (QĐ 20/2020/QĐ-TTg, e.g. "000.00.12.H10"); the exact national format is unconfirmed, so a
# deployment may widen it here.
ORGAN_ID_PATTERN = env_str("ORGAN_ID_PATTERN", r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[0-9A-Z]{3}$")

# --- Exchange with other systems (issue 18, helper E: transports and the outbox) --------------------------------
# Packets go out through one transport: "folder" (a gateway agent moves files between these folders and the
# national hub) or "http" (this instance talks to the hub at EXCHANGE_HUB_URL with a bearer token).
EXCHANGE_TRANSPORT = env_str("EXCHANGE_TRANSPORT", "folder")
EXCHANGE_FOLDER_OUT = env_str("EXCHANGE_FOLDER_OUT", str(DATA_DIR / "exchange" / "out"))
EXCHANGE_FOLDER_IN = env_str("EXCHANGE_FOLDER_IN", str(DATA_DIR / "exchange" / "in"))
EXCHANGE_HUB_URL = env_url("EXCHANGE_HUB_URL", schemes=("http", "https"))
EXCHANGE_HUB_TOKEN = env_secret("EXCHANGE_HUB_TOKEN")
EXCHANGE_HUB_TIMEOUT = env_int("EXCHANGE_HUB_TIMEOUT", 10, minimum=1)
# The OrganIds whose packets this instance fetches from the hub; empty: every open code of a hosted unit.
EXCHANGE_ORGAN_IDS = env_list("EXCHANGE_ORGAN_IDS", [])
# A packet the hub did not take is tried again after base·2^(attempts−1) seconds, at most the maximum.
EXCHANGE_RETRY_BASE_SECONDS = env_int("EXCHANGE_RETRY_BASE_SECONDS", 30, minimum=1)
EXCHANGE_RETRY_MAX_SECONDS = env_int("EXCHANGE_RETRY_MAX_SECONDS", 3600, minimum=1)
EXCHANGE_FLUSH_BATCH = env_int("EXCHANGE_FLUSH_BATCH", 50, minimum=1)
EXCHANGE_SWEEP_SECONDS = env_int("EXCHANGE_SWEEP_SECONDS", 60, minimum=1)
# The queue the exchange tasks are published to (empty: Celery's default queue).
EXCHANGE_QUEUE = env_str("EXCHANGE_QUEUE") or None

# --- edXML packets (issue 18, helper D: directives/exchange/packet.py, keys.py, conf.py) ----------------------------
# The instance's exchange credential: the PEM key its packets are signed with and its certificate (then the chain).
# Empty: <DATA_DIR>/exchange/signing-key.pem and signing-cert.pem, issued by the demo PKI on first use.
EXCHANGE_SIGNING_KEY = env_str("EXCHANGE_SIGNING_KEY", "")
EXCHANGE_SIGNING_CERT = env_str("EXCHANGE_SIGNING_CERT", "")
# PEM files of the certificates (a sender's own, or the CA that issued it) whose packets are accepted.
EXCHANGE_TRUSTED_CERTS = env_list("EXCHANGE_TRUSTED_CERTS", [])
# A packet larger than this is refused before it is read.
EXCHANGE_MAX_PACKET_BYTES = env_int("EXCHANGE_MAX_PACKET_BYTES", 30 * 1024 * 1024, minimum=1024)
CELERY_BEAT_SCHEDULE["exchange-outbox-flush"] = {
    "task": "exchange.outbox_flush",
    "schedule": float(EXCHANGE_SWEEP_SECONDS),
}
CELERY_BEAT_SCHEDULE["exchange-inbox-poll"] = {
    "task": "exchange.inbox_poll",
    "schedule": float(EXCHANGE_SWEEP_SECONDS),
}
