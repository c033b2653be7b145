"""The WBS's part of `zona demo`: keys for the demo recipient and custodian and one report sealed
to them. The demo loader calls this instead of the WBS's services (zona/architecture.yaml)."""

from .crypto import receipt_shown
from .keys import key_create, key_reset
from .models import RecipientKey, Report
from .reports import report_submit


def demo_report(*, unit, people: dict, password: str) -> tuple[str, str]:
    """Give "penerima.wbs" and "kustodian.wbs" a key (a new passphrase on every run) and seal one
    demo report to them; return the passphrase and the report's receipt code."""
    passphrase = f"{password}-wbs-demo"
    for username in ("penerima.wbs", "kustodian.wbs"):
        user = people[username]
        if RecipientKey.objects.filter(user=user).exists():
            key_reset(user=user, passphrase=passphrase)  # a new run prints a new passphrase…
        else:
            key_create(user=user, passphrase=passphrase)
    Report.objects.filter(unit=unit).delete()  # …and the demo report is sealed again to the new keys
    _report, code = report_submit(
        unit=unit,
        answers={
            "what": "Contoh laporan: pegawai meminta imbalan untuk mempercepat layanan salinan dokumen.",
            "who": "Petugas loket (contoh)",
            "when": "Senin pagi",
            "where": "Loket layanan informasi",
            "how": "Disampaikan secara lisan kepada pemohon",
        },
        identity=None,
        uploads=[],
    )
    receipt = receipt_shown(code)
    return passphrase, receipt
