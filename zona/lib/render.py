"""Documents made from templates: PDF (WeasyPrint, imported only when used) and QR codes (SVG,
no image library needed)."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.http import HttpResponse
from django.template.loader import render_to_string


class TooManyPages(Exception):
    """A PDF laid out past the pages allowed; it is not written."""

    def __init__(self, pages: int, limit: int):
        super().__init__(f"{pages} pages, limit {limit}")
        self.pages, self.limit = pages, limit


def pdf_from_html(html: str, *, max_pages: int | None = None) -> bytes:
    """The PDF of `html`; past `max_pages` pages TooManyPages is raised after the layout and
    before the file is written (writing costs as much again)."""
    from weasyprint import HTML

    document = HTML(string=html).render()
    if max_pages is not None and len(document.pages) > max_pages:
        raise TooManyPages(len(document.pages), max_pages)
    return document.write_pdf()


def pdf_from_template(template: str, context: dict, *, max_pages: int | None = None) -> bytes:
    return pdf_from_html(render_to_string(template, context), max_pages=max_pages)


def pdf_response(content: bytes, name: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{name}"'
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def qr_svg(text: str, box_size: int = 10) -> str:
    """A QR code of `text` as an SVG element (to place in a page or a PDF)."""
    return qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=box_size).to_string(
        encoding="unicode"
    )
