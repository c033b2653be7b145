"""A stored version as a download: the one way any page hands out an evidence file, after its
own access check (the evidence pages, the public list of service SOPs)."""

from django.http import FileResponse, Http404

from .models import EvidenceVersion


def file_response(version: EvidenceVersion) -> FileResponse:
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=version.download_name, content_type=version.mime)
