"""Reading a 10-page scanned plan by OCR (target: under 60 s on a 2-core machine): the regency
plan (one row per LKE question) drawn as a ruled table, each page turned a little and speckled,
saved as an image-only PDF, then read as the worker reads it (every page in its own bounded child
running tesseract). Prints the time, the pages a second, the peak memory of the largest child
(a page's reader or tesseract) and of the process itself, the share of the indicators' texts read
exactly, and the cells flagged for the user to check.

Run: .venv/bin/python bench/import_ocr.py
"""

import os
import resource
import time

from _setup import django_ready

django_ready()

from zona.lib.readers import read_scan  # noqa: E402
from zona.plans.importers import read_plan  # noqa: E402
from zona.plans.tests.scans import COLUMNS, regency_rows, scanned_pdf  # noqa: E402

PAGES = 10
TARGET_SECONDS = 60


def main() -> None:
    rows = [row[1:] for row in regency_rows()]
    data = scanned_pdf(rows, columns=COLUMNS[1:], max_pages=PAGES)
    done: list[float] = []
    started = time.monotonic()
    content = read_scan(data, lambda page, total: done.append(time.monotonic() - started))
    seconds = time.monotonic() - started
    plan = read_plan(data, "scan.pdf", default_year=2026, scanned=content)
    indicators = plan.indicators()
    drawn = {" ".join(r[4].split()) for r in rows}
    exact = sum(" ".join(i.text.split()) in drawn for i in indicators)
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    own_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = children.ru_utime + children.ru_stime
    load = os.getloadavg()[0]
    pages = len(content.tables)
    marked = sum(i.doubtful for i in indicators)
    print(f"pages read: {pages} (target {PAGES}); PDF {len(data) / 1024 / 1024:.1f} MB")
    print(f"OCR time: {seconds:.1f} s ({seconds / pages:.1f} s a page; target < {TARGET_SECONDS} s)")
    print(f"CPU time of the readers and tesseract: {cpu:.1f} s; machine load during the run: {load:.1f}")
    print(
        f"peak memory: {child_mb:.0f} MB in the largest child (page reader, tesseract), {own_mb:.0f} MB here"
    )
    share = 100 * exact / max(len(indicators), 1)
    print(f"indicators read: {len(indicators)}; texts exact: {exact} ({share:.1f} %)")
    print(f"cells to check (low confidence): {len(plan.doubtful)}; indicators marked: {marked}")
    print("OK" if seconds < TARGET_SECONDS and len(content.tables) == PAGES else "OVER TARGET")


if __name__ == "__main__":
    main()
