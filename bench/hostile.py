"""The hostile-file corpus at full size (the bombs unpack to 1 GB), each file through each entry
point's reader — the plan import (page and `zona import-plan`), the LKE sheet (page, `zona lke
import`, `zona lke score`), the register, risk and unit imports (`read_records`), the survey
questionnaires (page and `zona ikm`): the time of the refusal and its peak memory, the child's
(above what it shares with the web process) and the web process's own (tracemalloc).
Targets: under 5 s and 300 MB each. Run: .venv/bin/python bench/hostile.py"""

import time
import tracemalloc

from _setup import django_ready

django_ready()

from django.utils import translation  # noqa: E402

from zona.lib import readers  # noqa: E402
from zona.lib.readers import isolate  # noqa: E402
from zona.lib.records import FieldSpec, RecordsError, read_records  # noqa: E402
from zona.lib.tests import hostile  # noqa: E402
from zona.lke.instrument import resolve  # noqa: E402
from zona.lke.sheet import SheetError, read_sheet  # noqa: E402
from zona.plans.importers import PlanFileError, read_plan  # noqa: E402
from zona.surveys.respondents import RespondentsError, read  # noqa: E402

translation.activate("id")
INSTRUMENT = resolve(None)
SPECS = [FieldSpec("code", "kode", required=True), FieldSpec("name", "nama", required=True)]
ENTRIES = {
    "plan": lambda data, name: read_plan(data, name),
    "lke sheet": lambda data, name: read_sheet(data, name, INSTRUMENT),
    "records": lambda data, name: read_records(data, SPECS),
    "survey": lambda data, name: read(data, name, [f"U{n}" for n in range(1, 10)]),
}
REFUSALS = (PlanFileError, SheetError, RecordsError, RespondentsError, readers.ReadError)

# warm up: the first read of each kind imports its libraries into the web process
WARM = {
    "warm.csv": b"kode,nama\nA,B\n",
    "warm.xlsx": hostile.xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>kode</t></is></c></row>'),
    "warm.xls": hostile.xls([["kode"]]),
    "warm.ods": hostile.ods([["kode"]]),
    "warm.docx": hostile.docx_table([["NO", "INDIKATOR"]]),
    "warm.pdf": hostile.pdf_without_mediabox()[1].replace(
        b"/Parent 2 0 R /Contents", b"/Parent 2 0 R /MediaBox [0 0 9 9] /Contents"
    ),
}
for warm_name, warm_data in WARM.items():
    for call in ENTRIES.values():
        try:
            call(warm_data, warm_name)
        except REFUSALS:
            pass

worst_seconds = worst_mb = 0.0
print(f"{'file':27} {'entry':10} {'seconds':>8} {'child MB':>9} {'web MB':>7}  message")
for file_name, build in hostile.CORPUS.items():
    filename, data = build()
    for entry, call in ENTRIES.items():
        isolate.last.run = isolate.Run()
        tracemalloc.start()
        started = time.perf_counter()
        try:
            call(data, filename)
            message = "(read: no error)"
        except REFUSALS as exc:
            message = str(exc)
        seconds = time.perf_counter() - started
        web_mb = (tracemalloc.get_traced_memory()[1] - len(data)) / 2**20
        tracemalloc.stop()
        child_mb = isolate.last.run.peak_mb
        worst_seconds, worst_mb = max(worst_seconds, seconds), max(worst_mb, child_mb, web_mb)
        print(f"{file_name:27} {entry:10} {seconds:8.2f} {child_mb:9.0f} {web_mb:7.0f}  {message[:90]}")
print(f"worst: {worst_seconds:.2f} s, {worst_mb:.0f} MB (targets: < 5 s, < 300 MB)")
