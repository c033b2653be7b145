from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from .services import notifications_mark_read


@login_required
def notification_list(request):
    if request.method == "POST":
        notifications_mark_read(user=request.user)
        return redirect("notifications:list")
    items = request.user.notifications.all()[:100]
    return render(request, "notifications/list.html", {"items": items})
