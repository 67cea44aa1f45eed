from portal.notifications.selectors import unread_count


def shell(request) -> dict:
    """What the base layout needs: the unread count in the header (one COUNT query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user)}
