"""The texts of zona/performance/data/formulas.yaml (each choice's source),
repeated for makemessages (their msgids in locale/; the Indonesian is what users read).
Written by `python zona/lke/tests/test_data_translations.py --write`, which checks they are the
data file's texts."""

# ruff: noqa: E501
from django.utils.translation import gettext_noop

MSGIDS = (
    gettext_noop(
        'Pedoman Penyusunan Pelaporan Akuntabilitas Kinerja Instansi Pemerintah (Keputusan Kepala LAN Nomor 239/IX/6/8/2003): (rencana − (realisasi − rencana)) ÷ rencana × 100%; the same formula as PermenPAN-RB 6/2022, Lampiran, capaian IKI "kondisi khusus": (1 + (1 − realisasi ÷ target)) × 100%'
    ),
    gettext_noop(
        "The ratio used by some instansi guidelines and Laporan Kinerja; not found in a SAKIP regulation. A realisation of 0 has no ratio: Zona counts it at the cap in force (120%, or 100% without a cap), as the mirror formula would give at least that much for 0."
    ),
    gettext_noop(
        "PermenPAN-RB 6/2022 (Pengelolaan Kinerja Pegawai ASN), Lampiran: an indicator above 110% is rated 120, the ceiling; KMK 467/KMK.01/2014 (Pengelolaan Kinerja Kementerian Keuangan): indeks capaian IKU paling tinggi 120%"
    ),
    gettext_noop("No SAKIP regulation caps achievement; a Laporan Kinerja shows the plain figure."),
    gettext_noop(
        "The strict reading of LKE B.1.b: every main indicator did better than last year's realisation, in its direction."
    ),
    gettext_noop(
        "More than half of all main indicators did better than last year's realisation (Zona's earlier rule; no regulation)."
    ),
    gettext_noop(
        "The literal words of LKE B.1.b, \"capaian kinerja lebih baik daripada capaian kinerja sebelumnya\": this year's mean achievement above last year's, both from the agreements recorded in Zona."
    ),
)
