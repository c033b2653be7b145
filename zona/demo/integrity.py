"""The demo's integrity instruments: the WBS (keys and a sealed report), a gratification
report, the public campaign and the unit's conflict-of-interest map."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from zona.coi.models import MainFunction
from zona.coi.services import function_add, risk_add
from zona.gratification.models import GratificationReport
from zona.gratification.services import report_create
from zona.integrity.models import Socialisation
from zona.integrity.services import socialisation_record
from zona.wbs.demo import demo_report


def load(unit, people, password) -> tuple[str, str]:
    """WBS keys for the recipient and the custodian (a demo report sealed to them), a UPG with
    a report, the public campaign, and the unit's main functions with their conflict map."""
    passphrase, receipt = demo_report(unit=unit, people=people, password=password)
    today = timezone.localdate()
    if not GratificationReport.objects.filter(unit=unit).exists():
        report_create(
            unit=unit,
            reporter=people["pic"],
            fields={
                "kind": "diterima",
                "category": "ceremony",
                "form": "barang",
                "description": "Bingkisan pada pernikahan anak (contoh)",
                "value": Decimal(2_000_000),
                "received_on": today,
                "place": "Palembang",
                "giver_name": "Rekanan pengadaan (contoh)",
                "giver_relationship": "Penyedia barang/jasa",
                "occasion": "Pernikahan anak",
                "chronology": "Diantar ke rumah oleh kurir.",
                "handed_over": True,
            },
        )
    if not Socialisation.objects.filter(unit=unit).exists():
        socialisation_record(
            unit=unit,
            topic="gratifikasi",
            held_on=today,
            title="Spanduk “Tolak Gratifikasi” di ruang layanan",
            channel="spanduk",
            by=people["upg"],
        )
    if not MainFunction.objects.filter(unit=unit).exists():
        by = people["koordinator"]
        for name, kind, source, situation, control in [
            (
                "Pencalonan",
                "kerabat",
                "afiliasi",
                "Calon yang berkerabat dengan verifikator",
                "Verifikator mundur, diganti",
            ),
            (
                "Pengadaan barang/jasa",
                "hubungan_usaha",
                "kewenangan",
                "Penyedia dikenal pejabat pengadaan",
                "Pakta integritas, panitia lain",
            ),
            (
                "Layanan informasi publik",
                "informasi",
                "kepentingan_pribadi",
                "Data pemohon dipakai di luar layanan",
                "Akses data dibatasi",
            ),
        ]:
            risk_add(function=function_add(unit=unit, name=name, by=by), kind=kind, source=source,
                     description=situation, control=control, by=by)  # fmt: skip
    return passphrase, receipt
