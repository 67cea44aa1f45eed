"""What API keys and calendar-feed secrets share: a secret is stored only as its SHA-256, expires, and is bound
to the password its owner had when it was made — a password change (or reset) ends every such secret, as
Django ends the sessions (get_session_auth_hash), without a hook in each view that sets a password."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def password_stamp(user) -> str:
    """An HMAC of the user's current password hash (keyed with SECRET_KEY): changes whenever the password does."""
    # The salt keeps the module's former name (portal.core.tokens): changing it would void every stamp stored
    # with an API key or calendar token and log every holder out of them.
    return salted_hmac("portal.core.tokens.password_stamp", user.password, algorithm="sha256").hexdigest()


def stamp_matches(stamp: str, user) -> bool:
    return bool(stamp) and constant_time_compare(stamp, password_stamp(user))


def expires_in(days: int) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=days)
