"""The demo's portal: the province's public channels, as the seed decree lists them."""

from __future__ import annotations

from zona.portal.models import PortalSettings


def load(unit) -> None:
    PortalSettings.objects.get_or_create(
        unit=unit,
        defaults={
            # the channels the seed decree (Lampiran I, area 5) lists
            "address": "Kantor KPU Provinsi Sumatera Selatan, Palembang",
            "whatsapp": "08877849857",
            "website": "https://sumsel.kpu.go.id/",
            "links": "e-PPID | https://sumselppid.kpu.go.id/\nAplikasi JDIH | https://bit.ly/appjdihkpusumsel",
        },
    )
