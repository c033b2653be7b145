"""The demo's surveys and service standards."""

from __future__ import annotations

import random

from django.utils import timezone

from zona.lib.periods import period_before, period_containing
from zona.surveys.answers import response_submit
from zona.surveys.models import Channel, Service
from zona.surveys.service_standards import standard_publish, standard_save
from zona.surveys.services import follow_up_create, service_add, survey_create, survey_posted, survey_publish
from zona.surveys.standards import COMPONENTS


def load(unit, plan, people) -> None:
    """Two services with a published standard; last quarter's SKM published with a follow-up
    in the plan; this quarter's SKM and IPKP open for answers (their QR posters work)."""
    if Service.objects.filter(unit=unit).exists():
        return
    by = people["koordinator"]
    today = timezone.localdate()
    previous, current = period_before(today), period_containing(today)
    info = service_add(unit=unit, name="Layanan informasi publik (PPID)", by=by)
    data = service_add(unit=unit, name="Layanan data pemilih", by=by)
    for service in (info, data):
        standard = standard_save(
            service=service,
            components={key: f"{label} untuk {service.name} (contoh)" for key, label in COMPONENTS.items()},
            maklumat="Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar "
            "pelayanan yang telah ditetapkan, tanpa pungutan dan tanpa diskriminasi.",
            effective_on=previous[0],
            decree_number="Keputusan KPU Provinsi Sumatera Selatan (contoh)",
            other_media="Papan pengumuman di ruang layanan",
            by=by,
        )
        standard_publish(standard=standard, by=by)
    rng = random.Random(2023)
    # 75 service users in the quarter need 63 respondents (Krejcie & Morgan): the 64 below reach
    # the sample, so the survey counts for LKE A.I.6.iv.a
    past = survey_create(unit=unit, service=info, definition_key="skm@2017", period_start=previous[0],
                         period_end=previous[1], population=75, by=by)  # fmt: skip
    for _ in range(64):
        low = 2 if rng.random() < 0.3 else 3  # U3 (time) the weakest, as often in real surveys
        answers = {f"U{i}": rng.choice([3, 4, 4]) for i in range(1, 10)} | {"U3": rng.choice([low, 3])}
        response_submit(survey=past, answers=answers, channel=Channel.PAPER, by=by,
                        profile={"sex": rng.choice(["Laki-laki", "Perempuan"]),
                                 "education": rng.choice(["SMA/SMK", "D4/S1"])})  # fmt: skip
    survey_publish(survey=past, by=by)
    survey_posted(survey=past, day=today, by=by)
    indicator = plan.areas.order_by("-code").first().components.first().indicators.first()
    follow_up_create(survey=past, item_key="U3", indicator=indicator,
                     text="Menambah petugas layanan informasi pada jam sibuk", pic=people["pic"],
                     due_on=current[1], by=by)  # fmt: skip
    for key in ("skm@2017", "ipkp@1"):
        survey_create(unit=unit, service=info, definition_key=key, period_start=current[0],
                      period_end=current[1], population=400, by=by)  # fmt: skip
