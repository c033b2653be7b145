from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404

from zona.orgs.permissions import Action, require

from .models import Case, CaseAttachment
from .services import HANDLING_ACTIONS


@login_required
def attachment_download(request, pk: int):
    """A case's attachment (evidence, identity document), for the officers of its module only."""
    attachment = get_object_or_404(
        CaseAttachment.objects.select_related("case__unit"),
        pk=pk,
        case__in=Case.objects.visible_to(request.user),
    )
    require(request.user, Action(HANDLING_ACTIONS[attachment.case.kind]), attachment.case.unit)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)
