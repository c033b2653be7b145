from django.utils import timezone


def monev(request):
    """`today` for templates, and the unread notification count (queried only when shown)."""
    user = getattr(request, "user", None)

    def unread() -> int:
        if user is None or not user.is_authenticated:
            return 0
        return user.notifications.filter(read_at__isnull=True).count()

    return {"today": timezone.localdate(), "unread_notifications": unread}
