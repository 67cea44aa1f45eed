from django.conf import settings

from portal.notifications.selectors import unread_count


def shell(request) -> dict:
    """What the base layout needs: the unread count in the header (one COUNT query); for the login
    page, where to report a security problem (SECURITY.md)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"security_contact": settings.SECURITY_CONTACT_EMAIL}
    return {"unread_notifications": unread_count(user)}
