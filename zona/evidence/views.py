from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.lib.feedback import submitted
from zona.lib.files import FileRejected
from zona.lib.nexturl import next_path
from zona.orgs.permissions import Action

from .downloads import file_response
from .forms import DatesForm, ReviewForm, VersionForm
from .selectors import get_evidence_for_user, get_version_for_user, latest_version
from .services import evidence_add_version, evidence_dates_set, evidence_review, may_edit_dates


def _back(request, item):
    return redirect(next_path(request, "plans:home"))


@login_required
def download(request, pk: int):
    version = get_version_for_user(request, pk)
    return file_response(version)


@login_required
def preview(request, pk: int):
    """A version shown inline (a PDF or an image, sniffed again), for the TPI's queue."""
    version = get_version_for_user(request, pk)
    return file_response(version, inline=True)


@login_required
def download_current(request, pk: int):
    """An item's latest version."""
    item = get_evidence_for_user(request, pk)
    version = latest_version(item)
    if version is None:
        raise Http404
    return file_response(version)


@login_required
@require_POST
def review(request, pk: int):
    item = get_evidence_for_user(request, pk, Action.VERIFY)
    submitted(
        request,
        ReviewForm(request.POST),
        lambda data: evidence_review(item=item, by=request.user, **data),
        (),
        _("Review saved."),
        refused=_("Review not saved: %(errors)s"),
    )
    return _back(request, item)


@login_required
@require_POST
def new_version(request, pk: int):
    item = get_evidence_for_user(request, pk, Action.REPORT)
    submitted(
        request,
        VersionForm(request.POST, request.FILES),
        lambda data: evidence_add_version(item=item, upload=data["file"], by=request.user),
        FileRejected,
        _("New version uploaded."),
        refused=_("Upload failed: %(errors)s"),
    )
    return _back(request, item)


@login_required
@require_POST
def dates(request, pk: int):
    """The item's period and expiry set again by whoever added it or the unit's coordinator."""
    item = get_evidence_for_user(request, pk)
    if not may_edit_dates(request.user, item):
        raise PermissionDenied
    submitted(
        request,
        DatesForm(request.POST),
        lambda data: evidence_dates_set(item=item, by=request.user, **data),
        (),
        _("The evidence's period and expiry are saved."),
    )
    return _back(request, item)
