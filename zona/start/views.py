from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from .selectors import standing, todo


@login_required
def home(request):
    today = timezone.localdate()
    return render(
        request,
        "start/home.html",
        {"today": today, "todo": todo(request.user, today), "standing": standing(request.user)},
    )
