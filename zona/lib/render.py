"""Documents made from templates: PDF (WeasyPrint, imported only when used) and QR codes (SVG,
no image library needed)."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.http import HttpResponse
from django.template.loader import render_to_string


def pdf_from_template(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_to_string(template, context)).write_pdf()


def pdf_response(content: bytes, name: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{name}"'
    return response


def qr_svg(text: str, box_size: int = 10) -> str:
    """A QR code of `text` as an SVG element (to place in a page or a PDF)."""
    return qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=box_size).to_string(
        encoding="unicode"
    )
