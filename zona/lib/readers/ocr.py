"""Scanned PDFs (images only) read by OCR: every page rendered (pypdfium2), turned upright
(tesseract's orientation detection, for a page scanned on its side or upside down), straightened
(the small skew of a scan, found by the sharpest row profile), its ruling lines found and wiped,
its words read with their boxes and confidences (tesseract through pytesseract, with the
Indonesian model alone: adding the English one cost a fifth more CPU a page and read no
indicator more, bench/import_ocr.py), and the words placed in the table's cells by the ruling
lines (by the gaps between words where the table has none). A cell with a word read below the
confidence threshold is named in `Table.doubtful`, for the user to check.

Each page is read in its own bounded child process (zona.lib.readers.isolate) within the page,
time and memory limits, so a progress callback can follow the pages."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import limits as bounds
from .grid import Budget, Grid, Table

LANGUAGES = "ind"
DPI = 200
PSM = 6
# The scan is straightened within these degrees (a page fed crooked into a scanner).
MAX_SKEW = 4.0
# A row (column) of pixels darker than this share over the table is a ruling line.
LINE_SHARE = 0.5
# Tesseract's orientation detection is taken at its word from this confidence; below it each
# orientation is read (at this scale, to be quick) and the one reading the most text wins.
OSD_CONFIDENT = 2.0
QUICK_SCALE = 0.5

Progress = Callable[[int, int], None]  # (pages done, pages in all)


@dataclass
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float

    @property
    def x(self) -> float:
        return self.left + self.width / 2

    @property
    def y(self) -> float:
        return self.top + self.height / 2


@dataclass
class Page:
    """One page read: its table (rows of cell texts), the doubtful cells and the page's text."""

    rows: list[list[str]] = field(default_factory=list)
    doubtful: list[tuple[int, int, int]] = field(default_factory=list)  # (row, column, confidence)
    text: str = ""


def missing() -> str:
    """Why OCR can't run on this machine ('' when it can): tesseract or its languages absent."""
    if not shutil.which("tesseract"):
        return _("the OCR program (tesseract) is not installed on the server")
    try:
        import pytesseract

        languages = set(pytesseract.get_languages(config=""))
    except Exception:  # noqa: BLE001 - a broken installation is an absent one
        return _("the OCR program (tesseract) is not installed on the server")
    if not set(LANGUAGES.split("+")) <= languages:
        return _("the OCR language (Indonesian) is not installed on the server")
    return ""


def page_count(data: bytes, limits: bounds.Limits) -> int:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise bounds.damaged("pdf") from exc
    try:
        count = len(document)
    finally:
        document.close()
    if count > limits.ocr_pages:
        raise bounds.too_many_scanned_pages(count, limits.ocr_pages)
    return count


def read_page(data: bytes, limits: bounds.Limits, number: int) -> Page:
    """Page `number` (from 1) of a scanned PDF, read by OCR. A page whose words read poorly is
    turned as tesseract's orientation detection says (scanned on its side or upside down) and
    read again."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    image = _straight(_render(data, number))
    lines = _ruling(image)
    words = _words(_cleaned(_wiped(image, lines)), limits)
    if _poor(words):
        turned = _upright(image, limits)
        if turned is not image:
            image = _straight(turned)
            lines = _ruling(image)
            words = _words(_cleaned(_wiped(image, lines)), limits)
    rows, doubtful = _cells(words, lines, limits)
    text = "\n".join(" ".join(c for c in row if c) for row in rows)
    return Page(rows=rows, doubtful=doubtful, text=text)


def _poor(words: list[Word]) -> bool:
    """Too few words, or most of them doubtful: the page is probably not upright."""
    if len(words) < 10:
        return True
    confidences = sorted(w.confidence for w in words)
    return confidences[len(confidences) // 2] < 60


def _render(data: bytes, number: int):
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        page = document[number - 1]
        bitmap = page.render(scale=DPI / 72, grayscale=True)
        return bitmap.to_pil().convert("L")
    finally:
        document.close()


def _upright(image, limits: bounds.Limits):
    """The page turned upright. Tesseract's orientation detection says by how many degrees
    clockwise ("Rotate: 90" for a page turned a quarter counter-clockwise); when it is not sure
    (a table's short cells give it little to go on: an upside-down page was seen reported upright
    with a confidence of 1.09), each of the four orientations is read quickly and the one reading
    the most text with confidence wins."""
    rotate, confidence = _orientation(image)
    if confidence >= OSD_CONFIDENT:
        return _turned(image, rotate)
    small = image.resize((max(1, int(image.width * QUICK_SCALE)), max(1, int(image.height * QUICK_SCALE))))
    best = max(
        (rotate, *(r for r in (0, 90, 180, 270) if r != rotate)), key=lambda r: _legible(small, r, limits)
    )
    return _turned(image, best)


def _orientation(image) -> tuple[int, float]:
    """(degrees to turn the page clockwise, tesseract's confidence in it); (0, 0.0) when it can't
    tell."""
    import pytesseract

    small = image.copy()
    small.thumbnail((1600, 1600))
    try:
        found = pytesseract.image_to_osd(small, config="--psm 0 -c min_characters_to_try=20")
    except pytesseract.TesseractError:
        return 0, 0.0
    match = re.search(r"Rotate:\s*(\d+)", found)
    confidence = re.search(r"Orientation confidence:\s*([\d.]+)", found)
    rotate = int(match.group(1)) % 360 if match else 0
    return rotate, float(confidence.group(1)) if confidence else 0.0


def _turned(image, rotate: int):
    """The page turned `rotate` degrees clockwise (PIL's `rotate` turns counter-clockwise)."""
    return image.rotate(-rotate, expand=True, fillcolor=255) if rotate else image


def _legible(image, rotate: int, limits: bounds.Limits) -> int:
    """How much text a quick read of the page turned `rotate` degrees clockwise gives with
    confidence: the letters and digits of its words read at 60 or more."""
    words = _words(_cleaned(_turned(image, rotate)), limits)
    return sum(sum(c.isalnum() for c in w.text) for w in words if w.confidence >= 60)


def _profile_score(image) -> float:
    """How sharply the rows of pixels differ: highest when the text lines and ruling lines lie
    level."""
    from PIL import Image

    column = list(image.resize((1, image.height), Image.Resampling.BOX).getdata())
    return sum((a - b) ** 2 for a, b in zip(column, column[1:], strict=False))


def _skew(image) -> float:
    from PIL import Image

    small = image.copy()
    small.thumbnail((800, 800))
    small = small.point(lambda v: 0 if v < 160 else 255)

    def score(angle: float) -> float:
        turned = small.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
        return _profile_score(turned.resize((turned.width // 4 or 1, turned.height), Image.Resampling.BOX))

    best = max((a / 2 for a in range(int(-MAX_SKEW * 2), int(MAX_SKEW * 2) + 1)), key=score)
    return max((best + a / 10 for a in range(-4, 5)), key=score)


def _straight(image):
    from PIL import Image

    angle = _skew(image)
    if abs(angle) < 0.05:
        return image
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255, expand=False)


@dataclass
class Lines:
    rows: list[int]  # y of each horizontal ruling line, top to bottom
    columns: list[int]  # x of each vertical ruling line, left to right


def _runs(values: list[float], limit: float) -> list[tuple[int, int]]:
    runs, start = [], None
    for index, value in enumerate([*values, 255.0]):
        if value < limit and start is None:
            start = index
        elif value >= limit and start is not None:
            runs.append((start, index))
            start = None
    return runs


def _ruling(image) -> Lines:
    from PIL import Image

    dark = image.point(lambda v: 0 if v < 128 else 255)
    limit = 255 * (1 - LINE_SHARE)
    rows = _runs(list(dark.resize((1, dark.height), Image.Resampling.BOX).getdata()), limit)
    if len(rows) < 2:
        return Lines([], [])
    top, bottom = rows[0][0], rows[-1][1]
    band = dark.crop((0, top, dark.width, bottom))
    columns = _runs(list(band.resize((band.width, 1), Image.Resampling.BOX).getdata()), limit)
    return Lines([(a + b) // 2 for a, b in rows], [(a + b) // 2 for a, b in columns])


def _wiped(image, lines: Lines):
    """The page with its ruling lines painted white, so that tesseract reads the cells' text
    only."""
    from PIL import ImageDraw

    if not lines.rows:
        return image
    image = image.copy()
    draw = ImageDraw.Draw(image)
    for y in lines.rows:
        draw.rectangle((0, y - 5, image.width, y + 5), fill=255)
    for x in lines.columns:
        draw.rectangle((x - 5, lines.rows[0] - 5, x + 5, lines.rows[-1] + 5), fill=255)
    return image


def _cleaned(image):
    """The scanner's specks taken out (a median over 3 × 3 pixels keeps the letters' strokes)."""
    from PIL import ImageFilter

    return image.filter(ImageFilter.MedianFilter(3))


def _words(image, limits: bounds.Limits) -> list[Word]:
    import pytesseract

    found = pytesseract.image_to_data(
        image,
        lang=LANGUAGES,
        config=f"--psm {PSM}",
        output_type=pytesseract.Output.DICT,
        timeout=limits.seconds,
    )
    words = []
    for index, text in enumerate(found["text"]):
        text = (text or "").strip()
        confidence = float(found["conf"][index])
        if not text or confidence < 0:
            continue
        if not any(c.isalnum() for c in text) and confidence < limits.ocr_confidence:
            continue  # a speck or what is left of a ruling line, read as a mark
        words.append(
            Word(
                text=text,
                left=found["left"][index],
                top=found["top"][index],
                width=found["width"][index],
                height=found["height"][index],
                confidence=confidence,
            )
        )
    return words


def _slot(value: float, edges: list[int]) -> int | None:
    for index in range(len(edges) - 1):
        if edges[index] <= value < edges[index + 1]:
            return index
    return None


def _cell_text(words: list[Word]) -> str:
    """The words of one cell in reading order: grouped into lines by their height, each line left
    to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.y):
        if lines and abs(word.y - sum(w.y for w in lines[-1]) / len(lines[-1])) < word.height * 0.6:
            lines[-1].append(word)
        else:
            lines.append([word])
    return "\n".join(" ".join(w.text for w in sorted(line, key=lambda w: w.x)) for line in lines)


def _cells(words: list[Word], lines: Lines, limits: bounds.Limits):
    if len(lines.rows) < 2 or len(lines.columns) < 2:
        return _gapped(words, limits)
    grid: dict[tuple[int, int], list[Word]] = {}
    for word in words:
        row, column = _slot(word.y, lines.rows), _slot(word.x, lines.columns)
        if row is not None and column is not None:
            grid.setdefault((row, column), []).append(word)
    rows: list[list[str]] = []
    doubtful: list[tuple[int, int, int]] = []
    for row in range(len(lines.rows) - 1):
        cells = []
        for column in range(len(lines.columns) - 1):
            found = grid.get((row, column), [])
            cells.append(_cell_text(found))
            low = min((w.confidence for w in found), default=100.0)
            if low < limits.ocr_confidence:
                doubtful.append((len(rows), column, round(low)))
        if any(cells):
            rows.append(cells)
        else:
            doubtful = [d for d in doubtful if d[0] != len(rows)]
    return rows, doubtful


def _gapped(words: list[Word], limits: bounds.Limits):
    """A table without ruling lines: each line of text a row, its cells split where the gap
    between two words is wider than two line heights."""
    rows: list[list[str]] = []
    doubtful: list[tuple[int, int, int]] = []
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.y):
        if lines and abs(word.y - lines[-1][0].y) < word.height * 0.6:
            lines[-1].append(word)
        else:
            lines.append([word])
    for line in lines:
        cells: list[list[Word]] = []
        previous = None
        for word in sorted(line, key=lambda w: w.left):
            if previous is None or word.left - (previous.left + previous.width) > 2 * word.height:
                cells.append([])
            cells[-1].append(word)
            previous = word
        for column, cell in enumerate(cells):
            low = min(w.confidence for w in cell)
            if low < limits.ocr_confidence:
                doubtful.append((len(rows), column, round(low)))
        rows.append([" ".join(w.text for w in cell) for cell in cells])
    return rows, doubtful


def scanned_tables(pages: list[Page], limits: bounds.Limits) -> list[Table]:
    """The pages' tables held to the bounds on rows, columns, cells and characters."""
    budget = Budget(limits)
    tables = []
    for number, page in enumerate(pages, start=1):
        grid = Grid(budget, "", lambda row, p=number: _("page %(p)s, row %(n)s") % {"p": p, "n": row})
        for row_number, row in enumerate(page.rows, start=1):
            grid.keep(row_number, row)
        tables.append(Table(rows=page.rows, page=number, number=1, doubtful=page.doubtful))
    return tables
