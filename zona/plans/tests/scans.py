"""Scanned plans the tests and the benchmark make themselves: the regency office's plan
(zona.plans.tests.regency: one row per LKE question under the columns `No, aspek, area, pilar,
sub_pilar, pertanyaan_lke, uraian_rencana_aksi, output, dokumen_bukti, tim_kerja_terkait,
pemeriksa, petugas_id`) drawn as a ruled table with Pillow on landscape A4 pages, each page
turned a little and speckled as a scanner leaves it, saved as a PDF of images only (no text
layer)."""

from __future__ import annotations

import io
import random
import re
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from zona.plans.tests import regency

COLUMNS = list(regency.HEADER)
# Relative widths of the columns on the page.
WIDTHS = dict(zip(COLUMNS, [3, 7, 9, 7, 10, 20, 14, 7, 8, 9, 8, 5], strict=True))
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def regency_rows(limit: int | None = None, *, every: int = 1) -> list[list[str]]:
    """The regency plan's rows (no header), in the instrument's order: every `every`-th of them
    (the first, the `every + 1`-th, …), the first `limit` of those when given. Each keeps its
    number in the `No` column."""
    rows = regency.regency_rows()[1:][::every]
    return rows[:limit] if limit else rows


@dataclass(frozen=True)
class Scan:
    dpi: int = 200
    font_pt: float = 8.5
    skew: float = 0.8  # degrees; each page turns by up to this, alternately left and right
    noise: float = 0.0005  # the share of pixels turned into specks
    sideways: frozenset[int] = frozenset()  # pages (from 1) scanned on their side
    seed: int = 7
    # Each page cut half an inch below its last row (a slip rather than a whole sheet): the same
    # table and text, less blank paper for OCR to go through; for tests whose subject is not the
    # page's size.
    trim: bool = False


def _pieces(text: str) -> list[tuple[str, str]]:
    """The words of a line, a word with slashes cut after each (as a word processor breaks
    "dilaksanakan/diimplementasikan"): (piece, what joins it to the piece before)."""
    found = []
    for word in text.split():
        for n, piece in enumerate(p for p in re.split(r"(?<=/)", word) if p):
            found.append((piece, "" if n else " "))
    return found


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: float) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for piece, glue in _pieces(paragraph):
            candidate = f"{line}{glue}{piece}" if line else piece
            if line and draw.textlength(candidate, font=font) > width:
                lines.append(line)
                line = piece
            else:
                line = candidate
        lines.append(line)
    return lines


def _pages(rows: list[list[str]], scan: Scan, columns: list[str]) -> list[Image.Image]:
    """The table on landscape A4 pages, the header row repeated on each."""
    width, height = int(11.69 * scan.dpi), int(8.27 * scan.dpi)
    margin = scan.dpi // 2
    font = ImageFont.truetype(FONT, round(scan.font_pt * scan.dpi / 72))
    line_height = round(font.size * 1.3)
    pad = font.size // 2
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    edges = [margin]
    for size in _widths(probe, font, [columns, *rows], width - 2 * margin, pad):
        edges.append(edges[-1] + size)

    def wrapped(cells: list[str]) -> list[list[str]]:
        return [_wrap(probe, cell, font, edges[i + 1] - edges[i] - 2 * pad) for i, cell in enumerate(cells)]

    header = wrapped([c.replace("_", " ") for c in columns])
    pages: list[Image.Image] = []
    bottoms: list[int] = []  # where each page's last row ends
    draw = None
    y = height
    for index, cells in enumerate([header, *map(wrapped, rows)]):
        if draw is None or y + max(map(len, cells)) * line_height + 2 * pad > height - margin:
            pages.append(Image.new("L", (width, height), 255))
            bottoms.append(margin)
            draw = ImageDraw.Draw(pages[-1])
            y = margin
            if index:  # the header again at the top of a new page
                y = _row(draw, edges, y, header, font, line_height, pad)
        y = bottoms[-1] = _row(draw, edges, y, cells, font, line_height, pad)
    if scan.trim:
        cut = [min(height, bottom + margin) for bottom in bottoms]
        pages = [page.crop((0, 0, width, end)) for page, end in zip(pages, cut, strict=True)]
    return pages


def _widths(probe: ImageDraw.ImageDraw, font, rows: list[list[str]], room: int, pad: int) -> list[int]:
    """The page's width shared among the columns as WIDTHS says, but each column at least as wide
    as its longest word (a word never runs over a ruling line: the person typing the table
    widened that column)."""
    shares = [WIDTHS.get(c, 8) for c in rows[0]]
    words = [
        [w for row in rows for w, _glue in _pieces(row[i].replace("_", " "))] for i in range(len(shares))
    ]
    least = [max((probe.textlength(w, font=font) for w in found), default=0) + 2 * pad + 4 for found in words]
    fixed: set[int] = set()
    while True:  # the columns that need more than their share get it; the others share the rest
        spare = room - sum(least[i] for i in fixed)
        free = sum(shares[i] for i in range(len(shares)) if i not in fixed) or 1
        sizes = [least[i] if i in fixed else spare * shares[i] / free for i in range(len(shares))]
        short = {i for i, size in enumerate(sizes) if size < least[i]} - fixed
        if not short:
            return [int(size) for size in sizes]
        fixed |= short


def _row(draw, edges, y, wrapped, font, line_height, pad) -> int:
    bottom = y + max(map(len, wrapped)) * line_height + 2 * pad
    for i, lines in enumerate(wrapped):
        for n, line in enumerate(lines):
            draw.text((edges[i] + pad, y + pad + n * line_height), line, font=font, fill=0)
    draw.rectangle((edges[0], y, edges[-1], bottom), outline=0, width=2)
    for x in edges[1:-1]:
        draw.line((x, y, x, bottom), fill=0, width=2)
    return bottom


def _scanned(page: Image.Image, number: int, scan: Scan, rng: random.Random) -> Image.Image:
    angle = scan.skew * (1 if number % 2 else -1) * rng.uniform(0.6, 1.0)
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255, expand=True)
    pixels = page.load()
    for _ in range(int(page.width * page.height * scan.noise)):
        pixels[rng.randrange(page.width), rng.randrange(page.height)] = rng.choice((0, 90, 160))
    if number in scan.sideways:
        page = page.rotate(90, expand=True)
    return page


def scanned_pdf(
    rows: list[list[str]], scan: Scan | None = None, columns: list[str] = COLUMNS, max_pages: int = 0
) -> bytes:
    """The rows under their header row as a scanned PDF: images only, one a page (the first
    `max_pages` only, when given)."""
    scan = scan or Scan()
    rng = random.Random(scan.seed)
    drawn = _pages(rows, scan, columns)[: max_pages or None]
    pages = [_scanned(p, n, scan, rng) for n, p in enumerate(drawn, start=1)]
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=scan.dpi)
    return out.getvalue()


def turned_pdf(
    rows: list[list[str]], angles: list[int], scan: Scan | None = None, columns: list[str] = COLUMNS
) -> bytes:
    """The rows' first page as a scanned PDF, once a page for each angle, turned that many degrees
    counter-clockwise (90: scanned on its left side, 180: upside down, 270: on its right side)."""
    scan = scan or Scan()
    page = _scanned(_pages(rows, scan, columns)[0], 1, scan, random.Random(scan.seed))
    pages = [page.rotate(angle, expand=True, fillcolor=255) for angle in angles]
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=scan.dpi)
    return out.getvalue()
