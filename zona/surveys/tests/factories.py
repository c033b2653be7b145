"""Services, surveys and answers as the unit makes them (through the services, so the running
tally is kept as in real use)."""

from __future__ import annotations

import secrets
from datetime import date

import factory
from factory.django import DjangoModelFactory

from zona.surveys.answers import response_submit
from zona.surveys.models import Channel, Service
from zona.surveys.services import survey_create

Q1 = (date(2026, 1, 1), date(2026, 3, 31))
DURING_Q1 = date(2026, 2, 15)
SKM = "skm@2017"
KEYS = [f"U{n}" for n in range(1, 10)]


class ServiceFactory(DjangoModelFactory):
    class Meta:
        model = Service

    name = factory.Sequence(lambda n: f"Layanan informasi {n}")


def make_survey(unit, by, *, service=None, period=Q1, definition=SKM, **extra):
    service = service or ServiceFactory(unit=unit)
    return survey_create(
        unit=unit,
        service=service,
        definition_key=definition,
        period_start=period[0],
        period_end=period[1],
        by=by,
        **extra,
    )


def answer(survey, values, *, device=None, channel=Channel.ONLINE, profile=None, **extra):
    """One questionnaire, from a fresh device unless one is given."""
    keys = [item.key for item in survey.spec().items]
    return response_submit(
        survey=survey,
        answers=dict(zip(keys, values, strict=True)),
        profile=profile or {},
        device=secrets.token_hex(8) if device is None else device,
        channel=channel,
        **extra,
    )
