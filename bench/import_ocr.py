"""Reading a 10-page scanned plan by OCR (target: under 60 s on a 2-core machine): the regency
plan (one row per LKE question, all twelve columns: `No` … `petugas_id`) drawn as a ruled table on
landscape pages, each page turned a little and speckled, saved as an image-only PDF, then read as
the worker reads it (two pages side by side, each in its own bounded child running tesseract on
one core) and imported. Prints the time, the CPU time a page, the machine's load, the peak memory
(tesseract reading one page, measured apart; the largest child, a page's reader forked from this
process with the pages it shares counted; the process itself), the share of the indicators' texts
read exactly, linked to their LKE question and with their person in charge, and the cells
flagged for the user.

Run: .venv/bin/python bench/import_ocr.py
"""

import os
import resource
import subprocess
import sys
import tempfile
import time

from _setup import django_ready

django_ready()

from zona.lib import readers  # noqa: E402
from zona.lib.readers import ocr  # noqa: E402
from zona.plans.importers import read_plan  # noqa: E402
from zona.plans.tests.regency import questions  # noqa: E402
from zona.plans.tests.scans import regency_rows, scanned_pdf  # noqa: E402

PAGES = 10
TARGET_SECONDS = 60
# tesseract's own peak: a Python that runs it and reports its children's largest resident size
_TESSERACT_PEAK = (
    "import resource, subprocess, sys;"
    "subprocess.run(['tesseract', sys.argv[1], 'stdout', '-l', sys.argv[2], '--psm', sys.argv[3], 'tsv'],"
    " check=True, capture_output=True, env={'OMP_THREAD_LIMIT': '1', 'PATH': '/usr/bin:/bin'});"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def tesseract_peak_mb(data: bytes) -> float:
    """tesseract's peak resident memory reading the first page (rendered as the reader renders it)."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "page.png")
        ocr._render(data, 1).save(path)
        found = subprocess.run(  # noqa: S603 - our own interpreter and arguments
            [sys.executable, "-c", _TESSERACT_PEAK, path, ocr.LANGUAGES, str(ocr.PSM)],
            check=True,
            capture_output=True,
            text=True,
        )
    return int(found.stdout) / 1024


def main() -> None:
    rows = regency_rows()
    data = scanned_pdf(rows, max_pages=PAGES)
    load = os.getloadavg()[0]
    started = time.monotonic()
    content = readers.read_scan(data)
    seconds = time.monotonic() - started
    plan = read_plan(data, "scan.pdf", default_year=2026, scanned=content)
    indicators = plan.indicators()
    drawn = {" ".join(r[5].split()) for r in rows}
    exact = sum(" ".join(i.text.split()) in drawn for i in indicators)
    # each row's question by its number (`No`), and that row's person in charge
    wanted = {questions()[int(r[0]) - 1].ref: r[9] for r in rows}
    linked = len({i.lke_ref for i in indicators if i.lke_ref in wanted})
    persons = sum(i.lke_ref in wanted and i.pic == wanted[i.lke_ref] for i in indicators)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = children.ru_utime + children.ru_stime
    pages = len(content.tables)
    print(f"pages read: {pages} (target {PAGES}); PDF {len(data) / 1024 / 1024:.1f} MB")
    print(f"OCR time: {seconds:.1f} s ({seconds / pages:.1f} s a page; target < {TARGET_SECONDS} s)")
    print(
        f"CPU time of the page readers and tesseract: {cpu:.1f} s ({cpu / pages:.2f} s a page); "
        f"load average: {load:.1f} before, {os.getloadavg()[0]:.1f} after ({os.cpu_count()} cores)"
    )
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"peak memory: tesseract {tesseract_peak_mb(data):.0f} MB a page; the largest child "
        f"{children.ru_maxrss / 1024:.0f} MB (a page's reader, forked: the pages it shares with the "
        f"process counted); the process {own:.0f} MB"
    )
    count = len(indicators) or 1
    print(
        f"indicators read: {len(indicators)}; texts exact: {exact} ({100 * exact / count:.1f} %); "
        f"linked to their own question: {linked}; "
        f"person in charge read: {persons}; areas: {[a.code for a in plan.areas]}"
    )
    marked = sum(i.doubtful for i in indicators)
    print(f"cells to check (low confidence): {len(plan.doubtful)}; indicators marked: {marked}")
    print("OK" if seconds < TARGET_SECONDS and pages == PAGES else "OVER TARGET")


if __name__ == "__main__":
    main()
