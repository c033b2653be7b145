"""Template context every page may use."""

from django.utils import timezone


def today(request):
    return {"today": timezone.localdate()}
