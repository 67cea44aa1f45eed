"""Background work of the organisation: e-mailing set-password links to imported people."""

from __future__ import annotations

from celery import shared_task
from django.contrib.auth import get_user_model

from portal.org.services.people import password_link_send


@shared_task(name="org.send_password_links")
def send_password_links(actor_id: int | None, user_ids: list[int], base_url: str) -> int:
    """Send the set-password link to each listed person with an e-mail address and no password yet (imports).

    Idempotent enough to run twice: a person who has set a password in between is skipped."""
    User = get_user_model()
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    sent = 0
    for person in User.objects.filter(pk__in=user_ids, is_active=True).exclude(email=""):
        if person.has_usable_password():
            continue
        password_link_send(actor=actor, person=person, base_url=base_url)
        sent += 1
    return sent
